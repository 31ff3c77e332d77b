#!/usr/bin/env python3
"""vt-rogue: a hand-driven agent, for the desktop backend's hostile cases.

    vt-rogue.py SOCKET

Connects to a domain's socket, sends HELLO, waits for WELCOME (prints
`welcome`), then reads commands from stdin, one per line, sends the message
each one names, and answers `sent` (or `error: WHY`). The messages are
encoded by vt-hostile.py's functions (after protocol/proto.h); nothing here
checks that they make sense, which is the point:

    create ID X Y W H [popup]     CREATE (flags: override-redirect)
    buffer ID W H RRGGBB          BUFFER: a sealed memfd W*H filled with RRGGBB
    map ID [popup]                MAP (flags: override-redirect)
    unmap ID                      UNMAP
    configure ID X Y W H [popup]  CONFIGURE (flags: override-redirect)
    damage ID X Y W H             DAMAGE
    title ID HEX                  TITLE with these raw bytes (hex, may be empty)
    wmflags ID N                  WMFLAGS (urgent 1, fullscreen 2, minimized 4,
                                  demands attention 8, maximized 16)
    wintype ID N                  WINDOW_TYPE (enum vp_wintype; any number)

Every message from the daemon is written to stderr as one line:
`daemon: TYPE window ID [fields]` (SET_GEOMETRY shows X Y W H). When the
daemon closes the connection it prints `closed` and exits 1; stdin EOF exits 0.
"""
import importlib.util
import os
import select
import socket
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
_spec = importlib.util.spec_from_file_location(
    "vt_hostile", os.path.join(os.path.dirname(os.path.abspath(__file__)), "vt-hostile.py"))
H = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(H)

UNMAP, CONFIGURE, WMFLAGS, WINDOW_TYPE = 5, 6, 12, 14
NAMES = {0x81: "WELCOME", 0x82: "SET_GEOMETRY", 0x83: "CLOSE", 0x84: "SCREEN",
         0x85: "RELEASE", 0x86: "KEY", 0x87: "BUTTON", 0x88: "MOTION",
         0x89: "CROSSING", 0x8a: "FOCUS", 0x8b: "KEYMAP", 0x8c: "LAYOUT",
         0x8f: "WINDOW_STATE", 0x90: "KEYSYM"}


def log(line):
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def flag(words, n):
    return 1 if len(words) > n and words[n] == "popup" else 0


def encode(words):
    """The bytes and the optional memfd for one command line."""
    cmd, args = words[0], words[1:]
    win = int(args[0])
    if cmd == "create":
        x, y, w, h = (int(v) for v in args[1:5])
        return H.create(win, x, y, w, h, flag(args, 5)), None
    if cmd == "buffer":
        w, h = int(args[1]), int(args[2])
        fd = H.memfd(w * 4 * h, rgb=int(args[3], 16))
        return H.buffer(win, 1, w, h, w * 4), fd
    if cmd == "map":
        return H.msg(H.MAP, win, struct.pack("<II", flag(args, 1), 0)), None
    if cmd == "unmap":
        return H.msg(UNMAP, win), None
    if cmd == "configure":
        x, y, w, h = (int(v) for v in args[1:5])
        return H.msg(CONFIGURE, win, struct.pack("<iiIII", x, y, w, h, flag(args, 5))), None
    if cmd == "damage":
        x, y, w, h = (int(v) for v in args[1:5])
        return H.damage(win, x, y, w, h), None
    if cmd == "title":
        return H.title(win, bytes.fromhex(args[1] if len(args) > 1 else "")), None
    if cmd == "wmflags":
        return H.msg(WMFLAGS, win, struct.pack("<I", int(args[1]))), None
    if cmd == "wintype":
        return H.msg(WINDOW_TYPE, win, struct.pack("<I", int(args[1]))), None
    raise ValueError("unknown command " + cmd)


def from_daemon(data):
    """Log whole messages from data; return the unparsed rest."""
    while len(data) >= 12:
        mtype, win, length = struct.unpack("<III", data[:12])
        if len(data) < 12 + length:
            break
        body, data = data[12:12 + length], data[12 + length:]
        line = "daemon: %s window %u" % (NAMES.get(mtype, "0x%x" % mtype), win)
        if mtype == 0x82 and length == 16:
            line += " %d %d %u %u" % struct.unpack("<iiII", body)
        if mtype == 0x8f and length == 4:
            line += " %u" % struct.unpack("<I", body)
        log(line)
    return data


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(sys.argv[1])
    H.handshake(sock)
    sock.setblocking(False)
    pending, incoming = b"", b""
    while True:
        r, _, _ = select.select([0, sock], [], [])
        if sock in r:
            try:
                data = sock.recv(65536)
            except BlockingIOError:
                data = None
            except ConnectionError:
                data = b""
            if data == b"":
                H.out("closed")
                return 1
            if data:
                incoming = from_daemon(incoming + data)
        if 0 in r:
            data = os.read(0, 4096)
            if not data:
                return 0
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                words = line.decode(errors="replace").split()
                if not words:
                    continue
                try:
                    raw, fd = encode(words)
                except (ValueError, IndexError) as e:
                    H.out("error: %s" % e)
                    continue
                sock.setblocking(True)
                try:
                    if fd is None:
                        sock.sendall(raw)
                    else:
                        socket.send_fds(sock, [raw], [fd])
                        os.close(fd)
                except (BrokenPipeError, ConnectionError):
                    H.out("closed")
                    return 1
                sock.setblocking(False)
                H.out("sent")


if __name__ == "__main__":
    sys.exit(main())
