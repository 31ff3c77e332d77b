#!/bin/bash
# run-notify-linger: a notification is the last thing a sandbox shows
# (new-user trial 12 #2: `...; notify-send done` at the end of a job, or
# `vitrine run -- notify-send x` alone, showed nothing: the sandbox stopped
# with its last application, and its notification went with the domain).
# The sandbox stays while one of its notifications is shown (the agent
# tells the launcher), and stops once it is closed: here a click on the one
# the daemon draws (the desktop has no session bus).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v bwrap >/dev/null || fail "bwrap is not installed (tools/install-deps)"
start_xvfb DESK 1024x768
DBUS_SESSION_BUS_ADDRESS=unix:path=$T/no-bus start_daemon_x11 "$DESK" --domain work,label=blue
mkdir -p "$T/home"
vrun() { HOME=$T/home "$VT_BIN/vitrine" run --runtime-dir "$RUN" "$@"; }

vrun --domain n --label green -- notify-send "Backup finished" "all files copied" </dev/null ||
	fail "vitrine run -- notify-send failed"
note='"[n] Backup finished: all files copied": ("vitrine-notification" "vitrine-daemon")'
deadline=$((SECONDS + VT_TIMEOUT))
until line=$(desk xwininfo -root -children | grep -F "$note"); do
	((SECONDS < deadline)) || fail "n's notification never shown: $(desk xwininfo -root -children | grep vitrine-)"
	sleep 0.05
done
sleep 1 # (the launcher saw its last application gone long since)
[[ -S $RUN/sandbox-n.sock ]] || fail "the sandbox of n stopped under its notification"
desk xwininfo -root -children | grep -qF "$note" || fail "n's notification went within a second"
check "vitrine run -- notify-send alone: the notification is shown, and its sandbox stays a second after notify-send ended"

# a click on it (no action: dismissed) closes it; the sandbox goes then
read -r id _ <<<"$line"
info=$(desk xwininfo -id "$id")
x=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
y=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
desk xdotool mousemove $((x + 20)) $((y + 10)) click 1
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -e $RUN/sandbox-n.sock ]]; do
	((SECONDS < deadline)) || fail "the sandbox of n still runs after its notification was closed: $(tail -n 3 "$RUN/sandbox-n.log")"
	sleep 0.05
done
grep -q "no application left; stopping the X server and the agent" "$RUN/sandbox-n.log" ||
	fail "the sandbox of n did not stop as idle: $(cat "$RUN/sandbox-n.log")"
check "the notification clicked away: the sandbox of n stopped"
finish
