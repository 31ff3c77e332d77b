# shellcheck shell=sh
# shellcheck disable=SC2154 # dev, seat and the geometry are run's
# tools/drm/vt-checks.sh, sourced by tools/drm/run: VT switching and giving
# the console back, in the VM, after ui-checks.sh (work has the focus).
# The daemon holds VT 1; tools/drm/init wrote a line on VT 2's text console.
# bochs runs in direct mode (drm-vt.c: no libseat backend), virtio-gpu with
# libseat's built-in seat; Ctrl+Alt+Fn is the router's hotkey in both.
#   - Ctrl+Alt+F2 (QEMU's sendkey on the virtio keyboard): the kernel shows
#     VT 2, whose text console is what is scanned out (no bar, no scene);
#     keys typed there reach no domain;
#   - Ctrl+Alt+F1, which VT 2's kernel keyboard handles: vitrine's frame
#     again (mode set, fully repainted), and keys reach work again;
#   - the daemon killed with SIGKILL: the console is the kernel's again (its
#     keyboard too: Ctrl+Alt+F2 switches VTs), whatever was holding it.

vt_is() { # vt_is N: the machine says VT N is the active one
	_n=$(count '^\[vm\] active VT ')
	vm_cmd vt
	wait_line '^\[vm\] active VT ' 20 $((_n + 1)) &&
		[ "$(tr -d '\r' <"$W/console.log" | grep '^\[vm\] active VT ' | tail -n 1)" = "[vm] active VT tty$1" ]
}

# switch_vt FN LINE N VT COLOUR SAID SHOWN: Ctrl+Alt+FN; the daemon logs LINE
# (seen N times before), the kernel shows VT, the bar's pixel is COLOUR; the
# scan-out is left in $N.png
switch_vt() {
	mon "sendkey ctrl-alt-$1" >/dev/null
	if wait_line "^\[daemon\] vitrine-daemon: $2" 30 $(($3 + 1)); then
		ok "$dev ($seat): Ctrl+Alt+$1: $6"
	else
		bad "$dev ($seat): Ctrl+Alt+$1: the daemon never said '$2'"
	fi
	if vt_is "$4"; then ok "$dev ($seat): the kernel shows VT $4"; else bad "$dev ($seat): VT $4 is not the active one"; fi
	N=drm-$dev-vt$4
	if wait_px "$N" 1200 10 "$5"; then
		ok "$dev ($seat): $7"
	else
		bad "$dev ($seat): on VT $4 the bar's pixel is not $5 ($OUT/$N.png)"
	fi
}

vt_checks() {
	case $seat in
	direct) away='drm: leaving VT 1' back='drm: back on VT 1' ;;
	*) away='drm: the seat went away' back='drm: the seat is back' ;;
	esac
	# work focused (a click on its content), as the bar shows before the switch
	qmp "abs:$((wx + ww / 2)):$((wy + wh / 2))" btn:left:down btn:left:up
	wait_px "drm-$dev-vt1-before" 1200 10 3465a4 >/dev/null || true
	n_away=$(count "^\[daemon\] vitrine-daemon: $away")
	n_back=$(count "^\[daemon\] vitrine-daemon: $back")
	switch_vt f2 "$away" "$n_away" 2 000000 "the daemon gave the screen and the input back" \
		"VT 2's text console is scanned out (black where the bar was)"
	px_is "$N" 640 400 000000 "$dev ($seat): no scene on VT 2"
	k=$(count '^\[w[a-z]*\] key ')
	mon "sendkey d" >/dev/null # typed on VT 2: no domain's
	switch_vt f1 "$back" "$n_back" 1 3465a4 "the daemon has the screen again" \
		"vitrine's frame again: the bar names work, in blue"
	px_is "$N" 1268 11 49668c "$dev ($seat): work's tray icon drawn again after the return to VT 1"
	# (away from the pointer, at the centre: its shape is drawn there on bochs)
	px_is "$N" $((wx + ww / 4)) $((wy + wh / 4)) 60c060 "$dev ($seat): work's window repainted after the return"
	mon "sendkey e" >/dev/null
	# with no modifier: Ctrl and Alt of the switch were let go, not stuck
	if wait_line '^\[work\] key 26 0$' 20; then ok "$dev ($seat): key e reaches work's client after the return, with no modifier held"; else bad "$dev ($seat): key e did not reach work's client (alone) after the return: $(tr -d '\r' <"$W/console.log" | grep -E '^\[work\] key' | tail -n 3 | tr '\n' ' ')"; fi
	if [ "$(count '^\[w[a-z]*\] key 40 ')" = 0 ] && [ "$(count '^\[w[a-z]*\] key ')" = $((k + 1)) ]; then
		ok "$dev ($seat): the key typed on VT 2 reached no domain (nor did Ctrl, Alt, F1 of the return)"
	else
		bad "$dev ($seat): keys of VT 2 reached a domain: $(tr -d '\r' <"$W/console.log" | grep -E '^\[w[a-z]*\] key' | tail -n 6 | tr '\n' ' ')"
	fi
	# whatever way the daemon ends: here SIGKILL, nothing of its own runs
	vm_cmd kill-daemon
	if ! wait_line '^\[vm\] daemon killed' 20; then
		vm_cmd kill-daemon # once more: the serial line may have lost it
		wait_line '^\[vm\] daemon killed' 20 || bad "$dev ($seat): the machine did not kill the daemon"
	fi
	N=drm-$dev-killed
	if wait_px "$N" 1200 10 000000; then
		ok "$dev ($seat): the daemon killed: its frame is no longer scanned out"
	else
		bad "$dev ($seat): the daemon killed, its frame is still scanned out ($OUT/$N.png)"
	fi
	mon "sendkey ctrl-alt-f2" >/dev/null
	if vt_is 2; then
		ok "$dev ($seat): after the kill, Ctrl+Alt+F2 switches VTs: the console's keyboard is the kernel's again"
	else
		bad "$dev ($seat): after the kill, Ctrl+Alt+F2 did not switch VTs (the console is left unusable)"
	fi
	wait_px "drm-$dev-killed-vt2" 640 400 000000 >/dev/null || true
}
