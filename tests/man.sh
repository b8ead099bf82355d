#!/bin/sh
# tests/man.sh: the manual pages against the code and the templates.
#
#   man/simc.5   its TOOLS section must list, in workflow order, every tool
#                of templates/tools.yaml as `.Ss KEY`, followed by a line
#                `Phase N ...; required.` (or `optional.`), and every field
#                and sub-field as `.It Cm KEY Pq KIND` (`, required` added
#                when required; an `id` always is), nested in `.Bl`/`.El`
#                lists as the sub-fields are.  Each item's text must name
#                the words of an enum and the bounds of an int (`from MIN
#                to MAX`).
#   man/simc.1   every command of generator/main.c and of `simc blank` as
#                `.It Cm NAME`, every option as `.It Fl NAME`, every
#                environment variable simc reads (getenv) as `.It Ev NAME`.
#   both         `mandoc -T lint` without messages, if mandoc is installed
#                (apart from `referenced manual not found`, which only
#                says that the pages are not installed).
#
# Needs python3 with PyYAML.  The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
pass=0
fail=0

out=$(${PYTHON:-python3} - <<'EOF'
import difflib
import glob
import re

import yaml

passed = failed = 0


def ok():
    global passed
    passed += 1


def bad(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)


tools = yaml.safe_load(open("templates/tools.yaml"))["tools"]
man5 = open("man/simc.5").read().split("\n")
man1 = open("man/simc.1").read().split("\n")


def expected(fields, depth, prefix):
    """(depth, path, key, kind, required, field) in order, recursively."""
    for f in fields:
        req = bool(f.get("required")) or f["kind"] == "id"
        path = prefix + f["key"]
        yield depth, path, f["key"], f["kind"], req, f
        if f.get("fields"):
            sub = path + ("[]." if f["kind"] == "records" else ".")
            yield from expected(f["fields"], depth + 1, sub)


# The TOOLS section, cut into one slice of lines per `.Ss`.
try:
    start = man5.index(".Sh TOOLS")
except ValueError:
    bad("man/simc.5 has no `.Sh TOOLS` section")
    start = len(man5)
sections = []
for line in man5[start + 1:]:
    if line.startswith(".Sh "):
        break
    if line.startswith(".Ss "):
        sections.append((line[4:].strip(), []))
    elif sections:
        sections[-1][1].append(line)

names = [s[0] for s in sections]
want = [t["key"] for t in tools]
if names == want:
    ok()
else:
    bad("simc.5 tools are %s; tools.yaml has %s, in this order"
        % (names, want))

item = re.compile(r"^\.It Cm (\S+) Pq ([a-z]+)(, required)?$")
for t in tools:
    key = t["key"]
    body = dict(sections).get(key)
    if body is None:
        bad("simc.5: tool `%s` is missing (`.Ss %s`)" % (key, key))
        continue
    ok()
    head = "Phase %d" % t["phase"]
    tail = "required." if t.get("required") else "optional."
    if body and body[0].startswith(head) and body[0].endswith(tail):
        ok()
    else:
        bad("simc.5: tool `%s`: first line should be `%s ...; %s`"
            % (key, head, tail))

    # Items of the section: (depth, key, kind, required, text lines).
    got = []
    depth = 0
    for line in body:
        if line.startswith(".Bl"):
            depth += 1
        elif line.startswith(".El"):
            depth -= 1
        elif line.startswith(".It Cm "):
            m = item.match(line)
            if m is None:
                bad("simc.5: tool `%s`: cannot read `%s`" % (key, line))
                continue
            got.append([depth - 1, m.group(1), m.group(2),
                        m.group(3) is not None, []])
        elif got:
            got[-1][4].append(line)
    exp = list(expected(t["fields"], 0, ""))
    # Pair the items with the fields by (depth, key), in order, so that
    # one missing item is reported once rather than shifting the rest.
    sm = difflib.SequenceMatcher(None, [(e[0], e[2]) for e in exp],
                                 [(g[0], g[1]) for g in got], autojunk=False)
    pair = {}
    for a, b, n in sm.get_matching_blocks():
        for j in range(n):
            pair[a + j] = got[b + j]
    used = set(id(g) for g in pair.values())
    for i, (d, path, k, kind, req, f) in enumerate(exp):
        where = "simc.5: tool `%s`: field `%s`" % (key, path)
        g = pair.get(i)
        if g is None:
            if any(x[1] == k and id(x) not in used for x in got):
                bad(where + ": out of order or at the wrong nesting "
                    "(expected `.It Cm %s` in a list %d deep)" % (k, d + 1))
            else:
                bad(where + ": missing (`.It Cm %s Pq %s%s`)"
                    % (k, kind, ", required" if req else ""))
            continue
        if g[2] != kind or g[3] != req:
            bad(where + ": says `%s%s`, tools.yaml `%s%s`"
                % (g[2], ", required" if g[3] else "", kind,
                   ", required" if req else ""))
            continue
        words = set(re.findall(r"[A-Za-z0-9_-]+", " ".join(g[4])))
        text = " ".join(g[4])
        if kind == "enum":
            lost = [v for v in f["values"] if str(v) not in words]
            if lost:
                bad(where + ": does not name %s" % ", ".join(map(str, lost)))
                continue
        if kind == "int" and ("min" in f or "max" in f):
            rng = "from %s to %s" % (f.get("min"), f.get("max"))
            if rng not in text:
                bad(where + ": does not say `%s`" % rng)
                continue
        ok()
    extra = [g[1] for g in got if id(g) not in used and
             not any(e[2] == g[1] for e in exp)]
    if extra:
        bad("simc.5: tool `%s`: items that tools.yaml does not have: %s"
            % (key, ", ".join(extra)))

# simc.1: commands, options, environment.
src = open("generator/main.c").read()
commands = re.findall(r'\{ "([a-z]+)", cmd_[a-z]+ \}', src)
if "blank" not in commands:
    commands.append("blank")        # SPEC.md section 5
options = ["o", "-format", "-lang", "-paper", "-templates", "-help",
           "-version"]
envs = set()
for path in sorted(glob.glob("generator/*.c")):
    envs.update(re.findall(r'getenv\("([A-Z_]+)"\)', open(path).read()))
for c in commands:
    if any(l.startswith(".It Cm %s" % c) and
           (len(l) == 7 + len(c) or l[7 + len(c)] == " ") for l in man1):
        ok()
    else:
        bad("simc.1: command `%s` is missing (`.It Cm %s`)" % (c, c))
for o in options:
    if any(re.match(r"^\.It Fl %s( |$)" % re.escape(o), l) for l in man1):
        ok()
    else:
        bad("simc.1: option `-%s` is missing (`.It Fl %s`)" % (o, o))
for e in sorted(envs):
    if ".It Ev %s" % e in man1:
        ok()
    else:
        bad("simc.1: environment variable `%s` is missing (`.It Ev %s`)"
            % (e, e))

print("%d %d" % (passed, failed))
EOF
)
rc=$?
if [ $rc != 0 ] || [ -z "$out" ]; then
	echo "FAIL: the checker did not run (python3 with PyYAML?)"
	fail=$((fail + 1))
else
	printf '%s\n' "$out" | sed '$d'
	set -- $(printf '%s\n' "$out" | tail -n 1)
	pass=$((pass + $1))
	fail=$((fail + $2))
fi

if command -v mandoc >/dev/null 2>&1; then
	for page in man/simc.1 man/simc.5; do
		msgs=$(mandoc -T lint "$page" 2>&1 |
		    grep -v 'referenced manual not found')
		if [ -z "$msgs" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: mandoc -T lint $page"
			printf '%s\n' "$msgs" | head -20
		fi
	done
else
	echo "mandoc is not installed: lint skipped (apt-get install mandoc)"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
