#!/bin/bash
# run-wide: `vitrine run` on a desktop wider and taller than its old fixed
# domain screen (2560x1600): the domain's X server covers the daemon's whole
# output, so a window on the desktop's far side is inside it and the
# pointer reaches it there (new-user trial 3: on a 3840-wide desktop a
# window on the right could not be clicked; the pointer stopped at x=2559).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v bwrap >/dev/null || fail "bwrap is not installed (tools/install-deps)"
start_xvfb DESK 3000x1700
start_daemon_x11 "$DESK" --domain work,label=blue
mkdir -p "$T/home"
vrun() { HOME=$T/home "$VT_BIN/vitrine" run --runtime-dir "$RUN" "$@"; }

mkdir -p "$T/inlog"
start_co input "$T/input.log" env HOME="$T/home" "$VT_BIN/vitrine" run --runtime-dir "$RUN" \
	--domain t --label red --ro "$VT_BIN" --rw "$T/inlog" -- "$VT_BIN/tests/vt-input" \
	--log "$T/inlog/input.txt" --geometry 200x150+2750+1500 --title far
wait_desk_id FAR t far
got=$(vrun --domain t -- sh -c 'xdpyinfo -display :0 | grep dimensions:' </dev/null)
[[ $got == *" 3000x1700 pixels "* ]] || fail "the domain's X server on a 3000x1700 desktop: '$got'"
check "a 3000x1700 desktop: the sandbox's X server is 3000x1700 (was always 2560x1600)"
# and the pointer reaches the window at the far side: a click goes in
desk_click "$FAR" 150 100
wait_lines "$T/inlog/input.txt" "button 1 [0-9]+ [0-9]+" 1 "a click at the far side of the desktop"
check "a click on t's window at 2750,1500 of the desktop reached it in the domain"

# ---- a new sandbox's first command starts once the agent has set the
# daemon's dpi and monitors in its X server (new-user trial 6: at scale 2
# the first application saw no Xft.dpi and the X server's own 2560x1600
# monitor, and drew at 96 dpi; the same command a second later was right)
ctl set-scale 2 >/dev/null
got=$(vrun --domain hd --label green -- sh -c 'xrdb -query; xrandr --listmonitors' </dev/null 2>&1)
[[ $got =~ Xft\.dpi:[[:space:]]*192 ]] || fail "the first command of a new sandbox at scale 2: no Xft.dpi 192: $got"
# (the agent's monitor, not the X server's own: that one is 3000x1700 too)
[[ $got =~ VITRINE-0\ 3000/[0-9]+x1700/ ]] || fail "the first command of a new sandbox: not the desktop's monitor (VITRINE-0 3000x1700): $got"
check "a new sandbox's first command, at scale 2: Xft.dpi 192 and the desktop's monitor already set"
# SIGPIPE at its default in the sandbox (the launcher ignores it; its
# applications inherited that: review)
got=$(vrun --domain hd -- sh -c 'yes | head -1' </dev/null 2>&1)
[[ $got == y ]] || fail "yes | head -1 in a sandbox said: $got"
check "a sandboxed pipeline ends quietly on SIGPIPE ('yes | head -1': y)"
finish
