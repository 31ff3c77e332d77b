#!/bin/bash
# x11-notice: the trusted notice on the desktop backend (issue 11, item 10),
# with openbox and a real xterm, input given on the desktop with xdotool:
#  - a word double-clicked in work's xterm (PRIMARY only), then Ctrl+Shift+C
#    typed on the desktop: 8 bytes copied;
#  - the notice is a window of the daemon's own on the desktop:
#    override-redirect (no window manager moves or covers it), class
#    vitrine-notice, named with the text, at the top centre, on top of the
#    stacking order, drawn with the banner's white border and black plate;
#  - a guest popup mapped (and raised) over it while it is shown does not
#    cover it: it is raised again over it;
#  - destroyed by a desktop client (xdotool windowclose), it is made again
#    (the notification's window too);
#  - it goes away by itself (unmapped);
#  - with no notification service on the desktop's session bus (no dunst),
#    notify-send in work is drawn by the daemon, as work's (label colour,
#    "[work]"), and a click on it dismisses it.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

SW=1024 SH=768
start_xvfb DESK ${SW}x$SH
start_openbox "$DESK" click
# the desktop's session bus has no notification service (no dunst)
start_bus BUS_DESK bare
start_bus BUS_WORK
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK start_daemon_x11 "$DESK" --domain work,label=blue \
	--domain other,label=red
start_xvfb DW
start_xvfb DO
DBUS_SESSION_BUS_ADDRESS=$BUS_WORK start_agent work "$DW"
start_agent other "$DO"
bg xterm "$T/xterm.log" env DISPLAY="$DW" xterm -geometry 40x5+300+300 -title vt-xnotice \
	-xrm 'XTerm*multiClickTime: 3000' -e sh -c 'echo clipword other words; exec cat'
wait_pixels work 1
wait_desk_id DX work vt-xnotice
ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
idx=$(win_field work vt-xnotice id)
# other's popup at the top of the desktop, unmapped until the notice shows
start_pattern pop "$DO" --popup --pattern solid --color ff00ff --geometry 400x200+300+0 --title pop
dp=''
wait_desk_id dp other pop
wait_desk "$dp" or=1 mapped=1
pat pop unmap
wait_desk "$dp" mapped=0

# notice_win: the notice's desktop window (xwininfo line), "" if none is mapped
notice_win() {
	desk xwininfo -root -children 2>/dev/null | grep '("vitrine-notice" "vitrine-daemon")' || true
}
notice_mapped() { # ID
	desk xwininfo -id "$1" 2>/dev/null | grep -q 'Map State: IsViewable'
}
# remade ID LISTER NAME WHAT: a desktop client destroys our window ID
# (xdotool windowclose); a new one (LISTER prints its xwininfo line) must be
# mapped, named NAME; its id in REMADE
remade() {
	local old=$1 list=$2 want=$3 what=$4 w name deadline=$((SECONDS + VT_TIMEOUT))
	desk xdotool windowclose "$old"
	until w=$($list) && [[ -n $w ]] && REMADE=$(awk '{print $1}' <<<"$w") &&
		((REMADE != old)) && notice_mapped "$REMADE"; do
		((SECONDS < deadline)) || fail "no new mapped $what window after $old was destroyed: '$($list)'"
		sleep 0.05
	done
	name=$(desk xprop -id "$REMADE" -notype WM_NAME)
	[[ $name == "WM_NAME = \"$want\"" ]] || fail "the $what made again is named: $name"
	check "the $what window destroyed by a desktop client ($old) was made again ($REMADE), named as before"
}

# ---- a word selected in the xterm on the desktop, copied with the hotkey
desk_click_title "$DX" # the user chooses the xterm
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(field_of "$(focused_line)" id 2>/dev/null) == "$idx" ]]; do
	((SECONDS < deadline)) || fail "the daemon did not give work's xterm the focus"
	sleep 0.05
done
l=$(desk_line "$DX")
gx=$(($(field_of "$l" x) + VT_X11_BORDER + 2 + 3 * 6)) gy=$(($(field_of "$l" y) + VT_X11_BORDER + 2 + 6))
desk xdotool mousemove --sync "$gx" "$gy" click --repeat 2 --delay 80 1
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DW timeout 5 xclip -o -selection primary 2>/dev/null) == clipword ]]; do
	((SECONDS < deadline)) || fail "a double-click on the desktop at $gx,$gy did not select 'clipword' in work's xterm"
	sleep 0.05
done
check "a double-click on the desktop selected 'clipword' in work's xterm (its PRIMARY)"
[[ -z $(notice_win) ]] || fail "a notice window exists before any hotkey: $(notice_win)"
desk xdotool key ctrl+shift+c
assert_log "$VT_DAEMON_LOG" 'notice: copied 8 bytes from work$'
# a guest popup mapped (and raised) while the notice is shown
pat pop map

deadline=$((SECONDS + VT_TIMEOUT))
until w=$(notice_win) && [[ -n $w ]] && nid=$(awk '{print $1}' <<<"$w") && notice_mapped "$nid"; do
	((SECONDS < deadline)) || fail "no mapped notice window on the desktop: '$(notice_win)'"
	sleep 0.05
done
say "notice window: $w"
# a desktop client destroys the notice (xdotool windowclose): it is made
# again, still shown, with its text (the notification's too, below); at
# once, within the notice's 4 s
remade "$nid" notice_win "copied 8 bytes from work" notice
nid=$REMADE
info=$(desk xwininfo -id "$nid")
grep -q 'Override Redirect State: yes' <<<"$info" || fail "the notice window is not override-redirect: $info"
name=$(desk xprop -id "$nid" -notype WM_NAME)
[[ $name == 'WM_NAME = "copied 8 bytes from work"' ]] || fail "the notice window's name: $name"
nx=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
ny=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
nw=$(awk '/Width:/ {print $NF}' <<<"$info")
nh=$(awk '/Height:/ {print $NF}' <<<"$info")
((ny == 0 && nh == 30 && nx + nw / 2 >= SW / 2 - 1 && nx + nw / 2 <= SW / 2 + 1)) ||
	fail "the notice window is at $nx,$ny ${nw}x$nh, not at the top centre"
check "the notice is an override-redirect desktop window of the daemon (class vitrine-notice) named 'copied 8 bytes from work', ${nw}x$nh at the top centre"
wait_desk "$dp" mapped=1
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk "$VT_BIN/tests/vt-desk" stack | tail -n 1) == "$((nid))" ]]; do
	((SECONDS < deadline)) || fail "the notice $nid is not on top: stack $(desk "$VT_BIN/tests/vt-desk" stack | tail -n 3 | tr '\n' ' ')"
	sleep 0.05
done
check "other's popup, mapped at the top of the desktop while the notice is shown, is below it"
s=$(desk_shot copied)
[[ $(pix "$s" --rect $((nx + 4)) 0 $((nw - 8)) 2) == ffffff ]] || fail "no white border along the notice's top in $s"
[[ $(pix "$s" --rect $((nx + 2)) 2 8 26) == 000000 ]] || fail "no black plate at the notice's left in $s"
[[ $(pix "$s" --rect $((nx + 2)) 2 $((nw - 4)) 26) == mixed* ]] || fail "no text on the notice's plate in $s"
check "the desktop shows the notice on top: white border, black plate with text ($s)"

# ---- it goes away by itself
deadline=$((SECONDS + VT_TIMEOUT))
while notice_mapped "$nid"; do
	((SECONDS < deadline)) || fail "the notice window is still mapped after ${VT_TIMEOUT}s"
	sleep 0.2
done
check "the notice window was unmapped by itself"

# ---- notify-send in work with no notification service on the desktop's
# session bus: the daemon draws it itself, as work's (its label colour,
# "[work]"), under the notice's place; a click on it dismisses it, and
# notify-send --wait in work hears it closed
note_win() {
	desk xwininfo -root -children 2>/dev/null | grep '("vitrine-notification" "vitrine-daemon")' || true
}
[[ -z $(note_win) ]] || fail "a notification window exists before any notification: $(note_win)"
bg notify-wait "$T/notify-wait.out" env DISPLAY="$DW" DBUS_SESSION_BUS_ADDRESS="$BUS_WORK" \
	notify-send --wait mail "from bob"
NPID=$VT_LAST_PID
deadline=$((SECONDS + VT_TIMEOUT))
until w=$(note_win) && [[ -n $w ]] && mid=$(awk '{print $1}' <<<"$w") && notice_mapped "$mid"; do
	((SECONDS < deadline)) || fail "no mapped notification window on the desktop: '$(note_win)' (log $VT_DAEMON_LOG)"
	sleep 0.05
done
assert_log "$VT_DAEMON_LOG" 'x11: no notification service took a notification: .*drawn by the daemon'
info=$(desk xwininfo -id "$mid")
grep -q 'Override Redirect State: yes' <<<"$info" || fail "the notification window is not override-redirect: $info"
name=$(desk xprop -id "$mid" -notype WM_NAME)
[[ $name == 'WM_NAME = "[work] mail: from bob"' ]] || fail "the notification window's name: $name"
mx=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
my=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
mw=$(awk '/Width:/ {print $NF}' <<<"$info")
mh=$(awk '/Height:/ {print $NF}' <<<"$info")
((my >= 30 && mx + mw / 2 >= SW / 2 - 1 && mx + mw / 2 <= SW / 2 + 1)) ||
	fail "the notification window is at $mx,$my ${mw}x$mh, not at the top centre under the notice's place"
s=$(desk_shot notification)
blue=$(palette blue)
[[ $(pix "$s" --rect $((mx + 4)) "$my" $((mw - 8)) 4) == "$blue" &&
	$(pix "$s" --rect "$mx" $((my + 4)) 4 $((mh - 8))) == "$blue" ]] ||
	fail "the notification's border is not work's blue ($blue) in $s"
[[ $(pix "$s" --rect $((mx + 4)) $((my + 4)) 3 $((mh - 8))) == 303030 ]] ||
	fail "no dark plate inside the notification's border in $s"
[[ $(pix "$s" --rect $((mx + 4)) $((my + 4)) $((mw - 8)) $((mh - 8))) == mixed* ]] ||
	fail "no text on the notification's plate in $s"
check "notify-send in work, no notification service on the desktop: the daemon drew it ($mx,$my ${mw}x$mh, named \"[work] mail: from bob\", bordered in work's blue, $s)"
remade "$mid" note_win "[work] mail: from bob" notification
mid=$REMADE
sleep 0.6 # a click within 0.5 s of its showing is the click guard's (test-tray)
desk xdotool mousemove --sync $((mx + mw / 2)) $((my + mh / 2)) click 1
deadline=$((SECONDS + VT_TIMEOUT))
while notice_mapped "$mid" || alive "$NPID"; do
	((SECONDS < deadline)) || fail "clicked: the notification is still shown, or notify-send --wait still waits"
	sleep 0.05
done
check "a click on it took it down; notify-send --wait in work ended (closed)"

# ---- its actions are buttons at its right end (new-user trial 10 #3: only
# the default action could be chosen); a click on one is that action
bg notify-action "$T/notify-action.out" env DISPLAY="$DW" DBUS_SESSION_BUS_ADDRESS="$BUS_WORK" \
	notify-send -A ok=OK -A no=No choose
NPID=$VT_LAST_PID
deadline=$((SECONDS + VT_TIMEOUT))
until w=$(note_win) && [[ $w == *'"[work] choose"'* ]] && mid=$(awk '{print $1}' <<<"$w") && notice_mapped "$mid"; do
	((SECONDS < deadline)) || fail "no notification \"[work] choose\" on the desktop: '$(note_win)'"
	sleep 0.05
done
info=$(desk xwininfo -id "$mid")
mx=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
my=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
mw=$(awk '/Width:/ {print $NF}' <<<"$info")
mh=$(awk '/Height:/ {print $NF}' <<<"$info")
# the last button ("No") ends 16 px (border and padding) from the right edge
bx=$((mx + mw - 16 - 6)) by=$((my + mh / 2))
s=$(desk_shot notification-actions)
[[ $(pix "$s" --rect "$bx" $((my + 8)) 2 2) == 505050 ]] ||
	fail "no button at the right end of the notification at $bx,$((my + 8)) ($(pix "$s" --rect "$bx" $((my + 8)) 2 2); $s)"
sleep 0.6 # (the click guard's 0.5 s)
desk xdotool mousemove --sync "$bx" "$by" click 1
deadline=$((SECONDS + VT_TIMEOUT))
while alive "$NPID"; do
	((SECONDS < deadline)) || fail "a click on the No button: notify-send -A still waits"
	sleep 0.05
done
[[ $(cat "$T/notify-action.out") == no ]] ||
	fail "a click on the No button: notify-send printed '$(cat "$T/notify-action.out")', not no"
check "notify-send -A ok=OK -A no=No: the daemon drew its buttons; a click on No reached it as no ($s)"

finish
