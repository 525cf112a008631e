//! Web and app boilerplate phrases, from `data/boilerplate.txt`, and the
//! shapes of other page furniture (app banners, related-headline lists).

use std::sync::LazyLock;

use regex::Regex;

struct Phrases {
    exact: crate::core::chars::FxHashSet<String>,
    prefixes: Vec<String>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut exact = crate::core::chars::FxHashSet::default();
    let mut prefixes = Vec::new();
    for line in include_str!("../../data/boilerplate.txt").lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        match l.strip_prefix('^') {
            Some(p) => prefixes.push(p.to_string()),
            None => {
                exact.insert(normalize(l).to_string());
            }
        }
    }
    Phrases { exact, prefixes }
});

fn normalize(s: &str) -> &str {
    s.trim().trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '：' | ':' | '>' | '》' | '|' | '·' | '。' | '…')
    })
}

/// Is this whole line web/app boilerplate?
pub fn is_boilerplate(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    if PHRASES.exact.contains(normalize(t)) {
        return true;
    }
    PHRASES.prefixes.iter().any(|p| {
        t.strip_prefix(p.as_str()).is_some_and(|rest| {
            // `责任编辑：…` takes any name; `扫一扫…`, `下载APP…` only a
            // short tag, not a sentence (`下载APP后，点击首页即可报名。`)
            p.ends_with(['：', ':'])
                || !rest.contains(['，', '。', '；', '！', '？', ',', ';', '!', '?'])
        })
    })
}

/// An app banner line: `青岛新闻APP`, `某某日报客户端` (boilerplate only when
/// an `打开`/`下载` line follows it).
pub fn is_app_banner(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (3..=16).contains(&n)
        && (t.ends_with("APP") || t.ends_with("App") || t.ends_with("app") || t.ends_with("客户端"))
        && !t.contains(['，', '。', ',', '：', ':'])
}

/// A headline with a publication time, as related-news widgets list them:
/// `某某区召开会议 2023-05-12 07:30`, `标题 | 3小时前`.
static HEADLINE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<title>.+?)(?:\s+|\s*[|｜·丨]\s*)(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?|\d+\s*(?:秒|分钟|小时|天)前|(?:昨天|前天|今天)(?:\s*\d{1,2}:\d{2})?|刚刚)$",
    )
    .expect("valid regex")
});

/// Is this line a related headline followed by its time stamp?
pub fn is_headline_with_time(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 240 {
        return false;
    }
    // the title is followed by white space or a separator
    if !t
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '|' | '｜' | '·' | '丨'))
    {
        return false;
    }
    let Some(c) = HEADLINE_TIME.captures(t) else {
        return false;
    };
    let title = c.name("title").map(|m| m.as_str().trim()).unwrap_or("");
    let n = title.chars().count();
    // headlines are 8+ characters; a schedule line (`主题论坛 2023-05-12 14:00`) is not
    (8..=60).contains(&n)
        && title.chars().any(super::chars::is_han)
        && !title.ends_with(['。', '，', '；', '：', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_and_headlines() {
        assert!(is_app_banner("青岛新闻APP"));
        assert!(is_app_banner("某某日报客户端"));
        assert!(!is_app_banner("下载APP后，点击首页即可报名。"));
        assert!(is_headline_with_time(
            "某某区召开安全生产工作会议 2023-05-12 07:30"
        ));
        assert!(is_headline_with_time("市民公园新增健身步道 | 3小时前"));
        assert!(is_headline_with_time("全市中小学开学在即 05-12 09:15"));
        assert!(!is_headline_with_time("2023-05-12 07:30"));
        assert!(!is_headline_with_time("主题论坛 2023-05-12 14:00"));
        assert!(!is_headline_with_time("会议于2023-05-12召开。"));
        assert!(!is_headline_with_time(
            "截至发稿时，现场仍在清理，预计 10:30"
        ));
    }

    #[test]
    fn phrases() {
        assert!(is_boilerplate("大家都在看"));
        assert!(is_boilerplate("打开APP查看更多评论"));
        assert!(is_boilerplate("责任编辑：王某"));
        assert!(is_boilerplate("分享到："));
        assert!(!is_boilerplate("大家都在看这场比赛。"));
        assert!(!is_boilerplate("市南区召开座谈会"));
        assert!(is_boilerplate("扫一扫分享本页"));
        assert!(!is_boilerplate("下载APP后，点击首页即可报名。"));
        assert!(!is_boilerplate("扫一扫二维码，即可在线报名。"));
    }
}
