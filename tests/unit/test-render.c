/*
 * The two renderers against each other (gui-daemon/render.h): the same
 * scene (windows with guest pixels, a buffer row padding, a buffer smaller
 * than its window, one with no pixels yet, a popup, light and strong tint,
 * overlapping frames with titles, the trusted notice) painted by pixman and
 * by gles2 (EGL surfaceless, Mesa's llvmpipe here) must come out the same,
 * pixel for pixel within TOLERANCE, after a full paint and after partial
 * damage and a move. And gles2 copies only damaged guest pixels: a repaint
 * uploads the damaged rectangle and nothing else (its upload counter), and
 * a buffer change outside the reported damage stays unseen even when the
 * whole output is repainted (pixman, which reads the buffer in place, shows
 * it: the test can tell). Writes both pictures to tests/out/render-*.png.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <GLES2/gl2.h>
#include <cmocka.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/png.h"
#include "gui-daemon/render.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/server.h"

#define W 640
#define H 400
/* per channel, for GL blending rounding the tint otherwise than pixman;
 * llvmpipe (Mesa 22.3) and pixman agree exactly today (difference 0) */
#define TOLERANCE 1

static struct scene scene;
static struct domain_config cfg[3];
static struct domain dom[3];
static struct window win[5];
static int nwin;

/* A window whose buffer is bw x bh (stride padded by pad pixels), content
 * at x, y of w x h, with a pattern seeded by seed. */
static struct window *add(int d, int32_t x, int32_t y, uint32_t w, uint32_t h, uint32_t bw,
			  uint32_t bh, uint32_t pad, uint32_t seed, bool popup, const char *title)
{
	struct window *v = &win[nwin++];
	memset(v, 0, sizeof(*v));
	v->dom = &dom[d];
	v->x = x, v->y = y, v->w = w, v->h = h;
	v->mapped = v->shown = true;
	v->as_popup = popup;
	snprintf(v->title, sizeof(v->title), "%s", title);
	v->buf.width = bw;
	v->buf.height = bh;
	v->buf.stride = (bw + pad) * 4;
	uint32_t *px = calloc((size_t)(bw + pad) * bh, 4);
	assert_non_null(px);
	for (uint32_t j = 0; j < bh; j++)
		for (uint32_t i = 0; i < bw + pad; i++)
			px[j * (bw + pad) + i] = (i * 7 + j * 13 + seed) * 2654435761u;
	v->buf.data = (const uint8_t *)px;
	v->image =
		pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)bw, (int)bh, px, (int)v->buf.stride);
	v->has_pixels = true;
	scene_add(&scene, v);
	return v;
}

static void set_px(struct window *v, uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t c)
{
	uint32_t *px = (uint32_t *)(uintptr_t)v->buf.data;
	for (uint32_t j = y; j < y + h; j++)
		for (uint32_t i = x; i < x + w; i++)
			px[j * (v->buf.stride / 4) + i] = c;
}

struct out {
	pixman_image_t *img;
	struct renderer *r;
};

static void open_out(struct out *o, const struct renderer_ops *ops)
{
	o->img = pixman_image_create_bits(PIXMAN_x8r8g8b8, W, H, NULL, 0);
	struct render_output ro = { W, H, o->img, 0, NULL };
	o->r = ops->create(&ro);
	assert_non_null(o->r);
	for (int i = 0; i < nwin; i++)
		o->r->ops->window_changed(o->r, &win[i], WIN_CHANGED_BUFFER | WIN_CHANGED_MAP);
}

static void close_out(struct out *o)
{
	o->r->ops->destroy(o->r);
	pixman_image_unref(o->img);
}

static void paint_box(struct out *o, int32_t x, int32_t y, uint32_t w, uint32_t h)
{
	pixman_region32_t d;
	pixman_region32_init_rect(&d, x, y, w, h);
	o->r->ops->paint(o->r, &scene, &d);
	o->r->ops->read(o->r);
	pixman_region32_fini(&d);
}

static uint32_t px_at(pixman_image_t *img, int x, int y)
{
	return pixman_image_get_data(
		       img)[(size_t)y * (size_t)pixman_image_get_stride(img) / 4 + (size_t)x] &
	       0xffffff;
}

static void save(pixman_image_t *img, const char *name)
{
	char path[256];
	const char *why;
	snprintf(path, sizeof(path), "%s/render-%s.png",
		 getenv("VT_OUT") ? getenv("VT_OUT") : "tests/out", name);
	if (png_write(path, img, &why) < 0)
		print_message("cannot write %s: %s\n", path, why);
}

/* Pixels differing by more than TOLERANCE in a channel; the largest
 * difference in *maxd. */
static int compare(pixman_image_t *a, pixman_image_t *b, int *maxd)
{
	int bad = 0;
	*maxd = 0;
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			uint32_t p = px_at(a, x, y), q = px_at(b, x, y);
			int m = 0;
			for (int s = 0; s < 24; s += 8) {
				int d = abs((int)((p >> s) & 0xff) - (int)((q >> s) & 0xff));
				m = d > m ? d : m;
			}
			*maxd = m > *maxd ? m : *maxd;
			if (m > TOLERANCE && bad++ < 5)
				print_message("(%d,%d): pixman %06x gles2 %06x\n", x, y, p, q);
		}
	return bad;
}

static void same(struct out *p, struct out *g, const char *what)
{
	int maxd;
	int bad = compare(p->img, g->img, &maxd);
	print_message("%s: largest channel difference %d, %d pixels over %d\n", what, maxd, bad,
		      TOLERANCE);
	if (bad) {
		save(p->img, "pixman-bad");
		save(g->img, "gles2-bad");
	}
	assert_int_equal(bad, 0);
}

static int setup(void **state)
{
	const char *why;
	(void)state;
	vlog_quiet = true;
	memset(&scene, 0, sizeof(scene));
	scene_init(&scene, W, H);
	assert_int_equal(config_parse_domain(&cfg[0], "work,label=blue", &why), 0);
	assert_int_equal(config_parse_domain(&cfg[1], "untrusted,label=red,tint=strong", &why), 0);
	assert_int_equal(config_parse_domain(&cfg[2], "media,label=yellow,tint=light", &why), 0);
	for (int i = 0; i < 3; i++)
		dom[i].cfg = &cfg[i];
	nwin = 0;
	/* bottom to top */
	add(0, 40, 50, 300, 200, 300, 200, 0, 1, false, "plain: row stride = width");
	add(1, 200, 150, 260, 180, 200, 150, 13, 2, false, "strong tint, small padded buffer");
	struct window *v = add(2, 420, 60, 150, 120, 150, 120, 3, 3, false, "light, no pixels yet");
	v->has_pixels = false;
	add(2, 100, 300, 120, 60, 120, 60, 1, 4, true, "");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < nwin; i++) {
		pixman_image_unref(win[i].image);
		free((void *)(uintptr_t)win[i].buf.data);
		list_remove(&win[i].stack_link);
	}
	scene_finish(&scene);
	return 0;
}

static void test_same_picture(void **state)
{
	(void)state;
	struct out p, g;
	open_out(&p, &pixman_renderer_ops);
	open_out(&g, &gles2_renderer_ops);
	pixman_region32_t d;
	pixman_region32_init(&d);
	p.r->ops->notice(p.r, "copied 24 bytes from work", &scene.work, &d);
	g.r->ops->notice(g.r, "copied 24 bytes from work", &scene.work, &d);
	pixman_region32_fini(&d);
	paint_box(&p, 0, 0, W, H);
	paint_box(&g, 0, 0, W, H);
	save(p.img, "pixman");
	save(g.img, "gles2");
	same(&p, &g, "full paint");

	/* the guest draws; a part of it is damaged (on both) */
	struct window *v = &win[1];
	set_px(v, 10, 20, 50, 40, 0x00ff8800);
	g.r->ops->window_damaged(g.r, v, 10, 20, 50, 40);
	paint_box(&p, v->x + 10, v->y + 20, 50, 40);
	paint_box(&g, v->x + 10, v->y + 20, 50, 40);
	same(&p, &g, "partial damage");

	/* a window moves: its old and new places are repainted */
	struct window *u = &win[0];
	pixman_box32_t old;
	scene_frame_box(&scene, u, &old);
	u->x += 37, u->y -= 11;
	p.r->ops->window_changed(p.r, u, WIN_CHANGED_GEOMETRY);
	g.r->ops->window_changed(g.r, u, WIN_CHANGED_GEOMETRY);
	paint_box(&p, 0, 0, W, H);
	paint_box(&g, 0, 0, W, H);
	same(&p, &g, "moved");

	/* and the notice goes away */
	pixman_region32_init(&d);
	p.r->ops->notice(p.r, NULL, &scene.work, &d);
	g.r->ops->notice(g.r, NULL, &scene.work, &d);
	pixman_box32_t *e = pixman_region32_extents(&d);
	paint_box(&p, e->x1, e->y1, (uint32_t)(e->x2 - e->x1), (uint32_t)(e->y2 - e->y1));
	paint_box(&g, e->x1, e->y1, (uint32_t)(e->x2 - e->x1), (uint32_t)(e->y2 - e->y1));
	pixman_region32_fini(&d);
	same(&p, &g, "notice gone");
	close_out(&p);
	close_out(&g);
}

static void test_uploads_only_damage(void **state)
{
	(void)state;
	struct out p, g;
	open_out(&p, &pixman_renderer_ops);
	open_out(&g, &gles2_renderer_ops);
	paint_box(&p, 0, 0, W, H);
	paint_box(&g, 0, 0, W, H);
	/* the first paint: every shown guest pixel once (the window with no
	 * pixels yet none; the one under others only where it shows) */
	uint64_t first = g.r->uploaded_bytes;
	assert_true(first > 0);
	assert_true(first <= (uint64_t)(300 * 200 + 200 * 150 + 120 * 60) * 4);

	/* 64x64 pixels change; the guest reports 16x16 of them */
	struct window *v = &win[0];
	set_px(v, 20, 30, 64, 64, 0x00123456);
	g.r->ops->window_damaged(g.r, v, 20, 30, 16, 16);
	paint_box(&p, v->x + 20, v->y + 30, 16, 16);
	paint_box(&g, v->x + 20, v->y + 30, 16, 16);
	assert_int_equal(g.r->uploaded_bytes - first, 16 * 16 * 4);
	same(&p, &g, "16x16 damage");

	/* the whole output again, no guest damage: nothing is uploaded, and
	 * the pixels changed outside the damage are not shown by gles2 (its
	 * texture holds what was reported), while pixman reads them in place */
	paint_box(&p, 0, 0, W, H);
	paint_box(&g, 0, 0, W, H);
	assert_int_equal(g.r->uploaded_bytes - first, 16 * 16 * 4);
	assert_int_equal(px_at(g.img, v->x + 20, v->y + 30), 0x123456);
	assert_int_equal(px_at(p.img, v->x + 50, v->y + 60), 0x123456);
	assert_int_not_equal(px_at(g.img, v->x + 50, v->y + 60), 0x123456);

	/* pixels under another window are uploaded only once they show: the
	 * 64x64 damaged now, and the part of the window the top one's frame
	 * hid since the first paint (never uploaded until now) */
	struct window *top = &win[1];
	g.r->ops->window_damaged(g.r, v, 20, 30, 64, 64);
	uint64_t before = g.r->uploaded_bytes;
	pixman_box32_t f;
	scene_frame_box(&scene, top, &f);
	int32_t hid_w = (v->x + (int32_t)v->w < f.x2 ? v->x + (int32_t)v->w : f.x2) - f.x1;
	int32_t hid_h = (v->y + (int32_t)v->h < f.y2 ? v->y + (int32_t)v->h : f.y2) - f.y1;
	assert_true(hid_w > 0 && hid_h > 0 && f.x1 > v->x + 84 && f.y1 > v->y);
	top->shown = false;
	paint_box(&p, 0, 0, W, H);
	paint_box(&g, 0, 0, W, H);
	assert_int_equal(g.r->uploaded_bytes - before, (64 * 64 + hid_w * hid_h) * 4);
	same(&p, &g, "uncovered after damage");
	top->shown = true;
	close_out(&p);
	close_out(&g);
}

/* A buffer wider than GL's largest texture (no guest can send one: the
 * protocol's limit is lower than llvmpipe's) is shown as a window with no
 * pixels yet, uploads nothing, and the rest of the output is drawn. */
static void test_buffer_over_largest_texture(void **state)
{
	(void)state;
	struct out p, g;
	open_out(&g, &gles2_renderer_ops);
	GLint max = 0;
	glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max);
	assert_true(max > 0 && max < 1 << 20);
	struct window *v = add(0, 20, 40, 100, 10, (uint32_t)max + 1, 10, 0, 6, false, "wide");
	open_out(&p, &pixman_renderer_ops);
	g.r->ops->window_changed(g.r, v, WIN_CHANGED_BUFFER | WIN_CHANGED_MAP);
	uint64_t before = g.r->uploaded_bytes;
	paint_box(&g, 0, 0, W, H);
	paint_box(&p, 0, 0, W, H);
	assert_int_equal(px_at(g.img, 25, 45), RENDER_NO_PIXELS);
	assert_int_not_equal(px_at(p.img, 25, 45), RENDER_NO_PIXELS);
	/* everything but that window's content is the same */
	pixman_region32_t area;
	pixman_region32_init_rect(&area, 20, 40, 100, 10);
	pixman_image_set_clip_region32(p.img, &area);
	pixman_region32_fini(&area);
	pixman_image_composite32(PIXMAN_OP_SRC, g.img, NULL, p.img, 20, 40, 0, 0, 20, 40, 100, 10);
	pixman_image_set_clip_region32(p.img, NULL);
	same(&p, &g, "a buffer over the largest texture");
	/* the other windows' pixels, once each */
	assert_true(g.r->uploaded_bytes - before <=
		    (uint64_t)(300 * 200 + 200 * 150 + 120 * 60) * 4);
	close_out(&p);
	close_out(&g);
}

static double bench_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Not a test: with VT_RENDER_BENCH=N, the time per repaint (N of them) of
 * a 1920x1080 output, one window over all of it whose buffer changes in a
 * full or in a 64x64 damage, for each renderer (gles2: to glFinish). */
static void bench(void **state)
{
	(void)state;
	const char *e = getenv("VT_RENDER_BENCH");
	if (!e)
		skip();
	int n = atoi(e) > 0 ? atoi(e) : 100;
	struct scene big;
	scene_init(&big, 1920, 1080);
	struct scene saved = scene;
	scene = big;
	list_init(&scene.stack);
	nwin = 0;
	struct window *v = add(0, 3, 23, 1914, 1054, 1914, 1054, 0, 5, false, "bench");
	for (int k = 0; k < 2; k++) {
		const struct renderer_ops *ops = k ? &gles2_renderer_ops : &pixman_renderer_ops;
		pixman_image_t *img =
			pixman_image_create_bits(PIXMAN_x8r8g8b8, 1920, 1080, NULL, 0);
		struct render_output ro = { 1920, 1080, img, 0, NULL };
		struct renderer *r = ops->create(&ro);
		assert_non_null(r);
		r->ops->window_changed(r, v, WIN_CHANGED_BUFFER | WIN_CHANGED_MAP);
		for (int full = 1; full >= 0; full--) {
			uint32_t w = full ? v->w : 64, h = full ? v->h : 64;
			double t0 = 0;
			for (int i = -3; i < n; i++) { /* 3 to warm up */
				if (i == 0)
					t0 = bench_ms();
				set_px(v, 0, 0, w, h, (uint32_t)i * 0x010203u);
				r->ops->window_damaged(r, v, 0, 0, w, h);
				pixman_region32_t d;
				pixman_region32_init_rect(&d, v->x, v->y, w, h);
				r->ops->paint(r, &scene, &d);
				pixman_region32_fini(&d);
				if (k)
					glFinish();
			}
			print_message("%s: %s damage: %.3f ms per repaint (%d repaints)\n",
				      ops->name, full ? "1914x1054 (full window)" : "64x64",
				      (bench_ms() - t0) / n, n);
		}
		r->ops->destroy(r);
		pixman_image_unref(img);
	}
	pixman_image_unref(v->image);
	free((void *)(uintptr_t)v->buf.data);
	scene_finish(&scene);
	scene = saved;
	nwin = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_picture, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uploads_only_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buffer_over_largest_texture, setup, teardown),
		cmocka_unit_test(bench),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
