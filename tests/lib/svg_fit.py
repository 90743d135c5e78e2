#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Checks of a kmemlab report.html for tests/cli/report_render.sh:
#   svg_fit.py fit REPORT      every <text> of every <svg> inside the SVG
#   svg_fit.py series REPORT   no chart draws more than 9 lines
#   svg_fit.py png SHOT        a screenshot that is not blank
# A text's width is estimated as the writer does (userspace/lib/report_html.c:
# characters x font size x 0.62); <title> children are tooltips, not drawn.
# Prints what fails and exits 1; exits 0 when all is well.
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

SVG = "{http://www.w3.org/2000/svg}"
EM = 0.62


def svgs(path):
    tree = ET.parse(path)
    return list(tree.iter(SVG + "svg"))


def drawn(text):
    s = text.text or ""
    for child in text:
        s += child.tail or ""
    return s


def fit(path):
    bad = 0
    ntext = 0
    for n, svg in enumerate(svgs(path)):
        w, h = float(svg.get("width")), float(svg.get("height"))
        base_fs = float(svg.get("font-size", "16"))
        title = svg.findtext(SVG + "title", "")
        for t in svg.iter(SVG + "text"):
            ntext += 1
            s = drawn(t)
            fs = float(t.get("font-size", base_fs))
            tw = len(s) * fs * EM
            x, y = float(t.get("x", 0)), float(t.get("y", 0))
            anchor = t.get("text-anchor", "start")
            lo = {"start": 0, "middle": -tw / 2, "end": -tw}[anchor]
            if (t.get("transform") or "").startswith("rotate(-90"):
                # drawn upwards: the run spans y, the glyphs x
                ylo, yhi = y + lo, y + lo + tw
                ok = x - fs >= 0 and x + fs <= w and ylo >= 0 and yhi <= h
            else:
                ok = x + lo >= 0 and x + lo + tw <= w and \
                    y - 0.8 * fs >= 0 and y + 0.25 * fs <= h
            if not ok:
                bad += 1
                print("svg %d (%s, %gx%g): text %r at (%g, %g) %s, ~%.0f px wide"
                      % (n + 1, title, w, h, s, x, y, anchor, tw))
    print("%d texts in %d svgs checked, %d overflow" % (ntext, len(svgs(path)), bad))
    return bad == 0 and ntext > 0


def series(path):
    worst = 0
    for n, svg in enumerate(svgs(path)):
        lines = [p for p in svg.iter(SVG + "polyline") if p.get("class") == "series"]
        worst = max(worst, len(lines))
        if len(lines) > 9:
            print("svg %d (%s): %d series" % (n + 1, svg.findtext(SVG + "title"),
                                             len(lines)))
    print("at most %d series in a chart" % worst)
    return worst <= 9


def png_pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        ln, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + ln]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + ln
    if depth != 8 or ctype not in (2, 6):
        raise ValueError("PNG colour type %d depth %d not handled" % (ctype, depth))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    i = 0
    for _ in range(h):
        ft = raw[i]
        cur = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if ft == 1:
            for k in range(bpp, stride):
                cur[k] = (cur[k] + cur[k - bpp]) & 255
        elif ft == 2:
            for k in range(stride):
                cur[k] = (cur[k] + prev[k]) & 255
        elif ft == 3:
            for k in range(stride):
                a = cur[k - bpp] if k >= bpp else 0
                cur[k] = (cur[k] + ((a + prev[k]) >> 1)) & 255
        elif ft == 4:
            for k in range(stride):
                a = cur[k - bpp] if k >= bpp else 0
                b = prev[k]
                c = prev[k - bpp] if k >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[k] = (cur[k] + pr) & 255
        rows.append(bytes(cur))
        prev = cur
    return w, h, bpp, rows


def png(path):
    w, h, bpp, rows = png_pixels(path)
    colours = set()
    nonwhite = 0
    for row in rows:
        for k in range(0, len(row), bpp):
            px = row[k:k + 3]
            if px != b"\xff\xff\xff":
                nonwhite += 1
            if len(colours) < 5000:
                colours.add(px)
    share = 100.0 * nonwhite / (w * h)
    print("%dx%d, %d distinct colours, %.1f %% not white" % (w, h, len(colours), share))
    # a blank or single-colour page fails both; the report has text,
    # table shading and eight line colours
    return len(colours) >= 64 and 2.0 <= share <= 90.0


if __name__ == "__main__":
    check = {"fit": fit, "series": series, "png": png}[sys.argv[1]]
    sys.exit(0 if check(sys.argv[2]) else 1)
