#!/usr/bin/env python3
# edit.py FILE OLD NEW [OLD NEW...]: replaces each OLD (exactly once,
# \n for line ends) by NEW in FILE; fails when an OLD is not there once.
# OLD may be FROM...TO to replace everything from FROM up to (not
# including) TO.
import sys
path, pairs = sys.argv[1], sys.argv[2:]
text = open(path, encoding="utf-8").read()
for old, new in zip(pairs[::2], pairs[1::2]):
    old = old.replace("\\n", "\n")
    new = new.replace("\\n", "\n")
    if "..." in old and old not in text:
        a, b = old.split("...", 1)
        i = text.find(a)
        j = text.find(b, i + len(a)) if i >= 0 else -1
        if i < 0 or j < 0:
            sys.exit("edit.py: %s: no %r" % (path, old))
        text = text[:i] + new + text[j:]
        continue
    if text.count(old) != 1:
        sys.exit("edit.py: %s: %r found %d times" % (path, old, text.count(old)))
    text = text.replace(old, new)
open(path, "w", encoding="utf-8").write(text)
