#!/bin/bash
# x11-menu-leave: new-user trial 9 #11. A GTK menu open in untrusted holds
# the pointer grab of untrusted's X server and closes on a click outside it,
# which that X server never sees when the user clicks another domain's
# window: it stayed open (neither Escape nor a click closed it), caught
# untrusted's next keys, and once stood over the focused window. Now when
# the keys leave a domain its agent closes its open menu with a click of its
# own outside every popup (gui-agent/input.c close_menus): no item chosen.
# A click into the menu still chooses an item, and a click into another
# window of the same domain is that domain's own (GTK closes the menu).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted work
cat_term work "$DW" 50x8+560+420
wait_desk_id DWK work work
start_xvfb DU 1024x768
start_agent untrusted "$DU"
export VT_GTK_MENU=1
start_gtk ed "$DU" editor - 300x200
unset VT_GTK_MENU
wait_desk_id DE untrusted editor

# menu_is OPEN ACTIVATED WHAT: until vt-gtk says so
menu_is() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	while gtk ed menu; [[ $GTK_REPLY != "menu open=$1 activated=$2" ]]; do
		((SECONDS < deadline)) || fail "$3: vt-gtk says '$GTK_REPLY', not 'menu open=$1 activated=$2'"
		sleep 0.1
	done
}
# popups: untrusted's popups the daemon shows
popups() { win_lines | grep -c '^untrusted .* mapped=1 popup=1 ' || true; }
# no_popups WHAT: until it shows none (after WHAT)
no_popups() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until (($(popups) == 0)); do
		((SECONDS < deadline)) || fail "untrusted's menu still on the desktop after $1: $(win_lines)"
		sleep 0.05
	done
}
# open_menu WHAT: the user clicks File in untrusted's menu bar
open_menu() {
	desk_click "$DE" 15 10
	menu_is 1 "$1" "$2: File clicked"
	local deadline=$((SECONDS + VT_TIMEOUT))
	until (($(popups) > 0)); do
		((SECONDS < deadline)) || fail "$2: the File menu is not on the desktop: $(win_lines)"
		sleep 0.05
	done
}

open_menu 0 "first"
check "untrusted's File menu is open and on the desktop"
# the user goes to work: the menu closes, no item chosen
desk_click "$DWK" 30 30
wait_win work "$(win_field work work id)" focus=1
menu_is 0 0 "the user clicked work's window"
no_popups "the user clicked work's window"
assert_log "$T/agent-untrusted.log" "vitrine-agent: the keys left the domain: its open menu closed"
check "a click into work's window closed untrusted's open menu (no item chosen), and it left the desktop"
type_to "menuleft" work editor "after the menu closed"

# a click into the menu still chooses its item
open_menu 0 "again"
read -r mx my < <(win_lines | awk '/^untrusted .* mapped=1 popup=1 / { for (i = 1; i <= NF; i++) { if ($i ~ /^x=/) x = substr($i, 3); if ($i ~ /^y=/) y = substr($i, 3) } print x, y; exit }')
desk xdotool mousemove --sync $((mx + 20)) $((my + 12)) click 1
menu_is 0 1 "the user clicked One"
check "a click on the menu's first item chose it"

# a workspace switch (a pager: xdotool set_desktop) hides untrusted's
# window with its menu open: the keys leave it, and the menu closes and
# leaves the desktop, not floating over the other workspace (new-user
# trial 14 #5: gnumeric's File menu stayed over workspace 0)
desk xdotool set_num_desktops 2
desk xdotool set_desktop_for_window "$DWK" 1
open_menu 1 "on workspace 0"
desk xdotool set_desktop 1
menu_is 0 1 "the desktop switched to workspace 1"
no_popups "the workspace switch"
check "a workspace switch hid untrusted's window: its open menu closed (no item chosen) and left the desktop"
finish
