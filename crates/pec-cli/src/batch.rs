//! Many files on every core: each thread reads and verifies the next file with a verifier
//! of its own (a verifier remembers the certificate links it checked, so each thread checks a
//! provider's once), and the results come out in the order the files were given. Threads run
//! at most a few files ahead of the output, so memory stays bounded however many files there
//! are. What the output needs of each report (its JSON, its text) is made on those threads too,
//! so that the output itself only writes. A terminal sees how far the batch has got
//! (`progress`).

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use pec::{Options, Report, Verifier};

use crate::progress::Progress;

/// A file as read, verified and prepared for the output: its name and what `prepare` made of
/// its bytes and report; or why it could not be read.
pub type Verified<T> = (String, io::Result<T>);

/// How many files each thread may run ahead of the output.
const AHEAD: usize = 4;

struct Shared<T> {
    /// Results not yet handed out, by position.
    ready: Mutex<Done<T>>,
    changed: Condvar,
    next: AtomicUsize,
}

struct Done<T> {
    results: BTreeMap<usize, Verified<T>>,
    /// How many results were handed out; `usize::MAX` once the caller stopped.
    emitted: usize,
}

/// Verifies every file of `paths`, has `prepare` make what the output needs of its name, bytes
/// and report, and hands each result to `emit` in order; stops early when `emit` returns false.
pub fn run<T: Send>(
    paths: &[PathBuf],
    options: &Options,
    prepare: impl Fn(&str, Vec<u8>, Report) -> T + Sync,
    mut emit: impl FnMut(Verified<T>) -> bool,
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len().max(1));
    let shared = Shared {
        ready: Mutex::new(Done {
            results: BTreeMap::new(),
            emitted: 0,
        }),
        changed: Condvar::new(),
        next: AtomicUsize::new(0),
    };
    let mut progress = Progress::new(paths.len());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| work(paths, options, &prepare, threads, &shared));
        }
        for index in 0..paths.len() {
            let result = take(&shared, index);
            if !emit(result) {
                stop(&shared);
                return;
            }
            progress.step();
        }
    });
}

/// One thread's loop: the next file not taken, unless too far ahead of the output.
fn work<T>(
    paths: &[PathBuf],
    options: &Options,
    prepare: &impl Fn(&str, Vec<u8>, Report) -> T,
    threads: usize,
    shared: &Shared<T>,
) {
    let mut verifier = Verifier::new(options.clone());
    loop {
        let index = shared.next.fetch_add(1, Ordering::Relaxed);
        let Some(path) = paths.get(index) else {
            return;
        };
        {
            let guard = lock(shared);
            let guard = shared
                .changed
                .wait_while(guard, |done| {
                    done.emitted != usize::MAX && index >= done.emitted + AHEAD * threads
                })
                .unwrap_or_else(PoisonError::into_inner);
            if guard.emitted == usize::MAX {
                return;
            }
        }
        let name = path.display().to_string();
        let result = super::read_input(path).map(|bytes| {
            let report = verifier.verify(&bytes);
            prepare(&name, bytes, report)
        });
        lock(shared).results.insert(index, (name, result));
        shared.changed.notify_all();
    }
}

/// Waits for the result at `index` and hands it out.
fn take<T>(shared: &Shared<T>, index: usize) -> Verified<T> {
    let guard = lock(shared);
    let mut done = shared
        .changed
        .wait_while(guard, |done| !done.results.contains_key(&index))
        .unwrap_or_else(PoisonError::into_inner);
    done.emitted = index + 1;
    let result = done.results.remove(&index);
    drop(done);
    shared.changed.notify_all();
    result.unwrap_or_else(|| (String::new(), Err(io::Error::other("lost"))))
}

fn stop<T>(shared: &Shared<T>) {
    lock(shared).emitted = usize::MAX;
    shared.changed.notify_all();
}

fn lock<T>(shared: &Shared<T>) -> std::sync::MutexGuard<'_, Done<T>> {
    shared.ready.lock().unwrap_or_else(PoisonError::into_inner)
}
