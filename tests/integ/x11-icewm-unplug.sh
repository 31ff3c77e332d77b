#!/bin/bash
# x11-icewm-unplug: new-user trial 14 #6, on icewm (which, unlike openbox,
# moves no window when a monitor goes). A domain's window on the right
# monitor; the monitor is unplugged at run time (xrandr --delmonitor, then
# vitrinectl read-monitors, as a RandR event does): the daemon brings the
# window onto the monitor left, as it keeps every window's title bar on a
# monitor (the code before left it at x=1250, on no monitor).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
start_xvfb DESK 1600x600
VT_DESK=$DESK
mkdir -p "$T/icehome"
bg icewm "$T/icewm.log" env DISPLAY="$DESK" HOME="$T/icehome" icewm
deadline=$((SECONDS + VT_TIMEOUT))
until desk xprop -root -notype _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q '# 0x'; do
	((SECONDS < deadline)) || fail "icewm does not manage $DESK (log $T/icewm.log)"
	sleep 0.1
done
desk xrandr --setmonitor L 1000/250x600/150+0+0 screen >/dev/null
desk xrandr --setmonitor R 600/150x600/150+1000+0 none >/dev/null
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW 1600x600
start_agent work "$DW"
wait_guest_monitors "$DW" "1000x600+0+0 600x600+1000+0 " "two desktop monitors"
B=$VT_X11_BORDER
start_pattern far "$DW" --geometry 200x100+1250+100 --title far
wait_win work "${PAT_ID[far]}" mapped=1
wait_win work "${PAT_ID[far]}" x=1250
desk xrandr --delmonitor R
ctl read-monitors >/dev/null
wait_guest_monitors "$DW" "1000x600+0+0 " "after the right monitor went"
fx=''
wait_win_on_monitor_to fx work "${PAT_ID[far]}" 0 1000 "the right monitor went"
info=$(desk xwininfo -id "$(desk_list | awk '/far/ {print $1; exit}')")
ax=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
((ax == fx - B)) || fail "the daemon has work's window at x=$fx, the desktop shows it at $ax"
check "the right monitor unplugged under icewm: work's window brought onto the left one (x=$fx), on the desktop too"
finish
