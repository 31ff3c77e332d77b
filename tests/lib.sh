# shellcheck shell=bash
#
# tests/lib.sh: sourced by every tests/integ/*.sh; it sources tests/lib/*.sh.
#
# Gives a test: strict mode; a directory tests/out/NAME (NAME-asan under
# build-asan) for logs, shots and the daemon's runtime dir, removed when the
# test passes and kept when it fails; helpers that start Xvfb servers, the
# daemon, agents and test clients and remember every PID; helpers that ask
# the daemon (vitrinectl) and look at screenshots (pngpix, pngcmp); a trap
# that kills, by PID, everything the test started.
#
# VITRINE_BUILD selects the programs: build (default) or build-asan.
#
# Waiting is always done by asking: vitrinectl wait-* with --timeout,
# xdpyinfo, a line from a client. Short polling loops with a deadline are used
# only where nothing can be asked (a socket appearing, a log line, a geometry
# change that has no wait command).
#
# The pieces, by topic:
#   core.sh     the test dir, say/check/fail, processes and cleanup, coprocesses, logs
#   xvfb.sh     Xvfb servers; a domain X server's monitors and dpi
#   daemon.sh   the headless daemon, agents, vitrinectl, windows, focus and stacking
#   shots.sh    screenshots: palette, exact frames and contents
#   desk.sh     the x11 backend on a desktop Xvfb, desktop windows and shots
#   desk-wm.sh  openbox and sway on the desktop; the user's clicks and typing there
#   clients.sh  vt-pattern, vt-rogue, vt-keylog, vt-input
#   hostile.sh  vt-hostile, violation lines, the other domain still served

set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

VT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# shellcheck source=tests/lib/core.sh
. "$VT_ROOT/tests/lib/core.sh"
# shellcheck source=tests/lib/xvfb.sh
. "$VT_ROOT/tests/lib/xvfb.sh"
# shellcheck source=tests/lib/daemon.sh
. "$VT_ROOT/tests/lib/daemon.sh"
# shellcheck source=tests/lib/shots.sh
. "$VT_ROOT/tests/lib/shots.sh"
# shellcheck source=tests/lib/desk.sh
. "$VT_ROOT/tests/lib/desk.sh"
# shellcheck source=tests/lib/desk-wm.sh
. "$VT_ROOT/tests/lib/desk-wm.sh"
# shellcheck source=tests/lib/clients.sh
. "$VT_ROOT/tests/lib/clients.sh"
# shellcheck source=tests/lib/hostile.sh
. "$VT_ROOT/tests/lib/hostile.sh"
