#!/usr/bin/env python3
"""Write the fuzz seeds and dictionary from the project's own files:

- seeds/text/: the test fixtures cut into paragraphs (and small groups of
  paragraphs), each at most MAX bytes, with the target's kind byte in front
  ('p' plain text, 'm' Markdown: the targets read an odd first byte as
  Markdown), plus a few hand-made edge cases (CRLF, lone CR, U+2028, astral
  characters, combining marks, NUL).
- seeds/config/: 'T' + the TOML examples of docs/configuration.md, and
  'S' + editor settings JSON (the config target reads an odd first byte as JSON).
- zhproof.dict: the marks and words the rules look for (punctuation, rule
  codes, suppression comments, Markdown syntax, the word lists' entries).

Run from anywhere: python3 fuzz/make_seeds.py
"""
import hashlib
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MAX = 600


def write_seed(d, data):
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def cut(text, limit):
    """Paragraphs, and runs of up to three paragraphs, each under limit bytes."""
    paras = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    out = []
    for i in range(len(paras)):
        for k in (1, 2, 3):
            piece = "\n".join(paras[i:i + k]) if k < 3 else "\n\n".join(paras[i:i + k])
            b = piece.encode()
            if len(b) > limit:
                # cut at a character boundary
                b = b[:limit]
                while b and (b[-1] & 0xC0) == 0x80:
                    b = b[:-1]
                if b and b[-1] >= 0xC0:
                    b = b[:-1]
            out.append(b)
    return out


def main():
    text_dir = os.path.join(HERE, "seeds", "text")
    cfg_dir = os.path.join(HERE, "seeds", "config")
    fx = os.path.join(ROOT, "tests", "fixtures")
    for name in sorted(os.listdir(fx)):
        if not (name.endswith(".txt") or name.endswith(".md")):
            continue
        kind = b"m" if name.endswith(".md") else b"p"
        with open(os.path.join(fx, name), encoding="utf-8") as f:
            text = f.read()
        for piece in cut(text, MAX - 1):
            write_seed(text_dir, kind + piece)
    edge = [
        "𠮷中,\r\n第二行\u2028x\r末行\r\n\n空行后𠮷😀a\u000cb",
        "一、总体要求\r\n\r\n（一）指导思想。\r二是加强领导\n",
        "\u0301\u0301\u0308\u20dd",
        "😀👍🏽👨‍👩‍👧\ufe0f",
        "\u0000\u0000会议\u0000召开,",
        "“引号‘未配对。（括号",
        "本报记者 王某某 2024年3月5日讯\n\n今年1至9月利用内资81.73亿元，同比增长7.8%。",
        "<!-- zhproof-disable-next-line punct-halfwidth -->\n会议召开,部署工作。",
        "# 标题\n\n```\ncode,\n```\n\n| a | b |\n|---|---|\n| 甲,乙 | [链接](http://a.b/c,d) |",
    ]
    for e in edge:
        write_seed(text_dir, b"p" + e.encode())
        write_seed(text_dir, b"m" + e.encode())
    # an edit op for reanalyze/fix: 0xFF, position, delete count, insertion
    write_seed(text_dir, b"p" + "第一段,内容。\n\n第二段。".encode() + b"\xff\x00\x80\x02" + "，".encode())

    # configuration: the TOML blocks of docs/configuration.md, and settings
    with open(os.path.join(ROOT, "docs", "configuration.md"), encoding="utf-8") as f:
        doc = f.read()
    for block in re.findall(r"```toml\n(.*?)```", doc, re.S):
        write_seed(cfg_dir, b"T" + block.encode())
        for line in block.splitlines():
            if line.strip() and not line.startswith("#"):
                write_seed(cfg_dir, b"T" + line.encode())
    for block in re.findall(r"```json\n(.*?)```", doc, re.S):
        write_seed(cfg_dir, b"S" + block.encode())
    for s in [
        '{"rules": {"punct-halfwidth": "error", "typo": false}, "style": {"spacing": "always"}}',
        '{"words": ["王建国", 3, ""], "ignore": ["*.md"], "articleDate": "2024-02-30"}',
        '{"rules": {"punct-halfwith": "warn"}, "style": {"quotes": "「」"}}',
        '[1, null, {"rules": []}]',
    ]:
        write_seed(cfg_dir, b"S" + s.encode())
    for s in [
        '[rules]\npunct-halfwidth = "error"\nunknown-rule = "off"\n',
        'words = ["王建国强调"]\nignore = ["**/*.md"]\narticle_date = 2024-03-05\n',
        '[style]\nspacing = "never"\nquotes = 3\n[rules\n',
        'words = [\n',
    ]:
        write_seed(cfg_dir, b"T" + s.encode())

    # the dictionary
    tokens = set()
    marks = "，。、；：？！“”‘’（）《》〈〉【】〔〕［］｛｝—…·～,.;:?!\"'()[]{}<>-~%％／/\\　 \t\r\n\u2028\u2029\ufeff\u00a0"
    for c in marks:
        tokens.add(c)
    for t in ["\r\n", "\n\n", "……", "——", "——", "。”", "，“", "”，", "......", "...", ",,", "。。",
              "（一）", "一、", "1.", "（1）", "第一章", "第一条", "二是", "一是",
              "# ", "## ", "```", "`", "**", "*", "_", "> ", "- ", "| ", "|---|", "[", "](", "![", "<br>",
              "---\n", "http://", "https://", "www.", "@", ".com", "<!-- ", " -->", "%% ",
              "zhproof-disable", "zhproof-enable", "zhproof-disable-line", "zhproof-disable-next-line",
              "年", "月", "日", "亿元", "万元", "%", "同比增长", "下降", "约", "左右", "至", "星期",
              "本报讯", "记者", "通讯员", "电", "讯", "的", "地", "得", "𠮷", "😀", "\u0301", "\u200d",
              "〇", "两", "零", "０", "１", "Ａ", "ａ", "GDP", "APP", "e", "é"]:
        tokens.add(t)
    with open(os.path.join(ROOT, "docs", "rules.md"), encoding="utf-8") as f:
        for code in re.findall(r"`([a-z][a-z0-9]+(?:-[a-z0-9]+)+)`", f.read()):
            tokens.add(code)
    data = os.path.join(ROOT, "data")
    per_file = 60
    for name in sorted(os.listdir(data)):
        if not name.endswith(".txt"):
            continue
        n = 0
        with open(os.path.join(data, name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                for field in line.split("\t")[:2]:
                    field = field.lstrip("^").strip()
                    if 0 < len(field.encode()) <= 24:
                        tokens.add(field)
                n += 1
                if n >= per_file:
                    break

    def esc(s):
        out = []
        for b in s.encode():
            if 0x20 <= b < 0x7F and b not in (0x22, 0x5C):
                out.append(chr(b))
            else:
                out.append("\\x%02X" % b)
        return "".join(out)

    with open(os.path.join(HERE, "zhproof.dict"), "w") as f:
        f.write("# The marks and words zhproof's rules look for (written by make_seeds.py).\n")
        for t in sorted(tokens):
            f.write('"%s"\n' % esc(t))
    print(len(tokens), "dictionary entries")


main()
