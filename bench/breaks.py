#!/usr/bin/python3
"""breaks.py - where lines break in Thai, and how even their gaps are:
briefing against XeLaTeX.

Usage: breaks.py BRIEFING DOCUMENT.xml [STYLE...]

The paragraphs of DOCUMENT (a timeline) are set by briefing in each
STYLE (default: briefing and official) and by XeLaTeX in the same font,
size, leading, measure and first-line indent (the default style:
Laksaman 12 pt, 18 pt leading, the event column's measure; the official
one: TH Sarabun New 16 pt, which is Laksaman at 0.66 of it, the whole
text area, a 2.5 cm indent; XeTeX's ICU breaker for Thai, justified;
Thai digits where the style prints them).  Each line end that is not at
a space is then looked up: a break inside a word of the compound lexicon
(data/compounds.txt) or of the word list (data/words.txt) is one a Thai
typesetter keeps whole.  Both PDFs are then read back with mutool
(tests/gaps.py: each character's origin and advance, marks left out),
and each full line (one that reaches the margin: in briefing a
paragraph's line that is not its last, in XeLaTeX one whose last glyph
ends within 0.5 pt of the measure) is looked at for a gap between two
glyphs over 6 pt: a space stretched past half again its width, or a
word pulled apart.  Printed for both: lines, breaks inside such words
(with examples), full lines and those with a gap over 6 pt.  Lines are
matched to the text on their letters alone, since XeLaTeX's text layer
moves and splits Thai marks.  XeLaTeX sets every paragraph in the event
column's measure; briefing sets an introduction across the whole line,
so a document with one compares best on its events.  Needs xelatex
(texlive-xetex), Laksaman (fonts-tlwg-laksaman-ttf) and mutool
(mupdf-tools); says so and stops without them.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests"))
import gaps  # noqa: E402  tests/gaps.py: glyphs read back from a PDF

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def words():
    out = set()
    for f in ("compounds.txt", "words.txt"):
        for line in open(os.path.join(TOP, "data", f), encoding="utf-8"):
            line = line.strip()
            if line and not line.startswith("#"):
                w = line.split()[0] if f == "compounds.txt" else line
                if len(w) >= 4:
                    out.add(w.replace(" ", ""))
    return out


def paragraphs(doc):
    root = ET.parse(doc).getroot()
    return [" ".join("".join(p.itertext()).split())
            for p in root.iter("p")]


def length_pt(v):
    """A style's length ("3cm", "12pt") in points."""
    m = re.match(r"([\d.]+)(pt|cm|mm|in)?$", v or "0")
    if m is None:
        return 0.0
    return float(m.group(1)) * {"pt": 1, "cm": 72 / 2.54, "mm": 72 / 25.4,
                                "in": 72, None: 1}[m.group(2)]


def style_of(name):
    """What XeLaTeX needs of a shipped style: body size [pt] and leading
    (a factor), first-line indent and the date column's width [pt], and
    whether the text prints Thai digits."""
    root = ET.parse(os.path.join(TOP, "styles", name + ".xml")).getroot()
    st = {"size": 12.0, "leading": 1.5, "indent": 0.0, "date": 0.0,
          "digits": False}
    for el in root.iter():
        if el.tag == "font" and el.get("role") == "body":
            st["size"] = length_pt(el.get("size"))
            st["leading"] = float(el.get("leading", "1.5"))
        elif el.tag == "paragraph":
            st["indent"] = length_pt(el.get("indent"))
        elif el.tag == "event":
            st["date"] = length_pt(el.get("date-width"))
        elif el.tag == "language":
            st["digits"] = el.get("text-digits") == "thai"
    return st


def thai_digits(s):
    """s as text-digits="thai" prints it: digits in words without a Latin
    letter as Thai digits."""
    return re.sub(r"\S+", lambda m: m.group(0) if re.search(
        r"[A-Za-z]", m.group(0)) else m.group(0).translate(
            gaps.THAI_DIGITS), s)


def ours(bin_, doc, style, tmp):
    """briefing's layout dump, its paragraph lines, and its PDF."""
    out = subprocess.run([bin_, "--style", style, "--dump-layout", doc],
                         capture_output=True, text=True).stdout
    pdf = os.path.join(tmp, "%s.pdf" % style)
    subprocess.run([bin_, "-q", "--style", style, doc, "-o", pdf],
                   check=True)
    return out, gaps.dump_lines(out), pdf


def xelatex(paras, width_pt, st, scale, tmp):
    """XeLaTeX's lines (pdftotext) and its PDF.  Lengths in PostScript
    points (bp), the PDF's: TeX's pt is 1/72.27 inch."""
    tex = os.path.join(tmp, "b.tex")
    size = st["size"] * scale
    body = "\n\n".join(re.sub(r"([&%$#_{}~^\\])", r"\\\1", p)
                         for p in paras)
    open(tex, "w", encoding="utf-8").write(
        "\\documentclass{article}\n\\usepackage{fontspec}\n"
        "\\setmainfont{Laksaman}[Script=Thai]\n"
        "\\XeTeXlinebreaklocale \"th\"\n"
        "\\XeTeXlinebreakskip = 0pt plus 1pt\n"
        "\\usepackage[paperwidth=%.2fbp,paperheight=4000bp,margin=0bp]"
        "{geometry}\n\\setlength{\\parindent}{%.2fbp}\n"
        "\\setlength{\\parskip}{6pt}\\pagestyle{empty}\n"
        "\\begin{document}\\fontsize{%.2fbp}{%.2fbp}\\selectfont\n%s\n"
        "\\end{document}\n" % (width_pt, st["indent"], size,
                                 st["size"] * st["leading"], body))
    subprocess.run(["xelatex", "-interaction=batchmode", "b.tex"], cwd=tmp,
                   capture_output=True)
    pdf = os.path.join(tmp, "b.pdf")
    txt = subprocess.run(["pdftotext", "-nopgbrk", pdf, "-"],
                         capture_output=True, text=True).stdout
    return [ln for ln in txt.split("\n") if ln.strip()], pdf


def drawn(c):
    """A character that stands for a glyph of its own on the line: not a
    mark, a space, a private-use variant or U+FFFD."""
    return not (gaps.is_mark(c) or c.isspace() or c == "\ufffd" or
                "\ue000" <= c <= "\uf8ff")


def gappy(rows, right):
    """Of rows of characters (x, y, end, c), sorted by x: the full ones
    (the last glyph ending within 0.5 pt of right) and those of them with
    a gap over 6 pt between two glyphs."""
    full = wide = 0
    for cs in rows:
        if not cs or max(c[2] for c in cs) < right - 0.5:
            continue
        full += 1
        if any(b[0] - a[2] > 6 for a, b in zip(cs, cs[1:])):
            wide += 1
    return full, wide


def our_rows(pages, lines):
    """The characters of briefing's paragraph lines, each line's sorted,
    with the right edge of its text area."""
    rows = []
    for page, _, x, y, right, _ in lines:
        rows.append((sorted(c for c in pages[page]
                            if abs(c[1] - y) < 0.6 and
                            x - 1 <= c[0] <= right + 1 and drawn(c[3])),
                     right))
    return rows


def tex_rows(pages):
    """XeLaTeX's lines: its characters grouped by baseline, sorted."""
    rows = []
    for chars in pages:
        by = {}
        for c in chars:
            if drawn(c[3]):
                by.setdefault(round(c[1]), []).append(c)
        rows += [sorted(v) for _, v in sorted(by.items())]
    return rows


# Thai marks and SARA AM's halves: text extraction of some PDFs drops,
# moves or splits them, so lines are matched on what is left.
MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
            "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e\u0e33"
            "\u0e32")


def skeleton(s):
    """s without white space and marks; and each char's index in s."""
    out, at = [], []
    for i, c in enumerate(s):
        if not c.isspace() and c not in MARKS:
            out.append(c)
            at.append(i)
    return "".join(out), at


# What may not begin a word (marks, following vowels) and what may not
# end one (leading vowels): a lexicon word is matched in whole clusters.
NO_START = MARKS | set("\u0e30\u0e45")
NO_END = set("\u0e40\u0e41\u0e42\u0e43\u0e44")


def whole(text, lo, hi):
    """Is text[lo:hi] whole syllables: not the การก of การกู้?"""
    return (text[lo] not in NO_START and text[hi - 1] not in NO_END and
            (hi >= len(text) or text[hi] not in NO_START))


def inside(lines, paras, lex):
    """Line ends not at a space that fall inside a lexicon word."""
    text = " ".join(paras)
    sk, at = skeleton(text)
    bad, cur = [], 0
    for ln in lines:
        ls = skeleton(ln)[0]
        if not ls:
            continue
        k = sk.find(ls, cur)
        if k < 0 or k - cur > 40:       # not a line of the paragraphs
            continue
        pos = cur = k + len(ls)
        if pos >= len(sk) or text[at[pos - 1] + 1:at[pos]].strip() == "" \
                and at[pos] > at[pos - 1] + 1:
            continue                    # at a space, or the text's end
        b = at[pos]                     # where the next line starts
        for lo in range(max(0, b - 20), b):
            if any(text[lo:hi] in lex and whole(text, lo, hi)
                   for hi in range(b + 1, min(len(text), lo + 21) + 1)):
                bad.append(text[max(lo, b - 6):b] + "|" + text[b:b + 6])
                break
    return bad


def main():
    bin_, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
    styles = sys.argv[3:] or ["briefing", "official"]
    for tool in ("xelatex", "mutool"):
        if shutil.which(tool) is None:
            print("breaks: %s is not installed: skipped" % tool)
            return
    lex = words()
    for style in styles:
        st = style_of(style)
        paras = paragraphs(doc)
        if st["digits"]:
            paras = [thai_digits(p) for p in paras]
        with tempfile.TemporaryDirectory() as tmp:
            out, lines, pdf = ours(bin_, doc, style, tmp)
            pages = gaps.stext_chars(pdf)
            # the event column: the text area less the date column
            m = re.search(r"area x=([\d.]+) y=[\d.]+ w=([\d.]+)", out)
            measure = float(m.group(2)) - st["date"]
            # the body's size as drawn (TH Sarabun New: Laksaman at 0.66)
            sizes = re.findall(r'<font name="[^"]*" size="([\d.]+)"',
                               subprocess.run(["mutool", "draw", "-F",
                                               "stext", "-o", "-", pdf],
                                              capture_output=True,
                                              text=True).stdout)
            scale = (min((float(v) for v in sizes),
                         key=lambda v: abs(v - st["size"] * 0.66)
                         if style == "official" else abs(v - st["size"]))
                     / st["size"]) if sizes else 1.0
            tex, tpdf = xelatex(paras, measure, st, scale, tmp)
            rows = our_rows(pages, lines)
            mine = (sum(1 for cs, r in rows if cs and max(
                c[2] for c in cs) >= r - 0.5),
                    sum(1 for cs, r in rows if cs and max(
                        c[2] for c in cs) >= r - 0.5 and any(
                            b[0] - a[2] > 6 for a, b in zip(cs, cs[1:]))))
            theirs = gappy(tex_rows(gaps.stext_chars(tpdf)), measure)
        print("%s style: %.2f pt measure, Laksaman %.2f pt" %
              (style, measure, st["size"] * scale))
        for name, ls, (full, wide) in (("briefing", [ln[5] for ln in lines],
                                        mine), ("XeLaTeX", tex, theirs)):
            bad = inside(ls, paras, lex)
            print("  %-9s %3d lines, %2d breaks inside compounds or names: "
                  "%s" % (name, len(ls), len(bad), ", ".join(bad[:8])))
            print("  %-9s %3d full lines, %2d with a gap over 6 pt (%d%%)" %
                  ("", full, wide, round(100 * wide / full) if full else 0))


if __name__ == "__main__":
    main()
