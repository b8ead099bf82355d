#!/bin/bash
# tests/atomic.sh: a build that fails half-way leaves the previous dossier
# whole.  Failures are forced for real: a file size limit (ulimit -f) that
# lets the HTML be written but not the PDF, then one that stops the HTML,
# then a note with an error.  After each, the old files are byte-identical
# and no temporary file is left.  The last line is `N passed, N failed`.
cd "$(dirname "$0")/.." || exit 2
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$PWD/simc}"
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
