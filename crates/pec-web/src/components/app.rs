//! The page's state: the files dropped so far, newest first, each pending or verified.

use std::rc::Rc;

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;
use yew::prelude::*;

use super::drop_zone::DropZone;
use super::result_card::ResultCard;
use crate::text::IT;

/// One dropped file and, once the engine is done, its report.
#[derive(Clone)]
pub struct Entry {
    pub id: usize,
    pub name: String,
    pub report: Option<Rc<pec::Report>>,
}

/// A report never changes once made: the same allocation means the same entry.
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        let same_report = match (&self.report, &other.report) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        self.id == other.id && self.name == other.name && same_report
    }
}

#[derive(Default, PartialEq)]
struct Entries(Vec<Entry>);

enum Action {
    Add(usize, String),
    Done(usize, pec::Report),
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
                    report: None,
                },
            ),
            Action::Done(id, report) => {
                if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                    entry.report = Some(Rc::new(report));
                }
            }
        }
        Rc::new(Self(entries))
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let entries = use_reducer(Entries::default);
    let next_id = use_mut_ref(|| 0usize);

    let on_files = {
        let entries = entries.clone();
        Callback::from(move |files: Vec<File>| {
            for file in files {
                let id = {
                    let mut next = next_id.borrow_mut();
                    *next += 1;
                    *next
                };
                entries.dispatch(Action::Add(id, file.name()));
                let entries = entries.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let report = pec::verify(&read(&file).await, &pec::Options::default());
                    entries.dispatch(Action::Done(id, report));
                });
            }
        })
    };

    html! {
        <>
            <header class="site-header">
                <div class="wrap">
                    <p class="site-name">{ IT.site_name }</p>
                </div>
            </header>
            <main class="wrap">
                <h1>{ IT.title }</h1>
                <p class="lead">{ IT.lead }</p>
                <DropZone {on_files} />
                <section class="results" aria-live="polite" aria-label={IT.results_label}>
                    { for entries.0.iter().map(|entry| html! {
                        <ResultCard key={entry.id} entry={entry.clone()} />
                    }) }
                </section>
            </main>
        </>
    }
}

/// The file's bytes; an unreadable file reads as empty, which the core reports as such.
async fn read(file: &File) -> Vec<u8> {
    match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}
