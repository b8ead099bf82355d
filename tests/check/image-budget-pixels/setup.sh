# Five photos of 4096x4096 pixels (16 megapixels, the most one image may
# have; gray, a few KB each): a.png the logo, b.png to e.png the
# pictures of personas s1..s6, s4 naming a.png again (counted once).
# a to d make 67,108,864 pixels, the company's limit; e.png brings them to
# 83,886,080: an error at each of its two references.  It is not decoded.
${PYTHON:-python3} - <<'PY'
import struct, zlib

def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

w = h = 4096
png = (b"\x89PNG\r\n\x1a\n" +
       chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(bytes((w + 1) * h), 9)) +
       chunk(b"IEND", b""))
for name in "abcde":
    with open(name + ".png", "wb") as f:
        f.write(png)

ids = ["s1", "s2", "s3", "s4", "s5", "s6"]
pics = ["b", "c", "d", "a", "e", "e"]
with open("00-company.md", "w") as f:
    f.write("---\ntool: company\nname: Velike slike d.o.o.\n"
            "product: Pumps\nlogo: a.png\n---\n")
with open("10-jobs.md", "w") as f:
    f.write("---\ntool: jobs\nproduct: Pumps\nsegments:\n" +
            "".join("  - id: %s\n    name: Segment %s\n" % (s, s)
                    for s in ids) +
            "jobs:\n  - segment: s1\n    job: Pump water.\n"
            "    problem: Leaks.\n---\n")
for s, p in zip(ids, pics):
    with open("2%s-persona.md" % s[1], "w") as f:
        f.write("---\ntool: persona\nstatus: draft\nsegment: %s\n"
                "template: A\nname: Person %s\npicture: %s.png\n---\n"
                % (s, s, p))
PY
