#!/usr/bin/python3
"""gaps.py - no gap inside a word wider than 1.5 pt at 16 pt.

Usage: gaps.py BRIEFING
Every shipped style (styles/*.xml) sets the default document, the
golden documents that are set justified (tests/regress/layout/border.xml,
flood.xml) and each is drawn to PDF.  The glyphs of each paragraph line
(p and intro in --dump-layout: justified or Thai distributed in every
style) are read back from the PDF with their positions and advances
(mutool's structured text: each character's origin and the advance the
font gives it); marks, which sit on their base, are left out.  The gap
between two characters is the distance from where the first one's
advance ends to where the next one begins.  Where the text has no space
and libthai sees no word boundary (its dictionary, as the breaker uses
it), the two are inside a word, and the gap may not pass 1.5 pt for a
body of 16 pt, in proportion to the style's body size (the size the
style names: TH Sarabun New at 16 pt is Laksaman at 0.66 of it, and
looks 16 pt).  A gap in a line that is not a paragraph's last is what
justification added there: Thai distributed's tracking of clusters,
justify's tracking of a line its spaces could not fill.
Also checked: each line's letters are the layout's, and the official
style (Thai distributed) has gaps inside words at all, so that a check
that reads nothing does not pass.
Prints one line per failure and "gaps: N passed, N failed".
Also a module: bench/breaks.py measures gaps with line_gaps().
"""
import ctypes
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
LIMIT = 1.5 / 16            # [pt] a point of body size

_thai = None


def word_starts(s):
    """Where libthai sees a word begin inside s (indices of s)."""
    global _thai
    if _thai is None:
        _thai = ctypes.CDLL("libthai.so.0")
        _thai.th_brk_wc_find_breaks.argtypes = [
            ctypes.c_void_p, ctypes.c_wchar_p, ctypes.POINTER(ctypes.c_int),
            ctypes.c_size_t]
    pos = (ctypes.c_int * (len(s) + 1))()
    n = _thai.th_brk_wc_find_breaks(None, s, pos, len(s) + 1)
    return set(pos[:n])


def is_mark(c):
    return unicodedata.category(c) == "Mn"


def stext_chars(pdf):
    """Each page's characters: (x, baseline y, x where its advance ends, c)."""
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, text=True).stdout
    pages = []
    for pg in ET.fromstring(out).iter("page"):
        chars = []
        for ch in pg.iter("char"):
            q = [float(v) for v in ch.get("quad").split()]
            chars.append((float(ch.get("x")), float(ch.get("y")), q[2],
                          ch.get("c")))
        pages.append(chars)
    return pages


def dump_lines(dump, kinds=("p", "intro")):
    """The dump's lines of those kinds: (page, kind, x, y, right, text),
    right: where the page's text area ends (a first line may be indented,
    which the dump does not say)."""
    lines, page, right = [], -1, 0.0
    for ln in dump.split("\n"):
        m = re.match(r"page (\d+) .*area x=([\d.]+) y=[\d.]+ w=([\d.]+)", ln)
        if m:
            page = int(m.group(1)) - 1
            right = float(m.group(2)) + float(m.group(3))
            continue
        m = re.match(r'  ([a-z-]+) +x=([\d.]+) y=([\d.]+) w=([\d.]+).*? "'
                     r'(.*)"$', ln)
        if m and m.group(1) in kinds:
            lines.append((page, m.group(1), float(m.group(2)),
                          float(m.group(3)), right, m.group(5)))
    return lines


def line_gaps(pages, line, digits=False):
    """The gaps of one dump line as the PDF draws it: a list of (gap [pt],
    what: 'space', 'word' (a word boundary, libthai's) or 'inside', the
    two characters); None when the PDF's letters are not the line's."""
    page, _, x, y, right, text = line
    got = sorted(c for c in pages[page]
                 if abs(c[1] - y) < 0.6 and x - 1 <= c[0] <= right + 1 and
                 not is_mark(c[3]) and not c[3].isspace())
    starts = word_starts(text)
    want, space = [], False
    for i, c in enumerate(text):
        if c.isspace():
            space = True
            continue
        if is_mark(c):
            continue
        want.append((c.translate(THAI_DIGITS) if digits else c,
                     "space" if space else "word" if i in starts else
                     "inside"))
        space = False
    if "".join(c[3] for c in got) != "".join(c for c, _ in want):
        return None
    return [(b[0] - a[2], k[1], a[3] + b[3])
            for a, b, k in zip(got, got[1:], want[1:])]


def body_size(style):
    """The body size [pt] a style file names."""
    root = ET.parse(style).getroot()
    for f in root.iter("font"):
        if f.get("role") == "body" and f.get("size", "").endswith("pt"):
            return float(f.get("size")[:-2])
    return 12.0


def main():
    bin_ = os.path.abspath(sys.argv[1])
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL:", what)

    docs = [os.path.join(TOP, "data", "russia-dprk-timeline.xml")] + [
        os.path.join(TOP, "tests", "regress", "layout", d)
        for d in ("border.xml", "flood.xml")]
    styles = sorted(os.path.join(TOP, "styles", s)
                    for s in os.listdir(os.path.join(TOP, "styles"))
                    if s.endswith(".xml"))
    with tempfile.TemporaryDirectory() as tmp:
        for style in styles:
            name = os.path.basename(style)[:-4]
            limit = LIMIT * body_size(style)
            digits = 'text-digits="thai"' in open(style,
                                                  encoding="utf-8").read()
            seen = 0.0
            for doc in docs:
                pdf = os.path.join(tmp, "g.pdf")
                subprocess.run([bin_, "-q", "--style", style, doc, "-o",
                                pdf], check=True)
                dump = subprocess.run([bin_, "--style", style,
                                       "--dump-layout", doc],
                                      capture_output=True, text=True).stdout
                pages = stext_chars(pdf)
                worst, bad = (0.0, ""), []
                for line in dump_lines(dump):
                    g = line_gaps(pages, line, digits)
                    if g is None:
                        bad.append(line[5][:30])
                        continue
                    for gap, what, pair in g:
                        if what == "inside" and gap > worst[0]:
                            worst = (gap, "%s in %s" % (pair, line[5]))
                what = "%s, %s" % (name, os.path.basename(doc))
                check(not bad, "%s: the PDF's letters are not the layout's "
                      "in %d lines: %s" % (what, len(bad), bad[:3]))
                check(worst[0] <= limit + 0.01,
                      "%s: a gap of %.2f pt inside a word (limit %.2f): %s"
                      % (what, worst[0], limit, worst[1]))
                seen = max(seen, worst[0])
            if name == "official":
                check(seen > 0.1, "official: no gap inside a word measured "
                      "(Thai distributed tracks clusters): %.2f pt" % seen)
    print("gaps: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
