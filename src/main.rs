//! The `zhproof` binary: `zhproof lsp` (or `--stdio`), `zhproof check`,
//! `zhproof outline`, `zhproof entities`, `zhproof rules`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use zhproof::cli;
use zhproof::core::{Analyzer, Config, DocKind};

/// Huge pages for the dictionary's tables (see `zhproof::memory`).
#[global_allocator]
static GLOBAL: zhproof::memory::HugePageAlloc = zhproof::memory::HugePageAlloc;

#[derive(Parser)]
#[command(
    name = "zhproof",
    version,
    about = "中文新闻稿件与公文校对工具（语言服务器 + 命令行）"
)]
struct Args {
    /// Start the language server on stdio (what editors pass).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the language server over stdio.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check files (directories are searched for .txt/.md; `-` reads stdin).
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Apply all safe fixes, writing files atomically.
        #[arg(long)]
        fix: bool,
        /// Exit 1 on warnings too, not only errors.
        #[arg(long)]
        strict: bool,
    },
    /// Print the article outline as an indented tree.
    Outline { path: PathBuf },
    /// Print the people, organizations and places an article names.
    Entities { path: PathBuf },
    /// Print the rule reference (Markdown).
    Rules,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                cli::EXIT_USAGE as u8
            } else {
                0
            });
        }
    };
    let code = match args.cmd {
        None if args.stdio => serve(),
        Some(Cmd::Lsp { .. }) => serve(),
        None => {
            eprintln!(
                "zhproof: 请指定子命令（lsp、check、outline、entities、rules），见 zhproof --help"
            );
            cli::EXIT_USAGE
        }
        Some(Cmd::Check {
            paths,
            format,
            fix,
            strict,
        }) => {
            let opts = cli::CheckOptions {
                paths,
                format: match format {
                    FormatArg::Text => cli::Format::Text,
                    FormatArg::Json => cli::Format::Json,
                },
                fix,
                strict,
            };
            let mut out = std::io::stdout().lock();
            let mut err = std::io::stderr().lock();
            cli::check(&opts, &cli::ConfigLoader::search(), &mut out, &mut err)
        }
        Some(Cmd::Outline { path }) => match cli::read_input(&path) {
            Ok(input) => {
                let kind = DocKind::from_path(&input.name);
                let a = Analyzer::new(Arc::new(Config::default())).analyze(&input.text, kind);
                cli::print_outline(&input.text, &a, &mut std::io::stdout().lock());
                cli::EXIT_CLEAN
            }
            Err(e) => {
                eprintln!("{e}");
                cli::EXIT_USAGE
            }
        },
        Some(Cmd::Entities { path }) => match cli::read_input(&path) {
            Ok(input) => {
                let kind = DocKind::from_path(&input.name);
                let a = Analyzer::new(Arc::new(Config::default())).analyze(&input.text, kind);
                cli::print_entities(&input.text, &a, &mut std::io::stdout().lock());
                cli::EXIT_CLEAN
            }
            Err(e) => {
                eprintln!("{e}");
                cli::EXIT_USAGE
            }
        },
        Some(Cmd::Rules) => {
            cli::print_rules(&mut std::io::stdout().lock());
            cli::EXIT_CLEAN
        }
    };
    ExitCode::from(code as u8)
}

fn serve() -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("zhproof: cannot start runtime: {e}");
            return cli::EXIT_USAGE;
        }
    };
    rt.block_on(zhproof::lsp::run_stdio());
    // the stdin reader may still be blocked in a read: don't wait for it
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    cli::EXIT_CLEAN
}
