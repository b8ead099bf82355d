# A persona photo and a logo that carry where they were taken: face.jpg
# is face-plain.jpg (45x27) with an EXIF segment (APP1) and a comment
# (COM) naming a GPS position; logo.png (40x24, with alpha) has it in a
# tEXt, an iTXt and an eXIf chunk, and a tIME chunk.  The dossiers must
# show the pictures and none of that (check.sh).
${PYTHON:-python3} - <<'PY'
import struct, zlib

SECRET = b"GPS secret 46.0569N 14.5058E"

def segment(marker, data):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data

exif = b"Exif\0\0MM\0*\0\0\0\x08" + SECRET
plain = open("face-plain.jpg", "rb").read()
with open("face.jpg", "wb") as f:
    f.write(plain[:2] + segment(0xe1, exif) + segment(0xfe, SECRET) +
            plain[2:])

def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

w, h = 40, 24
raw = b"".join(b"\0" + bytes(v for x in range(w)
                             for v in (200, x * 6, y * 10, 255 - x * 3))
               for y in range(h))
with open("logo.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
            chunk(b"tEXt", b"Comment\0" + SECRET) +
            chunk(b"iTXt", b"Location\0\0\0\0\0" + SECRET) +
            chunk(b"eXIf", b"MM\0*\0\0\0\x08" + SECRET) +
            chunk(b"tIME", struct.pack(">HBBBBB", 2024, 5, 17, 9, 30, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
PY
