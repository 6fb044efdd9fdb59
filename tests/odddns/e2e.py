#!/usr/bin/env python3
"""e2e.py - the odd-DNS detectors end to end, against ground truth.

  e2e.py gen GEN REPLAY POLICY OUTDIR
      nightjar-gen's odd-dns scenario (alone and mixed into background):
      every planted fact is raised (kind, src, dst, and the fact's counts
      in the detector's final figures), nothing else; the benign
      background raises nothing.
  e2e.py sensor GEN NIGHTJAR POLICY OUTDIR
      the same through the real sensor (nightjar -r); exits 77 (skip)
      while the sensor's DNS path does not yet hand DNS to the detectors.
  e2e.py pcaps REPLAY PCAPDIR
      the real DNS captures: those the catalogue describes as tunnels
      raise dns-tunnel; every other raises nothing (exit 77 when absent).
"""
import json
import os
import subprocess
import sys

# ../shared/pcaps/CATALOG.md: the DNS captures holding a tunnel.
TUNNELS = {
    "nDPI__tests__cfgs__default__pcap__dns-tunnel-iodine.pcap": "pirate.sea",
    "nDPI__tests__cfgs__default__pcap__bad-dns-traffic.pcap": "skullseclabs.org",
    "suricata-verify__tests__dns__bug-1158__input.pcap": "tunnel.com",
}

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: " + msg)


SENSOR = False


def replay(binary, out, captures, policy=None):
    if os.path.exists(out):
        os.unlink(out)
    if SENSOR:
        stats = out + ".stats"
        cmd = [binary, "-q", "--no-text", "--json", out, "--stats", stats,
               "-r", captures[0]] + (["-c", policy] if policy else [])
        subprocess.run(cmd, check=True)
        with open(stats) as f:
            counters = dict(line.split() for line in f if " " in line)
        if counters.get("dns-tunnel.queries", "0") == "0":
            print("SKIP: the sensor does not hand DNS to the detectors yet")
            sys.exit(77)
        if not os.path.exists(out):
            return []
    else:
        cmd = [binary, "-j", out] + (["-c", policy] if policy else []) \
            + captures
        subprocess.run(cmd, check=True)
    with open(out) as f:
        return [json.loads(line) for line in f]


def check_facts(name, alerts, facts):
    firsts = [a for a in alerts if not a.get("update")]
    used = set()
    for fact in facts["facts"]:
        kind = fact["kind"]
        match = [i for i, a in enumerate(firsts)
                 if a["alert"]["kind"] == kind and a["src_ip"] == fact["src"]
                 and a["dest_ip"] == fact["dst"]]
        if not match:
            fail("%s: no %s alert %s -> %s" % (name, kind, fact["src"],
                                                fact["dst"]))
            continue
        used.update(match)
        # The detector's last word on this client (an update if it went on).
        last = [a for a in alerts if a["alert"]["kind"] == kind
                and a["src_ip"] == fact["src"]][-1][kind]
        for key in ("queries", "nxdomain", "qtype"):
            if key in fact and key in last and last[key] != fact[key]:
                fail("%s: %s %s is %s, planted %s" % (name, kind, key,
                                                       last[key], fact[key]))
        if "domain" in fact and last.get("domain") != fact["domain"]:
            fail("%s: %s domain %s, planted %s" % (name, kind,
                                                  last.get("domain"),
                                                  fact["domain"]))
    for i, a in enumerate(firsts):
        if i not in used and a["alert"]["kind"].startswith("dns-"):
            fail("%s: unplanted %s %s -> %s" % (name, a["alert"]["kind"],
                                                 a["src_ip"], a["dest_ip"]))


def gen(genbin, replaybin, policy, outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, extra in (("odd-dns", []), ("odd-dns+bg", ["--with", "background"]),
                        ("background", [])):
        scen = "background" if name == "background" else "odd-dns"
        pcap = os.path.join(outdir, name + ".pcap")
        facts = os.path.join(outdir, name + ".facts.json")
        subprocess.run([genbin, scen] + extra + ["-w", pcap, "-e", facts],
                       check=True, stderr=subprocess.DEVNULL)
        with open(facts) as f:
            fj = json.load(f)
        alerts = replay(replaybin, os.path.join(outdir, name + ".alerts.json"),
                        [pcap], policy)
        check_facts(name, alerts, fj)
        print("%s: %d facts, %d alerts" % (name, len(fj["facts"]), len(alerts)))


def pcaps(replaybin, pcapdir):
    if not os.path.isdir(pcapdir):
        print("SKIP: %s is absent" % pcapdir)
        sys.exit(77)
    out = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                       "odddns-pcaps-%d.json" % os.getpid())
    n = 0
    for name in sorted(os.listdir(pcapdir)):
        if not name.endswith((".pcap", ".pcapng")):
            continue
        n += 1
        alerts = replay(replaybin, out, [os.path.join(pcapdir, name)])
        kinds = [a["alert"]["kind"] for a in alerts if not a.get("update")]
        if name in TUNNELS:
            doms = [a["dns-tunnel"]["registered_domain"] for a in alerts
                    if a["alert"]["kind"] == "dns-tunnel"]
            if kinds != ["dns-tunnel"] or doms[0] != TUNNELS[name]:
                fail("%s: expected one dns-tunnel under %s, got %s %s" %
                     (name, TUNNELS[name], kinds, doms))
        elif kinds:
            fail("%s: expected nothing, got %s" % (name, kinds))
    if os.path.exists(out):
        os.unlink(out)
    print("%d captures" % n)


if __name__ == "__main__":
    if sys.argv[1] in ("gen", "sensor"):
        SENSOR = sys.argv[1] == "sensor"
        gen(*sys.argv[2:6])
    else:
        pcaps(*sys.argv[2:4])
    sys.exit(1 if failures else 0)
