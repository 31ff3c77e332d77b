/*
 * Unit tests of the monitor layout, the scale and the resize hand-off in
 * the core (gui-daemon/monitors.c, scale.c, sync.c, scene.c): what each
 * domain is told and when, popups kept on one monitor, frames grown by the
 * scale of the monitor a window is on, SYNC_DONE answers checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/monitors.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"
#include "gui-daemon/sync.h"

static struct server srv;
static struct domain_config cfg;
static uint8_t msgbuf[VP_HDR_SIZE + 4096];

static int setup(void **state)
{
	const char *why;
	(void)state;
	memset(&srv, 0, sizeof(srv));
	vlog_quiet = true;
	srv.cfg.width = 1280;
	srv.cfg.height = 480;
	strcpy(srv.cfg.monitors, "640x480+0+0,640x480+640+0");
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	assert_int_equal(config_parse_domain(&cfg, "t,label=blue", &why), 0);
	return 0;
}

/* The trial's: 640x400 at 0,400 and 960x800 at 640,0 */
static int setup_seam(void **state)
{
	setup(state);
	server_finish(&srv);
	memset(&srv, 0, sizeof(srv));
	srv.cfg.width = 1600;
	srv.cfg.height = 800;
	strcpy(srv.cfg.monitors, "640x400+0+400,960x800+640+0");
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv); /* destroys the domains */
	return 0;
}

static int feed(struct domain *d, struct vp_msg *m)
{
	size_t n = vp_encode(m, msgbuf, sizeof(msgbuf));
	assert_true(n > 0);
	return domain_feed(d, msgbuf, n);
}

static struct domain *connected(uint16_t minor)
{
	struct domain *d = domain_create(&srv, &cfg);
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello.major = VP_MAJOR;
	m.u.hello.minor = minor;
	assert_int_equal(feed(d, &m), 0);
	srv.domains[srv.ndomains++] = d; /* told by monitors_set, as the daemon's are */
	return d;
}

/* The last message of type in d's queue (decoded into *out), and how many. */
static unsigned last_sent(struct domain *d, uint32_t type, struct vp_msg *out)
{
	unsigned n = 0;
	const char *why;
	for (size_t off = 0; off < d->tx_len;) {
		struct vp_msg m;
		long used = vp_decode(VP_FROM_DAEMON, d->tx + off, d->tx_len - off, &m, &why);
		assert_true(used > 0);
		if (m.type == type)
			*out = m, n++;
		off += (size_t)used;
	}
	return n;
}

static void test_told(void **state)
{
	(void)state;
	struct domain *old = connected(VP_MINOR_MONITORS - 1), *d = connected(VP_MINOR_MONITORS);
	struct vp_msg m;
	assert_int_equal(last_sent(old, VP_MONITORS, &m), 0); /* it would not read it */
	assert_int_equal(last_sent(d, VP_MONITORS, &m), 1);
	assert_int_equal(m.u.monitors.n, 2);
	assert_int_equal(m.u.monitors.dpi, 96);
	assert_int_equal(m.u.monitors.m[1].x, 640);
	assert_int_equal(m.u.monitors.m[1].w, 640);
	assert_int_equal(m.u.monitors.m[1].mm_w, 169); /* 640 px at 96 dpi */
	/* a hot-plug: cut to the output, the empty one dropped; told again */
	pixman_box32_t b[3] = { { 0, 0, 1000, 480 },
				{ 1000, 0, 2000, 480 },
				{ 1300, 0, 1400, 10 } };
	assert_int_equal(monitors_set(&srv, b, NULL, 3), 2);
	assert_int_equal(last_sent(d, VP_MONITORS, &m), 2);
	assert_int_equal(m.u.monitors.n, 2);
	assert_int_equal(m.u.monitors.m[1].w, 280);
	/* the same layout again: nothing new */
	monitors_set(&srv, b, NULL, 3);
	assert_int_equal(last_sent(d, VP_MONITORS, &m), 2);
	/* nothing on the output: the whole output */
	pixman_box32_t off = { 2000, 0, 2100, 100 };
	assert_int_equal(monitors_set(&srv, &off, NULL, 1), 1);
	assert_int_equal(srv.scene.mon[0].x2, 1280);
	/* the scale: dpi, physical size, frames */
	assert_int_equal(monitors_set_scale(&srv, 200), 0);
	assert_int_equal(last_sent(d, VP_MONITORS, &m), 4);
	assert_int_equal(m.u.monitors.dpi, 192);
	assert_int_equal(m.u.monitors.m[0].mm_w, 169); /* 1280 px at 192 dpi */
	assert_int_equal(scene_frame_at(&srv.scene, false, srv.scene.mon_scale[0]).border, 6);
	assert_int_equal(scene_frame_at(&srv.scene, false, srv.scene.mon_scale[0]).titlebar, 40);
	assert_int_equal(scene_frame_at(&srv.scene, true, 200).titlebar, 0); /* a popup's */
	assert_int_equal(monitors_set_scale(&srv, SCALE_MAX + 1), -1);
	assert_int_equal(monitors_set_scale(&srv, 100), 0);
	assert_int_equal(scene_frame_at(&srv.scene, false, srv.scene.mon_scale[0]).border, 3);
	assert_int_equal(last_sent(old, VP_MONITORS, &m), 0);
}

static void test_popup_per_monitor(void **state)
{
	(void)state;
	struct domain *d = connected(VP_MINOR_MONITORS);
	for (uint32_t id = 1; id <= 3; id++) {
		static const int32_t xs[] = { 0, 530, 600, 1200 };
		struct vp_msg m = { .type = VP_CREATE, .window = id };
		m.u.create.r = (struct vp_rect){ xs[id], 50, 200, 100 };
		m.u.create.flags = VP_WIN_OVERRIDE_REDIRECT;
		assert_int_equal(feed(d, &m), 0);
		m = (struct vp_msg){ .type = VP_MAP, .window = id };
		m.u.map.flags = VP_WIN_OVERRIDE_REDIRECT;
		assert_int_equal(feed(d, &m), 0);
	}
	int b = srv.scene.border;
	/* centre at 630: the left monitor; at 700: the right one; 1200: inside */
	assert_int_equal(domain_find_window(d, 1)->x, 640 - b - 200);
	assert_int_equal(domain_find_window(d, 2)->x, 640 + b);
	assert_int_equal(domain_find_window(d, 3)->x, 1280 - b - 200);
}

static void test_sync_answers(void **state)
{
	(void)state;
	struct domain *d = connected(VP_MINOR_MONITORS);
	struct vp_msg m = { .type = VP_CREATE, .window = 7 };
	m.u.create.r = (struct vp_rect){ 100, 100, 200, 100 };
	assert_int_equal(feed(d, &m), 0);
	struct window *w = domain_find_window(d, 7);
	struct vp_msg done = { .type = VP_SYNC_DONE, .window = 7 };
	done.u.sync.serial = 1;
	assert_non_null(sync_done(d, w, &done)); /* never asked */
	window_user_geometry(w, 100, 100, 300, 150);
	window_user_geometry(w, 100, 100, 310, 160);
	window_user_geometry(w, 120, 100, 310, 160); /* a move: nothing to sync */
	assert_int_equal(last_sent(d, VP_SYNC_REQUEST, &m), 2);
	assert_int_equal(m.u.sync.serial, 2);
	assert_int_equal(m.u.sync.w, 310);
	done.u.sync.serial = 3; /* not sent yet */
	assert_non_null(sync_done(d, w, &done));
	done.u.sync.serial = 1; /* the older one */
	assert_null(sync_done(d, w, &done));
	assert_non_null(sync_done(d, w, &done)); /* twice */
	done.u.sync.serial = 2;
	assert_null(sync_done(d, w, &done));
	assert_non_null(sync_done(d, w, &done));
	done.u.sync.serial = 0;
	assert_non_null(sync_done(d, w, &done));
}

static void test_parse(void **state)
{
	(void)state;
	pixman_box32_t b[MONITORS_MAX];
	assert_int_equal(monitors_parse("10x20+3+4,5x6+0+0", b, MONITORS_MAX), 2);
	assert_int_equal(b[0].x2, 13);
	static const char *bad[] = { "",	  "10x20",    "10x20+3+4,",
				     "0x5+0+0",	  "5x5+-1+0", "10x20+3+4;5x6+0+0",
				     "9000x5+0+0" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(monitors_parse(bad[i], b, MONITORS_MAX), 0);
	assert_int_equal(monitors_parse("1x1+0+0,1x1+0+0", b, 1), 0); /* over the cap */
	assert_int_equal(scale_parse("1.5"), 150);
	assert_int_equal(scale_parse("125%"), 125);
	assert_int_equal(scale_parse("0.2"), 0);
	assert_int_equal(scale_parse("11"), 0);
	assert_int_equal(scale_parse("2x"), 0);
	assert_int_equal(scale_parse("nan"), 0);
	/* --scale: every monitor's, and monitors' own by name */
	struct scale_rules r = { 0 };
	assert_int_equal(scale_rules_of(&r, "DP-1"), 100);
	assert_int_equal(scale_rules_parse(&r, "1.25,DP-1=2"), 0);
	assert_int_equal(scale_rules_parse(&r, "HDMI-A-1=150%,dp-1=1.5"), 0); /* added to */
	assert_int_equal(scale_rules_of(&r, "DP-1"), 150);
	assert_int_equal(scale_rules_of(&r, "HDMI-A-1"), 150);
	assert_int_equal(scale_rules_of(&r, "VGA-1"), 125);
	assert_int_equal(r.n, 2);
	static const char *nope[] = { "",	"2,",	    ",2",     "DP-1=", "=2",
				      "DP 1=2", "DP-1=0.1", "DP-1:2", "a=2=3", "DP-1=2,,1" };
	for (size_t i = 0; i < sizeof(nope) / sizeof(nope[0]); i++)
		assert_int_equal(scale_rules_parse(&r, nope[i]), -1);
	assert_int_equal(scale_rules_of(&r, "DP-1"), 150); /* unchanged */
	char many[16 * 8 + 1] = "", *o = many;
	for (int i = 0; i < 17; i++)
		o += sprintf(o, "%sM%d=2", i ? "," : "", i);
	assert_int_equal(scale_rules_parse(&(struct scale_rules){ 0 }, many), -1);
}

static struct window *mapped(struct domain *d, uint32_t id, int32_t x, int32_t y, uint32_t w,
			     uint32_t h)
{
	struct vp_msg m = { .type = VP_CREATE, .window = id };
	m.u.create.r = (struct vp_rect){ x, y, w, h };
	assert_int_equal(feed(d, &m), 0);
	m = (struct vp_msg){ .type = VP_MAP, .window = id };
	assert_int_equal(feed(d, &m), 0);
	return domain_find_window(d, id);
}

/* The label colour at x, y of the composited output (headless). */
static bool label_at(struct domain *d, int x, int y)
{
	server_repaint(&srv);
	pixman_image_t *img = srv.backend->ops->output(srv.backend);
	const uint32_t *p = pixman_image_get_data(img);
	return (p[y * (pixman_image_get_stride(img) / 4) + x] & 0xffffff) == domain_rgb(d);
}

/* A scale per monitor: which monitor a window is on, its frame there, the
 * domains told each monitor's size at its dpi and Xft.dpi the first's. */
static void test_per_output(void **state)
{
	(void)state;
	struct domain *d = connected(VP_MINOR_MONITORS);
	struct vp_msg m;
	assert_string_equal(srv.scene.mon_name[1], "MONITOR-2"); /* headless: by order */
	assert_int_equal(monitors_set_output_scale(&srv, "monitor-2", 200), 0);
	assert_int_equal(monitors_set_output_scale(&srv, "DP-1", 200), -1); /* none such */
	assert_int_equal(monitors_set_output_scale(&srv, "MONITOR-1", 20), -1);
	assert_int_equal(last_sent(d, VP_MONITORS, &m), 2);
	assert_int_equal(m.u.monitors.dpi, 96);	       /* the first monitor's */
	assert_int_equal(m.u.monitors.m[0].mm_w, 169); /* 640 px at 96 dpi */
	assert_int_equal(m.u.monitors.m[1].mm_w, 85);  /* 640 px at 192 dpi */
	struct window *l = mapped(d, 1, 100, 100, 200, 100), *r = mapped(d, 2, 800, 100, 200, 100);
	assert_int_equal(scene_frame(&srv.scene, l).border, 3);
	assert_int_equal(scene_titlebar(&srv.scene, l), 20);
	assert_int_equal(scene_frame(&srv.scene, r).border, 6);
	assert_int_equal(scene_titlebar(&srv.scene, r), 40);
	/* drawn so: 5 px left of the content the label colour on the right
	 * monitor only; 2 px left of it on both */
	assert_true(label_at(d, r->x - 5, r->y + 50));
	assert_false(label_at(d, l->x - 5, l->y + 50));
	assert_true(label_at(d, l->x - 2, l->y + 50));
	/* across the seam: by the largest overlap of the frame */
	struct vp_rect across = { 500, 100, 200, 100 };
	/* its frame at 1 on the left 497..640 x 126 rows, at 2 on the right 640..706 x 152 */
	assert_int_equal(scene_monitor_of(&srv.scene, l, &across), 0);
	across.x = 560; /* 557..640 x 126 left, 640..766 x 152 right */
	assert_int_equal(scene_monitor_of(&srv.scene, l, &across), 1);
	struct vp_rect off = { 5000, 5000, 10, 10 }; /* on none: the first */
	assert_int_equal(scene_monitor_of(&srv.scene, l, &off), 0);
	/* the user moves the left window onto the right monitor: its frame grows;
	 * placed against the right edge by the right monitor's frame */
	window_user_geometry(l, 1200, 100, 200, 100);
	assert_int_equal(scene_frame(&srv.scene, l).border, 6);
	window_user_geometry(l, 100, 100, 200, 100);
	struct vp_rect edge = { 2000, 100, 200, 100 };
	scene_clamp(&srv.scene, l, &edge, false);
	assert_int_equal(edge.x, 1280 - 6 - 200);
	/* a hot-plug: the scale goes with the monitor's name */
	pixman_box32_t b[2] = { { 0, 0, 640, 480 }, { 640, 0, 1280, 480 } };
	const char names[2][SCALE_NAME] = { "MONITOR-2", "DP-1" };
	monitors_set_named(&srv, b, names, 2);
	assert_int_equal(srv.scene.mon_scale[0], 200);
	assert_int_equal(srv.scene.mon_scale[1], 100);
	assert_int_equal(last_sent(d, VP_MONITORS, &m), 3);
	assert_int_equal(m.u.monitors.dpi, 192); /* the first monitor's now */
	assert_int_equal(scene_frame(&srv.scene, l).border, 6);
	assert_int_equal(scene_frame(&srv.scene, r).border, 3);
	assert_true(label_at(d, l->x - 5, l->y + 50));
	assert_false(label_at(d, r->x - 5, r->y + 50));
	/* every monitor's scale: the monitor's own one is dropped */
	assert_int_equal(monitors_set_scale(&srv, 150), 0);
	assert_int_equal(srv.scene.mon_scale[0], 150);
	assert_int_equal(srv.scene.mon_scale[1], 150);
	assert_int_equal(srv.scene.scale, 150);
}

/* Monitors of two scales whose tops differ: wherever a domain asks, the
 * start of its window's title bar (the label) is on the monitor whose
 * frame it is drawn with (hostile-domain trial 19 F3: clamped a second
 * time, back onto the first monitor, with the second's frame, the scale-3
 * label was drawn above its monitor, where none shows it). */
static void test_clamp_seam(void **state)
{
	(void)state;
	struct domain *d = connected(VP_MINOR_MONITORS);
	assert_int_equal(monitors_set_output_scale(&srv, "MONITOR-1", 300), 0);
	struct window *w = mapped(d, 1, 700, 100, 300, 200);
	int bad = 0, tried = 0;
	for (int32_t y = -60; y < 820; y += 7)
		for (int32_t x = -120; x < 1620; x += 11) {
			struct vp_rect r = { x, y, 300, 200 };
			scene_clamp(&srv.scene, w, &r, false);
			unsigned m = scene_monitor_of(&srv.scene, w, &r);
			struct deco_frame f =
				scene_frame_at(&srv.scene, false, srv.scene.mon_scale[m]);
			int32_t x1 = r.x - f.border, y1 = r.y - f.border - f.titlebar;
			/* the label's corners each on a monitor: shown */
			int32_t px[4] = { x1, x1 + 40, x1, x1 + 40 },
				py[4] = { y1, y1, r.y - 1, r.y - 1 };
			for (int k = 0; k < 4; k++) {
				bool on = false;
				for (unsigned n = 0; n < srv.scene.nmon; n++)
					on |= px[k] >= srv.scene.mon[n].x1 &&
					      px[k] < srv.scene.mon[n].x2 &&
					      py[k] >= srv.scene.mon[n].y1 &&
					      py[k] < srv.scene.mon[n].y2;
				if (!on && bad < 4)
					print_message("asked %d,%d: at %d,%d, its label's corner "
						      "%d,%d on "
						      "no monitor\n",
						      x, y, r.x, r.y, px[k], py[k]);
				bad += !on;
			}
			tried++;
		}
	if (bad)
		fail_msg("%d of %d places: the title bar's start off its monitor", bad, tried);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_told, setup, teardown),
		cmocka_unit_test_setup_teardown(test_popup_per_monitor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_answers, setup, teardown),
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_per_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clamp_seam, setup_seam, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
