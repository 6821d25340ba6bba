//! The page's state: the files dropped so far, newest first, each pending or verified, and the
//! actions that change it; also which language the page starts in. Pure values (no web-sys), so
//! the reducer is tested natively; `components::app` wires it to the browser.

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

use pec::report::Standing;

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
/// when it was verified; the revocation lists it is, if it is a CRL file; and which set of lists
/// the engine held when it verified the file.
pub struct Verified {
    pub input: Vec<u8>,
    pub report: pec::Report,
    pub at: pec::Timestamp,
    pub lists: Vec<pec::trust::Crl>,
    pub generation: u64,
}

impl Verified {
    /// A file refused before the core reads it: too large to examine, by its size or for the
    /// memory of this device.
    pub fn refused(at: pec::Timestamp) -> Self {
        Self {
            input: Vec::new(),
            report: pec::Report::too_large(),
            at,
            lists: Vec::new(),
            generation: 0,
        }
    }

    /// Not every message genuine (or none at all), and not a revocation list either.
    pub fn has_problem(&self) -> bool {
        self.lists.is_empty() && self.report.standing() != Standing::Genuine
    }
}

/// From this size a file being read shows how far the engine has got: a smaller one is read
/// at once, and telling the page would only cost it time.
pub const PROGRESS_FROM: u64 = 1_048_576;

/// One dropped file and, once the engine is done, what it found.
#[derive(Clone, PartialEq)]
pub struct Entry {
    /// Unique on the page: the card's key.
    pub id: usize,
    pub name: String,
    /// The name came from the embedding site with the file, not from the user's own files.
    pub from_portal: bool,
    /// The file's size, and how much of it the engine has read so far: `None` while the file
    /// waits its turn behind the files given before it.
    pub size: u64,
    pub read: Option<u64>,
    pub verified: Option<Shared<Verified>>,
}

impl Entry {
    /// The id of the file's card on the page, which links to it name.
    pub fn card_id(&self) -> String {
        format!("file-{}", self.id)
    }

    /// Verified, and not every message in it genuine (or none at all).
    fn has_problem(&self) -> bool {
        self.verified.as_ref().is_some_and(|v| v.has_problem())
    }

    /// The certified time of the message that speaks for the file.
    fn date(&self) -> Option<i64> {
        let report = &self.verified.as_ref()?.report;
        Some(report.decisive()?.daticert.as_ref()?.data?.unix)
    }
}

/// The files dropped so far, newest first, and how many were dropped again once verified.
#[derive(Default, PartialEq)]
pub struct Entries {
    list: Vec<Entry>,
    /// Files whose bytes were already on the page: verified, then shown once.
    pub repeated: usize,
}

/// Which files are shown, and in which order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Only the files with a problem (and those still being verified).
    pub only_problems: bool,
    /// By the certified date of each file, the earliest first (files without one last);
    /// otherwise newest dropped first.
    pub by_date: bool,
}

impl Entries {
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.list.iter()
    }

    /// The entries in the order they were dropped, as exports and dossiers list the files.
    pub fn dropped(&self) -> impl Iterator<Item = &Entry> {
        self.list.iter().rev()
    }

    /// The entries `view` shows, in its order.
    pub fn shown(&self, view: View) -> Vec<&Entry> {
        self.ordered(view)
            .into_iter()
            .filter_map(|(e, shown)| shown.then_some(e))
            .collect()
    }

    /// Every file in the view's order, each with whether the view shows it: the card of a file
    /// the filter leaves out stays in the page, hidden, so that a dossier's print still has it.
    pub fn ordered(&self, view: View) -> Vec<(&Entry, bool)> {
        let mut ordered: Vec<(&Entry, bool)> = self
            .iter()
            .map(|e| {
                let shown = !view.only_problems || e.verified.is_none() || e.has_problem();
                (e, shown)
            })
            .collect();
        if view.by_date {
            ordered.sort_by_key(|(e, _)| (e.date().is_none(), e.date()));
        }
        ordered
    }
}

pub enum Action {
    /// A file was dropped or chosen: it goes first, pending. An id already on the page is
    /// ignored (two cards with one key would confuse the page's rendering).
    Add {
        id: usize,
        name: String,
        from_portal: bool,
        size: u64,
    },
    /// The engine has read `bytes` of the file `id`: 0 as its turn comes.
    Read { id: usize, bytes: u64 },
    /// The file `id`, not verified yet, was cancelled: it goes.
    Cancel { id: usize },
    /// The engine is done with the file `id`. An unknown id, or a file already verified, is
    /// ignored: a result never replaces another. A file whose bytes are already on the page
    /// (the same SHA-256) is taken off: it is shown once.
    Done { id: usize, verified: Verified },
    /// The file `id` was verified again (with other revocation lists): its result is replaced.
    Again { id: usize, verified: Verified },
    /// Every file goes; results still to come for them are ignored.
    Clear,
}

impl Reducible for Entries {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Add {
                id,
                name,
                from_portal,
                size,
            } => {
                if self.list.iter().any(|e| e.id == id) {
                    return self;
                }
                let mut list = self.list.clone();
                let entry = Entry {
                    id,
                    name,
                    from_portal,
                    size,
                    read: None,
                    verified: None,
                };
                list.insert(0, entry);
                Rc::new(Self {
                    list,
                    repeated: self.repeated,
                })
            }
            Action::Read { id, bytes } => self.at(id, false, |list, at| {
                list[at].read = Some(bytes);
                0
            }),
            Action::Cancel { id } => self.at(id, false, |list, at| {
                list.remove(at);
                0
            }),
            Action::Done { id, verified } => self.done(id, verified),
            Action::Again { id, verified } => self.at(id, true, |list, at| {
                list[at].verified = Some(Shared(Rc::new(verified)));
                0
            }),
            Action::Clear => Rc::default(),
        }
    }
}

impl Entries {
    /// `change` made to the list at the file `id`, pending or else `verified`, and how many
    /// files it took off as already on the page; nothing changes without such a file.
    fn at(
        self: Rc<Self>,
        id: usize,
        verified: bool,
        change: impl FnOnce(&mut Vec<Entry>, usize) -> usize,
    ) -> Rc<Self> {
        let Some(at) = self
            .list
            .iter()
            .position(|e| e.id == id && e.verified.is_some() == verified)
        else {
            return self;
        };
        let mut list = self.list.clone();
        let repeated = self.repeated + change(&mut list, at);
        Rc::new(Self { list, repeated })
    }

    fn done(self: Rc<Self>, id: usize, verified: Verified) -> Rc<Self> {
        self.at(id, false, |list, at| {
            let sha256 = &verified.report.sha256;
            let seen = !sha256.is_empty()
                && list
                    .iter()
                    .filter_map(|e| e.verified.as_ref())
                    .any(|v| &v.report.sha256 == sha256);
            if seen {
                list.remove(at);
                1
            } else {
                list[at].verified = Some(Shared(Rc::new(verified)));
                0
            }
        })
    }

    /// The files of the revocation lists among the files, in the order shown.
    pub fn list_files(&self) -> Vec<Vec<u8>> {
        self.iter()
            .filter_map(|e| e.verified.as_deref())
            .filter(|v| !v.lists.is_empty())
            .map(|v| v.input.clone())
            .collect()
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
        Verified::refused(pec::Timestamp {
            unix: 0,
            offset_minutes: 0,
        })
    }

    fn reduce(entries: Rc<Entries>, actions: impl IntoIterator<Item = Action>) -> Rc<Entries> {
        actions.into_iter().fold(entries, Reducible::reduce)
    }

    fn add(id: usize, name: &str) -> Action {
        Action::Add {
            id,
            name: name.to_owned(),
            from_portal: false,
            size: 100,
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
    fn a_pending_file_waits_then_shows_how_much_is_read_and_a_cancelled_one_goes() {
        let read = |id, bytes| Action::Read { id, bytes };
        let entries = reduce(Rc::default(), [add(1, "a.eml"), add(2, "b.eml")]);
        let progress = |entries: &Entries| -> Vec<_> {
            entries.iter().map(|e| (e.id, e.size, e.read)).collect()
        };
        assert_eq!(progress(&entries), [(2, 100, None), (1, 100, None)]);
        let entries = reduce(entries, [read(1, 0), read(1, 40)]);
        assert_eq!(progress(&entries), [(2, 100, None), (1, 100, Some(40))]);
        // A verified file keeps its result: neither a late progress nor a cancel touch it.
        let entries = reduce(
            entries,
            [
                done(1),
                read(1, 60),
                Action::Cancel { id: 1 },
                Action::Cancel { id: 2 },
            ],
        );
        assert_eq!(shown(&entries), [(1, "a.eml", true)]);
        assert_eq!(entries.iter().next().map(|e| e.read), Some(Some(40)));
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
    fn two_files_of_one_name_get_two_cards() {
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

    /// A real sample, verified: genuine ones carry a certified date.
    fn sample(name: &str) -> Verified {
        let path = format!(
            "{}/../../../shared/samples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        Verified {
            report: pec::verify(&bytes, &pec::Options::default()),
            input: bytes,
            ..verified()
        }
    }

    const OLDER: &str = "real/aruba-agidca1-consegna-completa.eml";
    const NEWER: &str = "real/aruba-agidca1-posta-certificata.eml";

    fn done_with(id: usize, name: &str) -> Action {
        Action::Done {
            id,
            verified: sample(name),
        }
    }

    #[test]
    fn a_file_dropped_again_is_verified_then_shown_once() {
        let entries = reduce(
            Rc::default(),
            [add(1, "a.eml"), add(2, "copia di a.eml"), add(3, "b.eml")],
        );
        let entries = reduce(entries, [done_with(1, OLDER), done_with(2, OLDER)]);
        assert_eq!(shown(&entries), [(3, "b.eml", false), (1, "a.eml", true)]);
        assert_eq!(entries.repeated, 1);
        // A file refused before it is read has no digest to compare: each stays.
        let entries = reduce(entries, [done(3)]);
        assert_eq!(entries.iter().count(), 2);
    }

    #[test]
    fn clearing_removes_every_file_and_ignores_results_still_to_come() {
        let entries = reduce(Rc::default(), [add(1, "a.eml"), add(2, "b.eml"), done(1)]);
        let entries = reduce(entries, [Action::Clear, done(2)]);
        assert_eq!(shown(&entries), []);
        assert_eq!(entries.repeated, 0);
    }

    fn names(entries: &[&Entry]) -> Vec<String> {
        entries.iter().map(|e| e.name.clone()).collect()
    }

    #[test]
    fn the_view_shows_only_problems_and_sorts_by_certified_date() {
        let entries = reduce(
            Rc::default(),
            [
                add(1, "older.eml"),
                add(2, "too-large.eml"),
                add(3, "newer.eml"),
                add(4, "pending.eml"),
                done_with(1, OLDER),
                done(2),
                done_with(3, NEWER),
            ],
        );
        let all = View::default();
        assert_eq!(
            names(&entries.shown(all)),
            ["pending.eml", "newer.eml", "too-large.eml", "older.eml"]
        );
        let by_date = View {
            by_date: true,
            ..all
        };
        assert_eq!(
            names(&entries.shown(by_date)),
            ["older.eml", "newer.eml", "pending.eml", "too-large.eml"]
        );
        let problems = View {
            only_problems: true,
            ..all
        };
        assert_eq!(
            names(&entries.shown(problems)),
            ["pending.eml", "too-large.eml"]
        );
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
