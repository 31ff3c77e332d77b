/*
 * The trusted side's monitors and dpi (MONITORS, issue 14 items 5 and 6),
 * applied to the domain's X server:
 *
 * - its screen is asked to take the layout's bounding size and the physical
 *   size of the dpi (RRSetScreenSize) when it has another. Xvfb (21.1) has
 *   a fixed framebuffer and refuses any other size (smaller: its output's
 *   CRTC would not fit; larger: BadValue), so under Xvfb the screen stays
 *   the size it was started with (start it at least as large as the
 *   desktop; it then takes the dpi's physical size for that size) and the
 *   monitors are set inside it;
 * - its RandR 1.5 monitors become the layout's (VITRINE-0 ... VITRINE-n):
 *   the first holds the server's first output, so the output's automatic
 *   monitor gives way to it, and `xrandr --listmonitors` in the domain shows
 *   exactly the desktop's monitors; each with the physical size that goes
 *   with the dpi;
 * - Xft.dpi in the root's RESOURCE_MANAGER (what `xrdb -query` shows, what
 *   GTK and Qt read at start) is the dpi, and so is Xft/DPI in the domain's
 *   XSETTINGS (xsettings.c: what running GTK applications follow).
 *
 * MONITORS was validated by vp_decode (1..16 monitors, sizes and dpi in
 * range); what the X server refuses is logged, never fatal.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <xcb/randr.h>
#include <xcb/xcbext.h>

#define NAME_FMT "VITRINE-%u"

/* RRSetMonitor by hand: libxcb 1.15's xcb_randr_set_monitor sends four
 * bytes more than its length field says, which the server reads as the
 * next request. */
static void set_monitor(struct agent *a, const xcb_randr_monitor_info_t *info,
			const xcb_randr_output_t *outputs)
{
	uint32_t buf[2 + 6 + 1];
	size_t len = 8 + sizeof(*info) + 4u * info->nOutput;
	buf[1] = a->root;
	memcpy(&buf[2], info, sizeof(*info));
	if (info->nOutput)
		memcpy(&buf[8], outputs, 4);
	struct iovec parts[3] = { { 0 }, { 0 }, { buf, len } };
	xcb_protocol_request_t req = {
		.count = 1, .ext = &xcb_randr_id, .opcode = XCB_RANDR_SET_MONITOR, .isvoid = 1
	};
	xcb_send_request(a->xc, 0, parts + 2, &req);
}

/* The desktop grew past a domain's screen that covered it (a monitor
 * plugged in): the pointer stops at the screen's edge, so the user is told,
 * as a notification of the domain's (new-user trial 5: only the sandbox's
 * log said so). A screen that never covered the desktop (an X server
 * started small by hand) is only logged. */
static bool outgrown_shown; /* the daemon shows our notification of it */

static void outgrown(struct agent *a, uint32_t sw, uint32_t sh, uint32_t w, uint32_t h)
{
	char body[300];
	int n = snprintf(body, sizeof(body),
			 "The desktop is %ux%u; this domain's screen is %ux%u and cannot grow: "
			 "the pointer does not reach past it. Close this domain's applications "
			 "and start them again to use the whole desktop.",
			 w, h, sw, sh);
	static const char app[] = "vitrine-agent", summary[] = "The desktop outgrew the domain";
	struct vp_msg m = { .type = VP_NOTIFY };
	m.u.notify.id = MONITORS_NOTE_ID; /* its own: a later one replaces it */
	m.u.notify.app = (struct vp_string){ sizeof(app) - 1, (const uint8_t *)app };
	m.u.notify.summary = (struct vp_string){ sizeof(summary) - 1, (const uint8_t *)summary };
	m.u.notify.body = (struct vp_string){ n > 0 && n < (int)sizeof(body) ? (uint32_t)n : 0,
					      (const uint8_t *)body };
	agent_send(a, &m, -1);
	outgrown_shown = true;
}

void monitors_note_closed(void)
{
	outgrown_shown = false;
}

/* The desktop fits the screen again (the monitor unplugged): the
 * notification that it outgrew the domain is taken down, not left to say
 * what is no longer so. */
static void fits_again(struct agent *a)
{
	if (!outgrown_shown || a->daemon_minor < VP_MINOR_NOTIFY)
		return;
	struct vp_msg m = { .type = VP_NOTIFY_CLOSE };
	m.u.notify_id = MONITORS_NOTE_ID;
	agent_send(a, &m, -1);
	outgrown_shown = false;
	fprintf(stderr, "vitrine-agent: the screen holds the desktop again: its notification "
			"that the desktop outgrew the domain taken down\n");
}

/* RRSetScreenSize of w x h with the physical size of dpi, unless the screen
 * has both (the X server takes even its own size as a change: it clips its
 * root anew and exposes every window, and every application draws again).
 * *g: the screen's geometry, read again after a request. */
static xcb_generic_error_t *ask(struct agent *a, uint32_t w, uint32_t h, uint32_t dpi,
				xcb_get_geometry_reply_t **g)
{
	static uint32_t now_w, now_h; /* the screen's millimetres (0: as at the connection) */
	uint32_t mm_w = (uint32_t)((uint64_t)w * 254 / (10 * dpi));
	uint32_t mm_h = (uint32_t)((uint64_t)h * 254 / (10 * dpi));
	mm_w = mm_w ? mm_w : 1;
	mm_h = mm_h ? mm_h : 1;
	if (!now_w) {
		now_w = a->screen->width_in_millimeters;
		now_h = a->screen->height_in_millimeters;
	}
	if (*g && (*g)->width == w && (*g)->height == h && mm_w == now_w && mm_h == now_h)
		return NULL;
	xcb_generic_error_t *e = xcb_request_check(
		a->xc, xcb_randr_set_screen_size_checked(a->xc, a->root, (uint16_t)w, (uint16_t)h,
							 mm_w, mm_h));
	if (!e) {
		now_w = mm_w;
		now_h = mm_h;
	}
	free(*g);
	*g = xcb_get_geometry_reply(a->xc, xcb_get_geometry(a->xc, a->root), NULL);
	return e;
}

static void set_screen_size(struct agent *a, uint32_t w, uint32_t h, uint32_t dpi)
{
	static bool covered; /* the screen covered the last layout */
	xcb_get_geometry_reply_t *g =
		xcb_get_geometry_reply(a->xc, xcb_get_geometry(a->xc, a->root), NULL);
	/* a screen larger than the layout keeps its size (Xvfb's framebuffer:
	 * started as large as a desktop may grow, vitrine run; once its CRTC
	 * is the first monitor's, monitors-crtc.c, it would take a smaller
	 * one, and every window would be exposed anew for nothing) */
	bool larger = g && g->width >= w && g->height >= h && (g->width != w || g->height != h);
	xcb_generic_error_t *e = larger ? NULL : ask(a, w, h, dpi, &g);
	/* a screen that keeps a larger size still takes the dpi's physical
	 * size for the size it has (review: xdpyinfo's millimetres never
	 * followed the scale there) */
	if ((e || larger) && g && g->width >= w && g->height >= h) {
		xcb_generic_error_t *e2 = ask(a, g->width, g->height, dpi, &g);
		free(e2);
	}
	bool covers = g && g->width >= w && g->height >= h;
	if (covers && (g->width != w || g->height != h))
		/* the usual case: a domain's X server started as large as a
		 * desktop may grow (vitrine run), which Xvfb keeps (new-user
		 * trial 7: "refused" in every start's log sent a user hunting) */
		fprintf(stderr,
			"vitrine-agent: the domain's %ux%u screen holds the monitors' %ux%u "
			"(the X server keeps its size)\n",
			g->width, g->height, w, h);
	else if (!covers)
		fprintf(stderr,
			"vitrine-agent: the domain's X server keeps its %ux%u screen (the "
			"monitors are %ux%u%s)\n",
			g ? g->width : 0, g ? g->height : 0, w, h,
			e ? ": RRSetScreenSize refused" : "");
	if (covered && !covers && g)
		outgrown(a, g->width, g->height, w, h);
	else if (covers)
		fits_again(a);
	covered = covers;
	free(e);
	free(g);
}

/* Our monitors out, then the layout's in. */
static void set_monitors(struct agent *a, const struct vp_monitors *ms)
{
	xcb_randr_get_monitors_reply_t *r = xcb_randr_get_monitors_reply(
		a->xc, xcb_randr_get_monitors(a->xc, a->root, 0), NULL);
	for (xcb_randr_monitor_info_iterator_t it = r ? xcb_randr_get_monitors_monitors_iterator(r)
						      : (xcb_randr_monitor_info_iterator_t){ 0 };
	     it.rem; xcb_randr_monitor_info_next(&it))
		if (!it.data->automatic)
			xcb_randr_delete_monitor(a->xc, a->root, it.data->name);
	free(r);
	xcb_randr_get_screen_resources_current_reply_t *res =
		xcb_randr_get_screen_resources_current_reply(
			a->xc, xcb_randr_get_screen_resources_current(a->xc, a->root), NULL);
	xcb_randr_output_t out = XCB_NONE;
	if (res && res->num_outputs)
		out = xcb_randr_get_screen_resources_current_outputs(res)[0];
	free(res);
	uint16_t sw = a->screen->width_in_pixels, sh = a->screen->height_in_pixels;
	for (uint32_t i = 0; i < ms->n; i++) {
		const struct vp_monitor *m = &ms->m[i];
		char name[32];
		snprintf(name, sizeof(name), NAME_FMT, i);
		if (m->x >= sw || m->y >= sh)
			fprintf(stderr,
				"vitrine-agent: monitor %u (%ux%u+%d+%d) is off the screen\n", i,
				m->w, m->h, m->x, m->y);
		xcb_randr_monitor_info_t info = {
			.name = agent_intern(a, name),
			.primary = i == 0,
			.automatic = 0,
			.nOutput = (uint16_t)(i == 0 && out != XCB_NONE),
			.x = (int16_t)m->x,
			.y = (int16_t)m->y,
			.width = (uint16_t)m->w,
			.height = (uint16_t)m->h,
			.width_in_millimeters = m->mm_w,
			.height_in_millimeters = m->mm_h,
		};
		set_monitor(a, &info, &out);
	}
	if (ms->n && out != XCB_NONE)
		monitors_set_crtc(a, ms);
}

/* Xft.dpi in RESOURCE_MANAGER, the other resources kept. */
static void set_dpi(struct agent *a, uint32_t dpi)
{
	xcb_atom_t rm = XCB_ATOM_RESOURCE_MANAGER;
	xcb_get_property_reply_t *p = xcb_get_property_reply(
		a->xc, xcb_get_property(a->xc, 0, a->root, rm, XCB_ATOM_STRING, 0, 16384), NULL);
	size_t n = p ? (size_t)xcb_get_property_value_length(p) : 0;
	const char *old = p ? xcb_get_property_value(p) : "";
	char *s = malloc(n + 32), *o = s;
	if (!s) {
		free(p);
		return;
	}
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(old + i, '\n', n - i);
		size_t l = nl ? (size_t)(nl - (old + i)) + 1 : n - i;
		if (!(l >= 8 && !memcmp(old + i, "Xft.dpi:", 8))) {
			memcpy(o, old + i, l);
			o += l;
			if (!nl)
				*o++ = '\n';
		}
		i += l;
	}
	o += sprintf(o, "Xft.dpi:\t%u\n", dpi);
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, a->root, rm, XCB_ATOM_STRING, 8,
			    (uint32_t)(o - s), s);
	free(s);
	free(p);
}

void monitors_apply(struct agent *a, const struct vp_monitors *ms)
{
	uint32_t w = 0, h = 0;
	for (uint32_t i = 0; i < ms->n; i++) {
		const struct vp_monitor *m = &ms->m[i];
		w = (uint32_t)m->x + m->w > w ? (uint32_t)m->x + m->w : w;
		h = (uint32_t)m->y + m->h > h ? (uint32_t)m->y + m->h : h;
		fprintf(stderr, "vitrine-agent: monitor %u: %ux%u+%d+%d (%ux%u mm)\n", i, m->w,
			m->h, m->x, m->y, m->mm_w, m->mm_h);
	}
	fprintf(stderr, "vitrine-agent: dpi %u\n", ms->dpi);
	a->layout_w = w, a->layout_h = h;
	if (ms->n)
		a->primary = ms->m[0];
	const xcb_query_extension_reply_t *ext = xcb_get_extension_data(a->xc, &xcb_randr_id);
	xcb_randr_query_version_reply_t *v =
		ext && ext->present ? xcb_randr_query_version_reply(
					      a->xc, xcb_randr_query_version(a->xc, 1, 5), NULL)
				    : NULL;
	bool rr15 = v && (v->major_version > 1 || v->minor_version >= 5);
	free(v);
	if (rr15) {
		set_screen_size(a, w, h, ms->dpi);
		set_monitors(a, ms);
	} else {
		fprintf(stderr, "vitrine-agent: no RandR 1.5 in the domain: monitors not set\n");
	}
	set_dpi(a, ms->dpi);
	xsettings_set_dpi(a, ms->dpi);
	xcb_flush(a->xc);
}
