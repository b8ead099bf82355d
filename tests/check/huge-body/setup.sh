# A body of 131,073 bytes (limit 131,072): the diagnostic points at
# line 5, the first line after the closing `---`.
{
	printf -- '---\ntool: business-model\nresources: Two service technicians and a van.\n---\n'
	head -c 131072 /dev/zero | tr '\0' 'b'
	printf '\n'
} > 30-business-model.md
