//! What a file says, as the page shows it: every value isolated from the page's own words
//! (`<bdi>`), so a right-to-left override cannot run into them, each hidden character (a
//! direction control, an invisible one) as a visible marker, and addresses whose domain mixes
//! alphabets flagged. Every value from a file goes through [`written`].

use pec::sender::{self, Segment};
use yew::prelude::*;

use crate::text::{Piece, Sentence, Text};

/// `value` isolated, its hidden characters as markers (`[U+202E]`).
pub fn written(value: &str) -> Html {
    html! {
        <bdi class="written">
            { for sender::segments(value).into_iter().map(|segment| match segment {
                Segment::Text(text) => html! { text.to_owned() },
                Segment::Hidden(c) => html! { <span class="hidden-char">{ sender::marker(c) }</span> },
            }) }
        </bdi>
    }
}

/// An address, flagged when its domain mixes alphabets (`pec.рrova.it`).
pub fn address(t: &Text, value: &str) -> Html {
    html! {
        <>
            { written(value) }
            if sender::mixed_scripts(value) {
                { " " }
                <strong class="look-alike">
                    <span aria-hidden="true">{ "⚠ " }</span>{ t.look_alike }
                </strong>
            }
        </>
    }
}

/// Addresses in a row, each flagged on its own.
pub fn addresses(t: &Text, values: &[String]) -> Html {
    values
        .iter()
        .enumerate()
        .map(|(index, value)| {
            html! { <>if index > 0 { { ", " } }{ address(t, value) }</> }
        })
        .collect()
}

/// A sentence of the page with the file's values in it, each through [`written`].
pub fn sentence(s: &Sentence) -> Html {
    s.pieces()
        .iter()
        .map(|piece| match piece {
            Piece::Own(text) => html! { text.clone() },
            Piece::Value(value) => written(value),
        })
        .collect()
}

/// The note that explains the markers, when any of `values` holds a hidden character.
pub fn hidden_note<'a>(t: &Text, values: impl IntoIterator<Item = &'a str>) -> Html {
    let hidden = values
        .into_iter()
        .any(|value| value.chars().any(sender::is_hidden));
    html! {
        if hidden { <p class="note hidden-note">{ t.hidden_note }</p> }
    }
}
