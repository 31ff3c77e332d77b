/*
 * The domain's first CRTC shown over the monitors: the first monitor's place
 * and size when there is one, the box around them all when there are more
 * (monitors.c gives the first monitor the CRTC's output). Qt 5 takes a
 * monitor that holds an output for the output's CRTC, not for the monitor
 * (QXcbScreen's geometry): under Xvfb, whose one CRTC spans its whole
 * screen (2560x1600 under `vitrine run`), Qt placed its menus as if the
 * desktop's 1280x800 monitor were that large (new-user trial 15 #1: a
 * submenu at the right edge was pulled back over its parent menu instead
 * of opening to the left). The X server keeps the pointer on its CRTCs
 * (RandR's cursor constraint): a CRTC of the first of two monitors stopped
 * every domain's pointer at that monitor's edge, and clicks on a window on
 * the second missed it (new-user trial 16 #1); so with two monitors or
 * more Qt sees one screen over them all. Xvfb takes any mode for its CRTC,
 * the framebuffer staying as it is; a mode of that size is made if the
 * server has none. What the X server refuses is logged, never fatal.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xcb/randr.h>

/* A mode of w x h (60 Hz), the server's or a new one: 0 if none. */
static xcb_randr_mode_t mode_of(struct agent *a, xcb_randr_get_screen_resources_current_reply_t *r,
				xcb_randr_output_t out, uint16_t w, uint16_t h)
{
	xcb_randr_mode_info_t *modes = xcb_randr_get_screen_resources_current_modes(r);
	for (int i = 0; i < xcb_randr_get_screen_resources_current_modes_length(r); i++)
		if (modes[i].width == w && modes[i].height == h)
			return modes[i].id;
	char name[32];
	int n = snprintf(name, sizeof(name), "vitrine-%ux%u", w, h);
	xcb_randr_mode_info_t info = { .width = w,
				       .height = h,
				       .dot_clock = (uint32_t)w * h * 60u,
				       .hsync_start = w,
				       .hsync_end = w,
				       .htotal = w,
				       .vsync_start = h,
				       .vsync_end = h,
				       .vtotal = h,
				       .name_len = (uint16_t)n };
	xcb_randr_create_mode_reply_t *c = xcb_randr_create_mode_reply(
		a->xc, xcb_randr_create_mode(a->xc, a->root, info, (uint32_t)n, name), NULL);
	xcb_randr_mode_t mode = c ? c->mode : 0;
	free(c);
	if (mode)
		xcb_randr_add_output_mode(a->xc, out, mode);
	return mode;
}

void monitors_set_crtc(struct agent *a, const struct vp_monitors *ms)
{
	if (!ms->n)
		return;
	int64_t x1 = ms->m[0].x, y1 = ms->m[0].y, x2 = x1 + ms->m[0].w, y2 = y1 + ms->m[0].h;
	for (uint32_t i = 1; i < ms->n; i++) {
		const struct vp_monitor *o = &ms->m[i];
		x1 = o->x < x1 ? o->x : x1, y1 = o->y < y1 ? o->y : y1;
		x2 = o->x + (int64_t)o->w > x2 ? o->x + (int64_t)o->w : x2;
		y2 = o->y + (int64_t)o->h > y2 ? o->y + (int64_t)o->h : y2;
	}
	/* cut to the screen (a desktop larger than the domain's screen can be:
	 * the CRTC over what there is, not the smaller one kept) */
	uint16_t sw0 = a->screen->width_in_pixels, sh0 = a->screen->height_in_pixels;
	x1 = x1 < 0 ? 0 : x1, y1 = y1 < 0 ? 0 : y1;
	x2 = x2 > sw0 ? sw0 : x2, y2 = y2 > sh0 ? sh0 : y2;
	if (x2 <= x1 || y2 <= y1)
		return;
	const struct vp_monitor box = { .x = (int32_t)x1,
					.y = (int32_t)y1,
					.w = (uint32_t)(x2 - x1),
					.h = (uint32_t)(y2 - y1) };
	const struct vp_monitor *m = &box;
	uint16_t sw = a->screen->width_in_pixels, sh = a->screen->height_in_pixels;
	if (m->x < 0 || m->y < 0 || (uint32_t)m->x + m->w > sw || (uint32_t)m->y + m->h > sh)
		return; /* off the screen: the server would refuse */
	xcb_randr_get_screen_resources_current_reply_t *r =
		xcb_randr_get_screen_resources_current_reply(
			a->xc, xcb_randr_get_screen_resources_current(a->xc, a->root), NULL);
	if (!r || !r->num_crtcs || !r->num_outputs) {
		free(r);
		return;
	}
	xcb_randr_crtc_t crtc = xcb_randr_get_screen_resources_current_crtcs(r)[0];
	xcb_randr_output_t out = xcb_randr_get_screen_resources_current_outputs(r)[0];
	xcb_randr_get_crtc_info_reply_t *c = xcb_randr_get_crtc_info_reply(
		a->xc, xcb_randr_get_crtc_info(a->xc, crtc, r->config_timestamp), NULL);
	bool there = c && c->x == m->x && c->y == m->y && c->width == m->w && c->height == m->h;
	free(c);
	xcb_randr_mode_t mode = there ? 0 : mode_of(a, r, out, (uint16_t)m->w, (uint16_t)m->h);
	xcb_randr_set_crtc_config_reply_t *s =
		mode ? xcb_randr_set_crtc_config_reply(
			       a->xc,
			       xcb_randr_set_crtc_config(a->xc, crtc, XCB_CURRENT_TIME,
							 r->config_timestamp, (int16_t)m->x,
							 (int16_t)m->y, mode,
							 XCB_RANDR_ROTATION_ROTATE_0, 1, &out),
			       NULL)
		     : NULL;
	if (!there && (!s || s->status != XCB_RANDR_SET_CONFIG_SUCCESS))
		fprintf(stderr,
			"vitrine-agent: the domain's X server keeps its CRTC (%ux%u+%d+%d "
			"refused): Qt applications see the whole screen as one monitor\n",
			m->w, m->h, m->x, m->y);
	free(s);
	free(r);
}
