//! The drop zone: a large target that is also the file chooser's label (on a phone, the
//! chooser is the way in). Files dropped anywhere on the page reach the same input: the
//! page's script hands them over (www/page.js), so a drop beside the box is not lost.

use wasm_bindgen::JsCast;
use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

use crate::contract::FILE_INPUT_ID;
use crate::text::use_text;

/// What the file chooser offers: every form the engine reads (index.html's drop zone, shown
/// before the engine runs, offers the same).
pub const ACCEPT: &str = ".eml,message/rfc822,.mbox,.msg,application/vnd.ms-outlook,.p7m,application/pkcs7-mime,.zip,application/zip,.crl,application/pkix-crl";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_files: Callback<Vec<File>>,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &Props) -> Html {
    let t = use_text();
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            on_files.emit(files(input.files()));
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };

    html! {
        <label class="drop-zone">
            <input type="file" id={FILE_INPUT_ID} class="visually-hidden" multiple=true
                   accept={ACCEPT} {onchange} />
            // An arrow rising from a tray: the upload icon of the Italian design kit's kind.
            <svg class="drop-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 3l-5 5h3.5v7h3V8H17zM4 15v5h16v-5h-2v3H6v-3z" />
            </svg>
            <span class="drop-title">{ t.drop_title }</span>
            <span class="drop-hint">{ t.drop_hint }</span>
        </label>
    }
}

fn files(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
