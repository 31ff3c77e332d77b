/*
 * The daemon's paste (the user's paste hotkey): CLIPBOARD_PASTE {text} becomes
 * the domain's CLIPBOARD and PRIMARY, owned by the agent's hidden window.
 *
 * The text is kept exactly (a new paste frees the old one: no tail of a
 * longer, older text can be served). Ownership is taken with a real server
 * timestamp: the paste appends nothing to a property of the hidden window and
 * the PropertyNotify that follows carries the time (clipboard.c hands it to
 * paste_stamped). SelectionRequest is answered for TARGETS, UTF8_STRING,
 * STRING (Latin-1, '?' for the rest), TEXT and TIMESTAMP; anything else is
 * refused. A text larger than one ChangeProperty request is offered cut
 * (this agent does not send INCR). When another client takes a selection,
 * SelectionClear ends our ownership, and the text is dropped once neither is
 * ours.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void wipe(struct clip_own *o)
{
	if (o->data)
		memset(o->data, 0, o->len);
	free(o->data);
	o->data = NULL;
	o->len = 0;
}

void paste_set(struct agent *a, const struct vp_string *text)
{
	struct clip *cl = &a->clip;
	struct clip_own *o = &cl->own;
	uint8_t *copy = malloc(text->len ? text->len : 1);
	if (!copy) {
		fprintf(stderr, "vitrine-agent: out of memory for a paste\n");
		return;
	}
	memcpy(copy, text->bytes, text->len);
	wipe(o);
	o->data = copy;
	o->len = text->len;
	o->stamping = true;
	xcb_change_property(a->xc, XCB_PROP_MODE_APPEND, cl->win, cl->stamp, XCB_ATOM_INTEGER, 32,
			    0, NULL);
}

static bool take(struct agent *a, xcb_atom_t sel, xcb_timestamp_t time)
{
	xcb_set_selection_owner(a->xc, a->clip.win, sel, time);
	xcb_get_selection_owner_reply_t *r =
		xcb_get_selection_owner_reply(a->xc, xcb_get_selection_owner(a->xc, sel), NULL);
	bool ok = r && r->owner == a->clip.win;
	free(r);
	return ok;
}

void paste_stamped(struct agent *a, xcb_timestamp_t time)
{
	struct clip *cl = &a->clip;
	struct clip_own *o = &cl->own;
	if (!o->stamping)
		return;
	o->stamping = false;
	o->since = time;
	o->clipboard = take(a, cl->clipboard, time);
	o->primary = take(a, XCB_ATOM_PRIMARY, time);
	if (!o->clipboard)
		fprintf(stderr, "vitrine-agent: could not own the CLIPBOARD; paste lost\n");
	if (!o->clipboard && !o->primary)
		wipe(o);
}

void paste_drop(struct agent *a)
{
	struct clip_own *o = &a->clip.own;
	wipe(o);
	o->clipboard = o->primary = o->stamping = false;
}

/* Latin-1 of the UTF-8 s[0..len) into out (len bytes at most); '?' for
 * what Latin-1 lacks. Returns the length; *exact is false if a '?' was put. */
static size_t to_latin1(const uint8_t *s, size_t len, uint8_t *out, bool *exact)
{
	size_t n = 0;
	*exact = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = vp_utf8_decode(s + i, len - i, &cp);
		if (k > 0 && cp < 0x100) {
			out[n++] = (uint8_t)cp;
			i += k;
			continue;
		}
		out[n++] = '?';
		*exact = false;
		/* a character Latin-1 lacks, or a malformed one: skip its bytes */
		for (i += k ? k : 1; k == 0 && i < len && (s[i] & 0xc0) == 0x80;)
			i++;
	}
	return n;
}

/* What we offer: the text, cut to what one request can carry. */
static size_t offered(struct agent *a)
{
	struct clip *cl = &a->clip;
	size_t n = utf8_cut(cl->own.data, cl->own.len, cl->max_prop);
	if (n < cl->own.len && !cl->capped_logged) {
		fprintf(stderr,
			"vitrine-agent: paste of %zu bytes offered as %zu (one X request; "
			"no INCR); logged once\n",
			cl->own.len, n);
		cl->capped_logged = true;
	}
	return n;
}

/* Set prop on the requestor to the target's value; false to refuse. */
static bool convert(struct agent *a, xcb_window_t req, xcb_atom_t target, xcb_atom_t prop)
{
	struct clip *cl = &a->clip;
	struct clip_own *o = &cl->own;
	if (target == cl->targets) {
		xcb_atom_t t[] = { cl->targets, a->atoms.utf8_string, XCB_ATOM_STRING, cl->text,
				   cl->timestamp };
		xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, req, prop, XCB_ATOM_ATOM, 32,
				    sizeof(t) / sizeof(t[0]), t);
		return true;
	}
	if (target == cl->timestamp) {
		xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, req, prop, XCB_ATOM_INTEGER, 32,
				    1, &o->since);
		return true;
	}
	if (target != a->atoms.utf8_string && target != XCB_ATOM_STRING && target != cl->text)
		return false;
	size_t n = offered(a);
	uint8_t *latin = malloc(n ? n : 1);
	if (!latin)
		return false;
	bool exact;
	size_t ln = to_latin1(o->data, n, latin, &exact);
	/* TEXT: STRING when Latin-1 says it all, else UTF8_STRING */
	if (target == XCB_ATOM_STRING || (target == cl->text && exact))
		xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, req, prop, XCB_ATOM_STRING, 8,
				    (uint32_t)ln, latin);
	else
		xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, req, prop, a->atoms.utf8_string,
				    8, (uint32_t)n, o->data);
	free(latin);
	return true;
}

void handle_selection_request(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_selection_request_event_t *e = (xcb_selection_request_event_t *)ev;
	struct clip *cl = &a->clip;
	struct clip_own *o = &cl->own;
	bool ours = e->owner == cl->win && o->data &&
		    ((e->selection == cl->clipboard && o->clipboard) ||
		     (e->selection == XCB_ATOM_PRIMARY && o->primary)) &&
		    (e->time == XCB_CURRENT_TIME || e->time >= o->since);
	/* An obsolete requestor names no property: use the target's name. */
	xcb_atom_t prop = e->property != XCB_ATOM_NONE ? e->property : e->target;
	if (!ours || !convert(a, e->requestor, e->target, prop))
		prop = XCB_ATOM_NONE;
	union { /* SendEvent takes 32 bytes */
		xcb_selection_notify_event_t n;
		char raw[32];
	} u = { .n = {
			.response_type = XCB_SELECTION_NOTIFY,
			.time = e->time,
			.requestor = e->requestor,
			.selection = e->selection,
			.target = e->target,
			.property = prop,
		} };
	xcb_send_event(a->xc, 0, e->requestor, XCB_EVENT_MASK_NO_EVENT, u.raw);
}

void handle_selection_clear(struct agent *a, xcb_generic_event_t *ev)
{
	xcb_selection_clear_event_t *e = (xcb_selection_clear_event_t *)ev;
	struct clip *cl = &a->clip;
	struct clip_own *o = &cl->own;
	if (e->owner != cl->win || e->time < o->since)
		return; /* about an ownership older than ours */
	if (e->selection == cl->clipboard)
		o->clipboard = false;
	else if (e->selection == XCB_ATOM_PRIMARY)
		o->primary = false;
	if (!o->clipboard && !o->primary && !o->stamping)
		wipe(o);
}
