#!/bin/bash
# x11-tint: a domain's tint= on the desktop backend, under openbox (issue 11
# item 14). The untrusted domain (red, tint=strong) shows its pixels tinted
# as the headless renderer tints them (decorations' deco_tint: the label
# colour at 0x5800/0xffff over the content), read back from the desktop: each
# quadrant of vt-pattern's quad, a rectangle drawn later (tinted once, not
# again over what was tinted), and the content before any pixel. The work
# domain (no tint) shows the exact pixels, read in place from the guest's
# buffer: the daemon maps no buffer of its own for it (zero-copy), one per
# window for the tinted domain.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red,tint=strong
B=$VT_X11_BORDER

# own_buffers: the daemon's own shared buffers (memfds it maps read-write:
# the copies it shows instead of a guest's buffer).
own_buffers() { grep -c ' rw-s .*/memfd:' "/proc/$VT_DAEMON_PID/maps" || true; }

# tint RRGGBB: that colour under deco_tint's strong red tint, RRGGBB.
LABEL=$(palette red) A=$((0x5800))
tint() {
	local i rgb="" c l
	for i in 0 2 4; do
		c=$((16#${1:i:2})) l=$((16#${LABEL:i:2}))
		rgb+=$(printf '%02x' $(((l * A + c * (0xffff - A) + 0x7fff) / 0xffff)))
	done
	echo "$rgb"
}

# near SHOT X Y W H RRGGBB WHAT: that rectangle is one colour within 2 per
# channel of RRGGBB (pixman's rounding).
near() {
	local got i d
	got=$(pix "$1" --rect "$2" "$3" "$4" "$5")
	[[ $got =~ ^[0-9a-f]{6}$ ]] || fail "$7: rectangle $2,$3 $4x$5 is '$got', not one colour"
	for i in 0 2 4; do
		d=$((16#${got:i:2} - 16#${6:i:2}))
		((d >= -2 && d <= 2)) || fail "$7: rectangle $2,$3 $4x$5 is #$got, expected #$6 (tinted)"
	done
}

# quad_tinted SHOT X Y W H WHAT: vt-pattern's quad, each quadrant tinted.
quad_tinted() {
	local s=$1 x=$2 y=$3 w=$4 h=$5 lw th
	lw=$((w / 2)) th=$((h / 2))
	near "$s" "$x" "$y" "$lw" "$th" "$(tint ff0000)" "$6: top-left"
	near "$s" $((x + lw)) "$y" $((w - lw)) "$th" "$(tint 00ff00)" "$6: top-right"
	near "$s" "$x" $((y + th)) "$lw" $((h - th)) "$(tint 0000ff)" "$6: bottom-left"
	near "$s" $((x + lw)) $((y + th)) $((w - lw)) $((h - th)) "$(tint ffffff)" "$6: bottom-right"
}

# content_of ID: "X Y W H" of desktop window ID's content (inside the frame).
content_of() {
	local l
	l=$(desk_line "$1")
	[[ -n $l ]] || fail "desktop window $1 is gone"
	echo "$(($(field_of "$l" x) + B)) $(($(field_of "$l" y) + B)) $(($(field_of "$l" w) - 2 * B)) $(($(field_of "$l" h) - 2 * B))"
}

# ---- work, no tint: exact pixels, no buffer of the daemon's own
start_xvfb DW 1024x768
start_agent work "$DW"
start_pattern wq "$DW" --pattern quad --geometry 200x150+100+120 --title plain
wait_desk_id DWQ work plain
s=$(wait_desk_content "$DWQ" quad plain)
desk_content "$s" "$DWQ" quad "work/plain (tint=none)"
desk_check_frame "$s" "$DWQ" blue "work/plain (tint=none)"
n=$(own_buffers)
((n == 0)) || fail "work (no tint): the daemon maps $n buffers of its own, expected none (zero-copy)"
check "work (no tint): shown from the guest's buffer, the daemon maps no buffer of its own"

# ---- untrusted, tint=strong: tinted as the headless renderer tints
start_xvfb DU 1024x768
start_agent untrusted "$DU"
start_pattern uq "$DU" --pattern quad --geometry 240x160+500+300 --title tinted
wait_desk_id DUQ untrusted tinted
read -r x y w h < <(content_of "$DUQ")
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	s=$(desk_shot tinted)
	got=$( (quad_tinted "$s" "$x" "$y" "$w" "$h" untrusted/tinted) 2>&1) && break
	((SECONDS < deadline)) || fail "untrusted/tinted never showed the tinted quad: $got"
	sleep 0.1
done
desk_check_frame "$s" "$DUQ" red "untrusted/tinted (the frame is not tinted)"
check "untrusted/tinted (tint=strong): each quadrant is its colour under the red tint (#$(tint ff0000) #$(tint 00ff00) #$(tint 0000ff) #$(tint ffffff))"
desk_content "$s" "$DWQ" quad "work/plain beside it"
n=$(own_buffers)
((n == 1)) || fail "the daemon maps $n buffers of its own, expected 1 (untrusted's one window)"
check "the daemon composes the tint in a buffer of its own for untrusted's window only"

# the desktop window resized: its whole content painted again, still tinted once
desk xdotool windowsize "$DUQ" $((w + 2 * B + 40)) $((h + 2 * B)) 2>/dev/null ||
	fail "xdotool windowsize failed"
wait_desk "$DUQ" w=$((w + 2 * B + 40))
read -r x y w h < <(content_of "$DUQ")
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	s=$(desk_shot tinted-resized)
	got=$( (quad_tinted "$s" "$x" "$y" "$w" "$h" "untrusted/tinted resized") 2>&1) && break
	((SECONDS < deadline)) || fail "untrusted/tinted resized: $got"
	sleep 0.1
done
check "untrusted/tinted resized on the desktop to ${w}x$h: the guest redrew, shown tinted once"


# a damage later: tinted once, the rest as it was
pat uq rect 10 10 50 40 00ffff
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	s=$(desk_shot tinted-after)
	got=$( (near "$s" $((x + 10)) $((y + 10)) 50 40 "$(tint 00ffff)" "the rectangle drawn later") 2>&1) && break
	((SECONDS < deadline)) || fail "untrusted: a rectangle drawn later is not shown tinted: $got"
	sleep 0.1
done
near "$s" "$x" $((y + 60)) $((w / 2)) $((h / 2 - 60)) "$(tint ff0000)" "around the rectangle"
near "$s" $((x + 70)) "$y" $((w / 2 - 70)) $((h / 2)) "$(tint ff0000)" "around the rectangle"
check "untrusted: a rectangle drawn later is tinted (#$(tint 00ffff)), once; around it the quadrant is as it was"

finish
