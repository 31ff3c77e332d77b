/*
 * Unit tests of the desktop's messages (issue 14 items 1, 2): the cursor
 * shapes' fixed set and CURSOR's decoder; ICON's decoder, the marking with
 * the label colour, the icon quota and its cut-off, the icon freed with its
 * window, and the marked icon drawn in a headless title bar. On the core as
 * server_init builds it (policy-fixture.h).
 */
#include "policy-fixture.h"

#include <stdlib.h>

#include "gui-daemon/desktop.h"

static uint8_t big[VP_HDR_SIZE + 8 + 4 * VP_MAX_ICON * VP_MAX_ICON + 64];
static uint8_t px[4 * VP_MAX_ICON * VP_MAX_ICON];

static const char *decode_agent(size_t n)
{
	struct vp_msg m;
	const char *why = NULL;
	return vp_decode(VP_FROM_AGENT, big, n, &m, &why) == (long)n ? NULL : why;
}

static size_t enc_icon(uint32_t id, uint32_t w, uint32_t h)
{
	struct vp_msg m = { .type = VP_ICON, .window = id };
	m.u.icon = (struct vp_icon){ w, h, px };
	size_t n = vp_encode(&m, big, sizeof(big));
	assert_true(n > 0);
	return n;
}

static void test_cursor_names(void **state)
{
	(void)state;
	assert_string_equal(vp_cursor_name(VP_CURSOR_DEFAULT), "default");
	assert_int_equal(vp_cursor_id("xterm"), 153 / 2 + 1); /* XC_xterm is glyph 152 */
	assert_int_equal(vp_cursor_id("left_ptr"), 68 / 2 + 1);
	assert_int_equal(vp_cursor_id("text"), vp_cursor_id("xterm"));
	assert_int_equal(vp_cursor_id("pointer"), vp_cursor_id("hand2"));
	assert_int_equal(vp_cursor_id("col-resize"), vp_cursor_id("sb_h_double_arrow"));
	assert_int_equal(vp_cursor_id("evil\x1b[31m"), VP_CURSOR_DEFAULT);
	assert_int_equal(vp_cursor_id(""), VP_CURSOR_DEFAULT);
	assert_int_equal(vp_cursor_id(NULL), VP_CURSOR_DEFAULT);
	assert_int_equal(vp_cursor_id("default"), VP_CURSOR_DEFAULT);
	assert_null(vp_cursor_name(VP_CURSOR_COUNT));
	for (uint32_t i = 1; i < VP_CURSOR_COUNT; i++)
		assert_int_equal(vp_cursor_id(vp_cursor_name(i)), i);
}

static void test_cursor_decode(void **state)
{
	(void)state;
	struct vp_msg m = { .type = VP_CURSOR, .window = 9 };
	m.u.cursor = VP_CURSOR_COUNT - 1;
	size_t n = vp_encode(&m, big, sizeof(big));
	assert_null(decode_agent(n));
	big[VP_HDR_SIZE] = (uint8_t)VP_CURSOR_COUNT; /* the first number past the set */
	assert_string_equal(decode_agent(n), "unknown cursor shape");
	big[VP_HDR_SIZE] = 0, big[VP_HDR_SIZE + 3] = 0x80;
	assert_string_equal(decode_agent(n), "unknown cursor shape");
}

static void test_icon_decode(void **state)
{
	(void)state;
	assert_null(decode_agent(enc_icon(9, VP_MAX_ICON, VP_MAX_ICON)));
	assert_null(decode_agent(enc_icon(9, 0, 0)));
	size_t n = enc_icon(9, 2, 2);
	big[VP_HDR_SIZE] = 3; /* 3x2 in the body of a 2x2 */
	assert_string_equal(decode_agent(n), "ICON length does not match its size");
	n = enc_icon(9, 2, 2);
	big[VP_HDR_SIZE] = 0; /* 0x2 */
	assert_string_equal(decode_agent(n), "icon size out of range");
	n = enc_icon(9, 1, 1);
	big[VP_HDR_SIZE + 4] = 1, big[VP_HDR_SIZE + 5] = 1; /* 1x257 */
	assert_string_equal(decode_agent(n), "icon size out of range");
	n = enc_icon(9, 1, 1);
	big[VP_HDR_SIZE + 7] = 0x40; /* 1 x 2^30+1: 4 * w * h wraps 32 bits */
	assert_string_equal(decode_agent(n), "icon size out of range");
	/* a body over the largest icon's */
	n = enc_icon(9, VP_MAX_ICON, VP_MAX_ICON);
	big[8] = (uint8_t)(big[8] + 4);
	assert_string_equal(decode_agent(n + 4), "icon body too long");
	struct vp_msg m = { .type = VP_ICON, .window = 9 };
	m.u.icon = (struct vp_icon){ VP_MAX_ICON + 1, 1, px };
	assert_int_equal(vp_encode(&m, big, sizeof(big)), 0);
}

/* Two labels never give the same marked colour, whatever the pixels: the
 * differences between the channels are the label's. */
static void test_icon_mark(void **state)
{
	(void)state;
	uint32_t blue = 0x3465a4;
	assert_int_equal(icon_mark(0xffffffffu, blue), 0xff000000u | ((3u * 0x34 + 510) / 5) << 16 |
							       ((3u * 0x65 + 510) / 5) << 8 |
							       (3u * 0xa4 + 510) / 5);
	assert_int_equal(icon_mark(0x7fff0000u, blue) >> 24, 0x7f); /* alpha kept */
	for (int i = 0; i < palette_size; i++)
		for (int j = i + 1; j < palette_size; j++)
			for (uint32_t g = 0; g < 256; g += 3)
				for (uint32_t h = 0; h < 256; h += 1) {
					uint32_t a = icon_mark(0xff000000u | g * 0x010101u,
							       palette[i].rgb);
					uint32_t b = icon_mark(0xff000000u | h * 0x010101u,
							       palette[j].rgb);
					assert_int_not_equal(a, b);
				}
}

static int feed_big(struct domain *d, size_t n)
{
	return domain_feed(d, big, n);
}

static void test_icon_quota(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	uint64_t quota = icon_quota(d);
	uint32_t per = 4 * VP_MAX_ICON * VP_MAX_ICON;
	assert_true(quota >= (uint64_t)cfg_a.quota.windows * 64 * 64 * 4);
	uint32_t fit = (uint32_t)(quota / per);
	for (uint32_t i = 1; i <= fit + 1; i++) {
		mapped(d, i, 10, 40, 100, 100, false);
		assert_int_equal(feed_big(d, enc_icon(i, VP_MAX_ICON, VP_MAX_ICON)), 0);
	}
	assert_int_equal(d->icon_bytes, (uint64_t)fit * per);
	struct window *last = domain_find_window(d, fit + 1);
	assert_null(last->icon_argb); /* refused: it keeps none */
	assert_int_equal(domain_find_window(d, 1)->icon_w, VP_MAX_ICON);
	/* a smaller icon replaces the old one within the quota */
	assert_int_equal(feed_big(d, enc_icon(1, 2, 2)), 0);
	assert_int_equal(d->icon_bytes, (uint64_t)(fit - 1) * per + 16);
	/* the window goes, its icon's bytes with it */
	struct vp_msg m = { .type = VP_DESTROY, .window = 2 };
	feed(d, &m);
	assert_int_equal(d->icon_bytes, (uint64_t)(fit - 2) * per + 16);
	/* refused again and again: cut off after REFUSAL_LIMIT */
	assert_int_equal(feed_big(d, enc_icon(1, VP_MAX_ICON, VP_MAX_ICON)), 0);
	assert_int_equal(feed_big(d, enc_icon(2 + 0, 0, 0)), -1); /* window 2 is gone */
	domain_destroy(d);
	d = connected(&cfg_a);
	for (uint32_t i = 1; i <= fit; i++) {
		mapped(d, i, 10, 40, 100, 100, false);
		assert_int_equal(feed_big(d, enc_icon(i, VP_MAX_ICON, VP_MAX_ICON)), 0);
	}
	mapped(d, fit + 1, 10, 40, 100, 100, false);
	int rc = 0;
	unsigned k;
	for (k = 0; k <= REFUSAL_LIMIT && rc == 0; k++)
		rc = feed_big(d, enc_icon(fit + 1, VP_MAX_ICON, VP_MAX_ICON));
	assert_int_equal(rc, -1);
	assert_int_equal(k, REFUSAL_LIMIT + 1);
	assert_int_equal(d->nwindows, 0);
	assert_int_equal(d->icon_bytes, 0);
	domain_destroy(d);
}

/* The icon in the title bar (headless): marked, left of the text. */
static void test_icon_drawn(void **state)
{
	(void)state;
	struct domain *d = connected(&cfg_a);
	struct window *win = mapped(d, 1, 100, 100, 200, 100, false);
	uint32_t side = (uint32_t)srv.scene.titlebar - 4, green = 0xff00ff00u;
	for (uint32_t i = 0; i < side * side; i++)
		for (unsigned c = 0; c < 4; c++)
			px[4 * i + c] = (uint8_t)(green >> (8 * c));
	assert_int_equal(feed_big(d, enc_icon(1, side, side)), 0);
	server_repaint(&srv);
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	const uint32_t *p = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	int x = win->x + 3 + (int)side / 2, y = win->y - srv.scene.titlebar + 2 + (int)side / 2;
	uint32_t want = icon_mark(green, domain_rgb(d)) & 0xffffff;
	assert_int_equal(p[y * stride + x] & 0xffffff, want);
	assert_int_not_equal(want, 0x00ff00); /* not the guest's green */
	/* no icon: the label colour there again */
	assert_int_equal(feed_big(d, enc_icon(1, 0, 0)), 0);
	server_repaint(&srv);
	assert_int_equal(p[y * stride + x] & 0xffffff, domain_rgb(d));
	domain_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_names),
		cmocka_unit_test(test_cursor_decode),
		cmocka_unit_test(test_icon_decode),
		cmocka_unit_test(test_icon_mark),
		cmocka_unit_test_setup_teardown(test_icon_quota, setup, teardown),
		cmocka_unit_test_setup_teardown(test_icon_drawn, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
