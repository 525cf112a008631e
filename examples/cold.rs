//! Cold analysis of a text, for instruction counts under callgrind:
//!
//! ```sh
//! cargo build --release --example cold
//! valgrind --tool=callgrind --toggle-collect='cold::cold_analysis' \
//!     target/release/examples/cold FILE [MB]
//! ```
//!
//! The text of FILE is repeated to MB megabytes (default 1); the dictionary
//! and word lists are loaded by a warm-up analysis first, so only the cold
//! analysis of the whole text is counted. Prints the findings' count, to check
//! that two builds did the same work.

use std::sync::Arc;

use zhproof::core::{Analyzer, Config, DocKind};

#[global_allocator]
static GLOBAL: zhproof::memory::HugePageAlloc = zhproof::memory::HugePageAlloc;

#[inline(never)]
fn cold_analysis(text: &str) -> usize {
    let mut a = Analyzer::new(Arc::new(Config::default()));
    a.analyze(text, DocKind::Plain).findings.len()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: cold FILE [MB]");
        std::process::exit(2);
    };
    let mb: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let base = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let want = (mb * 1_000_000.0) as usize;
    let mut text = String::with_capacity(want + base.len());
    while text.len() < want {
        text.push_str(&base);
        text.push_str("\n\n");
    }
    // load everything once, on a different text
    cold_warm_up();
    let n = cold_analysis(&text);
    println!("{} bytes, {n} findings", text.len());
}

#[inline(never)]
fn cold_warm_up() {
    let mut a = Analyzer::new(Arc::new(Config::default()));
    let _ = a.analyze(
        "预热：会议强调,要抓好落实。2024年9月17日，全市生产总值达到81.73亿元，同比增长7.8%。\n\n本报记者 王某",
        DocKind::Plain,
    );
}
