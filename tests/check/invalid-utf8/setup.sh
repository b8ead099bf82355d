# A note saved in Windows-1250: "Šušteršič" is 8A 75 9A 74 65 72 9A 69 E8,
# so the first bad byte (0x8A) is line 3, column 7.
printf -- '---\ntool: company\nname: \212u\232ter\232i\350 d.o.o.\nproduct: TERMOS heat pumps\n---\n' > 00-company.md
