/*
 * Fairness by design (gui-daemon/pace.c, the turns of socket.c): a flooding
 * domain and a quiet one share the daemon's core as server_init builds it
 * (headless backend). Everything is counted in turns and messages, never
 * timed: pace_flush is given the time, and a turn is one server_dispatch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/child.h"
#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/pace.h"
#include "gui-daemon/server.h"
#include "shm/shm.h"

#define OUT_W 1280
#define OUT_H 800
#define MS 1000000ull

static struct server srv;
static struct domain_config cfg_flood, cfg_quiet;
static uint8_t msgbuf[VP_HDR_SIZE + 4096];

static int setup(void **state)
{
	const char *why;
	(void)state;
	memset(&srv, 0, sizeof(srv));
	vlog_quiet = true;
	srv.cfg.width = OUT_W;
	srv.cfg.height = OUT_H;
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	assert_int_equal(config_parse_domain(&cfg_flood, "flood,label=red", &why), 0);
	assert_int_equal(config_parse_domain(&cfg_quiet, "quiet,label=green", &why), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv);
	return 0;
}

static void feed(struct domain *d, const struct vp_msg *m, int fd)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	assert_int_equal(domain_feed_fds(d, msgbuf, n, &fd, fd >= 0), 0);
}

static struct domain *domain_with_hello(const struct domain_config *c)
{
	struct domain *d = domain_create(&srv, c);
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	assert_non_null(d);
	feed(d, &m, -1);
	return d;
}

/* A mapped window with a buffer of its size. */
static struct window *window(struct domain *d, uint32_t id, uint32_t w, uint32_t h)
{
	struct vp_msg m = { .type = VP_CREATE, .window = id };
	m.u.create.r = (struct vp_rect){ 0, 0, w, h };
	feed(d, &m, -1);
	int fd = vshm_local_create((size_t)w * h * 4);
	assert_true(fd >= 0);
	m = (struct vp_msg){ .type = VP_BUFFER, .window = id };
	m.u.buffer =
		(struct vp_buffer){ 1, VP_BUF_LOCAL, w, h, w * 4, VP_FMT_XRGB8888, 0, 0, NULL };
	feed(d, &m, fd);
	m = (struct vp_msg){ .type = VP_MAP, .window = id };
	feed(d, &m, -1);
	struct window *win = domain_find_window(d, id);
	assert_non_null(win);
	assert_true(win->mapped && win->buf.ops);
	return win;
}

static void damage(struct domain *d, struct window *win, int32_t x, int32_t y, uint32_t w,
		   uint32_t h)
{
	struct vp_msg m = { .type = VP_DAMAGE, .window = win->id };
	m.u.damage = (struct vp_rect){ x, y, w, h };
	feed(d, &m, -1);
}

/* Damage between two repaints is one repaint; wait-damage's count follows
 * the repaint, not the message. */
static void test_coalesced(void **state)
{
	(void)state;
	srv.cfg.refresh_mhz = 0;
	struct domain *d = domain_with_hello(&cfg_quiet);
	struct window *w = window(d, 1, 200, 100);
	pace_flush(&srv, 1000 * MS);
	uint64_t paints = w->paints;
	for (int i = 0; i < 50; i++)
		damage(d, w, i * 3, i, 10, 10);
	assert_int_equal(w->paints, paints);
	assert_int_equal(w->damage_count, 0);
	assert_true(w->pace_waiting);
	pixman_region32_clear(&srv.scene.damage);
	pace_flush(&srv, 1001 * MS);
	assert_int_equal(w->paints, paints + 1);
	assert_int_equal(w->damage_count, 50);
	assert_false(w->pace_waiting);
	assert_true(pixman_region32_not_empty(&srv.scene.damage));
	domain_destroy(d);
}

/* At most one repaint per output frame; the timer is armed only while
 * damage waits. */
static void test_refresh_cap(void **state)
{
	(void)state;
	srv.cfg.refresh_mhz = 60000; /* 60 Hz: 16.7 ms */
	struct domain *d = domain_with_hello(&cfg_flood);
	struct window *w = window(d, 1, 640, 480);
	pace_flush(&srv, 2000 * MS);
	uint64_t paints = w->paints, t = 3000 * MS;
	for (int i = 0; i < 1000; i++, t += MS) { /* a frame every ms for 1 s */
		damage(d, w, 0, 0, 640, 480);
		pace_flush(&srv, t);
		assert_true(srv.pace.timer.armed == w->pace_waiting);
	}
	uint64_t n = w->paints - paints;
	assert_true(n >= 59 && n <= 61);
	/* small damage is not held: a 64x64 window painted every turn */
	struct window *s = window(d, 2, 64, 64);
	pace_flush(&srv, t);
	paints = s->paints;
	for (uint64_t i = 0; i < 50; i++) {
		damage(d, s, 0, 0, 64, 64);
		pace_flush(&srv, t + i * MS);
		assert_false(s->pace_waiting);
	}
	assert_int_equal(s->paints - paints, 50);
	t += 50 * MS;
	assert_int_equal(w->damage_count, 1000 - (w->pace_waiting ? w->pace_count : 0));
	pace_flush(&srv, t + 17 * MS); /* its next frame: the rest */
	assert_false(w->pace_waiting);
	assert_false(srv.pace.timer.armed);
	assert_int_equal(w->damage_count, 1000);
	pace_flush(&srv, t + 1000 * MS); /* nothing waits: nothing armed */
	assert_false(srv.pace.timer.armed);
	srv.cfg.refresh_mhz = 0;
	domain_destroy(d);
}

/* A domain floods three whole-output windows every turn; the quiet
 * domain's small update is painted in the turn it arrives, every time, in
 * a turn of its own, and the area budget shares the other turns out among
 * the big ones. */
static void test_flood_turns(void **state)
{
	(void)state;
	srv.cfg.refresh_mhz = 0;
	struct domain *f = domain_with_hello(&cfg_flood), *q = domain_with_hello(&cfg_quiet);
	struct window *big[3], *small = window(q, 9, 64, 64);
	for (int i = 0; i < 3; i++)
		big[i] = window(f, (uint32_t)i + 1, OUT_W, OUT_H);
	uint64_t t = 5000 * MS, sent = 0;
	pace_flush(&srv, t);
	uint64_t first[3];
	for (int i = 0; i < 3; i++)
		first[i] = big[i]->paints;
	for (int turn = 0; turn < 30; turn++) {
		t += MS;
		for (int k = 0; k < 20; k++)
			for (int i = 0; i < 3; i++)
				damage(f, big[i], 0, 0, OUT_W, OUT_H);
		if (turn % 3 == 0) {
			damage(q, small, 1, 1, 60, 60);
			sent++;
		}
		uint64_t before[3];
		for (int i = 0; i < 3; i++)
			before[i] = big[i]->paints;
		pace_flush(&srv, t);
		assert_false(small->pace_waiting); /* painted this turn */
		assert_int_equal(small->damage_count, sent);
		int painted = 0;
		for (int i = 0; i < 3; i++)
			painted += big[i]->paints != before[i];
		/* one whole output per turn (in the small update's too: the one
		 * that waited longest, so no turn of small updates starves it) */
		assert_int_equal(painted, turn ? 1 : 0); /* turn 0: none waited yet */
		assert_true(srv.pace.timer.armed);	 /* the others: the next turn */
	}
	uint64_t total = 0;
	for (int i = 0; i < 3; i++) {
		uint64_t got = big[i]->paints - first[i];
		assert_true(got >= 9 && got <= 10); /* in turn, none starved */
		total += got;
	}
	assert_int_equal(total, 29);
	domain_destroy(f);
	domain_destroy(q);
	pace_flush(&srv, t + MS);
	assert_false(srv.pace.timer.armed);
}

/* A domain that sends small damage in every turn (each sorted first, each
 * painted at once) cannot hold another domain's big damage for ever: it is
 * painted at least every other turn. */
static void test_small_every_turn(void **state)
{
	(void)state;
	srv.cfg.refresh_mhz = 0;
	struct domain *f = domain_with_hello(&cfg_flood), *q = domain_with_hello(&cfg_quiet);
	struct window *tiny = window(f, 1, 16, 16), *big = window(q, 2, OUT_W, OUT_H);
	uint64_t t = 9000 * MS;
	pace_flush(&srv, t);
	uint64_t first = big->paints, tiny_first = tiny->paints;
	for (int turn = 0; turn < 20; turn++) {
		t += MS;
		damage(f, tiny, 1, 1, 1, 1);
		damage(q, big, 0, 0, OUT_W, OUT_H);
		pace_flush(&srv, t);
		assert_false(tiny->pace_waiting); /* small: painted in its turn */
	}
	assert_int_equal(tiny->paints - tiny_first, 20);
	assert_true(big->paints - first >= 10); /* held one turn at most */
	domain_destroy(f);
	domain_destroy(q);
	pace_flush(&srv, t + MS);
}

/* The domain's packets as its domain process sends them. */
static void send_packet(int fd, const struct vp_msg *m, int count)
{
	static uint8_t pkt[DCHILD_PKT];
	size_t n = 1, one = vp_encode(m, pkt + 1, sizeof(pkt) - 1);
	pkt[0] = DCHILD_MSG;
	for (int i = 0; i < count; i++, n += one)
		memcpy(pkt + n, pkt + 1, one);
	assert_int_equal(send(fd, pkt, n, MSG_DONTWAIT), (ssize_t)n); /* never blocks the test */
}

/* Through the event loop: a domain that sent thousands of messages gets a
 * bounded share of a turn, and the quiet domain's one message is handled in
 * the first turn. */
static void test_message_budget(void **state)
{
	(void)state;
	srv.cfg.refresh_mhz = 0;
	struct domain *f = domain_with_hello(&cfg_flood), *q = domain_with_hello(&cfg_quiet);
	struct window *big = window(f, 1, OUT_W, OUT_H), *small = window(q, 9, 64, 64);
	int fsv[2], qsv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fsv), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, qsv), 0);
	f->hello_done = q->hello_done = false;
	assert_int_equal(domain_serve(f, fsv[0]), 0);
	assert_int_equal(domain_serve(q, qsv[0]), 0);
	f->hello_done = q->hello_done = true; /* greeted above */
	struct vp_msg m = { .type = VP_DAMAGE, .window = 1 };
	m.u.damage = (struct vp_rect){ 0, 0, OUT_W, OUT_H };
	const int per_packet = (DCHILD_PKT - 1) / (VP_HDR_SIZE + 16), packets = 6;
	for (int i = 0; i < packets; i++)
		send_packet(fsv[1], &m, per_packet);
	m = (struct vp_msg){ .type = VP_DAMAGE, .window = 9 };
	m.u.damage = (struct vp_rect){ 0, 0, 8, 8 };
	send_packet(qsv[1], &m, 1);
	uint64_t f0 = f->messages, q0 = q->messages;
	assert_int_equal(server_dispatch(&srv, 1000), 0); /* one turn */
	assert_int_equal(q->messages - q0, 1);
	assert_int_equal(small->damage_count, 1); /* and painted in it */
	uint64_t got = f->messages - f0;
	assert_true(got > 0 && got <= DOMAIN_TURN_MESSAGES + (uint64_t)per_packet);
	assert_true(big->paints <= 2); /* at its creation's flush, and this turn */
	int turns = 1;
	while (f->messages - f0 < (uint64_t)(packets * per_packet) && turns < 1000) {
		assert_int_equal(server_dispatch(&srv, 1000), 0);
		turns++;
	}
	assert_int_equal(f->messages - f0, packets * per_packet);
	assert_true(turns >= packets * per_packet / (DOMAIN_TURN_MESSAGES + per_packet));
	close(fsv[1]);
	close(qsv[1]);
	domain_destroy(f);
	domain_destroy(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coalesced),      cmocka_unit_test(test_refresh_cap),
		cmocka_unit_test(test_flood_turns),    cmocka_unit_test(test_small_every_turn),
		cmocka_unit_test(test_message_budget),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
