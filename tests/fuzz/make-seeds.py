#!/usr/bin/env python3
"""Write the fuzzer's seed corpus: valid agent sessions (tests/fuzz/seeds/)."""
import os
import struct
import sys

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "seeds")
os.makedirs(out, exist_ok=True)


def msg(t, w, body=b""):
    return struct.pack("<III", t, w, len(body)) + body


HELLO = msg(1, 0, struct.pack("<HHI", 1, 0, 0))


def create(w, x=10, y=20, cw=100, ch=80, flags=0, tf=0):
    return msg(2, w, struct.pack("<iiIIII", x, y, cw, ch, flags, tf))


def seeds():
    # The first byte also chooses the split point; HELLO starts with 0x01.
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


for name, data in seeds():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
