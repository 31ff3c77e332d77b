/*
 * Windows of depth 32 (an ARGB visual: GTK's windows with client-side
 * decorations have one whether or not anything composites, and so have its
 * popovers, whose shadow margin is transparent). Their transparent pixels
 * are 0 (premultiplied): read as XRGB, as the daemon reads every buffer,
 * they are black, a black box around every popover. The daemon shows no
 * transparency (what is under a domain's window must never show through it
 * as if it were that window's: docs/security.md), so the agent lays such a
 * window's damaged pixels over an opaque background instead of copying
 * them: with RENDER in the domain's X server, one fill and one composite
 * (Over) per rectangle, into the same shared pixmap.
 */
#include "agent.h"

#include <stdlib.h>
#include <xcb/render.h>

/* GTK's (Adwaita's) window background: a transparent corner or shadow
 * margin then looks like the application's own light grey. */
static const xcb_render_color_t bg = { 0xf6f6, 0xf5f5, 0xf4f4, 0xffff };

/* The ARGB32 picture format of the domain's X server (0: none). */
static xcb_render_pictformat_t argb_format(struct agent *a)
{
	static bool asked;
	static xcb_render_pictformat_t fmt;
	if (asked)
		return fmt;
	asked = true;
	xcb_render_query_pict_formats_reply_t *r = xcb_render_query_pict_formats_reply(
		a->xc, xcb_render_query_pict_formats(a->xc), NULL);
	if (!r)
		return 0;
	xcb_render_pictforminfo_iterator_t it = xcb_render_query_pict_formats_formats_iterator(r);
	for (; it.rem && !fmt; xcb_render_pictforminfo_next(&it)) {
		const xcb_render_pictforminfo_t *f = it.data;
		const xcb_render_directformat_t *d = &f->direct;
		if (f->type == XCB_RENDER_PICT_TYPE_DIRECT && f->depth == 32 &&
		    d->alpha_shift == 24 && d->alpha_mask == 0xff && d->red_shift == 16 &&
		    d->red_mask == 0xff && d->green_shift == 8 && d->green_mask == 0xff &&
		    d->blue_shift == 0 && d->blue_mask == 0xff)
			fmt = f->id;
	}
	free(r);
	return fmt;
}

bool argb_copy(struct agent *a, const struct win *w, unsigned n, xcb_pixmap_t to)
{
	xcb_render_pictformat_t f = w->depth == 32 ? argb_format(a) : 0;
	if (!f)
		return false;
	uint32_t inferiors = XCB_SUBWINDOW_MODE_INCLUDE_INFERIORS;
	xcb_render_picture_t src = xcb_generate_id(a->xc), dst = xcb_generate_id(a->xc);
	xcb_render_create_picture(a->xc, src, w->id, f, XCB_RENDER_CP_SUBWINDOW_MODE, &inferiors);
	xcb_render_create_picture(a->xc, dst, to, f, 0, NULL);
	xcb_rectangle_t r[MAX_DAMAGE_RECTS];
	for (unsigned i = 0; i < n; i++)
		r[i] = (xcb_rectangle_t){ (int16_t)w->dmg[i].x, (int16_t)w->dmg[i].y,
					  (uint16_t)w->dmg[i].w, (uint16_t)w->dmg[i].h };
	xcb_render_fill_rectangles(a->xc, XCB_RENDER_PICT_OP_SRC, dst, bg, n, r);
	for (unsigned i = 0; i < n; i++)
		xcb_render_composite(a->xc, XCB_RENDER_PICT_OP_OVER, src, XCB_NONE, dst, r[i].x,
				     r[i].y, 0, 0, r[i].x, r[i].y, r[i].width, r[i].height);
	xcb_render_free_picture(a->xc, src);
	xcb_render_free_picture(a->xc, dst);
	return true;
}
