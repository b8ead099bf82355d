#!/bin/bash
# tests/diag.sh: how simc prints diagnostics and what its command line
# says, beyond the expected files of tests/check:
#
#   - --diagnostics=json: one JSON object per line (file, line, column,
#     severity, message, help) on stderr, no count line; for check,
#     status, export and build, as an option before or after the command
#   - colour only on a terminal (script(1) gives one) and never with
#     NO_COLOR; none when stderr is a file
#   - a source line never carries a terminal escape or a bidi override
#     from a note, and a long line is cut around its column
#   - check FILE.md: one note's diagnostics, references resolved against
#     its company; a missing file is an error
#   - export of several companies: one JSON array; of one: an object
#   - build says what it wrote (stdout), -q says nothing, a batch ends
#     with a summary and names what it did not build
#   - an unknown --lang lists the languages
#   - completion/simc.bash: valid bash, completes commands, languages
#     and tools
#
# The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$PWD
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$PWD/simc}"
PYTHON=${PYTHON:-$([ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
tmp=$PWD/tests/tmp/diag.$$
rm -rf "$tmp"
mkdir -p "$tmp"
pass=0
fail=0

# ok NAME CMD...: CMD (a shell string) succeeds.
ok() {
	name=$1
	shift
	if (eval "$*") >"$tmp/ok.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name"
		head -20 "$tmp/ok.log"
	fi
}

# jsonl FILE [N]: every line of FILE is a diagnostic object (N of them).
jsonl() {
	$PYTHON - "$1" "${2:-}" <<'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines, "no diagnostics"
for l in lines:
    d = json.loads(l)
    assert sorted(d) == ["column", "file", "help", "line", "message",
                         "severity"], d
    assert d["severity"] in ("error", "warning"), d
    assert isinstance(d["line"], int) and isinstance(d["column"], int), d
    assert all(isinstance(h, str) for h in d["help"]), d
if sys.argv[2]:
    assert len(lines) == int(sys.argv[2]), len(lines)
EOF
}

cd tests/check || exit 2

# ---- JSON ----
$simc --diagnostics=json check dangling-reference 2>"$tmp/j1"
echo "exit: $?" >"$tmp/j1.rc"
ok "json: check, 1 diagnostic" jsonl "$tmp/j1" 1
ok "json: exit 1" 'grep -q "exit: 1" "$tmp/j1.rc"'
ok "json: its fields" "$PYTHON"' -c "
import json; d = json.loads(open(\"$tmp/j1\").read())
assert d == {\"file\": \"dangling-reference/27-priorities.md\", \"line\": 11,
  \"column\": 18, \"severity\": \"error\",
  \"message\": \"\`priorities[2].opportunity\`: no opportunity \`02\`\",
  \"help\": [\"did you mean \`O2\`?\",
           \"the opportunities are \`O1\`, \`O2\`, \`O3\`\"]}, d"'
$simc check --diagnostics=json unknown-key-suggestion yaml-tab control-char-midline 2>"$tmp/j2"
ok "json: option after the command, 5 diagnostics" jsonl "$tmp/j2" 5
ok "json: an escape in the text stays escaped" '! grep -q "$(printf "\033")" "$tmp/j2"'
$simc --diagnostics=json status dangling-reference >/dev/null 2>"$tmp/j3"
ok "json: status" jsonl "$tmp/j3" 1
$simc --diagnostics=json export dangling-reference >/dev/null 2>"$tmp/j4"
ok "json: export" jsonl "$tmp/j4" 1
$simc --diagnostics=json build dangling-reference -o "$tmp/out" >/dev/null 2>"$tmp/j5"
ok "json: build" jsonl "$tmp/j5" 1
$simc --diagnostics=xml check dangling-reference >/dev/null 2>"$tmp/j6"
echo "exit: $?" >>"$tmp/j6"
ok "json: --diagnostics=xml is a usage error" 'grep -q "text or json" "$tmp/j6" && grep -q "exit: 2" "$tmp/j6"'

# ---- colour ----
esc=$(printf '\033')
script -qec "$simc check dangling-reference" /dev/null >"$tmp/c1" 2>&1
ok "colour on a terminal" 'grep -q "$esc\[" "$tmp/c1"'
NO_COLOR=1 script -qec "$simc check dangling-reference" /dev/null >"$tmp/c2" 2>&1
ok "no colour with NO_COLOR" '! grep -q "$esc\[" "$tmp/c2" && grep -q "error:" "$tmp/c2"'
$simc check dangling-reference >"$tmp/c3" 2>&1
ok "no colour without a terminal" '! grep -q "$esc" "$tmp/c3" && grep -q "error:" "$tmp/c3"'
mkdir -p "$tmp/esc/co"
printf -- '---\ntool: company\nname: Acme\033[2J\n---\n' >"$tmp/esc/co/00-company.md"
(cd "$tmp/esc" && script -qec "$simc check co" /dev/null) >"$tmp/c4" 2>&1
ok "colour: the note's own ESC is escaped" 'grep -q "Acme\\\\x1B\[2J" "$tmp/c4" && ! grep -q "$esc\[2J" "$tmp/c4"'

# ---- source lines ----
mkdir -p "$tmp/src/co"
printf -- '---\ntool: segments\nsegments:\n  - id: a\n    role: \342\200\256nigeb\n---\n' >"$tmp/src/co/21-segments.md"
$PYTHON -c "
open('$tmp/src/co/22-long.md', 'w').write('---\ntool: business-model\nresources: ' + 'x' * 3000 + ': ' + 'y' * 300 + '\n---\n')"
(cd "$tmp/src" && $simc check co) >"$tmp/s1" 2>&1
ok "a bidi override is shown escaped" 'grep -q "role: \\\\u{202E}nigeb" "$tmp/s1" && ! grep -q "$(printf "\342\200\256")" "$tmp/s1"'
ok "a long line is cut around its column" '[ $(grep -c "^ *[0-9]* | \.\.\.x*: y*\.\.\.$" "$tmp/s1") = 1 ] && [ $(awk "length > 200" "$tmp/s1" | grep -vc error) = 0 ]'

# ---- check FILE.md ----
$simc check dangling-reference/26-opportunities.md >"$tmp/f1" 2>&1
echo "exit: $?" >>"$tmp/f1"
ok "check FILE.md: a good note of a bad company" 'diff -u - "$tmp/f1" <<EOF
0 errors, 0 warnings
exit: 0
EOF'
$simc check dangling-reference/27-priorities.md >"$tmp/f2" 2>&1
echo "exit: $?" >>"$tmp/f2"
ok "check FILE.md: its own error" 'grep -q "^dangling-reference/27-priorities.md:11:18: error" "$tmp/f2" && grep -q "exit: 1" "$tmp/f2"'
$simc check near-miss-complete/27-priorities.md >"$tmp/f3" 2>&1
ok "check FILE.md: references resolved against the company" '! grep -q "no opportunity" "$tmp/f3" && grep -q "market_rsik" "$tmp/f3"'
(cd dangling-reference && $simc check 27-priorities.md) >"$tmp/f4" 2>&1
ok "check FILE.md in the current folder" 'grep -q "^./27-priorities.md:11:18: error" "$tmp/f4"'
$simc check nosuch/x.md >"$tmp/f5" 2>&1
echo "exit: $?" >>"$tmp/f5"
ok "check FILE.md of no file" 'grep -q "^nosuch/x.md:1:1: error: cannot read note" "$tmp/f5" && grep -q "exit: 1" "$tmp/f5"'

mkdir -p "$tmp/hidden"
cp near-miss-draft/*.md "$tmp/hidden/"
cp near-miss-draft/27-priorities.md "$tmp/hidden/.27-priorities.md"
$simc check "$tmp/hidden/.27-priorities.md" >"$tmp/f6" 2>&1
echo "exit: $?" >>"$tmp/f6"
ok "check FILE.md of a hidden file: not read, said so" 'grep -q "hidden/.27-priorities.md:1:1: error: not read as a note" "$tmp/f6" && grep -q "exit: 1" "$tmp/f6"'

# A note in a sub-folder belongs to the company above it: its references
# resolve against the company's notes, and its path stays as given.
mkdir -p "$tmp/sub/co/journeys"
cp near-miss-draft/*.md "$tmp/sub/co/"
mv "$tmp/sub/co/27-priorities.md" "$tmp/sub/co/journeys/"
printf -- '---\ntool: company\nname: Acme\nproduct: Pumps\n---\n' >"$tmp/sub/co/00-company.md"
$simc check "$tmp/sub/co/journeys/27-priorities.md" >"$tmp/f7" 2>&1
echo "exit: $?" >>"$tmp/f7"
ok "check FILE.md in a sub-folder: checked within the company above" '! grep -q "no opportunity" "$tmp/f7" && grep -q "^$tmp/sub/co/journeys/27-priorities.md:.*market_rsik" "$tmp/f7"'

cd "$top/content" || exit 2

# ---- export ----
$simc export acme horejsi >"$tmp/e1" 2>/dev/null
ok "export of two: an array of two" "$PYTHON"' -c "
import json; v = json.load(open(\"$tmp/e1\"))
assert isinstance(v, list) and [c[\"company\"][\"slug\"] for c in v] == [\"acme\", \"horejsi\"], v"'
$simc export . >"$tmp/e2" 2>/dev/null
ok "export of a folder of companies: an array" "$PYTHON"' -c "
import json; v = json.load(open(\"$tmp/e2\")); assert isinstance(v, list) and len(v) == 2"'
$simc export acme >"$tmp/e3" 2>/dev/null
ok "export of one: an object" "$PYTHON"' -c "
import json; v = json.load(open(\"$tmp/e3\")); assert v[\"company\"][\"slug\"] == \"acme\""'

# ---- build ----
SOURCE_DATE_EPOCH=86400 $simc build acme -o "$tmp/b" --format html >"$tmp/b1" 2>"$tmp/b1.err"
ok "build says what it wrote" '[ "$(cat "$tmp/b1")" = "wrote $tmp/b/acme/dossier.html" ] && [ ! -s "$tmp/b1.err" ]'
SOURCE_DATE_EPOCH=86400 $simc build -q acme -o "$tmp/b" --format html >"$tmp/b2" 2>&1
ok "build -q says nothing" '[ $? = 0 ] && [ ! -s "$tmp/b2" ]'
mkdir -p "$tmp/batch"
cp -R acme horejsi "$tmp/batch/"
cp -R "$top/tests/check/dangling-reference" "$tmp/batch/bad"
(cd "$tmp/batch" && SOURCE_DATE_EPOCH=86400 $simc build . -o out --format html >"$tmp/b3" 2>"$tmp/b3.err"; echo "exit: $?" >>"$tmp/b3")
ok "build of a batch: a line per company and a summary" 'diff -u - "$tmp/b3" <<EOF
wrote out/acme/dossier.html
wrote out/horejsi/dossier.html
built 2 of 3 companies into out/
exit: 1
EOF'
ok "build of a batch: what was not built" 'grep -q "^simc: ./bad: not built" "$tmp/b3.err" && ! grep -q "built 2 of 3" "$tmp/b3.err"'
(cd "$tmp/batch" && SOURCE_DATE_EPOCH=86400 $simc build . -q -o out --format html >"$tmp/b4" 2>"$tmp/b4.err")
ok "build -q of a batch: only the diagnostics" '[ ! -s "$tmp/b4" ] && grep -q "error:" "$tmp/b4.err" && ! grep -q "not built" "$tmp/b4.err"'
$simc build acme --lang xx -o "$tmp/b" >"$tmp/b5" 2>&1
echo "exit: $?" >>"$tmp/b5"
ok "an unknown --lang lists the languages" 'grep -q "the languages are en, cs, de" "$tmp/b5" && grep -q "exit: 2" "$tmp/b5"'

$simc init "$tmp/new" --name X --lang xx >"$tmp/b6" 2>&1
ok "init: an unknown --lang lists the languages" 'grep -q "the languages are en, cs, de" "$tmp/b6" && [ ! -e "$tmp/new" ]'

# ---- completion ----
cd "$top" || exit 2
ok "completion: valid bash" bash -n completion/simc.bash
comp() {	# comp WORD...: what completing the last word offers
	PATH=$(dirname "${SIMC:-$top/simc}"):$PATH bash -c '
	    source completion/simc.bash
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _simc
	    echo "${COMPREPLY[*]}"' comp "$@"
}
ok "completion: commands" '[ "$(comp simc st)" = "status" ]'
ok "completion: languages" '[ "$(comp simc build --lang h)" = "hr hu" ]'
ok "completion: tools" '[ "$(comp simc schema pe)" = "persona" ]'
ok "completion: build options" 'comp simc build - | grep -q -- "-q"'

rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
