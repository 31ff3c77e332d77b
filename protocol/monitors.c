/*
 * The monitor layout and the resize hand-off (issue 14 items 5 to 7):
 * MONITORS (daemon -> agent: the trusted side's monitors and dpi),
 * SYNC_REQUEST (daemon -> agent: the user resized this window) and
 * SYNC_DONE (agent -> daemon: the frame of that size is drawn). Pure.
 */
#include "proto.h"
#include "wire.h"

static const char *monitor_check(const struct vp_monitor *o)
{
	if (o->x < 0 || o->y < 0 || o->x > VP_MAX_COORD || o->y > VP_MAX_COORD)
		return "monitor position out of range";
	if (o->w == 0 || o->h == 0 || o->w > VP_MAX_DIM || o->h > VP_MAX_DIM)
		return "monitor size out of range";
	if ((int64_t)o->x + o->w > VP_MAX_COORD || (int64_t)o->y + o->h > VP_MAX_COORD)
		return "monitor beyond the largest screen";
	if (o->mm_w > VP_MAX_MM || o->mm_h > VP_MAX_MM)
		return "monitor physical size out of range";
	return NULL;
}

static const char *monitors_check(const struct vp_monitors *ms)
{
	if (ms->n == 0 || ms->n > VP_MAX_MONITORS)
		return "monitor count out of range";
	if (ms->dpi < VP_MIN_DPI || ms->dpi > VP_MAX_DPI)
		return "dpi out of range";
	for (uint32_t i = 0; i < ms->n; i++) {
		const char *why = monitor_check(&ms->m[i]);
		if (why)
			return why;
	}
	return NULL;
}

VP_DECODER(vp_dec_monitors)
{
	struct vp_monitors *ms = &m->u.monitors;
	ms->dpi = get32(untrusted);
	ms->n = get32(untrusted + 4);
	if (ms->n == 0 || ms->n > VP_MAX_MONITORS)
		return "monitor count out of range";
	if (len != 8u + 24u * ms->n)
		return "monitors body length does not match the count";
	for (uint32_t i = 0; i < ms->n; i++) {
		const uint8_t *p = untrusted + 8 + 24 * i;
		ms->m[i] = (struct vp_monitor){ (int32_t)get32(p), (int32_t)get32(p + 4),
						get32(p + 8),	   get32(p + 12),
						get32(p + 16),	   get32(p + 20) };
	}
	return monitors_check(ms);
}

VP_SIZER(vp_size_monitors)
{
	return monitors_check(&m->u.monitors) ? VP_BAD_SIZE : 8u + 24u * m->u.monitors.n;
}

VP_ENCODER(vp_enc_monitors)
{
	const struct vp_monitors *ms = &m->u.monitors;
	put32(p, ms->dpi);
	put32(p + 4, ms->n);
	for (uint32_t i = 0; i < ms->n; i++) {
		uint8_t *q = p + 8 + 24 * i;
		put32(q, (uint32_t)ms->m[i].x);
		put32(q + 4, (uint32_t)ms->m[i].y);
		put32(q + 8, ms->m[i].w);
		put32(q + 12, ms->m[i].h);
		put32(q + 16, ms->m[i].mm_w);
		put32(q + 20, ms->m[i].mm_h);
	}
}

VP_DECODER(vp_dec_sync_request)
{
	(void)len;
	m->u.sync =
		(struct vp_sync){ get32(untrusted), get32(untrusted + 4), get32(untrusted + 8) };
	if (m->u.sync.w == 0 || m->u.sync.h == 0 || m->u.sync.w > VP_MAX_DIM ||
	    m->u.sync.h > VP_MAX_DIM)
		return "sync size out of range";
	return NULL;
}

VP_ENCODER(vp_enc_sync_request)
{
	put32(p, m->u.sync.serial);
	put32(p + 4, m->u.sync.w);
	put32(p + 8, m->u.sync.h);
}

VP_DECODER(vp_dec_sync_done)
{
	(void)len;
	m->u.sync = (struct vp_sync){ get32(untrusted), 0, 0 }; /* any serial: the daemon checks */
	return NULL;
}

VP_ENCODER(vp_enc_sync_done)
{
	put32(p, m->u.sync.serial);
}
