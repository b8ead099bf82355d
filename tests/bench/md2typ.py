#!/usr/bin/env python3
"""md2typ.py: flatten.py's Markdown as Typst markup, for the Typst anchor.

    md2typ.py IN.md OUT.typ

Only what flatten.py writes: a `%` title line, `#` headings, paragraphs,
`-` and `1.` lists, **strong**, *emphasis*, `code`, links and images
(absolute paths: compile with `--root /`).  Every other character Typst
reads as markup is escaped.  The text is set in Liberation Sans 9.5 pt
on A4, as simc's PDF is (pass `--font-path fonts`).  stdlib only.
"""

import re
import sys

INLINE = re.compile(r"(\*\*.+?\*\*|!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)"
                    r"|`[^`]*`|\*[^*\s][^*]*\*)")
SPECIAL = re.compile(r"([\\#$*_`@<>\[\]~/=+\-])")


def esc(text):
    return SPECIAL.sub(r"\\\1", text)


def string(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def inline(text):
    out = []
    for i, part in enumerate(INLINE.split(text)):
        if i % 2 == 0:
            out.append(esc(part))
        elif part.startswith("**"):
            out.append("*%s*" % inline(part[2:-2]))
        elif part.startswith("!["):
            path = part[part.index("](") + 2:-1]
            out.append("#box(image(%s, width: 3cm))" % string(path))
        elif part.startswith("["):
            label, url = part[1:-1].split("](", 1)
            out.append("#link(%s)[%s]" % (string(url), inline(label)))
        elif part.startswith("`"):
            out.append("#raw(%s)" % string(part[1:-1]))
        else:
            out.append("_%s_" % inline(part[1:-1]))
    return "".join(out)


def main():
    src, dst = sys.argv[1:3]
    out = ['#set page(paper: "a4", margin: 48pt)\n',
           '#set text(font: "Liberation Sans", size: 9.5pt)\n']
    with open(src, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"(#+) (.*)", line)
            n = re.match(r"(\s*)(\d+)\. (.*)", line)
            b = re.match(r"(\s*)[-*] (.*)", line)
            if line.startswith("% "):
                out.append("#align(center, text(20pt)[*%s*])\n"
                           % inline(line[2:]))
            elif m:
                out.append("%s %s\n" % ("=" * len(m.group(1)),
                                        inline(m.group(2))))
            elif n:
                out.append("%s%s. %s\n" % (n.group(1), n.group(2),
                                           inline(n.group(3))))
            elif b:
                out.append("%s- %s\n" % (b.group(1), inline(b.group(2))))
            else:
                out.append(inline(line) + "\n")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
