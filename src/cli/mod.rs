//! The command line: `zhproof check`, `zhproof outline`, `zhproof entities`,
//! `zhproof rules` (and `zhproof lsp`, which hands over to `crate::lsp`).
//! A thin adapter over the analysis core: this module holds the arguments
//! and the dispatch; the submodules find files ([`walk`]), read them
//! ([`input`]), find their configuration ([`config`]), check and fix them
//! ([`check`]), print ([`output`]) and write fixed files ([`write`]).

mod check;
mod config;
mod input;
mod output;
mod walk;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::{Analysis, Analyzer, DocKind};

pub use check::{check, CheckOptions, Format};
pub use config::{ConfigLoader, LoadedConfig};
pub use input::{read_input, Input, MAX_FILE_BYTES};
pub use output::{print_entities, print_outline, print_rules, LineIndex};
pub use walk::expand_paths;
pub use write::{remove_stale_temporaries, write_fixed};

pub use crate::core::config_file::glob_match;

/// Exit code: nothing to report (or only warnings without `--strict`).
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings that fail the check.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: a usage error, or a file that could not be read, configured or written.
pub const EXIT_USAGE: i32 = 2;

/// The command-line arguments.
#[derive(Parser)]
#[command(
    name = "zhproof",
    version,
    about = "中文新闻稿件与公文校对工具（语言服务器 + 命令行）"
)]
pub struct Args {
    /// Start the language server on stdio (what editors pass).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

/// `--format`.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

/// `--type`: what the texts are, whatever their names say.
#[derive(Clone, Copy, ValueEnum)]
enum TypeArg {
    /// Plain text: one paragraph a line.
    Text,
    /// Markdown: front matter, code, HTML and link targets are not checked.
    Markdown,
}

/// The subcommands.
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
        /// The file name standard input (`-`) stands for: its extension picks
        /// Markdown or plain text, and `.zhproof.toml` is looked up from its
        /// directory.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<PathBuf>,
        /// Read every text (and standard input) as this type, whatever its
        /// name. Without it the extension decides: .md/.markdown/.mdx are
        /// Markdown; documents in other markup languages (.tex, .html, .xml,
        /// .org, .rst, .adoc, .typ) are skipped, as their markup would be
        /// proofread as text; anything else is plain text.
        #[arg(long = "type", value_enum, value_name = "TYPE")]
        doc_type: Option<TypeArg>,
    },
    /// Print the article outline as an indented tree.
    Outline { path: PathBuf },
    /// Print the people, organizations and places an article names.
    Entities { path: PathBuf },
    /// Print the rule reference (Markdown).
    Rules,
}

/// Run the command the arguments name; returns the exit code.
pub fn run(args: Args) -> i32 {
    match args.cmd {
        None if args.stdio => serve(),
        Some(Cmd::Lsp { .. }) => serve(),
        None => {
            eprintln!(
                "zhproof: 请指定子命令（lsp、check、outline、entities、rules），见 zhproof --help"
            );
            EXIT_USAGE
        }
        Some(Cmd::Check {
            paths,
            format,
            fix,
            strict,
            stdin_filename,
            doc_type,
        }) => {
            let opts = CheckOptions {
                paths,
                format: match format {
                    FormatArg::Text => Format::Text,
                    FormatArg::Json => Format::Json,
                },
                fix,
                strict,
                stdin_filename,
                doc_type: doc_type.map(|t| match t {
                    TypeArg::Text => DocKind::Plain,
                    TypeArg::Markdown => DocKind::Markdown,
                }),
            };
            let mut out = std::io::stdout().lock();
            let mut err = std::io::stderr().lock();
            check(&opts, &ConfigLoader::search(), &mut out, &mut err)
        }
        Some(Cmd::Outline { path }) => show(&path, print_outline),
        Some(Cmd::Entities { path }) => show(&path, print_entities),
        Some(Cmd::Rules) => {
            print_rules(&mut std::io::stdout().lock());
            EXIT_CLEAN
        }
    }
}

/// `outline` and `entities`: analyse one file with its configuration (found
/// as `check` finds it) and print what `print` shows of the analysis.
fn show(path: &Path, print: fn(&str, &Analysis, &mut dyn Write)) -> i32 {
    let mut err = std::io::stderr().lock();
    let input = match read_input(path) {
        Ok(input) => input,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_USAGE;
        }
    };
    let Some(config) = ConfigLoader::search().config_for(Some(path), &input.name, &mut err) else {
        return EXIT_USAGE;
    };
    let a = Analyzer::new(config.config.clone()).analyze(&input.text, input.kind);
    print(&input.text, &a, &mut std::io::stdout().lock());
    EXIT_CLEAN
}

/// `zhproof lsp`: serve the language server on stdio until the client leaves.
fn serve() -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("zhproof: cannot start runtime: {e}");
            return EXIT_USAGE;
        }
    };
    rt.block_on(crate::lsp::run_stdio());
    // the stdin reader may still be blocked in a read: don't wait for it
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    EXIT_CLEAN
}
