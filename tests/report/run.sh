#!/bin/sh
# run.sh CASE: one nightjar-report test case; expected outputs are in
# expected/, written by hand from data/ (see README.md beside this file).
# Environment: BIN (the nightjar-report binary), SRC (this folder), WORK (a
# scratch folder for this case).  Exit 0 pass, 1 fail, 77 skip.
set -u
case_name=$1
DATA=$SRC/data
EXP=$SRC/expected
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
fail=0

# same EXPECTED ACTUAL: byte comparison, with a diff on failure.
same() {
	if ! cmp -s "$1" "$2"; then
		echo "FAIL: $2 differs from $1:"
		diff -u "$1" "$2" | head -40
		fail=1
	fi
}

# run EXIT OUT ERR args...: run the tool from the data folder, so file
# names in diagnostics are the short ones, and check its exit status.
run() {
	want=$1 out=$2 err=$3
	shift 3
	(cd "$DATA" && "$BIN" "$@") >"$out" 2>"$err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: nightjar-report $* exited $got, wanted $want"
		cat "$err"
		fail=1
	fi
}

empty_err() {
	if [ -s "$1" ]; then
		echo "FAIL: unexpected stderr:"
		cat "$1"
		fail=1
	fi
}

case $case_name in
hosts)
	run 0 "$WORK/out" "$WORK/err" hosts alerts.jsonl
	same "$EXP/hosts.txt" "$WORK/out"; empty_err "$WORK/err"
	run 0 "$WORK/out" "$WORK/err" hosts --csv alerts.jsonl
	same "$EXP/hosts.csv" "$WORK/out"; empty_err "$WORK/err"
	run 0 "$WORK/out" "$WORK/err" hosts --kind distributed-campaign alerts.jsonl
	same "$EXP/hosts-dc.txt" "$WORK/out"
	run 0 "$WORK/out" "$WORK/err" hosts --kind distributed-campaign \
	    --by dst --csv alerts.jsonl
	same "$EXP/hosts-dst-dc.csv" "$WORK/out"
	;;
timeline)
	run 0 "$WORK/out" "$WORK/err" timeline --csv alerts.jsonl
	same "$EXP/timeline-hour.csv" "$WORK/out"; empty_err "$WORK/err"
	run 0 "$WORK/out" "$WORK/err" timeline --count alerts alerts.jsonl
	same "$EXP/timeline-hour-alerts.txt" "$WORK/out"
	run 0 "$WORK/out" "$WORK/err" timeline --per minute-of-hour --csv \
	    alerts.jsonl
	same "$EXP/timeline-minute.csv" "$WORK/out"
	;;
summary)
	run 0 "$WORK/out" "$WORK/err" summary alerts.jsonl
	same "$EXP/summary.txt" "$WORK/out"; empty_err "$WORK/err"
	run 0 "$WORK/out" "$WORK/err" summary --since 2014-07-18T20:00:00Z \
	    --until 2014-07-18T21:00:00Z alerts.jsonl
	same "$EXP/summary-range.txt" "$WORK/out"
	;;
state)
	# First digest: everything is new; the state lists it all.  Second:
	# only what the new file brings.  Third, same input: nothing.
	st=$WORK/state
	run 0 "$WORK/out" "$WORK/err" summary --state "$st" alerts.jsonl
	same "$EXP/summary-state1.txt" "$WORK/out"; empty_err "$WORK/err"
	same "$EXP/state1" "$st"
	run 0 "$WORK/out" "$WORK/err" summary --state "$st" new.jsonl
	same "$EXP/summary-state2.txt" "$WORK/out"
	run 0 "$WORK/out" "$WORK/err" summary --state "$st" new.jsonl
	same "$EXP/summary-state3.txt" "$WORK/out"
	# The state is replaced by rename: no temporary file is left behind.
	if [ "$(ls "$WORK" | grep -c '^state\.')" -ne 0 ]; then
		echo "FAIL: temporary state file left behind"; fail=1
	fi
	# A damaged state line is named and skipped; the good ones still count.
	printf 'kind "scan"\ngarbage\nsrc "192.0.2.44"\n' >"$WORK/st2"
	run 0 "$WORK/out" "$WORK/err" summary --state "$WORK/st2" alerts.jsonl
	echo "$WORK/st2:2: bad state line" >"$WORK/exp"
	same "$WORK/exp" "$WORK/err"
	grep -q '^  kind         private-destination$' "$WORK/out" || fail=1
	if grep -q -e '^  kind         scan$' -e '^  source       192.0.2.44$' \
	    "$WORK/out"; then
		echo "FAIL: items in the state reported as new"; fail=1
	fi
	rm -f "$WORK/st2"
	# Without --state nothing is written.
	run 0 "$WORK/out" "$WORK/err" summary alerts.jsonl
	[ "$(ls "$WORK" | grep -c state)" -eq 1 ] || { echo "FAIL: state"; fail=1; }
	;;
gzip)
	# Rotated files: one gzip, one with two gzip members (as cat of two
	# .gz files gives), one plain file split in two, and stdin; all must
	# read like the plain file.  The names say nothing about the format.
	head -n 7 "$DATA/alerts.jsonl" >"$WORK/part1"
	tail -n +8 "$DATA/alerts.jsonl" >"$WORK/part2"
	gzip -c "$DATA/alerts.jsonl" >"$WORK/whole.log"
	gzip -c "$WORK/part1" >"$WORK/two.gz"
	gzip -c "$WORK/part2" >>"$WORK/two.gz"
	gzip -c "$WORK/part2" >"$WORK/part2.1"
	for args in "$WORK/whole.log" "$WORK/two.gz" \
	    "$WORK/part1 $WORK/part2.1"; do
		# shellcheck disable=SC2086
		run 0 "$WORK/out" "$WORK/err" hosts --csv $args
		same "$EXP/hosts.csv" "$WORK/out"; empty_err "$WORK/err"
	done
	(cd "$DATA" && "$BIN" hosts --csv - <"$WORK/whole.log") >"$WORK/out"
	same "$EXP/hosts.csv" "$WORK/out"
	(cd "$DATA" && "$BIN" hosts --csv <"$WORK/two.gz") >"$WORK/out"
	same "$EXP/hosts.csv" "$WORK/out"
	# Without its last 4 bytes (the length in the gzip trailer, RFC 1952)
	# every line is still there, but the file is named as cut short.
	sz=$(wc -c <"$WORK/whole.log")
	head -c $((sz - 4)) "$WORK/whole.log" >"$WORK/cut.gz"
	run 1 "$WORK/out" "$WORK/err" hosts --csv "$WORK/cut.gz"
	same "$EXP/hosts.csv" "$WORK/out"
	echo "nightjar-report: $WORK/cut.gz: unexpected end of file" \
	    >"$WORK/exp"
	same "$WORK/exp" "$WORK/err"
	;;
malformed)
	run 0 "$WORK/out" "$WORK/err" hosts --csv bad.jsonl
	same "$EXP/bad.csv" "$WORK/out"
	same "$EXP/bad.err" "$WORK/err"
	# A line over the 1 MiB bound is one bad line; counting goes on after.
	{ sed -n 1p "$DATA/bad.jsonl"
	  head -c 1100000 /dev/zero | tr '\0' a; echo
	  sed -n 8p "$DATA/bad.jsonl"; } >"$WORK/long.jsonl"
	(cd "$WORK" && "$BIN" hosts --csv long.jsonl) >"$WORK/out" 2>"$WORK/err"
	same "$EXP/bad.csv" "$WORK/out"
	printf 'long.jsonl:2: line too long\nnightjar-report: 1 malformed line skipped\n' \
	    >"$WORK/exp"
	same "$WORK/exp" "$WORK/err"
	;;
empty)
	: >"$WORK/empty"
	run 0 "$WORK/out" "$WORK/err" summary "$WORK/empty"
	same "$EXP/summary-empty.txt" "$WORK/out"; empty_err "$WORK/err"
	run 0 "$WORK/out" "$WORK/err" hosts </dev/null
	same "$EXP/hosts-empty.txt" "$WORK/out"; empty_err "$WORK/err"
	run 0 "$WORK/out" "$WORK/err" timeline --csv "$WORK/empty"
	printf 'hour,attempts\r\n' >"$WORK/exp"
	same "$WORK/exp" "$WORK/out"
	run 0 "$WORK/out" "$WORK/err" timeline --html "$WORK/e.html" \
	    --svg "$WORK/e.svg" "$WORK/empty"
	grep -q '^<p>No alerts.</p>$' "$WORK/e.html" ||
	    { echo "FAIL: empty page"; fail=1; }
	if command -v xmllint >/dev/null; then
		xmllint --noout "$WORK/e.svg" || fail=1
	fi
	;;
usage)
	# Bad flags and commands: one line on stderr, exit 1, nothing on stdout.
	for args in "" "frobnicate" "summary --bogus" "hosts -x" \
	    "hosts --by sideways" "timeline --per fortnight" \
	    "summary --since yesterday" "timeline --count bytes"; do
		# shellcheck disable=SC2086
		run 1 "$WORK/out" "$WORK/err" $args
		if [ "$(wc -l <"$WORK/err")" -ne 1 ] || [ -s "$WORK/out" ]; then
			echo "FAIL: '$args' did not give exactly one line:"
			cat "$WORK/err"; fail=1
		fi
	done
	# A missing file is named, the other inputs still reported, exit 1.
	run 1 "$WORK/out" "$WORK/err" hosts --csv no-such-file alerts.jsonl
	same "$EXP/hosts.csv" "$WORK/out"
	grep -q '^nightjar-report: no-such-file: ' "$WORK/err" ||
	    { echo "FAIL: missing file not named"; fail=1; }
	;;
hostile)
	# Terminal controls from hostile hostnames (ESC, and U+009B, the C1
	# CSI) come out as visible escapes, never raw.
	run 0 "$WORK/out" "$WORK/err" hosts --by dst hostile.jsonl
	same "$EXP/hostile-dst.txt" "$WORK/out"; empty_err "$WORK/err"
	;;
svg)
	command -v xmllint >/dev/null || { echo "SKIP: no xmllint"; exit 77; }
	command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
	run 0 "$WORK/out" "$WORK/err" timeline --count alerts \
	    --svg "$WORK/hour.svg" alerts.jsonl
	empty_err "$WORK/err"
	[ -s "$WORK/out" ] && { echo "FAIL: --svg wrote to stdout"; fail=1; }
	xmllint --noout "$WORK/hour.svg" || fail=1
	python3 "$SRC/check_svg.py" "$WORK/hour.svg" 4 3 0 3 2 || fail=1
	# The Hail Mary bunching: attempts at :00 to :02, one scan at :30.
	run 0 "$WORK/out" "$WORK/err" timeline --per minute-of-hour \
	    --svg "$WORK/minute.svg" alerts.jsonl
	xmllint --noout "$WORK/minute.svg" || fail=1
	python3 "$SRC/check_svg.py" "$WORK/minute.svg" 60 0=10 1=9 2=2 \
	    30=120 45=1 59=10 || fail=1
	;;
html)
	# Hostile names are escaped: the raw ones never reach the page.
	run 0 "$WORK/out" "$WORK/err" timeline --html "$WORK/report.html" \
	    alerts.jsonl hostile.jsonl
	# 12 alerts and 152 attempts in alerts.jsonl, one more of each in
	# hostile.jsonl, which also has the last one.
	grep -q '^<p>13 alerts, 153 attempts, from 2014-07-18T17:00:05Z to 2014-07-18T21:30:00Z (UTC).</p>$' \
	    "$WORK/report.html" || { echo "FAIL: totals line"; fail=1; }
	grep -q 'x&lt;y&gt;&amp;&quot;z&quot;.example' "$WORK/report.html" ||
	    { echo "FAIL: escaped hostname missing"; fail=1; }
	if grep -q -e 'x<y>' -e '<script' -e '<img' "$WORK/report.html"; then
		echo "FAIL: unescaped markup in the page"; fail=1
	fi
	if grep -q -i -E -e '<[^>]*[[:space:]](src|href)=' -e '@import' \
	    -e 'url\(' "$WORK/report.html"; then
		echo "FAIL: the page refers to something outside itself"; fail=1
	fi
	for b in chromium chromium-browser; do
		command -v $b >/dev/null && break
	done
	command -v $b >/dev/null || { echo "SKIP: no chromium"; exit 77; }
	command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
	mkdir "$WORK/profile"
	(cd "$WORK" && timeout 120 $b --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --enable-logging=stderr --v=0 --user-data-dir="$WORK/profile" --screenshot="$WORK/shot.png" \
	    --window-size=1200,900 "file://$WORK/report.html") \
	    >"$WORK/chromium.log" 2>&1 ||
	    { echo "FAIL: chromium failed"; cat "$WORK/chromium.log"; fail=1; }
	# Chromium logs dbus noise in a container; what matters is the page:
	# a blocked load or a script error would be logged like this.
	if grep -E 'Refused to|Uncaught|CONSOLE' "$WORK/chromium.log"; then
		echo "FAIL: the page raised errors in chromium"; fail=1
	fi
	python3 "$SRC/check_png.py" "$WORK/shot.png" || fail=1
	;;
*)
	echo "run.sh: unknown case $case_name"; exit 1 ;;
esac
[ $fail -eq 0 ] && echo "PASS: $case_name"
exit $fail
