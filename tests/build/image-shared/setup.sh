# One photo (photo.png, 96x64) used by the company's logo and by twelve
# personas in personas/, named three ways (../photo.png,
# ./../photo.png, ../personas/../photo.png): one file, so the HTML holds
# its data once and the PDF one image object (check.sh).
mkdir -p personas
${PYTHON:-python3} - <<'PY'
import struct, zlib

def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

w, h = 96, 64
raw = b"".join(b"\0" + bytes(v for x in range(w)
                             for v in (x * 2, y * 3, 160)) for y in range(h))
with open("photo.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

ids = ["s%02d" % i for i in range(1, 13)]
with open("00-company.md", "w") as f:
    f.write("---\ntool: company\nname: Slika d.o.o.\nproduct: Pumps\n"
            "logo: photo.png\n---\n")
with open("10-jobs.md", "w") as f:
    f.write("---\ntool: jobs\nproduct: Pumps\nsegments:\n" +
            "".join("  - id: %s\n    name: Segment %s\n" % (s, s)
                    for s in ids) +
            "jobs:\n  - segment: s01\n    job: Pump water.\n"
            "    problem: Leaks.\n---\n")
refs = ["../photo.png", "./../photo.png", "../personas/../photo.png"]
for i, s in enumerate(ids):
    with open("personas/%s.md" % s, "w") as f:
        f.write("---\ntool: persona\nstatus: draft\nsegment: %s\n"
                "template: A\nname: Person %s\npicture: %s\n---\n"
                % (s, s, refs[i % 3]))
PY
