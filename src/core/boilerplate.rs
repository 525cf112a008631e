//! Web and app boilerplate phrases, from `data/boilerplate.txt`, and the
//! shapes of other page furniture (app banners, related-headline lists).

use std::sync::LazyLock;

use regex::Regex;

struct Phrases {
    exact: crate::core::chars::FxHashSet<String>,
    /// The first chars of the exact phrases: a line whose normalized text
    /// starts otherwise is not looked up.
    exact_firsts: FirstChars,
    /// With their first chars (compared before the whole prefix).
    prefixes: Vec<(char, String)>,
    /// The first chars of the prefixes.
    prefix_firsts: FirstChars,
}

/// A small set of chars: a 4096-bit filter on the low bits of the code
/// point, then a binary search (a set lookup for nearly every line is one
/// bit test).
struct FirstChars {
    filter: [u64; 64],
    sorted: Vec<char>,
}

impl FirstChars {
    fn new(mut sorted: Vec<char>) -> FirstChars {
        sorted.sort_unstable();
        sorted.dedup();
        let mut filter = [0; 64];
        for &c in &sorted {
            let k = c as usize & 4095;
            filter[k >> 6] |= 1 << (k & 63);
        }
        FirstChars { filter, sorted }
    }

    fn contains(&self, c: char) -> bool {
        let k = c as usize & 4095;
        self.filter[k >> 6] & (1 << (k & 63)) != 0 && self.sorted.binary_search(&c).is_ok()
    }
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
    let firsts = |v: &mut dyn Iterator<Item = &String>| {
        FirstChars::new(v.filter_map(|p| p.chars().next()).collect())
    };
    Phrases {
        exact_firsts: firsts(&mut exact.iter()),
        prefix_firsts: firsts(&mut prefixes.iter()),
        exact,
        // (an empty prefix starts with no char: it never matched)
        prefixes: prefixes
            .into_iter()
            .filter_map(|p| Some((p.chars().next()?, p)))
            .collect(),
    }
});

fn normalize(s: &str) -> &str {
    s.trim().trim_matches(is_trimmed_by_normalize)
}

/// The chars [`normalize`] trims from both ends.
fn is_trimmed_by_normalize(c: char) -> bool {
    c.is_whitespace() || matches!(c, '：' | ':' | '>' | '》' | '|' | '·' | '。' | '…')
}

/// Is this whole line web/app boilerplate?
#[cfg(test)]
pub fn is_boilerplate(line: &str) -> bool {
    let t = line.trim();
    is_boilerplate_trimmed(t, t.chars().count())
}

/// [`is_boilerplate`] of a trimmed line `t` of `n` chars.
pub(crate) fn is_boilerplate_trimmed(t: &str, n: usize) -> bool {
    let Some(first) = t.chars().next() else {
        return false;
    };
    if n > 40 {
        return false;
    }
    // The normalized line starts with `first` unless normalizing trims it:
    // a line that starts with no exact phrase's first char is neither
    // normalized nor hashed (an empty normalized line, with no first char,
    // is looked up).
    let may_be_exact = |c: char| PHRASES.exact_firsts.contains(c);
    if is_trimmed_by_normalize(first) || may_be_exact(first) {
        let norm = normalize(t);
        if norm.chars().next().is_none_or(may_be_exact) && PHRASES.exact.contains(norm) {
            return true;
        }
    }
    // (no prefix starts with the line's first character: nothing to compare)
    if !PHRASES.prefix_firsts.contains(first) {
        return false;
    }
    PHRASES.prefixes.iter().any(|(pf, p)| {
        *pf == first
            && t.strip_prefix(p.as_str()).is_some_and(|rest| {
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
    is_app_banner_trimmed(t, t.chars().count())
}

/// [`is_app_banner`] of a trimmed line `t` of `n` chars.
pub(crate) fn is_app_banner_trimmed(t: &str, n: usize) -> bool {
    (3..=16).contains(&n)
        && (t.ends_with("APP") || t.ends_with("App") || t.ends_with("app") || t.ends_with("客户端"))
        && !t.contains(['，', '。', ',', '：', ':'])
}

/// The time stamp after a headline, as related-news widgets list them:
/// `某某区召开会议 2023-05-12 07:30`, `标题 | 3小时前`. Anchored at the end; the
/// headline is what comes before the leftmost match.
const TIME_SUFFIX: &str = r"(?:\s+|\s*[|｜·丨]\s*)(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?|\d+\s*(?:秒|分钟|小时|天)前|(?:昨天|前天|今天)(?:\s*\d{1,2}:\d{2})?|刚刚)$";

static HEADLINE_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(TIME_SUFFIX).expect("valid regex"));

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
    // the shortest non-empty headline (no line break in it) before a time
    // stamp that runs to the end: the leftmost match after the first char
    let first = t.chars().next().map_or(1, char::len_utf8);
    let Some(m) = HEADLINE_TIME.find_at(t, first) else {
        return false;
    };
    let title = &t[..m.start()];
    if title.contains('\n') {
        return false;
    }
    let title = title.trim();
    let n = title.chars().count();
    // headlines are 8+ characters; a schedule line (`主题论坛 2023-05-12 14:00`) is not
    (8..=60).contains(&n)
        && title.chars().any(super::chars::is_han)
        && !title.ends_with(['。', '，', '；', '：', ':'])
}

/// Is this line a date (and time) followed by its source (`2023-05-12 07:30
/// 某某日报`, `2023年5月11日 来源：某某新闻网`), the second line of an item
/// in a scraped related-news list? (Read by hand: no regex to build.)
pub fn is_dated_source_line(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 80 || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let digits = |s: &str, lo: usize, hi: usize| -> Option<usize> {
        let n = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (lo..=hi).contains(&n).then_some(n)
    };
    let sep = |s: &str, marks: &[char]| -> Option<usize> {
        s.chars()
            .next()
            .filter(|c| marks.contains(c))
            .map(char::len_utf8)
    };
    let mut r = t;
    let Some(n) = digits(r, 4, 4) else {
        return false;
    };
    r = &r[n..];
    let Some(n) = sep(r, &['-', '/', '.', '年']) else {
        return false;
    };
    r = &r[n..];
    let Some(n) = digits(r, 1, 2) else {
        return false;
    };
    r = &r[n..];
    let Some(n) = sep(r, &['-', '/', '.', '月']) else {
        return false;
    };
    r = &r[n..];
    let Some(n) = digits(r, 1, 2) else {
        return false;
    };
    r = r[n..].strip_prefix('日').unwrap_or(&r[n..]);
    // an optional time
    let after_ws = r.trim_start();
    if after_ws.len() < r.len() {
        if let Some(h) = digits(after_ws, 1, 2) {
            if let Some(rest) = after_ws[h..].strip_prefix(':') {
                if digits(rest, 2, 2).is_some() {
                    r = &rest[2..];
                    if let Some(sec) = r.strip_prefix(':') {
                        let Some(2) = digits(sec, 2, 2) else {
                            return false;
                        };
                        r = &sec[2..];
                    }
                }
            }
        }
    }
    // white space, then the source
    let src = r.trim_start();
    if src.len() == r.len() {
        return false;
    }
    let src = src
        .strip_prefix("来源：")
        .or_else(|| src.strip_prefix("来源:"))
        .map_or(src, str::trim_start);
    let n = src.chars().count();
    (2..=16).contains(&n)
        && src.chars().any(super::chars::is_han)
        && !src
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':'))
}

/// A headline-shaped line: 8 to 60 characters, Chinese, no sentence end.
pub fn is_headline_shape(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (8..=60).contains(&n)
        && !t.contains('\n')
        && t.chars().any(super::chars::is_han)
        && !t.ends_with(['。', '，', '；', '：', ':', '！', '？', '”'])
        && !t.contains(['，', '。'])
}

/// One block of a related-news list: a headline line and its `date source`
/// line.
pub fn is_headline_over_source(block: &str) -> bool {
    let t = block.trim();
    match t.split_once('\n') {
        Some((h, d)) => !d.contains('\n') && is_headline_shape(h) && is_dated_source_line(d),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_news_items_with_their_source_line() {
        assert!(is_dated_source_line("2023-05-12 07:30  某某日报"));
        assert!(is_dated_source_line("2023年5月11日 来源：某某新闻网"));
        assert!(is_dated_source_line("2023-05-11 09:15 某某新闻网"));
        assert!(!is_dated_source_line("2023-05-12 07:30"));
        assert!(!is_dated_source_line("2023年5月12日，全区召开大会"));
        assert!(!is_dated_source_line(
            "2023年5月12日 全区召开安全生产工作会议部署下一阶段重点工作"
        ));
        assert!(is_headline_over_source(
            "某区召开安全生产工作会议\n2023-05-12 07:30  某某日报"
        ));
        assert!(!is_headline_over_source(
            "会议强调，要抓好落实。\n2023-05-12 07:30  某某日报"
        ));
        assert!(is_headline_shape("市民公园新增健身步道"));
        assert!(!is_headline_shape("大家好"));
    }

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

    /// The suffix search finds the headline the anchored pattern with a lazy
    /// title group finds.
    #[test]
    fn suffix_search_agrees_with_anchored_pattern() {
        let old = Regex::new(&format!("^(?P<title>.+?){TIME_SUFFIX}")).expect("valid");
        let old_is = |line: &str| {
            let t = line.trim();
            if t.is_empty() || t.len() > 240 {
                return false;
            }
            let Some(c) = old.captures(t) else {
                return false;
            };
            let title = c.name("title").map(|m| m.as_str().trim()).unwrap_or("");
            let n = title.chars().count();
            (8..=60).contains(&n)
                && title.chars().any(crate::core::chars::is_han)
                && !title.ends_with(['。', '，', '；', '：', ':'])
        };
        let heads = [
            "",
            "|",
            " ",
            "某某区召开安全生产工作会议",
            "市民公园新增健身步道 |",
            "全市中小学开学在即",
            "主题论坛",
            "会议于",
            "标题\n第二行很长很长的标题文字",
            "一 二 三 四 五 六 七 八",
            "｜某某新闻客户端最新消息",
            "截至发稿时，现场仍在清理，预计",
        ];
        let seps = [
            "", " ", "  ", "\t", " | ", "｜", " · ", "丨", "\u{3000}", "\n",
        ];
        let times = [
            "2023-05-12 07:30",
            "2023/5/2",
            "2023年5月12日",
            "05-11 09:15",
            "5月12日 08:00",
            "3小时前",
            "12 分钟前",
            "昨天 10:30",
            "刚刚",
            "10:30",
            "2023-05-12 07:30:59",
            "2023",
        ];
        let mut n = 0;
        for h in heads {
            for sp in seps {
                for tm in times {
                    for extra in ["", " 2023-05-12 07:30", " | 刚刚"] {
                        let line = format!("{h}{sp}{tm}{extra}");
                        assert_eq!(is_headline_with_time(&line), old_is(&line), "{line:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000);
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
