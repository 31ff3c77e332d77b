#!/bin/bash
# demo: `make demo` as a new user meets it (issue 11, items 7 and 17). Two
# headless demos started at once both finish and write their pictures (each
# run has a state directory of its own; neither kills the other), and leave
# nothing behind. Live on a desktop, Ctrl-C ends the demo quietly (status
# 0, nothing left), the work domain's terminal is a real shell: a command
# typed into it (through the daemon) runs, and a daemon killed is a failure
# the demo reports.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

# a TMPDIR of this test's own: demo and demo-asan run side by side, and each
# counts the state directories it finds
export TMPDIR=$T/tmp
mkdir -p "$TMPDIR"
base=$TMPDIR/vitrine-demo-$(id -u)
mkdir -p "$base"
before=$(find "$base" -maxdepth 1 -name 'run.*' 2>/dev/null | wc -l)
for i in 1 2; do
	bg "demo$i" "$T/demo$i.log" env -u DISPLAY VITRINE_BUILD="$VT_BIN" DEMO_OUT="$T/demo$i.png" \
		"$VT_ROOT/tools/demo"
	pid[i]=$VT_LAST_PID
done
for i in 1 2; do
	st=0
	for ((n = 0; n < 600; n++)); do
		alive "${pid[i]}" || break
		sleep 0.1
	done
	alive "${pid[i]}" && fail "demo $i still running after 60 s (log $T/demo$i.log)"
	wait "${pid[i]}" 2>/dev/null || st=$?
	((st == 0)) || fail "demo $i exited with status $st: $(tail -n 5 "$T/demo$i.log")"
	[[ -s $T/demo$i.png ]] || fail "demo $i wrote no picture"
	grep -q "demo: wrote $T/demo$i.png" "$T/demo$i.log" || fail "demo $i: $(tail -n 3 "$T/demo$i.log")"
done
check "two demos at once: both finished and wrote their pictures"
after=$(find "$base" -maxdepth 1 -name 'run.*' 2>/dev/null | wc -l)
((after <= before)) || fail "the demos left state directories behind: $(ls "$base")"
check "no state left behind in $base"
# live on a desktop (Xvfb and openbox, as a user's)
start_xvfb DESK
start_openbox "$DESK"
# live_demo NAME [WRAPPER...]: the demo on the desktop, in a process group
# of its own (bg), until its windows are there: sets live (its pid) and
# state (its state directory).
live_demo() {
	local name=$1 deadline owner
	shift
	bg "$name" "$T/$name.log" env DISPLAY="$DESK" VITRINE_BUILD="$VT_BIN" "$@" "$VT_ROOT/tools/demo"
	live=$VT_LAST_PID
	deadline=$((SECONDS + 60))
	until grep -q "windows are on" "$T/$name.log"; do
		alive "$live" || fail "the $name demo stopped: $(tail -n 5 "$T/$name.log")"
		((SECONDS < deadline)) || fail "the $name demo did not start: $(tail -n 5 "$T/$name.log")"
		sleep 0.1
	done
	owner=$(grep -lx "$live" "$base"/run.*/owner | head -n 1)
	[[ -n $owner ]] || fail "no state directory owned by the $name demo ($live) in $base"
	state=${owner%/owner}
}
# demo_end NAME: wait until the demo ends; its status in st
demo_end() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	while alive "$live"; do
		((SECONDS < deadline)) || fail "the $1 demo kept running: $(tail -n 5 "$T/$1.log")"
		sleep 0.1
	done
	st=0
	wait "$live" 2>/dev/null || st=$?
}
# Ctrl-C, as a terminal sends it: SIGINT to the whole process group, the
# daemon's too. A quiet end, status 0 (make prints no "Error"), the state
# directory gone (new-user trial 17 #4: "demo: the daemon stopped; see
# .../daemon.log", exit 1, the directory left), whether the demo's shell
# sees the SIGINT (a terminal's job: 130 was its status) or not (started as
# a script's asynchronous command, SIGINT ignored, which a shell cannot
# trap: the daemon's end was taken for a failure)
for how in script terminal; do
	sigint=SIG_DFL
	[[ $how == script ]] && sigint=SIG_IGN
	live_demo "ctrl-c-$how" "$PYTHON" -c 'import os, signal, sys
signal.signal(signal.SIGINT, getattr(signal, sys.argv[1]))
os.execvp(sys.argv[2], sys.argv[2:])' "$sigint"
	kill -INT -- -"$live"
	demo_end "ctrl-c-$how"
	((st == 0)) || fail "Ctrl-C ($how): the demo exited with status $st: $(tail -n 3 "$T/ctrl-c-$how.log")"
	grep -q "stopped; see" "$T/ctrl-c-$how.log" &&
		fail "Ctrl-C ($how) read as a failure: $(grep "stopped; see" "$T/ctrl-c-$how.log")"
	[[ ! -e $state ]] || fail "Ctrl-C ($how): the demo left its state directory $state"
	check "live demo, Ctrl-C ($how's SIGINT to the process group): status 0, no failure said, $state removed"
done
# the work domain's terminal is a shell the user types into
live_demo live
dctl() { "$VT_BIN/vitrinectl" --socket "$state/run/control.sock" "$@"; }
term=$(dctl windows | awk '$1 == "work" && /title="terminal"/ {print $2}')
[[ -n $term ]] || fail "no work window titled terminal: $(dctl windows)"
dctl focus work "$term" >/dev/null
dctl type "touch $T/typed-into-the-demo" >/dev/null
dctl key Return >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until [[ -e $T/typed-into-the-demo ]]; do
	((SECONDS < deadline)) || fail "a command typed into the work terminal did not run (is it a shell?)"
	sleep 0.1
done
check "live demo: a command typed into the work domain's terminal ran (a real shell)"
# the daemon dies (killed; as when it crashes): a failure, said, the logs
# kept; the demo stops everything it started, though the domains' programs
# never exit by themselves
mapfile -t started <"$state/pids"
kill -KILL "${started[0]}"
demo_end live
((st == 1)) || fail "the live demo exited with status $st after its daemon was killed, not 1"
grep -q "demo: the daemon stopped; see $state/daemon.log" "$T/live.log" ||
	fail "the live demo did not say its daemon stopped: $(tail -n 3 "$T/live.log")"
[[ -s $state/daemon.log ]] || fail "the live demo did not keep the daemon's log"
deadline=$((SECONDS + VT_TIMEOUT))
for pid in "${started[@]}"; do # signalled by the demo's clean-up: gone soon
	while alive "$pid" && [[ $(ps -o stat= -p "$pid") != Z* ]]; do
		((SECONDS < deadline)) || fail "the demo left pid $pid running after its daemon stopped: $(ps -o args= -p "$pid")"
		sleep 0.1
	done
done
check "live demo: when the daemon is killed, the demo says so (status 1, log kept) and leaves nothing running"
finish
