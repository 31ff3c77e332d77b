#!/bin/bash
# attack-notify-race: hostile-domain trial 11 #8. With a notification
# service on the desktop (dunst), a domain replaced its shown notification
# and closed it in one write: the close freed the daemon's note of it while
# the replacement's Notify call, which carried that note, was on its way;
# its answer then read and wrote the freed note (x11-notify.c answered):
# the daemon died (SIGSEGV 2 of 2, ASan 4 of 4). Now a note freed with a
# call on its way cancels the call (its sd-bus slot).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 800x600
start_bus BUS_DESK
printf '[global]\n    font = DejaVu Sans 10\n[urgency_normal]\n    timeout = 0\n' >"$T/dunstrc"
bg dunst "$T/dunst.log" env DISPLAY="$DESK" DBUS_SESSION_BUS_ADDRESS="$BUS_DESK" \
	dunst -config "$T/dunstrc"
deadline=$((SECONDS + VT_TIMEOUT))
until DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl is-paused >/dev/null 2>&1; do
	((SECONDS < deadline)) || fail "dunst did not start (log $T/dunst.log)"
	sleep 0.05
done
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK start_daemon_x11 "$DESK" --domain work,label=blue \
	--domain untrusted,label=red
bg race "$T/race.log" "$PYTHON" -S "$VT_CLIENTS/vt-notify-race.py" "$RUN/domain-untrusted.sock" 3
pid=$VT_LAST_PID
deadline=$((SECONDS + VT_TIMEOUT * 2))
while alive "$pid"; do
	((SECONDS < deadline)) || fail "vt-notify-race did not end (log $T/race.log)"
	sleep 0.1
done
[[ $(tail -n 1 "$T/race.log") == "done" ]] ||
	fail "vt-notify-race: '$(tail -n 1 "$T/race.log")', not done (daemon log $VT_DAEMON_LOG)"
alive "$VT_DAEMON_PID" || fail "the daemon died (log $VT_DAEMON_LOG)"
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl history >"$T/history.json"
grep -qF '[untrusted] first' "$T/history.json" || fail "dunst never showed untrusted's notification: $(cat "$T/history.json")"
check "3 notifications replaced and closed in one write while dunst had them: the daemon lives"
finish
