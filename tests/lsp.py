#!/usr/bin/env python3
"""tests/lsp.py: `simc lsp` driven by a scripted client, as an editor does.

    lsp.py [SIMC]

On a copy of content/acme (in tests/tmp/): initialize; open the
priorities note and read its (empty) diagnostics; edit it (a rating out
of range, a dangling reference) and read the errors back at their line
and column; change an opportunity's id in another open note and see the
errors published at the notes that refer to it, open or not, and taken
back when it is undone; completion of keys (top level and in a record),
of a reference's ids, of an enum's words, of ids in a flow list; hover
on a key in English, then in German once the company note says
`language: de`; unknown methods; shutdown and exit (exit status 0).
Every read is bounded in time.  The last line is `N passed, N failed`.
"""
import json
import os
import select
import shutil
import subprocess
import sys
import time

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
simc = sys.argv[1] if len(sys.argv) > 1 else (os.environ.get("SIMC") or
                                              os.path.join(top, "simc"))
work = os.path.join(top, "tests", "tmp", "lsp.%d" % os.getpid())
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
acme = os.path.join(work, "acme")
shutil.copytree(os.path.join(top, "content", "acme"), acme)
passed = failed = 0


def ok(what, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s %s" % (what, detail))


def uri(name):
    return "file://" + os.path.join(acme, name)


wrap = os.environ.get("SIMC_WRAP", "")     # valgrind, as tests/run.sh
proc = subprocess.Popen((wrap + " " + simc).split() + ["lsp"], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, cwd=work)
buf = b""
queue = []
next_id = 0


def send(msg):
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()


def read_one(deadline):
    """The next message from the server, or None at the deadline."""
    global buf
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            headers = buf[:end].decode().split("\r\n")
            n = [int(h.split(":")[1]) for h in headers
                 if h.lower().startswith("content-length:")][0]
            if len(buf) >= end + 4 + n:
                body = buf[end + 4:end + 4 + n]
                buf = buf[end + 4 + n:]
                return json.loads(body)
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([proc.stdout], [], [], left)
        if not r:
            return None
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return None
        buf += chunk


def wait_for(pred, seconds=20):
    """The first message (queued or new) for which pred holds."""
    for i, m in enumerate(queue):
        if pred(m):
            return queue.pop(i)
    deadline = time.monotonic() + seconds
    while True:
        m = read_one(deadline)
        if m is None:
            return None
        if pred(m):
            return m
        queue.append(m)


def request(method, params):
    global next_id
    next_id += 1
    send({"jsonrpc": "2.0", "id": next_id, "method": method,
          "params": params})
    return wait_for(lambda m: m.get("id") == next_id and "method" not in m)


def notify(method, params):
    send({"jsonrpc": "2.0", "method": method, "params": params})


def diagnostics(name, seconds=20):
    m = wait_for(lambda m: m.get("method") ==
                 "textDocument/publishDiagnostics" and
                 m["params"]["uri"] == uri(name), seconds)
    return None if m is None else m["params"]["diagnostics"]


versions = {}


def open_note(name):
    text = open(os.path.join(acme, name), encoding="utf-8").read()
    versions[name] = 1
    notify("textDocument/didOpen", {"textDocument": {
        "uri": uri(name), "languageId": "markdown", "version": 1,
        "text": text}})
    return text


def change(name, text):
    versions[name] += 1
    notify("textDocument/didChange", {
        "textDocument": {"uri": uri(name), "version": versions[name]},
        "contentChanges": [{"text": text}]})


def labels(resp):
    r = resp.get("result") if resp else None
    if isinstance(r, dict):
        r = r.get("items")
    return [i["label"] for i in r or []]


def line_of(text, needle):
    return next(i for i, l in enumerate(text.split("\n")) if needle in l)


try:
    # Before initialize, requests are refused.
    r = request("textDocument/hover", {"textDocument": {"uri": uri("x.md")},
                                       "position": {"line": 0,
                                                    "character": 0}})
    ok("a request before initialize is refused",
       r and r.get("error", {}).get("code") == -32002, r)
    r = request("initialize", {"processId": os.getpid(), "rootUri":
                               "file://" + work, "capabilities": {}})
    caps = (r or {}).get("result", {}).get("capabilities", {})
    ok("initialize: full sync", caps.get("textDocumentSync", {}).get(
        "change") == 1, caps)
    ok("initialize: completion and hover", "completionProvider" in caps and
       caps.get("hoverProvider") is True, caps)
    notify("initialized", {})

    pri = "27-priorities.md"
    text = open_note(pri)
    d = diagnostics(pri)
    ok("open: the note's diagnostics, none", d == [], d)

    # An error while typing: a rating out of range, a dangling reference.
    bad = text.replace("    market_risk: 2\n", "    market_risk: 9\n", 1)
    bad = bad.replace("  - opportunity: O1\n", "  - opportunity: O99\n", 1)
    change(pri, bad)
    d = diagnostics(pri) or []
    rl = line_of(bad, "market_risk: 9")
    hit = [x for x in d if "market_risk" in x["message"]]
    ok("edit: the error of the rating", hit and hit[0]["severity"] == 1 and
       "from 1 to 5" in hit[0]["message"], d)
    ok("edit: at its line and column", hit and hit[0]["range"]["start"] ==
       {"line": rl, "character": len("    market_risk: ")},
       hit and hit[0]["range"])
    ok("edit: the range covers the value", hit and hit[0]["range"]["end"] ==
       {"line": rl, "character": len("    market_risk: 9")},
       hit and hit[0]["range"])
    ol = line_of(bad, "opportunity: O99")
    hit = [x for x in d if "O99" in x["message"]]
    ok("edit: the dangling reference", hit and hit[0]["range"]["start"] ==
       {"line": ol, "character": len("  - opportunity: ")}, d)
    ok("edit: the dangling reference's help lines", hit and
       "\nhelp: the opportunities are `O1`" in hit[0]["message"], hit)
    change(pri, text)
    d = diagnostics(pri)
    ok("undo: the errors are gone", d == [], d)

    # Another note's change shows at the notes that refer to it.
    opp = "26-opportunities.md"
    otext = open_note(opp)
    diagnostics(opp)
    queue.clear()   # the open notes' publications of that check
    change(opp, otext.replace("  - id: O1\n", "  - id: O1x\n", 1))
    d = diagnostics(pri) or []
    ok("a renamed id: an error at the open note that refers to it",
       any("O1" in x["message"] for x in d), d)
    d = diagnostics("28-concept.md") or []
    ok("a renamed id: an error at a note not open", any(
        "O1" in x["message"] for x in d), d)
    change(opp, otext)
    ok("undone: the open note clean again", diagnostics(pri) == [])
    sl = line_of(otext, "    source: fm/maintenance")
    r = request("textDocument/completion", {"textDocument": {"uri": uri(opp)},
                "position": {"line": sl, "character": len("    source: ")}})
    got = labels(r)
    ok("completion: journey stages as SEGMENT/STAGE", "fm/maintenance" in got
       and "hotel/purchase" in got, got)
    ok("undone: the note not open cleared", diagnostics("28-concept.md") ==
       [])

    # Completion: keys at the top, keys of a record, a reference's ids.
    lines = text.split("\n")
    lines.insert(1, "")
    edited = "\n".join(lines)
    change(pri, edited)
    diagnostics(pri)
    r = request("textDocument/completion", {"textDocument": {"uri": uri(pri)},
                "position": {"line": 1, "character": 0}})
    got = labels(r)
    ok("completion: top-level keys", "priorities" in got and "status" in got,
       got)
    kl = line_of(edited, "    effort: 3")
    lines = edited.split("\n")
    lines.insert(kl, "    ma")
    edited2 = "\n".join(lines)
    change(pri, edited2)
    r = request("textDocument/completion", {"textDocument": {"uri": uri(pri)},
                "position": {"line": kl, "character": 6}})
    got = labels(r)
    ok("completion: the keys of a priority row", "market_risk" in got and
       "technology_risk" in got and "priorities" not in got, got)
    items = (r or {}).get("result") or []
    mr = [i for i in items if i.get("label") == "market_risk"]
    ok("completion: a key's label and question", mr and
       mr[0].get("detail") == "Market risk" and "willingness to pay" in
       mr[0].get("documentation", {}).get("value", ""), mr)
    ol = line_of(edited2, "  - opportunity: O1")
    r = request("textDocument/completion", {"textDocument": {"uri": uri(pri)},
                "position": {"line": ol, "character":
                             len("  - opportunity: ")}})
    got = labels(r)
    ok("completion: the ids of opportunities", set(["O1", "O2", "O3"]) <=
       set(got), got)
    items = (r or {}).get("result") or []
    o1 = [i for i in items if i.get("label") == "O1"]
    ok("completion: an id with its name", o1 and o1[0].get("detail"), o1)
    change(pri, text)

    asm = "41-assumptions.md"
    atext = open_note(asm)
    al = line_of(atext, "    about: environment")
    r = request("textDocument/completion", {"textDocument": {"uri": uri(asm)},
                "position": {"line": al, "character": len("    about: ")}})
    got = labels(r)
    ok("completion: an enum's words", sorted(got) ==
       ["company", "environment", "people"], got)
    jt = open_note("24-journey-fm.md")
    r = request("textDocument/completion", {"textDocument": {
                "uri": uri("24-journey-fm.md")}, "position": {
                "line": line_of(jt, "persona:"), "character": len("persona: ")}})
    got = labels(r)
    ok("completion: personas by name", "Mateja Koželj" in got, got)
    ll = line_of(atext, "    links: [G1, G2]")
    r = request("textDocument/completion", {"textDocument": {"uri": uri(asm)},
                "position": {"line": ll, "character": len("    links: [G1, ")}})
    got = labels(r)
    ok("completion: goals, strategies and activities in a flow list",
       "G1" in got and "S1" in got and "1a" in got, got)

    # Hover: the label and question, in the company's language.
    ml = line_of(text, "    market_risk: 2")
    pos = {"textDocument": {"uri": uri(pri)},
           "position": {"line": ml, "character": 6}}
    r = request("textDocument/hover", pos)
    v = ((r or {}).get("result") or {}).get("contents", {}).get("value", "")
    ok("hover: the label", "**Market risk**" in v, v)
    ok("hover: the guiding question", "willingness to pay" in v, v)
    rng = ((r or {}).get("result") or {}).get("range")
    ok("hover: the key's range", rng == {"start": {"line": ml, "character": 4},
       "end": {"line": ml, "character": 4 + len("market_risk")}}, rng)
    co = "00-company.md"
    ctext = open_note(co)
    change(co, ctext.replace("language: en", "language: de", 1))
    diagnostics(co)
    r = request("textDocument/hover", pos)
    v = ((r or {}).get("result") or {}).get("contents", {}).get("value", "")
    ok("hover: in the label language", "**Marktrisiko**" in v, v)
    r = request("textDocument/hover", {"textDocument": {"uri": uri(pri)},
                "position": {"line": ml, "character": 20}})
    ok("hover: nothing on a value", r and r.get("result") is None, r)

    notify("textDocument/didClose", {"textDocument": {"uri": uri(co)}})
    d = diagnostics(co)
    ok("close: its diagnostics cleared", d == [], d)

    # A folder of other Markdown (no company note): only the open note.
    misc = os.path.join(work, "misc")
    os.makedirs(misc)
    for n in ("a.md", "b.md"):
        with open(os.path.join(misc, n), "w") as f:
            f.write("# Just Markdown\n")
    queue.clear()
    notify("textDocument/didOpen", {"textDocument": {
        "uri": "file://" + os.path.join(misc, "a.md"), "languageId":
        "markdown", "version": 1, "text": "# Just Markdown\n"}})
    m = wait_for(lambda m: m.get("method") ==
                 "textDocument/publishDiagnostics" and
                 m["params"]["uri"].endswith("/misc/a.md"))
    d = m["params"]["diagnostics"] if m else None
    ok("no company: the open note's error", d and
       "front matter" in d[0]["message"] and d[0]["range"]["start"] ==
       {"line": 0, "character": 0}, d)
    m = wait_for(lambda m: m.get("method") ==
                 "textDocument/publishDiagnostics" and
                 m["params"]["uri"].endswith("/misc/b.md"), 1)
    ok("no company: nothing at the notes not open", m is None, m)

    r = request("textDocument/definition", {"textDocument": {"uri": uri(pri)},
                "position": {"line": 0, "character": 0}})
    ok("an unknown method", r and r.get("error", {}).get("code") == -32601, r)
    r = request("shutdown", None)
    ok("shutdown", r is not None and "result" in r and r["result"] is None, r)
    notify("exit", None)
    try:
        rc = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = None
    ok("exit after shutdown: status 0", rc == 0, rc)
    err = [m for m in queue if "error" in m]
    ok("no stray errors", not err, err)
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()

if failed == 0:
    shutil.rmtree(work, ignore_errors=True)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
