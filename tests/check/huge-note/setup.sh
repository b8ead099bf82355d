# A 20 MB note (a log file pasted into the body): refused by its size
# before it is read.
{
	printf -- '---\ntool: business-model\nresources: Two service technicians and a van.\n---\n\n'
	head -c 20971520 /dev/zero | tr '\0' 'x'
	printf '\n'
} > 30-business-model.md
