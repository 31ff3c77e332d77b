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
finish
