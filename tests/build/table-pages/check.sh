# check.sh OUT: the jobs table's pages (pdftotext page by page).  It
# would start at the foot of the segments' page with its header and one
# row, and end on a page of one row: its header moves to the next page
# with its rows, and its last page takes two.  Every page holding a job
# holds two or more; the table spans two pages.
pdf=$1/dossier.pdf
n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ -n "$n" ] || { echo "no pages in $pdf"; exit 1; }
pages=0 dist=
i=1
while [ "$i" -le "$n" ]; do
	jobs=$(pdftotext -f "$i" -l "$i" "$pdf" - | grep -c '^Job number [0-9]')
	if [ "$jobs" -gt 0 ]; then
		pages=$((pages + 1))
		dist="$dist p$i:$jobs"
		if [ "$jobs" -lt 2 ]; then
			echo "page $i holds $jobs row of the jobs:$dist"
			exit 1
		fi
	fi
	i=$((i + 1))
done
[ "$pages" -eq 2 ] || { echo "the jobs span $pages pages:$dist"; exit 1; }
exit 0
