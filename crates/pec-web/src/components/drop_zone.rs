//! The drop zone: a large target for dragged files that is also the file chooser's label
//! (on a phone, the chooser is the way in).

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};
use yew::prelude::*;

use crate::contract::FILE_INPUT_ID;
use crate::text::use_text;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_files: Callback<Vec<File>>,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &Props) -> Html {
    let t = use_text();
    let dragging = use_state(|| false);

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            on_files.emit(files(e.data_transfer().and_then(|d| d.files())));
        })
    };
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
        <label class={classes!("drop-zone", dragging.then_some("dragging"))}
               {ondragover} {ondragleave} {ondrop}>
            <input type="file" id={FILE_INPUT_ID} class="visually-hidden" multiple=true
                   accept=".eml,message/rfc822,.mbox,.msg,application/vnd.ms-outlook,.p7m,application/pkcs7-mime" {onchange} />
            <span class="drop-icon" aria-hidden="true">{ "⇪" }</span>
            <span class="drop-title">{ t.drop_title }</span>
            <span class="drop-hint">{ t.drop_hint }</span>
        </label>
    }
}

fn files(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
