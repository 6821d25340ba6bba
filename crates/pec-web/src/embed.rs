//! The viewer inside another site's page. The page's script (www/page.js) reads the address
//! (`?embed=1&origin=…`), marks the page with [`EMBEDDED_CLASS`] and speaks the postMessage
//! protocol; the engine's part is to hand it each verified file's report, the same JSON as
//! `pec-verify --json` and the page's download, and the dossiers of the files, the same JSON as
//! `pec-verify --dossier --json`.

use pec::dossier::{self, Dossier};
use web_sys::{CustomEvent, CustomEventInit};

use crate::contract::{DOSSIERS_EVENT, EMBEDDED_CLASS, REPORT_EVENT};

/// Embedded, dispatches a [`REPORT_EVENT`] on the window whose detail is the report's JSON;
/// the page's script posts it on to the embedding page, if its origin is listed.
pub fn hand_over(name: &str, report: &pec::Report) {
    announce(REPORT_EVENT, || report.to_json(name));
}

/// Embedded, dispatches a [`DOSSIERS_EVENT`] whose detail is the document of
/// `pec-verify --dossier --json` for `files`, put together as `dossiers`.
pub fn hand_over_dossiers(dossiers: &[Dossier], files: &[dossier::File<'_>]) {
    announce(DOSSIERS_EVENT, || dossier::to_json(dossiers, files));
}

/// Dispatches `event` with the JSON `detail` writes, written only when the page is embedded.
fn announce(event: &str, detail: impl FnOnce() -> String) {
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
    init.set_detail(&detail().into());
    if let Ok(event) = CustomEvent::new_with_event_init_dict(event, &init) {
        let _ = window.dispatch_event(&event);
    }
}
