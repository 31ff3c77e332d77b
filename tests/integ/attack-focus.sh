#!/bin/bash
# attack-focus: ATTACKS row 11 on a desktop with a window manager (openbox,
# click to focus), hostile-domain trial 3. A domain must not choose the
# moment its window appears so as to take the keys the user is giving
# another domain. The hostile domain (vt-hostile) shows a window while it
# has the keys, hides it once the user clicks work's xterm, spends its rate
# of window changes and puts a map of that window behind 60 other windows'
# changes, where the rate holds it; when the user clicks work's xterm again,
# it destroys those windows, and the held map reaches the desktop about
# 50 ms after the click. Before the fix openbox focused it (user time 0 was
# set only when the window was made) and the daemon took the focus change
# for the user's choice (the map's time was when the daemon got it, before
# the click; and the click's release counted as a choice of any window): the
# keys typed next went to the hostile domain. Now the map is judged when it
# is shown (policy_map_shown): below work's window, user time 0, and keys
# stay with work.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted work
cat_term work "$DW" 60x10+60+80
wait_desk_id DWK work work

hostile_start hu untrusted window # window 7, "hostile", at 500,200
wait_desk_id DH untrusted hostile
hex() { printf %s "$1" | od -An -tx1 | tr -d ' \n'; }

# 1. the user clicks untrusted's window: it has the keys, and shows window 8
desk_click "$DH" 30 30
wait_win untrusted 7 focus=1
hostile hu "create 8 600 420 200 120"
hostile hu "buffer 8 200 120 cc4444"
hostile hu "title 8 $(hex mail)"
hostile hu "map 8"
hostile hu "damage 8 0 0 200 120"
wait_desk_id D8 untrusted mail
! desk xprop -id "$D8" _NET_WM_USER_TIME | grep -q '= 0$' ||
	fail "untrusted's window 8, shown while untrusted had the keys, has user time 0"

# 2. the user clicks work's xterm and types there; untrusted hides window 8
desk_click "$DWK" 30 30
wait_win work "$(win_field work work id)" focus=1
type_to one work none "work's xterm clicked, then typed into"
hostile hu "unmap 8"
wait_desk "$D8" mapped=0

# 3. untrusted spends its rate (45 titles: the burst is 40) and queues 60
# windows' titles ahead of a map of window 8, which the rate holds
hostile hu "repeat 45 title 7 $(hex spent)"
hostile hu "range 20 79 create @ 10 10 40 40"
hostile hu "range 20 79 title @ $(hex queued)"
hostile hu "map 8"
sleep 0.3
[[ $(desk_field "$D8" mapped) == 0 ]] || fail "window 8's map was not held by the rate"
check "untrusted's map of window 8 is held by its rate, behind 60 windows' titles"

# 4. the user clicks work's xterm again (a click and its release); at once
# untrusted drops the 60 windows, and the held map lands about 50 ms later
desk_click "$DWK" 30 30
hostile hu "range 20 79 destroy @"
wait_desk "$D8" mapped=1
check "the held map of window 8 reached the desktop right after the user's click on work's xterm"
sleep 1.2 # past FOCUS_CHOICE_MS: whatever the window manager did is judged
[[ $(desk xprop -id "$D8" _NET_WM_USER_TIME) == *"= 0" ]] ||
	fail "window 8 shown while work has the keys has no user time 0: $(desk xprop -id "$D8" _NET_WM_USER_TIME)"
below "$D8" "$DWK" || fail "window 8 shown over work's xterm: stacking $(stacking)"
check "window 8, shown while work had the keys: user time 0, below work's xterm ($(stacking))"
wait_win work "$(win_field work work id)" focus=1
wait_win untrusted 8 focus=0
type_to secret work none "after the held map landed"
[[ -z $(hostile_got hu '^got KEY(SYM)? ') ]] || fail "untrusted got keys: $(hostile_got hu '^got KEY(SYM)? ' | head -3)"
check "the keys typed after the click on work's xterm reached work; untrusted got none"
hostile_stop hu
finish
