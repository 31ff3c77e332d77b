/*
 * vt-xsettings: the XSETTINGS of an X server ($DISPLAY), as a GTK
 * application reads them: the owner of _XSETTINGS_S<screen>, and its
 * _XSETTINGS_SETTINGS property decoded (either byte order).
 *
 *   vt-xsettings    "owner 0xWINDOW serial N", then one line a setting:
 *                   "NAME VALUE" (an integer; a string in quotes; a colour
 *                   as r,g,b,a)
 *
 * Exit 0 on success, 1 if nobody owns the selection or the property is
 * missing or malformed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>

static const uint8_t *p, *end;
static int msb;

static int get(uint32_t *v, unsigned n)
{
	if ((size_t)(end - p) < n)
		return -1;
	uint32_t x = 0;
	for (unsigned i = 0; i < n; i++)
		x |= (uint32_t)p[msb ? i : n - 1 - i] << (8 * (n - 1 - i));
	p += n;
	*v = x;
	return 0;
}

static int skip(size_t n)
{
	if ((size_t)(end - p) < n)
		return -1;
	p += n;
	return 0;
}

static xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
	xcb_intern_atom_reply_t *r =
		xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
	xcb_atom_t a = r ? r->atom : XCB_NONE;
	free(r);
	return a;
}

int main(void)
{
	int screen;
	xcb_connection_t *c = xcb_connect(NULL, &screen);
	if (xcb_connection_has_error(c))
		return 1;
	char sel[32];
	snprintf(sel, sizeof(sel), "_XSETTINGS_S%d", screen);
	xcb_get_selection_owner_reply_t *o =
		xcb_get_selection_owner_reply(c, xcb_get_selection_owner(c, atom(c, sel)), NULL);
	xcb_window_t w = o ? o->owner : XCB_NONE;
	free(o);
	if (w == XCB_NONE) {
		printf("no owner of %s\n", sel);
		return 1;
	}
	xcb_atom_t prop = atom(c, "_XSETTINGS_SETTINGS");
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		c, xcb_get_property(c, 0, w, prop, XCB_GET_PROPERTY_TYPE_ANY, 0, 65536), NULL);
	if (!r || r->format != 8 || xcb_get_property_value_length(r) < 12) {
		printf("owner 0x%x: no _XSETTINGS_SETTINGS\n", w);
		return 1;
	}
	p = xcb_get_property_value(r);
	end = p + xcb_get_property_value_length(r);
	msb = p[0] == 1;
	uint32_t serial, n, v, len, type;
	if (skip(4) || get(&serial, 4) || get(&n, 4))
		return 1;
	printf("owner 0x%x serial %u\n", w, serial);
	for (uint32_t i = 0; i < n; i++) {
		if (get(&type, 1) || skip(1) || get(&len, 2) || (size_t)(end - p) < len)
			return 1;
		const char *name = (const char *)p;
		if (skip((len + 3u) & ~3u) || get(&v, 4)) /* the name, the last-change serial */
			return 1;
		printf("%.*s ", (int)len, name);
		if (type == 0) {
			if (get(&v, 4))
				return 1;
			printf("%d\n", (int32_t)v);
		} else if (type == 1) {
			uint32_t sl;
			if (get(&sl, 4) || (size_t)(end - p) < sl)
				return 1;
			printf("\"%.*s\"\n", (int)sl, (const char *)p);
			if (skip((sl + 3u) & ~3u))
				return 1;
		} else if (type == 2) {
			uint32_t rgba[4];
			for (int k = 0; k < 4; k++)
				if (get(&rgba[k], 2))
					return 1;
			printf("%u,%u,%u,%u\n", rgba[0], rgba[1], rgba[2], rgba[3]);
		} else {
			return 1;
		}
	}
	free(r);
	xcb_disconnect(c);
	return 0;
}
