# Five photos of 6,752,083 bytes each (1500x1500 noise, stored without
# compression): a.png the logo, b.png to e.png the pictures of personas
# s1..s6, s4 naming a.png again (counted once).  a to d make 27,008,332
# bytes; e.png brings them to 33,760,415, over the company's 33,554,432:
# an error at each of its two references, and no dossier.  e.png is not
# read.
${PYTHON:-python3} - <<'PY'
import random, struct, zlib

def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

w = h = 1500
rnd = random.Random(1)
for name in "abcde":
    raw = b"".join(b"\0" + rnd.randbytes(w * 3) for y in range(h))
    with open(name + ".png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))

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
