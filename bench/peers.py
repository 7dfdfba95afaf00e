#!/usr/bin/python3
"""peers.py - briefing against XeLaTeX on the same document, in turns.

Usage: peers.py BRIEFING [RUNS]

The default document (data/russia-dprk-timeline.xml) and the same made
ten times longer are written as XeLaTeX sources that set the same text
the same way: A4, the same margins, Laksaman 16 pt (the default style's
body font), Thai line breaking by XeTeX's ICU breaker
(\\XeTeXlinebreaklocale "th"), the title, subtitle and date centred, the
introduction, then each event's date in a column beside its text.  Each
tool makes its PDF RUNS times (default 10), the two in turns, and the
medians are compared.  XeLaTeX runs once a document (no contents, so no
second pass); briefing with its defaults (contents off for two pages,
tagged).  Skipped, with a line saying so, when xelatex is not installed
(Debian: texlive-xetex).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HEAD = r"""\documentclass[a4paper]{article}
\usepackage[top=2.5cm,bottom=2.5cm,left=2.5cm,right=2.5cm]{geometry}
\usepackage{fontspec}
\setmainfont{Laksaman}[Script=Thai]
\XeTeXlinebreaklocale "th"
\XeTeXlinebreakskip = 0pt plus 1pt
\usepackage{array}
\pagestyle{plain}
\setlength{\parindent}{0pt}
\begin{document}
\fontsize{16}{24}\selectfont
"""


def tex_escape(s):
    return re.sub(r"([&%$#_{}~^\\])", lambda m: "\\" + m.group(1), s)


def text(el):
    return " ".join("".join(el.itertext()).split())


def to_tex(xml_path, times):
    """The document as XeLaTeX, its intro and events times over."""
    root = ET.parse(xml_path).getroot()
    out = [HEAD]
    out.append("\\begin{center}{\\fontsize{24}{32}\\selectfont\\bfseries %s}"
               "\\\\[6pt]\\textit{%s}\\\\[4pt]{\\small 12 ก.ย. 2023}"
               "\\end{center}\n" % (tex_escape(text(root.find("title"))),
                                    tex_escape(text(root.find("subtitle")))))
    for _ in range(times):
        for p in root.find("intro").findall("p"):
            out.append(tex_escape(text(p)) + "\\par\\medskip\n")
        for ev in root.findall("event"):
            out.append("\\noindent\\begin{tabular}{@{}p{3cm}@{\\hspace{0.5cm}}"
                       "p{\\dimexpr\\textwidth-3.5cm\\relax}@{}}\n"
                       "\\textbf{%s} & %s\n\\end{tabular}\\par\\medskip\n" %
                       (tex_escape(ev.get("label") or ev.get("when")),
                        "\\par ".join(tex_escape(text(p))
                                      for p in ev.findall("p"))))
    out.append("\\end{document}\n")
    return "".join(out)


def to_xml(xml_path, times, out):
    """The document with its intro and events times over."""
    src = open(xml_path, encoding="utf-8").read()
    events = re.findall(r"\s*<event .*?</event>", src, re.S)
    body = "".join(re.sub(r'id="[^"]*"', "", e) for e in events)
    intro = re.search(r"<intro>(.*?)</intro>", src, re.S).group(1)
    more = "".join(body for _ in range(times - 1))
    src = src.replace("</intro>", intro * (times - 1) + "</intro>", 1) \
        if times > 1 else src
    src = src.replace("</timeline>", more + "</timeline>")
    open(out, "w", encoding="utf-8").write(src)


def wall(cmd, cwd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("peers: %s failed (status %d)" % (cmd[0], r.returncode))
    return t


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True,
                         text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main():
    bin_ = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if shutil.which("xelatex") is None:
        print("peers: xelatex is not installed (texlive-xetex): skipped")
        return
    src = os.path.join(os.path.dirname(__file__), "..", "data",
                       "russia-dprk-timeline.xml")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    print("%-22s %8s %8s %6s %6s %7s" % ("document", "briefing", "xelatex",
                                         "pages", "pages", "ratio"))
    with tempfile.TemporaryDirectory() as tmp:
        for times in (1, 10):
            xml = os.path.join(tmp, "doc%d.xml" % times)
            tex = os.path.join(tmp, "doc%d.tex" % times)
            to_xml(src, times, xml)
            open(tex, "w", encoding="utf-8").write(to_tex(src, times))
            bcmd = [bin_, xml, "-o", os.path.join(tmp, "b%d.pdf" % times)]
            xcmd = ["xelatex", "-interaction=batchmode", "-halt-on-error",
                    os.path.basename(tex)]
            wall(bcmd, tmp)             # caches warm, fonts found
            wall(xcmd, tmp)
            b, x = [], []
            for _ in range(runs):
                b.append(wall(bcmd, tmp))
                x.append(wall(xcmd, tmp))
            mb, mx = statistics.median(b), statistics.median(x)
            print("%-22s %7.3fs %7.3fs %6d %6d %6.1fx" % (
                "default" if times == 1 else "default x%d" % times, mb, mx,
                pages(os.path.join(tmp, "b%d.pdf" % times)),
                pages(os.path.join(tmp, "doc%d.pdf" % times)), mx / mb),
                flush=True)


if __name__ == "__main__":
    main()
