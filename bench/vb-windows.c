/*
 * vb-windows: N static top-level windows on $DISPLAY (or --display), for
 * the scale and idle benchmarks.
 *
 *   vb-windows [--display D] [--count N] [--size WxH] [--origin X,Y]
 *              [--title PREFIX]
 *
 * Each window is filled with a colour of its own (redrawn on Expose),
 * cascaded from X+20,Y+20 in steps of 30. Prints `ready ID...` once all are mapped and
 * drawn, then does nothing until stdin closes.
 */
#include "bench.h"

#define MAX_WIN 64

int main(int argc, char **argv)
{
	const char *display = NULL, *prefix = "vb-windows";
	unsigned count = 8, W = 320, H = 200;
	int ox = 0, oy = 0;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--display"))
			display = argv[i + 1];
		else if (!strcmp(argv[i], "--count"))
			count = (unsigned)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--origin")) {
			if (sscanf(argv[i + 1], "%d,%d", &ox, &oy) != 2)
				vb_die("bad --origin");
		} else if (!strcmp(argv[i], "--title"))
			prefix = argv[i + 1];
		else if (!strcmp(argv[i], "--size")) {
			if (sscanf(argv[i + 1], "%ux%u", &W, &H) != 2 || !W || !H || W > 4096 ||
			    H > 4096)
				vb_die("bad --size");
		} else
			vb_die("unknown option %s", argv[i]);
	}
	if (count < 1 || count > MAX_WIN)
		vb_die("--count 1..%d", MAX_WIN);
	xcb_screen_t *s;
	xcb_connection_t *c = vb_xconnect(display, &s);
	xcb_window_t win[MAX_WIN];
	uint32_t colour[MAX_WIN];
	xcb_gcontext_t gc = xcb_generate_id(c);
	uint32_t gv[] = { 0 };
	xcb_create_gc(c, gc, s->root, XCB_GC_GRAPHICS_EXPOSURES, gv);
	for (unsigned i = 0; i < count; i++) {
		win[i] = xcb_generate_id(c);
		colour[i] = (0x203040u + i * 0x1f2d3bu) & 0xffffff;
		uint32_t v[] = { colour[i], XCB_EVENT_MASK_EXPOSURE };
		xcb_create_window(c, XCB_COPY_FROM_PARENT, win[i], s->root,
				  (int16_t)(ox + 20 + 30 * (int)i),
				  (int16_t)(oy + 20 + 30 * (int)i), (uint16_t)W, (uint16_t)H, 0,
				  XCB_WINDOW_CLASS_INPUT_OUTPUT, s->root_visual,
				  XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, v);
		char title[128];
		snprintf(title, sizeof(title), "%s %u", prefix, i);
		vb_set_title(c, win[i], title);
		xcb_map_window(c, win[i]);
	}
	vb_sync(c);
	for (unsigned i = 0; i < count; i++) {
		xcb_rectangle_t r = { 0, 0, (uint16_t)W, (uint16_t)H };
		xcb_change_gc(c, gc, XCB_GC_FOREGROUND, &colour[i]);
		xcb_poly_fill_rectangle(c, win[i], gc, 1, &r);
	}
	vb_sync(c);
	printf("ready");
	for (unsigned i = 0; i < count; i++)
		printf(" %u", win[i]);
	printf("\n");
	fflush(stdout);
	for (;;) {
		struct pollfd p[2] = { { 0, POLLIN, 0 },
				       { xcb_get_file_descriptor(c), POLLIN, 0 } };
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents) {
			char buf[256];
			if (read(0, buf, sizeof(buf)) <= 0)
				break;
		}
		/* (a flush with something to write reads what came meanwhile
		 * too, libxcb: handled before poll, which would not see it) */
		xcb_generic_event_t *ev = xcb_poll_for_event(c);
		while (ev) {
			if ((ev->response_type & 0x7f) == XCB_EXPOSE) {
				xcb_expose_event_t *e = (xcb_expose_event_t *)ev;
				for (unsigned i = 0; i < count; i++) {
					if (win[i] != e->window)
						continue;
					xcb_rectangle_t r = { (int16_t)e->x, (int16_t)e->y,
							      e->width, e->height };
					xcb_change_gc(c, gc, XCB_GC_FOREGROUND, &colour[i]);
					xcb_poly_fill_rectangle(c, win[i], gc, 1, &r);
				}
			}
			free(ev);
			if (!(ev = xcb_poll_for_event(c))) {
				xcb_flush(c);
				ev = xcb_poll_for_queued_event(c);
			}
		}
		xcb_flush(c);
		if (xcb_connection_has_error(c))
			return 1;
	}
	xcb_disconnect(c);
	return 0;
}
