#!/bin/bash
# input-pointer: the pointer reaches the right window at the right place, and
# no domain with pointer privacy sees it while another is focused (DESIGN
# promise 3: "pointer input only to the domain under the pointer or focused,
# by policy"; ATTACKS row 10: checked after the window was moved, by the
# guest and clamped by the daemon; row 7: on a popup too). A test client in
# each domain logs what its window got, window-relative; a key logger on B's
# server (XInput2 raw events) sees every pointer event B's server gets.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain a,label=blue --domain b,label=red,pointer=focused
start_xvfb DA
start_xvfb DB
start_keylog b "$DB"
start_agent a "$DA"
start_agent b "$DB"
start_input pa "$DA" --geometry 300x200+50+60 --title pa
start_input pp "$DA" --popup --geometry 120x80+500+60 --title pp
start_input pb "$DB" --geometry 300x200+600+400 --title pb
wait_pixels a 2
wait_pixels b 1

# pos NAME: "X Y" of vt-input NAME's content in output coordinates
pos() {
	local l dom=a
	[[ $1 == pb ]] && dom=b
	l=$(win_line_id "$dom" "${PAT_ID[$1]}")
	[[ -n $l ]] || fail "no window for $1"
	echo "$(field_of "$l" x) $(field_of "$l" y)"
}
nlines() { wc -l <"$T/input-$1.txt"; }

# clicked NAME FROM BUTTON X Y WHAT: NAME's log, after line FROM, got exactly
# one press and one release of BUTTON at X,Y (window-relative).
clicked() {
	local name=$1 from=$2 b=$3 x=$4 y=$5 what=$6 got deadline=$((SECONDS + VT_TIMEOUT))
	until tail -n +$((from + 1)) "$T/input-$name.txt" | grep -q '^release '; do
		((SECONDS < deadline)) || fail "$what: $name got no button release in ${VT_TIMEOUT}s"
		sleep 0.05
	done
	got=$(tail -n +$((from + 1)) "$T/input-$name.txt" | { grep -E '^(button|release) ' || true; } | tr '\n' ',')
	[[ $got == "button $b $x $y,release $b $x $y," ]] ||
		fail "$what: $name got '$got', expected 'button $b $x $y,release $b $x $y,'"
	check "$what: $name got button $b press and release at $x,$y"
}

# ---- clicks, buttons and scrolling land at window coordinates
read -r ax ay <<<"$(pos pa)"
n=$(nlines pa)
ctl click $((ax + 10)) $((ay + 20)) >/dev/null
clicked pa "$n" 1 10 20 "click at content +10+20 of pa"
expect_focus a "${PAT_ID[pa]}" "after the click into pa"

n=$(nlines pa)
ctl click $((ax + 299)) $((ay + 199)) 3 >/dev/null
clicked pa "$n" 3 299 199 "button 3 click at pa's last pixel"

n=$(nlines pa)
ctl button $((ax + 150)) $((ay + 100)) 2 press >/dev/null
ctl button $((ax + 150)) $((ay + 100)) 2 release >/dev/null
clicked pa "$n" 2 150 100 "button 2 press, then release"

n=$(nlines pa)
ctl scroll $((ax + 33)) $((ay + 44)) up >/dev/null
clicked pa "$n" 4 33 44 "scroll up"
n=$(nlines pa)
ctl scroll $((ax + 33)) $((ay + 44)) down >/dev/null
clicked pa "$n" 5 33 44 "scroll down"

n=$(nlines pa)
ctl motion $((ax + 77)) $((ay + 88)) >/dev/null
wait_lines "$T/input-pa.txt" "motion 77 88" 1 "motion over pa (a focused)"
check "motion over pa arrives at 77,88"

# a click on the frame's title bar focuses but sends no button
geometry
n=$(nlines pa)
ctl click $((ax + 40)) $((ay - VT_GEOM_T / 2)) >/dev/null
pat pa sync
got=$(tail -n +$((n + 1)) "$T/input-pa.txt" | grep -E '^(button|release) ' || true)
[[ -z $got ]] || fail "a click on pa's title bar reached pa: $got"
check "a click on pa's title bar (trusted decoration) sends no button to a"

# ---- the popup (override-redirect)
read -r px py <<<"$(pos pp)"
n=$(nlines pp)
ctl click $((px + 7)) $((py + 9)) >/dev/null
clicked pp "$n" 1 7 9 "click on the popup"

# ---- after the guest moved the window
for to in "220 330" "5000 4000" "-3000 -2000"; do
	read -r ox oy <<<"$(pos pa)"
	read -r tx ty <<<"$to"
	pat pa move "$tx" "$ty"
	deadline=$((SECONDS + VT_TIMEOUT))
	while read -r ax ay <<<"$(pos pa)" && [[ "$ax $ay" == "$ox $oy" ]]; do
		((SECONDS < deadline)) || fail "pa moved to $to in its domain but stays at $ox,$oy in vitrinectl windows"
		sleep 0.05
	done
	# the daemon may clamp it and tell the agent: let that settle
	ctl --timeout "$VT_TIMEOUT" wait-idle a 300 >/dev/null
	read -r ax ay <<<"$(pos pa)"
	say "pa moved to $to in its domain: at $ax,$ay on the output"
	n=$(nlines pa)
	ctl click $((ax + 25)) $((ay + 35)) >/dev/null
	clicked pa "$n" 1 25 35 "click after pa moved to $to (at $ax,$ay)"
done

# ---- pointer privacy: b (pointer=focused) sees no motion while a is focused
expect_focus a "${PAT_ID[pa]}" "before the pointer privacy checks"
read -r bx by <<<"$(pos pb)"
ctl motion $((bx + 11)) $((by + 13)) >/dev/null
ctl motion $((bx + 21)) $((by + 23)) >/dev/null
# the click that focuses b is the marker: b's agent handles messages in order
ctl click $((bx + 40)) $((by + 50)) >/dev/null
clicked pb 0 1 40 50 "click into pb (focuses b)"
expect_focus b "${PAT_ID[pb]}" "after the click into pb"
before=$(sed -n '/^button 1 40 50$/q;p' "$T/input-pb.txt")
bad=$(printf '%s\n' "$before" | grep -vE '^((enter|motion) 40 50|focus-in|focus-out|)$' || true)
[[ -z $bad ]] || fail "pb (pointer=focused) got pointer events while a was focused: $(echo "$bad" | tr '\n' ',')"
raw=$(sed -n '/^button press 1$/q;p' "$T/keylog-b.txt" | grep -c '^motion$' || true)
((raw <= 1)) ||
	fail "b's X server got $raw raw motions before the click's press (at most 1, the click's own move): $(keylog b | tr '\n' ',')"
check "motion over pb while a was focused reached nothing in b (its window log and its X server)"
ctl motion $((bx + 60)) $((by + 70)) >/dev/null
wait_lines "$T/input-pb.txt" "motion 60 70" 1 "motion over pb once b is focused"
check "once b is focused, motion over pb arrives at 60,70"

# the other way round: a (pointer under, the default) gets motion unfocused
read -r ax ay <<<"$(pos pa)"
ctl motion $((ax + 66)) $((ay + 55)) >/dev/null
wait_lines "$T/input-pa.txt" "motion 66 55" 1 "motion over pa while b is focused"
check "a (pointer=under) gets motion over pa while b is focused, at 66,55"
expect_focus b "${PAT_ID[pb]}" "after motion over pa (motion does not move the focus)"

# ---- a drag that starts in a's window and ends over b's: as with X's
# implicit grab, the motion and the release belong to the window where the
# button went down. a must get its release (else button 1 stays down in a,
# ATTACKS 12's stuck input for buttons) and b (pointer=focused, unfocused)
# must see nothing of the drag.
read -r ax ay <<<"$(pos pa)"
read -r bx by <<<"$(pos pb)"
ctl click $((ax + 5)) $((ay + 5)) >/dev/null
expect_focus a "${PAT_ID[pa]}" "click into pa before the drag"
na=$(nlines pa) nb=$(nlines pb)
ctl button $((ax + 100)) $((ay + 100)) 1 press >/dev/null
ctl motion $((bx + 31)) $((by + 32)) >/dev/null
ctl button $((bx + 31)) $((by + 32)) 1 release >/dev/null
# markers: a motion over pa (a is focused) then a click into pb
ctl motion $((ax + 7)) $((ay + 8)) >/dev/null
wait_lines "$T/input-pa.txt" "motion 7 8" 1 "motion over pa after the drag"
drag=$(tail -n +$((na + 1)) "$T/input-pa.txt" | sed -n '/^motion 7 8$/q;p')
say "pa during the drag: $(echo "$drag" | tr '\n' ',')"
ctl click $((bx + 9)) $((by + 9)) >/dev/null
clicked pb "$nb" 1 9 9 "click into pb after the drag"
bdrag=$(tail -n +$((nb + 1)) "$T/input-pb.txt" | sed -n '/^button 1 9 9$/q;p' |
	grep -vE '^((enter|motion) 9 9|focus-in|focus-out)$' || true)
[[ -z $bdrag ]] ||
	fail "a drag from pa (a focused) released over pb: pb (pointer=focused) saw it: $(echo "$bdrag" | tr '\n' ',')"
check "a drag from a's window released over b's window: b saw nothing of it"
grep -q '^release 1 ' <<<"$drag" ||
	fail "a drag from pa released over pb: pa got its press but never a release (button 1 stays down in a): $(echo "$drag" | tr '\n' ',')"
check "a drag from a's window released over b's window: a got the release"

finish
