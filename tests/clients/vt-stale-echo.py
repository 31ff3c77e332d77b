#!/usr/bin/env python3
"""vt-stale-echo SOCKET ROUNDS: a hostile domain (vt-hostile's protocol) whose
popups' configures cross the desktop X server's echoes: each round two popups,
one at the top and one at the bottom of the screen, then in one write the
bottom one shrinks twice and the top one grows (the newest sizes cover less
than 90% of the screen; the bottom one's older size with the top one's newer
would not). Prints "done" after the rounds, "closed" if the daemon closed
the connection (hostile-domain trial 11 #7: the first echo of the bottom
popup, taken for the user's move, made it managed inside x11_configured,
which went on with the freed desktop window)."""
import importlib.util
import os
import select
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("vth", os.path.join(HERE, "vt-hostile.py"))
H = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H)


def main():
    c = H.Conn(sys.argv[1])
    H.handshake(c)
    rounds = int(sys.argv[2])
    w, h = H.SCREEN

    def popup(i, x, y, pw, ph):
        c.sendall(H.create(i, x, y, pw, ph, 1))
        H.send_buffer(c, i, pw, ph, rgb=0x00FF00)
        c.sendall(H.map_(i, 1) + H.damage(i, 0, 0, pw, ph))

    def drain(t):
        end = time.time() + t
        while True:
            if not select.select([c.sock], [], [], max(0, end - time.time()))[0]:
                return True
            if not c.sock.recv(65536):
                return False

    for k in range(rounds):
        a, b = 10 + 2 * k, 20 + 2 * k
        popup(a, 0, 30, w - 6, 300)
        popup(b, 0, h - 150, w - 6, 142)
        ok = drain(0.3)
        c.sendall(H.configure(b, 0, h - 150, w - 6, 100, 1)
                  + H.configure(b, 0, h - 150, w - 6, 50, 1)
                  + H.configure(a, 0, 30, w - 6, h - 180, 1))
        ok = ok and drain(0.5)
        c.sendall(H.msg(H.DESTROY, a) + H.msg(H.DESTROY, b))
        if not (ok and drain(0.2)):
            print("closed", flush=True)
            return
    print("done", flush=True)


main()
