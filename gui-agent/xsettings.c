/*
 * Live dpi for running applications (issue 14 item 6): the agent is the
 * XSETTINGS manager of its domain's X server, unless a settings daemon of
 * the domain is already (then that one's settings stand, and a line says
 * so). It owns _XSETTINGS_S<screen> with a window of its own, says so to the
 * root (MANAGER, as ICCCM's manager selections do: running GTK applications
 * notice the new manager), and keeps _XSETTINGS_SETTINGS on that window
 * (the XSETTINGS format: byte order, serial, the settings each with the
 * serial of its last change), the serial bumped on every change, so that
 * GTK re-reads it and redraws at once:
 *
 *   Xft/DPI                  1024 x the dpi (what GTK and Xft render fonts at)
 *   Gdk/WindowScalingFactor  the dpi's whole multiple of 96 (at least 1): GTK
 *                            draws its windows that many times larger
 *   Gdk/UnscaledDPI          1024 x the dpi / that factor (GTK's fonts within
 *                            the scaled windows)
 *
 * as GNOME's settings daemon publishes a scale. The dpi is the one MONITORS
 * carries (the daemon's first monitor's; monitors_apply calls here). Each
 * update checks the selection is still ours: a settings daemon that took it
 * since keeps it, and the agent stops publishing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"

#define NSET 3

static const char *const names[NSET] = { "Gdk/UnscaledDPI", "Gdk/WindowScalingFactor", "Xft/DPI" };

static struct {
	bool tried, owned;
	xcb_window_t win;
	xcb_atom_t selection, settings;
	uint32_t serial; /* of the last change published */
	int32_t value[NSET];
	uint32_t changed[NSET]; /* the serial each value last changed at */
} xs;

static int screen_number(struct agent *a)
{
	int n = 0;
	for (xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(a->xc));
	     it.rem && it.data->root != a->root; xcb_screen_next(&it))
		n++;
	return n;
}

static xcb_window_t owner(struct agent *a)
{
	xcb_get_selection_owner_reply_t *o = xcb_get_selection_owner_reply(
		a->xc, xcb_get_selection_owner(a->xc, xs.selection), NULL);
	xcb_window_t w = o ? o->owner : XCB_NONE;
	free(o);
	return w;
}

/* The selection, if nobody has it. */
static void take(struct agent *a)
{
	char sel[32];
	snprintf(sel, sizeof(sel), "_XSETTINGS_S%d", screen_number(a));
	xs.selection = agent_intern(a, sel);
	xs.settings = agent_intern(a, "_XSETTINGS_SETTINGS");
	xcb_window_t other = xs.selection ? owner(a) : XCB_NONE;
	if (!xs.selection || !xs.settings || other != XCB_NONE) {
		fprintf(stderr,
			"vitrine-agent: %s is owned (0x%x): the domain's settings daemon keeps "
			"the XSETTINGS, running applications do not follow the dpi\n",
			sel, other);
		return;
	}
	xs.win = xcb_generate_id(a->xc);
	xcb_create_window(a->xc, 0, xs.win, a->root, -1, -1, 1, 1, 0, XCB_WINDOW_CLASS_INPUT_ONLY,
			  XCB_COPY_FROM_PARENT, 0, NULL);
	xcb_set_selection_owner(a->xc, xs.win, xs.selection, XCB_CURRENT_TIME);
	if (owner(a) != xs.win) {
		fprintf(stderr, "vitrine-agent: %s: another manager came first\n", sel);
		xcb_destroy_window(a->xc, xs.win);
		return;
	}
	xs.owned = true;
	xcb_client_message_event_t ev = { .response_type = XCB_CLIENT_MESSAGE,
					  .format = 32,
					  .window = a->root,
					  .type = agent_intern(a, "MANAGER") };
	ev.data.data32[0] = XCB_CURRENT_TIME;
	ev.data.data32[1] = xs.selection;
	ev.data.data32[2] = xs.win;
	xcb_send_event(a->xc, 0, a->root, XCB_EVENT_MASK_STRUCTURE_NOTIFY, (const char *)&ev);
	fprintf(stderr, "vitrine-agent: XSETTINGS manager of the domain (%s)\n", sel);
}

static uint8_t *put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
	return p + 4;
}

static void publish(struct agent *a)
{
	uint8_t buf[12 + NSET * (4 + 24 + 8)], *p = buf;
	const uint16_t one = 1;
	*p++ = *(const uint8_t *)&one ? 0 : 1; /* LSBFirst, MSBFirst: ours */
	memset(p, 0, 3);
	p = put32(p + 3, xs.serial);
	p = put32(p, NSET);
	for (unsigned i = 0; i < NSET; i++) {
		uint16_t len = (uint16_t)strlen(names[i]);
		*p++ = 0; /* XSettingsTypeInteger */
		*p++ = 0;
		memcpy(p, &len, 2);
		p += 2;
		memset(p, 0, (len + 3u) & ~3u);
		memcpy(p, names[i], len);
		p += (len + 3u) & ~3u;
		p = put32(p, xs.changed[i]);
		p = put32(p, (uint32_t)xs.value[i]);
	}
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, xs.win, xs.settings, xs.settings, 8,
			    (uint32_t)(p - buf), buf);
}

void xsettings_set_dpi(struct agent *a, uint32_t dpi)
{
	if (!xs.tried) {
		xs.tried = true;
		take(a);
	} else if (xs.owned && owner(a) != xs.win) {
		fprintf(stderr, "vitrine-agent: another XSETTINGS manager took over: the dpi "
				"is its to publish\n");
		xs.owned = false;
		xcb_destroy_window(a->xc, xs.win);
	}
	if (!xs.owned || !dpi)
		return;
	int32_t factor = dpi >= 192 ? (int32_t)(dpi / 96) : 1;
	int32_t v[NSET] = { (int32_t)(dpi * 1024) / factor, factor, (int32_t)(dpi * 1024) };
	if (xs.serial && !memcmp(v, xs.value, sizeof(v)))
		return;
	xs.serial++;
	for (unsigned i = 0; i < NSET; i++)
		if (v[i] != xs.value[i] || xs.serial == 1)
			xs.value[i] = v[i], xs.changed[i] = xs.serial;
	publish(a);
	fprintf(stderr, "vitrine-agent: XSETTINGS serial %u: Xft/DPI %d, scaling factor %d\n",
		xs.serial, v[2], factor);
}
