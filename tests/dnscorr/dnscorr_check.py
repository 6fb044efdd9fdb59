#!/usr/bin/env python3
"""dnscorr_check.py - compares nightjar's alerts (JSON lines) with the facts
nightjar-gen planted, for the kinds of the DNS correlation work:
private-destination, bogon-destination, dns-private-answer.

usage: dnscorr_check.py FACTS.json ALERTS.json [FLOWS.json]

Every fact of those kinds must have its alert (the last line of the pair,
an update when there is one) carrying the planted values; no alert of those
kinds may appear that no fact planted (the benign background raises none).
With FLOWS, every flow record of a fact with a hostname carries it.
"""
import json
import sys

KINDS = ("private-destination", "bogon-destination", "dns-private-answer")


def norm_time(t):
    """RFC 3339 in either form ("...Z" or "...+0000") as one string."""
    if t is None:
        return None
    return t.replace("+0000", "Z").replace("+00:00", "Z")


def main():
    facts = json.load(open(sys.argv[1]))
    alerts = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
    errors = []
    ours = [a for a in alerts if a["alert"]["kind"] in KINDS]
    for k in facts.get("must_not", []):
        n = sum(1 for a in alerts if a["alert"]["kind"] == k)
        if n and k in KINDS:
            errors.append("%d alerts of kind %s, which no fact plants" % (n, k))
    matched = set()
    for f in facts["facts"]:
        if f["kind"] not in KINDS:
            continue
        cand = [i for i, a in enumerate(ours)
                if a["alert"]["kind"] == f["kind"] and a["src_ip"] == f["src"]
                and a["dest_ip"] == f["dst"] and a.get("dest_port") == f["dport"]]
        if not cand:
            errors.append("no %s alert %s -> %s:%s" % (f["kind"], f["src"],
                                                       f["dst"], f["dport"]))
            continue
        matched.update(cand)
        a = ours[cand[-1]]
        where = "%s %s -> %s" % (f["kind"], f["src"], f["dst"])

        def expect(what, got, want):
            if got != want:
                errors.append("%s: %s is %r, the facts say %r" %
                              (where, what, got, want))

        expect("hostname", a.get("hostname"), f.get("hostname"))
        ev = a.get(f["kind"], {})
        if f["kind"] == "dns-private-answer":
            expect("answer in answers", f["answer"] in ev.get("answers", []),
                   True)
            expect("timestamp", norm_time(a["timestamp"]), norm_time(f["first"]))
            continue
        expect("attempts", ev.get("attempts"), f["attempts"])
        expect("first", norm_time(ev.get("first")), norm_time(f["first"]))
        expect("last", norm_time(ev.get("last")), norm_time(f["last"]))
        # The story's destinations never answer (nightjar-gen README).
        expect("answered", ev.get("answered"), False)
        dns = a.get("dns")
        if f.get("hostname") is None:
            expect("dns object", dns, None)
            continue
        if dns is None:
            errors.append("%s: no dns object" % where)
            continue
        expect("dns.query", dns.get("query"), f["hostname"])
        expect("dns.resolver", dns.get("resolver"), f["resolver"])
        expect("dns.answered", norm_time(dns.get("answered")),
               norm_time(f["resolved"]))
        expect("dns.by_client", dns.get("by_client"), True)
    if len(sys.argv) > 3:
        flows = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
        for f in facts["facts"]:
            if f["kind"] != "private-destination" or not f.get("hostname"):
                continue
            recs = [r for r in flows if r["src_ip"] == f["src"]
                    and r["dest_ip"] == f["dst"]
                    and r["dest_port"] == f["dport"]]
            if not recs:
                errors.append("no flow record %s -> %s" % (f["src"], f["dst"]))
            for r in recs:
                if r.get("hostname") != f["hostname"]:
                    errors.append("flow %s -> %s: hostname %r, the facts say "
                                  "%r" % (f["src"], f["dst"], r.get("hostname"),
                                          f["hostname"]))
    for i, a in enumerate(ours):
        if i not in matched:
            errors.append("unplanted %s alert %s -> %s:%s" % (
                a["alert"]["kind"], a["src_ip"], a["dest_ip"],
                a.get("dest_port")))
    for e in errors:
        print(e)
    print("%d facts checked, %d alerts of our kinds, %d errors" % (
        sum(1 for f in facts["facts"] if f["kind"] in KINDS), len(ours),
        len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
