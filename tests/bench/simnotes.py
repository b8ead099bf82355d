"""simnotes: read and write SIM notes for the benchmark (stdlib only).

A small reader for the block-style YAML subset the example companies are
written in (mappings, sequences, plain / double- / single-quoted scalars,
`|` and `>` blocks, flow lists kept as written), and a writer that puts it
back in the same style.  Used by gen.py (synthetic companies) and
flatten.py (one Markdown file per company, for pandoc).  Not a YAML
parser: anything outside that subset raises ValueError with file and line.
"""

import json
import os
import re


class Scalar:
    """A scalar as written: text is its value, style how to write it."""

    __slots__ = ("text", "style", "raw", "chomp")

    def __init__(self, text, style="plain", raw=None, chomp="|"):
        self.text = text
        self.style = style  # plain, dq, sq, flow, block, null
        self.raw = raw
        self.chomp = chomp

    def set(self, text):
        """A new value: written double-quoted (or as a block if it was)."""
        if text != self.text:
            self.text = text
            self.raw = None
            if self.style != "block":
                self.style = "dq"

    def copy(self):
        return Scalar(self.text, self.style, self.raw, self.chomp)


KEY_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(?:\s+(.*))?$")


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _blank(line):
    s = line.strip()
    return s == "" or s.startswith("#")


class _Reader:
    def __init__(self, lines, path, first):
        self.lines = lines
        self.path = path
        self.first = first  # line number of lines[0] in the file

    def err(self, i, msg):
        raise ValueError("%s:%d: %s" % (self.path, self.first + i, msg))

    def skip(self, i):
        while i < len(self.lines) and _blank(self.lines[i]):
            i += 1
        return i

    def scalar(self, i, rest, indent):
        """The value after `key:` or `- `; returns (Scalar, next line)."""
        rest = rest.rstrip()
        if rest in ("|", "|-", "|+", ">", ">-", ">+"):
            j = i + 1
            body = []
            while j < len(self.lines) and (self.lines[j].strip() == "" or
                                           _indent(self.lines[j]) > indent):
                body.append(self.lines[j])
                j += 1
            while body and body[-1].strip() == "":
                body.pop()
                j -= 1
            if not body:
                return Scalar("", "block", chomp=rest), j
            bi = min(_indent(b) for b in body if b.strip())
            text = "\n".join(b[bi:] for b in body)
            if rest[0] == ">":
                text = re.sub(r"(?<=\S)\n(?=\S)", " ", text)
            chomp = "|-" if rest.endswith("-") else "|"
            if chomp == "|":
                text += "\n"
            return Scalar(text, "block", chomp=chomp), j
        if rest.startswith('"'):
            m = re.match(r'"((?:[^"\\]|\\.)*)"\s*(#.*)?$', rest)
            if not m:
                self.err(i, "unsupported double-quoted scalar")
            try:
                text = json.loads('"' + m.group(1) + '"')
            except ValueError:
                self.err(i, "unsupported escape in a double-quoted scalar")
            return Scalar(text, "dq", '"' + m.group(1) + '"'), i + 1
        if rest.startswith("'"):
            m = re.match(r"'((?:[^']|'')*)'\s*(#.*)?$", rest)
            if not m:
                self.err(i, "unsupported single-quoted scalar")
            return Scalar(m.group(1).replace("''", "'"), "sq",
                          "'" + m.group(1) + "'"), i + 1
        if rest.startswith("[") or rest.startswith("{"):
            return Scalar(rest, "flow", rest), i + 1
        text = re.sub(r"\s+#.*$", "", rest)
        if text in ("", "~", "null"):
            return Scalar(None, "null", text), i + 1
        return Scalar(text, "plain", text), i + 1

    def node(self, i, indent):
        """The block node starting at line i (indent given)."""
        i = self.skip(i)
        line = self.lines[i]
        if line.lstrip().startswith("- ") or line.strip() == "-":
            return self.seq(i, _indent(line))
        return self.map(i, indent)

    def map(self, i, indent):
        out = []
        while True:
            i = self.skip(i)
            if i >= len(self.lines) or _indent(self.lines[i]) < indent:
                return out, i
            line = self.lines[i]
            if _indent(line) > indent:
                self.err(i, "unexpected indentation")
            if line.lstrip().startswith("-"):
                return out, i
            m = KEY_RE.match(line.strip())
            if not m:
                self.err(i, "unsupported line")
            key, rest = m.group(1), m.group(2) or ""
            if rest.strip() == "" or rest.strip().startswith("#"):
                j = self.skip(i + 1)
                if j < len(self.lines) and (
                        _indent(self.lines[j]) > indent or
                        (_indent(self.lines[j]) == indent and
                         self.lines[j].lstrip().startswith("-"))):
                    val, i = self.node(j, _indent(self.lines[j]))
                else:
                    val, i = Scalar(None, "null", ""), i + 1
            else:
                val, i = self.scalar(i, rest, indent)
            out.append((key, val))

    def seq(self, i, indent):
        out = []
        while True:
            i = self.skip(i)
            if i >= len(self.lines) or _indent(self.lines[i]) != indent:
                return out, i
            line = self.lines[i]
            stripped = line.strip()
            if not (stripped.startswith("- ") or stripped == "-"):
                return out, i
            rest = stripped[2:] if stripped != "-" else ""
            if KEY_RE.match(rest) and not rest.startswith(("'", '"')):
                # `- key: value`: a mapping one level in.
                self.lines[i] = " " * (indent + 2) + rest
                val, i = self.map(i, indent + 2)
            elif rest == "":
                val, i = self.node(i + 1, indent + 2)
            else:
                val, i = self.scalar(i, rest, indent)
            out.append(val)


def split_note(text):
    """(front matter lines, front matter first line, body) of a note."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0, text
    for j in range(1, len(lines)):
        if lines[j].rstrip() in ("---", "..."):
            return lines[1:j], 2, "\n".join(lines[j + 1:])
    return None, 0, text


def read_note(path):
    """(front matter as nested lists / Scalars, body text) of a note."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    fm, first, body = split_note(text)
    if fm is None:
        return None, body
    r = _Reader(list(fm), path, first)
    if r.skip(0) >= len(fm):
        return [], body
    node, i = r.node(0, 0)
    if r.skip(i) < len(fm):
        r.err(i, "unsupported line")
    return node, body


def _scalar_text(s):
    if s.style == "null":
        return ""
    if s.raw is not None and s.style in ("plain", "dq", "sq", "flow"):
        return s.raw
    return json.dumps(s.text, ensure_ascii=False)


def write_node(node, indent=0):
    """Lines of YAML for a mapping (list of pairs) or a sequence."""
    pad = " " * indent
    out = []
    if is_map(node):
        for key, val in node:
            if isinstance(val, Scalar):
                if val.style == "block":
                    out.append("%s%s: %s" % (pad, key, val.chomp))
                    for ln in val.text.rstrip("\n").split("\n"):
                        out.append((pad + "  " + ln) if ln else "")
                else:
                    out.append(("%s%s: %s" % (pad, key, _scalar_text(val)))
                               .rstrip())
            else:
                out.append("%s%s:" % (pad, key))
                out.extend(write_node(val, indent + 2))
    else:
        for val in node:
            if isinstance(val, Scalar):
                if val.style == "block":
                    out.append("%s- |" % pad)
                    for ln in val.text.rstrip("\n").split("\n"):
                        out.append((pad + "    " + ln) if ln else "")
                else:
                    out.append("%s- %s" % (pad, _scalar_text(val)))
            else:
                sub = write_node(val, indent + 2)
                if sub:
                    sub[0] = pad + "- " + sub[0][indent + 2:]
                out.extend(sub)
    return out


def write_note(path, fm, body):
    text = "---\n" + "\n".join(write_node(fm)) + "\n---\n" + body
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return len(text.encode("utf-8"))


def is_map(node):
    return isinstance(node, list) and (
        not node or (isinstance(node[0], tuple) and len(node[0]) == 2 and
                     isinstance(node[0][0], str)))


def get(node, key):
    if is_map(node):
        for k, v in node:
            if k == key:
                return v
    return None


def put(node, key, val):
    for n, (k, _) in enumerate(node):
        if k == key:
            node[n] = (k, val)
            return
    node.append((key, val))


def text_of(node, key):
    v = get(node, key)
    return v.text if isinstance(v, Scalar) else None


def notes_of(folder):
    """Every *.md under folder, in sorted path order (relative paths)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for f in files:
            if f.endswith(".md"):
                found.append(os.path.relpath(os.path.join(root, f), folder))
    return sorted(found)


def copy_node(node):
    if isinstance(node, Scalar):
        return node.copy()
    if is_map(node):
        return [(k, copy_node(v)) for k, v in node]
    return [copy_node(v) for v in node]


def count_values(node):
    if isinstance(node, Scalar):
        return 1
    if is_map(node):
        return sum(1 + count_values(v) for _, v in node)
    return sum(count_values(v) for v in node)
