#!/usr/bin/env python3
"""fuzz.py: mutation fuzzing of generator/image.c through imgtest.

    fuzz.py IMGTEST [COUNT [VALGRIND_COUNT [SEED]]]

Mutates the files of samples/ COUNT times (default 2000): flips, inserts
and deletes bytes, cuts the file, and for half the PNGs puts the chunk
CRCs right again so that the damage reaches the decoder.  Runs IMGTEST on
each mutant natively, and on VALGRIND_COUNT of them (default 300) under
valgrind.  A crash, an abort, a hang, a line that is neither OK nor
error, or any valgrind error or leak is a failure; the mutant is kept in
tests/tmp/fuzz/ to replay.  Not part of run.sh: it takes minutes.
"""

import os
import random
import struct
import subprocess
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "samples")
OUT = os.path.join(HERE, "..", "tmp", "fuzz")
VALGRIND = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
            "--errors-for-leak-kinds=all"]


def fix_crcs(d):
    """Recomputes the CRC of every whole chunk of a PNG."""
    d = bytearray(d)
    i = 8
    while i + 12 <= len(d):
        n = struct.unpack(">I", d[i:i + 4])[0]
        if i + 12 + n > len(d):
            break
        crc = zlib.crc32(bytes(d[i + 4:i + 8 + n])) & 0xffffffff
        d[i + 8 + n:i + 12 + n] = struct.pack(">I", crc)
        i += 12 + n
    return bytes(d)


def mutate(rnd, d):
    d = bytearray(d)
    for _ in range(rnd.choice((1, 1, 2, 3, 5, 10, 30))):
        op = rnd.random()
        pos = rnd.randrange(len(d)) if d else 0
        if op < 0.5 and d:
            d[pos] = rnd.randrange(256) if rnd.random() < 0.5 else \
                d[pos] ^ (1 << rnd.randrange(8))
        elif op < 0.65:
            d[pos:pos] = bytes(rnd.randrange(256)
                               for _ in range(rnd.choice((1, 2, 4, 16))))
        elif op < 0.8 and d:
            del d[pos:pos + rnd.choice((1, 2, 4, 16))]
        elif op < 0.88 and d:
            del d[pos:]
        elif d:
            # A byte that often matters: 0xff, 0x00, or a big length.
            d[pos] = rnd.choice((0, 0xff, 0x7f, 0x80))
    return bytes(d)


def run(cmd, timeout):
    t = time.time()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", "", time.time() - t
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        return "exit %d" % p.returncode, out + err, time.time() - t
    if err or not (": OK " in out or ": error: " in out) or \
            out.count("\n") != 1:
        return "bad output", out + err, time.time() - t
    return None, out, time.time() - t


def main():
    imgtest = os.path.abspath(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    vcount = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rnd = random.Random(seed)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.unlink(os.path.join(OUT, f))
    seeds = []
    for name in sorted(os.listdir(SAMPLES)):
        with open(os.path.join(SAMPLES, name), "rb") as f:
            seeds.append((name, f.read()))
    fails = ok = errs = 0
    slowest = (0, "")
    reasons = {}
    vpick = set(rnd.sample(range(count), min(vcount, count)))
    vdone = vfails = 0
    for k in range(count):
        name, data = rnd.choice(seeds)
        m = mutate(rnd, data)
        if name.endswith(".png") and rnd.random() < 0.5:
            m = fix_crcs(m)
        path = os.path.join(OUT, "%05d-%s" % (k, name))
        with open(path, "wb") as f:
            f.write(m)
        bad, out, secs = run([imgtest, path], 20)
        slowest = max(slowest, (secs, path))
        if bad:
            print("FAIL %s: %s\n%s" % (path, bad, out))
            fails += 1
            continue
        if ": OK " in out:
            ok += 1
        else:
            errs += 1
            r = out.split(": error: ", 1)[1].strip()
            r = r.split(" (")[0] if "(" in r else r
            reasons[r] = reasons.get(r, 0) + 1
        if k in vpick:
            vdone += 1
            vbad, vout, _ = run(VALGRIND + [imgtest, path], 300)
            if vbad:
                print("VALGRIND FAIL %s: %s\n%s" % (path, vbad, vout))
                vfails += 1
                continue
        os.unlink(path)
    print("%d mutants: %d decoded, %d rejected, %d failed; slowest %.2fs "
          "(%s)" % (count, ok, errs, fails, slowest[0],
                    os.path.basename(slowest[1])))
    for r, n in sorted(reasons.items(), key=lambda x: -x[1]):
        print("  %5d  %s" % (n, r))
    print("%d under valgrind, %d failed" % (vdone, vfails))
    return 1 if fails or vfails else 0


if __name__ == "__main__":
    sys.exit(main())
