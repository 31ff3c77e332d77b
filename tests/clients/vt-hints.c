/*
 * vt-hints: a window whose WM_NORMAL_HINTS say what the command line says,
 * sense or not (negative, huge, max below min), as a hostile or careless
 * client sets them.
 *   vt-hints WxH+X+Y TITLE [min W H] [max W H] [inc W H] [base W H]
 *            [aspect MINNUM MINDEN MAXNUM MAXDEN]
 * Each value is a signed 32-bit number, written as is. The window is filled
 * with orange (ff8000); prints its window id once drawn, then runs until
 * stdin closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xcb/xcb.h>
#include <xcb/xcb_icccm.h>

static void die(const char *why)
{
	fprintf(stderr, "vt-hints: %s\n", why);
	exit(1);
}

static int32_t num(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 0);
	if (*end || v < INT32_MIN || v > INT32_MAX)
		die("a hint is not a signed 32-bit number");
	return (int32_t)v;
}

int main(int argc, char **argv)
{
	unsigned w, h;
	int x, y;
	if (argc < 3 || sscanf(argv[1], "%ux%u+%d+%d", &w, &h, &x, &y) != 4 || !w || !h ||
	    w > 4096 || h > 4096)
		die("usage: vt-hints WxH+X+Y TITLE [min W H] [max W H] [inc W H] [base W H] "
		    "[aspect A B C D]");
	xcb_size_hints_t sh;
	memset(&sh, 0, sizeof(sh));
	xcb_icccm_size_hints_set_position(&sh, 1, x, y);
	xcb_icccm_size_hints_set_size(&sh, 1, (int32_t)w, (int32_t)h);
	for (int i = 3; i < argc;) {
		const char *k = argv[i];
		int n = !strcmp(k, "aspect") ? 4 : 2;
		if (i + n >= argc)
			die("a hint without its values");
		int32_t a = num(argv[i + 1]), b = num(argv[i + 2]);
		if (!strcmp(k, "min"))
			xcb_icccm_size_hints_set_min_size(&sh, a, b);
		else if (!strcmp(k, "max"))
			xcb_icccm_size_hints_set_max_size(&sh, a, b);
		else if (!strcmp(k, "inc"))
			xcb_icccm_size_hints_set_resize_inc(&sh, a, b);
		else if (!strcmp(k, "base"))
			xcb_icccm_size_hints_set_base_size(&sh, a, b);
		else if (!strcmp(k, "aspect"))
			xcb_icccm_size_hints_set_aspect(&sh, a, b, num(argv[i + 3]),
							num(argv[i + 4]));
		else
			die("unknown hint (min, max, inc, base, aspect)");
		i += n + 1;
	}
	xcb_connection_t *c = xcb_connect(NULL, NULL);
	if (xcb_connection_has_error(c))
		die("cannot connect to the X server");
	xcb_screen_t *s = xcb_setup_roots_iterator(xcb_get_setup(c)).data;
	xcb_window_t win = xcb_generate_id(c);
	uint32_t v[] = { 0xff8000, XCB_EVENT_MASK_EXPOSURE };
	xcb_create_window(c, XCB_COPY_FROM_PARENT, win, s->root, (int16_t)x, (int16_t)y,
			  (uint16_t)w, (uint16_t)h, 0, XCB_WINDOW_CLASS_INPUT_OUTPUT,
			  s->root_visual, XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, v);
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, win, XCB_ATOM_WM_NAME, XCB_ATOM_STRING, 8,
			    (uint32_t)strlen(argv[2]), argv[2]);
	xcb_icccm_set_wm_normal_hints(c, win, &sh);
	xcb_map_window(c, win);
	xcb_flush(c);
	xcb_generic_event_t *ev;
	while ((ev = xcb_wait_for_event(c))) {
		int expose = (ev->response_type & 0x7f) == XCB_EXPOSE;
		free(ev);
		if (expose)
			break;
	}
	free(xcb_get_input_focus_reply(c, xcb_get_input_focus(c), NULL));
	printf("0x%x\n", win);
	fflush(stdout);
	char buf[64];
	while (read(0, buf, sizeof(buf)) > 0)
		;
	xcb_disconnect(c);
	return 0;
}
