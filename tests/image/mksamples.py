#!/usr/bin/env python3
"""mksamples.py: makes the test images of generator/image.c.

    mksamples.py            writes samples/ (good files) and bad/ (broken
                            ones) beside this script
    mksamples.py verify DIR compares the PAM files that `imgtest -d DIR`
                            wrote with the pixels each sample must decode to

PNGs are written here with zlib and struct (every colour type and bit
depth, Adam7, tRNS, every filter type); JPEGs with cjpeg and ImageMagick's
convert (libjpeg-turbo-progs, imagemagick; cmykjpeg.c turns convert's
YCCK into plain CMYK), whose pixels verify compares with djpeg's (exactly)
or with the source colours (CMYK and YCCK, within a tolerance).
Everything is deterministic; the files are committed, so this only needs
to run again to change them.

    mksamples.py verify-shrink FULL SMALL SIDE
                            compares `imgtest -s SIDE -d SMALL`'s PAMs with
                            a reference area average of FULL's
"""

import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "samples")
BAD = os.path.join(HERE, "bad")

GRAY, RGB, PALETTE, GRAY_ALPHA, RGBA = 0, 2, 3, 4, 6
CHANNELS = {GRAY: 1, RGB: 3, PALETTE: 1, GRAY_ALPHA: 2, RGBA: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
         (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data, crc=None):
    if crc is None:
        crc = zlib.crc32(kind + data) & 0xffffffff
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_rows(rows, bpp):
    """Filters packed rows, cycling through the five filter types."""
    out = bytearray()
    prev = bytes(len(rows[0])) if rows else b""
    for n, row in enumerate(rows):
        ft = n % 5
        out.append(ft)
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = (0, a, b, (a + b) // 2, paeth(a, b, c))[ft]
            out.append((x - pred) & 0xff)
        prev = row
    return bytes(out)


def pack_row(samples, depth):
    """Packs one row of samples (a flat list) at depth bits each."""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out = bytearray()
    acc, nbits = 0, 0
    for s in samples:
        acc = (acc << depth) | s
        nbits += depth
        if nbits == 8:
            out.append(acc)
            acc, nbits = 0, 0
    if nbits:
        out.append(acc << (8 - nbits))
    return bytes(out)


def png_bytes(w, h, ctype, depth, pix, interlace=False, plte=None,
              trns=None, idat_split=1, extra=b""):
    """pix[y][x] is a tuple of samples; returns the PNG file."""
    nch = CHANNELS[ctype]
    bpp = max(1, nch * depth // 8)
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs = range(x0, w, dx)
        ys = range(y0, h, dy)
        if not xs or not ys:
            continue
        rows = [pack_row([s for x in xs for s in pix[y][x]], depth)
                for y in ys]
        raw += filter_rows(rows, bpp)
    z = zlib.compress(bytes(raw), 9)
    out = b"\x89PNG\r\n\x1a\n"
    out += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0,
                                      1 if interlace else 0))
    out += extra
    if plte is not None:
        out += chunk(b"PLTE", b"".join(bytes(c) for c in plte))
    if trns is not None:
        out += chunk(b"tRNS", trns)
    step = (len(z) + idat_split - 1) // idat_split
    for i in range(0, len(z), step):
        out += chunk(b"IDAT", z[i:i + step])
    out += chunk(b"IEND", b"")
    return out


def expand(v, depth):
    """A gray sample at depth as libpng expands it to 8 bits."""
    return {1: v * 255, 2: v * 0x55, 4: v * 0x11, 8: v, 16: v >> 8}[depth]


def make_pngs():
    """Returns [(name, file bytes, expected (w, h, gray, alpha, bytes))]."""
    rnd = random.Random(7)
    out = []

    def add(name, w, h, ctype, depth, pix, interlace=False, plte=None,
            trns=None, **kw):
        data = png_bytes(w, h, ctype, depth, pix, interlace, plte, trns,
                         **kw)
        px, al = bytearray(), bytearray()
        for y in range(h):
            for x in range(w):
                s = pix[y][x]
                if ctype == PALETTE:
                    px += bytes(plte[s[0]])
                    ta = trns[s[0]] if trns and s[0] < len(trns) else 255
                    al.append(ta)
                elif ctype in (GRAY, RGB):
                    px += bytes(expand(v, depth) for v in s)
                    if trns is not None:
                        t = struct.unpack(">%dH" % len(s), trns)
                        al.append(0 if tuple(s) == t else 255)
                else:
                    px += bytes(expand(v, depth) for v in s[:-1])
                    al.append(expand(s[-1], depth))
        gray = ctype in (GRAY, GRAY_ALPHA)
        if al and all(a == 255 for a in al):
            al = None
        out.append((name, data, (w, h, gray, bytes(al) if al else None,
                                 bytes(px))))

    def grid(w, h, nch, maxv, fn=None):
        return [[tuple(fn(x, y, c) if fn else rnd.randint(0, maxv)
                       for c in range(nch)) for x in range(w)]
                for y in range(h)]

    W, H = 37, 23
    for depth in (1, 2, 4, 8, 16):
        m = (1 << depth) - 1
        add("gray%d.png" % depth, W, H, GRAY, depth,
            grid(W, H, 1, m, lambda x, y, c: (x * 7 + y * 3) % (m + 1)))
        add("gray%d-adam7.png" % depth, W, H, GRAY, depth,
            grid(W, H, 1, m), interlace=True)
    add("gray8-trns.png", W, H, GRAY, 8,
        grid(W, H, 1, 0, lambda x, y, c: 40 if (x + y) % 3 == 0 else x * 6),
        trns=struct.pack(">H", 40))
    add("gray2-trns.png", W, H, GRAY, 2, grid(W, H, 1, 3),
        trns=struct.pack(">H", 1))
    add("gray16-trns-adam7.png", W, H, GRAY, 16,
        grid(W, H, 1, 0, lambda x, y, c: 0x1234 if x == y else x * 1000 + y),
        interlace=True, trns=struct.pack(">H", 0x1234))
    for depth in (8, 16):
        m = (1 << depth) - 1
        add("graya%d.png" % depth, W, H, GRAY_ALPHA, depth,
            grid(W, H, 2, m))
        add("rgb%d.png" % depth, W, H, RGB, depth,
            grid(W, H, 3, m, lambda x, y, c: (x * 5 + y * 11 + c * 80) * 257
                 % (m + 1)))
        add("rgba%d.png" % depth, W, H, RGBA, depth, grid(W, H, 4, m))
        add("rgba%d-adam7.png" % depth, W, H, RGBA, depth, grid(W, H, 4, m),
            interlace=True)
    add("graya8-adam7.png", W, H, GRAY_ALPHA, 8, grid(W, H, 2, 255),
        interlace=True)
    add("rgb8-adam7.png", W, H, RGB, 8, grid(W, H, 3, 255), interlace=True)
    add("rgb8-trns.png", W, H, RGB, 8,
        grid(W, H, 3, 0, lambda x, y, c: 200 if (x * y) % 5 == 0 else
             (x + c * 9) * 3), trns=struct.pack(">HHH", 200, 200, 200))
    add("rgb16-trns.png", 9, 9, RGB, 16,
        grid(9, 9, 3, 0, lambda x, y, c: 0xabcd if x == 4 else x * 7000 + c),
        trns=struct.pack(">HHH", 0xabcd, 0xabcd, 0xabcd))
    add("rgba8-opaque.png", W, H, RGBA, 8,
        grid(W, H, 4, 0, lambda x, y, c: 255 if c == 3 else x * 6 + c))
    for depth in (1, 2, 4, 8):
        n = 1 << depth
        plte = [(rnd.randint(0, 255), rnd.randint(0, 255),
                 rnd.randint(0, 255)) for _ in range(n)]
        add("pal%d.png" % depth, W, H, PALETTE, depth, grid(W, H, 1, n - 1),
            plte=plte)
        add("pal%d-adam7.png" % depth, W, H, PALETTE, depth,
            grid(W, H, 1, n - 1), interlace=True, plte=plte)
    plte = [(i, 255 - i, (i * 3) % 256) for i in range(0, 256, 16)]
    add("pal4-trns.png", W, H, PALETTE, 4, grid(W, H, 1, 15), plte=plte,
        trns=bytes([0, 128, 255, 64]))
    add("pal8-trns-adam7.png", W, H, PALETTE, 8, grid(W, H, 1, 15),
        interlace=True, plte=plte, trns=bytes(range(0, 256, 17)))
    add("pal4-trns-opaque.png", W, H, PALETTE, 4, grid(W, H, 1, 15),
        plte=plte, trns=bytes([255, 255]))
    for w, h in ((1, 1), (3, 2), (2, 9), (8, 8), (9, 1)):
        add("rgba8-adam7-%dx%d.png" % (w, h), w, h, RGBA, 8,
            grid(w, h, 4, 255), interlace=True)
    add("rgb8-many-idat.png", W, H, RGB, 8, grid(W, H, 3, 255), idat_split=9)
    # An ancillary chunk with a wrong CRC: libpng warns and skips it.
    add("rgb8-bad-text-crc.png", 5, 5, RGB, 8, grid(5, 5, 3, 255),
        extra=chunk(b"tEXt", b"Comment\0hello", crc=1))
    return out


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def ppm(w, h, fn):
    return b"P6\n%d %d\n255\n" % (w, h) + bytes(
        v for y in range(h) for x in range(w) for v in fn(x, y))


def pgm(w, h, fn):
    return b"P5\n%d %d\n255\n" % (w, h) + bytes(
        fn(x, y) for y in range(h) for x in range(w))


# Colour blocks of the CMYK sample: (r, g, b) per 8x8 block.
CMYK_COLOURS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255),
                (0, 0, 0), (255, 255, 0), (0, 255, 255), (128, 128, 128)]


def cmyk_colour(x, y):
    return CMYK_COLOURS[(x // 8 + 4 * (y // 8)) % 8]


def make_jpegs(tmp):
    """Writes the JPEG samples; returns {name: bytes}."""
    def run(args, stdin):
        return subprocess.run(args, input=stdin, stdout=subprocess.PIPE,
                              check=True).stdout
    rgb = ppm(45, 27, lambda x, y: ((x * 5) % 256, (y * 9) % 256,
                                     ((x + y) * 4) % 256))
    gray = pgm(33, 17, lambda x, y: (x * 7 + y * 5) % 256)
    out = {
        "rgb.jpg": run(["cjpeg", "-quality", "85"], rgb),
        "rgb-444.jpg": run(["cjpeg", "-sample", "1x1"], rgb),
        "rgb-progressive.jpg": run(["cjpeg", "-progressive"], rgb),
        "rgb-arithmetic.jpg": run(["cjpeg", "-arithmetic"], rgb),
        "rgb-restart.jpg": run(["cjpeg", "-restart", "1"], rgb),
        "rgb-colorspace-rgb.jpg": run(["cjpeg", "-rgb"], rgb),
        "gray.jpg": run(["cjpeg", "-grayscale"], gray),
        "gray-progressive.jpg": run(["cjpeg", "-progressive"], gray),
    }
    src = os.path.join(tmp, "cmyk-src.ppm")
    write(src, ppm(32, 16, cmyk_colour))
    for name, extra in (("cmyk.jpg", []),
                        ("cmyk-progressive.jpg", ["-interlace", "JPEG"])):
        dst = os.path.join(tmp, name)
        subprocess.run(["convert", src, "-colorspace", "CMYK", "-quality",
                        "95"] + extra + [dst], check=True)
        with open(dst, "rb") as f:
            out[name] = f.read()
    # ImageMagick writes YCCK: re-encode as plain Adobe CMYK, and as
    # CMYK without an Adobe marker (not inverted).
    tool = os.path.join(tmp, "cmykjpeg")
    subprocess.run(["cc", "-o", tool, os.path.join(HERE, "cmykjpeg.c"),
                    "-ljpeg"], check=True)
    ycck = os.path.join(tmp, "cmyk.jpg")
    for name, flags in (("cmyk-adobe.jpg", []), ("cmyk-no-adobe.jpg",
                                                  ["-n"])):
        dst = os.path.join(tmp, name)
        subprocess.run([tool] + flags + [ycck, dst], check=True)
        with open(dst, "rb") as f:
            out[name] = f.read()
    out["ycck.jpg"] = out.pop("cmyk.jpg")
    out["ycck-progressive.jpg"] = out.pop("cmyk-progressive.jpg")
    # Bytes after EOI are ignored, and so are a few before it.
    out["rgb-junk-after-eoi.jpg"] = out["rgb.jpg"] + b"trailing junk\n"
    base = out["rgb.jpg"]
    out["rgb-junk-before-eoi.jpg"] = base[:-2] + b"\x00\x00\x00" + base[-2:]
    return out


def sof_offset(data):
    """Offset of the SOFn marker of a JPEG (walks the segments)."""
    i = 2
    while i + 4 <= len(data):
        assert data[i] == 0xff
        m = data[i + 1]
        if 0xc0 <= m <= 0xcf and m not in (0xc4, 0xc8, 0xcc):
            return i
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    raise ValueError("no SOF")


def jpeg_segments(data):
    """[(marker, start, end of the segment header)] up to EOI; a scan's
    entropy data runs from its end to the next one's start."""
    segs = []
    i = 2
    while data[i + 1] != 0xd9:
        n = struct.unpack(">H", data[i + 2:i + 4])[0]
        segs.append((data[i + 1], i, i + 2 + n))
        i += 2 + n
        if segs[-1][0] == 0xda:
            while data[i] != 0xff or data[i + 1] == 0 or \
                    0xd0 <= data[i + 1] <= 0xd7:
                i += 1
    segs.append((0xd9, i, i + 2))
    return segs


def scan_offset(data):
    i = 2
    while data[i + 1] != 0xda:
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    return i + 2 + struct.unpack(">H", data[i + 2:i + 4])[0]


def make_bad(pngs, jpegs):
    """Returns {name: bytes} of broken files."""
    good = dict((n, d) for n, d, _ in pngs)
    rgb = good["rgb8.png"]
    ihdr_end = 8 + 25
    idat = rgb.index(b"IDAT") - 4
    idat_len = struct.unpack(">I", rgb[idat:idat + 4])[0]
    bad = {}

    # Bytes flipped inside IDAT, CRC left wrong and recomputed.
    b = bytearray(rgb)
    for k in range(20, 40):
        b[idat + 8 + k] ^= 0x5a
    bad["idat-crc.png"] = bytes(b)
    body = bytes(b[idat + 4:idat + 8 + idat_len])
    b[idat + 8 + idat_len:idat + 12 + idat_len] = struct.pack(
        ">I", zlib.crc32(body) & 0xffffffff)
    bad["idat-flipped.png"] = bytes(b)
    b = bytearray(rgb)
    b[ihdr_end - 1] ^= 1
    bad["ihdr-crc.png"] = bytes(b)
    bad["truncated-idat.png"] = rgb[:idat + 8 + idat_len // 2]
    bad["truncated-header.png"] = rgb[:20]
    bad["signature-only.png"] = rgb[:8]
    bad["signature-part.png"] = rgb[:5]
    bad["no-iend.png"] = rgb[:-12]
    # A well-formed IDAT chunk whose zlib stream stops half way: libpng
    # must say so rather than give a half image.
    z = zlib.decompress(rgb[idat + 8:idat + 8 + idat_len])
    co = zlib.compressobj(9)
    half = co.compress(z[:len(z) // 2]) + co.flush(zlib.Z_SYNC_FLUSH)
    bad["short-idat.png"] = rgb[:idat] + chunk(b"IDAT", half) + \
        chunk(b"IEND", b"")
    # A complete zlib stream that holds half the rows.
    bad["short-image-data.png"] = rgb[:idat] + chunk(
        b"IDAT", zlib.compress(z[:len(z) // 2])) + chunk(b"IEND", b"")
    pix1 = [[(0, 0, 0)]]

    def hdr(w, h, depth=8, ctype=RGB, il=0):
        return b"\x89PNG\r\n\x1a\n" + chunk(
            b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, il))
    tiny = png_bytes(1, 1, RGB, 8, pix1)
    tail = tiny[8 + 25:]
    bad["huge-100000x100000.png"] = hdr(100000, 100000) + tail
    bad["huge-20000x20000.png"] = hdr(20000, 20000) + tail
    bad["wide-20000x10.png"] = hdr(20000, 10) + tail
    bad["huge-2147483647.png"] = hdr(0x7fffffff, 0x7fffffff) + tail
    bad["zero-width.png"] = hdr(0, 10) + tail
    bad["bad-depth.png"] = hdr(1, 1, depth=3, ctype=GRAY) + tail
    bad["palette-missing.png"] = hdr(1, 1, depth=8, ctype=PALETTE) + tail
    bad["empty.png"] = b""
    bad["text.png"] = b"This is not an image, only some text.\n"
    bad["crlf-mangled.png"] = rgb.replace(b"\r\n", b"\n", 1)
    bad["gif-named.png"] = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"

    jpg = jpegs["rgb.jpg"]
    sos = scan_offset(jpg)
    bad["truncated-scan.jpg"] = jpg[:sos + (len(jpg) - sos) // 2]
    bad["truncated-header.jpg"] = jpg[:sos // 2]
    bad["no-eoi.jpg"] = jpg[:-2]
    bad["signature-only.jpg"] = jpg[:3]
    bad["junk-after-signature.jpg"] = b"\xff\xd8\xff" + bytes(
        random.Random(3).randrange(256) for _ in range(600))
    # Junk between the JFIF segment and the next marker.
    app0 = 4 + struct.unpack(">H", jpg[4:6])[0]
    bad["junk-between-markers.jpg"] = jpg[:app0] + b"junk!" * 20 + \
        jpg[app0:]
    b = bytearray(jpg)
    for k in range(sos + 30, sos + 60):
        b[k] = 0xaa
    bad["corrupt-scan.jpg"] = bytes(b)
    # A first AC scan of a progressive file (with its DHT) 150 times over:
    # each scan is a pass over the whole image, so they are limited.
    prog = jpegs["rgb-progressive.jpg"]
    segs = jpeg_segments(prog)
    for k, (m, a, b) in enumerate(segs):
        if m == 0xda and prog[a + 4] == 1 and prog[b - 1] >> 4 == 0 and \
                prog[b - 3] > 0 and segs[k - 1][0] == 0xc4:
            scan = prog[segs[k - 1][1]:segs[k + 1][1]]
            break
    bad["too-many-scans.jpg"] = prog[:-2] + scan * 150 + prog[-2:]
    sof = sof_offset(jpg)
    b = bytearray(jpg)
    b[sof + 5:sof + 9] = struct.pack(">HH", 60000, 60000)
    bad["huge-60000x60000.jpg"] = bytes(b)
    b = bytearray(jpg)
    b[sof + 5:sof + 9] = struct.pack(">HH", 0, 10)
    bad["zero-height.jpg"] = bytes(b)
    b = bytearray(jpg)
    b[sof + 7:sof + 9] = struct.pack(">H", 0)
    bad["zero-width.jpg"] = bytes(b)
    return bad


def generate():
    os.makedirs(SAMPLES, exist_ok=True)
    os.makedirs(BAD, exist_ok=True)
    for d in (SAMPLES, BAD):
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
    pngs = make_pngs()
    with tempfile.TemporaryDirectory() as tmp:
        jpegs = make_jpegs(tmp)
    for name, data, _ in pngs:
        write(os.path.join(SAMPLES, name), data)
    for name, data in jpegs.items():
        write(os.path.join(SAMPLES, name), data)
    for name, data in make_bad(pngs, jpegs).items():
        write(os.path.join(BAD, name), data)
    for d in (SAMPLES, BAD):
        for f in os.listdir(d):
            size = os.path.getsize(os.path.join(d, f))
            assert size < 20000, (f, size)


def read_pam(path):
    with open(path, "rb") as f:
        data = f.read()
    head, body = data.split(b"ENDHDR\n", 1)
    fields = dict(line.split(b" ", 1) for line in head.split(b"\n")[1:]
                  if line)
    w, h, d = (int(fields[k]) for k in (b"WIDTH", b"HEIGHT", b"DEPTH"))
    alpha = fields[b"TUPLTYPE"].endswith(b"_ALPHA")
    nc = d - alpha
    px = bytearray()
    al = bytearray() if alpha else None
    for i in range(w * h):
        px += body[i * d:i * d + nc]
        if alpha:
            al.append(body[i * d + nc])
    return w, h, nc == 1, bytes(al) if alpha else None, bytes(px)


def read_pnm(data):
    parts = data.split(maxsplit=4)
    magic, w, h = parts[0], int(parts[1]), int(parts[2])
    return w, h, magic == b"P5", None, parts[4]


def verify(pamdir):
    fails = 0
    checked = 0

    def check(name, got, want, tol=0):
        nonlocal fails, checked
        checked += 1
        if got[:3] != want[:3] or (got[3] is None) != (want[3] is None):
            print("FAIL %s: shape %s, want %s" % (name, got[:3], want[:3]))
            fails += 1
            return
        for i, (a, b) in enumerate(zip(got[4], want[4])):
            if abs(a - b) > tol:
                print("FAIL %s: pixel byte %d is %d, want %d"
                      % (name, i, a, b))
                fails += 1
                return
        if got[3] is not None and got[3] != want[3]:
            print("FAIL %s: alpha differs" % name)
            fails += 1

    for name, _, want in make_pngs():
        check(name, read_pam(os.path.join(pamdir, name + ".pam")), want)
    for name in sorted(os.listdir(SAMPLES)):
        if not name.endswith(".jpg"):
            continue
        got = read_pam(os.path.join(pamdir, name + ".pam"))
        if name.startswith("cmyk") or name.startswith("ycck"):
            w, h = got[0], got[1]
            want = (w, h, False, None, bytes(
                v for y in range(h) for x in range(w)
                for v in cmyk_colour(x, y)))
            # JPEG blurs the block edges: compare block centres only.
            px = bytearray(want[4])
            for y in range(h):
                for x in range(w):
                    if x % 8 in (0, 7) or y % 8 in (0, 7):
                        px[(y * w + x) * 3:(y * w + x) * 3 + 3] = \
                            got[4][(y * w + x) * 3:(y * w + x) * 3 + 3]
            check(name, got, want[:4] + (bytes(px),), tol=12)
        elif shutil.which("djpeg") is None:
            print("skip %s: no djpeg (libjpeg-turbo-progs)" % name)
        else:
            djpeg = subprocess.run(["djpeg", os.path.join(SAMPLES, name)],
                                   stdout=subprocess.PIPE, check=True).stdout
            check(name, got, read_pnm(djpeg))
    print("%d checked, %d failed" % (checked, fails))
    return 1 if fails else 0


def shrink(img, side):
    """Area average of img (read_pam's tuple) to side, colours weighted
    by alpha: the reference for image_shrink."""
    w, h, gray, al, px = img
    nc = 1 if gray else 3
    big = max(w, h)
    if big <= side:
        return img
    nw = max(1, (w * side + big // 2) // big)
    nh = max(1, (h * side + big // 2) // big)

    def spans(n, nn, d):
        lo, hi = d * n / nn, (d + 1) * n / nn
        i = int(lo)
        while i < hi:
            yield i, min(i + 1, hi) - max(i, lo)
            i += 1
    opx, oal = bytearray(), bytearray()
    for y in range(nh):
        for x in range(nw):
            s = [0.0] * nc
            sa = 0.0
            for j, wy in spans(h, nh, y):
                for i, wx in spans(w, nw, x):
                    k = j * w + i
                    a = al[k] if al else 255
                    for c in range(nc):
                        s[c] += wx * wy * px[k * nc + c] * a
                    sa += wx * wy * a
            area = (w / nw) * (h / nh)
            for c in range(nc):
                opx.append(round(s[c] / sa) if sa else 0)
            oal.append(round(sa / area))
    return nw, nh, gray, bytes(oal) if al else None, bytes(opx)


def verify_shrink(fulldir, smalldir, side):
    """Compares imgtest -s side's PAMs with shrink() of the full ones."""
    fails = checked = 0
    for name in sorted(os.listdir(fulldir)):
        want = shrink(read_pam(os.path.join(fulldir, name)), side)
        got = read_pam(os.path.join(smalldir, name))
        checked += 1
        bad = got[:3] != want[:3] or (got[3] is None) != (want[3] is None)
        if not bad:
            pairs = list(zip(got[4], want[4]))
            if got[3] is not None:
                pairs += list(zip(got[3], want[3]))
                # Colour under (almost) no alpha is not meaningful.
                nc = 1 if got[2] else 3
                pairs = [p for i, p in enumerate(zip(got[4], want[4]))
                         if want[3][i // nc] > 2] + \
                    list(zip(got[3], want[3]))
            bad = any(abs(a - b) > 1 for a, b in pairs)
        if bad:
            print("FAIL %s: shrunk to %s, want %s" % (name, got[:3],
                                                     want[:3]))
            fails += 1
    print("%d shrunk, %d failed" % (checked, fails))
    return 1 if fails else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "verify":
        sys.exit(verify(sys.argv[2]))
    if len(sys.argv) == 5 and sys.argv[1] == "verify-shrink":
        sys.exit(verify_shrink(sys.argv[2], sys.argv[3], int(sys.argv[4])))
    generate()
