#!/bin/bash
# x11-xfwm4-drag: new-user trial 14 #2. xfwm4 (Xfce's window manager)
# ignores a client's configure requests while the user drags a window: a
# window dragged partly off the left edge was asked back on the screen by
# the daemon (its title bar's start, the domain's name, stays on it), xfwm4
# left it off, and the daemon took it for back (x=2 against xfwm4's -590):
# every menu of it opened hundreds of pixels away. At the drag's end (the
# button's release) the daemon looks again, and asks again.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1280x800
VT_DESK=$DESK
start_bus BUS_DESK
mkdir -p "$T/xfwm4-home"
bg xfwm4 "$T/xfwm4.log" env DISPLAY="$DESK" HOME="$T/xfwm4-home" XDG_CONFIG_HOME="$T/xfwm4-home" \
	DBUS_SESSION_BUS_ADDRESS="$BUS_DESK" xfwm4 --compositor=off
deadline=$((SECONDS + VT_TIMEOUT))
until desk xprop -root -notype _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q '# 0x'; do
	((SECONDS < deadline)) || fail "xfwm4 does not manage $DESK (log $T/xfwm4.log)"
	sleep 0.1
done
start_daemon_x11 "$DESK" --domain dev,label=green
start_xvfb DD
start_agent dev "$DD"
start_pattern w "$DD" --pattern solid --color 00ff00 --geometry 600x300+300+200 --title w
dw=''
wait_desk_id dw dev w
id=$(win_field dev w id)
sleep 1
info=$(desk xwininfo -id "$dw")
ax=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
ay=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
# the title bar's middle, dragged far to the left, as a user does
ty=$((ay - 10)) tx=$((ax + 300))
desk xdotool mousemove --sync "$tx" "$ty" mousedown 1 sleep 0.2 mousemove $((tx - 200)) $((ty + 50)) \
	sleep 0.2 mousemove $((tx - 500)) $((ty + 80)) sleep 0.2 mousemove 10 $((ty + 80)) sleep 0.5 mouseup 1
sleep 2
info=$(desk xwininfo -id "$dw")
ax=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
l=$(win_line_id dev "$id")
x=$(field_of "$l" x)
say "after the drag: the desktop shows it at x=$ax, the daemon has x=$x"
((ax == x - VT_X11_BORDER)) || fail "the desktop shows dev's window at x=$ax, the daemon thinks x=$x ($l)"
((ax >= 0)) || fail "dev's window left off the left edge at x=$ax"
check "a window dragged off the left edge under xfwm4 is back on the screen, where the daemon has it (x=$x)"
finish
