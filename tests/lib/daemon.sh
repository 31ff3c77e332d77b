# shellcheck shell=bash
#
# tests/lib/daemon.sh: the headless daemon and real agents (start_daemon,
# stop_daemon, start_agent, kill_agent, finish), vitrinectl on the test's
# control socket (ctl), and what it says about domains and windows
# (domain_field, win_line, win_field, wait_win, focus and stacking).

CONTROL=$RUN/control.sock
declare -A VT_AGENT # domain -> agent pid

# ctl ARGS...: vitrinectl on this test's control socket; fails the test when
# it does not answer ok. ctl_try: the same, returning its status.
ctl_try() { "$VT_BIN/vitrinectl" --socket "$CONTROL" "$@"; }
ctl() {
	local out rc=0
	out=$("$VT_BIN/vitrinectl" --socket "$CONTROL" "$@" 2>&1) || rc=$?
	if ((rc)); then
		fail "vitrinectl $* failed ($rc): $out"
	fi
	printf '%s\n' "$out"
}

# start_daemon ARGS...: the headless daemon with its runtime dir in the test
# dir, compositing with the renderer VT_RENDERER names (default: the
# daemon's, pixman); returns once the control socket answers `domains`.
start_daemon() {
	bg daemon "$VT_DAEMON_LOG" "$VT_BIN/vitrine-daemon" --backend headless \
		${VT_RENDERER:+--renderer "$VT_RENDERER"} --runtime-dir "$RUN" --verbose "$@"
	VT_DAEMON_PID=$VT_LAST_PID
	local deadline=$((SECONDS + VT_TIMEOUT))
	until ctl_try --timeout 2 domains >/dev/null 2>&1; do
		alive "$VT_DAEMON_PID" || fail "vitrine-daemon exited at start"
		((SECONDS < deadline)) || fail "vitrine-daemon's control socket does not answer"
		sleep 0.05
	done
	say "daemon started: $* (log $VT_DAEMON_LOG)"
}

# stop_daemon: SIGTERM, which the daemon handles with a clean exit (status 0,
# sockets removed). Under ASan this is also where leaks are reported.
stop_daemon() {
	[[ -n $VT_DAEMON_PID ]] || return 0
	local rc=0
	stop_pid "$VT_DAEMON_PID" TERM || rc=$?
	VT_DAEMON_PID=
	((rc == 0)) || fail "vitrine-daemon exited with status $rc on SIGTERM (log $VT_DAEMON_LOG)"
	[[ ! -e $CONTROL ]] || fail "vitrine-daemon left $CONTROL behind"
	check "daemon exited cleanly on SIGTERM and removed its control socket"
}

# domain_field DOMAIN FIELD: a key=value field of `vitrinectl domains`.
domain_field() {
	local line
	line=$(ctl domains | awk -v d="$1" '$1 == d')
	[[ -n $line ]] || fail "domain $1 not in vitrinectl domains"
	field_of "$line" "$2"
}

# wait_connected DOMAIN [0|1]: poll `domains` (no wait command exists).
wait_connected() {
	local want=${2:-1} deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(domain_field "$1" connected) == "$want" ]]; do
		((SECONDS < deadline)) || fail "domain $1 is not connected=$want after ${VT_TIMEOUT}s"
		sleep 0.05
	done
}

# ---------------------------------------------------------------- agents

# start_agent DOMAIN DISPLAY: a real agent for DOMAIN's X server; returns
# once the daemon lists the domain as connected.
start_agent() {
	local dom=$1 disp=$2
	bg "agent $dom" "$T/agent-$dom.log" env DISPLAY="$disp" \
		VITRINE_SOCKET="$RUN/domain-$dom.sock" "$VT_BIN/vitrine-agent"
	VT_AGENT[$dom]=$VT_LAST_PID
	wait_connected "$dom" 1
	say "agent for $dom on $disp connected (log $T/agent-$dom.log)"
}

kill_agent() { # DOMAIN [SIGNAL]
	stop_pid "${VT_AGENT[$1]}" "${2:-TERM}" || true
	unset "VT_AGENT[$1]"
	return 0
}

# cleanly, then report success. Call at the end of every test.
finish() {
	local d
	for d in "${!VT_AGENT[@]}"; do
		kill_agent "$d"
	done
	stop_daemon
	sanitizer_check
	say "PASS"
}

# ---------------------------------------------------------------- windows

# field_of LINE FIELD: FIELD of a `windows` or `domains` line: domain, id,
# title, or any key=value key (looked up before the title only).
field_of() {
	local v
	field_to v "$1" "$2" || return 1
	printf '%s\n' "$v"
}
# field_to VAR LINE FIELD: the same into VAR (empty, status 1, when LINE has
# no such field), without a subshell: the loops over every window of
# `windows` call it for each line, and a fork per line was most of a test's
# time once a domain had 64 windows.
field_to() {
	local _ft_line=$2 _ft_head
	case $3 in
	domain) printf -v "$1" '%s' "${_ft_line%% *}" ;;
	id)
		_ft_head=${_ft_line#* }
		printf -v "$1" '%s' "${_ft_head%% *}"
		;;
	title)
		if [[ $_ft_line != *' title="'* ]]; then
			printf -v "$1" '%s' ''
			return 1
		fi
		_ft_head=${_ft_line#*' title="'}
		printf -v "$1" '%s' "${_ft_head%\"}"
		;;
	*)
		_ft_head=" ${_ft_line%%' title="'*} "
		if ! [[ $_ft_head =~ \ $3=([^ ]*)\  ]]; then
			printf -v "$1" '%s' ''
			return 1
		fi
		printf -v "$1" '%s' "${BASH_REMATCH[1]}"
		;;
	esac
}

# win_line DOMAIN TITLE / win_line_id DOMAIN ID: the `windows` line of that
# window (the first match), or nothing.
win_lines() { ctl windows | grep -v '^ok$' || true; }
win_line() {
	local l d t
	while IFS= read -r l; do
		field_to d "$l" domain
		field_to t "$l" title || true
		[[ $d == "$1" && $t == "$2" ]] && { printf '%s\n' "$l"; return 0; }
	done < <(win_lines)
	return 0
}
win_line_id() {
	local l d i
	while IFS= read -r l; do
		field_to d "$l" domain
		field_to i "$l" id
		[[ $d == "$1" && $i == "$2" ]] && { printf '%s\n' "$l"; return 0; }
	done < <(win_lines)
	return 0
}

# win_field DOMAIN TITLE FIELD / win_field_id DOMAIN ID FIELD
win_field() {
	local l
	l=$(win_line "$1" "$2")
	[[ -n $l ]] || fail "no window titled '$2' of domain $1 in vitrinectl windows"
	field_of "$l" "$3"
}
win_field_id() {
	local l
	l=$(win_line_id "$1" "$2")
	[[ -n $l ]] || fail "no window $2 of domain $1 in vitrinectl windows"
	field_of "$l" "$3"
}

# wait_win DOMAIN ID KEY=VALUE...|gone: poll `windows` until the window has
# all those fields (or is gone). There is no wait command for geometry.
wait_win() {
	local dom=$1 id=$2 deadline=$((SECONDS + VT_TIMEOUT)) l kv ok v
	shift 2
	while :; do
		l=$(win_line_id "$dom" "$id")
		ok=1
		if [[ $1 == gone ]]; then
			[[ -z $l ]] || ok=0
		elif [[ -z $l ]]; then
			ok=0
		else
			for kv in "$@"; do
				field_to v "$l" "${kv%%=*}" || true
				[[ $v == "${kv#*=}" ]] || ok=0
			done
		fi
		((ok)) && return 0
		((SECONDS < deadline)) || fail "window $dom/$id: wanted '$*' for ${VT_TIMEOUT}s; last: '${l:-no such window}'"
		sleep 0.05
	done
}

wait_pixels() { ctl --timeout "$VT_TIMEOUT" wait-pixels "$1" "$2" >/dev/null; }
wait_gone() { ctl --timeout "$VT_TIMEOUT" wait-gone "$1" >/dev/null; }
wait_damage() { ctl --timeout "${4:-$VT_TIMEOUT}" wait-damage "$1" "$2" "$3" >/dev/null; }

# ---------------------------------------------------------------- focus and stacking

# focused_line: the `windows` line with focus=1 (nothing when none).
focused_line() { win_lines | grep ' focus=1 ' || true; }

# expect_focus DOMAIN ID WHAT: exactly that window has focus=1.
expect_focus() {
	local l n
	n=$(win_lines | grep -c ' focus=1 ' || true)
	l=$(focused_line)
	[[ $n == 1 && $(field_of "$l" domain) == "$1" && $(field_of "$l" id) == "$2" ]] ||
		fail "$3: expected focus=1 on $1 window $2 only; windows:
$(win_lines)"
}

# stack_index DOMAIN ID: the window's position in `windows` (0: bottom).
stack_index() {
	local i=0 l d w
	while IFS= read -r l; do
		field_to d "$l" domain
		field_to w "$l" id
		[[ $d == "$1" && $w == "$2" ]] && {
			echo "$i"
			return 0
		}
		i=$((i + 1))
	done < <(win_lines)
	fail "stack_index: no window $2 of domain $1"
}

# stack_order: `DOMAIN/ID ...` of the mapped windows, bottom to top.
stack_order() {
	local l out=() m d w
	while IFS= read -r l; do
		field_to m "$l" mapped || true
		field_to d "$l" domain
		field_to w "$l" id
		[[ $m == 1 ]] && out+=("$d/$w")
	done < <(win_lines)
	printf '%s\n' "${out[*]}"
}
