#!/usr/bin/python3
"""The user's terminal around `vitrine run` (tests/integ/run-terminal.sh).

run-tty.py CASE VITRINE-RUN-ARGV...: a pseudo-terminal of ours is the
terminal of a session whose "shell" is this script; vitrine run (ARGV, to
which the case adds its COMMAND) runs in it as a job, in the foreground or in
the background, as a shell would run it. Prints one line per check, "ok ..."
or "FAIL ...", and exits 1 if any failed.

Cases:
  type      a line typed reaches COMMAND, which has its own terminal of our
            window's size, with echo; COMMAND's exit status comes back; the
            domain (new: ARGV's --domain tty) is said to have the default label
  intr      Ctrl+C interrupts COMMAND: vitrine run exits 130
  leftover  a process COMMAND left (its own session, SIGHUP ignored) reads
            nothing the user types after vitrine run returned (ARGV must
            give --rw DIR; DIR/leak is where it writes what it read)
  bg        vitrine run as a background job: the terminal keeps its modes,
            and what is typed goes to the shell, not to COMMAND
  suspend   Ctrl+Z stops vitrine run (not COMMAND), the terminal restored;
            fg resumes it, and typing reaches COMMAND again
  stubborn  COMMAND turns Ctrl+C off and ignores signals: a second SIGTERM
            ends vitrine run, the terminal restored
"""
import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time

case, argv = sys.argv[1], sys.argv[2:]
failed = 0


def check(ok, what):
    global failed
    print(("ok " if ok else "FAIL ") + what, flush=True)
    failed += 0 if ok else 1


master, slave = os.openpty()
fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 101, 0, 0))
# this script: the session's leader and its shell, with the terminal
os.setsid()
fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
out = b""


def read_for(secs, until=None):
    """What vitrine run writes to the terminal, for secs or until `until`."""
    global out
    end = time.time() + secs
    while time.time() < end and not (until and until in out):
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                out += os.read(master, 65536)
            except OSError:
                return


def job(command, foreground=True):
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        if foreground:
            os.tcsetpgrp(slave, os.getpid())
        signal.signal(signal.SIGTTOU, signal.SIG_DFL)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execvp(argv[0], argv + ["--"] + command)
    try:
        os.setpgid(pid, pid)
    except PermissionError:
        pass  # the child ran exec already, after its own setpgid (as shells do)
    if foreground:
        os.tcsetpgrp(slave, pid)
    return pid


def wait(pid, secs=60):
    end = time.time() + secs
    while time.time() < end:
        read_for(0.05)
        p, st = os.waitpid(pid, os.WNOHANG | os.WUNTRACED)
        if p:
            os.tcsetpgrp(slave, os.getpgrp())
            return st
    check(False, "vitrine run did not end in %d s; it wrote %r" % (secs, out))
    os.kill(pid, signal.SIGKILL)
    sys.exit(1)


def modes():
    a = termios.tcgetattr(slave)
    return bool(a[3] & termios.ECHO), bool(a[3] & termios.ICANON)


def wait_raw():
    """Until the terminal is raw: vitrine run makes it so once it read the
    launcher's "started", which may come after COMMAND's first words."""
    end = time.time() + 30
    while modes() != (False, False) and time.time() < end:
        read_for(0.05)


def running(command):
    """vitrine run of command in the foreground, once command said ready
    and the terminal is COMMAND's (raw)."""
    pid = job(command)
    read_for(60, b"ready")
    wait_raw()
    return pid


if case == "type":
    pid = running(["sh", "-c", 'stty size; echo ready; read l; echo "got:$l"; exit 7'])
    os.write(master, b"hello\r")
    st = wait(pid)
    check(os.waitstatus_to_exitcode(st) == 7, "COMMAND's exit status 7 came back (%r)" % st)
    check(b"33 101" in out, "COMMAND's terminal has our window's size (33 101): %r" % out)
    check(b"hello\r\ngot:hello" in out, "the line typed was echoed and read: %r" % out)
    check(modes() == (True, True), "the terminal's modes are restored")
    check(b"domain tty added with the default label red (--label COLOUR or vitrine.conf "
          b"chooses another)" in out, "a new domain's default label is said at a terminal")
elif case == "intr":
    pid = running(["sh", "-c", "echo ready; exec sleep 100"])
    os.write(master, b"\x03")
    st = wait(pid)
    check(os.waitstatus_to_exitcode(st) == 130, "Ctrl+C: vitrine run exited %r" % st)
elif case == "leftover":
    leak = argv[argv.index("--rw") + 1] + "/leak"
    script = ('exec 3<&0; (setsid sh -c "trap \\"\\" HUP; echo started >%s; '
              'exec cat <&3 >>%s" &); sleep 0.5; echo bye' % (leak, leak))
    pid = job(["sh", "-c", script])
    st = wait(pid)
    check(os.waitstatus_to_exitcode(st) == 0 and b"bye" in out, "COMMAND ran: %r" % out)
    # back at the shell, once the leftover runs (else a regression could
    # pass: it would start reading after the shell did), the user types
    end = time.time() + 60
    while time.time() < end and not (os.path.exists(leak) and open(leak).read()):
        time.sleep(0.05)
    time.sleep(0.3)  # (from its echo to cat's read)
    os.write(master, b"my password\n")
    time.sleep(1.5)
    got = open(leak).read() if os.path.exists(leak) else ""
    check(got.startswith("started"), "the leftover process ran (%r)" % got)
    check("password" not in got, "what was typed after vitrine run returned did not "
          "reach the process COMMAND left (it read %r)" % got)
    r, _, _ = select.select([slave], [], [], 0.5)
    check(r and b"my password" in os.read(slave, 4096), "the shell reads it")
elif case == "bg":
    pid = job(["sh", "-c", "echo ready; sleep 3; echo done"], foreground=False)
    read_for(60, b"ready")  # COMMAND runs: vitrine run set its terminal up
    check(b"ready" in out and modes() == (True, True),
          "the terminal keeps echo and line editing while COMMAND runs")
    os.write(master, b"for the shell\n")
    r, _, _ = select.select([slave], [], [], 2)
    check(r and b"for the shell" in os.read(slave, 4096), "the shell reads what is typed")
    st = wait(pid)
    check(os.waitstatus_to_exitcode(st) == 0 and b"done" in out, "COMMAND's output: %r" % out)
elif case == "suspend":
    pid = running(["sh", "-c", 'echo ready; read l; echo "got:$l"'])
    check(modes() == (False, False), "while it runs the terminal is raw (COMMAND's "
          "pseudo-terminal edits the line)")
    os.write(master, b"\x1a")
    st = wait(pid)
    check(os.WIFSTOPPED(st) and os.WSTOPSIG(st) == signal.SIGTSTP,
          "Ctrl+Z stopped vitrine run (%r)" % st)
    check(modes() == (True, True), "the terminal's modes are restored while it is stopped")
    os.tcsetpgrp(slave, pid)  # fg
    os.kill(-pid, signal.SIGCONT)
    time.sleep(0.5)
    os.write(master, b"again\r")
    st = wait(pid)
    check(os.waitstatus_to_exitcode(st) == 0 and b"got:again" in out,
          "after fg, typing reached COMMAND again: %r" % out)
elif case == "stubborn":
    # COMMAND turns Ctrl+C off and ignores the signals: a second SIGTERM
    # to vitrine run gives the terminal back (only SIGKILL did, leaving it
    # raw: hostile-app trial)
    pid = running(["sh", "-c", 'trap "" INT TERM HUP QUIT; stty -isig; echo ready; sleep 100'])
    os.write(master, b"\x03")
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.5)
    os.kill(pid, signal.SIGTERM)
    st = wait(pid)
    check(os.waitstatus_to_exitcode(st) == 143, "a second SIGTERM ended vitrine run (%r)" % st)
    check(modes() == (True, True), "the terminal's modes are restored")
else:
    sys.exit("run-tty.py: unknown case " + case)
sys.exit(1 if failed else 0)
