//! Configuration parsing: `.zhproof.toml` text (first byte even) or the
//! editor's JSON settings (odd). No panic; every problem's range lies in the
//! file on character boundaries and its line is the line of its start.
#![no_main]
use libfuzzer_sys::fuzz_target;
use zhproof_fuzz::*;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = text_of(rest);
    if which & 1 == 0 {
        let parsed = parse_config(&text);
        for p in &parsed.problems {
            assert_range(&text, &p.range, "config problem");
            let line = text[..p.range.start].matches('\n').count() + 1;
            assert_eq!(p.line, line, "{p:?}");
            assert!(!p.message.is_empty());
        }
        if parsed.problems.iter().any(|p| p.error) && parsed.config.is_none() {
            assert!(parsed.is_unparsable());
        }
    } else if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        let (_layer, warnings) = parse_settings(&v);
        assert!(warnings.iter().all(|w| !w.is_empty()));
        // the same settings under the key a client may wrap them in
        let wrapped = serde_json::json!({ "rules": v });
        let _ = parse_settings(&wrapped);
    }
});
