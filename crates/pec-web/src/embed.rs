//! The viewer inside another site's page. The page's script (www/page.js) reads the address
//! (`?embed=1&origin=…`), marks the page with [`EMBEDDED_CLASS`] and speaks the postMessage
//! protocol; the engine's part is to hand it each verified file's report, the same JSON as
//! `pec-verify --json` and the page's download.

use web_sys::{CustomEvent, CustomEventInit};

use crate::contract::{EMBEDDED_CLASS, REPORT_EVENT};

/// Embedded, dispatches a [`REPORT_EVENT`] on the window whose detail is the report's JSON;
/// the page's script posts it on to the embedding page, if its origin is listed.
pub fn hand_over(name: &str, report: &pec::Report) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let embedded = window
        .document()
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.class_list().contains(EMBEDDED_CLASS));
    if !embedded {
        return;
    }
    let init = CustomEventInit::new();
    init.set_detail(&report.to_json(name).into());
    if let Ok(event) = CustomEvent::new_with_event_init_dict(REPORT_EVENT, &init) {
        let _ = window.dispatch_event(&event);
    }
}
