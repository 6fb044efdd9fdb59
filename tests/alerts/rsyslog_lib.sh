# rsyslog_lib.sh - sourced by the rsyslog integration tests: a private
# rsyslogd (foreground, own config, own work directory) listening on
# loopback UDP, TCP and RELP ports and a private local socket (never
# /dev/log), writing each input's raw messages
# (%rawmsg%: exactly the bytes received, framing removed) to its own file.

RSYSLOGD=${RSYSLOGD:-$(command -v rsyslogd || echo /usr/sbin/rsyslogd)}
if [ ! -x "$RSYSLOGD" ]; then
	echo "SKIP: rsyslogd not installed (Debian packages rsyslog, rsyslog-relp)"
	exit 77
fi
for m in imudp imptcp imrelp imuxsock; do
	found=""
	for f in /usr/lib/*/rsyslog/$m.so /usr/lib/rsyslog/$m.so; do
		[ -f "$f" ] && found=$f
	done
	if [ -z "$found" ]; then
		echo "SKIP: rsyslog module $m missing (Debian package rsyslog-relp)"
		exit 77
	fi
done

WORK=$(mktemp -d /tmp/nj-rsyslog.XXXXXX)
RS_PID=""
cleanup() {
	if [ -n "$RS_PID" ]; then
		kill "$RS_PID" 2>/dev/null
		wait "$RS_PID" 2>/dev/null
	fi
	if [ -n "${KEEP_WORK:-}" ]; then
		echo "work directory kept: $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT INT TERM

# True when something listens on TCP port $1 or UDP port $1.
port_busy() {
	ss -Hltun 2>/dev/null | awk '{print $5}' | grep -q ":$1\$"
}

# Four consecutive free high ports, from the pid so parallel runs differ.
base=$((20000 + ($$ * 13) % 40000))
while port_busy "$base" || port_busy $((base + 1)) ||
    port_busy $((base + 2)) || port_busy $((base + 3)); do
	base=$((base + 4))
done
UDP_PORT=$base
TCP_PORT=$((base + 1))
RELP_PORT=$((base + 2))
UDP3164_PORT=$((base + 3))

cat >"$WORK/rsyslog.conf" <<CONF
global(workDirectory="$WORK" maxMessageSize="64k")
module(load="imudp")
module(load="imptcp")
module(load="imrelp")
# Not the system socket; and the regular parser chain, since imuxsock's
# default special parser only knows the RFC 3164 local format.
module(load="imuxsock" SysSock.Use="off")
template(name="raw" type="string" string="%rawmsg%\n")
template(name="parsed" type="string"
    string="%protocol-version% %app-name% %msgid% %hostname% %pri%\n")
template(name="parsed3164" type="string"
    string="%programname% %hostname% %pri% %timereported:::date-rfc3164%\n")
ruleset(name="udp") {
	action(type="omfile" file="$WORK/udp.log" template="raw")
	action(type="omfile" file="$WORK/udp.parsed" template="parsed")
}
ruleset(name="tcp") {
	action(type="omfile" file="$WORK/tcp.log" template="raw")
	action(type="omfile" file="$WORK/tcp.parsed" template="parsed")
}
ruleset(name="u3164") {
	action(type="omfile" file="$WORK/u3164.log" template="raw")
	action(type="omfile" file="$WORK/u3164.parsed" template="parsed3164")
}
ruleset(name="unix") {
	action(type="omfile" file="$WORK/unix.log" template="raw")
	action(type="omfile" file="$WORK/unix.parsed" template="parsed")
}
ruleset(name="relp") {
	action(type="omfile" file="$WORK/relp.log" template="raw")
	action(type="omfile" file="$WORK/relp.parsed" template="parsed")
}
input(type="imudp" address="127.0.0.1" port="$UDP_PORT" ruleset="udp")
input(type="imptcp" address="127.0.0.1" port="$TCP_PORT" ruleset="tcp")
input(type="imrelp" address="127.0.0.1" port="$RELP_PORT" ruleset="relp")
input(type="imudp" address="127.0.0.1" port="$UDP3164_PORT" ruleset="u3164")
input(type="imuxsock" Socket="$WORK/log" ruleset="unix" UseSpecialParser="off"
    ParseHostname="on" RateLimit.Interval="0")
CONF

# Starts rsyslogd in the foreground (-n), in the background of this
# script, and waits until its TCP and RELP ports and its socket listen.
rs_start() {
	"$RSYSLOGD" -n -f "$WORK/rsyslog.conf" -i "$WORK/rsyslogd.pid" \
	    >>"$WORK/rsyslogd.out" 2>&1 &
	RS_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		if port_busy "$TCP_PORT" && port_busy "$RELP_PORT" &&
		    [ -S "$WORK/log" ]; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "FAIL: rsyslogd did not start:"
	cat "$WORK/rsyslogd.out"
	exit 1
}

rs_stop() {
	kill -TERM "$RS_PID"
	wait "$RS_PID" 2>/dev/null
	RS_PID=""
}

# Waits until file $1 has at least $2 lines (up to 15 s).
wait_lines() {
	i=0
	while [ $i -lt 150 ]; do
		if [ -f "$1" ] && [ "$(wc -l <"$1")" -ge "$2" ]; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# The seq= numbers of the messages in file $1, in arrival order.
seqs() {
	sed -n 's/.*dns-tunnel\.seq="\([0-9]*\)".*/\1/p' "$1"
}
