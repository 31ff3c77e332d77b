/*
 * Unit tests of where and how long a domain's notification the daemon
 * draws (headless, DRM: tray-area.c) stays (hostile-domain trial 17 F4,
 * F6): on the monitor of the daemon's notice, below it, in the middle band
 * of the notices' strip, never over the notice even on two monitors whose
 * tops differ; and replaced every 2 s it is taken down after
 * DNOTIFY_TURN_MAX_MS, its domain's next ones not drawn for DNOTIFY_REST_MS.
 */
#include "policy-fixture.h"

#include <sys/epoll.h>
#include <sys/timerfd.h>

#include <string.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/monitors.h"
#include "gui-daemon/notice.h"
#include "gui-daemon/tray-area.h"

static struct vp_msg note(uint32_t id)
{
	static char body[1024];
	memset(body, 'M', sizeof(body) - 1);
	struct vp_msg m = { .type = VP_NOTIFY };
	m.u.notify.id = id;
	m.u.notify.summary = (struct vp_string){ 6, (const uint8_t *)"update" };
	m.u.notify.body = (struct vp_string){ (uint32_t)strlen(body), (const uint8_t *)body };
	return m;
}

static bool overlap(const pixman_box32_t *a, const pixman_box32_t *b)
{
	return a->x1 < b->x2 && b->x1 < a->x2 && a->y1 < b->y2 && b->y1 < a->y2;
}

static void test_under_the_notice(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a), *b = connected(&cfg_b);
	srv.domains[0] = a, srv.domains[1] = b, srv.ndomains = 2;
	/* two monitors, the right one 50 px lower: the notice for a window
	 * there is at its top */
	const pixman_box32_t mon[] = { { 0, 0, W / 2, H - 50 }, { W / 2, 50, W, H } };
	monitors_set(&srv, mon, NULL, 2);
	struct window *w = mapped(a, 1, W / 2 + 20, 120, 300, 200, false);
	user_focus(w);
	server_notice(&srv, "nothing to copy from a");
	pixman_box32_t notice = srv.scene.notice_area;
	notice.y2 = notice.y1 + DECO_NOTICE_HEIGHT;
	struct vp_msg m = note(1);
	feed(b, &m);
	const pixman_box32_t *box = &srv.tray_area->box;
	assert_true(srv.tray_area->shown);
	assert_false(overlap(box, &notice));
	assert_true(box->x1 >= W / 2 && box->x2 <= W);	    /* on the notice's monitor */
	assert_true(box->x2 - box->x1 <= DECO_NOTICE_BAND); /* not the whole width */
	assert_true(box->y1 >= 50 + DECO_NOTICE_HEIGHT);
	srv.ndomains = 0;
	domain_destroy(a);
	domain_destroy(b);
}

static void test_kept_up_by_replacing(void **state)
{
	(void)state;
	struct domain *b = connected(&cfg_b);
	srv.domains[0] = b, srv.ndomains = 1;
	struct tray_area *t = srv.tray_area;
	struct vp_msg m = note(1);
	feed(b, &m);
	assert_true(t->shown);
	t->turn_ms -= DNOTIFY_TURN_MAX_MS - 1000; /* up 19 s, replaced since */
	m = note(1);
	feed(b, &m);
	struct itimerspec left;
	assert_int_equal(timerfd_gettime(t->timer.fd, &left), 0);
	assert_true(left.it_value.tv_sec * 1000 + left.it_value.tv_nsec / 1000000 <= 1000);
	t->turn_ms -= 1000;		     /* (a second later) */
	t->timer.handle(&t->timer, EPOLLIN); /* its time is up */
	assert_false(t->shown);
	m = note(2); /* its next one at once: not drawn */
	feed(b, &m);
	assert_false(t->shown);
	/* gone and back: still resting; another domain, perhaps where b
	 * was in memory, is not (review of 2026-12-03: by address) */
	domain_destroy(b);
	struct domain *a = connected(&cfg_a);
	srv.domains[0] = a;
	feed(a, &m);
	assert_true(t->shown);
	m = note(9);
	feed(a, &m); /* (closes nothing: replaces its own) */
	srv.ndomains = 0;
	domain_destroy(a);
	assert_false(t->shown);
	b = connected(&cfg_b);
	srv.domains[0] = b, srv.ndomains = 1;
	m = note(2);
	feed(b, &m);
	assert_false(t->shown);
	t->rest_until = now_ms(); /* 10 s later */
	t->last_end_ms -= DNOTIFY_REST_MS;
	m = note(3);
	feed(b, &m);
	assert_true(t->shown);
	assert_int_equal(t->turn_ms, t->shown_ms); /* a new turn */
	/* closed and sent again soon after (or as it expired): the same turn,
	 * the cap counts on (review of 2026-12-03: a new turn each time) */
	const struct dnotify *n3 = t->note;
	t->turn_ms -= 5000;
	uint64_t turn = t->turn_ms;
	tray_area_close(t, n3);
	assert_false(t->shown);
	tray_area_notify(t, n3);
	assert_true(t->shown);
	assert_int_equal(t->turn_ms, turn);
	srv.ndomains = 0;
	domain_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_under_the_notice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kept_up_by_replacing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
