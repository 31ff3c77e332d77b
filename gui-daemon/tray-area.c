/* The daemon's own tray area and domain notifications (tray-area.h). */
#include "tray-area.h"

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

/* Visit every shown icon in tray order with its slot's left edge: each
 * place (tray_area.place, laid out by tray_area_icon), empty ones too. */
#define EACH_ICON(t, icon, x)                                                                      \
	for (int32_t pi_ = 0, x = (int32_t)(t)->srv->scene.width; pi_ < (int32_t)(t)->nplaces;     \
	     pi_++)                                                                                \
		if ((x -= (t)->slot) >= 0 && ((icon) = (t)->place[pi_]))

/* n's actions but its default one (a click elsewhere on it), as buttons;
 * action[k]: button k's action. */
void tray_area_note_buttons(const struct dnotify *n, struct deco_buttons *btn, unsigned *action)
{
	btn->n = 0;
	for (uint32_t i = 0; n && i < n->nactions && btn->n < DECO_DNOTICE_BUTTONS; i++)
		if (i + 1 != n->default_action && n->labels[i][0]) {
			action[btn->n] = i;
			btn->label[btn->n++] = n->labels[i];
		}
}

static void damage_tray(struct tray_area *t)
{
	struct scene *s = &t->srv->scene;
	uint32_t w = (uint32_t)t->slot * TRAY_PLACES; /* (places of gone domains too) */
	if (w > s->width)
		w = s->width;
	pixman_box32_t b = { (int32_t)(s->width - w), 0, (int32_t)s->width, t->slot };
	t->damage(t, &b, true);
}

void tray_area_take_down(struct tray_area *t)
{
	if (!t->shown)
		return;
	if (t->note) { /* (its domain's next one soon after: the same turn) */
		snprintf(t->last_dom, sizeof(t->last_dom), "%s", t->note->domain);
		t->last_end_ms = now_ms();
	}
	t->shown = false;
	t->damage(t, &t->box, false);
	struct itimerspec off = { 0 };
	timerfd_settime(t->timer.fd, 0, &off, NULL);
	t->srv->changes++;
}

/* The timer: ms from now, the shown one's end. */
static void arm(struct tray_area *t, uint64_t ms)
{
	struct itimerspec it = { .it_value = { (time_t)(ms / 1000),
					       (long)(ms % 1000) * 1000000L } };
	if (!ms)
		it.it_value.tv_nsec = 1; /* (0 would disarm it) */
	timerfd_settime(t->timer.fd, 0, &it, NULL);
}

/* What is left of the shown one's domain's turn, in ms. */
static uint64_t turn_left(const struct tray_area *t)
{
	uint64_t up = now_ms() - t->turn_ms;
	return up < DNOTIFY_TURN_MS ? DNOTIFY_TURN_MS - up : 0;
}

/* n waits for its turn no more: true if it did. */
static bool unqueue(struct tray_area *t, const struct dnotify *n)
{
	for (unsigned i = 0; i < t->nwaiting; i++)
		if (t->waiting[i] == n) {
			memmove(t->waiting + i, t->waiting + i + 1,
				(t->nwaiting - i - 1) * sizeof(t->waiting[0]));
			t->nwaiting--;
			return true;
		}
	return false;
}

/* Another domain's n waits for the one shown, at the back (its domain's
 * older one waiting is replaced); the one shown has its turn's end. */
static void queue(struct tray_area *t, const struct dnotify *n)
{
	for (unsigned i = 0; i < t->nwaiting; i++)
		if (t->waiting[i]->dom == n->dom) {
			const struct dnotify *old = t->waiting[i];
			unqueue(t, old);
			notify_closed(old, VP_NOTIFY_UNDEFINED); /* its own newer one */
			break;
		}
	if (t->nwaiting == MAX_DOMAINS) /* (one a domain: never) */
		return;
	t->waiting[t->nwaiting++] = n;
	arm(t, turn_left(t)); /* (never later than its end: DNOTIFY_MS > the turn) */
}

/* The shown one went: the next one waiting, if any. */
static void next(struct tray_area *t)
{
	if (!t->nwaiting)
		return;
	const struct dnotify *n = t->waiting[0];
	unqueue(t, n);
	tray_area_notify(t, n);
}

static void expired(struct source *src, uint32_t events)
{
	(void)events;
	struct tray_area *t = (struct tray_area *)((char *)src - offsetof(struct tray_area, timer));
	uint64_t n;
	if (read(src->fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return;
	tray_area_take_down(t);
	if (t->note && now_ms() - t->turn_ms + 100 >= DNOTIFY_TURN_MAX_MS) { /* (the cap) */
		snprintf(t->rest_dom, sizeof(t->rest_dom), "%s", t->note->domain);
		t->rest_until = now_ms() + DNOTIFY_REST_MS;
		t->rest_told = false;
	}
	if (t->note) {
		const struct dnotify *note = t->note;
		t->note = NULL;
		notify_closed(note, VP_NOTIFY_EXPIRED);
	}
	next(t);
}

int tray_area_init(struct tray_area *t, struct server *srv, int32_t slot,
		   void (*damage)(struct tray_area *, const pixman_box32_t *, bool))
{
	memset(t, 0, sizeof(*t));
	t->srv = srv;
	t->slot = slot;
	t->damage = damage;
	t->timer.handle = expired;
	t->timer.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (t->timer.fd < 0 || server_watch(srv, &t->timer, EPOLLIN) < 0) {
		vlog("no timer for notifications: %s", strerror(errno));
		if (t->timer.fd >= 0)
			close(t->timer.fd);
		t->timer.fd = -1;
		return -1;
	}
	srv->tray_area = t;
	return 0;
}

void tray_area_finish(struct tray_area *t)
{
	if (t->timer.fd >= 0 && t->srv) {
		server_unwatch(t->srv, &t->timer);
		close(t->timer.fd);
	}
	if (t->srv && t->srv->tray_area == t)
		t->srv->tray_area = NULL;
	t->timer.fd = -1;
}

void tray_area_icon(struct tray_area *t, struct tray_icon *icon, unsigned what)
{
	/* Where each icon is now: one docked or undocked moves every icon after
	 * it, and a press on an icon that came under the pointer a moment ago
	 * is the click guard's (tray_icon_at; hostile-domain trial 15 #3:
	 * untrusted docked an icon as the user clicked at bank's, and the
	 * press, then the keys, went to untrusted's). */
	unsigned i = 0, mine = TRAY_PLACES, free = TRAY_PLACES;
	while (icon && i < t->nplaces && t->place[i] != icon)
		i++;
	if (!icon) { /* (a domain went: its icons did) */
	} else if (what == TRAY_GONE && i < t->nplaces) {
		t->place[i] = NULL; /* (its domain's, unless it goes too) */
		if (icon->dom->destroying)
			t->owner[i] = NULL;
	} else if (what != TRAY_GONE && i == t->nplaces) { /* a new one */
		for (i = 0; i < t->nplaces; i++)
			if (!t->place[i] && t->owner[i] == icon->dom && mine == TRAY_PLACES)
				mine = i;
			else if (!t->place[i] && !t->owner[i] && free == TRAY_PLACES)
				free = i;
		i = mine < TRAY_PLACES ? mine : free < TRAY_PLACES ? free : t->nplaces;
		if (i == TRAY_PLACES) /* (the quota keeps it from) */
			return;
		if (i == t->nplaces)
			t->nplaces++;
		t->place[i] = icon;
		t->owner[i] = icon->dom;
	}
	while (t->nplaces && !t->place[t->nplaces - 1])
		t->owner[--t->nplaces] = NULL;
	int32_t x = (int32_t)t->srv->scene.width;
	for (i = 0; i < t->nplaces; i++)
		if ((x -= t->slot), t->place[i])
			tray_icon_at(t->place[i], x + TRAY_BORDER, TRAY_BORDER); /* (shown_at's) */
	damage_tray(t);
}

void tray_area_close(struct tray_area *t, const struct dnotify *n)
{
	if (unqueue(t, n) || t->note != n)
		return;
	tray_area_take_down(t);
	t->note = NULL;
	next(t);
}

void tray_area_notify(struct tray_area *t, const struct dnotify *n)
{
	for (unsigned i = 0; i < t->nwaiting; i++)
		if (t->waiting[i] == n) /* (replaced while it waits: shown as it is then) */
			return;
	if (t->note && t->note != n && t->note->dom != n->dom && t->shown) {
		queue(t, n);
		return;
	}
	if (!strcmp(n->domain, t->rest_dom) && now_ms() < t->rest_until) {
		if (!t->rest_told && (t->rest_told = true))
			vlog("domain %s: a notification not drawn: its notifications were up "
			     "%d s in a row; not again for %d s",
			     n->domain, DNOTIFY_TURN_MAX_MS / 1000, DNOTIFY_REST_MS / 1000);
		if (!t->shown) /* (it came from the queue: the next one) */
			next(t);
		return;
	}
	tray_menu_covered(t->srv, n->dom);
	/* (a domain's newer one over its own: the same turn) */
	bool new_turn = !t->note || t->note->dom != n->dom;
	if (t->shown)
		t->damage(t, &t->box, false);
	if (t->note && t->note != n) { /* drawn over: it is gone */
		const struct dnotify *old = t->note;
		t->note = NULL;
		notify_closed(old, VP_NOTIFY_UNDEFINED);
	}
	t->note = n;
	snprintf(t->domain, sizeof(t->domain), "%s", n->domain);
	snprintf(t->text, sizeof(t->text), "%s%s%s", n->summary, n->body[0] ? ": " : "", n->body);
	t->rgb = n->rgb;
	pixman_box32_t area = scene_notification_area(&t->srv->scene, server_focus(t->srv));
	struct deco_icon icon = { n->icon_w, n->icon_h, n->icon };
	struct deco_buttons btn;
	unsigned action[DECO_DNOTICE_BUTTONS];
	tray_area_note_buttons(n, &btn, action);
	deco_dnotice_box(t->domain, t->text, &icon, &btn, &area, &t->box);
	t->shown = true;
	t->shown_ms = now_ms();
	t->guard_told = false;
	t->damage(t, &t->box, false);
	/* closed, or expired, and sent again: the same turn (review of
	 * 2026-12-03: the cap was easy to pass so) */
	if (new_turn &&
	    (strcmp(n->domain, t->last_dom) || t->shown_ms - t->last_end_ms >= DNOTIFY_REST_MS))
		t->turn_ms = t->shown_ms;
	uint64_t ms = t->nwaiting ? turn_left(t) : DNOTIFY_MS, up = t->shown_ms - t->turn_ms;
	if (up + ms > DNOTIFY_TURN_MAX_MS) /* (the cap) */
		ms = up < DNOTIFY_TURN_MAX_MS ? DNOTIFY_TURN_MAX_MS - up : 0;
	arm(t, ms);
}

bool tray_area_notice_shown(const struct tray_area *t)
{
	return t->shown && !t->srv->scene.locked;
}

void tray_area_draw_icons(struct tray_area *t, pixman_image_t *img, int32_t dx, int32_t dy)
{
	struct tray_icon *icon;
	EACH_ICON(t, icon, x)
	tray_paint(img, icon, x - dx, -dy, t->slot);
}

void tray_area_draw_notice(struct tray_area *t, pixman_image_t *img, int32_t dx, int32_t dy)
{
	if (!tray_area_notice_shown(t))
		return;
	pixman_box32_t b = { t->box.x1 - dx, t->box.y1 - dy, t->box.x2 - dx, t->box.y2 - dy };
	struct deco_icon icon = { 0, 0, NULL };
	if (t->note) /* its marked pixels (notify-icon.c) */
		icon = (struct deco_icon){ t->note->icon_w, t->note->icon_h, t->note->icon };
	struct deco_buttons btn;
	unsigned action[DECO_DNOTICE_BUTTONS];
	tray_area_note_buttons(t->note, &btn, action);
	deco_dnotice_draw(img, &b, t->domain, t->rgb, t->text, &icon, &btn, NULL);
}
