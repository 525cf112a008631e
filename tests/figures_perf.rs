//! Throughput of the figure recognizer and of the whole analysis with it.
//! Run once in release mode:
//! `cargo test --release --test figures_perf -- --ignored --nocapture`

use std::sync::Arc;
use std::time::Instant;

/// CPU time of this thread in seconds (Linux), else wall time is used.
fn cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// (wall seconds, CPU seconds) of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, c) = (Instant::now(), cpu());
    let r = f();
    let wall = t.elapsed().as_secs_f64();
    let cpu = match (c, cpu()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    (r, wall, cpu)
}

use zhproof::core::{analyze, figures, Config, DocKind};

#[test]
#[ignore]
fn throughput_on_5_mb() {
    let mut seed = String::from(include_str!("fixtures/figures_article.txt"));
    if let Ok(dir) = std::fs::read_dir("/work/shared/corpus") {
        for e in dir.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                seed.push_str(&t);
                seed.push('\n');
            }
        }
    }
    let mut text = String::with_capacity(5_300_000);
    let mut k = 0;
    while text.len() < 5_000_000 {
        // vary the text so the paragraph cache never hits
        for line in seed.lines() {
            text.push_str(line);
            if !line.trim().is_empty() {
                text.push_str(&format!("第{k}段。"));
            }
            text.push('\n');
            k += 1;
        }
    }
    let mb = text.len() as f64 / 1e6;

    let (n, wall, cpu) = timed(|| text.lines().map(|l| figures::parse(l).len()).sum::<usize>());
    println!(
        "figures::parse: {mb:.1} MB, {n} figures, {:.1} MB/s CPU ({:.1} MB/s wall)",
        mb / cpu,
        mb / wall
    );
    let parse_cpu = cpu;

    let (a, wall, cpu) = timed(|| analyze(&text, DocKind::Plain, Arc::new(Config::default())));
    let nf: usize = a.paras.iter().map(|p| p.figures.len()).sum();
    println!(
        "analyze (cold): {mb:.1} MB, {} findings, {nf} figures, {:.1} MB/s CPU ({:.1} MB/s wall); without the figure pass ≈ {:.1} MB/s CPU",
        a.findings.len(),
        mb / cpu,
        mb / wall,
        mb / (cpu - parse_cpu)
    );
    assert!(mb / cpu >= 10.0);
}
