//! Punctuation (GB/T 15834-2011): doubled marks, unpaired marks and quote
//! nesting, ellipsis and dash forms, encoding losses and placeholders,
//! full-width digits and Latin letters.
//!
//! Decisions (precision first):
//! - `punct-doubled` never fires on runs made only of `？` and `！`
//!   (`？！` `！！` `？？` are allowed by GB/T 15834 §4.3.3 and §4.4.3 for
//!   strong questions and exclamations), nor on `……` `——` or on a closing
//!   quote or bracket followed by a mark (`”，` `。”` `）。`). Runs of ASCII
//!   `??` are left to `punct-mojibake`, runs of three or more `。` to
//!   `punct-ellipsis`.
//! - `punct-unpaired` is a document rule: an opening `“` left open at the end
//!   of a paragraph is silent when the next paragraph also opens with `“`
//!   (a quotation of several paragraphs, GB/T 15834 §4.1.3.4), and marks left
//!   open at the end of a paragraph broken mid-sentence are silent when the
//!   continuation closes them (the broken paragraph is its own finding).
//!   Half-width `(` `)` and `"` take part in the matching but are never
//!   reported here (that is `punct-halfwidth`).
//! - `punct-dash`: a single `—` between place names or times is the
//!   connecting one-em dash (`北京—上海`), so it stays silent; `2018--2019`
//!   (digits) is a range, not a dash, and stays silent.
//! - `punct-mojibake` has no fix: the lost text cannot be known. `□` is not
//!   reported (a newspaper byline convention, and a check box in forms).

use super::{next_char, prev_char, Check, DocCtx, ParaCtx, Rule};
use crate::core::chars::{is_cjk, is_closing, is_han, MASK};
use crate::core::config::Quotes;
use crate::core::finding::{Edit, Finding, Fix, Severity};
use crate::core::outline::BlockClass;
use crate::core::text::{self, BlockKind, DocKind};

const FAMILY: &str = "标点";

pub const RULES: &[Rule] = &[
    Rule {
        code: DOUBLED,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "标点重复或冲突（“。，”“，，”“、、”“，。”等），只应保留一个；保留较强的标点，全角优先。“？！”“！！”等叠用不报。",
        wrong: "开展大讨论活动是学习贯彻的必然要求。，是解放思想的集大成。",
        right: "开展大讨论活动是学习贯彻的必然要求。是解放思想的集大成。",
        check: Check::Para(check_doubled),
    },
    Rule {
        code: UNPAIRED,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "段落内引号、书名号、括号等成对标点不配对（无法自动修复）；简体文本中引号嵌套应为“…‘…’…”（嵌套错误可自动修复）。跨段引文（每段开头用前引号、末段才用后引号）不报。",
        wrong: "他说：“要坚持“两个毫不动摇”。”会议印发了《实施方案，明确了任务。",
        right: "他说：“要坚持‘两个毫不动摇’。”会议印发了《实施方案》，明确了任务。",
        check: Check::DocWith {
            summarize: summarize_marks,
            check: check_unpaired,
        },
    },
    Rule {
        code: ELLIPSIS,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "中文省略号应为“……”（六个点，占两个字位置），不应写作“...”“。。。”“···”或单个“…”。数字、网址、代码和英文句子中的“...”不报。",
        wrong: "加强理论学习、推动问题整改...各项工作稳步推进。",
        right: "加强理论学习、推动问题整改……各项工作稳步推进。",
        check: Check::Para(check_ellipsis),
    },
    Rule {
        code: DASH,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "破折号应为“——”（两个字长），不应写作单个“—”或“--”“－－”。地名、时间之间表示起止的一字线（北京—上海）和数字范围不报。",
        wrong: "这次活动的主题—解放思想，改革再出发。",
        right: "这次活动的主题——解放思想，改革再出发。",
        check: Check::Para(check_dash),
    },
    Rule {
        code: MOJIBAKE,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: false,
        description: "乱码与占位符：汉字之间并非提问的“?”“??”（编码转换丢失的字符）、“\u{FFFD}”、代替被删文字的孤立“*”、空书名号“《》”和空引号。无法得知原文，不提供自动修复；报头署名前的“□”不报。",
        wrong: "开展“致敬改革开放40周年??‘我与家乡的故事’”活动。",
        right: "开展“致敬改革开放40周年——‘我与家乡的故事’”活动。",
        check: Check::Para(check_mojibake),
    },
    Rule {
        code: FULLWIDTH_ALNUM,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "全角数字和全角拉丁字母（１２３、ＡＰＰ）应改为半角。",
        wrong: "全区共有１２３个党组织，并开通了ＡＰＰ服务。",
        right: "全区共有123个党组织，并开通了APP服务。",
        check: Check::Para(check_fullwidth_alnum),
    },
];

pub const DOUBLED: &str = "punct-doubled";
pub const UNPAIRED: &str = "punct-unpaired";
pub const ELLIPSIS: &str = "punct-ellipsis";
pub const DASH: &str = "punct-dash";
pub const MOJIBAKE: &str = "punct-mojibake";
pub const FULLWIDTH_ALNUM: &str = "punct-fullwidth-alnum";

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '（' | '「' | '『' | '【' | '〔' | '〈'
    )
}

/// The run of `c` starting at byte `i` of `s`: its end and length in chars.
fn run_of(s: &str, i: usize, c: char) -> (usize, usize) {
    let mut end = i;
    let mut n = 0;
    for ch in s[i..].chars() {
        if ch != c {
            break;
        }
        end += ch.len_utf8();
        n += 1;
    }
    (end, n)
}

/// A bit set of ASCII bytes below 0x40 (bit `n` for byte `n`), for [`find_ascii`].
pub(crate) const fn ascii_set(bytes: &[u8]) -> u64 {
    let mut set = 0u64;
    let mut k = 0;
    while k < bytes.len() {
        assert!(bytes[k] < 64);
        set |= 1 << bytes[k];
        k += 1;
    }
    set
}

/// The first offset at or after `from` whose byte is in `set` (see
/// [`ascii_set`]). Eight bytes at a time: a word with no byte below 0x40
/// (Han characters, full-width marks) is skipped whole.
pub(crate) fn find_ascii(b: &[u8], from: usize, set: u64) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const TOP2: u64 = 0xC0C0_C0C0_C0C0_C0C0;
    let hit = |x: u8| x < 64 && (set >> x) & 1 != 0;
    let rest = b.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut i = from;
    for word in words.by_ref() {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // some byte has its top two bits clear (is below 0x40)
        let t = w & TOP2;
        if t.wrapping_sub(LO) & !t & HI != 0 {
            if let Some(k) = word.iter().position(|&x| hit(x)) {
                return Some(i + k);
            }
        }
        i += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&x| hit(x))
        .map(|k| i + k)
}

/// The offsets found by two byte searches, merged in order. Each search gets
/// the rest of the text and returns the first offset in it; both look for
/// ASCII or lead bytes, never UTF-8 continuation bytes, so every offset is a
/// char boundary.
struct MarkScan<'a, F, G> {
    b: &'a [u8],
    f: F,
    g: G,
    /// The next hit of each search at or after the last query (`usize::MAX`: none).
    next_f: usize,
    next_g: usize,
}

impl<'a, F, G> MarkScan<'a, F, G>
where
    F: Fn(&[u8]) -> Option<usize>,
    G: Fn(&[u8]) -> Option<usize>,
{
    fn new(s: &'a str, f: F, g: G) -> Self {
        let b = s.as_bytes();
        let next_f = f(b).unwrap_or(usize::MAX);
        let next_g = g(b).unwrap_or(usize::MAX);
        MarkScan {
            b,
            f,
            g,
            next_f,
            next_g,
        }
    }

    fn search(b: &[u8], search: &impl Fn(&[u8]) -> Option<usize>, from: usize) -> usize {
        b.get(from..)
            .and_then(search)
            .map_or(usize::MAX, |k| from + k)
    }

    /// The first offset at or after `from`.
    fn next(&mut self, from: usize) -> Option<usize> {
        if self.next_f < from {
            self.next_f = Self::search(self.b, &self.f, from);
        }
        if self.next_g < from {
            self.next_g = Self::search(self.b, &self.g, from);
        }
        let at = self.next_f.min(self.next_g);
        (at != usize::MAX).then_some(at)
    }
}

/// Does the char of `len` bytes at `i` come again right after itself?
fn doubled_at(b: &[u8], i: usize, len: usize) -> bool {
    b.get(i + len..i + 2 * len) == b.get(i..i + len)
}

// ───────────────────────── punct-doubled ─────────────────────────

/// Strength of a pause mark (higher wins when a doubled run is reduced).
fn rank(c: char) -> Option<u8> {
    match c {
        '？' | '！' | '?' | '!' => Some(4),
        '。' => Some(3),
        '；' | '：' | ';' | ':' => Some(2),
        '，' | ',' => Some(1),
        '、' => Some(0),
        _ => None,
    }
}

fn full_mark(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        other => other,
    }
}

fn is_qe(c: char) -> bool {
    matches!(c, '？' | '！' | '?' | '!')
}

/// Is the char at byte `i` a pause mark for the doubled-mark check? Half-width
/// marks inside numbers and times (`3,000`, `10:30`) are not, nor are ASCII
/// `??` runs (encoding losses).
fn is_pause_at(s: &str, i: usize, c: char) -> bool {
    if rank(c).is_none() {
        return false;
    }
    if c.is_ascii() {
        let p = prev_char(s, i);
        let n = next_char(s, i + 1);
        if p.is_some_and(|x| x.is_ascii_alphanumeric())
            && n.is_some_and(|x| x.is_ascii_alphanumeric())
        {
            return false;
        }
        if c == '?' && (p == Some('?') || n == Some('?')) {
            return false;
        }
        // the end of an HTML entity left in pasted text (`&nbsp;`)
        if c == ';' && p.is_some_and(|x| x.is_ascii_alphanumeric()) {
            let word = s[..i].trim_end_matches(|x: char| x.is_ascii_alphanumeric() || x == '#');
            if word.ends_with('&') {
                return false;
            }
        }
    }
    true
}

/// A run of pause marks (possibly separated by spaces) starting at the mark at
/// byte `start`: (end of the last mark, marks with their offsets).
fn scan_pause_run(s: &str, start: usize) -> (usize, Vec<(usize, char)>) {
    let mut marks = Vec::new();
    let mut end = start;
    for (k, c) in s[start..].char_indices() {
        let at = start + k;
        if is_pause_at(s, at, c) {
            marks.push((at, c));
            end = at + c.len_utf8();
        } else if !is_space(c) {
            break;
        }
    }
    (end, marks)
}

/// The finding for a run of pause marks, if it is a doubled mark.
fn doubled_finding(s: &str, start: usize, end: usize, marks: &[(usize, char)]) -> Option<Finding> {
    if marks.len() < 2 {
        return None;
    }
    // ？！ ！！ ？？ ？！！ are allowed combinations
    if marks.iter().all(|&(_, c)| is_qe(c)) {
        return None;
    }
    // 。。。 is an ellipsis (punct-ellipsis)
    let mut dots = 0;
    for &(_, c) in marks {
        dots = if c == '。' { dots + 1 } else { 0 };
        if dots >= 3 {
            return None;
        }
    }
    let has_full = marks.iter().any(|&(_, c)| !c.is_ascii());
    if !has_full {
        // only half-width marks: Chinese context needed (English `Hi,, you`)
        let p = prev_char(s, start);
        let n = s[end..].chars().find(|&c| !is_space(c));
        if !(p.is_some_and(is_cjk) || n.is_some_and(is_han)) {
            return None;
        }
    }
    let kept: String = if marks.iter().any(|&(_, c)| is_qe(c)) {
        // keep the first run of ？！ (as written, in full width)
        marks
            .iter()
            .skip_while(|&&(_, c)| !is_qe(c))
            .take_while(|&&(_, c)| is_qe(c))
            .map(|&(_, c)| full_mark(c))
            .collect()
    } else {
        let pool: Vec<char> = marks
            .iter()
            .map(|&(_, c)| c)
            .filter(|c| !has_full || !c.is_ascii())
            .collect();
        let best = pool.iter().filter_map(|&c| rank(c)).max().unwrap_or(0);
        pool.iter()
            .find(|&&c| rank(c) == Some(best))
            .map(|&c| full_mark(c).to_string())
            .unwrap_or_default()
    };
    if kept.is_empty() {
        return None;
    }
    let written = &s[start..end];
    Some(
        Finding::new(
            DOUBLED,
            start..end,
            format!("“{written}”标点重复，应为“{kept}”"),
        )
        .with_fix(Fix::replace(
            start..end,
            kept.clone(),
            format!("改为“{kept}”"),
        )),
    )
}

/// `,` `;` `:` `?` `!`.
const DOUBLED_ASCII: u64 = ascii_set(b",;:?!");

/// The length of the char at byte `i` if it has a [`rank`] (read from the
/// bytes: `，；：？！` are EF BC xx, `。、` are E3 80 xx).
fn rank_len(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b',' | b';' | b':' | b'?' | b'!' => Some(1),
        0xEF => match b.get(i + 1..i + 3)? {
            [0xBC, 0x8C | 0x9B | 0x9A | 0x9F | 0x81] => Some(3),
            _ => None,
        },
        0xE3 => match b.get(i + 1..i + 3)? {
            [0x80, 0x82 | 0x81] => Some(3),
            _ => None,
        },
        _ => None,
    }
}

/// The first offset at or after `k` that is not a space ([`is_space`]).
fn skip_spaces(b: &[u8], mut k: usize) -> usize {
    loop {
        match b.get(k) {
            Some(b' ' | b'\t') => k += 1,
            Some(0xE3) if b.get(k + 1..k + 3) == Some(&[0x80, 0x80]) => k += 3,
            _ => return k,
        }
    }
}

fn check_doubled(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut scan = MarkScan::new(
        s,
        |r| find_ascii(r, 0, DOUBLED_ASCII),
        |r| memchr::memchr2(0xEF, 0xE3, r),
    );
    let mut i = 0;
    while let Some(at) = scan.next(i) {
        i = at;
        // cheap rejection on the bytes: not a pause mark, or a mark whose next
        // non-space char is not one (the slow path below then moves on to
        // the end of the mark as well)
        let Some(len) = rank_len(b, i) else {
            i += 1;
            continue;
        };
        if rank_len(b, skip_spaces(b, i + len)).is_none() {
            i += len;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if is_pause_at(s, i, c) {
            // fast path: a single mark (the common case) needs no run
            let after = i + c.len_utf8();
            let next = s[after..]
                .char_indices()
                .find(|&(_, x)| !is_space(x))
                .map(|(k, x)| (after + k, x));
            if !next.is_some_and(|(k, x)| is_pause_at(s, k, x)) {
                i = after;
                continue;
            }
            let (end, marks) = scan_pause_run(s, i);
            if let Some(f) = doubled_finding(s, i, end, &marks) {
                out.push(f);
            }
            i = end.max(i + c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
}

/// Is the half-width mark at byte `i` part of a run that `punct-doubled`
/// reports? (`punct-halfwidth` stays silent there: one finding per defect.)
pub fn in_doubled_run(s: &str, i: usize) -> bool {
    let Some(c) = next_char(s, i) else {
        return false;
    };
    if !is_pause_at(s, i, c) {
        return false;
    }
    // walk back to the first mark of the run
    let mut start = i;
    for (k, ch) in s[..i].char_indices().rev() {
        if is_pause_at(s, k, ch) {
            start = k;
        } else if !is_space(ch) {
            break;
        }
    }
    let (end, marks) = scan_pause_run(s, start);
    doubled_finding(s, start, end, &marks).is_some()
}

// ───────────────────────── punct-ellipsis ─────────────────────────

/// The mark of an ellipsis at byte `i`, and its length (read from the bytes).
fn ellipsis_mark(b: &[u8], i: usize) -> Option<(char, usize)> {
    let m = match (*b.get(i)?, b.get(i + 1..i + 3)) {
        (b'.', _) => ('.', 1),
        (0xC2, _) if b.get(i + 1) == Some(&0xB7) => ('·', 2),
        (0xE2, Some([0x80, 0xA6])) => ('…', 3),
        (0xE3, Some([0x80, 0x82])) => ('。', 3),
        (0xE3, Some([0x83, 0xBB])) => ('・', 3),
        (0xEF, Some([0xBC, 0x8E])) => ('．', 3),
        _ => return None,
    };
    Some(m)
}

fn check_ellipsis(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut scan = MarkScan::new(
        s,
        |r| memchr::memchr2(b'.', 0xC2, r),
        |r| memchr::memchr3(0xE2, 0xE3, 0xEF, r),
    );
    let mut i = 0;
    while let Some(at) = scan.next(i) {
        i = at;
        let Some((c, len)) = ellipsis_mark(b, i) else {
            i += 1;
            continue;
        };
        // only `…` fires alone; a single other mark is skipped as the run of one it is
        i = if c == '…' || doubled_at(b, i, len) {
            ellipsis_run(s, i, c, out)
        } else {
            i + len
        };
    }
}

/// The run of `c` starting at byte `i`: its finding if it is a wrong
/// ellipsis; returns the end of the run.
fn ellipsis_run(s: &str, i: usize, c: char, out: &mut Vec<Finding>) -> usize {
    let (end, n) = run_of(s, i, c);
    let p = prev_char(s, i);
    let nx = next_char(s, end);
    let prev_cjk = p.is_some_and(is_cjk);
    let next_han = nx.is_some_and(is_han);
    let prev_alnum = p.is_some_and(|x| x.is_ascii_alphanumeric());
    // long runs are leaders in a table of contents (`一、总体要求........3`)
    let leader = n > 6 || nx.is_some_and(|x| x.is_ascii_digit());
    let fire = match c {
        // `...` in Chinese text; not after letters or digits (English, 1...10)
        '.' | '．' => n >= 3 && !leader && !prev_alnum && (prev_cjk || next_han),
        '。' => n >= 3 && !leader,
        // `···` (a single `·` is the name separator)
        '·' | '・' => n >= 3 && !leader && (prev_cjk || next_han),
        // a single `…` or three of them; `……` and `…………` are right
        '…' => (n == 1 || n == 3) && !prev_alnum && (prev_cjk || next_han),
        _ => false,
    };
    if fire {
        let written = &s[i..end];
        out.push(
            Finding::new(
                ELLIPSIS,
                i..end,
                format!("省略号应为“……”，不应写作“{written}”"),
            )
            .with_fix(Fix::replace(i..end, "……", "改为“……”")),
        );
    }
    end
}

// ───────────────────────── punct-dash ─────────────────────────

/// Last char of a place name (`青岛市—北京市`, `红岛站—青岛北站`).
const PLACE_END: &str = "市省县区镇乡村站港岛路街州国洲湾场口园馆";

fn check_dash(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    // table cells hold ranges and placeholders (`甲—乙`, `—` for no data)
    if ctx.kind == BlockKind::TableRow {
        return;
    }
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = b
        .get(i..)
        .and_then(|r| memchr::memchr3(b'-', 0xE2, 0xEF, r))
    {
        i += k;
        let (c, len) = match (b[i], b.get(i + 1..i + 3)) {
            (b'-', _) => ('-', 1),
            (0xE2, Some([0x80, 0x94])) => ('—', 3),
            (0xEF, Some([0xBC, 0x8D])) => ('－', 3),
            _ => {
                i += 1;
                continue;
            }
        };
        // `－` and `-` are candidates only in runs of two
        if c != '—' && !doubled_at(b, i, len) {
            i += len;
            continue;
        }
        let (end, n) = run_of(s, i, c);
        let candidate = match c {
            '—' => n == 1,
            '－' => n == 2,
            '-' => n == 2,
            _ => false,
        };
        if candidate && dash_between_words(ctx, s, i, end) {
            let written = &s[i..end];
            out.push(
                Finding::new(DASH, i..end, format!("破折号应为“——”，不应写作“{written}”"))
                    .with_fix(Fix::replace(i..end, "——", "改为“——”")),
            );
        }
        i = end;
    }
}

/// Chinese on both sides, and not a one-em connecting dash between places or times.
fn dash_between_words(ctx: &ParaCtx, s: &str, i: usize, end: usize) -> bool {
    let before = s[..i].char_indices().rev().find(|&(_, c)| !is_space(c));
    let after = s[end..]
        .char_indices()
        .find(|&(_, c)| !is_space(c))
        .map(|(k, c)| (end + k, c));
    let (Some((bi, bc)), Some((ai, ac))) = (before, after) else {
        return false;
    };
    let left_ok = is_han(bc) || matches!(bc, '”' | '’' | '》' | '）' | '」' | '』' | '】');
    let right_ok = is_han(ac) || is_opening(ac);
    // between two quoted names it connects them (`“十三五”—“十四五”`)
    if !left_ok || !right_ok || (!is_han(bc) && !is_han(ac)) {
        return false;
    }
    if PLACE_END.contains(bc) {
        return false;
    }
    // the words on either side: places (ns), times (t) and numerals (m) are ranges
    let toks = ctx.tokens();
    let range_like = |t: &crate::core::nlp::Token| {
        t.tag.starts_with("ns") || t.tag.starts_with('t') || t.tag.starts_with('m')
    };
    let left = toks
        .iter()
        .find(|t| t.range.start <= bi && bi < t.range.end);
    let right = toks
        .iter()
        .find(|t| t.range.start <= ai && ai < t.range.end);
    if is_han(bc) && left.is_some_and(range_like) {
        return false;
    }
    if is_han(ac) && right.is_some_and(range_like) {
        return false;
    }
    true
}

// ───────────────────────── punct-mojibake ─────────────────────────

const INTERROGATIVE: &[&str] = &[
    "吗", "呢", "么", "何", "哪", "谁", "几", "多少", "否", "难道", "岂", "还是", "啥", "咋", "吧",
];

/// The sentence before byte `at` (back to the previous sentence mark): a
/// question may put its interrogative word several clauses earlier
/// (`如何进一步解放思想，加大工作力度，为区域发展再添新动能?`).
fn sentence_before(s: &str, at: usize) -> &str {
    let start = s[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?'))
        .map(|(k, c)| k + c.len_utf8())
        .unwrap_or(0);
    &s[start..at]
}

/// Does the clause ask a question (an interrogative word, or `A不A`)?
fn asks(sentence: &str) -> bool {
    if INTERROGATIVE.iter().any(|w| sentence.contains(w)) {
        return true;
    }
    let cs: Vec<char> = sentence.chars().collect();
    cs.windows(3)
        .any(|w| matches!(w[1], '不' | '没') && w[0] == w[2] && is_han(w[0]))
}

/// Is the ASCII `?` at byte `i` an encoding loss rather than a question mark?
/// A single `?` directly between two Han characters in a clause that asks
/// nothing (`马克?吐温`).
pub fn is_lost_char_question(s: &str, i: usize) -> bool {
    if s.as_bytes().get(i) != Some(&b'?') {
        return false;
    }
    let p = prev_char(s, i);
    let n = next_char(s, i + 1);
    p.is_some_and(is_han) && n.is_some_and(is_han) && !asks(sentence_before(s, i))
}

/// The mark at byte `i` that `punct-mojibake` looks at (read from the bytes):
/// `?` `*` `＊` `\u{FFFD}`, and `《` `“` `‘` directly followed by their closing mark.
fn mojibake_mark(b: &[u8], i: usize) -> Option<char> {
    let m = match (*b.get(i)?, b.get(i + 1..i + 6)) {
        (b'?', _) => '?',
        (b'*', _) => '*',
        (0xEF, _) => match b.get(i + 1..i + 3)? {
            [0xBF, 0xBD] => '\u{FFFD}',
            [0xBC, 0x8A] => '＊',
            _ => return None,
        },
        (0xE3, Some([0x80, 0x8A, 0xE3, 0x80, 0x8B])) => '《',
        (0xE2, Some([0x80, 0x9C, 0xE2, 0x80, 0x9D])) => '“',
        (0xE2, Some([0x80, 0x98, 0xE2, 0x80, 0x99])) => '‘',
        _ => return None,
    };
    Some(m)
}

fn check_mojibake(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut scan = MarkScan::new(
        s,
        |r| memchr::memchr2(b'?', b'*', r),
        |r| memchr::memchr3(0xE2, 0xE3, 0xEF, r),
    );
    let mut i = 0;
    while let Some(at) = scan.next(i) {
        i = match mojibake_mark(b, at) {
            Some(c) => mojibake_at(s, at, c, out),
            None => at + 1,
        };
    }
}

/// The mark `c` at byte `i`: its finding, if any; returns where the scan goes on.
fn mojibake_at(s: &str, i: usize, c: char, out: &mut Vec<Finding>) -> usize {
    match c {
        '\u{FFFD}' => {
            let (end, _) = run_of(s, i, c);
            out.push(Finding::new(
                MOJIBAKE,
                i..end,
                "“\u{FFFD}”是乱码（编码转换时丢失的字符），请核对原文",
            ));
            return end;
        }
        '?' => {
            let (end, n) = run_of(s, i, c);
            let p = prev_char(s, i);
            let nx = next_char(s, end);
            let lost = if n >= 2 {
                p.is_some_and(is_cjk) && nx.is_some_and(is_cjk) && !asks(sentence_before(s, i))
            } else {
                is_lost_char_question(s, i)
            };
            if lost {
                let written = &s[i..end];
                out.push(Finding::new(
                    MOJIBAKE,
                    i..end,
                    format!("“{written}”疑为乱码（编码转换时丢失的字符，常见于破折号、间隔号），请核对原文"),
                ));
            }
            return end;
        }
        '*' | '＊' if lone_star(s, i, c) => {
            out.push(Finding::new(
                MOJIBAKE,
                i..i + c.len_utf8(),
                format!("孤立的“{c}”疑为被删除文字的占位符，请补全原文"),
            ));
        }
        '《' | '“' | '‘' => {
            let close = match c {
                '《' => '》',
                '“' => '”',
                _ => '’',
            };
            let e = i + c.len_utf8();
            if next_char(s, e) == Some(close) && !names_marks(s, i, e + close.len_utf8()) {
                let what = if c == '《' { "书名号" } else { "引号" };
                out.push(Finding::new(
                    MOJIBAKE,
                    i..e + close.len_utf8(),
                    format!("{what}内容为空，疑似文字缺失"),
                ));
                return e + close.len_utf8();
            }
        }
        _ => {}
    }
    i + c.len_utf8()
}

/// `引号“”` or `（《》）`: the marks themselves are being named.
fn names_marks(s: &str, start: usize, end: usize) -> bool {
    let p = prev_char(s, start);
    let n = next_char(s, end);
    p == Some('号') || (matches!(p, Some('（' | '(')) && matches!(n, Some('）' | ')')))
}

/// A single `*` that stands for removed words: after an opening quote or a
/// pause mark, before a Han character or `、`, and alone in its sentence (so
/// not emphasis, a footnote mark or an anonymised name like `王*`).
fn lone_star(s: &str, i: usize, c: char) -> bool {
    let end = i + c.len_utf8();
    let p = prev_char(s, i);
    let n = next_char(s, end);
    let is_star = |x: char| x == '*' || x == '＊';
    if p.is_some_and(is_star) || n.is_some_and(is_star) {
        return false;
    }
    let p_ok = p.is_some_and(|x| {
        matches!(
            x,
            '“' | '‘'
                | '《'
                | '（'
                | '「'
                | '『'
                | '【'
                | '，'
                | ','
                | '、'
                | '；'
                | ';'
                | '：'
                | ':'
        )
    });
    let n_ok = n.is_some_and(|x| is_han(x) || x == '、');
    if !p_ok || !n_ok {
        return false;
    }
    // the sign itself is meant: `注：*号为新增项目` `*表示必填`
    let rest = &s[end..];
    if ["号", "表示", "代表", "为", "是", "者", "处", "标", "指"]
        .iter()
        .any(|w| rest.starts_with(w))
    {
        return false;
    }
    let is_end = |x: char| matches!(x, '。' | '！' | '？' | '!' | '?');
    let sent_start = s[..i]
        .char_indices()
        .rev()
        .find(|&(_, x)| is_end(x))
        .map(|(k, x)| k + x.len_utf8())
        .unwrap_or(0);
    let sent_end = s[end..]
        .char_indices()
        .find(|&(_, x)| is_end(x))
        .map(|(k, _)| end + k)
        .unwrap_or(s.len());
    !s[sent_start..i].chars().any(is_star) && !s[end..sent_end].chars().any(is_star)
}

// ───────────────────────── punct-fullwidth-alnum ─────────────────────────

fn is_fw_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn half(c: char) -> char {
    if c == '．' {
        return '.';
    }
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

fn check_fullwidth_alnum(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = b.get(i..).and_then(|r| memchr::memchr(0xEF, r)) {
        i += k;
        // ０-９ Ａ-Ｚ (EF BC 90..99, A1..BA), ａ-ｚ (EF BD 81..9A)
        if !matches!(
            b.get(i + 1..i + 3),
            Some([0xBC, 0x90..=0x99 | 0xA1..=0xBA] | [0xBD, 0x81..=0x9A])
        ) {
            i += 1;
            continue;
        }
        // the run, with a full-width point between full-width digits (１２．５)
        let mut end = i;
        let mut prev: Option<char> = None;
        let mut it = s[i..].char_indices().peekable();
        while let Some((k, ch)) = it.next() {
            let ok = is_fw_alnum(ch)
                || (ch == '．'
                    && prev.is_some_and(is_fw_digit)
                    && it.peek().is_some_and(|&(_, nx)| is_fw_digit(nx)));
            if !ok {
                break;
            }
            end = i + k + ch.len_utf8();
            prev = Some(ch);
        }
        let written = &s[i..end];
        let ascii: String = written.chars().map(half).collect();
        out.push(
            Finding::new(
                FULLWIDTH_ALNUM,
                i..end,
                format!("全角字符“{written}”应改为半角“{ascii}”"),
            )
            .with_fix(Fix::replace(
                i..end,
                ascii.clone(),
                format!("改为“{ascii}”"),
            )),
        );
        i = end;
    }
}

// ───────────────────────── punct-unpaired (document rule) ─────────────────────────

/// The pairs checked, with their Chinese names.
const PAIRS: &[(char, char, &str)] = &[
    ('“', '”', "双引号"),
    ('‘', '’', "单引号"),
    ('《', '》', "书名号"),
    ('（', '）', "括号"),
    ('【', '】', "方头括号"),
    ('「', '」', "直角引号"),
    ('『', '』', "双层直角引号"),
];

/// `(` `)` `"`.
const PAIR_ASCII: u64 = ascii_set(b"()\"");

/// The index in [`PAIRS`] of the pair `c` belongs to.
fn pair_index(c: char) -> Option<usize> {
    match c {
        '“' | '”' => Some(0),
        '‘' | '’' => Some(1),
        '《' | '》' => Some(2),
        '（' | '）' => Some(3),
        '【' | '】' => Some(4),
        '「' | '」' => Some(5),
        '『' | '』' => Some(6),
        _ => None,
    }
}

/// An opening mark on a stack: its offset, and whether it is half-width
/// (takes part in matching but is never reported here).
#[derive(Clone, Copy)]
struct Open {
    at: usize,
    silent: bool,
}

/// What one paragraph leaves unmatched (offsets relative to the block text).
/// Cached per paragraph by the analyzer ([`paragraph_marks`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Marks {
    /// (pair index, offset)
    opens: Vec<(usize, usize)>,
    closes: Vec<(usize, usize)>,
    /// Inner pairs of same-kind quotes: (inner open, inner close, outer open).
    nested: Vec<(usize, usize, usize)>,
}

/// `1）` `a）` `二）` at the start of the paragraph or after a clause mark or space:
/// an enumeration marker written with a closing parenthesis only.
fn enumeration_close(s: &str, at: usize) -> bool {
    let mut n = 0;
    let mut k = at;
    for (j, c) in s[..at].char_indices().rev() {
        if c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c) {
            n += 1;
            k = j;
            if n > 2 {
                return false;
            }
        } else {
            break;
        }
    }
    n > 0
        && prev_char(s, k).is_none_or(|c| {
            is_space(c)
                || c == MASK
                || matches!(c, '，' | '。' | '；' | '：' | '、' | ';' | ':' | ',')
        })
}

fn scan_marks(s: &str, from: usize, quotes: Quotes) -> Marks {
    let mut m = Marks::default();
    let mut stacks: [Vec<Open>; 7] = Default::default();
    let (outer, inner) = match quotes {
        Quotes::Curly => (0usize, 1usize),
        Quotes::Corner => (5, 6),
    };
    // candidate nested pairs of the outer quote: (inner open, outer open, saw inner quote)
    let mut nest_open: Option<(usize, usize, bool)> = None;
    let mut nest_pairs: Vec<(usize, usize, usize)> = Vec::new();
    let mut outer_clean = true;
    let mut scan = MarkScan::new(
        s,
        |r| find_ascii(r, 0, PAIR_ASCII),
        |r| memchr::memchr3(0xE2, 0xE3, 0xEF, r),
    );
    let mut i = from;
    while let Some(at) = scan.next(i) {
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        i = at + c.len_utf8();
        let (idx, opening, silent) = match c {
            '(' => (3, true, true),
            ')' => (3, false, true),
            '"' => {
                // direction unknown: close an open “ or open a silent one
                if stacks[0].is_empty() {
                    (0, true, true)
                } else {
                    (0, false, true)
                }
            }
            _ => match pair_index(c) {
                Some(p) => (p, PAIRS[p].0 == c, false),
                None => continue,
            },
        };
        if idx == inner {
            if let Some(n) = nest_open.as_mut() {
                n.2 = true;
            }
        }
        if opening {
            if idx == outer && !silent {
                if let Some(top) = stacks[idx].last() {
                    if stacks[idx].len() == 1
                        && !top.silent
                        && nest_open.is_none()
                        && stacks[inner].is_empty()
                    {
                        nest_open = Some((at, top.at, false));
                    } else {
                        outer_clean = false;
                    }
                }
            }
            stacks[idx].push(Open { at, silent });
            continue;
        }
        // a closing mark
        let p = prev_char(s, at);
        let nx = next_char(s, at + c.len_utf8());
        if c == '’'
            && p.is_some_and(|x| x.is_ascii_alphanumeric())
            && nx.is_some_and(|x| x.is_ascii_alphabetic())
        {
            continue; // Xi’an, don’t
        }
        match stacks[idx].pop() {
            Some(o) => {
                if idx == outer {
                    if o.silent || silent {
                        outer_clean = false;
                    }
                    if let Some((io, oo, saw)) = nest_open {
                        if io == o.at {
                            let empty = at == io + c.len_utf8();
                            if !saw && !empty {
                                nest_pairs.push((io, at, oo));
                            }
                            nest_open = None;
                        }
                    }
                }
            }
            None => {
                let apostrophe = c == '’' && p.is_some_and(|x| x.is_ascii_alphanumeric());
                let inch = c == '”' && p.is_some_and(|x| x.is_ascii_digit());
                let enumeration = c == '）' && enumeration_close(s, at);
                if idx == outer {
                    outer_clean = false;
                }
                if !silent && !apostrophe && !inch && !enumeration {
                    m.closes.push((idx, at));
                }
            }
        }
    }
    for (idx, st) in stacks.iter().enumerate() {
        if idx == outer && !st.is_empty() {
            outer_clean = false;
        }
        for o in st {
            if !o.silent {
                m.opens.push((idx, o.at));
            }
        }
    }
    m.opens.sort_by_key(|&(_, at)| at);
    if outer_clean {
        m.nested = nest_pairs;
    }
    m
}

/// The first text of a block after its markup prefix and spaces.
fn starts_with_open_quote(text: &str, prefix: usize, quote: char) -> bool {
    text.get(prefix..)
        .map(|t| t.trim_start_matches(|c: char| is_space(c) || c == '>'))
        .is_some_and(|t| t.starts_with(quote))
}

/// Does the paragraph stop mid-sentence (its last mark is not sentence-final)?
fn ends_open(text: &str) -> bool {
    match text.trim_end_matches(is_space).chars().next_back() {
        Some(c) => !crate::core::chars::is_sentence_final(c) && !is_closing(c),
        None => false,
    }
}

/// Web boilerplate and code are not read at all.
fn skipped(class: Option<&BlockClass>) -> bool {
    matches!(class, Some(BlockClass::Boilerplate | BlockClass::Code))
}

/// Photo captions are read, but a paragraph broken around them, or a
/// quotation going on after them, continues in the next block of text.
fn aside(class: Option<&BlockClass>) -> bool {
    matches!(class, Some(BlockClass::Caption))
}

/// The unmatched marks of one block, as `punct-unpaired` needs them; the
/// analyzer caches this per paragraph so the document check does not rescan
/// unchanged paragraphs on every keystroke.
pub fn paragraph_marks(
    bt: &str,
    b: &crate::core::text::Block,
    doc_kind: DocKind,
    quotes: Quotes,
) -> Marks {
    let masked;
    let s = if doc_kind == DocKind::Markdown && bt.contains(['`', '<', ']']) {
        masked = text::mask(bt, doc_kind, b.prefix);
        masked.as_str()
    } else {
        bt
    };
    scan_marks(s, b.prefix.min(s.len()), quotes)
}

/// The paragraph summary of `punct-unpaired`: the block's unmatched marks.
fn summarize_marks(ctx: &ParaCtx, b: &crate::core::text::Block) -> super::Summary {
    Box::new(paragraph_marks(ctx.text, b, ctx.doc_kind, ctx.config.quotes))
}

fn check_unpaired(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let quotes = ctx.config.quotes;
    let (outer_open, inner_pair) = match quotes {
        Quotes::Curly => ('“', ('‘', '’')),
        Quotes::Corner => ('「', ('『', '』')),
    };
    let outer_idx = if quotes == Quotes::Curly { 0 } else { 5 };
    let n = ctx.blocks.len();
    // the cached marks by reference (a keystroke reads thousands of blocks);
    // computed only where the cache has none
    let read = |i: usize, b: &crate::core::text::Block| {
        !(b.kind == BlockKind::Code || skipped(ctx.classes.get(i)))
    };
    let computed: Vec<(usize, Marks)> = ctx
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| read(i, b) && ctx.summary::<Marks>(i, UNPAIRED).is_none())
        .map(|(i, b)| {
            (
                i,
                paragraph_marks(ctx.block_text(i), b, ctx.doc_kind, quotes),
            )
        })
        .collect();
    let mut extra = computed.iter().peekable();
    let all: Vec<Option<&Marks>> = ctx
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if !read(i, b) {
                return None;
            }
            match ctx.summary::<Marks>(i, UNPAIRED) {
                Some(m) => Some(m),
                None => {
                    while extra.peek().is_some_and(|(k, _)| *k < i) {
                        extra.next();
                    }
                    extra.peek().filter(|(k, _)| *k == i).map(|(_, m)| m)
                }
            }
        })
        .collect();
    // suppressions across paragraph boundaries
    let mut quiet_opens: Vec<Vec<bool>> = all
        .iter()
        .map(|m| vec![false; m.as_ref().map_or(0, |m| m.opens.len())])
        .collect();
    let mut quiet_closes: Vec<Vec<bool>> = all
        .iter()
        .map(|m| vec![false; m.as_ref().map_or(0, |m| m.closes.len())])
        .collect();
    for i in 0..n {
        let Some(mi) = all[i].as_ref() else { continue };
        if mi.opens.is_empty() {
            continue;
        }
        if aside(ctx.classes.get(i)) {
            continue;
        }
        let Some(j) = (i + 1..n).find(|&j| all[j].is_some() && !aside(ctx.classes.get(j))) else {
            continue;
        };
        // a quotation of several paragraphs: each opens with “, only the last closes
        let bj = &ctx.blocks[j];
        if starts_with_open_quote(ctx.block_text(j), bj.prefix, outer_open) {
            for (k, &(idx, _)) in mi.opens.iter().enumerate() {
                if idx == outer_idx {
                    quiet_opens[i][k] = true;
                }
            }
        }
    }
    // paragraphs broken mid-sentence (possibly over several lines, with
    // captions between): a later part closes what an earlier part opened
    let mut pending: Vec<(usize, usize, usize)> = Vec::new(); // (block, open, pair)
    for j in 0..n {
        let Some(mj) = all[j].as_ref() else { continue };
        if aside(ctx.classes.get(j)) {
            continue;
        }
        for (q, &(cidx, _)) in mj.closes.iter().enumerate() {
            if let Some(pos) = pending.iter().rposition(|p| p.2 == cidx) {
                let (bi, k, _) = pending.remove(pos);
                quiet_opens[bi][k] = true;
                quiet_closes[j][q] = true;
            }
        }
        if ends_open(ctx.block_text(j)) {
            for (k, &(idx, _)) in mj.opens.iter().enumerate() {
                if !quiet_opens[j][k] {
                    pending.push((j, k, idx));
                }
            }
        } else {
            pending.clear();
        }
    }
    for (i, m) in all.iter().enumerate() {
        let Some(m) = m else { continue };
        let base = ctx.block_range(i).start;
        for (k, &(idx, at)) in m.opens.iter().enumerate() {
            if quiet_opens[i][k] {
                continue;
            }
            let (o, c, name) = PAIRS[idx];
            out.push(Finding::new(
                UNPAIRED,
                base + at..base + at + o.len_utf8(),
                unpaired_message(o, c, name, true),
            ));
        }
        for (k, &(idx, at)) in m.closes.iter().enumerate() {
            if quiet_closes[i][k] {
                continue;
            }
            let (o, c, name) = PAIRS[idx];
            out.push(Finding::new(
                UNPAIRED,
                base + at..base + at + c.len_utf8(),
                unpaired_message(o, c, name, false),
            ));
        }
        for &(io, ic, oo) in &m.nested {
            let (iopen, iclose) = inner_pair;
            let outer_len = outer_open.len_utf8();
            let inner_name = if quotes == Quotes::Curly {
                "单引号‘’"
            } else {
                "双直角引号『』"
            };
            let outer_name = if quotes == Quotes::Curly {
                "双引号"
            } else {
                "直角引号"
            };
            out.push(
                Finding::new(
                    UNPAIRED,
                    base + io..base + io + outer_len,
                    format!("引号嵌套有误：{outer_name}内的引文应使用{inner_name}"),
                )
                .with_related(base + oo..base + oo + outer_len, "外层引号")
                .with_fix(Fix {
                    title: format!("改为{inner_name}").into(),
                    edits: vec![
                        Edit::new(base + io..base + io + outer_len, iopen.to_string()),
                        Edit::new(base + ic..base + ic + outer_len, iclose.to_string()),
                    ],
                }),
            );
        }
    }
}

fn unpaired_message(o: char, c: char, name: &str, open: bool) -> String {
    let quote = matches!(o, '“' | '‘');
    match (quote, open) {
        (true, true) => format!("前{name}没有配对的后{name}"),
        (true, false) => format!("后{name}没有配对的前{name}"),
        (false, true) => format!("“{o}”没有配对的“{c}”（{name}不成对）"),
        (false, false) => format!("“{c}”没有配对的“{o}”（{name}不成对）"),
    }
}

/// Byte ranges a finding covers, for tests.
#[cfg(test)]
fn texts<'a>(s: &'a str, fs: &[Finding]) -> Vec<&'a str> {
    fs.iter()
        .map(|f| s.get(f.range.clone()).unwrap_or(""))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::core::config::Config;
    use crate::core::rules::testutil::{fixed, run_para};

    /// The word-at-a-time search finds what a byte-by-byte search finds, at
    /// every offset and alignment.
    #[test]
    fn find_ascii_agrees_with_a_plain_search() {
        let text = "市南区召开座谈会,部署工作;会议指出:要（认真）落实!对吗?(好)\"引号\"。";
        let b = text.as_bytes();
        for set_bytes in [&b",;:?!"[..], b"()\"", b",:;?!()"] {
            let set = ascii_set(set_bytes);
            for from in 0..=b.len() {
                let want = b[from..]
                    .iter()
                    .position(|x| set_bytes.contains(x))
                    .map(|k| from + k);
                assert_eq!(find_ascii(b, from, set), want, "{from}");
            }
        }
        assert_eq!(find_ascii(b, b.len() + 1, ascii_set(b",")), None);
    }

    fn hits(code: &str, s: &str) -> Vec<String> {
        run_para(code, s, DocKind::Plain)
            .iter()
            .map(|f| s[f.range.clone()].to_string())
            .collect()
    }

    fn fix(code: &str, s: &str) -> String {
        fixed(s, &run_para(code, s, DocKind::Plain))
    }

    /// Run the whole analyzer (document rules included) and keep one code.
    fn doc(code: &str, text: &str) -> Vec<Finding> {
        doc_with(code, text, DocKind::Plain, Config::default())
    }

    fn doc_with(code: &str, text: &str, kind: DocKind, config: Config) -> Vec<Finding> {
        let mut a = crate::core::analyze(text, kind, Arc::new(config));
        a.findings.retain(|f| f.code == code);
        a.findings
    }

    fn doc_hits(text: &str) -> Vec<String> {
        doc(UNPAIRED, text)
            .iter()
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    // ── punct-doubled ──

    #[test]
    fn doubled_fires_and_keeps_the_stronger_full_width_mark() {
        assert_eq!(
            fix(
                DOUBLED,
                "开展大讨论活动是学习贯彻的必然要求。,是推动发展的迫切需要。"
            ),
            "开展大讨论活动是学习贯彻的必然要求。是推动发展的迫切需要。"
        );
        assert_eq!(
            fix(DOUBLED, "会议强调，，要抓好落实。"),
            "会议强调，要抓好落实。"
        );
        assert_eq!(fix(DOUBLED, "街道、、社区和企业"), "街道、社区和企业");
        assert_eq!(fix(DOUBLED, "圆满完成各项任务。。"), "圆满完成各项任务。");
        assert_eq!(fix(DOUBLED, "切实推动问题整改,。"), "切实推动问题整改。");
        assert_eq!(fix(DOUBLED, "圆满完成各项任务，。"), "圆满完成各项任务。");
        assert_eq!(fix(DOUBLED, "深化改革；，扩大开放"), "深化改革；扩大开放");
        assert_eq!(fix(DOUBLED, "实施方案如下：，"), "实施方案如下：");
        assert_eq!(fix(DOUBLED, "如何破解难题？。"), "如何破解难题？");
        assert_eq!(fix(DOUBLED, "这是为什么，？"), "这是为什么？");
        assert_eq!(
            fix(DOUBLED, "会议强调， ，要抓好落实"),
            "会议强调，要抓好落实"
        );
        // both half-width, Chinese context: one full-width mark
        assert_eq!(fix(DOUBLED, "会议强调,,要抓好落实"), "会议强调，要抓好落实");
        let f = run_para(DOUBLED, "必然要求。,是", DocKind::Plain);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "“。,”标点重复，应为“。”");
    }

    #[test]
    fn doubled_silent_on_legitimate_sequences() {
        for s in [
            "这难道不是我们的责任吗？！",
            "太好了！！我们终于成功了！",
            "真的是这样吗？？",
            "助力企业全面发展……解放思想大讨论工作开展以来",
            "我们的目标——建设现代化国际城区。",
            "他说：“要抓好落实。”随后，会议进入下一议程。",
            "聚焦“七大行动”，结合“十大问题”，认真做好“规定动作”。",
            "《实施方案》《工作方案》，",
            "红岛经济区（高新区）。会议",
            "共计3,000人参加，时间为10:30,地点另行通知",
            "He said: Hello,, world; ok",
            "活动主题&nbsp;，由街道统一部署",
            "致敬改革开放40周年??‘我与家乡的故事’",
            "加强理论学习。。。推动问题整改",
        ] {
            assert!(hits(DOUBLED, s).is_empty(), "{s}");
        }
    }

    #[test]
    fn halfwidth_does_not_double_report() {
        let s = "开展大讨论活动是学习贯彻的必然要求。,是推动发展的迫切需要,。";
        assert!(run_para("punct-halfwidth", s, DocKind::Plain).is_empty());
        assert_eq!(hits(DOUBLED, s), vec!["。,", ",。"]);
        // a single half-width comma is still punct-halfwidth's
        assert_eq!(
            run_para("punct-halfwidth", "必然要求,是", DocKind::Plain).len(),
            1
        );
    }

    // ── punct-ellipsis ──

    #[test]
    fn ellipsis_fires() {
        assert_eq!(
            fix(ELLIPSIS, "加强理论学习、推动问题整改...各项工作稳步推进。"),
            "加强理论学习、推动问题整改……各项工作稳步推进。"
        );
        assert_eq!(fix(ELLIPSIS, "走访企业、社区。。。"), "走访企业、社区……");
        assert_eq!(
            fix(ELLIPSIS, "成都、长沙、杭州······"),
            "成都、长沙、杭州……"
        );
        assert_eq!(
            fix(ELLIPSIS, "深挖思想根源…集体把脉"),
            "深挖思想根源……集体把脉"
        );
        assert_eq!(fix(ELLIPSIS, "他说：“...”"), "他说：“……”");
        assert_eq!(fix(ELLIPSIS, "新机遇………新征程"), "新机遇……新征程");
        assert_eq!(hits(ELLIPSIS, "推动整改......再出发"), vec!["......"]);
    }

    #[test]
    fn ellipsis_silent() {
        for s in [
            "助力企业全面发展……解放思想大讨论工作开展以来",
            "省略整段时可用十二连点…………",
            "He paused... then smiled.",
            "编号为1...10的展板",
            "详见 https://example.com/a...b 网页",
            "马克·吐温的小说",
            "Wait… what?",
            "一、总体要求......................3",
            "二、主要任务......5",
            "同比增长7.8%。",
        ] {
            assert!(hits(ELLIPSIS, s).is_empty(), "{s}");
        }
        let md = run_para(ELLIPSIS, "运行`cargo run ...`命令。", DocKind::Markdown);
        assert!(md.is_empty());
    }

    // ── punct-dash ──

    #[test]
    fn dash_fires() {
        assert_eq!(
            fix(DASH, "这次活动的主题—解放思想，改革再出发。"),
            "这次活动的主题——解放思想，改革再出发。"
        );
        assert_eq!(
            fix(DASH, "围绕一个目标--建设时尚幸福的现代化城区"),
            "围绕一个目标——建设时尚幸福的现代化城区"
        );
        assert_eq!(
            fix(DASH, "坚持一条主线－－高质量发展"),
            "坚持一条主线——高质量发展"
        );
        assert_eq!(
            fix(DASH, "我们的口号是—“改革再出发”"),
            "我们的口号是——“改革再出发”"
        );
        assert_eq!(
            fix(DASH, "“改革再出发”—这是全市上下的共同心声"),
            "“改革再出发”——这是全市上下的共同心声"
        );
    }

    #[test]
    fn dash_silent() {
        for s in [
            "我们的目标——建设现代化国际城区。",
            "开通北京—上海的直达航线",
            "青岛市—济南市高铁",
            "2018--2019年度考核",
            "沈括（1031—1095）是北宋科学家",
            "运行 zhproof check --fix 命令",
            "使用--fix参数",
            "这是一个浅-深的过渡",
            "———",
            "工作时间为周一—周五",
            "“十三五”—“十四五”时期的主要指标",
            "表格中“—”表示无数据。",
        ] {
            assert!(hits(DASH, s).is_empty(), "{s}");
        }
        let md = "| 项目 | 说明 |\n|---|---|\n| 甲--乙 | 丙—丁 |";
        assert!(doc_with(DASH, md, DocKind::Markdown, Config::default()).is_empty());
        let fm = "---\ntitle: 标题--副题\n---\n\n正文。\n";
        assert!(doc_with(DASH, fm, DocKind::Markdown, Config::default()).is_empty());
    }

    // ── punct-mojibake ──

    #[test]
    fn mojibake_fires() {
        assert_eq!(
            hits(MOJIBAKE, "开展“致敬改革开放40周年??‘我与家乡的故事’”活动"),
            vec!["??"]
        );
        assert_eq!(hits(MOJIBAKE, "美国作家马克?吐温的故乡"), vec!["?"]);
        assert_eq!(
            hits(MOJIBAKE, "市南区召开\u{FFFD}\u{FFFD}座谈会"),
            vec!["\u{FFFD}\u{FFFD}"]
        );
        assert_eq!(
            hits(MOJIBAKE, "以“*新气象新作为”为主题，举办系列活动。"),
            vec!["*"]
        );
        assert_eq!(
            hits(MOJIBAKE, "12月18日上午,*、国务院召开庆祝大会。"),
            vec!["*"]
        );
        assert_eq!(hits(MOJIBAKE, "认真学习《》精神"), vec!["《》"]);
        assert_eq!(hits(MOJIBAKE, "围绕“”主题开展研讨"), vec!["“”"]);
        // no fix: the lost text is unknown
        assert!(run_para(MOJIBAKE, "马克?吐温", DocKind::Plain)[0]
            .fix
            .is_none());
    }

    #[test]
    fn mojibake_silent() {
        for s in [
            "如何进一步解放思想?市南区秉持理念",
            "如何进一步解放思想,加大工作力度,为区域发展再添新动能?市南区秉持理念",
            "你们准备好了吗?大家齐声回答",
            "去不去?由你决定",
            "这是真的吗??",
            "详见 https://example.com/a?b=1 网页",
            "What?Really?",
            "□文/本报记者 王晓明",
            "犯罪嫌疑人王*被依法刑事拘留",
            "该数据为初步统计数*。",
            "*注：本文数据来源于区统计局。",
            "要把**重点工作**抓实抓细，把*关键环节*盯紧盯牢。",
            "“一窗受理”“互联网+审批服务”等改革",
            "引号“”和书名号《》的用法",
            "计算3*5的结果",
            "注：*号标注的为新增项目。",
            "备注：*表示必填项。",
        ] {
            assert!(hits(MOJIBAKE, s).is_empty(), "{s}");
        }
        // Markdown emphasis and bullets are masked
        for s in [
            "- 要把*重点*抓实，",
            "* 以“新气象”为主题",
            "**注意**：请按时参会。",
        ] {
            let md = doc_with(MOJIBAKE, s, DocKind::Markdown, Config::default());
            assert!(md.is_empty(), "{s}");
        }
    }

    #[test]
    fn lost_question_mark_is_not_halfwidth() {
        assert!(run_para("punct-halfwidth", "美国作家马克?吐温的故乡", DocKind::Plain).is_empty());
        assert_eq!(
            run_para(
                "punct-halfwidth",
                "如何进一步解放思想?市南区",
                DocKind::Plain
            )
            .len(),
            1
        );
    }

    // ── punct-fullwidth-alnum ──

    #[test]
    fn fullwidth_alnum_fires() {
        assert_eq!(
            fix(
                FULLWIDTH_ALNUM,
                "全区共有１２３个党组织，并开通了ＡＰＰ服务。"
            ),
            "全区共有123个党组织，并开通了APP服务。"
        );
        assert_eq!(fix(FULLWIDTH_ALNUM, "同比增长１２．５％"), "同比增长12.5％");
        assert_eq!(fix(FULLWIDTH_ALNUM, "１．强化宣传发动"), "1．强化宣传发动");
        assert_eq!(hits(FULLWIDTH_ALNUM, "ｗｗｗ网站"), vec!["ｗｗｗ"]);
    }

    #[test]
    fn fullwidth_alnum_silent() {
        for s in ["全区共有123个党组织，并开通了APP服务。", "（一）", "１"] {
            let n = hits(FULLWIDTH_ALNUM, s).len();
            assert_eq!(n, usize::from(s == "１"), "{s}");
        }
    }

    // ── punct-unpaired ──

    #[test]
    fn unpaired_fires_at_the_unmatched_mark() {
        assert_eq!(
            doc_hits("制定了《关于开展解放思想大讨论的实施方案，明确任务。\n"),
            vec!["《"]
        );
        assert_eq!(
            doc_hits("红岛经济区（高新区高度重视这项工作。\n"),
            vec!["（"]
        );
        assert_eq!(doc_hits("高新区）高度重视这项工作。\n"), vec!["）"]);
        assert_eq!(
            doc_hits("聚焦“七大行动，结合“十大问题”开展工作。\n"),
            vec!["“"]
        );
        assert_eq!(doc_hits("聚焦七大行动”，认真做好工作。\n"), vec!["”"]);
        assert_eq!(doc_hits("开展‘我与家乡的故事活动。\n"), vec!["‘"]);
        assert_eq!(doc_hits("【编者按本报今日推出专题。\n"), vec!["【"]);
        assert_eq!(doc_hits("「解放思想』大讨论\n"), vec!["「", "』"]);
        let f = doc(UNPAIRED, "制定了《实施方案，明确任务。\n");
        assert_eq!(f[0].message, "“《”没有配对的“》”（书名号不成对）");
        assert!(f[0].fix.is_none());
        // an unclosed quote at paragraph end, next paragraph does not open with “
        assert_eq!(
            doc_hits("他说：“我们要抓好落实。\n\n会议随后进入下一议程。\n"),
            vec!["“"]
        );
    }

    #[test]
    fn unpaired_silent() {
        for t in [
            "红岛经济区（高新区）以“践行新思想”为主题，制定《实施方案》【图】「注」『注』。\n",
            "他在Xi’an工作，说“don’t worry”。\n",
            "1）召开工作会议；2）部署推进任务。\n",
            "对照上海、深圳(浙江）等地区\n",
            "屏幕尺寸为5”。\n",
            "他说：\"我们要抓好落实”。\n",
        ] {
            assert!(doc_hits(t).is_empty(), "{t}");
        }
        // half-width parentheses are punct-halfwidth's
        assert!(doc_hits("红岛经济区(高新区高度重视\n").is_empty());
    }

    #[test]
    fn multi_paragraph_quotation_is_silent() {
        let t = "他在讲话中指出：\n\n“第一，要坚持解放思想，敢闯敢试。\n\n“第二，要坚持问题导向，真查真改。\n\n“第三，要坚持久久为功，善作善成。”\n";
        assert!(doc_hits(t).is_empty());
        // but the last paragraph must close it
        let t2 = "“第一，要坚持解放思想，敢闯敢试。\n\n“第二，要坚持问题导向，真查真改。\n";
        assert_eq!(doc_hits(t2), vec!["“"]);
    }

    #[test]
    fn broken_paragraph_is_left_to_its_own_rule() {
        let t = "此外，在推进“专题研\n\n学”过程中，红岛经济区不断加强理论学习。\n";
        assert!(doc_hits(t).is_empty());
        // with photo captions between the two parts
        let t = "红岛经济区推动大讨论取得实效\n\n□本报记者 王晓明\n\n红岛经济区高度重视解放思想大讨论工作，召开动员会。\n\n此外，在推进过程中，红岛经济区突出“专题研\n\n高实集团解放思想大讨论学习研讨会。\n\n高新区建设局召开学习交流会。\n\n学”，不断加强理论学习。\n";
        assert!(doc_hits(t).is_empty());
        // over three lines
        let t = "此外，在推进“专题研学、创新\n帮学、培训促\n学”过程中，红岛经济区（高新\n区）不断加强理论学习。\n";
        assert!(doc_hits(t).is_empty());
        // a paragraph that ends a sentence does not run on
        let t = "此外，要推进“专题研学。\n\n学”过程中，红岛经济区不断加强理论学习。\n";
        assert_eq!(doc_hits(t), vec!["“", "”"]);
    }

    #[test]
    fn wrong_quote_nesting_is_fixed() {
        let t = "他说：“我们要坚持“两个毫不动摇”，推动高质量发展。”\n";
        let f = doc(UNPAIRED, t);
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].range.clone()], "“");
        assert_eq!(
            fixed(t, &f),
            "他说：“我们要坚持‘两个毫不动摇’，推动高质量发展。”\n"
        );
        // right nesting, and sequences of quotes, are silent
        for t in [
            "他说：“我们要坚持‘两个毫不动摇’，推动高质量发展。”\n",
            "加快“一窗受理”“互联网+审批服务”等改革。\n",
            "他说：“要开展‘我与“家乡”的故事’活动。”\n",
        ] {
            assert!(doc_hits(t).is_empty(), "{t}");
        }
        // corner quotes when configured
        let cfg = Config {
            quotes: Quotes::Corner,
            ..Config::default()
        };
        let t = "他說：「我們要堅持「兩個毫不動搖」。」\n";
        let f = doc_with(UNPAIRED, t, DocKind::Plain, cfg);
        assert_eq!(fixed(t, &f), "他說：「我們要堅持『兩個毫不動搖』。」\n");
    }

    #[test]
    fn markdown_code_is_not_scanned() {
        let t = "运行`echo “`命令，然后（见下文）继续。\n";
        assert!(doc_with(UNPAIRED, t, DocKind::Markdown, Config::default()).is_empty());
        let t = "> “第一，要坚持解放思想。\n\n> “第二，要坚持问题导向。”\n";
        assert!(doc_with(UNPAIRED, t, DocKind::Markdown, Config::default()).is_empty());
    }

    #[test]
    fn rule_table_examples() {
        for r in RULES {
            let wrong = doc(r.code, r.wrong);
            let right = doc(r.code, r.right);
            assert!(!wrong.is_empty(), "{} wrong example is silent", r.code);
            assert!(right.is_empty(), "{} right example fires", r.code);
            assert_eq!(
                r.fixable,
                wrong.iter().any(|f| f.fix.is_some()),
                "{}",
                r.code
            );
        }
    }

    #[test]
    fn ranges_are_on_char_boundaries() {
        let s = "马克?吐温、、１２３...—";
        for code in [DOUBLED, ELLIPSIS, DASH, MOJIBAKE, FULLWIDTH_ALNUM] {
            for f in run_para(code, s, DocKind::Plain) {
                assert!(s.get(f.range.clone()).is_some());
            }
        }
        let _ = texts(s, &[]);
    }
}
