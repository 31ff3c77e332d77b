#!/usr/bin/env python3
"""vt-hostile: a hostile agent for the malformed-input tests.

    vt-hostile.py SOCKET CASE

Connects to a domain's socket, sends HELLO, waits for WELCOME (prints
`welcome`), then acts out CASE. The bytes are encoded here by hand, after
protocol/proto.h (12-byte little-endian header: type, window, body length).

One-shot cases send something the daemon must refuse, then wait (at most
VT_HOSTILE_TIMEOUT seconds, default 10) for the daemon to close the
connection and print `closed`, or `open` if it did not:

    badlen      CREATE with a 20-byte body (it must be 24)
    badtype     a message of type 0x3f
    unknownwin  DAMAGE for a window that was never created
    dupcreate   CREATE of window 7, twice
    unsealed    BUFFER whose memfd has no seals
    small       BUFFER whose sealed memfd is one page smaller than stride*height
    garbage     4 KiB of random bytes (always the same ones)

Holding cases set something up, print `ready`, and then keep the connection
open until stdin ends, answering commands from stdin with `sent`; if the
daemon closes the connection they print `closed` and exit 1:

    window      window 7, 160x100 at 500,200, title "hostile", a buffer
                filled with 0xffff00, mapped, fully damaged.
                stdin: `damage X Y W H` sends a DAMAGE for window 7.
    titles      window 8 titled "\\x1b[1m[work] bank\\x07" and window 9
                titled "plain title", 240x80 each, with pixels
    stall       the first 6 bytes of a CREATE header, and nothing more
"""
import fcntl
import os
import random
import select
import socket
import struct
import sys

HELLO, CREATE, DESTROY, MAP, UNMAP, CONFIGURE, DAMAGE, BUFFER, TITLE = range(1, 10)
WELCOME = 0x81
F_ADD_SEALS = 1033
SEAL_SEAL, SEAL_SHRINK, SEAL_GROW = 1, 2, 4
BUF_LOCAL, FMT_XRGB8888 = 1, 1
TIMEOUT = float(os.environ.get("VT_HOSTILE_TIMEOUT", "10"))


def out(line):
    print(line, flush=True)


def msg(mtype, window, body=b""):
    return struct.pack("<III", mtype, window, len(body)) + body


def hello():
    return msg(HELLO, 0, struct.pack("<HHI", 1, 0, 0))


def create(win, x, y, w, h, flags=0):
    return msg(CREATE, win, struct.pack("<iiIIII", x, y, w, h, flags, 0))


def map_(win):
    return msg(MAP, win, struct.pack("<II", 0, 0))


def damage(win, x, y, w, h):
    return msg(DAMAGE, win, struct.pack("<iiII", x, y, w, h))


def buffer(win, serial, w, h, stride):
    return msg(BUFFER, win, struct.pack("<8I", serial, BUF_LOCAL, w, h, stride,
                                        FMT_XRGB8888, 0, 0))


def title(win, raw):
    return msg(TITLE, win, raw)


def memfd(size, seal=True, rgb=None):
    fd = os.memfd_create("vt-hostile", os.MFD_ALLOW_SEALING | os.MFD_CLOEXEC)
    os.ftruncate(fd, size)
    if rgb is not None:
        px = struct.pack("<I", rgb)  # XRGB8888 little-endian: B G R X
        os.pwrite(fd, px * (size // 4), 0)
    if seal:
        fcntl.fcntl(fd, F_ADD_SEALS, SEAL_SHRINK | SEAL_GROW | SEAL_SEAL)
    return fd


def send_buffer(sock, win, w, h, size=None, seal=True, rgb=None):
    stride = w * 4
    fd = memfd(stride * h if size is None else size, seal, rgb)
    try:
        socket.send_fds(sock, [buffer(win, 1, w, h, stride)], [fd])
    finally:
        os.close(fd)


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def handshake(sock):
    sock.sendall(hello())
    sock.settimeout(TIMEOUT)
    try:
        mtype, _win, length = struct.unpack("<III", recv_exact(sock, 12))
        recv_exact(sock, length)
    except (socket.timeout, EOFError, ConnectionError) as e:
        out("no welcome: %r" % (e,))
        sys.exit(2)
    if mtype != WELCOME:
        out("first message is type 0x%x, not WELCOME" % mtype)
        sys.exit(2)
    out("welcome")


def wait_closed(sock):
    """Read until the daemon closes the connection, or the timeout."""
    sock.settimeout(TIMEOUT)
    try:
        while sock.recv(65536):
            pass
    except socket.timeout:
        out("open")
        return 1
    except ConnectionError:
        pass
    out("closed")
    return 0


def one_shot(sock, case):
    if case == "badlen":
        sock.sendall(struct.pack("<III", CREATE, 7, 20) + bytes(20))
    elif case == "badtype":
        sock.sendall(msg(0x3F, 7))
    elif case == "unknownwin":
        sock.sendall(damage(4242, 0, 0, 10, 10))
    elif case == "dupcreate":
        sock.sendall(create(7, 300, 200, 100, 80) + create(7, 300, 200, 100, 80))
    elif case == "unsealed":
        sock.sendall(create(7, 300, 200, 100, 80))
        send_buffer(sock, 7, 100, 80, seal=False, rgb=0xFFFF00)
    elif case == "small":
        sock.sendall(create(7, 300, 200, 100, 80))
        send_buffer(sock, 7, 100, 80, size=100 * 4 * 80 - 4096, rgb=0xFFFF00)
    elif case == "garbage":
        sock.sendall(random.Random(17).randbytes(4096))
    else:
        out("unknown case " + case)
        return 2
    return wait_closed(sock)


def hold(sock, case):
    if case == "window":
        sock.sendall(create(7, 500, 200, 160, 100) + title(7, b"hostile"))
        send_buffer(sock, 7, 160, 100, rgb=0xFFFF00)
        sock.sendall(map_(7) + damage(7, 0, 0, 160, 100))
    elif case == "titles":
        for win, raw, y in ((8, b"\x1b[1m[work] bank\x07", 150),
                            (9, b"plain title", 400)):
            sock.sendall(create(win, 500, y, 240, 80) + title(win, raw))
            send_buffer(sock, win, 240, 80, rgb=0x808080)
            sock.sendall(map_(win) + damage(win, 0, 0, 240, 80))
    elif case == "stall":
        sock.sendall(struct.pack("<III", CREATE, 7, 24)[:6])
    else:
        out("unknown case " + case)
        return 2
    out("ready")
    sock.setblocking(False)
    pending = b""
    while True:
        r, _, _ = select.select([0, sock], [], [])
        if sock in r:
            try:
                if not sock.recv(65536):
                    out("closed")
                    return 1
            except BlockingIOError:
                pass
            except ConnectionError:
                out("closed")
                return 1
        if 0 in r:
            data = os.read(0, 4096)
            if not data:
                return 0
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                command(sock, line.decode(errors="replace").split())


def command(sock, words):
    if len(words) == 5 and words[0] == "damage":
        x, y, w, h = (int(v) for v in words[1:])
        sock.setblocking(True)
        sock.sendall(damage(7, x, y, w, h))
        sock.setblocking(False)
        out("sent")
    else:
        out("error: unknown command")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    path, case = sys.argv[1], sys.argv[2]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    handshake(sock)
    if case in ("window", "titles", "stall"):
        return hold(sock, case)
    return one_shot(sock, case)


if __name__ == "__main__":
    sys.exit(main())
