/*
 * The frame rate the page-flip loop really reaches (drm.h), for make
 * check-drm's figure and for people: with --verbose, while frames follow
 * each other (no gap over 500 ms), one log line every 2 s or more:
 * "drm: N frames in T ms: F frames/s". Counted at each flip event; nothing
 * runs while the screen is idle.
 */
#include "drm.h"

#include "gui-daemon/domain.h"

#define GAP_MS 500
#define SPAN_MS 2000

static uint64_t mark_ms, last_ms, mark_flips;

void drm_rate_flipped(struct drm *d)
{
	uint64_t flips = 0, now = now_ms();
	for (int i = 0; i < d->nout; i++)
		flips += d->out[i].flips;
	if (!d->srv->cfg.verbose || flips == mark_flips)
		return;
	if (!mark_ms || now - last_ms > GAP_MS) { /* a run of frames starts */
		mark_ms = last_ms = now;
		mark_flips = flips;
		return;
	}
	last_ms = now;
	if (now - mark_ms < SPAN_MS)
		return;
	uint64_t n = flips - mark_flips, t = now - mark_ms;
	vlog("drm: %llu frames in %llu ms: %.1f frames/s", (unsigned long long)n,
	     (unsigned long long)t, (double)n * 1000.0 / (double)t);
	mark_ms = now;
	mark_flips = flips;
}
