#!/bin/sh
# tests/git.sh: the content version, read from the company's own git
# repository without running anything that repository names (SPEC §6).
#
# In a temporary folder outside simc's tree, a repository holds a copy of
# content/acme and names a program wherever git would run one: the
# core.fsmonitor command, a clean and smudge filter for *.md in
# .gitattributes (and a process filter), every hook (core.hooksPath and
# .git/hooks), gpg.program with log.showSignature on a commit that looks
# signed, pagers.  Each program only touches a marker file.  With one note
# changed and another only touched, `simc build`, `simc status` and `simc
# check` must leave no marker, write nothing into .git, and the dossier
# must carry the commit's short hash (as `git rev-parse --short HEAD`
# gives it), its date in the committer's time zone, and "modified".
#
# Then, in a plain repository, simc against git itself: the version and
# the status lines against `git log -1 --format=%h%x09%cs -- .` and `git
# status --short --untracked-files=all -- .` (a merge, a sibling folder,
# staged, renamed, deleted, untracked and ignored files, the folder at the
# top of the work tree); GIT_DIR; and no version outside git, in a bare
# repository, or in one owned by another user (when run as root).
# SIMC names another binary; SIMC_WRAP runs simc under a tool (valgrind).
# The last line is `N passed, N failed`.

cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$top/simc}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/simc-git.XXXXXX") || exit 2
pass=0
fail=0

# Neither the user's git configuration nor a caller's repository counts.
HOME=$tmp/home
GIT_CONFIG_NOSYSTEM=1
export HOME GIT_CONFIG_NOSYSTEM
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
    GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES \
    GIT_COMMON_DIR GIT_NAMESPACE GIT_CONFIG GIT_CONFIG_GLOBAL SUDO_UID \
    SOURCE_DATE_EPOCH
mkdir -p "$HOME"

ok() {
	pass=$((pass + 1))
}
bad() {
	fail=$((fail + 1))
	echo "FAIL: $1"
	[ -n "$2" ] && [ -f "$2" ] && head -20 "$2"
}

# newrepo DIR: a repository with a local identity (no hooks run here yet).
newrepo() {
	git init -q -b main "$1" &&
	git -C "$1" config user.name "simc test" &&
	git -C "$1" config user.email "test@example.org"
}

# version FILE: the content version an HTML dossier carries.
version() {
	sed -n 's|.*<dt>Content version</dt><dd>\([^<]*\)</dd>.*|\1|p' "$1"
}

# build DIR NAME: `simc build DIR --format html` into $tmp/out/NAME;
# prints the version (empty on failure).
build() {
	rm -rf "$tmp/out/$2"
	$simc build "$1" --format html -o "$tmp/out/$2" >"$tmp/$2.log" 2>&1 ||
	    { cat "$tmp/$2.log"; return; }
	version "$tmp/out/$2/$(basename "$1")/dossier.html"
}

# changes DIR: the lines simc status prints under "changed since the
# last commit", without their indent.
changes() {
	$simc status "$1" 2>/dev/null |
	    sed -n '/^changed since the last commit$/,/^$/p' | sed '1d;/^$/d;s/^  //'
}

# same DESCRIPTION WANT GOT
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		bad "$1: [$3], expected [$2]"
	fi
}

# --- A repository that names a program everywhere ---------------------

evil=$tmp/evil
markers=$tmp/markers
mkdir -p "$tmp/bin" "$tmp/hooks" "$markers"
# mark NAME: a program that leaves $markers/NAME (and passes stdin on).
mark() {
	printf '#!/bin/sh\ntouch "%s/%s"\ncat\n' "$markers" "$1" >"$tmp/bin/$1"
	chmod +x "$tmp/bin/$1"
}
for p in fsmonitor clean smudge process gpg pager textconv diff ssh \
    askpass editor; do
	mark "$p"
done
for h in pre-commit post-commit post-checkout post-merge post-rewrite \
    post-index-change reference-transaction pre-auto-gc fsmonitor-watchman \
    push-to-checkout sendemail-validate; do
	printf '#!/bin/sh\ntouch "%s/hook-%s"\n' "$markers" "$h" \
	    >"$tmp/hooks/$h"
	chmod +x "$tmp/hooks/$h"
done

newrepo "$evil"
mkdir -p "$evil/content"
cp -R content/acme "$evil/content/acme"
printf '*.md filter=evil diff=evil\n' >"$evil/.gitattributes"
git -C "$evil" add -A
# Late in the evening five hours west of UTC: the 5th there, the 6th in UTC.
GIT_COMMITTER_DATE='2024-03-05T23:30:00-05:00' \
    git -C "$evil" commit -q -m acme
# A commit that looks signed, so that log.showSignature asks gpg.
git -C "$evil" cat-file commit HEAD | awk '
	/^committer / && !done { print; print "gpgsig -----BEGIN PGP SIGNATURE-----";
	    print " "; print " iQEzBAABCAAdFiEE"; print " -----END PGP SIGNATURE-----";
	    done = 1; next } { print }' |
    git -C "$evil" hash-object -t commit -w --stdin >"$tmp/signed" &&
    git -C "$evil" update-ref HEAD "$(cat "$tmp/signed")"
cp "$tmp/hooks/"* "$evil/.git/hooks/"
# From here on git runs only with every program switched off.
git -C "$evil" config core.fsmonitor "$tmp/bin/fsmonitor"
git -C "$evil" config core.hooksPath "$tmp/hooks"
git -C "$evil" config filter.evil.clean "$tmp/bin/clean"
git -C "$evil" config filter.evil.smudge "$tmp/bin/smudge"
git -C "$evil" config filter.evil.process "$tmp/bin/process"
git -C "$evil" config diff.evil.textconv "$tmp/bin/textconv"
git -C "$evil" config diff.evil.command "$tmp/bin/diff"
git -C "$evil" config diff.external "$tmp/bin/diff"
git -C "$evil" config log.showSignature true
git -C "$evil" config gpg.program "$tmp/bin/gpg"
git -C "$evil" config core.pager "$tmp/bin/pager"
git -C "$evil" config pager.log "$tmp/bin/pager"
git -C "$evil" config pager.status "$tmp/bin/pager"
git -C "$evil" config core.sshCommand "$tmp/bin/ssh"
git -C "$evil" config core.askPass "$tmp/bin/askpass"
git -C "$evil" config core.editor "$tmp/bin/editor"
hash=$(git -C "$evil" -c core.fsmonitor= rev-parse --short HEAD)
echo "- one more job" >>"$evil/content/acme/10-jobs.md"
touch "$evil/content/acme/21-segments.md"	# same bytes, newer time
# What the repository looks like before simc reads it.
sleep 1
find "$evil/.git" -type f -exec cksum {} + | sort >"$tmp/git.before"
: >"$tmp/stamp"

v=$(build "$evil/content/acme" evil)
same "version of a changed folder" "$hash, 2024-03-05, modified" "$v"
case $hash in
[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) ok ;;
*) bad "git rev-parse --short gave [$hash]" ;;
esac
(cd "$evil/content" && SOURCE_DATE_EPOCH=86400 $simc build acme \
    --format html -o "$tmp/out/evil-sde" >/dev/null 2>&1)
f=$tmp/out/evil-sde/acme/dossier.html
if grep -q '<dt>Date</dt><dd><time datetime="1970-01-02">' "$f" 2>/dev/null &&
    [ "$(version "$f")" = "$hash, 2024-03-05, modified" ]; then
	ok
else
	bad "SOURCE_DATE_EPOCH: the date is its, the version git's" "$f"
fi
if grep -q '<dt>Date</dt><dd><time datetime="2024-03-05">' \
    "$tmp/out/evil/acme/dossier.html" 2>/dev/null; then
	ok
else
	bad "without SOURCE_DATE_EPOCH the date is the commit's"
fi
same "simc status of the changed folder" " M 10-jobs.md" \
    "$(changes "$evil/content/acme")"
$simc check "$evil/content/acme" >"$tmp/check.log" 2>&1
same "simc check" 0 "$?"
(cd "$evil/content/acme" && $simc status . >/dev/null 2>&1 &&
    $simc build . --format pdf -o "$tmp/out/evil-dot" >/dev/null 2>&1)
same "simc from inside the folder" 0 "$?"

same "no program of the repository ran" "" "$(ls "$markers")"
find "$evil/.git" -type f -exec cksum {} + | sort >"$tmp/git.after"
if cmp -s "$tmp/git.before" "$tmp/git.after" &&
    [ -z "$(find "$evil/.git" -newer "$tmp/stamp")" ]; then
	ok
else
	bad "simc wrote into .git"
	diff "$tmp/git.before" "$tmp/git.after" | head -10
fi

# Back to the committed bytes (21-segments.md still only touched): clean.
cp content/acme/10-jobs.md "$evil/content/acme/10-jobs.md"
same "version of a clean folder" "$hash, 2024-03-05" \
    "$(build "$evil/content/acme" evil2)"
same "simc status of a clean folder" "" "$(changes "$evil/content/acme")"
same "still no program ran" "" "$(ls "$markers")"

# --- simc against git, in a plain repository ---------------------------

plain=$tmp/plain
newrepo "$plain"
mkdir -p "$plain/content/acme/extra" "$plain/content/acme-b"
cp -R content/acme/. "$plain/content/acme/"
cp -R content/acme/. "$plain/content/acme-b/"
echo old >"$plain/content/acme/extra/old.txt"
echo gone >"$plain/content/acme/extra/gone.txt"
printf '*.log\n' >"$plain/.gitignore"
git -C "$plain" add -A
git -C "$plain" commit -q -m one
# A side branch changes acme, the main line only its sibling; the merge
# leaves acme as the side branch had it: git names the side commit.
git -C "$plain" checkout -q -b side
echo "- side" >>"$plain/content/acme/10-jobs.md"
git -C "$plain" commit -q -a -m side
git -C "$plain" checkout -q main
echo "- main" >>"$plain/content/acme-b/10-jobs.md"
git -C "$plain" commit -q -a -m main
git -C "$plain" merge -q --no-ff -m merge side
echo "- later" >>"$plain/content/acme-b/10-jobs.md"
git -C "$plain" commit -q -a -m "sibling only"

for d in acme acme-b; do
	want=$(git -C "$plain/content/$d" log -1 --format='%h, %cs' -- .)
	same "version of $d as git log gives it" "$want" \
	    "$(build "$plain/content/$d" "plain-$d")"
done
# The folder at the top of the work tree: the whole tree is compared.
newrepo "$tmp/top"
cp -R content/acme/. "$tmp/top/"
git -C "$tmp/top" add -A
git -C "$tmp/top" commit -q -m one
git -C "$tmp/top" commit -q --allow-empty -m empty
same "version of the top of the work tree" \
    "$(git -C "$tmp/top" log -1 --format='%h, %cs' -- .)" \
    "$(build "$tmp/top" top)"
echo "- more" >>"$tmp/top/10-jobs.md"
same "simc status at the top of the work tree" " M 10-jobs.md" \
    "$(changes "$tmp/top")"

# Every kind of change, and some that are not acme's.
a=$plain/content/acme
echo "- more" >>"$a/10-jobs.md"
echo "- staged" >>"$a/21-segments.md"
git -C "$plain" add content/acme/21-segments.md
echo "- and more" >>"$a/21-segments.md"
git -C "$plain" mv content/acme/extra/old.txt content/acme/extra/new.txt
rm "$a/extra/gone.txt"
echo added >"$a/extra/added.txt"
git -C "$plain" add content/acme/extra/added.txt
mkdir -p "$a/sub dir/deeper" "$a/empty"
echo x >"$a/sub dir/deeper/x.txt"
echo z >"$a/café.txt"
echo ignored >"$a/build.log"
echo "- b" >>"$plain/content/acme-b/10-jobs.md"
echo b >"$plain/content/acme-b/new.txt"
for d in content/acme content/acme-b .; do
	(cd "$plain/$d" && git status --short --untracked-files=all -- .) \
	    >"$tmp/want"
	changes "$plain/$d" >"$tmp/got"
	if [ -s "$tmp/want" ] && diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"
	then
		ok
	else
		bad "simc status of $d against git status --short" "$tmp/diff"
	fi
done
case $(build "$a" plain-mod) in
*", modified") ok ;;
*) bad "a changed folder is modified" ;;
esac
want=$(git -C "$plain/content/acme-b" log -1 --format='%h, %cs' -- .)
git -C "$plain" stash -q -u 2>/dev/null ||
    bad "git stash"
git -C "$plain" commit -q --allow-empty -m empty
echo "- b" >>"$plain/content/acme-b/10-jobs.md"
same "a change beside the folder is not its" \
    "$(git -C "$a" log -1 --format='%h, %cs' -- .)" "$(build "$a" plain-side)"
same "an empty commit touches no folder" "$want" \
    "$(build "$plain/content/acme-b" plain-b2 | sed 's/, modified$//')"

# GIT_DIR names the repository even from outside its work tree.
mkdir -p "$tmp/elsewhere"
same "GIT_DIR" "$(git -C "$a" log -1 --format='%h, %cs' -- .)" \
    "$(cd "$tmp/elsewhere" && GIT_DIR=$plain/.git build "$a" gitdir)"

# --- No version ------------------------------------------------------------

outside=$tmp/outside
mkdir -p "$outside"
cp -R content/acme "$outside/acme"
if git -C "$outside" rev-parse --git-dir >/dev/null 2>&1; then
	ok	# $TMPDIR is in a git work tree: nothing outside git to try
else
	same "outside git" "not under version control" \
	    "$(build "$outside/acme" outside)"
	same "simc status outside git" "" "$(changes "$outside/acme")"
fi
git clone -q --bare "$plain" "$tmp/bare.git"
same "a bare repository" "not under version control" \
    "$(GIT_DIR=$tmp/bare.git build "$a" bare)"
if [ "$(id -u)" = 0 ]; then
	cp -R "$plain" "$tmp/theirs"
	chown -R 12345 "$tmp/theirs"
	same "a repository of another user" "not under version control" \
	    "$(build "$tmp/theirs/content/acme" theirs)"
else
	ok	# only root can give a repository to another user
fi
same "no program ran at all" "" "$(ls "$markers")"

[ $fail = 0 ] && rm -rf "$tmp"
[ $fail = 0 ] || echo "kept $tmp"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
