#!/bin/bash
# xapps: real X applications (xterm, xlogo) in a domain are listed with
# their titles, their pixels arrive, and their frames are exact. Issue 14
# on the headless backend: the pointer over xterm's text gives its window
# the guest's I-beam (`cursor=xterm` in vitrinectl windows), and off it the
# default again; a GTK window's icon (green, a white quarter) is drawn left
# in its title bar marked with the label colour (green 73d216: every pixel
# 3/5 label, 2/5 its own grey).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain personal,label=green
start_xvfb D
start_agent personal "$D"
bg xterm "$T/xterm.log" env DISPLAY="$D" XCURSOR_THEME=Adwaita xterm -geometry 60x10+60+80 -title vt-xterm \
	-e sh -c 'echo hello vitrine; exec sleep 600'
bg xlogo "$T/xlogo.log" env DISPLAY="$D" xlogo -geometry 200x200+600+100
wait_pixels personal 2
ctl --timeout "$VT_TIMEOUT" wait-idle personal 300 >/dev/null
s=$(shot apps)
for t in vt-xterm xlogo; do
	l=$(win_line personal "$t")
	[[ -n $l ]] || fail "no window titled $t: $(win_lines)"
	say "listed: $l"
	[[ $(field_of "$l" mapped) == 1 && $(field_of "$l" pixels) == 1 ]] ||
		fail "$t: expected mapped=1 pixels=1: $l"
	check "$t is listed with its title, mapped=1 pixels=1"
	check_frame personal "$t" green "$s"
	c=$(rect_colour "$s" "$(field_of "$l" x)" "$(field_of "$l" y)" "$(field_of "$l" w)" "$(field_of "$l" h)")
	[[ $c == mixed* ]] || fail "$t: content is a single colour ($c): nothing drawn?"
	check "$t: content has several colours ($c)"
done

# ---- cursor: into xterm's text and out again (onto xlogo)
# wait_cursor TITLE SHAPE: the daemon's window TITLE has cursor SHAPE.
wait_cursor() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(win_field personal "$1" cursor) == "$2" ]]; do
		((SECONDS < deadline)) || fail "$1: cursor is not $2: $(win_line personal "$1")"
		sleep 0.05
	done
}
l=$(win_line personal vt-xterm)
ctl motion $(($(field_of "$l" x) + 40)) $(($(field_of "$l" y) + 40)) >/dev/null
wait_cursor vt-xterm xterm
check "the pointer over xterm's text: its window's cursor is 'xterm' (the I-beam)"
l=$(win_line personal xlogo)
ctl motion $(($(field_of "$l" x) + 40)) $(($(field_of "$l" y) + 40)) >/dev/null
wait_cursor xlogo default
wait_cursor vt-xterm xterm
check "over xlogo: its cursor is the default; xterm's window keeps the I-beam"

# ---- icon in the title bar
start_gtk icon "$D" vt-icon - 240x120
gtk icon "icon 00ff00"
[[ $GTK_REPLY == "done" ]] || fail "vt-gtk icon: '$GTK_REPLY'"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(win_field personal vt-icon icon) == 48x48 ]]; do
	((SECONDS < deadline)) || fail "no 48x48 icon: $(win_line personal vt-icon)"
	sleep 0.05
done
wait_pixels personal 3
geometry
l=$(win_line personal vt-icon)
x=$(field_of "$l" x) y=$(field_of "$l" y) side=$((VT_GEOM_T - 4))
s=$(shot icon)
# the icon: side x side at x+3, y-T+2; its white quarter top left
green=$(pix "$s" $((x + 3 + side * 3 / 4)) $((y - VT_GEOM_T + 2 + side * 3 / 4)))
white=$(pix "$s" $((x + 3 + side / 4)) $((y - VT_GEOM_T + 2 + side / 4)))
[[ $green == 80b948 && $white == abe473 ]] ||
	fail "title bar icon: green part $green (want 80b948), white part $white (want abe473); $s"
check "the GTK icon in its title bar, marked: green -> 80b948, white -> abe473 ($s)"

finish
