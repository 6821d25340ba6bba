//! `pec_verify`, the verification core for Python: `verify(data)` returns the report
//! `pec-verify --json` prints for the same bytes, as a dict; `verify_file(path)` reads the file
//! first; `dossier(files)` puts files together by sending, as `pec-verify --dossier --json`;
//! a `Verifier` does the same for many files, keeping what it learnt.
//! The interpreter's lock is released while the core works, so a thread pool verifies on every
//! core. Options are checked before any work, with the sentences the JavaScript module uses.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use pec::{Options, Timestamp};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The `trust` and `crl` options: one file's content (PEM text or DER bytes), or a list of them.
#[derive(FromPyObject)]
enum Files {
    One(Content),
    Many(Vec<Content>),
}

impl Files {
    fn all(files: Option<Self>) -> Vec<Content> {
        match files {
            None => Vec::new(),
            Some(Self::One(file)) => vec![file],
            Some(Self::Many(files)) => files,
        }
    }
}

/// One file's content, as text or bytes.
#[derive(FromPyObject)]
enum Content {
    Text(String),
    Bytes(Vec<u8>),
}

impl Content {
    fn bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Bytes(bytes) => bytes,
        }
    }
}

/// A file given to `dossier`: a path, or a name and its bytes.
#[derive(FromPyObject)]
enum Given {
    Named(String, Vec<u8>),
    Path(PathBuf),
}

/// The core's options from the keyword arguments; the moment of verification is the system
/// clock, as for `pec-verify`.
fn options(trust: Option<Files>, crl: Option<Files>, at: Option<&str>) -> PyResult<Options> {
    let mut options = Options {
        now: now(),
        ..Options::default()
    };
    for (index, anchor) in Files::all(trust).iter().enumerate() {
        options
            .trust
            .add_certificates(anchor.bytes())
            .map_err(|e| PyValueError::new_err(format!("Cannot use trust[{index}]: {e}.")))?;
    }
    for (index, list) in Files::all(crl).iter().enumerate() {
        let lists = pec::trust::read_crls(list.bytes())
            .map_err(|e| PyValueError::new_err(format!("Cannot use crl[{index}]: {e}.")))?;
        options.crls.extend(lists);
    }
    if let Some(at) = at {
        let at = at
            .parse::<Timestamp>()
            .map_err(|e| PyValueError::new_err(format!("Cannot use at: {e}.")))?;
        options.at = Some(at);
    }
    Ok(options)
}

fn now() -> Option<Timestamp> {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    Some(Timestamp::utc(i64::try_from(since_epoch.as_secs()).ok()?))
}

/// The JSON text as Python objects.
fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// The report of `data` (bytes), as a dict: `{"schema_version", "file", "error", "messages",
/// …}`. Any bytes give a report; an unusable option raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (data, *, trust = None, crl = None, at = None, name = "-"))]
fn verify<'py>(
    py: Python<'py>,
    data: Vec<u8>,
    trust: Option<Files>,
    crl: Option<Files>,
    at: Option<&str>,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(trust, crl, at)?;
    let json = py.detach(|| pec::verify(&data, &options).to_json(name));
    loads(py, &json)
}

/// The report of the file at `path`, named as the path; an unreadable file raises `OSError`.
#[pyfunction]
#[pyo3(signature = (path, *, trust = None, crl = None, at = None))]
fn verify_file<'py>(
    py: Python<'py>,
    path: PathBuf,
    trust: Option<Files>,
    crl: Option<Files>,
    at: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(trust, crl, at)?;
    let name = path.display().to_string();
    let json =
        py.detach(|| std::fs::read(&path).map(|b| pec::verify(&b, &options).to_json(&name)))?;
    loads(py, &json)
}

/// The files (paths, or `(name, bytes)` pairs) put together by sending: `{"schema_version",
/// "dossiers", "files"}`, as `pec-verify --dossier --json` prints it.
#[pyfunction]
#[pyo3(signature = (files, *, trust = None, crl = None, at = None))]
fn dossier<'py>(
    py: Python<'py>,
    files: Vec<Given>,
    trust: Option<Files>,
    crl: Option<Files>,
    at: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(trust, crl, at)?;
    let json = py.detach(|| -> std::io::Result<String> {
        let read = files
            .into_iter()
            .map(|file| match file {
                Given::Named(name, bytes) => Ok((name, bytes)),
                Given::Path(path) => Ok((path.display().to_string(), std::fs::read(&path)?)),
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(pec::dossier_json(&read, options))
    })?;
    loads(py, &json)
}

/// A verifier that keeps its options and what it learnt (the provider certificate links it
/// checked) from one file to the next: for many files, one per thread is much quicker than
/// the functions, which start afresh each time.
#[pyclass(module = "pec_verify", frozen)]
struct Verifier(Mutex<pec::Verifier>);

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (*, trust = None, crl = None, at = None))]
    fn new(trust: Option<Files>, crl: Option<Files>, at: Option<&str>) -> PyResult<Self> {
        Ok(Self(Mutex::new(pec::Verifier::new(options(
            trust, crl, at,
        )?))))
    }

    /// As the module's `verify`, with this verifier's options.
    #[pyo3(signature = (data, *, name = "-"))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        data: Vec<u8>,
        name: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let json = py.detach(|| self.report(&data, name));
        loads(py, &json)
    }

    /// As the module's `verify_file`, with this verifier's options.
    fn verify_file<'py>(&self, py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyAny>> {
        let name = path.display().to_string();
        let json = py.detach(|| std::fs::read(&path).map(|bytes| self.report(&bytes, &name)))?;
        loads(py, &json)
    }
}

impl Verifier {
    /// The report's JSON, judged at the present moment however long ago the verifier was made.
    fn report(&self, data: &[u8], name: &str) -> String {
        let mut verifier = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        verifier.options.now = now();
        verifier.verify(data).to_json(name)
    }
}

#[pymodule]
fn pec_verify(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Verifier>()?;
    module.add_function(wrap_pyfunction!(verify, module)?)?;
    module.add_function(wrap_pyfunction!(verify_file, module)?)?;
    module.add_function(wrap_pyfunction!(dossier, module)?)?;
    Ok(())
}
