//! Web and app boilerplate phrases, from `data/boilerplate.txt`.

use std::sync::LazyLock;

struct Phrases {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut exact = Vec::new();
    let mut prefixes = Vec::new();
    for line in include_str!("../../data/boilerplate.txt").lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match l.strip_prefix('^') {
            Some(p) => prefixes.push(p.to_string()),
            None => exact.push(normalize(l)),
        }
    }
    Phrases { exact, prefixes }
});

fn normalize(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '：' | ':' | '>' | '》' | '|' | '·' | '。' | '…')
        })
        .to_string()
}

/// Is this whole line web/app boilerplate?
pub fn is_boilerplate(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    let n = normalize(t);
    if PHRASES.exact.iter().any(|p| *p == n) {
        return true;
    }
    PHRASES.prefixes.iter().any(|p| t.starts_with(p.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        assert!(is_boilerplate("大家都在看"));
        assert!(is_boilerplate("打开APP查看更多评论"));
        assert!(is_boilerplate("责任编辑：王某"));
        assert!(is_boilerplate("分享到："));
        assert!(!is_boilerplate("大家都在看这场比赛。"));
        assert!(!is_boilerplate("市南区召开座谈会"));
    }
}
