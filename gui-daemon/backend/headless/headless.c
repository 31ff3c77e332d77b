/* The headless backend: the scene composited into an image in memory, for
 * tests, screenshots and benchmarks, by the renderer --renderer names
 * (pixman into the image; gles2 into its own framebuffer, read back into
 * the image when output() is asked for it). */
#include <stdlib.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/render.h"
#include "gui-daemon/server.h"
#include "gui-daemon/tray-area.h"

#define HEADLESS_TRAY_SLOT 28 /* top right, over the output */

struct headless {
	struct backend base;
	struct server *srv;
	pixman_image_t *image;
	struct renderer *renderer;
	struct tray_area tray; /* the tray area, domain notifications (tray-area.h) */
};

static void destroy(struct backend *b)
{
	struct headless *h = (struct headless *)b;
	if (!h)
		return;
	tray_area_finish(&h->tray);
	if (h->renderer)
		h->renderer->ops->destroy(h->renderer);
	if (h->image)
		pixman_image_unref(h->image);
	free(h);
}

/* The tray area and the notification are drawn over the output: what was
 * under them is composited again. */
static void damage(struct tray_area *t, const pixman_box32_t *b, bool icons)
{
	(void)icons;
	struct scene *s = &t->srv->scene;
	pixman_region32_union_rect(&s->damage, &s->damage, b->x1, b->y1, (unsigned)(b->x2 - b->x1),
				   (unsigned)(b->y2 - b->y1));
	pixman_region32_intersect_rect(&s->damage, &s->damage, 0, 0, s->width, s->height);
}

static struct backend *create(struct server *srv)
{
	const struct renderer_ops *rops = renderer_find(srv->cfg.renderer);
	if (!rops) {
		vlog("unknown renderer %s", srv->cfg.renderer);
		return NULL;
	}
	struct headless *h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->base.ops = &headless_backend_ops;
	h->srv = srv;
	h->tray.timer.fd = -1;
	h->image = pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)srv->scene.width,
					    (int)srv->scene.height, NULL, 0);
	if (h->image) {
		struct render_output out = { srv->scene.width, srv->scene.height, h->image, 0,
					     NULL };
		h->renderer = rops->create(&out);
	}
	if (!h->renderer || tray_area_init(&h->tray, srv, HEADLESS_TRAY_SLOT, damage) < 0) {
		destroy(&h->base);
		return NULL;
	}
	return &h->base;
}

static void repaint(struct backend *b, pixman_region32_t *damage)
{
	struct headless *h = (struct headless *)b;
	if (!pixman_region32_not_empty(damage))
		return;
	h->renderer->ops->paint(h->renderer, &h->srv->scene, damage);
}

static pixman_image_t *output(struct backend *b)
{
	struct headless *h = (struct headless *)b;
	h->renderer->ops->read(h->renderer);
	tray_area_draw_icons(&h->tray, h->image, 0, 0);
	tray_area_draw_notice(&h->tray, h->image, 0, 0);
	return h->image;
}

/* Each window is composited from the scene at repaint: its changes reach
 * the output through the scene's damage; the renderer learns which guest
 * pixels changed (gles2 uploads only those). */
static void window_changed(struct backend *b, struct window *win, unsigned what)
{
	struct renderer *r = ((struct headless *)b)->renderer;
	r->ops->window_changed(r, win, what);
}

static void window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			   uint32_t h)
{
	struct renderer *r = ((struct headless *)b)->renderer;
	r->ops->window_damaged(r, win, x, y, w, h);
}

static void window_removed(struct backend *b, struct window *win)
{
	struct renderer *r = ((struct headless *)b)->renderer;
	r->ops->window_removed(r, win);
}

/* The notice is composited over the output at the next repaint. */
static void notice(struct backend *b, const char *text)
{
	struct headless *h = (struct headless *)b;
	struct scene *s = &h->srv->scene;
	h->renderer->ops->notice(h->renderer, text, &s->notice_area, &s->damage);
	pixman_region32_intersect_rect(&s->damage, &s->damage, 0, 0, s->width, s->height);
}

static void tray(struct backend *b, struct tray_icon *t, unsigned what)
{
	tray_area_icon(&((struct headless *)b)->tray, t, what);
}

static void notify(struct backend *b, const struct dnotify *n)
{
	tray_area_notify(&((struct headless *)b)->tray, n);
}

static void notify_close(struct backend *b, const struct dnotify *n)
{
	tray_area_close(&((struct headless *)b)->tray, n);
}

const struct backend_ops headless_backend_ops = {
	.name = "headless",
	.caps = BACKEND_CAP_OUTPUT_IMAGE,
	.create = create,
	.destroy = destroy,
	.repaint = repaint,
	.output = output,
	.window_changed = window_changed,
	.window_damaged = window_damaged,
	.window_removed = window_removed,
	.notice = notice,
	.tray = tray,
	.notify = notify,
	.notify_close = notify_close,
};
