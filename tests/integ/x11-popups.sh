#!/bin/bash
# x11-popups: what a domain can do with popups and geometry on the desktop
# backend (no window manager; the desktop's _NET_WORKAREA leaves a 30-pixel
# panel at the top), ATTACKS 6, 7, 8 and 10:
#  - a popup (override-redirect) placed partly off the screen is shown inside
#    the work area, its frame whole, and never in its top NS rows, where the
#    daemon's notices come (hostile-domain trial 9 #2: a popup drawn as a
#    notice; trial 12 #2 and 13 #1: nor under it, as a second one, in the
#    middle, and anywhere for a black domain, whose frame does not show);
#  - a popup covering over 90% of the work area, alone or with the domain's
#    other popups, is shown as a managed window instead (logged);
#  - switching a mapped window between popup and normal is refused (logged),
#    the desktop window and its frame stay as they were; through an unmap it
#    is allowed;
#  - a guest moving or sizing a window off the screen is clamped: the frame
#    stays in the work area (not under the panel), and the guest is told
#    where its window is;
#  - a title with control characters, a bidi override or another domain's
#    name is shown sanitized after the daemon's own "[untrusted] ".
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

B=$VT_X11_BORDER
SW=1024 SH=768
WX=0 WY=30 WW=1024 WH=708 # the work area
NS=30                     # its top rows for the daemon's notices (DECO_NOTICE_HEIGHT)
NB=84                     # and in the middle, the notification's row too (DECO_NOTICES_STRIP)
start_xvfb DESK ${SW}x$SH
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red,utf8=1 \
	--domain dark,label=black
desk xprop -root -f _NET_WORKAREA 32c -set _NET_WORKAREA "$WX, $WY, $WW, $WH"
start_xvfb DW ${SW}x$SH
start_agent work "$DW"

# inside_workarea WHAT ID: desktop window ID lies inside the work area.
inside_workarea() {
	local l x y w h
	l=$(desk_line "$2")
	x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
	((x >= WX && y >= WY && x + w <= WX + WW && y + h <= WY + WH)) ||
		fail "$1: desktop window at $x,$y ${w}x$h is not inside the work area $WX,$WY ${WW}x$WH"
	check "$1: desktop window ${w}x$h at $x,$y is inside the work area $WX,$WY ${WW}x$WH"
}

MANAGED='popups would cover over 90% of the screen; shown as a managed window'

# ---- popups partly off the screen: inside the work area, frame whole
# (vt-pattern's --geometry WxH+X+Y takes X and Y as signed numbers)
for pg in "p1 200x100+900+700" "p2 200x100-50-50"; do
	read -r p g <<<"$pg"
	start_pattern "$p" "$DW" --popup --pattern quad --geometry "$g" --title "$p"
	wait_desk_id d work "$p"
	wait_desk "$d" or=1
	check "popup $p is an override-redirect desktop window"
	inside_workarea "popup $p (asked for $g)" "$d"
	y=$(desk_field "$d" y)
	((y >= WY + NS)) || fail "popup $p (asked for $g) is at y=$y, in the notices' strip (above $((WY + NS)))"
	s=$(wait_desk_content "$d" quad "$p")
	desk_check_frame "$s" "$d" blue "popup $p"
	l=$(win_line_id work "${PAT_ID[$p]}")
	[[ $(field_of "$l" popup) == 1 ]] || fail "popup $p is not popup=1 in windows: $l"
	pat "$p" destroy
	gone_desk "$d"
done
wait_gone work

# ---- right under the notice, in the row of a domain notification the
# daemon draws (hostile-domain trial 12 #2: a black domain's popup drawn as
# a second notice there): a black domain's popup goes below that row too
# (NB rows in all), over a window of its own at the top as well (that window
# may go while the popup stays: review)
start_xvfb DK
start_agent dark "$DK"
dt=
start_pattern top "$DK" --pattern quad --geometry 600x300+100+0 --title top
wait_desk_id dt dark top
ty=$(desk_field "$dt" y)
((ty < WY + 36)) || fail "dark's window asked at the top is at y=$ty"
start_pattern menu "$DK" --popup --pattern quad --geometry "200x40+200+$((WY + 36))" --title menu
wait_desk_id d dark menu
wait_desk "$d" y=$((WY + NB))
check "dark (black): a popup right under the notice's row, over its own window: below the notices' strip (y=$((WY + NB)))"
pat top destroy
gone_desk "$dt"
pat menu destroy
gone_desk "$d"
wait_gone dark
# any other label's (trial 13 #1: gray, purple, blue: a faint outline) in
# the middle, where the notices come: below; at the left (a maximized
# window's menu), where it asked
start_pattern wmenu "$DW" --popup --pattern quad --geometry "200x40+$((WW / 2 - 100))+$((WY + 36))" --title wmenu
wait_desk_id d work wmenu
wait_desk "$d" y=$((WY + NB))
check "work (blue): a popup in the middle, right under the notice's row: below the notices' strip (y=$((WY + NB)))"
pat wmenu move 20 $((WY + 36))
wait_desk "$d" y=$((WY + 36 - B))
check "work (blue): at the left there, where it asked"
pat wmenu destroy
gone_desk "$d"
wait_gone work

# ---- one popup over 90% of the work area: a managed window, logged
n0=$(count_log "$VT_DAEMON_LOG" "$MANAGED")
start_pattern big "$DW" --popup --pattern quad --geometry 1000x680+10+40 --title big
wait_desk_id d work big
wait_desk "$d" or=0
assert_log "$VT_DAEMON_LOG" "domain work: window ${PAT_ID[big]}: $MANAGED"
check "a popup of 1004x684 (95% of the work area) is a managed desktop window (not override-redirect), logged"
s=$(wait_desk_content "$d" quad big)
desk_check_frame "$s" "$d" blue "the big popup, managed"
pat big destroy
gone_desk "$d"
wait_gone work

# ---- four popups, each a quarter of the work area below the notices'
# strip: the fourth is managed
qw=$((WW / 2)) qh=$(((WH - NB) / 2))
i=0
declare -A QD
for q in "0 0" "$qw 0" "0 $qh" "$qw $qh"; do
	read -r ox oy <<<"$q"
	i=$((i + 1))
	start_pattern "q$i" "$DW" --popup --pattern quad \
		--geometry "$((qw - 2 * B))x$((qh - 2 * B))+$((WX + ox + B))+$((WY + NB + oy + B))" --title "q$i"
	wait_desk_id "QD[$i]" work "q$i"
	if ((i < 4)); then
		wait_desk "${QD[$i]}" or=1
		check "popup q$i: with the domain's other popups it covers $((i * 25))% of the work area: override-redirect"
	fi
done
wait_desk "${QD[4]}" or=0
assert_log "$VT_DAEMON_LOG" "domain work: window ${PAT_ID[q4]}: $MANAGED"
(($(count_log "$VT_DAEMON_LOG" "$MANAGED") == n0 + 2)) ||
	fail "expected exactly two '$MANAGED' lines by now: $(grep -F "$MANAGED" "$VT_DAEMON_LOG")"
check "popup q4 would make the domain's popups cover 100% of the work area: a managed window, logged"
s=$(wait_desk_content "${QD[4]}" quad quarters)
for i in 1 2 3 4; do
	desk_check_frame "$s" "${QD[$i]}" blue "popup q$i"
	desk_content "$s" "${QD[$i]}" quad "popup q$i"
done
for i in 1 2 3 4; do
	pat "q$i" destroy
done
wait_gone work

# ---- the popup flag switched on a mapped window: refused
start_rogue rogue untrusted
rogue rogue create 7 300 200 200 100
rogue rogue title 7 "$(hex flip)"
rogue rogue buffer 7 200 100 ffff00
rogue rogue map 7
rogue rogue damage 7 0 0 200 100
wait_desk_id D7 untrusted flip
wait_desk "$D7" or=0
s=$(wait_desk_content "$D7" ffff00 flip)
desk_check_frame "$s" "$D7" red "untrusted/flip, a normal window"
before=$(desk_line "$D7")
rogue rogue configure 7 300 200 200 100 popup
assert_log "$VT_DAEMON_LOG" "domain untrusted: window 7: popup flag change while mapped refused"
rogue rogue damage 7 0 0 200 100
wait_damage untrusted 7 2
wait_win untrusted 7 popup=0 mapped=1
[[ $(desk_line "$D7") == "$before" ]] ||
	fail "the desktop window changed after a refused popup switch: was '$before', is '$(desk_line "$D7")'"
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was disconnected for a popup switch"
s=$(wait_desk_content "$D7" ffff00 flip-refused)
desk_check_frame "$s" "$D7" red "untrusted/flip after the refused switch to popup"
check "normal -> popup while mapped: refused and logged, windows says popup=0, the desktop window is the same ($before)"

rogue rogue create 8 600 200 200 100 popup
rogue rogue title 8 "$(hex pop)"
rogue rogue buffer 8 200 100 00ffff
rogue rogue map 8 popup
rogue rogue damage 8 0 0 200 100
wait_desk_id D8 untrusted pop
wait_desk "$D8" or=1
before=$(desk_line "$D8")
rogue rogue configure 8 600 200 200 100
FLIP8='domain untrusted: window 8: popup flag change while mapped refused'
assert_log "$VT_DAEMON_LOG" "$FLIP8"
(($(count_log "$VT_DAEMON_LOG" "$FLIP8") == 1)) || fail "more than one '$FLIP8' line"
wait_win untrusted 8 popup=1 mapped=1
[[ $(desk_line "$D8") == "$before" ]] ||
	fail "the desktop window changed after a refused popup switch: was '$before', is '$(desk_line "$D8")'"
s=$(wait_desk_content "$D8" 00ffff pop-refused)
desk_check_frame "$s" "$D8" red "untrusted/pop after the refused switch to normal"
check "popup -> normal while mapped: refused and logged, windows says popup=1, the desktop window is the same"

# through an unmap, the switch is allowed: a new desktop window, framed
rogue rogue unmap 7
wait_desk "$D7" mapped=0
rogue rogue map 7 popup
rogue rogue damage 7 0 0 200 100
wait_win untrusted 7 popup=1 mapped=1
wait_desk_id D7B untrusted flip
wait_desk "$D7B" or=1
s=$(wait_desk_content "$D7B" ffff00 flip-remapped)
desk_check_frame "$s" "$D7B" red "untrusted/flip remapped as a popup"
check "unmapped, then mapped as a popup: an override-redirect desktop window ($D7B), framed"

# ---- a guest moves and sizes windows off the screen (ATTACKS 10)
rogue rogue configure 7 -30000 -30000 200 100 popup
wait_win untrusted 7 x=$((WX + B)) y=$((WY + NS + B)) w=200 h=100
wait_desk "$D7B" x=$WX y=$((WY + NS))
assert_log "$T/rogue.log" "daemon: SET_GEOMETRY window 7 $((WX + B)) $((WY + NS + B)) 200 100"
s=$(wait_desk_content "$D7B" ffff00 popup-offscreen)
desk_check_frame "$s" "$D7B" red "untrusted popup moved by its guest to -30000,-30000"
rogue rogue configure 8 0 0 8000 8000 popup
wait_win untrusted 8 x=$((WX + B)) y=$((WY + B)) w=$((WW - 2 * B)) h=$((WH - 2 * B))
wait_desk_id D8 untrusted pop
wait_desk "$D8" x=$WX y=$WY w=$WW h=$WH
s=$(wait_desk_frame popup-huge "$D8" red "untrusted popup sized by its guest to 8000x8000")
if [[ $(desk_field "$D8" or) == 1 ]]; then
	fail "a popup mapped small and then sized by its guest to the whole work area stays an override-redirect desktop window covering 100% of it (the 90% rule is applied only when a window is mapped)"
else
	check "a popup sized by its guest to the whole work area became a managed window"
fi
check "the guest's popups were clamped into the work area, their frames whole, and the guest told (SET_GEOMETRY)"
rogue rogue unmap 8

start_pattern w "$DW" --pattern quad --geometry 200x150+400+300 --title mover
wait_desk_id DM work mover
pat w move -500 -400
wait_win work "${PAT_ID[w]}" x="$((WX + B))" y="$((WY + B))" w=200 h=150
wait_desk "$DM" x=$WX y=$WY w=$((200 + 2 * B)) h=$((150 + 2 * B))
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW xwininfo -id "${PAT_ID[w]}" | awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} END {print x "," y}') == "$((WX + B)),$((WY + B))" ]]; do
	((SECONDS < deadline)) || fail "vt-pattern's window was not moved back to $((WX + B)),$((WY + B)) in its own X server"
	sleep 0.05
done
s=$(wait_desk_content "$DM" quad mover)
desk_check_frame "$s" "$DM" blue "work/mover moved by vt-pattern to -500,-400"
check "a normal window moved by its application to -500,-400 is put at $((WX + B)),$((WY + B)) (frame at the work area's corner $WX,$WY, not under the panel), in the guest too"
pat w move 900 700
wait_desk "$DM" x=$((WX + WW - 200 - 2 * B)) y=$((WY + WH - 150 - 2 * B))
s=$(wait_desk_content "$DM" quad mover2)
desk_check_frame "$s" "$DM" blue "work/mover moved by vt-pattern to 900,700"
check "moved to 900,700 (partly off the bottom right): the frame ends at the work area's edge"

# ---- titles (ATTACKS 6)
rogue rogue title 7 "$(printf '\033[1m[work] bank\a' | od -An -v -tx1 | tr -d ' \n')"
wait_win untrusted 7 title='_[1m[work] bank_'
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk_prop "$D7B" WM_NAME) == '"[untrusted] _[1m[work] bank_"' ]]; do
	((SECONDS < deadline)) || fail "WM_NAME of untrusted's window is $(desk_prop "$D7B" WM_NAME), expected \"[untrusted] _[1m[work] bank_\""
	sleep 0.05
done
[[ $(desk_prop "$D7B" _NET_WM_NAME) == '"[untrusted] _[1m[work] bank_"' ]] ||
	fail "_NET_WM_NAME is $(desk_prop "$D7B" _NET_WM_NAME)"
check "title ESC[1m[work] bank BEL from untrusted: WM_NAME and _NET_WM_NAME \"[untrusted] _[1m[work] bank_\""
# U+202E RIGHT-TO-LEFT OVERRIDE, then "knab ]krow[" (shown reversed, it would read "[work] bank")
rogue rogue title 7 "e280ae$(hex 'knab ]krow[')"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk_prop "$D7B" _NET_WM_NAME) == '"[untrusted] _knab ]krow["' ]]; do
	((SECONDS < deadline)) || fail "_NET_WM_NAME of untrusted's window is $(desk_prop "$D7B" _NET_WM_NAME), expected \"[untrusted] _knab ]krow[\" (no U+202E)"
	sleep 0.05
done
check "title with a right-to-left override from untrusted (utf8=1): _NET_WM_NAME \"[untrusted] _knab ]krow[\", the override replaced"
long=$(printf 'A%.0s' {1..1000})
rogue rogue title 7 "$(hex "$long")"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk_prop "$D7B" WM_NAME) == '"[untrusted] AAAA'* ]]; do
	((SECONDS < deadline)) || fail "WM_NAME of untrusted's window is $(desk_prop "$D7B" WM_NAME) after a 1000-byte title"
	sleep 0.05
done
t=$(desk_prop "$D7B" WM_NAME)
((${#t} <= 2 + 12 + 160)) || fail "a 1000-byte title gives a WM_NAME of ${#t} characters"
check "a 1000-byte title is truncated: WM_NAME is ${#t} characters, \"[untrusted] AAA...\""
l=$(desk_line "$D7B")
[[ $(field_of "$l" title) != *'\x'* ]] || fail "a desktop title still has control characters: $l"


# ---- new popups stay below the desktop's screen locker: while the screen
# saver is on (what lockers use), a new popup is held back, then shown
desk xset s activate
start_pattern locked "$DW" --popup --pattern quad --geometry 120x80+300+200 --title locked
assert_log "$VT_DAEMON_LOG" 'popup held back while the screen is locked'
l=$(desk_line_title work locked)
[[ -z $l || $(field_of "$l" mapped) == 0 ]] ||
	fail "a popup was mapped over the active screen saver: $l"
check "screen saver on: the new popup is not shown over it"
desk xset s reset
wait_desk_id DL work locked
check "screen saver off: the held-back popup appears"

finish
