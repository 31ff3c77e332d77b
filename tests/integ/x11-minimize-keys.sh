#!/bin/bash
# x11-minimize-keys: new-user trial 10 #1. The user types in untrusted's
# terminal and minimizes it (openbox's iconify, here as a task bar asks for
# it); openbox shows work's window active. The keys stayed on the minimized
# terminal, off the screen: what the user typed next, into what looked like
# work's window, ran in untrusted (4 of 4, also when the domain minimized
# its own window). Now the keys leave a minimized window as they leave a
# closed one (focus_window_minimized): back to work's window, which had
# them before, when the window manager falls back on it; the same when a
# pager's workspace switch hides it (new-user trial 14 #1).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_two_terms

desk_click "$DWK" 30 30
wait_win work "$(win_field work work id)" focus=1
type_to "first" work untrusted "a click into work's xterm"
desk_click "$DUT" 30 30
wait_win untrusted "$(win_field untrusted untrusted id)" focus=1
type_to "second" untrusted work "a click into untrusted's xterm"

# the user minimizes untrusted's terminal; openbox focuses work's again
desk xdotool windowminimize "$DUT"
wait_win untrusted "$(win_field untrusted untrusted id)" focus=0
wait_win work "$(win_field work work id)" focus=1
type_to "afterminimize" work untrusted "after untrusted's terminal was minimized"
check "the keys left untrusted's minimized terminal for work's, which had them before"

# new-user trial 12 #5: the user restores it from a task bar (a click on the
# bar, none of ours; then the bar's _NET_ACTIVE_WINDOW): the keys follow
desk xdotool mousemove 1000 750 click 1
desk xdotool windowactivate "$DUT"
wait_win untrusted "$(win_field untrusted untrusted id)" focus=1
type_to "restored" untrusted work "untrusted's terminal restored from a task bar"
check "untrusted's terminal restored from a task bar (a click on it, then _NET_ACTIVE_WINDOW): the keys follow"

# new-user trial 14 #1: a pager switches the workspace: untrusted's
# terminal, with the keys, is hidden, work's on the other workspace shown
# and focused by openbox (its focus change may come before the hidden
# state: refused then, the keys stayed with the hidden terminal, 2 runs of
# 4): what the user types next does not reach untrusted
desk xdotool set_num_desktops 2
desk xdotool set_desktop_for_window "$DWK" 1
desk xdotool set_desktop 1
wait_win untrusted "$(win_field untrusted untrusted id)" focus=0
wait_desk_focus "$DWK" "after the switch to work's workspace"
desk xdotool type --delay 20 "onworkspace"
desk xdotool key Return
sleep 1
! grep -qs onworkspace "$T/untrusted.typed" || fail "typed after the switch to work's workspace, 'onworkspace' reached untrusted's hidden terminal"
check "a pager's switch to work's workspace: the keys left untrusted's hidden terminal (work's or none)"
finish
