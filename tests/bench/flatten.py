#!/usr/bin/env python3
"""flatten.py: a company folder as one Markdown file, for pandoc.

    flatten.py DIR OUT.md

The company's name is the title (a pandoc title block).  Every note, in
sorted path order, becomes a `#` heading (its tool and file); its front
matter values are written out as Markdown (a key is a heading, a text a
paragraph, a list of texts a bulleted list, a record a sub-heading with
its fields), then its body with headings one level down.
Images are referenced by absolute path so that a PDF engine can embed
them, as simc does.  stdlib only.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simnotes as sn  # noqa: E402

IMAGE_KEYS = {"logo", "picture"}


def heading(level, text):
    return "%s %s\n" % ("#" * min(level, 6), text)


def scalar_md(s):
    if s.style == "flow":
        return ", ".join(x.strip() for x in s.text.strip("[]{}").split(","))
    return (s.text or "").strip()


def emit(out, node, level, folder):
    """Writes a mapping's keys as headings (records as sub-headings)."""
    for key, val in node:
        if key in ("tool", "status"):
            continue
        if isinstance(val, sn.Scalar):
            text = scalar_md(val)
            if not text:
                continue
            if key in IMAGE_KEYS:
                text = "![%s](%s)" % (key, os.path.abspath(
                    os.path.join(folder, text)))
            if "\n" in text or len(text) > 80:
                out.append(heading(level, key))
                out.append(text + "\n")
            else:
                out.append("**%s**: %s\n" % (key, text))
        elif sn.is_map(val):
            out.append(heading(level, key))
            emit(out, val, level + 1, folder)
        else:
            out.append(heading(level, key))
            for n, item in enumerate(val, 1):
                if isinstance(item, sn.Scalar):
                    out.append("- %s" % scalar_md(item).replace("\n", " "))
                else:
                    name = next((scalar_md(v) for _, v in item
                                 if isinstance(v, sn.Scalar)), "")
                    out.append("\n" + heading(level + 1,
                                              "%s %d: %s" % (key, n, name)))
                    emit(out, item, level + 2, folder)
            out.append("")


def flatten(folder):
    out = []
    for rel in sn.notes_of(folder):
        fm, _ = sn.read_note(os.path.join(folder, rel))
        if sn.text_of(fm or [], "tool") == "company":
            # A pandoc title block: the document's title.
            out.append("%% %s\n" % (sn.text_of(fm, "name") or rel))
            break
    for rel in sn.notes_of(folder):
        path = os.path.join(folder, rel)
        fm, body = sn.read_note(path)
        tool = sn.text_of(fm or [], "tool") or "note"
        out.append(heading(1, "%s (%s)" % (tool, rel)))
        note_dir = os.path.dirname(path)
        if fm:
            emit(out, fm, 2, note_dir)
        body = re.sub(r"(?m)^(#{1,5}) ", r"#\1 ", body)
        out.append(body.strip() + "\n")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(flatten(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
