/*
 * Window properties the daemon may show or use: title, class, size hints,
 * urgency and state flags, window type, transient-for, and WM_PROTOCOLS for
 * closing (the requests to a window manager are wm.c's).
 * Everything here is read from untrusting X clients and only bounded and
 * reformatted; the daemon sanitizes what it draws.
 */
#include "agent.h"

#include <stdlib.h>
#include <string.h>
#include <xcb/xcb_icccm.h>

xcb_atom_t agent_intern(struct agent *a, const char *name)
{
	xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(
		a->xc, xcb_intern_atom(a->xc, 0, (uint16_t)strlen(name), name), NULL);
	xcb_atom_t at = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return at;
}

void props_intern_atoms(struct agent *a)
{
	static const char *names[] = {
		"_NET_WM_NAME",
		"UTF8_STRING",
		"COMPOUND_TEXT",
		"WM_PROTOCOLS",
		"WM_DELETE_WINDOW",
		"WM_TAKE_FOCUS",
		"_NET_WM_STATE",
		"_NET_WM_STATE_FULLSCREEN",
		"_NET_WM_STATE_DEMANDS_ATTENTION",
		"_NET_WM_STATE_HIDDEN",
		"_NET_ACTIVE_WINDOW",
		"_NET_WM_STATE_MAXIMIZED_VERT",
		"_NET_WM_STATE_MAXIMIZED_HORZ",
		"_NET_WM_WINDOW_TYPE",
		/* by enum vp_wintype */
		"_NET_WM_WINDOW_TYPE_NORMAL",
		"_NET_WM_WINDOW_TYPE_DIALOG",
		"_NET_WM_WINDOW_TYPE_UTILITY",
		"_NET_WM_WINDOW_TYPE_SPLASH",
		"_NET_WM_WINDOW_TYPE_TOOLBAR",
		"_NET_WM_WINDOW_TYPE_MENU",
		"_NET_WM_WINDOW_TYPE_DROPDOWN_MENU",
		"_NET_WM_WINDOW_TYPE_POPUP_MENU",
		"_NET_WM_WINDOW_TYPE_TOOLTIP",
		"_NET_WM_WINDOW_TYPE_NOTIFICATION",
		"_NET_WM_WINDOW_TYPE_COMBO",
		"_NET_WM_WINDOW_TYPE_DND",
		"_NET_WM_WINDOW_TYPE_DOCK",
		"_NET_WM_WINDOW_TYPE_DESKTOP",
	};
	xcb_atom_t *dst[] = {
		&a->atoms.net_wm_name,
		&a->atoms.utf8_string,
		&a->atoms.compound_text,
		&a->atoms.wm_protocols,
		&a->atoms.wm_delete_window,
		&a->atoms.wm_take_focus,
		&a->atoms.net_wm_state,
		&a->atoms.net_wm_state_fullscreen,
		&a->atoms.net_wm_state_demands_attention,
		&a->atoms.net_wm_state_hidden,
		&a->atoms.net_active_window,
		&a->atoms.net_wm_state_maximized_vert,
		&a->atoms.net_wm_state_maximized_horz,
		&a->atoms.net_wm_window_type,
		&a->atoms.wintype[VP_WINTYPE_NORMAL],
		&a->atoms.wintype[VP_WINTYPE_DIALOG],
		&a->atoms.wintype[VP_WINTYPE_UTILITY],
		&a->atoms.wintype[VP_WINTYPE_SPLASH],
		&a->atoms.wintype[VP_WINTYPE_TOOLBAR],
		&a->atoms.wintype[VP_WINTYPE_MENU],
		&a->atoms.wintype[VP_WINTYPE_DROPDOWN_MENU],
		&a->atoms.wintype[VP_WINTYPE_POPUP_MENU],
		&a->atoms.wintype[VP_WINTYPE_TOOLTIP],
		&a->atoms.wintype[VP_WINTYPE_NOTIFICATION],
		&a->atoms.wintype[VP_WINTYPE_COMBO],
		&a->atoms.wintype[VP_WINTYPE_DND],
		&a->atoms.wintype[VP_WINTYPE_DOCK],
		&a->atoms.wintype[VP_WINTYPE_DESKTOP],
	};
	enum { N = sizeof(names) / sizeof(names[0]) };
	xcb_intern_atom_cookie_t c[N];
	for (unsigned i = 0; i < N; i++)
		c[i] = xcb_intern_atom(a->xc, 0, (uint16_t)strlen(names[i]), names[i]);
	for (unsigned i = 0; i < N; i++) {
		xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(a->xc, c[i], NULL);
		*dst[i] = r ? r->atom : XCB_ATOM_NONE;
		free(r);
	}
}

/* Longest prefix of s[0..len) within max bytes that ends on a UTF-8 boundary. */
size_t utf8_cut(const uint8_t *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && (s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

size_t latin1_to_utf8(const uint8_t *s, size_t len, uint8_t *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x80) {
			if (o + 1 > cap)
				break;
			out[o++] = s[i];
		} else {
			if (o + 2 > cap)
				break;
			out[o++] = (uint8_t)(0xc0 | s[i] >> 6);
			out[o++] = (uint8_t)(0x80 | (s[i] & 0x3f));
		}
	}
	return o;
}

/* One byte more than we may send, to see whether the cut splits a character. */
#define TITLE_LONGS ((VP_MAX_TITLE + 4) / 4)

static void send_title(struct agent *a, struct win *w)
{
	uint8_t out[VP_MAX_TITLE];
	size_t n = 0;
	xcb_get_property_cookie_t nc = xcb_get_property(a->xc, 0, w->id, a->atoms.net_wm_name,
							XCB_GET_PROPERTY_TYPE_ANY, 0, TITLE_LONGS);
	xcb_get_property_cookie_t oc = xcb_get_property(a->xc, 0, w->id, XCB_ATOM_WM_NAME,
							XCB_GET_PROPERTY_TYPE_ANY, 0, TITLE_LONGS);
	xcb_get_property_reply_t *nr = xcb_get_property_reply(a->xc, nc, NULL);
	xcb_get_property_reply_t *wr = xcb_get_property_reply(a->xc, oc, NULL);
	/* _NET_WM_NAME is UTF-8 whatever type it claims. */
	if (nr && nr->format == 8 && xcb_get_property_value_length(nr) > 0) {
		const uint8_t *s = xcb_get_property_value(nr);
		n = utf8_cut(s, (size_t)xcb_get_property_value_length(nr), VP_MAX_TITLE);
		memcpy(out, s, n);
	} else if (wr && wr->format == 8 && xcb_get_property_value_length(wr) > 0) {
		const uint8_t *s = xcb_get_property_value(wr);
		size_t len = (size_t)xcb_get_property_value_length(wr);
		/* STRING is Latin-1, but many clients store UTF-8 in it. */
		size_t cut = utf8_cut(s, len, VP_MAX_TITLE);
		bool utf8 = wr->type == a->atoms.utf8_string ||
			    (wr->type == XCB_ATOM_STRING && vp_utf8_span(s, cut) == cut);
		if (utf8) {
			n = cut;
			memcpy(out, s, n);
		} else if (wr->type == XCB_ATOM_STRING) {
			n = latin1_to_utf8(s, len, out, VP_MAX_TITLE);
		} else if (wr->type == a->atoms.compound_text) {
			n = ctext_to_utf8(s, len, out, VP_MAX_TITLE);
		} else { /* the rest: keep plain ASCII */
			for (; n < len && n < VP_MAX_TITLE; n++)
				out[n] = s[n] >= 0x20 && s[n] < 0x7f ? s[n] : '?';
		}
	}
	free(nr);
	free(wr);
	struct vp_msg m = { .type = VP_TITLE, .window = w->id };
	m.u.title = (struct vp_string){ (uint32_t)n, out };
	agent_send(a, &m, -1);
}

static void send_class(struct agent *a, struct win *w)
{
	xcb_icccm_get_wm_class_reply_t c;
	struct vp_msg m = { .type = VP_CLASS, .window = w->id };
	bool got =
		xcb_icccm_get_wm_class_reply(a->xc, xcb_icccm_get_wm_class(a->xc, w->id), &c, NULL);
	if (got) {
		const char *in = c.instance_name, *cl = c.class_name;
		m.u.cls.name = (struct vp_string){ in ? (uint32_t)strnlen(in, VP_MAX_CLASS) : 0,
						   (const uint8_t *)in };
		m.u.cls.class_ = (struct vp_string){ cl ? (uint32_t)strnlen(cl, VP_MAX_CLASS) : 0,
						     (const uint8_t *)cl };
	}
	agent_send(a, &m, -1);
	if (got)
		xcb_icccm_get_wm_class_reply_wipe(&c);
}

static uint32_t hint(int32_t v)
{
	return v < 0 ? 0 : v > (int32_t)VP_MAX_DIM ? VP_MAX_DIM : (uint32_t)v;
}

static void send_hints(struct agent *a, struct win *w)
{
	xcb_size_hints_t h;
	struct vp_msg m = { .type = VP_HINTS, .window = w->id };
	struct vp_hints *o = &m.u.hints;
	if (xcb_icccm_get_wm_normal_hints_reply(a->xc, xcb_icccm_get_wm_normal_hints(a->xc, w->id),
						&h, NULL)) {
		if (h.flags & XCB_ICCCM_SIZE_HINT_P_MIN_SIZE) {
			o->flags |= VP_HINT_MIN;
			o->min_w = hint(h.min_width);
			o->min_h = hint(h.min_height);
		}
		if (h.flags & XCB_ICCCM_SIZE_HINT_P_MAX_SIZE) {
			o->flags |= VP_HINT_MAX;
			o->max_w = hint(h.max_width);
			o->max_h = hint(h.max_height);
		}
		if (h.flags & XCB_ICCCM_SIZE_HINT_P_RESIZE_INC) {
			o->flags |= VP_HINT_INC;
			o->inc_w = hint(h.width_inc);
			o->inc_h = hint(h.height_inc);
		}
		if (h.flags & XCB_ICCCM_SIZE_HINT_BASE_SIZE) {
			o->flags |= VP_HINT_BASE;
			o->base_w = hint(h.base_width);
			o->base_h = hint(h.base_height);
		}
		if (h.flags & XCB_ICCCM_SIZE_HINT_US_POSITION)
			o->flags |= VP_HINT_USPOS;
		if (h.flags & XCB_ICCCM_SIZE_HINT_P_POSITION)
			o->flags |= VP_HINT_PPOS;
	}
	vp_hints_fix(o); /* the daemon refuses hints that make no sense */
	agent_send(a, &m, -1);
}

void props_send_wmflags(struct agent *a, struct win *w)
{
	uint32_t flags = 0;
	xcb_icccm_wm_hints_t h;
	xcb_get_property_cookie_t hc = xcb_icccm_get_wm_hints(a->xc, w->id);
	xcb_get_property_cookie_t sc =
		xcb_get_property(a->xc, 0, w->id, a->atoms.net_wm_state, XCB_ATOM_ATOM, 0, 64);
	if (xcb_icccm_get_wm_hints_reply(a->xc, hc, &h, NULL) &&
	    (h.flags & XCB_ICCCM_WM_HINT_X_URGENCY))
		flags |= VP_WM_URGENT;
	xcb_get_property_reply_t *s = xcb_get_property_reply(a->xc, sc, NULL);
	unsigned max = 0;
	if (s && s->type == XCB_ATOM_ATOM && s->format == 32) {
		const xcb_atom_t *st = xcb_get_property_value(s);
		int n = xcb_get_property_value_length(s) / 4;
		for (int i = 0; i < n; i++) {
			if (st[i] == a->atoms.net_wm_state_fullscreen)
				flags |= VP_WM_FULLSCREEN;
			else if (st[i] == a->atoms.net_wm_state_demands_attention)
				flags |= VP_WM_DEMANDS_ATTENTION;
			else if (st[i] == a->atoms.net_wm_state_hidden)
				flags |= VP_WM_MINIMIZED;
			else if (st[i] == a->atoms.net_wm_state_maximized_vert)
				max |= 1;
			else if (st[i] == a->atoms.net_wm_state_maximized_horz)
				max |= 2;
		}
	}
	free(s);
	if (max == 3)
		flags |= VP_WM_MAXIMIZED;
	/* With the agent as the window manager, the property is its output:
	 * what it took (want) and minimized (iconic) are the state. Another
	 * window manager's property is its word. */
	if (a->wm)
		flags = (flags & ~(VP_WM_FULLSCREEN | VP_WM_MAXIMIZED | VP_WM_MINIMIZED)) |
			w->want | (w->iconic ? VP_WM_MINIMIZED : 0);
	if (w->wants_attention)
		flags |= VP_WM_DEMANDS_ATTENTION;
	if (!a->ready || !w->announced)
		return; /* sent with the rest when it is announced */
	if (w->flags_sent && flags == w->sent_flags)
		return; /* nothing new (our own property write, for one) */
	w->flags_sent = true;
	w->sent_flags = flags;
	struct vp_msg m = { .type = VP_WMFLAGS, .window = w->id };
	m.u.wmflags = flags;
	agent_send(a, &m, -1);
}

/* _NET_WM_WINDOW_TYPE: the first type listed that has a number; none (or
 * none known): DIALOG for a transient window, NORMAL for the rest (EWMH). */
static void send_wintype(struct agent *a, struct win *w)
{
	xcb_get_property_cookie_t tc = xcb_get_property(
		a->xc, 0, w->id, a->atoms.net_wm_window_type, XCB_ATOM_ATOM, 0, 32);
	xcb_get_property_cookie_t fc =
		xcb_get_property(a->xc, 0, w->id, XCB_ATOM_WM_TRANSIENT_FOR, XCB_ATOM_WINDOW, 0, 1);
	xcb_get_property_reply_t *t = xcb_get_property_reply(a->xc, tc, NULL);
	xcb_get_property_reply_t *f = xcb_get_property_reply(a->xc, fc, NULL);
	uint32_t type =
		f && xcb_get_property_value_length(f) == 4 ? VP_WINTYPE_DIALOG : VP_WINTYPE_NORMAL;
	if (t && t->type == XCB_ATOM_ATOM && t->format == 32) {
		const xcb_atom_t *v = xcb_get_property_value(t);
		int n = xcb_get_property_value_length(t) / 4, i;
		uint32_t k = VP_WINTYPE_COUNT;
		for (i = 0; i < n && k == VP_WINTYPE_COUNT; i++)
			for (k = 0; k < VP_WINTYPE_COUNT && a->atoms.wintype[k] != v[i]; k++)
				;
		if (k < VP_WINTYPE_COUNT)
			type = k;
	}
	free(t);
	free(f);
	struct vp_msg m = { .type = VP_WINDOW_TYPE, .window = w->id };
	m.u.wintype = type;
	agent_send(a, &m, -1);
}

void props_focused(struct agent *a, struct win *w)
{
	if (w->wants_attention) {
		w->wants_attention = false;
		props_send_wmflags(a, w);
	}
}

void props_send_all(struct agent *a, struct win *w)
{
	if (a->wm) /* set before it was announced */
		w->want = wm_state_bits(a, w);
	send_title(a, w);
	send_class(a, w);
	send_hints(a, w);
	props_send_wmflags(a, w);
	send_wintype(a, w);
	icon_send(a, w);
}

void props_changed(struct agent *a, struct win *w, xcb_atom_t atom)
{
	if (atom == a->atoms.net_wm_name || atom == XCB_ATOM_WM_NAME)
		send_title(a, w);
	else if (atom == XCB_ATOM_WM_CLASS)
		send_class(a, w);
	else if (atom == XCB_ATOM_WM_NORMAL_HINTS)
		send_hints(a, w);
	else if (atom == a->atoms.net_wm_state)
		wm_state_property(a, w);
	else if (atom == XCB_ATOM_WM_HINTS)
		props_send_wmflags(a, w);
	else if (atom == a->atoms.net_wm_window_type || atom == XCB_ATOM_WM_TRANSIENT_FOR)
		send_wintype(a, w);
	else if (atom == a->net_wm_icon)
		icon_send(a, w);
	/* WM_TRANSIENT_FOR is read again at the next map. */
}

/* WM_TRANSIENT_FOR if it names another window the daemon knows, else 0. */
uint32_t props_transient_for(struct agent *a, struct win *w)
{
	xcb_window_t t = XCB_NONE;
	if (!xcb_icccm_get_wm_transient_for_reply(
		    a->xc, xcb_icccm_get_wm_transient_for(a->xc, w->id), &t, NULL))
		return 0;
	struct win *tw = t != w->id ? win_find(a, t) : NULL;
	return tw && tw->announced ? tw->id : 0;
}

/* WM_DELETE_WINDOW if the client speaks it, else disconnect the client. */
void props_close(struct agent *a, struct win *w)
{
	xcb_icccm_get_wm_protocols_reply_t p;
	bool del = false;
	if (xcb_icccm_get_wm_protocols_reply(
		    a->xc, xcb_icccm_get_wm_protocols(a->xc, w->id, a->atoms.wm_protocols), &p,
		    NULL)) {
		for (uint32_t i = 0; i < p.atoms_len; i++)
			del |= p.atoms[i] == a->atoms.wm_delete_window;
		xcb_icccm_get_wm_protocols_reply_wipe(&p);
	}
	if (!del) {
		xcb_kill_client(a->xc, w->id);
		return;
	}
	props_send_protocol(a, w, a->atoms.wm_delete_window);
}

void props_send_protocol(struct agent *a, struct win *w, xcb_atom_t protocol)
{
	xcb_client_message_event_t ev = {
		.response_type = XCB_CLIENT_MESSAGE,
		.format = 32,
		.window = w->id,
		.type = a->atoms.wm_protocols,
	};
	ev.data.data32[0] = protocol;
	ev.data.data32[1] = XCB_CURRENT_TIME;
	xcb_send_event(a->xc, 0, w->id, XCB_EVENT_MASK_NO_EVENT, (const char *)&ev);
}
