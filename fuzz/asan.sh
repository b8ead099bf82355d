#!/bin/sh
# fuzz/asan.sh: the whole test suite against simc built with
# AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer.
#
# Builds tests/tmp/asan/simc from generator/*.c (objects in
# tests/tmp/asan/obj/, never generator/*.o) and runs tests/run.sh with it.
# Sanitizer reports go to tests/tmp/asan/report.* as well as changing
# the exit status that the expected files hold; any report fails the run.
# CC defaults to clang, else gcc (gcc's UBSan ignores log_path: its
# reports then show only in the failing comparisons).  When tests/run.sh cannot be told which simc to run
# (no $SIMC), the tree is copied to a temporary folder whose simc is the
# sanitized one.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
asan=$top/tests/tmp/asan
if [ -z "$CC" ]; then
	CC=gcc
	command -v clang >/dev/null 2>&1 && CC=clang
fi
FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -g -O1"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra"
CPPFLAGS="-DSIMC_VERSION=\"asan\" $(pkg-config --cflags libcmark yaml-0.1 \
    libpng 2>/dev/null)"
LIBS="$(pkg-config --libs libcmark yaml-0.1 libpng 2>/dev/null ||
    echo -lcmark -lyaml -lpng) -ljpeg -lhpdf -lz -lm"

rm -rf "$asan"
mkdir -p "$asan/obj"
objs=
for src in generator/*.c; do
	obj=$asan/obj/$(basename "$src" .c).o
	# shellcheck disable=SC2086
	$CC $FLAGS $CFLAGS $CPPFLAGS -c -o "$obj" "$src" || exit 1
	objs="$objs $obj"
done
# shellcheck disable=SC2086
$CC $FLAGS -o "$asan/simc" $objs $LIBS || exit 1

ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99:log_path=$asan/report"
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=99:log_path=$asan/report"
LSAN_OPTIONS="exitcode=99:log_path=$asan/report"
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

if grep -q 'SIMC:-' tests/run.sh; then
	SIMC=$asan/simc SIMC_TEMPLATES=$top/templates tests/run.sh "$@"
	rc=$?
else
	copy=$(mktemp -d "${TMPDIR:-/tmp}/simc-asan.XXXXXX") || exit 2
	tar -C "$top" --exclude=./tests/tmp --exclude=./out \
	    --exclude=./fuzz/work --exclude=./fuzz/obj -cf - . |
	    tar -C "$copy" -xf -
	cp "$asan/simc" "$copy/simc"
	"$copy/tests/run.sh" "$@"
	rc=$?
	[ $rc = 0 ] && rm -rf "$copy"
fi

reports=$(ls "$asan"/report.* 2>/dev/null)
if [ -n "$reports" ]; then
	echo "sanitizer reports ($(echo "$reports" | wc -l) processes), by kind:"
	grep -h '^SUMMARY' $reports | sort | uniq -c
	grep -h '^SUMMARY' $reports | sort -u | while read -r line; do
		first=$(grep -lF "$line" $reports | head -1)
		echo "== first report of this kind: $first"
		head -40 "$first"
	done
	exit 1
fi
exit $rc
