//! `punct-quote-form`: quotation marks of the wrong form for Chinese text —
//! ASCII straight quotes `"…"` `'…'` around or next to Chinese, and quotes of
//! the other style than the configured one (`「」『』` when `quotes = "“”"`,
//! `“”‘’` when `quotes = "「」"`).
//!
//! Decisions (precision first):
//! - Straight quotes are paired in order within the paragraph; a paragraph
//!   with an odd number of `"` is left alone (which pair is meant cannot be
//!   known), and so is `'` whenever it may be an apostrophe (a Latin letter
//!   or digit on both sides: `it's`, `'98`).
//! - A pair is Chinese when what it quotes holds a Han character, or when a
//!   Han character stands directly outside it (`返回'title'`).
//! - The other style is reported only when its marks pair up in the
//!   paragraph (an unpaired mark is `punct-unpaired`'s).

use super::scan::{ascii_set, find_ascii};
use super::QUOTE_FORM;
use crate::core::chars::is_han;
use crate::core::config::Quotes;
use crate::core::finding::{Edit, Finding, Fix};
use crate::core::rules::{next_char, prev_char, ParaCtx};

/// `"` and `'`.
const STRAIGHT: u64 = ascii_set(b"\"'");

/// The check of the rule (see the rule table).
pub(super) fn check_quote_form(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let (double, single) = match ctx.config.quotes {
        Quotes::Curly => (('“', '”'), ('‘', '’')),
        Quotes::Corner => (('「', '」'), ('『', '』')),
    };
    if find_ascii(s.as_bytes(), 0, STRAIGHT).is_some() {
        straight(s, b'"', double, out);
        straight(s, b'\'', single, out);
    }
    other_style(ctx, s, ctx.config.quotes, out);
}

/// Is the paragraph written in traditional characters (where `「」` are the
/// customary quotes whatever the configured style)?
fn traditional(ctx: &ParaCtx) -> bool {
    ctx.may_change() && ctx.simplified() != ctx.masked
}

/// Pairs of the straight quote `q` that belong to Chinese text.
fn straight(s: &str, q: u8, (open, close): (char, char), out: &mut Vec<Finding>) {
    let b = s.as_bytes();
    let at: Vec<usize> = memchr::memchr_iter(q, b).collect();
    if at.is_empty() || !at.len().is_multiple_of(2) {
        return;
    }
    if q == b'\'' {
        let apostrophe = at.iter().any(|&i| {
            let p = prev_char(s, i);
            let n = next_char(s, i + 1);
            p.is_some_and(|c| c.is_ascii_alphanumeric())
                && n.is_some_and(|c| c.is_ascii_alphanumeric())
                || n.is_some_and(|c| c.is_ascii_digit())
        });
        if apostrophe {
            return;
        }
    }
    for pair in at.chunks_exact(2) {
        let (i, j) = (pair[0], pair[1]);
        let inner = &s[i + 1..j];
        if inner.is_empty() || inner.contains('\n') {
            continue;
        }
        let outside_han =
            prev_char(s, i).is_some_and(is_han) || next_char(s, j + 1).is_some_and(is_han);
        if !inner.chars().any(is_han) && !outside_han {
            continue;
        }
        let written = if q == b'"' { "\"\"" } else { "''" };
        out.push(
            Finding::new(
                QUOTE_FORM,
                i..j + 1,
                format!("中文语境中应使用引号{open}{close}，而不是直引号{written}"),
            )
            .with_fix(Fix {
                title: format!("改为{open}{close}").into(),
                edits: vec![
                    Edit::new(i..i + 1, open.to_string()),
                    Edit::new(j..j + 1, close.to_string()),
                ],
            }),
        );
    }
}

/// Quotes of the style not configured, when they pair up.
fn other_style(ctx: &ParaCtx, s: &str, quotes: Quotes, out: &mut Vec<Finding>) {
    let pairs: [((char, char), (char, char)); 2] = match quotes {
        Quotes::Curly => [(('「', '」'), ('“', '”')), (('『', '』'), ('‘', '’'))],
        Quotes::Corner => [(('“', '”'), ('「', '」')), (('‘', '’'), ('『', '』'))],
    };
    // cheap pre-check: the last byte of an opening mark of the other style
    // (`「` E3 80 8C, `『` E3 80 8E; `“` E2 80 9C, `‘` E2 80 98) after E3/E2 80
    static OPENERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 4]> =
        std::sync::LazyLock::new(|| {
            ["「", "『", "“", "‘"].map(|m| memchr::memmem::Finder::new(m.as_bytes()))
        });
    let b = s.as_bytes();
    let any = match quotes {
        Quotes::Curly => OPENERS[0].find(b).is_some() || OPENERS[1].find(b).is_some(),
        Quotes::Corner => OPENERS[2].find(b).is_some() || OPENERS[3].find(b).is_some(),
    };
    if !any {
        return;
    }
    // corner quotes are the traditional texts' own: only simplified text is held to “”
    if quotes == Quotes::Curly && traditional(ctx) {
        return;
    }
    for ((wo, wc), (ro, rc)) in pairs {
        let opens: Vec<usize> = s.match_indices(wo).map(|(k, _)| k).collect();
        let closes: Vec<usize> = s.match_indices(wc).map(|(k, _)| k).collect();
        if opens.is_empty() || opens.len() != closes.len() {
            continue;
        }
        let paired = opens.iter().zip(&closes).all(|(o, c)| o < c);
        if !paired {
            continue;
        }
        for (&o, &c) in opens.iter().zip(&closes) {
            out.push(
                Finding::new(
                    QUOTE_FORM,
                    o..c + wc.len_utf8(),
                    format!("本文引号风格为{ro}{rc}，不应使用{wo}{wc}"),
                )
                .with_fix(Fix {
                    title: format!("改为{ro}{rc}").into(),
                    edits: vec![
                        Edit::new(o..o + wo.len_utf8(), ro.to_string()),
                        Edit::new(c..c + wc.len_utf8(), rc.to_string()),
                    ],
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::config::{Config, Quotes};
    use crate::core::rules::testutil::{fixed, run_para_with};
    use crate::core::text::DocKind;

    fn fix_with(s: &str, quotes: Quotes, kind: DocKind) -> String {
        let config = Config {
            quotes,
            ..Config::default()
        };
        fixed(s, &run_para_with("punct-quote-form", s, kind, &config))
    }

    fn fix(s: &str) -> String {
        fix_with(s, Quotes::Curly, DocKind::Plain)
    }

    fn count(s: &str, quotes: Quotes) -> usize {
        let config = Config {
            quotes,
            ..Config::default()
        };
        run_para_with("punct-quote-form", s, DocKind::Plain, &config).len()
    }

    #[test]
    fn straight_quotes_around_chinese() {
        assert_eq!(
            fix("会议提出要打好\"三大攻坚战\"，确保完成任务。"),
            "会议提出要打好“三大攻坚战”，确保完成任务。"
        );
        assert_eq!(
            fix("他把这称为'接地气'的做法。"),
            "他把这称为‘接地气’的做法。"
        );
        assert_eq!(
            fix("该公司推出\"Smart\"系列产品。"),
            "该公司推出“Smart”系列产品。"
        );
        assert_eq!(
            fix_with(
                "他说：\"我们要坚持'两个毫不动摇'。\"",
                Quotes::Corner,
                DocKind::Plain
            ),
            "他说：「我们要坚持『两个毫不动摇』。」"
        );
    }

    #[test]
    fn straight_quotes_left_alone() {
        // English text, apostrophes, odd counts, code
        // an English quotation inside a Chinese sentence takes Chinese quotes too
        assert_eq!(count("他引用了\"It's a new era\"一句。", Quotes::Curly), 1);
        assert_eq!(count("The \"new deal\" was announced.", Quotes::Curly), 0);
        assert_eq!(
            count("’98北京新年音乐会和'98 season同期举行。", Quotes::Curly),
            0
        );
        assert_eq!(count("身高5'8\"的他站在前排。", Quotes::Curly), 0);
        assert_eq!(count("他说：\"我们要坚持下去。", Quotes::Curly), 0);
        let md = fix_with(
            "运行`print(\"你好\")`即可。",
            Quotes::Curly,
            DocKind::Markdown,
        );
        assert_eq!(md, "运行`print(\"你好\")`即可。");
    }

    #[test]
    fn corner_quotes_in_curly_style_and_back() {
        assert_eq!(
            fix("老师说：「要记住『青年要立志做大事』这句话。」"),
            "老师说：“要记住‘青年要立志做大事’这句话。”"
        );
        assert_eq!(
            fix_with(
                "老师说：“要记住‘青年要立志做大事’这句话。”",
                Quotes::Corner,
                DocKind::Plain
            ),
            "老师说：「要记住『青年要立志做大事』这句话。」"
        );
        // traditional text keeps its corner quotes
        assert_eq!(
            count("老師說：「你們要記住國父說的這句話。」", Quotes::Curly),
            0
        );
        // the configured style is silent; an unpaired mark is another rule's
        assert_eq!(
            count("老师说：“要记住‘青年要立志’这句话。”", Quotes::Curly),
            0
        );
        assert_eq!(
            count("老师说：「要记住『青年要立志』这句话。」", Quotes::Corner),
            0
        );
        assert_eq!(count("老师说：「要记住这句话。", Quotes::Curly), 0);
    }
}
