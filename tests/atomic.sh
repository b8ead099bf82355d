#!/bin/bash
# tests/atomic.sh: a build that fails half-way leaves the previous dossier
# whole.  Failures are forced for real: a file size limit (ulimit -f) that
# lets the HTML be written but not the PDF, then one that stops the HTML,
# then a note with an error.  After each, the old files are byte-identical
# and no temporary file is left.  Temporary files of a killed build are
# removed by the next; concurrent builds into one folder do not mix.
# The last line is `N passed, N failed`.
cd "$(dirname "$0")/.." || exit 2
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$PWD/simc}"
top=$PWD
work=$PWD/tests/tmp/atomic.$$
rm -rf "$work"
mkdir -p "$work"
cp -R content/acme "$work/acme"
cd "$work" || exit 2
pass=0
fail=0

ok() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
	fi
}

$simc build acme -o out >/dev/null 2>&1
ok "first build" '[ -f out/acme/dossier.pdf ] && [ -f out/acme/dossier.html ]'
md5sum out/acme/* >before
html=$(stat -c %s out/acme/dossier.html)
pdf=$(stat -c %s out/acme/dossier.pdf)
echo "A sentence added after the first build." >>acme/10-jobs.md

# A limit between the two sizes: the HTML is written, the PDF is not.
limit=$(( (html > pdf ? html : pdf) / 1024 - 1 ))
(ulimit -f "$limit"; $simc build acme -o out >log1 2>&1; echo "exit: $?" >>log1)
ok "write error: exit 1" 'grep -q "^exit: 1$" log1'
ok "write error: reported" 'grep -q "cannot write" log1'
ok "write error: old files intact" 'md5sum -c --quiet before'
ok "write error: no temporary file" '[ -z "$(ls out/acme | grep tmp)" ]'

# A limit below both.
(ulimit -f 4; $simc build acme -o out >log2 2>&1; echo "exit: $?" >>log2)
ok "small limit: exit 1" 'grep -q "^exit: 1$" log2'
ok "small limit: old files intact" 'md5sum -c --quiet before'
ok "small limit: no temporary file" '[ -z "$(ls out/acme | grep tmp)" ]'

# A build killed half-way left its temporary files: the next build
# removes them (and nothing else).
touch out/acme/dossier.pdf.tmpAb1234 out/acme/dossier.html.tmpXyZ987 \
    out/acme/notes.tmpAb1234
$simc build acme -o out >/dev/null 2>&1
ok "killed build: its temporary files removed" \
    '[ -z "$(ls out/acme | grep dossier.*tmp)" ]'
ok "killed build: other files kept" '[ -f out/acme/notes.tmpAb1234 ]'

# Two companies of one folder name built into one folder at once: the
# HTML and the PDF always come from the same one.
mkdir -p one two
cp -R "$top/content/acme" one/acme
cp -R "$top/content/horejsi" two/acme
mixed=0
for i in 1 2 3 4 5 6 7 8; do
	$simc build one/acme -o same >/dev/null 2>&1 &
	$simc build two/acme -o same >/dev/null 2>&1 &
	wait
	h=$(grep -c 'Šušteršič' same/acme/dossier.html)
	p=$(pdftotext same/acme/dossier.pdf - 2>/dev/null | grep -c 'Šušteršič')
	if [ "$h" = 0 ] && [ "$p" != 0 ] || [ "$h" != 0 ] && [ "$p" = 0 ]; then
		mixed=$((mixed + 1))
	fi
done
ok "concurrent builds into one folder never mix ($mixed of 8 mixed)" \
    '[ $mixed = 0 ]'
md5sum out/acme/* >before

# An error in the notes: nothing is built.
sed -i 's/^\(    importance:\) [0-9]*/\1 9/' acme/26-opportunities.md
$simc build acme -o out >log3 2>&1
echo "exit: $?" >>log3
ok "content error: exit 1" 'grep -q "^exit: 1$" log3'
ok "content error: reported" 'grep -q "importance. must be" log3'
ok "content error: old files intact" 'md5sum -c --quiet before'

cd / && rm -rf "$work"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
