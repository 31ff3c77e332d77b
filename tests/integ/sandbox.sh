#!/bin/bash
# sandbox: once set up, the daemon runs with no_new_privs, no core dumps and
# a seccomp filter (DESIGN.md least privilege), and still serves a domain.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 640x480 --domain work,label=blue
pid=$VT_DAEMON_PID
st=/proc/$pid/status
grep -Eq '^NoNewPrivs:[[:space:]]+1$' "$st" || fail "no_new_privs not set: $(grep NoNewPrivs "$st")"
check "NoNewPrivs: 1"
grep -Eq '^Seccomp:[[:space:]]+2$' "$st" || fail "no seccomp filter: $(grep Seccomp "$st")"
check "Seccomp: 2 (filter mode)"
[[ $(awk '/^Max core file size/ { print $5 }' "/proc/$pid/limits") == 0 ]] ||
	fail "core dumps are allowed: $(grep core "/proc/$pid/limits")"
check "core dumps off"
# and it still works behind the filter
start_xvfb D
start_agent work "$D"
start_pattern p "$D" --geometry 120x80+50+60 --title sandboxed
wait_pixels work 1
s=$(shot sandboxed)
check_frame work sandboxed blue "$s"
finish
