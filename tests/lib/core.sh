# shellcheck shell=bash
#
# tests/lib/core.sh: the test's directory and runtime dir, its messages
# (say, check, fail), the processes it starts (bg, track, stop_pid) and the
# trap that kills them (cleanup), coprocesses a test talks to line by line
# (start_co, co_read, co_send, co_close), and waiting on log files
# (assert_log, wait_lines). Sourced first by tests/lib.sh.

TEST_NAME=${TEST_NAME:-$(basename "$0" .sh)}
# the desktop the tests are run from is none of theirs: each names the X
# server every program of its own is for (vitrine run on a $DISPLAY other
# than its daemon's refuses it: new-user trial 17 #3)
unset DISPLAY
VITRINE_BUILD=${VITRINE_BUILD:-build}
# shellcheck disable=SC2034 # VT_BIN: used by the other pieces and the tests
case $VITRINE_BUILD in
/*) VT_BIN=$VITRINE_BUILD ;;
*) VT_BIN=$VT_ROOT/$VITRINE_BUILD ;;
esac
VT_SUFFIX=
[[ $VITRINE_BUILD == *asan* ]] && VT_SUFFIX=-asan
# the daemon's renderer (start_daemon): pixman unless VT_RENDERER says
[[ ${VT_RENDERER:-pixman} != pixman ]] && VT_SUFFIX+=-$VT_RENDERER
T=$VT_ROOT/tests/out/$TEST_NAME$VT_SUFFIX
# shellcheck disable=SC2034 # used by clients.sh, hostile.sh and the tests
VT_CLIENTS=$VT_ROOT/tests/clients

# Sanitizers: any report fails the program (run-all sets the same).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0:exitcode=66}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$VT_ROOT/tests/lsan.supp:print_suppressions=0}

# The Python that runs the test clients (vt-hostile, vt-rogue): the
# interpreter itself, found once. A `python3` on PATH may be a version
# manager's shim (pyenv's is a shell script that runs several more): that
# costs more CPU per start than the client's whole run, and tests start
# dozens. run-all resolves it once for every test.
if [[ -z ${PYTHON:-} ]]; then
	PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PYTHON=
	[[ -x $PYTHON ]] || PYTHON=python3
	export PYTHON
fi

# Deadlines, in seconds; longer under the sanitizers.
VT_TIMEOUT=${VT_TIMEOUT:-10}
[[ -n $VT_SUFFIX ]] && VT_TIMEOUT=$((VT_TIMEOUT * 2))

rm -rf "$T"
mkdir -p "$T"

# Forks are what a test spends most of its CPU on (a fork and exec costs
# about 10 ms of CPU on the CI's virtual machine, and two tests share two
# cores): the helpers hand results back in variables (the *_to forms)
# rather than through $(...), and wait without an external sleep.
#
# sleep SECONDS: a builtin one, a read that times out on a FIFO that nobody
# writes (open for reading and writing, so the open does not block).
mkfifo "$T/sleep.fifo"
exec {VT_SLEEP_FD}<>"$T/sleep.fifo"
sleep() {
	local _
	read -r -t "$1" -u "$VT_SLEEP_FD" _ || true
}

# The test tools that only look at what the daemon drew (pngpix, pngcmp,
# vt-desk): the plain build's, when there is one, also under the sanitizers.
# They read our screenshots and the desktop, no domain's input, and an ASan
# build's start and LeakSanitizer's exit scan cost 0.1 s of CPU per call.
# shellcheck disable=SC2034 # VT_TOOLS: used by the other pieces and the tests
VT_TOOLS=$VT_BIN/tests
if [[ $VT_BIN == *-asan && -x ${VT_BIN%-asan}/tests/pngpix && -x ${VT_BIN%-asan}/tests/pngcmp &&
	-x ${VT_BIN%-asan}/tests/vt-desk ]]; then
	# shellcheck disable=SC2034 # the same
	VT_TOOLS=${VT_BIN%-asan}/tests
fi
# Unix socket paths are limited to 108 bytes: keep the runtime dir short.
if ((${#T} > 60)); then
	RUN=$(mktemp -d /tmp/vitrine-test.XXXXXX)
	VT_RUN_TMP=1
else
	RUN=$T/run
	VT_RUN_TMP=0
fi

VT_PIDS=()             # process group leaders we started, in order
declare -A VT_PNAME    # pid -> name for messages
declare -A CO_IN CO_OUT CO_PID # coprocess name -> fds, pid
VT_DAEMON_PID=
VT_DAEMON_LOG=$T/daemon.log
VT_FAILED=0

# ---------------------------------------------------------------- messages

say() { printf '[%s] %s\n' "$TEST_NAME$VT_SUFFIX" "$*"; }
check() { printf '[%s] check: %s\n' "$TEST_NAME$VT_SUFFIX" "$*"; }

# fail MESSAGE: print it with what can explain it, then exit 1 (the trap
# cleans up and keeps the test dir).
fail() {
	VT_FAILED=1
	printf '[%s] FAIL: %s\n' "$TEST_NAME$VT_SUFFIX" "$*" >&2
	if [[ -n $VT_DAEMON_PID ]] && ! kill -0 "$VT_DAEMON_PID" 2>/dev/null; then
		printf '[%s] the daemon is not running any more; end of %s:\n' \
			"$TEST_NAME$VT_SUFFIX" "$VT_DAEMON_LOG" >&2
		tail -n 30 "$VT_DAEMON_LOG" >&2 || true
	fi
	printf '[%s] logs and shots kept in %s\n' "$TEST_NAME$VT_SUFFIX" "$T" >&2
	exit 1
}

# ---------------------------------------------------------------- processes

# bg NAME LOG CMD...: start CMD in its own session (so that it and its
# children can be killed as a group by its PID), stdout+stderr to LOG.
# Sets VT_LAST_PID.
bg() {
	local name=$1 log=$2
	shift 2
	# the child must not hold our coprocess fifos open (their EOF would
	# never come): close them in it before it runs
	(
		for fd in "${CO_IN[@]}" "${CO_OUT[@]}" "$VT_SLEEP_FD"; do
			eval "exec $fd>&-"
		done
		exec setsid "$@"
	) </dev/null >"$log" 2>&1 &
	track $! "$name"
}

track() {
	VT_LAST_PID=$1
	VT_PIDS+=("$1")
	VT_PNAME[$1]=$2
	[[ -n ${VT_PIDFILE:-} ]] && echo "$1" >>"$VT_PIDFILE"
	return 0
}

alive() { kill -0 "$1" 2>/dev/null; }

# stop_pid PID [SIGNAL]: signal the process group, wait for it (bounded),
# then SIGKILL. Returns the exit status when it was our child and ended.
stop_pid() {
	local pid=$1 sig=${2:-TERM} i
	kill -"$sig" -- -"$pid" 2>/dev/null || kill -"$sig" "$pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		alive "$pid" || break
		sleep 0.05
	done
	if alive "$pid"; then
		say "${VT_PNAME[$pid]:-$pid} did not stop on SIG$sig; killing it"
		kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	fi
	local rc=0
	wait "$pid" 2>/dev/null || rc=$?
	# children left in its group (xterm's shell, ...)
	kill -KILL -- -"$pid" 2>/dev/null || true
	return $rc
}

cleanup() {
	local rc=$?
	set +e
	trap - EXIT INT TERM
	local i pid
	for ((i = ${#VT_PIDS[@]} - 1; i >= 0; i--)); do
		pid=${VT_PIDS[i]}
		kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
	done
	for pid in "${VT_PIDS[@]}"; do
		for ((i = 0; i < 60; i++)); do
			alive "$pid" || break
			sleep 0.05
		done
		kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	rm -f "$T"/*.fifo
	if ((VT_RUN_TMP)); then
		rm -rf "$RUN"
	else
		rm -f "$RUN"/*.sock
	fi
	((VT_FAILED)) && ((rc == 0)) && rc=1
	if ((rc == 0)) && [[ -z ${VT_KEEP:-} ]]; then
		rm -rf "$T"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# ---------------------------------------------------------------- coprocesses

# start_co NAME LOG CMD...: start CMD with stdin and stdout on fifos, so the
# test can send it lines and read its answers (co_send, co_read).
start_co() {
	local name=$1 log=$2 in out
	shift 2
	in=$T/co-$name-in.fifo
	out=$T/co-$name-out.fifo
	rm -f "$in" "$out"
	mkfifo "$in" "$out"
	# as in bg: the child must not hold the other coprocesses' fifos open
	# (the EOF that ends one would only come once every later one ended)
	(
		for fd in "${CO_IN[@]}" "${CO_OUT[@]}" "$VT_SLEEP_FD"; do
			eval "exec $fd>&-"
		done
		exec setsid "$@"
	) <"$in" >"$out" 2>"$log" &
	track $! "$name"
	CO_PID[$name]=$VT_LAST_PID
	local wfd rfd
	exec {wfd}>"$in"
	exec {rfd}<"$out"
	CO_IN[$name]=$wfd
	CO_OUT[$name]=$rfd
}

# co_read NAME VAR [TIMEOUT]: one line of its output into VAR.
co_read() {
	local _co_line
	if ! read -r -t "${3:-$VT_TIMEOUT}" -u "${CO_OUT[$1]}" _co_line; then
		alive "${CO_PID[$1]}" || fail "$1 exited (log $T/$1.log: $(tail -n 3 "$T/$1.log" 2>/dev/null))"
		fail "no answer from $1 within ${3:-$VT_TIMEOUT}s"
	fi
	printf -v "$2" '%s' "$_co_line"
}

# co_send NAME LINE: a subshell takes the SIGPIPE if it died.
co_send() {
	(printf '%s\n' "$2" >&"${CO_IN[$1]}") 2>/dev/null ||
		fail "cannot write to $1 (exited?)"
}

# co_close NAME: close its stdin (EOF) and output.
co_close() {
	local wfd=${CO_IN[$1]} rfd=${CO_OUT[$1]}
	# a group: its 2>/dev/null ends with it (on a bare exec it would stay)
	{ exec {wfd}>&- {rfd}<&-; } 2>/dev/null || true
}

# ---------------------------------------------------------------- logs

# assert_log LOG REGEX [N]: LOG gets a line (N lines) matching REGEX
# (extended) within the deadline (the daemon may write it just after closing
# the connection).
assert_log() {
	local n=${3:-1} deadline=$((SECONDS + VT_TIMEOUT)) got
	while :; do
		count_to got "$1" "$2"
		((got >= n)) && break
		((SECONDS < deadline)) || {
			tail -n 20 "$1" >&2 || true
			fail "${got:-0} line(s) matching /$2/ in $1, expected $n"
		}
		sleep 0.05
	done
	if ((n == 1)); then
		check "log ${1##*/} has: $(grep -E -m1 -- "$2" "$1")"
	else
		check "log ${1##*/} has $got lines matching /$2/"
	fi
}

count_log() { grep -Ec -- "$2" "$1" || true; }
# count_to VAR LOG REGEX: the same into VAR, with one fork (grep's).
count_to() {
	local _ct_f=$T/.count.$BASHPID _ct_n=0
	grep -Ec -- "$3" "$2" >"$_ct_f" 2>/dev/null || true
	read -r _ct_n <"$_ct_f" || true
	printf -v "$1" '%s' "${_ct_n:-0}"
}

# sanitizer_check: no ASan/UBSan/LSan report in any log of this test.
sanitizer_check() {
	local f
	f=$(grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined)' \
		"$T"/*.log 2>/dev/null || true)
	[[ -z $f ]] || fail "sanitizer report in: $f"
}

# finish: stop agents and the daemon gracefully and check that they ended

# wait_lines FILE REGEX N [WHAT]: FILE has at least N lines matching REGEX
# (extended, whole line) within the deadline.
wait_lines() {
	local f=$1 re=$2 n=$3 what=${4:-$(basename "$1")} deadline=$((SECONDS + VT_TIMEOUT)) got
	while :; do
		count_to got "$f" "^($re)\$"
		((got >= n)) && return 0
		((SECONDS < deadline)) || fail "$what: $got line(s) matching /$re/ after ${VT_TIMEOUT}s, wanted $n (in $f)"
		sleep 0.05
	done
}

# keylog_mark NAME KEYSYM: tap KEYSYM (through the router, to the focused
# domain, which must be NAME) and wait until NAME's key log shows its press
# and release: everything sent to NAME before it is then in the log above
