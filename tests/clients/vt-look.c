/*
 * vt-look: what the user sees of the pointer and of a window's icon on an X
 * server ($DISPLAY), for the tests of the desktop's cursors and icons.
 *
 *   vt-look cursor          the name of the cursor shown now (XFixes; the
 *                           x11 backend names each cursor it makes after
 *                           its shape), or "none" for an unnamed one
 *   vt-look icon ID OUT.png the first image of window ID's _NET_WM_ICON as
 *                           an RGBA PNG; prints "WxH RRGGBB" (the colour of
 *                           its middle pixel), or "none" without one
 *
 * Exit 0 on success, 1 on an X error, 2 on a usage error.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>
#include <xcb/xfixes.h>

static xcb_connection_t *c;

static int cursor(void)
{
	free(xcb_xfixes_query_version_reply(c, xcb_xfixes_query_version(c, 4, 0), NULL));
	xcb_xfixes_get_cursor_image_and_name_reply_t *r =
		xcb_xfixes_get_cursor_image_and_name_reply(
			c, xcb_xfixes_get_cursor_image_and_name(c), NULL);
	if (!r)
		return 1;
	int n = xcb_xfixes_get_cursor_image_and_name_name_length(r);
	if (n > 0)
		printf("%.*s\n", n, xcb_xfixes_get_cursor_image_and_name_name(r));
	else
		printf("none\n");
	free(r);
	return 0;
}

static int icon(const char *id, const char *path)
{
	xcb_window_t w = (xcb_window_t)strtoul(id, NULL, 0);
	xcb_intern_atom_reply_t *a =
		xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, 12, "_NET_WM_ICON"), NULL);
	if (!a)
		return 1;
	xcb_get_property_reply_t *r = xcb_get_property_reply(
		c, xcb_get_property(c, 0, w, a->atom, XCB_ATOM_CARDINAL, 0, 1u << 20), NULL);
	free(a);
	size_t n = r && r->format == 32 ? (size_t)xcb_get_property_value_length(r) / 4 : 0;
	const uint32_t *v = n ? xcb_get_property_value(r) : NULL;
	if (n < 2 || (uint64_t)v[0] * v[1] > n - 2 || !v[0] || !v[1]) {
		printf("none\n");
		free(r);
		return 0;
	}
	uint32_t iw = v[0], ih = v[1];
	uint8_t *rgba = malloc((size_t)iw * ih * 4);
	if (!rgba)
		return 1;
	for (size_t i = 0; i < (size_t)iw * ih; i++) {
		uint32_t p = v[2 + i];
		rgba[4 * i] = (uint8_t)(p >> 16);
		rgba[4 * i + 1] = (uint8_t)(p >> 8);
		rgba[4 * i + 2] = (uint8_t)p;
		rgba[4 * i + 3] = (uint8_t)(p >> 24);
	}
	printf("%ux%u %06x\n", iw, ih, v[2 + (ih / 2) * iw + iw / 2] & 0xffffff);
	png_image pi;
	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	pi.width = iw;
	pi.height = ih;
	pi.format = PNG_FORMAT_RGBA;
	int ok = png_image_write_to_file(&pi, path, 0, rgba, 0, NULL);
	free(rgba);
	free(r);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	int rc = 2;
	c = xcb_connect(NULL, NULL);
	if (xcb_connection_has_error(c)) {
		fprintf(stderr, "vt-look: cannot connect to the X server\n");
		return 1;
	}
	if (argc == 2 && !strcmp(argv[1], "cursor"))
		rc = cursor();
	else if (argc == 4 && !strcmp(argv[1], "icon"))
		rc = icon(argv[2], argv[3]);
	else
		fprintf(stderr, "usage: vt-look cursor | icon ID OUT.png\n");
	xcb_disconnect(c);
	return rc;
}
