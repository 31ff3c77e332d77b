/*
 * vt-wm-ready SECONDS: wait until the window manager of the X server
 * ($DISPLAY) answers a client, i.e. its event loop runs: a
 * _NET_REQUEST_FRAME_EXTENTS for an unmapped window of ours gets that
 * window's _NET_FRAME_EXTENTS. The request goes out again every 50 ms:
 * before a window manager selects SubstructureRedirect nobody receives it,
 * and openbox leaves what reached it during its start-up queued until
 * something new arrives (a window mapped then waits, unmapped, for as long).
 *
 * Exit 0 once answered, 1 if nothing answered in SECONDS, 2 on a usage error.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcb/xcb.h>

static xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
	xcb_intern_atom_reply_t *r =
		xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
	xcb_atom_t a = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return a;
}

int main(int argc, char **argv)
{
	char *end = NULL;
	long secs = argc == 2 ? strtol(argv[1], &end, 10) : 0;
	if (argc != 2 || end == argv[1] || *end || secs < 1 || secs > 3600) {
		fprintf(stderr, "usage: vt-wm-ready SECONDS\n");
		return 2;
	}
	int nscreen;
	xcb_connection_t *c = xcb_connect(NULL, &nscreen);
	if (xcb_connection_has_error(c)) {
		fprintf(stderr, "vt-wm-ready: cannot connect to the X server\n");
		return 1;
	}
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(c));
	for (int i = 0; i < nscreen && it.rem; i++)
		xcb_screen_next(&it);
	xcb_screen_t *screen = it.data;
	xcb_atom_t ext = atom(c, "_NET_FRAME_EXTENTS");
	xcb_window_t w = xcb_generate_id(c);
	uint32_t mask = XCB_EVENT_MASK_PROPERTY_CHANGE;
	xcb_create_window(c, XCB_COPY_FROM_PARENT, w, screen->root, 0, 0, 1, 1, 0,
			  XCB_WINDOW_CLASS_INPUT_OUTPUT, screen->root_visual, XCB_CW_EVENT_MASK,
			  &mask);
	xcb_client_message_event_t ev;
	memset(&ev, 0, sizeof(ev));
	ev.response_type = XCB_CLIENT_MESSAGE;
	ev.format = 32;
	ev.window = w;
	ev.type = atom(c, "_NET_REQUEST_FRAME_EXTENTS");
	struct pollfd pfd = { .fd = xcb_get_file_descriptor(c), .events = POLLIN };
	for (long tries = secs * 20; tries > 0 && !xcb_connection_has_error(c); tries--) {
		xcb_send_event(c, 0, screen->root,
			       XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT |
				       XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
			       (const char *)&ev);
		xcb_flush(c);
		poll(&pfd, 1, 50);
		xcb_generic_event_t *e;
		while ((e = xcb_poll_for_event(c))) {
			xcb_property_notify_event_t *p = (xcb_property_notify_event_t *)e;
			int got = (e->response_type & 0x7f) == XCB_PROPERTY_NOTIFY &&
				  p->window == w && p->atom == ext &&
				  p->state == XCB_PROPERTY_NEW_VALUE;
			free(e);
			if (got) {
				xcb_disconnect(c);
				return 0;
			}
		}
	}
	fprintf(stderr,
		"vt-wm-ready: no window manager answered _NET_REQUEST_FRAME_EXTENTS in %lds\n",
		secs);
	xcb_disconnect(c);
	return 1;
}
