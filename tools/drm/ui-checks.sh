# shellcheck shell=sh
# shellcheck disable=SC2154 # dev and the geometry are run's
# tools/drm/ui-checks.sh, sourced by tools/drm/run: the daemon's trusted user
# interface in the VM (grab.c, switcher.c, drm-ui.c), driven through QMP's
# input-send-event (the virtio keyboard, and a virtio tablet bound to the
# display "gpu": exact pointer positions) and the machine's second serial
# port (tools/drm/init's ui_command), checked by screendump. Uses run's
# helpers (mon, shot, pix, check_px, ok, bad, say, count, wait_line) and
# variables (W, OUT, dev, and the windows' geometry wx wy ww wh, bx by bw bh).

qmp() { tools/drm/monitor.py --qmp "$W/qmp.sock" 1280x800 "$@"; }
vm_cmd() { tools/drm/monitor.py --line "$W/cmd.sock" "$1"; }
# wait_px NAME X Y RRGGBB [TRIES]: screendumps (as tests/out/NAME.png) until
# that pixel is RRGGBB, at most TRIES (20)
wait_px() {
	_i=0
	while shot "$1"; do
		[ "$(pix "$OUT/$1.png" "$2" "$3")" = "$4" ] && return 0
		_i=$((_i + 1))
		[ $_i -ge "${5:-20}" ] && return 1
		sleep 0.5
	done
}
# px_is NAME X Y RRGGBB WHAT: the pixel of the last shot NAME, checked
px_is() { check_px "$OUT/$1.png" "$2" "$3" "$4" "$5"; }

# Super+left drag on work's content moves it by as much; work's client
# sees no button of it. (work has the focus: run's checks end with it.)
ui_super_drag() {
	n_btn=$(count '^\[work\] button ')
	k=$(count '^\[work\] key 133 ')
	qmp key:meta_l:down
	if ! wait_line '^\[work\] key 133 ' 20 $((k + 1)); then
		bad "$dev: Super (from the virtio keyboard) did not reach work's client"
	fi
	qmp "abs:$((wx + 100)):$((wy + 100))" btn:left:down "abs:$((wx + 150)):$((wy + 130))" \
		"abs:$((wx + 200)):$((wy + 160))" btn:left:up
	qmp key:meta_l:up
	N=drm-$dev-super-drag
	if wait_px "$N" $((wx + 100 + ww - 5)) $((wy + 60 + wh - 5)) 60c060; then
		ok "$dev: Super+drag moved work's window by +100+60 (its client's pixels at the new corner)"
	else
		bad "$dev: Super+drag did not move work's window by +100+60 ($OUT/$N.png)"
	fi
	px_is "$N" $((wx + 5)) $((wy + 5)) 2e3436 "$dev: the background where work's window was"
	wx=$((wx + 100)) wy=$((wy + 60))
	if [ "$(count '^\[work\] button ')" = "$n_btn" ]; then
		ok "$dev: work's client got no button of the Super+drag"
	else
		bad "$dev: work's client got a button of the Super+drag"
	fi
}

# A drag of web's title bar moves it; dragged above the top, it stops right
# below the trusted bar.
ui_title_drag() {
	qmp "abs:$((bx + 60)):$((by - 10))" btn:left:down "abs:$((bx - 90)):$((by - 60))" \
		"abs:$((bx - 240)):$((by - 110))" btn:left:up
	N=drm-$dev-title-drag
	# (the new top-left corner: outside the old place, so a frame from
	# before the drag cannot pass for one after it)
	if wait_px "$N" $((bx - 300 + 10)) $((by - 100 + 10)) e8e8e8; then
		ok "$dev: a drag of web's title bar moved it by -300-100"
	else
		bad "$dev: a drag of web's title bar did not move it by -300-100 ($OUT/$N.png)"
	fi
	px_is "$N" $((bx + bw - 5)) $((by + bh - 5)) 2e3436 "$dev: the background where web's window was"
	bx=$((bx - 300)) by=$((by - 100))
	# to the top of the screen: the frame's top row stays at the bar's edge
	qmp "abs:$((bx + 60)):$((by - 10))" btn:left:down "abs:$((bx + 60)):200" \
		"abs:$((bx + 60)):0" btn:left:up
	N=drm-$dev-title-top
	by=$((22 + 3 + 20))
	if wait_px "$N" $((bx + bw / 2)) "$by" e8e8e8; then
		ok "$dev: web dragged above the screen's top: its content starts at y=$by"
	else
		bad "$dev: web dragged above the screen's top: no content at y=$by ($OUT/$N.png)"
	fi
	px_is "$N" $((bx + bw - 40)) $((by - 10)) cc0000 "$dev: web's title bar right below the trusted bar"
	px_is "$N" $((bx + bw - 40)) $((by - 22)) cc0000 "$dev: web's frame's top row at y=22"
}

# Alt+Tab from web (focused, on top): while Alt is held the overlay lists
# web then work, work marked; Alt's release focuses work.
ui_alt_tab() {
	f=$(count '^\[work\] focus-in')
	qmp key:alt:down key:tab:down key:tab:up
	# deco-switcher.c: 520x90 for two rows, centred in the work area (y 22-800)
	ox=380 oy=$((22 + (778 - 90) / 2))
	N=drm-$dev-alt-tab
	if wait_px "$N" $((ox + 122)) $((oy + 40)) cc0000; then
		ok "$dev: while Alt is held, the overlay's first row names web in red"
	else
		bad "$dev: no Alt+Tab overlay naming web in red ($OUT/$N.png)"
	fi
	px_is "$N" $((ox + 5)) "$oy" ffffff "$dev: the overlay's white border"
	px_is "$N" $((ox + 122)) $((oy + 64)) 3465a4 "$dev: the overlay's second row names work in blue"
	px_is "$N" $((ox + 495)) $((oy + 64)) 555753 "$dev: work's row is the chosen one"
	px_is "$N" $((ox + 495)) $((oy + 40)) 000000 "$dev: web's row is not"
	qmp key:alt:up
	if wait_line '^\[work\] focus-in' 20 $((f + 1)); then ok "$dev: Alt's release focused work"; else bad "$dev: Alt's release did not focus work"; fi
	N=drm-$dev-alt-up
	if wait_px "$N" 1200 10 3465a4; then ok "$dev: the bar names work after Alt's release"; else bad "$dev: the bar does not name work after Alt's release"; fi
	if [ "$(pix "$OUT/$N.png" $((ox + 122)) $((oy + 40)))" != cc0000 ]; then
		ok "$dev: the overlay went with Alt's release"
	else
		bad "$dev: the overlay is still there after Alt's release ($OUT/$N.png)"
	fi
}

# The guest's cursor shape: work's client asks for the cursor font's I-beam
# ("xterm", tools/drm/init); over work's content the daemon shows its own
# I-beam (drm-shapes.c), drawn in the frame (bochs) or on the cursor plane
# (virtio-gpu: QEMU's screendump shows the primary plane only, so there the
# frame must have no cursor drawn and the log says which shape the plane has).
ui_shape() {
	qmp "abs:70:$((wy + wh / 2))" # the background: the arrow
	sleep 1
	n=$(count "^\[daemon\] vitrine-daemon: drm: the pointer's shape is xterm")
	px=$((wx + ww / 2)) py=$((wy + wh / 2))
	qmp "abs:$px:$py"
	if wait_line "^\[daemon\] vitrine-daemon: drm: the pointer's shape is xterm" 30 $((n + 1)); then
		ok "$dev: over work's content the pointer takes the guest's shape, xterm (the daemon's I-beam)"
	else
		bad "$dev: the pointer did not take the guest's xterm shape over work's content"
	fi
	N=drm-$dev-ibeam
	# (said again after each hot-plug)
	if [ "$(count '^\[daemon\] vitrine-daemon: drm: the cursor is on the cursor plane')" -ge 1 ]; then
		shot "$N"
		px_is "$N" $((px - 1)) "$py" 60c060 "$dev: the I-beam is on the cursor plane, not drawn in the frame"
	else
		if wait_px "$N" $((px - 1)) "$py" 000000; then
			ok "$dev: the I-beam's stem is drawn at the pointer (black left edge)"
		else
			bad "$dev: no I-beam drawn at the pointer ($OUT/$N.png)"
		fi
		px_is "$N" "$px" "$py" ffffff "$dev: the I-beam's white core at the hot spot"
		px_is "$N" $((px + 1)) "$py" 000000 "$dev: the I-beam's black right edge"
		px_is "$N" "$px" $((py - 8)) 60c060 "$dev: the I-beam's top bar, open at the stem (no arrow there)"
		px_is "$N" $((px - 2)) $((py - 8)) 000000 "$dev: the I-beam's top bar"
	fi
	n=$(count "^\[daemon\] vitrine-daemon: drm: the pointer's shape is arrow")
	qmp "abs:$((wx - 2)):$py" # work's frame: the daemon's arrow
	if wait_line "^\[daemon\] vitrine-daemon: drm: the pointer's shape is arrow" 30 $((n + 1)); then
		ok "$dev: on work's frame the pointer is the daemon's arrow again"
	else
		bad "$dev: on work's frame the pointer did not become the arrow"
	fi
}

# A popup of web's over the whole screen (shown as a managed window: the 90%
# rule; placed right below the bar, work's window keeping the focus over it)
# never covers the trusted bar: the bar's rows stay work's blue. (Its
# content is whatever its client drew after the daemon resized it.)
ui_popup() {
	vm_cmd popup
	N=drm-$dev-popup
	if wait_px "$N" 1100 35 cc0000 60; then
		ok "$dev: web's popup over the whole screen is shown, with a title bar below the bar"
	else
		bad "$dev: web's popup over the whole screen is not shown ($OUT/$N.png)"
		return 0
	fi
	if [ "$(pix "$OUT/$N.png" 1100 600)" != 2e3436 ]; then
		ok "$dev: the popup covers the screen below"
	else
		bad "$dev: the background shows where the popup should be (1100,600)"
	fi
	_c=0
	for _y in 0 10 21; do
		for _x in 300 640 1000 1279; do
			[ "$(pix "$OUT/$N.png" $_x $_y)" = 3465a4 ] || _c=$((_c + 1))
		done
	done
	if [ $_c = 0 ]; then ok "$dev: the trusted bar's rows stay work's blue over the popup"; else bad "$dev: $_c of 12 points of the bar's rows are not work's blue over the popup ($OUT/$N.png)"; fi
}

# The frame rate the page-flip loop reaches while a client redraws all the
# time (a figure, not a check): the daemon's "frames/s" lines (drm-rate.c).
ui_fps() {
	s=$(count '^\[daemon\].*frames/s')
	vm_cmd draw
	if ! wait_line '^\[vm\] draw done' 120; then
		bad "$dev: the drawing client did not finish"
		return 0
	fi
	sleep 1
	lines=$(tr -d '\r' <"$W/console.log" | grep 'frames/s' | tail -n +$((s + 1)) | sed 's/.*drm: //')
	say "$dev: page flips while a client redraws: $(echo "$lines" | tr '\n' ';')"
	rates=$(echo "$lines" | sed -n 's/.*: \([0-9.]*\) frames\/s/\1/p' | sort -n)
	n=$(echo "$rates" | grep -c . || true)
	median=$(echo "$rates" | sed -n "$(((n + 1) / 2))p")
	best=$(echo "$rates" | tail -n 1)
	echo "check-drm: $dev: while a client redrew for 12 s the page-flip loop reached ${median:-no} frames/s (median of $n spans of 2 s; best ${best:-none})" >>"$W/figures.txt"
}

# Work's tray icon (tools/drm/init: vt-input --dock, an XEmbed client in
# work's X server, the agent its tray) at the bar's right end (tray-area.h):
# a border in work's blue around its ff00ff pixels marked with work's blue
# (icon_mark: 49668c). A click on it through the tablet reaches the tray
# client, not work's window; notify-send in work (its session bus, whose
# notification service the agent is) is drawn on the scan-out in work's
# style, under the daemon's notice's place (y 22 + 36), and taken down by a
# click on it.
ui_tray() {
	N=drm-$dev-tray
	if wait_px "$N" 1268 11 49668c; then
		ok "$dev: work's tray icon in the bar, its pixels marked in work's blue"
	else
		bad "$dev: no tray icon of work's at the bar's right end ($OUT/$N.png)"
	fi
	px_is "$N" 1258 0 3465a4 "$dev: the tray icon's border in work's blue"
	# where the notification comes (left of where the click on it puts the
	# pointer, which bochs draws into the scan-out)
	under=$(pix "$OUT/$N.png" 600 64)
	n=$(count '^\[tray\] button 1 ')
	b=$(count '^\[w[a-z]*\] button ')
	qmp abs:1268:11 btn:left:down btn:left:up
	if wait_line '^\[tray\] button 1 ' 20 $((n + 1)); then
		ok "$dev: a click on the tray icon (QMP tablet) reached work's tray client"
	else
		bad "$dev: a click on the tray icon did not reach work's tray client"
	fi
	if [ "$(count '^\[w[a-z]*\] button ')" = "$b" ]; then ok "$dev: no window got a button of the tray click"; else bad "$dev: a window got a button of the tray click"; fi
	n=$(count '^\[vm\] notify-send: 0')
	k=$(count '^\[daemon\] vitrine-daemon: domain work: notification ')
	vm_cmd notify
	# the screen is looked at as soon as the daemon has it (it is drawn for
	# 10 s; notify-send's own end may come later in a slow machine)
	wait_line '^\[daemon\] vitrine-daemon: domain work: notification ' 30 $((k + 1)) || true
	N=drm-$dev-notify
	if wait_px "$N" 640 59 3465a4 10; then
		ok "$dev: notify-send in work drawn on the scan-out, bordered in work's blue"
	else
		bad "$dev: no notification of work's on the scan-out ($OUT/$N.png)"
	fi
	px_is "$N" 640 64 303030 "$dev: the notification's grey plate (the domain style, not the daemon's black)"
	if ! wait_line '^\[vm\] notify-send: 0' 30 $((n + 1)); then
		bad "$dev: notify-send in work failed: $(tr -d '\r' <"$W/console.log" | grep 'notify-send' | tail -n 1)"
	fi
	sleep 1 # a click within 0.5 s of its showing is the click guard's (test-tray)
	qmp abs:640:64 btn:left:down btn:left:up
	if wait_px "$N-gone" 600 64 "$under"; then ok "$dev: a click on the notification took it down"; else bad "$dev: the notification stayed after a click on it ($OUT/$N-gone.png)"; fi
	if [ "$(count '^\[w[a-z]*\] button ')" = "$b" ]; then ok "$dev: no window got a button of the click on the notification"; else bad "$dev: a window got a button of the click on the notification"; fi
}

ui_checks() {
	ui_super_drag
	ui_title_drag
	ui_alt_tab
	ui_shape
	ui_tray
	ui_popup
	ui_fps
}
