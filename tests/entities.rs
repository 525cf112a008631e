//! Entities over a whole article: the exact people / organizations / places
//! of a fixture report, hovers, and no non-name presented as a person.

use std::collections::BTreeSet;
use std::sync::Arc;

use zhproof::core::{
    analyze, entity_hover_markdown as hover_markdown, Config, DocKind, EntityIndex, EntityKind,
};

fn fixture() -> (String, EntityIndex) {
    let text = include_str!("fixtures/entities_article.txt").to_string();
    let a = analyze(&text, DocKind::Plain, Arc::new(Config::default()));
    let mut ix = a.entities();
    ix.fill_lines(&text);
    (text, ix)
}

fn names(ix: &EntityIndex, kind: EntityKind) -> BTreeSet<String> {
    ix.of_kind(kind).map(|e| e.name.clone()).collect()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn exact_people_orgs_places() {
    let (_, ix) = fixture();
    assert_eq!(
        names(&ix, EntityKind::Person),
        set(&["王海燕", "孙立国", "刘倩", "陈志刚", "赵雪梅"])
    );
    assert_eq!(
        names(&ix, EntityKind::Org),
        set(&[
            "东岭经济区",
            "兴华社区卫生服务中心",
            "海川集团",
            "山东大学",
            "市委组织部"
        ])
    );
    assert_eq!(
        names(&ix, EntityKind::Place),
        set(&["李沧区", "济南", "潍坊", "江苏", "苏州"])
    );
}

#[test]
fn no_non_name_is_a_person() {
    let (text, ix) = fixture();
    for w in ["文明", "道德", "高新区", "弘扬", "李沧", "新时代", "东岭"] {
        for (i, _) in text.match_indices(w) {
            if let Some(e) = ix.at(i) {
                assert_ne!(e.kind, EntityKind::Person, "{w} at {i} shown as {}", e.name);
            }
        }
    }
    // 先进高新区 is a common noun here: nothing at all
    let at = text.find("先进高新区").unwrap() + "先进".len();
    assert!(ix.at(at).is_none());
}

#[test]
fn roles_counts_and_aliases() {
    let (text, ix) = fixture();
    let chen = ix.people().find(|e| e.name == "陈志刚").unwrap();
    assert_eq!(chen.roles, vec!["李沧区委常委", "宣传部长"]);
    assert_eq!(chen.count(), 2);
    assert_eq!(chen.first_line, Some(7));
    let zhao = ix.people().find(|e| e.name == "赵雪梅").unwrap();
    assert_eq!(zhao.roles, vec!["道德模范", "兴华社区卫生服务中心主任"]);
    assert_eq!(zhao.count(), 2);
    let wang = ix.people().find(|e| e.name == "王海燕").unwrap();
    assert_eq!(wang.roles, vec!["半岛记者"]);
    // the alias in parentheses is a mention of the zone
    let alias = text.find("(高新区)").unwrap() + 1;
    let zone = ix.at(alias).unwrap();
    assert_eq!(zone.name, "东岭经济区");
    assert_eq!(zone.kind, EntityKind::Org);
    assert_eq!(zone.aliases, vec!["高新区"]);
    assert_eq!(zone.count(), 2);
}

#[test]
fn hover_text() {
    let (text, ix) = fixture();
    let at = text.rfind("赵雪梅").unwrap();
    let e = ix.at(at).unwrap();
    let md = hover_markdown(e);
    assert!(md.contains("**赵雪梅**"), "{md}");
    assert!(md.contains("人物"));
    assert!(md.contains("兴华社区卫生服务中心主任"));
    assert!(md.contains("2 次"));
    assert!(md.contains("第 11 行"));
    let at = text.find("潍坊").unwrap();
    let md = hover_markdown(ix.at(at).unwrap());
    assert!(md.contains("**潍坊** · 地点"), "{md}");
    let at = text.find("海川集团").unwrap() + 3;
    assert!(hover_markdown(ix.at(at).unwrap()).contains("机构"));
}

#[test]
fn entities_cli_prints_groups() {
    let bin = env!("CARGO_BIN_EXE_zhproof");
    let out = std::process::Command::new(bin)
        .args(["entities", "tests/fixtures/entities_article.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("人物（5）"), "{s}");
    assert!(s.contains("机构（5）"));
    assert!(s.contains("地点（5）"));
    assert!(s.contains("陈志刚  2 次  李沧区委常委；宣传部长"));
}

/// Lists what the recognizer finds in the sample corpus (run with `--ignored`).
#[test]
#[ignore]
fn corpus_report() {
    let dir = std::path::Path::new("/work/shared/corpus");
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let a = analyze(&text, DocKind::Plain, Arc::new(Config::default()));
        let ix = a.entities();
        println!("== {}", f.display());
        for kind in [EntityKind::Person, EntityKind::Org, EntityKind::Place] {
            let list: Vec<String> = ix
                .of_kind(kind)
                .map(|e| format!("{}×{}", e.name, e.count()))
                .collect();
            println!("{} {}: {}", kind.label(), list.len(), list.join(" "));
        }
    }
}
