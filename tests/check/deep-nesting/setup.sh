# An outline pasted as YAML, 40 levels deep.  The root map is level 1,
# `resources` opens level 2, and the mapping that would be level 17
# (key `level16`, line 19, column 33) is refused.
{
	printf -- '---\ntool: business-model\nresources:\n'
	i=1 ind='  '
	while [ $i -le 40 ]; do
		printf '%slevel%d:\n' "$ind" $i
		ind="$ind  "
		i=$((i + 1))
	done
	printf '%sTwo service technicians\n---\n' "$ind"
} > 30-business-model.md
