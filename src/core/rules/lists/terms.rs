//! Terms banned or to be used with care in news reporting
//! (`data/sensitive_terms.txt`, modelled on the Xinhua lists): `term-banned`
//! (on by default; only terms wrong in every context) and `term-cautioned`
//! (off by default; terms whose use depends on the context). The category
//! (社会生活类, 法律法规类, …) ends each message.

use std::sync::LazyLock;

use super::{hits, List};
use crate::core::data::{self, data_file};
use crate::core::finding::{Finding, Fix, Severity};
use crate::core::nlp;
use crate::core::rules::{Check, ParaCtx, Rule};
use crate::core::wordlists::{is_term_at, match_text, Guards, Lexicon};

pub const RULES: &[Rule] = &[
    Rule {
        code: "term-banned",
        family: "用词",
        severity: Severity::Warning,
        default_off: false,
        fixable: true,
        description: "新闻报道禁用词（参照新华社禁用词表）：对残疾人的蔑称、不规范的民族简称和宗教称谓、人大职务的错误称谓、涉及港澳台和主权的错误表述等，在任何语境中都不应使用。消息末尾注明类别。",
        wrong: "维族群众代表、全国人大副委员长出席，台湾政府未回应。",
        right: "维吾尔族群众代表、全国人大常委会副委员长出席，台湾当局未回应。",
        check: Check::Para(check_banned),
    },
    Rule {
        code: "term-cautioned",
        family: "用词",
        severity: Severity::Hint,
        default_off: true,
        fixable: true,
        description: "新闻报道慎用词（参照新华社慎用词表）：是否得当取决于语境的词语，如“最佳”“亲自”“影帝”“村长”“罪犯”（判决前）、“南朝鲜”（历史叙述除外）。默认关闭，按需开启。消息末尾注明类别。",
        wrong: "该县村长亲自带队，这是全省最佳的做法。",
        right: "该县村委会主任带队，这是全省效果突出的做法。",
        check: Check::Para(check_cautioned),
    },
];

pub(crate) struct Term {
    pub category: &'static str,
    pub term: &'static str,
    /// The preferred wording, or advice in full-width parentheses.
    pub suggestion: &'static str,
    pub banned: bool,
    /// The suggestion replaces the term with certainty.
    pub fix: bool,
    guards: Guards,
}

pub(crate) struct TermList {
    pub entries: Vec<Term>,
    pub(crate) lex: Lexicon,
}

pub(crate) static TERMS: LazyLock<TermList> = LazyLock::new(|| {
    let mut entries = Vec::new();
    for f in data::lines(data_file!("sensitive_terms.txt")) {
        let (Some(&category), Some(&term), Some(&suggestion), Some(&level)) =
            (f.first(), f.get(1), f.get(2), f.get(3))
        else {
            continue;
        };
        let (guards, rest) = Guards::parse(f.get(4).copied().unwrap_or(""));
        entries.push(Term {
            category,
            term,
            suggestion,
            banned: level == "禁用",
            fix: rest.contains(&"fix") && !suggestion.contains('（'),
            guards,
        });
    }
    let lex = Lexicon::new(entries.iter().map(|e| e.term));
    TermList { entries, lex }
});

fn message(t: &Term) -> String {
    let level = if t.banned { "禁用" } else { "慎用" };
    let advice = if let Some(a) = t.suggestion.strip_prefix('（') {
        a.trim_end_matches('）').to_string()
    } else {
        match t.suggestion.split_once('（') {
            Some((w, note)) => format!("应使用“{w}”（{note}"),
            None => format!("应使用“{}”", t.suggestion),
        }
    };
    format!(
        "“{}”为新闻报道{level}词，{advice}（{}类）",
        t.term, t.category
    )
}

fn check_terms(ctx: &ParaCtx, out: &mut Vec<Finding>, banned: bool) {
    let s = match_text(ctx);
    let list = &*TERMS;
    let found = hits(ctx);
    let hits = found.of(List::Terms);
    if hits.is_empty() {
        return;
    }
    let code = if banned {
        "term-banned"
    } else {
        "term-cautioned"
    };
    let jieba = nlp::jieba_with_words(&ctx.config.words);
    let mut covered = 0;
    for (r, i) in hits.iter().cloned() {
        if r.start < covered {
            continue;
        }
        let Some(t) = list.entries.get(i) else {
            continue;
        };
        if t.guards.excuses(s, &r) || ctx.config.is_user_word(t.term) {
            continue;
        }
        // a cautioned term is no concern of the banned rule (no segmentation
        // for it); the cautioned rule leaves the place of a banned term alone
        if banned && !t.banned {
            continue;
        }
        if !is_term_at(ctx, &jieba, &r) {
            continue;
        }
        covered = r.end;
        if t.banned != banned {
            continue;
        }
        let mut f = Finding::new(code, r.clone(), message(t));
        if t.fix && ctx.text.get(r.clone()) == Some(t.term) {
            f = f.with_fix(Fix::replace(
                r.clone(),
                t.suggestion,
                format!("改为“{}”", t.suggestion),
            ));
        }
        out.push(f);
    }
}

fn check_banned(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    check_terms(ctx, out, true);
}

fn check_cautioned(ctx: &ParaCtx, out: &mut Vec<Finding>) {
    check_terms(ctx, out, false);
}

#[cfg(test)]
mod tests {
    use crate::core::config::{Config, RuleSetting};
    use crate::core::rules::testutil::{fixed, run_para, run_para_with};
    use crate::core::text::DocKind;

    fn banned(s: &str) -> Vec<String> {
        run_para("term-banned", s, DocKind::Plain)
            .iter()
            .map(|f| s[f.range.clone()].to_string())
            .collect()
    }

    fn fix(s: &str) -> String {
        fixed(s, &run_para("term-banned", s, DocKind::Plain))
    }

    fn cautioned(s: &str) -> Vec<String> {
        let mut c = Config::default();
        c.rules
            .insert("term-cautioned".into(), RuleSetting::On(None));
        run_para_with("term-cautioned", s, DocKind::Plain, &c)
            .iter()
            .map(|f| s[f.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn every_entry_is_well_formed() {
        let list = &*super::TERMS;
        assert!(list.entries.len() >= 60);
        let cats = [
            "社会生活",
            "法律法规",
            "民族宗教",
            "港澳台与主权",
            "国际关系",
        ];
        for t in &list.entries {
            assert!(cats.contains(&t.category), "{}", t.term);
            assert!(!t.suggestion.is_empty(), "{}", t.term);
        }
    }

    #[test]
    fn banned_terms_fire_with_fix() {
        assert_eq!(
            fix("该村为残废人发放补贴，嫌犯已被警方控制。"),
            "该村为残疾人发放补贴，犯罪嫌疑人已被警方控制。"
        );
        assert_eq!(
            fix("全国人大副委员长出席会议，市人大副主任主持。"),
            "全国人大常委会副委员长出席会议，市人大常委会副主任主持。"
        );
        assert_eq!(
            fix("当地蒙族、维族、哈族群众欢聚一堂。"),
            "当地蒙古族、维吾尔族、哈萨克族群众欢聚一堂。"
        );
        assert_eq!(
            fix("台湾政府对此未作回应，北朝鲜外务省发表声明。"),
            "台湾当局对此未作回应，朝鲜外务省发表声明。"
        );
        assert_eq!(
            fix("有关国家在南中国海举行演习。"),
            "有关国家在南海举行演习。"
        );
        assert_eq!(fix("他信奉回教多年。"), "他信奉伊斯兰教多年。");
        assert_eq!(banned("他是一名聋子，后来学会了手语。"), ["聋子"]);
        assert_eq!(banned("他当选为市人大常委。"), ["人大常委"]);
        let f = run_para("term-banned", "小区里住着一位瞎子老人。", DocKind::Plain);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
        assert!(f[0].message.contains("盲人"));
        assert!(f[0].message.ends_with("（社会生活类）"), "{}", f[0].message);
    }

    #[test]
    fn banned_terms_silent_in_correct_text() {
        for s in [
            "全国人大常委会副委员长出席会议。",
            "他当选为市人大常委会委员，市人大常委会副主任主持会议。",
            "全国人大常委会第十次会议在京闭幕。",
            "市人大财经委副主任委员出席。",
            "该男子因涉嫌犯罪被依法刑事拘留。",
            "同学们下课后回教室自习，随后回教学楼。",
            "他转身回教堂取回了外套。",
            "大会邀请了当地的嘻哈族青年。",
            "香港特区政府和澳门特区政府发表声明。",
            "台湾国民党主席发表讲话。",
            "蒙古族、维吾尔族、哈萨克族群众欢聚一堂。",
            "残疾人、盲人和聋人代表参加座谈。",
            "中国伊斯兰教协会举行会议。",
            "藏传佛教寺庙管理工作会议召开。",
            "犯罪嫌疑人已被警方控制。",
        ] {
            assert!(banned(s).is_empty(), "{s}: {:?}", banned(s));
        }
    }

    #[test]
    fn cautioned_terms_are_off_by_default_and_fire_when_on() {
        assert!(crate::core::rules::get("term-cautioned").is_some_and(|r| r.default_off));
        assert!(crate::core::rules::get("term-banned").is_some_and(|r| !r.default_off));
        assert_eq!(cautioned("这是全省最佳的做法。"), ["最佳"]);
        assert_eq!(cautioned("该县村长带队走访。"), ["村长"]);
        assert!(cautioned("大学生村官扎根基层。").is_empty());
        assert!(cautioned("游客参观了天后宫。").is_empty());
        assert!(cautioned("天王星是太阳系第七颗行星。").is_empty());
        // a banned term is not reported again by the cautioned rule
        assert!(cautioned("为残废人发放补贴。").is_empty());
    }
}
