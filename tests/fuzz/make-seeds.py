#!/usr/bin/env python3
"""Write the fuzzers' seed corpora: valid agent sessions (tests/fuzz/seeds/), or with
--agent, valid daemon messages (tests/fuzz/seeds-agent/)."""
import os
import struct
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "seeds")
os.makedirs(out, exist_ok=True)


def msg(t, w, body=b""):
    return struct.pack("<III", t, w, len(body)) + body


HELLO = msg(1, 0, struct.pack("<HHI", 1, 0, 0))
HELLO3 = msg(1, 0, struct.pack("<HHI", 1, 3, 0))  # minor 3: SYNC_REQUEST, FRAME_DONE


def create(w, x=10, y=20, cw=100, ch=80, flags=0, tf=0):
    return msg(2, w, struct.pack("<iiIIII", x, y, cw, ch, flags, tf))


def seeds():
    # Each seed is a session, or (flags, first, second): the harness's two
    # bytes (fuzz-domain.c) are the flags (default 1: descriptors as an agent
    # sends them) and a split just after first (default: the middle).
    yield "hello", HELLO
    yield "window", HELLO + create(5) + msg(9, 5, b"a title") + msg(4, 5, struct.pack("<II", 0, 0))
    yield "lifecycle", (HELLO + create(5) + msg(4, 5, struct.pack("<II", 0, 0))
                        + msg(6, 5, struct.pack("<iiIII", 30, 40, 200, 100, 0))
                        + msg(7, 5, struct.pack("<iiII", 0, 0, 50, 50))
                        + msg(5, 5) + msg(4, 5, struct.pack("<II", 1, 0)) + msg(3, 5))
    yield "popup", (HELLO + create(7, flags=1) + create(8, tf=7)
                    + msg(4, 8, struct.pack("<II", 1, 7))
                    + msg(6, 8, struct.pack("<iiIII", -500, 9000, 8000, 10, 0)))
    yield "props", (HELLO + create(9) + msg(10, 9, struct.pack("<HH", 5, 5) + b"xtermXTerm")
                    + msg(11, 9, struct.pack("<9I", 0x3f, 10, 10, 800, 600, 6, 13, 4, 4))
                    + msg(12, 9, struct.pack("<I", 0xf)))
    yield "buffer-nofd", HELLO + create(5) + msg(8, 5, struct.pack("<8I", 1, 1, 100, 80, 400, 1, 0, 0))
    refs = struct.pack("<8I", 2, 2, 32, 32, 128, 1, 3, 1) + struct.pack("<I", 77)
    yield "buffer-grant", HELLO + create(5) + msg(8, 5, refs)
    # issue 14: CURSOR shapes (xterm, the last, the default) and ICONs (a 2x2,
    # none, a replacement, and one whose length is one pixel short)
    px = struct.pack("<4I", 0xff00ff00, 0x80ff0000, 0, 0xffffffff)
    yield "cursor-icon", (HELLO + create(5) + msg(15, 5, struct.pack("<I", 77))
                          + msg(15, 5, struct.pack("<I", 0)) + msg(16, 5, struct.pack("<II", 2, 2) + px)
                          + msg(16, 5, struct.pack("<II", 0, 0)) + msg(16, 5, struct.pack("<II", 1, 1) + px[:4])
                          + msg(3, 5))
    yield "icon-short", HELLO + create(6) + msg(16, 6, struct.pack("<II", 2, 2) + px[:12])
    # issue 14 item 7: SYNC_DONE answers (never asked: a violation) and a
    # daemon's MONITORS from the agent (a violation)
    yield "sync-done", (HELLO + create(5) + msg(20, 5, struct.pack("<I", 1))
                        + msg(0x93, 0, struct.pack("<II", 96, 1) + struct.pack("<iiIIII", 0, 0, 640, 480, 169, 127)))
    # issue 14 items 3, 4: TRAY_ICONs (a 2x2, its name, a replacement, undocked),
    # NOTIFYs (one whole, one with a leading "[", one whose length is one short)
    def notify(app, summary, body, cut=0):
        m = msg(19, 0, struct.pack("<IHHHH", 1, len(app), len(summary), len(body), 0)
                + app + summary + body)
        return m[:len(m) - cut]
    yield "tray-notify", (HELLO + msg(17, 9, struct.pack("<II", 2, 2) + px)
                          + msg(18, 9, b"[work] tray") + msg(17, 9, struct.pack("<II", 1, 1) + px[:4])
                          + msg(17, 10, struct.pack("<II", 1, 1) + px[4:8]) + msg(17, 9, struct.pack("<II", 0, 0))
                          + notify(b"mail", b"new mail", b"from bob")
                          + notify(b"[x]", b"[work] pay", b"\x1b[31m"))
    yield "notify-short", HELLO + notify(b"a", b"b", b"c", cut=1)
    # issue 15: FRAME (the buffer hand-off) before the map, after damage, after
    # the destroy; the largest number
    yield "frame", (HELLO + create(5) + msg(22, 5, struct.pack("<I", 1)) + msg(4, 5, struct.pack("<II", 0, 0))
                    + msg(7, 5, struct.pack("<iiII", 0, 0, 50, 50)) + msg(22, 5, struct.pack("<I", 0xffffffff))
                    + msg(3, 5) + msg(22, 5, struct.pack("<I", 2)))
    # the audit: what needs the user between the halves. A resize answered
    # (SYNC_DONE 1 taken, then the same again: a violation); a tray icon
    # clicked, then renamed and undocked, through a domain process (flags 5);
    # a buffer's damage and FRAME, the window resized by the user, its answer
    # and its FRAME, then destroyed with a FRAME after it.
    mapped = create(5) + msg(4, 5, struct.pack("<II", 0, 0))
    buf = msg(8, 5, struct.pack("<8I", 1, 1, 100, 80, 400, 1, 0, 0))
    yield "sync-resize", (1, HELLO3 + mapped, msg(20, 5, struct.pack("<I", 1)) * 2)
    yield "tray-click", (5, HELLO3 + msg(17, 9, struct.pack("<II", 2, 2) + px),
                         msg(18, 9, b"\xe2\x80\xae[work]") + msg(17, 9, struct.pack("<II", 0, 0))
                         + notify(b"\xef\xbc\xbbx", b" [w] \xe2\x80\x8b", b"<b>[work]</b> &amp;"))
    yield "frame-resize", (1, HELLO3 + mapped + buf + msg(7, 5, struct.pack("<iiII", 0, 0, 100, 80))
                           + msg(22, 5, struct.pack("<I", 1)),
                           msg(20, 5, struct.pack("<I", 1)) + msg(7, 5, struct.pack("<iiII", 90, 70, 50, 50))
                           + msg(22, 5, struct.pack("<I", 2)) + msg(3, 5) + msg(22, 5, struct.pack("<I", 3)))
    # issue 14 item 4: a NOTIFY with two actions (the first the default),
    # its replacement, NOTIFY_CLOSE of it and of an id never had
    acts = b"\x04Open\x05Later"
    yield "notify-actions", (HELLO + msg(19, 0, struct.pack("<IHHHBB", 7, 1, 3, 0, 2, 1) + b"aact" + acts)
                             + msg(19, 0, struct.pack("<IHHHBB", 7, 1, 3, 0, 1, 0) + b"aact" + acts[:5])
                             + msg(21, 0, struct.pack("<I", 7)) + msg(21, 0, struct.pack("<I", 8)))
    # a NOTIFY's icon (NOTIFY_ICON): a 2x2 for it, a second one (refused), one
    # for an id never had (refused), then one whose length is one pixel short
    icon = struct.pack("<4I", 0xff3465a4, 0x80ff0000, 0, 0xffffffff)
    yield "notify-icon", (HELLO + msg(19, 0, struct.pack("<IHHHBB", 3, 1, 1, 0, 0, 0) + b"ai")
                          + msg(24, 0, struct.pack("<III", 3, 2, 2) + icon)
                          + msg(24, 0, struct.pack("<III", 3, 2, 2) + icon)
                          + msg(24, 0, struct.pack("<III", 9, 1, 1) + icon[:4])
                          + msg(24, 0, struct.pack("<III", 3, 2, 2) + icon[:12]))


# The agent's harness (fuzz-agent): what a daemon sends, one message of each
# daemon -> agent type after a WELCOME, to the harness's windows 0x200001
# (mapped), 0x200002 (a mapped popup) and 0x200003 (unmapped). The first
# byte: 0xfe, reads of 509 bytes, no WELCOME of the harness's own.
WELCOME = msg(0x81, 0, struct.pack("<HHII", 1, 1, 1024, 768))
W, P = 0x200001, 0x200002


def layout(*names):
    return struct.pack("<5H", *(len(n) for n in names)) + b"".join(names)


def agent_seeds():
    yield "welcome", WELCOME
    yield "set-geometry", msg(0x82, W, struct.pack("<iiII", 5, 6, 640, 480))
    yield "close", msg(0x83, W)
    yield "screen", msg(0x84, 0, struct.pack("<II", 1920, 1080))
    yield "release", msg(0x85, W, struct.pack("<I", 1))
    yield "key", msg(0x86, W, struct.pack("<III", 38, 0, 1)) + msg(0x86, W, struct.pack("<III", 38, 0, 0))
    yield "button", (msg(0x87, P, struct.pack("<IIiiI", 1, 1, 10, 10, 0))
                     + msg(0x87, P, struct.pack("<IIiiI", 1, 0, 10, 10, 0x100)))
    yield "motion", msg(0x88, W, struct.pack("<iiI", 50, 60, 0))
    yield "crossing", msg(0x89, W, struct.pack("<IiiI", 1, 3, 4, 0)) + msg(0x89, W, struct.pack("<IiiI", 0, 3, 4, 0))
    yield "focus", msg(0x8a, W, struct.pack("<I", 1)) + msg(0x8a, W, struct.pack("<I", 0))
    yield "keymap", msg(0x8b, 0, bytes([0] * 4 + [0x40] + [0] * 27))
    yield "layout", msg(0x8c, 0, layout(b"evdev", b"pc105", b"de,us", b"nodeadkeys", b"grp:alt_shift_toggle"))
    yield "clipboard-request", msg(0x8d, 0, struct.pack("<I", 7))
    yield "clipboard-paste", msg(0x8e, 0, "gr\u00fc\u00dfe \u20ac".encode())
    yield "window-state", msg(0x8f, W, struct.pack("<I", 2)) + msg(0x8f, W, struct.pack("<I", 5))
    yield "tray-button", (msg(0x91, 0x200005, struct.pack("<IIiiI", 4, 1, 3, 3, 0))
                          + msg(0x91, 0x200005, struct.pack("<IIiiI", 4, 0, 3, 3, 0)))
    yield "keysym", msg(0x90, W, struct.pack("<II", 38, 0xe9)) + msg(0x86, W, struct.pack("<III", 38, 0, 1))
    # issue 14 items 5 to 7: two monitors at 144 dpi, a resize to sync
    mon = struct.pack("<iiIIII", 0, 0, 1920, 1080, 339, 190) + struct.pack("<iiIIII", 1920, 0, 1280, 1024, 226, 181)
    yield "monitors", msg(0x93, 0, struct.pack("<II", 144, 2) + mon)
    yield "sync-request", (msg(0x94, W, struct.pack("<III", 1, 700, 500))
                           + msg(0x82, W, struct.pack("<iiII", 5, 6, 700, 500)))
    yield "frame-done", (msg(0x95, W, struct.pack("<I", 1)) + msg(0x95, P, struct.pack("<I", 0xffffffff))
                         + msg(0x95, 0x200003, struct.pack("<I", 0)))
    # issue 14 item 4: an action the user invoked, then closed (dismissed)
    yield "notify-event", (msg(0x92, 0, struct.pack("<III", 1, 2, 0))
                           + msg(0x92, 0, struct.pack("<III", 1, 1, 2)))


if len(sys.argv) > 1 and sys.argv[1] == "--agent":
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "seeds-agent")
    os.makedirs(out, exist_ok=True)
    for name, data in agent_seeds():
        with open(os.path.join(out, name), "wb") as f:
            f.write(b"\xfe" + (data if name == "welcome" else WELCOME + data))
    sys.exit(0)

for name, data in seeds():
    flags, first, second = (1, data, b"") if isinstance(data, bytes) else data
    whole = first + second
    split = min(255, -(-len(first) * 255 // len(whole))) if second else 0x80
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes([flags, split]) + whole)
