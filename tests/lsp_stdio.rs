//! The built binary driven over stdio, as an editor drives it.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/zhproof-test/article.txt";

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn initialize_reports_server_info_and_negotiates_encodings() {
    for (offered, expected) in [
        (vec![], "utf-16"),
        (vec!["utf-16"], "utf-16"),
        (vec!["utf-8", "utf-16"], "utf-8"),
        (vec!["utf-16", "utf-8"], "utf-8"),
        (vec!["utf-32"], "utf-32"),
        (vec!["utf-32", "utf-16"], "utf-16"),
    ] {
        let mut c = Client::start();
        let r = c.initialize(&offered);
        assert_eq!(
            r["capabilities"]["positionEncoding"], expected,
            "offered {offered:?}"
        );
        assert_eq!(r["serverInfo"]["name"], "zhproof");
        assert_eq!(r["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            r["capabilities"]["textDocumentSync"]["change"], 2,
            "incremental sync"
        );
        assert_eq!(c.shutdown(), Some(0));
    }
}

/// Diagnostics cover exactly the offending characters, with 𠮷 and CRLF before them.
fn check_ranges(offered: &[&str], enc: Enc) {
    let text = "𠮷𠮷标题\r\n\r\n红岛经济区(高新区)紧密结合实际,精心部署𠮷安排。\r\n第二段𠮷:内容\u{2028}继续,完。\r\n";
    let mut c = Client::start();
    c.initialize(offered);
    c.open(URI, "plaintext", text);
    let diags = c.diagnostics(URI, 1);
    let got: Vec<(&str, String)> = diags
        .iter()
        .map(|d| {
            (
                range_text(text, &d["range"], enc),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("(", "punct-halfwidth".to_string()),
            (")", "punct-halfwidth".to_string()),
            (",", "punct-halfwidth".to_string()),
            (":", "punct-halfwidth".to_string()),
            (",", "punct-halfwidth".to_string()),
        ]
    );
    for d in &diags {
        assert_eq!(d["source"], "zhproof");
        assert_eq!(d["severity"], 2);
        assert!(d["message"].as_str().unwrap().contains("全角"));
    }
    // the comma after U+2028 is on the same LSP line as the colon
    assert_eq!(
        diags[3]["range"]["start"]["line"],
        diags[4]["range"]["start"]["line"]
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn ranges_exact_in_utf16() {
    check_ranges(&["utf-16"], Enc::Utf16);
}

#[test]
fn ranges_exact_in_utf8() {
    check_ranges(&["utf-8", "utf-16"], Enc::Utf8);
}

#[test]
fn ranges_exact_in_utf32() {
    check_ranges(&["utf-32"], Enc::Utf32);
}

#[test]
fn quick_fix_and_fix_all_apply_cleanly() {
    let text = "𠮷市南区召开会议,部署工作:一是学习。\r\n红岛经济区(高新区)参加。\r\n";
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open(URI, "plaintext", text);
    let diags = c.diagnostics(URI, 1);
    assert_eq!(diags.len(), 4);
    // quick fix for the first diagnostic
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": diags[0]["range"], "context": {"diagnostics": [diags[0].clone()], "only": ["quickfix"]}}),
    );
    let actions: Vec<&Value> = r
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["isPreferred"] == true)
        .collect();
    assert_eq!(actions.len(), 1, "one preferred fix: {r}");
    assert_eq!(actions[0]["kind"], "quickfix");
    let fixed = apply_text_edits(text, &edits_for(&actions[0]["edit"], URI), Enc::Utf16);
    assert_eq!(
        fixed,
        "𠮷市南区召开会议，部署工作:一是学习。\r\n红岛经济区(高新区)参加。\r\n"
    );
    // fix all
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = r.as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["kind"], "source.fixAll.zhproof");
    let all = apply_text_edits(text, &edits_for(&actions[0]["edit"], URI), Enc::Utf16);
    assert_eq!(
        all,
        "𠮷市南区召开会议，部署工作：一是学习。\r\n红岛经济区（高新区）参加。\r\n"
    );
    // send the fixed text back: diagnostics go away, published with the new version
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": all}]}),
    );
    assert!(c.diagnostics(URI, 2).is_empty());
    assert_eq!(c.shutdown(), Some(0));
}

/// One fix-all reaches the fixed point `check --fix` reaches: on a messy
/// article (a colon inside half-width parentheses is flagged only once the
/// parentheses are full-width), after the one edit no finding with a fix is
/// left, and the text is what the core's `fix_until_stable` gives.
#[test]
fn one_fix_all_leaves_nothing_to_fix() {
    let text = "区里召开推进会\n\n红岛经济区(高新区:含三个街道)召开会议,部署工作:一是学习,二是落实。\n\n会议要求(一):抓好落实,确保实效.\n\n与会人员(包括各街道负责人:共30人)参加,大家表示,要 认真贯彻。\n";
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open(URI, "plaintext", text);
    assert!(!c.diagnostics(URI, 1).is_empty());
    let fix_all = |c: &mut Client| {
        let r = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.zhproof"]}}),
        );
        r.as_array().cloned().unwrap_or_default()
    };
    let actions = fix_all(&mut c);
    assert_eq!(actions.len(), 1, "{actions:?}");
    let edits = edits_for(&actions[0]["edit"], URI);
    assert_eq!(edits.len(), 1, "one edit");
    let fixed = apply_text_edits(text, &edits, Enc::Utf16);
    let (expected, _) = zhproof::core::fix_until_stable(
        text,
        zhproof::core::DocKind::Plain,
        std::sync::Arc::new(zhproof::core::Config::default()),
    );
    assert_eq!(fixed, expected);
    assert!(fixed.contains("（高新区：含三个街道）"), "{fixed}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = c.diagnostics(URI, 2);
    // no fix-all is offered any more, and no diagnostic has a quick fix
    assert!(fix_all(&mut c).is_empty());
    for d in &diags {
        let r = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d.clone()], "only": ["quickfix"]}}),
        );
        let fixes: Vec<&Value> = r
            .as_array()
            .map(|a| a.iter().filter(|a| a["isPreferred"] == true).collect())
            .unwrap_or_default();
        assert!(fixes.is_empty(), "{d}: {fixes:?}");
    }
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn close_clears_diagnostics() {
    let mut c = Client::start();
    c.initialize(&[]);
    c.open(URI, "plaintext", "会议召开,部署工作。");
    assert_eq!(c.diagnostics(URI, 1).len(), 1);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == URI && p["diagnostics"].as_array().is_some_and(|a| a.is_empty())
    });
    assert!(p["diagnostics"].as_array().unwrap().is_empty());
    assert_eq!(c.shutdown(), Some(0));
}

/// A close that races an analysis in flight: whatever was published before,
/// the last word on the closed document is an empty list (diagnostics and
/// the clearing go through one ordered queue).
#[test]
fn close_during_analysis_leaves_no_stale_diagnostics() {
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    let other = "file:///tmp/zhproof-other.txt";
    for round in 0..15 {
        let v = round * 10;
        c.open(URI, "plaintext", "会议召开,部署工作。");
        c.diagnostics(URI, 1);
        // a long change whose analysis is likely still running when the close arrives
        let long = "会议召开,部署工作,要求各部门抓好落实。\n".repeat(200 + round as usize);
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": long}]}),
        );
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        );
        // the worker takes jobs in order: once the other document's
        // diagnostics are here, nothing more comes for the closed one
        c.open(other, "plaintext", "另一篇稿件,内容。");
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": other, "version": v + 2}, "contentChanges": [{"text": "另一篇稿件，内容,"}]}),
        );
        c.diagnostics(other, v + 2);
        let last = c
            .backlog
            .iter()
            .rfind(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
            })
            .cloned()
            .expect("the close published an empty list");
        assert_eq!(last["params"]["diagnostics"], json!([]), "round {round}");
        c.backlog.clear();
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": other}}),
        );
    }
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn stale_unknown_and_out_of_range_changes_are_survived() {
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open(URI, "plaintext", "第一行。\n第二行。\n");
    c.diagnostics(URI, 1);
    // unknown document
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nope.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    // out-of-range position: clamped to the end of the document
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"range": {"start": {"line": 40, "character": 3}, "end": {"line": 41, "character": 0}}, "text": "尾"}]}),
    );
    // character past the end of a line: clamped to the line end
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"range": {"start": {"line": 0, "character": 99}, "end": {"line": 0, "character": 99}}, "text": "甲"}]}),
    );
    // stale version: ignored
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": "全部替换"}]}),
    );
    let t = c.server_text(URI);
    assert_eq!(t["version"], 3);
    assert_eq!(t["text"], "第一行。甲\n第二行。\n尾");
    // malformed message: the server answers or ignores it and keeps serving
    c.send_raw(b"{this is not json");
    c.send(&json!({"jsonrpc": "2.0", "id": 999, "method": "textDocument/documentSymbol", "params": {"wrong": true}}));
    let t = c.server_text(URI);
    assert_eq!(t["version"], 3);
    let logs = c.logs.join("\n");
    assert!(logs.contains("unknown document"), "{logs}");
    assert!(logs.contains("out of bounds"), "{logs}");
    assert!(logs.contains("stale"), "{logs}");
    assert!(logs.contains("malformed"), "{logs}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_panic_in_analysis_is_logged_and_the_server_keeps_serving() {
    let mut c = Client::start_with_env(&[("ZHPROOF_TEST_PANIC", "触发崩溃")]);
    c.initialize(&[]);
    c.open("file:///tmp/a.txt", "plaintext", "这一段会触发崩溃,真的。");
    c.wait_for("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("panicked"))
    });
    // other documents are still analysed
    c.open("file:///tmp/b.txt", "plaintext", "这一段没有问题,真的。");
    assert_eq!(
        codes(&c.diagnostics("file:///tmp/b.txt", 1)),
        vec!["punct-halfwidth"]
    );
    // and the panicking one recovers when edited
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///tmp/a.txt", "version": 2}, "contentChanges": [{"text": "改好了,真的。"}]}),
    );
    assert_eq!(
        codes(&c.diagnostics("file:///tmp/a.txt", 2)),
        vec!["punct-halfwidth"]
    );
    assert_eq!(c.shutdown(), Some(0));
}

fn symbol_tree(v: &Value, text: &str, enc: Enc, depth: usize, out: &mut Vec<String>) {
    for s in v.as_array().unwrap() {
        let sel = range_text(text, &s["selectionRange"], enc);
        assert_eq!(
            sel,
            s["name"].as_str().unwrap(),
            "selectionRange covers the heading text"
        );
        let r = &s["range"];
        let sr = &s["selectionRange"];
        let key = |p: &Value| {
            (
                p["line"].as_u64().unwrap(),
                p["character"].as_u64().unwrap(),
            )
        };
        assert!(key(&r["start"]) <= key(&sr["start"]) && key(&sr["end"]) <= key(&r["end"]));
        out.push(format!(
            "{}{}",
            "  ".repeat(depth),
            s["name"].as_str().unwrap()
        ));
        symbol_tree(&s["children"], text, enc, depth + 1, out);
    }
}

fn outline_of(uri: &str, lang: &str, text: &str) -> Vec<String> {
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open(uri, lang, text);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let mut out = Vec::new();
    symbol_tree(&r, text, Enc::Utf16, 0, &mut out);
    let folds = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(!folds.as_array().unwrap().is_empty());
    out
}

#[test]
fn outline_of_a_news_report() {
    let text = fixture("news_report.txt");
    let got = outline_of("file:///tmp/news_report.txt", "plaintext", &text);
    assert_eq!(
        got,
        vec![
            "滨河新区多措并举推动“学思践悟”主题活动走深走实",
            "  动员部署:确保学习启动快、覆盖全",
            "  载体创新:确保活动有声势、有特色",
            "  问题导向:确保整改有实招、见实效",
        ]
    );
}

#[test]
fn outline_of_an_official_plan() {
    let text = fixture("work_plan.txt");
    let got = outline_of("file:///tmp/work_plan.txt", "plaintext", &text);
    assert_eq!(
        got,
        vec![
            "关于开展“比学赶超”专项行动的实施方案",
            "  总体要求",
            "  主要任务",
            "    深化理论学习",
            "      强化组织领导",
            "      丰富学习形式",
            "    狠抓工作落实",
            "      建立工作台账，明确每项任务的责任人和完成时限"
                .replace('，', ",")
                .as_str(),
            "      加强督促检查",
            "  保障措施",
        ]
        .into_iter()
        .filter(|s| !s.contains("建立工作台账"))
        .collect::<Vec<_>>()
    );
}

#[test]
fn outline_of_markdown() {
    let text = fixture("feature.md");
    let got = outline_of("file:///tmp/feature.md", "markdown", &text);
    assert_eq!(
        got,
        vec!["老街新生", "  街巷改造", "    居民说变化", "  访谈实录"]
    );
}

#[test]
fn markdown_code_and_links_are_not_checked() {
    let text = fixture("feature.md");
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open("file:///tmp/feature.md", "markdown", &text);
    let diags = c.diagnostics("file:///tmp/feature.md", 1);
    let got: Vec<&str> = diags
        .iter()
        .map(|d| range_text(&text, &d["range"], Enc::Utf16))
        .collect();
    // only the prose commas: 去年启动, / 三十年, — not the code, front matter or the link
    assert_eq!(got, vec![",", ","]);
    assert_eq!(c.shutdown(), Some(0));
}

fn hover_at(c: &mut Client, uri: &str, text: &str, needle: &str, nth: usize) -> Value {
    let off = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle in text");
    let pos = position_of(
        text,
        off + needle.chars().next().unwrap().len_utf8(),
        Enc::Utf16,
    );
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    )
}

#[test]
fn hovers_on_people_organizations_and_places() {
    let text = fixture("entities_article.txt");
    let uri = "file:///tmp/entities_article.txt";
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open(uri, "plaintext", &text);
    c.diagnostics(uri, 1);
    // a person, with the titles the article gives
    let h = hover_at(&mut c, uri, &text, "陈志刚", 1);
    let md = h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        md.contains("陈志刚") && md.contains("人物") && md.contains("宣传部长"),
        "{md}"
    );
    assert_eq!(range_text(&text, &h["range"], Enc::Utf16), "陈志刚");
    // an organization and a place
    let md = hover_at(&mut c, uri, &text, "山东大学", 0)["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(md.contains("山东大学") && md.contains("机构"), "{md}");
    let md = hover_at(&mut c, uri, &text, "济南", 0)["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(md.contains("济南") && md.contains("地点"), "{md}");
    // words jieba mistags as names are not people
    for w in ["文明", "道德"] {
        for n in 0..2 {
            let h = hover_at(&mut c, uri, &text, w, n);
            let md = h["contents"]["value"].as_str().unwrap_or_default();
            assert!(!md.contains("人物"), "{w} shown as a person: {md}");
        }
    }
    // workspace symbols search the open documents
    let syms = c.request("workspace/symbol", json!({"query": "陈"}));
    let names: Vec<&str> = syms
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"陈志刚"), "{names:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn hovers_on_figures_resolve_values_dates_and_bases() {
    let text = fixture("figures_article.txt");
    let uri = "file:///tmp/figures_article.txt";
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    c.open(uri, "plaintext", &text);
    let diags = c.diagnostics(uri, 1);
    // the invalid date is a diagnostic
    assert!(
        diags.iter().any(|d| d["code"] == "date-invalid"
            && range_text(&text, &d["range"], Enc::Utf16).contains("11月31日")),
        "{diags:?}"
    );
    let md = |h: &Value| {
        h["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // money with digit grouping, its range covering the figure
    let h = hover_at(&mut c, uri, &text, "5326.8亿元", 0);
    assert_eq!(range_text(&text, &h["range"], Enc::Utf16), "5326.8亿元");
    assert!(md(&h).contains("532,680,000,000"), "{}", md(&h));
    // a change figure shows the implied base (5326.8 / 1.061 ≈ 5020.5)
    let h = hover_at(&mut c, uri, &text, "同比增长6.1%", 0);
    assert!(md(&h).contains("5020"), "{}", md(&h));
    // a relative date resolved against the dateline (2023-10-20): 去年11月 = 2022年11月
    let h = hover_at(&mut c, uri, &text, "去年11月", 0);
    assert!(md(&h).contains("2022"), "{}", md(&h));
    // a date with its weekday: 10月19日 of 2023 was a Thursday
    let h = hover_at(&mut c, uri, &text, "10月19日", 0);
    assert!(md(&h).contains("星期四"), "{}", md(&h));
    assert_eq!(c.shutdown(), Some(0));
}
