//! The page: the language and the files dropped so far ([`state`](crate::state)), wired to the
//! browser. Each file goes through the engine in a task of its own (`verify`); embedded, each
//! report also goes to the embedding page (`embed`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::File;
use yew::prelude::*;

use super::dossiers::dossiers;
use super::drop_zone::DropZone;
use super::help::help;
use super::lang_switch::LangSwitch;
use super::result_card::ResultCard;
use super::site_footer::site_footer;
use super::status::status;
use super::summary::Summary;
use crate::contract::{FILE_INPUT_ID, PORTAL_FILE_TYPE};
use crate::state::{Action, Entries, View};
use crate::text::Lang;
use crate::{embed, language, verify};

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(language::first);
    let entries = use_reducer(Entries::default);
    let next_id = use_mut_ref(|| 0usize);
    // The first id of the last drop or choice, and how many files had been dropped again
    // before it: the status region speaks of that drop's files as shown (a file already on the
    // page is shown once) and says how many of them were dropped again.
    let batch = use_state(|| (usize::MAX, 0));
    let engine = (*use_memo((), |_| verify::Engine::start())).clone();
    // The files being verified again, so that each is asked for once.
    let again = use_mut_ref(Vec::<usize>::new);
    let view = use_state(View::default);
    // Whether a file of the last drop was cancelled, for the status region.
    let cancelled = use_state(|| false);
    let sendings = use_memo(entries.clone(), |entries| sendings(entries));

    use_effect_with(*lang, |lang| language::remember(*lang));
    {
        let engine = engine.clone();
        let dispatch = entries.dispatcher();
        use_effect_with(entries.clone(), move |entries| {
            judge_again(entries, &engine, &again, &dispatch);
        });
    }
    // Embedded, the portal learns the dossiers each time every file on the page is verified.
    {
        let sendings = sendings.clone();
        use_effect_with(entries.clone(), move |entries| {
            if let Some(files) = verified_files(entries).filter(|files| !files.is_empty()) {
                embed::hand_over_dossiers(&sendings, &files);
            }
        });
    }

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };
    let on_files = {
        let entries = entries.clone();
        let batch = batch.clone();
        let engine = engine.clone();
        let cancelled = cancelled.clone();
        Callback::from(move |files: Vec<File>| {
            batch.set((*next_id.borrow() + 1, entries.repeated));
            cancelled.set(false);
            for file in files {
                let id = {
                    let mut next = next_id.borrow_mut();
                    *next += 1;
                    *next
                };
                let name = file.name();
                entries.dispatch(Action::Add {
                    id,
                    name: name.clone(),
                    from_portal: file.type_() == PORTAL_FILE_TYPE,
                    size: file.size() as u64,
                });
                let entries = entries.clone();
                let engine = engine.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let read = entries.dispatcher();
                    let read = move |bytes| read.dispatch(Action::Read { id, bytes });
                    let Some(verified) = engine.verify(id, &file, read).await else {
                        return entries.dispatch(Action::Cancel { id });
                    };
                    embed::hand_over(&name, &verified.report);
                    entries.dispatch(Action::Done { id, verified });
                });
            }
        })
    };

    let on_cancel = {
        let entries = entries.clone();
        let cancelled = cancelled.clone();
        Callback::from(move |id: usize| {
            engine.cancel(id);
            entries.dispatch(Action::Cancel { id });
            cancelled.set(true);
            // The button goes with its card: the keyboard's focus goes back to the drop zone.
            if let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(FILE_INPUT_ID))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        })
    };

    let t = lang.text();
    let (first, repeated_before) = *batch;
    let last: Vec<_> = entries.iter().filter(|e| e.id >= first).collect();
    let repeated = entries.repeated.saturating_sub(repeated_before);
    let has_results = entries.iter().next().is_some();
    let many = entries.iter().nth(1).is_some();
    html! {
        <ContextProvider<Lang> context={*lang}>
            <header class="site-header">
                <div class="wrap header-row">
                    <p class="site-name">{ t.site_name }</p>
                    <LangSwitch lang={*lang} on_change={on_lang} />
                </div>
            </header>
            <main class={classes!("wrap", has_results.then_some("has-results"))}>
                <h1>{ t.title }</h1>
                <p class="lead">{ t.lead }</p>
                <DropZone {on_files} />
                { help(t) }
                <p class="visually-hidden" role="status">{ status(t, &last, repeated, *cancelled) }</p>
                if many {
                    <Summary entries={entries.clone()} view={view.clone()} />
                    { dossiers(t, &sendings, &entries, last_verified(&entries)) }
                }
                <section class="results" aria-label={t.results_label}>
                    { for entries.ordered(*view).into_iter().map(|(entry, shown)| html! {
                        <ResultCard key={entry.id} entry={entry.clone()} hidden={!shown}
                                    on_cancel={on_cancel.clone()} />
                    }) }
                </section>
            </main>
            { site_footer(t) }
        </ContextProvider<Lang>>
    }
}

/// The engine holds the revocation lists among the files; every file it verified with other
/// lists is verified again (once: `again` holds those asked for), so that a list dropped after
/// the receipts (or cleared) counts for them all, and an embedding portal receives the new
/// report.
fn judge_again(
    entries: &Entries,
    engine: &verify::Engine,
    again: &Rc<RefCell<Vec<usize>>>,
    dispatch: &UseReducerDispatcher<Entries>,
) {
    engine.hold(entries.list_files());
    for entry in entries.iter() {
        let Some(verified) = entry.verified.as_ref() else {
            continue;
        };
        if !engine.stale(verified) || again.borrow().contains(&entry.id) {
            continue;
        }
        again.borrow_mut().push(entry.id);
        let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(verified.input.as_slice()));
        let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence(&bytes) else {
            continue;
        };
        let (id, name) = (entry.id, entry.name.clone());
        let (engine, again, dispatch) = (engine.clone(), again.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let verified = engine.verify(id, &blob, |_| {}).await;
            verify::take(&mut again.borrow_mut(), id);
            if let Some(verified) = verified {
                embed::hand_over(&name, &verified.report);
                dispatch.dispatch(Action::Again { id, verified });
            }
        });
    }
}

/// The dossier of every sending the files name, put together by the core once every file is
/// verified (a breve receipt's digests are compared with every file: once a batch, not once a
/// file).
fn sendings(entries: &Entries) -> Vec<pec::dossier::Dossier> {
    verified_files(entries).map_or_else(Vec::new, |files| pec::dossier::dossiers(&files))
}

/// Every file on the page as the core takes them together, in the order dropped; `None` while
/// one is being verified.
fn verified_files(entries: &Entries) -> Option<Vec<pec::dossier::File<'_>>> {
    entries
        .dropped()
        .map(|e| {
            let verified = e.verified.as_ref()?;
            Some(pec::dossier::File {
                name: &e.name,
                bytes: &verified.input,
                report: &verified.report,
            })
        })
        .collect()
}

/// When the most recent file was verified: the time a dossier's report is dated.
fn last_verified(entries: &Entries) -> pec::Timestamp {
    entries
        .iter()
        .filter_map(|e| e.verified.as_ref().map(|v| v.at))
        .max_by_key(|at| at.unix)
        .unwrap_or(pec::Timestamp {
            unix: 0,
            offset_minutes: 0,
        })
}
