/* Coalescing and pacing of windows' repaints (pace.h). */
#include "pace.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "domain.h"
#include "window.h"

/* Area (pixels) repainted in one turn before the rest waits for the next
 * (the output's); the window served first always gets its whole damage. */
#define PACE_AREA_BUDGET(srv) ((uint64_t)(srv)->scene.width * (srv)->scene.height)
/* Damage up to this area is small: never held for its window's next frame
 * (it costs little, and it is what a person waits for: a key's echo, a
 * cursor), and it gets a turn of its own: bigger damage waits for the next
 * turn, after the backend flushed and the control socket answered. */
#define PACE_SMALL_AREA (256u * 256u)

uint64_t pace_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int pace_init(struct server *srv)
{
	list_init(&srv->pace.waiting);
	return waker_init(srv, &srv->pace.timer, "pace");
}

void pace_finish(struct server *srv)
{
	waker_finish(&srv->pace.timer);
}

uint64_t pace_interval_ns(const struct server *srv)
{
	uint32_t mhz = srv->cfg.refresh_mhz;
	if (!mhz && srv->backend)
		mhz = srv->backend->refresh_mhz; /* the output's own, if it has one */
	return mhz ? 1000000000000ull / mhz : 0;
}

static uint64_t area(const pixman_region32_t *r)
{
	const pixman_box32_t *e = pixman_region32_extents(r);
	return (uint64_t)(e->x2 - e->x1) * (uint64_t)(e->y2 - e->y1);
}

void pace_damage(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	struct pace *p = &win->dom->srv->pace;
	win->pace_count++;
	if (win->pace_waiting) {
		pixman_region32_union_rect(&win->pace_region, &win->pace_region, x, y, w, h);
		if (pixman_region32_n_rects(&win->pace_region) > PACE_MAX_RECTS) {
			/* many disjoint rectangles: their extents (as paint() would) */
			pixman_box32_t e = *pixman_region32_extents(&win->pace_region);
			pixman_region32_reset(&win->pace_region, &e);
		}
		return;
	}
	pixman_region32_init_rect(&win->pace_region, x, y, w, h);
	win->pace_waiting = true;
	list_insert(p->waiting.prev, &win->pace_link);
}

static void forget(struct window *win)
{
	pixman_region32_fini(&win->pace_region);
	list_remove(&win->pace_link);
	win->pace_waiting = false;
	win->damage_count += win->pace_count; /* wait-damage: applied, and painted */
	win->pace_count = 0;
	win->pace_held = 0;
}

void pace_window_gone(struct window *win)
{
	if (win->pace_waiting)
		forget(win);
}

/* Its coalesced damage, clipped to what it shows now, to the output. */
static void paint(struct server *srv, struct window *win, uint64_t now_ns)
{
	pixman_region32_t *r = &win->pace_region;
	uint32_t wmax = win->buf.width < win->w ? win->buf.width : win->w;
	uint32_t hmax = win->buf.height < win->h ? win->buf.height : win->h;
	pixman_region32_intersect_rect(r, r, 0, 0, wmax, hmax);
	int n = 0;
	const pixman_box32_t *b = pixman_region32_rectangles(r, &n);
	if (n > PACE_MAX_RECTS) { /* one put of the extents costs less than many */
		b = pixman_region32_extents(r);
		n = 1;
	}
	for (int i = 0; win->mapped && win->buf.ops && i < n; i++) {
		uint32_t w = (uint32_t)(b[i].x2 - b[i].x1), h = (uint32_t)(b[i].y2 - b[i].y1);
		scene_damage_box(&srv->scene, win->x + b[i].x1, win->y + b[i].y1, w, h);
		backend_window_damaged(srv->backend, win, b[i].x1, b[i].y1, w, h);
	}
	win->pace_painted_ns = now_ns;
	win->paints++;
	forget(win);
}

/* Small damage first; then who waited longest; then the smallest damage. */
static int by_area(const void *a, const void *b)
{
	const struct window *u = *(struct window *const *)a, *v = *(struct window *const *)b;
	uint64_t x = area(&u->pace_region), y = area(&v->pace_region);
	bool xs = x <= PACE_SMALL_AREA, ys = y <= PACE_SMALL_AREA;
	if (xs != ys)
		return xs ? -1 : 1;
	if (u->pace_held != v->pace_held)
		return u->pace_held > v->pace_held ? -1 : 1;
	if (x != y)
		return x < y ? -1 : 1;
	/* equal: the one painted longest ago first (turns go round) */
	return u->pace_painted_ns < v->pace_painted_ns ? -1
						       : u->pace_painted_ns > v->pace_painted_ns;
}

void pace_flush(struct server *srv, uint64_t now_ns)
{
	struct pace *p = &srv->pace;
	struct window *one[64], **wins = one;
	size_t n = 0, cap = 64;
	uint64_t due = 0;
	struct list *pos, *tmp;
	list_each(pos, tmp, &p->waiting)
	{
		if (n == cap) {
			struct window **more = malloc(2 * cap * sizeof(*more));
			if (!more) {
				due = now_ns ? now_ns : 1; /* the rest: the next turn */
				break;
			}
			memcpy(more, wins, n * sizeof(*more));
			if (wins != one)
				free(wins);
			wins = more;
			cap *= 2;
		}
		wins[n++] = list_item(pos, struct window, pace_link);
	}
	if (!n)
		return waker_arm(&p->timer, due);
	qsort(wins, n, sizeof(*wins), by_area); /* the smallest damage first */
	uint64_t iv = pace_interval_ns(srv), budget = PACE_AREA_BUDGET(srv), used = 0;
	unsigned served = 0;
	bool small_served = false, aged_served = false;
	for (size_t i = 0; i < n; i++) {
		struct window *win = wins[i];
		uint64_t a = area(&win->pace_region), next = win->pace_painted_ns + iv;
		bool small = a <= PACE_SMALL_AREA;
		if (iv && win->paints && now_ns < next && !small) {
			due = due && due < next ? due : next; /* too soon: at its next frame */
			p->held++;
			continue;
		}
		/* Held for the budget or a small turn, a window comes first the
		 * next turn, and the longest held big one is painted in every
		 * turn, small updates or not: a domain that keeps small damage
		 * coming (or damage sorted before another's) starves nobody. */
		bool aged = win->pace_held && !small && !aged_served;
		if (served && (used + a > budget || (small_served && !small)) && !aged) {
			due = now_ns ? now_ns : 1; /* the next turn, right after this one */
			p->held++;
			win->pace_held++;
			continue;
		}
		aged_served |= !small && win->pace_held;
		paint(srv, win, now_ns);
		used += a;
		served++;
		small_served |= small;
	}
	p->turns += served > 0;
	if (wins != one)
		free(wins);
	waker_arm(&p->timer, due);
}
