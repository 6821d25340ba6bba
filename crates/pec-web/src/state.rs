//! The page's state: the files dropped so far, newest first, each pending or verified, and the
//! actions that change it; also which language the page starts in. Pure values (no web-sys), so
//! the reducer is tested natively; `components::app` wires it to the browser.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use crate::text::Lang;

/// A value that never changes once made, compared by allocation: the same `Rc`, the same value.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A verified file: its bytes (attachments are decoded from them on demand), its report, and
/// when it was verified.
pub struct Verified {
    pub input: Vec<u8>,
    pub report: pec::Report,
    pub at: pec::Timestamp,
}

/// One dropped file and, once the engine is done, what it found.
#[derive(Clone, PartialEq)]
pub struct Entry {
    /// Unique on the page: the card's key.
    pub id: usize,
    pub name: String,
    /// The name came from the embedding site with the file, not from the user's own files.
    pub from_portal: bool,
    pub verified: Option<Shared<Verified>>,
}

/// The files dropped so far, newest first.
#[derive(Default, PartialEq)]
pub struct Entries(Vec<Entry>);

impl Entries {
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.0.iter()
    }
}

pub enum Action {
    /// A file was dropped or chosen: it goes first, pending. An id already on the page is
    /// ignored (two cards with one key would confuse the page's rendering).
    Add {
        id: usize,
        name: String,
        from_portal: bool,
    },
    /// The engine is done with the file `id`. An unknown id, or a file already verified, is
    /// ignored: a result never replaces another.
    Done { id: usize, verified: Verified },
}

impl Reducible for Entries {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Add {
                id,
                name,
                from_portal,
            } => {
                if self.0.iter().any(|e| e.id == id) {
                    return self;
                }
                let mut entries = self.0.clone();
                entries.insert(
                    0,
                    Entry {
                        id,
                        name,
                        from_portal,
                        verified: None,
                    },
                );
                Rc::new(Self(entries))
            }
            Action::Done { id, verified } => {
                let mut entries = self.0.clone();
                match entries
                    .iter_mut()
                    .find(|e| e.id == id && e.verified.is_none())
                {
                    Some(entry) => entry.verified = Some(Shared(Rc::new(verified))),
                    None => return self,
                }
                Rc::new(Self(entries))
            }
        }
    }
}

/// The language the page starts in: the one the address asks for, else the one remembered,
/// else Italian. A code the page does not know counts as not given.
pub fn first_lang(asked: Option<&str>, remembered: Option<&str>) -> Lang {
    [asked, remembered]
        .into_iter()
        .flatten()
        .find_map(Lang::from_code)
        .unwrap_or(Lang::It)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verified() -> Verified {
        Verified {
            input: Vec::new(),
            report: pec::Report::too_large(),
            at: pec::Timestamp {
                unix: 0,
                offset_minutes: 0,
            },
        }
    }

    fn reduce(entries: Rc<Entries>, actions: impl IntoIterator<Item = Action>) -> Rc<Entries> {
        actions.into_iter().fold(entries, Reducible::reduce)
    }

    fn add(id: usize, name: &str) -> Action {
        Action::Add {
            id,
            name: name.to_owned(),
            from_portal: false,
        }
    }

    fn done(id: usize) -> Action {
        Action::Done {
            id,
            verified: verified(),
        }
    }

    /// Each entry as (id, name, verified), in the page's order.
    fn shown(entries: &Entries) -> Vec<(usize, &str, bool)> {
        entries
            .iter()
            .map(|e| (e.id, e.name.as_str(), e.verified.is_some()))
            .collect()
    }

    #[test]
    fn the_page_starts_empty() {
        assert_eq!(Entries::default().iter().count(), 0);
    }

    #[test]
    fn a_dropped_file_is_pending_and_the_newest_comes_first() {
        let entries = reduce(Rc::default(), [add(1, "a.eml"), add(2, "b.eml")]);
        assert_eq!(shown(&entries), [(2, "b.eml", false), (1, "a.eml", false)]);
    }

    #[test]
    fn a_completion_verifies_its_own_file_and_keeps_the_order() {
        let entries = reduce(
            Rc::default(),
            [add(1, "a.eml"), add(2, "b.eml"), add(3, "c.eml"), done(2)],
        );
        assert_eq!(
            shown(&entries),
            [(3, "c.eml", false), (2, "b.eml", true), (1, "a.eml", false)]
        );
        // Completions arrive in any order: the newest file may be done first.
        let entries = reduce(entries, [done(3), done(1)]);
        assert_eq!(
            shown(&entries),
            [(3, "c.eml", true), (2, "b.eml", true), (1, "a.eml", true)]
        );
    }

    #[test]
    fn the_completion_carries_what_the_engine_found() {
        let mut found = verified();
        found.input = b"From: a@b".to_vec();
        let entries = reduce(
            Rc::default(),
            [
                add(1, "a.eml"),
                Action::Done {
                    id: 1,
                    verified: found,
                },
            ],
        );
        let entry = entries.iter().next().expect("one entry");
        let verified = entry.verified.as_ref().expect("verified");
        assert_eq!(verified.input, b"From: a@b");
    }

    #[test]
    fn a_completion_for_an_unknown_file_changes_nothing() {
        let before = reduce(Rc::default(), [add(1, "a.eml")]);
        let after = reduce(Rc::clone(&before), [done(7)]);
        assert!(Rc::ptr_eq(&before, &after));
        assert_eq!(shown(&after), [(1, "a.eml", false)]);
    }

    #[test]
    fn a_second_completion_does_not_replace_the_first_result() {
        let entries = reduce(Rc::default(), [add(1, "a.eml"), done(1)]);
        let first = entries.iter().next().and_then(|e| e.verified.clone());
        let again = reduce(Rc::clone(&entries), [done(1)]);
        assert!(Rc::ptr_eq(&entries, &again));
        assert!(again.iter().next().and_then(|e| e.verified.clone()) == first);
    }

    #[test]
    fn a_second_file_with_an_id_already_shown_is_ignored() {
        let entries = reduce(Rc::default(), [add(1, "a.eml"), add(1, "b.eml")]);
        assert_eq!(shown(&entries), [(1, "a.eml", false)]);
    }

    #[test]
    fn the_same_file_dropped_twice_gets_two_cards() {
        let entries = reduce(Rc::default(), [add(1, "a.eml"), add(2, "a.eml"), done(1)]);
        assert_eq!(shown(&entries), [(2, "a.eml", false), (1, "a.eml", true)]);
    }

    #[test]
    fn an_entry_is_unchanged_until_its_own_completion() {
        // Cards are compared by value: an untouched entry must compare equal, so only the
        // completed card renders again.
        let before = reduce(Rc::default(), [add(1, "a.eml"), add(2, "b.eml"), done(2)]);
        let after = reduce(Rc::clone(&before), [done(1)]);
        let (before, after): (Vec<_>, Vec<_>) = (before.iter().collect(), after.iter().collect());
        assert!(before[0] == after[0]);
        assert!(before[1] != after[1]);
    }

    #[test]
    fn the_address_decides_the_language_then_the_memory_then_italian() {
        assert_eq!(first_lang(Some("en"), Some("it")), Lang::En);
        assert_eq!(first_lang(Some("it"), Some("en")), Lang::It);
        assert_eq!(first_lang(None, Some("en")), Lang::En);
        assert_eq!(first_lang(None, None), Lang::It);
        // A code the page does not know is no choice at all.
        assert_eq!(first_lang(Some("fr"), Some("en")), Lang::En);
        assert_eq!(first_lang(Some(""), None), Lang::It);
        assert_eq!(first_lang(Some("EN"), Some("xx")), Lang::It);
    }
}
