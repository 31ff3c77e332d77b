/*
 * CURSOR and ICON from a domain. Both arrive decoded (protocol/desktop.c:
 * a known shape number; an icon of at most VP_MAX_ICON a side whose length
 * matches). What is checked here is state: the icon quota. An icon is
 * marked with the domain's label colour here, once, before any backend or
 * title bar sees it: no backend can show it unmarked.
 */
#include "desktop.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "props.h"

uint64_t icon_quota(const struct domain *d)
{
	uint64_t q = (uint64_t)d->cfg->quota.windows * ICON_AGENT_MAX * ICON_AGENT_MAX * 4u;
	return q < (1u << 20) ? 1u << 20 : q;
}

uint32_t icon_mark(uint32_t argb, uint32_t label_rgb)
{
	uint32_t r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
	uint32_t grey = (299 * r + 587 * g + 114 * b) / 1000;
	uint32_t out = argb & 0xff000000u;
	for (unsigned shift = 0; shift <= 16; shift += 8) {
		uint32_t l = (label_rgb >> shift) & 0xff;
		out |= ((3 * l + 2 * grey) / 5) << shift;
	}
	return out;
}

static void damage_titlebar(struct domain *d, struct window *win)
{
	if (win->mapped)
		scene_damage_box(&d->srv->scene, win->x,
				 win->y - scene_titlebar(&d->srv->scene, win), win->w,
				 (uint32_t)scene_titlebar(&d->srv->scene, win));
}

const char *handle_cursor(struct domain *d, struct window *win, const struct vp_msg *m)
{
	if (win->cursor == m->u.cursor) /* below VP_CURSOR_COUNT: its decoder */
		return NULL;
	win->cursor = m->u.cursor;
	backend_window_changed(d->srv->backend, win, WIN_CHANGED_CURSOR);
	return NULL;
}

void window_icon_free(struct window *win)
{
	if (win->icon_image)
		pixman_image_unref(win->icon_image);
	win->dom->icon_bytes -= 4ull * win->icon_w * win->icon_h;
	free(win->icon_argb);
	win->icon_image = NULL;
	win->icon_argb = NULL;
	win->icon_w = win->icon_h = 0;
}

/* The marked pixels of the guest's icon, as _NET_WM_ICON wants them and
 * premultiplied for pixman; false when out of memory. */
static bool mark(struct window *win, const struct vp_icon *untrusted_icon, uint32_t label)
{
	uint32_t w = untrusted_icon->width, h = untrusted_icon->height;
	uint32_t *argb = malloc(4ull * w * h);
	pixman_image_t *img = pixman_image_create_bits(PIXMAN_a8r8g8b8, (int)w, (int)h, NULL, 0);
	if (!argb || !img) {
		free(argb);
		if (img)
			pixman_image_unref(img);
		return false;
	}
	uint32_t *pre = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			const uint8_t *p = untrusted_icon->pixels + 4u * (y * w + x);
			uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
				     (uint32_t)p[3] << 24;
			uint32_t c = icon_mark(v, label), a = c >> 24;
			argb[y * w + x] = c;
			pre[y * (uint32_t)stride + x] =
				a << 24 | (((c >> 16) & 0xff) * a / 255) << 16 |
				(((c >> 8) & 0xff) * a / 255) << 8 | (c & 0xff) * a / 255;
		}
	win->icon_argb = argb;
	win->icon_image = img;
	win->icon_w = w;
	win->icon_h = h;
	return true;
}

const char *handle_icon(struct domain *d, struct window *win, const struct vp_msg *m)
{
	const struct vp_icon *untrusted_icon = &m->u.icon;
	uint64_t need = 4ull * untrusted_icon->width * untrusted_icon->height;
	uint64_t after = d->icon_bytes - 4ull * win->icon_w * win->icon_h + need;
	if (after > icon_quota(d)) {
		domain_refuse(d, RL_ICON,
			      "window %u: icon of %ux%u refused at the icon quota (%llu KiB); it "
			      "keeps its old icon",
			      win->id, untrusted_icon->width, untrusted_icon->height,
			      (unsigned long long)(icon_quota(d) >> 10));
		return NULL;
	}
	window_icon_free(win);
	if (need) {
		if (!mark(win, untrusted_icon, domain_rgb(d)))
			return "out of memory";
		d->icon_bytes += need;
	}
	damage_titlebar(d, win);
	props_changed(win, WIN_CHANGED_ICON); /* at its domain's rate (props.h) */
	return NULL;
}
