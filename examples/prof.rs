use std::sync::Arc;
use std::time::Instant;
use zhproof::core::config::RuleSetting;
use zhproof::core::*;
fn main() {
    if std::env::args().nth(1).as_deref() == Some("keys") {
        let mut base = String::new();
        for e in std::fs::read_dir("tests/fixtures").unwrap() {
            let p = e.unwrap().path();
            if p.extension().map_or(false, |x| x == "txt") {
                base.push_str(&std::fs::read_to_string(&p).unwrap());
                base.push_str("\n\n");
            }
        }
        let (clean, _) = zhproof::cli::fix_text(&base, DocKind::Plain, Arc::new(Config::default()));
        let mut doc = String::new();
        while doc.len() < 1 << 20 {
            doc.push_str(&clean);
        }
        let mut a = Analyzer::default();
        a.analyze(&doc, DocKind::Plain);
        let mut times = Vec::new();
        for i in 0..200 {
            let pos = doc
                .char_indices()
                .nth((i * 7919) % (doc.len() / 4))
                .map(|(p, _)| p)
                .unwrap_or(0);
            doc.insert(pos, '中');
            let t = Instant::now();
            let r = a.analyze(&doc, DocKind::Plain);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(r);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        eprintln!("median {:.2} ms", times[100]);
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("all") {
        let mut base = String::new();
        for e in std::fs::read_dir("tests/fixtures").unwrap() {
            let p = e.unwrap().path();
            if p.extension().map_or(false, |x| x == "txt") {
                base.push_str(&std::fs::read_to_string(&p).unwrap());
                base.push_str("\n\n");
            }
        }
        let mut doc = String::new();
        while doc.len() < 5 << 20 {
            doc.push_str(&base);
        }
        zhproof::core::nlp::jieba();
        let mut a = Analyzer::default();
        let t = Instant::now();
        a.analyze(&doc, DocKind::Plain);
        eprintln!("{:?}", t.elapsed());
        return;
    }
    let mut base = String::new();
    for e in std::fs::read_dir("tests/fixtures").unwrap() {
        let p = e.unwrap().path();
        if p.extension().map_or(false, |x| x == "txt") {
            base.push_str(&std::fs::read_to_string(&p).unwrap());
            base.push_str("\n\n");
        }
    }
    let mut doc = String::new();
    while doc.len() < 5 << 20 {
        doc.push_str(&base);
    }
    zhproof::core::nlp::jieba();
    let all: Vec<&str> = rules::all().iter().map(|r| r.code).collect();
    let time = |cfg: Config| {
        let mut a = Analyzer::new(Arc::new(cfg));
        let t = Instant::now();
        a.analyze(&doc, DocKind::Plain);
        t.elapsed().as_secs_f64()
    };
    let mut none = Config::default();
    for c in &all {
        none.rules.insert(c.to_string(), RuleSetting::Off);
    }
    let t0 = (0..3).map(|_| time(none.clone())).fold(f64::MAX, f64::min);
    println!(
        "no rules: {:.3}s ({:.1} MB/s)",
        t0,
        doc.len() as f64 / 1e6 / t0
    );
    let only: Vec<String> = std::env::args().skip(1).collect();
    for c in &all {
        if !only.is_empty() && !only.iter().any(|o| o == c) {
            continue;
        }
        let mut cfg = none.clone();
        cfg.rules.insert(c.to_string(), RuleSetting::On(None));
        let t = (0..3).map(|_| time(cfg.clone())).fold(f64::MAX, f64::min);
        println!("{c:24} +{:.3}s", t - t0);
    }
    let t = time(Config::default());
    println!(
        "all default: {:.3}s ({:.1} MB/s)",
        t,
        doc.len() as f64 / 1e6 / t
    );
    // stages with no rules
    let t = Instant::now();
    let bs = text::blocks(&doc, DocKind::Plain);
    println!("blocks {:?}", t.elapsed());
    let t = Instant::now();
    let cs = outline::classify(&doc, &bs, DocKind::Plain);
    println!("classify {:?}", t.elapsed());
    let _ = cs;
    let j = nlp::jieba();
    let t = Instant::now();
    let mut n = 0;
    for b in &bs {
        n += nlp::tag(&j, &nlp::to_simplified(&doc[b.range.clone()])).len();
    }
    println!("tag all {:?} {n}", t.elapsed());
    let t = Instant::now();
    let mut n = 0;
    for b in &bs {
        n += figures::parse(&doc[b.range.clone()]).len();
    }
    println!("figures {:?} {n}", t.elapsed());
}
