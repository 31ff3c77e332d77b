#!/bin/bash
# x11-torn: the buffer hand-off (issue 15 item 1; FRAME / FRAME_DONE in
# docs/protocol.md). A guest window flips between two whole-window colours
# as fast as its X server takes them (vt-pattern flip: each frame one
# PolyFillRectangle, so every frame is whole in the domain), while the
# desktop's copy of the window is read back again and again (vt-desk sample:
# GetImage of the content). Every reading must be one colour: a frame shown
# is a whole frame of the application, never the top of one and the bottom
# of the next (before the hand-off the agent copied the next frame into the
# buffer while the desktop X server was still reading the last one: torn
# readings). Both colours must be seen (the window did change meanwhile),
# and the last frame drawn must be what stays shown (no frame lost at the
# end). Twice: a domain whose buffer the desktop X server reads in place
# (the frame shown before freed as soon as no put of it is unanswered), and
# one shown through the daemon's own segment (x11_copy=1, as Xen domains
# and tinted ones are: the daemon copies each frame there).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_daemon_x11 "$DESK" --domain work,label=blue --domain copy,label=green,x11_copy=1

# flip_window DOMAIN: a flipping window in DOMAIN; x y w h: the strip read.
flip_window() {
	local dpy
	start_xvfb dpy 1024x768
	start_agent "$1" "$dpy"
	start_pattern "flip$1" "$dpy" --pattern solid --color 000000 --geometry 960x720+20+20 \
		--title "flip$1"
	wait_pixels "$1" 1
	wait_desk_id DF "$1" "flip$1"
	local B=$VT_X11_BORDER l
	l=$(desk_line "$DF")
	x=$(($(field_of "$l" x) + B)) y=$(($(field_of "$l" y) + B))
	w=$(($(field_of "$l" w) - 2 * B)) h=$(($(field_of "$l" h) - 2 * B))
	((w == 960 && h == 720)) || fail "the desktop window's content is ${w}x$h, not 960x720: $l"
	# A torn frame is the top of one and the bottom of the other (the copies
	# go row by row): a strip down the middle, every row, sees it; cheap to read.
	x=$((x + w / 2 - 8)) w=16
}

# sample N: N readings of the content; adds to torn, samples and seen.
torn=0 samples=0 seen=,
sample() {
	local r
	r=$(desk "$VT_TOOLS/vt-desk" sample "$1" "$x" "$y" "$w" "$h") || fail "vt-desk sample failed"
	[[ $r =~ ^samples=([0-9]+)\ torn=([0-9]+)\ colours=([0-9a-f,]*)$ ]] ||
		fail "vt-desk sample said '$r'"
	samples=$((samples + BASH_REMATCH[1])) torn=$((torn + BASH_REMATCH[2]))
	local c
	for c in ${BASH_REMATCH[3]//,/ }; do
		[[ $seen == *",$c,"* ]] || seen+="$c,"
	done
}

# flip_check DOMAIN: the window flips while the strip is read.
flip_check() {
	torn=0 samples=0 seen=,
	co_send "flip$1" "flip 1000000 ff0000 0000ff"
	while ((samples < 4000)); do
		sample 500
	done
	co_send "flip$1" stop
	answer=
	co_read "flip$1" answer
	[[ $answer == ok ]] || fail "vt-pattern flip answered '$answer'"
	co_read "flip$1" answer # the `stop` line's own answer, once the flip ended
	[[ $answer == ok ]] || fail "vt-pattern stop answered '$answer'"
	say "$1: $samples readings of the desktop while the window flipped: $torn torn, whole colours seen: ${seen:1:-1}"
	((torn == 0)) || fail "$torn of $samples readings of the desktop window held two colours at once: a frame shown half-new (torn)"
	[[ $seen == *,ff0000,* && $seen == *,0000ff,* ]] ||
		fail "the readings did not see both colours whole (seen: ${seen:1:-1}): the window did not flip while it was read"
	check "$1: no torn frame in $samples readings while the window flipped; both colours seen whole"

	# The last frame drawn is the one that stays.
	pat "flip$1" color 00ff00
	deadline=$((SECONDS + VT_TIMEOUT))
	while :; do
		torn=0 seen=,
		sample 1
		[[ $torn == 0 && $seen == ,00ff00, ]] && break
		((SECONDS < deadline)) || fail "the last frame drawn (00ff00) is not what the desktop shows: ${seen:1:-1}, torn=$torn"
		sleep 0.05
	done
	check "$1: the last frame drawn is the one shown"
}

for d in work copy; do
	flip_window "$d"
	flip_check "$d"
done
finish
