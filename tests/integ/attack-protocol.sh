#!/bin/bash
# attack-protocol: ATTACKS.md rows 3 (protocol violations) and 4 (a message
# split across many writes, or stopped halfway forever), acted out by
# tests/clients/vt-hostile.py on the sockets of domains untrusted, h2, h3 and
# h4 while domain work (a real agent, vt-pattern, vt-keylog) goes on.
# (Rows 16 and 17: attack-session.sh.)
#
# Each violation cuts that domain alone off, with one log line
# `vitrine-daemon: domain NAME: violation: WHAT; disconnected`; work still
# draws inside an exact frame and still gets the keys the user types.
# (malformed.sh has a wrong CREATE length, type 0x3f, DAMAGE of an unknown
# window, a second CREATE, 4 KiB of random bytes and a 6-byte stall; they are
# not repeated here.)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=none \
	--domain h2,label=orange --domain h3,label=yellow --domain h4,label=purple
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
idw=${PAT_ID[w]}
wait_pixels work 1
other_ok work w start

# ---- row 3: each violation cuts the domain off with one line naming it
expect_cut_off untrusted '^first message is not HELLO' row3 nohello
expect_cut_off untrusted '^second HELLO' row3 hello2
expect_cut_off untrusted 'major version 2 not supported' row3 major
expect_cut_off untrusted 'unknown HELLO flags' row3 helloflags
expect_cut_off untrusted 'window message without a window id' row3 win0
expect_cut_off untrusted 'connection message with a window id' row3 hellowin
expect_cut_off untrusted 'unknown message type \(WELCOME\)' row3 daemontype
expect_cut_off untrusted 'window that does not exist \(MAP window 7\)' row3 afterdestroy
expect_cut_off untrusted 'unknown window flags' row3 flags
expect_cut_off untrusted 'transient for itself' row3 selftransient
expect_cut_off untrusted 'size out of range' row3 badrect
expect_cut_off untrusted 'body too long \(BUFFER\)' row3 hugelen
# one byte more than each type allows
for t in 1 2 3 4 5 6 7 11 12 22; do
	expect_cut_off untrusted 'wrong body length' row3 len "$t"
done
expect_cut_off untrusted 'buffer size out of range|length' row3 len 8
expect_cut_off untrusted 'title body too long' row3 len 9
expect_cut_off untrusted 'class body too long' row3 len 10
other_ok work w "row 3"

# ---- row 4: one byte per write, 10 ms apart: slow, but accepted, and
# nobody waits for it
say "row 4: a session written one byte at a time"
before=$(violation_count untrusted)
start_co trickle "$T/trickle.log" "$PYTHON" "$VT_CLIENTS/vt-hostile.py" \
	"$RUN/domain-untrusted.sock" row4 trickle 0.01
t0=$SECONDS
other_ok work w "during the trickle (1)"
other_ok work w "during the trickle (2)"
co_read trickle l $((VT_TIMEOUT * 2))
[[ $l == welcome ]] || fail "trickle: '$l'"
co_read trickle l $((VT_TIMEOUT * 2))
[[ $l == ready ]] || fail "trickle: '$l'"
say "trickled for $((SECONDS - t0)) s"
wait_pixels untrusted 1
[[ $(win_field_id untrusted 7 title) == trickled ]] || fail "trickled window: $(win_line_id untrusted 7)"
s=$(wait_content untrusted 7 00ff00 trickled)
check_frame_id untrusted 7 red "$s"
(($(violation_count untrusted) == before)) || fail "the trickled session was cut off"
check "a session split into 1-byte writes (the descriptor with the BUFFER's first byte) is accepted: window 7 with its pixels"
hostile_stop trickle
wait_gone untrusted

# ---- row 4: four domains stop halfway through a message, for good
say "row 4: four domains stalled mid-message"
hostile_start s1 untrusted row4 stall-header
hostile_start s2 h2 row4 stall-body
hostile_start s3 h3 row4 stall-fd
hostile_start s4 h4 row4 stall-big
for d in untrusted h2 h3 h4; do
	wait_pixels "$d" 1
done
t0=$SECONDS
vbefore=$(($(violation_count untrusted) + $(violation_count h3) + $(violation_count h4)))
other_ok work w "stalled (1)"
m1=$(keylog_mark work Shift_R)
ctl type 'typed while 4 domains stall\n' >/dev/null
m2=$(keylog_mark work Shift_R)
n=$(keylog_range work $((m1 + 2)) $((m2 - 1)) | grep -c '^key press ' || true)
((n == 28)) || fail "work's X server got $n key presses between the markers, expected the 28 typed"
check "the user's typing reaches work while four domains are stalled (28 key presses)"
other_ok work w "stalled (2)"
# the trusted hotkeys: Alt+Tab moves the focus away from work
expect_focus work "$idw" "before Alt+Tab"
ctl key Alt_L press >/dev/null
ctl key Tab >/dev/null
ctl key Alt_L release >/dev/null
l=$(focused_line)
[[ -n $l && $(field_of "$l" domain) != work ]] || fail "Alt+Tab did not move the focus: $(win_lines)"
check "Alt+Tab moved the focus to $(field_of "$l" domain)/$(field_of "$l" id)"
# ... and Ctrl+Alt+Shift+Escape cuts a stalled domain off
ctl focus h2 7 >/dev/null
for k in Control_L Alt_L Shift_L; do ctl key $k press >/dev/null; done
ctl key Escape >/dev/null
for k in Shift_L Alt_L Control_L; do ctl key $k release >/dev/null; done
wait_connected h2 0
wait_gone h2
assert_log "$VT_DAEMON_LOG" 'domain h2: cut off by the user'
[[ $(domain_field h2 blocked) == 1 ]] || fail "h2 is not blocked after the emergency hotkey"
ctl unblock h2 >/dev/null
check "the emergency hotkey cut off stalled h2"
for d in untrusted h3 h4; do
	[[ $(domain_field "$d" connected) == 1 ]] || fail "stalled $d was disconnected"
done
s=$(shot stalled)
check_frame_id untrusted 7 red "$s"
check_frame_id h3 7 yellow "$s"
check_frame_id h4 7 purple "$s"
other_ok work w "stalled (3)"
check "four stalls for $((SECONDS - t0)) s: work drew, got keys, hotkeys worked; the others stay connected"
for n in s1 s2 s3 s4; do
	hostile_stop "$n"
done
for d in untrusted h3 h4; do
	wait_gone "$d"
	wait_connected "$d" 0
done
(($(violation_count untrusted) + $(violation_count h3) + $(violation_count h4) == vbefore)) ||
	fail "a stalled domain was cut off as a violation: $(grep violation "$VT_DAEMON_LOG" | tail -n 3)"

finish
