#!/usr/bin/env python3
"""check_svg.py SVG COUNT...: the chart's bars match the expected counts.
check_svg.py SVG N BUCKET=COUNT...: the same for N buckets, the others 0.

Every bar is a <rect class="bar"> carrying data-count; the root carries
data-scale (pixels per unit).  The chart's documented scale puts the tallest
bar at 200 pixels, so height = count * 200 / max(counts).
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
PLOT_H = 200.0


def main():
    path, args = sys.argv[1], sys.argv[2:]
    if any("=" in a for a in args):
        want = [0] * int(args[0])
        for a in args[1:]:
            k, v = a.split("=")
            want[int(k)] = int(v)
    else:
        want = [int(x) for x in args]
    root = ET.parse(path).getroot()
    if root.tag != NS + "svg":
        sys.exit("%s: root is %s, not svg" % (path, root.tag))
    bars = [r for r in root.iter(NS + "rect") if r.get("class") == "bar"]
    counts = [int(r.get("data-count")) for r in bars]
    if counts != want:
        sys.exit("%s: counts %s, wanted %s" % (path, counts, want))
    scale = float(root.get("data-scale"))
    expect_scale = PLOT_H / max(want) if max(want) else 0.0
    if abs(scale - expect_scale) > 1e-6:
        sys.exit("%s: data-scale %g, wanted %g" % (path, scale, expect_scale))
    base = None
    for r, n in zip(bars, want):
        h = float(r.get("height"))
        if abs(h - n * expect_scale) > 0.01:
            sys.exit("%s: bar for %d is %g high, wanted %g"
                     % (path, n, h, n * expect_scale))
        # Every bar stands on the same baseline.
        bottom = float(r.get("y")) + h
        if base is None:
            base = bottom
        elif abs(bottom - base) > 0.01:
            sys.exit("%s: bar for %d ends at %g, not %g" % (path, n, bottom, base))
    print("%s: %d bars match" % (path, len(bars)))


main()
