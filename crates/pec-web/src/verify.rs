//! Files through the engine, which runs in a worker (`worker`): the page's thread only hands
//! each file over, hears how far it has been read, takes back the report, then reads the bytes
//! it keeps (for the attachments, the dossiers, another verification). One
//! file at a time, in the order given: a file given while another runs waits its turn, and
//! either can be cancelled. The engine's time for each file, from hand-over to report, is the
//! User Timing measure "pec-verify"; the moment of verification is the browser's clock.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker};

use crate::state::Verified;
use crate::worker::{self, Reply, Request};

/// A worker whose memory grew past this for one file is replaced once it is done, giving the
/// memory back: a worker's WebAssembly memory never shrinks.
const RECYCLE: usize = 16 * 1024 * 1024;

/// The page's engine: one worker for the page (so the trust store is read once, and a
/// provider's certificate links are verified once, not once per file), the revocation lists
/// it holds, counted up each time the set changes, and the files waiting for it.
#[derive(Clone)]
pub struct Engine(Rc<Inner>);

struct Inner {
    worker: RefCell<Option<Running>>,
    /// The file being verified.
    current: RefCell<Option<Job>>,
    /// Resolves when the last file given so far is done: each file waits for the one before.
    turn: RefCell<Promise>,
    /// Files cancelled while they waited.
    cancelled: RefCell<Vec<usize>>,
    /// The revocation lists' files, and which set of them this is.
    lists: RefCell<Vec<Vec<u8>>>,
    generation: Cell<u64>,
    /// The set of lists the worker holds; `None` for a worker that holds none yet.
    held: Cell<Option<u64>>,
}

struct Running {
    worker: Worker,
    _replies: Closure<dyn FnMut(MessageEvent)>,
    _failure: Closure<dyn FnMut(JsValue)>,
}

struct Job {
    id: usize,
    /// Gives the worker's reply (a `MessageEvent`), or what `Engine::stop` says instead.
    reply: Function,
    /// Told the bytes read so far.
    read: Box<dyn Fn(u64)>,
}

/// Whether `id` was in `ids`, taking it out. The files waiting are few: a list, not a set,
/// costs the page no hash table's code.
pub fn take(ids: &mut Vec<usize>, id: usize) -> bool {
    let at = ids.iter().position(|&i| i == id);
    at.map(|at| ids.swap_remove(at)).is_some()
}

/// A promise and the function that resolves it.
fn promise() -> (Promise, Function) {
    let mut resolve = None;
    let promise = Promise::new(&mut |done, _| resolve = Some(done));
    (
        promise,
        resolve.unwrap_or_else(|| Function::new_no_args("")),
    )
}

impl Engine {
    /// The engine, its worker started at once: ready by the time the first file comes.
    pub fn start() -> Self {
        let engine = Self(Rc::new(Inner {
            worker: RefCell::new(None),
            current: RefCell::new(None),
            turn: RefCell::new(Promise::resolve(&JsValue::UNDEFINED)),
            cancelled: RefCell::default(),
            lists: RefCell::default(),
            generation: Cell::new(0),
            held: Cell::new(None),
        }));
        engine.worker();
        engine
    }

    /// Judges with the revocation lists in `files` from now on; whether they differ from the
    /// lists it held.
    pub fn hold(&self, files: Vec<Vec<u8>>) -> bool {
        let changed = *self.0.lists.borrow() != files;
        if changed {
            *self.0.lists.borrow_mut() = files;
            self.0.generation.set(self.0.generation.get() + 1);
        }
        changed
    }

    /// Whether `verified` was judged with other lists than the engine holds, and the lists
    /// could change its report: it has messages to judge.
    pub fn stale(&self, verified: &Verified) -> bool {
        verified.generation != self.0.generation.get() && !verified.report.messages.is_empty()
    }

    /// The report of the file `id` (`blob`) at this moment, with the lists held then, once the
    /// files given before it are done; `read` hears when its turn comes (0 bytes), then how much
    /// of it the worker has read. `None` when it was cancelled.
    pub async fn verify(
        &self,
        id: usize,
        blob: &Blob,
        read: impl Fn(u64) + 'static,
    ) -> Option<Verified> {
        // A file too large to examine is refused before a byte of it is read.
        if blob.size() > pec::locate::MAX_INPUT as f64 {
            return Some(Verified::refused(now()));
        }
        let (mine, done) = promise();
        let before = self.0.turn.replace(mine);
        let _ = JsFuture::from(before).await;
        let verified = if take(&mut self.0.cancelled.borrow_mut(), id) {
            None
        } else {
            self.run(id, blob, Box::new(read)).await
        };
        let _ = done.call0(&JsValue::NULL);
        verified
    }

    /// Cancels the file `id`: ends the worker if it is verifying it (a new one takes the next
    /// file), or takes it out of the queue.
    pub fn cancel(&self, id: usize) {
        let running = self.0.current.borrow().as_ref().map(|job| job.id) == Some(id);
        if running {
            self.stop(&JsValue::NULL);
        } else {
            self.0.cancelled.borrow_mut().push(id);
        }
    }

    async fn run(&self, id: usize, blob: &Blob, read: Box<dyn Fn(u64)>) -> Option<Verified> {
        // A worker that cannot start fails as one that stops: the file gets an answer.
        let Some(worker) = self.worker() else {
            return Some(Verified::refused(now()));
        };
        read(0);
        let generation = self.0.generation.get();
        if self.0.held.get() != Some(generation) {
            let lists = self.0.lists.borrow().clone();
            let _ = worker.post_message(&worker::message(&Request::Hold { lists }, &0.into()));
            self.0.held.set(Some(generation));
        }
        let (reply, give) = promise();
        *self.0.current.borrow_mut() = Some(Job {
            id,
            reply: give,
            read,
        });
        let timing = VerifyTiming::start();
        let request = Request::Verify {
            id: id as u64,
            now: now(),
        };
        let _ = worker.post_message(&worker::message(&request, blob));
        let reply = JsFuture::from(reply).await.unwrap_or(JsValue::TRUE);
        self.0.current.take();
        if reply.is_null() {
            return None;
        }
        let event = reply.dyn_into::<MessageEvent>().ok();
        let Some((
            Reply::Verified {
                report, crl, took, ..
            },
            _,
        )) = event.as_ref().and_then(worker::open::<Reply>)
        else {
            // The worker failed: out of memory, for a file too large for this device.
            return Some(Verified::refused(now()));
        };
        timing.end(took);
        // The page's copy of the bytes, for the attachments, the dossiers and another
        // verification, read once the worker is done with them, and once a worker grown large
        // for them is ended: its memory and theirs are not held at once.
        if blob.size() > RECYCLE as f64 {
            self.stop(&JsValue::NULL);
        }
        let input = worker::bytes(blob, |_| {}).await;
        Some(Verified {
            lists: if crl {
                pec::trust::read_crls(&input).unwrap_or_default()
            } else {
                Vec::new()
            },
            report: pec::transport::decode(&report).unwrap_or_else(pec::Report::too_large),
            input,
            at: now(),
            generation,
        })
    }

    /// The worker, started if there is none.
    fn worker(&self) -> Option<Worker> {
        if let Some(running) = self.0.worker.borrow().as_ref() {
            return Some(running.worker.clone());
        }
        let running = start(&self.0)?;
        let worker = running.worker.clone();
        *self.0.worker.borrow_mut() = Some(running);
        Some(worker)
    }

    /// Ends the worker, and the file it was verifying, whose reply is then `outcome`: `null`
    /// for a file cancelled, `true` for a worker that failed.
    fn stop(&self, outcome: &JsValue) {
        if let Some(running) = self.0.worker.take() {
            running.worker.terminate();
        }
        self.0.held.set(None);
        if let Some(job) = self.0.current.borrow_mut().take() {
            let _ = job.reply.call1(&JsValue::NULL, outcome);
        }
    }
}

/// A worker running this module, made from a Blob so that it keeps the page's policy, with
/// its replies heard by `inner`.
fn start(inner: &Rc<Inner>) -> Option<Running> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let source = js_sys::Array::of1(&include_str!("worker.js").into());
    let blob = Blob::new_with_str_sequence_and_options(&source, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let kind = web_sys::WorkerOptions::new();
    kind.set_type(web_sys::WorkerType::Module);
    let worker = Worker::new_with_options(&url, &kind).ok();
    let _ = web_sys::Url::revoke_object_url(&url);
    let worker = worker?;
    let weak = Rc::downgrade(inner);
    let replies = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = worker::open::<Reply>(&event);
        if let Some((Reply::Ready { warm_up }, _)) = reply {
            mark(READY);
            if let Some(took) = warm_up {
                measure(WARM_UP, took);
            }
            return;
        }
        let Some(inner) = weak.upgrade() else { return };
        let current = inner.current.borrow();
        let Some(job) = current.as_ref() else { return };
        match reply {
            Some((Reply::Read { id, bytes }, _)) if id == job.id as u64 => (job.read)(bytes),
            Some((Reply::Verified { id, .. }, _)) if id == job.id as u64 => {
                let _ = job.reply.call1(&JsValue::NULL, &event);
            }
            _ => {}
        }
    });
    let weak = Rc::downgrade(inner);
    let failure = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if let Some(inner) = weak.upgrade() {
            Engine(inner).stop(&JsValue::TRUE);
        }
    });
    worker.set_onmessage(Some(replies.as_ref().unchecked_ref()));
    worker.set_onerror(Some(failure.as_ref().unchecked_ref()));
    let glue = js_sys::Array::of2(&glue_url().into(), &wasm_bindgen::module());
    worker.post_message(&glue).ok()?;
    Some(Running {
        worker,
        _replies: replies,
        _failure: failure,
    })
}

#[wasm_bindgen]
extern "C" {
    type Meta;
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static META: Meta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &Meta) -> String;
}

/// The address of this module's JavaScript, which the worker imports.
fn glue_url() -> String {
    META.with(Meta::url)
}

/// The User Timing mark of the worker's start: the page is whole, and takes files with no
/// request more.
const READY: &str = "pec-engine-ready";

/// The User Timing measure of the worker's warm-up, ending as it says it is ready; none when a
/// file was waiting for it.
const WARM_UP: &str = "pec-warm-up";

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// The User Timing measure `name` of `took` milliseconds, ending now: work timed by the
/// worker's clock, whose times the page's cannot see.
fn measure(name: &str, took: f64) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    // `performance.measure(name, { start, end })`, which web-sys has as unstable.
    let options = js_sys::Object::new();
    let end = performance.now();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &(end - took).into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    let function = js_sys::Reflect::get(&performance, &"measure".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(function) = function {
        let _ = function.call2(&performance, &name.into(), &options);
    }
}

/// The User Timing measures of one file, which the browser's performance tools show and
/// `cargo xtask bench` reads: "pec-worker" from hand-over to report, and "pec-verify", the
/// engine's own time in the worker, ending as the report arrives.
struct VerifyTiming(Option<web_sys::Performance>);

impl VerifyTiming {
    const START: &str = "pec-worker-start";

    fn start() -> Self {
        mark(Self::START);
        Self(web_sys::window().and_then(|w| w.performance()))
    }

    /// Ends the measures; `engine` is the engine's time, from the worker's clock.
    fn end(self, engine: f64) {
        let Some(performance) = &self.0 else { return };
        let _ = performance.measure_with_start_mark("pec-worker", Self::START);
        measure("pec-verify", engine);
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
