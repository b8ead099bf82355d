#!/bin/sh
# tests/bench.sh: speed of simc on the example and on hostile input
# (`make bench`).  Whole-process wall time, the median of repeated runs;
# the machine is shared, so read ratios, not single figures.
cd "$(dirname "$0")/.." || exit 2
simc=$(pwd)/simc
tmp=$(pwd)/tests/tmp/bench
rm -rf "$tmp"
mkdir -p "$tmp"

# median_ms RUNS COMMAND...: median wall time of a command in ms.
median_ms() {
	runs=$1
	shift
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
}

row() {
	printf '%-48s %10s ms\n' "$1" "$2"
}

echo "simc $(./simc --version | cut -d' ' -f2), $(nproc) cores; median of runs"
row "simc --version (process start)" "$(median_ms 51 "$simc" --version)"
row "check content/acme" "$(median_ms 51 "$simc" check content/acme)"
row "status content/acme" "$(median_ms 51 "$simc" status content/acme)"
row "export content/acme" "$(median_ms 51 "$simc" export content/acme)"

# A portfolio of 500 companies: copies of the example.
i=0
while [ $i -lt 500 ]; do
	cp -R content/acme "$tmp/company$i"
	i=$((i + 1))
done
row "status of a 500-company portfolio" "$(median_ms 5 "$simc" status "$tmp")"
row "check of a 500-company portfolio" "$(median_ms 5 "$simc" check "$tmp")"
rm -rf "$tmp"/company*

# Hostile input: each must be refused quickly.
mkdir -p "$tmp/huge" "$tmp/nest" "$tmp/fmbig" "$tmp/depth"
{ printf -- '---\ntool: company\nname: x\n---\n'; head -c 20000000 /dev/zero | tr '\0' 'a'; } > "$tmp/huge/a.md"
row "20 MB note (refused)" "$(median_ms 11 "$simc" check "$tmp/huge")"
{ printf -- '---\ntool: company\nname: '; head -c 200000 /dev/zero | tr '\0' '['; printf '\n---\n'; } > "$tmp/nest/a.md"
row "200,000 nested brackets (refused)" "$(median_ms 11 "$simc" check "$tmp/nest")"
{ printf -- '---\ntool: company\nname: '; head -c 100000 /dev/zero | tr '\0' '['; printf '\n---\n'; } > "$tmp/depth/a.md"
row "100,000 nested brackets (depth limit)" "$(median_ms 11 "$simc" check "$tmp/depth")"

# Linear cost: a note with N opportunity rows, at 1x, 10x, 100x.
for n in 8 80 800; do
	d=$tmp/rows$n
	mkdir -p "$d"
	{
		printf -- '---\ntool: opportunities\nopportunities:\n'
		i=0
		while [ $i -lt $n ]; do
			printf '  - id: O%d\n    name: Opportunity %d\n    want: The customer wants what row %d says.\n    importance: 3\n    unsatisfied: 4\n    doable: 2\n    lucrative: 5\n' $i $i $i
			i=$((i + 1))
		done
		printf -- '---\n'
	} > "$d/a.md"
	row "check, $n opportunity rows ($(($(wc -c < "$d/a.md") / 1024)) KiB)" "$(median_ms 11 "$simc" check "$d")"
done
rm -rf "$tmp"
