//! One dropped file through the engine, in the browser: read a slice at a time into the
//! engine's memory, a frame yielded so the busy state paints, the engine's time kept as a User
//! Timing measure, and the moment of verification from the browser's clock. A revocation list
//! (CRL) is read as one, for the engine to judge the receipts with.

use std::cell::RefCell;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use crate::state::Verified;

/// The page's engine: one verifier for the page (the trust store is read once, and a
/// provider's certificate links are verified once, not once per file), and which set of
/// revocation lists it holds, counted up each time the set changes.
#[derive(Default)]
pub struct Engine {
    verifier: pec::Verifier,
    generation: u64,
}

impl Engine {
    /// Holds `lists` from now on; whether they differ from the lists it held.
    pub fn hold(&mut self, lists: Vec<pec::trust::Crl>) -> bool {
        let changed = self.verifier.options.crls != lists;
        if changed {
            self.verifier.options.crls = lists;
            self.generation += 1;
        }
        changed
    }

    /// Whether `verified` was judged with other lists than the engine holds, and the lists
    /// could change its report: it has messages to judge.
    pub fn stale(&self, verified: &Verified) -> bool {
        verified.generation != self.generation && !verified.report.messages.is_empty()
    }

    /// The report of `input` at this moment, with the lists held now.
    pub fn verify(&mut self, input: Vec<u8>) -> Verified {
        self.verifier.options.now = Some(now());
        let timing = VerifyTiming::start();
        let report = self.verifier.verify(&input);
        timing.end();
        let lists = if pec::trust::revocation::is_crl(&input) {
            pec::trust::read_crls(&input).unwrap_or_default()
        } else {
            Vec::new()
        };
        Verified {
            input,
            report,
            at: now(),
            lists,
            generation: self.generation,
        }
    }
}

/// Verifies `file` with the page's engine, at this moment.
pub async fn file(file: &File, engine: &RefCell<Engine>) -> Verified {
    // A file too large to examine is refused before a byte of it is read.
    if file.size() > pec::locate::MAX_INPUT as f64 {
        return Verified {
            input: Vec::new(),
            report: pec::Report::too_large(),
            at: now(),
            lists: Vec::new(),
            generation: 0,
        };
    }
    let input = read(file).await;
    next_paint().await;
    // Borrowed with no await before it is released: files verify one at a time.
    engine.borrow_mut().verify(input)
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
