/*
 * A window's icon (issue 14 item 2): _NET_WM_ICON holds images of any size
 * an X client chose (width, height, then that many 0xAARRGGBB cardinals,
 * repeated). The agent sends one: the largest of at most ICON_SIDE a side,
 * else the smallest, scaled down (box average) to at most ICON_SIDE. None,
 * or none that parses: an ICON of 0 x 0. The daemon marks it with the
 * domain's label colour before anyone shows it.
 */
#include "agent.h"

#include <stdlib.h>
#include <string.h>

/* At most this much of the property is read (4 MiB): larger icon sets
 * are used as far as they came whole. */
#define ICON_READ_LONGS (1u << 20)

void icon_init(struct agent *a)
{
	xcb_intern_atom_reply_t *r =
		xcb_intern_atom_reply(a->xc, xcb_intern_atom(a->xc, 0, 12, "_NET_WM_ICON"), NULL);
	a->net_wm_icon = r ? r->atom : XCB_ATOM_NONE;
	free(r);
}

/* Pick the image (index into v of its width) from n cardinals; -1: none. */
static long pick(const uint32_t *untrusted_v, size_t n)
{
	long best = -1, small = -1;
	uint64_t best_area = 0, small_area = UINT64_MAX;
	for (size_t i = 0; i + 2 <= n;) {
		uint64_t w = untrusted_v[i], h = untrusted_v[i + 1], area = w * h;
		if (w == 0 || h == 0 || w > VP_MAX_DIM || h > VP_MAX_DIM || area > n - i - 2)
			break; /* not an image, or cut short: the rest is not used */
		if (w <= ICON_SIDE && h <= ICON_SIDE && area > best_area)
			best = (long)i, best_area = area;
		if (area < small_area)
			small = (long)i, small_area = area;
		i += 2 + (size_t)area;
	}
	return best >= 0 ? best : small;
}

void icon_send(struct agent *a, struct win *w)
{
	if (!a->ready || !w->announced || a->daemon_minor < VP_MINOR_DESKTOP)
		return;
	static uint8_t out[4 * ICON_SIDE * ICON_SIDE];
	struct vp_msg m = { .type = VP_ICON, .window = w->id };
	xcb_get_property_reply_t *r =
		xcb_get_property_reply(a->xc,
				       xcb_get_property(a->xc, 0, w->id, a->net_wm_icon,
							XCB_ATOM_CARDINAL, 0, ICON_READ_LONGS),
				       NULL);
	if (r && r->format == 32 && r->type == XCB_ATOM_CARDINAL) {
		const uint32_t *v = xcb_get_property_value(r);
		long at = pick(v, (size_t)xcb_get_property_value_length(r) / 4);
		if (at >= 0) {
			uint32_t sw = v[at], sh = v[at + 1], big = sw > sh ? sw : sh;
			uint32_t f = (big + ICON_SIDE - 1) / ICON_SIDE; /* scale down by f */
			uint32_t dw = sw / f ? sw / f : 1, dh = sh / f ? sh / f : 1;
			const uint32_t *px = v + at + 2;
			for (uint32_t y = 0; y < dh; y++)
				for (uint32_t x = 0; x < dw; x++) {
					uint32_t sum[4] = { 0, 0, 0, 0 }, k = 0;
					for (uint32_t yy = y * f; yy < y * f + f && yy < sh; yy++)
						for (uint32_t xx = x * f; xx < x * f + f && xx < sw;
						     xx++, k++)
							for (unsigned c = 0; c < 4; c++)
								sum[c] += (px[yy * sw + xx] >>
									   (8 * c)) &
									  0xff;
					uint8_t *o = out + 4 * (y * dw + x);
					for (unsigned c = 0; c < 4; c++) /* little-endian */
						o[c] = (uint8_t)(sum[c] / k);
				}
			m.u.icon = (struct vp_icon){ dw, dh, out };
		}
	}
	free(r);
	agent_send(a, &m, -1);
}
