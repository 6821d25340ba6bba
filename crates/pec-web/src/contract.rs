//! The names the engine shares with the page's script, www/page.js: two element ids, a class,
//! an attribute, three events and a file type. Each is named here once and once in the const block at the
//! top of page.js, with the same const name; the tests below hold the two blocks to each other.

/// The drop zone's file input: the script gives it the files an embedding page sends.
pub const FILE_INPUT_ID: &str = "file-input";

/// The page as index.html writes it, shown until the engine runs: a drop zone whose files the
/// script holds until the engine has started. The engine removes it as it starts.
pub const SHELL_ID: &str = "shell";

/// The class the script puts on `<html>` when the page is embedded (`?embed=1`): the engine then
/// announces each report ([`REPORT_EVENT`]) and the style sheet drops the site's chrome.
pub const EMBEDDED_CLASS: &str = "embedded";

/// The attribute of `<html>` where the script leaves the language the address asks for
/// (`lang=`), as given: the engine knows its languages and ignores any other code.
pub const LANG_ATTRIBUTE: &str = "data-lang";

/// The window event by which the engine hands the script each report when embedded; its detail
/// is the report's JSON, that of `pec-verify --json`.
pub const REPORT_EVENT: &str = "pec-report";

/// The window event by which the engine hands the script, when embedded, the dossiers of every
/// file on the page once all of them are verified; its detail is the JSON of
/// `pec-verify --dossier --json` for those files.
pub const DOSSIERS_EVENT: &str = "pec-dossiers";

/// The type the script gives a file an embedding page sent: the page then marks its name as
/// the embedding site's.
pub const PORTAL_FILE_TYPE: &str = "application/x-pec-portal-file";

/// The window event Trunk's loader dispatches once the engine has started, so the file input
/// exists: the script then tells the embedding page it is ready.
pub const STARTED_EVENT: &str = "TrunkApplicationStarted";

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// Every name above, under its const name.
    const NAMES: [(&str, &str); 8] = [
        ("FILE_INPUT_ID", FILE_INPUT_ID),
        ("SHELL_ID", SHELL_ID),
        ("EMBEDDED_CLASS", EMBEDDED_CLASS),
        ("LANG_ATTRIBUTE", LANG_ATTRIBUTE),
        ("REPORT_EVENT", REPORT_EVENT),
        ("DOSSIERS_EVENT", DOSSIERS_EVENT),
        ("STARTED_EVENT", STARTED_EVENT),
        ("PORTAL_FILE_TYPE", PORTAL_FILE_TYPE),
    ];

    /// The comment that opens page.js's block of shared names.
    const SCRIPT_BLOCK: &str = "// Names shared with the engine";

    fn repository() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// `const NAME = 'value';` as its name and value.
    fn declared_string(line: &str) -> Option<(&str, &str)> {
        let (name, value) = line.strip_prefix("const ")?.split_once(" = ")?;
        Some((name, value.strip_prefix('\'')?.strip_suffix("';")?))
    }

    /// page.js's block (the `const NAME = 'value';` lines after its opening comment), and the
    /// script without it and without its other string consts (the postMessage protocol's
    /// `'pec-report'` and `'pec-dossiers'` are another contract's names, spelled the same).
    fn script() -> (Vec<(String, String)>, String) {
        let script = read(&repository().join("www/page.js"));
        let start = script
            .find(SCRIPT_BLOCK)
            .expect("page.js has its block of names shared with the engine");
        let mut lines = script[start..]
            .lines()
            .skip_while(|l| l.starts_with("//"))
            .peekable();
        let mut names = Vec::new();
        while let Some((name, value)) = lines.peek().copied().and_then(declared_string) {
            names.push((name.to_owned(), value.to_owned()));
            lines.next();
        }
        let rest: Vec<&str> = lines.filter(|l| declared_string(l).is_none()).collect();
        (names, format!("{}\n{}", &script[..start], rest.join("\n")))
    }

    /// Where `name` appears in `text` as a name of its own: in quotes, or after `#` or `.` in a
    /// selector, and not as part of a longer name. Prose ("the embedded page") does not count.
    fn literal_uses(text: &str, name: &str) -> usize {
        let bytes = text.as_bytes();
        text.match_indices(name)
            .filter(|&(at, _)| {
                let before = at.checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(at + name.len()).copied();
                matches!(before, Some(b'"' | b'\'' | b'`' | b'#' | b'.'))
                    && !after.is_some_and(|c| c.is_ascii_alphanumeric() || b"-_".contains(&c))
            })
            .count()
    }

    fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a source directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                rust_files(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }

    #[test]
    fn the_script_names_what_the_engine_names() {
        let (script, _) = script();
        let mut script: Vec<_> = script
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        let mut engine = NAMES.to_vec();
        script.sort_unstable();
        engine.sort_unstable();
        assert_eq!(
            script, engine,
            "page.js and contract.rs name different things"
        );
    }

    #[test]
    fn the_script_uses_each_name_through_its_const() {
        let (_, rest) = script();
        for (name, value) in NAMES {
            assert_eq!(
                literal_uses(&rest, value),
                0,
                "page.js spells out '{value}' outside its block: use {name}"
            );
            let used = rest.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            assert!(
                used.into_iter().any(|word| word == name),
                "page.js declares {name} and never uses it"
            );
        }
    }

    #[test]
    fn the_engine_uses_each_name_through_its_const() {
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&crate_dir.join("src"), &mut files);
        rust_files(&crate_dir.join("tests"), &mut files);
        let this = crate_dir.join("src/contract.rs");
        for file in files.iter().filter(|f| **f != this) {
            let text = read(file);
            for (name, value) in NAMES {
                assert_eq!(
                    literal_uses(&text, value),
                    0,
                    "{} spells out \"{value}\": use contract::{name}",
                    file.display()
                );
            }
        }
    }

    #[test]
    fn the_style_sheet_styles_the_embedded_page_by_its_class() {
        let style = read(&repository().join("www/style.css"));
        let selector = format!(".{EMBEDDED_CLASS} ");
        assert!(
            style.contains(&selector),
            "www/style.css has no rule for {selector}"
        );
    }

    /// index.html's page before the engine runs, in the engine's Italian words (the page's
    /// first language) and offering the same files.
    #[test]
    fn the_page_before_the_engine_says_what_the_engine_says() {
        let index = read(&repository().join("index.html"));
        let (_, shell) = index
            .split_once(&format!(r#"<div id="{SHELL_ID}">"#))
            .expect("index.html has the page before the engine");
        let t = crate::text::Lang::It.text();
        let words = [t.site_name, t.title, t.lead, t.drop_title, t.drop_hint];
        for text in words
            .into_iter()
            .chain([crate::components::drop_zone::ACCEPT])
        {
            assert!(
                shell.contains(text),
                "index.html's shell does not say {text:?}"
            );
        }
        assert!(
            shell.contains(r#"role="status""#),
            "the shell tells screen readers that the engine is loading"
        );
    }

    #[test]
    fn the_literal_finder_tells_names_from_prose() {
        let text = r#"id="file-input"; '#file-input'; the file-input; "file-inputs"; .embedded a"#;
        assert_eq!(literal_uses(text, "file-input"), 2);
        assert_eq!(literal_uses(text, "embedded"), 1);
        assert_eq!(literal_uses("is embedded.", "embedded"), 0);
    }
}
