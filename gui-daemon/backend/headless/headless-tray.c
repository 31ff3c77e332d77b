/* The headless backend's tray area and domain notifications (headless-tray.h). */
#include "headless-tray.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/notice.h"
#include "gui-daemon/notify.h"

/* Visit every shown icon in tray order with its slot's left edge. */
#define EACH_ICON(t, icon, x)                                                                      \
	for (int di_ = 0, x = (int32_t)(t)->srv->scene.width; di_ < (t)->srv->ndomains; di_++)     \
		for (unsigned ii_ = 0; ii_ < TRAY_PER_DOMAIN; ii_++)                               \
			if (((icon) = (t)->srv->domains[di_]->tray.icons[ii_]) &&                  \
			    (x -= HTRAY_SLOT) >= 0)

static void damage_tray(struct htray *t)
{
	struct scene *s = &t->srv->scene;
	uint32_t w = HTRAY_SLOT * TRAY_PER_DOMAIN * (uint32_t)t->srv->ndomains;
	if (w > s->width)
		w = s->width;
	pixman_region32_union_rect(&s->damage, &s->damage, (int)(s->width - w), 0, w, HTRAY_SLOT);
}

static void damage_notice(struct htray *t)
{
	struct scene *s = &t->srv->scene;
	pixman_region32_union_rect(&s->damage, &s->damage, t->box.x1, t->box.y1,
				   (unsigned)(t->box.x2 - t->box.x1),
				   (unsigned)(t->box.y2 - t->box.y1));
	pixman_region32_intersect_rect(&s->damage, &s->damage, 0, 0, s->width, s->height);
}

static void expired(struct source *src, uint32_t events)
{
	(void)events;
	struct htray *t = (struct htray *)((char *)src - offsetof(struct htray, timer));
	uint64_t n;
	if (read(src->fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	if (t->shown) {
		t->shown = false;
		damage_notice(t);
		t->srv->changes++;
	}
	if (t->note) {
		const struct dnotify *note = t->note;
		t->note = NULL;
		notify_closed(note, VP_NOTIFY_EXPIRED);
	}
}

int htray_init(struct htray *t, struct server *srv)
{
	memset(t, 0, sizeof(*t));
	t->srv = srv;
	t->timer.handle = expired;
	t->timer.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (t->timer.fd < 0 || server_watch(srv, &t->timer, EPOLLIN) < 0) {
		vlog("headless: no timer for notifications: %s", strerror(errno));
		return -1;
	}
	return 0;
}

void htray_finish(struct htray *t)
{
	if (t->timer.fd >= 0 && t->srv) {
		server_unwatch(t->srv, &t->timer);
		close(t->timer.fd);
	}
	t->timer.fd = -1;
}

void htray_icon(struct htray *t, struct tray_icon *icon, unsigned what)
{
	(void)icon, (void)what;
	damage_tray(t); /* the slots after a gone icon move */
}

void htray_close(struct htray *t, const struct dnotify *n)
{
	if (t->note != n)
		return;
	t->note = NULL;
	if (t->shown)
		damage_notice(t);
	t->shown = false;
	struct itimerspec off = { 0 };
	timerfd_settime(t->timer.fd, 0, &off, NULL);
}

void htray_notify(struct htray *t, const struct dnotify *n)
{
	if (t->shown)
		damage_notice(t);
	if (t->note && t->note != n) { /* drawn over: it is gone */
		const struct dnotify *old = t->note;
		t->note = NULL;
		notify_closed(old, VP_NOTIFY_UNDEFINED);
	}
	t->note = n;
	snprintf(t->domain, sizeof(t->domain), "%s", n->domain);
	snprintf(t->text, sizeof(t->text), "%s%s%s", n->summary, n->body[0] ? ": " : "", n->body);
	t->rgb = n->rgb;
	struct scene *s = &t->srv->scene;
	pixman_box32_t area = s->work;
	area.y1 += DECO_NOTICE_HEIGHT + 6; /* under the daemon's notice */
	if (area.y1 >= area.y2)
		area.y1 = s->work.y1;
	deco_dnotice_box(t->domain, t->text, &area, &t->box);
	notify_drawn(n, &t->box);
	t->shown = true;
	damage_notice(t);
	struct itimerspec it = { .it_value = { NOTICE_MS / 1000, (NOTICE_MS % 1000) * 1000000L } };
	timerfd_settime(t->timer.fd, 0, &it, NULL);
}

void htray_draw(struct htray *t, pixman_image_t *img)
{
	struct tray_icon *icon;
	EACH_ICON(t, icon, x)
	tray_paint(img, icon, x, 0, HTRAY_SLOT);
	if (t->shown && !t->srv->scene.locked)
		deco_dnotice_draw(img, &t->box, t->domain, t->rgb, t->text, NULL);
}

struct tray_icon *htray_at(struct htray *t, int32_t px, int32_t py, int32_t *ix, int32_t *iy)
{
	struct tray_icon *icon;
	if (py < HTRAY_BORDER || py >= HTRAY_BORDER + HTRAY_ICON)
		return NULL;
	EACH_ICON(t, icon, x)
	if (px >= x + HTRAY_BORDER && px < x + HTRAY_BORDER + HTRAY_ICON) {
		*ix = (px - x - HTRAY_BORDER) * (int32_t)icon->w / HTRAY_ICON;
		*iy = (py - HTRAY_BORDER) * (int32_t)icon->h / HTRAY_ICON;
		return icon;
	}
	return NULL;
}
