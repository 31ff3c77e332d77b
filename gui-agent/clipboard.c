/*
 * The domain's CLIPBOARD, else its PRIMARY, read when the daemon asks (the
 * user's copy hotkey).
 *
 * Which selection: CLIPBOARD (what applications' Copy sets); when it has no
 * owner or gives no text, PRIMARY (what is selected: all xterm knows). If
 * CLIPBOARD is still our own paste while another client took PRIMARY since
 * (the user selected text after the paste), PRIMARY first, then CLIPBOARD.
 *
 * CLIPBOARD_REQUEST {serial} converts the selection to UTF8_STRING, or to
 * STRING (Latin-1) if that fails, into a property of the agent's hidden
 * InputOnly window; the SelectionNotify that answers is read in
 * handle_selection_notify and CLIPBOARD_DATA {serial, text} goes out with
 * UTF-8 text: cut at the first NUL, invalid bytes as '?', at most
 * VP_MAX_CLIPBOARD bytes ending on a character boundary. No owner, a refused
 * conversion or unusable data answer with empty text, so that the daemon's
 * request always completes.
 *
 * Nothing waits for the owner: a request is a state that the X events move
 * on. A newer REQUEST abandons an older one, and every conversion uses the
 * next of CLIP_PROPS property names, so that a late answer from an owner
 * that stalled names a property nobody waits on and is ignored (a late
 * refusal, which names no property, may only make us fall back to STRING
 * early). INCR transfers are read chunk by chunk on PropertyNotify; past
 * the limit the data goes out at once and the rest of the chunks are
 * deleted unread.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Raw bytes kept: one UTF-8 character more than may be sent, to cut it. */
#define RAW_MAX (VP_MAX_CLIPBOARD + 4u)

static xcb_atom_t intern(struct agent *a, xcb_intern_atom_cookie_t c)
{
	xcb_intern_atom_reply_t *r = xcb_intern_atom_reply(a->xc, c, NULL);
	xcb_atom_t atom = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return atom;
}

int clipboard_init(struct agent *a)
{
	struct clip *cl = &a->clip;
	static const char *names[] = { "CLIPBOARD",	 "TARGETS",	   "TEXT",
				       "TIMESTAMP",	 "INCR",	   "_VITRINE_TIMESTAMP",
				       "_VITRINE_CLIP0", "_VITRINE_CLIP1", "_VITRINE_CLIP2",
				       "_VITRINE_CLIP3" };
	xcb_atom_t *dst[] = { &cl->clipboard, &cl->targets, &cl->text,	   &cl->timestamp,
			      &cl->incr,      &cl->stamp,   &cl->props[0], &cl->props[1],
			      &cl->props[2],  &cl->props[3] };
	enum { N = sizeof(names) / sizeof(names[0]) };
	_Static_assert(N == 6 + CLIP_PROPS, "one name per property");
	xcb_intern_atom_cookie_t c[N];
	for (unsigned i = 0; i < N; i++)
		c[i] = xcb_intern_atom(a->xc, 0, (uint16_t)strlen(names[i]), names[i]);
	for (unsigned i = 0; i < N; i++)
		*dst[i] = intern(a, c[i]);
	/* A ChangeProperty request: 24 bytes of header, 4 more with BIG-REQUESTS. */
	cl->max_prop = (size_t)xcb_get_maximum_request_length(a->xc) * 4 - 28;
#ifdef CLIP_MAX_PROP /* tests: as if the server took smaller requests */
	if (cl->max_prop > CLIP_MAX_PROP)
		cl->max_prop = CLIP_MAX_PROP;
#endif
	cl->win = xcb_generate_id(a->xc);
	uint32_t v[] = { 1, XCB_EVENT_MASK_PROPERTY_CHANGE };
	xcb_void_cookie_t ck = xcb_create_window_checked(
		a->xc, 0, cl->win, a->root, -1, -1, 1, 1, 0, XCB_WINDOW_CLASS_INPUT_ONLY,
		XCB_COPY_FROM_PARENT, XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, v);
	xcb_generic_error_t *err = xcb_request_check(a->xc, ck);
	if (err || !cl->clipboard) {
		fprintf(stderr, "vitrine-agent: cannot create the clipboard window\n");
		free(err);
		return -1;
	}
	static const char title[] = "vitrine-agent clipboard";
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, cl->win, XCB_ATOM_WM_NAME,
			    XCB_ATOM_STRING, 8, sizeof(title) - 1, title);
	return 0;
}

static void reset(struct clip_copy *c)
{
	free(c->buf);
	c->buf = NULL;
	c->len = 0;
	c->pending = c->incr = false;
}

/* Ask the owner of the selection for target into a fresh property. */
static void convert(struct agent *a, xcb_atom_t target)
{
	struct clip *cl = &a->clip;
	struct clip_copy *c = &cl->copy;
	c->target = target;
	c->prop = cl->props[c->next++ % CLIP_PROPS];
	c->type = XCB_ATOM_NONE;
	c->incr = false;
	c->len = 0;
	if (c->prop == c->drain)
		c->drain = XCB_ATOM_NONE;
	xcb_delete_property(a->xc, cl->win, c->prop);
	xcb_convert_selection(a->xc, cl->win, c->selection, target, c->prop, XCB_CURRENT_TIME);
}

void clipboard_request(struct agent *a, uint32_t serial)
{
	struct clip_copy *c = &a->clip.copy;
	if (c->pending)
		fprintf(stderr, "vitrine-agent: clipboard request %u abandoned for %u\n", c->serial,
			serial);
	reset(c);
	c->buf = malloc(RAW_MAX);
	c->serial = serial;
	c->pending = true;
	const struct clip_own *o = &a->clip.own;
	bool selected_since_paste = o->clipboard && !o->primary;
	c->selection = selected_since_paste ? XCB_ATOM_PRIMARY : a->clip.clipboard;
	c->then = selected_since_paste ? a->clip.clipboard : XCB_ATOM_PRIMARY;
	if (!c->buf) {
		struct vp_msg m = { .type = VP_CLIPBOARD_DATA };
		m.u.clip.serial = serial;
		agent_send(a, &m, -1);
		c->pending = false;
		return;
	}
	convert(a, a->atoms.utf8_string);
}

/* The answer: buf as UTF-8 text, then back to idle. */
static void finish(struct agent *a)
{
	struct clip_copy *c = &a->clip.copy;
	uint8_t *text = NULL;
	size_t n = 0;
	const uint8_t *nul = c->buf ? memchr(c->buf, 0, c->len) : NULL;
	size_t len = nul ? (size_t)(nul - c->buf) : c->len;
	if (len > 0 && c->type == XCB_ATOM_STRING) {
		text = malloc(RAW_MAX);
		if (text)
			n = latin1_to_utf8(c->buf, len, text, RAW_MAX);
	} else if (len > 0) {
		/* UTF8_STRING, TEXT or anything else in 8 bits: UTF-8, '?' for
		 * what is not */
		text = c->buf;
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			size_t k = vp_utf8_decode(text + i, len - i, &cp);
			if (k == 0)
				text[i++] = '?';
			else
				i += k;
		}
		n = len;
	}
	n = text ? utf8_cut(text, n, VP_MAX_CLIPBOARD) : 0;
	if (n == 0 && c->then != XCB_ATOM_NONE) {
		/* nothing there: the other selection */
		if (text != c->buf)
			free(text);
		c->selection = c->then;
		c->then = XCB_ATOM_NONE;
		convert(a, a->atoms.utf8_string);
		return;
	}
	struct vp_msg m = { .type = VP_CLIPBOARD_DATA };
	m.u.clip.serial = c->serial;
	m.u.clip.text = (struct vp_string){ (uint32_t)n, text };
	agent_send(a, &m, -1);
	if (text != c->buf)
		free(text);
	reset(c);
}

/* The current conversion gave nothing usable: try STRING, then give up. */
static void failed(struct agent *a)
{
	struct clip_copy *c = &a->clip.copy;
	if (c->target == a->atoms.utf8_string) {
		convert(a, XCB_ATOM_STRING);
		return;
	}
	c->len = 0;
	finish(a);
}

/* Append the property's value (up to RAW_MAX bytes in all), then delete it.
 * Returns the bytes the property held, or -1 if it is not 8-bit data. */
static long take(struct agent *a, bool *more)
{
	struct clip *cl = &a->clip;
	struct clip_copy *c = &cl->copy;
	uint32_t room = (uint32_t)(RAW_MAX - c->len);
	xcb_get_property_cookie_t pc = xcb_get_property(
		a->xc, 0, cl->win, c->prop, XCB_GET_PROPERTY_TYPE_ANY, 0, (room + 3) / 4);
	xcb_delete_property(a->xc, cl->win, c->prop);
	xcb_get_property_reply_t *r = xcb_get_property_reply(a->xc, pc, NULL);
	long got = -1;
	if (r && r->type == cl->incr) {
		got = 0;
		*more = true;
	} else if (r && r->type != XCB_ATOM_NONE && r->format == 8) {
		size_t n = (size_t)xcb_get_property_value_length(r);
		if (n > room)
			n = room;
		memcpy(c->buf + c->len, xcb_get_property_value(r), n);
		c->len += n;
		c->type = r->type;
		got = (long)(n + r->bytes_after);
		*more = false;
	}
	free(r);
	return got;
}

void handle_selection_notify(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_selection_notify_event_t *e = (xcb_selection_notify_event_t *)ev;
	struct clip *cl = &a->clip;
	struct clip_copy *c = &cl->copy;
	if (e->requestor != cl->win || e->selection != c->selection || !c->pending || c->incr ||
	    e->target != c->target)
		return;
	if (e->property == XCB_ATOM_NONE) {
		failed(a);
		return;
	}
	if (e->property != c->prop)
		return; /* the answer to an abandoned conversion */
	bool incr = false;
	long got = take(a, &incr);
	if (got < 0) {
		failed(a);
	} else if (incr) {
		/* The delete in take() asks for the first chunk. */
		c->incr = true;
	} else {
		finish(a);
	}
}

/* An INCR chunk, or the end of one we no longer want. */
void clipboard_property(struct agent *a, xcb_property_notify_event_t *e)
{
	struct clip *cl = &a->clip;
	struct clip_copy *c = &cl->copy;
	if (e->state != XCB_PROPERTY_NEW_VALUE)
		return;
	if (e->atom == cl->stamp) {
		paste_stamped(a, e->time);
		return;
	}
	if (e->atom != XCB_ATOM_NONE && e->atom == c->drain) {
		xcb_get_property_reply_t *r =
			xcb_get_property_reply(a->xc,
					       xcb_get_property(a->xc, 1, cl->win, c->drain,
								XCB_GET_PROPERTY_TYPE_ANY, 0, 0),
					       NULL);
		xcb_delete_property(a->xc, cl->win, c->drain);
		if (!r || (r->bytes_after == 0))
			c->drain = XCB_ATOM_NONE; /* the empty chunk: the end */
		free(r);
		return;
	}
	if (!c->pending || !c->incr || e->atom != c->prop)
		return;
	bool incr = false;
	long got = take(a, &incr);
	if (got < 0 || incr) {
		finish(a); /* what came so far */
	} else if (got == 0) {
		finish(a); /* the empty chunk: the end */
	} else if (c->len >= RAW_MAX) {
		static bool logged;
		if (!logged)
			fprintf(stderr,
				"vitrine-agent: clipboard larger than %u bytes: cut "
				"(logged once)\n",
				VP_MAX_CLIPBOARD);
		logged = true;
		c->drain = c->prop;
		finish(a);
	}
}

void clipboard_disconnected(struct agent *a)
{
	reset(&a->clip.copy); /* that daemon's serial means nothing to the next */
}

void clipboard_finish(struct agent *a)
{
	reset(&a->clip.copy);
	paste_drop(a);
}
