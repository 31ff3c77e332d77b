#!/bin/bash
# attack-buffers: ATTACKS.md rows 1 (damage outside the window), 2 (window
# buffers that are not what they claim) and 9 (windows that never send a
# pixel), acted out by tests/clients/vt-hostile.py on domain untrusted's
# socket while domain work (a real agent, vt-pattern and vt-keylog) goes on.
#
# After each case: untrusted is either cut off with one log line naming it
# and the violation, or its request is clipped and it stays connected; the
# frame of every window is exact; work still draws and still gets the keys
# the user types; the daemon answers. (malformed.sh has the first cases of
# rows 1 and 2: damage 5000 px past the edge, an unsealed memfd, a buffer one
# page short; they are not repeated here.)
#
# The rows of ATTACKS.md and where they are acted out:
#   1, 2, 9      attack-buffers.sh      3, 4         attack-protocol.sh
#   5            attack-flood.sh (quotas), attack-clipboard.sh (clipboard)
#   6, 7, 8, 10, 11                     attack-frame.sh
#   13, 14       attack-clipboard.sh    16, 17       attack-session.sh
#   faults (killed agents, X servers, daemon restarts): faults.sh
#   the edges of the quotas and of the log: attack-limits.sh; known daemon
#   bugs, checked only with VT_PENDING=1: attack-pending.sh
#   12 (a key held across a focus change, the guest's own key repeat): the
#      input tests, input-*.sh, which look inside the domains' X servers.
#   15 (cursor images): not applicable: the protocol has no cursor message
#      (guest cursors are not shown at all), so there is nothing to send.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=none
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
base=$(shot baseline)
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
wait_pixels work 1
other_ok work w start

# ---- row 1: damage that the decoder refuses: the domain is cut off
expect_cut_off untrusted 'damage position out of range' row1 negative
expect_cut_off untrusted 'damage size out of range' row1 negwidth
expect_cut_off untrusted 'damage size out of range' row1 zero
# x = w = 0x7ffffff0: x + w overflows 32 bits; refused before any sum
expect_cut_off untrusted 'damage position out of range' row1 hugex
other_ok work w "row 1 refused damage"

# ---- row 1: damage past the buffer or the window: clipped, no cut-off
say "row 1: damage clipped to the buffer and the window"
before=$(violation_count untrusted)
hostile_start clip untrusted row1 clip
wait_pixels untrusted 2
geometry
B=$VT_GEOM_B TB=$VT_GEOM_T
# window 7: 160x100 over a 300x300 buffer whose pixels outside 160x100 are
# ff00ff: none of them may show. Window 8: 160x100 over an 80x50 buffer:
# the rest of its content is the no-pixels colour.
clip_content() { # SHOT
	local l x y
	l=$(win_line_id untrusted 7)
	x=$(field_of "$l" x) y=$(field_of "$l" y)
	expect_rect "$1" "$x" "$y" 160 100 00ff00 "window 7 (buffer larger than the window)"
	l=$(win_line_id untrusted 8)
	x=$(field_of "$l" x) y=$(field_of "$l" y)
	expect_rect "$1" "$x" "$y" 80 50 0000ff "window 8's 80x50 buffer"
	expect_rect "$1" $((x + 80)) "$y" 80 100 101010 "window 8 right of its buffer"
	expect_rect "$1" "$x" $((y + 50)) 80 50 101010 "window 8 below its buffer"
	check_frame_id untrusted 7 red "$1" >/dev/null
	check_frame_id untrusted 8 red "$1" >/dev/null
	# around the two frames: as before they existed
	"$VT_BIN/tests/pngcmp" "$base" "$1" --tolerance 0 --diff "$T/clip-diff.png" \
		--clip "$((500 + 160 + B)),0,$((1280 - 500 - 160 - B)),800" ||
		fail "pixels right of the hostile windows changed (diff $T/clip-diff.png)"
	"$VT_BIN/tests/pngcmp" "$base" "$1" --tolerance 0 --diff "$T/clip-diff2.png" \
		--clip "$((500 - B)),$((400 + 100 + B)),$((160 + 2 * B)),$((800 - 400 - 100 - B))" ||
		fail "pixels below the hostile windows changed (diff $T/clip-diff2.png)"
}
[[ $(win_field_id untrusted 7 x),$(win_field_id untrusted 7 y) == 500,200 ]] ||
	fail "window 7 is not at 500,200: $(win_line_id untrusted 7)"
[[ $(win_field_id untrusted 8 x),$(win_field_id untrusted 8 y) == 500,400 ]] ||
	fail "window 8 is not at 500,400: $(win_line_id untrusted 8)"
s=$(wait_content untrusted 7 00ff00 clip-start)
clip_content "$s"
check "a 300x300 buffer shows only its 160x100 window part; an 80x50 buffer only itself"
for r in "7 8191 8191 8192 8192" "7 159 99 8192 8192" "7 0 0 8192 8192" "8 79 49 8192 8192" \
	"8 100 60 50 30" "8 0 0 1 8192"; do
	id=${r%% *}
	d=$(win_field_id untrusted "$id" damage)
	hostile clip "damage $r"
	wait_damage untrusted "$id" $((d + 1))
done
check "damage at the limits of the protocol (8191+8192), past the buffer and past the window: each applied"
# damage of an unmapped window: counted, nothing drawn
hostile clip "unmap 8"
d=$(win_field_id untrusted 8 damage)
hostile clip "damage 8 0 0 8192 8192"
wait_damage untrusted 8 $((d + 1))
wait_win untrusted 8 mapped=0
hostile clip "map 8"
wait_win untrusted 8 mapped=1
s=$(shot clip-after)
clip_content "$s"
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was cut off for clipped damage"
(($(violation_count untrusted) == before)) || fail "clipped damage was logged as a violation"
check "untrusted still connected, no violation; contents and frames as before, nothing drawn outside"
other_ok work w "row 1 clipped damage"
hostile_stop clip
wait_gone untrusted

# ---- row 2: buffers that are not sealed memfds of the right size
expect_cut_off untrusted 'not sealed' row2 partseal
expect_cut_off untrusted 'not a sealable memfd' row2 notmemfd
expect_cut_off untrusted 'not a sealable memfd' row2 tmpfile
expect_cut_off untrusted 'not a memfd of shared memory' row2 hugetlb
expect_cut_off untrusted 'without a file descriptor' row2 nofd
expect_cut_off untrusted 'buffer larger than stride' row2 huge
expect_cut_off untrusted 'not supported' row2 grant
expect_cut_off untrusted 'too many file descriptors in one message' row2 manyfds
expect_cut_off untrusted 'file descriptor sent with DAMAGE, which may not carry one' row2 fdqueue
expect_cut_off untrusted 'file descriptor came with a later message' row2 fdglued
other_ok work w "row 2 refused buffers"

# ---- row 2: a sealed buffer cannot shrink or grow once sent; a hole
# punched in it reads as zeros (no SIGBUS in the daemon)
say "row 2: changing a buffer after sending it"
before=$(violation_count untrusted)
hostile_start seals untrusted row2 seals
wait_pixels untrusted 1
s=$(wait_content untrusted 7 00ff00 seals-start)
for op in truncate grow; do
	a=$(hostile_ask seals "$op")
	[[ $a == "$op: refused (EPERM)" ]] || fail "the guest's $op of its sealed buffer: '$a', expected refused (EPERM)"
	check "the guest's $op of the buffer it sent: $a"
done
a=$(hostile_ask seals punch)
say "the guest punched a hole over its whole buffer: $a"
d=$(win_field_id untrusted 7 damage)
hostile seals "damage 7 0 0 160 100"
wait_damage untrusted 7 $((d + 1))
if [[ $a == "punch: done" ]]; then
	s=$(wait_content untrusted 7 000000 seals-punched)
	check "after the hole punch the daemon reads zeros: content 000000, no SIGBUS"
fi
daemon_ok "after the hole punch"
check_frame_id untrusted 7 red "$(shot seals-frame)"
# a new buffer: the old one is released by its serial
hostile seals "buffer 7 160 100 ffff00 2"
d=$(win_field_id untrusted 7 damage)
hostile seals "damage 7 0 0 160 100"
wait_damage untrusted 7 $((d + 1))
s=$(wait_content untrusted 7 ffff00 seals-new)
check_frame_id untrusted 7 red "$s"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ -n $(hostile_got seals '^got RELEASE 7 serial=1$') ]]; do
	((SECONDS < deadline)) || fail "no RELEASE of serial 1 after a new buffer (log $T/seals.log)"
	sleep 0.05
done
check "a new buffer (serial 2) replaced it; the daemon sent RELEASE serial=1"
(($(violation_count untrusted) == before)) || fail "untrusted was cut off: $(tail -n 3 "$VT_DAEMON_LOG")"
other_ok work w "row 2 sealed buffer changed after sending"
hostile_stop seals
wait_gone untrusted

# ---- row 9: windows that never send a pixel still have their frame.
# (Shaped windows are no protocol concept: a window is its rectangle, and
# the daemon draws the frame around the rectangle whatever the guest's
# X shape says.)
say "row 9: windows without pixels"
hostile_start nopix untrusted row9 nopixels
wait_win untrusted 7 mapped=1 pixels=0
wait_win untrusted 8 mapped=1 pixels=0
s=$(shot nopixels)
check_frame_id untrusted 7 red "$s"
check_frame_id untrusted 8 red "$s"
for id in 7 8; do
	l=$(win_line_id untrusted "$id")
	expect_rect "$s" "$(field_of "$l" x)" "$(field_of "$l" y)" 200 120 101010 "window $id without pixels"
done
check "no buffer / a buffer but no damage: frame exact, content the no-pixels colour"
hostile nopix "damage 8 0 0 200 120"
wait_win untrusted 8 pixels=1
s=$(wait_content untrusted 8 ff00ff nopixels-drawn)
check_frame_id untrusted 8 red "$s"
check_frame_id untrusted 7 red "$s"
other_ok work w "row 9"
hostile_stop nopix
wait_gone untrusted

finish
