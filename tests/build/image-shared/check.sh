# check.sh OUT: the photo's data is in dossier.html once, used fourteen
# times (the cover, the company's logo box, twelve pictures), and the PDF
# has one image object for it.
out=$1
n=$(grep -o 'data:image' "$out/dossier.html" | wc -l)
[ "$n" -eq 1 ] || { echo "dossier.html holds $n data URIs, not 1"; exit 1; }
n=$(grep -o '<use href="#img-1"/>' "$out/dossier.html" | wc -l)
[ "$n" -eq 14 ] || { echo "dossier.html uses the image $n times, not 14"; exit 1; }
qpdf --qdf --object-streams=disable "$out/dossier.pdf" "$out/qdf.pdf" || exit 1
n=$(grep -a -c '/Subtype /Image' "$out/qdf.pdf")
[ "$n" -eq 1 ] || { echo "dossier.pdf has $n image objects, not 1"; exit 1; }
