#!/bin/bash
# run-messages: what vitrine list and vitrine run say where they said too
# little (new-user trial 14 #8, #9): `vitrine list` against a daemon with no
# domain printed nothing (exit 0), and did not say how the daemon that
# `vitrine run` started is stopped; `vitrine run` with a runtime directory
# it cannot create said "cannot create DIR" without why.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 320x240
rc=0
out=$(HOME=$T "$VT_BIN/vitrine" list --runtime-dir "$RUN" 2>"$T/list.err") || rc=$?
if ((rc != 0)) || [[ -n $out ]]; then fail "vitrine list, no domain: exit $rc, stdout '$out'"; fi
[[ $(cat "$T/list.err") == "vitrine: the daemon on $RUN has no domain; it stays for the next vitrine run (kill \$(cat $RUN/daemon.pid) stops it)" ]] ||
	fail "vitrine list, no domain: stderr '$(cat "$T/list.err")'"
check "vitrine list, a daemon with no domain: exit 0, one line on stderr saying so and how to stop it"
rc=0
HOME=$T "$VT_BIN/vitrine" run --runtime-dir /proc/vt-none/vitrine --domain a -- true \
	>"$T/run.out" 2>"$T/run.err" </dev/null || rc=$?
[[ $rc == 1 && $(cat "$T/run.err") == "vitrine: cannot create /proc/vt-none/vitrine: No such file or directory (another user's \$XDG_RUNTIME_DIR? unset it, or give --runtime-dir)" ]] ||
	fail "vitrine run, a runtime directory it cannot create: exit $rc, '$(cat "$T/run.err")'"
check "vitrine run, a runtime directory it cannot create: exit 1, the reason and the way out"

# new-user trial 15 #7: the control socket named the wrong fault, or none
ctl_err() { # ctl_err WANT ARGS...: vitrinectl ARGS fails saying WANT
	local want=$1 got rc=0
	shift
	got=$(ctl_try "$@" 2>&1) || rc=$?
	[[ $rc != 0 && $got == *"$want"* ]] || fail "vitrinectl $*: exit $rc, '$got', not '$want'"
}
ctl_err "no such domain" close nosuch 1
ctl_err "no such domain" wait-window nosuch foo
ctl_err "no such domain" wait-gone nosuch
ctl_err "type TEXT: no text" type ""
ctl_err "vitrinectl geometry lists them" set-scale 2 NOPE
check "vitrinectl close, wait-window, wait-gone of a domain there is not: 'no such domain'; type with no text and set-scale of no monitor: errors that say so"
# new-user trial 18 #2: --timeout abc was 0 s ("timed out ... a daemon that
# does not answer"), -5 and 10s taken: a usage error now, exit 2
for t in abc -5 10s 0; do
	rc=0
	got=$("$VT_BIN/vitrinectl" --socket "$RUN/control.sock" --timeout "$t" domains 2>&1) || rc=$?
	[[ $rc == 2 && $got == "vitrinectl: --timeout $t: not a number of seconds"* ]] ||
		fail "vitrinectl --timeout $t: exit $rc, '$got'"
done
check "vitrinectl --timeout abc, -5, 10s, 0: exit 2, 'not a number of seconds'"

# vitrine run with no X server: the daemon's reason, not only its log's
# place; and no pid left in daemon.pid once it ended
rc=0
HOME=$T DISPLAY=:4093 "$VT_BIN/vitrine" run --runtime-dir "$T/nox" --domain a -- true \
	>"$T/nox.out" 2>"$T/nox.err" </dev/null || rc=$?
[[ $rc == 1 && $(cat "$T/nox.err") == *"vitrine-daemon did not start: x11: cannot connect to the desktop X server (DISPLAY=:4093)"* ]] ||
	fail "vitrine run with no X server: exit $rc, '$(cat "$T/nox.err")'"
[[ ! -s $T/nox/daemon.pid ]] || fail "the daemon that did not start left its pid in daemon.pid: $(cat "$T/nox/daemon.pid")"
check "vitrine run with no X server: exit 1, the daemon's reason on stderr, no pid left in daemon.pid"
finish
