#!/usr/bin/env python3
"""check_png.py PNG: a real screenshot: a PNG of 1200x900 that is not blank."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG")
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h = ihdr[0], ihdr[1]
if (w, h) != (1200, 900):
    sys.exit("size %dx%d, wanted 1200x900" % (w, h))
raw = zlib.decompress(idat)
# A blank or error page is nearly one colour; the report has text, bars
# and tables, so many distinct byte values appear.
distinct = len(set(raw))
if distinct < 32:
    sys.exit("only %d distinct byte values: a blank page?" % distinct)
print("%dx%d PNG, %d distinct byte values" % (w, h, distinct))
