#!/usr/bin/env python3
"""vt-heldunder: hostile-domain trial 9 #1, a hostile agent that hides a
window of its own under its flickering popup, counted shown by the core but
never on the desktop, so that the click guard (gui-daemon/clickguard.h)
takes it for what the user aimed at.

usage: vt-heldunder.py SOCKET CX CY   (CX,CY: the desktop point the user
will click: the middle of another domain's title bar)

Creates window 7 (an ordinary window, mapped, yellow, at 600,500: the user
clicks it to give this domain the keys), B (30: managed, 300x60 around
CX,CY, unmapped), A (40: a popup 60x16 at CX,CY, unmapped) and windows
100..179 (unmapped), then prints `ready`. On each line on stdin it plays one
round and prints `done`:

  0 ms     the domain's rate of window changes (props.h: a burst of 40, then
           20 a second) used up with 52 titles, a title of A (it holds A's
           place in the queue: about 650 ms), 16 more, then the map of B
           (about 1.5 s): B is mapped and on top in the core at once (the
           domain has the keys), its desktop map held;
  600 ms   A mapped and damaged (its change goes with A's title's place);
  ~900 ms  A unmapped;
  1350 ms  B unmapped, before its map reached the desktop.

The user's click on CX,CY between ~650 and ~900 ms falls on A. With
NO_B=1 in the environment the same rounds without B (a title instead)."""
import importlib.util
import os
import select
import socket
import sys
import time

spec = importlib.util.spec_from_file_location(
    "vh", os.path.join(os.path.dirname(os.path.abspath(__file__)), "vt-hostile.py"))
vh = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vh)

path, cx, cy = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = vh.Conn(path)
vh.handshake(s)
s.sock.settimeout(None)
vh.window7(s, rgb=0xFFFF00, x=600, y=500, w=160, h=100, ttl=b"hostile")
s.sendall(vh.create(30, cx - 150, cy - 10, 300, 60) + vh.title(30, b"b"))
vh.send_buffer(s, 30, 300, 60, rgb=0x00FF00)
s.sendall(vh.create(40, cx - 30, cy - 8, 60, 16, 1))
vh.send_buffer(s, 40, 60, 16, rgb=0xFF00FF)
for f in range(100, 180):
    s.sendall(vh.create(f, 10, 10, 20, 20))
vh.out("ready")


def drain():
    try:
        while True:
            d = s.sock.recv(65536, socket.MSG_DONTWAIT)
            if not d:
                vh.out("closed")
                sys.exit(1)
            vh.log_incoming(s, d)
    except (BlockingIOError, TimeoutError, socket.timeout):
        pass


def until(t):
    time.sleep(max(0.0, t - time.monotonic()))


rnd = 0
while True:
    r, _, _ = select.select([0, s.sock], [], [])
    if s.sock in r:
        drain()
    if 0 not in r:
        continue
    if not sys.stdin.readline():
        break
    rnd += 1
    t0 = time.monotonic()
    fill = [vh.title(100 + i, b"f%d-%d" % (rnd, i)) for i in range(68)]
    batch = b"".join(fill[:52]) + vh.title(40, b"a%d" % rnd) + b"".join(fill[52:])
    batch += vh.title(179, b"x%d" % rnd) if os.environ.get("NO_B") else vh.map_(30)
    s.sendall(batch)
    until(t0 + 0.6)
    s.sendall(vh.map_(40, 1) + vh.damage(40, 0, 0, 60, 16))
    until(t0 + 0.9)
    s.sendall(vh.msg(vh.UNMAP, 40))
    until(t0 + 1.35)
    s.sendall(vh.msg(vh.UNMAP, 30))
    drain()
    vh.out("done")
