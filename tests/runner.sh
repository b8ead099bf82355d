#!/bin/sh
# tests/runner.sh: the runner itself fails when an output it compares was
# not written.  A stand-in simc that passes every command through but
# writes nothing for `build` must fail each of the examples' HTML, PDF
# text and pdfinfo comparisons.  The last line is `N passed, N failed`.
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
work=$top/tests/tmp/runner.$$
rm -rf "$work"
mkdir -p "$work"
real=${SIMC:-$top/simc}
cat >"$work/simc" <<EOS
#!/bin/sh
[ "\$1" = build ] && exit 0
exec "$real" "\$@"
EOS
chmod +x "$work/simc"
SIMC=$work/simc RUN_ONLY=examples tests/run.sh >"$work/log" 2>&1
rc=$?
pass=0
fail=0
n=$(grep -c 'was not written' "$work/log")
# acme and horejsi: .html, .pdf.txt and .pdfinfo each
if [ "$rc" != 0 ] && [ "$n" = 6 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: a simc that builds nothing: exit $rc, $n of 6 missing outputs failed"
	tail -5 "$work/log"
fi
[ $fail = 0 ] && rm -rf "$work"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
