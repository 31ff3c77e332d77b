/*
 * A notification's actions (in NOTIFY, whose codec is in tray.c) and its
 * life after NOTIFY: NOTIFY_CLOSE, NOTIFY_EVENT (notify.h). Pure: labels
 * are raw here, sanitized by the daemon.
 */
#include <string.h>

#include "proto.h"
#include "wire.h"

const char *vp_notify_actions(const uint8_t *untrusted, uint32_t len, struct vp_notify *n)
{
	if (n->nactions > VP_MAX_NOTIFY_ACTIONS || n->default_action > n->nactions)
		return "notification actions out of range";
	uint32_t at = 0;
	for (uint32_t i = 0; i < n->nactions; i++) {
		if (at >= len)
			return "NOTIFY length does not match its strings";
		uint32_t l = untrusted[at++];
		if (l > VP_MAX_NOTIFY_LABEL)
			return "notification string too long";
		if (l > len - at)
			return "NOTIFY length does not match its strings";
		n->actions[i] = (struct vp_string){ l, untrusted + at };
		at += l;
	}
	if (at != len)
		return "NOTIFY length does not match its strings";
	return NULL;
}

uint32_t vp_notify_actions_size(const struct vp_notify *n)
{
	uint32_t size = 0;
	if (n->nactions > VP_MAX_NOTIFY_ACTIONS || n->default_action > n->nactions)
		return VP_BAD_SIZE;
	for (uint32_t i = 0; i < n->nactions; i++) {
		if (n->actions[i].len > VP_MAX_NOTIFY_LABEL)
			return VP_BAD_SIZE;
		size += 1 + n->actions[i].len;
	}
	return size;
}

void vp_notify_actions_encode(const struct vp_notify *n, uint8_t *p)
{
	for (uint32_t i = 0; i < n->nactions; i++) {
		*p++ = (uint8_t)n->actions[i].len;
		if (n->actions[i].len)
			memcpy(p, n->actions[i].bytes, n->actions[i].len);
		p += n->actions[i].len;
	}
}

VP_DECODER(vp_dec_notify_close)
{
	(void)len;
	m->u.notify_id = get32(untrusted); /* any number: the daemon looks it up */
	return NULL;
}

VP_ENCODER(vp_enc_notify_close)
{
	put32(p, m->u.notify_id);
}

VP_DECODER(vp_dec_notify_event)
{
	(void)len;
	struct vp_notify_event *e = &m->u.notify_event;
	e->id = get32(untrusted);
	e->event = get32(untrusted + 4);
	e->value = get32(untrusted + 8);
	if (e->event == VP_NOTIFY_CLOSED &&
	    (e->value < VP_NOTIFY_EXPIRED || e->value > VP_NOTIFY_UNDEFINED))
		return "notification closed for an unknown reason";
	if (e->event == VP_NOTIFY_ACTION && e->value >= VP_MAX_NOTIFY_ACTIONS)
		return "notification action out of range";
	if (e->event != VP_NOTIFY_CLOSED && e->event != VP_NOTIFY_ACTION)
		return "unknown notification event";
	return NULL;
}

VP_ENCODER(vp_enc_notify_event)
{
	put32(p, m->u.notify_event.id);
	put32(p + 4, m->u.notify_event.event);
	put32(p + 8, m->u.notify_event.value);
}
