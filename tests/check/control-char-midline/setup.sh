# An ESC pasted from a terminal in the middle of a front matter value,
# after UTF-8 letters: line 3, column 18 (characters, not bytes).
printf -- '---\ntool: company\nname: Šušteršič d\033[0m.o.o.\nproduct: TERMOS heat pumps\n---\n' > 00-company.md
