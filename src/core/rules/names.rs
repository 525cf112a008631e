//! Inconsistent names: one person written with different characters in one
//! article — traditional and simplified script mixed (`羅武俠` … `罗武侠`), or
//! a one-character difference next to the same title (`宣传部长付荣云` …
//! `宣传部长付荣芸`). A document check over the cached paragraph mentions.

use crate::core::chars::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use super::{Check, DocCtx, Rule};
use crate::core::entities::{title_is_shared, EntityKind, Mention};
use crate::core::finding::{Finding, Severity};

pub const RULES: &[Rule] = &[Rule {
    code: "name-inconsistent",
    family: "人名",
    severity: Severity::Hint,
    default_off: false,
    fixable: false,
    description: "同一人名在文中写法不一致：繁简混用，或同一职务后的人名相差一个字。请核对后统一。",
    wrong: "市南区常委、宣传部长付荣云出席会议……宣传部长付荣芸指出",
    right: "市南区常委、宣传部长付荣云出席会议……宣传部长付荣云指出",
    check: Check::Doc(check),
}];

const CODE: &str = "name-inconsistent";

/// A person mention in document bytes.
struct PM<'a> {
    range: Range<usize>,
    m: &'a Mention,
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let mut people: Vec<PM> = Vec::new();
    for (i, p) in ctx.paras.iter().enumerate() {
        let off = ctx.block_range(i).start;
        for m in &p.mentions {
            if m.kind == EntityKind::Person {
                people.push(PM {
                    range: off + m.range.start..off + m.range.end,
                    m,
                });
            }
        }
    }
    if people.len() < 2 {
        return;
    }
    script_mix(&people, out);
    one_char_apart(&people, out);
}

/// `羅武俠` and `罗武侠` in one article: the rarer written form is flagged.
fn script_mix(people: &[PM], out: &mut Vec<Finding>) {
    // canonical name → written form → mentions
    let mut forms: HashMap<&str, Vec<(&str, Vec<&PM>)>> = HashMap::default();
    let confirmed: HashSet<&str> = people
        .iter()
        .filter(|p| p.m.confident)
        .map(|p| &*p.m.name)
        .collect();
    for p in people {
        if !confirmed.contains(&*p.m.name) {
            continue;
        }
        let list = forms.entry(&p.m.name).or_default();
        match list.iter_mut().find(|(w, _)| *w == &*p.m.written) {
            Some((_, v)) => v.push(p),
            None => list.push((&p.m.written, vec![p])),
        }
    }
    let mut names: Vec<_> = forms.into_iter().filter(|(_, f)| f.len() > 1).collect();
    names.sort_by_key(|(_, f)| f[0].1[0].range.start);
    for (_, mut list) in names {
        // the most frequent form (earliest on ties) is the reference
        list.sort_by_key(|(_, v)| (std::cmp::Reverse(v.len()), v[0].range.start));
        let (main, main_at) = (list[0].0, list[0].1[0].range.clone());
        for (form, ms) in &list[1..] {
            for p in ms {
                out.push(
                    Finding::new(
                        CODE,
                        p.range.clone(),
                        format!("人名“{form}”与文中“{main}”繁简写法不一致，应统一"),
                    )
                    .with_related(main_at.clone(), format!("此处写作“{main}”")),
                );
            }
        }
    }
}

/// Does `a` differ from `b` in exactly one given-name character (same surname, same length)?
fn one_apart(a: &str, b: &str) -> bool {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() != cb.len() || ca.len() < 3 || ca.first() != cb.first() {
        return false;
    }
    ca.iter().zip(&cb).filter(|(x, y)| x != y).count() == 1
}

/// `宣传部长付荣云` … `宣传部长付荣芸`: same one-holder title, names one character apart.
fn one_char_apart(people: &[PM], out: &mut Vec<Finding>) {
    // (title, name) → first mention, and how often each name occurs in all
    let mut titled: Vec<(&str, &str, &PM)> = Vec::new();
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    for p in people {
        if !p.m.confident {
            continue;
        }
        *counts.entry(&p.m.name).or_default() += 1;
        if let Some(t) = &p.m.title {
            // each (title, name) once: the title lookup runs per pair, not per mention
            if seen.insert((&**t, &*p.m.name)) && !title_is_shared(t) {
                titled.push((t, &p.m.name, p));
            }
        }
    }
    for (k, (t, a, pa)) in titled.iter().enumerate() {
        for (t2, b, pb) in &titled[k + 1..] {
            if t != t2 || !one_apart(a, b) {
                continue;
            }
            // flag the rarer spelling (the later one on ties), pointing at the other
            let (ca, cb) = (
                counts.get(a).copied().unwrap_or(0),
                counts.get(b).copied().unwrap_or(0),
            );
            let (odd, other, odd_p, other_p) = if cb <= ca {
                (b, a, pb, pa)
            } else {
                (a, b, pa, pb)
            };
            out.push(
                Finding::new(
                    CODE,
                    odd_p.range.clone(),
                    format!("“{t}”后的人名“{odd}”与文中“{other}”相差一字，请核对是否为同一人"),
                )
                .with_related(other_p.range.clone(), format!("此处写作“{other}”")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::core::{analyze, Config, DocKind, Finding};

    fn run(text: &str) -> Vec<Finding> {
        analyze(text, DocKind::Plain, Arc::new(Config::default()))
            .findings
            .into_iter()
            .filter(|f| f.code == "name-inconsistent")
            .collect()
    }

    #[test]
    fn one_char_apart_under_same_title() {
        let t = "11月1日，某区召开座谈会，区委常委、宣传部长付荣云出席会议并讲话。\n\n付荣云指出，要扎实推动各项工作。\n\n会后，宣传部长付荣芸还走访了部分社区。\n";
        let f = run(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&t[f[0].range.clone()], "付荣芸");
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(&t[f[0].related[0].range.clone()], "付荣云");
        assert_eq!(f[0].severity, crate::core::Severity::Hint);
    }

    #[test]
    fn script_mix_is_flagged() {
        let t = "見習記者羅武俠報道：本次活動吸引市民三千餘人參加。\n\n见习记者罗武侠在现场看到，市民排起长队。\n\n罗武侠表示，活动秩序良好。\n";
        let f = run(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&t[f[0].range.clone()], "羅武俠");
        assert_eq!(&t[f[0].related[0].range.clone()], "罗武侠");
    }

    #[test]
    fn different_people_are_not_flagged() {
        // two reporters, two deputy heads: titles many people hold
        let t = "□本报记者 王晓明 通讯员 李伟\n\n记者王晓东从区里了解到，副区长张海明、副区长张海鸣分别带队检查。\n";
        assert!(run(t).is_empty(), "{:?}", run(t));
        // same title, names two characters apart
        let t = "宣传部长付荣云出席会议。\n\n次年，宣传部长付建国到任。\n";
        assert!(run(t).is_empty());
        // all traditional: one written form
        let t = "見習記者羅武俠報道。\n\n羅武俠表示，活動秩序良好。\n";
        assert!(run(t).is_empty());
        // consistent spelling
        let t = "市南区常委、宣传部长付荣云出席会议并讲话。付荣云指出，要扎实推进。\n";
        assert!(run(t).is_empty());
    }
}
