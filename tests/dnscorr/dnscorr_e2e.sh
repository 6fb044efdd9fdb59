#!/bin/sh
# dnscorr_e2e.sh - one end-to-end run: nightjar-gen SCENARIO [gen options]
# writes a capture and its facts, the sensor reads it with the demo
# policy (nightjar -c POLICY -r PCAP --json OUT --flows FLOWS),
# dnscorr_check.py compares the alerts and flow records with the facts.
# usage: dnscorr_e2e.sh GEN RUN CHECK POLICY OUTDIR NAME SCENARIO [GEN ARGS]
set -eu
gen=$1 run=$2 check=$3 policy=$4 out=$5 name=$6 scenario=$7
shift 7
mkdir -p "$out"
"$gen" "$scenario" "$@" -w "$out/$name.pcap" -e "$out/$name.facts.json" \
    2>/dev/null
rm -f "$out/$name.alerts.json"
rm -f "$out/$name.flows.json"
"$run" --no-text --stats "$out/$name.stats" -q -c "$policy" \
    -r "$out/$name.pcap" --json "$out/$name.alerts.json" \
    --flows "$out/$name.flows.json"
python3 "$check" "$out/$name.facts.json" "$out/$name.alerts.json" \
    "$out/$name.flows.json"
