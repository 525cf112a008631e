//! `punct-heading-decoration`: decorations trailing a Chinese heading
//! (`## 活动花絮~`, `## 第二节***`): a run of `~` `～` or of two or more
//! unpaired `*` after the last Chinese character or mark of a Markdown
//! heading, or of a plain-text line that reads as one (short, no clause
//! mark, no modal particle before the `~`). A heading takes no end punctuation of this kind (GB/T
//! 15834-2011 §5.1.6 for titles); emphasis (`**标题**`) is paired and masked.

use super::HEADING_DECORATION;
use crate::core::chars::is_cjk;
use crate::core::finding::{Finding, Fix};
use crate::core::rules::ParaCtx;
use crate::core::text::BlockKind;

/// The check of the rule (see the rule table).
pub(super) fn check_heading_decoration(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    let s = ctx.masked;
    let heading = matches!(ctx.kind, BlockKind::MdHeading(_));
    if !heading && (ctx.kind != BlockKind::Para || !title_line(s)) {
        return;
    }
    let body = s.trim_end_matches([' ', '\t', '\n', '\r']);
    let deco = |c: char| matches!(c, '~' | '～' | '*');
    let start = body.trim_end_matches(deco).len();
    if start == body.len() {
        return;
    }
    let run = &body[start..];
    let stars = run.chars().filter(|&c| c == '*').count();
    if stars > 0 && (stars < 2 || body[..start].contains('*')) {
        return;
    }
    let head = body[..start].trim_end_matches([' ', '\t']);
    if !head.chars().next_back().is_some_and(is_cjk) {
        return;
    }
    // `谢谢大家啦~`: a modal particle makes the line an utterance
    if !heading && head.ends_with(['吧', '啊', '呀', '哦', '呢', '啦', '哈', '嘛', '喔', '哟'])
    {
        return;
    }
    out.push(
        Finding::new(
            HEADING_DECORATION,
            start..body.len(),
            format!("标题末尾的装饰符号“{run}”应删除"),
        )
        .with_fix(Fix::replace(head.len()..body.len(), "", "删除装饰符号")),
    );
}

/// A plain-text line that reads as a heading: one line of at most 20
/// characters with no clause or sentence mark.
fn title_line(s: &str) -> bool {
    let t = s.trim();
    !t.contains('\n')
        && t.chars().count() <= 20
        && !t.contains(['，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?'])
}

#[cfg(test)]
mod tests {
    use crate::core::config::Config;
    use crate::core::rules::testutil::{fixed, switches};
    use crate::core::rules::ParaCtx;
    use crate::core::text::{self, BlockKind, DocKind};

    fn run(s: &str, kind: BlockKind) -> Vec<crate::core::finding::Finding> {
        let config = Config::default();
        let sw = switches(&config);
        let masked = text::mask(s, DocKind::Markdown, 0);
        let ctx = ParaCtx::new(s, &masked, kind, DocKind::Markdown, &config, &sw);
        let mut out = Vec::new();
        super::check_heading_decoration(&ctx, &mut out);
        out
    }

    #[test]
    fn trailing_decorations_of_headings() {
        let h = BlockKind::MdHeading(2);
        let s = "## 活动花絮~";
        assert_eq!(fixed(s, &run(s, h)), "## 活动花絮");
        let s = "## 第二节 ***";
        assert_eq!(fixed(s, &run(s, h)), "## 第二节");
        let s = "## 精彩回顾～～";
        assert_eq!(fixed(s, &run(s, h)), "## 精彩回顾");
    }

    #[test]
    fn headings_without_decoration_left_alone() {
        let h = BlockKind::MdHeading(2);
        for s in ["## **重点工作**", "## 活动花絮", "## 安装 pip~", "## 注意*"] {
            assert!(run(s, h).is_empty(), "{s}");
        }
        // a sentence, or an utterance, is not a heading
        assert!(run("他笑着说：真好~", BlockKind::Para).is_empty());
        assert!(run("谢谢大家啦~", BlockKind::Para).is_empty());
        assert_eq!(run("活动花絮~", BlockKind::Para).len(), 1);
    }
}
