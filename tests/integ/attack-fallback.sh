#!/bin/bash
# attack-fallback: ATTACKS row 11, hostile-domain trial 7. A domain holds
# the place after the focused window in openbox's focus order (it unmaps and
# maps a small window every 0.3 s: mapped unfocused, openbox puts it there)
# and waits for the focused window to go, when openbox falls back on it.
# The user's action that closes the window is on none of ours: Alt+F4
# (openbox's binding: the daemon sees only the raw key events, and the
# releases after openbox's fallback) on work's dialog, or a click on a host
# dialog's OK (a dialog of the desktop's own, not a domain's). Before the
# fix such an action let any window the window manager focused next take
# the keys: the password typed after it went to the hostile domain (4 of 4
# and 2 of 2 runs). Now only the domain that had the keys is followed then
# (focus.h): untrusted gets no key, whatever openbox focuses.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted work
cat_term work "$DW" 50x8+40+60
wait_desk_id DWK work work
hostile_start hw untrusted window
hostile hw "create 20 700 450 120 80"
hostile hw "buffer 20 120 80 ff00ff"
hostile hw "damage 20 0 0 120 80"
hostile hw "title 20 $(printf %s held | od -An -tx1 | tr -d ' \n')"
hostile hw "map 20"
wait_desk_id DH untrusted held

# hold: untrusted maps its window again (openbox puts it next after the
# focused window in its focus order), then waits 0.3 s
hold() {
	hostile hw "unmap 20"
	hostile hw "map 20"
	sleep 0.3
}

# round MODE WORD: the user types in work's xterm, a dialog opens (work's,
# or the desktop's own with MODE host) and openbox focuses it; the user
# closes it (Alt+F4, or a click on its OK) and types WORD; meanwhile the
# hostile domain keeps its window next in openbox's focus order
round() {
	local mode=$1 word=$2 dlg x y w h
	desk_click "$DWK" 30 30
	wait_win work "$(win_field work work id)" focus=1
	type_to "before$word" work none "$mode: work's xterm clicked"
	if [[ $mode == host ]]; then
		bg hostdlg "$T/hostdlg.log" env DISPLAY="$DESK" xmessage -name hostdlg -title hostdlg \
			-geometry +300+300 -buttons OK "update ready"
	else
		bg wdlg "$T/wdlg.log" env DISPLAY="$DW" xmessage -name wdlg -title wdlg \
			-geometry +300+300 -buttons OK "save your work?"
	fi
	dlg=$VT_LAST_PID
	local deadline=$((SECONDS + VT_TIMEOUT)) focus
	until focus=$(desk xdotool getwindowfocus getwindowname 2>/dev/null) &&
		[[ $focus == *"$mode"* || ($mode == altf4 && $focus == *wdlg*) || ($mode == host && $focus == hostdlg) ]]; do
		((SECONDS < deadline)) || fail "$mode: openbox did not focus the dialog (focus: ${focus:-none})"
		hold
	done
	# the hostile domain's window, mapped again while the dialog has the
	# focus: openbox's next in its focus order
	hold
	if [[ $mode == host ]]; then
		# xmessage's OK button: its only child with no name
		read -r x y < <(desk xwininfo -tree -id "$(desk xdotool search --name '^hostdlg$' | head -n 1)" |
			awk '/\(has no name\)/ { n = $NF } END { split(n, a, "+"); print a[2] + 8, a[3] + 6 }')
		desk xdotool mousemove --sync "$x" "$y" click 1
	else
		desk xdotool key alt+F4
	fi
	deadline=$((SECONDS + VT_TIMEOUT))
	while alive "$dlg"; do
		((SECONDS < deadline)) || fail "$mode: the dialog did not close"
		hold
	done
	sleep 0.3
	# the attack played only if openbox fell back on untrusted's window
	local focus
	focus=$(desk xdotool getwindowfocus 2>/dev/null)
	desk xdotool type --delay 20 "$word"
	desk xdotool key Return
	sleep 0.5
	local got
	got=$(hostile_got hw '^got KEY ' | wc -l)
	((got == 0)) || fail "$mode: untrusted got $got key events after the dialog closed: $(hostile_got hw '^got (KEY|FOCUS) ' | head -n 4)"
	[[ $focus == "$DH" ]] || {
		say "$mode: openbox fell back on $focus, not untrusted's window $DH: again"
		return 1
	}
	check "$mode: the dialog closed, openbox focused untrusted's window, '$word' typed: untrusted got no key (work's xterm: $(tail -n 1 "$T/work.typed"); daemon: $(field_of "$(focused_line)" domain 2>/dev/null || echo none) has the keys)"
}
for mode in altf4 host; do
	for try in 1 2 3 4; do
		round "$mode" "word$mode$try" && break
		((try < 4)) || fail "$mode: openbox never fell back on untrusted's window in 4 rounds: the attack was not played"
	done
done
hostile_stop hw
finish
