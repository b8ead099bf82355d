#!/usr/bin/env python3
"""gen.py: synthetic companies for tests/bench.sh, copies of an example.

    gen.py SRC OUT COUNT SCALE [SEED] [PREFIX]

writes OUT/PREFIX0000 .. OUT/PREFIX<COUNT-1>, each a copy of the company
folder SRC (content/acme) with its own company name and product brand and
its prose paragraphs shuffled, at SCALE times the size of SRC:

- SCALE 1..10 ("prose"): every prose value in the front matter, every
  string list and every body section repeated SCALE times (the copies
  shuffled), as a team that writes ten times as much would;
- SCALE above 10 ("records"): the prose stays as written; the record
  lists (journey stages, opportunities and their priority rows,
  assumptions, jobs) get up to SCALE times as many entries, and more
  targeted segments (each with its persona and journey) are added until
  the notes are SCALE times as large as SRC's;
- SCALE rN: only the record lists, N times as many entries (as the
  limits allow), no segment added.

Every note stays below simc's limits (128 KiB of front matter and of body,
20,000 YAML values, 1,000 entries in a list); a note that would not is
given fewer copies.  The same arguments always give the same bytes (SEED,
default 1).  Prints what the last company written holds: bytes of its
notes, notes, journey stages, opportunities, assumptions, segments.
stdlib only.
"""

import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simnotes as sn  # noqa: E402

FM_BUDGET = 120 * 1024      # simc's limit: 128 KiB
BODY_BUDGET = 120 * 1024    # simc's limit: 128 KiB
VALUE_BUDGET = 18000        # simc's limit: 20,000
ROWS_BUDGET = 1000          # simc's limit: 1,000 entries in one list

# Values that name or point at something: never repeated or changed.
FIXED_KEYS = {
    "tool", "status", "id", "name", "persona", "segment", "opportunity",
    "activity", "strategy", "source", "stage", "template", "picture",
    "logo", "language", "country", "market", "role", "about", "state",
    "kind", "indicator", "delivery", "links", "horizon", "date", "target",
    "experience", "importance", "unsatisfied", "doable", "lucrative",
    "investment", "effort", "market_risk", "technology_risk", "change",
    "score", "strategy_accepted", "internationalisation_accepted",
}

# Record lists multiplied at SCALE > 10: tool -> (list key, id key).
RECORDS = {
    "opportunities": ("opportunities", "id"),
    "priorities": ("priorities", "opportunity"),
    "assumptions": ("assumptions", "id"),
    "journey": ("stages", "stage"),
    "jobs": ("jobs", None),
}

FIRST = ["Kovina", "Elektro", "Strojna", "Hidro", "Termo", "Lesna", "Plast",
         "Agro", "Metal", "Opto", "Precizna", "Mehatronika", "Energo",
         "Livarna", "Avto"]
SECOND = ["Novak", "Horvat", "Kranjc", "Zupan", "Dvořák", "Nowak", "Kovács",
          "Varga", "Bauer", "Rossi", "Krajnc", "Wójcik", "Szabó", "Babić",
          "Černý", "Kos"]
LEGAL = ["d.o.o.", "s.r.o.", "Sp. z o.o.", "Kft.", "GmbH", "S.r.l.", "d.d.",
         "a.s."]
SYLLABLES = ["KA", "LO", "RI", "TA", "VE", "NO", "MI", "SO", "DU", "RA", "XE",
             "ZO", "PI", "LU", "TE", "MA"]


def variant(text, rng, j):
    """Copy j of a prose text: copy 0 as written, others with the sentences
    of each paragraph in a shuffled order."""
    if j == 0:
        return text
    paras = text.split("\n\n")
    out = []
    for p in paras:
        parts = re.split(r"(?<=[.!?])\s+(?=[A-Z*])", p)
        rng.shuffle(parts)
        out.append(" ".join(parts) if "\n" not in p else p)
    return "\n\n".join(out)


def prose_value(s):
    return (s.text is not None and s.style in ("plain", "dq", "sq", "block")
            and s.text.count(" ") >= 3)


def rename(node, subst):
    """Applies the name substitutions to every scalar."""
    if isinstance(node, sn.Scalar):
        if node.text is not None and node.style != "flow":
            t = node.text
            for a, b in subst:
                t = t.replace(a, b)
            node.set(t)
        return
    for item in node:
        rename(item[1] if isinstance(item, tuple) else item, subst)


def grow_prose(node, k, rng, key=None):
    """Repeats prose k times (scalars, string lists, blocks)."""
    if isinstance(node, sn.Scalar):
        if key not in FIXED_KEYS and prose_value(node):
            sep = "\n\n" if node.style == "block" else " "
            node.set(sep.join(variant(node.text.rstrip("\n"), rng, j)
                              for j in range(k)) +
                     ("\n" if node.style == "block" else ""))
        return
    if sn.is_map(node):
        for k2, v in node:
            grow_prose(v, k, rng, k2)
        return
    if node and all(isinstance(v, sn.Scalar) for v in node):
        if key in FIXED_KEYS or not any(prose_value(v) for v in node):
            return
        extra = []
        for j in range(1, k):
            batch = [v.copy() for v in node]
            rng.shuffle(batch)
            extra.extend(batch)
        node.extend(extra)
        return
    for v in node:
        grow_prose(v, k, rng, key)


def sections(body):
    """The body cut at its headings: [(heading line or None, text)]."""
    out, head, cur = [], None, []
    for line in body.split("\n"):
        if line.startswith("#"):
            out.append((head, "\n".join(cur)))
            head, cur = line, []
        else:
            cur.append(line)
    out.append((head, "\n".join(cur)))
    return out


def shuffle_body(body, k, rng):
    """Each section's paragraphs shuffled and repeated k times."""
    out = []
    for head, text in sections(body):
        paras = [p for p in re.split(r"\n\s*\n", text.strip("\n")) if p]
        # Lists and numbered steps stay in one piece.
        merged = []
        for p in paras:
            if merged and re.match(r"\s*([-*+]|\d+\.)\s", p) and \
                    re.match(r"\s*([-*+]|\d+\.)\s", merged[-1].split("\n")[-1]):
                merged[-1] += "\n\n" + p
            else:
                merged.append(p)
        copies = []
        for j in range(k):
            batch = list(merged)
            rng.shuffle(batch)
            copies.extend(batch)
        part = "\n\n".join(copies)
        if head is not None:
            out.append(head + "\n\n" + part if part else head)
        elif part:
            out.append(part)
    return "\n\n".join(out) + "\n" if out else body


def copy_record(rec, j, idkey, rename_ids):
    new = sn.copy_node(rec)
    for n, (k, v) in enumerate(new):
        if isinstance(v, sn.Scalar) and v.text is not None and (
                k == idkey or (k == "opportunity" and rename_ids)):
            new[n] = (k, sn.Scalar("%s-%d" % (v.text, j + 1)))
    return new


def multiply(fm, tool, r, allowed=None):
    """The note's record list with r copies of each record; priority rows
    only for opportunities in allowed.  Returns the copies made."""
    key, idkey = RECORDS[tool]
    recs = sn.get(fm, key)
    if not isinstance(recs, list) or not recs or not sn.is_map(recs[0]):
        return 0
    base = list(recs)
    out = list(base)
    for j in range(1, r):
        for rec in base:
            new = copy_record(rec, j, idkey, tool == "priorities")
            if allowed is not None and \
                    sn.text_of(new, "opportunity") not in allowed:
                continue
            out.append(new)
    sn.put(fm, key, out)
    return r


def note_size(fm, body):
    fmtext = "\n".join(sn.write_node(fm)) + "\n"
    return len(fmtext.encode()), len(body.encode()), sn.count_values(fm)


def longest(node):
    """The most entries in one list of node."""
    if isinstance(node, sn.Scalar):
        return 0
    if sn.is_map(node):
        return max([longest(v) for _, v in node] + [0])
    return max([len(node)] + [longest(v) for v in node])


def fits(fm, body):
    f, b, v = note_size(fm, body)
    return f <= FM_BUDGET and b <= BODY_BUDGET and v <= VALUE_BUDGET and \
        longest(fm) <= ROWS_BUDGET


def largest(make, hi):
    """The largest r in 1..hi with make(r) fitting; make(r) -> (fm, body)."""
    lo = 1
    if fits(*make(hi)):
        return hi
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if fits(*make(mid)):
            lo = mid
        else:
            hi = mid
    return lo


def company(src, dst, i, scale, seed, records_only=False):
    rng = random.Random("%s:%d" % (seed, i))
    notes = {}
    for rel in sn.notes_of(src):
        fm, body = sn.read_note(os.path.join(src, rel))
        notes[rel] = [fm, body]
    # Names: the company's, without its legal form, and the brand.
    old = None
    for fm, _ in notes.values():
        if sn.text_of(fm or [], "tool") == "company":
            old = sn.text_of(fm, "name")
    new = "%s %s %s" % (rng.choice(FIRST), rng.choice(SECOND),
                        rng.choice(LEGAL))
    brand = "".join(rng.choice(SYLLABLES) for _ in range(3))
    subst = []
    if old:
        subst.append((old, new))
        short_old = re.sub(r"\s+\S*\.\S*$", "", old)
        if short_old != old:
            subst.append((short_old, re.sub(r"\s+\S*\.\S*$", "", new)))
    subst.append(("TERMOS", brand))

    prose = scale if scale <= 10 and not records_only else 1
    for rel, (fm, body) in notes.items():
        if fm is None:
            continue
        rename(fm, subst)
        for a, b in subst:
            body = body.replace(a, b)
        # A note that would not fit gets fewer copies.
        for k in range(prose, 0, -1):
            f2 = sn.copy_node(fm)
            grow_prose(f2, k, rng)
            b2 = shuffle_body(body, k, rng)
            if k == 1 or fits(f2, b2):
                notes[rel] = [f2, b2]
                break

    if scale > 10 or records_only:
        grow_records(notes, scale, src, rng, records_only)

    os.makedirs(dst, exist_ok=True)
    total = 0
    stats = {"stages": 0, "opportunities": 0, "assumptions": 0,
             "segments": 0}
    for fm, _ in notes.values():
        tool = tool_of(fm)
        key = {"journey": "stages", "opportunities": "opportunities",
               "assumptions": "assumptions", "segments": "segments"}.get(tool)
        if key and isinstance(sn.get(fm, key), list):
            stats[key] += len(sn.get(fm, key))
    for f in os.listdir(src):
        p = os.path.join(src, f)
        if not f.endswith(".md") and os.path.isfile(p):
            shutil.copy(p, os.path.join(dst, f))
    for rel, (fm, body) in sorted(notes.items()):
        out = os.path.join(dst, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        if fm is None:
            with open(out, "w", encoding="utf-8") as f:
                f.write(body)
            total += len(body.encode())
        else:
            total += sn.write_note(out, fm, body)
    return "bytes=%d notes=%d stages=%d opportunities=%d assumptions=%d " \
        "segments=%d" % (total, len(notes), stats["stages"],
                         stats["opportunities"], stats["assumptions"],
                         stats["segments"])


def tool_of(fm):
    return sn.text_of(fm or [], "tool")


def grow_records(notes, scale, src, rng, records_only=False):
    base_total = sum(os.path.getsize(os.path.join(src, r)) for r in notes)
    allowed = None
    order = sorted(notes, key=lambda r: tool_of(notes[r][0]) == "priorities")
    for rel in order:
        fm, body = notes[rel]
        tool = tool_of(fm)
        if tool not in RECORDS:
            continue

        def make(r, fm=fm, tool=tool):
            c = sn.copy_node(fm)
            multiply(c, tool, r, allowed if tool == "priorities" else None)
            return c, body
        r = largest(make, scale)
        multiply(fm, tool, r, allowed if tool == "priorities" else None)
        if tool == "opportunities":
            allowed = {sn.text_of(o, "id")
                       for o in sn.get(fm, "opportunities")}

    # More targeted segments, each with a persona and a journey, until the
    # notes are scale times as large.
    def size(fm, b):
        return sum(note_size(fm, b)[:2]) if fm is not None else len(b)
    total = sum(size(fm, b) for fm, b in notes.values())
    seg_rel = next((r for r in notes if tool_of(notes[r][0]) == "segments"),
                   None)
    if records_only:
        return
    personas = [r for r in notes if tool_of(notes[r][0]) == "persona"]
    journeys = [r for r in notes if tool_of(notes[r][0]) == "journey"]
    if seg_rel is None or not personas or not journeys:
        return
    segs = sn.get(notes[seg_rel][0], "segments")
    by_id = {sn.text_of(s, "id"): s for s in segs}
    n = 0
    while total < scale * base_total:
        jrel = journeys[n % len(journeys)]
        jfm, jbody = notes[jrel]
        sid = sn.text_of(jfm, "segment")
        prel = next((p for p in personas
                     if sn.text_of(notes[p][0], "segment") == sid), None)
        if sid not in by_id or prel is None:
            return
        n += 1
        new_id = "%s%d" % (sid, n + 1)
        seg = sn.copy_node(by_id[sid])
        sn.put(seg, "id", sn.Scalar(new_id))
        sn.put(seg, "name", sn.Scalar("%s, region %d" %
                                      (sn.text_of(seg, "name"), n + 1)))
        sn.put(seg, "target", sn.Scalar("true"))
        segs.append(seg)
        if not fits(*notes[seg_rel]):
            segs.pop()
            return
        pfm = sn.copy_node(notes[prel][0])
        pname = "%s %d" % (sn.text_of(pfm, "name"), n + 1)
        sn.put(pfm, "segment", sn.Scalar(new_id))
        sn.put(pfm, "name", sn.Scalar(pname))
        nfm = sn.copy_node(jfm)
        sn.put(nfm, "segment", sn.Scalar(new_id))
        if sn.get(nfm, "persona") is not None:
            sn.put(nfm, "persona", sn.Scalar(pname))
        stages = sn.get(nfm, "stages")
        rng.shuffle(stages)
        stem = "%d-%s" % (60 + n // 100, new_id)
        notes["%s-persona.md" % stem] = [pfm, notes[prel][1]]
        notes["%s-journey.md" % stem] = [nfm, jbody]
        # The segments note grew by one segment, about its size.
        total += size(pfm, notes[prel][1]) + size(nfm, jbody) + \
            len("\n".join(sn.write_node([seg], 2)).encode())


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    src, out, count = argv[1], argv[2], int(argv[3])
    records_only = argv[4].startswith("r")
    scale = int(argv[4].lstrip("r"))
    seed = argv[5] if len(argv) > 5 else "1"
    prefix = argv[6] if len(argv) > 6 else "co"
    what = ""
    for i in range(count):
        what = company(src, os.path.join(out, "%s%04d" % (prefix, i)), i,
                       scale, seed, records_only)
    print(what)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
