#!/bin/bash
# x11-tray: tray icons and notifications on the desktop backend (issue 14
# items 3 and 4), every part a real one:
#  - yad --notification (GTK, XEmbed) in work's X server docks into the
#    agent, the system tray of that X server;
#  - the daemon docks a window of its own into trayer, a real tray on the
#    desktop, named "[work] ..." and drawn with a border in work's label
#    colour around the icon's marked pixels (checked in a shot);
#    its desktop window never takes the keyboard (WM_HINTS input False) nor
#    the user's attention (_NET_WM_USER_TIME 0);
#  - a click on it on the desktop reaches yad (its --command prints);
#  - notify-send in work (work's own session bus, whose
#    org.freedesktop.Notifications the agent owns) reaches dunst, the
#    desktop's notification service, as "[work] ...", the guest's own leading
#    "[" neutralized, from the app "vitrine: work".
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 800x600
start_bus BUS_DESK
start_bus BUS_WORK
bg trayer "$T/trayer.log" env DISPLAY="$DESK" trayer --edge top --align right \
	--widthtype pixel --width 120 --height 32 --SetDockType false
printf '[global]\n    font = DejaVu Sans 10\n    idle_threshold = 0\n' >"$T/dunstrc"
bg dunst "$T/dunst.log" env DISPLAY="$DESK" DBUS_SESSION_BUS_ADDRESS="$BUS_DESK" \
	dunst -config "$T/dunstrc"
# the tray and the notification service own their names before anyone docks
deadline=$((SECONDS + VT_TIMEOUT))
until DISPLAY=$DESK xwininfo -root -tree 2>/dev/null | grep -qF '"panel": ("panel" "trayer")' &&
	DBUS_SESSION_BUS_ADDRESS=$BUS_DESK dunstctl is-paused >/dev/null 2>&1; do
	((SECONDS < deadline)) || fail "trayer or dunst did not start (logs $T/trayer.log, $T/dunst.log)"
	sleep 0.05
done
DBUS_SESSION_BUS_ADDRESS=$BUS_DESK start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW
DBUS_SESSION_BUS_ADDRESS=$BUS_WORK start_agent work "$DW"
bg yad "$T/yad.log" env DISPLAY="$DW" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --notification \
	--image=/usr/share/icons/Adwaita/24x24/places/folder-pictures.png --text=pictures \
	--command="echo yad-clicked"

# ---- the icon, docked in trayer on the desktop
deadline=$((SECONDS + VT_TIMEOUT))
until l=$(desk xwininfo -root -tree | grep -F '"[work] ') && [[ $l == *vitrine-tray* ]]; do
	((SECONDS < deadline)) || fail "no [work] tray icon on the desktop: $(desk xwininfo -root -tree)"
	sleep 0.05
done
read -r tid _ <<<"$l"
say "tray icon on the desktop: $l"
info=$(desk xwininfo -id "$tid")
grep -q 'Map State: IsViewable' <<<"$info" || fail "the tray icon is not viewable: $info"
parent=$(desk xwininfo -children -id "$tid" | awk '/Parent window id/ {print $4}')
tree=$(desk xwininfo -root -tree)
grep -qF "$parent" <<<"$(awk '/"panel": \("panel" "trayer"\)/ {p=1} p' <<<"$tree")" ||
	fail "the tray icon's parent $parent is not in trayer's panel: $tree"
check "work's yad docked; the daemon's icon \"[work] ...\" docked in trayer (its parent $parent)"
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
desk xdotool mousemove --sync $((x0 + side / 2)) $((y0 + side / 2)) click 1
deadline=$((SECONDS + VT_TIMEOUT))
until grep -q '^yad-clicked$' "$T/yad.log"; do
	((SECONDS < deadline)) || fail "a click on the tray icon did not reach yad (log $T/yad.log)"
	sleep 0.05
done
check "a click on the desktop's tray icon ran yad's --command in work"

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
finish
