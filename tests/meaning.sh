#!/bin/sh
# tests/meaning.sh: the methodology's meaning is data (issue 15).
#
# tests/meaning/templates/tools.yaml is a copy of templates/' that adds a
# sixth prioritisation criterion (`regulation`), renames `market_risk` to
# `market_uncertainty` (in the languages too, edited below), adds a tool
# to phase 4 (`pilots`, whose records refer to segments) and a field to
# the concept (`risks`).  With the same simc, tests/meaning/kovo
# (horejsi's notes, written for it) must get the new scores, ranks and
# recommendation; the One Page Strategy's cards
# the regions it declares (an activity's budget on them, its timeline
# after the canvas); tests/meaning/dangling, the same
# with a pilot of a segment that does not exist, an error at its line;
# and the new tool and field must be in the HTML, the PDF (pdftotext),
# `simc init` and the blank forms.  Prints a report, which tests/run.sh
# compares with tests/meaning/expected.
#
# Runs in tests/tmp/meaning-PID (outside git: no content version), with
# SOURCE_DATE_EPOCH set.  SIMC names another binary; SIMC_WRAP runs simc
# under a tool.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$top/simc}"
tmp=$top/tests/tmp/meaning-$$
rm -rf "$tmp"
mkdir -p "$tmp"
cp -R tests/meaning/templates tests/meaning/kovo tests/meaning/dangling \
    "$tmp/"
# The style is not the methodology: the copy takes templates/' own.  So
# are the labels, but for the two the changed methodology renames: the
# languages are templates/' own with those lines edited (no stale copy).
cp templates/dossier.css "$tmp/templates/"
mkdir -p "$tmp/templates/lang"
for f in templates/lang/*.yaml; do
	sed -e 's/^\( *\)market_risk:$/\1market_uncertainty:/' \
	    -e 's/^  score_axis: "Score: challenge (5 easiest … 25 hardest)"$/  score_axis: "Score: challenge (6 easiest … 30 hardest)"/' \
	    "$f" >"$tmp/$f"
done
grep -q '6 easiest' "$tmp/templates/lang/en.yaml" &&
    grep -q 'market_uncertainty:' "$tmp/templates/lang/de.yaml" ||
    { echo "meaning.sh: templates/lang no longer holds the lines it edits"; exit 1; }
ln -s "$top/fonts" "$tmp/fonts"
cd "$tmp" || exit 2
export SOURCE_DATE_EPOCH=86400

# run TITLE CMD...: the command's output and exit status, under a title.
run() {
	echo "== $1"
	shift
	"$@" 2>&1
	echo "exit: $?"
}

# has FILE WHAT...: for each text, whether FILE holds it.
has() {
	f=$1
	shift
	for w in "$@"; do
		if grep -qF -- "$w" "$f"; then
			echo "yes: $w"
		else
			echo "NO: $w"
		fi
	done
}

run "the templates on their own" $simc check --templates templates
run "check kovo" $simc --templates templates check kovo
run "the dangling pilot" $simc --templates templates check dangling
run "status kovo" $simc --templates templates status kovo
echo "== export kovo: the opportunities"
$simc --templates templates export kovo 2>&1 |
    sed -n '/^  "opportunities": \[/,/^  "recommended"/p'
run "build kovo" $simc --templates templates build kovo -o out
echo "== the HTML"
has out/kovo/dossier.html "2.4 Pilot customers" "Pilot customer" \
    "Pekárna U Mlýna, Jihlava" \
    '<a href="#segment-pekarny">pekarny</a>: Řemeslné a malé regionální' "Risks of the servitized offer" \
    "Leasingový partner odmítne" "Regulatory burden" "Market uncertainty" \
    "Score: challenge (6 easiest … 30 hardest)"
echo "== the PDF"
pdftotext out/kovo/dossier.pdf out/kovo.txt 2>/dev/null
has out/kovo.txt "2.4 Pilot customers" "Pekárna U Mlýna" \
    "Risks of the servitized offer" "Leasingový partner odmítne" \
    "Regulatory burden" "Market uncertainty"
run "init" $simc --templates templates init newco --name "Nova d.o.o."
ls newco | grep -E 'pilots|concept|priorities'
has newco/*pilots*.md "tool: pilots" "pilots:" "segment:" "customer:"
has newco/*concept*.md "risks:"
has newco/*priorities*.md "regulation:" "market_uncertainty:"
run "blank forms" $simc --templates templates blank -o out
for t in 13-pilots 08-concept 07-priorities workshop-pack; do
	pdftotext "out/blank/en/$t.pdf" "out/$t.txt" 2>/dev/null
done
echo "== the blank forms"
has out/13-pilots.txt "2.4 Pilot customers" "Customer segment" \
    "What we learned"
has out/08-concept.txt "Risks of the servitized offer"
# Narrow columns: a label may wrap, so its first word.
has out/07-priorities.txt "Regulatory" "Market" "uncertainty"
has out/workshop-pack.txt "2.4 Pilot customers" \
    "Risks of the servitized offer" "Regulatory"
has out/blank/en/13-pilots.html "Pilot customers"
# The canvas's regions (tools.yaml `region`): page 1 the cards, page 2
# the table after them.
echo "== the One Page Strategy's regions"
pdftotext -f 1 -l 1 out/blank/en/10-strategy.pdf out/cards.txt 2>/dev/null
pdftotext -f 2 -l 2 out/blank/en/10-strategy.pdf out/after.txt 2>/dev/null
echo "cards:"
has out/cards.txt "Short description" "Responsible person(s)" "Budget"
grep -qF "Timeline/deadlines" out/cards.txt && echo "NOT after: Timeline"
echo "after the canvas:"
has out/after.txt "Expected results" "Timeline/deadlines" "Resources"
grep -qF "Budget" out/after.txt && echo "NOT on the cards: Budget"
sed -n '/<div class="after">/,/<\/thead>/p' out/blank/en/10-strategy.html |
    grep -o 'scope="col"[^>]*>[^<]*' | sed 's/.*>/html after: /'
cd "$top" && rm -rf "$tmp"
