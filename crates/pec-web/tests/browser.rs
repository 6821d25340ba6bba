//! The app in a real browser: it mounts, and a file given to its input is verified.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{DataTransfer, Element, Event, EventInit, File, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const GENUINE: &[u8] =
    include_bytes!("../../../../shared/samples/real/aruba-agidca1-accettazione.eml");

fn mount() -> Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<pec_web::App>::with_root(root.clone()).render();
    root
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("a timer");
    });
    JsFuture::from(promise).await.expect("slept");
}

/// Polls until `selector` matches inside `root`, for at most five seconds.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return found;
        }
        sleep(50).await;
    }
    panic!("{selector} never appeared");
}

#[wasm_bindgen_test]
async fn mounts_with_a_drop_zone_and_a_file_input() {
    let root = mount();
    let zone = wait_for(&root, ".drop-zone").await;
    assert!(
        zone.text_content()
            .unwrap_or_default()
            .contains("Trascina qui")
    );
    let input: HtmlInputElement = wait_for(&root, "#file-input")
        .await
        .dyn_into()
        .expect("an input");
    assert_eq!(input.type_(), "file");
    assert!(input.multiple());
}

#[wasm_bindgen_test]
async fn a_file_given_to_the_input_is_verified() {
    let root = mount();
    let input: HtmlInputElement = wait_for(&root, "#file-input")
        .await
        .dyn_into()
        .expect("an input");
    let parts = Array::of1(&Uint8Array::from(GENUINE));
    let file = File::new_with_u8_array_sequence(&parts, "ricevuta.eml").expect("a file");
    let transfer = DataTransfer::new().expect("a DataTransfer");
    transfer.items().add_with_file(&file).expect("added");
    input.set_files(transfer.files().as_ref());
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).expect("an event"))
        .expect("dispatched");

    let verdict = wait_for(&root, ".verdict").await;
    assert_eq!(
        wait_for(&root, ".file-name")
            .await
            .text_content()
            .as_deref(),
        Some("ricevuta.eml")
    );
    assert!(
        verdict
            .text_content()
            .unwrap_or_default()
            .contains("Ricevuta PEC autentica")
    );
    let kind = wait_for(&root, ".kind")
        .await
        .text_content()
        .unwrap_or_default();
    assert_eq!(kind, "Ricevuta di accettazione");
}
