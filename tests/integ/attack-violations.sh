#!/bin/bash
# attack-violations: ATTACKS row 19, issue 12 item 5: the violation line
# itself is rate-limited per domain. A hostile agent that reconnects and
# commits a violation (a second HELLO) 300 times in a row is cut off 300
# times, and the daemon logs at most VIOLATION_BURST (64) violation lines
# for it, then one per RATELOG_PERIOD_MS (10 s), each after a line that
# counts the ones suppressed; the other domain's first violation is logged
# all the same (the limit is per domain), and the daemon answers. The
# --verbose lines of its sessions are limited per domain too.
# (Needs gui-daemon/domain.c's domain_disconnect to log its violation line
# with domain_log_violation, gui-daemon/refusal.c.)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

VBURST=64 N=300
start_daemon --size 1280x800 --domain e,label=red --domain q,label=blue

t0=$SECONDS
hostile_once e row19 violate $N
[[ $HOSTILE_OUT == *done* ]] || fail "vt-hostile row19 violate: '$HOSTILE_OUT'"
took=$((SECONDS - t0))
wait_connected e 0
n=$(violation_count e)
max=$((VBURST + took / 10 + 1))
((n >= VBURST && n <= max)) || fail "$n violation lines for $N violations in $took s (expected $VBURST to $max)"
check "e: $N violations in $took s, $n violation lines"
daemon_ok "after $N violations"

# --verbose's lines of each session (connected, connection closed,
# disconnected) share one limit per domain: 30, then one per 10 s (found by
# a hostile-domain trial: a connect loop wrote 440 KB of them in 10 s)
hostile_once e row16 blind 60
[[ $HOSTILE_OUT == *done* ]] || fail "vt-hostile row16 blind: '$HOSTILE_OUT'"
took=$((SECONDS - t0))
n=$(count_log "$VT_DAEMON_LOG" '^vitrine-daemon: domain e: (connected|connection closed|disconnected)')
((n <= 30 + took / 10 + 1)) || fail "$n session lines for e's $N + 60 connections in $took s"
check "e: $N + 60 connections in $took s, $n session lines (--verbose)"

expect_cut_off q '^second HELLO' row3 hello2

finish
