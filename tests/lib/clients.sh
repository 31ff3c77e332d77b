# shellcheck shell=bash
#
# tests/lib/clients.sh: the test clients in a domain: vt-pattern (start_pattern,
# pat), vt-rogue (start_rogue, rogue), vt-keylog and vt-input (what a
# domain's X server received: keylog, keylog_mark, start_input).

declare -A PAT_ID # vt-pattern or vt-input name -> X window id (decimal)

# it printed its window id (mapped and drawn), stored in PAT_ID[NAME].
start_pattern() {
	local name=$1 disp=$2 line
	shift 2
	start_co "$name" "$T/$name.log" env DISPLAY="$disp" "$VT_BIN/tests/vt-pattern" "$@"
	co_read "$name" line
	[[ $line =~ ^window\ ([0-9]+)$ ]] || fail "vt-pattern $name said '$line', not 'window ID'"
	PAT_ID[$name]=${BASH_REMATCH[1]}
	say "vt-pattern $name ($*) on $disp: window ${PAT_ID[$name]}"
}

# pat NAME COMMAND...: send a command to vt-pattern NAME and expect ok.
pat() {
	local name=$1 line
	shift
	co_send "$name" "$*"
	co_read "$name" line
	[[ $line == ok ]] || fail "vt-pattern $name: '$*' answered '$line'"
}

# domain must have no agent); returns after the handshake. rogue NAME CMD:
# send it one command and expect `sent`.
start_rogue() {
	local line
	start_co "$1" "$T/$1.log" "$PYTHON" "$VT_CLIENTS/vt-rogue.py" "$RUN/domain-$2.sock"
	co_read "$1" line
	[[ $line == welcome ]] || fail "vt-rogue $1 on $2 said '$line', not 'welcome'"
	wait_connected "$2" 1
	say "vt-rogue $1 connected as domain $2 (log $T/$1.log)"
}
rogue() {
	local name=$1 line
	shift
	co_send "$name" "$*"
	co_read "$name" line
	[[ $line == sent ]] || fail "vt-rogue $name: '$*' answered '$line'"
}

# hex TEXT: TEXT's bytes in hex (for `rogue NAME title ID HEX`).
hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

# ---------------------------------------------------------------- input
#
# What a domain's X server received, seen from inside it: tests/vt-keylog
# logs every key, button and motion that its input devices produced (XInput2
# raw events on the root, whatever the focus), tests/vt-input logs what one
# window got, window-relative. A domain's agent handles the daemon's messages
# in order and its X server handles the agent's requests in order, so a
# marker event seen in a log proves that everything sent to that domain
# before the marker is in the log above it.

# start_keylog NAME DISPLAY: vt-keylog on DISPLAY into $T/keylog-NAME.txt;
# returns once its selection is in place.
start_keylog() {
	local name=$1 f=$T/keylog-$1.txt deadline=$((SECONDS + VT_TIMEOUT))
	bg "keylog $name" "$f" env DISPLAY="$2" "$VT_BIN/tests/vt-keylog"
	until grep -qx ready "$f" 2>/dev/null; do
		alive "$VT_LAST_PID" || fail "vt-keylog on $2 exited: $(cat "$f")"
		((SECONDS < deadline)) || fail "vt-keylog on $2 is not ready after ${VT_TIMEOUT}s"
		sleep 0.05
	done
	say "vt-keylog $name on $2 (log $f)"
}

# keylog NAME: its lines so far (without `ready`).
keylog() { grep -vx ready "$T/keylog-$1.txt" || true; }
# keylog_keys NAME: only the `key press|release N` lines.
keylog_keys() { keylog "$1" | grep '^key ' || true; }

# release is the next line.
keylog_mark() {
	local name=$1 sym=$2 kc before n
	kc=$(keycode_of "$sym")
	before=$(grep -Exc "key release $kc" "$T/keylog-$name.txt" || true)
	ctl key "$sym" tap >/dev/null
	wait_lines "$T/keylog-$name.txt" "key release $kc" $((before + 1)) "marker $sym in domain $name"
	n=$(keylog "$name" | grep -nx "key release $kc" | sed -n "$((before + 1))p" | cut -d: -f1)
	[[ $(keylog "$name" | sed -n "$((n - 1))p") == "key press $kc" ]] ||
		fail "marker $sym in domain $name: its release is not right after its press: $(keylog "$name" | tail -n 5 | tr '\n' ',')"
	echo $((n - 1))
}

# keylog_range NAME FROM TO: lines FROM..TO (1-based, inclusive; empty when
# TO < FROM) of NAME's key log.
keylog_range() {
	(($3 >= $2)) || return 0
	keylog "$1" | sed -n "$2,$3p"
}

# keys_in NAME FROM TO: the `key ...` lines of keylog_range NAME FROM TO.
keys_in() { keylog_range "$1" "$2" "$3" | grep '^key ' || true; }

# keycode_of KEYSYM: its keycode in the domains' (and the daemon's default)
# us keymap, from xkbcommon's evdev keycodes as Xvfb uses them.
keycode_of() {
	case $1 in
	Shift_L) echo 50 ;; Shift_R) echo 62 ;; Control_L) echo 37 ;; Control_R) echo 105 ;;
	Alt_L) echo 64 ;; Super_L) echo 133 ;; Escape) echo 9 ;; Tab) echo 23 ;; Return) echo 36 ;;
	a) echo 38 ;; c) echo 54 ;; v) echo 55 ;; x) echo 53 ;;
	*) fail "keycode_of: $1 is not in the table" ;;
	esac
}

# start_input NAME DISPLAY ARGS...: tests/vt-input logging into
# $T/input-NAME.txt; returns once it printed its window id, in PAT_ID[NAME].
# Its commands (move X Y, take-focus, sync) go through `pat NAME ...`.
start_input() {
	local name=$1 disp=$2 line
	shift 2
	: >"$T/input-$name.txt"
	start_co "$name" "$T/$name.log" env DISPLAY="$disp" "$VT_BIN/tests/vt-input" \
		--log "$T/input-$name.txt" "$@"
	co_read "$name" line
	[[ $line =~ ^window\ ([0-9]+)$ ]] || fail "vt-input $name said '$line', not 'window ID'"
	PAT_ID[$name]=${BASH_REMATCH[1]}
	say "vt-input $name ($*) on $disp: window ${PAT_ID[$name]}"
}

# input_log NAME: what vt-input NAME logged so far.
input_log() { cat "$T/input-$1.txt"; }
# input_since NAME LINE: what it logged after line LINE.
input_since() { tail -n +$(($2 + 1)) "$T/input-$1.txt"; }

# start_gtk NAME DISPLAY TITLE [TYPE [WxH]]: tests/clients/vt-gtk.py (GTK 3, the
# system's python3 with its gi) on DISPLAY; returns once its window is mapped,
# with its X id in GTK_ID[NAME]. gtk NAME CMD: one command, its answer in
# GTK_REPLY.
# shellcheck disable=SC2034 # read by the tests
declare -A GTK_ID=()
# shellcheck disable=SC2034 # read by the tests
GTK_REPLY=
start_gtk() {
	local line
	start_co "$1" "$T/$1.log" env DISPLAY="$2" GDK_BACKEND=x11 NO_AT_BRIDGE=1 /usr/bin/python3 \
		"$VT_CLIENTS/vt-gtk.py" "${@:3}"
	co_read "$1" line
	[[ $line == "ready "* ]] || fail "vt-gtk $1 said '$line', not 'ready XID'"
	# shellcheck disable=SC2034 # read by the tests
	GTK_ID[$1]=${line#ready }
}
gtk() {
	co_send "$1" "$2"
	co_read "$1" GTK_REPLY
}
