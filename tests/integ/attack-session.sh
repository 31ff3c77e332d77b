#!/bin/bash
# attack-session: ATTACKS.md rows 16 (disconnect at any point, reconnect with
# the same window ids) and 17 (random bytes, and random but plausible
# sessions with real buffers), acted out by tests/clients/vt-hostile.py on
# domain untrusted's socket while domain work (a real agent, vt-pattern,
# vt-keylog) goes on. A disconnect is no violation: the domain's windows go
# and its next connection is a fresh session. Random input cuts the domain
# off; if it ever kills the daemon, the bytes are saved as a fuzzer input in
# tests/fuzz/regress/.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=none
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
wait_pixels work 1
other_ok work w start

# ---- row 16: the connection ends at any point; the next one is a fresh
# session that may use the same window ids
for v in hello mid buffer fds; do
	say "row 16: disconnect ($v), then reconnect with window 7 again"
	before=$(violation_count untrusted)
	hostile_start r16 untrusted row16 "$v"
	wait_pixels untrusted 1
	l=$(win_line_id untrusted 7)
	[[ $(field_of "$l" title) == "second session" ]] || fail "row16 $v: window 7 is not the second session's: $l"
	[[ $(domain_field untrusted windows) == 1 ]] || fail "row16 $v: untrusted has $(domain_field untrusted windows) windows"
	s=$(wait_content untrusted 7 00ff00 "row16-$v")
	check_frame_id untrusted 7 red "$s" >/dev/null
	(($(violation_count untrusted) == before)) || fail "row16 $v: the new session was cut off: $(grep violation "$VT_DAEMON_LOG" | tail -n 1)"
	check "row16 $v: the second session has window 7 with its own pixels, no violation"
	hostile_stop r16
	wait_gone untrusted
	wait_connected untrusted 0
done
[[ $(count_log "$VT_DAEMON_LOG" 'already exists') == 0 ]] || fail "a reconnect met 'window id already exists'"
# a second connection while the first is up: refused, the first goes on
hostile_start r16 untrusted row16 second
assert_log "$VT_DAEMON_LOG" 'domain untrusted: refused a second connection'
[[ $HOSTILE_SAID == *"second closed;"* ]] || fail "the second connection was not closed: $HOSTILE_SAID"
wait_pixels untrusted 1
d=$(win_field_id untrusted 7 damage)
hostile r16 "damage 7 0 0 10 10"
wait_damage untrusted 7 $((d + 1))
check "a second connection is refused; the first one still works"
hostile_stop r16
wait_gone untrusted
other_ok work w "row 16"

# ---- row 17: random bytes, and random but plausible sessions
for seed in 1 2 3 4 5 6 7 8; do
	expect_cut_off untrusted . row17 "$seed"
done
for seed in $(seq 1 "${VT_ROW17_SEEDS:-16}"); do
	VT_HOSTILE_TIMEOUT=5 hostile_once untrusted row17 structured "$seed"
	if ! alive "$VT_DAEMON_PID"; then
		mkdir -p "$VT_ROOT/tests/fuzz/regress"
		cp "$T/hostile-$VT_NHOSTILE.bin" "$VT_ROOT/tests/fuzz/regress/row17-structured-$seed"
		fail "the daemon died on row17 structured $seed (input saved to tests/fuzz/regress/row17-structured-$seed)"
	fi
	[[ $HOSTILE_OUT == *closed* ]] || fail "row17 structured $seed: not cut off: '$HOSTILE_OUT'"
	wait_connected untrusted 0
	wait_gone untrusted
done
check "16 random sessions (with real buffers): each cut off, the daemon alive"
other_ok work w "row 17"

finish
