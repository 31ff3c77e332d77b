#!/bin/bash
# attack-stale-echo: hostile-domain trial 11 #7. A domain's popups have no
# window manager on the desktop: only the daemon moves them, and the
# desktop X server's ConfigureNotify for one is the echo of a request of
# the daemon's. One that came after a newer request (the domain resized
# its popup twice in one write) was taken for the user's move of it: the
# core's "user" rules applied, its size with the other popup's newer one
# tipped them over the 90% rule, the popup was made managed inside
# x11_configured, which went on with its freed desktop window (ASan:
# heap-use-after-free, the daemon aborted, 4 of 4). Now such an echo is
# never the user's (the daemon's last request holds), and x11_configured
# stops when the core made the window anew.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1280x800
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red
start_xvfb DW 1280x800
start_agent work "$DW"
cat_term work "$DW" 40x5+500+300
wait_desk_id DWK work work
bg stale "$T/stale.log" "$PYTHON" -S "$VT_CLIENTS/vt-stale-echo.py" \
	"$RUN/domain-untrusted.sock" 12
pid=$VT_LAST_PID
deadline=$((SECONDS + VT_TIMEOUT * 3))
while alive "$pid"; do
	((SECONDS < deadline)) || fail "vt-stale-echo did not end (log $T/stale.log)"
	sleep 0.1
done
[[ $(tail -n 1 "$T/stale.log") == "done" ]] || fail "vt-stale-echo: '$(tail -n 1 "$T/stale.log")', not done (daemon log $VT_DAEMON_LOG)"
alive "$VT_DAEMON_PID" || fail "the daemon died (log $VT_DAEMON_LOG)"
n=$(grep -c 'popups would cover over 90% of the screen' "$VT_DAEMON_LOG" || true)
((n == 0)) || fail "a popup was made managed $n times: the echo of an older size was taken for the user's move (log $VT_DAEMON_LOG)"
check "12 rounds of popups resized twice in one write: the daemon lives, no stale echo taken for the user's move"
desk_click "$DWK" 20 20
wait_win work "$(win_field work work id)" focus=1
type_to "after" work none "after the rounds"
finish
