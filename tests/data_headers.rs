//! Every file under `data/` says where it comes from: its header (the leading
//! `#` lines) has a `Source:` line, a `Licence:` line and a `Date:` line
//! (`YYYY-MM-DD`, when the list was compiled).

use std::path::Path;

/// The header lines of a data file, without the `#` and the spaces after it.
fn header(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .collect()
}

/// The text after `key` on the header line that starts with it, if any.
fn field<'a>(header: &[&'a str], key: &str) -> Option<&'a str> {
    header
        .iter()
        .find_map(|l| l.strip_prefix(key))
        .map(str::trim)
}

/// Does `s` start with a `YYYY-MM-DD` date?
fn starts_with_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[test]
fn every_data_file_has_source_licence_and_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("data/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files in {}", dir.display());
    let mut missing = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let h = header(&text);
        for key in ["Source:", "Licence:", "Date:"] {
            match field(&h, key) {
                None => missing.push(format!("data/{name}: no `{key}` line in the header")),
                Some("") => missing.push(format!("data/{name}: `{key}` says nothing")),
                Some(v) if key == "Date:" && !starts_with_date(v) => {
                    missing.push(format!("data/{name}: `Date: {v}` is not YYYY-MM-DD"))
                }
                Some(_) => {}
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn the_header_is_only_the_leading_comment_lines() {
    let h =
        header("# A list\n# Source: x\n# Licence: y\n# Date: 2026-11-23\nentry\n# Source: later\n");
    assert_eq!(field(&h, "Source:"), Some("x"));
    assert_eq!(h.len(), 4);
    assert!(starts_with_date("2026-11-23 (compiled)"));
    assert!(!starts_with_date("23.11.2026"));
}
