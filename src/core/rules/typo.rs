//! Character-level typos by sound and shape (别字): `部署安徘` → `部署安排`,
//! `发辉` → `发挥`, `竟争` → `竞争`.
//!
//! Where jieba could not find a word — an out-of-vocabulary segment its HMM
//! glued together, or a run of single characters — we try replacing one
//! character by a character of the same reading (pinyin, tones ignored, as an
//! input method does) or of a similar shape (`data/shape_similar.txt`). A
//! replacement is suggested only when it makes a frequent dictionary word and
//! the unigram language model of jieba's dictionary rates the sentence piece
//! around it as far more probable than the text as written, by a margin that
//! accounts for how many characters share the reading. Precision comes
//! first: `按装` → `安装` (two common characters, which a unigram model cannot
//! tell from a phrase) is out of reach, and so are new words the dictionary
//! lacks scoring close to the threshold (`微博`).

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use pinyin::ToPinyin;

use super::{Check, ParaCtx, Rule};
use crate::core::chars::{is_han, FxHashMap as HashMap};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::nlp;

pub const RULES: &[Rule] = &[Rule {
    code: "typo-char",
    family: "别字",
    severity: Severity::Hint,
    default_off: false,
    fixable: true,
    description: "疑似音近或形近的别字：把其中一个字换成同音字或形近字后，构成一个常用词，且在上下文中可能性高得多。提示级别，仅在把握很大时提示。",
    wrong: "会议对下一阶段工作作出部署安徘，要求充分发辉基层党组织作用。",
    right: "会议对下一阶段工作作出部署安排，要求充分发挥基层党组织作用。",
    check: Check::Para(check),
}];

const CODE: &str = "typo-char";

/// Sum of the frequencies in jieba's bundled dictionary (jieba-rs 0.11).
const LN_TOTAL: f64 = 17.911_506; // ln(60_101_964)

/// The replacement word must be at least this frequent in the dictionary.
const MIN_FREQ: usize = 300;

/// The corrected context must be this much more probable (natural log of the
/// ratio, less the log of the size of the confusion set the replacement came
/// from): e^7 ≈ 1100 times after that penalty. Tuned on the corpus, technical
/// prose and news text written for the tests: the highest-scoring correct
/// segment seen (an out-of-vocabulary `微博`) scores 5.3, but correct
/// verb-object pairs of two single-character words score 6.8 (`缺碘` taken for
/// `缺点`, `以水促效` for `促销`): a unigram model rates the frequent word,
/// not the context, and cannot tell them from a typo, so corrections below 7
/// are not suggested (`干躁` → `干燥`, at 6.6, is lost with them).
const MIN_GAIN: f64 = 7.0;

/// Longest window (in characters) we try to correct.
const MAX_WINDOW: usize = 4;

/// Similar-shape groups.
static SHAPE: LazyLock<HashMap<char, Vec<char>>> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<char>> = HashMap::default();
    for line in include_str!("../../../data/shape_similar.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let group: Vec<char> = line.chars().filter(|c| is_han(*c)).collect();
        for &c in &group {
            let e = m.entry(c).or_default();
            for &d in &group {
                if d != c && !e.contains(&d) {
                    e.push(d);
                }
            }
        }
    }
    m
});

/// The characters that are words of jieba's dictionary by themselves (that
/// is, every character in common use): by main toneless reading (rare
/// readings would make every character a homophone of too many others), and
/// the natural log of each one's frequency.
struct Index {
    /// Only the characters frequent enough to be meant (see [`MIN_CHAR_FREQ`]).
    readings: HashMap<&'static str, Vec<char>>,
    /// ln of the number of characters of each reading, all of them.
    penalty: HashMap<&'static str, f64>,
    /// Indexed by code point from U+4E00 (0 for a character that is no word).
    ln_freq: Vec<f32>,
    /// Main toneless reading, indexed by code point from U+4E00.
    plain: Vec<Option<&'static str>>,
}

/// A replacement character must be at least this frequent as a word of its
/// own (`排` 3852, `燥` 379): rarer ones are hardly ever the intended
/// character, and skipping them saves most of the dictionary look-ups.
const MIN_CHAR_FREQ: usize = 300;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let j = nlp::jieba();
    let mut readings: HashMap<&'static str, Vec<char>> = HashMap::default();
    let mut counts: HashMap<&'static str, usize> = HashMap::default();
    let mut ln_freq = vec![0f32; 0x9FFF - 0x4E00 + 1];
    let plain: Vec<Option<&'static str>> = (0x4E00u32..=0x9FFF)
        .map(|cp| {
            char::from_u32(cp)
                .and_then(|c| c.to_pinyin())
                .map(|p| p.plain())
        })
        .collect();
    let mut buf = [0u8; 4];
    for cp in 0x4E00u32..=0x9FFF {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let w = c.encode_utf8(&mut buf);
        if !j.has_word(w) {
            continue;
        }
        let f = freq(&j, w);
        if let Some(slot) = ln_freq.get_mut((cp - 0x4E00) as usize) {
            *slot = (f.max(1) as f32).ln();
        }
        if let Some(p) = c.to_pinyin() {
            *counts.entry(p.plain()).or_default() += 1;
            if f >= MIN_CHAR_FREQ {
                readings.entry(p.plain()).or_default().push(c);
            }
        }
    }
    for v in readings.values_mut() {
        v.shrink_to_fit();
    }
    let penalty = counts
        .into_iter()
        .map(|(r, n)| (r, (n.saturating_sub(1).max(1) as f64).ln()))
        .collect();
    Index {
        readings,
        penalty,
        ln_freq,
        plain,
    }
});

/// ln of a character's frequency as a word of its own (0 if it is none).
fn ln_char_freq(c: char) -> f64 {
    (c as usize)
        .checked_sub(0x4E00)
        .and_then(|i| INDEX.ln_freq.get(i))
        .copied()
        .unwrap_or(0.0) as f64
}

/// The frequent two-character words, by their first and by their second
/// character (`data/words2.txt`, from jieba's dictionary).
struct Words2 {
    starting: HashMap<char, Vec<(char, u32)>>,
    ending: HashMap<char, Vec<(char, u32)>>,
}

static WORDS2: LazyLock<Words2> = LazyLock::new(|| {
    let mut starting: HashMap<char, Vec<(char, u32)>> = HashMap::default();
    let mut ending: HashMap<char, Vec<(char, u32)>> = HashMap::default();
    for line in include_str!("../../../data/words2.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(w), Some(f)) = (parts.next(), parts.next().and_then(|f| f.parse().ok())) else {
            continue;
        };
        let mut ch = w.chars();
        if let (Some(a), Some(b), None) = (ch.next(), ch.next(), ch.next()) {
            starting.entry(a).or_default().push((b, f));
            ending.entry(b).or_default().push((a, f));
        }
    }
    for v in starting.values_mut().chain(ending.values_mut()) {
        v.shrink_to_fit();
    }
    Words2 { starting, ending }
});

/// May `d` have been meant where `c` was typed? The penalty if so (see
/// [`confusables`]). What depends on `c` alone is looked up once, for many `d`.
struct ConfusableWith {
    c: char,
    shape: Option<&'static Vec<char>>,
    reading: Option<&'static str>,
}

impl ConfusableWith {
    fn new(c: char) -> ConfusableWith {
        ConfusableWith {
            c,
            shape: SHAPE.get(&c),
            reading: c.to_pinyin().map(|p| p.plain()),
        }
    }

    fn to(&self, d: char) -> Option<f64> {
        if self.c == d {
            return None;
        }
        if let Some(v) = self.shape {
            if v.contains(&d) {
                return Some((v.len() as f64).ln());
            }
        }
        let r = self.reading?;
        if ln_char_freq(d) < (MIN_CHAR_FREQ as f64).ln() - 1e-6 {
            return None;
        }
        // (a character that frequent is in the table's range)
        let plain = match (d as usize)
            .checked_sub(0x4E00)
            .and_then(|i| INDEX.plain.get(i))
        {
            Some(p) => *p,
            None => d.to_pinyin().map(|p| p.plain()),
        };
        if plain? != r {
            return None;
        }
        INDEX.penalty.get(r).copied()
    }
}

/// Every character that may have been typed for `c`, `c` excluded, each
/// with the natural log of the number of characters it competes with (a
/// writer who meant `d` could have typed any of them, so a replacement from
/// a large homophone set is less telling than one from a small shape group).
fn confusables(c: char, out: &mut Vec<(char, f64)>) {
    out.clear();
    if let Some(v) = SHAPE.get(&c) {
        let pen = (v.len() as f64).ln();
        out.extend(v.iter().map(|&d| (d, pen)));
    }
    let Some(reading) = c.to_pinyin().map(|p| p.plain()) else {
        return;
    };
    let shapes = out.len();
    if let (Some(v), Some(&pen)) = (INDEX.readings.get(reading), INDEX.penalty.get(reading)) {
        for &d in v {
            if d != c && !out.iter().take(shapes).any(|(x, _)| *x == d) {
                out.push((d, pen));
            }
        }
    }
}

/// Dictionary frequency of a word (0 if it is not a word).
fn freq(j: &Jieba, w: &str) -> usize {
    if j.has_word(w) {
        // for a word that segments as itself this is its frequency (+1)
        j.suggest_freq(w).saturating_sub(1).max(1)
    } else {
        0
    }
}

/// Natural log of the probability jieba's unigram model gives `s` along its
/// best segmentation.
fn log_prob(j: &Jieba, s: &str) -> f64 {
    j.cut(s, false)
        .iter()
        .map(|t| {
            let mut ch = t.word.chars();
            let lf = match (ch.next(), ch.next()) {
                (Some(c), None) => ln_char_freq(c),
                _ => (freq(j, t.word).max(1) as f64).ln(),
            };
            lf - LN_TOTAL
        })
        .sum()
}

/// ln of the largest frequency of a dictionary word of 2, 3 and 4 characters
/// (`一个`, `天安门`, `人民政府`).
const LN_MAX_FREQ: [f64; 3] = [11.9, 10.5, 9.7];

/// How much the context may add to the gain a window has alone.
const CONTEXT_SLACK: f64 = 3.0;

/// A proposed correction.
#[derive(Debug, Clone)]
struct Candidate {
    /// The window (segment) in the paragraph.
    window: Range<usize>,
    /// The character replaced.
    at: Range<usize>,
    replacement: char,
    /// The window as written and corrected.
    written: String,
    corrected: String,
    gain: f64,
}

/// Tags of names and other tokens we never correct.
fn is_name_tag(tag: &str) -> bool {
    tag.starts_with("nr") || matches!(tag, "ns" | "nt" | "nz" | "j" | "eng" | "m" | "x")
}

/// Is the window one half of a parallel phrase (`深查深改`, `堵点痛点`,
/// `网言网语`)? Such coinages repeat a character in the same place.
fn parallel(s: &str, window: &Range<usize>) -> bool {
    let (Some(w), Some(before), Some(after)) = (
        s.get(window.clone()),
        s.get(..window.start),
        s.get(window.end..),
    ) else {
        return false;
    };
    let n = w.chars().count();
    let (Some(first), Some(last)) = (w.chars().next(), w.chars().next_back()) else {
        return false;
    };
    after.starts_with(first)
        || after.chars().nth(n - 1) == Some(last)
        || before.ends_with(last)
        || before.chars().rev().nth(n - 1) == Some(first)
}

/// Try every one-character replacement in `s[window]`, with the words around
/// it (`s[ctx]`) as context. `oov`: the window is known not to be a word.
#[allow(clippy::too_many_arguments)]
fn try_window(
    j: &Jieba,
    s: &str,
    window: Range<usize>,
    oov: bool,
    ctx: Range<usize>,
    min_gain: f64,
    buf: &mut Vec<(char, f64)>,
    out: &mut Vec<Candidate>,
) {
    let Some(w) = s.get(window.clone()) else {
        return;
    };
    if (!oov && j.has_word(w)) || parallel(s, &window) {
        return;
    }
    let (Some(left), Some(right)) = (s.get(ctx.start..window.start), s.get(window.end..ctx.end))
    else {
        return;
    };
    // Cheap bounds before any lookup: the written characters alone are at
    // least as probable as their product, and no corrected word is more
    // frequent than the most frequent word of its length.
    let n = w.chars().count();
    let Some(&ln_max) = LN_MAX_FREQ.get(n.wrapping_sub(2)) else {
        return;
    };
    let ln_chars: f64 = w.chars().map(ln_char_freq).sum();
    let room = (n - 1) as f64 * LN_TOTAL - ln_chars;
    if ln_max + room < min_gain - CONTEXT_SLACK {
        return;
    }
    let found = replacements(j, w, n, buf);
    out.extend(sole_correction(
        j,
        w,
        (left, right),
        &window,
        room,
        min_gain,
        found,
    ));
}

/// One character of a window replaced by a confusable one: (offset, written
/// char, replacement, penalty, frequency of the corrected word).
type Replacement = (usize, char, char, f64, usize);

/// The replacements of one character of `w` (of `n` characters) that give a
/// word of the dictionary.
fn replacements(j: &Jieba, w: &str, n: usize, buf: &mut Vec<(char, f64)>) -> Vec<Replacement> {
    let mut found: Vec<Replacement> = Vec::new();
    let mut chars = w.char_indices();
    if let (2, Some((_, c0)), Some((o1, c1))) = (n, chars.next(), chars.next()) {
        two_char_replacements(c0, o1, c1, &mut found);
    } else {
        longer_replacements(j, w, buf, &mut found);
    }
    found
}

/// Two characters `c0` and `c1` (at `o1`): the words one character away,
/// from the word list.
fn two_char_replacements(c0: char, o1: usize, c1: char, found: &mut Vec<Replacement>) {
    let with0 = ConfusableWith::new(c0);
    for &(d, f) in WORDS2.ending.get(&c1).map_or(&[][..], Vec::as_slice) {
        if let Some(pen) = with0.to(d) {
            found.push((0, c0, d, pen, f as usize));
        }
    }
    let with1 = ConfusableWith::new(c1);
    for &(d, f) in WORDS2.starting.get(&c0).map_or(&[][..], Vec::as_slice) {
        if let Some(pen) = with1.to(d) {
            found.push((o1, c1, d, pen, f as usize));
        }
    }
}

/// A longer window: each character replaced by each of its confusables,
/// kept when the dictionary knows the word that gives.
fn longer_replacements(
    j: &Jieba,
    w: &str,
    buf: &mut Vec<(char, f64)>,
    found: &mut Vec<Replacement>,
) {
    let mut cand = String::with_capacity(w.len() + 4);
    for (off, c) in w.char_indices() {
        confusables(c, buf);
        for &(d, penalty) in buf.iter() {
            cand.clear();
            cand.push_str(&w[..off]);
            cand.push(d);
            cand.push_str(&w[off + c.len_utf8()..]);
            let fw = freq(j, &cand);
            if fw >= MIN_FREQ {
                found.push((off, c, d, penalty, fw));
            }
        }
    }
}

/// The best of the replacements of `w` (between `left` and `right`) whose
/// gain in the language model reaches `min_gain`, if it is the only one:
/// two different corrections of one window, not sure which, say nothing.
fn sole_correction(
    j: &Jieba,
    w: &str,
    (left, right): (&str, &str),
    window: &Range<usize>,
    room: f64,
    min_gain: f64,
    found: Vec<Replacement>,
) -> Option<Candidate> {
    let mut base: Option<f64> = None;
    let mut best: Option<Candidate> = None;
    let mut passing = 0;
    for (off, c, d, penalty, fw) in found {
        if fw < MIN_FREQ || (fw as f64).ln() + room - penalty < min_gain - CONTEXT_SLACK {
            continue;
        }
        let mut cand = String::with_capacity(w.len() + 4);
        cand.push_str(&w[..off]);
        cand.push(d);
        cand.push_str(&w[off + c.len_utf8()..]);
        let written_lp = *base.get_or_insert_with(|| log_prob(j, &format!("{left}{w}{right}")));
        let gain = log_prob(j, &format!("{left}{cand}{right}")) - written_lp - penalty;
        if gain < min_gain {
            continue;
        }
        passing += 1;
        if best.as_ref().is_none_or(|b| gain > b.gain) {
            best = Some(Candidate {
                window: window.clone(),
                at: window.start + off..window.start + off + c.len_utf8(),
                replacement: d,
                written: w.to_string(),
                corrected: cand,
                gain,
            });
        }
    }
    if passing == 1 {
        best
    } else {
        None
    }
}

/// All corrections worth suggesting in a paragraph (simplified text and its tokens).
fn candidates(j: &Jieba, s: &str, toks: &[nlp::Token], min_gain: f64) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let word = |i: usize| {
        toks.get(i)
            .and_then(|t| s.get(t.range.clone()))
            .unwrap_or("")
    };
    let info = token_info(toks.len(), word);
    let han = |i: usize| info.get(i).is_some_and(|x| x.1);
    let single = |i: usize| info.get(i).is_some_and(|&(n, h)| n == 1 && h);
    // context: the neighbouring token when it is Chinese
    let ctx_start = |i: usize| -> usize {
        match i.checked_sub(1) {
            Some(p) if han(p) => toks[p].range.start,
            _ => toks.get(i).map_or(0, |t| t.range.start),
        }
    };
    let ctx_end = |k: usize| -> usize {
        // k is one past the last token of the window
        match toks.get(k) {
            Some(t) if han(k) => t.range.end,
            _ => toks.get(k.wrapping_sub(1)).map_or(0, |t| t.range.end),
        }
    };
    let mut i = 0;
    while i < toks.len() {
        if single(i) {
            let mut k = i;
            while k < toks.len() && single(k) && !is_name_tag(toks[k].tag) {
                k += 1;
            }
            if k == i {
                i += 1;
                continue;
            }
            // every two neighbouring characters of the run (a longer window
            // of single characters always looks like a far likelier word to
            // a unigram model, so it proves nothing)
            for a in i..k.saturating_sub(1) {
                let window = toks[a].range.start..toks[a + 1].range.end;
                let ctx = ctx_start(a)..ctx_end(a + 2);
                try_window(j, s, window, false, ctx, min_gain, &mut buf, &mut out);
            }
            i = k;
        } else {
            let (n, all_han) = info[i];
            if (2..=MAX_WINDOW).contains(&n)
                && all_han
                && !is_name_tag(toks[i].tag)
                && !toks[i].known
            {
                let window = toks[i].range.clone();
                let ctx = ctx_start(i)..ctx_end(i + 1);
                try_window(j, s, window, true, ctx, min_gain, &mut buf, &mut out);
            }
            i += 1;
        }
    }
    best_without_overlaps(out)
}

/// Per token, read once: its length in chars and whether it is all Chinese.
fn token_info<'a>(n_toks: usize, word: impl Fn(usize) -> &'a str) -> Vec<(usize, bool)> {
    (0..n_toks)
        .map(|i| {
            let w = word(i);
            let (mut n, mut han) = (0, !w.is_empty());
            for c in w.chars() {
                n += 1;
                han &= is_han(c);
            }
            (n, han)
        })
        .collect()
}

/// The candidates best first, each dropped that overlaps a better one, in
/// text order.
fn best_without_overlaps(mut out: Vec<Candidate>) -> Vec<Candidate> {
    out.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in out {
        if kept
            .iter()
            .all(|k| k.window.end <= c.window.start || c.window.end <= k.window.start)
        {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.window.start);
    kept
}

fn check(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    // cheap pre-check: two Chinese characters in a row
    let mut prev = false;
    if !ctx.masked.chars().any(|c| {
        let h = is_han(c);
        let two = prev && h;
        prev = h;
        two
    }) {
        return;
    }
    let j = nlp::jieba_with_words(&ctx.config.words);
    let s = ctx.simplified();
    for c in candidates(&j, s, ctx.tokens(), MIN_GAIN) {
        let written = ctx.text.get(c.window.clone()).unwrap_or(&c.written);
        out.push(
            Finding::new(
                CODE,
                c.window.clone(),
                format!("“{written}”疑为“{}”之误", c.corrected),
            )
            .with_fix(Fix::replace(
                c.at.clone(),
                c.replacement.to_string(),
                format!("改为“{}”", c.corrected),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rules::testutil::{fixed, run_para};
    use crate::core::text::DocKind;

    fn run(s: &str) -> Vec<Finding> {
        run_para(CODE, s, DocKind::Plain)
    }

    /// Print every candidate (gain, frequencies of the written character, of
    /// its replacement and of the corrected word, context) in the files named
    /// in `TYPO_PROBE` (colon-separated), at the gain in `TYPO_GAIN`. For tuning:
    /// `TYPO_GAIN=4 TYPO_PROBE=a.txt cargo test --lib typo::tests::probe -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn probe() {
        let files = std::env::var("TYPO_PROBE").unwrap_or_default();
        let min_gain = std::env::var("TYPO_GAIN")
            .ok()
            .and_then(|g| g.parse().ok())
            .unwrap_or(MIN_GAIN);
        let j = nlp::jieba();
        for f in files.split(':').filter(|f| !f.is_empty()) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for line in text.lines() {
                let s = nlp::to_simplified(line);
                let toks = nlp::tag(&j, &s);
                for c in candidates(&j, &s, &toks, min_gain) {
                    let from = c.window.start.saturating_sub(12);
                    let from = (0..=from).rev().find(|&x| s.is_char_boundary(x));
                    let to = (c.window.end + 12).min(s.len());
                    let to = (to..=s.len()).find(|&x| s.is_char_boundary(x));
                    let context = s.get(from.unwrap_or(0)..to.unwrap_or(s.len()));
                    let written = s.get(c.at.clone()).unwrap_or("");
                    println!(
                        "{:.1}\tfc={} fd={} fw={}\t{}→{}\t{}",
                        c.gain,
                        freq(&j, written),
                        freq(&j, &c.replacement.to_string()),
                        freq(&j, &c.corrected),
                        c.written,
                        c.corrected,
                        context.unwrap_or("")
                    );
                }
            }
        }
    }

    /// Memory and build time of the confusion index (run alone:
    /// `cargo test --lib typo::tests::index_cost -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn index_cost() {
        fn rss_kb() -> u64 {
            std::fs::read_to_string("/proc/self/status")
                .unwrap_or_default()
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        }
        let _ = nlp::jieba();
        let before = rss_kb();
        let t = std::time::Instant::now();
        let chars: usize = INDEX.readings.values().map(Vec::len).sum();
        let shapes = SHAPE.len();
        let words: usize = WORDS2.starting.values().map(Vec::len).sum();
        println!(
            "index: {} readings, {chars} characters, {shapes} shape entries, {words} words, built in {:?}, RSS +{} kB",
            INDEX.readings.len(),
            t.elapsed(),
            rss_kb().saturating_sub(before)
        );
    }

    #[test]
    fn fires_on_typos() {
        let cases = [
            (
                "会议对下一阶段工作作出部署安徘。",
                "会议对下一阶段工作作出部署安排。",
            ),
            (
                "要充分发辉基层党组织的战斗堡垒作用。",
                "要充分发挥基层党组织的战斗堡垒作用。",
            ),
            ("要学会辩别真假信息。", "要学会辨别真假信息。"),
            ("企业之间的竟争日趋激烈。", "企业之间的竞争日趋激烈。"),
            (
                "候鸟每年秋天迁徒到南方越冬。",
                "候鸟每年秋天迁徙到南方越冬。",
            ),
            ("本届运动会取得了圆满成工。", "本届运动会取得了圆满成功。"),
            (
                "即然定下了目标，就要坚决完成。",
                "既然定下了目标，就要坚决完成。",
            ),
        ];
        for (wrong, right) in cases {
            let f = run(wrong);
            assert_eq!(f.len(), 1, "{wrong}: {f:?}");
            assert_eq!(fixed(wrong, &f), right);
        }
    }

    #[test]
    fn message_and_range() {
        let s = "作出部署安徘。";
        let f = run(s);
        assert_eq!(f.len(), 1);
        assert_eq!(&s[f[0].range.clone()], "安徘");
        assert_eq!(f[0].message, "“安徘”疑为“安排”之误");
        assert_eq!(f[0].severity, Severity::Hint);
    }

    #[test]
    fn traditional_text() {
        let s = "企業之間的競爭日趨激烈，要充分發輝優勢。";
        let f = run(s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&s[f[0].range.clone()], "發輝");
    }

    #[test]
    fn silent_on_correct_prose() {
        for s in SILENT {
            let f = run(s);
            assert!(f.is_empty(), "{s}: {f:?}");
        }
    }

    /// Correct sentences: news, official documents, new words that jieba's
    /// dictionary does not know, parallel coinages.
    pub(crate) const SILENT: &[&str] = &[
        "市委常委会召开会议，传达学习中央经济工作会议精神，研究部署我市贯彻落实工作。",
        "今年以来，全市上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。",
        "各级领导干部要带头转变作风，深入基层、深入群众，实实在在地为群众解决问题。",
        "记者在现场看到，工人们正在紧张地施工，一台台挖掘机来回穿梭。",
        "市民可以通过微信、微博、抖音等平台点赞、转发，网红主播直播带货，扫码下单。",
        "乘坐高铁、动车、地铁出行，共享单车方便快捷，健康码、核酸检测有序推进。",
        "云计算、大数据、区块链、芯片、新能源汽车、碳达峰、碳中和成为热词。",
        "落实双减政策，关注公众号和小程序，扫描二维码，用支付宝付款，在淘宝网购。",
        "深化放管服改革，推行最多跑一次、一网通办，全面落实河长制、林长制。",
        "要提质增效，补短板，强弱项，疏通堵点痛点难点，破解卡脖子难题。",
        "切实做到真查真改、深查深改，用网言网语讲好身边故事。",
        "唯有凝心聚力，才能推动各项工作走深走实、见行见效。",
        "要笃行不怠，担当作为，躬身入局，久久为功，驰而不息，善作善成。",
        "坚持问题导向、目标导向、结果导向，以案促改、以案促治。",
        "推动传统优势产业提质升级，组建了微信工作群，用好网格微信群等平台。",
        "工作人员正在为会场安装视频会议系统，会议对下一阶段工作作出部署安排。",
        "广汽本田、东风日产等企业负责人参加座谈会。",
        "认真落实“三会一课”“主题党日”等制度，市南再出“大招”。",
        "Rust 需要显式注解来确定生命周期，格式化器来格式化输出。",
        "这个 trait 是另一个 trait 的超集，可以在测试时跳过某段代码。",
        "他的作品风格粗犷豪放，两人见面后寒暄了几句。",
        "冬季天气干燥，要注意防火；他性格急躁，容易冲动。",
        "经过认真考虑，他决定重新报名；各位候选人依次发表演讲。",
        "加强两新组织党建工作，选优配强村两委班子，深入开展双拥共建和创城创卫工作。",
        "推进综治中心规范化建设，抓好安监环保督察反馈问题整改，落实秸秆禁烧责任。",
        "围绕产业链稳链补链强链延链，推行标准地出让、容缺受理、帮代办服务。",
        "该镇推行网格化管理、组团式服务，配备专兼职网格员172名。",
        "本报记者 张伟 王芳 李娜 刘洋 陈静 杨帆 赵磊 胡蕾 罗武侠",
        "市政协副主席钱立新、蒋文革、韩晓光参加，获奖人员有王雪、李冰、张翼。",
        // verb-object pairs of single-character words, a frequent word one
        // character away (缺点, 促销)
        "缺碘地区的居民要食用碘盐，这些地区普遍缺碘。",
        "当地坚持以水促效，推动农业节水增产。",
    ];
}
