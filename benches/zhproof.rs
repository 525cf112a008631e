//! `cargo bench`: the performance targets of the README, measured.
//!
//! - cold analysis throughput on realistic article text repeated to 5 MB;
//! - didChange → publishDiagnostics latency of single-character edits in a
//!   1 MB article, through the real binary over stdio;
//! - time to the `initialize` response;
//! - peak RSS of the server with a 1 MB article open;
//! - the figure recognizer alone, and what the three word-level rules
//!   (`typo-char`, `de-di-de`, `word-repeated`) cost, on text varied so that
//!   the paragraph cache never hits.
//!
//! Set `ZHPROOF_BENCH_QUICK=1` for a short run (fewer samples, smaller
//! texts). `ZHPROOF_BENCH_FILES` (colon-separated paths) adds articles of
//! your own to the seed text of the last section. Everything is printed,
//! nothing asserted: timings on a shared machine are not test results.

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use zhproof::core::{parse_figures, Analyzer, Config, DocKind, RuleSetting};

/// The allocator the `zhproof` binary uses, so that the in-process
/// measurements see what the server sees.
#[global_allocator]
static GLOBAL: zhproof::memory::HugePageAlloc = zhproof::memory::HugePageAlloc;

fn corpus_text() -> String {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt") && !p.to_string_lossy().contains("expected")
        })
        .collect();
    names.sort();
    let mut s = String::new();
    for n in names {
        if let Ok(t) = std::fs::read_to_string(&n) {
            s.push_str(&t);
            s.push_str("\n\n");
        }
    }
    s
}

fn repeat_to(text: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + text.len());
    while s.len() < bytes {
        s.push_str(text);
    }
    s
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// CPU time of the calling thread: unlike wall time, it does not count the
/// time the thread waits while other processes have the core (the machine
/// is shared), though it still pays for the caches they take.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_seconds() -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, t: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid timespec for the call to fill in.
    if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return f64::NAN;
    }
    t.sec as f64 + t.nsec as f64 * 1e-9
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_seconds() -> f64 {
    f64::NAN
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // too, without it, as a smoke test of an unoptimized build: short runs then
    let quick = std::env::var_os("ZHPROOF_BENCH_QUICK").is_some()
        || !std::env::args().any(|a| a == "--bench");
    let base = corpus_text();
    println!(
        "zhproof benchmarks (base text {} KB of fixture articles)",
        base.len() / 1024
    );
    if cfg!(debug_assertions) {
        // `cargo test --all-targets` (and so scripts/test) runs this unoptimized
        println!(
            "NOTE: an unoptimized (debug) build, run as a smoke test: the figures below are not \
             the README's; `cargo bench --bench zhproof` measures the release build"
        );
    }

    // 1. cold full-analysis throughput
    let big = repeat_to(&base, 5 << 20);
    // load the dictionary and the rules' tables outside the timing, as the server does at start-up
    zhproof::core::warm_up();
    let runs = if quick { 1 } else { 5 };
    let (mut mbs, mut cpu_mbs) = (Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..runs {
        let mut a = Analyzer::new(Arc::new(Config::default()));
        let (t, c) = (Instant::now(), thread_cpu_seconds());
        let r = a.analyze(&big, DocKind::Plain);
        let (dt, dc) = (t.elapsed().as_secs_f64(), thread_cpu_seconds() - c);
        findings = r.findings.len();
        mbs.push(big.len() as f64 / 1e6 / dt);
        cpu_mbs.push(big.len() as f64 / 1e6 / dc);
    }
    let best = mbs.iter().copied().fold(0.0, f64::max);
    let each: Vec<String> = mbs.iter().map(|m| format!("{m:.1}")).collect();
    println!(
        "analysis throughput (cold, 5 MB, one core): {:.1} MB/s median of {runs} (best {best:.1}; \
         by the thread's CPU time {:.1}) ({findings} findings; runs: {})",
        median(&mut mbs),
        median(&mut cpu_mbs),
        each.join(" ")
    );
    // warm re-analysis after a one-character edit (what a keystroke costs in
    // the core), on the clean draft and on the dense fixtures (see below)
    let mb1 = repeat_to(&base, 1 << 20);
    let (clean, _) =
        zhproof::core::fix_until_stable(&base, DocKind::Plain, Arc::new(Config::default()));
    let clean1 = repeat_to(&clean, 1 << 20);
    for (label, text) in [("clean draft", &clean1), ("dense", &mb1)] {
        let mut warm = edit_timings(text, if quick { 20 } else { 100 });
        println!(
            "[{label}] core re-analysis after a 1-char edit (1 MB): median {:.2} ms, p95 {:.2} ms",
            median(&mut warm),
            pct(&mut warm, 0.95)
        );
    }

    // 2. initialize response time
    let mut init = Vec::new();
    for _ in 0..(if quick { 5 } else { 20 }) {
        let mut c = common::Client::start();
        let t = Instant::now();
        c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        init.push(t.elapsed().as_secs_f64() * 1e3);
        c.notify("initialized", json!({}));
        let _ = c.shutdown();
    }
    println!(
        "time to initialize response: median {:.1} ms, max {:.1} ms",
        median(&mut init),
        init.iter().cloned().fold(0.0, f64::max)
    );

    // 3. didChange → publishDiagnostics latency, 1 MB article, over stdio.
    // The article is the fixture text after `--fix` (a draft as a writer keeps
    // it while using zhproof: what remains are findings without a safe fix);
    // the raw fixtures, with a defect every ~50 bytes, are measured too.
    let n = if quick { 30 } else { 200 };
    for (label, doc) in [
        ("clean draft", &clean1),
        ("raw fixtures, dense defects", &mb1),
    ] {
        keystrokes(label, doc, n);
    }

    // 5. the figure recognizer and the word-level rules
    figures_and_word_rules(&base, if quick { 128 << 10 } else { 5_000_000 });

    // 6. one very long paragraph (text pasted without line breaks)
    long_paragraphs(&base, quick);
}

/// Issue 17: batch analysis of the text as one line against the same text
/// with its paragraphs (the ratio should stay near 1), and the core
/// re-analysis after a 1-char edit inside a 1 MB single-line paragraph.
fn long_paragraphs(base: &str, quick: bool) {
    let sizes: &[usize] = if quick {
        &[100_000, 1_000_000]
    } else {
        &[100_000, 1_000_000, 10_000_000]
    };
    for &bytes in sizes {
        let lines = repeat_to(base, bytes);
        let one_line: String = lines.chars().filter(|&c| c != '\n' && c != '\r').collect();
        let time = |t: &str| {
            let mut a = Analyzer::new(Arc::new(Config::default()));
            let c = thread_cpu_seconds();
            let n = a.analyze(t, DocKind::Plain).findings.len();
            (thread_cpu_seconds() - c, n)
        };
        let (t_lines, n_lines) = time(&lines);
        let (t_one, n_one) = time(&one_line);
        println!(
            "[one-line paragraph, {} KB] batch analysis: {:.3} s CPU vs {:.3} s with paragraphs \
             ({:.2}×; {n_one} vs {n_lines} findings)",
            one_line.len() / 1000,
            t_one,
            t_lines,
            t_one / t_lines
        );
    }
    let one_line: String = repeat_to(base, 1_000_000)
        .chars()
        .filter(|&c| c != '\n' && c != '\r')
        .collect();
    let mut warm = edit_timings(&one_line, if quick { 20 } else { 100 });
    println!(
        "[one-line paragraph, 1 MB] core re-analysis after a 1-char edit: median {:.2} ms, p95 {:.2} ms",
        median(&mut warm),
        pct(&mut warm, 0.95)
    );
}

/// The core re-analysis times (ms) of `n` one-character edits spread over
/// the first quarter of `text`, after a first analysis.
fn edit_timings(text: &str, n: usize) -> Vec<f64> {
    let mut a = Analyzer::new(Arc::new(Config::default()));
    a.analyze(text, DocKind::Plain);
    let mut doc = text.to_string();
    let mut warm = Vec::new();
    for i in 0..n {
        let pos = doc
            .char_indices()
            .nth((i * 7919) % (doc.len() / 4))
            .map(|(p, _)| p)
            .unwrap_or(0);
        doc.insert(pos, '中');
        let t = Instant::now();
        a.analyze(&doc, DocKind::Plain);
        warm.push(t.elapsed().as_secs_f64() * 1e3);
    }
    warm
}

/// `seed` repeated to `bytes`, every non-blank line of every copy made
/// unique (a numbered sentence appended), so that no paragraph repeats.
fn varied_to(seed: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + seed.len());
    let mut k = 0usize;
    while text.len() < bytes {
        for line in seed.lines() {
            text.push_str(line);
            if !line.trim().is_empty() {
                text.push_str(&format!("第{k}段。"));
                k += 1;
            }
            text.push('\n');
        }
    }
    text
}

/// Seconds of wall time and of this thread's CPU time taken by `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, c) = (Instant::now(), thread_cpu_seconds());
    let r = f();
    (r, t.elapsed().as_secs_f64(), thread_cpu_seconds() - c)
}

/// Throughput of `figures::parse` alone and of the cold analysis with it;
/// then the cost of the three word-level rules (analysis with them off,
/// with them on, with one at a time) and of the jieba tagging they share.
/// The seed is the fixture articles and the files of `ZHPROOF_BENCH_FILES`.
fn figures_and_word_rules(base: &str, bytes: usize) {
    let mut seed = base.to_string();
    let files = std::env::var("ZHPROOF_BENCH_FILES").unwrap_or_default();
    for f in files.split(':').filter(|f| !f.is_empty()) {
        match std::fs::read_to_string(f) {
            Ok(t) => {
                seed.push_str(&t);
                seed.push('\n');
            }
            Err(e) => println!("ZHPROOF_BENCH_FILES: {f}: {e}"),
        }
    }
    let text = varied_to(&seed, bytes);
    let mb = text.len() as f64 / 1e6;

    let (n, wall, parse_cpu) =
        timed(|| text.lines().map(|l| parse_figures(l).len()).sum::<usize>());
    println!(
        "figures::parse alone: {mb:.1} MB, {n} figures, {:.1} MB/s by CPU time ({:.1} MB/s wall)",
        mb / parse_cpu,
        mb / wall
    );
    let (a, wall, cpu) =
        timed(|| Analyzer::new(Arc::new(Config::default())).analyze(&text, DocKind::Plain));
    let nf = a.figures().count();
    println!(
        "analysis (cold, varied text): {mb:.1} MB, {} findings, {nf} figures, {:.1} MB/s by CPU \
         time ({:.1} MB/s wall); without the figure pass ≈ {:.1} MB/s",
        a.findings.len(),
        mb / cpu,
        mb / wall,
        mb / (cpu - parse_cpu)
    );

    const WORD_RULES: [&str; 3] = ["typo-char", "de-di-de", "word-repeated"];
    let run_without = |off: &[&str]| {
        let mut c = Config::default();
        for code in off {
            c.rules.insert(code.to_string(), RuleSetting::Off);
        }
        let (a, _, cpu) = timed(|| Analyzer::new(Arc::new(c)).analyze(&text, DocKind::Plain));
        (cpu, a.findings.len())
    };
    let (without, n_without) = run_without(&WORD_RULES);
    let (with, n_with) = run_without(&[]);
    println!(
        "word-level rules ({}): without them {without:.2} s CPU ({:.1} MB/s, {n_without} \
         findings), with them {with:.2} s ({:.1} MB/s, {n_with} findings)",
        WORD_RULES.join(", "),
        mb / without,
        mb / with
    );
    for code in WORD_RULES {
        let others: Vec<&str> = WORD_RULES.iter().copied().filter(|c| *c != code).collect();
        let (only, _) = run_without(&others);
        println!("  only {code}: {:+.2} s", only - without);
    }
    let (ntok, _, cpu) = timed(|| {
        text.lines()
            .map(|l| zhproof::core::tokens(l).len())
            .sum::<usize>()
    });
    println!(
        "  of which jieba tagging alone (shared by all word rules): {cpu:.2} s CPU ({ntok} tokens)"
    );
}

fn keystrokes(label: &str, mb1: &str, n: usize) {
    let mut c = common::Client::start();
    c.initialize(&["utf-16"]);
    let uri = "file:///tmp/bench-1mb.txt";
    let t = Instant::now();
    c.open(uri, "plaintext", mb1);
    let first = c.diagnostics(uri, 1).len();
    println!(
        "[{label}] first analysis of a 1 MB article via didOpen: {:.0} ms, {first} diagnostics",
        t.elapsed().as_secs_f64() * 1e3
    );
    let lines: Vec<usize> = common::line_starts(mb1);
    let mut lat = Vec::new();
    for i in 0..n {
        let line = (i * 104_729) % (lines.len() - 1);
        let version = 2 + i as i64;
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "新"}]}),
        );
        // to the moment the frame is read, before the test client parses it
        let (_, arrived) = c.diagnostics_timed(uri, version);
        lat.push(arrived.duration_since(t).as_secs_f64() * 1e3);
        std::thread::sleep(Duration::from_millis(2));
    }
    println!(
        "[{label}] didChange → publishDiagnostics (1 MB, 1-char edits, n={n}): median {:.2} ms, p95 {:.2} ms",
        median(&mut lat),
        pct(&mut lat, 0.95)
    );
    // 4. peak RSS with the 1 MB article open
    match c.peak_rss_kb() {
        Some(kb) => println!(
            "[{label}] server peak RSS with a 1 MB article open: {:.1} MB",
            kb as f64 / 1024.0
        ),
        None => println!("[{label}] server peak RSS: unavailable (no /proc)"),
    }
    let _ = c.shutdown();
}
