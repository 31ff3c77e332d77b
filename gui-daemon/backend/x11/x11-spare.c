/*
 * Spare connections to the desktop X server. Any desktop client may close
 * the daemon's connection: xkill on a guest window, or a window manager's
 * "kill" of a window it thinks hung (XKillClient ends the client that made
 * the window, and every guest window is the daemon's). The daemon cannot
 * connect again (its seccomp filter has no connect: docs/security.md), so
 * it opens X11_SPARES more connections at start, which make nothing and
 * select nothing (xkill cannot name them), and goes on over the next one:
 * every guest window, tray icon and notice made again as the core has
 * them, the desktop's keymap, monitors and tray read again. The domains
 * see nothing of it. With none left, the daemon ends, as it did before.
 */
#include "x11.h"

#include <stdlib.h>
#include <string.h>

void x11_spares_open(struct x11 *x)
{
	for (int i = 0; i < X11_SPARES; i++) {
		xcb_connection_t *c = xcb_connect(NULL, &x->spare_screen[i]);
		if (xcb_connection_has_error(c)) {
			xcb_disconnect(c);
			return;
		}
		x->spare[i] = c;
	}
}

void x11_spares_close(struct x11 *x)
{
	for (int i = 0; i < X11_SPARES; i++)
		if (x->spare[i])
			xcb_disconnect(x->spare[i]);
	memset(x->spare, 0, sizeof(x->spare));
}

/* The next spare that is still open (the desktop X server may have closed
 * spares too: xkill -all, a server reset), or NULL. */
static xcb_connection_t *next_spare(struct x11 *x, int *screen, int *left)
{
	xcb_connection_t *c = NULL;
	*left = 0;
	for (int i = 0; i < X11_SPARES; i++) {
		if (!x->spare[i])
			continue;
		/* a round trip: a closed one says so only when read */
		free(xcb_get_input_focus_reply(x->spare[i], xcb_get_input_focus(x->spare[i]),
					       NULL));
		if (xcb_connection_has_error(x->spare[i])) {
			xcb_disconnect(x->spare[i]);
			x->spare[i] = NULL;
		} else if (!c) {
			c = x->spare[i];
			*screen = x->spare_screen[i];
			x->spare[i] = NULL;
		} else {
			(*left)++;
		}
	}
	return c;
}

bool x11_replace(struct x11 *x)
{
	int screen = 0, left;
	xcb_connection_t *c = next_spare(x, &screen, &left);
	int why = xcb_connection_has_error(x->c);
	const char *what = why == XCB_CONN_ERROR ? "closed the daemon's connection (xkill on a "
						   "guest window, a window manager's kill)"
						 : "broke the daemon's connection (an xcb error)";
	if (!c) {
		vlog("x11: the desktop X server %s, and no spare connection is left (or the "
		     "server ended)",
		     what);
		return false;
	}
	vlog("x11: the desktop X server %s; every window is shown again over a spare "
	     "connection (%d more left)",
	     what, left);
	/* what lived on the old connection: X calls on it do nothing now */
	x11_windows_drop(x);
	x11_notice_lost(x);
	x11_cursor_finish(x);
	memset(x->cursors, 0, sizeof(x->cursors));
	x->cursor_font = 0;
	x11_xkb_finish(x);
	x11_loop_finish(x);
	if (x->shot)
		pixman_image_unref(x->shot);
	x->shot = NULL;
	xcb_disconnect(x->c);
	x->c = c;
	x->xfixes_asked = false;
	x->xi_opcode = x->saver_event = x->randr_event = x->xfixes_event = 0;
	x->puts_unsure = false;
	x->popups_focus = NULL;
	x->popups_checked = 0;
	x->focus_popup = x->focus_host = XCB_NONE; /* (its windows are new) */
	if (x11_setup(x, screen) < 0)
		return false;
	struct server *srv = x->srv;
	if (srv->notice.shown)
		x11_notice(&x->base, srv->notice.text);
	x11_tray_remake(x, false);
	/* managed windows first: a popup the core put below the focused
	 * window is stacked below it (x11_keep_below) once that is there */
	x11_windows_replay(x, false);
	x11_windows_replay(x, true);
	/* the window manager focuses what it likes as they map (their
	 * _NET_WM_USER_TIME is 0): asked to show the one with the keys */
	struct window *f = server_focus(srv);
	struct xwin *fw = f ? f->backend_data : NULL;
	if (fw && fw->mapped && !fw->override_redirect)
		x11_activate(fw);
	xcb_flush(x->c);
	return true;
}
