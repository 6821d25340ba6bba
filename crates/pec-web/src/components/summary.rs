//! Over the cards when there is more than one file: how many are genuine, a row per file that
//! links to its card, the view's controls (only problems, by date), the exports of every
//! result (CSV, JSON Lines) and a way to start again.

use pec::report::Standing;
use yew::prelude::*;

use super::card_link;
use super::written::{address, addresses, sentence};
use crate::download;
use crate::state::{Action, Entries, Entry, View};
use crate::text::{Text, use_text};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: UseReducerHandle<Entries>,
    pub view: UseStateHandle<View>,
}

#[function_component(Summary)]
pub fn summary(props: &Props) -> Html {
    let t = use_text();
    let b = &t.batch;
    let entries = &props.entries;
    let view = *props.view;
    let toggle = |change: fn(View) -> View| {
        let handle = props.view.clone();
        Callback::from(move |_: Event| handle.set(change(*handle)))
    };
    let export = |write: fn(&Entries) -> (Vec<u8>, &'static str, &'static str)| {
        let entries = entries.clone();
        Callback::from(move |_: MouseEvent| {
            let (bytes, name, content_type) = write(&entries);
            download::save(&bytes, name, content_type);
        })
    };
    let on_clear = {
        let entries = entries.clone();
        Callback::from(move |_: MouseEvent| entries.dispatch(Action::Clear))
    };
    let (counts, lists) = counts(entries);
    let declared = counts[1..].iter().any(|n| *n > 0);
    let repeated = (entries.repeated > 0)
        .then(|| html! { <p>{ sentence(&b.repeated(entries.repeated)) }</p> });
    html! {
        <section class="summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ b.summary_heading }</h2>
            <p class="counts">{ b.counts(counts, lists) }</p>
            { for repeated }
            <div class="controls no-print">
                <label><input type="checkbox" checked={view.only_problems}
                    onchange={toggle(|v| View { only_problems: !v.only_problems, ..v })} />
                    { b.only_problems }</label>
                <label><input type="checkbox" checked={view.by_date}
                    onchange={toggle(|v| View { by_date: !v.by_date, ..v })} />
                    { b.by_date }</label>
            </div>
            <div class="table-scroll">
                <table>
                    <thead><tr>{ for b.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                    <tbody>{ for entries.shown(view).into_iter().map(|e| row(t, e)) }</tbody>
                </table>
            </div>
            { for declared.then(|| html! { <p class="note">{ b.declared_note }</p> }) }
            <div class="actions no-print">
                <button type="button" class="button" onclick={export(csv)}>{ b.export_csv }</button>
                <button type="button" class="button secondary" onclick={export(json_lines)}>{ b.export_jsonl }</button>
                <button type="button" class="button secondary" onclick={on_clear}>{ b.clear }</button>
            </div>
        </section>
    }
}

/// How many verified files there are of each [`Standing`], in its order, and how many are
/// revocation lists (which have none: they are no receipt, and no problem either).
fn counts(entries: &Entries) -> ([usize; 4], usize) {
    let mut counts = [0; 4];
    let mut lists = 0;
    for entry in entries.iter() {
        if let Some(verified) = &entry.verified {
            if !verified.lists.is_empty() {
                lists += 1;
                continue;
            }
            let index = Standing::ALL
                .iter()
                .position(|s| *s == verified.report.standing())
                .unwrap_or_default();
            counts[index] += 1;
        }
    }
    (counts, lists)
}

fn row(t: &Text, entry: &Entry) -> Html {
    let b = &t.batch;
    let link = card_link(entry);
    let Some(verified) = &entry.verified else {
        let busy = entry.read.map_or(b.waiting, |_| b.pending);
        return html! {
            <tr><td data-label={b.columns[0]}>{ link }</td><td colspan="4">{ busy }</td></tr>
        };
    };
    let report = &verified.report;
    let standing = report.standing();
    let message = report.decisive();
    let daticert = message.and_then(|m| m.daticert.as_ref());
    // A revocation list is no message: it has no standing, and declares nothing.
    let list = !verified.lists.is_empty();
    let kind = match message {
        Some(m) => t.kind(m.classification.kind),
        None if list => t.lists.heading,
        None => "",
    };
    let (class, result_text) = if list {
        (classes!("list"), b.lists[0])
    } else {
        let declared = (standing != Standing::Genuine).then_some("declared");
        (classes!(standing.as_str(), declared), b.standing(standing))
    };
    let date = daticert
        .and_then(|d| d.data)
        .map(|at| t.date_time(at, false))
        .unwrap_or_default();
    let parties = daticert.map(|d| {
        let to: Vec<String> = d.destinatari.iter().map(|r| r.address.clone()).collect();
        html! { <>{ address(t, &d.mittente) }{ " → " }{ addresses(t, &to) }</> }
    });
    // Each cell says its column: on a phone the rows are stacked, with no header above them.
    let [file, result, kind_label, date_label, parties_label] = b.columns;
    html! {
        <tr class={class}>
            <td data-label={file}>{ link }</td>
            <td data-label={result} class="standing">{ result_text }</td>
            <td data-label={kind_label}>{ kind }</td>
            <td data-label={date_label}>{ date }</td>
            // One element in the cell: on a phone the label and the value are its two columns.
            <td data-label={parties_label}><span>{ for parties }</span></td>
        </tr>
    }
}

/// The verified files in the order they were dropped.
fn verified(entries: &Entries) -> Vec<(&str, &pec::Report)> {
    entries
        .dropped()
        .filter_map(|e| e.verified.as_ref().map(|v| (e.name.as_str(), &v.report)))
        .collect()
}

/// A spreadsheet opens UTF-8 text as such only after a byte-order mark.
fn csv(entries: &Entries) -> (Vec<u8>, &'static str, &'static str) {
    let text = "\u{feff}".to_owned() + &pec::dossier::table::csv(verified(entries));
    (
        text.into_bytes(),
        "verifica-pec.csv",
        "text/csv;charset=utf-8",
    )
}

fn json_lines(entries: &Entries) -> (Vec<u8>, &'static str, &'static str) {
    let text = pec::dossier::table::json_lines(verified(entries));
    (text.into_bytes(), "verifica-pec.jsonl", "application/jsonl")
}
