# A front matter of 131,075 bytes (limit 131,072) in a 131 KB note: the
# diagnostic points at line 2, where the front matter starts.
{
	printf -- '---\ntool: business-model\nresources: "'
	head -c 131040 /dev/zero | tr '\0' 'r'
	printf '"\n---\n\nBody.\n'
} > 30-business-model.md
