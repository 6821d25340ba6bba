//! `pec-verify` as scripts and portals' back ends call it: JSON Lines in the documented shape,
//! exit status 0 / 1 / 2, standard input as `-`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn sample(path: &str) -> String {
    format!(
        "{}/../../../shared/samples/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn pec_verify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pec-verify"))
        .args(args)
        .output()
        .expect("pec-verify runs")
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON document"))
        .collect()
}

#[test]
fn json_lines_follow_the_documented_shape() {
    let genuine = sample("real/aruba-agidca1-consegna-completa.eml");
    let output = pec_verify(&["--json", &genuine]);
    assert_eq!(output.status.code(), Some(0));
    let docs = json_lines(&output);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["file"], genuine.as_str());
    assert_eq!(doc["error"], Value::Null);
    let message = &doc["messages"][0];
    assert_eq!(message["verdict"], "TOTAL-PASSED");
    assert_eq!(message["kind"], "avvenuta-consegna");
    assert_eq!(message["receipt_type"], "completa");
    let daticert = &message["daticert"];
    assert_eq!(daticert["mittente"], "l.battistini@pec.it");
    assert_eq!(daticert["destinatari"][0]["address"], "l.battistini@pec.it");
    assert_eq!(daticert["destinatari"][0]["tipo"], "certificato");
    assert_eq!(daticert["data"], "2018-11-13T16:39:27+01:00");
    assert_eq!(daticert["errore"], "nessuno");
    for key in [
        "oggetto",
        "gestore_emittente",
        "identificativo",
        "msgid",
        "consegna",
        "errore_esteso",
    ] {
        assert!(daticert.get(key).is_some(), "daticert.{key} missing");
    }
    let signature = &message["signature"];
    assert_eq!(signature["digest_algorithm"], "sha1");
    assert_eq!(signature["signature_algorithm"], "rsa-pkcs1v15");
    assert_eq!(signature["signing_time"], "2018-11-13T15:39:27Z");
    assert_eq!(
        signature["signer"]["email"],
        "posta-certificata@pec.aruba.it"
    );
    for key in ["subject", "issuer", "serial", "not_before", "not_after"] {
        assert!(signature["signer"][key].is_string(), "signer.{key} missing");
    }
    assert_eq!(signature["chain"].as_array().map(Vec::len), Some(3));
    let checks = message["checks"].as_array().expect("checks");
    assert!(
        checks
            .iter()
            .any(|c| c["id"] == "cms.message-digest" && c["status"] == "pass")
    );
}

#[test]
fn one_line_per_file_and_status_1_when_any_is_not_passed() {
    let output = pec_verify(&[
        "--json",
        &sample("real/aruba-agidca1-accettazione.eml"),
        &sample("tampered/sogei-sdi-edited-1.eml"),
        &sample("unsigned/toniorusso-pec-parser-postacert.eml"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let docs = json_lines(&output);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["messages"][0]["verdict"], "TOTAL-PASSED");
    assert_eq!(docs[1]["messages"][0]["verdict"], "TOTAL-FAILED");
    assert!(
        docs[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("no PEC provider signature"))
    );
    assert_eq!(docs[2]["messages"].as_array().map(Vec::len), Some(0));
}

#[test]
fn readable_text_names_the_verdict_and_why() {
    let output = pec_verify(&[&sample("tampered/sogei-sdi-edited-1.eml")]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("TOTAL-FAILED  posta-certificata (breve)"),
        "{text}"
    );
    assert!(text.contains("decided by cms.message-digest"), "{text}");
    assert!(text.contains("fail  cms.message-digest"), "{text}");
    assert!(text.contains("claims (not certified)"), "{text}");
}

#[test]
fn reads_standard_input() {
    let bytes = std::fs::read(sample("real/aruba-agidca1-accettazione.eml")).expect("sample");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pec-verify"))
        .args(["--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pec-verify runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&bytes)
        .expect("written");
    let output = child.wait_with_output().expect("finished");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_lines(&output)[0]["file"], "-");
}

#[test]
fn usage_errors_and_unreadable_paths_exit_2() {
    assert_eq!(pec_verify(&[]).status.code(), Some(2));
    assert_eq!(
        pec_verify(&["--at", "yesterday", "x.eml"]).status.code(),
        Some(2)
    );
    let missing = pec_verify(&["/nonexistent/ricevuta.eml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("cannot read /nonexistent/ricevuta.eml")
    );
    assert_eq!(
        pec_verify(&["--trust", "/nonexistent.pem", "x.eml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn at_judges_validity_at_the_given_time() {
    let genuine = sample("real/aruba-agidca1-accettazione.eml");
    let output = pec_verify(&["--json", "--at", "2030-01-01T00:00:00Z", &genuine]);
    assert_eq!(output.status.code(), Some(1));
    let doc = &json_lines(&output)[0];
    assert_eq!(doc["messages"][0]["verdict"], "TOTAL-FAILED");
    let checks = doc["messages"][0]["checks"].as_array().expect("checks");
    assert!(
        checks
            .iter()
            .any(|c| c["id"] == "trust.validity" && c["status"] == "fail")
    );
}

#[test]
fn a_trust_file_is_read_and_its_anchors_added() {
    // The PEC CA alone, given as an extra anchor, is a pinned CA: the chain still needs a root.
    let ca = format!(
        "{}/../../../shared/trust/agid-ca1-20250220.pem",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = pec_verify(&[
        "--json",
        "--trust",
        &ca,
        &sample("real/aruba-agidca1-accettazione.eml"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn dossier_puts_the_real_acceptance_and_delivery_together() {
    let acceptance = sample("real/aruba-agidca1-accettazione.eml");
    let delivery = sample("real/aruba-agidca1-consegna-completa.eml");
    let output = pec_verify(&["--dossier", "--json", &acceptance, &delivery]);
    assert_eq!(output.status.code(), Some(0));
    let docs = json_lines(&output);
    assert_eq!(docs.len(), 1, "one document for all files");
    let doc = &docs[0];
    assert_eq!(doc["schema_version"], 1);
    let dossiers = doc["dossiers"].as_array().expect("dossiers");
    assert_eq!(dossiers.len(), 1);
    let dossier = &dossiers[0];
    assert_eq!(dossier["complete"], true);
    assert_eq!(dossier["accepted"]["file"], acceptance.as_str());
    assert_eq!(dossier["recipients"][0]["outcome"], "delivered");
    assert_eq!(
        dossier["recipients"][0]["receipt"]["file"],
        delivery.as_str()
    );
    assert_eq!(dossier["problems"], Value::Array(Vec::new()));
    // Each file's report is the one --json prints for it alone.
    let alone = json_lines(&pec_verify(&["--json", &delivery]));
    assert_eq!(doc["files"][1], alone[0]);
}

#[test]
fn dossier_exits_1_when_a_sending_is_incomplete_and_says_why() {
    let acceptance = sample("real/aruba-agidca1-accettazione.eml");
    let output = pec_verify(&["--dossier", &acceptance]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("(incomplete)"), "{text}");
    assert!(
        text.contains("l.battistini@pec.it (certificato): unknown"),
        "{text}"
    );
}

#[test]
fn text_output_shows_hidden_characters_look_alikes_and_programs() {
    use pec_factory::{Attachment, Kind, Message, Ricevuta, pki};
    let dir = std::env::temp_dir().join(format!("pec-cli-sender-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let mut message = Message::new(Kind::PostaCertificata(Ricevuta::Completa));
    message.facts.mittente = "mario.rossi@pec.\u{440}rova.it".into();
    message.attachments = vec![Attachment {
        name: "fattura\u{202e}fdp.exe".into(),
        content_type: "application/pdf".into(),
        bytes: b"MZ\x90\0".to_vec(),
    }];
    let files = [
        ("busta.eml", message.build()),
        ("root.pem", pki::pem(&pki::pki().root).into_bytes()),
        ("ca.pem", pki::pem(&pki::pki().pec_ca).into_bytes()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("written");
    }
    let path = |name: &str| dir.join(name).display().to_string();
    let output = pec_verify(&[
        "--trust",
        &path("root.pem"),
        "--trust",
        &path("ca.pem"),
        &path("busta.eml"),
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(!text.contains('\u{202e}'), "{text}");
    assert!(
        text.contains("attachment \"fattura[U+202E]fdp.exe\" runs as a program when opened (.exe)"),
        "{text}"
    );
    assert!(
        text.contains(
            "from mario.rossi@pec.\u{440}rova.it (its domain mixes alphabets: a look-alike?)"
        ),
        "{text}"
    );
}

#[test]
fn many_files_come_out_in_the_order_given_whatever_each_takes() {
    // Small and large, quick and slow files in turn, more of them than threads run ahead.
    let kinds = [
        "real/sogei-agidca1-posta-certificata-sdi.eml",
        "unsigned/toniorusso-pec-parser-postacert.eml",
        "real/aruba-agidca1-accettazione.eml",
        "tampered/sogei-sdi-edited-1.eml",
    ];
    let paths: Vec<String> = (0..60)
        .map(|i| sample(kinds[i * 7 % kinds.len()]))
        .collect();
    let args: Vec<&str> = std::iter::once("--json")
        .chain(paths.iter().map(String::as_str))
        .collect();
    let output = pec_verify(&args);
    let files: Vec<String> = json_lines(&output)
        .iter()
        .map(|doc| doc["file"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(files, paths);
}

#[test]
fn an_unreadable_file_stops_the_output_after_the_files_before_it() {
    let genuine = sample("real/aruba-agidca1-accettazione.eml");
    let mut args = vec![
        "--json",
        genuine.as_str(),
        genuine.as_str(),
        "/nonexistent/x.eml",
    ];
    args.extend([genuine.as_str(); 20]);
    let output = pec_verify(&args);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json_lines(&output).len(), 2);
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read /nonexistent/x.eml"));
}

#[test]
fn outlook_files_and_signed_files_are_read() {
    let output = pec_verify(&[&sample("msg/outlook-smime-multipart-signed-sha512.msg")]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("signed by Simple Java Mail at 2019-04-27T16:47:54Z"),
        "{text}"
    );
    assert!(text.contains("fail  trust.pec-ca"), "{text}");

    let eml = pec_factory::Message::new(pec_factory::Kind::Accettazione).build();
    let path = format!("{}/accettazione.eml.p7m", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, pec_factory::P7m::Der.sign(&eml)).expect("a temporary file");
    let output = pec_verify(&[&path]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("  file signature: intact by CN=Posta Certificata Abusivo PEC"),
        "{text}"
    );
    assert!(
        text.contains("at 2024-04-15T08:00:00Z (qualification not checked"),
        "{text}"
    );
    assert!(text.contains("accettazione in signed content"), "{text}");
    let output = pec_verify(&["--json", &path]);
    let report = &json_lines(&output)[0];
    assert_eq!(
        report["file_signatures"][0]["checks"][0]["id"],
        "file.signature"
    );
    assert_eq!(report["messages"][0]["location"], "signed content");
}

#[test]
fn csv_is_a_header_then_a_line_per_file_in_the_order_given() {
    let genuine = sample("real/aruba-agidca1-consegna-completa.eml");
    let tampered = sample("tampered/sogei-sdi-edited-1.eml");
    let output = pec_verify(&["--csv", &genuine, &tampered]);
    assert_eq!(output.status.code(), Some(1), "not every file is genuine");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with(r#""file","sha256","standing","reason","kind","date""#));
    assert!(lines[1].starts_with(&format!(r#""{genuine}","#)));
    assert!(lines[1].contains(r#","genuine","","avvenuta-consegna","2018-11-13T16:39:27+01:00","#));
    assert!(lines[2].starts_with(&format!(r#""{tampered}","#)));
    assert!(lines[2].contains(r#","failed","#));
}

#[test]
fn csv_goes_with_neither_json_nor_dossier() {
    let genuine = sample("real/aruba-agidca1-consegna-completa.eml");
    for other in ["--json", "--dossier"] {
        let output = pec_verify(&["--csv", other, &genuine]);
        assert_eq!(output.status.code(), Some(2), "{other}");
    }
}

/// Runs `pec-verify ARGS` with standard error on a terminal (`script` gives it one), standard
/// output to a file: what a person at the terminal sees on standard error.
fn on_a_terminal(args: &[&str]) -> String {
    let out = std::env::temp_dir().join(format!("pec-verify-progress-{}", std::process::id()));
    let command = format!(
        "{} {} > {}",
        env!("CARGO_BIN_EXE_pec-verify"),
        args.join(" "),
        out.display()
    );
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("script runs");
    let _ = std::fs::remove_file(&out);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_batch_shows_its_progress_to_a_terminal_and_nothing_to_a_pipe() {
    let files = [
        sample("real/aruba-agidca1-accettazione.eml"),
        sample("real/aruba-agidca1-consegna-completa.eml"),
    ];
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let seen = on_a_terminal(&args);
    assert!(seen.contains("\rverified 1 of 2"), "{seen:?}");
    assert!(seen.contains("\rverified 2 of 2"), "{seen:?}");
    assert!(seen.ends_with("\r\x1b[K"), "the line is cleared: {seen:?}");
    // One file: nothing to wait for.
    assert_eq!(on_a_terminal(&args[..1]), "");
    // Standard error to a pipe, as scripts read it: nothing.
    let output = pec_verify(&["--json", &files[0], &files[1]]);
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
}

#[test]
fn a_receipt_in_a_zip_is_found_by_its_path_and_a_bomb_is_refused() {
    let eml = pec_factory::Message::new(pec_factory::Kind::Accettazione).build();
    let dir = env!("CARGO_TARGET_TMPDIR");
    let zip = format!("{dir}/ricevute.zip");
    std::fs::write(&zip, pec_factory::Zip::Bundled.pack("r.eml", &eml)).expect("a temporary file");
    let bomb = format!("{dir}/bomb.zip");
    std::fs::write(&bomb, pec_factory::Bomb::Ratio.build()).expect("a temporary file");
    let output = pec_verify(&["--json", &zip, &bomb]);
    let reports = json_lines(&output);
    assert_eq!(
        reports[0]["messages"][0]["location"],
        "zip entry (causa 42/ricevute/r.eml)"
    );
    assert_eq!(reports[1]["error_code"], "zip-bomb");
    // The PDF beside the receipt gets its answer too, in the JSON and in the readable report.
    assert_eq!(reports[0]["unread"][0]["error_code"], "print");
    let text = String::from_utf8_lossy(&pec_verify(&[&zip]).stdout).into_owned();
    let place = reports[0]["unread"][0]["location"]
        .as_str()
        .unwrap_or_default();
    assert!(
        text.contains(&format!("  {place}: This is a PDF or an image")),
        "{text}"
    );
}

#[test]
fn a_crl_file_judges_the_receipts_whose_ca_signed_it() {
    use pec_factory::message::default_time;
    use pec_factory::{Crl, Kind, Message, pki};
    let dir = std::env::temp_dir().join(format!("pec-cli-crl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let message = Message::new(Kind::Accettazione);
    let signed = default_time().unix;
    let clear = Crl::new(signed + 86_400);
    let revoked = Crl::new(signed + 86_400).revoking(&message.signer, signed - 60, None);
    let files = [
        ("accettazione.eml", message.build()),
        ("root.pem", pki::pem(&pki::pki().root).into_bytes()),
        ("ca.pem", pki::pem(&pki::pki().pec_ca).into_bytes()),
        ("clear.crl", clear.der()),
        ("revoked.crl", revoked.pem().into_bytes()),
        ("not-a-list.crl", b"hello".to_vec()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("written");
    }
    let path = |name: &str| dir.join(name).display().to_string();
    let (root, ca, eml) = (path("root.pem"), path("ca.pem"), path("accettazione.eml"));
    let with_list = |list: &str, json: bool| {
        let list = path(list);
        let mut args = vec!["--trust", &root, "--trust", &ca, "--crl", &list, &eml];
        if json {
            args.insert(0, "--json");
        }
        pec_verify(&args)
    };
    let revocation = |output: &Output| {
        let doc = &json_lines(output)[0];
        let checks = doc["messages"][0]["checks"].as_array().expect("checks");
        let found = checks
            .iter()
            .find(|c| c["id"] == "trust.revocation")
            .cloned();
        (
            doc["messages"][0]["verdict"].clone(),
            found.expect("a revocation check"),
        )
    };

    let output = with_list("clear.crl", true);
    assert_eq!(output.status.code(), Some(0));
    let (verdict, check) = revocation(&output);
    assert_eq!(verdict, "TOTAL-PASSED");
    assert_eq!(check["status"], "pass");
    assert_eq!(check["params"]["finding"], "not-revoked");
    let text = String::from_utf8_lossy(&with_list("clear.crl", false).stdout).into_owned();
    assert!(text.contains("pass  trust.revocation"), "{text}");

    let output = with_list("revoked.crl", true);
    assert_eq!(output.status.code(), Some(1));
    let (verdict, check) = revocation(&output);
    assert_eq!(verdict, "TOTAL-FAILED");
    assert_eq!(check["params"]["finding"], "revoked-before-signing");

    let output = with_list("not-a-list.crl", true);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("cannot use CRL file") && stderr.contains("no CRL found"),
        "{stderr}"
    );

    // A list given as a file to verify is told to be one.
    let output = pec_verify(&["--json", &path("clear.crl")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(json_lines(&output)[0]["error_code"], "crl");
}
