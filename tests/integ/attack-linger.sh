#!/bin/bash
# attack-linger: ATTACKS.md row 18, a descriptor whose last close() blocks.
# vt-hostile (row18) sends the daemon a loopback TCP socket with SO_LINGER 30 s
# whose send queue is full and whose peer never reads: closing the last
# reference waits up to 30 s. They ride on a message's first byte, and the
# sender's copies are closed before the rest is sent: with a BUFFER, with a
# TITLE, and eight at once with one BUFFER.
#
# Each time: untrusted is cut off at once with one violation line (only
# sealable memfds may cross); while the linger lasts, the control socket
# answers every request (each within the 2 s vitrinectl timeout, where a
# daemon closing the socket on its loop would be silent for 30 s), domain
# work still draws and gets the user's keys. (The bound on closes still
# pending, DOMAIN_CLOSING_MAX, whose connections are refused above it, is
# tested in tests/unit/test-closer.c, where the order of the closes can be
# fixed; here the daemon's close may or may not be the last.)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=none
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
wait_pixels work 1
other_ok work w start

# answers_during WHAT: five control requests in a row, each answered within
# vitrinectl's own 2 s timeout, while the linger (30 s) is pending.
answers_during() {
	local i
	for ((i = 0; i < 5; i++)); do
		ctl_try --timeout 2 domains >/dev/null ||
			fail "$1: the control socket did not answer within 2 s (the loop waits on a close?)"
		sleep 0.2
	done
	check "$1: the control socket answered five times in a row"
}

for variant in buffer any; do
	before=$(violation_count untrusted)
	hostile_start "l$variant" untrusted row18 "$variant" 30
	why=$(next_violation untrusted "$before")
	[[ $why == *'not a sealable memfd'* ]] || fail "row18 $variant: violation '$why'"
	check "row18 $variant: untrusted cut off: $why"
	answers_during "row18 $variant"
	other_ok work w "row18 $variant (a lingering close pending)"
	hostile_stop "l$variant"
done

# eight at once, each closing on a thread of its own
before=$(violation_count untrusted)
hostile_start lmany untrusted row18 many 30
next_violation untrusted "$before" >/dev/null
answers_during "row18 many"
other_ok work w "row18 many"
# the peers close: the lingering closes end, untrusted may connect again
hostile_stop lmany
deadline=$((SECONDS + VT_TIMEOUT))
until hostile_once untrusted row2 nofd && [[ $HOSTILE_OUT == *welcome* ]]; do
	((SECONDS < deadline)) || fail "untrusted cannot connect after its lingering descriptors closed"
	sleep 0.2
done
check "after the lingering closes ended, untrusted connects again"

finish
