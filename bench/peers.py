#!/usr/bin/python3
"""peers.py - briefing against XeLaTeX and Typst on the same document,
in turns.

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

Typst, which Debian 12 does not package, is run when TYPST_TS names a
folder where npm installed @myriaddreamin/typst-ts-node-compiler (Typst
0.14 as a Node.js module: `npm install --prefix DIR
@myriaddreamin/typst-ts-node-compiler`): the same document as Typst
markup, made to PDF by a small Node.js program, timed whole (node
starting, Typst loading the fonts, compiling and writing); the time
Typst itself took is printed beside it.
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


TYP_HEAD = """#set page(paper: "a4", margin: 2.5cm)
#set text(font: "Laksaman", size: 16pt, lang: "th")
#set par(justify: true, leading: 0.6em)
"""

TYP_RUN = r"""
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const t0 = process.hrtime.bigint();
const c = NodeCompiler.create({ fontArgs: [{ fontPaths:
    ['/usr/share/fonts/truetype/tlwg'] }] });
const pdf = c.pdf({ mainFileContent: fs.readFileSync(process.argv[2],
    'utf8') });
fs.writeFileSync(process.argv[3], pdf);
process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
"""


def typ_escape(s):
    return re.sub(r"([\\#*_`$<>@\[\]~/=-])", lambda m: "\\" + m.group(1), s)


def to_typ(xml_path, times):
    """The document as Typst markup, its intro and events times over."""
    root = ET.parse(xml_path).getroot()
    out = [TYP_HEAD]
    out.append("#align(center)[#text(size: 24pt, weight: \"bold\")[%s] \\ "
               "#emph[%s] \\ #text(size: 12pt)[12 ก.ย. 2023]]\n\n" %
               (typ_escape(text(root.find("title"))),
                typ_escape(text(root.find("subtitle")))))
    for _ in range(times):
        for p in root.find("intro").findall("p"):
            out.append(typ_escape(text(p)) + "\n\n")
        for ev in root.findall("event"):
            out.append("#grid(columns: (3cm, 1fr), column-gutter: 0.5cm, "
                       "[*%s*], [%s])\n\n" %
                       (typ_escape(ev.get("label") or ev.get("when")),
                        " ".join(typ_escape(text(p))
                                 for p in ev.findall("p"))))
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


def wall(cmd, cwd, env=None):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env)
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
    typ = os.environ.get("TYPST_TS")
    have_typ = typ and shutil.which("node") and os.path.isdir(os.path.join(
        typ, "node_modules", "@myriaddreamin", "typst-ts-node-compiler"))
    have_tex = shutil.which("xelatex") is not None
    if not have_tex:
        print("peers: xelatex is not installed (texlive-xetex): skipped")
    if not have_typ:
        print("peers: Typst not found (TYPST_TS, see bench/peers.py): "
              "skipped")
    if not have_tex and not have_typ:
        return
    src = os.path.join(os.path.dirname(__file__), "..", "data",
                       "russia-dprk-timeline.xml")
    print("%-14s %9s %9s %9s %7s %7s  %s" % (
        "document", "briefing", "xelatex", "typst", "tex/b", "typst/b",
        "pages b/tex/typst"))
    with tempfile.TemporaryDirectory() as tmp:
        if have_typ:
            js = os.path.join(tmp, "run.js")
            open(js, "w").write(TYP_RUN)
        for times in (1, 10):
            xml = os.path.join(tmp, "doc%d.xml" % times)
            tex = os.path.join(tmp, "doc%d.tex" % times)
            typf = os.path.join(tmp, "doc%d.typ" % times)
            to_xml(src, times, xml)
            open(tex, "w", encoding="utf-8").write(to_tex(src, times))
            open(typf, "w", encoding="utf-8").write(to_typ(src, times))
            bcmd = [bin_, xml, "-o", os.path.join(tmp, "b%d.pdf" % times)]
            xcmd = ["xelatex", "-interaction=batchmode", "-halt-on-error",
                    os.path.basename(tex)]
            tenv = dict(os.environ, NODE_PATH=os.path.join(typ or "",
                                                          "node_modules"))
            tcmd = ["node", js if have_typ else "", typf,
                    os.path.join(tmp, "t%d.pdf" % times)]
            cmds = [bcmd] + ([xcmd] if have_tex else []) + \
                ([tcmd] if have_typ else [])
            for c in cmds:              # caches warm, fonts found
                wall(c, tmp, tenv)
            t = [[] for _ in cmds]
            for _ in range(runs):
                for k, c in enumerate(cmds):
                    t[k].append(wall(c, tmp, tenv))
            med = [statistics.median(x) for x in t]
            mb = med[0]
            mx = med[1] if have_tex else None
            mt = med[-1] if have_typ else None
            fmt = lambda v: "%8.3fs" % v if v is not None else "%9s" % "-"
            rat = lambda v: "%6.1fx" % (v / mb) if v is not None else \
                "%7s" % "-"
            print("%-14s %s %s %s %s %s  %d/%s/%s" % (
                "default" if times == 1 else "default x%d" % times,
                fmt(mb), fmt(mx), fmt(mt), rat(mx), rat(mt),
                pages(os.path.join(tmp, "b%d.pdf" % times)),
                pages(os.path.join(tmp, "doc%d.pdf" % times))
                if have_tex else "-",
                pages(os.path.join(tmp, "t%d.pdf" % times))
                if have_typ else "-"), flush=True)


if __name__ == "__main__":
    main()
