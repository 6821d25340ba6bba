//! Entry point of the page (built by Trunk).

fn main() {
    pec_web::start();
}
