#!/bin/bash
# x11-fullscreen: under a window manager (openbox), a guest's fullscreen
# request becomes maximize on the desktop (_NET_WM_STATE of the desktop
# window), unless its domain is configured with allow_fullscreen=1; whether
# asked before the first map or later. A guest asking for focus or raising
# itself does not take the desktop's focus from the window the user focused
# (ATTACKS 11); urgency becomes _NET_WM_STATE_DEMANDS_ATTENTION.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

B=$VT_X11_BORDER
start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red \
	--domain trusted,label=green,allow_fullscreen=1
start_xvfb DW 1024x768
start_agent work "$DW"
start_xvfb DT 1024x768
start_agent trusted "$DT"

# has_state ID ATOM: the desktop window's _NET_WM_STATE lists ATOM.
has_state() { [[ ", $(desk_prop "$1" _NET_WM_STATE), " == *", $2, "* ]]; }

# wait_state ID WHAT ATOM... -ATOM...: until _NET_WM_STATE has every ATOM
# and none of the -ATOMs.
wait_state() {
	local id=$1 what=$2 a ok deadline=$((SECONDS + VT_TIMEOUT))
	shift 2
	while :; do
		ok=1
		for a in "$@"; do
			if [[ $a == -* ]]; then
				! has_state "$id" "${a#-}" || ok=0
			else
				has_state "$id" "$a" || ok=0
			fi
		done
		((ok)) && break
		((SECONDS < deadline)) || fail "$what: _NET_WM_STATE is '$(desk_prop "$id" _NET_WM_STATE)', wanted $*"
		sleep 0.05
	done
	check "$what: _NET_WM_STATE = $(desk_prop "$id" _NET_WM_STATE)"
}

# content_agrees WHAT ID DOMAIN GUESTID: the windows list has the desktop
# window's geometry minus the frame.
content_agrees() {
	local l x y w h
	l=$(desk_line "$2")
	x=$(field_of "$l" x) y=$(field_of "$l" y) w=$(field_of "$l" w) h=$(field_of "$l" h)
	wait_win "$3" "$4" x=$((x + B)) y=$((y + B)) w=$((w - 2 * B)) h=$((h - 2 * B))
	check "$1: the guest window is the desktop window ${w}x$h at $x,$y minus the frame"
}

MAX=(_NET_WM_STATE_MAXIMIZED_VERT _NET_WM_STATE_MAXIMIZED_HORZ)
FS=_NET_WM_STATE_FULLSCREEN

# ---- fullscreen asked before the first map, not allowed: maximized
start_pattern fs "$DW" --pattern quad --geometry 200x150+100+120 --title fs --fullscreen
wait_desk_id d work fs
wait_state "$d" "work/fs asked for fullscreen (not allowed)" "${MAX[@]}" -$FS
wait_desk "$d" w=1024
l=$(desk_line "$d")
(($(field_of "$l" y) > 0 && $(field_of "$l" h) < 768)) ||
	fail "work/fs covers the whole screen, openbox's title bar included: $l"
check "work/fs: maximized by openbox (full width, below its title bar), not fullscreen: $l"
content_agrees "work/fs maximized" "$d" work "${PAT_ID[fs]}"
s=$(wait_desk_content "$d" quad fs-max)
desk_check_frame "$s" "$d" blue "work/fs maximized"
pat fs destroy

# ---- fullscreen asked before the first map, allowed (trusted)
start_pattern tfs "$DT" --pattern quad --geometry 200x150+100+120 --title tfs --fullscreen
wait_desk_id d trusted tfs
wait_state "$d" "trusted/tfs asked for fullscreen (allow_fullscreen=1)" $FS
wait_desk "$d" x=0 y=0 w=1024 h=768
check "trusted/tfs covers the whole screen"
content_agrees "trusted/tfs fullscreen" "$d" trusted "${PAT_ID[tfs]}"
s=$(wait_desk_content "$d" quad tfs-full)
desk_check_frame "$s" "$d" green "trusted/tfs fullscreen"
pat tfs destroy

# ---- fullscreen asked by a mapped window, then given up
start_pattern n "$DW" --pattern quad --geometry 200x150+100+120 --title later
wait_desk_id d work later
s=$(wait_desk_content "$d" quad later)
read -r w0 h0 < <(desk_line "$d" | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[wh]=/) printf "%s ", substr($i, 3); print ""}')
DISPLAY=$DW xprop -id "${PAT_ID[n]}" -f _NET_WM_STATE 32a -set _NET_WM_STATE $FS
wait_state "$d" "work/later set _NET_WM_STATE_FULLSCREEN while mapped" "${MAX[@]}" -$FS
wait_desk "$d" w=1024
content_agrees "work/later maximized" "$d" work "${PAT_ID[n]}"
s=$(wait_desk_content "$d" quad later-max)
desk_check_frame "$s" "$d" blue "work/later maximized"
DISPLAY=$DW xprop -id "${PAT_ID[n]}" -remove _NET_WM_STATE
wait_state "$d" "work/later removed _NET_WM_STATE" -"${MAX[0]}" -"${MAX[1]}" -$FS
deadline=$((SECONDS + 3))
while l=$(desk_line "$d") && [[ "$(field_of "$l" w) $(field_of "$l" h)" != "$w0 $h0" ]] && ((SECONDS < deadline)); do
	sleep 0.05
done
d1=$(win_field_id work "${PAT_ID[n]}" damage)
sleep 1
d2=$(win_field_id work "${PAT_ID[n]}" damage)
if [[ "$(field_of "$l" w) $(field_of "$l" h)" == "$w0 $h0" ]] && ((d2 == d1)); then
	check "work/later: back to ${w0}x$h0 when the guest gave up fullscreen"
else
	fail "work/later gave up fullscreen: openbox restored its desktop window to ${w0}x$h0, but it is $(field_of "$l" w)x$(field_of "$l" h) 3 s later (the guest window redrawn $((d2 - d1)) times in the next second): x11.c's handle_configure takes the size of a real ConfigureNotify (still the maximized one) with the position that translate_coordinates gives after the restore, sees a user move and resize, and configures the guest and the desktop window back to the maximized size"
fi
pat n destroy

start_pattern tn "$DT" --pattern quad --geometry 200x150+100+120 --title tlater
wait_desk_id d trusted tlater
wait_desk_content "$d" quad tlater >/dev/null
DISPLAY=$DT xprop -id "${PAT_ID[tn]}" -f _NET_WM_STATE 32a -set _NET_WM_STATE $FS
wait_state "$d" "trusted/tlater set _NET_WM_STATE_FULLSCREEN while mapped" $FS
wait_desk "$d" x=0 y=0 w=1024 h=768
s=$(wait_desk_content "$d" quad tlater-full)
desk_check_frame "$s" "$d" green "trusted/tlater fullscreen"
pat tn destroy
wait_gone work
wait_gone trusted

# ---- focus (ATTACKS 11): the user focuses work/A; untrusted asks for focus
start_xvfb DU 1024x768
start_agent untrusted "$DU"
start_pattern a "$DW" --pattern quad --geometry 300x200+100+120 --title A
wait_desk_id DA work A
start_pattern b "$DU" --pattern quad --geometry 300x200+300+250 --title B
wait_desk_id DB untrusted B
wait_desk_content "$DB" quad b >/dev/null
desk_click_title "$DA"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk xdotool getwindowfocus) == "$DA" ]]; do
	((SECONDS < deadline)) || fail "the user's click on work/A's title bar did not give it the focus"
	sleep 0.05
done
wait_win work "${PAT_ID[a]}" focus=1
check "the user clicked work/A's title bar: it has the desktop's focus, and the daemon's (focus=1)"

# above TOP1 TOP2: openbox frame TOP1 is stacked above TOP2.
above() {
	desk "$VT_BIN/tests/vt-desk" stack | awk -v a="$1" -v b="$2" '$1 == a {pa = NR} $1 == b {pb = NR} END {exit !(pa && pb && pa > pb)}'
}
tA=$(desk_field "$DA" top) tB=$(desk_field "$DB" top)
above "$tA" "$tB" || fail "work/A's frame $tA is not above untrusted/B's $tB after the user activated it: stack $(desk "$VT_BIN/tests/vt-desk" stack | tr '\n' ' ')"

DISPLAY=$DU xdotool windowraise "${PAT_ID[b]}"
DISPLAY=$DU xdotool windowfocus "${PAT_ID[b]}"
DISPLAY=$DU xdotool set_window --urgency 1 "${PAT_ID[b]}"
wait_state "$DB" "untrusted/B set the urgency hint" _NET_WM_STATE_DEMANDS_ATTENTION
DISPLAY=$DU xprop -id "${PAT_ID[b]}" -f _NET_WM_STATE 32a -set _NET_WM_STATE _NET_WM_STATE_DEMANDS_ATTENTION
wait_win untrusted "${PAT_ID[b]}" attention=1
pat b title "B again"
wait_desk_id DB untrusted "B again"
[[ $(desk xdotool getwindowfocus) == "$DA" ]] ||
	fail "after untrusted/B raised and focused itself in its X server and asked for attention, the desktop's focus is $(desk xdotool getwindowfocus), not work/A's $DA"
wait_win work "${PAT_ID[a]}" focus=1
wait_win untrusted "${PAT_ID[b]}" focus=0
above "$tA" "$tB" || fail "untrusted/B's frame was raised above work/A's"
check "untrusted/B raised and focused itself in its own X server and asked for attention: work/A keeps the focus and stays above; B only demands attention"

# a new window of the unfocused domain (below work/A: where nothing covers it)
start_pattern c "$DU" --pattern quad --geometry 300x200+650+450 --title C
wait_desk_id DC untrusted C
wait_desk_content "$DC" quad c >/dev/null
sleep 0.3 # openbox decides about a new window's focus when it maps it; give it time to be wrong
f=$(desk xdotool getwindowfocus)
if [[ $f == "$DC" ]]; then
	fail "a new window of untrusted, mapped while the user works in work/A, gets the desktop's focus from openbox (focusNew) and with it the daemon's (focus=$(win_field_id untrusted "${PAT_ID[c]}" focus)): the backend sets no _NET_WM_USER_TIME 0 on windows of unfocused domains"
else
	[[ $f == "$DA" ]] || fail "after untrusted mapped a new window the desktop's focus is $f, not work/A's $DA"
	wait_win work "${PAT_ID[a]}" focus=1
	check "a new window of untrusted does not take the focus from work/A"
fi

finish
