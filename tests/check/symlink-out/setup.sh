# A note that is a symbolic link to another company's note (outside
# this company folder), next to a valid note.
rm -f 00-company.md
ln -s ../../../../content/acme/00-company.md 00-company.md
