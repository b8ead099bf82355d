#!/bin/sh
# tests/run.sh: every test of simc, as input / expected-output pairs.
#
#   tests/examples/NAME.CMD    `simc CMD NAME` run in content/
#   tests/CMD/NAME/expected    `simc CMD NAME` run in tests/CMD/
#
# where CMD is dump, check, status or export.
#
# Each expected file holds stdout and stderr, then `exit: N`.  A case
# folder with a setup.sh is copied to tests/tmp/ and set up there first
# (for inputs git cannot hold: huge files, symbolic links out of the tree).
# SIMC_WRAP runs simc under a tool (valgrind).  --update rewrites the
# expected files from the current output; review the diff before commit.
# The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }$top/simc"
update=0
[ "$1" = "--update" ] && update=1
tmp=$top/tests/tmp/run.$$
rm -rf "$tmp"
mkdir -p "$tmp"
pass=0
fail=0

# run NAME DIR COMMAND EXPECTED: runs `simc COMMAND NAME` in DIR.
run() {
	name=$1 dir=$2 cmd=$3 expected=$4
	out=$tmp/$(echo "$expected" | tr / _).out
	(cd "$dir" && $simc $cmd "$name" >"$out" 2>&1; echo "exit: $?" >>"$out")
	if [ $update = 1 ]; then
		cp "$out" "$expected"
	fi
	if diff -u "$expected" "$out" >"$out.diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $cmd $name ($expected)"
		head -40 "$out.diff"
	fi
}

for exp in tests/examples/*.*; do
	file=$(basename "$exp")
	run "${file%.*}" content "${file##*.}" "$exp"
done

for kind in dump check status export; do
	for case in tests/$kind/*/; do
		[ -d "$case" ] || continue
		case=${case%/}
		name=$(basename "$case")
		dir=tests/$kind
		if [ -f "$case/setup.sh" ]; then
			dir=$tmp/$kind
			mkdir -p "$dir"
			cp -R "$case" "$dir/"
			(cd "$dir/$name" && sh ./setup.sh) || {
				fail=$((fail + 1))
				echo "FAIL: setup of $case"
				continue
			}
		fi
		run "$name" "$dir" $kind "$case/expected"
	done
done

[ $fail = 0 ] && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
