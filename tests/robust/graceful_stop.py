#!/usr/bin/env python3
"""graceful_stop.py - SIGTERM mid-capture: flows flushed, alerts and
statistics written, exit 0.

Two hours of nightjar-gen background get a 20-minute hole after their
middle packet (pcap_hole). nightjar reads the capture from a pipe
(`-r -`); the test writes the bytes up to 2 MB past the first packet after
the hole, never the rest, and sends SIGTERM with the pipe still open, so
nightjar is stopped mid-way, blocked in a read or between packets. Because
the write of those bytes returned, nightjar has read all but what the
pipe and its stdio buffer hold (well under 2 MB), and so has processed the
packet that ends the hole. Checked:

  - exit 0 and nothing on stderr (an interrupted read is the stop, not a
    truncated file);
  - the statistics file was written: 0 < packets < the capture's count;
  - the flow log holds one complete JSON line per flow created (every
    active flow was flushed at the stop);
  - the JSON alerts are complete lines and include the capture-gap alert
    of the hole.

usage: graceful_stop.py NIGHTJAR_GEN PCAP_HOLE NIGHTJAR WORKDIR
"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys

MARGIN = 2 << 20


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def records(data):
    """Byte offsets and count of the records of a little-endian pcap."""
    magic = struct.unpack_from("<I", data, 0)[0]
    if magic not in (0xa1b2c3d4, 0xa1b23c4d):
        fail(f"unexpected pcap magic {magic:#x}")
    off, offs = 24, []
    while off + 16 <= len(data):
        offs.append(off)
        off += 16 + struct.unpack_from("<I", data, off + 8)[0]
    return offs


def complete_lines(path, what):
    with open(path, "rb") as f:
        raw = f.read()
    if raw and not raw.endswith(b"\n"):
        fail(f"{what}: the last line is incomplete")
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        try:
            out.append(json.loads(line))
        except ValueError:
            fail(f"{what}:{n}: not a complete JSON line: {line[:200]!r}")
    return out


def main():
    gen, hole, nj, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    bg = os.path.join(work, "background.pcap")
    cut = os.path.join(work, "hole.pcap")
    subprocess.run([gen, "background", "--duration", "2h", "-w", bg],
                   check=True, capture_output=True)
    subprocess.run([hole, bg, cut, "1200"], check=True, capture_output=True)
    with open(cut, "rb") as f:
        data = f.read()
    os.unlink(bg)
    os.unlink(cut)
    offs = records(data)
    total = len(offs)
    resume = offs[total // 2]
    upto = resume + MARGIN
    if upto >= len(data) - MARGIN:
        fail("capture too small for the test")

    js = os.path.join(work, "alerts.json")
    flows = os.path.join(work, "flows.json")
    stats = os.path.join(work, "stats.txt")
    p = subprocess.Popen([nj, "-q", "--no-text", "-r", "-", "--json", js,
                          "--flows", flows, "--stats", stats],
                         stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdin.write(data[:upto])
    p.stdin.flush()
    p.send_signal(signal.SIGTERM)
    try:
        _, err = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("no exit within 120 s of SIGTERM")
    err = err.decode(errors="replace")
    if p.returncode != 0 or err:
        fail(f"exit {p.returncode}, stderr {err[:2000]!r}")

    st = {}
    with open(stats) as f:
        for line in f:
            k, _, v = line.strip().partition(" ")
            st[k] = v
    packets = int(st.get("packets", "0"))
    if not 0 < packets < total:
        fail(f"packets {packets}: not stopped mid-way (capture has {total})")
    fl = complete_lines(flows, "flow log")
    if len(fl) != int(st["flows.created"]):
        fail(f"{len(fl)} flow lines, {st['flows.created']} flows created")
    alerts = complete_lines(js, "alerts")
    if not any(a["alert"]["kind"] == "capture-gap" for a in alerts):
        fail("the hole's capture-gap alert is missing")
    print(f"ok: stopped after {packets} of {total} packets, {len(fl)} flows "
          f"flushed, {len(alerts)} alerts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
