#!/usr/bin/python3
"""pdfcheck.py - the PDF of a layout, checked with the real PDF tools.

Usage: pdfcheck.py BRIEFING
For the default document in each built-in style, with contents:
- the page count equals the layout's;
- bookmarks: one per event, nested under decades, Thai titles intact
  (a long one cut after a whole word, by libthai's breaks), each pointing
  at the page where its event starts;
- the contents page numbers equal the pages where the events start, and
  each contents line carries a link annotation to that page;
- metadata: title, subject, keywords, creator with the version, creation
  date from meta/date;
- two runs give the same bytes;
- page labels as the pages print their numbers (Thai digits in the
  official style, a label a page; none where 1, 2 ... are printed);
- every page's content stream that holds anything (libharu's own stays
  empty) and every embedded font file is deflated, and the page streams
  inflate to text operators, whose strings escape the bytes CR and LF;
- every embedded font file is a sound TrueType program: /Length1 is its
  length, its table checksums and head.checkSumAdjustment are right, all
  the tables a viewer needs are there, 'post' is version 3 (no glyph
  names) and 'name' keeps the copyright and the names, not the licence
  text;
- no word box outside its page's text area horizontally (pdftotext -bbox),
  and every word of the body inside it vertically;
- on A5, the running title and the contents lines are cut short after a
  whole word (libthai's breaks) with "…", and the head's slots stay apart;
- a watermark is large (half the page's diagonal, at most 200 pt high) and
  diagonal on every page;
- a link's /URI is the href percent-encoded: Thai in the host, path, query
  and fragment as %XX of its UTF-8 bytes, a space as %20, %XX as written;
- links are drawn in the style's colour (black in the official style) and
  stay links; the text layer of the official style has Thai digits;
- mutool (which reads no /ActualText) gives back ญี่ปุ่น whole in every
  style, and words whose mark is moved back over its base (ปุ่ม, ปู่,
  ป่า ...) in Laksaman, Garuda, Waree and Noto Sans Thai;
- tagged PDF, for the default document in each style, a classified one
  with a link and a packet: every text shown is marked content, of an
  MCID or an /Artifact; each page's MCIDs run from 0 and each has its
  element in the parent tree, and so does each link annotation, which
  says where it goes (/Contents); the
  structure (pdfinfo -struct-text) reads Document, the title block, the
  contents (each entry's page number a Reference holding its link), then
  one Sect an event, emphasis as Span and quotations as
  Quote inside paragraphs, the subtitle's /Lang en, Korean, Lao and
  Khmer words in a Thai paragraph Spans of their language; the XMP
  parses, agrees with the information dictionary and says PDF/UA part 1;
  the default document's structure is tests/pdf/example.struct (with
  PDFCHECK_UPDATE=1 in the environment, rewritten); --no-tags gives the
  same pages as images.
Prints one line per failure and "pdf: N passed, N failed".
"""
import functools
import json
import os
import re
import subprocess
import sys
import tempfile

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def sfnt_problems(data, length1):
    """What is wrong with an embedded TrueType program; [] when sound."""
    import struct

    def tsum(b):
        b = b + b"\0" * (-len(b) % 4)
        return sum(struct.unpack(">%dI" % (len(b) // 4), b)) & 0xffffffff

    bad = []
    if len(data) != length1:
        bad.append("length %d, /Length1 %d" % (len(data), length1))
    if len(data) < 12 or data[:4] not in (b"\0\1\0\0", b"true"):
        return bad + ["not a TrueType program"]
    n = struct.unpack(">H", data[4:6])[0]
    tables, whole = {}, bytearray(data)
    for i in range(n):
        tag, cs, off, ln = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        t = data[off:off + ln]
        if off + ln > len(data):
            bad.append("%s past the end" % tag)
            continue
        if tag == b"head":
            t = t[:8] + b"\0\0\0\0" + t[12:]
            whole[off + 8:off + 12] = b"\0\0\0\0"
        if tsum(t) != cs:
            bad.append("%s checksum" % tag)
        tables[tag] = data[off:off + ln]
    for tag in (b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
                b"cmap", b"name", b"post", b"OS/2"):
        if tag not in tables:
            bad.append("no %s" % tag)
    if b"head" in tables:
        adj = struct.unpack(">I", tables[b"head"][8:12])[0]
        if (0xB1B0AFBA - tsum(bytes(whole))) & 0xffffffff != adj:
            bad.append("head.checkSumAdjustment")
    post = tables.get(b"post", b"")
    if post[:4] != b"\0\3\0\0" or len(post) != 32:
        bad.append("post not version 3")
    name = tables.get(b"name", b"")
    if len(name) >= 6:
        count = struct.unpack(">H", name[2:4])[0]
        ids = {struct.unpack(">H", name[6 + 12 * i + 6:6 + 12 * i + 8])[0]
               for i in range(count)}
        if not {0, 1, 2, 4, 6} <= ids or 13 in ids:
            bad.append("name records %s" % sorted(ids))
    return bad


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def layout(bin_, style):
    out = run([bin_, "--example", "--dump-layout", "--toc", "--style", style]).stdout
    pages, marks, tocnums = [], [], []
    for line in out.splitlines():
        m = re.match(r"page (\d+) of (\d+) area x=([\d.]+) y=([\d.]+) "
                     r"w=([\d.]+) h=([\d.]+)", line)
        if m:
            pages.append(tuple(float(v) for v in m.groups()[2:]))
            continue
        m = re.match(r"mark (\S+) page (\d+)", line)
        if m:
            marks.append((m.group(1), int(m.group(2))))
            continue
        m = re.match(r'\s+toc-page\s.*"(.*)"', line)
        if m:
            tocnums.append(m.group(1))
    return pages, marks, tocnums


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def outlines_flat(items, depth=0):
    for it in items:
        yield depth, it
        yield from outlines_flat(it.get("kids", []), depth + 1)


# Thai characters that may not start a line (marks, following vowels) and
# that may not end one (leading vowels).
NO_START = set(chr(c) for c in [0x0E31] + list(range(0x0E34, 0x0E3B)) +
               list(range(0x0E47, 0x0E4F)) + [0x0E30, 0x0E32, 0x0E33, 0x0E45])
NO_END = set(chr(c) for c in range(0x0E40, 0x0E45))
# Words with a mark HarfBuzz moves back over its base by a tenth of an
# em or more, in Laksaman or another font.
MARK_WORDS = ["ญี่ปุ่น", "ปุ่ม", "ปู่", "ป่า", "ฝั่ง", "ฟื้น", "ฟ้า", "ปั้น"]
PHRASES = ["ผู้นำ", "กระสุน", "สหภาพโซเวียต", "คิม อิลซุง", "สงครามเกาหลี",
           "กองกำลัง", "สำหรับ", "อำนาจ", "ช่วยเหลือ", "ปูติน"]


def literal_strings(data):
    """The literal strings of a content stream, as a conforming reader
    reads them, and whether any holds a bare CR or LF (which a reader
    turns into LF, so a code with such a byte must escape it)."""
    out, bare, i, n = [], False, 0, len(data)
    while i < n:
        c = data[i]
        if c == 0x25:                       # % comment
            while i < n and data[i] not in b"\r\n":
                i += 1
            continue
        if data[i:i + 2] in (b"<<", b">>"):
            i += 2
            continue
        if c == 0x3C:                       # hex string: skip
            i = data.index(b">", i) + 1
            continue
        if c != 0x28:
            i += 1
            continue
        depth, s, i = 1, bytearray(), i + 1
        while i < n:
            c = data[i]
            if c == 0x5C:
                e = data[i + 1]
                s.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8,
                          0x66: 12}.get(e, e))
                i += 2
                continue
            if c in b"\r\n":
                bare = True
            if c == 0x28:
                depth += 1
            elif c == 0x29:
                depth -= 1
                if depth == 0:
                    i += 1
                    break
            s.append(c)
            i += 1
        out.append(bytes(s))
    return out, bare


def squash(s):
    return re.sub(r"\s+", "", s)


def thai_digits(s):
    """s as a style with text-digits="thai" prints it: 0-9 as Thai digits,
    but in words (between white space) with a Latin letter."""
    def word(m):
        w = m.group(0)
        if re.search(r"[A-Za-z\u00c0-\u024f]", w):
            return w
        return w.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    return re.sub(r"[^\s\u00a0]+", word, s)


def text_layer(bin_, tmp, env):
    """pdftotext gives back every paragraph; phrases are found at every
    occurrence; no line starts with a mark or ends with a leading vowel."""
    src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "..", "..", "shared", "source-text",
                            "russia-dprk-timeline.th.txt"),
               encoding="utf-8").read() if os.path.exists(os.path.join(
                   os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "shared", "source-text")) else None
    doc = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                            "data", "russia-dprk-timeline.xml"),
               encoding="utf-8").read()
    paras = re.findall(r"<p>(.*?)</p>", doc, re.S)
    if src is not None:     # the document holds the source's paragraphs
        for p in paras:
            check(p in src, "paragraph not in the source: %s" % p[:30])
    for style in ("briefing", "official", "letter"):
        pdf = os.path.join(tmp, "tl-%s.pdf" % style)
        run([bin_, "--example", "-q", "--style", style, "-o", pdf], env=env)
        r = run(["pdftotext", pdf, "-"])
        check(r.stderr == "", "%s: pdftotext warned: %s" % (style,
                                                            r.stderr[:200]))
        got = squash(r.stdout)
        for p in paras:
            if style == "official":     # text-digits="thai"
                p = thai_digits(p)
            want = squash(p.replace("\u0e4d\u0e32", "\u0e33"))
            check(want in got, "%s: paragraph not extracted: %s" %
                  (style, p[:40]))
        check("\u0e4d\u0e32" not in r.stdout,
              "%s: decomposed SARA AM in the text layer" % style)
        body = "".join(squash(p.replace("\u0e4d\u0e32", "\u0e33"))
                       for p in paras)
        for ph in PHRASES:
            n = body.count(squash(ph))
            check(n > 0 and got.count(squash(ph)) == n,
                  "%s: %r found %d times, the text has it %d times" %
                  (style, ph, got.count(squash(ph)), n))
        for line in r.stdout.splitlines():
            line = line.strip()
            if not line:
                continue
            check(line[0] not in NO_START and line[-1] not in NO_END,
                  "%s: line breaks inside a cluster: %r" % (style, line))
        # mutool takes the text from the codes alone (no /ActualText):
        # SARA AM comes out whole, and every phrase with it is found
        m = run(["mutool", "draw", "-F", "txt", "-o", "-", pdf])
        mgot = squash(m.stdout)
        check(m.returncode == 0 and "\u0e4d\u0e32" not in m.stdout and
              "\ufffd" not in m.stdout,
              "%s: mutool: decomposed SARA AM or U+FFFD" % style)
        # a line broken at a space keeps it at its end: the last word
        # of such a line, a space and the next line's first word are in
        # the text, so that a name broken across lines is found
        spaced = " ".join(" ".join(p.replace("\u0e4d\u0e32",
                                             "\u0e33").split())
                          for p in paras)
        lines = [ln for ln in m.stdout.split("\n") if ln.strip()]
        ends = [(a.rstrip().rsplit(" ", 1)[-1].translate(THAI_DIGITS),
                 b.split(" ", 1)[0].translate(THAI_DIGITS))
                for a, b in zip(lines, lines[1:]) if a.endswith(" ")]
        check(len(ends) >= 2 and all(a + " " + b in spaced
                                     for a, b in ends),
              "%s: mutool: %d lines end in a space, junctions %s" %
              (style, len(ends), [a + " " + b for a, b in ends
                                  if a + " " + b not in spaced][:3]))
        for ph in [ph for ph in PHRASES if "\u0e33" in ph]:
            n = body.count(squash(ph))
            check(n > 0 and mgot.count(squash(ph)) == n,
                  "%s: mutool finds %r %d times, the text has it %d times" %
                  (style, ph, mgot.count(squash(ph)), n))
        # a mark HarfBuzz moved back over its base (the low tone mark
        # of ปุ่) is drawn with a twin of its glyph whose advance brings
        # mutool's pen back: no space after it, which squash would hide
        n = spaced.count("ญี่ปุ่น")
        check(n > 0 and m.stdout.count("ญี่ปุ่น") == n,
              "%s: mutool finds ญี่ปุ่น %d times, the text has it %d times" %
              (style, m.stdout.count("ญี่ปุ่น"), n))
    # the same for such marks in every kind of font: TLWG's (Laksaman,
    # Garuda, Waree: 2048 units an em) and Noto's
    for font in ("Laksaman", "Garuda", "Waree", "Noto Sans Thai"):
        pdf = os.path.join(tmp, "marks.pdf")
        run([bin_, "-q", "--proof", " ".join(MARK_WORDS), "--font", font,
             "--size", "24", "-o", pdf], env=env)
        got = run(["mutool", "draw", "-F", "txt", "-o", "-", pdf]).stdout
        missing = [w for w in MARK_WORDS if w not in got.split()]
        check(not missing, "%s: mutool splits or loses %s: %r" %
              (font, missing, got[:200]))


# Names, places and compounds of the border document, each to be found
# by a search of the text layer (lines joined), as often by mutool (the
# codes alone) as by pdftotext (/ActualText too), in every style.
BORDER_PHRASES = ["ปราสาทพระวิหาร", "ราชอาณาจักรกัมพูชา", "นายกรัฐมนตรี",
                  "ชายแดน", "จังหวัดอุบลราชธานี", "อำเภอน้ำยืน",
                  "ศาลยุติธรรมระหว่างประเทศ", "ค.ศ. 1904", "ทุ่นระเบิด",
                  "เส้นเขตแดน", "ช่องบก", "ปราสาทตาควาย", "กองทัพภาคที่ 2",
                  "ความตึงเครียด", "ยูเนสโก"]


def border_search(bin_, tmp, env):
    """The border document's 15 phrases in both extractors, every style."""
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regress",
                       "layout", "border.xml")
    for style in ("briefing", "official", "letter"):
        pdf = os.path.join(tmp, "border-%s.pdf" % style)
        r = run([bin_, "-q", "--style", style, doc, "-o", pdf], env=env)
        check(r.returncode == 0, "border, %s: exit %d" % (style,
                                                          r.returncode))
        if r.returncode != 0:
            continue
        got = squash(run(["pdftotext", pdf, "-"]).stdout)
        mgot = squash(run(["mutool", "draw", "-F", "txt", "-o", "-",
                           pdf]).stdout)
        for ph in BORDER_PHRASES:
            want = squash(thai_digits(ph) if style == "official" else ph)
            n = got.count(want)
            check(n > 0 and mgot.count(want) == n,
                  "border, %s: %r: pdftotext %d, mutool %d" %
                  (style, ph, n, mgot.count(want)))


def uri_links_and_dates(bin_, tmp, env):
    """<a href> and sources become URI link annotations; without meta/date
    the creation date is SOURCE_DATE_EPOCH's."""
    here = os.path.dirname(os.path.abspath(__file__))
    pdf = os.path.join(tmp, "classified.pdf")
    run([bin_, "-q", os.path.join(here, "regress", "layout",
                                  "classified.xml"), "-o", pdf], env=env)
    js = json.loads(run(["qpdf", "--json=2", pdf]).stdout)
    objs = js["qpdf"][1]
    uris = []
    for v in objs.values():
        val = v.get("value")
        if isinstance(val, dict) and val.get("/Subtype") == "/Link":
            act = val.get("/A")
            if isinstance(act, str):
                act = objs["obj:" + act]["value"]
            if isinstance(act, dict) and "/URI" in act:
                uris.append(act["/URI"])
    for u in ("https://example.org/summit", "https://example.org/treaty"):
        check(any(u in x for x in uris), "URI link %s missing: %s" %
              (u, uris))
    pdf = os.path.join(tmp, "nodate.pdf")
    run([bin_, "-q", os.path.join(here, "regress", "text", "fallback.xml"),
         "-o", pdf], env=env)
    info = run(["pdfinfo", pdf]).stdout
    check(re.search(r"^CreationDate:\s+Tue Nov 14 22:13:20 2023", info,
                    re.M) is not None,
          "creation date from SOURCE_DATE_EPOCH: %s" % info)


LINKS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<timeline version="1">
  <title>ลิงก์</title>
  <event when="2023-09-12">
    <p><a href="https://th.wikipedia.org/wiki/ประเทศไทย">ประเทศไทย</a>
      <a href="mailto:ข่าว@example.org?subject=สรุป ข่าว">อีเมล</a>
      <a href="https://example.org/a%20b?q=%E0%B8%81&amp;r={x}#ท">เดิม</a>
      <a href="http://[::1]:8080/ไทย">ไอพีหก</a></p>
    <source href=" https://ไทย.example/ที่มา ">ที่มา</source>
  </event>
</timeline>
"""


def pct(s):
    return "".join("%%%02X" % b for b in s.encode())


def uri_encoding(bin_, tmp, env):
    """The /URI of each link annotation, in the PDF's own bytes: the href
    percent-encoded, nothing else changed."""
    src = os.path.join(tmp, "links.xml")
    pdf = os.path.join(tmp, "links.pdf")
    with open(src, "w", encoding="utf-8") as f:
        f.write(LINKS_XML)
    r = run([bin_, "-q", src, "-o", pdf], env=env)
    check(r.returncode == 0 and r.stderr == "", "links.xml: exit %d %s" %
          (r.returncode, r.stderr))
    if r.returncode != 0:
        return
    # link annotations are plain objects, outside object streams
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf,
                          "-"], capture_output=True).stdout
    uris = set()
    for m in re.finditer(rb"/URI\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)",
                         qdf):
        v = m.group(1)
        if v[:1] == b"<":
            v = bytes.fromhex(v[1:-1].decode())
        else:
            v = re.sub(rb"\\([0-7]{1,3}|.)", lambda e: bytes(
                [int(e.group(1), 8)]) if e.group(1)[:1].isdigit() else
                {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b",
                 b"f": b"\f"}.get(e.group(1), e.group(1)), v[1:-1], flags=re.S)
        uris.add(v)
    want = {
        ("https://th.wikipedia.org/wiki/" + pct("ประเทศไทย")).encode(),
        ("mailto:" + pct("ข่าว") + "@example.org?subject=" + pct("สรุป") +
         "%20" + pct("ข่าว")).encode(),
        ("https://example.org/a%20b?q=%E0%B8%81&r=%7Bx%7D#" +
         pct("ท")).encode(),
        ("http://[::1]:8080/" + pct("ไทย")).encode(),
        ("https://" + pct("ไทย") + ".example/" + pct("ที่มา")).encode(),
    }
    check(uris == want, "link URIs: %s, expected %s" %
          (sorted(uris), sorted(want)))


def fallback(bin_, tmp, env):
    """Latin, digits, quotes, Hangul, symbols and an uncovered character."""
    xml = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regress",
                       "text", "fallback.xml")
    pdf = os.path.join(tmp, "fallback.pdf")
    r = run([bin_, "-q", xml, "-o", pdf], env=env)
    check(r.returncode == 0, "fallback: exit %d" % r.returncode)
    check(r.stderr.endswith("fallback.xml:6:31: warning: no font covers "
                            "character: U+E000\n"),
          "fallback: warning %r" % r.stderr)
    fonts = run(["pdffonts", pdf]).stdout
    for f in ("Laksaman", "NanumGothic", "DejaVuSans"):
        check(re.search(r"\+%s\S*\s.*yes yes yes" % f, fonts) is not None,
              "fallback: %s not embedded as a subset with ToUnicode" % f)
    text = run(["pdftotext", pdf, "-"]).stdout
    for w in ("김정은", "문재인", "Panmunjom", "09:30", "“การประชุมสุดยอด”",
              "✓", "→"):
        check(w in text, "fallback: %r not in the text layer" % w)
    r = run([bin_, "-q", "--strict", xml, "-o", pdf + "2"], env=env)
    check(r.returncode == 1 and not os.path.exists(pdf + "2"),
          "fallback --strict: exit %d" % r.returncode)


@functools.lru_cache(maxsize=None)     # a dictionary load a call
def thai_breaks(text):
    """Where libthai (the real library, by ctypes) breaks text: a set of
    character offsets.  Characters TIS-620 lacks end a Thai run."""
    import ctypes
    lib = ctypes.CDLL("libthai.so.0")
    lib.th_brk_new.restype = ctypes.c_void_p
    lib.th_brk_new.argtypes = [ctypes.c_char_p]
    lib.th_brk_find_breaks.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                       ctypes.POINTER(ctypes.c_int),
                                       ctypes.c_size_t]
    lib.th_brk_delete.argtypes = [ctypes.c_void_p]
    brk = lib.th_brk_new(None)
    out, start = set(), 0
    runs = re.split(r"([^\u0e00-\u0e7f]+)", text)
    for r in runs:
        if r and "\u0e00" <= r[0] <= "\u0e7f":
            b = r.encode("tis_620")
            pos = (ctypes.c_int * (len(b) + 1))()
            n = lib.th_brk_find_breaks(brk, b, pos, len(b) + 1)
            out.update(start + pos[i] for i in range(n))
        start += len(r)
    lib.th_brk_delete(brk)
    return out


def doc_texts():
    """The default document's title, and its events' titles and paragraphs
    as printed (markup dropped, SARA AM composed)."""
    here = os.path.dirname(os.path.abspath(__file__))
    doc = open(os.path.join(here, "..", "data", "russia-dprk-timeline.xml"),
               encoding="utf-8").read().replace("\u0e4d\u0e32", "\u0e33")
    title = re.search(r"<title>(.*?)</title>", doc, re.S).group(1)
    return [title] + [re.sub(r"<[^>]*>", "", t) for t in
                      re.findall(r"<event [^>]*>\s*(?:<title>(.*?)</title>|"
                                 r"<p>(.*?)</p>)", doc, re.S)
                      for t in t if t]


def cut_at_word(what, body, texts):
    """body (a line or title without its "…") is the start of one of texts,
    cut after a whole word: before a space or punctuation, after one, or
    where libthai breaks."""
    src = [t for t in texts if t.startswith(body)]
    check(src, "%s: %r is not the start of a title or paragraph" %
          (what, body))
    if not src:
        return
    t, k = src[0], len(body)
    ok = (k < len(t) and (t[k] in " :,.“”\"()" or t[k - 1] in " :,.")
          ) or k in thai_breaks(t)
    check(ok, "%s: cut inside a word: %r | %r" % (what, t[:k][-12:],
                                                 t[k:k + 12]))


def shortened(bin_, tmp, env):
    """On A5 the running head's title and the contents lines are cut short:
    after a whole word (libthai's breaks, or a space or punctuation), with
    "…"; the head's slots stay apart and inside the text area, in the
    layout and in the PDF's word boxes."""
    here = os.path.dirname(os.path.abspath(__file__))
    style = open(os.path.join(here, "..", "styles", "briefing.xml"),
                 encoding="utf-8").read()
    style = style.replace('name="briefing"', 'name="a5"').replace(
        'size="A4"', 'size="A5"').replace('role="header" size="9pt"',
                                          'role="header" size="11pt"')
    sty = os.path.join(tmp, "a5.xml")
    open(sty, "w", encoding="utf-8").write(style)
    texts = doc_texts()
    title = texts[0]
    out = run([bin_, "--example", "--dump-layout", "--toc", "--style", sty], env=env)
    check(out.returncode == 0, "a5: exit %d %s" % (out.returncode,
                                                   out.stderr))
    area, heads, cuts = None, {}, []
    for line in out.stdout.splitlines():
        m = re.match(r"page (\d+) of \d+ area x=([\d.]+) y=[\d.]+ "
                     r"w=([\d.]+)", line)
        if m:
            area = (int(m.group(1)), float(m.group(2)), float(m.group(3)))
            continue
        m = re.match(r'\s+(running|toc)\s+x=([\d.]+) y=([\d.]+) '
                     r'w=([\d.]+) "(.*)"$', line)
        if not m:
            continue
        x, y, w = (float(v) for v in m.groups()[1:4])
        text = m.group(5)
        if m.group(1) == "running":
            heads.setdefault((area[0], y), []).append((x, x + w, text))
            check(x >= area[1] - 0.01 and x + w <= area[1] + area[2] + 0.01,
                  "a5: page %d: %r outside the text area" % (area[0], text))
        if text.endswith("\u2026"):
            cuts.append(text[:-1])
    for (pno, y), slots in heads.items():
        slots.sort()
        for a, b in zip(slots, slots[1:]):
            check(a[1] + 9 <= b[0], "a5: page %d: %r runs into %r" %
                  (pno, a[2], b[2]))
    check(any(t.startswith(title[:20]) for t in cuts),
          "a5: the running title is not shortened: %s" % cuts[:3])
    check(len(cuts) >= 5, "a5: %d lines cut short, expected the contents "
          "lines and the running title" % len(cuts))
    for c in cuts:      # the contents lines start with the date
        cut_at_word("a5", c.split("  ", 1)[-1] if "  " in c else c, texts)
    # the PDF: the head's words do not overlap
    pdf = os.path.join(tmp, "a5.pdf")
    run([bin_, "--example", "-q", "--toc", "--style", sty, "-o", pdf], env=env)
    html = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    for page in html.split("<page ")[1:]:
        words = [tuple(float(v) for v in m.groups()) for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">', page)]
        if not words:
            continue
        y0 = min(w[1] for w in words)       # the page's top line
        top = sorted(w for w in words if abs(w[1] - y0) < 1)
        for a, b in zip(top, top[1:]):
            check(a[2] <= b[0] + 0.01, "a5: running head words overlap: "
                  "%s %s" % (a, b))


def link_colours(bin_, tmp, env):
    """Links are drawn in the style's colour and stay links: dark blue in
    the briefing style, black in the official style, whose classification
    is red."""
    xml = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regress",
                       "layout", "classified.xml")
    blue, red = b"0.122 0.306 0.604 rg", b"0.753 0 0 rg"
    for style, want in (("briefing", True), ("official", False)):
        pdf = os.path.join(tmp, "links-%s.pdf" % style)
        r = run([bin_, "-q", "--style", style, xml, "-o", pdf], env=env)
        check(r.returncode == 0, "links %s: exit %d" % (style, r.returncode))
        qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                              pdf, "-"], capture_output=True).stdout
        check((blue in qdf) == want and red in qdf and
              qdf.count(b"/URI (https://example.org/") == 2,
              "links %s: blue %s, red %s, %d links" % (
                  style, blue in qdf, red in qdf,
                  qdf.count(b"/URI (https://example.org/")))


def watermark(bin_, tmp, env):
    """A watermark is set at 45 degrees on every page, as wide as half the
    page's diagonal but at most 200 pt high: a short word at 200 pt, a
    long phrase smaller."""
    here = os.path.dirname(os.path.abspath(__file__))
    base = open(os.path.join(here, "..", "styles", "briefing.xml"),
                encoding="utf-8").read()
    sizes = {}
    for name, words in (("short", "ร่าง"),
                        ("long", "ร่างเพื่อการพิจารณาภายในหน่วยงานเท่านั้น")):
        sty = os.path.join(tmp, "wm-%s.xml" % name)
        open(sty, "w", encoding="utf-8").write(base.replace(
            "<rules ", '<watermark text="%s"/>\n  <rules ' % words))
        pdf = os.path.join(tmp, "wm-%s.pdf" % name)
        r = run([bin_, "--example", "-q", "--style", sty, "-o", pdf], env=env)
        check(r.returncode == 0, "watermark %s: exit %d %s" %
              (name, r.returncode, r.stderr))
        qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                              pdf, "-"], capture_output=True).stdout
        rot = re.findall(rb"0\.7071 0\.7071 -0\.7071 0\.7071 ([\d.]+) "
                         rb"([\d.]+) Tm", qdf)
        npages = len(re.findall(rb"/Type /Page\b", qdf))
        check(npages == 2 and len(rot) >= npages, "watermark %s: %d "
              "rotated runs on %d pages" % (name, len(rot), npages))
        check(all(0 < float(x) < 595 and 0 < float(y) < 842
                  for x, y in rot), "watermark %s: off the page: %s" %
              (name, rot))
        big = [float(v) for v in re.findall(rb"/F\d+ ([\d.]+) Tf", qdf)
               if float(v) > 20]   # the heading is 18 pt
        sizes[name] = max(big) if big else 0
    check(sizes["short"] == 200, "watermark: a short word at %g pt, "
          "expected 200" % sizes["short"])
    check(20 < sizes["long"] < 100, "watermark: a long phrase at %g pt" %
          sizes["long"])


def content_tokens(data):
    """The operators of a content stream with the names before them."""
    for m in re.finditer(rb"\((?:\\.|[^\\)])*\)|<<|>>|/[^\s/<>\[\]()]+|"
                         rb"[A-Za-z'\"]+|[-+]?[0-9.]+|\S", data):
        yield m.group(0)


def unmarked_text(data):
    """Text shown outside marked content (an MCID's or an artifact's),
    and the MCIDs found, in order."""
    depth, marked, bad, mcids, names = 0, [], 0, [], []
    for t in content_tokens(data):
        if t.startswith(b"/"):
            names.append(t)
            if len(names) > 4:
                names.pop(0)
            continue
        if t in (b"BDC", b"BMC"):
            mc = b"/MCID" in names or b"/Artifact" in names
            marked.append(mc)
        elif t == b"EMC":
            if marked:
                marked.pop()
        elif t in (b"TJ", b"Tj") and not any(marked):
            bad += 1
        if t.isdigit() and names and names[-1] == b"/MCID":
            mcids.append(int(t))
        if not t.startswith(b"/"):
            if t not in (b"<<", b">>") and not t.isdigit() and \
               not t.startswith(b"("):
                names = []
    return bad, mcids


def tagged_file(pdf, what, events):
    info = run(["pdfinfo", pdf]).stdout
    check("Tagged:          yes" in info, "%s: not tagged" % what)
    js = json.loads(run(["qpdf", "--json=2", pdf]).stdout)
    objs = js["qpdf"][1]
    val = lambda r: objs["obj:" + r]["value"] if isinstance(r, str) else r
    cat = val(js["qpdf"][1]["trailer"]["value"]["/Root"])
    check(cat.get("/MarkInfo", {}).get("/Marked") is True,
          "%s: /MarkInfo" % what)
    root = val(cat["/StructTreeRoot"])
    nums = val(root["/ParentTree"])["/Nums"]
    tree = {nums[k]: nums[k + 1] for k in range(0, len(nums), 2)}
    bad = []
    for n, pg in enumerate(js["pages"]):
        page = objs["obj:" + pg["object"]]["value"]
        crefs = page["/Contents"]
        crefs = [crefs] if isinstance(crefs, str) else crefs
        data = b"".join(subprocess.run(
            ["qpdf", "--show-object=" + c.split()[0],
             "--filtered-stream-data", pdf], capture_output=True).stdout
            for c in crefs)
        unmarked, mcids = unmarked_text(data)
        if unmarked:
            bad.append("page %d: %d texts not marked" % (n + 1, unmarked))
        if page.get("/Tabs") != "/S":
            bad.append("page %d: no /Tabs /S" % (n + 1))
        if mcids != list(range(len(mcids))):
            bad.append("page %d: MCIDs %s" % (n + 1, mcids[:10]))
        if mcids:
            arr = tree.get(page.get("/StructParents"))
            arr = val(arr) if arr is not None else None
            if arr is None or len(arr) != len(mcids) or "null" in arr:
                bad.append("page %d: parent tree %s for %d MCIDs" %
                           (n + 1, arr if arr is None else len(arr),
                            len(mcids)))
        for a in page.get("/Annots", []):
            ann = val(a)
            if ann.get("/StructParent") not in tree:
                bad.append("page %d: link without its element" % (n + 1))
            if not ann.get("/Contents"):
                bad.append("page %d: link without /Contents" % (n + 1))
    check(not bad, "%s: %s" % (what, bad[:4]))
    st = run(["pdfinfo", "-struct-text", pdf]).stdout
    sects = re.findall(r"^  Sect\n    (\w+)", st, re.M)
    check(len(sects) == events and set(sects) <= {"Lbl"},
          "%s: %d sections for %d events, first %s" % (what, len(sects),
                                                      events, set(sects)))
    meta = run(["pdfinfo", "-meta", pdf]).stdout
    try:
        import xml.etree.ElementTree as ET
        x = ET.fromstring(meta[meta.index("<x:xmpmeta"):
                               meta.index("</x:xmpmeta>") + 12])
        ns = {"dc": "http://purl.org/dc/elements/1.1/",
              "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
              "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}
        title = x.find(".//dc:title/rdf:Alt/rdf:li", ns).text
        part = x.find(".//pdfuaid:part", ns).text
        itit = re.search(r"^Title:\s+(.*)$", info, re.M).group(1)
        check(title == itit and part == "1",
              "%s: XMP title %r, information %r, PDF/UA part %r" %
              (what, title, itit, part))
        ns["xmp"] = "http://ns.adobe.com/xap/1.0/"
        import time as _t
        for key, ikey in (("CreateDate", "CreationDate"),
                          ("ModifyDate", "ModDate")):
            xv = x.find(".//xmp:" + key, ns)
            iv = re.search(r"^%s:\s+(.*) UTC$" % ikey, info, re.M)
            check(xv is not None and iv is not None and
                  _t.strftime("%Y-%m-%dT%H:%M:%S+00:00", _t.strptime(
                      iv.group(1), "%a %b %d %H:%M:%S %Y")) == xv.text,
                  "%s: XMP %s %s, information %s" % (
                      what, key, xv.text if xv is not None else None,
                      iv.group(1) if iv else None))
    except (ValueError, AttributeError, ET.ParseError) as e:
        check(False, "%s: XMP: %s" % (what, e))
    return st


def tagged(bin_, tmp, env):
    """Tagged PDF: marked content, the parent tree, the structure."""
    n = len(run([bin_, "--example", "--dump"]).stdout.splitlines())
    for style in ("briefing", "official", "letter"):
        pdf = os.path.join(tmp, "tag-%s.pdf" % style)
        run([bin_, "--example", "-q", "--toc", "--style", style, "-o", pdf],
            env=env)
        st = tagged_file(pdf, "tagged " + style, n)
        check(re.search(r"^  TOC\n    TOCI\n", st, re.M) is not None and
              re.search(r"^      Reference \(inline\)\n\s+\"[0-9๐-๙]+\"\n"
                        r"\s+Object ", st, re.M) is not None,
              "tagged %s: no contents, or its page numbers not references "
              "with their links" % style)
        if style != "briefing":
            continue
        golden = os.path.join(os.path.dirname(__file__), "pdf",
                              "example.struct")
        if os.environ.get("PDFCHECK_UPDATE"):
            open(golden, "w").write(st)
        check(st == open(golden).read(), "tagged: the structure differs "
              "from %s" % golden)
        raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable",
                              pdf, "-"], capture_output=True).stdout
        check(b"/Lang (en)" in raw, "tagged: the English subtitle has no "
              "/Lang (en)")
        plain = os.path.join(tmp, "untagged.pdf")
        run([bin_, "--example", "-q", "--toc", "--no-tags", "-o", plain],
            env=env)
        check("Tagged:          no" in run(["pdfinfo", plain]).stdout,
              "--no-tags: tagged")
        run(["pdftoppm", "-r", "40", "-png", pdf, os.path.join(tmp, "t")])
        run(["pdftoppm", "-r", "40", "-png", plain, os.path.join(tmp, "u")])
        imgs = sorted(f for f in os.listdir(tmp) if re.match(r"t-\d+\.png",
                                                              f))
        check(imgs and all(open(os.path.join(tmp, f), "rb").read() ==
                           open(os.path.join(tmp, "u" + f[1:]), "rb").read()
                           for f in imgs),
              "tagged and untagged pages differ as images")
    # emphasis and quotations inside a paragraph: Span, Quote
    doc = os.path.join(tmp, "inline.xml")
    open(doc, "w").write('<timeline version="1"><title>t</title><event '
                         'when="2000"><p>ก่อน <em>เน้น</em> กลาง <q>คำพูด'
                         '</q> และ <strong>หนา</strong> หลัง</p></event>'
                         '</timeline>\n')
    pdf = os.path.join(tmp, "tag-inline.pdf")
    run([bin_, doc, "-q", "-o", pdf], env=env)
    st = tagged_file(pdf, "tagged inline", 1)
    check(re.search(r"P \(block\)\n.*\n\s+Span \(inline\)\n.*เน้น", st) and
          re.search(r"Quote \(inline\)\n.*คำพูด", st) and
          st.count("Span (inline)") == 2,
          "tagged: emphasis and quotation not Span and Quote: %s" % st)
    # words of another script in a Thai paragraph: a Span in its
    # language, for a screen reader's voice
    doc = os.path.join(os.path.dirname(__file__), "regress", "layout",
                       "scripts.xml")
    pdf = os.path.join(tmp, "tag-scripts.pdf")
    run([bin_, doc, "-q", "-o", pdf], env=env)
    raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf,
                          "-"], capture_output=True).stdout
    check(all(b"/Lang (%s)" % l in raw for l in (b"ko", b"lo", b"km")),
          "tagged: Korean, Lao and Khmer words have no /Lang")
    # PDF/A-2u and PDF/UA in one file
    pdf = os.path.join(tmp, "tag-a2u.pdf")
    run([bin_, "--example", "-q", "--pdf-standard", "a-2u", "-o", pdf],
        env=env)
    meta = run(["pdfinfo", "-meta", pdf]).stdout
    check(all(x in meta for x in ("<pdfaid:part>2</pdfaid:part>",
                                  "<pdfaid:conformance>U</pdfaid:conformance>",
                                  "<pdfuaid:part>1</pdfuaid:part>",
                                  "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>")),
          "PDF/A-2u: the XMP does not name both standards")
    tagged_file(pdf, "tagged PDF/A-2u", n)
    # a classified document with links and sources; a packet
    doc = os.path.join(os.path.dirname(__file__), "regress", "layout",
                       "classified.xml")
    pdf = os.path.join(tmp, "tag-classified.pdf")
    run([bin_, doc, "-q", "-o", pdf], env=env)
    tagged_file(pdf, "tagged classified", len(run(
        [bin_, "--dump", doc]).stdout.splitlines()))
    meta = run(["pdfinfo", "-meta", pdf]).stdout
    check("<briefing:classification>" in meta, "the XMP has no "
          "classification")
    m = os.path.join(os.path.dirname(__file__), "regress", "merge")
    pdf = os.path.join(tmp, "tag-merge.pdf")
    run([bin_, "--merge", "-q", os.path.join(m, "notes.xml"),
         os.path.join(m, "world.atom"), "-o", pdf], env=env)
    st = tagged_file(pdf, "tagged merge", len(run(
        [bin_, "--merge", "--dump", os.path.join(m, "notes.xml"),
         os.path.join(m, "world.atom")]).stdout.splitlines()))
    check(st.count("Link (inline)") >= 4 and "Object " in st,
          "tagged merge: links not in the structure")
    pk = os.path.join(tmp, "pk")
    os.makedirs(pk, exist_ok=True)
    for f in ("notes.xml", "cal.xml", "world.atom"):
        open(os.path.join(pk, f), "wb").write(
            open(os.path.join(m, f), "rb").read())
    open(os.path.join(pk, "packet.xml"), "w").write(
        '<packet version="1"><title>ชุดเอกสาร</title>'
        '<part href="notes.xml"/><part href="world.atom"/></packet>\n')
    pdf = os.path.join(tmp, "tag-packet.pdf")
    run([bin_, "-q", os.path.join(pk, "packet.xml"), "-o", pdf], env=env)
    st = tagged_file(pdf, "tagged packet", len(run(
        [bin_, "--dump", os.path.join(pk, "packet.xml")]).stdout.splitlines()))
    check(st.count("\n  H1 ") == 3 and "TOC\n" in st,
          "tagged packet: %d titles" % st.count("\n  H1 "))
    # in Thai digits, its page labels are the numbers its pages print,
    # on through the packet
    pdf = os.path.join(tmp, "packet-official.pdf")
    run([bin_, "-q", "--style", "official", os.path.join(pk, "packet.xml"),
         "-o", pdf], env=env)
    npk = int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout,
                        re.M).group(1))
    lab = [(l["index"], l["label"].get("/P")) for l in json.loads(run(
        ["qpdf", "--json=2", "--json-key=pagelabels", pdf]).stdout)[
            "pagelabels"]]
    check(lab == [(i, "u:" + str(i + 1).translate(str.maketrans(
        "0123456789", "๐๑๒๓๔๕๖๗๘๙"))) for i in range(npk)],
          "packet, official style: page labels %s" % lab[:4])


def main():
    bin_ = os.path.abspath(sys.argv[1])
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        for style in ("briefing", "official", "letter"):
            pdf = os.path.join(tmp, style + ".pdf")
            pdf2 = os.path.join(tmp, style + "2.pdf")
            r = run([bin_, "--example", "-q", "--toc", "--style", style, "-o", pdf],
                    env=env)
            check(r.returncode == 0, "%s: exit %d %s" % (style, r.returncode,
                                                          r.stderr))
            if r.returncode != 0:
                continue
            run([bin_, "--example", "-q", "--toc", "--style", style, "-o", pdf2], env=env)
            check(open(pdf, "rb").read() == open(pdf2, "rb").read(),
                  "%s: two runs differ" % style)
            pages, marks, tocnums = layout(bin_, style)
            info = run(["pdfinfo", pdf]).stdout
            npages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            check(npages == len(pages), "%s: %d pages, layout %d" %
                  (style, npages, len(pages)))
            check("Title:           ความสัมพันธ์ที่ซับซ้อนระหว่างรัสเซียและเกาหลีเหนือ: ไทม์ไลน์"
                  in info, "%s: title metadata" % style)
            check(re.search(r"^Creator:\s+briefing \d+\.\d+\.\d+$", info,
                            re.M) is not None, "%s: creator" % style)
            check("Subject:         North Korea Russia Timeline" in info,
                  "%s: subject" % style)
            check("Keywords:        รัสเซีย เกาหลีเหนือ ไทม์ไลน์" in info,
                  "%s: keywords" % style)
            check(re.search(r"^CreationDate:\s+Tue Sep 12 00:00:00 2023",
                            info, re.M) is not None,
                  "%s: creation date from meta/date" % style)
            # contents numbers are the pages where the events start
            check([int(n.translate(THAI_DIGITS)) for n in tocnums] ==
                  [p for _, p in marks],
                  "%s: contents %s, events start on %s" % (style, tocnums,
                                                           marks))
            js = json.loads(run(["qpdf", "--json=2", pdf]).stdout)
            objs = js["qpdf"][1]
            pageobjs = [p["object"] for p in js["pages"]]
            # compressed streams: page contents and font files
            bad = []
            nbt = ntf = nrg = 0
            codes, bare = set(), False
            for po in pageobjs:
                # a stream, or an array of them: libharu's own (empty)
                # and ours
                crefs = objs["obj:" + po]["value"]["/Contents"]
                if isinstance(crefs, str):
                    crefs = [crefs]
                data, plain = b"", []
                for cref in crefs:
                    st = objs["obj:" + cref]["stream"]["dict"]
                    part = subprocess.run(
                        ["qpdf", "--show-object=" + cref.split()[0],
                         "--filtered-stream-data", pdf],
                        capture_output=True).stdout
                    if part and st.get("/Filter") not in ("/FlateDecode",
                                                          ["/FlateDecode"]):
                        plain.append(st.get("/Filter"))
                    data += part
                if plain:
                    bad.append((po, plain))
                    continue
                if b"BT" not in data or b"TJ" not in data:
                    bad.append((po, "inflates to %d bytes without text" %
                                len(data)))
                    continue
                # each page sets its font before its first text; later
                # lines in the same font and colour do not set them again
                if not 0 <= data.find(b" Tf\n") < data.find(b"TJ"):
                    bad.append((po, "text before a Tf"))
                strs, b = literal_strings(data)
                bare = bare or b
                for t in strs:
                    codes.update(int.from_bytes(t[k:k + 2], "big")
                                 for k in range(0, len(t) - 1, 2))
                nbt += len(re.findall(rb"\bBT\b", data))
                ntf += len(re.findall(rb" Tf\n", data))
                nrg += len(re.findall(rb" rg\n", data))
            fonts = [o for o in objs.values() if isinstance(o, dict) and
                     "stream" in o and "/Length1" in o["stream"]["dict"]]
            check(fonts and all(f["stream"]["dict"].get("/Filter") in
                                ("/FlateDecode", ["/FlateDecode"])
                                for f in fonts),
                  "%s: font files not deflated" % style)
            for f in fonts:
                num = [k for k, v in objs.items() if v is f][0].split(":")[1]
                prog = subprocess.run(
                    ["qpdf", "--show-object=" + num.split()[0],
                     "--filtered-stream-data", pdf],
                    capture_output=True).stdout
                problems = sfnt_problems(prog,
                                         f["stream"]["dict"]["/Length1"])
                check(not problems, "%s: font file %s: %s" %
                      (style, num, problems))
            check(not bad, "%s: page streams not deflated: %s" %
                  (style, bad[:3]))
            # glyph codes are two-byte literal strings: a code holding the
            # byte CR or LF (ญ U+0E0D, ช U+0E0A) is escaped
            check(not bare and {0x0E0D, 0x0E0A} <= codes,
                  "%s: content strings: bare CR or LF %s, codes of ญ and "
                  "ช found: %s" % (style, bare,
                                   {0x0E0D, 0x0E0A} <= codes))
            check(0 < ntf < nbt / 2 and nrg < nbt / 2,
                  "%s: %d text objects set the font %d times, the colour "
                  "%d times" % (style, nbt, ntf, nrg))
            # page labels as the pages print their numbers: Thai digits
            # in the official style, else none (1, 2 ... by default)
            lab = json.loads(run(["qpdf", "--json=2",
                                  "--json-key=pagelabels", pdf]).stdout)
            lab = [(l["index"], l["label"].get("/P"))
                   for l in lab["pagelabels"]]
            want = [(i, "u:" + str(i + 1).translate(
                str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")))
                    for i in range(npages)] if style == "official" else []
            check(lab == want, "%s: page labels %s, want %s" % (style, lab,
                                                               want))
            # bookmarks
            flat = list(outlines_flat(json.loads(run(
                ["qpdf", "--json=2", "--json-key=outlines", pdf]
            ).stdout)["outlines"]))
            leaves = [it for d, it in flat if not it.get("kids")]
            check(len(leaves) == len(marks), "%s: %d bookmarks for %d "
                  "events" % (style, len(leaves), len(marks)))
            check(max((d for d, _ in flat), default=0) == 1,
                  "%s: bookmarks not nested under decades" % style)
            check([it["destpageposfrom1"] for it in leaves] ==
                  [p for _, p in marks], "%s: bookmark pages" % style)
            label = "กลางคริสต์ทศวรรษ 1950 ถึง 1960"
            if style == "official":     # text-digits="thai"
                label = thai_digits(label)
            check(any(it["title"].startswith(label) for it in leaves),
                  "%s: Thai bookmark title" % style)
            long = [it["title"][:-1] for it in leaves
                    if it["title"].endswith("\u2026")]
            check(len(long) >= 4, "%s: %d bookmark titles shortened" %
                  (style, len(long)))
            texts = doc_texts()
            for t in long:      # the date, a space, the first words
                bodies = [t[j + 1:] for j in range(len(t)) if t[j] == " "
                          and any(x.startswith(t[j + 1:]) for x in texts)]
                cut_at_word("%s: bookmark" % style, bodies[0] if bodies
                            else t, texts)
            # link annotations on the contents page
            links = []
            for po in pageobjs:
                page = objs["obj:" + po]["value"]
                for a in page.get("/Annots", []):
                    ann = objs["obj:" + a]["value"] if isinstance(a, str) \
                        else a
                    if ann.get("/Subtype") == "/Link" and "/Dest" in ann:
                        dest = ann["/Dest"]
                        if isinstance(dest, str):   # an indirect array
                            dest = objs["obj:" + dest]["value"]
                        links.append(pageobjs.index(dest[0]) + 1)
            check(links == [p for _, p in marks],
                  "%s: contents links %s" % (style, links))
            # word boxes
            html = run(["pdftotext", "-bbox", pdf, "-"]).stdout
            pno = -1
            bad = []
            for line in html.splitlines():
                if line.lstrip().startswith("<page "):
                    pno += 1
                    continue
                m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                              r'xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
                              line)
                if not m or pno < 0:
                    continue
                x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
                ax, ay, aw, ah = pages[pno]
                if x0 < ax - 0.5 or x1 > ax + aw + 0.5:
                    bad.append((pno + 1, m.group(5), x0, x1))
            check(not bad, "%s: words outside the text area: %s" %
                  (style, bad[:5]))
        uri_links_and_dates(bin_, tmp, env)
        uri_encoding(bin_, tmp, env)
        text_layer(bin_, tmp, env)
        border_search(bin_, tmp, env)
        fallback(bin_, tmp, env)
        shortened(bin_, tmp, env)
        watermark(bin_, tmp, env)
        tagged(bin_, tmp, env)
        link_colours(bin_, tmp, env)
    print("pdf: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
