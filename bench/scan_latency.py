#!/usr/bin/env python3
"""scan_latency.py - detection latency of nightjar's scan detector against
three classic rules computed on the same captures, and the detectors'
cost on a background day.

Usage: scan_latency.py NIGHTJAR-GEN NIGHTJAR POLICY WORKDIR

For each scenario nightjar-gen writes a capture and its facts; nightjar
reads it; the table gives the number of the scanner's probe at which each
detector would first alert ("never": not within the capture):

  nightjar  probes_before_alert of its first scan alert;
  Zeek      policy/misc/scan.zeek defaults: 15 distinct ports on one host
            or 25 distinct hosts on one port, by unsuccessful attempts
            within 5 minutes (counted when sent: Zeek itself waits for
            the connection to end, so it is later than shown);
  Snort 3   port_scan, as configured here: 25 distinct ports on one
            host, 25 hosts on one port, or 15 refusals (RST), within
            60 s (approximating snort_defaults.lua's low sensitivity);
  scanlogd  7 privileged or 21 other distinct ports (weights 3 and 1,
            threshold 21), each within 3 s of the previous one.

Then the cost: nightjar on the background day with the three detectors
on and off (best of three runs each).
"""
import json
import os
import struct
import subprocess
import sys
import time

SCENARIOS = [
    ("fast SYN 20/s", ["fast-scan"]),
    ("fast FIN 20/s", ["fast-scan", "--flavour", "fin"]),
    ("fast UDP 20/s", ["fast-scan", "--flavour", "udp"]),
    ("fast ACK 20/s", ["fast-scan", "--flavour", "ack"]),
    ("normal SYN 1/s", ["fast-scan", "--rate", "1"]),
    ("normal SYN 1/10s", ["fast-scan", "--rate", "0.1", "--duration",
                          "3h"]),
    ("slow SYN 1/5min", ["slow-scan"]),
    ("slow UDP 1/5min", ["slow-scan", "--flavour", "udp"]),
    ("sweep SYN 10/s", ["host-sweep"]),
    ("sweep ICMP 10/s", ["host-sweep", "--flavour", "icmp"]),
]


def packets(path):
    """(time, src, dst, proto, sport, dport, flags, icmp_type) per IPv4."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    nano = magic in (0xa1b23c4d, 0x4d3cb2a1)
    link = struct.unpack(end + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        sec, sub, cap, _ = struct.unpack(end + "IIII", data[off:off + 16])
        pkt = data[off + 16:off + 16 + cap]
        off += 16 + cap
        t = sec + sub / (1e9 if nano else 1e6)
        if link == 1:
            et = struct.unpack(">H", pkt[12:14])[0]
            ip = pkt[14:]
            if et == 0x8100:
                et = struct.unpack(">H", pkt[16:18])[0]
                ip = pkt[18:]
            if et != 0x0800:
                continue
        else:
            ip = pkt
        if len(ip) < 20 or ip[0] >> 4 != 4:
            continue
        hl = (ip[0] & 15) * 4
        proto = ip[9]
        src = ".".join(str(b) for b in ip[12:16])
        dst = ".".join(str(b) for b in ip[16:20])
        l4 = ip[hl:]
        sport = dport = flags = itype = 0
        if proto in (6, 17) and len(l4) >= 4:
            sport, dport = struct.unpack(">HH", l4[:4])
            if proto == 6 and len(l4) >= 14:
                flags = l4[13]
        elif proto == 1 and len(l4) >= 1:
            itype = l4[0]
        yield t, src, dst, proto, sport, dport, flags, itype


def records(path):
    with open(path, "rb") as f:
        data = f.read()
    end = "<" if struct.unpack("<I", data[:4])[0] in (0xa1b2c3d4,
                                                       0xa1b23c4d) else ">"
    n, off = 0, 24
    while off + 16 <= len(data):
        off += 16 + struct.unpack(end + "I", data[off + 8:off + 12])[0]
        n += 1
    return n


def probes_of(path, scanner):
    """The scanner's probes in order, and the times RSTs came back."""
    out, seen, rsts = [], set(), []
    for t, src, dst, proto, sp, dp, fl, it in packets(path):
        if src == scanner:
            if proto == 6 and ((fl & 0x12) == 0x02 or (fl & 0x16) == 0 or
                               (fl & 0x17) == 0x10):
                key = (dst, dp, proto)
            elif proto == 17:
                key = (dst, dp, proto)
            elif proto == 1 and it == 8:
                key = (dst, 0, proto)
            else:
                continue
            if key in seen and proto != 6:
                continue
            if proto == 6 and fl & 0x02 and key in seen:
                continue  # a retransmitted SYN
            seen.add(key)
            out.append((t, key[0], key[1], key[2]))
        elif dst == scanner and proto == 6 and fl & 0x04:
            rsts.append(t)
    return out, rsts


def first_at(probes, rule):
    for i in range(len(probes)):
        if rule(i):
            return i + 1
    return None


def zeek(probes, rsts):
    def rule(i):
        t = probes[i][0]
        win = [p for p in probes[:i + 1] if p[0] > t - 300]
        host, port = probes[i][1], probes[i][2]
        ports = {p[2] for p in win if p[1] == host}
        hosts = {p[1] for p in win if p[2] == port}
        return len(ports) >= 15 or len(hosts) >= 25
    return first_at(probes, rule)


def snort(probes, rsts):
    def rule(i):
        t = probes[i][0]
        win = [p for p in probes[:i + 1] if p[0] > t - 60]
        host, port = probes[i][1], probes[i][2]
        ports = {p[2] for p in win if p[1] == host}
        hosts = {p[1] for p in win if p[2] == port}
        rej = sum(1 for r in rsts if t - 60 < r <= t)
        return len(ports) >= 25 or len(hosts) >= 25 or rej >= 15
    return first_at(probes, rule)


def scanlogd(probes, rsts):
    weight, last, ports = 0, None, set()
    for i, (t, host, port, proto) in enumerate(probes):
        if last is not None and t - last > 3:
            weight, ports = 0, set()
        last = t
        if port in ports:
            continue
        ports.add(port)
        weight += 3 if port < 1024 else 1
        if weight >= 21:
            return i + 1
    return None


def nightjar_run(nightjar, pcap, policy, out):
    if os.path.exists(out):
        os.unlink(out)
    subprocess.run([nightjar, "-q", "-r", pcap, "-c", policy, "--json",
                    out], check=True, stdout=subprocess.DEVNULL)


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    gen, nightjar, policy, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    rows = []
    for name, args in SCENARIOS:
        pcap = os.path.join(work, "lat.pcap")
        facts = os.path.join(work, "lat.facts")
        out = os.path.join(work, "lat.json")
        subprocess.run([gen] + args + ["-w", pcap, "-e", facts], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        fact = [f for f in json.load(open(facts))["facts"]
                if f["kind"] == "scan"][0]
        nightjar_run(nightjar, pcap, policy, out)
        nj = None
        for line in open(out):
            a = json.loads(line)
            if a["alert"]["kind"] == "scan" and a["scan"]["phase"] == "new":
                nj = a["scan"]["probes_before_alert"]
        probes, rsts = probes_of(pcap, fact["src"])
        rows.append((name, len(probes), nj, zeek(probes, rsts),
                     snort(probes, rsts), scanlogd(probes, rsts)))
    fmt = "%-18s %7s %9s %7s %8s %9s"
    print("Probe number at the first alert (lower is earlier)")
    print(fmt % ("scenario", "probes", "nightjar", "Zeek", "Snort 3",
                 "scanlogd"))
    for r in rows:
        print(fmt % tuple(str(x) if x is not None else "never" for x in r))

    # Cost: the background day with the three detectors on and off.
    pcap = os.path.join(work, "bg.pcap")
    subprocess.run([gen, "background", "-w", pcap], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    off = os.path.join(work, "off.yaml")
    with open(policy) as f, open(off, "w") as g:
        g.write(f.read())
    with open(off) as f:
        text = f.read()
    npk = records(pcap)
    res = {}
    for label, pol in (("on", policy), ("off", None)):
        best = None
        for _ in range(3):
            cmd = [nightjar, "-q", "-r", pcap, "--no-text"]
            if pol:
                cmd += ["-c", pol]
            else:
                cmd += ["-c", os.path.join(work, "off2.yaml")]
                with open(os.path.join(work, "off2.yaml"), "w") as g:
                    g.write(off_policy(text))
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        res[label] = best
    print("\nBackground day, %d packets: %.0f packets/s with scan, flood "
          "and campaign on, %.0f with them off (%.2f us per packet for "
          "the three)" % (npk, npk / res["on"], npk / res["off"],
                         (res["on"] - res["off"]) / npk * 1e6))
    return 0


def off_policy(text):
    """The policy with the three detectors switched off."""
    lines = text.splitlines()
    out, in_det = [], False
    for l in lines:
        out.append(l)
        if l.rstrip() == "detectors:":
            in_det = True
            for d in ("scan", "flood", "distributed-campaign"):
                out.append("  %s:\n    enabled: false" % d)
    if not in_det:
        out.append("detectors:")
        for d in ("scan", "flood", "distributed-campaign"):
            out.append("  %s:\n    enabled: false" % d)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
