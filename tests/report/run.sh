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
	;;
malformed)
	run 0 "$WORK/out" "$WORK/err" hosts --csv bad.jsonl
	same "$EXP/bad.csv" "$WORK/out"
	same "$EXP/bad.err" "$WORK/err"
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
*)
	echo "run.sh: unknown case $case_name"; exit 1 ;;
esac
[ $fail -eq 0 ] && echo "PASS: $case_name"
exit $fail
