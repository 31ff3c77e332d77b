#!/bin/bash
# monitors-outgrown: a desktop that grows past a domain's X server (a
# monitor plugged in after the domain started: Xvfb's screen cannot grow)
# leaves the pointer stopped at the screen's edge there; the domain's agent
# says so in a notification ("The desktop outgrew the domain"; new-user
# trial 5: only the sandbox's log said it). A domain whose X server never
# covered the desktop (one started small by hand) is not told. Headless
# backend; `vitrinectl set-monitors` plays the hot-plug.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 2000x480 --monitors 1000x480+0+0 \
	--domain work,label=blue --domain small,label=red
start_xvfb DW 1280x480
start_agent work "$DW"
start_xvfb DS 640x480
start_agent small "$DS"
wait_guest_monitors "$DW" "1000x480+0+0 " "one monitor, inside work's 1280x480 screen"
shot_to before before

ctl set-monitors 1000x480+0+0,1000x480+1000+0 >/dev/null
wait_guest_monitors "$DW" "1000x480+0+0 1000x480+1000+0 " "a second monitor, past work's screen"
assert_log "$VT_DAEMON_LOG" 'domain work: notification "The desktop outgrew the domain"'
grep -q "keeps its 1280x480 screen (the monitors are 2000x480" "$T/agent-work.log" ||
	fail "work's agent did not log its 1280x480 screen: $(tail -n 3 "$T/agent-work.log")"
check "work's X server (1280x480) outgrown by a 2000x480 desktop: work's notification says so"
n=$(grep -c 'domain small: notification' "$VT_DAEMON_LOG" || true)
((n == 0)) || fail "small, whose 640x480 X server never covered the desktop, notified $n times"
check "small, whose X server never covered the desktop: no notification"

# the second monitor unplugged: work's screen holds the desktop again, and
# its notification goes (it was left saying what was no longer so: seen on
# check-drm's unplug); the screen is as it was before the plug
# (pngcmp: exit 0 when SHOT is the shot before the plug, else its count)
drawn() { ! "$VT_TOOLS/pngcmp" "$before" "$1" --tolerance 0 >/dev/null || { VT_SEEN="as before the plug"; false; }; }
same() { VT_SEEN=$("$VT_TOOLS/pngcmp" "$before" "$1" --tolerance 0); }
wait_shot outgrown drawn
ctl set-monitors 1000x480+0+0 >/dev/null
wait_guest_monitors "$DW" "1000x480+0+0 " "the second monitor unplugged"
# (the agent took it down: the daemon's own expiry, 10 s after it was shown,
# would clear the screen too)
wait_lines "$T/agent-work.log" ".*taken down$" 1 "work's agent after the unplug"
VT_TIMEOUT=5 wait_shot unplugged same
check "the monitor unplugged: work's notification that the desktop outgrew it is taken down (the screen as before the plug)"
finish
