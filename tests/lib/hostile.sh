# shellcheck shell=bash
#
# tests/lib/hostile.sh: hostile domains, for tests/integ/attack-*.sh and
# faults.sh: tests/clients/vt-hostile.py on one domain's socket, one-shot
# (hostile_once, expect_cut_off) or held (hostile_start, hostile), a real
# agent on another's, and the checks that every attack (docs/attacks.md)
# makes: the attacker is cut off with one log line (violation_count,
# next_violation) or its request is clamped, the other domain still draws
# inside an exact frame and still gets the user's keys (other_ok), and the
# daemon is alive (daemon_ok).

VT_NHOSTILE=0
VT_NOTHER=0

# hostile_once DOMAIN ARGS...: run a one-shot vt-hostile case on DOMAIN's
# socket; sets HOSTILE_OUT to its output, on one line. VT_NHOSTILE counts the
# runs: run N writes the daemon's messages to $T/hostile-N.log and the bytes
# it sent to $T/hostile-N.bin (fuzzer input form).
hostile_once() {
	hostile_compile
	local dom=$1 out
	shift
	VT_NHOSTILE=$((VT_NHOSTILE + 1))
	out=$T/hostile-$VT_NHOSTILE.out
	VT_HOSTILE_TIMEOUT=${VT_HOSTILE_TIMEOUT:-$VT_TIMEOUT} timeout 120 \
		"$PYTHON" -S "$VT_HOSTILE_PY" --dump "$T/hostile-$VT_NHOSTILE.bin" \
		"$RUN/domain-$dom.sock" "$@" >"$out" 2>"$T/hostile-$VT_NHOSTILE.log" || true
	local lines=()
	mapfile -t lines <"$out"
	HOSTILE_OUT="${lines[*]} "
	((${#lines[@]})) || HOSTILE_OUT=
}

# hostile_compile: vt-hostile.py compiled once for this test, into
# VT_HOSTILE_PY (Python compiles a script it is given at every start: 40 ms
# of CPU each time; the compiled file runs the same code). The clients import
# only the standard library: python -S skips site's imports (the .pth files
# of the installed packages), a tenth of a second of CPU per start here.
VT_HOSTILE_PY=
hostile_compile() {
	[[ -z $VT_HOSTILE_PY ]] || return 0
	"$PYTHON" -S -c 'import py_compile, sys
py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)' \
		"$VT_CLIENTS/vt-hostile.py" "$T/.vt-hostile.pyc" || fail "cannot compile vt-hostile.py"
	VT_HOSTILE_PY=$T/.vt-hostile.pyc
}

# violation_count DOMAIN: violation lines the daemon logged for DOMAIN.
# violation_count_to VAR DOMAIN: the same into VAR.
violation_count() {
	count_log "$VT_DAEMON_LOG" "^vitrine-daemon: domain $1: violation: .*; disconnected\$"
}
violation_count_to() {
	count_to "$1" "$VT_DAEMON_LOG" "^vitrine-daemon: domain $2: violation: .*; disconnected\$"
}

# next_violation DOMAIN BEFORE: waits for DOMAIN's violation line number
# BEFORE+1 (the log can only be polled); prints its reason.
# next_violation_to VAR DOMAIN BEFORE: the same into VAR.
next_violation() {
	local v
	next_violation_to v "$1" "$2"
	printf '%s\n' "$v"
}
next_violation_to() {
	local re="^vitrine-daemon: domain $2: violation: (.*); disconnected\$" deadline=$((SECONDS + VT_TIMEOUT)) line n
	while :; do
		violation_count_to n "$2"
		((n > $3)) && break
		((SECONDS < deadline)) || fail "no new violation line for domain $2 in $VT_DAEMON_LOG"
		sleep 0.05
	done
	n=0
	while IFS= read -r line; do
		[[ $line =~ $re ]] || continue
		n=$((n + 1))
		((n == $3 + 1)) || continue
		printf -v "$1" '%s' "${BASH_REMATCH[1]}"
		return 0
	done <"$VT_DAEMON_LOG"
	fail "violation line $(($3 + 1)) of domain $2 not in the documented form"
}

# daemon_ok WHAT: the daemon runs and its control socket answers.
daemon_ok() {
	local _
	alive "$VT_DAEMON_PID" || fail "$1: vitrine-daemon is not running any more"
	ctl_to _ --timeout 5 domains
}

# expect_cut_off DOMAIN REGEX ARGS...: the one-shot vt-hostile case ARGS on
# DOMAIN makes the daemon close the connection and log exactly one violation
# line, in the documented form, whose reason matches REGEX (extended);
# DOMAIN is then disconnected with no windows, and the daemon answers.
expect_cut_off() {
	local dom=$1 re=$2 before why n w
	shift 2
	violation_count_to before "$dom"
	hostile_once "$dom" "$@"
	[[ $HOSTILE_OUT == *closed* ]] ||
		fail "$*: the daemon did not close $dom's connection: '$HOSTILE_OUT' (log $T/hostile-$VT_NHOSTILE.log)"
	next_violation_to why "$dom" "$before"
	[[ $why =~ $re ]] || fail "$*: violation '$why' does not match /$re/"
	wait_connected "$dom" 0
	violation_count_to n "$dom"
	((n == before + 1)) || fail "$*: $((n - before)) violation lines for one cut-off"
	domain_field_to w "$dom" windows
	[[ $w == 0 ]] || fail "$*: $dom still has windows after its cut-off"
	daemon_ok "$*"
	check "$*: $dom cut off, one log line: violation: $why"
}

# expect_refusals_cut_off LINE_RE WHAT DOMAIN VIOLATION_RE ARGS...:
# expect_cut_off for a flood of refused requests (ratelog.c): before the
# cut-off the daemon logs 1 to 5 lines matching LINE_RE (rate-limited) for
# WHAT; their number in VT_REFUSAL_LINES.
expect_refusals_cut_off() {
	local re=$1 what=$2 before n
	shift 2
	before=$(count_log "$VT_DAEMON_LOG" "$re")
	expect_cut_off "$@"
	n=$(($(count_log "$VT_DAEMON_LOG" "$re") - before))
	((n >= 1 && n <= 5)) || fail "$n log lines for $what (expected 1 to 5: rate-limited)"
	# shellcheck disable=SC2034 # read by the tests
	VT_REFUSAL_LINES=$n
}

# title_middle DWK: the middle of the window manager's title bar above
# desktop window DWK (its frame, openbox's), in cx and cy (and the window's
# wx, wy, ww, its frame's fy); fails if it has none.
title_middle() {
	local frame
	frame=$(desk_field "$1" top)
	fy=$(desk xwininfo -id "$frame" | awk '/Absolute upper-left Y:/ { print $4 }')
	wy=$(desk_field "$1" y)
	wx=$(desk_field "$1" x)
	ww=$(desk_field "$1" w)
	# shellcheck disable=SC2034 # the caller's
	cx=$((wx + ww / 2)) cy=$(((fy + wy) / 2))
	((wy - fy >= 10)) || fail "work's window has no title bar above it: frame at y=$fy, window at y=$wy"
}

# under_pointer: the desktop window under the pointer (its client window)
under_pointer() { desk xdotool getmouselocation --shell | sed -n 's/^WINDOW=//p'; }

# click_when_new BASE: the user clicks (button 1) where the pointer is as
# soon as the desktop shows another window than BASE (under_pointer) there,
# faster than a person (the click guard's case), or after 4 s; when it saw
# one, the time of the click ($EPOCHREALTIME's microseconds) in $T/clicked.
click_when_new() {
	local end=$((SECONDS + 4))
	rm -f "$T/clicked"
	while [[ $(under_pointer) == "$1" ]] && ((SECONDS < end)); do
		sleep 0.02
	done
	[[ $(under_pointer) == "$1" ]] || echo "${EPOCHREALTIME/./}" >"$T/clicked"
	desk xdotool click 1
}

# desk_work_and_hostile GEOMETRY: a 1024x768 desktop (DESK) under openbox
# with its click-to-focus binding, the x11 daemon with domains work (blue)
# and untrusted (red, no tint); work's cat terminal at GEOMETRY on DW (its
# desktop window DWK) and a holding hostile "window" case hw in untrusted
# (DH), both shown long enough to be what a click aims at.
desk_work_and_hostile() {
	start_xvfb DESK 1024x768
	start_openbox "$DESK" click
	start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red,tint=none
	start_xvfb DW 1024x768
	start_agent work "$DW"
	cat_term work "$DW" "$1"
	wait_desk_id DWK work work
	hostile_start hw untrusted window
	wait_desk_id DH untrusted hostile
	sleep 0.6 # both windows older than the click guard's 0.5 s (clickguard.h)
}

# hostile_start NAME DOMAIN ARGS...: a holding vt-hostile case as coprocess
# NAME on DOMAIN's socket (the daemon's messages in $T/NAME.log); returns
# once it printed `ready`, with what it printed before in HOSTILE_SAID.
hostile_start() {
	local name=$1 dom=$2 l
	shift 2
	hostile_compile
	start_co "$name" "$T/$name.log" "$PYTHON" -S "$VT_HOSTILE_PY" \
		"$RUN/domain-$dom.sock" "$@"
	HOSTILE_SAID=
	while :; do
		co_read "$name" l $((VT_TIMEOUT * 2))
		HOSTILE_SAID+="$l;"
		case $l in
		ready) break ;;
		welcome | "first closed" | "second closed" | "second open") ;;
		*) fail "vt-hostile $name ($*) said '$l' (log $T/$name.log)" ;;
		esac
	done
	say "vt-hostile $name on $dom: $* (log $T/$name.log)"
}

# hostile NAME COMMAND: one command to vt-hostile NAME; expects `sent`.
hostile() {
	local l
	co_send "$1" "$2"
	co_read "$1" l
	[[ $l == sent* ]] || fail "vt-hostile $1: '$2' answered '$l'"
}

# hostile_ask NAME COMMAND: one command; prints the answer.
hostile_ask() {
	local l
	co_send "$1" "$2"
	co_read "$1" l
	printf '%s\n' "$l"
}

# hostile_stop NAME: end vt-hostile NAME (stdin EOF closes its connection).
# (Not co_close: its `exec ... 2>/dev/null` sends the test's stderr, and so
# every later FAIL message, to /dev/null.)
hostile_stop() {
	local pid=${CO_PID[$1]} wfd=${CO_IN[$1]} rfd=${CO_OUT[$1]} i
	exec {wfd}>&- {rfd}<&-
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || break
		sleep 0.05
	done
	stop_pid "$pid" || true
}

# hostile_got NAME REGEX: the lines of the daemon's messages to vt-hostile
# NAME that match REGEX (extended).
hostile_got() { grep -E -- "$2" "$T/$1.log" || true; }

# other_ok DOMAIN PAT WHAT: DOMAIN (a real agent with vt-pattern PAT, and
# vt-keylog DOMAIN on its X server) is unaffected: a new colour reaches the
# screen (wait-damage, then the pixels) inside an exact frame of its label
# colour, and a key the user taps once PAT's window is focused reaches its
# X server. Leaves PAT's window focused.
other_ok() {
	local dom=$1 name=$2 what=$3 id=${PAT_ID[$2]} c d s t0=$SECONDS
	local colours=(ff0000 0000ff ffff00 ff00ff 00ffff 808080 ffffff 123456 00ff00)
	c=${colours[VT_NOTHER % ${#colours[@]}]}
	VT_NOTHER=$((VT_NOTHER + 1))
	local label _
	win_field_id_to d "$dom" "$id" damage
	pat "$name" color "$c"
	wait_damage "$dom" "$id" $((d + 1))
	wait_content_to s "$dom" "$id" "$c" "other-$VT_NOTHER"
	domain_field_to label "$dom" label
	check_frame_id "$dom" "$id" "$label" "$s" >/dev/null
	ctl_to _ focus "$dom" "$id"
	keylog_mark_to _ "$dom" Shift_R
	check "$what: $dom still draws (#$c, frame exact) and gets the user's keys ($((SECONDS - t0)) s)"
}
