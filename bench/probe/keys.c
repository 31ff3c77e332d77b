/* vb-probe: the command keys (probe.h). */
#include "probe.h"

/* ------------------------------------------------------------ keys */

static int has_focus(void)
{
	xcb_get_input_focus_reply_t *r =
		xcb_get_input_focus_reply(P.g, xcb_get_input_focus(P.g), NULL);
	int yes = r && r->focus == P.win;
	free(r);
	return yes;
}

static void key(int press)
{
	if (P.d) {
		xcb_test_fake_input(P.d, press ? XCB_KEY_PRESS : XCB_KEY_RELEASE, KEYCODE,
				    XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
		xcb_flush(P.d);
	} else {
		vb_ctl_send(&P.ctl, "key a %s", press ? "press" : "release");
	}
}

static void key_done(void)
{
	if (P.ctl_path && !vb_ctl_reply(&P.ctl, 2, NULL, NULL))
		vb_die("no reply to `key`");
}

static void focus(void)
{
	for (int tries = 0; tries < 5; tries++) {
		if (P.d) {
			/* as a user does: a click (XTEST) in the output window;
			 * the daemon follows only the user's own focus changes */
			xcb_translate_coordinates_reply_t *t = xcb_translate_coordinates_reply(
				P.d, xcb_translate_coordinates(P.d, P.dwin, P.ds->root, 4, 4),
				NULL);
			if (t) {
				xcb_test_fake_input(P.d, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME,
						    P.ds->root, t->dst_x, t->dst_y, 0);
				xcb_test_fake_input(P.d, XCB_BUTTON_PRESS, 1, XCB_CURRENT_TIME,
						    XCB_NONE, 0, 0, 0);
				xcb_test_fake_input(P.d, XCB_BUTTON_RELEASE, 1, XCB_CURRENT_TIME,
						    XCB_NONE, 0, 0, 0);
				free(t);
			}
			xcb_set_input_focus(P.d, XCB_INPUT_FOCUS_POINTER_ROOT, P.dwin,
					    XCB_CURRENT_TIME);
			xcb_flush(P.d);
		} else {
			vb_ctl_send(&P.ctl, "focus %s %u", P.domain, P.win);
			vb_ctl_reply(&P.ctl, 5, NULL, NULL);
		}
		double end = vb_now() + 2;
		while (!has_focus() && vb_now() < end)
			vb_sleep(0.01);
		/* and a key gets through */
		drain_guest();
		key(1);
		double ok = wait_guest(XCB_KEY_PRESS, KEYCODE, 2);
		key_done();
		key(0);
		wait_guest(XCB_KEY_RELEASE, KEYCODE, 2);
		key_done();
		if (ok >= 0)
			return;
	}
	vb_die("keys never reach the window");
}

void cmd_keys(double seconds, unsigned max, const char *file)
{
	char out[2048] = "";
	FILE *f = fopen(file, "a");
	if (!f)
		vb_die("cannot open %s", file);
	unsigned n = 0, misses = 0;
	focus();
	vb_procs_start(&P.procs);
	double t0 = vb_now(), end = t0 + seconds;
	uint32_t seed = 777;
	while (n < max && vb_now() < end) {
		drain_guest();
		if (P.d)
			drain_desktop(NULL);
		double ts = vb_now();
		key(1);
		double ta = wait_guest(XCB_KEY_PRESS, KEYCODE, 2);
		key_done();
		key(0);
		double tr = wait_guest(XCB_KEY_RELEASE, KEYCODE, 2);
		key_done();
		if (ta < 0 || tr < 0) {
			if (++misses > 3)
				vb_die("keys: %u presses never arrived", misses);
			focus();
			continue;
		}
		fprintf(f, "%.6f\n", (ta - ts) * 1e3);
		n++;
		seed = seed * 1103515245u + 12345u;
		vb_sleep(0.001 + (double)(seed >> 8 & 1023) * 1e-6);
	}
	double t1 = vb_now();
	double cpu = vb_procs_end(&P.procs, out, sizeof(out));
	fclose(f);
	printf("n=%u seconds=%.4f cpu=%.4f misses=%u%s\n", n, t1 - t0, cpu, misses, out);
	fflush(stdout);
}
