#!/bin/bash
# tests/scale.sh: does simc stay linear in the company's size (SPEC §6)?
# Not part of make test (no timed test is); meant for make bench.
#
#   tests/scale.sh [FACTOR...]      default: 1 4 16
#
# For each FACTOR it writes one valid company whose referenced records
# grow FACTOR times over the 1x company:
#
#   strategy   4 notes x (4 goals, 10 strategies x 18 activities) per 1x,
#              each note for its own market (the ids every link targets)
#   assumptions 50 rows x 14 links per 1x
#   activity   4 activity forms per 1x
#   segments   16 segments per 1x, the jobs note's 60 rows naming them;
#              4 personas (each with a paragraph and a picture of its
#              own, a PNG file) and 4 journeys of 30 stages per 1x
#   opportunities, priorities  50 rows per 1x, sources naming the stages
#   international  2 markets per 1x, each naming a strategy's market
#
# (beyond 16x the row counts stop at 800 assumptions, opportunities and
# priorities, 1,000 jobs: the limits of one note; the notes at 500).
#
# Then it runs `simc check` and `simc build --format pdf,html` on it
# (RUNS times, default 5; the fastest run counts, as the least disturbed
# by other work on the machine) and prints wall and CPU time, the peak
# memory of the build, and the growth of the CPU time over 1x net of the
# fixed cost (process start, templates, fonts: the 0x company, a company
# note alone).  A linear simc gives a net 16x/1x near 16; one pass that
# compares every id with every other gives near 256.  SIMC names another
# binary (an older build, to compare); the companies are written to
# tests/tmp/scale/ and deleted at the end (KEEP=1 keeps them).

export LC_ALL=C
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
simc=${SIMC:-$top/simc}
runs=${RUNS:-5}
tmp=$top/tests/tmp/scale
[ -x "$simc" ] || { echo "scale: no $simc (make simc first)"; exit 2; }
rm -rf "$tmp"
mkdir -p "$tmp"
[ -n "$KEEP" ] || trap 'rm -rf "$tmp"' EXIT
export SIMC_TEMPLATES=${SIMC_TEMPLATES:-$top/templates}
export SOURCE_DATE_EPOCH=0
factors=${*:-1 4 16}

# company DIR K: writes the company at factor K into DIR.
company() {
	mkdir -p "$1"
	awk -v dir="$1" -v k="$2" '
	function out(f, s) { print s > (dir "/" f) }
	function done(f) { out(f, "---"); close(dir "/" f) }
	function min(a, b) { return a < b ? a : b }
	function b36(v,  s) {
		s = ""
		do { s = substr("0123456789abcdefghijklmnopqrstuvwxyz",
		    v % 36 + 1, 1) s; v = int(v / 36) } while (v > 0)
		return s
	}
	BEGIN {
		nstrat = 4 * k; ngoal = 4; nstr = 10; nact = 18
		nasm = min(50 * k, 800); nlink = 14
		nform = 4 * k; nseg = 16 * k; njob = min(60 * k, 1000)
		npers = 4 * k; nstage = 30; nopp = min(50 * k, 800)
		nmarket = 2 * k
		# Every goal, strategy and activity id, for the links: short
		# (a letter and a number in base 36), for the note size limit.
		nid = 0
		for (n = 1; n <= nstrat; n++) {
			# (nid++ apart: awks differ in which side of an
			# assignment they evaluate first)
			for (g = 1; g <= ngoal; g++) {
				id[nid] = "g" b36(nid)
				nid++
			}
			for (s = 1; s <= nstr; s++) {
				id[nid] = "s" b36(nid)
				nid++
				for (a = 1; a <= nact; a++) {
					act[nacts++] = id[nid] = "a" b36(nid)
					nid++
				}
			}
		}
		nid = 0

		f = "00-company.md"
		out(f, "---\ntool: company\nname: Scale " k "x d.o.o.\nproduct: Pumps")
		done(f)
		if (k == 0)
			exit	# the fixed cost: one note

		f = "10-jobs.md"
		out(f, "---\ntool: jobs\nproduct: Pumps\nsegments:")
		for (i = 1; i <= nseg; i++)
			out(f, "  - id: seg" i "\n    name: Segment " i)
		out(f, "jobs:")
		for (i = 1; i <= njob; i++)
			out(f, "  - segment: seg" ((i - 1) % nseg + 1) \
			    "\n    job: Job " i "\n    problem: Problem " i)
		done(f)

		f = "21-segments.md"
		out(f, "---\ntool: segments\nproduct: Pumps\nsegments:")
		for (i = 1; i <= nseg; i++)
			out(f, "  - id: seg" i "\n    name: Segment " i \
			    "\n    role: both\n    target: " \
			    (i <= npers ? "true" : "false"))
		done(f)

		for (p = 1; p <= npers; p++) {
			f = sprintf("22-persona-%04d.md", p)
			out(f, "---\ntool: persona\nsegment: seg" p \
			    "\ntemplate: A\nname: Person " p \
			    "\njob_title: Buyer\ngoals: Fewer failures." \
			    "\npicture: img/p" p ".png")
			done(f)
			print "\nA paragraph of prose about person " p \
			    ", who buys pumps for a mid-sized plant, runs them" \
			    " for years and wants them to fail less often." \
			    >> (dir "/" f)
			close(dir "/" f)
			f = sprintf("24-journey-%04d.md", p)
			out(f, "---\ntool: journey\nsegment: seg" p \
			    "\npersona: Person " p "\nstages:")
			for (s = 1; s <= nstage; s++)
				out(f, "  - stage: Stage" s "\n    doing: Does " \
				    s "\n    experience: " ((s % 5) - 2))
			done(f)
		}

		f = "26-opportunities.md"
		out(f, "---\ntool: opportunities\nopportunities:")
		for (i = 1; i <= nopp; i++)
			out(f, "  - id: O" i "\n    name: N" i \
			    "\n    want: W" i "\n    source: seg" \
			    ((i - 1) % npers + 1) "/stage" ((i - 1) % nstage + 1) \
			    "\n    importance: " (i % 5 + 1) "\n    unsatisfied: " \
			    ((i + 1) % 5 + 1) "\n    doable: " ((i + 2) % 5 + 1) \
			    "\n    lucrative: " ((i + 3) % 5 + 1))
		done(f)

		f = "27-priorities.md"
		out(f, "---\ntool: priorities\npriorities:")
		for (i = 1; i <= nopp; i++)
			out(f, "  - opportunity: O" (nopp + 1 - i) \
			    "\n    solution: S" i "\n    investment: " \
			    (i % 5 + 1) "\n    effort: " ((i + 2) % 5 + 1) \
			    "\n    market_risk: " ((i + 4) % 5 + 1) \
			    "\n    technology_risk: " ((i + 1) % 5 + 1) \
			    "\n    change: " ((i + 3) % 5 + 1))
		done(f)

		f = "28-concept.md"
		out(f, "---\ntool: concept\nopportunity: O1\ntagline: T\n" \
		    "service: S\nexperience: E")
		done(f)

		for (n = 1; n <= nstrat; n++) {
			f = sprintf("40-strategy-%04d.md", n)
			out(f, "---\ntool: strategy\nsuccess: Success " n \
			    "\nhorizon: 2028\nmarket: M" n "\ngoals:")
			for (g = 1; g <= ngoal; g++)
				out(f, "  - id: " id[nid++] "\n    goal: Goal " \
				    g "\n    measure: Measure " g)
			out(f, "strategies:")
			for (s = 1; s <= nstr; s++) {
				out(f, "  - id: " id[nid++] "\n    where: Where " \
				    s "\n    how: How " s "\n    activities:")
				for (a = 1; a <= nact; a++)
					out(f, "      - id: " id[nid++] \
					    "\n        activity: Activity " a)
			}
			done(f)
		}

		f = "41-assumptions.md"
		out(f, "---\ntool: assumptions\nassumptions:")
		for (i = 1; i <= nasm; i++) {
			l = ""
			for (j = 0; j < nlink; j++)
				l = l (j ? ", " : "") \
				    id[((i - 1) * nlink + j) * 7919 % nid]
			out(f, "  - {id: A" i ", about: company, assumption: " \
			    "A" i ", links: [" l "]}")
		}
		done(f)

		for (i = 1; i <= nform; i++) {
			f = sprintf("42-activity-%04d.md", i)
			out(f, "---\ntool: activity\nactivity: " \
			    act[(i - 1) * 97 % nacts] "\ndescription: Why " i)
			done(f)
		}

		f = "44-milestones.md"
		out(f, "---\ntool: milestones\ndecisions:\n" \
		    "  strategy_accepted: 2026-01-15")
		done(f)

		f = "51-international.md"
		out(f, "---\ntool: international\nmarkets:")
		for (i = 1; i <= nmarket; i++)
			out(f, "  - country: M" i "\n    channels: Partner " i \
			    "\n    language: Local\n    strategy: m" i)
		done(f)

		printf("%d strategy ids, %d links, %d rows, %d images", nid,
		    nasm * nlink, njob + nopp * 2 + nasm + npers * nstage, npers)
	}'
	# One picture a persona, each its own file (distinct pixels).
	mkdir -p "$1/img"
	ls "$1" | sed -n 's/^22-persona-0*\([0-9]*\)\.md$/\1/p' |
	    "${PYTHON:-/usr/bin/python3}" -c '
import struct, sys, zlib
def chunk(t, d):
    c = struct.pack(">I", len(d)) + t + d
    return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
for line in sys.stdin:
    p = int(line)
    w = h = 160
    rows = b"".join(b"\0" + bytes(v for x in range(w)
        for v in ((x * p) % 256, (y + p) % 256, p % 256)) for y in range(h))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB",
        w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) +
        chunk(b"IEND", b""))
    open(sys.argv[1] + "/img/p%d.png" % p, "wb").write(png)
' "$1"
}

# least FILE: the smallest of a file of numbers
least() {
	sort -n "$1" | head -1
}

# measure COMMAND...: sets us (least wall time, microseconds), cpu
# (least user + system time of the command, bash's `time`, millisecond
# resolution, in microseconds), kib (least peak RSS, KiB, from
# /usr/bin/time when there is one) and rc.
TIMEFORMAT='%3U %3S'
measure() {
	local i s e t
	: >"$tmp/us.txt"
	: >"$tmp/cpu.txt"
	: >"$tmp/kib.txt"
	t=
	[ -x /usr/bin/time ] && t="/usr/bin/time -f %M -o $tmp/time.txt"
	for ((i = 0; i < runs; i++)); do
		echo 0 >"$tmp/time.txt"
		s=$EPOCHREALTIME
		{ time $t "$@" >"$tmp/out.txt" 2>&1; } 2>"$tmp/cputime.txt"
		rc=$?
		e=$EPOCHREALTIME
		echo $((${e/./} - ${s/./})) >>"$tmp/us.txt"
		awk '{ printf("%d\n", ($1 + $2) * 1e6) }' "$tmp/cputime.txt" \
		    >>"$tmp/cpu.txt"
		tail -1 "$tmp/time.txt" >>"$tmp/kib.txt"
	done
	us=$(least "$tmp/us.txt")
	cpu=$(least "$tmp/cpu.txt")
	kib=$(least "$tmp/kib.txt")
}

# net T T0 T1: (T - T0) / (T1 - T0), the growth net of the fixed cost
net() {
	awk -v a="$1" -v z="$2" -v b="$3" 'BEGIN { if (b > z)
		printf("%.1fx", (a - z) / (b - z)) }'
}
ms() {	# ms MICROSECONDS
	echo $(($1 / 1000))
}

# failed COMMAND FACTOR: says so when the last run did not exit 0 (every
# company is valid: a failure is a bug of this script or of simc).
status=0
failed() {
	[ "$rc" = 0 ] && return
	echo "scale: $1 ${2}x: exit $rc"
	tail -3 "$tmp/out.txt"
	status=1
}

F='%-4s %-41s %6s %6s %6s %7s %7s %6s %6s\n'
echo "simc scale: $("$simc" --version 2>&1 | head -1), $(nproc) cores," \
    "fastest of $runs runs"
echo "wall and cpu (user + system) ms; net: growth of cpu time over 1x, the"
echo "0x company's fixed cost taken off (linear: 4x, 16x; quadratic: 16x, 256x)"
printf "$F" "" "" check cpu net build cpu net "peak"
printf "$F" "" company "ms" "ms" "" "ms" "ms" "" "MiB"
base_check= base_build=
for k in 0 $factors; do
	d=$tmp/x$k
	what=$(company "$d" "$k")
	measure "$simc" check "$d"
	failed check "$k"
	check=$us check_cpu=$cpu
	measure "$simc" build "$d" -o "$tmp/out" --format pdf,html
	failed build "$k"
	build=$us build_cpu=$cpu
	if [ "$k" = 0 ]; then
		fixed_check=$check_cpu fixed_build=$build_cpu
		what="fixed cost: a company note alone"
	elif [ -z "$base_check" ]; then
		base_check=$check_cpu base_build=$build_cpu
	fi
	printf "$F" "${k}x" "$what" "$(ms "$check")" "$(ms "$check_cpu")" \
	    "$(net "$check_cpu" "$fixed_check" "$base_check")" \
	    "$(ms "$build")" "$(ms "$build_cpu")" \
	    "$(net "$build_cpu" "$fixed_build" "$base_build")" \
	    "$(awk -v k="$kib" 'BEGIN { printf("%.1f", k / 1024) }')"
	rm -rf "$tmp/out"
done
exit $status
