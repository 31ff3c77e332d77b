#!/bin/bash
# x11-tray: tray icons and notifications on the desktop backend (issue 14
# items 3 and 4), every part a real one:
#  - yad --notification (GTK, XEmbed) in work's X server docks into the
#    agent, the system tray of that X server;
#  - with no tray on the desktop, the daemon shows it as a window of its
#    own; trayer, a real tray, started after it, gets it: the daemon docks a
#    window of its own into trayer, named "[work] ..." and drawn with a border in work's label
#    colour around the icon's marked pixels (checked in a shot);
#    its desktop window never takes the keyboard (WM_HINTS input False) nor
#    the user's attention (_NET_WM_USER_TIME 0);
#  - a click on it on the desktop reaches yad (its --command prints);
#  - notify-send in work (work's own session bus, whose
#    org.freedesktop.Notifications the agent owns) reaches dunst, the
#    desktop's notification service, as "[work] ...", the guest's own leading
#    "[" neutralized, from the app "vitrine: work"; its image-data, scaled
#    down in the agent, reaches dunst's Notify marked with work's colour.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 800x600
start_bus BUS_DESK
start_bus BUS_WORK
# dunst's context menu (its "dmenu") is a script that picks the OK action
printf '#!/bin/sh\ntee "%s" | grep -m1 OK\n' "$T/menu.txt" >"$T/pick"
chmod +x "$T/pick"
# notifications never expire: only what the test does closes them
printf '[global]\n    font = DejaVu Sans 10\n    idle_threshold = 0\n    dmenu = %s\n[urgency_normal]\n    timeout = 0\n' \
	"$T/pick" >"$T/dunstrc"
bg dunst "$T/dunst.log" env DISPLAY="$DESK" DBUS_SESSION_BUS_ADDRESS="$BUS_DESK" \
	dunst -config "$T/dunstrc"
# the notification service owns its name before anyone notifies
deadline=$((SECONDS + VT_TIMEOUT))
until DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl is-paused >/dev/null 2>&1; do
	((SECONDS < deadline)) || fail "dunst did not start (log $T/dunst.log)"
	sleep 0.05
done
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW
DBUS_SESSION_BUS_ADDRESS=$BUS_WORK start_agent work "$DW"
yad_start() { # YAD_PID: its pid
	bg yad "$T/yad.log" env DISPLAY="$DW" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --notification \
		--image=/usr/share/icons/Adwaita/24x24/places/folder-pictures.png --text=pictures \
		--command="echo yad-clicked" --menu="Alpha!echo yad-alpha|Beta!echo yad-beta"
	YAD_PID=$VT_LAST_PID
}
yad_start
# icon_in WHERE: wait until the daemon's "[work] ..." icon is a child of the
# root (WHERE root: no tray on the desktop, shown as a window of its own) or
# of trayer's panel (WHERE trayer); sets l (its xwininfo line), tid, parent.
icon_in() {
	local deadline=$((SECONDS + VT_TIMEOUT)) root tree
	root=$(desk xwininfo -root | awk '/Window id:/ {print $4}')
	while :; do
		# (a window destroyed while xwininfo walks the tree fails it: the
		# daemon makes its icons again when a tray comes; a CI-like run)
		if ! tree=$(desk xwininfo -root -tree 2>/dev/null); then
			((SECONDS < deadline)) || fail "xwininfo -root -tree kept failing"
			sleep 0.05
			continue
		fi
		if l=$(grep -F '"[work] ' <<<"$tree") && [[ $l == *vitrine-tray* ]]; then
			read -r tid _ <<<"$l"
			# (the window may be gone by now: the daemon docks anew when a tray comes)
			parent=$(desk xwininfo -children -id "$tid" 2>/dev/null | awk '/Parent window id/ {print $4}') || true
			case $1 in
			root) [[ $parent == "$root" ]] && desk xwininfo -id "$tid" | grep -q IsViewable && return ;;
			trayer) [[ -n $parent ]] && grep -qF "$parent" <<<"$(awk '/"panel": \("panel" "trayer"\)/ {p=1} p' <<<"$tree")" && return ;;
			esac
		fi
		((SECONDS < deadline)) || fail "no [work] tray icon in $1 on the desktop: $tree"
		sleep 0.05
	done
}

# ---- no tray on the desktop: the icon is a window of its own
icon_in root
check "no tray on the desktop: work's yad shown as the daemon's window \"[work] ...\" ($tid)"
# one size and a tool window's type: a tiling window manager floats it
# (sway tiled it over half the output: new-user trial 5)
props=$(desk xprop -id "$tid" WM_NORMAL_HINTS _NET_WM_WINDOW_TYPE)
if ! grep -q 'program specified maximum size: 24 by 24' <<<"$props" ||
	! grep -q '_NET_WM_WINDOW_TYPE_UTILITY' <<<"$props"; then
	fail "the tray icon shown as a window is not a 24x24 utility window: $props"
fi
check "the tray icon shown as a window: maximum size 24x24, a utility window"
# ---- a tray started after the icon: it gets the icon
bg trayer "$T/trayer.log" env DISPLAY="$DESK" trayer --edge top --align right \
	--widthtype pixel --width 120 --height 32 --SetDockType false
TRAYER_PID=$VT_LAST_PID
icon_in trayer
say "tray icon on the desktop: $l"
info=$(desk xwininfo -id "$tid")
grep -q 'Map State: IsViewable' <<<"$info" || fail "the tray icon is not viewable: $info"
check "trayer started after the icon: the daemon's icon \"[work] ...\" docked in it (its parent $parent)"
props=$(desk xprop -id "$tid" WM_HINTS _NET_WM_USER_TIME)
if ! grep -q 'Client accepts input or input focus: False' <<<"$props" ||
	! grep -qF '_NET_WM_USER_TIME(CARDINAL) = 0' <<<"$props"; then
	fail "the tray icon's desktop window may take the focus: $props"
fi
check "the icon's desktop window never takes the keyboard nor the user's attention (WM_HINTS input False, _NET_WM_USER_TIME 0)"
ax=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
ay=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
w=$(awk '/Width:/ {print $NF}' <<<"$info")
h=$(awk '/Height:/ {print $NF}' <<<"$info")
side=$((w < h ? w : h))
x0=$((ax + (w - side) / 2)) y0=$((ay + (h - side) / 2))
# the icon's pixels arrive after it docks: wait for a shot where they are
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	s=$(desk_shot tray)
	edge=$("$VT_TOOLS/pngpix" "$s" "$x0" "$y0")
	edge2=$("$VT_TOOLS/pngpix" "$s" $((x0 + side - 1)) $((y0 + side - 1)))
	mid=$("$VT_TOOLS/pngpix" "$s" $((x0 + side / 2)) $((y0 + side / 2)))
	[[ $edge == 3465a4 && $edge2 == 3465a4 && $mid != 202020 && $mid != 3465a4 ]] && break
	((SECONDS < deadline)) || fail "the tray icon at $x0,$y0 ($side px): corners $edge $edge2, middle $mid (want a 3465a4 border around the icon; shot $s)"
	sleep 0.1
done
check "the tray icon is bordered in work's label colour 3465a4, the icon inside ($mid)"

# ---- a click on it reaches yad in work
sleep 0.6 # an icon that came under the pointer within 0.5 s takes no click
desk xdotool mousemove --sync $((x0 + side / 2)) $((y0 + side / 2)) click 1
deadline=$((SECONDS + VT_TIMEOUT))
until grep -q '^yad-clicked$' "$T/yad.log"; do
	((SECONDS < deadline)) || fail "a click on the tray icon did not reach yad (log $T/yad.log)"
	sleep 0.05
done
check "a click on the desktop's tray icon ran yad's --command in work"

# ---- the icon's menu (a right click) comes up beside the icon, at the top
# right of the desktop, not at the bottom right corner of work's screen
# where its tray is (new-user trial 10 #6); a click on its item reaches yad
desk xdotool mousemove --sync $((x0 + side / 2)) $((y0 + side / 2)) click 3
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	menu=$(ctl windows | awk '$1 == "work" && / popup=1/ && / mapped=1/ && / pixels=1/' | head -n 1)
	[[ -n $menu ]] && break
	((SECONDS < deadline)) || fail "no menu of work's tray icon is shown: $(ctl windows)"
	sleep 0.05
done
mx=$(field_of "$menu" x) my=$(field_of "$menu" y)
((mx > x0 - 250 && mx < x0 + side && my >= 0 && my < y0 + side + 40)) ||
	fail "work's tray icon's menu is at $mx,$my, not beside the icon at $x0,$y0: $menu"
s=$(desk_shot traymenu)
check "a right click on the tray icon: its menu came up at $mx,$my, beside the icon at $x0,$y0 (shot $s)"
desk xdotool mousemove --sync $((mx + 20)) $((my + 10)) click 1
deadline=$((SECONDS + VT_TIMEOUT))
until grep -q '^yad-alpha$' "$T/yad.log"; do
	((SECONDS < deadline)) || fail "a click on the menu's first item did not reach yad (log $T/yad.log)"
	sleep 0.05
done
check "a click on the menu's first item ran its command in work"

# ---- notify-send in work, shown by dunst on the desktop
DISPLAY=$DW DBUS_SESSION_BUS_ADDRESS=$BUS_WORK timeout 10 notify-send "[other] mimic" 'the <a href="file:///etc">body</a>' ||
	fail "notify-send failed in work"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl count displayed 2>/dev/null) == 1 ]]; do
	((SECONDS < deadline)) || fail "dunst shows no notification (daemon log $VT_DAEMON_LOG)"
	sleep 0.05
done
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl close-all
deadline=$((SECONDS + VT_TIMEOUT))
until hist=$(DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl history) && [[ $hist == *'(other] mimic'* ]]; do
	((SECONDS < deadline)) || fail "dunst's history lacks the notification: $hist"
	sleep 0.05
done
tr -d '\n\t' <<<"$hist" >"$T/dunst-history.json"
grep -qF '"data" : "[work] (other] mimic"' "$T/dunst-history.json" ||
	fail "dunst's summary is not \"[work] (other] mimic\": $hist"
grep -qF '"data" : "vitrine: work"' "$T/dunst-history.json" || fail "dunst's app name is not \"vitrine: work\": $hist"
# the body's markup reaches dunst as text, never as a link to follow
grep -qF '"data" : "the &lt;a href=\"file:///etc\"&gt;body&lt;/a&gt;"' "$T/dunst-history.json" ||
	fail "dunst's body is not the escaped text: $hist"
check "notify-send in work: dunst showed \"[work] (other] mimic\" from \"vitrine: work\", its body's <a href> escaped"

# dunst_shows N: wait until dunst displays N notifications.
dunst_shows() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl count displayed 2>/dev/null) == "$1" ]]; do
		((SECONDS < deadline)) || fail "dunst does not show $1 notification(s) (daemon log $VT_DAEMON_LOG)"
		sleep 0.05
	done
}
# waited NAME PID: wait for the background job PID to exit.
waited() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	while alive "$2"; do
		((SECONDS < deadline)) || fail "$1 did not end"
		sleep 0.05
	done
}
# ---- an action the user chooses on the desktop comes back to the application
bg notify-action "$T/action.out" env DISPLAY="$DW" DBUS_SESSION_BUS_ADDRESS="$BUS_WORK" \
	notify-send -A ok=OK -A no=No choose
pid=$VT_LAST_PID
dunst_shows 1
if ! alive "$pid" || [[ -s $T/action.out ]]; then
	fail "notify-send ended before any action: $(cat "$T/action.out")"
fi
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl context # the user picks OK in dunst's menu
waited "notify-send -A ok=OK" "$pid"
[[ $(cat "$T/action.out") == ok ]] || fail "notify-send printed \"$(cat "$T/action.out")\", not the action ok (menu: $(cat "$T/menu.txt"))"
check "an action chosen in dunst's menu (\"$(grep -m1 OK "$T/menu.txt")\") reached notify-send -A ok=OK in work as ok"
# ---- while the screen is locked, an action chosen on the desktop does not reach it
desk xset s activate
bg notify-locked "$T/locked.out" env DISPLAY="$DW" DBUS_SESSION_BUS_ADDRESS="$BUS_WORK" \
	notify-send -A ok=OK locked
pid=$VT_LAST_PID
dunst_shows 1
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl context
assert_log "$VT_DAEMON_LOG" "^vitrine-daemon: domain work: notification [0-9]+: the user's action refused: the screen is locked$"
desk xset s reset
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl close-all
waited "notify-send -A ok=OK (locked)" "$pid"
[[ ! -s $T/locked.out ]] || fail "an action reached notify-send while the screen was locked: $(cat "$T/locked.out")"
check "screen saver on: the action chosen in dunst's menu did not reach notify-send in work"
# ---- closed on the desktop: NotificationClosed in the domain (--wait ends)
bg notify-wait "$T/wait.out" env DISPLAY="$DW" DBUS_SESSION_BUS_ADDRESS="$BUS_WORK" \
	notify-send --wait waiting
pid=$VT_LAST_PID
dunst_shows 1
alive "$pid" || fail "notify-send --wait ended before the notification was closed"
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl close
waited "notify-send --wait" "$pid"
check "dunstctl close on the desktop: notify-send --wait in work ended (NotificationClosed)"
# ---- a notification with an image (image-data, 70x70 red): scaled in the
# agent to 35x35, marked with work's blue by the core, passed on as
# image-data (the desktop's bus watched with dbus-monitor); then
# CloseNotification of it in the domain takes it down on the desktop
bg monitor "$T/monitor.log" dbus-monitor --address "$BUS_DESK" \
	"type='method_call',interface='org.freedesktop.Notifications',member='Notify'"
deadline=$((SECONDS + VT_TIMEOUT))
until grep -q NameAcquired "$T/monitor.log" 2>/dev/null; do
	((SECONDS < deadline)) || fail "dbus-monitor did not start (log $T/monitor.log)"
	sleep 0.05
done
px=$(printf '255, 0, 0, 255, %.0s' {1..4900})
id=$(DBUS_SESSION_BUS_ADDRESS=$BUS_WORK timeout 10 gdbus call --session --dest org.freedesktop.Notifications \
	--object-path /org/freedesktop/Notifications --method org.freedesktop.Notifications.Notify \
	'"app"' 0 '""' '"closing"' '""' '@as []' "{'image-data': <(70, 70, 280, true, 8, 4, [byte ${px%, }])>}" \
	'int32 -1') || fail "Notify with image-data failed in work"
id=${id#*uint32 } id=${id%%,*} # (uint32 N,)
# red (255 0 0) marked with work's 3465a4: 3d 5b 80, opaque
deadline=$((SECONDS + VT_TIMEOUT))
until tr -s ' \n' ' ' <"$T/monitor.log" | grep -qE 'string "image-data" variant struct \{ int32 35 int32 35 int32 140 boolean true int32 8 int32 4 array of bytes \[ 3d 5b 80 ff 3d 5b 80 ff'; do
	((SECONDS < deadline)) || fail "no Notify with the marked 35x35 image-data on the desktop's bus (log $T/monitor.log)"
	sleep 0.05
done
dunst_shows 1
check "Notify with a 70x70 red image-data in work: dunst's Notify had a 35x35 image-data, marked with work's blue (3d5b80)"
DBUS_SESSION_BUS_ADDRESS=$BUS_WORK timeout 10 gdbus call --session --dest org.freedesktop.Notifications \
	--object-path /org/freedesktop/Notifications \
	--method org.freedesktop.Notifications.CloseNotification "$id" >/dev/null || fail "CloseNotification $id failed"
dunst_shows 0
check "CloseNotification($id) in work: dunst no longer shows it"

# ---- the desktop's tray goes: the icon is a window of its own again
stop_pid "$TRAYER_PID" || true
icon_in root
check "trayer gone: work's icon shown as the daemon's window again ($tid)"
# ---- the agent restarts: yad docks into the new one (its MANAGER message)
kill_agent work
DBUS_SESSION_BUS_ADDRESS=$BUS_WORK start_agent work "$DW"
icon_in root
check "the agent restarted: yad docked again, its icon on the desktop ($tid)"
# ---- the application dies: its icon goes
stop_pid "$YAD_PID" || true
deadline=$((SECONDS + VT_TIMEOUT))
while desk xwininfo -root -tree | grep -qF '"[work] '; do
	((SECONDS < deadline)) || fail "yad is gone but its icon is still on the desktop"
	sleep 0.05
done
check "yad killed: its icon left the desktop"
finish
