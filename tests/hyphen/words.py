#!/usr/bin/env python3
"""tests/hyphen/words.py: the words tests/hyphen/run.sh hyphenates.

Prints "LANG WORD" lines: for every label language, the words of the
repository's own text (content/, templates/, tests/: notes, labels and
questions in all eight languages), and words made of two or three of the
language's own pattern keys (so that most patterns, the compound level
of German and the non-standard patterns of Hungarian are met), with a
fixed seed.  Words as simc hyphenates them: runs of Latin letters, lower
case, at least 5 letters, at most 99 bytes.
"""
import glob
import os
import random
import re
import sys

LANGS = {
    "en": ["en_US", "en_GB"], "cs": ["cs_CZ", "cs"], "sl": ["sl_SI", "sl"],
    "de": ["de_DE", "de"], "hr": ["hr_HR", "hr"], "hu": ["hu_HU", "hu"],
    "it": ["it_IT", "it"], "pl": ["pl_PL", "pl"],
}
LETTERS = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
RUN = re.compile("[" + LETTERS + "]+")
SYNTHETIC = 4000


def ok(w):
    return len(w) >= 5 and len(w.encode()) <= 99 and w == w.lower()


def own_words(top):
    words = set()
    for pat in ("content/**/*.md", "templates/**/*.yaml", "tests/**/*.md"):
        for path in glob.glob(os.path.join(top, pat), recursive=True):
            # Not the suite's scratch files (FIFOs among them).
            if "/tests/tmp/" in path or not os.path.isfile(path):
                continue
            try:
                text = open(path, encoding="utf-8").read()
            except (UnicodeDecodeError, OSError):
                continue
            for w in RUN.findall(text):
                w = w.lower()
                if ok(w):
                    words.add(w)
    return sorted(words)


def keys(path):
    with open(path, "rb") as f:
        raw = f.read().split(b"\n")
    cset = raw[0].strip().decode()
    enc = {"ISO8859-1": "latin-1", "ISO8859-2": "iso8859-2"}.get(cset, "utf-8")
    out = []
    for line in raw[1:]:
        line = line.decode(enc, "replace").split("/")[0].strip()
        k = re.sub(r"[0-9.]", "", line)
        if k and RUN.fullmatch(k) and k == k.lower():
            out.append(k)
    return out


def main():
    top = sys.argv[1]
    own = own_words(top)
    rnd = random.Random(18)
    for lang, files in LANGS.items():
        path = next((f"/usr/share/hyphen/hyph_{f}.dic" for f in files
                     if os.path.exists(f"/usr/share/hyphen/hyph_{f}.dic")),
                    None)
        if path is None:
            continue
        for w in own:
            print(lang, w)
        ks = keys(path)
        made = set()
        while len(made) < SYNTHETIC and ks:
            w = "".join(rnd.choice(ks) for _ in range(rnd.randint(2, 3)))
            if ok(w):
                made.add(w)
        for w in sorted(made):
            print(lang, w)


main()
