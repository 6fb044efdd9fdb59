#!/usr/bin/env python3
"""real.py - the egress detectors on third-party captures, default policy
(no -c: RFC 1918 and ULA are local, no roles, no inventory).

usage: real.py NIGHTJAR REPLAY SHARED OUTDIR

irc/: outbound-irc fires exactly where a local (RFC 1918) client talks IRC
to a public server, with the nick, first channel and server name read
from the captures with tshark (below); captures between local hosts, on
loopback or between public hosts raise none. mixed-real/: none of
outbound-irc, no-egress (no roles) or unknown-local-host (a capture is
far shorter than the learning period) anywhere; outbound-smtp only in
the Emotet capture (a spam bot authenticating to a public submission
server on 587: a true positive). Exits 77 when SHARED is absent.
"""
import glob
import os
import sys

from egress_run import load_alerts, run_sensor

# (client, server, port) -> (nick, channel, server name), read with
# tshark -Y irc from each capture.
IRC_EXPECT = {
    "suricata-verify__tests__irc__input.pcap":
        {("172.16.1.10", "69.64.34.124", 6667):
         ("damn-0262937047", "#sl0w3r", "hunt3d.devilz.net")},
    "zeek__testing__btest__Traces__irc-basic.pcap":
        {("192.168.6.110", "130.239.18.119", 6667):
         ("brotest", "#brotest", "leguin.freenode.net")},
    "zeek__testing__btest__Traces__irc-whitespace.pcap":
        {("192.168.6.110", "193.219.128.49", 6667):
         ("brotest", "#BROTEST", "sendak.freenode.net")},
}
MIXED_NEVER = {"outbound-irc", "no-egress", "unknown-local-host"}
SMTP_ONLY = {"nDPI__tests__cfgs__default__pcap__emotet.pcap"}


def main():
    nightjar, replay, shared, outdir = sys.argv[1:5]
    irc_dir = os.path.join(shared, "pcaps", "irc")
    mixed_dir = os.path.join(shared, "pcaps", "mixed-real")
    if not os.path.isdir(irc_dir) or not os.path.isdir(mixed_dir):
        print("SKIP: %s/pcaps not found" % shared)
        return 77
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, "real.json")
    errs = []
    fired = 0
    for pcap in sorted(glob.glob(os.path.join(irc_dir, "*.pcap"))):
        name = os.path.basename(pcap)
        if run_sensor(nightjar, replay, None, pcap, out) is None:
            errs.append("%s: unreadable" % name)
            continue
        got = {}
        for a in load_alerts(out, {"outbound-irc"}):
            got[(a["src_ip"], a["dest_ip"], a["dest_port"])] = a
        want = IRC_EXPECT.get(name, {})
        for k, (nick, chan, server) in want.items():
            a = got.pop(k, None)
            if a is None:
                errs.append("%s: no outbound-irc for %s" % (name, k))
                continue
            fired += 1
            ev = a["outbound-irc"]
            if ev.get("nick") != nick or ev.get("server") != server or \
                    chan not in ev.get("channels", []):
                errs.append("%s: evidence %r, want %s %s %s" % (
                    name, ev, nick, chan, server))
        for k in got:
            errs.append("%s: unexpected outbound-irc %s" % (name, k))
    mixed = 0
    unread = 0
    pcaps = glob.glob(os.path.join(mixed_dir, "*.pcap")) + \
        glob.glob(os.path.join(mixed_dir, "*.pcapng"))
    for pcap in sorted(pcaps):
        name = os.path.basename(pcap)
        mixed += 1
        if run_sensor(nightjar, replay, None, pcap, out) is None:
            unread += 1
            continue
        for a in load_alerts(out):
            k = a["alert"]["kind"]
            if k in MIXED_NEVER or (k == "outbound-smtp" and
                                    name not in SMTP_ONLY):
                errs.append("%s: %s %s -> %s" % (name, k, a["src_ip"],
                                                  a["dest_ip"]))
    print("irc: %d of %d expected alerts; mixed-real: %d captures, %d "
          "unreadable" % (fired, sum(len(v) for v in IRC_EXPECT.values()),
                          mixed, unread))
    for e in errs:
        print("FAIL: " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
