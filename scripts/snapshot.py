#!/usr/bin/env python3
"""Differential snapshot of everything zhproof says about a set of texts.

    scripts/snapshot.py BINARY OUTDIR FILE...

For each file it records, with BINARY:
  - `check --format json`, `outline` and `entities` from the command line;
  - over the language server (stdio, UTF-16 positions): the published
    diagnostics, the document symbols, and the hover at every character.

Two builds are compared with `diff -r OUTDIR_A OUTDIR_B`: a refactoring or a
speed change must leave it empty. Only the standard library is used.
"""
import json
import os
import subprocess
import sys


def lsp_snapshot(binary, path, text, kind):
    p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    next_id = [0]

    def send(msg):
        body = json.dumps(msg, ensure_ascii=False).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p.stdin.flush()

    def read():
        length = None
        while True:
            line = p.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(p.stdout.read(length))

    def request(method, params):
        next_id[0] += 1
        rid = next_id[0]
        send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = read()
            if m.get("id") == rid and "method" not in m:
                return m.get("result")
            if "method" in m and "id" in m:  # a server request: answer null
                send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            elif m.get("method") == "textDocument/publishDiagnostics":
                diags.append(m["params"])

    diags = []
    uri = "file://" + os.path.abspath(path)
    request("initialize", {"processId": None, "rootUri": None,
                           "capabilities": {"general": {"positionEncodings": ["utf-16"]}}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": kind, "version": 1, "text": text}}})
    symbols = request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    # wait for the diagnostics of version 1
    while not any(d.get("version") == 1 for d in diags):
        m = read()
        if m.get("method") == "textDocument/publishDiagnostics":
            diags.append(m["params"])
        elif "method" in m and "id" in m:
            send({"jsonrpc": "2.0", "id": m["id"], "result": None})
    hovers = []
    line, col = 0, 0
    last = None
    for ch in text:
        h = request("textDocument/hover", {"textDocument": {"uri": uri},
                                            "position": {"line": line, "character": col}})
        key = json.dumps(h, ensure_ascii=False, sort_keys=True)
        if h is not None and key != last:
            hovers.append({"at": [line, col], "hover": h})
        last = key
        if ch == "\n":
            line, col = line + 1, 0
        else:
            col += 2 if ord(ch) > 0xFFFF else 1
    request("shutdown", None)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait(timeout=30)
    final = [d for d in diags if d.get("version") == 1][-1]
    return {"diagnostics": final["diagnostics"], "symbols": symbols, "hovers": hovers}


def main():
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[3:]:
        name = os.path.basename(path)
        kind = "markdown" if path.endswith(".md") else "plaintext"
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for cmd in (["check", "--format", "json"], ["outline"], ["entities"]):
            r = subprocess.run([binary, *cmd, path], capture_output=True)
            with open(os.path.join(out, f"{name}.{cmd[0]}"), "wb") as f:
                f.write(r.stdout.replace(path.encode(), b"FILE"))
                f.write(b"\nexit %d\n" % r.returncode)
        snap = lsp_snapshot(binary, path, text, kind)
        with open(os.path.join(out, f"{name}.lsp.json"), "w", encoding="utf-8") as f:
            json.dump(snap, f, ensure_ascii=False, indent=1, sort_keys=True)
        print(name, len(snap["diagnostics"]), "diagnostics,", len(snap["hovers"]), "hovers")


if __name__ == "__main__":
    main()
