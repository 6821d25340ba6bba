//! The web page: a drop zone and one result card per file, verified by the core in the
//! browser. Nothing the user drops leaves the page; embedded in another site's page, the page's
//! script (www/page.js, `embed`) posts each report, never the file, to that page. The names the
//! page and that script share are in `contract`.

mod components;
pub mod contract;
mod download;
mod embed;
mod language;
mod print;
mod state;
mod text;
mod verify;
mod worker;

pub use components::app::App;

/// Mounts the page, after closing the network: once the engine is loaded, the page needs no
/// connection at all, so a second Content-Security-Policy forbids every one. The page as
/// index.html wrote it gives way to the engine's (the files it held come next, from the
/// page's script).
pub fn start() {
    // Started again in the page's worker, the module draws nothing: it waits to be asked
    // (`engine_worker`).
    if web_sys::window().is_none() {
        return;
    }
    close_connections();
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(contract::SHELL_ID))
    {
        shell.remove();
    }
    yew::Renderer::<App>::new().render();
}

/// In the page's worker: answers the page's files (`worker`), after warming up when `warm`.
/// Called by the worker's script once this module runs there, `warm` when nothing was asked
/// of it yet.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn engine_worker(warm: bool) {
    use wasm_bindgen::JsCast;
    if let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
        worker::work(scope, warm);
    }
}

/// Adds `<meta http-equiv="Content-Security-Policy" content="connect-src 'none'">`. Policies
/// accumulate: the page's own policy still applies, this one only narrows it.
fn close_connections() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(head), Ok(meta)) = (document.head(), document.create_element("meta")) else {
        return;
    };
    // A failure here only leaves the page's first policy (connect-src 'self') in force.
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", "connect-src 'none'");
    let _ = head.append_child(&meta);
}
