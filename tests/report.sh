#!/bin/sh
# tests/report.sh: `simc report`, read back.
#
#   1. the example portfolio (a copy of content/ outside git) with two
#      more companies: one whose notes have an error (shown, never
#      dropped) and one whose names look like spreadsheet formulas and
#      CSV syntax; acme's dossier built into the same OUT first, so that
#      its row links to it and the others do not.  report.csv against
#      tests/report/content.csv, then read with python3's csv module: the
#      totals (tests/report/check.py) in the CSV and in the HTML's boxes,
#      every formula-like cell neutralised, the hostile names whole
#   2. a generated portfolio of 200 companies (check.py gen: varied
#      thresholds, concepts, markets, some with errors): the totals the
#      generator counted, in the CSV and in the HTML
#   3. the HTML passes tidy -e and holds no live markup; the PDF passes
#      qpdf --check, embeds its fonts, and its text has the totals and
#      every company; usage errors exit 2 and write nothing
#
# SIMC names another binary; SIMC_WRAP runs simc under a tool.  UPDATE=1
# rewrites tests/report/content.csv.  Last line: `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$top/simc}"
py=${PYTHON:-python3}
check="$py $top/tests/report/check.py"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/simc-report.XXXXXX") || exit 2
pass=0
fail=0
SOURCE_DATE_EPOCH=86400
export SOURCE_DATE_EPOCH

ok() {
	pass=$((pass + 1))
}
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	[ -n "$2" ] && [ -f "$2" ] && head -30 "$2"
}

# sound OUT: the report's HTML and PDF are well formed.
sound() {
	for f in "$1"/programme/report.html "$1"/programme/report.pdf; do
		[ -s "$f" ] || { bad "$f was not written"; return; }
	done
	f=$1/programme/report.html
	if tidy -e -q "$f" >"$tmp/tidy" 2>&1; then ok
	else bad "tidy -e $f" "$tmp/tidy"; fi
	if grep -Eiq '<script|<iframe|<object|<embed|(href|src)="(javascript|vbscript|data:text)|<[a-z]+[^>]*[[:space:]]on[a-z]+=' "$f"; then
		bad "live markup in $f"
	else ok; fi
	f=$1/programme/report.pdf
	if qpdf --check "$f" >"$tmp/qpdf" 2>&1; then ok
	else bad "qpdf --check $f" "$tmp/qpdf"; fi
	if pdffonts "$f" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { b = 1 } END { exit b }'; then ok
	else bad "a font is not embedded in $f"; fi
}

# 1. The examples, a company with errors, hostile names.
pf=$tmp/content
mkdir -p "$pf"
cp -R content/acme content/horejsi "$pf/"
cp -R content/acme "$pf/broken"
printf -- '---\ntool: opportunities\nopportunities: [\n---\n' >"$pf/broken/26-opportunities.md"
cp -R content/acme "$pf/evil"
$py tests/diff/edit.py "$pf/evil/00-company.md" \
    'name: Toplotna tehnika Šušteršič d.o.o.' 'name: "=HYPERLINK(\"http://example.com\",\"x\"), \"quoted\""' \
    'country: Slovenia' 'country: "-2+3"' || exit 2
$py - "$pf/evil/00-company.md" <<'EOF' || exit 2
import re, sys
p = sys.argv[1]
t = open(p).read()
t = re.sub(r"(?m)^consultant: .*$", 'consultant: "@SUM(A1:A9)"', t, count=1)
open(p, "w").write(t)
EOF
(cd "$tmp" && $simc build content/acme -o out >/dev/null 2>&1) ||
    bad "simc build of acme"
(cd "$tmp" && $simc report content -o out >"$tmp/log" 2>&1; echo "exit: $?" >>"$tmp/log")
if tail -1 "$tmp/log" | grep -qx 'exit: 1' &&
    grep -q '^content/broken/26-opportunities.md:' "$tmp/log"; then ok
else bad "report of a portfolio with errors: exit 1 and its diagnostics" "$tmp/log"; fi
out=$tmp/out
[ "${UPDATE:-0}" = 1 ] && cp "$out/programme/report.csv" tests/report/content.csv
if cmp -s tests/report/content.csv "$out/programme/report.csv"; then ok
else bad "tests/report/content.csv"; diff tests/report/content.csv "$out/programme/report.csv" | head -20; fi
if $check totals "$out" '{"companies": 4, "concepts": 3, "t1": 3, "t2": 3, "t3": 3, "markets": 2, "errors": 1}' >"$tmp/c" 2>&1; then ok
else bad "totals of the examples" "$tmp/c"; fi
$check csv "$out" >"$tmp/rows" 2>&1
if grep -qF '"'"'"'=HYPERLINK(\"http://example.com\",\"x\"), \"quoted\""' "$tmp/rows" &&
    grep -qF '"'"'"'-2+3"' "$tmp/rows" && grep -qF '"'"'"'@SUM(A1:A9)"' "$tmp/rows"; then ok
else bad "hostile names in the CSV, read back" "$tmp/rows"; fi
if grep -q 'href="../acme/dossier.html"' "$out/programme/report.html" &&
    [ "$(grep -c 'href="\.\./' "$out/programme/report.html")" = 1 ]; then ok
else bad "only acme's row links to its dossier"; fi
if grep -q '<tr class="marked' "$out/programme/report.html" ||
    grep -q '<tr class="[^"]*marked' "$out/programme/report.html"; then ok
else bad "the company with errors is not marked"; fi
sound "$out"
pdftotext "$out/programme/report.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$tmp/pdf.txt"
for s in 'Programme totals' 'Toplotna tehnika' 'Pekárenská technika' \
    '=HYPERLINK' 'Companies with errors in their notes 1'; do
	if grep -qF "$s" "$tmp/pdf.txt"; then ok
	else bad "the report's PDF lacks: $s"; fi
done
# The dossier link is in the PDF too.
if qpdf --qdf --object-streams=disable "$out/programme/report.pdf" - 2>/dev/null |
    grep -q '/URI (../acme/dossier.pdf)'; then ok
else bad "no link to ../acme/dossier.pdf in the PDF"; fi

# 2. 200 companies.
$check gen "$tmp/p200" 200 >"$tmp/expect200" || bad "check.py gen"
(cd "$tmp" && $simc report p200 -o out200 >"$tmp/log200" 2>&1)
if $check totals "$tmp/out200" "$tmp/expect200" >"$tmp/c" 2>&1; then ok
else bad "totals of 200 companies ($(cat "$tmp/expect200"))" "$tmp/c"; fi
sound "$tmp/out200"

# The last change from git: the folder's last commit and its date.
g=$tmp/g
git init -q -b main "$g" && cp -R content/acme "$g/acme" &&
    git -C "$g" add -A && GIT_COMMITTER_DATE="2025-04-03T12:00:00+02:00" \
    git -C "$g" -c user.name=t -c user.email=t@t commit -q -m x &&
    (cd "$g" && $simc report acme -o out >/dev/null 2>&1)
h=$(git -C "$g" rev-parse --short HEAD)
if $check csv "$g/out" | sed -n 2p | grep -qF "\"$h\", \"2025-04-03\""; then ok
else bad "the last change from git in the CSV ($h, 2025-04-03)"; $check csv "$g/out" | head -3; fi

# 3. Usage, and a German report.
for args in "report" "report --lang xx content" "report content -o ''"; do
	(cd "$tmp" && eval "$simc $args" >"$tmp/u" 2>&1)
	rc=$?
	if [ $rc = 2 ]; then ok; else bad "simc $args: exit $rc, 2 expected" "$tmp/u"; fi
done
(cd "$tmp" && $simc report content/acme content/horejsi --lang de -o de >/dev/null 2>&1)
if grep -q 'Summen des Programms' "$tmp/de/programme/report.html" &&
    [ "$(sed -n '$=' "$tmp/de/programme/report.csv")" = 3 ]; then ok
else bad "a German report of two company folders"; fi

rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
