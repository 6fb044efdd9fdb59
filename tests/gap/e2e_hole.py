#!/usr/bin/env python3
"""e2e_hole.py - a hole cut in a generated capture is one capture-gap alert.

nightjar-gen's background (an hour of an office network, about 8 packets
a second) is copied by pcap_hole with every packet from the middle one on
moved 20 minutes later. nightjar must exit 0 and write exactly one
capture-gap alert (reason silence) whose gap_start and gap_end are the
hole pcap_hole reports (the last packet before it, the first after it),
and none on the untouched capture.

usage: e2e_hole.py NIGHTJAR_GEN PCAP_HOLE NIGHTJAR WORKDIR
"""
import datetime
import json
import os
import shutil
import subprocess
import sys

SHIFT = 1200


def usec(rfc3339):
    t = datetime.datetime.strptime(rfc3339, "%Y-%m-%dT%H:%M:%S.%f%z")
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    d = t - epoch
    return (d.days * 86400 + d.seconds) * 1000000 + d.microseconds


def gap_alerts(nj, pcap, out):
    p = subprocess.run([nj, "-q", "--no-text", "-r", pcap, "--json", out],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"FAIL: nightjar -r {pcap}: exit {p.returncode}: {p.stderr}")
    with open(out) as f:
        alerts = [json.loads(line) for line in f if line.strip()]
    return [a for a in alerts if a["alert"]["kind"] == "capture-gap"]


def main():
    gen, hole, nj, work = sys.argv[1:5]
    # nightjar appends to its outputs: start from nothing.
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    bg = os.path.join(work, "background.pcap")
    cut = os.path.join(work, "hole.pcap")
    subprocess.run([gen, "background", "--duration", "1h", "-w", bg],
                   check=True, capture_output=True)
    facts = dict(line.split() for line in subprocess.run(
        [hole, bg, cut, str(SHIFT)], check=True, capture_output=True,
        text=True).stdout.splitlines())
    start, end = int(facts["gap_start"]), int(facts["gap_end"])
    if end - start < SHIFT * 1000000:
        sys.exit(f"FAIL: pcap_hole made a hole of {end - start} us")

    none = gap_alerts(nj, bg, os.path.join(work, "background.json"))
    if none:
        sys.exit(f"FAIL: capture-gap on the untouched capture: {none}")
    got = gap_alerts(nj, cut, os.path.join(work, "hole.json"))
    if len(got) != 1:
        sys.exit(f"FAIL: {len(got)} capture-gap alerts, expected 1: {got}")
    ev = got[0]["capture-gap"]
    if ev["reason"] != "silence":
        sys.exit(f"FAIL: reason {ev['reason']}, expected silence")
    if usec(ev["gap_start"]) != start or usec(ev["gap_end"]) != end:
        sys.exit(f"FAIL: gap {ev['gap_start']} .. {ev['gap_end']}, "
                 f"expected {start} .. {end} (epoch us)")
    if abs(ev["duration"] - (end - start) / 1e6) > 1e-3:
        sys.exit(f"FAIL: duration {ev['duration']}")
    print(f"ok: one capture-gap alert, {ev['gap_start']} .. {ev['gap_end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
