#!/bin/sh
# tests/run.sh: every test of simc, as input / expected-output pairs.
#
#   tests/examples/NAME.CMD    `simc CMD NAME` run in content/
#   tests/CMD/NAME/expected    `simc CMD NAME` run in tests/CMD/
#
# where CMD is dump, check, status or export (and tests/portfolio.status
# is `simc status .` in content/), and for `simc build`:
#
#   tests/examples/NAME.html      the HTML dossier of content/NAME
#   tests/examples/NAME.pdf.txt   the text of its PDF dossier (pdftotext)
#   tests/examples/NAME.pdfinfo   its pages, outline and fonts (pdfinfo.py)
#   tests/build/NAME/expected     `simc build NAME` run in a copy, with
#                                 expected.html / expected.pdf.txt beside
#   tests/lang/LL.pack.txt        the text of `simc blank --lang LL`'s pack
#   tests/lang/LL.letters.txt     tests/build/letters built in language LL
#   tests/templates/NAME/expected `simc --templates templates ARGS` with
#                                 the broken NAME/templates (see below)
#   tests/meaning/expected        the report of tests/meaning.sh: a changed
#                                 methodology computed and printed by the
#                                 same simc
#
# Builds run on copies outside git with SOURCE_DATE_EPOCH set, so that the
# version stamp and date do not change with every commit.  Every HTML must
# pass `tidy -e` and carry no live markup; every PDF must pass
# `qpdf --check` and embed all its fonts.
#
# Each expected file holds stdout and stderr, then `exit: N`.  A case
# folder with a setup.sh is copied to tests/tmp/ and set up there first
# (for inputs git cannot hold: huge files, symbolic links out of the tree).
# A tests/build case with a check.sh runs it on its output folder too
# (`sh check.sh OUT`: exit 0 when the outputs hold, else it says why).
# SIMC names another binary (a sanitizer build); SIMC_WRAP runs simc under
# a tool (valgrind); RUN_ONLY=examples runs only the examples' builds.  --update rewrites the
# expected files from the current output; review the diff before commit.
# The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$top/simc}"
update=0
# Debian's python3 has PyYAML (the Makefile installs python3-yaml); a
# python3 earlier in PATH may not.
PYTHON=${PYTHON:-$([ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
export PYTHON
[ "$1" = "--update" ] && update=1
tmp=$top/tests/tmp/run.$$
rm -rf "$tmp"
mkdir -p "$tmp"
pass=0
fail=0

# compare EXPECTED ACTUAL: counts a pass or a failure.
compare() {
	if [ $update = 1 ]; then
		cp "$2" "$1"
	fi
	if diff -u "$1" "$2" >"$2.diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
		head -40 "$2.diff"
	fi
}

# expect_file FILE: FILE exists, or a failure is counted.
expect_file() {
	[ -f "$1" ] && return 0
	fail=$((fail + 1))
	echo "FAIL: $1 was not written"
	return 1
}

# lint ARGS...: tests/lint.py over PDFs (the layout seen as word boxes:
# inside the page, no overlaps, no split without a hyphen, canvas tools
# on their pages), one test per call.
lint() {
	if $PYTHON tests/lint.py "$@" >"$tmp/lint.out" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: tests/lint.py $*"
		head -30 "$tmp/lint.out"
	fi
}

# check_outputs DIR: the HTML and PDF files in DIR are sound.
check_outputs() {
	for f in "$1"/dossier.html; do
		[ -f "$f" ] || continue
		if ! tidy -e -q "$f" >"$f.tidy" 2>&1; then
			fail=$((fail + 1))
			echo "FAIL: tidy -e $f"
			head -20 "$f.tidy"
		elif grep -Eiq '<script|<iframe|<object|<embed|(href|src)="(javascript|vbscript|data:text)|<[a-z]+[^>]*[[:space:]]on[a-z]+=' "$f"; then
			fail=$((fail + 1))
			echo "FAIL: live markup in $f"
		else
			pass=$((pass + 1))
		fi
	done
	for f in "$1"/dossier.pdf; do
		[ -f "$f" ] || continue
		if ! qpdf --check "$f" >"$f.qpdf" 2>&1; then
			fail=$((fail + 1))
			echo "FAIL: qpdf --check $f"
			tail -5 "$f.qpdf"
		elif pdffonts "$f" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: a font is not embedded in $f"
		fi
		# Poppler reads it without a complaint (a ToUnicode map it
		# rejects, a broken font): nothing on stderr.
		pdftotext "$f" /dev/null 2>"$f.poppler"
		pdffonts "$f" 2>>"$f.poppler" >/dev/null
		if [ -s "$f.poppler" ]; then
			fail=$((fail + 1))
			echo "FAIL: pdftotext or pdffonts complain of $f"
			sort "$f.poppler" | uniq -c | head -5
		else
			pass=$((pass + 1))
		fi
	done
}

# build NAME SRC LOG PREFIX: builds a copy of the company folder SRC named
# NAME; compares its diagnostics with LOG (if not empty) and its outputs
# with PREFIX.html and PREFIX.pdf.txt where they exist (or with --update).
build() {
	name=$1 src=$2 log=$3 prefix=$4
	work=$tmp/build/$name
	rm -rf "$work"
	mkdir -p "$work"
	cp -R "$src" "$work/$name"
	if [ -f "$work/$name/setup.sh" ]; then
		(cd "$work/$name" && sh ./setup.sh)
	fi
	(cd "$work" && SOURCE_DATE_EPOCH=86400 $simc build "$name" -o out \
	    >log 2>&1; echo "exit: $?" >>log)
	[ -n "$log" ] && compare "$log" "$work/log"
	out=$work/out/$name
	# An expected file whose output is missing fails: a simc that
	# writes nothing must not pass.
	if [ -f "$prefix.html" ] || { [ $update = 1 ] && [ -f "$out/dossier.html" ]; }; then
		expect_file "$out/dossier.html" &&
		    compare "$prefix.html" "$out/dossier.html"
	fi
	if [ -f "$prefix.pdf.txt" ] || { [ $update = 1 ] && [ -f "$out/dossier.pdf" ]; }; then
		expect_file "$out/dossier.pdf" &&
		    pdftotext "$out/dossier.pdf" "$work/pdf.txt" 2>/dev/null &&
		    compare "$prefix.pdf.txt" "$work/pdf.txt"
	fi
	if [ -f "$prefix.pdfinfo" ] || { [ $update = 1 ] && [ -f "$out/dossier.pdf" ]; }; then
		expect_file "$out/dossier.pdf" &&
		    $PYTHON tests/pdfinfo.py "$out/dossier.pdf" >"$work/pdfinfo" &&
		    compare "$prefix.pdfinfo" "$work/pdfinfo"
	fi
	check_outputs "$out"
	[ -f "$out/dossier.pdf" ] &&
	    lint --words "$work/$name" --words templates "$out/dossier.pdf"
	# A case's own checks of its outputs: check.sh OUT, silent when met.
	if [ -f "$src/check.sh" ]; then
		if sh "$src/check.sh" "$out" >"$work/check.log" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $src/check.sh"
			head -20 "$work/check.log"
		fi
	fi
	# The dependency file names every note of the company.
	if [ -f "$out/dossier.pdf" ]; then
		missing=$(cd "$work" && for n in $(find "$name" -name '*.md'); do
			grep -qF " $n" "out/$name/dossier.d" || echo "$n"
		done)
		if [ -z "$missing" ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $out/dossier.d lacks $missing"
		fi
	fi
	# A rebuild is byte-identical.
	(cd "$work" && SOURCE_DATE_EPOCH=86400 $simc build "$name" -o out2 \
	    >/dev/null 2>&1)
	for f in "$out/dossier.html" "$out/dossier.pdf"; do
		[ -f "$f" ] || continue
		if cmp -s "$f" "$work/out2/$name/$(basename "$f")"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: rebuilding $f gives other bytes"
		fi
	done
}

# run NAME DIR COMMAND EXPECTED: runs `simc COMMAND NAME` in DIR.
run() {
	name=$1 dir=$2 cmd=$3 expected=$4
	out=$tmp/$(echo "$expected" | tr / _).out
	(cd "$dir" && $simc $cmd "$name" >"$out" 2>&1; echo "exit: $?" >>"$out")
	compare "$expected" "$out"
}

for exp in tests/examples/*.check tests/examples/*.dump \
    tests/examples/*.status tests/examples/*.export; do
	file=$(basename "$exp")
	run "${file%.*}" content "${file##*.}" "$exp"
done
# The portfolio: every company of content/ in one status.
run . content status tests/portfolio.status

for company in content/*/; do
	name=$(basename "$company")
	build "$name" "$company" "" "tests/examples/$name"
done
# RUN_ONLY=examples stops here (tests/runner.sh tests the runner so).
if [ "${RUN_ONLY:-}" = examples ]; then
	echo "$pass passed, $fail failed"
	[ $fail = 0 ]
	exit
fi

# --paper a3: the landscape pages (journey, strategy...) on A3.
work=$tmp/a3
mkdir -p "$work"
cp -R content/acme "$work/"
(cd "$work" && SOURCE_DATE_EPOCH=86400 $simc build acme --paper a3 \
    --format pdf -o out >/dev/null 2>&1)
$PYTHON tests/pdfinfo.py "$work/out/acme/dossier.pdf" >"$work/pdfinfo" 2>&1
compare tests/examples/acme.a3.pdfinfo "$work/pdfinfo"
lint --words content/acme --words templates --journey-pages 1 \
    "$work/out/acme/dossier.pdf"
# Blank forms on A3: every page of every form A3; blank forms' cells to
# write in 10 mm or more (lint --blank), here and in every language.
(cd "$work" && $simc blank --paper a3 -o out >/dev/null 2>&1)
lint --words templates --a3 --blank --journey-pages 1 \
    "$work"/out/blank/en/*.pdf
# Posters: --tool writes just those forms, each without cover or contents.
(cd "$work" && $simc blank --tool journey,strategy -o poster >/dev/null 2>&1)
if [ "$(cd "$work/poster/blank/en" && echo *.pdf)" = "05-journey.pdf 10-strategy.pdf" ] &&
    [ "$($PYTHON tests/pdfinfo.py "$work/poster/blank/en/05-journey.pdf" | sed -n 1p)" = "pages: 1" ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: simc blank --tool journey,strategy: $(ls "$work/poster/blank/en")"
fi
lint --words templates --blank --journey-pages 1 \
    "$work"/poster/blank/en/*.pdf

for case in tests/build/*/; do
	[ -d "$case" ] || continue
	build "$(basename "$case")" "${case%/}" "${case}expected" \
	    "${case}expected"
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

# Broken templates: tests/templates/NAME/templates/ holds the files of
# a templates folder that matter to the case (lang/en.yaml and
# dossier.css come from templates/ when the case has none).
# `simc --templates templates ARGS` runs in a copy of NAME/ beside a copy
# of content/acme (as acme) and the fonts, ARGS from NAME/args (default:
# check acme).
for case in tests/templates/*/; do
	[ -d "$case" ] || continue
	case=${case%/}
	name=$(basename "$case")
	work=$tmp/templates/$name
	mkdir -p "$tmp/templates"
	cp -R "$case" "$work"
	cp -R content/acme "$work/acme"
	ln -s "$top/fonts" "$work/fonts"
	mkdir -p "$work/templates/lang"
	for f in lang/en.yaml dossier.css; do
		[ -f "$work/templates/$f" ] ||
		    cp "templates/$f" "$work/templates/$f"
	done
	# A case that changes a few lines of the shipped templates says so
	# in setup.sh, run on a whole copy of them (no stale copies in git).
	if [ -f "$case/setup.sh" ]; then
		rm -rf "$work/templates"
		cp -R templates "$work/templates"
		(cd "$work" && sh "$top/$case/setup.sh") || {
			fail=$((fail + 1))
			echo "FAIL: $case/setup.sh"
			continue
		}
	fi
	args="check acme"
	[ -f "$case/args" ] && args=$(cat "$case/args")
	out=$tmp/templates_$name.out
	(cd "$work" && $simc --templates templates $args >"$out" 2>&1;
	    echo "exit: $?" >>"$out")
	compare "$case/expected" "$out"
done

# The meaning as data: a changed copy of templates/ and companies using it
# (tests/meaning.sh says what it proves), its report against the expected.
sh tests/meaning.sh >"$tmp/meaning.out" 2>&1
compare tests/meaning/expected "$tmp/meaning.out"

# Every label language: its workshop pack (labels through pdftotext) and
# its special letters in a dossier (tests/build/letters in that language).
mkdir -p tests/lang
for file in templates/lang/*.yaml; do
	ll=$(basename "$file" .yaml)
	work=$tmp/blank
	rm -rf "$work"
	mkdir -p "$work"
	(cd "$work" && $simc blank --lang "$ll" -o out >log 2>&1;
	    echo "exit: $?" >>log)
	if grep -q '^exit: 0$' "$work/log"; then
		pass=$((pass + 1))
		pdftotext "$work/out/blank/$ll/workshop-pack.pdf" \
		    "$work/pack.txt" 2>/dev/null
		compare "tests/lang/$ll.pack.txt" "$work/pack.txt"
		lint --words templates --blank --journey-pages 1 \
		    "$work/out/blank/$ll"/*.pdf
		for f in "$work/out/blank/$ll"/*.html; do
			d=$work/one
			rm -rf "$d"
			mkdir -p "$d"
			cp "$f" "$d/dossier.html"
			cp "${f%.html}.pdf" "$d/dossier.pdf"
			check_outputs "$d"
		done
	else
		fail=$((fail + 1))
		echo "FAIL: simc blank --lang $ll"
		cat "$work/log"
	fi
	work=$tmp/letters
	rm -rf "$work"
	mkdir -p "$work"
	cp -R tests/build/letters "$work/"
	(cd "$work" && SOURCE_DATE_EPOCH=86400 $simc build letters --lang "$ll" \
	    --format pdf -o out >/dev/null 2>&1)
	pdftotext "$work/out/letters/dossier.pdf" "$work/letters.txt" 2>/dev/null
	compare "tests/lang/$ll.letters.txt" "$work/letters.txt"
	lint --words tests/build/letters --words templates \
	    "$work/out/letters/dossier.pdf"
done

# suite SCRIPT: a suite of its own, counted by its last line.
suite() {
	if last=$(SIMC="${SIMC:-}" "$@" 2>&1 | tail -1) &&
	    echo "$last" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'; then
		pass=$((pass + ${last%% *}))
		f=${last#*, }
		fail=$((fail + ${f%% *}))
		[ "${f%% *}" = 0 ] || echo "FAIL: $*: $last"
	else
		fail=$((fail + 1))
		echo "FAIL: $*: $last"
	fi
}

suite tests/image/run.sh	# the image decoder's samples and broken files
suite sh tests/hyphen/run.sh	# hyphenation word by word against libhyphen
suite sh tests/init.sh		# simc init in every language
suite sh tests/man.sh		# the man pages against templates/tools.yaml
suite bash tests/atomic.sh	# a failed build leaves the old dossier whole
suite bash tests/hostile.sh	# hostile file names through make, -o, links
suite sh tests/git.sh		# the version from git, nothing of the repo runs
suite sh tests/diff.sh		# simc diff and build --since over a made history
suite sh tests/report.sh	# simc report: CSV read back, totals, 200 companies
suite sh tests/runner.sh	# this runner fails an output not written
suite sh tests/schema.sh		# simc schema validates every example note
suite bash tests/diag.sh	# json and colour diagnostics, check FILE.md, CLI
suite bash tests/watch.sh	# simc watch over HTTP: reload, errors, SIGINT
suite $PYTHON tests/lsp.py	# simc lsp driven by a scripted client
suite $PYTHON tests/figures.py content/acme content/horejsi \
    tests/status/tie tests/status/concept-not-recommended	# figures' geometry

[ $fail = 0 ] && rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
