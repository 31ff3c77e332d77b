#!/bin/bash
# x11-frame: the desktop backend with no window manager. Each guest window is
# one top-level window on the desktop (an Xvfb of its own) with a frame of 2
# pixels in the domain's label colour drawn by the daemon, the guest's pixels
# inside, exactly. A window that never sent a pixel has its frame anyway
# (ATTACKS 9). Every desktop window carries the daemon's identity for the
# domain, never the guest's: title "[domain] ...", WM_CLASS prefixed with the
# domain, _QUBES_VMNAME/_QUBES_LABEL (numbered from 1, as Qubes does)/
# _QUBES_LABEL_COLOR, the host, and no _NET_WM_PID (a window manager's force
# quit would kill the daemon). The whole desktop is compared with screenshots/x11-nowm.png. A domain
# with x11_copy=1 (pixels copied by the daemon) looks the same. A window's
# screenshot is the window alone, another domain's window over it or not.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red \
	--domain copy,label=green,x11_copy=1
geometry
g=$(ctl geometry | grep -v '^ok$')
[[ $g == *"width=1024 height=768"* ]] || fail "the daemon's output is not the desktop's 1024x768: $g"
check "the daemon's output is the desktop's size: $g"
[[ $g == "border=$VT_X11_BORDER titlebar=0 "* ]] ||
	say "note: vitrinectl geometry says '$g', but this backend draws a ${VT_X11_BORDER}px frame and no title bar (control.c prints DECO_BORDER/DECO_TITLEBAR)"

# ---- work: a real agent and vt-pattern's quad
start_xvfb DW 1024x768
start_agent work "$DW"
start_pattern quad "$DW" --pattern quad --geometry 200x150+100+120 --title quad
wait_pixels work 1
wait_desk_id DQ work quad
l=$(desk_line "$DQ")
say "desktop: $l"
B=$VT_X11_BORDER
[[ $(field_of "$l" x),$(field_of "$l" y) == "$((100 - B)),$((120 - B))" &&
	$(field_of "$l" w)x$(field_of "$l" h) == "$((200 + 2 * B))x$((150 + 2 * B))" ]] ||
	fail "desktop window of work/quad is not the content 200x150+100+120 plus ${B}px: $l"
[[ $(field_of "$l" or) == 0 ]] || fail "desktop window of a normal guest window is override-redirect: $l"
check "work/quad is one desktop window: content 200x150 at 100,120 plus a ${B}px frame, not override-redirect"
s=$(wait_desk_content "$DQ" quad quad)
desk_content "$s" "$DQ" quad "work/quad"
desk_check_frame "$s" "$DQ" blue "work/quad"

# ---- untrusted: a window that never sends a pixel (no BUFFER at all)
start_rogue rogue untrusted
rogue rogue create 7 500 300 200 100
rogue rogue title 7 "$(hex blank)"
rogue rogue map 7
wait_desk_id DB untrusted blank
s=$(wait_desk_frame blank "$DB" red "untrusted/blank (no BUFFER, no pixel ever)")
l=$(win_line_id untrusted 7)
[[ $(field_of "$l" pixels) == 0 ]] || fail "untrusted/7 should have no pixels: $l"
c=$(pix "$s" --rect $((500)) $((300)) 200 100)
[[ $c != mixed* && $c != "$(palette red)" ]] ||
	fail "untrusted/blank: content without pixels should be one colour other than the frame's, is '$c'"
check "untrusted/blank: pixels=0 in windows, frame red all round, content one plain colour (#$c)"

# ---- the whole desktop against the reference
ref=$VT_ROOT/screenshots/x11-nowm.png
if [[ ! -e $ref ]]; then
	cp "$s" "$ref"
	fail "new reference $ref written from this run's shot: look at it and commit it if it is right"
fi
"$VT_BIN/tests/pngcmp" "$ref" "$s" --diff "$T/x11-nowm-diff.png" ||
	fail "desktop shot $s differs from $ref (diff: $T/x11-nowm-diff.png)"
check "the desktop matches $(basename "$ref") (tolerance 8)"
ctl screenshot "$T/daemon-quad.png" --window work "${PAT_ID[quad]}" >/dev/null
"$VT_BIN/tests/pngcmp" "$T/daemon-quad.png" "$s" --tolerance 0 --clip "0,0,$((200 + 2 * B)),$((150 + 2 * B))" \
	--at "$((100 - B)),$((120 - B))" || fail "vitrinectl screenshot --window work/quad differs from the desktop"
check "vitrinectl screenshot --window on x11: the window with its frame, as the desktop shows it"

# ---- identity: every desktop window of the daemon, from the daemon's config
host=$(hostname)
# Qubes numbers its labels red 1 ... blue 6 ... black 8
declare -A LABEL_NO=([blue]=6 [red]=1) LABEL_OF=([work]=blue [untrusted]=red)
n=0
while IFS= read -r l; do
	id=${l%% *}
	vm=$(field_of "$l" vm)
	lab=${LABEL_OF[$vm]:-}
	[[ -n $lab ]] || fail "desktop window $id claims domain '$vm', which is not configured"
	what="desktop window $id ($vm)"
	t=$(desk_prop "$id" WM_NAME)
	[[ $t == "\"[$vm] "* ]] || fail "$what: WM_NAME $t does not start with \"[$vm] "
	[[ $(desk_prop "$id" _NET_WM_NAME) == "$t" ]] ||
		fail "$what: _NET_WM_NAME $(desk_prop "$id" _NET_WM_NAME) differs from WM_NAME $t"
	c=$(desk_prop "$id" WM_CLASS)
	[[ $c =~ ^\"$vm:[^\"]+\",\ \"$vm:[^\"]+\"$ ]] || fail "$what: WM_CLASS $c is not \"$vm:name\", \"$vm:class\""
	[[ $(desk_prop "$id" _QUBES_VMNAME) == "\"$vm\"" ]] ||
		fail "$what: _QUBES_VMNAME is $(desk_prop "$id" _QUBES_VMNAME), expected \"$vm\""
	[[ $(desk_prop "$id" _QUBES_LABEL) == "${LABEL_NO[$lab]}" ]] ||
		fail "$what: _QUBES_LABEL is $(desk_prop "$id" _QUBES_LABEL), expected ${LABEL_NO[$lab]} ($lab)"
	[[ $(desk_prop "$id" _QUBES_LABEL_COLOR) == "$((16#$(palette "$lab")))" ]] ||
		fail "$what: _QUBES_LABEL_COLOR is $(desk_prop "$id" _QUBES_LABEL_COLOR), expected $((16#$(palette "$lab"))) (0x$(palette "$lab"))"
	# no pid: a WM's "force quit" of a guest window would kill the daemon
	[[ -z $(desk_prop "$id" _NET_WM_PID) ]] ||
		fail "$what: _NET_WM_PID is $(desk_prop "$id" _NET_WM_PID) (the daemon's is $VT_DAEMON_PID): a force quit would kill the daemon"
	[[ $(desk_prop "$id" WM_CLIENT_MACHINE) == "\"$host\"" ]] ||
		fail "$what: WM_CLIENT_MACHINE is $(desk_prop "$id" WM_CLIENT_MACHINE), expected \"$host\""
	[[ $(desk_prop "$id" WM_PROTOCOLS) == *WM_DELETE_WINDOW* ]] ||
		fail "$what: WM_PROTOCOLS $(desk_prop "$id" WM_PROTOCOLS) lacks WM_DELETE_WINDOW"
	check "$what: WM_NAME $t, WM_CLASS $c, _QUBES_VMNAME \"$vm\", _QUBES_LABEL ${LABEL_NO[$lab]}, _QUBES_LABEL_COLOR 0x$(palette "$lab"), no _NET_WM_PID, WM_CLIENT_MACHINE \"$host\""
	n=$((n + 1))
done < <(desk_list)
((n == 2)) || fail "expected 2 desktop windows, found $n: $(desk_list)"
[[ $(desk_prop "$DQ" WM_CLASS) == '"work:vt-pattern", "work:VtPattern"' ]] ||
	fail "work/quad: WM_CLASS is $(desk_prop "$DQ" WM_CLASS), expected the guest's prefixed with work:"
[[ $(desk_prop "$DB" WM_CLASS) == '"untrusted:window", "untrusted:Window"' ]] ||
	fail "untrusted/blank sent no WM_CLASS: expected \"untrusted:window\", \"untrusted:Window\", got $(desk_prop "$DB" WM_CLASS)"
check "WM_CLASS is the guest's class prefixed with the domain, or domain:window/domain:Window when it sent none"

# ---- covered by another domain's window, it is shot alone, as before: drawn
# from its own pixels and the daemon's frame, not read from where the desktop
# shows the cover (sway: a floating dialog under a tiled window in X's order
# was shot as the tiled window's pixels, new-user trial 3)
rogue rogue create 8 150 150 200 100
rogue rogue title 8 "$(hex cover)"
rogue rogue map 8
wait_desk_id DCV untrusted cover
cs=$(wait_desk_frame cover "$DCV" red "untrusted/cover over work/quad")
! "$VT_BIN/tests/pngcmp" "$T/daemon-quad.png" "$cs" --tolerance 0 --clip "0,0,$((200 + 2 * B)),$((150 + 2 * B))" \
	--at "$((100 - B)),$((120 - B))" >/dev/null 2>&1 || fail "the cover is not over work/quad on the desktop"
ctl screenshot "$T/daemon-quad-covered.png" --window work "${PAT_ID[quad]}" >/dev/null
"$VT_BIN/tests/pngcmp" "$T/daemon-quad.png" "$T/daemon-quad-covered.png" --tolerance 0 ||
	fail "vitrinectl screenshot --window work/quad under untrusted's window differs from it uncovered (shot: $T/daemon-quad-covered.png)"
rogue rogue unmap 8
check "vitrinectl screenshot --window of work/quad under untrusted's window: the same picture as uncovered"

# ---- the blank window gets pixels: shown in place, frame unchanged
rogue rogue buffer 7 200 100 ffff00
rogue rogue damage 7 0 0 200 100
s=$(wait_desk_content "$DB" ffff00 yellow)
desk_check_frame "$s" "$DB" red "untrusted/blank once it sent pixels"
desk_check_frame "$s" "$DQ" blue "work/quad beside it"
desk_content "$s" "$DQ" quad "work/quad beside it"

# ---- a domain whose pixels are copied by the daemon (x11_copy=1, the path of
# buffers that cannot be handed to the desktop X server): same frame, same pixels
start_xvfb DC 1024x768
start_agent copy "$DC"
start_pattern cq "$DC" --pattern quad --geometry 240x160+400+450 --title copied
wait_desk_id DCQ copy copied
s=$(wait_desk_content "$DCQ" quad copied)
desk_content "$s" "$DCQ" quad "copy/copied (x11_copy=1)"
desk_check_frame "$s" "$DCQ" green "copy/copied (x11_copy=1)"
pat cq rect 10 10 50 40 00ffff
s=$(desk_shot copied-after)
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(pix "$s" --rect $((400 + 10)) $((450 + 10)) 50 40) == 00ffff ]]; do
	((SECONDS < deadline)) || fail "copy/copied (x11_copy=1): a rectangle drawn later is not shown"
	sleep 0.1
	s=$(desk_shot copied-after)
done
desk_check_frame "$s" "$DCQ" green "copy/copied (x11_copy=1) after a damage"
check "copy/copied (x11_copy=1): a later damage is shown exactly"
kill_agent copy

# ---- the guest unmaps, remaps, destroys: the desktop window follows
pat quad unmap
wait_desk "$DQ" mapped=0
check "work/quad unmapped in the guest -> its desktop window is unmapped"
pat quad map
wait_desk "$DQ" mapped=1
s=$(wait_desk_content "$DQ" quad remapped)
desk_check_frame "$s" "$DQ" blue "work/quad mapped again"
pat quad destroy
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -n $(desk_line "$DQ") ]]; do
	((SECONDS < deadline)) || fail "desktop window $DQ of the destroyed work/quad is still there"
	sleep 0.05
done
check "work/quad destroyed in the guest -> its desktop window is gone"

# ---- the domain goes away: its windows go with it, the other's stay
stop_pid "${CO_PID[rogue]}" || true
wait_connected untrusted 0
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -n $(desk_line "$DB") ]]; do
	((SECONDS < deadline)) || fail "desktop window $DB stayed after untrusted disconnected"
	sleep 0.05
done
check "untrusted disconnected -> its desktop window is gone"

finish
