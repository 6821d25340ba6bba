//! The verification engine as a JavaScript ES module, for portals that verify PEC receipts in
//! their own pages: `verify(bytes, options)` returns the report `pec-verify --json` prints for
//! the same file, as a plain object; `dossier(files, options)` the document of
//! `pec-verify --dossier --json` for several files. `cargo xtask build` turns this crate into
//! `dist/engine/pec.js` and `dist/engine/pec_bg.wasm` (wasm-bindgen `--target web`, wasm-opt).

use js_sys::{Array, Date, JSON, Object, Reflect, Uint8Array};
use pec::{Options, Timestamp};
use wasm_bindgen::prelude::*;

/// The `file` of a report whose input has no name, as `pec-verify` names standard input.
const UNNAMED: &str = "-";

/// The options `verify` reads, and those `dossier` reads; any other key is refused, so a
/// misspelt one cannot go unseen.
const KEYS: [&str; 4] = ["trust", "crl", "at", "name"];
const DOSSIER_KEYS: [&str; 3] = ["trust", "crl", "at"];

#[wasm_bindgen]
extern "C" {
    /// The second argument of `verify`: `{ trust, crl, at, name }`, each optional.
    type VerifyOptions;

    #[wasm_bindgen(method, getter)]
    fn trust(this: &VerifyOptions) -> JsValue;

    #[wasm_bindgen(method, getter)]
    fn crl(this: &VerifyOptions) -> JsValue;

    #[wasm_bindgen(method, getter)]
    fn at(this: &VerifyOptions) -> JsValue;

    #[wasm_bindgen(method, getter)]
    fn name(this: &VerifyOptions) -> JsValue;
}

/// Verifies every signed PEC message in `bytes` (a `Uint8Array`) and returns the report of
/// `pec-verify --json`: `{ file, error_code, error, sha256, messages }`. Any bytes give a report;
/// bytes of another type or an unusable option throw an `Error` saying why.
///
/// Options: `trust`, PEM text (or an array of them) of extra anchors, as `pec-verify --trust`
/// reads them; `crl`, certificate revocation lists (a `Uint8Array` of DER or PEM text, or an
/// array of them), as `pec-verify --crl` reads them; `at`, the verification time (RFC 3339, as `--at`); `name`, the report's `file`
/// (default `"-"`, as `pec-verify` names standard input).
#[wasm_bindgen]
pub fn verify(bytes: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let bytes = bytes
        .dyn_ref::<Uint8Array>()
        .ok_or_else(|| error("The bytes to verify must be a Uint8Array."))?
        .to_vec();
    let (options, name) = read_options(options, &KEYS)?;
    JSON::parse(&pec::verify(&bytes, &options).to_json(&name))
}

/// Verifies every file of `files` (an array of `{ name, bytes }`, `bytes` a `Uint8Array`) and
/// puts them together by sending: returns `{ schema_version, dossiers, files }`, the document
/// of `pec-verify --dossier --json`. Options: `trust`, `crl` and `at`, as for `verify`.
#[wasm_bindgen]
pub fn dossier(files: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let given = read_files(files)?;
    let (options, _) = read_options(options, &DOSSIER_KEYS)?;
    JSON::parse(&pec::dossier_json(&given, options))
}

/// The `files` of `dossier`: each `{ name, bytes }`.
fn read_files(value: &JsValue) -> Result<Vec<(String, Vec<u8>)>, JsValue> {
    let refused = || error("The files must be an array of { name, bytes }, bytes a Uint8Array.");
    if !Array::is_array(value) {
        return Err(refused());
    }
    Array::from(value)
        .iter()
        .map(|file| {
            let name = Reflect::get(&file, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            let bytes = Reflect::get(&file, &"bytes".into()).ok();
            match (name, bytes.as_ref().and_then(|b| b.dyn_ref::<Uint8Array>())) {
                (Some(name), Some(bytes)) => Ok((name, bytes.to_vec())),
                _ => Err(refused()),
            }
        })
        .collect()
}

/// The core's options and the report's name from the JavaScript options object; the moment of
/// verification is the browser's clock.
fn read_options(value: &JsValue, keys: &[&str]) -> Result<(Options, String), JsValue> {
    let mut options = Options {
        now: Some(Timestamp::utc((Date::now() / 1000.0) as i64)),
        ..Options::default()
    };
    if value.is_undefined() || value.is_null() {
        return Ok((options, UNNAMED.to_owned()));
    }
    if !value.is_object() {
        return Err(error(&format!(
            "The options must be an object: {{ {} }}, each optional.",
            keys.join(", ")
        )));
    }
    for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !keys.contains(&key.as_str()) {
            let (last, others) = keys.split_last().unwrap_or((&"", &[]));
            return Err(error(&format!(
                "Unknown option {key:?}: the options are {} and {last}.",
                others.join(", ")
            )));
        }
    }
    let value: &VerifyOptions = value.unchecked_ref();

    for (index, pem) in pem_texts(value.trust())?.iter().enumerate() {
        options
            .trust
            .add_certificates(pem.as_bytes())
            .map_err(|e| error(&format!("Cannot use options.trust[{index}]: {e}.")))?;
    }
    for (index, list) in lists(value.crl())?.iter().enumerate() {
        let read = pec::trust::read_crls(list)
            .map_err(|e| error(&format!("Cannot use options.crl[{index}]: {e}.")))?;
        options.crls.extend(read);
    }
    if let Some(at) = text(value.at(), "at", "an RFC 3339 time")? {
        let at = at
            .parse::<Timestamp>()
            .map_err(|e| error(&format!("Cannot use options.at: {e}.")))?;
        options.at = Some(at);
    }
    let name = text(value.name(), "name", "a string")?.unwrap_or_else(|| UNNAMED.to_owned());
    Ok((options, name))
}

/// The `trust` option: absent, one PEM text, or an array of them.
fn pem_texts(value: JsValue) -> Result<Vec<String>, JsValue> {
    let refused = || error("options.trust must be PEM text or an array of PEM texts.");
    if value.is_undefined() || value.is_null() {
        Ok(Vec::new())
    } else if let Some(pem) = value.as_string() {
        Ok(vec![pem])
    } else if Array::is_array(&value) {
        Array::from(&value)
            .iter()
            .map(|item| item.as_string().ok_or_else(refused))
            .collect()
    } else {
        Err(refused())
    }
}

/// The `crl` option: absent, one list (a `Uint8Array` of DER, or PEM text), or an array of them.
fn lists(value: JsValue) -> Result<Vec<Vec<u8>>, JsValue> {
    let refused = || error("options.crl must be a Uint8Array or PEM text, or an array of them.");
    let one = |item: JsValue| match item.dyn_ref::<Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => item.as_string().map(String::into_bytes).ok_or_else(refused),
    };
    if value.is_undefined() || value.is_null() {
        Ok(Vec::new())
    } else if Array::is_array(&value) {
        Array::from(&value).iter().map(one).collect()
    } else {
        one(value).map(|list| vec![list])
    }
}

/// An optional string option: `None` when absent (undefined or null), an error naming the
/// option and what it should be when it is not a string.
fn text(value: JsValue, option: &str, expected: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value
        .as_string()
        .map(Some)
        .ok_or_else(|| error(&format!("options.{option} must be {expected}.")))
}

fn error(sentence: &str) -> JsValue {
    JsError::new(sentence).into()
}
