# 68 notes of 125,000 bytes (8.5 MB), over the limit of 8 MiB for all
# the notes of a company: note-67.md, the one that passes it, is named
# and not read.
i=0
while [ $i -lt 68 ]; do
	n=$(printf '%02d' $i)
	{
		printf -- '---\ntool: none\n---\n\n'
		yes "Dealer visit $n, what the dealer said, in words." |
		    head -c 124980
		printf '\n'
	} > "note-$n.md"
	i=$((i + 1))
done
