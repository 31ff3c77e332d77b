#!/bin/bash
# attack-props: ATTACKS rows 5 and 11 on a desktop with a window manager (x11
# backend, openbox with its click-to-focus binding): a flood of legal
# changes to what the window manager reads of a window (its title, hints,
# state flags, geometry, icon, map state: mapped as a popup, unmapped, mapped
# managed, unmapped), each different from the one before, as fast as the
# socket takes them. Each used to become property changes on the desktop at
# once; openbox, reading them one by one, fell minutes behind (found by a
# hostile-domain trial on 2026-12-01: 80,000 titles in 2 s), so the user's
# click on work's window was never handled and the keys stayed with the
# flooding domain. Maps and unmaps of popups as fast stalled openbox and the
# daemon's writes to the desktop, and crashed Xwayland and sway (the same
# trial; x11-sway floods them on sway). The core (props.h) lets a domain's changes through at
# PROPS_PER_S a second after a burst, coalesced per window, the newest kept.
# A tray icon's titles and pixels (traytitle, trayicon: with no tray on the
# desktop the icon is a window openbox reads; hostile-domain trial 4: the
# user's click lost for good) and a popup resized across 3x3 (tiny: shown
# and hidden, 100,000 desktop maps in 15 s) go through the same rate.
#
# For each kind: the user focuses untrusted's window, untrusted floods for
# 2 s, then the user clicks work's xterm and types: the daemon follows the
# click, the text reaches work's xterm, no key reaches untrusted. After the
# title flood, the desktop shows untrusted's last title.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_and_hostile 50x8+40+60
WID=$(win_field work work id)

keys_at_untrusted() { hostile_got hw '^got KEY ' | wc -l; }

# same_size ID DESK WHAT: until desktop window DESK is untrusted's window ID's
# size (as the daemon has it) and its frame.
same_size() {
	local deadline=$((SECONDS + VT_TIMEOUT)) w h dw dh
	while :; do
		win_field_id_to w untrusted "$1" w
		win_field_id_to h untrusted "$1" h
		desk_field_to dw "$2" w
		desk_field_to dh "$2" h
		((dw == w + 2 * VT_X11_BORDER && dh == h + 2 * VT_X11_BORDER)) && break
		((SECONDS < deadline)) || fail "$3: the desktop's window is ${dw}x$dh, the daemon's ${w}x$h"
		sleep 0.05
	done
	check "$3: the desktop's window is the daemon's ${w}x$h and its frame"
}

# visible_point: VP_X VP_Y, a point of untrusted's desktop window not under
# work's xterm
# (the configure flood leaves it at a size and place of its choosing: a
# click at 20,20 landed on work's xterm once, in a CI-like run)
visible_point() {
	local x y w h kx ky kw kh px py
	x=$(desk_field "$DH" x) y=$(desk_field "$DH" y) w=$(desk_field "$DH" w) h=$(desk_field "$DH" h)
	kx=$(desk_field "$DWK" x) ky=$(desk_field "$DWK" y) kw=$(desk_field "$DWK" w)
	kh=$(desk_field "$DWK" h)
	for px in 20 $((w - 20)); do
		for py in 20 $((h - 20)); do
			((px > 0 && py > 0)) || continue
			if ((x + px < kx - 30 || x + px > kx + kw + 30 || y + py < ky - 40 ||
				y + py > ky + kh + 30)); then
				VP_X=$px VP_Y=$py
				return
			fi
		done
	done
	fail "untrusted's window ${w}x$h+$x+$y lies under work's xterm"
}

# (settled: tests/lib/desk.sh: the window manager may still be working through
# a flood's changes under load)
for kind in title hints wmflags configure icon traytitle trayicon map; do
	settled "$DH"
	visible_point
	desk_click "$DH" "$VP_X" "$VP_Y"
	wait_win untrusted 7 focus=1
	before=$(keys_at_untrusted)
	# the map flood: what reaches the desktop in its 2 s and 2 s after
	[[ $kind != map ]] || bg "maps" "$T/maps.txt" env DISPLAY="$DESK" "$VT_TOOLS/vt-desk" maps 4
	sent=$(hostile_ask hw "propflood 7 2 $kind")
	[[ $sent == sent* ]] || fail "vt-hostile: propflood $kind answered '$sent'"
	say "untrusted: $kind flood, ${sent#sent } changes in 2 s"
	desk_click "$DWK" 30 30
	wait_win work "$WID" focus=1
	type_to "after$kind" work untrusted "the user's click on work's xterm right after untrusted's $kind flood"
	after=$(keys_at_untrusted)
	((after == before)) || fail "$kind flood: $((after - before)) key events reached untrusted after the user chose work"
	check "$kind flood (${sent#sent } changes): the user's click moved the keys to work; untrusted got none"
	[[ $kind == configure ]] && same_size 7 "$DH" "the configure flood's last size"
	if [[ $kind == map ]]; then
		wait_lines "$T/maps.txt" "created=[0-9]+ mapped=[0-9]+" 1 "vt-desk maps"
		read -r created mapped < <(sed 's/[a-z]*=//g' "$T/maps.txt")
		# at most PROPS_BURST + 4 s x PROPS_PER_S map changes, each a window
		# made and mapped (a popup), or a frame of openbox's made and mapped
		((created + mapped <= 4 * (40 + 4 * 20))) ||
			fail "map flood: $created windows made and $mapped mapped on the desktop in 4 s"
		check "map flood: $created windows made and $mapped mapped on the desktop in 4 s (at most 480: PROPS_BURST and PROPS_PER_S)"
	fi
done

# coalesced, the newest kept: the last title the flood sent reaches the desktop
wait_desk_id _ untrusted last
check "untrusted's last title after the flood is on the desktop ([untrusted] last)"

# a popup resized across the 3x3 under which it is not shown, and back:
# each a map or an unmap on the desktop, so at the domain's rate too
# (hostile-domain trial 4: 100,000 desktop maps in 15 s from CONFIGUREs alone)
bg "maps" "$T/tiny-maps.txt" env DISPLAY="$DESK" "$VT_TOOLS/vt-desk" maps 4
sent=$(hostile_ask hw "propflood 7 2 tiny")
[[ $sent == sent* ]] || fail "vt-hostile: propflood tiny answered '$sent'"
wait_lines "$T/tiny-maps.txt" "created=[0-9]+ mapped=[0-9]+" 1 "vt-desk maps"
read -r created mapped < <(sed 's/[a-z]*=//g' "$T/tiny-maps.txt")
((created + mapped <= 4 * (40 + 4 * 20))) ||
	fail "tiny flood (${sent#sent } resizes): $created windows made and $mapped mapped on the desktop in 4 s"
check "tiny flood (${sent#sent } resizes across 3x3): $created windows made and $mapped mapped on the desktop in 4 s (at most 480)"
desk_click "$DWK" 30 30
wait_win work "$WID" focus=1
type_to aftertiny work untrusted "the user's click on work's xterm right after untrusted's tiny flood"
hostile_stop hw
finish
