# 120,000 brackets in the body, under its size limit: 40,000 `[`, then
# 40,000 `]`, then a section of 40,000 `[`.  cmark 0.30.2 is quadratic
# in brackets, so the note is refused at its 2,001st `[` (line 6).
{
	printf -- '---\ntool: business-model\nresources: Two service technicians and a van.\n---\n\n'
	head -c 40000 /dev/zero | tr '\0' '['
	head -c 40000 /dev/zero | tr '\0' ']'
	printf '\n\n## processes\n\n'
	head -c 40000 /dev/zero | tr '\0' '['
	printf '\n'
} > 30-business-model.md
