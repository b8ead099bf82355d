#!/bin/bash
# tests/hostile.sh: file names and output paths chosen by an attacker.
#
# A company whose notes and folder have names that are shell or make
# syntax is built through make, as the README's `make` does, three
# times (build, nothing to do, a note touched): nothing may run, every
# make must succeed, and the touched note must rebuild the dossier.
# Names that no rule accepts (control characters, invalid UTF-8) are
# refused with a printable diagnostic.  Last line: `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc=${SIMC:-$top/simc}
tmp=$top/tests/tmp/hostile.$$
set -u
pass=0
fail=0
rm -rf "$tmp"
mkdir -p "$tmp"

ok() {	# ok WHAT: the last command's status was 0
	if [ "$1" = 0 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: $2"; fi
}

# The company: horejsi, with notes named as make and shell syntax, in a
# folder whose own name is syntax too (but for spaces: the Makefile
# finds dossier.d by $(wildcard), which splits at spaces).
co='c;touch%PWNED-dir=1$(shell_touch_PWNED)'
slug='c_touch_PWNED-dir_1__shell_touch_PWNED_'	# its output folder
w=$tmp/make
mkdir -p "$w"
cp -R content/horejsi "$w/$co"
names=(
	'a;touch PWNED-semi.md'
	'b$(shell touch PWNED-shell).md'
	'c`touch PWNED-tick`.md'
	'd:e.md' 'f=g.md' 'h%i.md' 'j#k.md' 'l|m.md' 'n\o.md' 'p\ q.md'
	"r'\"s.md" 't*u.md' 'v?w.md' '[x].md' '~y.md' 'z(1).md' 'end\.md'
	'w x.md'
)
for n in "${names[@]}"; do
	printf -- '---\ntool: none\n---\nA note named %s.\n' "$n" >"$w/$co/$n"
done
mkdir -p "$w/$co/sub;touch PWNED-sub"
printf -- '---\ntool: none\n---\nNested.\n' >"$w/$co/sub;touch PWNED-sub/x.md"
# The folder reaches make through the environment, never as make text.
cat >"$w/Makefile" <<'EOF'
.DEFAULT_GOAL := out/$(value SLUG)/dossier.pdf
-include $(wildcard out/*/dossier.d)
out/%/dossier.pdf:
	@"$$SIMC" build "$$CO_DIR" -o out
EOF
mk() {
	(cd "$w" && SOURCE_DATE_EPOCH=86400 SIMC="$simc" CO_DIR="$co" SLUG="$slug" \
	    make -s "$@" >>"$w/log" 2>&1)
}
(cd "$w" && SOURCE_DATE_EPOCH=86400 "$simc" build "$co" -o out >"$w/log" 2>&1)
ok $? "simc build of a company with hostile names"
[ -f "$w/out/$slug/dossier.d" ]
ok $? "dossier.d written for hostile names"
mk
ok $? "make over hostile dossier.d ($(tail -3 "$w/log"))"
mk -q
ok $? "make -q: nothing to do after a build ($(tail -3 "$w/log"))"
for n in "${names[@]}" "sub;touch PWNED-sub/x.md"; do
	touch -d '+2 seconds' "$w/$co/$n"
	mk -q
	[ $? = 1 ]
	ok $? "make sees the touched note '$n'"
	touch -d '-2 seconds' "$w/$co/$n"
done
sleep 1
touch "$w/$co/a;touch PWNED-semi.md"
before=$(stat -c %Y "$w/out/$slug/dossier.pdf")
mk
ok $? "make rebuilds after a note changed ($(tail -3 "$w/log"))"
[ "$(stat -c %Y "$w/out/$slug/dossier.pdf")" != "$before" ]
ok $? "the dossier was rebuilt"
rm "$w/$co/d:e.md"
mk
ok $? "make after a note was removed ($(tail -3 "$w/log"))"
found=$(find "$tmp" -name '*PWNED*' -type f 2>/dev/null | grep -v "/$co/"; ls -d /PWNED* "$top"/PWNED* 2>/dev/null)
[ -z "$found" ]
ok $? "nothing ran: $found"

# Names no rule accepts: newline and tab (a recipe), ESC (terminal
# control), invalid UTF-8.  Each is an error naming the file printably.
w=$tmp/names
mkdir -p "$w"
cp -R content/horejsi "$w/co"
printf -- '---\ntool: none\n---\n' >"$w/co/$(printf 'x\n\ttouch PWNED.md')"
printf -- '---\ntool: none\n---\n' >"$w/co/$(printf 'esc\033[2J.md')"
printf -- '---\ntool: none\n---\n' >"$w/co/$(printf 'bad\377.md')"
mkdir "$w/co/$(printf 'dir\001')"
(cd "$w" && "$simc" check co >out 2>&1; echo "exit: $?" >>out)
cat >"$w/expected" <<'EOF'
co/bad\xFF.md:1:1: error: the file name is not valid UTF-8: rename it
co/dir\x01:1:1: error: the folder name holds a control character: rename it
co/esc\x1B[2J.md:1:1: error: the file name holds a control character: rename it
co/x\x0A\ttouch PWNED.md:1:1: error: the file name holds a control character: rename it
4 errors, 0 warnings
exit: 1
EOF
diff -u "$w/expected" "$w/out"
ok $? "bad names are refused with printable diagnostics"
(cd "$w" && "$simc" export co 2>/dev/null | ${PYTHON:-python3} -c 'import json,sys; json.load(sys.stdin)')
ok $? "export of a company with bad names is valid JSON"
(cd "$w" && "$simc" build co -o out >/dev/null 2>&1)
[ $? = 1 ] && [ ! -e "$w/out/co" ]
ok $? "a company with a bad name is not built"

# Output paths: empty (an unset variable) and the root are usage errors.
for o in '' / //; do
	(cd "$w" && "$simc" build co -o "$o" >/dev/null 2>&1)
	[ $? = 2 ]
	ok $? "build -o '$o' is a usage error"
	(cd "$w" && "$simc" blank -o "$o" >/dev/null 2>&1)
	[ $? = 2 ]
	ok $? "blank -o '$o' is a usage error"
done
[ ! -e /co ] && [ ! -e /blank ]
ok $? "nothing written at the root"

# A portfolio does not follow a sub-folder that links out of it.
w=$tmp/portfolio
mkdir -p "$w/mine" "$w/theirs"
cp -R content/acme "$w/mine/acme"
cp -R content/horejsi "$w/theirs/secret"
ln -s ../theirs/secret "$w/mine/linked"
(cd "$w" && "$simc" build mine -o out >log 2>&1; echo "exit: $?" >>log)
grep -q 'mine/linked:1:1: error: symbolic link points outside the folder mine: not read' "$w/log" &&
    grep -q '^exit: 1$' "$w/log" && [ ! -e "$w/out/linked" ] && [ -f "$w/out/acme/dossier.pdf" ]
ok $? "portfolio: a link out of it is refused, the rest built ($(cat "$w/log"))"

# Text that once broke the PDF: a word over libharu's 65,535 bytes
# (check passed, build failed), lists nested past the 32 numbered
# levels (an uninitialised number), a link to an anchor (a dead link).
w=$tmp/text
mkdir -p "$w"
cp -R content/horejsi "$w/co"
{
	printf '\nSee [the matrix](#matrix) and [the site](https://example.com).\n\n'
	printf 'BLOB'; head -c 70000 /dev/zero | tr '\0' 'x'; printf 'END\n\n'
	i=0; pad=''
	while [ $i -lt 40 ]; do echo "${pad}1. level$i"; pad="$pad   "; i=$((i + 1)); done
} >>"$w/co/00-firma.md"
(cd "$w" && "$simc" check co >/dev/null 2>&1)
ok $? "check passes a 70,000-byte word"
(cd "$w" && SOURCE_DATE_EPOCH=86400 "$simc" build co -o out >log 2>&1)
ok $? "build builds what check passes ($(cat "$w/log"))"
pdftotext "$w/out/co/dossier.pdf" "$w/text" 2>/dev/null
# (across pages too, between their headers: count its letters)
[ "$(grep -E '^(BLOB)?x+-?(END)?$' "$w/text" | tr -cd x | wc -c)" = 70000 ] &&
    grep -q '^BLOBx' "$w/text" && grep -q 'xEND$' "$w/text"
ok $? "the long word is printed whole, across lines, each cut with a hyphen"
[ "$(grep -Ec '^1\. level([0-9]|[12][0-9]|30)$' "$w/text")" = 31 ] &&
    [ "$(grep -Ec '^(• |– )?level3[1-9]$' "$w/text")" = 9 ]
ok $? "31 numbered levels, bullets deeper ($(grep -c level "$w/text") levels)"
[ "$(grep -ac '/URI (https' "$w/out/co/dossier.pdf")" = 1 ] &&
    ! grep -aq '/URI (#' "$w/out/co/dossier.pdf"
ok $? "no dead link to an anchor in the PDF"
(cd "$w" && SOURCE_DATE_EPOCH=86400 "$simc" build co -o out2 >/dev/null 2>&1)
cmp -s "$w/out/co/dossier.pdf" "$w/out2/co/dossier.pdf"
ok $? "the PDF rebuilds byte for byte"

# Layout under hostile sizes: a 200-stage journey, a 51-member team, a
# 600-character company name, 2,000 nested block quotes.  The build
# succeeds (its time is make bench's, never a test's); tests/lint.py
# finds nothing outside its page or over other text, the journey split
# by stages.
w=$tmp/sizes
mkdir -p "$w"
cp -R content/horejsi "$w/big"
PYTHON=${PYTHON:-python3}
$PYTHON - "$w/big" <<'PY'
import sys, re
d = sys.argv[1]
f = d + "/00-firma.md"
s = open(f, encoding="utf-8").read()
name = "Pekárenská " + " ".join("technika%d" % i for i in range(60))
name = name[:600]
s = re.sub(r"(?m)^name: .*$", "name: " + name, s, count=1)
team = "".join("  - Člen týmu číslo %d — role %d\n" % (i, i) for i in range(51))
s = re.sub(r"(?ms)^team:\n(  - .*?\n)+", "team:\n" + team, s, count=1)
s += "\n" + "> " * 2000 + "hluboko\n"
open(f, "w", encoding="utf-8").write(s)
j = d + "/22-cesta-pekarny.md"
s = open(j, encoding="utf-8").read()
head, body = s.split("stages:\n", 1)
rest = body.split("\n---", 1)
stages = "".join(
    "  - stage: etapa %d\n    doing: Dělá věc %d.\n    experience: %d\n"
    "    pains:\n      - bolest %d\n" % (i, i, i % 5 - 2, i)
    for i in range(200))
open(j, "w", encoding="utf-8").write(head + "stages:\n" + rest[0] + "\n" +
                                     stages + "---" + rest[1])
PY
(cd "$w" && SOURCE_DATE_EPOCH=86400 "$simc" build big --format pdf -o out \
    >log 2>&1)
ok $? "a 200-stage journey, 51 members, a 600-character name build ($(head -3 "$w/log"))"
$PYTHON tests/lint.py --journey-pages 40 --words "$w/big" --words templates \
    "$w/out/big/dossier.pdf" >"$w/lint" 2>&1
ok $? "lint of the big company: $(head -5 "$w/lint")"

[ $fail = 0 ] && [ -z "${KEEP:-}" ] && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
