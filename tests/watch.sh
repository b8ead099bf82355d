#!/bin/bash
# tests/watch.sh: `simc watch` as a consultant uses it, over HTTP on
# 127.0.0.1 only (curl).  On a copy of content/acme, with --port 0:
#
#   - the port is read from stderr; the page is the dossier with the
#     diagnostics banner and the reload script, which the dossier's file
#     on disk never has; only GET of / and /events is answered
#   - the event stream gives the page's generation at once, and the next
#     one after a note is changed; the page then has the new text
#   - a save by rename (as vim and many editors save) is seen too, and
#     a changed image
#   - a note with an error: the error is on the page, above the last good
#     dossier, and the dossier on disk is left as it was
#   - a second watcher on the port in use fails: exit 1, "port N is in use"
#   - SIGINT stops it: exit 0, the port closed
#   - with a copy of the templates: a changed label is on the next page;
#     broken templates are an error on the page over the last good
#     dossier; SIGTERM stops it (exit 0)
#
# Every wait is bounded (a watchdog ends a watcher that outlives the
# test).  The last line is `N passed, N failed`.
cd "$(dirname "$0")/.." || exit 2
simc="${SIMC_WRAP:+$SIMC_WRAP }${SIMC:-$PWD/simc}"
top=$PWD
work=$PWD/tests/tmp/watch.$$
rm -rf "$work"
mkdir -p "$work"
cp -R content/acme "$work/acme"
cd "$work" || exit 2
pass=0
fail=0
pids=

ok() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
	fi
}

# until_grep SECONDS PATTERN FILE: waits until FILE has a line matching
# PATTERN; fails after SECONDS.
until_grep() {
	local end=$((SECONDS + $1))
	while ! grep -q -- "$2" "$3" 2>/dev/null; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.05
	done
}

get() {	# get PATH: the body, bounded in time
	curl -s -m 5 "http://127.0.0.1:$port$1"
}
code() {	# code ARGS...: the HTTP status of a request
	curl -s -m 5 -o /dev/null -w '%{http_code}' "$@"
}

cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
}
trap cleanup EXIT

$simc watch acme -o out --port 0 2>err.txt &
watcher=$!
pids="$watcher"
( sleep 90; kill -TERM $watcher 2>/dev/null ) &
watchdog=$!
pids="$pids $watchdog"

ok "serving line on stderr" 'until_grep 30 "^simc: serving http://127.0.0.1:[0-9]*/$" err.txt'
port=$(sed -n 's|^simc: serving http://127.0.0.1:\([0-9]*\)/$|\1|p' err.txt)
ok "a port" '[ -n "$port" ] && [ "$port" -gt 0 ]'
[ -n "$port" ] || port=1

get / >page1.html
ok "the page is the dossier" 'grep -q "Toplotna tehnika" page1.html && grep -q "</html>" page1.html'
ok "the page has the diagnostics banner" 'grep -q "<div id=\"simc-watch\" class=\"ok\">simc watch: acme, built at .* 0 errors, 0 warnings" page1.html'
ok "the page has the reload script" 'grep -q "new EventSource(\"/events\")" page1.html'
ok "the dossier on disk has neither" '[ -f out/acme/dossier.html ] && ! grep -q "simc-watch\|<script" out/acme/dossier.html'
ok "the PDF is written too" 'until_grep 30 "^simc: built acme" err.txt && [ -f out/acme/dossier.pdf ]'
ok "404 for any other path" '[ "$(code "http://127.0.0.1:$port/acme/00-company.md")" = 404 ]'
ok "404 for a path out of the folder" '[ "$(code --path-as-is "http://127.0.0.1:$port/../../etc/passwd")" = 404 ]'
ok "405 for POST" '[ "$(code -X POST -d x=1 "http://127.0.0.1:$port/")" = 405 ]'
ok "403 for another Host" '[ "$(code -H "Host: example.com" "http://127.0.0.1:$port/")" = 403 ]'

curl -s -N -m 60 "http://127.0.0.1:$port/events" >events.txt 2>/dev/null &
pids="$pids $!"
ok "the event stream starts with the generation" 'until_grep 10 "^data: 1$" events.txt'

# A note changed in place.
sed -i 's/^product: .*/product: Heat pumps of the watch test/' acme/00-company.md
ok "a change: the reload event" 'until_grep 10 "^data: 2$" events.txt'
get / >page2.html
ok "a change: the new text is served" 'grep -q "Heat pumps of the watch test" page2.html'
ok "a change: the dossier on disk has it" 'grep -q "Heat pumps of the watch test" out/acme/dossier.html'

# Saved as an editor saves: a new file renamed over the note.
sed 's/Heat pumps of the watch test/Heat pumps saved by rename/' \
    acme/00-company.md >acme/.00-company.md.tmp
mv acme/.00-company.md.tmp acme/00-company.md
ok "a save by rename: the reload event" 'until_grep 10 "^data: 3$" events.txt'
ok "a save by rename: the new text" 'get / | grep -q "Heat pumps saved by rename"'

# An image changed.
get / >before-image.html
cp acme/persona-gregor.png acme/logo.png
ok "an image: the reload event" 'until_grep 10 "^data: 4$" events.txt'
get / >after-image.html
ok "an image: the page has the new one" '! cmp -s before-image.html after-image.html && grep -q "Heat pumps saved by rename" after-image.html'
until_grep 30 "^simc: built acme.*" err.txt
sleep 0.5	# the PDF of that build
cp out/acme/dossier.html good.html

# An error: shown above the last good dossier; nothing written.
sed -i 's/^\( *experience:\) .*/\1 7/' acme/24-journey-fm.md
ok "an error: the reload event" 'until_grep 10 "^data: 5$" events.txt'
get / >page4.html
ok "an error: the banner says so" 'grep -q "<div id=\"simc-watch\" class=\"error\">.*[1-9][0-9]* errors*, .*the last good dossier" page4.html'
ok "an error: its line on the page" 'grep -q "<li class=\"error\">acme/24-journey-fm.md:[0-9]*:[0-9]*: <b>error:</b> .*experience.* must be a whole number from -2 to 2, not .7." page4.html'
ok "an error: the last good dossier below it" 'grep -q "Heat pumps saved by rename" page4.html'
ok "an error: on stderr as simc check prints it" 'grep -q "^acme/24-journey-fm.md:[0-9]*:[0-9]*: error: " err.txt'
ok "an error: the dossier on disk is left" 'cmp -s good.html out/acme/dossier.html'

# Content is escaped in the banner.
printf -- '---\ntool: <script>alert(1)</script>\n---\n' >acme/99-bad.md
ok "a hostile note: the reload event" 'until_grep 10 "^data: 6$" events.txt'
ok "a hostile note: its words escaped" 'get / | grep -q "unknown tool .&lt;script&gt;alert(1)&lt;/script&gt;"'
ok "a hostile note: no script of its own" '[ "$(get / | grep -c "<script")" = 1 ]'

# A second watcher on the same port.
timeout 20 $simc watch acme -o out2 --port "$port" >second.out 2>&1
rc=$?
ok "port in use: exit 1" '[ $rc = 1 ]'
ok "port in use: said so" 'grep -q "^simc: port $port is in use" second.out'
ok "port in use: nothing built" '[ ! -e out2/acme ]'

# SIGINT: a clean stop.
kill -INT $watcher
end=$((SECONDS + 20))
while kill -0 $watcher 2>/dev/null && [ $SECONDS -lt $end ]; do
	sleep 0.05
done
wait $watcher
rc=$?
ok "SIGINT: exit 0 (got $rc)" '[ $rc = 0 ]'
ok "SIGINT: said so" 'grep -q "^simc: stopped$" err.txt'
ok "SIGINT: the port is closed" '! curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/"'
kill $watchdog 2>/dev/null
wait 2>/dev/null

# The templates changed: read anew; broken, the old ones stay in use.
cp -R "$top/templates" tmpl
cp -R "$top/fonts" fonts	# beside the templates, as the PDF needs
rm -f acme/99-bad.md
sed -i 's/^\( *experience:\) 7$/\1 1/' acme/24-journey-fm.md
$simc --templates tmpl watch acme -o out3 --port 0 2>err3.txt &
third=$!
pids="$pids $third"
until_grep 30 "^simc: serving http://127.0.0.1:[0-9]*/$" err3.txt
port=$(sed -n 's|^simc: serving http://127.0.0.1:\([0-9]*\)/$|\1|p' err3.txt)
curl -s -N -m 60 "http://127.0.0.1:$port/events" >events3.txt 2>/dev/null &
pids="$pids $!"
until_grep 10 "^data: 1$" events3.txt
ok "templates: the page before" 'get / | grep -q "<div id=\"simc-watch\" class=\"ok\">"'
sed -i 's/^        label: Consultant$/        label: Adviser of the watch test/' tmpl/tools.yaml
ok "templates: the reload event" 'until_grep 10 "^data: 2$" events3.txt'
ok "templates: the new label" 'get / | grep -q "Adviser of the watch test"'
printf '  - key: [broken\n' >>tmpl/tools.yaml
ok "templates broken: the reload event" 'until_grep 10 "^data: 3$" events3.txt'
get / >page3.html
ok "templates broken: the error at its file" 'grep -q "<li class=\"error\">tmpl/tools.yaml:[0-9]*:[0-9]*: <b>error:</b>" page3.html'
ok "templates broken: the last good dossier" 'grep -q "Adviser of the watch test" page3.html'
kill -TERM $third
wait $third
rc=$?
ok "SIGTERM: exit 0 (got $rc)" '[ $rc = 0 ]'

# A usage error, before anything starts.
$simc watch acme --port 70000 >usage.out 2>&1
rc=$?
ok "--port 70000: a usage error" '[ $rc = 2 ] && grep -q "port" usage.out'

cd "$OLDPWD" || exit 2
[ $fail = 0 ] && rm -rf "$work"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
