#!/bin/sh
# tests/init.sh: `simc init`, for every label language in templates/lang.
#
# For each language LL, a company folder is made in tests/tmp/init-PID/LL
# and must: be created (exit 0, one note per tool); pass `simc check` with
# `0 errors, 0 warnings`; show every tool as draft and `company` as the
# next step in `simc status`; keep the company's name byte for byte
# (quotes and backslashes, checked through `simc export`); build (exit 0).
# A second init into the same folder must exit 1 and change nothing, even
# when only some of the notes exist.  Usage errors (no --name, no DIR, an
# unknown --lang or option) exit 2 and write nothing.
# SIMC names another binary; SIMC_WRAP runs simc under a tool (valgrind).
# The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$top/simc}"
tmp=$top/tests/tmp/init-$$
rm -rf "$tmp"
mkdir -p "$tmp"
pass=0
fail=0

# ok DESCRIPTION: counts a pass.  bad DESCRIPTION [FILE]: a failure.
ok() {
	pass=$((pass + 1))
}
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	[ -n "$2" ] && [ -f "$2" ] && head -20 "$2"
}

# expect_rc WANT GOT DESCRIPTION [FILE]
expect_rc() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		bad "$3: exit $2, expected $1" "$4"
	fi
}

# fingerprint DIR: names and checksums of every file in DIR.
fingerprint() {
	(cd "$1" 2>/dev/null && find . -type f | LC_ALL=C sort | xargs cksum)
}

ntools=$(${PYTHON:-python3} -c 'import yaml, sys
print(len(yaml.safe_load(open(sys.argv[1]))["tools"]))' \
    templates/tools.yaml 2>/dev/null || grep -c '^  - key:' templates/tools.yaml)

name='Test "quoted" \ back\slash d.o.o.'
jname='Test \"quoted\" \\ back\\slash d.o.o.'

for f in templates/lang/*.yaml; do
	ll=$(basename "$f" .yaml)
	d=$tmp/$ll

	$simc init "$d" --name "$name" --lang "$ll" >"$tmp/$ll.out" 2>&1
	expect_rc 0 $? "$ll: init" "$tmp/$ll.out"
	n=$(ls "$d"/*.md 2>/dev/null | wc -l)
	if [ "$n" -eq "$ntools" ]; then
		ok "$ll: one note per tool"
	else
		bad "$ll: $n notes for $ntools tools"
	fi
	if [ -f "$d/00-company.md" ] && grep -q "^language: $ll\$" \
	    "$d/00-company.md"; then
		ok "$ll: language"
	else
		bad "$ll: 00-company.md lacks \`language: $ll\`" \
		    "$d/00-company.md"
	fi

	$simc check "$d" >"$tmp/$ll.check" 2>&1
	expect_rc 0 $? "$ll: check" "$tmp/$ll.check"
	if [ "$(tail -n 1 "$tmp/$ll.check")" = "0 errors, 0 warnings" ] &&
	    [ "$(wc -l <"$tmp/$ll.check")" -eq 1 ]; then
		ok "$ll: check is clean"
	else
		bad "$ll: check is not clean" "$tmp/$ll.check"
	fi

	$simc status "$d" >"$tmp/$ll.status" 2>&1
	expect_rc 0 $? "$ll: status" "$tmp/$ll.status"
	if grep -q '^next step: draft `company`' "$tmp/$ll.status"; then
		ok "$ll: next step"
	else
		bad "$ll: next step is not \`company\`" "$tmp/$ll.status"
	fi
	nd=$(grep -Ec '^  [a-z-]+ +draft ' "$tmp/$ll.status")
	if [ "$nd" -eq "$ntools" ]; then
		ok "$ll: every tool draft"
	else
		bad "$ll: $nd of $ntools tools draft" "$tmp/$ll.status"
	fi

	$simc export "$d" >"$tmp/$ll.json" 2>&1
	if grep -qF "\"name\": \"$jname\"" "$tmp/$ll.json"; then
		ok "$ll: name"
	else
		bad "$ll: the company name did not survive" "$tmp/$ll.json"
	fi

	$simc build "$d" -o "$tmp/out-$ll" >"$tmp/$ll.build" 2>&1
	expect_rc 0 $? "$ll: build" "$tmp/$ll.build"

	# Never overwrite: all targets there, then only some of them.
	before=$(fingerprint "$d")
	$simc init "$d" --name Other --lang "$ll" >"$tmp/$ll.again" 2>&1
	expect_rc 1 $? "$ll: init over a company" "$tmp/$ll.again"
	if grep -q "exists; init never overwrites a note" "$tmp/$ll.again"
	then
		ok "$ll: message"
	else
		bad "$ll: no \`exists\` message" "$tmp/$ll.again"
	fi
	if [ "$(fingerprint "$d")" = "$before" ]; then
		ok "$ll: unchanged"
	else
		bad "$ll: a refused init changed the folder"
	fi
	rm -f "$d/10-jobs.md"
	before=$(fingerprint "$d")
	$simc init "$d" --name Other --lang "$ll" >"$tmp/$ll.again" 2>&1
	expect_rc 1 $? "$ll: init over part of a company" "$tmp/$ll.again"
	if [ "$(fingerprint "$d")" = "$before" ]; then
		ok "$ll: unchanged"
	else
		bad "$ll: a refused init changed the folder"
	fi

	$simc init "$tmp/noname-$ll" --lang "$ll" >"$tmp/$ll.usage" 2>&1
	expect_rc 2 $? "$ll: init without --name" "$tmp/$ll.usage"
	if [ ! -e "$tmp/noname-$ll" ]; then
		ok "$ll: usage error writes nothing"
	else
		bad "$ll: a usage error created $tmp/noname-$ll"
	fi
done

# Usage errors that do not depend on the language.
$simc init --name X >"$tmp/usage" 2>&1
expect_rc 2 $? "init without DIR" "$tmp/usage"
if grep -q '^usage: simc init' "$tmp/usage"; then
	ok "usage line"
else
	bad "no usage line" "$tmp/usage"
fi
$simc init "$tmp/xx" --name X --lang xx >"$tmp/usage" 2>&1
expect_rc 2 $? "init --lang xx" "$tmp/usage"
$simc init "$tmp/xx" --name X --colour >"$tmp/usage" 2>&1
expect_rc 2 $? "init with an unknown option" "$tmp/usage"
$simc init "$tmp/xx" "$tmp/yy" --name X >"$tmp/usage" 2>&1
expect_rc 2 $? "init with two folders" "$tmp/usage"
$simc init "$tmp/xx" --name "$(printf 'two\nlines')" >"$tmp/usage" 2>&1
expect_rc 2 $? "init with a name of two lines" "$tmp/usage"
if [ ! -e "$tmp/xx" ] && [ ! -e "$tmp/yy" ]; then
	ok "usage errors write nothing"
else
	bad "a usage error wrote a folder"
fi
# DIR is a file: an error, not a usage error.
: >"$tmp/file"
$simc init "$tmp/file" --name X >"$tmp/usage" 2>&1
expect_rc 1 $? "init into a file" "$tmp/usage"

[ $fail = 0 ] && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
