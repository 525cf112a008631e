//! `punct-unpaired` (a document rule): the marks each paragraph leaves
//! unmatched ([`Marks`]), less those a multi-paragraph quotation or a
//! paragraph broken mid-sentence explains; and wrong quote nesting.

use super::pairs::{paragraph_marks, Marks, PAIRS};
use super::scan::is_space;
use super::UNPAIRED;
use crate::core::chars::is_closing;
use crate::core::config::Quotes;
use crate::core::finding::{Edit, Finding, Fix};
use crate::core::outline::BlockClass;
use crate::core::rules::{DocCtx, ParaCtx, Summary};
use crate::core::text::{Block, BlockKind};

/// Does the first text of a block, after its markup prefix and spaces, open
/// with `quote`?
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

/// The check of the rule (see the rule table).
/// The paragraph summary of `punct-unpaired`: the block's unmatched marks.
pub(super) fn summarize_marks(ctx: &ParaCtx, b: &Block) -> Summary {
    Box::new(paragraph_marks(
        ctx.text,
        b,
        ctx.doc_kind,
        ctx.config.quotes,
    ))
}

pub(super) fn check_unpaired(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let quotes = ctx.config.quotes;
    let computed = uncached_marks(ctx, quotes);
    let all = all_marks(ctx, &computed);
    let mut quiet = Quiet::new(&all);
    quiet.quotations(ctx, &all, quotes);
    quiet.broken_paragraphs(ctx, &all);
    for (i, m) in all.iter().enumerate() {
        let Some(m) = m else { continue };
        let base = ctx.block_range(i).start;
        // `“…“` / `”…”`: one quote typed the wrong way round, one defect
        let open_swaps = wrong_way_quotes(&m.opens, &quiet.opens[i], true);
        let close_swaps = wrong_way_quotes(&m.closes, &quiet.closes[i], false);
        for (k, &(idx, at)) in m.opens.iter().enumerate() {
            if quiet.opens[i][k] || open_swaps[k] == Swap::Partner {
                continue;
            }
            let (o, c, name) = PAIRS[idx];
            let range = base + at..base + at + o.len_utf8();
            out.push(if open_swaps[k] == Swap::This {
                swapped_finding(range, o, c, name, true)
            } else {
                Finding::new(UNPAIRED, range, unpaired_message(o, c, name, true))
            });
        }
        for (k, &(idx, at)) in m.closes.iter().enumerate() {
            if quiet.closes[i][k] || close_swaps[k] == Swap::Partner {
                continue;
            }
            let (o, c, name) = PAIRS[idx];
            let range = base + at..base + at + c.len_utf8();
            out.push(if close_swaps[k] == Swap::This {
                swapped_finding(range, o, c, name, false)
            } else {
                Finding::new(UNPAIRED, range, unpaired_message(o, c, name, false))
            });
        }
        for &(io, ic, oo) in &m.nested {
            out.push(nesting_finding(base, io, ic, oo, quotes));
        }
    }
}

/// What a mark left unmatched is, for reporting it once.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Swap {
    /// Reported as it is.
    No,
    /// Typed the wrong way round (`“…“`: the second; `”…”`: the first).
    This,
    /// The well-typed partner of a mark typed the wrong way round: silent.
    Partner,
}

/// Quotes (`“”` `‘’` `「」` `『』`, pair indexes 0, 1, 5, 6) left unmatched
/// two of a kind in a row: the paragraph has one defect, a quote typed the
/// wrong way round, not two unpaired marks.
fn wrong_way_quotes(marks: &[(usize, usize)], quiet: &[bool], opens: bool) -> Vec<Swap> {
    let mut out = vec![Swap::No; marks.len()];
    let mut k = 0;
    while k + 1 < marks.len() {
        let (idx, _) = marks[k];
        let next = (k + 1..marks.len()).find(|&j| !quiet[j]);
        match next {
            Some(j) if !quiet[k] && matches!(idx, 0 | 1 | 5 | 6) && marks[j].0 == idx => {
                let (this, partner) = if opens { (j, k) } else { (k, j) };
                out[this] = Swap::This;
                out[partner] = Swap::Partner;
                k = j + 1;
            }
            _ => k += 1,
        }
    }
    out
}

/// A quote typed the wrong way round (`open`: an opening mark that should
/// close), with the fix.
fn swapped_finding(
    range: std::ops::Range<usize>,
    o: char,
    c: char,
    name: &str,
    open: bool,
) -> Finding {
    let (is, want) = if open { (o, c) } else { (c, o) };
    let side = if open { "后" } else { "前" };
    Finding::new(
        UNPAIRED,
        range.clone(),
        format!("{name}方向错误：此处的“{is}”应为{side}{name}“{want}”"),
    )
    .with_fix(Fix::replace(
        range,
        want.to_string(),
        format!("改为“{want}”"),
    ))
}

/// Is block `i` read at all?
fn read(ctx: &DocCtx, i: usize, b: &Block) -> bool {
    !(b.kind == BlockKind::Code || skipped(ctx.classes.get(i)))
}

/// The marks of the blocks read that the analyzer's cache has none for.
fn uncached_marks(ctx: &DocCtx, quotes: Quotes) -> Vec<(usize, Marks)> {
    ctx.blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| read(ctx, i, b) && ctx.summary::<Marks>(i, UNPAIRED).is_none())
        .map(|(i, b)| {
            (
                i,
                paragraph_marks(ctx.block_text(i), b, ctx.doc_kind, quotes),
            )
        })
        .collect()
}

/// The marks of every block read: the cached ones by reference (a keystroke
/// reads thousands of blocks), the others from `computed`.
fn all_marks<'a>(ctx: &'a DocCtx, computed: &'a [(usize, Marks)]) -> Vec<Option<&'a Marks>> {
    let mut extra = computed.iter().peekable();
    ctx.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if !read(ctx, i, b) {
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
        .collect()
}

/// The unmatched marks explained across paragraph boundaries, per block
/// and mark.
struct Quiet {
    opens: Vec<Vec<bool>>,
    closes: Vec<Vec<bool>>,
}

impl Quiet {
    /// Nothing explained yet.
    fn new(all: &[Option<&Marks>]) -> Quiet {
        Quiet {
            opens: all
                .iter()
                .map(|m| vec![false; m.as_ref().map_or(0, |m| m.opens.len())])
                .collect(),
            closes: all
                .iter()
                .map(|m| vec![false; m.as_ref().map_or(0, |m| m.closes.len())])
                .collect(),
        }
    }

    /// A quotation of several paragraphs: each opens with “, only the last
    /// closes.
    fn quotations(&mut self, ctx: &DocCtx, all: &[Option<&Marks>], quotes: Quotes) {
        let outer_open = match quotes {
            Quotes::Curly => '“',
            Quotes::Corner => '「',
        };
        let outer_idx = if quotes == Quotes::Curly { 0 } else { 5 };
        let n = ctx.blocks.len();
        for i in 0..n {
            let Some(mi) = all[i].as_ref() else { continue };
            if mi.opens.is_empty() {
                continue;
            }
            if aside(ctx.classes.get(i)) {
                continue;
            }
            let Some(j) = (i + 1..n).find(|&j| all[j].is_some() && !aside(ctx.classes.get(j)))
            else {
                continue;
            };
            let bj = &ctx.blocks[j];
            if starts_with_open_quote(ctx.block_text(j), bj.prefix, outer_open) {
                for (k, &(idx, _)) in mi.opens.iter().enumerate() {
                    if idx == outer_idx {
                        self.opens[i][k] = true;
                    }
                }
            }
        }
    }

    /// Paragraphs broken mid-sentence (possibly over several lines, with
    /// captions between): a later part closes what an earlier part opened.
    fn broken_paragraphs(&mut self, ctx: &DocCtx, all: &[Option<&Marks>]) {
        let n = ctx.blocks.len();
        let mut pending: Vec<(usize, usize, usize)> = Vec::new(); // (block, open, pair)
        for (j, mj) in all.iter().enumerate().take(n) {
            let Some(mj) = mj.as_ref() else { continue };
            if aside(ctx.classes.get(j)) {
                continue;
            }
            for (q, &(cidx, _)) in mj.closes.iter().enumerate() {
                if let Some(pos) = pending.iter().rposition(|p| p.2 == cidx) {
                    let (bi, k, _) = pending.remove(pos);
                    self.opens[bi][k] = true;
                    self.closes[j][q] = true;
                }
            }
            if ends_open(ctx.block_text(j)) {
                for (k, &(idx, _)) in mj.opens.iter().enumerate() {
                    if !self.opens[j][k] {
                        pending.push((j, k, idx));
                    }
                }
            } else {
                pending.clear();
            }
        }
    }
}

/// The finding for an inner quote written with the outer quotes: inner open
/// at `io`, inner close at `ic`, outer open at `oo` (block offsets; the block
/// starts at `base`).
fn nesting_finding(base: usize, io: usize, ic: usize, oo: usize, quotes: Quotes) -> Finding {
    let (outer_open, (iopen, iclose)) = match quotes {
        Quotes::Curly => ('“', ('‘', '’')),
        Quotes::Corner => ('「', ('『', '』')),
    };
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
    })
}

/// The message for an unmatched opening (`open`) or closing mark of the
/// pair `o` `c` named `name`.
fn unpaired_message(o: char, c: char, name: &str, open: bool) -> String {
    let quote = matches!(o, '“' | '‘');
    match (quote, open) {
        (true, true) => format!("前{name}没有配对的后{name}"),
        (true, false) => format!("后{name}没有配对的前{name}"),
        (false, true) => format!("“{o}”没有配对的“{c}”（{name}不成对）"),
        (false, false) => format!("“{c}”没有配对的“{o}”（{name}不成对）"),
    }
}
