/*
 * The agent's side of its X server: the extensions it needs, checked at
 * startup, and each batch of X events, dispatched through the table below
 * (X errors that are normal when windows vanish under our feet are ignored,
 * the rest logged once), then the batch's copies and DAMAGE.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <xcb/composite.h>
#include <xcb/xfixes.h>

static void (*const handler[XCB_GE_GENERIC])(struct agent *, xcb_generic_event_t *) = {
	[XCB_CREATE_NOTIFY] = handle_create_notify,
	[XCB_DESTROY_NOTIFY] = handle_destroy_notify,
	[XCB_MAP_NOTIFY] = handle_map_notify,
	[XCB_UNMAP_NOTIFY] = handle_unmap_notify,
	[XCB_CONFIGURE_NOTIFY] = handle_configure_notify,
	[XCB_REPARENT_NOTIFY] = handle_reparent_notify,
	[XCB_PROPERTY_NOTIFY] = handle_property_notify,
	[XCB_MAPPING_NOTIFY] = handle_mapping_notify,
	[XCB_SELECTION_NOTIFY] = handle_selection_notify,
	[XCB_SELECTION_REQUEST] = handle_selection_request,
	[XCB_SELECTION_CLEAR] = handle_selection_clear,
	[XCB_CLIENT_MESSAGE] = handle_client_message,
	[XCB_MAP_REQUEST] = handle_map_request,
	[XCB_CONFIGURE_REQUEST] = handle_configure_request,
	[XCB_CIRCULATE_REQUEST] = handle_circulate_request,
};

int agent_check_extensions(struct agent *a)
{
	const xcb_query_extension_reply_t *c = xcb_get_extension_data(a->xc, &xcb_composite_id);
	const xcb_query_extension_reply_t *d = xcb_get_extension_data(a->xc, &xcb_damage_id);
	const xcb_query_extension_reply_t *f = xcb_get_extension_data(a->xc, &xcb_xfixes_id);
	if (!c || !c->present || !d || !d->present || !f || !f->present) {
		fprintf(stderr, "vitrine-agent: the X server lacks %s\n",
			!c || !c->present   ? "Composite"
			: !d || !d->present ? "DAMAGE"
					    : "XFixes");
		return -1;
	}
	xcb_composite_query_version_cookie_t cc = xcb_composite_query_version(a->xc, 0, 4);
	xcb_xfixes_query_version_cookie_t fc = xcb_xfixes_query_version(a->xc, 5, 0);
	xcb_damage_query_version_cookie_t dc = xcb_damage_query_version(a->xc, 1, 1);
	free(xcb_composite_query_version_reply(a->xc, cc, NULL));
	free(xcb_xfixes_query_version_reply(a->xc, fc, NULL));
	free(xcb_damage_query_version_reply(a->xc, dc, NULL));
	a->damage_event = d->first_event;
	a->damage_error = d->first_error;
	if (buffer_check_shm(a) < 0 || input_init(a) < 0)
		return -1;
	return 0;
}

static void handle_x_error(struct agent *a, xcb_generic_error_t *e)
{
	static bool logged[256];
	switch (e->error_code) {
	case XCB_WINDOW:
	case XCB_DRAWABLE:
	case XCB_MATCH: return; /* the window vanished before our request reached it */
	}
	if (e->error_code == a->damage_error + XCB_DAMAGE_BAD_DAMAGE)
		return;
	if (logged[e->error_code])
		return;
	logged[e->error_code] = true;
	fprintf(stderr,
		"vitrine-agent: X error %u (request %u.%u, resource 0x%x); "
		"further errors %u are not logged\n",
		e->error_code, e->major_code, e->minor_code, e->resource_id, e->error_code);
}

static void handle_x_event(struct agent *a, xcb_generic_event_t *ev)
{
	uint8_t type = ev->response_type & 0x7f;
	if (type == 0)
		handle_x_error(a, (xcb_generic_error_t *)ev);
	else if (type == a->damage_event + XCB_DAMAGE_NOTIFY)
		handle_damage_notify(a, ev);
	else if (a->kbd.xkb_event && type == a->kbd.xkb_event)
		keysym_xkb_event(a, ev);
	else if (a->xfixes_event && type == a->xfixes_event + XCB_XFIXES_CURSOR_NOTIFY)
		cursor_event(a, ev);
	else if (sync_event(a, ev))
		;
	else if (type < XCB_GE_GENERIC && handler[type])
		handler[type](a, ev);
}

/* Every queued X event, then the copies and DAMAGE of that batch. */
void agent_process_x(struct agent *a)
{
	/* one read when poll saw data (a second would only say EAGAIN), else
	 * what round trips queued */
	xcb_generic_event_t *ev =
		a->x_readable ? xcb_poll_for_event(a->xc) : xcb_poll_for_queued_event(a->xc);
	a->x_readable = false;
	for (;;) {
		for (; ev; ev = xcb_poll_for_queued_event(a->xc)) {
			handle_x_event(a, ev);
			free(ev);
		}
		cursor_answer(a);
		tray_flush(a); /* the tray's damage: icons read and sent */
		if (a->dirty)
			damage_flush(a);
		sync_flush(a);
		/* the replies those waited for may have queued events behind
		 * them, for which poll() would not wake us: a window's
		 * DestroyNotify left there kept it on the desktop (x11-popups,
		 * once in 60 runs); and so may a flush that has something to
		 * write (libxcb 1.15 reads what came meanwhile, too): an event
		 * kept so until the next one came left a window's DESTROY, its
		 * redraw after a resize, a request for attention unsent
		 * (x11-popups, input-wm, input-focus in CI-like runs) */
		xcb_flush(a->xc);
		ev = xcb_poll_for_queued_event(a->xc);
		if (!ev && !a->dirty)
			break;
	}
}
