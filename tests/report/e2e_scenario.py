#!/usr/bin/env python3
"""e2e_scenario.py - nightjar-report on alerts nightjar raised from a
scenario capture (not hand-written ones): the Hail Mary story.

usage: e2e_scenario.py NIGHTJAR_GEN NIGHTJAR NIGHTJAR_REPORT POLICY WORKDIR

nightjar-gen plants a distributed login campaign whose attempts fall in
given minutes past each hour (its facts file, ground truth); the alerts
nightjar writes are read by the report with no malformed line, and the
minute-of-hour timeline has attempts only in those minutes.
"""
import csv
import io
import json
import os
import subprocess
import sys


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("FAIL: %s: exit %d: %s" % (args[0], p.returncode, p.stderr))
    return p


def main():
    gen, nj, rep, policy, work = sys.argv[1:6]
    os.makedirs(work, exist_ok=True)
    pcap = os.path.join(work, "campaign.pcap")
    facts = os.path.join(work, "campaign.facts.json")
    alerts = os.path.join(work, "campaign.alerts.json")
    run([gen, "distributed-bruteforce", "--duration", "1d", "--seed", "7",
         "-w", pcap, "-e", facts])
    with open(facts) as f:
        fact = [x for x in json.load(f)["facts"]
                if x["kind"] == "distributed-campaign"][0]
    lo, hi = fact["minutes_past_hour"]
    if os.path.exists(alerts):
        os.unlink(alerts)
    run([nj, "-q", "--no-text", "-c", policy, "-r", pcap, "--json", alerts])

    p = run([rep, "timeline", "--kind", "distributed-campaign", "--per",
             "minute-of-hour", "--csv", alerts])
    if p.stderr:
        sys.exit("FAIL: the report refused nightjar's lines: " + p.stderr)
    rows = list(csv.reader(io.StringIO(p.stdout)))[1:]
    inside = sum(int(n) for m, n in rows if lo <= int(m) <= hi)
    outside = [(m, n) for m, n in rows
               if not lo <= int(m) <= hi and int(n) != 0]
    if inside == 0 or outside:
        sys.exit("FAIL: attempts inside :%02d-:%02d %d, outside %s"
                 % (lo, hi, inside, outside))

    p = run([rep, "summary", alerts])
    if "distributed-campaign" not in p.stdout or p.stderr:
        sys.exit("FAIL: summary:\n" + p.stdout + p.stderr)
    print("ok: %d attempts at :%02d-:%02d, none outside" % (inside, lo, hi))
    return 0


if __name__ == "__main__":
    sys.exit(main())
