#!/usr/bin/env python3
"""QEMU's human monitor, from the host (tools/drm/run).

  monitor.py SOCKET COMMAND...   run each command (e.g. "sendkey a") in turn,
                                 print what the monitor answered
  monitor.py --png PPM PNG       a screendump (binary PPM) as an RGB PNG
  monitor.py --qmp SOCKET WxH EVENT...
                                 QMP's input-send-event, one event each, in
                                 turn: key:QCODE:down|up, btn:left|right:down|up,
                                 abs:X:Y (a pixel of the WxH screen, through the
                                 tablet bound to the display "gpu"), sleep:S
  monitor.py --line SOCKET TEXT  write TEXT and a newline to a socket (the
                                 machine's second serial port)
"""
import json
import socket
import struct
import sys
import time
import zlib


def ppm_to_png(src, dst):
    data = open(src, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # P6 W H MAX, with comments and whitespace
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6" or fields[3] != b"255":
        sys.exit("monitor.py: not an 8-bit P6 PPM: %s" % src)
    w, h = int(fields[1]), int(fields[2])
    px = data[pos:pos + w * h * 3]
    raw = b"".join(b"\0" + px[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))

    with open(dst, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def until_prompt(s, deadline):
    buf = b""
    while not buf.rstrip().endswith(b"(qemu)"):
        s.settimeout(max(0.1, deadline - time.time()))
        part = s.recv(65536)
        if not part:
            break
        buf += part
    return buf


def qmp_event(token, w, h):
    f = token.split(":")
    if f[0] == "key":
        return {"type": "key", "data": {"down": f[2] == "down",
                                        "key": {"type": "qcode", "data": f[1]}}}
    if f[0] == "btn":
        return {"type": "btn", "data": {"down": f[2] == "down", "button": f[1]}}
    # the tablet's axes run 0..0x7fff; libinput scales v * size / 0x8000:
    # the smallest v that lands on the pixel
    x, y = int(f[1]), int(f[2])
    return [{"type": "abs", "data": {"axis": "x", "value": -(-x * 0x8000 // w)}},
            {"type": "abs", "data": {"axis": "y", "value": -(-y * 0x8000 // h)}}]


def qmp(path, size, tokens):
    w, h = (int(v) for v in size.split("x"))
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    f = s.makefile("rw")

    def ask(cmd):
        f.write(json.dumps(cmd) + "\n")
        f.flush()
        while True:
            r = json.loads(f.readline())
            if "return" in r:
                return
            if "error" in r:
                sys.exit("monitor.py: QMP: %s" % r["error"])

    json.loads(f.readline())  # the greeting
    ask({"execute": "qmp_capabilities"})
    for t in tokens:
        if t.startswith("sleep:"):
            time.sleep(float(t[6:]))
            continue
        ev = qmp_event(t, w, h)
        ask({"execute": "input-send-event",
             "arguments": {"device": "gpu",
                           "events": ev if isinstance(ev, list) else [ev]}})
    s.close()


def main():
    if sys.argv[1] == "--png":
        ppm_to_png(sys.argv[2], sys.argv[3])
        return
    if sys.argv[1] == "--qmp":
        qmp(sys.argv[2], sys.argv[3], sys.argv[4:])
        return
    if sys.argv[1] == "--line":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sys.argv[2])
        text = sys.argv[3].encode()
        s.sendall(text + b"\n")
        # QEMU drops what it has not read yet when it sees the hang-up
        # first (a command was lost, twice: once with a fixed second's
        # wait, while the machine switched VTs): close only when the
        # guest's serial line echoed the text back (it was delivered), or
        # after 30 s
        got, deadline = b"", time.time() + 30
        while text not in got and time.time() < deadline:
            s.settimeout(max(0.1, deadline - time.time()))
            try:
                part = s.recv(4096)
            except socket.timeout:
                break
            if not part:
                break
            got += part
        time.sleep(0.2)
        s.close()
        return
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    until_prompt(s, time.time() + 30)
    for cmd in sys.argv[2:]:
        s.sendall(cmd.encode() + b"\n")
        out = until_prompt(s, time.time() + 60).decode(errors="replace")
        # the monitor echoes the command with terminal escapes
        for line in out.replace("\r", "").split("\n")[1:-1]:
            if line.strip():
                print(line)
    s.close()


if __name__ == "__main__":
    main()
