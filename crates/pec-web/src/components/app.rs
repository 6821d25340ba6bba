//! The page's state: the language and the files dropped so far, newest first, each pending or
//! verified. Verification yields to the browser first, so the busy state is painted. Embedded
//! (`?embed=1`), each report also goes to the embedding page.

use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;
use yew::prelude::*;

use super::drop_zone::DropZone;
use super::help::help;
use super::lang_switch::LangSwitch;
use super::result_card::ResultCard;
use super::{Shared, Verified};
use crate::embed;
use crate::text::Lang;

/// Where the language choice is remembered.
const LANG_KEY: &str = "pec-lang";

/// One dropped file and, once the engine is done, what it found.
#[derive(Clone, PartialEq)]
pub struct Entry {
    pub id: usize,
    pub name: String,
    pub verified: Option<Shared<Verified>>,
}

#[derive(Default, PartialEq)]
struct Entries(Vec<Entry>);

enum Action {
    Add(usize, String),
    Done(usize, Verified),
}

impl Reducible for Entries {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut entries = self.0.clone();
        match action {
            Action::Add(id, name) => entries.insert(
                0,
                Entry {
                    id,
                    name,
                    verified: None,
                },
            ),
            Action::Done(id, verified) => {
                if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                    entry.verified = Some(Shared(Rc::new(verified)));
                }
            }
        }
        Rc::new(Self(entries))
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(first_lang);
    let entries = use_reducer(Entries::default);
    let next_id = use_mut_ref(|| 0usize);
    // The trust store is read once per page, not once per file.
    let options = use_memo((), |()| pec::Options::default());

    use_effect_with(*lang, |lang| remember(*lang));

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };
    let on_files = {
        let entries = entries.clone();
        Callback::from(move |files: Vec<File>| {
            for file in files {
                let id = {
                    let mut next = next_id.borrow_mut();
                    *next += 1;
                    *next
                };
                let name = file.name();
                entries.dispatch(Action::Add(id, name.clone()));
                let entries = entries.clone();
                let options = options.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    // A file too large to examine is refused before a byte of it is read.
                    let (input, report) = if file.size() > pec::locate::MAX_INPUT as f64 {
                        (Vec::new(), pec::Report::too_large())
                    } else {
                        let input = read(&file).await;
                        next_paint().await;
                        // The moment of verification is this file's, not the page's.
                        let options = pec::Options {
                            now: Some(now()),
                            ..(*options).clone()
                        };
                        let timing = VerifyTiming::start();
                        let report = pec::verify(&input, &options);
                        timing.end();
                        (input, report)
                    };
                    embed::hand_over(&name, &report);
                    entries.dispatch(Action::Done(
                        id,
                        Verified {
                            input,
                            report,
                            at: now(),
                        },
                    ));
                });
            }
        })
    };

    let t = lang.text();
    html! {
        <ContextProvider<Lang> context={*lang}>
            <header class="site-header">
                <div class="wrap header-row">
                    <p class="site-name">{ t.site_name }</p>
                    <LangSwitch lang={*lang} on_change={on_lang} />
                </div>
            </header>
            <main class="wrap">
                <h1>{ t.title }</h1>
                <p class="lead">{ t.lead }</p>
                <DropZone {on_files} />
                { help(t) }
                <section class="results" aria-live="polite" aria-label={t.results_label}>
                    { for entries.0.iter().map(|entry| html! {
                        <ResultCard key={entry.id} entry={entry.clone()} />
                    }) }
                </section>
            </main>
        </ContextProvider<Lang>>
    }
}

/// The file's bytes; an unreadable file reads as empty, which the core reports as such.
///
/// Read a slice at a time straight into the engine's memory: reading the whole file into one
/// JavaScript buffer first would hold a second copy of it at the peak.
async fn read(file: &File) -> Vec<u8> {
    const SLICE: f64 = 4_194_304.0;
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + SLICE).min(size);
        let Ok(slice) = file.slice_with_f64_and_f64(start, end) else {
            return Vec::new();
        };
        let Ok(buffer) = JsFuture::from(slice.array_buffer()).await else {
            return Vec::new();
        };
        let slice = Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + slice.length() as usize, 0);
        slice.copy_to(&mut bytes[at..]);
        start = end;
    }
    bytes
}

/// Resolves after the next paint: the frame callback runs before painting, the timer after, so
/// the "Verifica in corso…" state is on screen before the core takes the thread.
async fn next_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let frame = Promise::new(&mut |resolve, _| {
        let _ = window.request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(frame).await;
    let tick = Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(tick).await;
}

/// The engine's time on one file as the User Timing measure "pec-verify", which the browser's
/// performance tools show and `cargo xtask bench` reads.
struct VerifyTiming(Option<web_sys::Performance>);

impl VerifyTiming {
    const START: &str = "pec-verify-start";

    fn start() -> Self {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(performance) = &performance {
            let _ = performance.mark(Self::START);
        }
        Self(performance)
    }

    fn end(self) {
        if let Some(performance) = &self.0 {
            let _ = performance.measure_with_start_mark("pec-verify", Self::START);
        }
    }
}

/// The browser's clock, in its own time zone: the core has no clock, the report's date of
/// verification comes from here.
fn now() -> pec::Timestamp {
    let date = js_sys::Date::new_0();
    pec::Timestamp {
        unix: (date.get_time() / 1000.0) as i64,
        offset_minutes: -(date.get_timezone_offset() as i32),
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The language the address asks for (`lang=it|en`, which the page's script, www/page.js,
/// passes on as `<html data-lang>`), else the one remembered, else Italian.
fn first_lang() -> Lang {
    let document = web_sys::window().and_then(|w| w.document());
    let asked = document.and_then(|d| d.document_element()?.get_attribute("data-lang"));
    asked
        .or_else(|| storage()?.get_item(LANG_KEY).ok()?)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::It)
}

/// Remembers the choice and tells assistive technology which language the page is in.
fn remember(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}
