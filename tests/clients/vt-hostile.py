#!/usr/bin/env python3
"""vt-hostile: a hostile agent for the malformed-input and attack tests.

    vt-hostile.py [--dump FILE] SOCKET CASE [ARGS...]

Connects to a domain's socket, sends HELLO, waits for WELCOME (prints
`welcome`), then acts out CASE. The bytes are encoded here by hand, after
protocol/proto.h (12-byte little-endian header: type, window, body length).
Every message the daemon sends is written to stderr as one line,
`got TYPE WINDOW [key=value...]` (for example `got SET_GEOMETRY 7 x=6 y=28
w=160 h=100`, `got RELEASE 7 serial=2`, `got KEY 7 keycode=38 pressed=1`,
`got CLIPBOARD_PASTE 0 len=2 text=6869`; texts over 64 bytes as
`len=N head=HEX tail=HEX` of 16 bytes each).
--dump FILE: write the bytes sent (after a first byte 0x80, the fuzzer's
split point) to FILE, to turn a crash into a tests/fuzz/regress input.

One-shot cases send something the daemon must refuse, then wait (at most
VT_HOSTILE_TIMEOUT seconds, default 10) for the daemon to close the
connection and print `closed`, or `open` if it did not.
Holding cases set something up, print `ready`, and then keep the connection
open until stdin ends, answering commands from stdin (below); if the daemon
closes the connection they print `closed` and exit 1.

The cases of tests/integ/malformed.sh:

    badlen      CREATE with a 20-byte body (it must be 24)
    badtype     a message of type 0x3f
    unknownwin  DAMAGE for a window that was never created
    dupcreate   CREATE of window 7, twice
    unsealed    BUFFER whose memfd has no seals
    small       BUFFER whose sealed memfd is one page smaller than stride*height
    garbage     4 KiB of random bytes (always the same ones)
    window      (hold) window 7, 160x100 at 500,200, title "hostile", a buffer
                filled with 0xffff00, mapped, fully damaged.
    titles      (hold) window 8 titled "\\x1b[1m[work] bank\\x07" and window 9
                titled "plain title", 240x80 each, with pixels
    stall       (hold) the first 6 bytes of a CREATE header, and nothing more

One case per row of ATTACKS.md (tests/integ/attack-*.sh), `rowN VARIANT`:

    row1 negative|negwidth|zero|hugex   (one-shot) window 7 with a buffer,
                then a DAMAGE at x=-1 / w=0xffffffff / w=0 / x=0x7ffffff0
    row1 clip   (hold) window 7 160x100 at 500,200, a 300x300 buffer: the
                160x100 window part 0x00ff00, the rest 0xff00ff; and window 8
                160x100 at 500,400 with an 80x50 buffer 0x0000ff. Both mapped
                and fully damaged.
    row2 partseal|notmemfd|tmpfile|hugetlb|nofd|grant|manyfds|fdqueue|fdglued   (one-shot)
                a BUFFER for window 7 with: a memfd sealed only against
                shrinking / a pipe / a regular file / no descriptor / the Xen
                grant form / 9 descriptors in one message / 9 descriptors
                queued with DAMAGE messages and no BUFFER
    row2 seals  (hold) window 7 160x100 at 500,200, sealed buffer 0x00ff00,
                mapped and damaged; commands `truncate`, `grow` and
                `punch` try to change that buffer after it was sent
    row3 nohello|hello2|major|helloflags|win0|hellowin|daemontype|afterdestroy|
         flags|selftransient|badrect|hugelen   (one-shot) a protocol violation:
                CREATE before HELLO / a second HELLO / HELLO major 2 (instead
                of the usual one) / HELLO with flag bit 0x1 (none is defined;
                for these two the daemon must answer nothing, printed as
                `answered with N bytes`) / CREATE of window 0 / HELLO with a window
                id / a WELCOME sent by the agent / MAP after DESTROY / CREATE
                flags 0x2 / CREATE transient for itself / CREATE 0x8193 wide /
                a header announcing a 0xffffffff-byte BUFFER body
    row3 len TYPE   (one-shot) a message of TYPE (decimal) with a body one
                byte longer than allowed
    row3 type TYPE  (one-shot) a message of TYPE (0x... or decimal) for
                window 7, empty
    row4 trickle [DELAY]  (hold) HELLO, window 7 (160x100 at 500,200, title
                "trickled", buffer 0x00ff00, map, damage), each byte in a
                write of its own, DELAY seconds apart (default 0.003); the
                buffer's descriptor travels with the BUFFER's first byte
    row4 stall-header|stall-body|stall-fd|stall-big   (hold) window 7 as in
                `row4 trickle` (but at 300,200 / 600,200 / 300,450 / 600,450,
                so that all four can be seen at once), then 6 bytes of a
                header / a TITLE header announcing 1000 bytes and 10 of them /
                half a BUFFER with its descriptor / 200 KiB of a 256 KiB
                grant BUFFER; then nothing
    row5 windows N [M]   (hold) N CREATEs of 50x40 windows (ids 100..,
                from 300,250 on), one write; MAP for the first M; then
                TITLE, MAP, BUFFER and DAMAGE for the last id (which the
                quota refused)
    row5 refuse N    (one-shot) N CREATEs (ids 100..), one write
    row5 bigbuf MB   (hold) window 7 200x200 at 500,200 with a buffer of
                1000x(MB*262) pixels (MB MiB), then window 8 with the same
                size of buffer, then window 9 with an 8192x8192 buffer;
                each mapped and damaged
    row5 noread N    (one-shot) window 7 mapped; N CONFIGUREs that each make
                the daemon answer SET_GEOMETRY, never reading an answer
    row6 titles (hold) windows 10..17 with hostile titles, 240x60 each,
                gray pixels (see TITLES below)
    row6 long N (one-shot) TITLE with an N-byte body
    row7 cover  (hold) popup 7 over the whole output (WELCOME's size) at
                0,0 and popups 8-11 over its quarters, with pixels, and popup
                12 8192x8192 at -100,-100
    row9 nopixels   (hold) window 7 (200x120 at 300,300) mapped, no buffer;
                window 8 (200x120 at 600,300) mapped, buffer, no damage
    row13 toolong|window|short   (one-shot) CLIPBOARD_DATA with a body of
                4 + 256 KiB + 1 bytes / with window id 5 / with a 2-byte body
    row16 hello|mid|buffer|fds   (hold) a first session that ends (the
                socket is closed, what the daemon sent unread) right after
                HELLO / halfway through a CONFIGURE / after window 7 with a buffer
                0xff0000, mapped and damaged / with a descriptor and half a
                BUFFER; then at once a second
                session: window 7 (160x100 at 500,200) with a buffer 0x00ff00,
                mapped and damaged; prints `ready`
    row16 blind N   (one-shot, no handshake) N times: connect, send HELLO,
                close at once without reading; prints `done`
    row16 second    (hold) window 7 as in the second session above, then a
                second connection to the same socket: prints `second closed`
                when the daemon closes it, or `second open`
    row18 buffer|any|many SECS   (hold) window 7 as in `window`, then a
                descriptor whose last close blocks for up to SECS seconds: a
                loopback TCP socket with SO_LINGER SECS, its send queue full,
                whose peer (kept open here) is never read; sent with the first
                byte of window 7's BUFFER / of a TITLE / 8 of them with one
                BUFFER's first byte. Our own copies are closed before the rest
                of the message is sent, so a daemon that keeps them until the
                message is whole holds the last reference. Prints `ready` and then only waits for stdin
                to end, keeping the peers open (the linger lasts until then)
    row19 violate N (one-shot, no handshake) N times: connect, send HELLO
                twice (a violation), read until the daemon closes; prints
                `done`
    row21 oversize|badlen|zero|toolong   (one-shot) window 7, then an ICON
                of 257x1 / whose body holds 2x2 pixels but says 3x2 / of 0x5 /
                whose header announces a body one byte over the largest
                icon's (256x256)
    row21 quota N   (one-shot) windows 100..115 with a 256x256 icon each
                (4 MiB, the icon quota of a domain with the default window
                quota), then window 116 and N 256x256 icons for it
    row22 shape N   (one-shot) window 7, then a CURSOR of shape N
    row25 never|short|long|conn|monitors   (one-shot) window 7, then a
                SYNC_DONE of serial 1 never asked / of a 2-byte body / of an
                8-byte body; a SYNC_DONE of window 0; a MONITORS (a daemon's
                type)
    row25 resize    (hold) HELLO of minor 3 (it reads SYNC_REQUEST), window 7
                as in `window`; then commands (`syncdone WIN SERIAL`)
    tray oversize|badlen|toolong   (one-shot) a TRAY_ICON of 65x1 / whose body
                holds 2x2 pixels but says 3x2 / whose header announces a body
                one byte over the largest (64x64)
    tray quota N    (one-shot) N 64x64 tray icons, ids 100 and up
    tray churn N    (one-shot) N times: tray icon 1 docked (1x1), then undocked
    notify toolong|badlen|window   (one-shot) a NOTIFY whose summary is 257
                bytes / with one byte after its strings / naming window 5
    tray mimic      (hold) tray icon 1 (16x16, work's blue 3465a4) named
                "[work] bank", then a NOTIFY from "[work] mail": "[work] pay
                now", body the daemon's notice text; prints `ready`
    notify flood N  (hold) N notifications at once; prints `ready`
    notify actions9|label65 (one-shot) a NOTIFY with 9 actions / with an
                action label of 65 bytes
    notify event    (one-shot) a NOTIFY_EVENT (a daemon's type): action 0 of
                notification 1
    notify closeflood N   (one-shot) N NOTIFY_CLOSE of ids it never had
    notify icon oversize|short   (one-shot) NOTIFY 1, then its NOTIFY_ICON
                of 65x1 / saying 4x4 with 3x4 pixels
    notify iconflood N    (one-shot) N NOTIFY_ICON (2x2) of ids it never had
    notify iconshow (hold) NOTIFY 3 "with icon", then its NOTIFY_ICON: 32x32
                of work's blue 3465a4; prints `ready`
    notify actions  (hold) HELLO of minor 4 (it reads NOTIFY_EVENT); NOTIFY
                7 "act now" with actions "Open" (the default) and "Later"
    row17 SEED [N]  (one-shot) N (default 1..8192, from SEED) random bytes
    row17 structured SEED   (one-shot) 300 messages of random agent types
                over window ids 1, 2, 3, 7, valid but for a changed byte in
                one of 250, random fields, BUFFERs with real sealed memfds of
                random sizes; then a message of type 0x3f

Commands of the holding cases, answered `sent` (or `error: WHY`):

    damage X Y W H                  DAMAGE for window 7
    damage ID X Y W H               DAMAGE
    create ID X Y W H [FLAGS]       CREATE
    map ID [FLAGS]                  MAP
    unmap ID | destroy ID           UNMAP, DESTROY
    configure ID X Y W H [FLAGS]    CONFIGURE
    buffer ID W H RRGGBB [SERIAL]   BUFFER with a sealed memfd filled with it
    title ID HEX                    TITLE with these raw bytes
    wmflags ID N                    WMFLAGS
    wintype ID N                    WINDOW_TYPE (12: dock, 99: unknown)
    clip SERIAL [HEX]               CLIPBOARD_DATA (window 0) with these bytes
    clipfill SERIAL N CHAR          CLIPBOARD_DATA of N times CHAR
    clipflood COUNT SIZE            COUNT CLIPBOARD_DATA of SIZE bytes, serial
                                    0 (nobody asked for them)
    syncdone WIN SERIAL             a SYNC_DONE
    frames ID N [FIRST]             N FRAMEs for ID, numbered FIRST (1) on,
                                    in one write
    buffer2 ID W H RGB0 RGB1 [SIZE] BUFFER of two frames (X2), frame 0 filled
                                    RGB0, frame 1 RGB1; SIZE: the memfd's bytes
    present ID SEQ INDEX            PRESENT (frame INDEX of an X2 buffer)
    raw HEX                         these bytes, as they are
    repeat N COMMAND...             COMMAND N times (answered once)
    range A B COMMAND...            COMMAND for each I from A to B, @ in its
                                    words replaced by I (answered once)
    flood ID SECONDS [scatter]      DAMAGE of the whole window ID (or of 1x1
                                    rectangles 2 px apart over 1000x700), as
                                    fast as the socket takes it, for SECONDS
                                    or until the next line on stdin (`stop`,
                                    read by the flood); answers `sent N`
    propflood ID SECONDS KIND       legal changes of window ID's title,
                                    hints, wmflags, geometry (configure),
                                    icon, or its map state (map: unmapped,
                                    as a popup, unmapped, managed), or its
                                    size as a popup across 3x3 (tiny), or
                                    its tray icon's title or pixels
                                    (traytitle, trayicon) (KIND),
                                    each new, as fast as the socket takes
                                    them, as flood; the last title is
                                    `last`; map ends mapped managed;
                                    answers `sent N`
    truncate | grow | punch         (row2 seals) answer `truncate:
                                    refused (ERRNO)` or `truncate: done`
"""
import ctypes
import errno
import fcntl
import os
import random
import select
import socket
import struct
import sys
import threading
import time

HELLO, CREATE, DESTROY, MAP, UNMAP, CONFIGURE, DAMAGE, BUFFER, TITLE = range(1, 10)
FRAME, PRESENT, FMT_X2 = 22, 23, 2
CLASS, HINTS, WMFLAGS, CLIPBOARD_DATA, WINDOW_TYPE = 10, 11, 12, 13, 14
CURSOR, ICON, CURSOR_COUNT, MAX_ICON = 15, 16, 78, 256
TRAY_ICON, TRAY_TITLE, NOTIFY, MAX_TRAY_ICON = 17, 18, 19, 64
NOTIFY_CLOSE, NOTIFY_EVENT, MINOR_NOTIFY = 21, 0x92, 4
NOTIFY_ICON = 24
MAX_CLIPBOARD = 256 * 1024
WELCOME = 0x81
SYNC_DONE, MONITORS, SYNC_REQUEST, MINOR_MONITORS = 20, 0x93, 0x94, 3
F_ADD_SEALS, F_GET_SEALS = 1033, 1034
SEAL_SEAL, SEAL_SHRINK, SEAL_GROW = 1, 2, 4
BUF_LOCAL, BUF_GRANT, FMT_XRGB8888 = 1, 2, 1
TIMEOUT = float(os.environ.get("VT_HOSTILE_TIMEOUT", "10"))
NAMES = {0x81: "WELCOME", 0x82: "SET_GEOMETRY", 0x83: "CLOSE", 0x84: "SCREEN",
         0x85: "RELEASE", 0x86: "KEY", 0x87: "BUTTON", 0x88: "MOTION",
         0x89: "CROSSING", 0x8a: "FOCUS", 0x8b: "KEYMAP", 0x8c: "LAYOUT",
         0x8d: "CLIPBOARD_REQUEST", 0x8e: "CLIPBOARD_PASTE",
         0x8f: "WINDOW_STATE", 0x90: "KEYSYM", 0x93: "MONITORS", 0x94: "SYNC_REQUEST",
         0x95: "FRAME_DONE", NOTIFY_EVENT: "NOTIFY_EVENT"}

# row6 titles: window id -> raw title bytes
TITLES = {
    10: b"plain",
    11: b"\x1b[31mred\x1b[0m\x07tab\tnl\ncr\rdel\x7f",
    12: b"bad\xff\xfeutf8\xc3(\xe2\x82",
    13: b"bidi \xe2\x80\xaeknab\xe2\x80\xac end",
    14: b"[work] bank",
    15: b"A" * 1024,
    16: b"",
    17: "caf\u00e9 \u2013 ok".encode(),
}

SCREEN = [1280, 800]  # from WELCOME
DUMP = None           # bytes sent, for --dump


QUIET = False  # `repeat`: one answer for all


def out(line):
    if not QUIET:
        print(line, flush=True)


def log(line):
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def msg(mtype, window, body=b""):
    return struct.pack("<III", mtype, window, len(body)) + body


def hello(major=1, flags=0, minor=0):
    return msg(HELLO, 0, struct.pack("<HHI", major, minor, flags))


def create(win, x, y, w, h, flags=0, transient=0):
    return msg(CREATE, win, struct.pack("<iiIIII", x, y, w, h, flags, transient))


def map_(win, flags=0):
    return msg(MAP, win, struct.pack("<II", flags, 0))


def configure(win, x, y, w, h, flags=0):
    return msg(CONFIGURE, win, struct.pack("<iiIII", x, y, w, h, flags))


def damage(win, x, y, w, h):
    return msg(DAMAGE, win, struct.pack("<IIII", x & 0xFFFFFFFF, y & 0xFFFFFFFF,
                                        w & 0xFFFFFFFF, h & 0xFFFFFFFF))


def buffer(win, serial, w, h, stride):
    return msg(BUFFER, win, struct.pack("<8I", serial, BUF_LOCAL, w, h, stride,
                                        FMT_XRGB8888, 0, 0))


def title(win, raw):
    return msg(TITLE, win, raw)


def icon(win, w, h, rgb=0xFF00FF00, claim=None):
    """ICON of w x h pixels of one colour; claim: the (w, h) its body says."""
    cw, ch = claim if claim else (w, h)
    return msg(ICON, win, struct.pack("<II", cw, ch) + struct.pack("<I", rgb) * (w * h))


# propflood: the i-th change of each kind, every one different from the last
PROPS = {
    "title": lambda win, i: title(win, b"flood %d " % i + b"\xe0\xa4\x95" * 300),
    "hints": lambda win, i: msg(HINTS, win, struct.pack("<9I", 0xF, 100 + i % 50, 80, 4000,
                                                        4000, 1 + i % 7, 1 + i % 5, 10, 10)),
    "wmflags": lambda win, i: msg(WMFLAGS, win, struct.pack("<I", (0, 1, 8, 9)[i % 4])),
    "configure": lambda win, i: configure(win, 100 + i % 400, 100 + i % 300, 100 + i % 300,
                                          100 + i % 200),
    "icon": lambda win, i: icon(win, 16, 16, rgb=0xFF000000 | (i * 7919 & 0xFFFFFF)),
    # unmapped, mapped as a popup, unmapped, mapped managed: each a window
    # made, mapped, unmapped on the desktop (Xwayland and sway crashed)
    "map": lambda win, i: msg(UNMAP, win) if i % 2 == 0 else map_(win, (1, 0)[i % 4 // 2]),
    # unmapped, mapped as a popup, then resized across the 3x3 under which
    # a popup is not shown, and back: each a map or an unmap on the desktop
    # a tray icon numbered as the window, then its title (traytitle) or its
    # pixels (trayicon), each new: with no tray on the desktop the icon is
    # a window the window manager reads
    "traytitle": lambda win, i: (tray_icon(win, 16, 16) if i == 0 else
                                 msg(TRAY_TITLE, win, b"tray %d" % i)),
    "trayicon": lambda win, i: tray_icon(win, 16, 16, rgb=0xFF000000 | (i * 7919 & 0xFFFFFF)),
    "tiny": lambda win, i: (msg(UNMAP, win) if i == 0 else map_(win, 1) if i == 1 else
                            configure(win, 300, 300, *((2, 2) if i % 2 else (40, 30)), flags=1)),
}


def tray_icon(win, w, h, rgb=0xFF00FF00, claim=None):
    """TRAY_ICON of w x h pixels of one colour; claim: the (w, h) its body says."""
    cw, ch = claim if claim else (w, h)
    return msg(TRAY_ICON, win, struct.pack("<II", cw, ch) + struct.pack("<I", rgb) * (w * h))


def notify(app, summary, body, win=0, nid=1, extra=b"", actions=(), default=0):
    """NOTIFY with these raw strings and action labels (default: 1 + the
    default's index); extra: bytes after them (a bad length)."""
    return msg(NOTIFY, win, struct.pack("<IHHHBB", nid, len(app), len(summary), len(body),
                                        len(actions), default) +
               app + summary + body + b"".join(bytes([len(a)]) + a for a in actions) + extra)


def notify_icon(nid, w, h, rgb=0xFF3465A4, claim=None):
    """NOTIFY_ICON of w x h pixels of one colour; claim: the (w, h) its body says."""
    cw, ch = claim if claim else (w, h)
    return msg(NOTIFY_ICON, 0, struct.pack("<III", nid, cw, ch) + struct.pack("<I", rgb) * (w * h))


def clip(serial, text, win=0):
    return msg(CLIPBOARD_DATA, win, struct.pack("<I", serial) + text)


def memfd(size, seal=True, rgb=None):
    fd = os.memfd_create("vt-hostile", os.MFD_ALLOW_SEALING | os.MFD_CLOEXEC)
    os.ftruncate(fd, size)
    if rgb is not None:
        px = struct.pack("<I", rgb)  # XRGB8888 little-endian: B G R X
        os.pwrite(fd, px * (size // 4), 0)
    if seal:
        fcntl.fcntl(fd, F_ADD_SEALS, SEAL_SHRINK | SEAL_GROW | SEAL_SEAL)
    return fd


class Conn:
    """A socket that records what it sends (for --dump)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.rx = b""

    def sendall(self, data):
        if DUMP is not None:
            DUMP.extend(data)
        self.sock.sendall(data)

    def send_fds(self, data, fds):
        if DUMP is not None:
            DUMP.extend(data)
        n = socket.send_fds(self.sock, [data], fds)
        if n < len(data):
            self.sock.sendall(data[n:])

    def __getattr__(self, name):
        return getattr(self.sock, name)


def send_buffer(sock, win, w, h, size=None, seal=True, rgb=None, serial=1, keep=False):
    stride = w * 4
    fd = memfd(stride * h if size is None else size, seal, rgb)
    try:
        if isinstance(sock, Conn):
            sock.send_fds(buffer(win, serial, w, h, stride), [fd])
        else:
            socket.send_fds(sock, [buffer(win, serial, w, h, stride)], [fd])
    finally:
        if not keep:
            os.close(fd)
    return fd


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def describe(mtype, win, body):
    name = NAMES.get(mtype, "0x%x" % mtype)
    f = ""
    try:
        if mtype == 0x81:
            ma, mi, w, h = struct.unpack("<HHII", body)
            f = " major=%d minor=%d w=%d h=%d" % (ma, mi, w, h)
        elif mtype == 0x82:
            f = " x=%d y=%d w=%d h=%d" % struct.unpack("<iiII", body)
        elif mtype == 0x84:
            f = " w=%d h=%d" % struct.unpack("<II", body)
        elif mtype == 0x85:
            f = " serial=%d" % struct.unpack("<I", body)
        elif mtype == 0x86:
            f = " keycode=%d state=%d pressed=%d" % struct.unpack("<III", body)
        elif mtype == 0x90:
            f = " keycode=%d keysym=0x%x" % struct.unpack("<II", body)
        elif mtype == 0x87:
            f = " button=%d pressed=%d x=%d y=%d state=%d" % struct.unpack("<IIiiI", body)
        elif mtype == 0x88:
            f = " x=%d y=%d state=%d" % struct.unpack("<iiI", body)
        elif mtype == 0x89:
            f = " entered=%d x=%d y=%d state=%d" % struct.unpack("<IiiI", body)
        elif mtype == 0x8a:
            f = " in=%d" % struct.unpack("<I", body)
        elif mtype == 0x8b:
            f = " keys=" + body.hex()
        elif mtype == 0x8d:
            f = " serial=%d" % struct.unpack("<I", body)
        elif mtype == SYNC_REQUEST:
            f = " serial=%d w=%d h=%d" % struct.unpack("<III", body)
        elif mtype == MONITORS:
            dpi, n = struct.unpack("<II", body[:8])
            f = " dpi=%d" % dpi
            for i in range(n):
                x, y, w, h = struct.unpack("<iiII", body[8 + 24 * i:24 + 24 * i])
                f += " %dx%d+%d+%d" % (w, h, x, y)
        elif mtype == 0x95:
            f = " seq=%d" % struct.unpack("<I", body)
        elif mtype == NOTIFY_EVENT:
            f = " id=%d event=%d value=%d" % struct.unpack("<III", body)
        elif mtype == 0x8e:
            f = " len=%d" % len(body) + (" text=" + body.hex() if len(body) <= 64 else
                                         " head=%s tail=%s" % (body[:16].hex(), body[-16:].hex()))
    except struct.error:
        f = " body=" + body.hex()
    return "got %s %d%s" % (name, win, f)


def log_incoming(conn, data):
    """Log each complete message the daemon sent."""
    conn.rx += data
    while len(conn.rx) >= 12:
        mtype, win, length = struct.unpack("<III", conn.rx[:12])
        if len(conn.rx) < 12 + length:
            break
        log(describe(mtype, win, conn.rx[12:12 + length]))
        conn.rx = conn.rx[12 + length:]


def handshake(sock, major=1, minor=0):
    sock.sendall(hello(major, minor=minor))
    return read_welcome(sock)


def read_welcome(sock):
    sock.settimeout(TIMEOUT)
    try:
        mtype, win, length = struct.unpack("<III", recv_exact(sock, 12))
        body = recv_exact(sock, length)
    except (socket.timeout, EOFError, ConnectionError) as e:
        out("no welcome: %r" % (e,))
        sys.exit(2)
    if mtype != WELCOME:
        out("first message is type 0x%x, not WELCOME" % mtype)
        sys.exit(2)
    log(describe(mtype, win, body))
    SCREEN[0], SCREEN[1] = struct.unpack("<II", body[4:12])
    out("welcome")


def wait_closed(sock, silent=False):
    """Read until the daemon closes the connection, or the timeout. silent:
    the daemon must send nothing before it closes."""
    sock.settimeout(TIMEOUT)
    got = 0
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                break
            got += len(data)
            if isinstance(sock, Conn):
                log_incoming(sock, data)
    except socket.timeout:
        out("open")
        return 1
    except ConnectionError:
        pass
    if silent and got:
        out("answered with %d bytes before the close" % got)
        return 1
    out("closed")
    return 0


# ------------------------------------------------------------ one-shot cases

def window7(sock, rgb=0x00FF00, x=500, y=200, w=160, h=100, ttl=None):
    """Window 7 with a sealed buffer, mapped and fully damaged."""
    sock.sendall(create(7, x, y, w, h) + (title(7, ttl) if ttl is not None else b""))
    send_buffer(sock, 7, w, h, rgb=rgb)
    sock.sendall(map_(7) + damage(7, 0, 0, w, h))


def send_all_or_closed(sock, data):
    try:
        sock.sendall(data)
    except (BrokenPipeError, ConnectionError):
        pass


def row1_oneshot(sock, variant):
    window7(sock)
    bad = {"negative": (-1, 0, 10, 10), "negwidth": (0, 0, 0xFFFFFFFF, 10),
           "zero": (0, 0, 0, 10), "hugex": (0x7FFFFFF0, 0, 0x7FFFFFF0, 10)}
    if variant not in bad:
        return None
    sock.sendall(damage(7, *bad[variant]))
    return wait_closed(sock)


def row2_oneshot(sock, variant):
    w, h = 100, 80
    sock.sendall(create(7, 300, 200, w, h))
    hdr = buffer(7, 1, w, h, w * 4)
    if variant == "partseal":
        fd = memfd(w * 4 * h, seal=False, rgb=0xFFFF00)
        fcntl.fcntl(fd, F_ADD_SEALS, SEAL_SHRINK)
        sock.send_fds(hdr, [fd])
        os.close(fd)
    elif variant == "notmemfd":
        r, wr = os.pipe()
        sock.send_fds(hdr, [r])
        os.close(r)
        os.close(wr)
    elif variant == "tmpfile":
        path = "/tmp/vt-hostile-%d" % os.getpid()
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.unlink(path)
        os.ftruncate(fd, w * 4 * h)
        sock.send_fds(hdr, [fd])
        os.close(fd)
    elif variant == "huge":
        # sealed, but 1 TiB (sparse): the desktop X server would map it all
        fd = memfd(1 << 40)
        sock.send_fds(hdr, [fd])
        os.close(fd)
    elif variant == "hugetlb":
        # sealed, of huge pages: a hole punched in it faults at the
        # daemon's read, SIGBUS with no huge page free (trial 18 F1)
        w, h = 512, 1024  # one 2 MiB page
        sock.sendall(create(8, 300, 200, w, h))
        fd = os.memfd_create("vt-huge", os.MFD_ALLOW_SEALING | os.MFD_HUGETLB)
        os.ftruncate(fd, 2 << 20)
        fcntl.fcntl(fd, F_ADD_SEALS, SEAL_SHRINK | SEAL_GROW | SEAL_SEAL)
        sock.send_fds(buffer(8, 1, w, h, w * 4), [fd])
        os.close(fd)
    elif variant == "nofd":
        sock.sendall(hdr)
    elif variant == "grant":
        pages = (w * 4 * h + 4095) // 4096
        body = struct.pack("<8I", 1, BUF_GRANT, w, h, w * 4, FMT_XRGB8888, 3, pages)
        sock.sendall(msg(BUFFER, 7, body + struct.pack("<%dI" % pages, *range(pages))))
    elif variant == "manyfds":
        fds = [memfd(w * 4 * h) for _ in range(9)]
        sock.send_fds(hdr, fds)
        for fd in fds:
            os.close(fd)
    elif variant == "fdqueue":
        sock.sendall(map_(7))
        for _ in range(9):
            fd = memfd(4096)
            try:
                sock.send_fds(damage(7, 0, 0, 1, 1), [fd])
            except (BrokenPipeError, ConnectionError):
                break  # cut off at the first one (the descriptor rule)
            finally:
                os.close(fd)
    elif variant == "fdglued":
        # the BUFFER and a DAMAGE in one write with the BUFFER's memfd: the
        # read that brings it ends in the DAMAGE, which may not carry one
        fd = memfd(w * 4 * h)
        sock.send_fds(hdr + damage(7, 0, 0, 1, 1), [fd])
        os.close(fd)
    else:
        return None
    return wait_closed(sock)


def row3_oneshot(sock, variant, args):
    if variant in ("major", "helloflags"):
        # no handshake: nothing may come back, no WELCOME, only the close
        sock.sendall(hello(2) if variant == "major" else hello(flags=0x1))
        return wait_closed(sock, silent=True)
    elif variant == "nohello":
        sock.sendall(create(7, 300, 200, 100, 80))
    elif variant == "hello2":
        sock.sendall(hello())
    elif variant == "win0":
        sock.sendall(create(0, 300, 200, 100, 80))
    elif variant == "hellowin":
        sock.sendall(msg(HELLO, 5, struct.pack("<HHI", 1, 0, 0)))
    elif variant == "daemontype":
        sock.sendall(msg(WELCOME, 0, struct.pack("<HHII", 1, 0, 640, 480)))
    elif variant == "afterdestroy":
        sock.sendall(create(7, 300, 200, 100, 80) + msg(DESTROY, 7) + map_(7))
    elif variant == "flags":
        sock.sendall(create(7, 300, 200, 100, 80, flags=2))
    elif variant == "selftransient":
        sock.sendall(create(7, 300, 200, 100, 80, transient=7))
    elif variant == "badrect":
        sock.sendall(create(7, 300, 200, 8193, 80))
    elif variant == "hugelen":
        sock.sendall(struct.pack("<III", BUFFER, 7, 0xFFFFFFFF))
    elif variant == "type":
        sock.sendall(msg(int(args[0], 0), 7))
    elif variant == "len":
        mtype = int(args[0])
        lengths = {HELLO: 8, CREATE: 24, DESTROY: 0, MAP: 8, UNMAP: 0,
                   CONFIGURE: 20, DAMAGE: 16, BUFFER: 32, TITLE: 1024,
                   CLASS: 4 + 512, HINTS: 36, WMFLAGS: 4, FRAME: 4}
        win = 0 if mtype == HELLO else 7
        if mtype != CREATE:
            sock.sendall(create(7, 300, 200, 100, 80))
        n = lengths[mtype] + 1
        sock.sendall(struct.pack("<III", mtype, win, n) + bytes(n))
    else:
        return None
    return wait_closed(sock)


def row5_noread(sock, n):
    window7(sock)
    # Alternate between two places off the output: each CONFIGURE is
    # clamped, and each clamp is answered with SET_GEOMETRY.
    batch = b"".join(configure(7, -5000 if i % 2 else 30000, 200, 160, 100)
                     for i in range(1000))
    sent = 0
    try:
        while sent < n:
            sock.sendall(batch)
            sent += 1000
    except (BrokenPipeError, ConnectionError):
        out("closed")
        return 0
    return wait_closed(sock)


def row17_random(sock, seed, n=None):
    rnd = random.Random(seed)
    n = n if n is not None else rnd.randint(1, 8192)
    send_all_or_closed(sock, rnd.randbytes(n))
    return wait_closed(sock)


def row17_structured(sock, seed):
    """Mostly valid messages over a few window ids, 1 in 250 mutated; then an
    unknown type, so that the session always ends in a cut-off."""
    rnd = random.Random(seed)
    ids = [1, 2, 3, 7]
    live = set()

    def coord():
        return rnd.choice([0, 1, -1, 100, 500, -5000, 30000, 32767, -32768,
                           rnd.randint(-32768, 32767)])

    def dim():
        return rnd.choice([1, 2, 100, 160, 1279, 1280, 8191, 8192, rnd.randint(1, 8192)])

    def other(win):
        return rnd.choice([0, 0, rnd.choice([i for i in ids if i != win])])

    try:
        for _ in range(300):
            t = rnd.choice([MAP] * 3 + [CONFIGURE] * 3 + [DAMAGE] * 6 + [BUFFER] * 3
                           + [TITLE, CLASS, HINTS, WMFLAGS, UNMAP, DESTROY, CREATE,
                              CLIPBOARD_DATA])
            if t == CLIPBOARD_DATA:
                sock.sendall(clip(rnd.randint(0, 3), rnd.randbytes(rnd.choice([0, 5, 3000]))))
                continue
            free = [i for i in ids if i not in live]
            if t == CREATE or not live:
                if not free:
                    continue
                t, win = CREATE, rnd.choice(free)
            else:
                win = rnd.choice(sorted(live))
            if t == CREATE:
                live.add(win)
                body = struct.pack("<iiIIII", coord(), coord(), dim(), dim(),
                                   rnd.choice([0, 0, 1]), other(win))
            elif t == DESTROY:
                live.discard(win)
                body = b""
            elif t == MAP:
                body = struct.pack("<II", rnd.choice([0, 0, 1]), other(win))
            elif t == CONFIGURE:
                body = struct.pack("<iiIII", coord(), coord(), dim(), dim(), rnd.choice([0, 1]))
            elif t == DAMAGE:
                body = struct.pack("<iiII", rnd.choice([0, 5, 100, 8191, rnd.randint(0, 8191)]),
                                   rnd.choice([0, 7, 8191, rnd.randint(0, 8191)]), dim(), dim())
            elif t == BUFFER:
                w, h = rnd.choice([(1, 1), (160, 100), (64, 64), (300, 20), (8192, 1), (1, 8192)])
                stride = w * 4 + rnd.choice([0, 0, 4, 64])
                fd = memfd(stride * h + rnd.choice([0, 0, 4096]), rgb=rnd.randint(0, 0xFFFFFF))
                data = msg(BUFFER, win, struct.pack("<8I", rnd.randint(0, 9), BUF_LOCAL,
                                                    w, h, stride, FMT_XRGB8888, 0, 0))
                sock.send_fds(data, [fd])
                os.close(fd)
                continue
            elif t == TITLE:
                body = rnd.randbytes(rnd.choice([0, 3, 50, 1024]))
            elif t == CLASS:
                a, b = rnd.randint(0, 256), rnd.randint(0, 20)
                body = struct.pack("<HH", a, b) + rnd.randbytes(a + b)
            elif t == HINTS:
                body = struct.pack("<9I", rnd.randint(0, 0x3F),
                                   *[rnd.choice([0, 1, 100, 8192]) for _ in range(8)])
            else:  # WMFLAGS, UNMAP
                body = struct.pack("<I", rnd.randint(0, 15)) if t == WMFLAGS else b""
            data = msg(t, win, body)
            if rnd.random() < 0.004:  # one byte changed, anywhere
                i = rnd.randrange(len(data))
                data = data[:i] + bytes([rnd.randrange(256)]) + data[i + 1:]
            sock.sendall(data)
        sock.sendall(msg(0x3F, 7))
    except (BrokenPipeError, ConnectionError):
        pass
    return wait_closed(sock)


def one_shot(path, sock, case, args):
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
    elif case == "row1":
        return row1_oneshot(sock, args[0])
    elif case == "row2":
        return row2_oneshot(sock, args[0])
    elif case == "row3":
        return row3_oneshot(sock, args[0], args[1:])
    elif case == "row5" and args[0] == "refuse":
        send_all_or_closed(sock, b"".join(create(100 + i, 300, 250, 50, 40)
                                          for i in range(int(args[1]))))
    elif case == "row5" and args[0] == "noread":
        return row5_noread(sock, int(args[1]))
    elif case == "row6" and args[0] == "long":
        n = int(args[1])
        sock.sendall(create(7, 300, 200, 100, 80))
        send_all_or_closed(sock, title(7, b"A" * n))
    elif case == "row21" and args[0] == "oversize":
        sock.sendall(create(7, 300, 200, 100, 80) + icon(7, 257, 1))
    elif case == "row21" and args[0] == "badlen":
        sock.sendall(create(7, 300, 200, 100, 80) + icon(7, 2, 2, claim=(3, 2)))
    elif case == "row21" and args[0] == "zero":
        sock.sendall(create(7, 300, 200, 100, 80) + icon(7, 0, 0, claim=(0, 5)))
    elif case == "row21" and args[0] == "toolong":
        n = 8 + 4 * MAX_ICON * MAX_ICON + 1
        sock.sendall(create(7, 300, 200, 100, 80) + struct.pack("<III", ICON, 7, n))
    elif case == "row21" and args[0] == "quota":
        big = [icon(100 + i, MAX_ICON, MAX_ICON) for i in range(16)]
        sock.sendall(b"".join(create(100 + i, 300, 250, 50, 40) for i in range(17)))
        for m in big:
            sock.sendall(m)
        send_all_or_closed(sock, icon(116, 1, 1) * int(args[1]))
    elif case == "row22" and args[0] == "shape":
        sock.sendall(create(7, 300, 200, 100, 80) +
                     msg(CURSOR, 7, struct.pack("<I", int(args[1]))))
    elif case == "row25" and args[0] == "never":
        sock.sendall(create(7, 300, 200, 100, 80) + msg(SYNC_DONE, 7, struct.pack("<I", 1)))
    elif case == "row25" and args[0] == "short":
        sock.sendall(create(7, 300, 200, 100, 80) + msg(SYNC_DONE, 7, b"\x01\x00"))
    elif case == "row25" and args[0] == "long":
        sock.sendall(create(7, 300, 200, 100, 80) + msg(SYNC_DONE, 7, bytes(8)))
    elif case == "row25" and args[0] == "conn":
        sock.sendall(msg(SYNC_DONE, 0, struct.pack("<I", 1)))
    elif case == "row25" and args[0] == "monitors":
        sock.sendall(msg(MONITORS, 0, struct.pack("<II", 96, 1) + bytes(24)))
    elif case == "tray" and args[0] == "oversize":
        sock.sendall(tray_icon(1, MAX_TRAY_ICON + 1, 1))
    elif case == "tray" and args[0] == "badlen":
        sock.sendall(tray_icon(1, 2, 2, claim=(3, 2)))
    elif case == "tray" and args[0] == "toolong":
        sock.sendall(struct.pack("<III", TRAY_ICON, 1, 8 + 4 * MAX_TRAY_ICON ** 2 + 1))
    elif case == "tray" and args[0] == "churn":
        send_all_or_closed(sock, b"".join(tray_icon(1, 1, 1) + tray_icon(1, 0, 0)
                                          for i in range(int(args[1]))))
    elif case == "tray" and args[0] == "quota":
        send_all_or_closed(sock, b"".join(tray_icon(100 + i, MAX_TRAY_ICON, MAX_TRAY_ICON)
                                          for i in range(int(args[1]))))
    elif case == "notify" and args[0] == "toolong":
        sock.sendall(notify(b"app", b"s" * 257, b""))
    elif case == "notify" and args[0] == "badlen":
        sock.sendall(notify(b"app", b"summary", b"body", extra=b"x"))
    elif case == "notify" and args[0] == "window":
        sock.sendall(notify(b"app", b"summary", b"body", win=5))
    elif case == "notify" and args[0] in ("actions9", "label65"):
        acts = [b"a"] * 9 if args[0] == "actions9" else [b"L" * 65]
        sock.sendall(notify(b"app", b"summary", b"body", actions=acts))
    elif case == "notify" and args[0] == "event":
        sock.sendall(msg(NOTIFY_EVENT, 0, struct.pack("<III", 1, 2, 0)))
    elif case == "notify" and args[0] == "closeflood":
        send_all_or_closed(sock, b"".join(msg(NOTIFY_CLOSE, 0, struct.pack("<I", 1000 + i))
                                          for i in range(int(args[1]))))
    elif case == "notify" and args[0] == "icon":
        sock.sendall(notify(b"app", b"summary", b"body") +
                     (notify_icon(1, 65, 1) if args[1] == "oversize"
                      else notify_icon(1, 3, 4, claim=(4, 4))))
    elif case == "notify" and args[0] == "iconflood":
        send_all_or_closed(sock, b"".join(notify_icon(1000 + i, 2, 2)
                                          for i in range(int(args[1]))))
    elif case == "row13" and args[0] == "toolong":
        send_all_or_closed(sock, clip(1, b"x" * (MAX_CLIPBOARD + 1)))
    elif case == "row13" and args[0] == "window":
        sock.sendall(clip(1, b"with a window id", win=5))
    elif case == "row13" and args[0] == "short":
        sock.sendall(msg(CLIPBOARD_DATA, 0, b"\x01\x00"))
    elif case == "row16" and args[0] == "blind":
        sock.close()
        for _ in range(int(args[1])):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            s.sendall(hello())
            s.close()
            time.sleep(0.05)
        out("done")
        return 0
    elif case == "row19" and args[0] == "violate":
        sock.close()
        for _ in range(int(args[1])):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(TIMEOUT)
            s.connect(path)
            try:
                s.sendall(hello() + hello())
                while s.recv(65536):
                    pass
            except ConnectionError:
                pass
            s.close()
        out("done")
        return 0
    elif case == "row17" and args[0] == "structured":
        return row17_structured(sock, int(args[1]))
    elif case == "row17":
        return row17_random(sock, int(args[0]), int(args[1]) if len(args) > 1 else None)
    else:
        return None
    return wait_closed(sock)


# ------------------------------------------------------------- holding cases

BUFS = {}  # window id -> descriptor of its last buffer (kept for row2 seals)


def trickle(sock, data, delay, fd_at=None, fd=None):
    for i in range(len(data)):
        if fd_at is not None and i == fd_at:
            sock.send_fds(data[i:i + 1], [fd])
        else:
            sock.sendall(data[i:i + 1])
        time.sleep(delay)


def row4_trickle(sock, delay):
    trickle(sock, hello(), delay)
    read_welcome(sock)
    w, h = 160, 100
    fd = memfd(w * 4 * h, rgb=0x00FF00)
    head = create(7, 500, 200, w, h) + title(7, b"trickled")
    data = head + buffer(7, 1, w, h, w * 4) + map_(7) + damage(7, 0, 0, w, h)
    trickle(sock, data, delay, fd_at=len(head), fd=fd)
    os.close(fd)


def row4_stall(sock, variant):
    x, y = {"stall-header": (300, 200), "stall-body": (600, 200),
            "stall-fd": (300, 450), "stall-big": (600, 450)}.get(variant, (0, 0))
    window7(sock, ttl=b"stalled", x=x, y=y)
    if variant == "stall-header":
        sock.sendall(struct.pack("<III", CREATE, 8, 24)[:6])
    elif variant == "stall-body":
        sock.sendall(struct.pack("<III", TITLE, 7, 1000) + b"0123456789")
    elif variant == "stall-fd":
        fd = memfd(160 * 4 * 100, rgb=0xFF0000)
        sock.send_fds(buffer(7, 2, 160, 100, 640)[:20], [fd])
        os.close(fd)
    elif variant == "stall-big":
        # 8192 x 8192 at stride 32768: 65536 grant refs, the largest body
        body = struct.pack("<8I", 2, BUF_GRANT, 8192, 8192, 32768, FMT_XRGB8888, 3, 65536)
        data = struct.pack("<III", BUFFER, 7, len(body) + 4 * 65536) + body
        sock.sendall(data + bytes(200 * 1024))
    else:
        return False
    return True


def row5_windows(sock, n, mapped):
    sock.sendall(b"".join(create(100 + i, 300 + i % 700, 250 + i % 400, 50, 40)
                          for i in range(n)))
    sock.sendall(b"".join(map_(100 + i) for i in range(mapped)))
    last = 100 + n - 1
    sock.sendall(title(last, b"refused") + map_(last) + damage(last, 0, 0, 10, 10))
    send_buffer(sock, last, 50, 40, rgb=0xFF0000)


def row5_bigbuf(sock, mb):
    h = mb * 262  # 1000 * 4 * 262 bytes = 0.9995 MiB per MB
    for win, x in ((7, 300), (8, 600)):
        sock.sendall(create(win, x, 200, 200, 200))
        send_buffer(sock, win, 1000, h, rgb=0x00FF00 if win == 7 else 0xFF0000, serial=win)
        sock.sendall(map_(win) + damage(win, 0, 0, 200, 200))
    sock.sendall(create(9, 900, 200, 200, 200))
    fd = memfd(8192 * 4 * 8192)  # sparse: nothing written
    sock.send_fds(buffer(9, 9, 8192, 8192, 8192 * 4), [fd])
    os.close(fd)
    sock.sendall(map_(9) + damage(9, 0, 0, 200, 200))


def row6_titles(sock):
    for i, (win, raw) in enumerate(sorted(TITLES.items())):
        x, y = 40 + (i % 2) * 620, 60 + (i // 2) * 110
        sock.sendall(create(win, x, y, 240, 60) + title(win, raw))
        send_buffer(sock, win, 240, 60, rgb=0x808080)
        sock.sendall(map_(win) + damage(win, 0, 0, 240, 60))


def row7_cover(sock):
    W, H = SCREEN
    wins = [(7, 0, 0, W, H, 0x00FF00)]
    wins += [(8 + i, (i % 2) * W // 2, (i // 2) * H // 2, W // 2, H // 2, 0xFF00FF)
             for i in range(4)]
    for win, x, y, w, h, rgb in wins:
        sock.sendall(create(win, x, y, w, h, flags=1))
        send_buffer(sock, win, w, h, rgb=rgb)
        sock.sendall(map_(win, 1) + damage(win, 0, 0, w, h))
    sock.sendall(create(12, -100, -100, 8192, 8192, flags=1) + map_(12, 1))


def row9_nopixels(sock):
    sock.sendall(create(7, 300, 300, 200, 120) + title(7, b"never drawn") + map_(7))
    sock.sendall(create(8, 600, 300, 200, 120) + title(8, b"buffer only"))
    send_buffer(sock, 8, 200, 120, rgb=0xFF00FF)
    sock.sendall(map_(8))


def row16(path, sock, variant):
    """A first session that ends abruptly, then a fresh one."""
    if variant == "hello":
        pass
    elif variant == "mid":
        sock.sendall(create(7, 500, 200, 160, 100) + configure(7, 10, 10, 100, 100)[:17])
    elif variant == "buffer":
        window7(sock, rgb=0xFF0000)
    elif variant == "fds":
        sock.sendall(create(7, 500, 200, 160, 100))
        fd = memfd(160 * 4 * 100, rgb=0xFF0000)
        sock.send_fds(buffer(7, 1, 160, 100, 640)[:16], [fd])
        os.close(fd)
    else:
        return None
    sock.close()
    out("first closed")
    sock = Conn(path)
    handshake(sock)
    window7(sock, ttl=b"second session")
    return sock


def lingering(secs):
    """A TCP socket whose close() blocks up to secs: SO_LINGER on, its send
    queue full, its peer never reading. Returns (fd, peer) (keep peer open)."""
    lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    s.connect(lst.getsockname())
    peer, _ = lst.accept()
    peer.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    lst.close()
    s.setblocking(False)
    try:
        while True:
            s.send(b"x" * 65536)
    except BlockingIOError:
        pass
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, secs))
    return s.detach(), peer


PEERS = []  # row18: the lingering sockets' peers, open until we exit


def row18(sock, variant, secs):
    window7(sock, ttl=b"lingering")
    n = 8 if variant == "many" else 1
    fds = []
    for _ in range(n):
        fd, peer = lingering(secs)
        fds.append(fd)
        PEERS.append(peer)
    if variant == "any":
        data = title(7, b"with a descriptor")
    elif variant in ("buffer", "many"):
        data = buffer(7, 2, 160, 100, 640)
    else:
        return False
    # The descriptors ride on the message's first byte; our copies are
    # closed before the rest is sent, so a daemon that keeps them until the
    # message is whole holds the last reference. (One that looks at them on
    # arrival may close first: then our close is the last and waits, on a
    # thread of ours.)
    sock.send_fds(data[:1], fds)
    closing = threading.Thread(target=lambda: [os.close(fd) for fd in fds], daemon=True)
    closing.start()
    closing.join(0.5)
    try:
        sock.sendall(data[1:])
    except OSError:
        pass  # already cut off
    out("ready")
    while os.read(0, 4096):
        pass
    return True


def hold(path, sock, case, args):
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
    elif case == "tray" and args[0] == "mimic":
        # work's blue, work's name, and the daemon's own notice text
        sock.sendall(tray_icon(1, 16, 16, rgb=0xFF3465A4) + msg(TRAY_TITLE, 1, b"[work] bank"))
        sock.sendall(notify(b"[work] mail", b"[work] pay now",
                            b"vitrine  copied 8 bytes from work"))
    elif case == "notify" and args[0] == "actions":
        handshake(sock, minor=MINOR_NOTIFY)
        sock.sendall(notify(b"act", b"act now", b"", nid=7, actions=[b"Open", b"Later"],
                            default=1))
    elif case == "notify" and args[0] == "iconshow":
        sock.sendall(notify(b"icon", b"with icon", b"", nid=3) + notify_icon(3, 32, 32))
    elif case == "notify" and args[0] == "flood":
        sock.sendall(b"".join(notify(b"flood", b"n%d" % i, b"") for i in range(int(args[1]))))
    elif case == "stall":
        sock.sendall(struct.pack("<III", CREATE, 7, 24)[:6])
    elif case == "row1" and args[0] == "clip":
        sock.sendall(create(7, 500, 200, 160, 100) + title(7, b"clip big"))
        fd = memfd(300 * 4 * 300, seal=False, rgb=0xFF00FF)
        row = struct.pack("<I", 0x00FF00) * 160
        for y in range(100):
            os.pwrite(fd, row, y * 300 * 4)
        fcntl.fcntl(fd, F_ADD_SEALS, SEAL_SHRINK | SEAL_GROW | SEAL_SEAL)
        sock.send_fds(buffer(7, 1, 300, 300, 1200), [fd])
        os.close(fd)
        sock.sendall(map_(7) + damage(7, 0, 0, 300, 300))
        sock.sendall(create(8, 500, 400, 160, 100) + title(8, b"clip small"))
        send_buffer(sock, 8, 80, 50, rgb=0x0000FF)
        sock.sendall(map_(8) + damage(8, 0, 0, 160, 100))
    elif case == "row2" and args[0] == "seals":
        sock.sendall(create(7, 500, 200, 160, 100) + title(7, b"sealed"))
        BUFS[7] = send_buffer(sock, 7, 160, 100, rgb=0x00FF00, keep=True)
        sock.sendall(map_(7) + damage(7, 0, 0, 160, 100))
    elif case == "row4" and args[0] == "trickle":
        row4_trickle(sock, float(args[1]) if len(args) > 1 else 0.003)
    elif case == "row4":
        if not row4_stall(sock, args[0]):
            return None
    elif case == "row5" and args[0] == "windows":
        row5_windows(sock, int(args[1]), int(args[2]) if len(args) > 2 else 0)
    elif case == "row5" and args[0] == "bigbuf":
        row5_bigbuf(sock, int(args[1]))
    elif case == "row6" and args[0] == "titles":
        row6_titles(sock)
    elif case == "row7" and args[0] == "cover":
        row7_cover(sock)
    elif case == "row9" and args[0] == "nopixels":
        row9_nopixels(sock)
    elif case == "row25" and args[0] == "resize":
        handshake(sock, minor=MINOR_MONITORS)
        window7(sock, ttl=b"resized")
    elif case == "row16" and args[0] == "second":
        window7(sock, ttl=b"first connection")
        second = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        second.connect(path)
        second.settimeout(TIMEOUT)
        try:
            second.sendall(hello())
            out("second closed" if not second.recv(4096) else "second open")
        except socket.timeout:
            out("second open")
        except ConnectionError:
            out("second closed")
        second.close()
    elif case == "row18":
        return 0 if row18(sock, args[0], int(args[1]) if len(args) > 1 else 30) else None
    elif case == "row16":
        sock = row16(path, sock, args[0])
        if sock is None:
            return None
    else:
        return None
    out("ready")
    return serve(sock)


def serve(sock):
    sock.setblocking(False)
    pending = b""
    while True:
        r, _, _ = select.select([0, sock], [], [])
        if sock in r:
            try:
                data = sock.recv(65536)
                if not data:
                    out("closed")
                    return 1
                log_incoming(sock, data)
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
                sock.setblocking(True)
                try:
                    command(sock, line.decode(errors="replace").split())
                except (BrokenPipeError, ConnectionError):
                    out("closed")
                    return 1
                sock.setblocking(False)


def try_op(name, fn):
    try:
        fn()
        out("%s: done" % name)
    except OSError as e:
        out("%s: refused (%s)" % (name, errno.errorcode.get(e.errno, e.errno)))


def punch(fd):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_long, ctypes.c_long]
    size = os.fstat(fd).st_size
    # FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE
    if libc.fallocate(fd, 0x01 | 0x02, 0, size) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def stop_line():
    """True once a line came on stdin (a flood's stop), read up to its end."""
    if not select.select([0], [], [], 0)[0]:
        return False
    while os.read(0, 1) not in (b"\n", b""):
        pass
    return True


def command(sock, words):
    global QUIET
    if len(words) >= 3 and words[0] == "repeat" and words[1].isdigit():
        QUIET = True
        try:
            for _ in range(int(words[1])):
                command(sock, words[2:])
        finally:
            QUIET = False
        out("sent")
        return
    if len(words) >= 4 and words[0] == "range" and words[1].isdigit() and words[2].isdigit():
        QUIET = True
        try:
            for i in range(int(words[1]), int(words[2]) + 1):
                command(sock, [w.replace("@", str(i)) for w in words[3:]])
        finally:
            QUIET = False
        out("sent")
        return
    n = [int(v, 0) for v in words[1:] if v.lstrip("-").isdigit()] if words else []
    cmd = words[0] if words else ""
    if cmd == "damage" and len(words) == 5:
        sock.sendall(damage(7, *n))
    elif cmd == "damage" and len(words) == 6:
        sock.sendall(damage(*n))
    elif cmd == "create" and len(words) in (6, 7):
        sock.sendall(create(*n))
    elif cmd == "map" and len(words) in (2, 3):
        sock.sendall(map_(*n))
    elif cmd == "unmap" and len(words) == 2:
        sock.sendall(msg(UNMAP, n[0]))
    elif cmd == "destroy" and len(words) == 2:
        sock.sendall(msg(DESTROY, n[0]))
    elif cmd == "configure" and len(words) in (6, 7):
        sock.sendall(configure(*n))
    elif cmd == "buffer" and len(words) in (5, 6):
        win, w, h = int(words[1]), int(words[2]), int(words[3])
        serial = int(words[5]) if len(words) == 6 else 1
        send_buffer(sock, win, w, h, rgb=int(words[4], 16), serial=serial)
    elif cmd == "title" and len(words) in (2, 3):
        sock.sendall(title(int(words[1]), bytes.fromhex(words[2] if len(words) == 3 else "")))
    elif cmd == "wmflags" and len(words) == 3:
        sock.sendall(msg(WMFLAGS, n[0], struct.pack("<I", n[1])))
    elif cmd == "wintype" and len(words) == 3:
        sock.sendall(msg(WINDOW_TYPE, n[0], struct.pack("<I", n[1])))
    elif cmd == "clip" and len(words) in (2, 3):
        sock.sendall(clip(int(words[1]), bytes.fromhex(words[2] if len(words) == 3 else "")))
    elif cmd == "clipfill" and len(words) == 4:
        sock.sendall(clip(int(words[1]), words[3].encode() * int(words[2])))
    elif cmd == "clipflood" and len(words) == 3:
        data = clip(0, b"u" * int(words[2]))
        for _ in range(int(words[1])):
            sock.sendall(data)
    elif cmd == "syncdone" and len(words) == 3:
        sock.sendall(msg(SYNC_DONE, n[0], struct.pack("<I", n[1])))
    elif cmd == "frames" and len(words) in (3, 4):
        first = n[2] if len(words) == 4 else 1
        sock.sendall(b"".join(msg(FRAME, n[0], struct.pack("<I", (first + i) & 0xFFFFFFFF))
                              for i in range(n[1])))
    elif cmd == "buffer2" and len(words) in (6, 7):
        win, w, h = int(words[1]), int(words[2]), int(words[3])
        size = int(words[6]) if len(words) == 7 else w * 4 * h * 2
        fd = memfd(size, seal=False, rgb=int(words[4], 16))
        one = w * 4 * h
        if size > one:
            os.pwrite(fd, struct.pack("<I", int(words[5], 16)) * ((min(size, 2 * one) - one) // 4),
                      one)
        fcntl.fcntl(fd, F_ADD_SEALS, SEAL_SHRINK | SEAL_GROW | SEAL_SEAL)
        data = msg(BUFFER, win, struct.pack("<8I", 1, BUF_LOCAL, w, h, w * 4, FMT_X2, 0, 0))
        try:
            if isinstance(sock, Conn):
                sock.send_fds(data, [fd])
            else:
                socket.send_fds(sock, [data], [fd])
        finally:
            os.close(fd)
    elif cmd == "present" and len(words) == 4:
        sock.sendall(msg(PRESENT, n[0], struct.pack("<II", n[1] & 0xFFFFFFFF, n[2] & 0xFFFFFFFF)))
    elif cmd == "raw" and len(words) == 2:
        sock.sendall(bytes.fromhex(words[1]))
    elif cmd == "flood" and len(words) in (3, 4):
        win, secs = int(words[1]), float(words[2])
        if len(words) == 4 and words[3] == "scatter":
            # 1x1 rectangles 2 px apart: a region of as many boxes as
            # messages, until the next repaint
            batch = b"".join(damage(win, (i * 2) % 1000, (i // 500) * 2 % 700, 1, 1)
                             for i in range(2000))
        else:
            batch = damage(win, 0, 0, 8192, 8192) * 2000
        count, end = 0, time.monotonic() + secs
        while time.monotonic() < end and not stop_line():
            sock.sendall(batch)
            count += 2000
        out("sent %d" % count)
        return
    elif cmd == "propflood" and len(words) == 4 and words[3] in PROPS:
        win, secs, make = int(words[1]), float(words[2]), PROPS[words[3]]
        count, end = 0, time.monotonic() + secs
        while time.monotonic() < end and not stop_line():
            sock.sendall(b"".join(make(win, count + i) for i in range(200)))
            count += 200
        if words[3] == "title":
            sock.sendall(title(win, b"last"))
        out("sent %d" % count)
        return
    elif cmd == "stop":
        return  # a flood that ended by its time before the stop came
    elif cmd in ("truncate", "grow", "punch") and 7 in BUFS:
        fd = BUFS[7]
        size = os.fstat(fd).st_size
        try_op(cmd, {"truncate": lambda: os.ftruncate(fd, 0),
                     "grow": lambda: os.ftruncate(fd, size * 2),
                     "punch": lambda: punch(fd)}[cmd])
        return
    else:
        out("error: unknown command")
        return
    out("sent")


NO_HANDSHAKE = {("row3", "nohello"), ("row3", "major"), ("row3", "helloflags"),
                ("row4", "trickle"), ("row16", "blind"), ("row19", "violate"),
                ("row25", "resize"), ("notify", "actions")}


def main():
    global DUMP
    argv = sys.argv[1:]
    dump_path = None
    if len(argv) >= 2 and argv[0] == "--dump":
        dump_path, argv = argv[1], argv[2:]
        DUMP = bytearray(b"\x80")
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    path, case, args = argv[0], argv[1], argv[2:]
    sock = Conn(path)
    try:
        if (case, args[0] if args else "") not in NO_HANDSHAKE:
            handshake(sock)
        if case in ("window", "titles", "stall") or (case, args[0] if args else "") in HOLDING \
                or case == "row4" or (case == "row16" and args[0] != "blind"):
            rc = hold(path, sock, case, args)
        else:
            rc = one_shot(path, sock, case, args)
        if rc is None:
            out("unknown case " + " ".join([case] + args))
            rc = 2
        return rc
    finally:
        if dump_path is not None:
            with open(dump_path, "wb") as f:
                f.write(DUMP)


HOLDING = {("row1", "clip"), ("row2", "seals"), ("row5", "windows"), ("row5", "bigbuf"),
           ("row6", "titles"), ("row7", "cover"), ("row9", "nopixels"),
           ("row18", "buffer"), ("row18", "any"), ("row18", "many"), ("row25", "resize"),
           ("tray", "mimic"), ("notify", "flood"), ("notify", "actions")}
HOLDING |= {("notify", "iconshow")}

if __name__ == "__main__":
    sys.exit(main())
