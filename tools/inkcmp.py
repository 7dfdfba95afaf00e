#!/usr/bin/python3
"""inkcmp.py - compare the Thai ink of a PDF with HarfBuzz's own rendering.

For each font family, a candidate PDF holding the test words (separated by
spaces, wrapped over lines) is compared word by word with a reference made by
pango-view (HarfBuzz, unhinted, subpixel positions) from the same font file
at the same size.  Both are rasterised with pdftoppm at the same resolution.

Scoring:
  * the reference has one word per line, far apart; the candidate's words are
    found with `pdftotext -bbox-layout` (tokens are regrouped into the words,
    since poppler splits words at displaced marks; a word broken over lines
    gives one piece per line);
  * the candidate page's ink is split between the words by connected
    components: each reference word is placed on its box by cross-correlation
    and every component goes to the word whose expected ink is nearest, so a
    mark that sticks out of its box, or is misplaced, still counts against
    its own word and not the line above;
  * the candidate word (each piece separately) is aligned on the reference
    word by cross-correlation of the ink, at whole pixels;
  * for every connected ink component of either image, the fraction of its
    ink lying within TOL (0.6 pt) of the other image's ink is measured; the
    word's score is the minimum over the components.  A missing, extra or
    displaced mark, or a kept descender, gives a component with a low
    fraction.  At 200 dpi a mark moved by 1 px (0.36 pt) still scores 1.000,
    by 2 px (0.72 pt) it fails nearly always, by 3 px always.

Output: one line per font and word, "FONT WORD SCORE PASS|FAIL", a summary per
font and a last line "ink: N passed, N failed".  Exit status: 0 when every word
passes, 1 when a word fails (or a candidate could not be made), 2 on a setup
error (missing tool, bad arguments).

Run it with Debian's /usr/bin/python3 (needs python3-pil and python3-numpy).
"""

import argparse
import concurrent.futures
import html
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata

import numpy as np
from PIL import Image

FONTS = ["Laksaman", "Garuda", "Noto Sans Thai", "Waree"]
# Stacked marks, marks shifted off ascenders (ป ฝ ฟ), descenders removed
# under lower vowels (ญ ฐ), lower vowels lowered under tails (ฎ ฏ), the ฤๅ
# ligature, SARA AM after a tone mark, and the same phrase with SARA AM
# precomposed (U+0E33) and decomposed (U+0E4D U+0E32).
WORDS = ("ผู้ ที่ ซ้อน ห่าง น้ำ ปั้น ปี่ ฟ้า กิ่ง ญู ฐุ ป่ำ ฝั่ง ฟื้น ป้ำ นั้น ปู่ "
         "ฎุ ฏู ฤๅ ผู้นำเกาหลีเหนือ ญี่ปุ่น ฐาน "
         "\u0e1c\u0e39\u0e49\u0e19\u0e4d\u0e32\u0e40\u0e01\u0e32\u0e2b"
         "\u0e25\u0e35\u0e40\u0e2b\u0e19\u0e37\u0e2d")
PANGO_OPTS = ["--hint-metrics=off", "--hinting=none", "--subpixel-positions"]

INK_LO = 0.20     # a pixel with this much ink belongs to a component
INK_HI = 0.50     # scored components are made of pixels with this much ink


class SetupError(Exception):
    pass


def run(argv, **kw):
    try:
        return subprocess.run(argv, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, **kw)
    except FileNotFoundError:
        raise SetupError("cannot run %s: not found" % argv[0])


def must(argv, what):
    p = run(argv)
    if p.returncode != 0:
        raise SetupError("%s failed (exit %d): %s" % (
            what, p.returncode, p.stderr.decode(errors="replace").strip()))
    return p


# --------------------------------------------------------------------------
# Connected components (8-connectivity) through row runs and union-find.

def components(mask):
    """Label the 8-connected components of a boolean image.

    Returns (labels, comps): labels is an int32 image (0 = background, k =
    component k), comps a list indexed by label (entry 0 unused) of
    (y0, x0, y1, x1) bounding boxes, end exclusive."""
    h, w = mask.shape
    pad = np.zeros((h, w + 2), np.int8)
    pad[:, 1:-1] = mask
    d = np.diff(pad, axis=1)
    st = np.argwhere(d == 1)
    en = np.argwhere(d == -1)
    labels = np.zeros((h, w), np.int32)
    n = len(st)
    if n == 0:
        return labels, [None]
    rows = st[:, 0].tolist()
    s = st[:, 1].tolist()
    e = en[:, 1].tolist()
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    # runs of each row: [first, last) indices into the run lists
    first = {}
    for i, r in enumerate(rows):
        if r not in first:
            first[r] = [i, i + 1]
        else:
            first[r][1] = i + 1
    for r, (a0, a1) in first.items():
        nxt = first.get(r + 1)
        if nxt is None:
            continue
        b0, b1 = nxt
        i, j = a0, b0
        while i < a1 and j < b1:
            # 8-connected: [s_i, e_i) and [s_j, e_j) touch with one pixel slack
            if s[i] <= e[j] and s[j] <= e[i]:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
            if e[i] < e[j]:
                i += 1
            else:
                j += 1
    comps = [None]
    lab_of_root = {}
    for i in range(n):
        root = find(i)
        k = lab_of_root.get(root)
        r = rows[i]
        if k is None:
            k = len(comps)
            lab_of_root[root] = k
            comps.append([r, s[i], r + 1, e[i]])
        else:
            c = comps[k]
            if s[i] < c[1]:
                c[1] = s[i]
            if r + 1 > c[2]:
                c[2] = r + 1
            if e[i] > c[3]:
                c[3] = e[i]
        labels[r, s[i]:e[i]] = k
    return labels, [None] + [tuple(c) for c in comps[1:]]


def dilate(mask, r):
    """Pixels within distance r (pixel centres) of a pixel of mask."""
    ri = int(r)
    h, w = mask.shape
    pad = np.zeros((h + 2 * ri, w + 2 * ri), bool)
    pad[ri:ri + h, ri:ri + w] = mask
    out = np.zeros((h, w), bool)
    for dy in range(-ri, ri + 1):
        for dx in range(-ri, ri + 1):
            if dy * dy + dx * dx <= r * r:
                out |= pad[ri + dy:ri + dy + h, ri + dx:ri + dx + w]
    return out


# --------------------------------------------------------------------------
# PDF helpers

def raster(pdf, dpi, prefix):
    """Rasterise every page in grey; return {page number: ink array 0..1}."""
    must(["pdftoppm", "-r", str(dpi), "-gray", pdf, prefix], "pdftoppm")
    d = os.path.dirname(prefix) or "."
    base = os.path.basename(prefix)
    pages = {}
    for f in os.listdir(d):
        m = re.fullmatch(re.escape(base) + r"-0*(\d+)\.pgm", f)
        if m:
            g = np.asarray(Image.open(os.path.join(d, f)), dtype=np.float32)
            pages[int(m.group(1))] = 1.0 - g / 255.0
    return pages


_ATTR = re.compile(r'(\w+)="([^"]*)"')


def text_boxes(pdf):
    """Words of pdftotext -bbox-layout in reading order:
    list of (page, line, (x0, y0, x1, y1) in pt, text); words whose boxes
    are at the same height on a page have the same line number."""
    p = must(["pdftotext", "-bbox-layout", pdf, "-"], "pdftotext")
    out = []
    page = line = 0
    for m in re.finditer(r"<(page|line|word)\b([^>]*)>(?:([^<]*)</word>)?",
                         p.stdout.decode("utf-8", errors="replace")):
        tag = m.group(1)
        if tag == "page":
            page += 1
        elif tag == "line":
            line += 1
        else:
            a = dict(_ATTR.findall(m.group(2)))
            box = tuple(float(a[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
            out.append((page, line, box, html.unescape(m.group(3) or "")))
    # poppler sometimes puts a displaced mark on a <line> of its own: number
    # the lines again by the vertical position of the word boxes
    lines = []
    res = []
    for page, _, b, t in out:
        cy, h = (b[1] + b[3]) / 2.0, b[3] - b[1]
        for i, (pg, lcy, lh) in enumerate(lines):
            if pg == page and abs(cy - lcy) < 0.3 * min(h, lh):
                break
        else:
            i = len(lines)
            lines.append((page, cy, h))
        res.append((page, i, b, t))
    return res


def pdf_fonts(pdf):
    """Base font names (subset prefix removed) of pdffonts."""
    p = run(["pdffonts", pdf])
    names = []
    for ln in p.stdout.decode(errors="replace").splitlines()[2:]:
        if ln.strip():
            names.append(re.sub(r"^[A-Z]{6}\+", "", ln.split()[0]))
    return names


def norm(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not c.isspace())


def locate(tokens, words, em):
    """Map each word to the boxes holding it: list (one per word) of lists of
    (page, line, box).  Tokens of one word on one line are merged; a word
    broken over lines gives one box per line.  Text before or after the
    words is returned as foreign (page, box, text) tokens.
    Returns (result, foreign, note)."""
    res, foreign, note = _locate_text(tokens, words)
    if res is None:
        res2 = _locate_geom(tokens, words, em)
        if res2 is None:
            raise ValueError(note + "; geometric grouping failed too")
        note += "; located by geometry"
        res, foreign = res2, []
    elif foreign:
        note = "ignored text that is not one of the words: %r" % (
            " ".join(t[2] for t in foreign)[:60])
    merged = []
    for toks in res:
        by_line = {}
        for page, line, b, _ in toks:
            k = (page, line)
            if k in by_line:
                o = by_line[k]
                by_line[k] = (min(o[0], b[0]), min(o[1], b[1]),
                              max(o[2], b[2]), max(o[3], b[3]))
            else:
                by_line[k] = b
        merged.append([(k[0], k[1], b) for k, b in by_line.items()])
    return merged, foreign, note


def _match_from(tokens, words, start):
    """Greedy: consecutive tokens from start spell the words (the marks of a
    word may come out of pdftotext in another order).  Returns (groups, end)
    or (None, description of the first mismatch)."""
    res = []
    i = start
    for w in words:
        want = norm(w)
        got = ""
        toks = []
        while len(got) < len(want) and i < len(tokens):
            got += norm(tokens[i][3])
            toks.append(tokens[i])
            i += 1
        if sorted(got) != sorted(want):
            return None, "text mismatch at %r (pdftotext gave %r)" % (w, got)
        res.append(toks)
    return res, i


def _locate_text(tokens, words):
    first = None
    for start in range(len(tokens)):
        res, end = _match_from(tokens, words, start)
        if res is not None:
            foreign = [(t[0], t[2], t[3]) for t in tokens[:start] + tokens[end:]]
            return res, foreign, ""
        if first is None:
            first = end
    return None, [], first or "no text"


def _locate_geom(tokens, words, em):
    """Merge tokens of a line closer than 0.15 em; use if counts agree."""
    groups = []
    for t in tokens:
        if groups:
            g = groups[-1][-1]
            if (g[0], g[1]) == (t[0], t[1]) and t[2][0] - g[2][2] < 0.15 * em:
                groups[-1].append(t)
                continue
        groups.append([t])
    if len(groups) != len(words):
        return None
    return groups


def crop_owned(owned, comps, labels, ink):
    """Each key's components cut out of the page: (image, (y0, x0)), or
    None for a key that owns none."""
    out = {}
    for key, labs in owned.items():
        if not labs:
            out[key] = None
            continue
        y0 = min(comps[l][0] for l in labs)
        x0 = min(comps[l][1] for l in labs)
        y1 = max(comps[l][2] for l in labs)
        x1 = max(comps[l][3] for l in labs)
        sub = labels[y0:y1, x0:x1]
        img = np.where(np.isin(sub, labs), ink[y0:y1, x0:x1], 0.0)
        out[key] = (img.astype(np.float32), (y0, x0))
    return out


def assign(ink, boxes, dpi, em_px):
    """Split the ink of one page between word boxes.

    boxes: list of (key, (x0, y0, x1, y1) in pt).  Each connected component
    (ink >= INK_LO) goes to the box its centre lies deepest in; components
    farther than 0.5 em from every box are ignored (returned as strays).
    Returns ({key: (image, (y0, x0) offset)}, strays)."""
    k = dpi / 72.0
    labels, comps = components(ink >= INK_LO)
    pxboxes = [(key, (b[0] * k, b[1] * k, b[2] * k, b[3] * k))
               for key, b in boxes]
    owned = {key: [] for key, _ in boxes}
    strays = []
    for lab in range(1, len(comps)):
        y0, x0, y1, x1 = comps[lab]
        cy, cx = (y0 + y1) / 2.0, (x0 + x1) / 2.0
        best, depth = None, None
        for key, (bx0, by0, bx1, by1) in pxboxes:
            d = min(cx - bx0, bx1 - cx, cy - by0, by1 - cy)
            if depth is None or d > depth:
                best, depth = key, d
        if best is None or depth < -0.5 * em_px:
            strays.append((cx / k, cy / k))
            continue
        owned[best].append(lab)
    return crop_owned(owned, comps, labels, ink), strays


def distance_map(mask, cap):
    """City-block distance (pixels) of every pixel to mask, at most cap."""
    d = np.where(mask, 0, cap).astype(np.int32)
    h, w = d.shape
    for x in range(1, w):
        np.minimum(d[:, x], d[:, x - 1] + 1, out=d[:, x])
    for x in range(w - 2, -1, -1):
        np.minimum(d[:, x], d[:, x + 1] + 1, out=d[:, x])
    for y in range(1, h):
        np.minimum(d[y], d[y - 1] + 1, out=d[y])
    for y in range(h - 2, -1, -1):
        np.minimum(d[y], d[y + 1] + 1, out=d[y])
    return d


def assign_guided(ink, boxes, dpi, em_px):
    """Split the ink of a candidate page between word boxes, guided by the
    reference: each reference word is placed on its box by cross-correlation
    and every connected component (ink >= INK_LO) goes to the word whose
    placed reference ink is nearest on average.  Unlike box geometry, this
    keeps a tone mark with its own line when the lines' boxes overlap.

    boxes: list of (key, (x0, y0, x1, y1) in pt, reference image, whole):
    whole is False for a piece of a word broken over lines; a box without a
    reference image (text that is not one of the words) attracts the ink
    around the middle of its box, and that ink is dropped.
    Returns ({key: image or None}, strays)."""
    k = dpi / 72.0
    H, W = ink.shape
    labels, comps = components(ink >= INK_LO)
    cap = int(2 * em_px)
    m = int(0.6 * em_px)
    wins = []
    for key, b, ref, whole in boxes:
        x0 = max(0, int(b[0] * k) - m)
        y0 = max(0, int(b[1] * k) - m)
        x1 = min(W, int(b[2] * k) + m + 1)
        y1 = min(H, int(b[3] * k) + m + 1)
        win = ink[y0:y1, x0:x1]
        exp = np.zeros(win.shape, bool)
        if ref is None:
            h = (b[3] - b[1]) * k
            exp[int(b[1] * k + 0.3 * h) - y0:int(b[3] * k - 0.3 * h) - y0,
                int(b[0] * k) - x0:int(b[2] * k) + 1 - x0] = True
        else:
            limit = 0.5 * em_px if whole else max(ref.shape)
            dy, dx = xcorr_shift(ref, win, limit)
            ys0, xs0 = max(0, dy), max(0, dx)
            ys1 = min(win.shape[0], dy + ref.shape[0])
            xs1 = min(win.shape[1], dx + ref.shape[1])
            if ys1 > ys0 and xs1 > xs0:
                exp[ys0:ys1, xs0:xs1] = ref[ys0 - dy:ys1 - dy,
                                            xs0 - dx:xs1 - dx] >= INK_LO
        dist = distance_map(exp, cap) if exp.any() else \
            np.full(win.shape, cap, np.int32)
        wins.append((key, (y0, x0, y1, x1), dist))
    owned = {key: [] for key, _, _, _ in boxes}
    strays = []
    for lab in range(1, len(comps)):
        cy0, cx0, cy1, cx1 = comps[lab]
        best, bd = None, None
        for key, (y0, x0, y1, x1), dist in wins:
            if cy1 <= y0 or cy0 >= y1 or cx1 <= x0 or cx0 >= x1:
                continue
            sel = labels[cy0:cy1, cx0:cx1] == lab
            ys, xs = np.nonzero(sel)
            ys = ys + cy0 - y0
            xs = xs + cx0 - x0
            inside = (ys >= 0) & (ys < y1 - y0) & (xs >= 0) & (xs < x1 - x0)
            dd = np.full(len(ys), cap, np.int32)
            dd[inside] = dist[ys[inside], xs[inside]]
            md = dd.mean()
            if bd is None or md < bd:
                best, bd = key, md
        if best is None or bd > 0.6 * em_px:
            strays.append(((cx0 + cx1) / 2.0 / k, (cy0 + cy1) / 2.0 / k,
                           int(np.count_nonzero(labels[cy0:cy1, cx0:cx1]
                                                == lab))))
            continue
        owned[best].append(lab)
    return {key: None if v is None else v[0] for key, v in
            crop_owned(owned, comps, labels, ink).items()}, strays


# --------------------------------------------------------------------------
# Alignment and scoring

def xcorr_shift(a, b, limit):
    """Integer (dy, dx) maximising sum a[y, x] * b[y + dy, x + dx], i.e. the
    position of a's origin in b's frame, within |d| <= limit of the shift
    that puts the centres together."""
    h = a.shape[0] + b.shape[0]
    w = a.shape[1] + b.shape[1]
    fa = np.fft.rfft2(a, (h, w))
    fb = np.fft.rfft2(b, (h, w))
    c = np.fft.irfft2(np.conj(fa) * fb, (h, w))
    # c[dy, dx] (circular) = sum a[y, x] b[y + dy, x + dx]
    cy = (b.shape[0] - a.shape[0]) / 2.0
    cx = (b.shape[1] - a.shape[1]) / 2.0
    dys = np.arange(h)
    dys = np.where(dys > h - a.shape[0], dys - h, dys)
    dxs = np.arange(w)
    dxs = np.where(dxs > w - a.shape[1], dxs - w, dxs)
    ok = (np.abs(dys - cy)[:, None] <= limit) & (np.abs(dxs - cx)[None, :] <= limit)
    c = np.where(ok, c, -np.inf)
    iy, ix = np.unravel_index(np.argmax(c), c.shape)
    return int(dys[iy]), int(dxs[ix])


def compose(pieces, ref, limit):
    """Align every candidate piece on the reference; return the candidate
    and reference ink on one canvas."""
    placed = []
    for p in pieces:
        dy, dx = xcorr_shift(p, ref, limit)
        placed.append((p, dy, dx))
    y0 = min([0] + [dy for _, dy, _ in placed])
    x0 = min([0] + [dx for _, _, dx in placed])
    y1 = max([ref.shape[0]] + [dy + p.shape[0] for p, dy, _ in placed])
    x1 = max([ref.shape[1]] + [dx + p.shape[1] for p, _, dx in placed])
    m = 4
    H, W = y1 - y0 + 2 * m, x1 - x0 + 2 * m
    cand = np.zeros((H, W), np.float32)
    refc = np.zeros((H, W), np.float32)
    refc[m - y0:m - y0 + ref.shape[0], m - x0:m - x0 + ref.shape[1]] = ref
    for p, dy, dx in placed:
        sl = cand[m + dy - y0:m + dy - y0 + p.shape[0],
                  m + dx - x0:m + dx - x0 + p.shape[1]]
        np.maximum(sl, p, out=sl)
    return cand, refc


def coverage(a, b, r, min_px):
    """For each component of a (ink >= INK_HI, at least min_px pixels), the
    fraction of its ink within r pixels of b's ink (>= INK_LO).
    Returns a list of (fraction, (cy, cx), pixels)."""
    near = dilate(b >= INK_LO, r)
    labels, comps = components(a >= INK_HI)
    out = []
    if len(comps) == 1:
        return out
    n = len(comps)
    idx = labels.ravel()
    wgt = np.where(labels > 0, a, 0.0).ravel()
    tot = np.bincount(idx, weights=wgt, minlength=n)
    hit = np.bincount(idx, weights=wgt * near.ravel(), minlength=n)
    cnt = np.bincount(idx, minlength=n)
    for lab in range(1, n):
        if cnt[lab] < min_px:
            continue
        y0, x0, y1, x1 = comps[lab]
        out.append((hit[lab] / tot[lab], ((y0 + y1) / 2.0, (x0 + x1) / 2.0),
                    int(cnt[lab])))
    return out


def score(cand, ref, r, min_px):
    """Minimum coverage over the components of both images, and a note on
    the worst component."""
    cc = coverage(cand, ref, r, min_px)
    rc = coverage(ref, cand, r, min_px)
    if not rc:
        return 0.0, "reference has no ink"
    if not cc:
        return 0.0, "no candidate ink"
    worst = min([(f, "candidate", c, n) for f, c, n in cc] +
                [(f, "reference", c, n) for f, c, n in rc])
    return worst[0], worst


def montage(path, cand, ref, scale=2):
    """candidate | reference | difference (red: candidate only, blue:
    reference only, black: both)."""
    h, w = cand.shape
    gap = 6
    img = np.full((h, 3 * w + 2 * gap, 3), 255, np.uint8)
    img[:, :w] = (255 * (1 - cand))[..., None].astype(np.uint8)
    img[:, w + gap:2 * w + gap] = (255 * (1 - ref))[..., None].astype(np.uint8)
    d = np.full((h, w, 3), 255.0)
    d[..., 0] -= 255 * ref
    d[..., 1] -= 255 * np.maximum(cand, ref)
    d[..., 2] -= 255 * cand
    img[:, 2 * w + 2 * gap:] = np.clip(d, 0, 255).astype(np.uint8)
    img[:, w:w + gap] = 200
    img[:, 2 * w + gap:2 * w + 2 * gap] = 200
    im = Image.fromarray(img)
    im = im.resize((im.width * scale, im.height * scale), Image.NEAREST)
    im.save(path)


# --------------------------------------------------------------------------

def render_reference(family, words, size, dpi, tmp):
    txt = os.path.join(tmp, "ref.txt")
    with open(txt, "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
    pdf = os.path.join(tmp, "ref.pdf")
    # one word per line, lines well apart so that no ink is shared
    must(["pango-view", "-q", "--font=%s %g" % (family, size)] + PANGO_OPTS +
         ["--spacing=%d" % round(size), "-o", pdf, txt], "pango-view")
    return pdf


def font_check(family, pdf, what):
    """The PDF must use the font file fontconfig gives for family."""
    p = must(["fc-match", "-f", "%{file}\t%{postscriptname}", family],
             "fc-match")
    file, ps = p.stdout.decode().split("\t")
    names = pdf_fonts(pdf)
    bad = [n for n in names if n != ps]
    if ps not in names:
        return file, "%s uses %s, not %s (%s)" % (
            what, ", ".join(names) or "no font", ps, file)
    if bad:
        return file, "%s also uses %s" % (what, ", ".join(bad))
    return file, None


def do_font(family, words, args, tmp):
    """Compare one family; returns (results, messages, font file), results
    being a list of (word, score, detail).  Raises SetupError when the
    reference cannot be made."""
    d = os.path.join(tmp, re.sub(r"\W+", "_", family))
    os.makedirs(d, exist_ok=True)
    msgs = []
    k = args.dpi / 72.0
    em_px = args.size * k
    r_px = args.tol * k

    # reference
    ref_pdf = render_reference(family, words, args.size, args.dpi, d)
    fontfile, problem = font_check(family, ref_pdf, "reference")
    if problem:
        raise SetupError("%s: %s" % (family, problem))
    ref_tokens = text_boxes(ref_pdf)
    # one line per word: the lines are the words
    lines = {}
    for page, line, b, t in ref_tokens:
        lines.setdefault((page, line), []).append((page, line, b, t))
    ref_loc = [[(pg, ln, (min(t[2][0] for t in ts), min(t[2][1] for t in ts),
                          max(t[2][2] for t in ts), max(t[2][3] for t in ts)))]
               for (pg, ln), ts in sorted(lines.items())]
    if len(ref_loc) != len(words):
        raise SetupError("%s: reference has %d lines for %d words" % (
            family, len(ref_loc), len(words)))
    ref_pages = raster(ref_pdf, args.dpi, os.path.join(d, "ref"))
    ref_img = {}
    for pg in ref_pages:
        bx = [((i, 0), loc[0][2]) for i, loc in enumerate(ref_loc)
              if loc[0][0] == pg]
        got, _ = assign(ref_pages[pg], bx, args.dpi, em_px)
        for (i, _), v in got.items():
            ref_img[i] = v
    for i, w in enumerate(words):
        if ref_img.get(i) is None:
            raise SetupError("%s: no reference ink for %r" % (family, w))

    # candidate
    cand_pdf = os.path.join(d, "cand.pdf")
    subst = {"words": " ".join(words), "family": family,
             "size": "%g" % args.size, "out": cand_pdf, "fontfile": fontfile}
    argv = [a.format(**subst) for a in args.cmd]
    try:
        p = run(argv)
    except SetupError as e:
        msgs.append("%s: candidate failed: %s" % (family, e))
        return [(w, 0.0, "no candidate") for w in words], msgs, fontfile
    if p.returncode != 0 or not os.path.exists(cand_pdf):
        err = p.stderr.decode(errors="replace").strip().splitlines()
        msgs.append("%s: candidate failed (exit %d): %s" % (
            family, p.returncode, err[-1] if err else "no message"))
        return [(w, 0.0, "no candidate") for w in words], msgs, fontfile
    _, problem = font_check(family, cand_pdf, "candidate")
    if problem:
        msgs.append("%s: note: %s" % (family, problem))
    try:
        cand_loc, foreign, note = locate(text_boxes(cand_pdf), words,
                                         args.size)
    except ValueError as e:
        msgs.append("%s: cannot find the words in the candidate: %s" % (
            family, e))
        return [(w, 0.0, "not located") for w in words], msgs, fontfile
    if note:
        msgs.append("%s: note: %s" % (family, note))
    cand_pages = raster(cand_pdf, args.dpi, os.path.join(d, "cand"))
    pieces = {}
    for pg, ink in cand_pages.items():
        bx = [((i, j), b, ref_img[i][0], len(loc) == 1)
              for i, loc in enumerate(cand_loc)
              for j, (p_, _, b) in enumerate(loc) if p_ == pg]
        bx += [((-1, j), b, None, True)
               for j, (p_, b, _) in enumerate(foreign) if p_ == pg]
        got, strays = assign_guided(ink, bx, args.dpi, em_px)
        for (i, j), v in got.items():
            if v is not None and i >= 0:
                pieces.setdefault(i, []).append(v)
        for x, y, n in strays:
            if n >= args.min_px:
                msgs.append("%s: note: ink far from every word on page %d "
                            "at (%.0f, %.0f) pt" % (family, pg, x, y))

    # a wrong size fails every word; say so once
    ratios = sorted(_ink_height(pieces[i][0]) / _ink_height(ref_img[i][0])
                    for i in pieces if len(pieces[i]) == 1)
    if ratios and abs(ratios[len(ratios) // 2] - 1) > 0.03:
        msgs.append("%s: note: the candidate's ink is %.2f times the size "
                    "of the reference's (median over the words): is it set "
                    "at %g pt?" % (family, ratios[len(ratios) // 2],
                                   args.size))

    results = []
    for i, w in enumerate(words):
        ref = ref_img[i][0]
        if i not in pieces:
            results.append((w, 0.0, "no candidate ink"))
            continue
        # a piece of a word broken over lines may sit anywhere in it
        limit = 0.6 * em_px if len(pieces[i]) == 1 else max(ref.shape)
        cand, refc = compose(pieces[i], ref, limit)
        s, worst = score(cand, refc, r_px, args.min_px)
        detail = ""
        if s < args.threshold and isinstance(worst, tuple):
            f, which, (cy, cx), n = worst
            detail = "%s ink at (%+.1f, %+.1f) pt from the word's top left, " \
                     "%d px: %.0f%% near the other's ink" % (
                         which, (cx - 4) / k, (cy - 4) / k, n, 100 * f)
        elif isinstance(worst, str):
            detail = worst
        if args.montage and (s < args.threshold or args.montage_all):
            os.makedirs(args.montage, exist_ok=True)
            montage(os.path.join(args.montage, "%s-%02d.png" % (
                re.sub(r"\W+", "_", family), i)), cand, refc)
        results.append((w, s, detail))
    return results, msgs, fontfile


def _ink_height(img):
    """Height of the biggest ink component (a base letter, whatever the
    marks do)."""
    labels, comps = components(img >= INK_HI)
    if len(comps) == 1:
        return 1.0
    big = np.argmax(np.bincount(labels.ravel())[1:]) + 1
    return float(comps[big][2] - comps[big][0])


def width(s):
    return sum(1 for c in s if unicodedata.category(c) != "Mn")


def main():
    ap = argparse.ArgumentParser(
        description="Compare a PDF's Thai ink with pango-view's rendering.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="The candidate command is one shell-quoted string with the "
        "placeholders {words}, {family}, {size}, {out} and {fontfile}; "
        "default: BRIEFING --proof {words} --font {family} --size {size} "
        "-o {out}.")
    ap.add_argument("briefing", nargs="?", help="the briefing binary")
    ap.add_argument("--cmd", help="candidate command (instead of BRIEFING)")
    ap.add_argument("--fonts", default=",".join(FONTS),
                    help="comma-separated families (default: %(default)s)")
    ap.add_argument("--words", default=WORDS, help="space-separated words")
    ap.add_argument("--size", type=float, default=24.0)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--tol", type=float, default=0.6,
                    help="distance in pt counted as near (default 0.6)")
    ap.add_argument("--threshold", type=float, default=0.98,
                    help="a word passes at this score (default 0.98)")
    ap.add_argument("--min-px", type=int, default=6,
                    help="ignore ink components smaller than this (pixels)")
    ap.add_argument("--montage", metavar="DIR",
                    help="write candidate|reference|difference PNGs of "
                    "failing words to DIR")
    ap.add_argument("--montage-all", action="store_true",
                    help="with --montage: of every word")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR, keep files")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-q", "--quiet", action="store_true",
                    help="print only failing words and the summary")
    args = ap.parse_args()
    for f in (sys.stdout, sys.stderr):
        f.reconfigure(encoding="utf-8", errors="replace")
    if args.cmd:
        args.cmd = shlex.split(args.cmd)
    elif args.briefing:
        args.cmd = [args.briefing, "--proof", "{words}", "--font", "{family}",
                    "--size", "{size}", "-o", "{out}"]
    else:
        ap.error("give the briefing binary or --cmd")
    fonts = [f.strip() for f in args.fonts.split(",") if f.strip()]
    words = args.words.split()

    t0 = time.time()
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        tmp = args.keep
    else:
        tmp = tempfile.mkdtemp(prefix="inkcmp.")
    try:
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            futs = [ex.submit(do_font, f, words, args, tmp) for f in fonts]
            out = []
            for f, fut in zip(fonts, futs):
                try:
                    out.append((f, fut.result()))
                except SetupError as e:
                    print("inkcmp: error: %s" % e, file=sys.stderr)
                    print("ink: 0 passed, %d failed" % (
                        len(fonts) * len(words)))
                    return 2
                except Exception:   # a bug here must not look like a pass
                    traceback.print_exc()
                    out.append((f, ([(w, 0.0, "internal error")
                                     for w in words],
                                    ["%s: internal error, see above" % f],
                                    "?")))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    npass = nfail = 0
    fw = max(width(f) for f in fonts)
    ww = max(width(w) for w in words)
    summary = []
    for family, (results, msgs, fontfile) in out:
        for m in msgs:
            print("inkcmp: %s" % m)
        fp = ff = 0
        for w, s, detail in results:
            ok = s >= args.threshold
            if ok:
                fp += 1
            else:
                ff += 1
            if args.quiet and ok:
                continue
            # truncated, so that a failing 0.9799 does not print as 0.980
            line = "%s%s  %s%s  %.3f  %s" % (
                family, " " * (fw - width(family)), w,
                " " * (ww - width(w)), math.floor(s * 1000) / 1000,
                "PASS" if ok else "FAIL")
            if detail and not ok:
                line += "  (%s)" % detail
            print(line)
        npass += fp
        nfail += ff
        summary.append("%s (%s): %d passed, %d failed, min %.3f" % (
            family, fontfile, fp, ff,
            math.floor(min(s for _, s, _ in results) * 1000) / 1000))
    for s in summary:
        print("summary: " + s)
    print("time: %.1f s" % (time.time() - t0))
    print("ink: %d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupError as e:
        print("inkcmp: error: %s" % e, file=sys.stderr)
        sys.exit(2)
