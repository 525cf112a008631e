//! The one loader of the word lists, gazetteers and tables under `data/`.
//!
//! Every data file is UTF-8 text: a header of `#` lines (what it is, its
//! source, licence and date), then one entry a line, its fields separated by
//! tabs. The files are compiled into the binary with [`data_file!`] and parsed
//! on first use (each list sits behind a `LazyLock` of the module that uses
//! it), never on the start-up path.

/// The text of a file under `data/`, compiled into the binary.
///
/// ```ignore
/// static TITLES: LazyLock<Vec<&str>> =
///     LazyLock::new(|| data::entries(data_file!("titles.txt")).collect());
/// ```
#[macro_export]
macro_rules! data_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name))
    };
}
pub use crate::data_file;

/// The entries of a data file: each non-blank line that is not a `#`
/// comment, with a trailing `\r` removed, split at tabs, each field trimmed.
pub fn lines(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The first field of every entry (for one-column lists).
pub fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    lines(src).filter_map(|f| f.first().copied())
}

/// The header of a data file: its leading `#` lines, without the `#`.
#[cfg(test)]
pub fn header(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_skip_comments_blank_lines_and_carriage_returns() {
        let src = "# a list\n# Source: x\n\n甲\t1\r\n  \n# later comment\n乙\n";
        let all: Vec<Vec<&str>> = lines(src).collect();
        assert_eq!(all, vec![vec!["甲", "1"], vec!["乙"]]);
        assert_eq!(entries(src).collect::<Vec<_>>(), vec!["甲", "乙"]);
        assert_eq!(header(src).collect::<Vec<_>>(), vec!["a list", "Source: x"]);
    }

    #[test]
    fn the_macro_reads_the_data_folder() {
        assert!(entries(data_file!("surnames.txt")).any(|s| s == "王"));
    }
}
