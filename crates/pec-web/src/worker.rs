//! The engine's half of the page that runs in a worker, so that the page's thread never runs a
//! verification: the same module, started by `verify::Engine` in a worker of its own. It holds
//! the page's verifier (the trust store read once, each provider's links verified once, the
//! revocation lists the page sends), reads each file it is given a slice at a time, telling the
//! page how far it has read, and sends back the report whole (`pec::transport`).
//! The two halves speak in [`Request`] and [`Reply`], written by borsh: the same build at both
//! ends.

use std::cell::RefCell;
use std::rc::Rc;

use borsh::{BorshDeserialize, BorshSerialize};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent};

/// What the page asks; a `Verify` comes with the file (a `Blob`) beside it.
#[derive(BorshSerialize, BorshDeserialize)]
pub enum Request {
    /// Judge from now on with the revocation lists in these files.
    Hold { lists: Vec<Vec<u8>> },
    /// Verify the file `id` at the moment `now`.
    Verify { id: u64, now: pec::Timestamp },
}

/// What the worker answers. The page reads the file's bytes itself once the report is back:
/// sending them would hold a third copy at the peak.
#[derive(BorshSerialize, BorshDeserialize)]
pub enum Reply {
    /// The worker is ready: the module runs, and answers; `warm_up` is the time its warm-up
    /// took, in milliseconds, `None` when a file was already waiting.
    Ready { warm_up: Option<f64> },
    /// `bytes` of the file `id` read so far.
    Read { id: u64, bytes: u64 },
    /// The file `id`'s report ([`pec::transport::encode`]), whether it is a revocation list,
    /// and the engine's time on it, in milliseconds.
    Verified {
        id: u64,
        report: Vec<u8>,
        crl: bool,
        took: f64,
    },
}

/// The message that carries `message` and, beside it, `with`.
pub fn message(message: &impl BorshSerialize, with: &wasm_bindgen::JsValue) -> Array {
    let bytes = borsh::to_vec(message).unwrap_or_default();
    Array::of2(&Uint8Array::from(bytes.as_slice()), with)
}

/// What a message carries: the request or reply, and the value beside it.
pub fn open<T: BorshDeserialize>(event: &MessageEvent) -> Option<(T, wasm_bindgen::JsValue)> {
    let data: Array = event.data().dyn_into().ok()?;
    let bytes: Uint8Array = data.get(0).dyn_into().ok()?;
    Some((borsh::from_slice(&bytes.to_vec()).ok()?, data.get(1)))
}

/// A delivery receipt of the test factory's (`pec_factory`, `Kind::AvvenutaConsegna(Completa)`),
/// with the original message and its attachments: signed by the factory's test CA, which the
/// page does not trust, it takes every step of a genuine receipt's verification but the last.
const WARM_UP: &[u8] = include_bytes!("../warm-up.eml");

/// Verifies [`WARM_UP`] once, remembering nothing of it, and forgets its report. The browser
/// compiles the module's functions when they are first called and runs them slowly until it
/// has optimised them: run once while the page waits for a file, the engine verifies the first
/// file a person gives as fast as the next ones.
fn warm_up(options: &pec::Options) {
    let report = pec::verify(WARM_UP, options);
    std::hint::black_box(pec::transport::encode(&report));
}

/// What `work` gives, and the time it took by the worker's clock, in milliseconds.
fn timed<T>(scope: &DedicatedWorkerGlobalScope, work: impl FnOnce() -> T) -> (T, f64) {
    let clock = scope.performance();
    let start = clock.as_ref().map_or(0.0, |c| c.now());
    let done = work();
    (done, clock.map_or(0.0, |c| c.now() - start))
}

/// In a worker: answers the page's requests for as long as the worker lives, after warming up
/// when `warm` (no file is waiting).
pub fn work(scope: DedicatedWorkerGlobalScope, warm: bool) {
    let verifier = Rc::new(RefCell::new(pec::Verifier::default()));
    let warm_up = warm.then(|| timed(&scope, || warm_up(&verifier.borrow().options)).1);
    let answer = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        match open::<Request>(&event) {
            Some((Request::Hold { lists }, _)) => {
                verifier.borrow_mut().options.crls = lists
                    .iter()
                    .flat_map(|list| pec::trust::read_crls(list).unwrap_or_default())
                    .collect();
            }
            Some((Request::Verify { id, now }, file)) => {
                let scope = answer.clone();
                let verifier = verifier.clone();
                let file: Blob = file.unchecked_into();
                wasm_bindgen_futures::spawn_local(async move {
                    verify(&scope, &verifier, id, now, &file).await;
                });
            }
            // Nothing but the page's own module writes to this worker.
            None => {}
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    let _ = scope.post_message(&message(&Reply::Ready { warm_up }, &0.into()));
}

async fn verify(
    scope: &DedicatedWorkerGlobalScope,
    verifier: &RefCell<pec::Verifier>,
    id: u64,
    now: pec::Timestamp,
    file: &Blob,
) {
    let told = file.size() >= crate::state::PROGRESS_FROM as f64;
    let input = bytes(file, |bytes| {
        if told {
            let _ = scope.post_message(&message(&Reply::Read { id, bytes }, &0.into()));
        }
    })
    .await;
    // Borrowed with no await before it is released.
    let (report, took) = timed(scope, || {
        let mut verifier = verifier.borrow_mut();
        verifier.options.now = Some(now);
        verifier.verify(&input)
    });
    let crl = pec::trust::revocation::is_crl(&input);
    drop(input);
    let reply = Reply::Verified {
        id,
        report: pec::transport::encode(&report),
        crl,
        took,
    };
    let _ = scope.post_message(&message(&reply, &0.into()));
}

/// The bytes of `blob` (in the worker, and the page's own copy), `read` told how many so far;
/// an unreadable file reads as empty, which the core reports as such.
///
/// Read a slice at a time straight into the engine's memory: reading the whole file into one
/// JavaScript buffer first would hold a second copy of it at the peak.
pub async fn bytes(blob: &Blob, read: impl Fn(u64)) -> Vec<u8> {
    const SLICE: f64 = 4_194_304.0;
    let size = blob.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + SLICE).min(size);
        let Ok(slice) = blob.slice_with_f64_and_f64(start, end) else {
            return Vec::new();
        };
        let Ok(buffer) = JsFuture::from(slice.array_buffer()).await else {
            return Vec::new();
        };
        let slice = Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + slice.length() as usize, 0);
        slice.copy_to(&mut bytes[at..]);
        read(bytes.len() as u64);
        start = end;
    }
    bytes
}
