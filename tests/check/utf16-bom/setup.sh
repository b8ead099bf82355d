# Windows Notepad "Unicode": UTF-16LE with its byte order mark FF FE.
printf '\377\376-\000-\000-\000\n\000t\000o\000o\000l\000:\000 \000c\000o\000m\000p\000a\000n\000y\000\n\000-\000-\000-\000\n\000' > 00-company.md
