#!/usr/bin/env python3
"""run_captures.py - runs `nightjar -r` over every capture in index.tsv.

Each run must exit 0, or fail cleanly: status 1 or 2 with exactly one
stderr line. No run may print a sanitizer report or outlive its time
limit. Where index.tsv gives the packet count (capinfos), nightjar's
"packets N" statistic must match it; a capture index.tsv marks readable
with a known count must not fail with a read error (status 2), unless
libpcap itself refuses the file (LIBPCAP_REFUSES).

usage: run_captures.py NIGHTJAR PCAPDIR [JOBS]
"""
import concurrent.futures
import csv
import os
import subprocess
import sys
import tempfile

TIME_LIMIT = 20
# Files capinfos reads but libpcap 1.10 refuses at open, by design.
LIBPCAP_REFUSES = ("unsupported pcap savefile version",
                   "different from the snapshot length of the first interface")
SANITIZER = ("runtime error", "AddressSanitizer", "LeakSanitizer",
             "UndefinedBehaviorSanitizer")


def one(nj, pcapdir, row, tmp):
    path = os.path.join(pcapdir, row["file"])
    stats = os.path.join(tmp, row["file"].replace("/", "_") + ".stats")
    # Alerts are not this test's concern (tests/scan checks them): no text.
    cmd = [nj, "-q", "--no-text", "--stats", stats, "--flows", os.devnull,
           "-r", path]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=TIME_LIMIT,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return f"{row['file']}: no exit after {TIME_LIMIT} s"
    err = p.stderr.decode(errors="replace")
    lines = err.splitlines()
    if any(s in err for s in SANITIZER):
        return f"{row['file']}: sanitizer report:\n{err[:4000]}"
    if p.returncode < 0:
        return f"{row['file']}: killed by signal {-p.returncode}"
    if p.stdout:
        return f"{row['file']}: unexpected stdout {p.stdout[:200]!r}"
    known = row["packets"].isdigit() and row["readable"] == "yes"
    if p.returncode != 0:
        if p.returncode not in (1, 2) or len(lines) != 1 or \
                not lines[0].startswith("nightjar: "):
            return f"{row['file']}: exit {p.returncode}, stderr {lines!r}"
        if p.returncode == 2 and known and \
                not any(s in lines[0] for s in LIBPCAP_REFUSES):
            return f"{row['file']}: readable capture failed: {lines[0]}"
        return None
    if lines:
        return f"{row['file']}: exit 0 but stderr {lines!r}"
    if known:
        count = None
        with open(stats) as f:
            for line in f:
                k, _, v = line.partition(" ")
                if k == "packets":
                    count = int(v)
        if count != int(row["packets"]):
            return f"{row['file']}: {count} packets, index.tsv says {row['packets']}"
    return None


def main():
    nj, pcapdir = sys.argv[1], sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    index = os.path.join(pcapdir, "index.tsv")
    if not os.path.exists(index):
        print(f"SKIP: {index} not found (the shared captures are absent)")
        return 77
    with open(index, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    failures = []
    with tempfile.TemporaryDirectory(prefix="nj-caps-") as tmp, \
            concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        for r in ex.map(lambda row: one(nj, pcapdir, row, tmp), rows):
            if r is not None:
                failures.append(r)
    for msg in failures:
        print("FAIL", msg)
    print(f"{len(rows)} captures, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
