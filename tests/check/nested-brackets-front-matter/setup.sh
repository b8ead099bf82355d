# 130,000 `[` in the front matter, just under its size limit: the YAML
# reader must stop at the 16th flow list (line 3, column 27) quickly.
{
	printf -- '---\ntool: business-model\nresources: '
	head -c 130000 /dev/zero | tr '\0' '['
	printf '\n---\n'
} > 30-business-model.md
