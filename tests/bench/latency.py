#!/usr/bin/env python3
"""tests/bench/latency.py: save-to-reload time of `simc watch` (make bench).

    latency.py SIMC COMPANY_COPY OUT RUNS

Starts `simc watch COMPANY_COPY -o OUT --port 0`, reads its port from
stderr, opens the event stream (127.0.0.1 only), then RUNS times: saves a
note as an editor does (a new file renamed over it), and measures until
the reload event arrives, and until the new page has been fetched.  Waits
for each build to finish (its `simc: built` line) before the next save,
so that every save meets an idle watcher.  Prints one line per figure:

    LABEL<TAB>median ms<TAB>min ms<TAB>max ms

then `reload-target<TAB>met` or `NOT met` (median save to event under
200 ms).  Every wait is bounded; the watcher is stopped with SIGINT.
"""
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

simc, company, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
note = os.path.join(company, "00-company.md")
proc = subprocess.Popen([simc, "watch", company, "-o", out, "--port", "0"],
                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                        text=True)
lines = queue.Queue()


def read_stderr():
    for line in proc.stderr:
        lines.put(line.rstrip("\n"))


threading.Thread(target=read_stderr, daemon=True).start()


def wait_line(pattern, seconds=30):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            line = lines.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            break
        m = re.match(pattern, line)
        if m:
            return m
    sys.exit("latency.py: no line %r from simc watch" % pattern)


def get(port, path):
    """The body of GET path, over HTTP/1.0 (no chunks)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(("GET %s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n"
               % (path, port)).encode())
    data = b""
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
    s.close()
    return data


try:
    port = int(wait_line(r"simc: serving http://127\.0\.0\.1:(\d+)/$").group(1))
    ev = socket.create_connection(("127.0.0.1", port), timeout=10)
    ev.sendall(("GET /events HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n"
                % port).encode())
    buf = b""

    def next_event():
        global buf
        while b"\n\n" not in buf or not re.search(rb"data: (\d+)\n\n", buf):
            b = ev.recv(4096)
            if not b:
                sys.exit("latency.py: the event stream ended")
            buf += b
        m = re.search(rb"data: (\d+)\n\n", buf)
        buf = buf[m.end():]
        return int(m.group(1))

    next_event()
    text = open(note, encoding="utf-8").read()
    to_event, to_page = [], []
    for i in range(runs):
        new = re.sub(r"(?m)^product: .*$", "product: Heat pumps, save %d" % i,
                     text)
        t0 = time.perf_counter()
        tmp = note + ".tmp%d" % i
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(new)
        os.rename(tmp, note)
        next_event()
        t1 = time.perf_counter()
        page = get(port, "/")
        t2 = time.perf_counter()
        if ("save %d" % i).encode() not in page:
            sys.exit("latency.py: the page lacks save %d" % i)
        to_event.append((t1 - t0) * 1000)
        to_page.append((t2 - t0) * 1000)
        wait_line(r"simc: built ")
        time.sleep(0.2)
    for label, v in (("save to reload event", to_event),
                     ("save to reloaded page fetched", to_page)):
        print("%s\t%.1f\t%.1f\t%.1f" % (label, statistics.median(v), min(v),
                                        max(v)))
    print("reload-target\t%s" % ("met" if statistics.median(to_event) < 200
                                 else "NOT met"))
finally:
    proc.send_signal(2)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
