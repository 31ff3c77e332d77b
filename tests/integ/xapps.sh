#!/bin/bash
# xapps: real X applications (xterm, xlogo) in a domain are listed with
# their titles, their pixels arrive, and their frames are exact.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain personal,label=green
start_xvfb D
start_agent personal "$D"
bg xterm "$T/xterm.log" env DISPLAY="$D" xterm -geometry 60x10+60+80 -title vt-xterm \
	-e sh -c 'echo hello vitrine; exec sleep 600'
bg xlogo "$T/xlogo.log" env DISPLAY="$D" xlogo -geometry 200x200+600+100
wait_pixels personal 2
ctl --timeout "$VT_TIMEOUT" wait-idle personal 300 >/dev/null
s=$(shot apps)
for t in vt-xterm xlogo; do
	l=$(win_line personal "$t")
	[[ -n $l ]] || fail "no window titled $t: $(win_lines)"
	say "listed: $l"
	[[ $(field_of "$l" mapped) == 1 && $(field_of "$l" pixels) == 1 ]] ||
		fail "$t: expected mapped=1 pixels=1: $l"
	check "$t is listed with its title, mapped=1 pixels=1"
	check_frame personal "$t" green "$s"
	c=$(rect_colour "$s" "$(field_of "$l" x)" "$(field_of "$l" y)" "$(field_of "$l" w)" "$(field_of "$l" h)")
	[[ $c == mixed* ]] || fail "$t: content is a single colour ($c): nothing drawn?"
	check "$t: content has several colours ($c)"
done

finish
