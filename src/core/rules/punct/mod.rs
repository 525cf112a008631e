//! Punctuation (GB/T 15834-2011): doubled marks, unpaired marks and quote
//! nesting, ellipsis and dash forms, encoding losses and placeholders,
//! full-width digits and Latin letters.
//!
//! Decisions (precision first):
//! - `punct-doubled` never fires on runs made only of `？` and `！`
//!   (`？！` `！！` `？？` are allowed by GB/T 15834 §4.3.3 and §4.4.3 for
//!   strong questions and exclamations), nor on `……` `——` or on a closing
//!   quote or bracket followed by a mark (`”，` `。”` `）。`). Runs of ASCII
//!   `??` are left to `punct-mojibake`, runs of three or more `。` to
//!   `punct-ellipsis`.
//! - `punct-unpaired` is a document rule: an opening `“` left open at the end
//!   of a paragraph is silent when the next paragraph also opens with `“`
//!   (a quotation of several paragraphs, GB/T 15834 §4.1.3.4), and marks left
//!   open at the end of a paragraph broken mid-sentence are silent when the
//!   continuation closes them (the broken paragraph is its own finding).
//!   Half-width `(` `)` and `"` take part in the matching but are never
//!   reported here (that is `punct-halfwidth`).
//! - `punct-dash`: a single `—` between place names or times is the
//!   connecting one-em dash (`北京—上海`), so it stays silent; `2018--2019`
//!   (digits) is a range, not a dash, and stays silent.
//! - `punct-mojibake` has no fix: the lost text cannot be known. `□` is not
//!   reported (a newspaper byline convention, and a check box in forms).
//!
//! The files, one a mark family: `doubled` (runs of pause marks), `pairs`
//! (what a paragraph leaves unmatched: [`Marks`]) and `unpaired` (the
//! document rule over them), `ellipsis`, `dashes`, `mojibake` (encoding
//! losses and placeholders), `fullwidth` (full-width digits and letters);
//! `scan` holds the byte searches they share.

use super::{Check, Rule};
use crate::core::finding::Severity;

mod dashes;
mod decoration;
mod doubled;
mod ellipsis;
mod fullwidth;
pub mod halfwidth;
mod middot;
mod mojibake;
mod pairs;
mod quotes;
mod scan;
#[cfg(test)]
mod tests;
mod unpaired;

use dashes::check_dash;
use decoration::check_heading_decoration;
use doubled::check_doubled;
use ellipsis::check_ellipsis;
use fullwidth::check_fullwidth_alnum;
use middot::check_middot;
use mojibake::check_mojibake;
use quotes::check_quote_form;
use unpaired::{check_unpaired, summarize_marks};

/// The family of these rules in the rule reference.
const FAMILY: &str = "标点";

/// The punctuation rules, in reference order.
pub const RULES: &[Rule] = &[
    Rule {
        code: DOUBLED,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "标点重复或冲突（“。，”“，，”“、、”“，。”等），只应保留一个；保留较强的标点，全角优先。“？！”“！！”等叠用不报。",
        wrong: "开展大讨论活动是学习贯彻的必然要求。，是解放思想的集大成。",
        right: "开展大讨论活动是学习贯彻的必然要求。是解放思想的集大成。",
        check: Check::Para(check_doubled),
    },
    Rule {
        code: UNPAIRED,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "段落内引号、书名号、括号等成对标点不配对（无法自动修复）；简体文本中引号嵌套应为“…‘…’…”（嵌套错误可自动修复）。跨段引文（每段开头用前引号、末段才用后引号）不报。",
        wrong: "他说：“要坚持“两个毫不动摇”。”会议印发了《实施方案，明确了任务。",
        right: "他说：“要坚持‘两个毫不动摇’。”会议印发了《实施方案》，明确了任务。",
        check: Check::DocWith {
            summarize: summarize_marks,
            check: check_unpaired,
        },
    },
    Rule {
        code: ELLIPSIS,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "中文省略号应为“……”（六个点，占两个字位置），不应写作“...”“。。。”“···”或单个“…”。数字、网址、代码和英文句子中的“...”不报。",
        wrong: "加强理论学习、推动问题整改...各项工作稳步推进。",
        right: "加强理论学习、推动问题整改……各项工作稳步推进。",
        check: Check::Para(check_ellipsis),
    },
    Rule {
        code: DASH,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "破折号应为“——”（两个字长），不应写作单个“—”或“--”“－－”。地名、时间之间表示起止的一字线（北京—上海）和数字范围不报。",
        wrong: "这次活动的主题—解放思想，改革再出发。",
        right: "这次活动的主题——解放思想，改革再出发。",
        check: Check::Para(check_dash),
    },
    Rule {
        code: MOJIBAKE,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: false,
        description: "乱码与占位符：汉字之间并非提问的“?”“??”（编码转换丢失的字符）、“\u{FFFD}”、代替被删文字的孤立“*”、空书名号“《》”和空引号。无法得知原文，不提供自动修复；报头署名前的“□”不报。",
        wrong: "开展“致敬改革开放40周年??‘我与家乡的故事’”活动。",
        right: "开展“致敬改革开放40周年——‘我与家乡的故事’”活动。",
        check: Check::Para(check_mojibake),
    },
    Rule {
        code: FULLWIDTH_ALNUM,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "全角数字和全角拉丁字母（１２３、ＡＰＰ）应改为半角；时刻中的冒号用半角（16:32，而不是16：32）。比分、比例不报。",
        wrong: "全区共有１２３个党组织，并开通了ＡＰＰ服务。",
        right: "全区共有123个党组织，并开通了APP服务。",
        check: Check::Para(check_fullwidth_alnum),
    },
    Rule {
        code: QUOTE_FORM,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "引号形式：中文语境中不应使用直引号（\"…\" '…'）；引号应与配置的风格一致（quotes = \"“”\" 时不用「」『』，quotes = \"「」\" 时不用“”‘’）。英文句子、撇号和代码中的直引号不报。",
        wrong: "会议提出要打好\"三大攻坚战\"，并推广「枫桥经验」。",
        right: "会议提出要打好“三大攻坚战”，并推广“枫桥经验”。",
        check: Check::Para(check_quote_form),
    },
    Rule {
        code: MIDDOT,
        family: FAMILY,
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "外国人名、少数民族人名中的间隔号应为“·”，不应写作“●”“•”“・”等形近符号。行首的项目符号不报。",
        wrong: "美国作家马克•吐温的作品深受读者喜爱。",
        right: "美国作家马克·吐温的作品深受读者喜爱。",
        check: Check::Para(check_middot),
    },
    Rule {
        code: HEADING_DECORATION,
        family: FAMILY,
        severity: Severity::Info,
        default_off: false,
        fixable: true,
        description: "标题末尾的装饰符号（“~”“～”“***”）应删除：Markdown 标题，以及不含句读标点的短行。成对的强调标记、带语气词的短句（谢谢大家啦~）不报。",
        wrong: "活动花絮***",
        right: "活动花絮",
        check: Check::Para(check_heading_decoration),
    },
];

/// `punct-doubled`: doubled or conflicting pause marks.
pub const DOUBLED: &str = "punct-doubled";
/// `punct-unpaired`: unmatched paired marks, wrong quote nesting.
pub const UNPAIRED: &str = "punct-unpaired";
/// `punct-ellipsis`: wrong ellipsis forms.
pub const ELLIPSIS: &str = "punct-ellipsis";
/// `punct-dash`: wrong dash forms.
pub const DASH: &str = "punct-dash";
/// `punct-mojibake`: encoding losses and placeholders.
pub const MOJIBAKE: &str = "punct-mojibake";
/// `punct-quote-form`: straight quotes, quotes of the other style.
pub const QUOTE_FORM: &str = "punct-quote-form";
/// `punct-middot`: look-alikes of the middle dot in names.
pub const MIDDOT: &str = "punct-middot";
/// `punct-heading-decoration`: `~` `***` trailing a heading.
pub const HEADING_DECORATION: &str = "punct-heading-decoration";
/// `punct-fullwidth-alnum`: full-width digits and Latin letters.
pub const FULLWIDTH_ALNUM: &str = "punct-fullwidth-alnum";
