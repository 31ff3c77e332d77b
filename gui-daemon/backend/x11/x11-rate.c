/*
 * The desktop's refresh rate, for pacing windows' repaints (pace.h): the
 * fastest mode any CRTC shows (RandR 1.3), from its dot clock and totals,
 * in mHz. An X server without RandR, or whose modes have no timings (Xvfb:
 * a dot clock of 0), has none: 0, and --refresh decides.
 */
#include "x11.h"

#include <stdlib.h>
#include <xcb/randr.h>

uint32_t x11_refresh_mhz(xcb_connection_t *c, xcb_window_t root)
{
	uint32_t best = 0;
	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(c, &xcb_randr_id);
	if (!ext || !ext->present)
		return 0;
	xcb_randr_get_screen_resources_current_reply_t *res =
		xcb_randr_get_screen_resources_current_reply(
			c, xcb_randr_get_screen_resources_current(c, root), NULL);
	if (!res)
		return 0;
	xcb_randr_crtc_t *crtcs = xcb_randr_get_screen_resources_current_crtcs(res);
	xcb_randr_mode_info_t *modes = xcb_randr_get_screen_resources_current_modes(res);
	int ncrtc = xcb_randr_get_screen_resources_current_crtcs_length(res);
	int nmode = xcb_randr_get_screen_resources_current_modes_length(res);
	for (int i = 0; i < ncrtc; i++) {
		xcb_randr_get_crtc_info_reply_t *ci = xcb_randr_get_crtc_info_reply(
			c, xcb_randr_get_crtc_info(c, crtcs[i], res->config_timestamp), NULL);
		for (int m = 0; ci && ci->mode && m < nmode; m++) {
			const xcb_randr_mode_info_t *mi = &modes[m];
			uint64_t frame = (uint64_t)mi->htotal * mi->vtotal;
			if (mi->id != ci->mode || !frame || !mi->dot_clock)
				continue;
			uint64_t mhz = (uint64_t)mi->dot_clock * 1000u / frame;
			if (mhz > best && mhz <= 10000000u)
				best = (uint32_t)mhz;
		}
		free(ci);
	}
	free(res);
	return best;
}
