/*
 * The drm backend: vitrine as the display server (drm.h). The device comes
 * from the seat manager (seatd or logind, through libseat), or is opened
 * directly when the daemon runs as root and no seat manager answers (the
 * test machine). When the seat is taken away (a VT switch), nothing is
 * drawn or read until it comes back; then every output sets its mode again.
 */
#include <errno.h>
#include <fcntl.h>
#include <libseat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "drm.h"
#include "gui-daemon/render.h"
#include "gui-daemon/tray.h"

static void seat_log(enum libseat_log_level level, const char *fmt, va_list ap)
{
	(void)level;
	char line[256];
	vsnprintf(line, sizeof(line), fmt, ap);
	vlog("seat: %s", line);
}

static void seat_enable(struct libseat *seat, void *data)
{
	(void)seat;
	struct drm *d = data;
	d->active = true;
	if (d->nout) {
		vlog("drm: the seat is back: setting the mode again");
		drm_kms_restore(d);
	}
	if (d->input)
		drm_input_suspend(d->input, false);
}

static void seat_disable(struct libseat *seat, void *data)
{
	struct drm *d = data;
	vlog("drm: the seat went away (VT switch): the screen is given back");
	d->active = false;
	if (d->input)
		drm_input_suspend(d->input, true);
	libseat_disable_seat(seat);
}

static void handle_seat(struct source *src, uint32_t events)
{
	(void)events;
	struct drm *d = (struct drm *)((char *)src - offsetof(struct drm, seat_src));
	if (libseat_dispatch(d->seat, 0) < 0)
		vlog("drm: seat: %s", strerror(errno));
}

static void handle_drm(struct source *src, uint32_t events)
{
	(void)events;
	struct drm *d = (struct drm *)((char *)src - offsetof(struct drm, src));
	drm_kms_dispatch(d);
	drm_rate_flipped(d);
}

int drm_open_device(struct drm *d, const char *path, int flags, int *id)
{
	int fd = -1;
	*id = -1;
	if (d->seat) {
		*id = libseat_open_device(d->seat, path, &fd);
		if (*id < 0)
			return -1;
		return fd;
	}
	return open(path, flags | O_CLOEXEC | O_NOCTTY);
}

void drm_close_device(struct drm *d, int fd, int id)
{
	if (d->seat && id >= 0)
		libseat_close_device(d->seat, id);
	if (fd >= 0)
		close(fd);
}

static int open_seat(struct drm *d)
{
	static const struct libseat_seat_listener listener = {
		.enable_seat = seat_enable,
		.disable_seat = seat_disable,
	};
	libseat_set_log_handler(seat_log);
	libseat_set_log_level(LIBSEAT_LOG_LEVEL_ERROR);
	d->seat = libseat_open_seat(&listener, d);
	if (!d->seat) {
		if (geteuid() != 0) {
			vlog("drm: no seat manager (seatd or logind) and not root");
			return -1;
		}
		vlog("drm: no seat manager: opening the devices directly (root)");
		d->active = true;
		d->vt = drm_vt_open(d); /* before the card: its guard holds no DRM master */
		return 0;
	}
	/* the seat is ours once enable_seat came */
	for (int i = 0; i < 50 && !d->active; i++)
		if (libseat_dispatch(d->seat, 100) < 0)
			break;
	if (!d->active) {
		vlog("drm: seat %s was not given to us", libseat_seat_name(d->seat));
		return -1;
	}
	vlog("drm: seat %s", libseat_seat_name(d->seat));
	d->seat_src = (struct source){ .fd = libseat_get_fd(d->seat), .handle = handle_seat };
	return server_watch(d->srv, &d->seat_src, EPOLLIN);
}

/* The first /dev/dri/cardN that can set modes. */
static int open_card(struct drm *d)
{
	char path[32];
	for (int n = 0; n < 8; n++) {
		snprintf(path, sizeof(path), "/dev/dri/card%d", n);
		if (access(path, F_OK) < 0)
			continue;
		d->fd = drm_open_device(d, path, O_RDWR, &d->dev_id);
		if (d->fd < 0) {
			vlog("drm: %s: %s", path, strerror(errno));
			continue;
		}
		if (drm_kms_init(d) == 0) {
			vlog("drm: %s", path);
			return 0;
		}
		drm_kms_finish(d);
		drm_close_device(d, d->fd, d->dev_id);
		d->fd = -1;
	}
	vlog("drm: no DRM device with a connected output");
	return -1;
}

static void destroy(struct backend *b)
{
	struct drm *d = (struct drm *)b;
	if (!d)
		return;
	drm_input_destroy(d->input);
	drm_hotplug_destroy(d->hotplug);
	uint64_t flips = 0;
	for (int i = 0; i < d->nout; i++)
		flips += d->out[i].flips;
	if (flips)
		vlog("drm: %llu frames shown", (unsigned long long)flips);
	if (d->src.fd >= 0)
		server_unwatch(d->srv, &d->src);
	drm_cursor_finish(d);
	drm_gbm_finish(d); /* before the buffers it shares an output's slot with */
	drm_kms_finish(d);
	if (d->fd >= 0)
		drm_close_device(d, d->fd, d->dev_id);
	drm_ui_finish(d);
	tray_area_finish(&d->tray);
	if (d->renderer)
		d->renderer->ops->destroy(d->renderer);
	if (d->shadow)
		pixman_image_unref(d->shadow);
	if (d->seat) {
		server_unwatch(d->srv, &d->seat_src);
		libseat_close_seat(d->seat);
	}
	drm_vt_close(d->vt); /* the console in text mode again */
	free(d);
}

static struct backend *create(struct server *srv)
{
	const struct renderer_ops *rops = renderer_find(srv->cfg.renderer);
	if (!rops) {
		vlog("unknown renderer %s", srv->cfg.renderer);
		return NULL;
	}
	struct drm *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->base.ops = &drm_backend_ops;
	d->srv = srv;
	d->fd = d->src.fd = d->seat_src.fd = -1;
	if (open_seat(d) < 0 || open_card(d) < 0)
		goto fail;
	/* the scene: every output side by side */
	struct drm_output *last = &d->out[d->nout - 1];
	uint32_t w = (uint32_t)last->x + last->w, h = 0;
	for (int i = 0; i < d->nout; i++)
		h = d->out[i].h > h ? d->out[i].h : h;
	struct scene *s = &srv->scene;
	s->width = w;
	s->height = h;
	s->work = (pixman_box32_t){ 0, 0, (int32_t)w, (int32_t)h };
	pixman_region32_reset(&s->damage, &s->work);
	drm_tell_monitors(d);
	d->shadow = pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)w, (int)h, NULL, 0);
	/* gles2 into GBM buffers, or pixman into the shadow (also gles2's fallback) */
	struct render_output out = { w, h, d->shadow, 0, NULL };
	if (!d->shadow || drm_ui_init(d) < 0 ||
	    tray_area_init(&d->tray, srv, DRM_BAR_H, drm_ui_tray_damage) < 0)
		goto fail;
	d->want_gl = rops == &gles2_renderer_ops;
	if (d->want_gl)
		drm_gbm_init(d);
	if (!d->renderer && !(d->renderer = pixman_renderer_ops.create(&out)))
		goto fail;
	drm_cursor_init(d);
	d->src = (struct source){ .fd = d->fd, .handle = handle_drm };
	if (server_watch(srv, &d->src, EPOLLIN) < 0) {
		d->src.fd = -1;
		goto fail;
	}
	if (!(d->input = drm_input_create(d)))
		goto fail;
	d->hotplug = drm_hotplug_create(d); /* without: the outputs of the start */
	return &d->base;
fail:
	destroy(&d->base);
	return NULL;
}

static void repaint(struct backend *b, pixman_region32_t *damage)
{
	struct drm *d = (struct drm *)b;
	drm_ui_update(d);
	if (pixman_region32_not_empty(damage))
		d->renderer->ops->paint(d->renderer, &d->srv->scene, damage);
	drm_kms_frame(d, damage);
}

static pixman_image_t *output(struct backend *b)
{
	struct drm *d = (struct drm *)b;
	d->renderer->ops->read(d->renderer); /* gles2: into the shadow */
	return d->shadow;
}

/* Windows are composited from the scene at repaint; the renderer learns
 * which guest pixels changed. */
static void window_changed(struct backend *b, struct window *win, unsigned what)
{
	struct drm *d = (struct drm *)b;
	d->renderer->ops->window_changed(d->renderer, win, what);
	if (what & (WIN_CHANGED_CURSOR | WIN_CHANGED_MAP | WIN_CHANGED_GEOMETRY))
		drm_input_shape(d->input);
}

static void window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			   uint32_t h)
{
	struct renderer *r = ((struct drm *)b)->renderer;
	r->ops->window_damaged(r, win, x, y, w, h);
}

static void window_removed(struct backend *b, struct window *win)
{
	struct drm *d = (struct drm *)b;
	d->renderer->ops->window_removed(d->renderer, win);
	drm_input_window_removed(d->input, win);
	drm_input_shape(d->input);
	if (d->bar_focus == win)
		d->bar_focus = (struct window *)d; /* drawn again at the next repaint */
}

static void notice(struct backend *b, const char *text)
{
	struct drm *d = (struct drm *)b;
	struct scene *s = &d->srv->scene;
	d->renderer->ops->notice(d->renderer, text, &s->notice_area, &s->damage);
	pixman_region32_intersect_rect(&s->damage, &s->damage, 0, 0, s->width, s->height);
}

/* Tray icons in the bar, the notification under the notice's place: drawn
 * over everything at scan-out (drm-ui.c); the pointer's rules over them are
 * the core's (pointer.c, tray-area.h). */
static void tray(struct backend *b, struct tray_icon *t, unsigned what)
{
	tray_area_icon(&((struct drm *)b)->tray, t, what);
}

static void notify(struct backend *b, const struct dnotify *n)
{
	tray_area_notify(&((struct drm *)b)->tray, n);
}

static void notify_close(struct backend *b, const struct dnotify *n)
{
	tray_area_close(&((struct drm *)b)->tray, n);
}

/* Ctrl+Alt+Fn (the core's hotkey): the seat manager switches, or the
 * kernel in direct mode; the screen is given back when it happens. */
static void switch_vt(struct backend *b, unsigned vt)
{
	struct drm *d = (struct drm *)b;
	vlog("drm: Ctrl+Alt+F%u: switching to VT %u", vt, vt);
	if (d->seat && libseat_switch_session(d->seat, (int)vt) < 0)
		vlog("drm: the seat cannot switch to VT %u: %s", vt, strerror(errno));
	else if (!d->seat)
		drm_vt_switch(d->vt, vt);
}

const struct backend_ops drm_backend_ops = {
	.name = "drm",
	.caps = BACKEND_CAP_OUTPUT_IMAGE | BACKEND_CAP_VT,
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
	.switch_vt = switch_vt,
};
