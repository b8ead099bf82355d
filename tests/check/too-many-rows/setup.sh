# 1001 opportunities: one entry over the limit of a list.
{
	printf -- '---\ntool: opportunities\nopportunities:\n'
	i=1
	while [ $i -le 1001 ]; do
		printf '  - id: O%d\n    name: Opportunity %d\n' $i $i
		i=$((i + 1))
	done
	printf -- '---\n'
} > 26-opportunities.md
