//! The analyzer: text in, findings and structure out. Paragraph results are
//! cached by content, so re-analysing an edited document only runs the
//! paragraph rules on the paragraphs that changed, plus the cheap
//! document-level passes.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use super::chars::FxBuild;
use super::config::{Config, Switches};
pub use super::doc::ParaResult;
use super::doc::{DocCtx, Summaries};
use super::entities::{self, EntityIndex, Mention};
use super::figures::Figure;
use super::finding::Finding;
use super::outline::{self, BlockClass, Section};
use super::para::ParaCtx;
use super::rules::{self, Check, Rule};
use super::text::{self, Block, BlockKind, DocKind};

/// The rule table an analyzer applies: every rule, in reference order.
pub type Table = &'static [&'static Rule];

/// Everything the core knows about a document.
#[derive(Debug, Default)]
pub struct Analysis {
    /// All findings, in document byte ranges, sorted by position.
    pub findings: Vec<Finding>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) classes: Vec<BlockClass>,
    /// The outline, built on first use (see [`Analysis::sections`]): a
    /// keystroke does not pay for it unless the editor asks.
    sections: std::sync::OnceLock<Vec<Section>>,
    /// Per block, aligned with `blocks`.
    pub(crate) paras: Vec<Arc<ParaResult>>,
    /// How many blocks were analysed afresh / taken from the cache.
    pub fresh: usize,
    pub reused: usize,
    /// Panics caught in rules (code, message), to be logged by the adapter.
    pub panics: Vec<(String, String)>,
}

/// A stateful analyzer for one document (holds its paragraph cache).
pub struct Analyzer {
    config: Arc<Config>,
    /// The rules it applies, and which of them are on.
    table: Table,
    switches: Arc<Switches>,
    fingerprint: u64,
    /// Paragraph results by content hash, with the generation (analysis
    /// count) that last used them; entries unused by the latest analysis are
    /// swept when they outnumber the document's blocks.
    /// Results born in the current analysis are not reused within it, so a
    /// first analysis costs what it costs whatever repeats in the text (and
    /// benchmarks on repeated text measure real work).
    cache: HashMap<u64, (Arc<ParaResult>, u64, u64), FxBuild>,
    generation: u64,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(Arc::new(Config::default()))
    }
}

/// The cache key of a block: a hash of its text, kind, prefix, the
/// document kind, and the configuration's fingerprint (`seed`).
fn hash_block(text: &str, kind: BlockKind, prefix: usize, doc: DocKind, seed: u64) -> u64 {
    foldhash::fast::FixedState::with_seed(seed).hash_one((text, kind, prefix, doc))
}

impl Analyzer {
    /// An analyzer that applies the whole rule table.
    pub fn new(config: Arc<Config>) -> Analyzer {
        Analyzer::with_table(config, rules::all())
    }

    /// An analyzer that applies `table`: the rules' default severities and
    /// enablement come from it.
    pub fn with_table(config: Arc<Config>, table: Table) -> Analyzer {
        let fingerprint = config.fingerprint();
        Analyzer {
            switches: Arc::new(switches_of(&config, table)),
            config,
            table,
            fingerprint,
            cache: HashMap::default(),
            generation: 0,
        }
    }

    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// Replace the configuration; cached results are dropped.
    pub fn set_config(&mut self, config: Arc<Config>) {
        let fp = config.fingerprint();
        if fp != self.fingerprint {
            self.cache.clear();
        }
        self.fingerprint = fp;
        self.switches = Arc::new(switches_of(&config, self.table));
        self.config = config;
    }

    pub fn analyze(&mut self, text: &str, kind: DocKind) -> Analysis {
        let blocks = text::blocks(text, kind);
        let (paras, fresh, reused) = self.paragraphs(text, kind, &blocks);
        let classes = classes_of(text, kind, &blocks, &paras);
        let mut findings = Vec::new();
        let mut panics = Vec::new();
        for (b, p) in blocks.iter().zip(&paras) {
            findings.extend(p.findings.iter().map(|f| f.shifted(b.range.start)));
            panics.extend(p.panics.iter().cloned());
        }
        let ctx = DocCtx {
            text,
            doc_kind: kind,
            blocks: &blocks,
            classes: &classes,
            paras: &paras,
            config: &self.config,
            switches: &self.switches,
        };
        self.document_rules(&ctx, &mut findings, &mut panics);
        self.settle(text, &mut findings);
        Analysis {
            findings,
            blocks,
            classes,
            sections: std::sync::OnceLock::new(),
            paras,
            fresh,
            reused,
            panics,
        }
    }

    /// Each block's paragraph result: from the cache when its content was
    /// analysed before (in an earlier analysis), else made afresh. Returns
    /// the results and how many were fresh and reused.
    fn paragraphs(
        &mut self,
        text: &str,
        kind: DocKind,
        blocks: &[Block],
    ) -> (Vec<Arc<ParaResult>>, usize, usize) {
        let mut paras = Vec::with_capacity(blocks.len());
        // a first analysis fills the cache with every block: grow it once
        if self.cache.is_empty() {
            self.cache.reserve(blocks.len());
        }
        self.generation += 1;
        let generation = self.generation;
        let (mut fresh, mut reused) = (0, 0);
        for b in blocks {
            let bt = text.get(b.range.clone()).unwrap_or("");
            let key = hash_block(bt, b.kind, b.prefix, kind, self.fingerprint);
            let r = match self.cache.get_mut(&key) {
                Some((r, used, born)) if *born != generation => {
                    reused += 1;
                    *used = generation;
                    r.clone()
                }
                _ => {
                    fresh += 1;
                    let r = analyze_block(bt, b, kind, &self.config, self.table, &self.switches);
                    let r = Arc::new(r);
                    self.cache.insert(key, (r.clone(), generation, generation));
                    r
                }
            };
            paras.push(r);
        }
        // memory stays bounded by the document: sweep what this version
        // does not use once it is as much as the document itself
        if self.cache.len() > 2 * blocks.len() + 64 {
            self.cache.retain(|_, (_, used, _)| *used == generation);
        }
        (paras, fresh, reused)
    }

    /// Run the enabled document rules; a panicking rule loses only its own
    /// findings.
    fn document_rules(
        &self,
        ctx: &DocCtx,
        findings: &mut Vec<Finding>,
        panics: &mut Vec<(String, String)>,
    ) {
        for (i, rule) in self.table.iter().enumerate() {
            let check = match rule.check {
                Check::Doc(check) | Check::DocWith { check, .. } => check,
                Check::Para(_) => continue,
            };
            if !self.switches.is_on_at(i) {
                continue;
            }
            let mut out = Vec::new();
            if guarded(rule.code, panics, || check(ctx, &mut out)).is_some() {
                findings.append(&mut out);
            }
        }
    }

    /// The document's findings as the adapters get them: only those of
    /// enabled rules with valid ranges, at their configured severities, not
    /// suppressed by a comment in the text, sorted by position.
    fn settle(&self, text: &str, findings: &mut Vec<Finding>) {
        let switches = &self.switches;
        findings.retain_mut(|f| {
            let own = f.own_severity.then_some(f.severity);
            let valid = f.range.end <= text.len() && f.range.start <= f.range.end;
            match switches.severity_of(f.code, own).filter(|_| valid) {
                Some(severity) => {
                    f.severity = severity;
                    true
                }
                None => false,
            }
        });
        // in-text suppression comments (one substring search when there are none)
        super::suppress::apply(text, findings);
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
        });
    }
}

/// The outline class of every block, from the shapes cached with the
/// paragraph results (a code block's shape is read here).
fn classes_of(
    text: &str,
    kind: DocKind,
    blocks: &[Block],
    paras: &[Arc<ParaResult>],
) -> Vec<BlockClass> {
    let computed: Vec<Option<outline::BlockShape>> = blocks
        .iter()
        .zip(paras)
        .map(|(b, p)| match p.shape {
            Some(_) => None,
            None => Some(outline::BlockShape::of(
                text.get(b.range.clone()).unwrap_or(""),
                b,
            )),
        })
        .collect();
    let shapes: Vec<&outline::BlockShape> = paras
        .iter()
        .zip(&computed)
        .filter_map(|(p, c)| p.shape.as_ref().or(c.as_ref()))
        .collect();
    outline::classify_shapes(text, blocks, kind, &shapes)
}

fn panic_message(e: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = e.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Which rules of `table` are on under `config`.
fn switches_of(config: &Config, table: Table) -> Switches {
    Switches::resolve(
        config,
        table.iter().map(|r| (r.code, !r.default_off, r.severity)),
    )
}

/// Run `f`, recording a panic (under `name`) instead of unwinding.
fn guarded<T>(name: &str, panics: &mut Vec<(String, String)>, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(e) => {
            panics.push((name.to_string(), panic_message(&e)));
            None
        }
    }
}

/// Run every enabled paragraph rule (and the paragraph summaries of the
/// enabled document rules) on one block, and read its figures and mentions.
/// A panicking rule loses only its own findings for this paragraph.
fn analyze_block(
    bt: &str,
    b: &Block,
    kind: DocKind,
    config: &Config,
    table: Table,
    switches: &Switches,
) -> ParaResult {
    let mut res = ParaResult {
        shape: Some(outline::BlockShape::of(bt, b)),
        ..ParaResult::default()
    };
    if b.kind == BlockKind::Code {
        return res;
    }
    let masked = text::mask_cow(bt, kind, b.prefix);
    let ctx = ParaCtx::new(bt, &masked, b.kind, kind, config, switches);
    let mut out = Vec::new();
    let mut summaries = Summaries::default();
    for (i, rule) in table.iter().enumerate() {
        if !switches.is_on_at(i) {
            continue;
        }
        match rule.check {
            Check::Para(check) => {
                out.clear();
                if guarded(rule.code, &mut res.panics, || check(&ctx, &mut out)).is_some() {
                    res.findings.append(&mut out);
                }
            }
            Check::DocWith { summarize, .. } => {
                if let Some(s) = guarded(rule.code, &mut res.panics, || summarize(&ctx, b)) {
                    summaries.insert(rule.code, s);
                }
            }
            Check::Doc(_) => {}
        }
    }
    res.summaries = summaries;
    res.mentions =
        guarded("entities", &mut res.panics, || entities::mentions(&ctx)).unwrap_or_default();
    res.figures = guarded("figures", &mut res.panics, || ctx.take_figures()).unwrap_or_default();
    // drop anything a rule reported outside the paragraph or off char boundaries
    res.findings.retain(|f| {
        f.range.end <= bt.len()
            && bt.is_char_boundary(f.range.start)
            && bt.is_char_boundary(f.range.end)
    });
    // in document order already (stable, as the document's sort is), so that
    // sorting the document's findings finds them in runs
    res.findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    res
}

impl Analysis {
    /// The outline. `text` must be the text this analysis was made of.
    pub fn sections(&self, text: &str) -> &[Section] {
        self.sections
            .get_or_init(|| outline::sections(text, &self.blocks, &self.classes))
    }

    /// Every figure of the document, with the byte offset of its paragraph
    /// (a figure's range counts from there).
    pub fn figures(&self) -> impl Iterator<Item = (usize, &Figure)> {
        self.blocks
            .iter()
            .zip(&self.paras)
            .flat_map(|(b, p)| p.figures.iter().map(move |f| (b.range.start, f)))
    }

    /// The people, organizations and places of the document.
    pub fn entities(&self) -> EntityIndex {
        let paras: Vec<(usize, &[Mention])> = self
            .blocks
            .iter()
            .zip(&self.paras)
            .map(|(b, p)| (b.range.start, p.mentions.as_slice()))
            .collect();
        entities::index(&paras)
    }
}

/// Start loading the dictionary (and the rest of [`warm_up`]) in the background.
pub fn preload() {
    std::thread::Builder::new()
        .name("jieba-load".into())
        .spawn(warm_up)
        .ok();
}

/// Load everything analysis needs once per process: jieba's dictionary,
/// its POS model for unknown words, and the rules' tables (each built on
/// first use), by analysing a short sample. The server does this at start-up
/// off the message loop, so a document's first analysis does not pay for it.
pub fn warm_up() {
    super::nlp::load();
    const SAMPLE: &str = "一、总体要求\n\n\
        本报记者 王某某 见習(xí)記者 李某\n\n\
        2024年3月5日(星期三)上午，市南区委书记付荣云在高实集团调研时指出，\
        今年1至9月利用内资81.73亿元，同比增长7.8%,约有1000万元左右。\
        截止目前按装工作认真的开展，的的确确。GDP 增长 APP and...\n\n\
        某某区召开安全生产工作会议 2023-05-12 07:30\n";
    let _ = analyze(SAMPLE, DocKind::Plain, Arc::new(Config::default()));
}

/// The outline of `text`: its title and numbered sections, nested (what
/// [`Analysis::sections`] gives, without keeping the analysis).
pub fn outline(text: &str, kind: DocKind) -> Vec<Section> {
    analyze(text, kind, Arc::new(Config::default()))
        .sections(text)
        .to_vec()
}

/// One-shot analysis with a given configuration.
pub fn analyze(text: &str, kind: DocKind, config: Arc<Config>) -> Analysis {
    Analyzer::new(config).analyze(text, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_reuses_unchanged_paragraphs() {
        let mut a = Analyzer::default();
        let t1 = "第一段,有问题。\n\n第二段没有问题。\n\n第三段(括号)。\n";
        let r1 = a.analyze(t1, DocKind::Plain);
        assert_eq!(r1.fresh, 3);
        assert_eq!(r1.findings.len(), 3);
        let t2 = t1.replace("第二段没有问题", "第二段也有,问题");
        let r2 = a.analyze(&t2, DocKind::Plain);
        assert_eq!((r2.fresh, r2.reused), (1, 2));
        assert_eq!(r2.findings.len(), 4);
        // document offsets are right after the edit
        for f in &r2.findings {
            assert!(matches!(&t2[f.range.clone()], "," | "(" | ")"));
        }
    }

    #[test]
    fn a_first_analysis_is_all_fresh_and_the_cache_stays_bounded() {
        let mut a = Analyzer::default();
        let para = "会议召开,部署工作。\n\n";
        let t = para.repeat(50);
        let r = a.analyze(&t, DocKind::Plain);
        // repeats are not served from results born in the same analysis
        assert_eq!((r.fresh, r.reused), (50, 0));
        // 200 edits of one paragraph: old versions are swept
        for i in 0..200 {
            let doc = format!("第{i}次修改,内容。\n\n{t}");
            let r = a.analyze(&doc, DocKind::Plain);
            assert_eq!(r.fresh, 1);
            assert!(
                a.cache.len() <= 2 * r.blocks.len() + 64,
                "{}",
                a.cache.len()
            );
        }
        let r = a.analyze(&t, DocKind::Plain);
        assert_eq!(r.fresh, 0, "the unchanged paragraphs are still cached");
    }
}
