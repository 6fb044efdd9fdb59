#!/usr/bin/env python3
"""flood.py - a million-source SYN flood must not break the sensor.

robust_flood_gen writes 1,000,000 SYNs from random outside sources at 5,000 a
second (200 s of packet time), one packet of background radiation (random
UDP or ICMP echo to random local hosts) per ten SYNs, a fast scan of 1024
ports from one planted source in the middle, and a 120 s hole three
quarters in. nightjar reads it with --max-flows 100000 and a policy that
lets capture-gap judge a one-minute link. Checked:

  - exit 0, no sanitizer report;
  - every packet processed (the statistics' packets = the generator's);
  - the flow cap held (flows.peak <= 100000) and evicted (flows.evicted > 0);
  - alerts kept flowing: capture-gap reports the hole; when the scan
    detector is built in (its "scan." statistics), the planted scanner is
    the source of a scan alert: the scan detector's 16384-source table,
    flooded by two million sources (every SYN, then its flow's end), must
    keep the one source that probes a hundred ports a second;
  - memory.peak_rss_kb under a bound derived from the caps:
    flows.table_bytes (the flow table at its cap, as the sensor
    reports it) + 512 bytes per DNS cache entry at its cap when the cache
    is on + 48 MiB for everything of fixed size (code and libraries, about
    8 MiB measured; libpcap's buffer; the alert fold table at its cap;
    the detectors' capped tables). Without the flow cap the 1.1 million
    flows alone would need about 170 MiB (measured: --max-flows 2000000
    peaks at 1,025,983 flows and 176,428 kB). Sanitizer builds get three
    times that plus 256 MiB, ASan's default quarantine of freed memory: a
    loose bound that catches a runaway table, not a missing flow cap (the
    uncapped run measured 181,332 kB under ASan; the capped one 29,476).

usage: flood.py GEN_FLOOD NIGHTJAR WORKDIR SANITIZED(0|1)
"""
import json
import os
import shutil
import subprocess
import sys

MAX_FLOWS = 100000
FIXED_KB = 48 * 1024
DNS_ENTRY_BYTES = 512
SANITIZER = ("runtime error", "AddressSanitizer", "LeakSanitizer",
             "UndefinedBehaviorSanitizer")
POLICY = """\
detectors:
  capture-gap:
    learn: 1m
    min_gap: 60s
"""


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def main():
    gen, nj, work, sanitized = sys.argv[1], sys.argv[2], sys.argv[3], \
        sys.argv[4] == "1"
    # nightjar appends to its outputs: start from nothing.
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    pcap = os.path.join(work, "flood.pcap")
    pol = os.path.join(work, "policy.yaml")
    out = os.path.join(work, "alerts.json")
    stats = os.path.join(work, "stats.txt")
    with open(pol, "w") as f:
        f.write(POLICY)
    g = subprocess.run([gen, "-n", "1000000", "-r", "5000", "-g", "120",
                        "-w", pcap], check=True, capture_output=True,
                       text=True)
    facts = dict(line.split() for line in g.stdout.splitlines())
    try:
        p = subprocess.run([nj, "-q", "--no-text", "-c", pol, "-r", pcap,
                            "--max-flows", str(MAX_FLOWS), "--json", out,
                            "--stats", stats], capture_output=True,
                           text=True, timeout=240)
    finally:
        os.unlink(pcap)  # 77 MB: not left behind
    if any(s in p.stderr for s in SANITIZER):
        fail(f"sanitizer report:\n{p.stderr[:4000]}")
    if p.returncode != 0:
        fail(f"exit {p.returncode}: {p.stderr[:2000]}")
    st = {}
    with open(stats) as f:
        for line in f:
            k, _, v = line.strip().partition(" ")
            st[k] = v
    if int(st["packets"]) != int(facts["packets"]):
        fail(f"packets {st['packets']}, generated {facts['packets']}")
    if int(st["flows.peak"]) > MAX_FLOWS:
        fail(f"flows.peak {st['flows.peak']} over the cap {MAX_FLOWS}")
    if int(st["flows.evicted"]) == 0:
        fail("flows.evicted 0: the cap was never reached")

    with open(out) as f:
        alerts = [json.loads(line) for line in f if line.strip()]
    gaps = [a for a in alerts if a["alert"]["kind"] == "capture-gap"]
    if not any(a["capture-gap"]["duration"] >= int(facts["hole_seconds"])
               for a in gaps):
        fail(f"no capture-gap alert for the {facts['hole_seconds']} s hole")
    scan_checked = any(k.startswith("scan.") for k in st)
    if scan_checked:
        if not any(a["alert"]["kind"] == "scan" and
                   a.get("src_ip") == facts["scanner"] for a in alerts):
            fail(f"no scan alert from the planted scanner "
                 f"{facts['scanner']} (scan.evicted_evidence "
                 f"{st.get('scan.evicted_evidence')}, scan.sources_peak "
                 f"{st.get('scan.sources_peak')})")
    else:
        print("note: no scan detector built in; the scan is not checked")

    peak = int(st["memory.peak_rss_kb"])
    bound = int(st["flows.table_bytes"]) // 1024 + FIXED_KB
    if "dns.cache.cap" in st:
        bound += int(st["dns.cache.cap"]) * DNS_ENTRY_BYTES // 1024
    if sanitized:
        bound = 3 * bound + 256 * 1024
    if peak > bound:
        fail(f"memory.peak_rss_kb {peak} over the bound {bound} kB")
    print(f"ok: {st['packets']} packets, flows.peak {st['flows.peak']}, "
          f"evicted {st['flows.evicted']}, peak {peak} kB (bound {bound} kB), "
          f"{len(alerts)} alerts")
    if scan_checked:
        print(f"ok: scan alert from the planted scanner {facts['scanner']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
