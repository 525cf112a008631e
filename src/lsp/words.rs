//! The word-list edits behind the "add the word to the word list" code
//! action: which word a finding is about, and the edit that adds it to a
//! `.zhproof.toml` (or the text of a new one). Only `actions` uses them.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::core::chars::is_han;
use crate::core::config_file::{parse_config, toml_string};
use crate::core::rules;
use crate::core::{Edit, Finding};

/// The text of a new configuration file holding one word.
pub fn new_config_with_word(word: &str) -> String {
    format!("words = [{}]\n", toml_string(word))
}

/// The edit that adds `word` to the `words` list of an existing file:
/// appended to the list (at the top, or in `[style]`), or a new `words = […]`
/// line before the first table. `None` when the file does not parse, the
/// word is already there, or the edit would not give the expected result.
pub fn add_word_edit(text: &str, word: &str) -> Option<Edit> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let parsed = parse_config(text);
    let before = parsed.config.as_ref()?;
    if before.words.iter().any(|w| w == word) {
        return None;
    }
    let doc = DeTable::parse(text).ok()?;
    let quoted = toml_string(word);
    let find_words = |t: &DeTable| -> Option<Range<usize>> {
        t.iter()
            .find(|(k, v)| {
                let n: &str = k.get_ref();
                n == "words" && matches!(v.get_ref(), DeValue::Array(_))
            })
            .map(|(_, v)| v.span())
    };
    let array_edit = |span: Range<usize>| -> Option<Edit> {
        // re-read the array to find its last element
        let top = doc.get_ref();
        let arr = top
            .iter()
            .chain(
                top.iter()
                    .filter(|(k, _)| {
                        let n: &str = k.get_ref();
                        n == "style"
                    })
                    .filter_map(|(_, v)| v.get_ref().as_table())
                    .flat_map(|t| t.iter()),
            )
            .find(|(_, v)| v.span() == span)
            .and_then(|(_, v)| v.get_ref().as_array())?;
        if text.as_bytes().get(span.start) != Some(&b'[') {
            return None;
        }
        match arr.iter().last() {
            Some(last) => Some(Edit::new(
                last.span().end..last.span().end,
                format!(", {quoted}"),
            )),
            None => Some(Edit::new(span.start + 1..span.start + 1, quoted.clone())),
        }
    };
    let top = doc.get_ref();
    let edit = if let Some(span) = find_words(top) {
        array_edit(span)?
    } else if let Some(span) = top
        .iter()
        .find(|(k, _)| {
            let n: &str = k.get_ref();
            n == "style"
        })
        .and_then(|(_, v)| v.get_ref().as_table())
        .and_then(find_words)
    {
        array_edit(span)?
    } else {
        // a new top-level key, before the first [table] header
        let header = first_header_line(text);
        match header {
            Some(at) => Edit::new(at..at, format!("words = [{quoted}]\n\n")),
            None => {
                let sep = if text.is_empty() || text.ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                Edit::new(text.len()..text.len(), format!("{sep}words = [{quoted}]\n"))
            }
        }
    };
    // check the result: the word is in, nothing else changed
    let (after_text, n) = crate::core::fix::apply_edits(text, std::slice::from_ref(&edit));
    let after = parse_config(&after_text);
    let ac = after.config.as_ref()?;
    let mut expected = before.clone();
    expected.words.push(word.to_string());
    (n == 1 && *ac == expected && after.problems.len() == parsed.problems.len()).then_some(edit)
}

/// Byte offset of the first line that starts a `[table]` header, outside
/// multi-line strings.
fn first_header_line(text: &str) -> Option<usize> {
    let mut in_ml: Option<&str> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        match in_ml {
            Some(delim) => {
                if line.contains(delim) {
                    in_ml = None;
                }
            }
            None => {
                if t.starts_with('[') {
                    return Some(pos);
                }
                for delim in ["\"\"\"", "'''"] {
                    if line.matches(delim).count() % 2 == 1 {
                        in_ml = Some(delim);
                    }
                }
            }
        }
        pos += line.len();
    }
    None
}

/// The word a finding is about, when it is one that can go into the word
/// list (a name, term or acronym the rule took for an error): the finding's
/// text is 2–30 characters of Han, Latin letters and digits (`·` `-` `.` `_`
/// `+` inside), and the rule is not about punctuation.
pub fn finding_word<'a>(text: &'a str, f: &Finding) -> Option<&'a str> {
    if rules::get(f.code).is_some_and(|r| r.family == "标点") {
        return None;
    }
    let w = text.get(f.range.clone())?;
    let n = w.chars().count();
    if !(2..=30).contains(&n) {
        return None;
    }
    let ok_char = |c: char| {
        is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '-' | '.' | '_' | '+')
    };
    let edge_ok = |c: Option<char>| c.is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric());
    let has_letter = w.chars().any(|c| is_han(c) || c.is_ascii_alphabetic());
    (w.chars().all(ok_char) && has_letter && edge_ok(w.chars().next()) && edge_ok(w.chars().last()))
        .then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str, w: &str) -> Option<String> {
        add_word_edit(text, w).map(|e| crate::core::fix::apply_edits(text, &[e]).0)
    }

    #[test]
    fn adds_words() {
        assert_eq!(
            add("words = [\"甲\"]\n", "高实集团").as_deref(),
            Some("words = [\"甲\", \"高实集团\"]\n")
        );
        assert_eq!(
            add("words = []\n", "乙").as_deref(),
            Some("words = [\"乙\"]\n")
        );
        assert_eq!(
            add("words = [\n  \"甲\",\n]\n", "乙").as_deref(),
            Some("words = [\n  \"甲\", \"乙\",\n]\n")
        );
        assert_eq!(
            add("[style]\nwords = [\"甲\"]\n", "乙").as_deref(),
            Some("[style]\nwords = [\"甲\", \"乙\"]\n")
        );
        assert_eq!(
            add("# 配置\n[rules]\npunct-halfwidth = \"off\"\n", "乙").as_deref(),
            Some("# 配置\nwords = [\"乙\"]\n\n[rules]\npunct-halfwidth = \"off\"\n")
        );
        assert_eq!(
            add("article_date = \"2018-11-05\"", "乙").as_deref(),
            Some("article_date = \"2018-11-05\"\nwords = [\"乙\"]\n")
        );
        assert_eq!(add("", "乙").as_deref(), Some("words = [\"乙\"]\n"));
        assert_eq!(add("words = [\"乙\"]\n", "乙"), None, "already there");
        assert_eq!(add("words = [\n", "乙"), None, "broken file");
        assert_eq!(
            add("words = [\"a\"]", "say \"hi\"").as_deref(),
            Some("words = [\"a\", \"say \\\"hi\\\"\"]")
        );
        assert_eq!(
            parse_config(&new_config_with_word("高实集团"))
                .config
                .map(|c| c.words),
            Some(vec!["高实集团".to_string()])
        );
    }

    #[test]
    fn words_of_findings() {
        use crate::core::finding::Finding;
        let t = "高实集团发布PM2.5数据,结果。";
        let f = |code: &'static str, r: Range<usize>| Finding::new(code, r, "x");
        let gs = t.find("高实集团").unwrap();
        assert_eq!(
            finding_word(t, &f("word-confused", gs..gs + "高实集团".len())),
            Some("高实集团")
        );
        let pm = t.find("PM2.5").unwrap();
        assert_eq!(
            finding_word(t, &f("latin-stray", pm..pm + 5)),
            Some("PM2.5")
        );
        let comma = t.find(',').unwrap();
        assert_eq!(
            finding_word(t, &f("punct-halfwidth", comma..comma + 1)),
            None
        );
        assert_eq!(
            finding_word(t, &f("typo-char", gs..gs + 3)),
            None,
            "one character"
        );
        let end = t.find("结果").unwrap();
        assert_eq!(
            finding_word(t, &f("x", comma..end)),
            None,
            "punctuation inside"
        );
    }
}
