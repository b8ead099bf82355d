#!/bin/sh
# tests/hyphen/run.sh: simc's hyphenation against libhyphen's.
#
# simc reads Debian's pattern files itself (generator/hyphen.c says why);
# this builds tests/hyphen/hytest.c with generator/hyphen.c and libhyphen,
# and compares the points of both over the words of words.py: the
# repository's own text and words made of each language's pattern keys,
# in all eight label languages.  Every language must agree word for word.
# HY_WRAP runs hytest under a tool (valgrind).

cd "$(dirname "$0")/../.." || exit 2
tmp=tests/tmp/hyphen
rm -rf "$tmp"
mkdir -p "$tmp"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall \
    -Wextra -O2 -g -o "$tmp/hytest" tests/hyphen/hytest.c \
    generator/hyphen.c generator/util.c generator/fileio.c -lhyphen \
    -pthread || { echo "FAIL: build of hytest"; echo "0 passed, 1 failed"; exit 1; }
${PYTHON:-python3} tests/hyphen/words.py . >"$tmp/words.txt" ||
	{ echo "FAIL: tests/hyphen/words.py"; echo "0 passed, 1 failed"; exit 1; }
${HY_WRAP:+$HY_WRAP }"$tmp/hytest" <"$tmp/words.txt"
