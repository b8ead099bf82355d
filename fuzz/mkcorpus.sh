#!/bin/sh
# fuzz/mkcorpus.sh: (re)makes the seed corpora in fuzz/corpus/ from the
# tests and the examples.  Run it after adding test cases or samples.
#
#   corpus/note/     every note (*.md) of tests/ and content/
#   corpus/dossier-NAME/  for fuzz_dossier on content/NAME (see its
#                    header): each note in its own place, alone and with
#                    fuzz/markdown.txt as its body's end; pairs of notes;
#                    the company note in every label language, with
#                    Markdown in a field, with sample images as logo; the
#                    notes of other companies' tools this one lacks
#   corpus/image/    tests/image/samples and bad, every image of tests/
#                    and content/
#   corpus/templates/  for fuzz_templates (see its header): tools.yaml
#                    whole and each of its tools alone, with each label
#                    language; every tools.yaml and language file of
#                    tests/templates
#   corpus/company/  for fuzz_company: hostile names, many notes, long words
# Files over 64 KiB (fuzz -max_len) are left out (but for corpus/company).

cd "$(dirname "$0")/.." || exit 2
rm -rf fuzz/corpus
mkdir -p fuzz/corpus/note fuzz/corpus/image

# seed DIR FILE: copies FILE into DIR under a name made of its path.
seed() {
	[ "$(wc -c <"$2")" -le 65536 ] || return 0
	cp "$2" "$1/$(printf %s "$2" | LC_ALL=C tr -c "A-Za-z0-9._-" _)"
}

find tests content -path tests/tmp -prune -o -type f -name '*.md' -print |
    sort | while read -r f; do seed fuzz/corpus/note "$f"; done
find tests/image/samples tests/image/bad tests content -path tests/tmp \
    -prune -o -type f \( -name '*.png' -o -name '*.jpg' -o \
    -name '*.jpeg' \) -print 2>/dev/null | sort -u |
    while read -r f; do seed fuzz/corpus/image "$f"; done

# A selector byte (octal for printf), then the note(s).
byte() { printf "\\$(printf '%03o' "$1")"; }
sink=fuzz/markdown.txt
for dir in content/*/; do
	name=$(basename "$dir")
	out=fuzz/corpus/dossier-$name
	mkdir -p "$out"
	set -- $(cd "$dir" && ls *.md | sort)
	n=$#
	co=$(grep -lx 'tool: company' "$dir"*.md | head -1)
	ci=$(cd "$dir" && ls *.md | sort | grep -nx "$(basename "$co")" |
	    cut -d: -f1)
	ci=$((ci - 1))
	i=0
	for a in "$@"; do
		{ byte $i; cat "$dir$a"; } >"$out/one-$i"
		{ byte $i; cat "$dir$a"; printf '\n'; cat $sink; } \
		    >"$out/markdown-$i"
		j=0
		for b in "$@"; do
			# Every pair in a small company, neighbours in a big one.
			if [ $i -lt $j ] && { [ $n -le 10 ] ||
			    [ $j = $((i + 1)) ]; }; then
				{ byte $i; cat "$dir$a"; printf '\377'
				  byte $j; cat "$dir$b"; } >"$out/pair-$i-$j"
			fi
			j=$((j + 1))
		done
		i=$((i + 1))
	done
	for lang in templates/lang/*.yaml; do
		ll=$(basename "$lang" .yaml)
		{ byte $ci; sed "s/^language: .*/language: $ll/" "$co"; } \
		    >"$out/lang-$ll"
	done
	{ byte $ci; sed 's/^product: .*/product: "[A link](https:\/\/example.com\/?a=1\&b=2), [bad](javascript:alert(1)), <b>raw<\/b>, *em* **strong** `code` ![img](logo.png)"/' \
	    "$co"; } >"$out/product-markdown"
	for img in gray.jpg cmyk-adobe.jpg ycck-progressive.jpg \
	    rgba16-adam7.png pal4-trns.png gray16.png; do
		[ -f "tests/image/samples/$img" ] || continue
		{ byte $ci; sed "s/^logo: .*/logo: img\/$img/" "$co"; } \
		    >"$out/logo-$img"
	done
	# The notes of tools this company lacks, from the other companies.
	for f in content/*/*.md; do
		case $f in "$dir"*) continue ;; esac
		t=$(sed -n 's/^tool: *//p' "$f" | head -1)
		grep -qx "tool: $t" "$dir"*.md && continue
		{ byte $n; cat "$f"; } >"$out/add-$(basename "$f" .md)"
	done
done
# fuzz_company (see its header): names that are make and shell syntax,
# names no rule accepts, a note copied 512 times, a word over 64 KiB.
out=fuzz/corpus/company
mkdir -p "$out"
note='---\ntool: none\n---\n'
printf "\\000a;touch X.md\\n$note hello\\n\\377b\$(x)%%=.md\\n$note[x](#a)\\n" >"$out/names"
printf "\\000esc\\033[2J.md\\n$note\\377bad\\377.md\\n$note" >"$out/bad-names"
printf "\\010many.md\\n${note}A note copied 512 times.\\n" >"$out/many"
{ printf "\\000long.md\\n$note"; head -c 70000 /dev/zero | tr '\0' w; } >"$out/long-word"
for f in content/*/*.md; do
	{ printf '\000'; basename "$f"; cat "$f"; } >"$out/note-$(basename "$f" .md)"
done
# corpus/templates: a selector byte picks the language after 0xFF.
out=fuzz/corpus/templates
mkdir -p "$out"
seed "$out" templates/tools.yaml
tools=$(mktemp)
awk -v dir="$tools" '
	/^  - key: / { n++; f = dir "." n; print "tools:" >f }
	n && /^  [- ]/ { print >f }' templates/tools.yaml
set -- $(cd templates/lang && LC_ALL=C ls *.yaml)
i=0
for lang in "$@"; do
	{ cat templates/tools.yaml; printf '\377'; byte $i
	  cat "templates/lang/$lang"; } >"$out/with-$lang"
	[ "$(wc -c <"$out/with-$lang")" -le 65536 ] || rm "$out/with-$lang"
	i=$((i + 1))
done
# Each tool alone (most do not load: they refer to others), and the
# tools up to each one (references point back: these load).
n=$(ls "$tools".* | wc -l)
k=1
while [ $k -le "$n" ]; do
	key=$(sed -n 's/^  - key: //p' "$tools.$k")
	cp "$tools.$k" "$out/tool-$key"
	{ echo "tools:"; j=1; while [ $j -le $k ]; do
		sed 1d "$tools.$j"; j=$((j + 1)); done; } >"$out/upto-$key"
	k=$((k + 1))
done
rm -f "$tools" "$tools".*
for case in tests/templates/*/; do
	case=${case%/}
	name=$(basename "$case")
	t=$case/templates/tools.yaml
	[ -f "$t" ] || t=templates/tools.yaml
	seed "$out" "$t"
	i=0
	for lang in "$@"; do
		[ -f "$case/templates/lang/$lang" ] &&
		    { cat "$t"; printf '\377'; byte $i
		      cat "$case/templates/lang/$lang"; } >"$out/$name-$lang"
		i=$((i + 1))
	done
done

for d in fuzz/corpus/*/; do
	echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"
done
