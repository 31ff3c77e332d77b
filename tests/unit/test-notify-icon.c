/*
 * Unit tests of a notification's icon (NOTIFY_ICON, protocol/notify-icon.c,
 * gui-daemon/notify-icon.c): the decoder's bounds, the icon marked with the
 * domain's label colour and attached to its live notification, drawn at the
 * left of the box on headless; refused (counted toward the cut-off) for an
 * id the domain does not have or a second icon; ignored after a NOTIFY
 * dropped over the rate; gone with a replacement NOTIFY. On the core as
 * server_init builds it (policy-fixture.h).
 */
#include "policy-fixture.h"

#include <stdlib.h>

#include "decorations/deco-notice.h"
#include "gui-daemon/desktop.h"
#include "gui-daemon/notify.h"
#include "gui-daemon/tray-area.h"
#include "gui-daemon/tray.h"

static uint8_t big[VP_HDR_SIZE + 12 + 4 * 65 * 65];
static uint8_t px[4 * 65 * 65];

static size_t enc_icon(uint32_t id, uint32_t w, uint32_t h)
{
	struct vp_msg m = { .type = VP_NOTIFY_ICON };
	m.u.notify_icon = (struct vp_notify_icon){ id, w, h, px };
	return vp_encode(&m, big, sizeof(big));
}

static void fill(uint32_t argb, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (unsigned c = 0; c < 4; c++)
			px[4 * i + c] = (uint8_t)(argb >> (8 * c));
}

static void test_decode(void **state)
{
	(void)state;
	struct vp_msg m;
	const char *why = NULL;
	size_t n = enc_icon(7, VP_MAX_TRAY_ICON, VP_MAX_TRAY_ICON);
	assert_true(n > 0);
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), (long)n);
	assert_int_equal(m.u.notify_icon.id, 7);
	assert_int_equal(m.u.notify_icon.width, VP_MAX_TRAY_ICON);
	assert_ptr_equal(m.u.notify_icon.pixels, big + VP_HDR_SIZE + 12);
	assert_int_equal(enc_icon(7, VP_MAX_TRAY_ICON + 1, 1), 0); /* the encoder refuses */
	assert_int_equal(enc_icon(7, 0, 0), 0);
	n = enc_icon(7, 1, 1);
	big[VP_HDR_SIZE + 4] = VP_MAX_TRAY_ICON + 1; /* says 65x1 */
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), -1);
	assert_string_equal(why, "notification icon size out of range");
	big[VP_HDR_SIZE + 4] = 0; /* 0x1 */
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), -1);
	assert_string_equal(why, "notification icon size out of range");
	big[VP_HDR_SIZE + 4] = 2; /* says 2x1, holds 1 */
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, n, &m, &why), -1);
	assert_string_equal(why, "NOTIFY_ICON length does not match its size");
	/* 0x0 and nothing after: TRAY_ICON's "gone", never a notification's icon */
	memset(big + VP_HDR_SIZE + 4, 0, 8);
	big[8] = 12; /* the body's length: 16 for 1x1 */
	assert_int_equal(vp_decode(VP_FROM_AGENT, big, VP_HDR_SIZE + 12, &m, &why), -1);
	assert_string_equal(why, "notification icon size out of range");
}

static void notify(struct domain *d, uint32_t id, const char *summary)
{
	struct vp_msg m = { .type = VP_NOTIFY };
	m.u.notify.id = id;
	m.u.notify.summary =
		(struct vp_string){ (uint32_t)strlen(summary), (const uint8_t *)summary };
	feed(d, &m);
}

static struct dnotify *live(struct domain *d, uint32_t id)
{
	for (unsigned i = 0; i < NOTIFY_LIVE; i++)
		if (d->tray.live[i] && d->tray.live[i]->id == id)
			return d->tray.live[i];
	return NULL;
}

/* b (red) shows a's blue as its notification's icon: marked red, drawn at
 * the left of the box, the box taller than one without. */
static void test_marked_drawn(void **state)
{
	(void)state;
	struct domain *b = connected(&cfg_b);
	notify(b, 5, "mail");
	pixman_box32_t plain = srv.tray_area->box;
	fill(0xff3465a4u, 40 * 40);
	assert_int_equal(domain_feed(b, big, enc_icon(5, 40, 40)), 0);
	struct dnotify *n = live(b, 5);
	assert_non_null(n);
	assert_int_equal(n->icon_w, 40);
	uint32_t red = domain_rgb(b), want = icon_mark(0xff3465a4u, red);
	assert_int_not_equal(want & 0xffffff, 0x3465a4);
	for (uint32_t i = 0; i < 40 * 40; i++)
		assert_int_equal(n->icon[i], want);
	pixman_box32_t box = srv.tray_area->box;
	assert_true(box.y2 - box.y1 > plain.y2 - plain.y1);
	assert_true(box.x2 - box.x1 > plain.x2 - plain.x1);
	server_repaint(&srv);
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	const uint32_t *p = pixman_image_get_data(img);
	int stride = pixman_image_get_stride(img) / 4;
	int32_t cy = (box.y1 + box.y2) / 2, ix = box.x1 + DECO_DNOTICE_BORDER + 12;
	assert_int_equal(p[cy * stride + ix + DECO_DNOTICE_ICON / 2] & 0xffffff, want & 0xffffff);
	assert_int_equal(p[cy * stride + ix - 2] & 0xffffff, DECO_DNOTICE_BG);
	assert_int_equal(p[box.y1 * stride + ix] & 0xffffff, red); /* the border */
	domain_destroy(b);
}

/* Refusals: a second icon, an unknown id (counted: one too many cuts the
 * domain off); the icon of a NOTIFY dropped over the rate ignored; a
 * replacement NOTIFY drops the icon. */
static void test_refused(void **state)
{
	(void)state;
	struct domain *a = connected(&cfg_a);
	notify(a, 1, "one");
	fill(0xffffffffu, 4);
	assert_int_equal(domain_feed(a, big, enc_icon(1, 2, 2)), 0);
	struct dnotify *n = live(a, 1);
	uint32_t first = n->icon[0];
	fill(0xff000000u, 4);
	assert_int_equal(domain_feed(a, big, enc_icon(1, 2, 2)), 0); /* a second: refused */
	assert_int_equal(n->icon[0], first);
	assert_int_equal(a->rl[RL_NOTIFY_ICON].refused, 1);
	notify(a, 1, "replaced");
	assert_ptr_equal(live(a, 1), n);
	assert_null(n->icon);
	for (uint32_t i = 2; i < NOTIFY_BURST; i++)
		notify(a, 100 + i, "burst");
	notify(a, 99, "dropped"); /* over the rate */
	assert_null(live(a, 99));
	assert_int_equal(domain_feed(a, big, enc_icon(99, 2, 2)), 0);
	assert_int_equal(a->rl[RL_NOTIFY_ICON].refused, 1); /* ignored, not counted */
	assert_false(a->cut_off);
	for (int i = 1; i < REFUSAL_LIMIT; i++) /* 100 refused in all: still connected */
		assert_int_equal(domain_feed(a, big, enc_icon(1000, 2, 2)), 0);
	assert_true(a->hello_done);
	assert_int_equal(domain_feed(a, big, enc_icon(1000, 2, 2)), -1); /* one too many */
	assert_false(a->hello_done);
	domain_destroy(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test_setup_teardown(test_marked_drawn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
