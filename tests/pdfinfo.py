#!/usr/bin/env python3
"""tests/pdfinfo.py PDF: what a test compares of a PDF beyond its text:
the page count and sizes, the outline (bookmark titles, nested), and the
fonts (name, embedded), from qpdf --json and pdffonts."""
import json
import subprocess
import sys

pdf = sys.argv[1]
doc = json.loads(subprocess.run(["qpdf", "--json", pdf], capture_output=True,
                                check=True, text=True).stdout)
pages = doc["pages"]
print("pages:", len(pages))
objects = doc["qpdf"][1] if isinstance(doc.get("qpdf"), list) else {}
sizes = {}
for p in pages:
    obj = objects.get("obj:" + p["object"], {}).get("value", {})
    box = obj.get("/MediaBox")
    if box:
        key = "%gx%g" % (round(box[2]), round(box[3]))
        sizes[key] = sizes.get(key, 0) + 1
for key in sorted(sizes):
    print("page size %s: %d" % (key, sizes[key]))


def walk(items, depth):
    for item in items:
        print("outline:", "  " * depth + item["title"])
        walk(item.get("kids", []), depth + 1)


walk(doc.get("outlines", []), 0)
fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True,
                       check=True).stdout.splitlines()[2:]
for line in sorted(set(fonts)):
    cols = line.split()
    # name, then emb/sub/uni flags: the three yes/no columns before obj.
    print("font: %s embedded=%s" % (cols[0].split("+")[-1], cols[-5]))
