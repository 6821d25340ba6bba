//! The app in a real browser: it mounts, a file given to its input is verified, and embedded it
//! announces each report to the page's script.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise, Uint8Array};
use pec_web::contract::{EMBEDDED_CLASS, FILE_INPUT_ID, REPORT_EVENT};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CustomEvent, DataTransfer, Element, Event, EventInit, File, HtmlInputElement};

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

async fn file_input(root: &Element) -> HtmlInputElement {
    wait_for(root, &format!("#{FILE_INPUT_ID}"))
        .await
        .dyn_into()
        .expect("an input")
}

/// Gives `bytes` to the input as the file `name`, as the chooser (or the page's script) does.
fn give(input: &HtmlInputElement, bytes: &[u8], name: &str) {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let file = File::new_with_u8_array_sequence(&parts, name).expect("a file");
    let transfer = DataTransfer::new().expect("a DataTransfer");
    transfer.items().add_with_file(&file).expect("added");
    input.set_files(transfer.files().as_ref());
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).expect("an event"))
        .expect("dispatched");
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
    let input = file_input(&root).await;
    assert_eq!(input.type_(), "file");
    assert!(input.multiple());
}

#[wasm_bindgen_test]
async fn a_file_given_to_the_input_is_verified() {
    let root = mount();
    let input = file_input(&root).await;
    give(&input, GENUINE, "ricevuta.eml");

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

#[wasm_bindgen_test]
async fn only_the_embedded_page_announces_each_report() {
    let window = web_sys::window().expect("a window");
    let heard = Rc::new(RefCell::new(Vec::<String>::new()));
    let listener = {
        let heard = Rc::clone(&heard);
        Closure::<dyn Fn(CustomEvent)>::new(move |event: CustomEvent| {
            heard
                .borrow_mut()
                .push(event.detail().as_string().expect("the report's JSON"));
        })
    };
    window
        .add_event_listener_with_callback(REPORT_EVENT, listener.as_ref().unchecked_ref())
        .expect("listening");
    let root = mount();
    let input = file_input(&root).await;

    give(&input, GENUINE, "alone.eml");
    // The report is handed over before the card shows it.
    wait_for(&root, ".verdict").await;
    assert!(heard.borrow().is_empty(), "announced while not embedded");

    let html = window
        .document()
        .and_then(|d| d.document_element())
        .expect("<html>");
    html.class_list().add_1(EMBEDDED_CLASS).expect("marked");
    give(&input, GENUINE, "portal.eml");
    for _ in 0..100 {
        if !heard.borrow().is_empty() {
            break;
        }
        sleep(50).await;
    }
    html.class_list()
        .remove_1(EMBEDDED_CLASS)
        .expect("unmarked");
    window
        .remove_event_listener_with_callback(REPORT_EVENT, listener.as_ref().unchecked_ref())
        .expect("no longer listening");
    let heard = heard.borrow();
    assert_eq!(heard.len(), 1, "one report per file");
    assert!(heard[0].contains(r#""file":"portal.eml""#), "{}", heard[0]);
    assert!(
        heard[0].contains(r#""verdict":"TOTAL-PASSED""#),
        "{}",
        heard[0]
    );
}
