#!/bin/bash
# x11-wintypes: a guest window's type reaches the desktop (issue 11 item 3),
# as the core allows it, on openbox. GTK windows typed DIALOG, UTILITY,
# SPLASHSCREEN, TOOLBAR, NOTIFICATION, TOOLTIP keep their type; an xterm is
# NORMAL; a DOCK or DESKTOP window (which would sit
# above or below every window, or take a strut of the screen) is NORMAL,
# logged; a splash screen covering over 90% of the work area is NORMAL (a
# title bar with the domain's name, as for popups); a type number the daemon
# does not know is NORMAL, logged, and the domain stays connected.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue --domain rogue,label=red
start_xvfb DW 1024x768
start_agent work "$DW"

# wait_type WHAT ID TYPE: the desktop window's _NET_WM_WINDOW_TYPE is
# _NET_WM_WINDOW_TYPE_TYPE.
wait_type() {
	local deadline=$((SECONDS + VT_TIMEOUT)) want=_NET_WM_WINDOW_TYPE_$3
	until [[ $(desk_prop "$2" _NET_WM_WINDOW_TYPE) == "$want" ]]; do
		((SECONDS < deadline)) || fail "$1: the desktop window's _NET_WM_WINDOW_TYPE is '$(desk_prop "$2" _NET_WM_WINDOW_TYPE)', not $want"
		sleep 0.05
	done
	check "$1: the desktop window is $want"
}

# ---- xterm: no type, NORMAL
bg xterm "$T/xterm.log" env DISPLAY="$DW" xterm -title xt -e sleep 600
wait_desk_id d work xt
wait_type "xterm" "$d" NORMAL

# ---- GTK type hints passed through
for t in DIALOG:DIALOG UTILITY:UTILITY SPLASHSCREEN:SPLASH TOOLBAR:TOOLBAR NOTIFICATION:NOTIFICATION TOOLTIP:TOOLTIP; do
	start_gtk "g$t" "$DW" "gtk-${t%%:*}" "${t%%:*}"
	wait_desk_id d work "gtk-${t%%:*}"
	wait_type "GTK window typed ${t%%:*}" "$d" "${t#*:}"
	co_close "g$t"
done

# ---- refused: DOCK and DESKTOP, a splash over 90% of the work area
for t in DOCK DESKTOP; do
	start_gtk "g$t" "$DW" "gtk-$t" "$t"
	wait_desk_id d work "gtk-$t"
	wait_type "GTK window typed $t (refused)" "$d" NORMAL
	assert_log "$VT_DAEMON_LOG" "domain work: window [0-9]+: window type ${t,,} refused; shown as normal"
	co_close "g$t"
done
start_gtk big "$DW" gtk-bigsplash SPLASHSCREEN 1000x740
wait_desk_id d work gtk-bigsplash
wait_type "a splash screen over 90% of the work area" "$d" NORMAL
co_close big

# ---- a number the daemon does not know
start_rogue r rogue
rogue r create 7 100 100 200 150
rogue r title 7 "$(hex rogue-win)"
rogue r buffer 7 200 150 ff8000
rogue r map 7
rogue r wintype 7 4000000000
wait_desk_id d rogue rogue-win
assert_log "$VT_DAEMON_LOG" "domain rogue: window 7: window type unknown refused; shown as normal"
wait_type "window type 4000000000 (unknown)" "$d" NORMAL
rogue r wintype 7 1
wait_type "then DIALOG from the same domain" "$d" DIALOG
[[ $(domain_field rogue connected) == 1 ]] || fail "the domain that sent an unknown window type was cut off"
check "an unknown window type is refused, logged, and not a violation"

finish
