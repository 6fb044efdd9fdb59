"""egress_run.py - runs the sensor over a capture for the egress tests:
nightjar itself (-r, -c, --json) once its command line writes alerts, else
the egress_replay harness (the same sensor path, wired by hand)."""
import json
import os
import subprocess

KINDS = {"outbound-irc", "outbound-smtp", "no-egress", "lateral-ssh",
         "unknown-local-host"}


def run_sensor(nightjar, replay, policy, pcap, out):
    """policy None: the default policy. Returns the runner's name, or
    None when neither could read the capture."""
    if os.path.exists(out):
        os.unlink(out)
    args = [nightjar, "-q", "-r", pcap, "--json", out]
    if policy is not None:
        args[4:4] = ["-c", policy]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode == 0 and os.path.exists(out):
        return "nightjar"
    if os.path.exists(out):
        os.unlink(out)
    r = subprocess.run([replay, policy or "-", pcap, out],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return "egress_replay"


def load_alerts(path, kinds=KINDS):
    """The first alerts (not fold updates) of the given kinds."""
    alerts = []
    if not os.path.exists(path):
        return alerts
    with open(path) as f:
        for line in f:
            a = json.loads(line)
            if a.get("update"):
                continue
            if a["alert"]["kind"] in kinds:
                alerts.append(a)
    return alerts
