#!/bin/bash
# input-layout: the keyboard layout follows the desktop's (issue 11 item 9).
# A real desktop (Xvfb + openbox) runs the x11 backend; each domain has a
# real xterm whose shell writes what is typed into a file (cat, UTF-8). The
# user switches the desktop with setxkbmap (de, then fr, then es) and types
# physical keys there (XTEST by keycode, as a keyboard does): the keys the
# German layout calls z and y give "zy" in the domain, not "yz", and ß, €
# (AltGr+E), é (fr) and ñ (es) arrive too. Domain a's keymap follows the
# desktop's (the daemon sends LAYOUT, its agent runs setxkbmap); domain b
# has no setxkbmap, so its keymap stays US and has none of those characters:
# they still arrive (KEYSYM: its agent picks another key or maps a spare
# keycode). What is typed into one domain changes nothing in the other's
# keymap. With two groups (us,de), the group the user switched to on the
# desktop is the one a's domain types in.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain a,label=blue --domain b,label=red
start_xvfb DA
start_xvfb DB
start_agent a "$DA"
# b's agent finds no setxkbmap: its domain keeps the US keymap
mkdir -p "$T/nobin"
bg "agent b" "$T/agent-b.log" env DISPLAY="$DB" PATH="$T/nobin" \
	VITRINE_SOCKET="$RUN/domain-b.sock" "$VT_BIN/vitrine-agent"
VT_AGENT[b]=$VT_LAST_PID
wait_connected b 1
for d in a b; do
	disp=$DA pos=+40+40
	[[ $d == b ]] && disp=$DB pos=+500+300
	bg "xterm-$d" "$T/xterm-$d.log" env -C "$T" LC_ALL=C.UTF-8 DISPLAY="$disp" \
		xterm -u8 -geometry "40x4$pos" -title "vt-layout-$d" -e sh -c "cat > typed-$d"
done
dia='' dib=''
wait_desk_id dia a vt-layout-a
wait_desk_id dib b vt-layout-b
ida=$(win_field a vt-layout-a id)
idb=$(win_field b vt-layout-b id)
say "desktop windows: a $dia, b $dib"

# layout_of DISPLAY: the layout an X server's XKB rule names say.
layout_of() { setxkbmap -display "$1" -query | awk '$1 == "layout:" {print $2}'; }

# a_follows L: a's X server has layout L (its agent ran setxkbmap).
a_follows() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(layout_of "$DA") == "$1" ]]; do
		((SECONDS < deadline)) || fail "a's X server still has layout '$(layout_of "$DA")', not the desktop's $1: $(tail -n 3 "$T/agent-a.log")"
		sleep 0.05
	done
	check "a's domain follows the desktop: its layout is $1 too"
}

# expect_typed DOMAIN TEXT WHAT: DOMAIN's cat wrote exactly TEXT (lines).
expect_typed() {
	local deadline=$((SECONDS + VT_TIMEOUT)) f=$T/typed-$1
	until [[ $(cat "$f" 2>/dev/null) == "$2" ]]; do
		((SECONDS < deadline)) || fail "$3: $1's xterm got '$(cat "$f" 2>/dev/null)', expected '$2'"
		sleep 0.05
	done
	check "$3: $1's xterm got '$(tail -n 1 "$f")'"
}

# keys KEY...: physical keys on the desktop, as a keyboard sends them (XTEST
# by keycode: N taps key N, +N presses it, -N releases it). Not xdotool: it
# puts the desktop back in the first group while it types.
keys() {
	desk "$PYTHON" -c '
import ctypes, sys
x, xt = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXtst.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
d = ctypes.c_void_p(x.XOpenDisplay(None))
for k in sys.argv[1:]:
    for down in ((True, False) if k[0] not in "+-" else (k[0] == "+",)):
        xt.XTestFakeKeyEvent(d, abs(int(k)), down, 0)
x.XSync(d, 0)' "$@" || fail "cannot send keys $* on the desktop"
}

# Physical keys by keycode (evdev): AD06 29 and AB01 52 are z and y on a
# German keyboard (y and z on a US one); AE11 20 is ß; AltGr (RALT 108) + E
# (AD03 26) is €; on a French one AE02 11 is é; on a Spanish one AC10 47 is
# ñ; RTRN 36.
type_de() { keys 29 52 20 +108 26 -108 36; }

# The desktop's X server sends the keymap change before the keys typed
# after it, so the daemon has the new layout for them: no wait. b's domain
# first (its keymap never changes under the keys).
desk setxkbmap de
desk_choose "$dib" b "$idb"
type_de
expect_typed b "zyß€" "de layout, keys z y ß AltGr+E typed on the desktop, b's domain US"
[[ $(layout_of "$DB") == us ]] || fail "b's layout is '$(layout_of "$DB")': the spare path was not tested"
check "b's X server kept the US layout"
a_follows de
kb_b=$(DISPLAY=$DB xmodmap -pke)
desk_choose "$dia" a "$ida"
type_de
expect_typed a "zyß€" "de layout, a's domain de"
[[ $(DISPLAY=$DB xmodmap -pke) == "$kb_b" ]] || fail "b's keymap changed while the user typed into a"
check "b's keymap did not change while the user typed into a"

desk setxkbmap fr
kb_b=$(DISPLAY=$DB xmodmap -pke)
a_follows fr
keys 11 36
expect_typed a "zyß€
é" "fr layout, key AE02"
[[ $(DISPLAY=$DB xmodmap -pke) == "$kb_b" ]] || fail "b's keymap changed while the user typed é into a"
desk_choose "$dib" b "$idb"
keys 11 36
expect_typed b "zyß€
é" "fr layout, b's domain US"

desk setxkbmap es
keys 47 36
expect_typed b "zyß€
é
ñ" "es layout, key AC10"
a_follows es

# Two groups, us and de: b types in us; the user switches the desktop to de
# as a layout indicator does (XkbLockGroup: no key that a domain sees);
# a, focused afterwards, types in German.
desk setxkbmap -layout us,de
a_follows us,de
keys 29 52 36
expect_typed b "zyß€
é
ñ
yz" "us,de layouts, group us"
desk "$PYTHON" -c '
import ctypes
x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
d = ctypes.c_void_p(x.XOpenDisplay(None))
x.XkbUseExtension(d, None, None)
x.XkbLockGroup(d, 0x100, 1)  # XkbUseCoreKbd, the second group
x.XSync(d, 0)' || fail "cannot lock the desktop's group"
desk_choose "$dia" a "$ida"
keys 29 52 36
expect_typed a "zyß€
é
zy" "us,de layouts, switched to de on the desktop"
g=$(DISPLAY=$DA "$PYTHON" -c '
import ctypes
x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
d = ctypes.c_void_p(x.XOpenDisplay(None))
x.XkbUseExtension(d, None, None)
st = ctypes.create_string_buffer(32)
x.XkbGetState(d, 0x100, st)
print(st.raw[0])')
[[ $g == 1 ]] || fail "a's X server is in group $g, not the desktop's 1 (de)"
check "a's X server is in the desktop's group too: German keys keep their keycodes"

finish
