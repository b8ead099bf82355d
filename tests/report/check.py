#!/usr/bin/env python3
"""tests/report/check.py: what `simc report` wrote, read back.

    check.py gen DIR N            writes N companies into DIR (copies of
                                  content/acme with varied thresholds,
                                  concepts, markets, some with errors) and
                                  prints the totals they must give, as JSON
    check.py totals OUT EXPECTED  checks OUT/programme/report.csv (read
                                  with the csv module) and the totals boxes
                                  of report.html against EXPECTED (JSON)

Prints one line per failure and exits 1 when there was one.
"""
import csv
import json
import os
import re
import shutil
import sys

FORMULA = ("=", "+", "-", "@", "\t", "\r")


def gen(out, n):
    src = os.path.join(os.path.dirname(__file__), "..", "..", "content", "acme")
    exp = {"companies": n, "concepts": 0, "t1": 0, "t2": 0, "t3": 0,
           "markets": 2, "errors": 0}
    for i in range(n):
        d = os.path.join(out, "co%03d" % i)
        shutil.copytree(src, d)
        month = 1 + i % 12
        t1 = i % 4 != 0
        t2 = t1 and i % 3 != 0
        t3 = t2 and i % 5 == 0
        lines = ["---", "tool: milestones", "decisions:",
                 "  strategy_accepted: 2024-01-10",
                 "  internationalisation_accepted: 2024-02-01",
                 "thresholds:"]
        if t1:
            lines += ["  t1:", "    date: 2024-%02d-05" % month,
                      "    evidence: In the price list."]
        if t2:
            lines += ["  t2:", "    date: 2025-%02d-10" % month,
                      "    evidence: First invoice."]
        if t3:
            lines += ["  t3:", "    date: 2026-%02d-20" % month,
                      "    evidence: Sold abroad."]
        lines += ["---", ""]
        with open(os.path.join(d, "44-milestones.md"), "w") as f:
            f.write("\n".join(lines))
        concept = i % 6 != 0
        if not concept:
            p = os.path.join(d, "28-concept.md")
            text = open(p).read().replace("tool: concept\n",
                                          "tool: concept\nstatus: draft\n", 1)
            open(p, "w").write(text)
        if i % 10 == 0:
            p = os.path.join(d, "51-international.md")
            text = open(p).read().replace(
                "markets:\n", "markets:\n  - country: IT\n    delivery: remote\n", 1)
            open(p, "w").write(text)
            exp["markets"] = 3
        errors = i % 50 == 7
        if errors:
            with open(os.path.join(d, "99-broken.md"), "w") as f:
                f.write("---\ntool: nonsense\n---\n")
        exp["t1"] += t1
        exp["t2"] += t2
        exp["t3"] += t3
        # A note in error leaves the concept as it is: it counts.
        exp["concepts"] += concept
        exp["errors"] += errors
    print(json.dumps(exp))


def totals(out, expected):
    exp = json.loads(open(expected).read()) if os.path.exists(expected) \
        else json.loads(expected)
    bad = []
    with open(os.path.join(out, "programme", "report.csv"), newline="",
              encoding="utf-8") as f:
        raw = f.read()
    if not raw.endswith("\r\n"):
        bad.append("csv: records do not end in CRLF (RFC 4180)")
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    got = {"companies": len(rows),
           "concepts": sum(r["concept_complete"] == "yes" for r in rows),
           "t1": sum(r["t1"] != "" for r in rows),
           "t2": sum(r["t2"] != "" for r in rows),
           "t3": sum(r["t3"] != "" for r in rows),
           "errors": sum(int(r["errors"]) > 0 for r in rows)}
    countries = set()
    for r in rows:
        countries |= {c.strip() for c in r["markets"].split(",") if c.strip()}
    got["markets"] = len(countries)
    for k, v in exp.items():
        if got.get(k) != v:
            bad.append("csv: %s is %s, expected %s" % (k, got.get(k), v))
    for r in rows:
        for k, v in r.items():
            if v and v[0] in FORMULA:
                bad.append("csv: %s %r starts like a formula" % (k, v))
    # The totals the HTML shows, box by box.
    html = open(os.path.join(out, "programme", "report.html"),
                encoding="utf-8").read()
    boxes = dict(re.findall(r'<div class="label">([^<]*)</div>'
                            r'<div class="v">([^<]*)</div>', html))
    labels = {"companies": "Companies", "concepts": "Concepts developed",
              "t1": "Services in the portfolio (t1)",
              "t2": "With income (t2)", "t3": "Sold abroad (t3)",
              "markets": "Foreign markets",
              "errors": "Companies with errors in their notes"}
    for k, v in exp.items():
        if boxes.get(labels[k]) != str(v):
            bad.append("html: %s is %s, expected %s" %
                       (labels[k], boxes.get(labels[k]), v))
    if html.count("<tr") != len(rows) + 1:
        bad.append("html: %d table rows for %d companies" %
                   (html.count("<tr") - 1, len(rows)))
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "totals":
        sys.exit(totals(sys.argv[2], sys.argv[3]))
    elif sys.argv[1] == "csv":
        # csv OUT: the CSV's rows as JSON lists, one a line.
        with open(os.path.join(sys.argv[2], "programme", "report.csv"),
                  newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                print(json.dumps(row, ensure_ascii=False))
