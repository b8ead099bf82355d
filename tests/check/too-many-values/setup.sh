# A team list of 20,001 names.  Values are counted from the root map (1):
# tool (2, 3), name (4, 5), team (6), the list (7), so the 19,994th name
# is value 20,001, on line 19,998, column 5.
{
	printf -- '---\ntool: company\nname: Ferro Mont d.o.o.\nteam:\n'
	yes '  - a' | head -n 20001
	printf -- '---\n'
} > 00-company.md
