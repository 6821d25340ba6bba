//! The page's language in the browser: asked for in the address (the page's script leaves it
//! in [`LANG_ATTRIBUTE`]), remembered in the origin's storage, announced on `<html lang>`
//! and in the document's title and description.

use crate::contract::LANG_ATTRIBUTE;
use crate::state;
use crate::text::Lang;

/// Where the language choice is remembered.
const LANG_KEY: &str = "pec-lang";

/// The language the page starts in ([`state::first_lang`]).
pub fn first() -> Lang {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    let asked = root.and_then(|root| root.get_attribute(LANG_ATTRIBUTE));
    let remembered = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    state::first_lang(asked.as_deref(), remembered.as_deref())
}

/// Remembers the choice and tells assistive technology, the tab and bookmarks which language
/// the page is in.
pub fn remember(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
    let t = lang.text();
    document.set_title(t.title);
    if let Ok(Some(meta)) = document.query_selector("meta[name=description]") {
        let _ = meta.set_attribute("content", t.description);
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
