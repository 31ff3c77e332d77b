#!/bin/bash
# x11-hints-resize: new-user trial 10 #9. xfce4-terminal shows a tab bar
# with its second tab: it sets new size hints (a larger base size, the same
# increments) and asks a moment later for a size that keeps its 24 rows.
# openbox fits the old size to the new hints at once (3 rows less); that
# fit was taken for the user's resize and came to the terminal after its
# own request: it lost rows at each tab bar shown or hidden. Now the
# window manager's fit to new increments and base is not passed on
# (x11-event.c refit): the terminal keeps 24 rows, on the desktop too.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted work
bg xft "$T/xft.log" env DISPLAY="$DW" NO_AT_BRIDGE=1 xfce4-terminal --disable-server \
	--title=xft --geometry 80x24+100+100
wait_desk_id DX work xft
GID=$(win_field work xft id)

# rows WHAT: the terminal's rows from its window's height and size hints,
# in work's X server, once the daemon and the desktop show that height too
rows() {
	local deadline=$((SECONDS + VT_TIMEOUT)) h base inc dh wh
	while :; do
		h=$(DISPLAY=$DW xwininfo -id "$GID" | awk '/Height:/ {print $2}')
		read -r base inc < <(DISPLAY=$DW xprop -id "$GID" WM_NORMAL_HINTS |
			awk '/base size/ {b = $NF} /resize increment/ {i = $NF} END {print b, i}')
		wh=$(win_field_id work "$GID" h)
		dh=$(desk xwininfo -id "$DX" | awk '/Height:/ {print $2}')
		if [[ -n $h && -n $base && -n $inc ]] && ((inc > 0 && (h - base) % inc == 0 &&
			wh == h && dh == h + 2 * VT_X11_BORDER)); then
			ROWS=$(((h - base) / inc))
			((ROWS == 24)) && return
		fi
		((SECONDS < deadline)) || fail "$1: xfce4-terminal is ${h}px high (base $base, increment $inc: ${ROWS:-?} rows), the daemon says $wh, the desktop $dh"
		sleep 0.1
	done
}
rows "at its start"
check "xfce4-terminal 80x24: 24 rows, the same height in work, the daemon and the desktop"
desk_click "$DX" 100 100
wait_win work "$GID" focus=1
# base_is same|new WHAT: until the terminal's base height is the first one again, or a new one
base_of() { DISPLAY=$DW xprop -id "$GID" WM_NORMAL_HINTS | awk '/base size/ {print $NF}'; }
base_is() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $1 == new && $(base_of) != "$BASE0" || $1 == same && $(base_of) == "$BASE0" ]]; do
		((SECONDS < deadline)) || fail "$2: xfce4-terminal's base height stays $(base_of) (first $BASE0)"
		sleep 0.05
	done
	sleep 1 # (the window manager's fit and the terminal's own resize, in either order)
}
BASE0=$(base_of)
desk xdotool key ctrl+shift+t
base_is new "ctrl+shift+t (a second tab)"
rows "its second tab opened (the tab bar shown)"
s=$(desk_shot tabs)
check "a second tab: the tab bar shown, still 24 rows everywhere ($s)"
desk xdotool key ctrl+shift+w
base_is same "ctrl+shift+w (the second tab closed)"
rows "its second tab closed (the tab bar hidden)"
check "the second tab closed: the tab bar hidden, still 24 rows everywhere"
finish
