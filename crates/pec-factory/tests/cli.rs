//! `pec-factory` as a person runs it: an option it does not know is answered with its usage,
//! never taken for the directory to fill.

use std::process::Command;

#[test]
fn an_unknown_option_prints_the_usage_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("pec-factory-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for option in ["--help", "-h", "--serie"] {
        let out = Command::new(env!("CARGO_BIN_EXE_pec-factory"))
            .arg(option)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{option}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("usage: pec-factory"));
        assert!(
            !dir.join(option).exists(),
            "{option} was taken for a directory"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
