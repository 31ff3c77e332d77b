#!/bin/bash
# x11-titles: the title encodings X applications really use reach the desktop
# as the characters they mean (issue 11 item 11). xterm in a UTF-8 locale
# sets a title that is not Latin-1 as WM_NAME of type COMPOUND_TEXT (ISO 2022:
# é and ü in the Latin-1 half, — in a UTF-8 segment ESC % G ... ESC % @) and
# no _NET_WM_NAME; in the C locale a Latin-1 title is WM_NAME of type STRING.
# The agent converts both to UTF-8; the daemon's title filter (utf8=1) keeps
# them, and the desktop window's _NET_WM_NAME is "[work] é — ü". A domain
# whose name has no letter ("42") gets a title starting with U+200E
# (LEFT-TO-RIGHT MARK): openbox lays titles out by the first letter's
# direction, and a title starting with a Hebrew letter put "[42]" last,
# "[work] Bank" first.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue,utf8=1 --domain 42,label=red,utf8=1
start_xvfb DW 1024x768
start_agent work "$DW"

# title_of CLASS: the daemon's title of work's window whose class is CLASS.
title_of() { ctl windows | grep "^work " | grep -F "$1" || true; }

# wait_title WHAT TITLE: the daemon shows a window of work titled TITLE, and
# its desktop window's _NET_WM_NAME is "[work] TITLE"; prints its desktop id.
wait_title() {
	local what=$1 want=$2 l deadline=$((SECONDS + VT_TIMEOUT)) id=
	while :; do
		l=$(win_lines | grep -F "title=\"$want\"" || true)
		[[ -n $l ]] && break
		((SECONDS < deadline)) || fail "$what: no window of work titled '$want'; the daemon has: $(win_lines)"
		sleep 0.05
	done
	deadline=$((SECONDS + VT_TIMEOUT))
	while :; do
		for id in $(desk_list | awk '{print $1}'); do
			[[ $(desk_prop "$id" _NET_WM_NAME) == "\"[work] $want\"" ]] && break 2
		done
		((SECONDS < deadline)) || fail "$what: no desktop window has _NET_WM_NAME \"[work] $want\": $(for id in $(desk_list | awk '{print $1}'); do desk_prop "$id" _NET_WM_NAME; done)"
		sleep 0.05
	done
	check "$what: the daemon's title is '$want', the desktop window's _NET_WM_NAME \"[work] $want\""
}

# ---- COMPOUND_TEXT: xterm in a UTF-8 locale, a title outside Latin-1
T1='é — ü'
bg xterm-ct "$T/xterm-ct.log" env DISPLAY="$DW" LC_ALL=C.UTF-8 xterm -title "$T1" -e sleep 600
wait_pixels work 1
xid=$(DISPLAY=$DW xdotool search --sync --name "^$T1\$" | head -n 1)
wm=$(DISPLAY=$DW xprop -id "$xid" WM_NAME)
[[ $wm == "WM_NAME(COMPOUND_TEXT) = "* ]] || fail "xterm set WM_NAME as '$wm', not COMPOUND_TEXT: the test does not test what it says"
[[ -z $(DISPLAY=$DW xprop -id "$xid" -notype _NET_WM_NAME | grep ' = ' || true) ]] ||
	fail "xterm set _NET_WM_NAME too: the test does not test COMPOUND_TEXT"
check "xterm -title '$T1' (UTF-8 locale) set $wm and no _NET_WM_NAME"
wait_title "xterm's COMPOUND_TEXT title" "$T1"

# ---- STRING (Latin-1): xterm in the C locale
T2='café über'
bg xterm-l1 "$T/xterm-l1.log" env DISPLAY="$DW" LC_ALL=C xterm -title "$(printf '%s' "$T2" | iconv -f UTF-8 -t LATIN1)" -e sleep 600
wait_pixels work 2
wait_title "xterm's Latin-1 STRING title" "$T2"

# ---- a domain named 42 (no letter) and a title starting with a Hebrew
# letter: openbox (pango) showed "Bank [work]א [42]"; the desktop's title
# starts with U+200E, so it reads "[42] א[work] Bank"
start_xvfb D42 1024x768
start_agent 42 "$D42"
T3='א[work] Bank'
start_pattern p42 "$D42" --geometry 300x80+100+100 --title "$T3"
want=$(printf '"\u200e[42] %s"' "$T3")
deadline=$((SECONDS + VT_TIMEOUT)) got=''
until got=$(for id in $(desk_list | awk '{print $1}'); do desk_prop "$id" _NET_WM_NAME; done | grep -F "$T3") &&
	[[ $got == "$want" ]]; do
	((SECONDS < deadline)) || fail "domain 42's title on the desktop is '$got', not $want"
	sleep 0.05
done
check "domain 42's title '$T3' is $want on the desktop (U+200E first)"

finish
