#!/usr/bin/env python3
"""zeek_conn.py - nightjar's flow log against Zeek's conn.log baselines
kept beside the shared captures: for every connection Zeek logged, the
same initiator, responder, ports, history letters and packets each way.

usage: zeek_conn.py NIGHTJAR PCAPDIR
Skips (77) when the captures are absent or nightjar decodes no IP yet.
"""
import json
import os
import subprocess
import sys
import tempfile

# (capture, Zeek conn.log baseline produced from it)
CASES = [
    ("irc/zeek__testing__btest__Traces__irc-dcc-send.pcapng",
     "irc/zeek__Baseline__scripts.base.protocols.irc.basic__conn.log"),
    ("irc/zeek__testing__btest__Traces__tls__irc-starttls.pcap",
     "irc/zeek__Baseline__scripts.base.protocols.irc.starttls__conn.log"),
]


def zeek_rows(path):
    fields, rows = None, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#fields"):
                fields = line.split("\t")[1:]
            elif not line.startswith("#") and fields:
                rows.append(dict(zip(fields, line.split("\t"))))
    return rows


def main():
    nj, pcapdir = sys.argv[1], sys.argv[2]
    if not os.path.isdir(pcapdir):
        print(f"SKIP: {pcapdir} not found (the shared captures are absent)")
        return 77
    failures = 0
    with tempfile.TemporaryDirectory(prefix="nj-zeek-") as tmp:
        for pcap, base in CASES:
            stats = os.path.join(tmp, "stats")
            p = subprocess.run([nj, "-q", "--stats", stats, "--flows", "-",
                                "-r", os.path.join(pcapdir, pcap)],
                               capture_output=True, timeout=60)
            if p.returncode != 0:
                print(f"FAIL {pcap}: exit {p.returncode}: {p.stderr!r}")
                failures += 1
                continue
            st = dict(l.split(" ", 1) for l in open(stats).read().splitlines())
            if st.get("packets.not_ip") == st.get("packets"):
                print("SKIP: nightjar decodes no IP yet (decoders absent)")
                return 77
            flows = {}
            for line in p.stdout.decode().splitlines():
                o = json.loads(line)
                flows[(o["src_ip"], o["src_port"], o["dest_ip"],
                       o["dest_port"])] = o
            for z in zeek_rows(os.path.join(pcapdir, base)):
                key = (z["id.orig_h"], int(z["id.orig_p"]), z["id.resp_h"],
                       int(z["id.resp_p"]))
                o = flows.get(key)
                want = (z["history"], int(z["orig_pkts"]), int(z["resp_pkts"]))
                got = None if o is None else \
                    (o["history"], o["pkts_toserver"], o["pkts_toclient"])
                if got != want:
                    print(f"FAIL {pcap} {key}: got {got}, Zeek {want}")
                    failures += 1
    print(f"{failures} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
