//! The command line, run as a user runs it.

use std::path::PathBuf;
use std::process::Stdio;

mod cli_common;
use cli_common::bin;

fn tmpdir(name: &str) -> PathBuf {
    cli_common::tmpdir("cli", name)
}

#[test]
fn check_prints_path_line_col_severity_code() {
    let d = tmpdir("text");
    let f = d.join("a.txt");
    std::fs::write(&f, "𠮷标题\r\n\r\n会议召开,部署工作。\n").unwrap();
    let out = bin().arg("check").arg(&f).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.trim(),
        format!(
            "{}:3:5: warning[punct-halfwidth] 中文语境中应使用全角标点“，”，而不是半角“,”",
            f.display()
        )
    );
    // warnings only: exit 0; --strict: exit 1
    assert_eq!(out.status.code(), Some(0));
    let out = bin().args(["check", "--strict"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn clean_file_exits_zero_and_prints_nothing() {
    let d = tmpdir("clean");
    let f = d.join("ok.md");
    std::fs::write(&f, "# 标题\n\n会议召开，部署工作。\n").unwrap();
    let out = bin().arg("check").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn json_has_byte_and_line_column_ranges() {
    let d = tmpdir("json");
    let f = d.join("a.txt");
    let text = "𠮷会议召开,部署工作。";
    std::fs::write(&f, text).unwrap();
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 1);
    let it = &items[0];
    assert_eq!(it["code"], "punct-halfwidth");
    let start = it["byte_range"]["start"].as_u64().unwrap() as usize;
    let end = it["byte_range"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], ",");
    assert_eq!(it["start"]["line"], 1);
    assert_eq!(it["start"]["column"], 6);
    assert_eq!(it["fix"]["edits"][0]["replacement"], "，");
}

#[test]
fn directories_are_recursed_and_bad_utf8_is_reported_without_stopping() {
    let d = tmpdir("dir");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/b.md"), "会议召开,部署工作。").unwrap();
    std::fs::write(d.join("a.txt"), "会议召开,部署工作。").unwrap();
    std::fs::write(d.join("ignored.rs"), "fn main(){}").unwrap();
    let mut bad = "中文".as_bytes().to_vec();
    bad.extend_from_slice(&[0xff, 0xfe]);
    std::fs::write(d.join("bad.txt"), bad).unwrap();
    let out = bin().arg("check").arg(&d).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.contains("a.txt:1:5:"));
    assert!(stdout.contains("b.md:1:5:"));
    assert!(
        stderr.contains("bad.txt") && stderr.contains("第 6 字节"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = bin()
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("会议召开,部署工作。".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("<stdin>:1:5: warning[punct-halfwidth]"));
}

#[test]
fn usage_errors_exit_two() {
    let out = bin()
        .arg("check")
        .arg("/nonexistent/zhproof.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fix_rewrites_the_file_and_leaves_nothing_fixable() {
    let d = tmpdir("fix");
    let f = d.join("a.txt");
    std::fs::write(&f, "红岛经济区(高新区)召开会议,部署工作:一是学习。\r\n").unwrap();
    let out = bin().args(["check", "--fix"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "红岛经济区（高新区）召开会议，部署工作：一是学习。\r\n"
    );
    // no temporary file left behind
    let names: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1);
    let out = bin().arg("check").arg(&f).output().unwrap();
    assert!(out.stdout.is_empty());
}

#[test]
fn outline_prints_a_tree() {
    let f = format!(
        "{}/tests/fixtures/work_plan.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = bin().args(["outline", &f]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].starts_with("标题：关于开展“比学赶超”专项行动的实施方案"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("      强化组织领导  (1.)")),
        "{s}"
    );
}

#[test]
fn rules_reference_lists_every_rule() {
    let out = bin().arg("rules").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("`punct-halfwidth`"));
    assert!(s.contains("错误："));
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let out = bin().arg("rules").output().unwrap();
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = format!("{}/docs/rules.md", env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == committed,
        "docs/rules.md is stale: run `cargo run -- rules > docs/rules.md`"
    );
}

/// Every rule's reference example: the wrong text fires the rule, the right text does not.
#[test]
fn every_rule_reference_example_behaves() {
    use std::sync::Arc;
    use zhproof::core::{analyze, rules, Config, DocKind, RuleSetting};
    let mut bad = Vec::new();
    for r in rules() {
        let mut cfg = Config::default();
        cfg.rules.insert(r.code.to_string(), RuleSetting::On(None));
        let cfg = Arc::new(cfg);
        let fires = |t: &str| {
            analyze(&format!("{t}\n"), DocKind::Plain, cfg.clone())
                .findings
                .iter()
                .any(|f| f.code == r.code)
        };
        if !fires(r.wrong) {
            bad.push(format!("{}: wrong example does not fire", r.code));
        }
        if fires(r.right) {
            bad.push(format!("{}: right example fires", r.code));
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
