# 200,000 `[` in the front matter: over the front matter size limit,
# refused before the YAML reader sees it.
{
	printf -- '---\ntool: business-model\nresources: '
	head -c 200000 /dev/zero | tr '\0' '['
	printf '\n---\n'
} > 30-business-model.md
