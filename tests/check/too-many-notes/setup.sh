# 501 notes (one per dealer visit), over the limit of 500: one error,
# on the company folder.
i=0
while [ $i -lt 501 ]; do
	printf -- '---\ntool: none\n---\n\nDealer visit %d.\n' $i > "visit-$i.md"
	i=$((i + 1))
done
