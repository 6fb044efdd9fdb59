#!/bin/sh
# rsyslog_fields.sh - alerts through a real rsyslogd over UDP, TCP, RELP
# and a local datagram socket: every field arrives intact (structured
# data with escapes, the UTF-8 hostname and MSG with its BOM) and in
# order; and RFC 3164 over UDP for old collectors.
#   rsyslog_fields.sh ALERT_SEND
set -u
send=$1
. "$(dirname "$0")/rsyslog_lib.sh"
N=200

rs_start
"$send" "udp://127.0.0.1:$UDP_PORT" $N 1000 >"$WORK/send-udp.out" 2>&1 || {
	echo "FAIL: alert_send udp"; cat "$WORK/send-udp.out"; exit 1; }
"$send" "tcp://127.0.0.1:$TCP_PORT" $N >"$WORK/send-tcp.out" 2>&1 || {
	echo "FAIL: alert_send tcp"; cat "$WORK/send-tcp.out"; exit 1; }
"$send" "relp://127.0.0.1:$RELP_PORT" $N >"$WORK/send-relp.out" 2>&1 || {
	echo "FAIL: alert_send relp"; cat "$WORK/send-relp.out"; exit 1; }
"$send" "unix:$WORK/log" $N 1000 >"$WORK/send-unix.out" 2>&1 || {
	echo "FAIL: alert_send unix"; cat "$WORK/send-unix.out"; exit 1; }
NJ_SYSLOG_FORMAT=rfc3164 "$send" "udp://127.0.0.1:$UDP3164_PORT" $N 1000 \
    >"$WORK/send-u3164.out" 2>&1 || {
	echo "FAIL: alert_send rfc3164"; cat "$WORK/send-u3164.out"; exit 1; }

# The expected messages, written from RFC 5424 by hand: PRI local0*8 +
# err = 131; SD-PARAM values escape '"', '\' and ']'; MSG is BOM + UTF-8.
# PROCID and community_id are normalised (the pid varies; the Community
# ID has its own tests).
bom=$(printf '\357\273\277')
i=0
while [ $i -lt $N ]; do
	us=$(printf '%06d' $((i * 1000)))
	printf '<131>1 2026-03-02T10:00:01.%sZ sensorhost nightjar PID dns-tunnel [nightjar@32473 sensor="fw1" severity="1" src_ip="10.0.%d.%d" src_port="5353" dest_ip="2001:db8::53" dest_port="53" proto="UDP" community_id="CID" hostname="b\303\274cher.example" dns-tunnel.seq="%d" dns-tunnel.qname="q\\"uo\\]te\\\\d [x\\]" dns-tunnel.types="TXT" dns-tunnel.types="NULL"] %sTunnel \303\274ber DNS seq=%d\n' \
	    "$us" $((i / 256)) $((i % 256)) $i "$bom" $i
	i=$((i + 1))
done >"$WORK/expected"

status=0
for t in udp tcp relp unix; do
	if ! wait_lines "$WORK/$t.log" $N; then
		echo "FAIL: $t: $(wc -l <"$WORK/$t.log" 2>/dev/null || echo 0) of $N messages arrived"
		status=1
		continue
	fi
	sed 's/ nightjar [0-9][0-9]* dns-tunnel / nightjar PID dns-tunnel /; s/community_id="[^"]*"/community_id="CID"/' \
	    "$WORK/$t.log" >"$WORK/$t.norm"
	if cmp -s "$WORK/expected" "$WORK/$t.norm"; then
		echo "ok: $t: $N messages intact and in order"
	else
		echo "FAIL: $t: messages differ from the expected ones:"
		diff "$WORK/expected" "$WORK/$t.norm" | head -6
		status=1
	fi
	# rsyslog's own RFC 5424 parser must see our header fields.
	if [ "$(sort -u "$WORK/$t.parsed")" = "1 nightjar dns-tunnel sensorhost 131" ]; then
		echo "ok: $t: rsyslog parsed VERSION, APP-NAME, MSGID, HOSTNAME, PRI"
	else
		echo "FAIL: $t: rsyslog parsed the header as: $(sort -u "$WORK/$t.parsed" | head -3)"
		status=1
	fi
done
# RFC 3164 (section 4.1): <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: CONTENT.
i=0
while [ $i -lt $N ]; do
	printf '<131>Mar  2 10:00:01 sensorhost nightjar[PID]: dns-tunnel: Tunnel \303\274ber DNS seq=%d sensor=fw1 src=10.0.%d.%d sport=5353 dst=2001:db8::53 dport=53\n' \
	    $i $((i / 256)) $((i % 256))
	i=$((i + 1))
done >"$WORK/expected3164"
if wait_lines "$WORK/u3164.log" $N &&
    sed 's/nightjar\[[0-9]*\]/nightjar[PID]/' "$WORK/u3164.log" |
    cmp -s "$WORK/expected3164" -; then
	echo "ok: rfc3164: $N messages intact and in order"
else
	echo "FAIL: rfc3164: messages differ from the expected ones:"
	sed 's/nightjar\[[0-9]*\]/nightjar[PID]/' "$WORK/u3164.log" |
	    diff "$WORK/expected3164" - | head -6
	status=1
fi
if [ "$(sort -u "$WORK/u3164.parsed")" = "nightjar sensorhost 131 Mar  2 10:00:01" ]; then
	echo "ok: rfc3164: rsyslog parsed TAG, HOSTNAME, PRI, TIMESTAMP"
else
	echo "FAIL: rfc3164: rsyslog parsed: $(sort -u "$WORK/u3164.parsed" | head -3)"
	status=1
fi
exit $status
