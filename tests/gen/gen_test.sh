#!/bin/sh
# gen_test.sh - ctest driver for nightjar-gen.
#
#   gen_test.sh facts GEN CHECK DIR SCENARIO [EXPECT...]
#   gen_test.sh decode GEN CHECK DIR SCENARIO
#   gen_test.sh wire GEN CHECK DIR SCENARIO [GEN ARGS...]
#   gen_test.sh site GEN CHECK DIR SCENARIO POLICY
#   gen_test.sh tshark GEN DIR SCENARIO [GEN ARGS...]
#   gen_test.sh determinism GEN DIR SCENARIO
#   gen_test.sh start GEN DIR
#   gen_test.sh badargs GEN DIR
#   gen_test.sh million GEN DIR
#
# Exit 0 pass, 1 fail, 77 skip.
set -u
mode=$1
gen=$2
shift 2

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

case "$mode" in
facts)
	check=$1 dir=$2 sc=$3
	shift 3
	mkdir -p "$dir"
	"$gen" "$sc" --seed 7 -w "$dir/$sc.pcap" -e "$dir/$sc.json" ||
	    fail "$sc did not generate"
	[ -s "$dir/$sc.pcap" ] || fail "$sc wrote an empty capture"
	rm -f "$dir/$sc.pcap"
	exec "$check" "$dir/$sc.json" "$sc" "$@"
	;;
decode)
	# nightjar's own decoders: no decode events, DNS parses, time order.
	check=$1 dir=$2 sc=$3
	mkdir -p "$dir"
	f="$dir/$sc.decode.pcap"
	"$gen" "$sc" --seed 5 -w "$f" || fail "$sc did not generate"
	"$check" "$f" || fail "$sc does not decode cleanly"
	rm -f "$f"
	exit 0
	;;
wire)
	# What the facts claim is on the wire.
	check=$1 dir=$2 sc=$3
	shift 3
	mkdir -p "$dir"
	f="$dir/$sc.wire.pcap"
	"$gen" "$sc" --seed 9 "$@" -w "$f" -e "$f.json" ||
	    fail "$sc did not generate"
	"$check" "$f.json" "$f" || fail "$sc: capture and facts disagree"
	rm -f "$f"
	exit 0
	;;
site)
	# Every address on the wire against policy/demo.yaml.
	check=$1 dir=$2 sc=$3 policy=$4
	mkdir -p "$dir"
	f="$dir/$sc.site.pcap"
	"$gen" "$sc" --seed 13 -w "$f" -e "$f.json" ||
	    fail "$sc did not generate"
	"$check" "$policy" "$f" "$f.json" || fail "$sc: the site disagrees"
	rm -f "$f"
	exit 0
	;;
tshark)
	dir=$1 sc=$2
	shift 2
	command -v tshark >/dev/null 2>&1 || {
		echo "SKIP: tshark is not installed"
		exit 77
	}
	mkdir -p "$dir"
	f="$dir/$sc.tshark.pcap"
	"$gen" "$sc" --seed 3 "$@" -w "$f" || fail "$sc did not generate"
	# Every expert item above "note" must be a TCP sequence remark (a
	# scan's RSTs are expected); any checksum, malformed, protocol or
	# reassembly complaint fails.
	out=$(tshark -n -r "$f" -o tcp.check_checksum:TRUE \
	    -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
	    -q -z expert,warn 2>&1) || fail "tshark could not read $f"
	bad=$(printf '%s\n' "$out" | awk '
	    /^Errors \(/ { print "errors section"; next }
	    /^ *[0-9]+ +[A-Za-z]+ +[A-Za-z0-9.]+ / && $2 != "Sequence" { print }')
	[ -z "$bad" ] || fail "tshark expert info in $sc: $bad"
	n=$(tshark -n -r "$f" 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || fail "tshark read no packets"
	rm -f "$f"
	echo "$sc: $n packets decode cleanly"
	;;
determinism)
	dir=$1 sc=$2
	mkdir -p "$dir"
	"$gen" "$sc" --seed 11 -w "$dir/$sc.a.pcap" -e "$dir/$sc.a.json" &&
	"$gen" "$sc" --seed 11 -w "$dir/$sc.b.pcap" -e "$dir/$sc.b.json" &&
	"$gen" "$sc" --seed 12 -w "$dir/$sc.c.pcap" ||
	    fail "$sc did not generate"
	cmp -s "$dir/$sc.a.pcap" "$dir/$sc.b.pcap" ||
	    fail "same seed, different captures"
	cmp -s "$dir/$sc.a.json" "$dir/$sc.b.json" ||
	    fail "same seed, different facts"
	cmp -s "$dir/$sc.a.pcap" "$dir/$sc.c.pcap" &&
	    fail "different seeds, identical captures"
	rm -f "$dir/$sc".[abc].pcap
	exit 0
	;;
start)
	# The same instant written three ways gives the same capture.
	dir=$1
	mkdir -p "$dir"
	"$gen" fast-scan --start 1772413200 -w "$dir/s1.pcap" &&
	"$gen" fast-scan --start 2026-03-02T01:00:00Z -w "$dir/s2.pcap" &&
	"$gen" fast-scan --start 2026-03-02T02:30:00+01:30 -w "$dir/s3.pcap" &&
	"$gen" fast-scan --start 2026-03-02T01:00:01Z -w "$dir/s4.pcap" \
	    -e "$dir/s4.json" || fail "fast-scan did not generate"
	cmp -s "$dir/s1.pcap" "$dir/s2.pcap" && cmp -s "$dir/s1.pcap" "$dir/s3.pcap" ||
	    fail "one instant, different captures"
	cmp -s "$dir/s1.pcap" "$dir/s4.pcap" && fail "--start was ignored"
	# The first probe comes two seconds after the start.
	grep -q '"first": "2026-03-02T01:00:03.000000Z"' "$dir/s4.json" ||
	    fail "first probe is not at start + 2 s"
	# pcap record timestamps: the first packet's seconds field.
	sec=$(od -An -tu4 -j24 -N4 "$dir/s1.pcap" | tr -d ' ')
	[ "$sec" -eq 1772413202 ] || fail "first packet at $sec, not 1772413202"
	exit 0
	;;
badargs)
	dir=$1
	mkdir -p "$dir"
	rm -f "$dir/bad.pcap" "$dir/bad.pcap.tmp"
	# Each case: one line on stderr, exit status 1, no output file.
	check() {
		want=$1
		shift
		"$gen" "$@" 2>"$dir/err" >/dev/null
		rc=$?
		[ $rc -eq 1 ] || fail "'$*' exited $rc, not 1"
		[ "$(wc -l <"$dir/err")" -eq 1 ] ||
		    fail "'$*' did not print exactly one line"
		grep -q "$want" "$dir/err" ||
		    fail "'$*' said '$(cat "$dir/err")', not '$want'"
		[ ! -e "$dir/bad.pcap" ] && [ ! -e "$dir/bad.pcap.tmp" ] ||
		    fail "'$*' left an output file"
	}
	check "unknown scenario" no-such-story -w "$dir/bad.pcap"
	check "bad rate" fast-scan --rate fast -w "$dir/bad.pcap"
	check "bad rate" fast-scan --rate 0 -w "$dir/bad.pcap"
	check "bad rate" fast-scan --rate -3 -w "$dir/bad.pcap"
	check "bad duration" background --duration 3x -w "$dir/bad.pcap"
	check "bad start" background --start yesterday -w "$dir/bad.pcap"
	check "no flavour" fast-scan --flavour tickle -w "$dir/bad.pcap"
	check "no output file" fast-scan
	check "bad option '--bogus'" fast-scan --bogus -w "$dir/bad.pcap"
	check "bad option '-w'" fast-scan -w
	check "cannot write" fast-scan -w "$dir/no/such/dir/x.pcap"
	check "facts file" fast-scan -w "$dir/bad.pcap" \
	    -e "$dir/no/such/dir/x.json"
	exit 0
	;;
million)
	dir=$1
	mkdir -p "$dir"
	"$gen" background --count 1000000 -w "$dir/million.pcap" \
	    -e "$dir/million.json" 2>"$dir/million.err" ||
	    fail "background --count 1000000 failed"
	cat "$dir/million.err"
	grep -q "packets/s" "$dir/million.err" || fail "no rate printed"
	n=$(sed -n 's/.*"packets": \([0-9]*\).*/\1/p' "$dir/million.json")
	[ "${n:-0}" -ge 1000000 ] || fail "only ${n:-0} packets"
	rm -f "$dir/million.pcap"
	exit 0
	;;
*)
	fail "unknown mode $mode"
	;;
esac
