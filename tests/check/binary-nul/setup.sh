# A note saved as UTF-16LE without a byte order mark: every second
# byte is NUL.  The first NUL is line 1, column 2.
printf -- '-\000-\000-\000\n\000t\000o\000o\000l\000:\000 \000c\000o\000m\000p\000a\000n\000y\000\n\000-\000-\000-\000\n\000' > 00-company.md
