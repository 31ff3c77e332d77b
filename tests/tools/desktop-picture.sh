#!/bin/bash
# desktop-picture: the README's picture of a whole desktop (issue 14), on the
# headless backend's composite: two domains, work (blue) and untrusted (red),
# each with its own Xvfb, session bus, agent and real applications: an xterm
# and GTK windows with icons (_NET_WM_ICON, marked in their title bars), a
# yad --notification each (tray icons, in the daemon's tray area at the top
# right, marked and bordered in the label colour), and a notify-send from
# untrusted drawn by the daemon as untrusted's. Writes screenshots/desktop.png
# (or $1). Not part of make check.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
out=${1:-$VT_ROOT/screenshots/desktop.png}

start_daemon --size 1024x640 --domain work,label=blue --domain untrusted,label=red
start_xvfb DW 1024x640
start_xvfb DU 1024x640
start_bus BUS_WORK
start_bus BUS_UNTRUSTED
DBUS_SESSION_BUS_ADDRESS=$BUS_WORK start_agent work "$DW"
DBUS_SESSION_BUS_ADDRESS=$BUS_UNTRUSTED start_agent untrusted "$DU"
bg xterm "$T/xterm.log" env DISPLAY="$DW" xterm -geometry 64x14+40+60 -title "work: mail" \
	-e sh -c 'printf "From: bob\nSubject: the quarterly report\n\nAttached.\n"; exec cat'
start_gtk wg "$DW" "work: report" - 320x180
gtk wg "icon 4e9a06"
start_gtk ug "$DU" "untrusted: browser" - 420x260
gtk ug "icon f57900"
icons=/usr/share/icons/Adwaita/24x24
for d in work untrusted; do
	disp=$DW bus=$BUS_WORK img=$icons/places/folder-pictures.png
	[[ $d == untrusted ]] && disp=$DU bus=$BUS_UNTRUSTED img=$icons/places/user-trash.png
	bg "yad $d" "$T/yad-$d.log" env DISPLAY="$disp" GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
		DBUS_SESSION_BUS_ADDRESS="$bus" yad --notification --image="$img" --text="$d"
	# work's first: icons take their places in the order they come
	deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $d == untrusted ]] || { shot_to s tray && [[ $(pix "$s" $((1024 - 28)) 0) == 3465a4 ]]; }; do
		((SECONDS < deadline)) || fail "work's tray icon did not appear (shot $s)"
		sleep 0.1
	done
done
wait_pixels work 2
wait_pixels untrusted 1
ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 300 >/dev/null
sleep 0.6 # every window older than the click guard's 0.5 s
# the windows apart, as a user drags them by their title bars
ctl drag 200 12 580 360 >/dev/null
ctl drag 150 12 700 120 >/dev/null
ctl drag 300 50 300 120 >/dev/null
deadline=$((SECONDS + VT_TIMEOUT))
until shot_to s tray &&
	[[ $(pix "$s" $((1024 - 28)) 0) == cc0000 || $(pix "$s" $((1024 - 28)) 0) == 3465a4 ]] &&
	[[ $(pix "$s" $((1024 - 56)) 0) == cc0000 || $(pix "$s" $((1024 - 56)) 0) == 3465a4 ]]; do
	((SECONDS < deadline)) || fail "two tray icons did not appear (shot $s)"
	sleep 0.1
done
DISPLAY=$DU DBUS_SESSION_BUS_ADDRESS=$BUS_UNTRUSTED notify-send "[work] Your session expired" \
	"Log in again at http://example.test/login"
assert_log "$VT_DAEMON_LOG" 'domain untrusted: notification'
ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
shot_to s desktop
cp "$s" "$out"
say "wrote $out"
finish
