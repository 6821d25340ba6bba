//! The page: the language and the files dropped so far ([`state`](crate::state)), wired to the
//! browser. Each file goes through the engine in a task of its own (`verify`); embedded, each
//! report also goes to the embedding page (`embed`).

use web_sys::File;
use yew::prelude::*;

use super::drop_zone::DropZone;
use super::help::help;
use super::lang_switch::LangSwitch;
use super::result_card::ResultCard;
use super::site_footer::site_footer;
use super::status::status;
use crate::contract::PORTAL_FILE_TYPE;
use crate::state::{Action, Entries};
use crate::text::Lang;
use crate::{embed, language, verify};

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(language::first);
    let entries = use_reducer(Entries::default);
    let next_id = use_mut_ref(|| 0usize);
    // How many files the last drop or choice brought: the status region speaks of those.
    let batch = use_state(|| 0usize);
    // One verifier per page: the trust store is read once, and a provider's certificate links
    // are verified once, not once per file.
    let verifier = use_mut_ref(pec::Verifier::default);

    use_effect_with(*lang, |lang| language::remember(*lang));

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| lang.set(chosen))
    };
    let on_files = {
        let entries = entries.clone();
        let batch = batch.clone();
        Callback::from(move |files: Vec<File>| {
            batch.set(files.len());
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
                });
                let entries = entries.clone();
                let verifier = verifier.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let verified = verify::file(&file, &verifier).await;
                    embed::hand_over(&name, &verified.report);
                    entries.dispatch(Action::Done { id, verified });
                });
            }
        })
    };

    let t = lang.text();
    let last: Vec<_> = entries.iter().take(*batch).collect();
    let has_results = entries.iter().next().is_some();
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
                <p class="visually-hidden" role="status">{ status(t, &last) }</p>
                <section class="results" aria-label={t.results_label}>
                    { for entries.iter().map(|entry| html! {
                        <ResultCard key={entry.id} entry={entry.clone()} />
                    }) }
                </section>
            </main>
            { site_footer(t) }
        </ContextProvider<Lang>>
    }
}
