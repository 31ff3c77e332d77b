#!/bin/bash
# demo: `make demo` as a new user meets it (issue 11, items 7 and 17). Two
# headless demos started at once both finish and write their pictures (each
# run has a state directory of its own; neither kills the other), and leave
# nothing behind. Live on a desktop, the work domain's terminal is a real
# shell: a command typed into it (through the daemon) runs.
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
# live on a desktop: the work domain's terminal is a shell the user types into
start_xvfb DESK
bg live "$T/live.log" env DISPLAY="$DESK" VITRINE_BUILD="$VT_BIN" "$VT_ROOT/tools/demo"
live=$VT_LAST_PID
deadline=$((SECONDS + 60))
until grep -q "windows are on" "$T/live.log"; do
	alive "$live" || fail "the live demo stopped: $(tail -n 5 "$T/live.log")"
	((SECONDS < deadline)) || fail "the live demo did not start: $(tail -n 5 "$T/live.log")"
	sleep 0.1
done
state=$(grep -lx "$live" "$base"/run.*/owner | head -n 1)
[[ -n $state ]] || fail "no state directory owned by the live demo ($live) in $base"
dctl() { "$VT_BIN/vitrinectl" --socket "${state%/owner}/run/control.sock" "$@"; }
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
# the daemon goes (as when the desktop closes): the demo stops everything
# it started, though the domains' programs never exit by themselves
mapfile -t started <"${state%/owner}/pids"
kill "${started[0]}"
deadline=$((SECONDS + VT_TIMEOUT))
while alive "$live"; do
	((SECONDS < deadline)) || fail "the live demo kept running after its daemon stopped"
	sleep 0.1
done
for pid in "${started[@]}"; do # signalled by the demo's clean-up: gone soon
	while alive "$pid" && [[ $(ps -o stat= -p "$pid") != Z* ]]; do
		((SECONDS < deadline)) || fail "the demo left pid $pid running after its daemon stopped: $(ps -o args= -p "$pid")"
		sleep 0.1
	done
done
check "live demo: when the daemon stops, the demo stops and leaves nothing running"
finish
