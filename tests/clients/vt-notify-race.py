#!/usr/bin/env python3
"""vt-notify-race SOCKET ROUNDS: a hostile domain (vt-hostile's protocol,
minor 4) whose notification is replaced and closed in one write while the
desktop's notification service has it: each round NOTIFY id k, a second for
it to be shown, then in one write a replacement NOTIFY id k and NOTIFY_CLOSE
id k. Prints "done", or "closed" if the daemon closed the connection
(hostile-domain trial 11 #8: the close freed the note whose replacement's
answer came later: use after free, the daemon died)."""
import importlib.util
import os
import select
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("vth", os.path.join(HERE, "vt-hostile.py"))
H = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H)


def main():
    c = H.Conn(sys.argv[1])
    H.handshake(c, minor=4)

    def wait(t):
        end = time.time() + t
        while time.time() < end:
            if select.select([c.sock], [], [], max(0, end - time.time()))[0]:
                if not c.sock.recv(65536):
                    return False
        return True

    for k in range(int(sys.argv[2])):
        nid = 1 + k
        c.sendall(H.notify(b"app", b"first", b"body", nid=nid))
        ok = wait(1.0)
        c.sendall(H.notify(b"app", b"second", b"body", nid=nid)
                  + H.msg(H.NOTIFY_CLOSE, 0, struct.pack("<I", nid)))
        if not (ok and wait(1.0)):
            print("closed", flush=True)
            return
    print("done", flush=True)


main()
