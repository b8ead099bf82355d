# check.sh OUT: neither dossier holds the GPS text of the photos' EXIF,
# comment and text chunks; the HTML's two images are PNGs of the
# pictures' size with no chunk but IHDR, IDAT and IEND.
out=$1
${PYTHON:-python3} - "$out" <<'PY' || exit 1
import base64, re, struct, sys

out = sys.argv[1]
html = open(out + "/dossier.html", "rb").read()
if b"GPS secret" in html:
    sys.exit("dossier.html holds the GPS text")
uris = re.findall(rb'(?:href|src)="data:([^;"]+);base64,([^"]*)"', html)
for kind, data in uris:
    if b"GPS secret" in base64.b64decode(data):
        sys.exit("a data URI (%s) holds the GPS text" % kind.decode())
if [u[0] for u in uris] != [b"image/png", b"image/png"]:
    sys.exit("dossier.html has data URIs %r, not two PNGs" %
             [u[0] for u in uris])
sizes = []
for kind, data in uris:
    png = base64.b64decode(data, validate=True)
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("a data URI is not a PNG")
    if b"Exif" in png:
        sys.exit("a data URI holds EXIF")
    i, kinds = 8, []
    while i < len(png):
        n, t = struct.unpack(">I4s", png[i:i + 8])
        kinds.append(t.decode())
        if t == b"IHDR":
            sizes.append(struct.unpack(">II", png[i + 8:i + 16]))
        i += 12 + n
    if set(kinds) != {"IHDR", "IDAT", "IEND"}:
        sys.exit("a data URI's PNG has chunks %s" % kinds)
if sorted(sizes) != [(40, 24), (45, 27)]:
    sys.exit("the data URIs' images are %s, not 40x24 and 45x27" % sizes)
PY
qpdf --qdf --object-streams=disable "$out/dossier.pdf" "$out/qdf.pdf" || exit 1
if grep -a -q 'GPS secret' "$out/qdf.pdf"; then
	echo "dossier.pdf holds the GPS text"
	exit 1
fi
