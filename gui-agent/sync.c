/*
 * Resize without tearing (issue 14 item 7), the agent's half. SYNC_REQUEST
 * says the user resized window w (the SET_GEOMETRY follows). A client that
 * speaks _NET_WM_SYNC_REQUEST (it lists it in WM_PROTOCOLS and has a
 * _NET_WM_SYNC_REQUEST_COUNTER: GTK, Qt) is sent the request with the next
 * counter value before the ConfigureWindow; the agent then withholds the
 * window's new buffer and damage (damage.c, windows.c) until the client set
 * its counter to that value (an XSync alarm tells us) or SYNC_WAIT_MS
 * passed, and then sends the whole new frame followed by SYNC_DONE. So the
 * daemon keeps showing the last whole frame until the new one is whole. A
 * client without it is answered at once. A client that never answers
 * delays only its own window, by SYNC_WAIT_MS at most; the daemon never
 * waits for anything.
 */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xcb/sync.h>

#define SYNC_WAIT_MS 500

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sync_init(struct agent *a)
{
	const xcb_query_extension_reply_t *e = xcb_get_extension_data(a->xc, &xcb_sync_id);
	xcb_sync_initialize_reply_t *v =
		e && e->present
			? xcb_sync_initialize_reply(a->xc, xcb_sync_initialize(a->xc, 3, 1), NULL)
			: NULL;
	if (v)
		a->sync_event = e->first_event;
	else
		fprintf(stderr, "vitrine-agent: no XSync in the domain: resizes are not synced\n");
	free(v);
	a->net_wm_sync_request = agent_intern(a, "_NET_WM_SYNC_REQUEST");
	a->net_wm_sync_request_counter = agent_intern(a, "_NET_WM_SYNC_REQUEST_COUNTER");
}

/* The client's basic sync counter, if it speaks _NET_WM_SYNC_REQUEST. */
static xcb_sync_counter_t client_counter(struct agent *a, struct win *w)
{
	xcb_get_property_cookie_t pc =
		xcb_get_property(a->xc, 0, w->id, a->atoms.wm_protocols, XCB_ATOM_ATOM, 0, 32);
	xcb_get_property_cookie_t cc = xcb_get_property(
		a->xc, 0, w->id, a->net_wm_sync_request_counter, XCB_ATOM_CARDINAL, 0, 1);
	xcb_get_property_reply_t *p = xcb_get_property_reply(a->xc, pc, NULL);
	xcb_get_property_reply_t *c = xcb_get_property_reply(a->xc, cc, NULL);
	bool listed = false;
	if (p && p->format == 32) {
		const xcb_atom_t *at = xcb_get_property_value(p);
		for (int i = 0; i < xcb_get_property_value_length(p) / 4; i++)
			listed |= at[i] == a->net_wm_sync_request;
	}
	xcb_sync_counter_t counter = XCB_NONE;
	if (listed && c && c->format == 32 && xcb_get_property_value_length(c) >= 4)
		counter = *(const uint32_t *)xcb_get_property_value(c);
	free(p);
	free(c);
	return counter;
}

static void answer(struct agent *a, struct win *w, uint32_t serial)
{
	struct vp_msg m = { .type = VP_SYNC_DONE, .window = w->id };
	m.u.sync.serial = serial;
	agent_send(a, &m, -1);
}

/* Answer serial now, or with the older answer still waiting for its frame
 * to go out (sync_flush), in its place: the daemon takes answers in order
 * only, and the newer one answers both (new-user trial 3: an older answer
 * sent after a newer one cut a GTK window's domain off for a violation). */
static void answer_now(struct agent *a, struct win *w, uint32_t serial)
{
	if (w->sync_answer)
		w->sync_answer = serial;
	else
		answer(a, w, serial);
}

/* Stop waiting: the whole frame goes out, then SYNC_DONE (sync_flush). */
static void finish(struct agent *a, struct win *w, const char *how)
{
	if (w->sync_alarm)
		xcb_sync_destroy_alarm(a->xc, w->sync_alarm);
	w->sync_alarm = XCB_NONE;
	if (how)
		fprintf(stderr, "vitrine-agent: window 0x%x: resize sync %s\n", w->id, how);
	w->sync_answer = w->sync_serial;
	w->sync_serial = 0;
	damage_full(a, w);
}

void sync_request(struct agent *a, struct win *w, const struct vp_sync *s)
{
	if (w->sync_serial) /* a newer resize: the older one is answered by this one */
		finish(a, w, NULL);
	xcb_sync_counter_t counter =
		a->sync_event && w->mapped && w->buf ? client_counter(a, w) : XCB_NONE;
	if (!counter || (s->w == w->w && s->h == w->h)) {
		answer_now(a, w, s->serial);
		return;
	}
	xcb_sync_query_counter_reply_t *q =
		xcb_sync_query_counter_reply(a->xc, xcb_sync_query_counter(a->xc, counter), NULL);
	if (!q) {
		answer_now(a, w, s->serial);
		return;
	}
	uint64_t v = ((uint64_t)(uint32_t)q->counter_value.hi << 32 | q->counter_value.lo) + 1;
	free(q);
	if (v <= w->sync_value) /* the client has not drawn the last one asked yet */
		v = w->sync_value + 1;
	w->sync_alarm = xcb_generate_id(a->xc);
	uint32_t vals[] = { counter,	 XCB_SYNC_VALUETYPE_ABSOLUTE,		(uint32_t)(v >> 32),
			    (uint32_t)v, XCB_SYNC_TESTTYPE_POSITIVE_COMPARISON, 1 };
	xcb_sync_create_alarm(a->xc, w->sync_alarm,
			      XCB_SYNC_CA_COUNTER | XCB_SYNC_CA_VALUE_TYPE | XCB_SYNC_CA_VALUE |
				      XCB_SYNC_CA_TEST_TYPE | XCB_SYNC_CA_EVENTS,
			      vals);
	xcb_client_message_event_t ev = { .response_type = XCB_CLIENT_MESSAGE,
					  .format = 32,
					  .window = w->id,
					  .type = a->atoms.wm_protocols };
	ev.data.data32[0] = a->net_wm_sync_request;
	ev.data.data32[1] = XCB_CURRENT_TIME;
	ev.data.data32[2] = (uint32_t)v;
	ev.data.data32[3] = (uint32_t)(v >> 32);
	xcb_send_event(a->xc, 0, w->id, XCB_EVENT_MASK_NO_EVENT, (const char *)&ev);
	w->sync_serial = s->serial;
	w->sync_value = v;
	w->sync_deadline = now_ms() + SYNC_WAIT_MS;
	fprintf(stderr, "vitrine-agent: window 0x%x: resize sync %llu asked\n", w->id,
		(unsigned long long)v);
}

bool sync_event(struct agent *a, xcb_generic_event_t *ev)
{
	if (!a->sync_event || (ev->response_type & 0x7f) != a->sync_event + XCB_SYNC_ALARM_NOTIFY)
		return false;
	xcb_sync_alarm_notify_event_t *e = (xcb_sync_alarm_notify_event_t *)ev;
	uint64_t v = (uint64_t)(uint32_t)e->counter_value.hi << 32 | e->counter_value.lo;
	for (struct win *w = a->windows; w; w = w->next)
		if (w->sync_serial && w->sync_alarm == e->alarm && v >= w->sync_value)
			finish(a, w, "drawn");
	return true;
}

int sync_timeout(struct agent *a)
{
	int64_t first = -1, now = now_ms();
	for (struct win *w = a->windows; w; w = w->next)
		if (w->sync_serial && (first < 0 || w->sync_deadline < first))
			first = w->sync_deadline;
	return first < 0 ? -1 : first <= now ? 0 : (int)(first - now);
}

void sync_expire(struct agent *a)
{
	int64_t now = now_ms();
	for (struct win *w = a->windows; w; w = w->next)
		if (w->sync_serial && w->sync_deadline <= now)
			finish(a, w, "timed out: the client did not answer");
}

void sync_flush(struct agent *a)
{
	for (struct win *w = a->windows; w; w = w->next)
		if (w->sync_answer && !w->ndmg) {
			answer(a, w, w->sync_answer);
			w->sync_answer = 0;
		}
}

void sync_forget(struct agent *a, struct win *w)
{
	if (w->sync_alarm)
		xcb_sync_destroy_alarm(a->xc, w->sync_alarm);
	w->sync_alarm = XCB_NONE;
	w->sync_serial = w->sync_answer = 0;
}
