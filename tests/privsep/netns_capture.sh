#!/bin/sh
# netns_capture.sh - live capture after the privilege drop sees packets:
# two network namespaces joined by a veth pair (names unique to this
# run, removed on exit); priv_capture listens in one end as nobody in a
# chroot with seccomp on; the other end sends exactly 5 UDP datagrams
# (udp_send) to an address inside the pair. Nothing leaves the
# namespaces.
#
# usage: netns_capture.sh PRIV_CAPTURE UDP_SEND
set -u
cap=$1 send=$2
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: needs root (network namespaces)"; exit 77
fi
command -v ip >/dev/null 2>&1 || { echo "SKIP: no ip(8)"; exit 77; }
id nobody >/dev/null 2>&1 || { echo "SKIP: no user nobody"; exit 77; }

tag=nj$$
a=${tag}a b=${tag}b
root=$(mktemp -d /tmp/nj-netns-XXXXXX)
out=$root.out
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
	ip netns del "$a" 2>/dev/null
	ip netns del "$b" 2>/dev/null
	rmdir "$root" 2>/dev/null
	rm -f "$out"
}
trap cleanup EXIT INT TERM
chmod 0755 "$root"

if ! ip netns add "$a" 2>/dev/null; then
	echo "SKIP: cannot create network namespaces here"; exit 77
fi
ip netns add "$b" || exit 1
ip link add "${tag}x" netns "$a" type veth peer name "${tag}y" netns "$b" ||
    { echo "SKIP: cannot create a veth pair"; exit 77; }
ip -n "$a" addr add 10.213.0.1/30 dev "${tag}x" || exit 1
ip -n "$b" addr add 10.213.0.2/30 dev "${tag}y" || exit 1
ip -n "$a" link set "${tag}x" up || exit 1
ip -n "$b" link set "${tag}y" up || exit 1

ASAN_OPTIONS=detect_leaks=0 ip netns exec "$a" "$cap" "${tag}x" nobody \
    "$root" "udp dst port 9999" 5 30 >"$out" 2>&1 &
pid=$!
i=0
while ! grep -q '^ready' "$out" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "FAIL: the capture did not get ready:"; cat "$out"; exit 1
	fi
	sleep 0.1
done
ip netns exec "$b" "$send" 10.213.0.1 9999 5 || exit 1
wait "$pid"
rc=$?
pid=
cat "$out"
if [ $rc -ne 0 ]; then
	echo "FAIL: priv_capture exited $rc"; exit 1
fi
grep -q '^ready uid=65534$' "$out" || { echo "FAIL: not running as nobody"; exit 1; }
grep -q '^packets 5$' "$out" || { echo "FAIL: expected 5 datagrams"; exit 1; }
echo "ok: 5 of 5 datagrams captured after the drop"
