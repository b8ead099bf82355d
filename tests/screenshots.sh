#!/bin/sh
# tests/screenshots.sh: pictures of the HTML dossiers as people see them
# (`make screenshots`): headless Chromium at desktop and phone widths,
# into out/screenshots/.  Look at them after changing the HTML or CSS.
cd "$(dirname "$0")/.." || exit 2
browser=$(command -v chromium || command -v chromium-browser) || {
	echo "screenshots need Debian's chromium (apt-get install chromium)"
	exit 1
}
mkdir -p out/screenshots
profile=$(mktemp -d)
for html in out/*/dossier.html; do
	name=$(basename "$(dirname "$html")")
	for size in desktop:1280,3000 phone:390,2400; do
		"$browser" --headless --no-sandbox --disable-gpu --disable-quic \
		    --no-first-run --disable-background-networking \
		    --disable-component-update --disable-sync \
		    --user-data-dir="$profile" --hide-scrollbars \
		    --window-size="${size#*:}" \
		    --screenshot="$PWD/out/screenshots/$name-${size%%:*}.png" \
		    "file://$PWD/$html" >/dev/null 2>&1
		echo "out/screenshots/$name-${size%%:*}.png"
	done
done
rm -rf "$profile"
