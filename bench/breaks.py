#!/usr/bin/python3
"""breaks.py - where lines break in Thai: briefing against XeLaTeX.

Usage: breaks.py BRIEFING DOCUMENT.xml

The paragraphs of DOCUMENT (a timeline) are set by briefing in its
default style and by XeLaTeX in the same font, size, leading and
measure (Laksaman 12 pt, 18 pt leading, the width of the default style's
text column; XeTeX's ICU breaker for Thai, justified).  Each line end
that is not at a space is then looked up: a break inside a word of the
compound lexicon (data/compounds.txt) or of the word list
(data/words.txt) is one a Thai typesetter keeps whole.  Printed for
both: lines, and breaks inside such words (with examples).  Lines are
matched to the text on their letters alone, since XeLaTeX's text layer
moves and splits Thai marks.  XeLaTeX sets every paragraph in the event
column's measure; briefing sets an introduction across the whole line,
so a document with one compares best on its events.  Needs xelatex
(texlive-xetex) and Laksaman (fonts-tlwg-laksaman-ttf); says so and
stops without them.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

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


def layout(bin_, doc):
    """briefing's --dump-layout of doc."""
    return subprocess.run([bin_, "--dump-layout", doc], capture_output=True,
                          text=True).stdout


def ours(out):
    """briefing's lines of each paragraph, from its layout dump."""
    return [m.group(1) for m in re.finditer(
        r'^  (?:p|intro) +x=.*"(.*)"$', out, re.M)]


def xelatex(paras, width_pt, tmp):
    tex = os.path.join(tmp, "b.tex")
    body = "\n\n".join(re.sub(r"([&%$#_{}~^\\])", r"\\\1", p)
                       for p in paras)
    open(tex, "w", encoding="utf-8").write(
        "\\documentclass{article}\n\\usepackage{fontspec}\n"
        "\\setmainfont{Laksaman}[Script=Thai]\n"
        "\\XeTeXlinebreaklocale \"th\"\n"
        "\\XeTeXlinebreakskip = 0pt plus 1pt\n"
        "\\usepackage[paperwidth=%.2fpt,paperheight=2000pt,margin=0pt]"
        "{geometry}\n\\setlength{\\parindent}{0pt}\n"
        "\\setlength{\\parskip}{6pt}\\pagestyle{empty}\n"
        "\\begin{document}\\fontsize{12}{18}\\selectfont\n%s\n"
        "\\end{document}\n" % (width_pt, body))
    subprocess.run(["xelatex", "-interaction=batchmode", "b.tex"], cwd=tmp,
                   capture_output=True)
    txt = subprocess.run(["pdftotext", "-nopgbrk",
                          os.path.join(tmp, "b.pdf"), "-"],
                         capture_output=True, text=True).stdout
    return [ln for ln in txt.split("\n") if ln.strip()]


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
            if any(text[lo:hi] in lex for hi in range(b + 1,
                                                      min(len(text),
                                                          lo + 21) + 1)):
                bad.append(text[max(lo, b - 6):b] + "|" + text[b:b + 6])
                break
    return bad


def main():
    bin_, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
    if shutil.which("xelatex") is None:
        print("breaks: xelatex is not installed (texlive-xetex): skipped")
        return
    lex = words()
    paras = paragraphs(doc)
    out = layout(bin_, doc)
    mine = ours(out)
    # the text column of the default style: the area less the date column
    area = float(re.search(r"area x=[\d.]+ y=[\d.]+ w=([\d.]+)",
                           out).group(1))
    measure = area - 85.04
    with tempfile.TemporaryDirectory() as tmp:
        tex = xelatex(paras, measure, tmp)
    for name, lines in (("briefing", mine), ("XeLaTeX", tex)):
        bad = inside(lines, paras, lex)
        print("%-9s %3d lines, %2d breaks inside compounds or names: %s" %
              (name, len(lines), len(bad), ", ".join(bad[:8])))


if __name__ == "__main__":
    main()
