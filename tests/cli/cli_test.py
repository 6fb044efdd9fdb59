#!/usr/bin/env python3
"""cli_test.py - one command-line case of nightjar: exact exit status, the
exact single stderr line, and an empty stdout. Capture files are built
here, byte by byte, in a temporary folder.

usage: cli_test.py NIGHTJAR CASE
"""
import os
import struct
import subprocess
import sys
import tempfile


def pcap(path, linktype=1, records=(), cut=0):
    """Writes a classic little-endian pcap; cut drops bytes at the end."""
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for i, frame in enumerate(records):
        out += struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame))
        out += frame
    if cut:
        out = out[:-cut]
    with open(path, "wb") as f:
        f.write(out)


def udp_frame():
    """Ethernet + IPv4 + UDP 10.0.0.1:5353 -> 10.0.0.2:53, 4 payload bytes."""
    eth = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 32, 1, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    udp = struct.pack("!HHHH", 5353, 53, 12, 0) + b"abcd"
    return eth + ip + udp


def run(nj, args, stdin=None):
    p = subprocess.run([nj] + args, stdin=stdin, capture_output=True,
                       timeout=30)
    return p.returncode, p.stdout.decode(errors="replace"), \
        p.stderr.decode(errors="replace")


def expect(got, status, line=None, prefix=None, stdout=""):
    rc, out, err = got
    ok = True
    lines = err.splitlines()
    if rc != status:
        print(f"exit status {rc}, expected {status}")
        ok = False
    if line is not None and lines != [line]:
        print(f"stderr {lines!r}, expected [{line!r}]")
        ok = False
    if prefix is not None and (len(lines) != 1 or not lines[0].startswith(prefix)):
        print(f"stderr {lines!r}, expected one line starting {prefix!r}")
        ok = False
    if stdout is not None and out != stdout:
        print(f"stdout {out!r}, expected {stdout!r}")
        ok = False
    return ok


def main():
    nj, case = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="nj-cli-")
    good = os.path.join(tmp, "good.pcap")
    pcap(good, records=[udp_frame(), udp_frame()])
    usage = " (see nightjar -h)"

    if case == "missing_file":
        f = os.path.join(tmp, "absent.pcap")
        ok = expect(run(nj, ["-r", f]), 2,
                    f"nightjar: {f}: No such file or directory")
    elif case == "corrupt_file":
        f = os.path.join(tmp, "corrupt.pcap")
        with open(f, "wb") as fp:
            fp.write(b"not a pcap")
        ok = expect(run(nj, ["-r", f]), 2,
                    f"nightjar: {f}: unknown file format")
    elif case == "empty_file":
        f = os.path.join(tmp, "empty.pcap")
        open(f, "wb").close()
        ok = expect(run(nj, ["-r", f]), 2, prefix=f"nightjar: {f}: ")
    elif case == "bad_filter":
        ok = expect(run(nj, ["-r", good, "tcp", "port"]), 1,
                    "nightjar: filter: syntax error in 'tcp port'")
    elif case == "unknown_long":
        ok = expect(run(nj, ["--bogus", "-r", good]), 1,
                    "nightjar: unknown option --bogus" + usage)
    elif case == "unknown_short":
        ok = expect(run(nj, ["-x", "-r", good]), 1,
                    "nightjar: unknown option -x" + usage)
    elif case == "missing_argument":
        ok = expect(run(nj, ["-r"]), 1,
                    "nightjar: option -r requires an argument" + usage)
    elif case == "bad_number":
        ok = expect(run(nj, ["--max-flows", "12x", "-r", good]), 1,
                    "nightjar: --max-flows: invalid value '12x' "
                    "(expected 1..1073741824)")
    elif case == "no_input":
        ok = expect(run(nj, []), 1,
                    "nightjar: give exactly one of -r FILE and -i IFACE" + usage)
    elif case == "both_inputs":
        ok = expect(run(nj, ["-r", good, "-i", "lo"]), 1,
                    "nightjar: give exactly one of -r FILE and -i IFACE" + usage)
    elif case == "unknown_interface":
        ok = expect(run(nj, ["-i", "nj-no-such0"]), 2,
                    prefix="nightjar: nj-no-such0: ")
    elif case == "unsupported_linktype":
        f = os.path.join(tmp, "wifi.pcap")
        pcap(f, linktype=105, records=[b"\x00" * 24])
        ok = expect(run(nj, ["-r", f]), 1,
                    f"nightjar: {f}: link type IEEE802_11 (105) not supported")
    elif case == "truncated_file":
        # Two records, the second cut short: the first is still counted.
        f = os.path.join(tmp, "cut.pcap")
        stats = os.path.join(tmp, "stats")
        pcap(f, records=[udp_frame(), udp_frame()], cut=10)
        ok = expect(run(nj, ["-q", "--stats", stats, "-r", f]), 2,
                    prefix=f"nightjar: {f}: truncated dump file")
        with open(stats) as fp:
            ok = ok and "packets 1\n" in fp.read()
    elif case == "good_run":
        stats = os.path.join(tmp, "stats")
        ok = expect(run(nj, ["-q", "--stats", stats, "-r", good]), 0, stdout="")
        with open(stats) as fp:
            text = fp.read()
        if "packets 2\n" not in text or f"bytes {2 * 46}\n" not in text:
            print("statistics file:\n" + text)
            ok = False
    elif case == "stdin_read":
        stats = os.path.join(tmp, "stats")
        with open(good, "rb") as fp:
            ok = expect(run(nj, ["-q", "--stats", stats, "-r", "-"], stdin=fp), 0)
        with open(stats) as fp:
            ok = ok and "packets 2\n" in fp.read()
    elif case == "version":
        rc, out, err = run(nj, ["-V"])
        ok = rc == 0 and out.startswith("nightjar ") and err == ""
    else:
        print(f"unknown case {case}")
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
