# A folder link to another company and an image link outside: the
# folder is refused, and so is the note's logo.  (rm first: `ln -s`
# onto an existing link to a folder would write inside that folder.)
rm -f acme logo.png
ln -s ../../../../content/acme acme
ln -s ../../../../content/acme/logo.png logo.png
