/* Unit tests for double buffering on the daemon's side (gui-daemon/dbuf.c):
 * a real domain in the core as server_init builds it (headless), a window
 * with a two-frame (X2) memfd buffer; PRESENT's state machine: which frame
 * is shown and held, when the one before is freed (FRAME_DONE after the
 * repaint that read the new one), DAMAGE kept until its PRESENT, and every
 * hostile index or order refused. */
#include "core-fixture.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gui-daemon/pace.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/window.h"
#include "shm/shm.h"

#define W 64
#define H 32

/* The headless backend, told whether the output still reads a window's
 * buffer (as x11 says while a ShmPutImage may not have run yet). */
static struct backend_ops ops;
static bool reading;

static bool reads_buffer(struct backend *b, struct window *win)
{
	(void)b;
	(void)win;
	return reading;
}

static int setup_dbuf(void **state)
{
	if (setup(state) < 0)
		return -1;
	ops = headless_backend_ops;
	ops.reads_buffer = reads_buffer;
	srv.backend->ops = &ops;
	return 0;
}

/* BUFFER for window 9 of frames frames (format X2 for 2), its memfd of
 * bytes, frame 0 filled 0x11, frame 1 0x22. Returns domain_feed_fds's. */
static int feed_buffer(struct domain *d, uint32_t format, size_t bytes)
{
	struct vp_msg m = { .type = VP_BUFFER, .window = 9 };
	m.u.buffer = (struct vp_buffer){ .serial = 5,
					 .kind = VP_BUF_LOCAL,
					 .width = W,
					 .height = H,
					 .stride = W * 4,
					 .format = format };
	uint8_t b[128];
	size_t n = vp_encode(&m, b, sizeof(b));
	int fd = vshm_local_create(bytes);
	assert_true(n > 0 && fd >= 0);
	uint8_t *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	assert_true(p != MAP_FAILED);
	memset(p, 0x11, bytes < W * 4 * H ? bytes : W * 4 * H);
	if (bytes > W * 4 * H)
		memset(p + W * 4 * H, 0x22, bytes - W * 4 * H);
	munmap(p, bytes);
	return domain_feed_fds(d, b, n, &fd, 1);
}

static const char *present(struct domain *d, uint32_t seq, uint32_t index)
{
	struct vp_msg m = { .type = VP_PRESENT, .window = 9 };
	m.u.present = (struct vp_present){ seq, index };
	return domain_handle_msg(d, &m);
}

static void damage(struct domain *d)
{
	struct vp_msg m = { .type = VP_DAMAGE, .window = 9 };
	m.u.damage = (struct vp_rect){ 0, 0, W, H };
	assert_null(domain_handle_msg(d, &m));
}

/* A window 9, mapped, with a two-frame buffer. */
static struct window *window_x2(struct domain **dp)
{
	struct domain *d = greeted();
	srv.domains[0] = d; /* window_frames_done goes through them */
	srv.ndomains = 1;
	struct vp_msg c = { .type = VP_CREATE, .window = 9 }, map = { .type = VP_MAP, .window = 9 };
	c.u.create.r = (struct vp_rect){ 10, 10, W, H };
	assert_null(domain_handle_msg(d, &c));
	assert_int_equal(feed_buffer(d, VP_FMT_XRGB8888_X2, 2 * W * 4 * H), 0);
	assert_null(domain_handle_msg(d, &map));
	struct window *win = domain_find_window(d, 9);
	assert_non_null(win);
	assert_true(win->mapped);
	assert_int_equal(win->buf.frames, 2);
	*dp = d;
	return win;
}

/* The repaint: damage due painted, then FRAME_DONEs (server.c's order). */
static void repaint(void)
{
	static uint64_t later;
	later += 1000000000ull; /* a second after the last: never too soon */
	pace_flush(&srv, pace_now_ns() + later);
	window_frames_done(&srv);
}

static uint8_t shown_byte(const struct window *win)
{
	return *(const uint8_t *)pixman_image_get_data(win->image);
}

static void test_present_cycle(void **state)
{
	(void)state;
	struct domain *d;
	struct window *win = window_x2(&d);
	/* the quota counts both frames */
	assert_int_equal(d->buffer_bytes, 2 * W * 4 * H);
	/* DAMAGE waits for its PRESENT: nothing to paint yet */
	damage(d);
	assert_false(win->pace_waiting);
	assert_false(win->has_pixels);
	assert_null(present(d, 100, 0));
	assert_true(win->pace_waiting); /* now its damage is due */
	assert_int_equal(win->front, 0);
	assert_int_equal(win->held, 1);
	assert_int_equal(shown_byte(win), 0x11);
	assert_false(win->frame_asked); /* nothing shown before: nothing to free */
	repaint();
	assert_int_equal(win->held, 1); /* the frame shown stays held */
	/* frame 1: shown at once; frame 0, which nothing reads between
	 * repaints (the composite copies it), freed at once */
	damage(d);
	assert_null(present(d, 101, 1));
	assert_int_equal(win->front, 1);
	assert_int_equal(win->held, 2);
	assert_int_equal(shown_byte(win), 0x22);
	assert_false(win->frame_asked);
	repaint();
	assert_int_equal(win->held, 2);
	/* back to frame 0 while the output may still read the buffer (x11: a
	 * put not known to have run): frame 1 held until the repaint read 0 */
	reading = true;
	damage(d);
	assert_null(present(d, 102, 0));
	assert_int_equal(win->front, 0);
	assert_int_equal(win->held, 3);
	assert_int_equal(shown_byte(win), 0x11);
	assert_true(win->frame_asked);
	assert_int_equal(win->frame_seq, 101);
	window_frames_done(&srv); /* its damage not painted yet: still held */
	assert_int_equal(win->held, 3);
	repaint();
	assert_int_equal(win->held, 1);
	assert_false(win->frame_asked);
	reading = false;
	srv.ndomains = 0;
	domain_destroy(d);
}

static void test_present_hostile(void **state)
{
	(void)state;
	struct domain *d;
	struct window *win = window_x2(&d);
	reading = true; /* the frame shown before is freed by FRAME_DONE only */
	assert_string_equal(present(d, 1, 2), "PRESENT: frame index out of range");
	assert_string_equal(present(d, 1, 0xffffffffu), "PRESENT: frame index out of range");
	assert_null(present(d, 1, 0));
	/* the frame shown is held */
	assert_string_equal(present(d, 2, 0), "PRESENT into a frame the daemon still holds");
	assert_null(present(d, 2, 1));
	/* frame 0 not freed yet (no repaint): still held */
	assert_string_equal(present(d, 3, 0), "PRESENT into a frame the daemon still holds");
	/* FRAME_DONE(seq) frees that frame and those before it, never the
	 * frame a compositing backend (headless) shows */
	window_frame_done(win, 0);
	assert_int_equal(win->held, 3);
	window_frame_done(win, 2);
	assert_int_equal(win->held, 2);
	assert_null(present(d, 3, 0));
	reading = false;
	/* FRAME is for one-frame buffers */
	struct vp_msg f = { .type = VP_FRAME, .window = 9 };
	assert_string_equal(domain_handle_msg(d, &f),
			    "FRAME for a window with a two-frame buffer (PRESENT)");
	/* a one-frame buffer: nothing held, PRESENT refused, DAMAGE painted */
	assert_int_equal(feed_buffer(d, VP_FMT_XRGB8888, W * 4 * H), 0);
	assert_int_equal(win->buf.frames, 1);
	assert_int_equal(win->held, 0);
	assert_int_equal(d->buffer_bytes, W * 4 * H);
	assert_string_equal(present(d, 4, 0), "PRESENT for a window without a two-frame buffer");
	damage(d);
	assert_true(win->pace_waiting);
	srv.ndomains = 0;
	domain_destroy(d);
	/* an X2 buffer whose memfd has one frame: refused (and the domain cut) */
	d = domain_create(&srv, &cfg);
	struct vp_msg h = sample(VP_HELLO), c = { .type = VP_CREATE, .window = 9 };
	c.u.create.r = (struct vp_rect){ 10, 10, W, H };
	assert_null(domain_handle_msg(d, &h));
	assert_null(domain_handle_msg(d, &c));
	assert_int_equal(feed_buffer(d, VP_FMT_XRGB8888_X2, W * 4 * H), -1);
	srv.ndomains = 0;
	domain_destroy(d);
}

/* DAMAGE messages between two PRESENTs stay bounded (a region of at most
 * PACE_MAX_RECTS boxes, then its extents). */
static void test_incoming_bounded(void **state)
{
	(void)state;
	struct domain *d;
	struct window *win = window_x2(&d);
	for (int i = 0; i < 1000; i++) {
		struct vp_msg m = { .type = VP_DAMAGE, .window = 9 };
		m.u.damage = (struct vp_rect){ (i * 2) % W, (i / 32 * 2) % H, 1, 1 };
		assert_null(domain_handle_msg(d, &m));
		assert_true(pixman_region32_n_rects(&win->incoming) <= PACE_MAX_RECTS);
	}
	assert_null(present(d, 1, 0));
	assert_int_equal(pixman_region32_n_rects(&win->incoming), 0);
	srv.ndomains = 0;
	domain_destroy(d);
}

/* A per-window backend (x11's kind: the output reads buffers between
 * repaints) that does not say when it stopped reading (no reads_buffer):
 * the frame shown before stays held until its round trip (window_frame),
 * never freed at PRESENT. (A merge once dropped x11's reads_buffer from its
 * table, and x11-torn read frames half-new.) */
static void test_per_window_default_reads(void **state)
{
	(void)state;
	struct domain *d;
	struct window *win = window_x2(&d);
	ops.reads_buffer = NULL;
	ops.caps |= BACKEND_CAP_PER_WINDOW;
	damage(d);
	assert_null(present(d, 1, 0));
	damage(d);
	assert_null(present(d, 2, 1));
	assert_int_equal(win->held, 3); /* frame 0 still held */
	assert_true(win->frame_asked);	/* until the backend's round trip */
	assert_int_equal(win->frame_seq, 1);
	window_frame_done(win, win->frame_seq);
	assert_int_equal(win->held, 2);
	/* a compositing backend without reads_buffer frees it at once */
	ops.caps &= ~(unsigned)BACKEND_CAP_PER_WINDOW;
	damage(d);
	assert_null(present(d, 3, 0));
	assert_int_equal(win->held, 1);
	assert_false(win->frame_asked);
	ops.reads_buffer = reads_buffer;
	srv.ndomains = 0;
	domain_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_present_cycle),
		cmocka_unit_test(test_present_hostile),
		cmocka_unit_test(test_incoming_bounded),
		cmocka_unit_test(test_per_window_default_reads),
	};
	return cmocka_run_group_tests(tests, setup_dbuf, teardown);
}
