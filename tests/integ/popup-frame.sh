#!/bin/bash
# popup-frame: popups on the headless output are marked as the x11 backend
# marks them: a frame of the border alone in the label colour, no title bar,
# so a menu opened under a toolbar button leaves the button and the rest of
# its parent visible (issue 11 item 20). A real agent, vt-pattern as the
# parent (a green window with a yellow "button" near its top) and a popup
# opened just below the button, as a menu is. The popup's frame is exact, its
# content exact, and the parent's pixels right above it (the button, the
# rows between) are the parent's. Grown over 90% of the output, the popup is
# shown as a managed window: with a title bar that names its domain.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1024x768 --domain untrusted,label=red,tint=none
start_xvfb DU 1024x768
start_agent untrusted "$DU"
geometry
B=$VT_GEOM_B TB=$VT_GEOM_T

PX=200 PY=150
start_pattern parent "$DU" --pattern solid --color 00ff00 --geometry 400x300+$PX+$PY --title Firefox
pat parent rect 20 10 60 20 ffff00 # the button, 10 px below the parent's top
wait_pixels untrusted 1
idp=${PAT_ID[parent]}
# the menu, just below the button: its frame's top row is the button's last + 3
start_pattern menu "$DU" --popup --pattern quad --geometry 160x120+$((PX + 20))+$((PY + 30 + B + 2)) --title menu
idm=${PAT_ID[menu]}
wait_win untrusted "$idm" mapped=1 popup=1
wait_pixels untrusted 2
l=$(win_line_id untrusted "$idm")
[[ $(field_of "$l" x),$(field_of "$l" y) == "$((PX + 20)),$((PY + 30 + B + 2))" ]] ||
	fail "the popup is not where it asked to be: $l"
s=$(wait_content untrusted "$idm" quad popup)
cp "$s" "$T/popup-over-parent.png"
# the parent above and around it: its own pixels, no title bar over them
expect_rect "$s" $((PX + 20)) $((PY + 10)) 60 20 ffff00 "the button right above the popup"
expect_rect "$s" "$PX" $((PY + 30)) 400 2 00ff00 "the parent's rows between the button and the popup"
expect_rect "$s" "$PX" "$PY" $((20 - B)) $((30 + B + 2 + 120 + 2 * B)) 00ff00 "the parent left of the popup"
expect_rect "$s" $((PX + 20 + 160 + B)) $((PY + 30)) $((400 - 20 - 160 - B)) 150 00ff00 \
	"the parent right of the popup"
check "the parent's button and the parent's pixels right above and beside the popup are the parent's"
wait_win untrusted "$idp" titlebar="$TB"
wait_win untrusted "$idm" titlebar=0
check_frame_id untrusted "$idp" red "$s"
check_frame_id untrusted "$idm" red "$s"
check_content_quad "$s" $((PX + 20)) $((PY + 30 + B + 2)) 160 120
check "the popup (titlebar=0 in windows) has its exact content inside a ${B}px red frame, no title bar"

# the popup, focused and raised: no title bar either (the user clicks in it)
ctl focus untrusted "$idm" >/dev/null
s=$(shot popup-focused)
check_frame_id untrusted "$idm" red "$s"
expect_rect "$s" $((PX + 20)) $((PY + 10)) 60 20 ffff00 "the button, the popup focused"

# grown over 90% of the output: a managed window, with the title bar naming
# its domain, placed so the bar is on the output
pat menu resize 1010 740
wait_win untrusted "$idm" titlebar="$TB"
l=$(win_line_id untrusted "$idm")
(($(field_of "$l" y) - TB - B >= 0)) || fail "the popup shown as a managed window has its title bar off the output: $l"
frame_on_screen untrusted "$idm" "the popup grown over 90%"
s=$(wait_content untrusted "$idm" quad popup-managed)
check_frame_id untrusted "$idm" red "$s"
[[ $(pix "$s" --rect "$(field_of "$l" x)" $(($(field_of "$l" y) - TB)) "$(field_of "$l" w)" "$TB") == mixed* ]] ||
	fail "the popup shown as a managed window has no title text"
check "a popup grown over 90% of the output is shown as a managed window: a red title bar with its text, on the output"

finish
