#!/usr/bin/python3
"""bench.py - time briefing on timelines of 10, 100, 1,000, 1,346 (200
pages, the size of the issue's target) and 10,000 events made from the
default document's text, and on the default document itself; then on
the inputs that once took time growing with the square of their size,
each at 1x and 4x (the time should grow about 4x).

Reports wall time (the best and the median of several runs), pages, pages
per second (of the best run), the peak resident memory of the process, and
for the long inputs the memory a page takes above the 10-event run's
(peak minus that run's peak, over the pages added).
The first line times /bin/true, what starting any process costs from
Python (in every figure below too).  Each input is first run untimed,
with BRIEFING_TIMING, for the peak memory: the median of 9 runs (3 for
10,000 events), as where the kernel puts the heap and the mappings moves
a single run's peak by a few hundred KiB, which is a few KiB a page at
1,000 events (the first run after a pause also pays for memory the host
has to give the machine again, and the timing lines cost a little);
then the timed runs, without it.
Usage: bench.py BRIEFING [N ...]
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(TOP, "data", "russia-dprk-timeline.xml")


def make_timeline(n, path):
    """n events, the default document's event texts in turn, a year apart."""
    src = open(DOC, encoding="utf-8").read()
    head = src[:src.index("  <event")]
    events = re.findall(r"<event [^>]*>(.*?)</event>", src, re.S)
    out = [head]
    for i in range(n):
        body = events[i % len(events)]
        year = 1000 + (i * 7919) % 9000     # shuffled: the program sorts
        out.append('  <event when="%04d">%s</event>\n' % (year, body))
    out.append("</timeline>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def run(cmd, timing=False, ok=(0,)):
    """Wall time and peak resident memory (KiB, with timing) of one run.

    The peak is the one the program reports with BRIEFING_TIMING (its own
    VmHWM): the rusage of a child of this process also counts the pages
    of the Python process it was forked from, about 30 MiB.
    """
    env = dict(os.environ)
    if timing:
        env["BRIEFING_TIMING"] = "1"
    else:
        env.pop("BRIEFING_TIMING", None)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) not in ok:
        sys.exit("bench: %s failed: %s" % (" ".join(cmd), err))
    m = re.search(r"peak memory: (\d+) KiB", err)
    return wall, int(m.group(1)) if m else ru.ru_maxrss


HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<timeline version="1" xml:lang="th">\n<title>t</title>\n')


def worst_case(kind, n, path):
    """Inputs that once took time growing with the square of their size."""
    if kind == "one paragraph":         # n bytes of the default text
        src = open(DOC, encoding="utf-8").read()
        text = " ".join(p for p in re.findall(r"<p>(.*?)</p>", src, re.S)
                        if "<" not in p)
        text = (text * (n // len(text.encode()) + 2)).encode()[:n]
        body = '<event when="2000"><p>%s</p></event>\n' % text.decode(
            "utf-8", "ignore")
    elif kind == "one cluster":         # a base and n joiners
        body = '<event when="2000"><p>\u0e01%s</p></event>\n' % (
            "\u200d" * n)
    elif kind == "ids":                 # n events with ids, --check
        body = "".join('<event when="2000" id="e%d"><p>x</p></event>\n'
                       % i for i in range(n))
    else:                               # n errors on one line, --check
        body = '<event when="2000"><p>x</p></event>\n' + "<zz/>" * n
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEAD + body + "</timeline>\n")


def worst(bin_, tmp):
    """Each worst case at 1x and 4x its size: the time should grow 4x."""
    print()
    print("%-22s %10s %8s %8s %7s" % ("worst case", "size", "1x s",
                                        "4x s", "ratio"))
    for kind, n, check in (("one paragraph", 500000, False),
                           ("one cluster", 20000, False),
                           ("ids", 20000, True),
                           ("unknown elements", 25000, True)):
        t = []
        for k in (1, 4):
            path = os.path.join(tmp, "worst.xml")
            worst_case(kind, n * k, path)
            cmd = [bin_, "-q", path] + (["--check"] if check else
                                        ["-o", os.path.join(tmp, "w.pdf")])
            t.append(min(run(cmd, ok=(0, 1))[0] for _ in range(3)))
        print("%-22s %10d %8.3f %8.3f %7.1f" % (kind, n, t[0], t[1],
                                                 t[1] / t[0]))
        sys.stdout.flush()


def batch(bin_, tmp, n=1000):
    """n documents the size of the default one: one run each, against one
    run for all (on every processor)."""
    print()
    d = os.path.join(tmp, "batch")
    os.makedirs(os.path.join(d, "out"), exist_ok=True)
    src = open(DOC, encoding="utf-8").read()
    names = []
    for i in range(n):
        p = os.path.join(d, "d%04d.xml" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(src)
        names.append(p)
    out = os.path.join(d, "out")
    t0 = time.perf_counter()
    for p in names:
        run([bin_, "-q", p, "-o", os.path.join(out, "one.pdf")])
    each = time.perf_counter() - t0
    t0 = time.perf_counter()
    run([bin_, "-q"] + names + ["-O", out])
    one = time.perf_counter() - t0
    print("%d documents: %d runs %.2f s, one run %.2f s: %.1f times" % (
        n, n, each, one, each / one))
    sys.stdout.flush()


def copies_and_packet(bin_, tmp):
    """The time an extra numbered copy takes, and a packet of 50 parts."""
    print()
    out = os.path.join(tmp, "copies")
    os.makedirs(out, exist_ok=True)
    t = {}
    for n in (1, 11):
        t[n] = min(run([bin_, "-q", DOC, "--copies", str(n), "-o",
                        os.path.join(out, "c-{n}.pdf")])[0]
                   for _ in range(5))
    print("numbered copies: 1 in %.3f s, 11 in %.3f s: %.1f ms a copy"
          % (t[1], t[11], (t[11] - t[1]) / 10 * 1000))
    d = os.path.join(tmp, "packet")
    os.makedirs(d, exist_ok=True)
    src = open(DOC, encoding="utf-8").read()
    parts = []
    for i in range(50):
        with open(os.path.join(d, "p%02d.xml" % i), "w",
                  encoding="utf-8") as f:
            f.write(src)
        parts.append('  <part href="p%02d.xml"/>' % i)
    with open(os.path.join(d, "packet.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<packet version="1">\n  <title>ชุดเอกสาร</title>\n'
                + "\n".join(parts) + "\n</packet>\n")
    pdf = os.path.join(d, "packet.pdf")
    walls = [run([bin_, "-q", os.path.join(d, "packet.xml"), "-o", pdf])[0]
             for _ in range(5)]
    print("a packet of 50 parts: %d pages, best %.3f s, median %.3f s" % (
        pages(pdf), min(walls), statistics.median(walls)))
    sys.stdout.flush()


def pages(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True,
                          text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench.py BRIEFING [N ...]")
    bin_ = os.path.abspath(sys.argv[1])
    sizes = [int(a) for a in sys.argv[2:]] or [10, 100, 1000, 1346, 10000]
    env_date = {"SOURCE_DATE_EPOCH": "1700000000"}
    os.environ.update(env_date)
    print("%-22s %8s %8s %7s %10s %10s %10s" % ("input", "best s",
                                                  "median", "pages",
                                                  "pages/s", "peak MiB",
                                                  "KiB/page"))
    # what starting any process costs from here: not the program's time
    walls = [run(["/bin/true"])[0] for _ in range(15)]
    print("%-22s %8.3f %8.3f" % ("(/bin/true)", min(walls),
                                 statistics.median(walls)))
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("default document", DOC)]
        for n in sizes:
            path = os.path.join(tmp, "t%d.xml" % n)
            make_timeline(n, path)
            cases.append(("%d events" % n, path))
        base = None
        for name, path in cases:
            out = os.path.join(tmp, "out.pdf")
            runs = 3 if name == "10000 events" else 15
            # the peak varies from run to run by a few hundred KiB (where
            # the kernel places the heap and the mappings): the median
            rss = statistics.median(run([bin_, "-q", path, "-o", out],
                                        timing=True)[1]
                                    for _ in range(3 if name == "10000 events"
                                                   else 9))
            walls = [run([bin_, "-q", path, "-o", out])[0]
                     for _ in range(runs)]
            best = min(walls)
            n = pages(out)
            if name == "10 events":
                base = (rss, n)
            per = ""
            if base is not None and n >= 100:
                per = "%.1f" % ((rss - base[0]) / (n - base[1]))
            print("%-22s %8.3f %8.3f %7d %10.0f %10.1f %10s" % (
                name, best, statistics.median(walls), n, n / best,
                rss / 1024, per))
            sys.stdout.flush()
        worst(bin_, tmp)
        batch(bin_, tmp)
        copies_and_packet(bin_, tmp)


if __name__ == "__main__":
    main()
