#!/bin/sh
# tests/schema.sh: `simc schema` against the example notes, with a real
# validator (Debian's python3-jsonschema, Draft7Validator).
#
#   - the schema of every tool and of each tool alone are valid draft-07
#   - every note of content/*/ validates against the whole schema, and
#     against its own tool's (YAML read by PyYAML; dates, which PyYAML
#     types, become the text they were, as simc and the YAML language
#     server read them)
#   - bad notes fail: an unknown key, a word outside an enum, an integer
#     out of bounds, a mapping for a list, an unknown tool, a bad status,
#     a malformed date, an id with a space; each is also an error or a
#     warning of `simc check`, so the schema says no more than simc does
#   - `simc schema nosuchtool` is a usage error
#
# SCHEMA_VERBOSE=1 prints why each bad note failed.
#
# The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$PWD/simc}"
PYTHON=${PYTHON:-$([ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
tmp=$PWD/tests/tmp/schema.$$
rm -rf "$tmp"
mkdir -p "$tmp/bad"
pass=0
fail=0

$simc schema >"$tmp/all.json" 2>"$tmp/err" || { echo "FAIL: simc schema"; cat "$tmp/err"; }
for t in $(sed -n '/^tools:/,$ s/^  - key: //p' templates/tools.yaml); do
	$simc schema "$t" >"$tmp/$t.json" 2>>"$tmp/err" ||
	    echo "FAIL: simc schema $t"
done
$simc schema nosuchtool >/dev/null 2>"$tmp/usage"
rc=$?
if [ $rc = 2 ] && grep -q "no tool .nosuchtool." "$tmp/usage"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: simc schema nosuchtool: exit $rc"
fi

# Bad notes, each in a folder of its own (beside a company note, so that
# simc check reads them as a company would).
bad() {	# bad NAME: the note on stdin
	mkdir -p "$tmp/bad/$1"
	cat >"$tmp/bad/$1/x.md"
	printf -- '---\ntool: company\nname: X\nproduct: Y\n---\n' \
	    >"$tmp/bad/$1/00-company.md"
}
bad unknown-key <<'EOF'
---
tool: priorities
priorities:
  - opportunity: O1
    market_rsik: 2
---
EOF
bad enum-word <<'EOF'
---
tool: segments
segments:
  - id: s1
    name: Hotels
    role: seller
---
EOF
bad int-range <<'EOF'
---
tool: opportunities
opportunities:
  - id: O1
    name: Faster service
    importance: 7
---
EOF
bad records-mapping <<'EOF'
---
tool: opportunities
opportunities:
  id: O1
---
EOF
bad unknown-tool <<'EOF'
---
tool: personna
name: Mateja
---
EOF
bad status <<'EOF'
---
tool: concept
status: finished
---
EOF
bad date <<'EOF'
---
tool: milestones
decisions:
  strategy_accepted: 1.3.2025
---
EOF
bad id-space <<'EOF'
---
tool: strategy
goals:
  - id: G 1
    goal: Grow
---
EOF
bad top-key <<'EOF'
---
tool: company
name: X
colour: red
---
EOF

out=$("$PYTHON" - "$tmp" content/*/*.md <<'EOF'
import datetime
import glob
import json
import os
import sys

import jsonschema
import yaml

tmp, notes = sys.argv[1], sys.argv[2:]
ok = bad = 0


def check(what, cond, detail=""):
    global ok, bad
    if cond:
        ok += 1
    else:
        bad += 1
        print("FAIL: %s %s" % (what, detail))


def front(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    assert lines[0].strip() == "---", path
    end = next(i for i in range(1, len(lines))
               if lines[i].strip() in ("---", "..."))
    return plain(yaml.safe_load("\n".join(lines[1:end])) or {})


def plain(v):
    """Dates as the text they were: simc and YAML 1.2 do not type them."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def load(name):
    with open(os.path.join(tmp, name + ".json")) as f:
        s = json.load(f)
    try:
        jsonschema.Draft7Validator.check_schema(s)
        check("schema %s is draft-07" % name, True)
    except jsonschema.SchemaError as e:
        check("schema %s is draft-07" % name, False, e.message)
    return jsonschema.Draft7Validator(s)


whole = load("all")
tools = {}
for p in glob.glob(os.path.join(tmp, "*.json")):
    n = os.path.basename(p)[:-5]
    if n != "all":
        tools[n] = load(n)

for path in notes:
    fm = front(path)
    errs = sorted(whole.iter_errors(fm), key=lambda e: list(e.path))
    check(path, not errs, "; ".join("%s: %s" % ("/".join(map(str, e.path)),
          e.message) for e in errs[:3]))
    t = fm.get("tool")
    if t in tools:
        errs = list(tools[t].iter_errors(fm))
        check(path + " (schema %s)" % t, not errs,
              errs[0].message if errs else "")

for d in sorted(glob.glob(os.path.join(tmp, "bad", "*"))):
    fm = front(os.path.join(d, "x.md"))
    errs = list(whole.iter_errors(fm))
    check("bad note %s fails" % os.path.basename(d), errs)
    if os.environ.get("SCHEMA_VERBOSE"):
        print(os.path.basename(d), [e.message[:70] for e in errs])
print("%d passed, %d failed" % (ok, bad))
EOF
)
echo "$out" | sed '$d'
last=$(echo "$out" | tail -1)
case $last in
*" passed, "*" failed")
	pass=$((pass + ${last%% *}))
	f=${last#*, }
	fail=$((fail + ${f%% *}));;
*)
	fail=$((fail + 1))
	echo "FAIL: the validator did not run: $last";;
esac

# What the schema refuses, simc reports too (an error or a warning).
for d in "$tmp"/bad/*/; do
	$simc check "$d" >"$tmp/check.out" 2>&1
	if grep -q "x.md:[0-9]*:[0-9]*: \(error\|warning\)" "$tmp/check.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: simc check finds nothing in $(basename "$d")"
		cat "$tmp/check.out"
	fi
done

[ $fail = 0 ] && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
