//! The analyzer: text in, findings and structure out. Paragraph results are
//! cached by content, so re-analysing an edited document only runs the
//! paragraph rules on the paragraphs that changed, plus the cheap
//! document-level passes.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use super::config::Config;
use super::entities::{self, EntityIndex, Mention};
use super::finding::Finding;
use super::outline::{self, BlockClass, Section};
use super::rules::{self, Check, DocCtx, ParaCtx};
use super::text::{self, Block, BlockKind, DocKind};

/// What the paragraph rules found in one block (offsets relative to the block).
#[derive(Debug, Default)]
pub struct ParaResult {
    pub findings: Vec<Finding>,
    /// Figures (numbers, dates, …) of the paragraph, in paragraph offsets.
    pub figures: Vec<super::figures::Figure>,
    /// Rule panics caught while analysing this paragraph (rule code, message).
    pub panics: Vec<(String, String)>,
    /// People, organizations and places named in the paragraph.
    pub mentions: Vec<Mention>,
    /// Traditional-only and simplified-only character counts (for the
    /// document-wide `script-mixed` check); (0, 0) when that rule is off.
    pub script: (u32, u32),
    /// What the block says about itself, for the outline (cached here so a
    /// keystroke does not re-read every paragraph).
    pub shape: Option<outline::BlockShape>,
    /// Unmatched paired marks (for `punct-unpaired`), when that rule is on.
    pub marks: Option<rules::punct::Marks>,
}

/// Everything the core knows about a document.
#[derive(Debug, Default)]
pub struct Analysis {
    /// All findings, in document byte ranges, sorted by position.
    pub findings: Vec<Finding>,
    pub blocks: Vec<Block>,
    pub classes: Vec<BlockClass>,
    /// The outline, built on first use (see [`Analysis::sections`]): a
    /// keystroke does not pay for it unless the editor asks.
    sections: std::sync::OnceLock<Vec<Section>>,
    /// Per block, aligned with `blocks`.
    pub paras: Vec<Arc<ParaResult>>,
    /// How many blocks were analysed afresh / taken from the cache.
    pub fresh: usize,
    pub reused: usize,
    /// Panics caught in rules (code, message), to be logged by the adapter.
    pub panics: Vec<(String, String)>,
}

/// The cache keys are already hashes: use them as they are.
#[derive(Default, Clone, Copy)]
pub struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

#[derive(Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A stateful analyzer for one document (holds its paragraph cache).
pub struct Analyzer {
    config: Arc<Config>,
    fingerprint: u64,
    /// Paragraph results by content hash, with the generation (analysis
    /// count) that last used them; entries unused by the latest analysis are
    /// swept when they outnumber the document's blocks.
    /// Results born in the current analysis are not reused within it, so a
    /// first analysis costs what it costs whatever repeats in the text (and
    /// benchmarks on repeated text measure real work).
    cache: HashMap<u64, (Arc<ParaResult>, u64, u64), KeyHash>,
    generation: u64,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(Arc::new(Config::default()))
    }
}

/// A fast 64-bit hash (FxHash-style) of a block's text and kind.
fn hash_block(text: &str, kind: BlockKind, prefix: usize, doc: DocKind, seed: u64) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed ^ (text.len() as u64).wrapping_mul(K);
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let b = text.as_bytes();
    let word = |c: &[u8]| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
    // four independent lanes over 32-byte chunks (a long paragraph hashes
    // ~4× faster than with one dependent chain), then the rest
    let mut wide = b.chunks_exact(32);
    let mut lanes = [h, h ^ 1, h ^ 2, h ^ 3];
    for c in &mut wide {
        for (l, lane) in lanes.iter_mut().enumerate() {
            *lane = mix(*lane, word(&c[l * 8..l * 8 + 8]));
        }
    }
    for lane in lanes {
        h = mix(h, lane);
    }
    let mut chunks = wide.remainder().chunks_exact(8);
    for c in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    for &x in chunks.remainder() {
        h = mix(h, x as u64);
    }
    let k = match kind {
        BlockKind::Para => 1,
        BlockKind::MdHeading(l) => 10 + l as u64,
        BlockKind::ListItem => 2,
        BlockKind::TableRow => 3,
        BlockKind::Code => 4,
    };
    h = mix(h, k);
    h = mix(h, prefix as u64);
    mix(h, doc as u64)
}

impl Analyzer {
    pub fn new(config: Arc<Config>) -> Analyzer {
        let fingerprint = config.fingerprint();
        Analyzer {
            config,
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
        self.config = config;
    }

    /// Drop the cache (benchmarks use this to measure cold analysis).
    pub fn clear_cache(&mut self) {
        self.cache.clear();
    }

    pub fn analyze(&mut self, text: &str, kind: DocKind) -> Analysis {
        let blocks = text::blocks(text, kind);
        let mut paras = Vec::with_capacity(blocks.len());
        // a first analysis fills the cache with every block: grow it once
        if self.cache.is_empty() {
            self.cache.reserve(blocks.len());
        }
        self.generation += 1;
        let generation = self.generation;
        let (mut fresh, mut reused) = (0, 0);
        for b in &blocks {
            let bt = &text[b.range.clone()];
            let key = hash_block(bt, b.kind, b.prefix, kind, self.fingerprint);
            let r = match self.cache.get_mut(&key) {
                Some((r, used, born)) if *born != generation => {
                    reused += 1;
                    *used = generation;
                    r.clone()
                }
                _ => {
                    fresh += 1;
                    let r = Arc::new(analyze_block(bt, b, kind, &self.config));
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

        let computed: Vec<Option<outline::BlockShape>> = blocks
            .iter()
            .zip(&paras)
            .map(|(b, p)| match p.shape {
                Some(_) => None,
                None => Some(outline::BlockShape::of(&text[b.range.clone()], b)),
            })
            .collect();
        let shapes: Vec<&outline::BlockShape> = paras
            .iter()
            .zip(&computed)
            .filter_map(|(p, c)| p.shape.as_ref().or(c.as_ref()))
            .collect();
        let classes = outline::classify_shapes(text, &blocks, kind, &shapes);
        let mut findings = Vec::new();
        let mut panics = Vec::new();
        for (b, p) in blocks.iter().zip(&paras) {
            for f in &p.findings {
                findings.push(f.shifted(b.range.start));
            }
            panics.extend(p.panics.iter().cloned());
        }
        let ctx = DocCtx {
            text,
            doc_kind: kind,
            blocks: &blocks,
            classes: &classes,
            paras: &paras,
            config: &self.config,
        };
        for rule in rules::all() {
            if let Check::Doc(check) = rule.check {
                if !self.config.enabled(rule.code) {
                    continue;
                }
                let mut out = Vec::new();
                match catch_unwind(AssertUnwindSafe(|| check(&ctx, &mut out))) {
                    Ok(()) => findings.extend(out),
                    Err(e) => panics.push((rule.code.to_string(), panic_message(&e))),
                }
            }
        }
        let config = &self.config;
        findings.retain(|f| {
            config.enabled(f.code) && f.range.end <= text.len() && f.range.start <= f.range.end
        });
        for f in &mut findings {
            f.severity = config.severity(f.code, f.severity);
        }
        // in-text suppression comments (one substring search when there are none)
        super::suppress::apply(text, &mut findings);
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
        });
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

/// Run every enabled paragraph rule on one block. A panicking rule loses
/// only its own findings for this paragraph.
fn analyze_block(bt: &str, b: &Block, kind: DocKind, config: &Config) -> ParaResult {
    let mut res = ParaResult {
        shape: Some(outline::BlockShape::of(bt, b)),
        ..ParaResult::default()
    };
    if b.kind == BlockKind::Code {
        return res;
    }
    if config.enabled("punct-unpaired") {
        res.marks = Some(rules::punct::paragraph_marks(bt, b, kind, config.quotes));
    }
    let masked = text::mask_cow(bt, kind, b.prefix);
    let ctx = ParaCtx::new(bt, &masked, b.kind, kind, config);
    // with no rule configured, a rule is on by its default (no lookup by code)
    let defaults = config.rules.is_empty();
    let mut out = Vec::new();
    for rule in rules::all() {
        if let Check::Para(check) = rule.check {
            let on = if defaults {
                !rule.default_off
            } else {
                config.enabled(rule.code)
            };
            if !on {
                continue;
            }
            out.clear();
            match catch_unwind(AssertUnwindSafe(|| check(&ctx, &mut out))) {
                Ok(()) => res.findings.append(&mut out),
                Err(e) => res.panics.push((rule.code.to_string(), panic_message(&e))),
            }
        }
    }
    match catch_unwind(AssertUnwindSafe(|| entities::mentions(&ctx))) {
        Ok(m) => res.mentions = m,
        Err(e) => res.panics.push(("entities".to_string(), panic_message(&e))),
    }
    if config.enabled(rules::script::CODE) {
        match catch_unwind(AssertUnwindSafe(|| rules::script::count(&ctx))) {
            Ok(c) => res.script = c,
            Err(e) => res
                .panics
                .push((rules::script::CODE.to_string(), panic_message(&e))),
        }
    }
    res.figures = match catch_unwind(AssertUnwindSafe(|| ctx.take_figures())) {
        Ok(f) => f,
        Err(e) => {
            res.panics.push(("figures".to_string(), panic_message(&e)));
            Vec::new()
        }
    };
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
