#!/bin/sh
# dnscorr_real.sh - third-party captures through the sensor with no policy
# (RFC 1918 and ULA local): LAN chatter (mDNS, LLMNR, NBNS, SSDP, UPnP,
# DHCP, IGMP, ARP) raises none of private-destination, bogon-destination
# and dns-private-answer; the captures where the wire shows the story
# raise exactly the planted alert (read with tshark):
#   dns-additionals-with-cname: example.com A 192.168.1.1 from 8.8.8.8;
#   gnutella: 10.0.2.15 sends UDP to 100.89.84.59 (RFC 6598 shared space);
#   telegram: www.googletagservices.com A 192.168.1.157 (TTL 0) is the LAN
#     ad blocker's sinkhole, not an alert.
# usage: dnscorr_real.sh RUN PCAPS OUTDIR
set -u
run=$1 pcaps=$2 out=$3
if [ ! -d "$pcaps/dns" ] || [ ! -d "$pcaps/mixed-real" ]; then
	echo "SKIP: $pcaps (../shared/pcaps) is absent"
	exit 77
fi
mkdir -p "$out"
fail=0
# file|expected "kind src dst" lines of our kinds, ";"-separated
while IFS='|' read -r f want; do
	[ -n "$f" ] || continue
	if [ ! -f "$pcaps/$f" ]; then
		echo "SKIP: $f is absent"
		continue
	fi
	j="$out/$(basename "$f").json"
	rm -f "$j"
	"$run" -q --no-text -r "$pcaps/$f" --json "$j" 2>/dev/null
	got=$(python3 - "$j" <<'PY'
import json, sys
kinds = ("private-destination", "bogon-destination", "dns-private-answer")
seen = []
for l in open(sys.argv[1]):
    a = json.loads(l)
    k = a["alert"]["kind"]
    if k in kinds and not a.get("update"):
        seen.append("%s %s %s" % (k, a["src_ip"], a["dest_ip"]))
print(";".join(sorted(seen)))
PY
)
	if [ "$got" != "$want" ]; then
		echo "FAIL: $f: got '$got', want '$want'"
		fail=1
	else
		echo "ok: $f: '${got}'"
	fi
done <<'LIST'
dns/zeek__testing__btest__Traces__dns__mdns.pcap|
dns/zeek__testing__btest__Traces__dns__mdns-no-assoc.pcap|
dns/arkime__tests__pcap__nbns.pcap|
dns/suricata-verify__tests__llmnr__llmnr-tcp-reassembly__input.pcap|
dns/suricata-verify__tests__llmnr__llmnr-invalid-opcode__input.pcap|
dns/nDPI__tests__cfgs__default__pcap__netbios_wildcard_dns_query.pcap|
dns/arkime__tests__pcap__dns-tcp.pcap|
mixed-real/nDPI__tests__cfgs__default__pcap__ssdp-m-search.pcap|
mixed-real/nDPI__tests__cfgs__default__pcap__upnp.pcap|
mixed-real/nDPI__tests__cfgs__default__pcap__netbios.pcap|
mixed-real/arkime__tests__pcap__wireshark-dhcp.pcap|
mixed-real/zeek__testing__btest__Traces__dhcp__dhcp.pcap|
mixed-real/arkime__tests__pcap__igmp.pcap|
mixed-real/zeek__testing__btest__Traces__arp-who-has.pcap|
dns/suricata-verify__pcaps__20250224-dns-additionals-with-cname.pcap|dns-private-answer 10.16.1.11 8.8.8.8
mixed-real/nDPI__tests__cfgs__default__pcap__gnutella.pcap|bogon-destination 10.0.2.15 100.89.84.59
mixed-real/nDPI__tests__cfgs__default__pcap__telegram.pcap|
LIST
exit $fail
