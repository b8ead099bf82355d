#!/usr/bin/env python3
"""tests/figures.py COMPANY...: the figures of each company's HTML dossier
against the numbers they draw, computed here independently from the notes
and from `simc export`:

- every SVG is well-formed XML;
- the reward/challenge matrix has a point per ranked opportunity where its
  score (x) and impact (y) say, and no two labels overlap each other or a
  point;
- the criteria bars list the ranked opportunities in rank order;
- each journey's emotion curve has a piece per stage, with a dot at the
  height its experience (-2..+2) says.

The last line is `N passed, N failed`."""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

SIMC = os.environ.get("SIMC") or os.path.join(os.getcwd(), "simc")
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


# The matrix's plot area, as figure.c lays it out (points, y down).
MX_L, MX_T, MX_R, MX_B = 46.0, 26.0, 480.0 - 14.0, 330.0 - 58.0


def mx(score, impact):
    return (MX_L + (score - 5) * (MX_R - MX_L) / 20.0,
            MX_B - (impact - 4) * (MX_B - MX_T) / 16.0)


def curve_y(v):
    return 9.0 + (2 - v) * (56.0 - 18.0) / 4.0


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    return yaml.safe_load(text.split("\n---", 1)[0].split("---\n", 1)[1])


def company(folder):
    out = tempfile.mkdtemp()
    subprocess.run([SIMC, "build", folder, "--format", "html", "-o", out],
                   check=True, capture_output=True)
    model = json.loads(subprocess.run([SIMC, "export", folder], check=True,
                                      capture_output=True).stdout)
    name = os.path.basename(folder.rstrip("/"))
    html = open(os.path.join(out, name, "dossier.html"),
                encoding="utf-8").read()
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    trees = []
    for s in svgs:
        try:
            trees.append(ET.fromstring(s))
        except ET.ParseError as e:
            check(False, "%s: SVG not well-formed: %s" % (name, e))
    check(len(trees) == len(svgs) and svgs, "%s: %d SVGs parse" %
          (name, len(svgs)))

    ranked = sorted((o for o in model["opportunities"] if o["rank"]),
                    key=lambda o: o["rank"])
    matrix = [t for t in trees if t.get("role") == "img" and
              t.find("rect") is not None and
              float(t.get("viewBox").split()[2]) == 480.0 and
              float(t.get("viewBox").split()[3]) == 330.0]
    if ranked:
        check(len(matrix) == 1, "%s: one matrix" % name)
    for m in matrix:
        dots = [(float(c.get("cx")), float(c.get("cy")))
                for c in m.iter("circle") if c.get("r") == "3.60"]
        for o in ranked:
            x, y = mx(o["score"], o["impact"])
            check(any(abs(x - a) < 0.01 and abs(y - b) < 0.01
                      for a, b in dots),
                  "%s: %s at score %d, impact %d" %
                  (name, o["id"], o["score"], o["impact"]))
        boxes = []
        for t in m.iter("text"):
            if t.get("font-weight") == "bold" and t.text in \
                    [o["id"] for o in ranked]:
                size = float(t.get("font-size"))
                w = len(t.text) * size * 0.6
                x, y = float(t.get("x")), float(t.get("y"))
                boxes.append((t.text, x - w / 2, y - size * 0.75,
                              x + w / 2, y))
        check(len(boxes) == len(ranked), "%s: a label per point" % name)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                check(not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and
                           b[2] < a[4]),
                      "%s: labels %s and %s overlap" % (name, a[0], b[0]))
            for x, y in dots:
                check(not (a[1] < x + 3.6 and x - 3.6 < a[3] and
                           a[2] < y + 3.6 and y - 3.6 < a[4]),
                      "%s: label %s covers a point" % (name, a[0]))

    bars = [t for t in trees if t.get("role") == "img" and
            any(x.text and x.text.startswith("= ") for x in t.iter("text"))]
    if ranked:
        check(len(bars) == 1, "%s: one criteria bar chart" % name)
        ids = [x.text for x in bars[0].iter("text")
               if x.get("font-weight") == "bold" and x.text and
               not x.text.startswith("= ")]
        check(ids == [o["id"] for o in ranked],
              "%s: bars in rank order %s" % (name, ids))

    # Emotion curves: one table row of pieces per journey.
    rows = re.findall(r"<tr>(<th scope=\"row\">[^<]*(?:<br>[^<]*)?</th>"
                      r"(?:<td[^>]*><svg class=\"curve\".*?</svg></td>)+)"
                      r"</tr>", html, re.S)
    journeys = sorted(f for f in os.listdir(folder) if f.endswith(".md") and
                      (front_matter(os.path.join(folder, f)) or {})
                      .get("tool") == "journey")
    check(len(rows) == len(journeys), "%s: a curve per journey" % name)
    for row, jf in zip(rows, journeys):
        stages = front_matter(os.path.join(folder, jf))["stages"]
        pieces = re.findall(r"<svg class=\"curve\".*?</svg>", row, re.S)
        check(len(pieces) == len(stages),
              "%s: %d curve pieces for %d stages" %
              (jf, len(pieces), len(stages)))
        for piece, st in zip(pieces, stages):
            dots = [float(d) for d in re.findall(
                r'<line x1="50.00" y1="([0-9.]+)" x2="50.00" y2="\1" '
                r'stroke="#1f5f8b"', piece)]
            exp = st.get("experience")
            if exp is None:
                check(not dots, "%s: no dot without experience" % jf)
            else:
                check(len(dots) == 1 and abs(dots[0] - curve_y(int(exp)))
                      < 0.01, "%s: stage %s at %s" % (jf, st["stage"], exp))


for folder in sys.argv[1:]:
    company(folder)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
