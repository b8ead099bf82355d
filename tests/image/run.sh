#!/bin/sh
# tests/image/run.sh: tests of generator/image.c, the image decoder.
#
# Builds tests/image/imgtest.c into tests/tmp/image/, runs it over
# samples/* (good files) and bad/* (broken ones) and compares its output
# with expected.txt.  Then, with python3, checks the decoded pixels
# against mksamples.py's (JPEGs against djpeg's, when it is installed)
# and image_shrink against a reference area average.
# IMG_WRAP runs imgtest under a tool, e.g.
#   IMG_WRAP="valgrind -q --error-exitcode=99 --leak-check=full" run.sh
# --update rewrites expected.txt; review its diff before commit.

cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
tmp=$top/tests/tmp/image
rm -rf "$tmp"
mkdir -p "$tmp/full" "$tmp/small"
pass=0
fail=0

ok() {
	echo "PASS: $1"
	pass=$((pass + 1))
}

ko() {
	echo "FAIL: $1"
	fail=$((fail + 1))
}

${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall \
    -Wextra -O2 -g -I generator -o "$tmp/imgtest" tests/image/imgtest.c \
    generator/image.c generator/util.c \
    $(pkg-config --cflags --libs libpng 2>/dev/null || echo -lpng) \
    -ljpeg || { ko "build of imgtest"; echo "0 passed, 1 failed"; exit 1; }

cd tests/image || exit 2
imgtest="${IMG_WRAP:+$IMG_WRAP }$tmp/imgtest"
LC_ALL=C
export LC_ALL
# One run per file, so that a crash or a tool's complaint names it.
for f in $(ls samples/* bad/* | sort); do
	$imgtest -d "$tmp/full" "$f"
	rc=$?
	[ $rc -gt 1 ] && echo "$f: exit status $rc"
done >"$tmp/out.txt" 2>&1
if [ "$1" = "--update" ]; then
	cp "$tmp/out.txt" expected.txt
fi
if diff -u expected.txt "$tmp/out.txt" >"$tmp/out.diff"; then
	ok "imgtest output matches expected.txt"
else
	ko "imgtest output differs from expected.txt:"
	head -40 "$tmp/out.diff"
fi

PYTHON=${PYTHON:-python3}
if command -v "$PYTHON" >/dev/null; then
	if "$PYTHON" mksamples.py verify "$tmp/full" >"$tmp/verify.txt"; then
		ok "decoded pixels ($(tail -1 "$tmp/verify.txt"))"
	else
		ko "decoded pixels:"
		cat "$tmp/verify.txt"
	fi
	for side in 1 7 36; do
		rm -f "$tmp/small"/*
		$imgtest -s $side -d "$tmp/small" samples/* >/dev/null 2>&1
		if "$PYTHON" mksamples.py verify-shrink "$tmp/full" \
		    "$tmp/small" $side >"$tmp/shrink.txt"; then
			ok "shrink to $side ($(tail -1 "$tmp/shrink.txt"))"
		else
			ko "shrink to $side:"
			cat "$tmp/shrink.txt"
		fi
	done
else
	echo "skip: pixel checks need python3"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
