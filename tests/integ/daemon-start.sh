#!/bin/bash
# daemon-start: what a user meets when starting the daemon (issue 11, items 6
# and 8). A second daemon on the same runtime directory refuses to start with
# one line naming the first one's pid, and touches nothing of the first: its
# control socket and its domains' sockets stay and answer. A runtime
# directory whose parent does not exist is one clear line and exit status 1.
# Every option and domain key the programs' --help names is in docs/control.md.
# --renderer gles2 with no EGL driver, or on the x11 backend, is one clear
# line and exit status 1.
# Once the first daemon is gone, a new one starts on the same directory.
# A daemon started with no domain says it has none yet and takes one
# added with vitrinectl add-domain, whose agent connects and shows a window.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --domain work,label=blue

# a second daemon on the same directory
said=$(timeout "$VT_TIMEOUT" "$VT_BIN/vitrine-daemon" --backend headless --runtime-dir "$RUN" \
	--domain work,label=blue 2>&1) && fail "a second daemon on $RUN started: $said"
[[ $said == *"already running on $RUN (pid $VT_DAEMON_PID)"* ]] ||
	fail "the second daemon did not say the first one's pid: '$said'"
(($(printf '%s\n' "$said" | wc -l) == 1)) || fail "more than one line: '$said'"
check "a second daemon on the same runtime directory: '$said'"
[[ -S $RUN/control.sock && -S $RUN/domain-work.sock ]] ||
	fail "the second daemon removed the first one's sockets: $(ls "$RUN")"
ctl domains >/dev/null
start_xvfb DW
start_agent work "$DW"
start_pattern p "$DW" --pattern quad --geometry 120x90+40+60 --title still
wait_pixels work 1
check "the first daemon's sockets are there, its control socket answers, an agent connects"

# a runtime directory whose parent does not exist
missing=$T/no-such-parent/vitrine
st=0
said=$(timeout "$VT_TIMEOUT" "$VT_BIN/vitrine-daemon" --backend headless --runtime-dir "$missing" \
	--domain work,label=blue 2>&1) || st=$?
((st == 1)) || fail "runtime dir with a missing parent: exit status $st, not 1: '$said'"
[[ $said == *"cannot create the runtime directory $missing"*"parent does not exist"* ]] ||
	fail "runtime dir with a missing parent: '$said'"
check "a runtime directory whose parent does not exist: '$said', status 1"

# the usage and the docs agree: every option and domain key that --help
# names is documented in docs/control.md (vitrine's in run.md and testing.md)
for prog in vitrine-daemon vitrine-agent vitrinectl vitrine; do
	usage=$("$VT_BIN/$prog" --help) || fail "$prog --help: status $?"
	docs=("$VT_ROOT/docs/control.md")
	[[ $prog == vitrine ]] && docs=("$VT_ROOT/docs/run.md" "$VT_ROOT/docs/testing.md")
	n=0
	while read -r word; do
		grep -qE -- "(^|[\`[,]|\\| )$word" "${docs[@]}" ||
			fail "$prog --help names $word, ${docs[*]#"$VT_ROOT/"} do not"
		n=$((n + 1))
	done < <(grep -oE -- '--[a-z][a-z-]+|[a-z_0-9]+=' <<<"$usage" | sort -u)
	((n >= 2)) || fail "$prog --help names only $n options: '$usage'"
	check "$prog --help: its $n options and keys are all in ${docs[*]#"$VT_ROOT/"}"
done

# --renderer gles2 where EGL has no driver (glvnd finds no vendor), and on
# the x11 backend: a clear line each, status 1, no crash
st=0
said=$(__EGL_VENDOR_LIBRARY_FILENAMES=$T/no-such-vendor.json timeout "$VT_TIMEOUT" \
	"$VT_BIN/vitrine-daemon" --backend headless --renderer gles2 --runtime-dir "$T/run-egl" \
	--domain work,label=blue 2>&1) || st=$?
((st == 1)) || fail "--renderer gles2 with no EGL driver: exit status $st, not 1: '$said'"
[[ $said == *"gles2 renderer: no EGL driver"*"libegl-mesa0"* ]] ||
	fail "--renderer gles2 with no EGL driver: '$said'"
check "--renderer gles2 with no EGL driver: '$(head -1 <<<"$said")', status 1"
st=0
said=$(DISPLAY=:9999 timeout "$VT_TIMEOUT" "$VT_BIN/vitrine-daemon" --backend x11 \
	--renderer gles2 --runtime-dir "$T/run-x11" --domain work,label=blue 2>&1) || st=$?
((st == 1)) || fail "--backend x11 --renderer gles2: exit status $st, not 1: '$said'"
[[ $said == *"the x11 backend has no renderer to choose"* ]] ||
	fail "--backend x11 --renderer gles2: '$said'"
check "--backend x11 --renderer gles2 refused: '$(head -1 <<<"$said")'"

# after the first one stopped, the directory is free again
stop_daemon
start_daemon --domain work,label=blue
check "after the first daemon stopped, a new one starts on the same directory"

# no domain at all: it starts, says so, and takes one added at run time
stop_daemon
start_daemon
grep -q "no domains yet: vitrinectl add-domain NAME label=COLOUR, or vitrine run, adds them" \
	"$VT_DAEMON_LOG" || fail "a daemon with no domain did not say so: $(tail -n 3 "$VT_DAEMON_LOG")"
[[ $(ctl domains) == ok ]] || fail "a daemon with no domain lists some: $(ctl domains)"
# vitrinectl takes the runtime directory as vitrine and the daemon do
# (new-user trial 5: only --socket PATH was known)
got=$("$VT_BIN/vitrinectl" --runtime-dir "$RUN" domains 2>&1) || fail "vitrinectl --runtime-dir: $got"
[[ $got == ok ]] || fail "vitrinectl --runtime-dir $RUN domains: $got"
check "vitrinectl --runtime-dir DIR reaches DIR/control.sock"
# a colour it does not know: the ones it does are said (new-user trial 6);
# a wait that does not hold in time says so, not "waiting for the daemon"
got=$("$VT_BIN/vitrinectl" --runtime-dir "$RUN" add-domain temp label=pink 2>&1) && fail "add-domain label=pink: $got"
[[ $got == "error: unknown label colour (red orange yellow green gray blue purple black)" ]] ||
	fail "add-domain label=pink said: $got"
ctl add-domain late label=green >/dev/null
got=$("$VT_BIN/vitrinectl" --runtime-dir "$RUN" --timeout 0.3 wait-window late nosuch 2>&1) && fail "wait-window of no window: $got"
[[ $got == "vitrinectl: timed out after 0.3 s: no answer to 'wait-window late nosuch' (a wait-* condition"* ]] ||
	fail "wait-window's timeout said: $got"
check "vitrinectl: an unknown colour lists the colours; a wait's timeout names the wait"
start_xvfb DL
start_agent late "$DL"
start_pattern l "$DL" --pattern quad --geometry 120x90+40+60 --title late
wait_pixels late 1
check "a daemon started with no domain: said in its log, one added with vitrinectl add-domain connects and shows a window"

# a control client that asks and never reads: dropped once 16 MiB of
# replies wait for it (none of them half sent), the daemon serves others
out=$("$PYTHON" - "$CONTROL" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(0.5)
line = b"windows\n" * 128
sent, end = 0, time.monotonic() + 60
try:
    while time.monotonic() < end:
        try:
            sent += s.send(line)
        except socket.timeout:
            # the daemon reads no more from a client with replies waiting:
            # is it still there?
            if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                break
            time.sleep(0.05)
            try:
                if s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                    break
            except BlockingIOError:
                pass
    else:
        print("still connected after", sent, "bytes of commands")
        sys.exit(1)
except (BrokenPipeError, ConnectionResetError):
    pass
print(sent)
PY
) || fail "a control client that never reads: $out"
[[ $(ctl domains) == *"late "* ]] || fail "after dropping a client that never read, domains: $(ctl domains)"
check "a control client asking without reading was dropped after $out bytes of commands; the daemon answers others"
# its last words say why it stopped (new-user trial 6: nothing after SIGTERM)
stop_daemon
grep -Eq "^vitrine-daemon: stopping: SIGTERM from pid [0-9]+$" "$VT_DAEMON_LOG" ||
	fail "no 'stopping: SIGTERM' line in the daemon's log: $(tail -n 3 "$VT_DAEMON_LOG")"
check "the daemon's log says it stopped on SIGTERM, and from which process"
finish
