#!/bin/bash
# attack-frame: ATTACKS.md rows 6 (hostile titles), 7 (popups covering the
# screen), 8 (a mapped window switching between popup and normal), 10
# (windows moved off-screen) and 11 (a domain that wants the focus or the
# top of the stack), acted out by tests/clients/vt-hostile.py on the sockets
# of domains untrusted (UTF-8 titles) and plain (printable ASCII titles) while
# domain work (a real agent, vt-pattern, vt-keylog) goes on.
#
# The frame and the title bar are the daemon's: drawn exactly around every
# window whatever it does, the domain's label first in every title bar, the
# whole frame on the output. Docking is no protocol concept (there is no
# window type in CREATE or MAP), so row 8's "docking" has nothing to send.
# Row 11's fullscreen request is the x11 backend's business (tested there):
# on the headless output WMFLAGS fullscreen changes nothing, checked below.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue \
	--domain untrusted,label=red,tint=none,utf8=1 --domain plain,label=orange,tint=none,utf8=0
start_xvfb DW
start_keylog work "$DW"
start_agent work "$DW"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+400+560 --title steady
idw=${PAT_ID[w]}
wait_pixels work 1
other_ok work w start
geometry
B=$VT_GEOM_B TB=$VT_GEOM_T

# ---- row 6: titles
expect_cut_off untrusted 'title body too long' row6 long 1048576
expect_cut_off untrusted 'title body too long' row6 long 1025

# label_end SHOT ID DOMAIN: the last column (from the content's left edge) of
# window ID's title bar that is not plain label colour; the bar is plain from
# there to its close box ("plain from c on" is monotonic).
label_end() {
	local s=$1 l x y w c want lab r=() got=()
	win_line_id_to l "$3" "$2"
	field_to x "$l" x
	field_to y "$l" y
	field_to w "$l" w
	w=$((w - 20)) # the close box and its margins at the bar's right end (deco.c)
	domain_field_to lab "$3" label
	palette_to want "$lab"
	# the bar from each column c on, all in one pngpix call (the shot
	# decoded once); the first plain one is where the label ends
	for ((c = 0; c < w; c++)); do
		r+=($((x + c)) $((y - TB)) $((w - c)) "$TB")
	done
	rects_to l "$s" "${r[@]}"
	mapfile -t got <<<"$l"
	[[ ${got[0]} == mixed* ]] || fail "window $3/$2 has no text in its title bar"
	for ((c = 0; c < w; c++)); do
		[[ ${got[c]} == "$want" ]] && break
	done
	echo $((c - 1))
}

# titles DOMAIN COLOUR EXPECTED...: vt-hostile `row6 titles` on DOMAIN; the
# windows 10..17 are listed with the EXPECTED sanitized titles, framed
# exactly, and each title bar starts with the same pixels as that of window
# 16 (empty title): the daemon's `[DOMAIN] ` label, then the guest's title.
titles() {
	local dom=$1 colour=$2 id i t l s end ref16 x y
	shift 2
	hostile_start "t-$dom" "$dom" row6 titles
	wait_pixels "$dom" 8
	i=0
	for id in 10 11 12 13 14 15 16 17; do
		shift $((i > 0))
		i=1
		win_line_id_to l "$dom" "$id"
		field_to t "$l" title
		[[ $l != *[[:cntrl:]]* ]] || fail "the windows list carries control characters: $l"
		[[ $t == "$1" ]] || fail "$dom window $id: title listed as '$t', expected '$1'"
	done
	check "$dom: 8 hostile titles listed sanitized (controls, bad UTF-8, bidi overrides as _; 1024 bytes cut to 159)"
	s=$(shot "titles-$dom")
	for id in 10 11 12 13 14 15 16 17; do
		check_frame_id "$dom" "$id" "$colour" "$s" >/dev/null
	done
	check "$dom: the 8 frames are exact (a 1024-byte title stays inside its bar)"
	end=$(label_end "$s" 16 "$dom")
	((end > 40 && end < 200)) || fail "$dom: the label of an empty title ends at $end px"
	win_line_id_to l "$dom" 16
	field_to x "$l" x
	field_to y "$l" y
	ref16="$((x - B)),$((y - TB)),$((B + end + 2)),$TB"
	for id in 10 11 12 13 14 15 17; do
		win_line_id_to l "$dom" "$id"
		field_to x "$l" x
		field_to y "$l" y
		"$VT_TOOLS/pngcmp" "$s" "$s" --tolerance 0 --clip "$ref16" --at "$((x - B)),$((y - TB))" \
			--diff "$T/label-$dom-$id.png" >/dev/null ||
			fail "$dom window $id: its title bar does not start with the daemon's label (diff $T/label-$dom-$id.png)"
		[[ $(pix "$s" --rect $((x + end + 2)) $((y - TB)) $((240 - end - 2)) "$TB") == mixed* ]] ||
			fail "$dom window $id: no title text after the label"
	done
	check "$dom: every title bar starts with the label '[$dom] ' (its first $((end + 1)) px as for an empty title), the guest's title after it"
	other_ok work w "row 6 ($dom)"
	hostile_stop "t-$dom"
	wait_gone "$dom"
}
A159=$(printf 'A%.0s' $(seq 159))
titles untrusted red plain '_[31mred_[0m_tab_nl_cr_del_' 'bad__utf8_(__' 'bidi _knab_ end' \
	'[work] bank' "$A159" '' 'café – ok'
titles plain orange plain '_[31mred_[0m_tab_nl_cr_del_' 'bad__utf8_(__' 'bidi _knab_ end' \
	'[work] bank' "$A159" '' 'caf_ _ ok'

# ---- row 7: popups over the whole output, alone and together
say "row 7: popups covering the output"
hostile_start cover untrusted row7 cover
for id in 7 8 9 10 11 12; do
	wait_win untrusted "$id" mapped=1 popup=1
done
# work had the focus: every popup opened below its window
[[ $(stack_order) == *work/$idw ]] || fail "a popup went over the focused window: $(stack_order)"
expect_focus work "$idw" "after the popups mapped"
s=$(shot cover)
check_frame_id work "$idw" blue "$s"
check "work's focused window stays on top of six popups that cover the output"
for id in 12 11 10 9 8 7; do
	frame_on_screen untrusted "$id" "popup $id"
	ctl focus untrusted "$id" >/dev/null
	s=$(shot "cover-$id")
	check_frame_id untrusted "$id" red "$s" >/dev/null
done
l=$(win_line_id untrusted 7)
[[ $(field_of "$l" x),$(field_of "$l" y) == "$B,$((B + TB))" ]] || fail "popup 7 not clamped to the output: $l"
[[ $(field_of "$l" w)x$(field_of "$l" h) == "$((1280 - 2 * B))x$((800 - 2 * B - TB))" ]] ||
	fail "popup 7 not shrunk into the output: $l"
s=$(wait_content untrusted 7 00ff00 cover-7b)
check "each popup is clamped inside the output; raised in turn, each one's frame is exact on all sides"
# the user gets the desktop back: Alt+Tab skips popups and focuses work
ctl key Alt_L press >/dev/null
ctl key Tab >/dev/null
ctl key Alt_L release >/dev/null
expect_focus work "$idw" "Alt+Tab from a popup"
[[ $(stack_order) == *work/$idw ]] || fail "Alt+Tab did not raise work over the popups: $(stack_order)"
s=$(shot cover-back)
check_frame_id work "$idw" blue "$s"
check "Alt+Tab brings work's window back over the popups"
other_ok work w "row 7"
hostile_stop cover
wait_gone untrusted

# ---- row 8: switching a mapped window between popup and normal
say "row 8: popup flag changes"
hostile_start flip untrusted window
hostile flip "create 8 800 200 160 100 1"
hostile flip "buffer 8 160 100 00ffff"
hostile flip "map 8 1"
hostile flip "damage 8 0 0 160 100"
wait_win untrusted 8 mapped=1 popup=1 pixels=1
wait_win untrusted 7 mapped=1 popup=0 pixels=1
n0=$(count_log "$VT_DAEMON_LOG" 'popup flag change while mapped refused')
hostile flip "configure 7 500 200 160 100 1"
hostile flip "configure 8 800 200 160 100 0"
hostile flip "map 7 1"
assert_log "$VT_DAEMON_LOG" 'popup flag change while mapped refused' $((n0 + 2))
assert_log "$VT_DAEMON_LOG" 'domain untrusted: window 7: popup flag change while mapped refused'
assert_log "$VT_DAEMON_LOG" 'domain untrusted: window 8: popup flag change while mapped refused'
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
wait_win untrusted 7 mapped=1 popup=0
wait_win untrusted 8 mapped=1 popup=1
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was cut off for a popup flag change"
s=$(shot flip)
check_frame_id untrusted 7 red "$s" >/dev/null
check_frame_id untrusted 8 red "$s" >/dev/null
check "CONFIGURE (and MAP) flipping the popup flag of mapped windows: refused with a log line, popup= unchanged, frames exact"
# through an unmap it is allowed
hostile flip "unmap 7"
hostile flip "configure 7 500 200 160 100 1"
hostile flip "map 7 1"
wait_win untrusted 7 mapped=1 popup=1
s=$(shot flip-unmapped)
check_frame_id untrusted 7 red "$s"
check "unmap, then popup: allowed, and the popup has its frame"
other_ok work w "row 8"
hostile_stop flip
wait_gone untrusted

# ---- row 10: moving windows off the output
say "row 10: windows moved off-screen"
hostile_start off untrusted window
wait_pixels untrusted 1
# offscreen X Y W H EX EY EW EH: CONFIGURE to X Y W H; listed and answered
# with SET_GEOMETRY at EX EY EW EH; the frame exact and on the output
offscreen() {
	local want="x=$5 y=$6 w=$7 h=$8" n s
	n=$(hostile_got off "^got SET_GEOMETRY 7 $want\$" | wc -l)
	hostile off "configure 7 $1 $2 $3 $4"
	wait_win untrusted 7 "x=$5" "y=$6" "w=$7" "h=$8"
	local deadline=$((SECONDS + VT_TIMEOUT))
	until (($(hostile_got off "^got SET_GEOMETRY 7 $want\$" | wc -l) > n)); do
		((SECONDS < deadline)) || fail "CONFIGURE $1 $2 $3 $4: no SET_GEOMETRY $want (log $T/off.log)"
		sleep 0.05
	done
	frame_on_screen untrusted 7 "CONFIGURE $1 $2 $3 $4"
	s=$(shot "off-$1-$2")
	check_frame_id untrusted 7 red "$s" >/dev/null
	check "CONFIGURE $1,$2 ${3}x$4: clamped to $want, the guest told so, frame exact on the output"
}
offscreen -5000 200 160 100 "$B" 200 160 100
offscreen 30000 200 160 100 $((1280 - B - 160)) 200 160 100
offscreen 800 -5000 160 100 800 $((B + TB)) 160 100
offscreen 800 30000 160 100 800 $((800 - B - 100)) 160 100
offscreen -32768 -32768 8192 8192 "$B" $((B + TB)) $((1280 - 2 * B)) $((800 - 2 * B - TB))
# back on the output: as asked, so nothing to tell
hostile off "configure 7 500 200 160 100"
wait_win untrusted 7 x=500 y=200 w=160 h=100
# created off-screen, then mapped: placed, and told at the map
hostile off "create 9 -5000 -5000 100 100"
hostile off "buffer 9 100 100 ff00ff"
hostile off "map 9"
hostile off "damage 9 0 0 100 100"
wait_win untrusted 9 mapped=1 pixels=1 "x=$B" "y=$((B + TB))"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ -n $(hostile_got off "^got SET_GEOMETRY 9 x=$B y=$((B + TB)) w=100 h=100\$") ]]; do
	((SECONDS < deadline)) || fail "window 9 created off-screen: no SET_GEOMETRY at its map"
	sleep 0.05
done
s=$(shot off-created)
check_frame_id untrusted 9 red "$s"
check "a window created at -5000,-5000 is placed on the output at its map, and the guest told so"
other_ok work w "row 10 (hostile)"
hostile_stop off
wait_gone untrusted
# the real agent's window moved off-screen by its X client: clamped too
s=$(shot off-real-before)
l=$(win_line_id work "$idw")
c=$(rect_colour "$s" "$(field_of "$l" x)" "$(field_of "$l" y)" 200 150)
pat w move -3000 -3000
wait_win work "$idw" "x=$B" "y=$((B + TB))"
frame_on_screen work "$idw" "work's window moved to -3000,-3000"
s=$(wait_content work "$idw" "$c" off-real)
check_frame_id work "$idw" blue "$s"
check "work's window moved to -3000,-3000 in its X server: clamped, frame exact on the output"
pat w move 400 560
wait_win work "$idw" x=400 y=560
other_ok work w "row 10 (real agent)"

# ---- row 11: a domain that is not focused maps, remaps, raises, asks
say "row 11: no focus or top of the stack for an unfocused domain"
expect_focus work "$idw" "before row 11"
hostile_start late untrusted window
hostile late "create 20 420 580 200 150"
hostile late "buffer 20 200 150 ff00ff"
hostile late "map 20"
hostile late "damage 20 0 0 200 150"
wait_win untrusted 20 mapped=1 pixels=1
below() { # WHAT
	local o
	o=$(stack_order)
	expect_focus work "$idw" "$1"
	[[ $o == *work/$idw ]] || fail "$1: work's focused window is not on top: $o"
	s=$(shot "row11-$VT_NOTHER")
	check_frame_id work "$idw" blue "$s" >/dev/null
	check "$1: work keeps the focus and the top of the stack, its frame exact"
}
below "a window mapped over work's"
hostile late "unmap 20"
hostile late "map 20"
hostile late "configure 20 400 560 200 150"
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
below "unmap, map and configure over work's window"
hostile late "wmflags 20 2"
hostile late "wmflags 20 8"
hostile late "wmflags 20 1"
wait_win untrusted 20 attention=1
l=$(win_line_id untrusted 20)
[[ $(field_of "$l" w)x$(field_of "$l" h) == 200x150 ]] || fail "a fullscreen request changed the window: $l"
below "fullscreen, demands-attention and urgent flags"
m1=$(keylog_mark work Shift_R)
ctl type 'secret\n' >/dev/null
m2=$(keylog_mark work Shift_R)
n=$(keylog_range work $((m1 + 2)) $((m2 - 1)) | grep -c '^key press ' || true)
((n == 7)) || fail "work got $n key presses of 'secret\\n', expected 7"
[[ -z $(hostile_got late '^got (KEY|FOCUS 20 in=1|BUTTON)') ]] ||
	fail "untrusted received input: $(hostile_got late '^got (KEY|FOCUS|BUTTON)' | head -n 3)"
check "the keys typed went to work; untrusted got no key, button or focus"
other_ok work w "row 11"
hostile_stop late
wait_gone untrusted

finish
