#!/usr/bin/env python3
"""e2e.py - end-to-end check of the egress detectors against nightjar-gen's
planted facts.

usage: e2e.py GEN NIGHTJAR REPLAY POLICY SCENARIO OUTDIR

Generates SCENARIO mixed into the background day (or the background alone
for "background"), runs nightjar over it with the demo policy and --json,
and compares the alerts of the egress kinds with the facts: every fact
has its alert (kind, src, dst, dport and the per-kind evidence), and no
alert of these kinds appears that no fact planted. When nightjar does not
write alerts yet (-c/--json not wired), the egress_replay harness stands
in, and says so.
"""
import json
import os
import subprocess
import sys

from egress_run import KINDS, load_alerts, run_sensor

WEB, RELAY, ADMIN = "192.0.2.80", "192.0.2.25", "192.168.50.10"


def key(kind, src, dst, dport):
    return (kind, src, dst, dport)


def alert_key(a):
    k = a["alert"]["kind"]
    if k == "unknown-local-host":
        return key(k, a["src_ip"], None, None)
    return key(k, a["src_ip"], a["dest_ip"], a["dest_port"])


def check_fact(f, a, errs):
    kind = f["kind"]
    ev = a.get(kind, {})
    sev = a["alert"]["severity"]

    def want(field, got, exp):
        if got != exp:
            errs.append("%s %s->%s: %s is %r, fact says %r" % (
                kind, f["src"], f["dst"], field, got, exp))

    if kind == "outbound-irc":
        want("nick", ev.get("nick"), f["nick"])
        if f["channel"] not in ev.get("channels", []):
            errs.append("outbound-irc: channel %s not in %r" % (
                f["channel"], ev.get("channels")))
        want("server", ev.get("server"), f["server"])
        want("by_port", ev.get("by_port"), f["by_port"])
        want("by_protocol", ev.get("by_protocol"), True)
        if f["src"] == WEB:
            want("severity", sev, 1)
    elif kind == "outbound-smtp":
        want("helo", ev.get("helo"), f["helo"])
        want("mail_from", ev.get("mail_from"), f["mail_from"])
        want("by_port", ev.get("by_port"), f["by_port"])
        if ev.get("rcpts", 0) < 1:
            errs.append("outbound-smtp: no recipients counted")
    elif kind == "no-egress":
        want("severity", sev, 1)
    elif kind == "lateral-ssh":
        want("established", ev.get("established"), f["established"])
        if f.get("banner") and ev.get("banner", "") not in f["banner"] or \
                f.get("banner") and not ev.get("banner"):
            errs.append("lateral-ssh: banner %r not in %r" % (
                ev.get("banner"), f["banner"]))
    if "first" in f and not a["timestamp"].startswith(f["first"][:19]):
        errs.append("%s %s: timestamp %s, fact first %s" % (
            kind, f["src"], a["timestamp"], f["first"]))


def main():
    gen, nightjar, replay, policy, scenario, outdir = sys.argv[1:7]
    os.makedirs(outdir, exist_ok=True)
    pcap = os.path.join(outdir, scenario + ".pcap")
    facts_path = os.path.join(outdir, scenario + ".facts.json")
    out = os.path.join(outdir, scenario + ".alerts.json")
    args = [gen, scenario, "-w", pcap, "-e", facts_path]
    if scenario != "background":
        args[2:2] = ["--with", "background"]
    subprocess.run(args, check=True, capture_output=True)
    runner = run_sensor(nightjar, replay, policy, pcap, out)
    if runner is None:
        sys.exit("%s: the sensor could not read the capture" % pcap)
    with open(facts_path) as f:
        facts = [x for x in json.load(f)["facts"] if x["kind"] in KINDS]
    alerts = load_alerts(out)
    errs = []
    by_key = {}
    for a in alerts:
        by_key.setdefault(alert_key(a), []).append(a)
    for f in facts:
        k = key(f["kind"], f["src"], f["dst"], f["dport"])
        got = by_key.pop(k, [])
        if not got:
            errs.append("missing alert for fact %s" % json.dumps(f))
            continue
        check_fact(f, got[0], errs)
    for k, extra in by_key.items():
        errs.append("alert no fact planted: %s (%s)" % (
            k, extra[0]["alert"]["signature"]))
    for a in alerts:
        if a["alert"]["kind"] == "outbound-smtp" and a["src_ip"] == RELAY:
            errs.append("the mail relay was reported")
        if a["alert"]["kind"] == "lateral-ssh" and a["src_ip"] == ADMIN:
            errs.append("the admin host was reported")
    print("%s: %d facts, %d egress alerts (via %s)" % (
        scenario, len(facts), len(alerts), runner))
    for e in errs:
        print("FAIL: " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
