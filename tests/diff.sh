#!/bin/sh
# tests/diff.sh: `simc diff` and `simc build --since` over a repository
# the test makes: three commits of a company (content/acme, edited by
# tests/diff/edit.py) and a change left in the work tree, so that every
# kind of change appears once at least:
#
#   C1 -> C2   a tool and its phase completed, an opportunity added, one
#              re-scored, a threshold and a decision reached, an
#              assumption confirmed
#   C2 -> C3   the recommendation and the concept's choice changed, an
#              opportunity re-scored and one removed, a threshold's date
#              moved, an activity and a foreign market added
#   C3 -> the work tree   an assumption refuted
#
# Each as text and as JSON against tests/diff/NAME.txt and NAME.json
# (commit hashes replaced by C1, C2, C3; the JSON is read back with
# python3's json module too).  Then: usage errors (exit 2: a bad REV, an
# option as REV, a folder outside git); nothing the repository names runs
# (fsmonitor, filters, hooks: marker files) and nothing in .git changes;
# an old version's bad names and links are refused as the file-system
# walk refuses them; and the dossier built with --since REV carries the
# page "Changes since REV (date)" in its HTML and PDF, in English and in
# German.  UPDATE=1 rewrites the expected files.  SIMC names another
# binary; SIMC_WRAP runs simc under a tool.  Last line: `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$top/simc}"
edit="${PYTHON:-python3} $top/tests/diff/edit.py"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/simc-diff.XXXXXX") || exit 2
pass=0
fail=0

HOME=$tmp/home
GIT_CONFIG_NOSYSTEM=1
export HOME GIT_CONFIG_NOSYSTEM
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_CEILING_DIRECTORIES \
    SOURCE_DATE_EPOCH
mkdir -p "$HOME"

ok() {
	pass=$((pass + 1))
}
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	[ -n "$2" ] && [ -f "$2" ] && head -30 "$2"
}
# same EXPECTED ACTUAL
same() {
	[ "${UPDATE:-0}" = 1 ] && cp "$2" "$1"
	if diff -u "$1" "$2" >"$2.diff" 2>&1; then ok; else bad "$1" "$2.diff"; fi
}

repo=$tmp/repo
git init -q -b main "$repo" &&
git -C "$repo" config user.name "simc test" &&
git -C "$repo" config user.email "test@example.org" || exit 2
# commit N DATE: commits the work tree as it is.
commit() {
	git -C "$repo" add -A &&
	GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" \
	    git -C "$repo" commit -q -m "$1" || exit 2
}

# The three versions: C3 is acme; C2 and C1 step back from it.
v3=$tmp/v3 v2=$tmp/v2 v1=$tmp/v1
cp -R content/acme "$v3"
cp -R "$v3" "$v2"
$edit "$v2/26-opportunities.md" '  - id: O6\n' '  - id: O7\n    name: Rental of spare units\n    want: A unit while theirs is repaired.\n    importance: 2\n    unsatisfied: 2\n    doable: 3\n    lucrative: 2\n  - id: O6\n' &&
$edit "$v2/27-priorities.md" 'investment: 2\n    effort: 3\n    market_risk: 2\n    technology_risk: 3\n    change: 2\n    score: 12' 'investment: 5\n    effort: 3\n    market_risk: 2\n    technology_risk: 3\n    change: 2\n    score: 15' &&
$edit "$v2/28-concept.md" 'opportunity: O1' 'opportunity: O4' &&
$edit "$v2/44-milestones.md" 'date: 2025-02-17' 'date: 2025-02-10' &&
$edit "$v2/51-international.md" '  - country: HR\n...---' '' &&
$edit "$v2/40-strategy.md" '      - id: 2a\n...      - id: 2b\n' '' || exit 2
cp -R "$v2" "$v1"
$edit "$v1/30-business-model.md" 'tool: business-model\n' 'tool: business-model\nstatus: draft\n' &&
$edit "$v1/10-jobs.md" 'tool: jobs\n' 'tool: jobs\nstatus: draft\n' &&
$edit "$v1/26-opportunities.md" '  - id: O5\n...  - id: O7\n' '' &&
$edit "$v1/26-opportunities.md" 'importance: 5\n    unsatisfied: 5' 'importance: 3\n    unsatisfied: 5' &&
$edit "$v1/44-milestones.md" '  internationalisation_accepted: 2025-03-24\n' '' &&
$edit "$v1/44-milestones.md" '  t3:\n...---' '' &&
$edit "$v1/41-assumptions.md" 'links: [4b, G5]\n    test: Monthly review of her time allocation during the pilot.\n    state: confirmed' 'links: [4b, G5]\n    test: Monthly review of her time allocation during the pilot.\n    state: open' || exit 2

mkdir -p "$repo/content"
cp -R "$v1" "$repo/content/acme"
commit one "2025-01-10T10:00:00+01:00"
rm -rf "$repo/content/acme" && cp -R "$v2" "$repo/content/acme"
commit two "2025-03-05T16:30:00+01:00"
rm -rf "$repo/content/acme" && cp -R "$v3" "$repo/content/acme"
commit three "2025-10-01T09:15:00+02:00"
# The work tree: A9 refuted, not committed.
$edit "$repo/content/acme/41-assumptions.md" 'compare conversion of trained sales staff over the first 20 offers.\n    state: open' 'compare conversion of trained sales staff over the first 20 offers.\n    state: refuted' || exit 2
c1=$(git -C "$repo" rev-parse --short HEAD~2)
c2=$(git -C "$repo" rev-parse --short HEAD~1)
c3=$(git -C "$repo" rev-parse --short HEAD)

# Each version loads clean: a change is never an error's.
for v in "$v1" "$v2" "$v3"; do
	if $simc check "$v" >"$tmp/check.txt" 2>&1; then ok
	else bad "simc check of version $v" "$tmp/check.txt"; fi
done

# run NAME ARGS...: simc diff ARGS in the repository, text and JSON.
run() {
	name=$1
	shift
	(cd "$repo/content" && $simc diff "$@" acme >"$tmp/$name.txt" 2>&1
	    echo "exit: $?" >>"$tmp/$name.txt"
	    $simc diff "$@" acme --json >"$tmp/$name.json" 2>&1
	    echo "exit: $?" >>"$tmp/$name.json")
	for f in "$tmp/$name.txt" "$tmp/$name.json"; do
		sed -e "s/$c1/C1/g" -e "s/$c2/C2/g" -e "s/$c3/C3/g" "$f" \
		    >"$f.x" && mv "$f.x" "$f"
	done
	same "tests/diff/$name.txt" "$tmp/$name.txt"
	same "tests/diff/$name.json" "$tmp/$name.json"
	if sed '$d' "$tmp/$name.json" | ${PYTHON:-python3} -c '
import json, sys
d = json.load(sys.stdin)
assert set(d) == {"company", "from", "to", "changes"}, d.keys()
for c in d["changes"]:
    assert set(c) == {"kind", "what", "before", "after", "text"}, c
' 2>"$tmp/$name.py"; then ok; else bad "$name.json does not parse" "$tmp/$name.py"; fi
}
run c1-c2 HEAD~2..HEAD~1
run c2-c3 HEAD~1..HEAD
run c3-worktree
run c1-worktree HEAD~2

# Every kind of change at least once over the history.
cat "$tmp"/c1-c2.json "$tmp"/c2-c3.json "$tmp"/c3-worktree.json |
    sed -n 's/.*"kind": "\([a-z_]*\)".*/\1/p' | sort -u >"$tmp/kinds"
for k in phase tool opportunity_added opportunity_removed \
    opportunity_rescored recommended concept threshold decision \
    assumption activity market; do
	if grep -qx "$k" "$tmp/kinds"; then ok
	else bad "no change of kind $k in the history"; fi
done

# Usage: exit 2, a message, nothing on stdout.
usage() {
	(cd "$repo/content" && $simc diff "$@" >"$tmp/u.out" 2>"$tmp/u.err")
	rc=$?
	if [ $rc = 2 ] && [ ! -s "$tmp/u.out" ] && [ -s "$tmp/u.err" ]; then ok
	else bad "simc diff $* (exit $rc, 2 expected)" "$tmp/u.err"; fi
}
usage nosuchrev acme
usage HEAD~9 acme
usage -- acme
usage --output=/tmp/x acme
usage '-x..HEAD' acme
usage 'HEAD..--all' acme
usage HEAD acme acme
usage
cp -R content/acme "$tmp/outside"
usage "$tmp/outside"
(cd "$repo/content" && $simc build acme --since nosuchrev -o "$tmp/o" \
    >"$tmp/u.err" 2>&1)
rc=$?
if [ $rc = 1 ] && grep -q 'no commit `nosuchrev`' "$tmp/u.err" &&
    [ ! -e "$tmp/o/acme/dossier.html" ]; then ok
else bad "build --since a bad REV (exit $rc, 1 and no dossier expected)" "$tmp/u.err"; fi

# build --since: the page in both outputs, English and German.
(cd "$repo/content" && $simc build acme --since HEAD~2 -o "$tmp/out" \
    >"$tmp/b.err" 2>&1) || bad "build --since HEAD~2" "$tmp/b.err"
pdftotext "$tmp/out/acme/dossier.pdf" "$tmp/b.txt" 2>/dev/null
# Table cells wrap: the PDF's words on one line to find a sentence.
tr '\n' ' ' <"$tmp/b.txt" | tr -s ' ' >"$tmp/b1.txt"
for f in "$tmp/out/acme/dossier.html" "$tmp/b1.txt"; do
	if grep -q 'Changes since HEAD~2 (2025-01-10)' "$f" &&
	    grep -q 'Threshold 3: service sold on a foreign market: reached on 2025-09-08.' "$f" &&
	    grep -q 'Assumption A9 is now Refuted (was Open)' "$f"; then ok
	else bad "the page of changes in $f"; fi
done
# It follows the workflow, before phase 0.
if awk '/Changes since HEAD~2/ && !c { c = NR } /Phase 0: The company/ && c && !p { p = NR }
    END { exit !(c && p > c) }' "$tmp/b.txt"; then ok
else bad "the page of changes is not before phase 0 in the PDF"; fi
(cd "$repo/content" && $simc build acme --since HEAD~1 --lang de -o "$tmp/de" \
    >"$tmp/b.err" 2>&1) || bad "build --since --lang de" "$tmp/b.err"
if grep -q 'Änderungen seit HEAD~1 (2025-03-05)' "$tmp/de/acme/dossier.html" &&
    grep -q 'Die empfohlene Chance ist jetzt' "$tmp/de/acme/dossier.html"; then ok
else bad "the German page of changes"; fi
if tidy -e -q "$tmp/out/acme/dossier.html" >"$tmp/tidy" 2>&1; then ok
else bad "tidy -e of the dossier with changes" "$tmp/tidy"; fi
if qpdf --check "$tmp/out/acme/dossier.pdf" >"$tmp/qpdf" 2>&1; then ok
else bad "qpdf --check of the dossier with changes" "$tmp/qpdf"; fi
# No change: the page says so.
(cd "$repo/content" && git -C "$repo" stash -q &&
    $simc build acme --since HEAD -o "$tmp/none" >/dev/null 2>&1;
    git -C "$repo" stash pop -q)
if grep -q 'Nothing changed in the resolved model.' "$tmp/none/acme/dossier.html"; then ok
else bad "the page of no changes"; fi

# Nothing the repository names runs; .git is left as it was.
mark=$tmp/marks
mkdir -p "$mark" "$repo/.git/hooks"
for h in pre-commit post-checkout post-index-change reference-transaction \
    pre-auto-gc post-rewrite; do
	printf '#!/bin/sh\ntouch %s/hook-%s\n' "$mark" "$h" >"$repo/.git/hooks/$h"
	chmod +x "$repo/.git/hooks/$h"
done
printf '#!/bin/sh\ntouch %s/fsmonitor\n' "$mark" >"$tmp/fsm.sh"
printf '#!/bin/sh\ntouch %s/filter\ncat\n' "$mark" >"$tmp/filter.sh"
chmod +x "$tmp/fsm.sh" "$tmp/filter.sh"
git -C "$repo" config core.fsmonitor "$tmp/fsm.sh"
git -C "$repo" config filter.x.clean "$tmp/filter.sh"
git -C "$repo" config filter.x.smudge "$tmp/filter.sh"
git -C "$repo" config filter.x.process "$tmp/filter.sh"
git -C "$repo" config diff.x.textconv "$tmp/filter.sh"
git -C "$repo" config core.pager "$tmp/filter.sh"
printf '*.md filter=x diff=x\n' >"$repo/.git/info/attributes"
(cd "$repo" && find .git -type f -exec md5sum {} + | sort) >"$tmp/git.before"
(cd "$repo/content" && $simc diff HEAD~2..HEAD acme >/dev/null 2>&1
    $simc diff acme --json >/dev/null 2>&1
    $simc build acme --since HEAD~1 -o "$tmp/o2" >/dev/null 2>&1)
if [ -z "$(ls "$mark")" ]; then ok
else bad "the repository's programs ran: $(ls "$mark" | tr '\n' ' ')"; fi
(cd "$repo" && find .git -type f -exec md5sum {} + | sort) >"$tmp/git.after"
if cmp -s "$tmp/git.before" "$tmp/git.after"; then ok
else bad ".git changed"; diff "$tmp/git.before" "$tmp/git.after" | head -5; fi
rm -f "$repo/.git/info/attributes"

# An old version's names, links, sizes and depth get the walk's own
# diagnostics.
r2=$tmp/r2
git init -q -b main "$r2" &&
git -C "$r2" config user.name t && git -C "$r2" config user.email t@t
cp -R content/acme "$r2/acme"
ln -s /etc/passwd "$r2/acme/90-outside.md"
ln -s 26-opportunities.md "$r2/acme/91-inside.md"
ln -s nothing.md "$r2/acme/92-broken.md"
printf -- '---\ntool: none\n---\n' >"$r2/acme/93-bad$(printf '\001')name.md"
mkdir -p "$r2/acme/.hidden" && printf 'x' >"$r2/acme/.hidden/x.md"
head -c 600000 /dev/zero | tr '\0' a >"$r2/acme/94-big.md"
mkdir -p "$r2/acme/1/2/3/4/5/6/7/8/9" &&
    printf -- '---\ntool: none\n---\n' >"$r2/acme/1/2/3/4/5/6/7/8/9/deep.md"
mkdir -p "$r2/acme/bad$(printf '\002')dir" &&
    printf -- '---\ntool: none\n---\n' >"$r2/acme/bad$(printf '\002')dir/x.md"
git -C "$r2" add -A && git -C "$r2" commit -q -m x
(cd "$r2" && $simc diff HEAD..HEAD acme 2>&1 >/dev/null |
    sed 's/HEAD://g' | sort -u) >"$tmp/mem.txt"
(cd "$r2" && $simc check acme 2>&1 | grep -v '^[0-9]* error' | sort -u) >"$tmp/fs.txt"
if [ -s "$tmp/fs.txt" ] && cmp -s "$tmp/fs.txt" "$tmp/mem.txt"; then ok
else bad "an old version's diagnostics differ from the work tree's"; diff "$tmp/fs.txt" "$tmp/mem.txt" | head -10; fi

rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
