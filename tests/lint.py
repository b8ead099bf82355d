#!/usr/bin/env python3
"""tests/lint.py [options] PDF...: the layout of PDFs, seen as word boxes
(pdftotext -bbox-layout) and the outline (qpdf --json):

  - no word outside its page;
  - no two words overlapping;
  - no word split across two lines without a hyphen: the last word of a
    line and the first of the next, joined, make a word of the source
    (--words DIR: every .md and .yaml under DIR) that neither half is;
  - each journey (tool 1.3) and One Page Strategy (2.1) note on at most
    --journey-pages / --strategy-pages pages (from the outline: a note
    spans from its entry to the next one);
  - with --a3, every page A3;
  - with --blank (blank forms), every empty cell drawn to write in (a
    stroked rectangle holding no word: a lane's stage, a table's empty
    row) at least 10 mm tall inside its padding: one handwritten line
    (the rectangles from qpdf --qdf's content streams), and every page
    of a form filled: its lowest word or rectangle above the bottom
    margin within FILL_SLACK of the page's height from it (the cover,
    contents and agenda of a pack, the pages before its second outline
    entry, are exempt).

Prints one line per problem and ends with `N passed, N failed` (one
test per PDF)."""
import argparse
import html
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
    r'(.*?)</word>')
PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
TOKEN = re.compile(r"\w+")
SLACK = 0.6                 # points a word may pass its page's edge by
WRITE_MIN = 10 / 25.4 * 72  # a handwritten line: 10 mm, in points
CELL_PAD = 5.0              # generator/pdf.c's PAD, inside every cell
BOTTOM = 56.0               # generator/layout.c's BOTTOM margin
FILL_SLACK = 0.15           # of a page's height: a blank page's room left
RECT_RE = re.compile(r"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re\n(\w)")


def vocabulary(dirs):
    words = set()
    for top in dirs:
        for root, _, files in os.walk(top):
            for f in files:
                if f.endswith((".md", ".yaml")):
                    with open(os.path.join(root, f), encoding="utf-8",
                              errors="replace") as fh:
                        words.update(t.lower() for t in
                                     TOKEN.findall(fh.read()))
    return words


def pages_of(pdf):
    """[(width, height, [lines of [(x0, y0, x1, y1, text)]])]"""
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         capture_output=True, text=True, errors="replace")
    pages = []
    for chunk in out.stdout.split("<page ")[1:]:
        m = PAGE_RE.match("<page " + chunk)
        w, h = float(m.group(1)), float(m.group(2))
        lines = []
        for ln in chunk.split("<line ")[1:]:
            words = [(float(a), float(b), float(c), float(d),
                      html.unescape(t)) for a, b, c, d, t in
                     WORD_RE.findall(ln)]
            if words:
                lines.append(words)
        pages.append((w, h, lines))
    return pages


def overlaps(words):
    """Pairs of words whose boxes overlap (more than a sliver)."""
    grid = defaultdict(list)
    found = []
    for i, (x0, y0, x1, y1, _) in enumerate(words):
        cells = [(cx, cy) for cx in range(int(x0 // 40), int(x1 // 40) + 1)
                 for cy in range(int(y0 // 40), int(y1 // 40) + 1)]
        seen = set()
        for c in cells:
            for j in grid[c]:
                if j in seen:
                    continue
                seen.add(j)
                a0, b0, a1, b1, _ = words[j]
                iw = min(x1, a1) - max(x0, a0)
                ih = min(y1, b1) - max(y0, b0)
                if iw > 1.0 and ih > 0.4 * min(y1 - y0, b1 - b0):
                    found.append((words[j], words[i]))
            if len(cells) <= 64:
                grid[c].append(i)
        if len(found) > 20:
            break
    return found


def outline_spans(pdf, npages, heights):
    """[(title, pages)] of the journey and strategy notes."""
    try:
        doc = json.loads(subprocess.run(["qpdf", "--json", pdf],
                                        capture_output=True,
                                        text=True).stdout)
    except ValueError:
        return [("unreadable", pdf, 0)]
    flat = []

    def walk(items, depth, tool, parent=None):
        for it in items:
            t = it["title"]
            kind = tool
            if t.startswith("1.3 "):
                kind = "journey"
            elif t.startswith("2.1 "):
                kind = "strategy"
            elif depth <= 1 and not (parent and t.startswith(parent + ":")):
                kind = None
            dest = it.get("dest") or []
            y = dest[3] if len(dest) > 3 and isinstance(dest[3],
                                                        (int, float)) else 1e9
            kids = it.get("kids", [])
            # A note's kids titled "NOTE: ..." are parts of it (what
            # follows a canvas), not notes.
            notes = [k for k in kids if not k["title"].startswith(t + ":")]
            unit = kind if kind and not notes and \
                not (parent and t.startswith(parent + ":")) else None
            flat.append([t, it.get("destpageposfrom1", 0), y, unit])
            walk(kids, depth + 1, kind, t)

    walk(doc.get("outlines", []), 0, None)
    spans = []
    for i, (title, page, _, unit) in enumerate(flat):
        if not unit or not page:
            continue
        if i + 1 < len(flat) and flat[i + 1][1]:
            nxt, ny = flat[i + 1][1], flat[i + 1][2]
            n = nxt - page
            # The next entry below the top of its page: this note's
            # content shares that page.
            if ny < heights[nxt - 1] - 140:
                n += 1
        else:
            n = npages - page + 1
        spans.append((unit, title, max(n, 1)))
    return spans


def rectangles(pdf):
    """Per page, the rectangles drawn: ([(x, y, w, h)] stroked and not
    filled, [(x, y, w, h)] all of them) in PDF coordinates (origin bottom
    left)."""
    out = subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                          pdf, "-"], capture_output=True)
    text = out.stdout.decode("latin-1")
    pages = []
    for chunk in text.split("%% Contents for page ")[1:]:
        body = chunk.split("endstream", 1)[0]
        filled, rects, drawn = set(), [], []
        for m in RECT_RE.finditer(body):
            r = tuple(float(v) for v in m.group(1, 2, 3, 4))
            drawn.append(r)
            if m.group(5) == "f":
                filled.add(r)
            elif m.group(5) == "S" and r not in filled:
                rects.append(r)
        pages.append((rects, drawn))
    return pages


def empty_cells(pdf):
    """Per page, the stroked (unfilled) rectangles: [(x, y, w, h)] in
    PDF coordinates (origin bottom left)."""
    return [rects for rects, _ in rectangles(pdf)]


def first_pages(pdf):
    """The pages before the second top-level outline entry of a PDF
    with a cover (its first entry not on page 1): cover, contents,
    agenda.  None else."""
    try:
        doc = json.loads(subprocess.run(["qpdf", "--json", pdf],
                                        capture_output=True,
                                        text=True).stdout)
    except ValueError:
        return 0
    top = [it.get("destpageposfrom1", 0) for it in doc.get("outlines", [])]
    if len(top) < 2 or top[0] <= 1:
        return 0
    return top[1] - 1


def unfilled(pdf, pages):
    """Pages of a blank form whose lowest word or rectangle (above the
    bottom margin: the footer is not the form's) leaves more than
    FILL_SLACK of the page's height empty above that margin."""
    problems = []
    skip = first_pages(pdf)
    for no, (_, drawn) in enumerate(rectangles(pdf), 1):
        if no > len(pages) or no <= skip:
            continue
        _, ph, lines = pages[no - 1]
        lows = [ph - d for ln in lines for _, _, _, d, _ in ln]
        lows += [y for _, y, _, _ in drawn] + [y + h for _, y, _, h in
                                               drawn]
        lows = [y for y in lows if y >= BOTTOM - 2]
        if not lows:
            continue
        left = min(lows) - BOTTOM
        if left > FILL_SLACK * ph:
            problems.append("page %d: the form ends %.0f mm above the "
                            "bottom margin (%.0f%% of the page empty)" %
                            (no, left * 25.4 / 72, 100 * left / ph))
    return problems


def writing_space(pdf, pages):
    """Empty cells of a blank form too low to write a line in."""
    problems = []
    for no, rects in enumerate(empty_cells(pdf), 1):
        if no > len(pages):
            break
        _, ph, lines = pages[no - 1]
        words = [wd for ln in lines for wd in ln]
        for x, y, w, h in rects:
            top, bottom = ph - (y + h), ph - y
            if w < 20 or h < 6:         # a swatch, a strip: no cell
                continue
            if any(x <= (a + c) / 2 <= x + w and top <= (b + d) / 2 <=
                   bottom for a, b, c, d, _ in words):
                continue
            if h - 2 * CELL_PAD < WRITE_MIN - 0.05:
                problems.append("page %d: a cell to write in %.1f mm tall "
                                "at (%.0f,%.0f), less than 10 mm" %
                                (no, (h - 2 * CELL_PAD) * 25.4 / 72, x,
                                 top))
    return problems


def lint(pdf, args, vocab):
    problems = []
    pages = pages_of(pdf)
    heights = [h for _, h, _ in pages]
    for no, (w, h, lines) in enumerate(pages, 1):
        if args.a3 and sorted((round(w), round(h))) != [842, 1191]:
            problems.append("page %d is %gx%g, not A3" % (no, w, h))
        words = [wd for ln in lines for wd in ln]
        for x0, y0, x1, y1, t in words:
            if x0 < -SLACK or y0 < -SLACK or x1 > w + SLACK or y1 > h + SLACK:
                problems.append("page %d: %r outside the page (%.1f,%.1f "
                                "%.1f,%.1f)" % (no, t, x0, y0, x1, y1))
        for a, b in overlaps(words)[:5]:
            problems.append("page %d: %r over %r at (%.1f,%.1f)" %
                            (no, a[4], b[4], b[0], b[1]))
        if vocab:
            for prev, cur in zip(lines, lines[1:]):
                a, b = prev[-1][4], cur[0][4]
                # only a line that continues below its predecessor
                if not (cur[0][1] > prev[-1][1] and
                        cur[0][1] - prev[-1][3] < 12 and
                        cur[0][0] < prev[-1][2]):
                    continue
                if a.endswith(("-", "/", "\u2013", "\u2014", "\u2010")):
                    continue
                ta, tb = TOKEN.findall(a), TOKEN.findall(b)
                if not ta or not tb or not re.search(r"\w$", a) or \
                        not re.match(r"\w", b):
                    continue
                la, lb = ta[-1].lower(), tb[0].lower()
                if (la + lb) in vocab and (la not in vocab or
                                           lb not in vocab):
                    problems.append("page %d: %r split as %r|%r without a "
                                    "hyphen" % (no, la + lb, a, b))
    if not pages:
        return ["no pages (not a PDF?)"]
    if args.blank:
        problems += writing_space(pdf, pages)
        problems += unfilled(pdf, pages)
    for unit, title, n in outline_spans(pdf, len(pages), heights):
        if unit == "unreadable":
            problems.append("qpdf cannot read it")
            continue
        limit = args.journey_pages if unit == "journey" else \
            args.strategy_pages
        if n > limit:
            problems.append("%s on %d pages (at most %d)" % (title, n,
                                                             limit))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", action="append", default=[])
    ap.add_argument("--journey-pages", type=int, default=2)
    ap.add_argument("--strategy-pages", type=int, default=1)
    ap.add_argument("--a3", action="store_true")
    ap.add_argument("--blank", action="store_true")
    ap.add_argument("pdfs", nargs="+")
    args = ap.parse_args()
    vocab = vocabulary(args.words)
    passed = failed = 0
    for pdf in args.pdfs:
        problems = lint(pdf, args, vocab)
        if problems:
            failed += 1
            print("FAIL: %s" % pdf)
            for p in problems[:30]:
                print("  " + p)
            if len(problems) > 30:
                print("  ... and %d more" % (len(problems) - 30))
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
