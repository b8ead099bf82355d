# A Word document renamed to .md: a ZIP file, "PK\3\4" then binary.
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000' > 28-concept.md
