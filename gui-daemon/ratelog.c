/* Rate limits for the log lines a domain causes (see ratelog.h). */
#include "ratelog.h"

bool ratelog_allow(struct ratelog *r, uint64_t now_ms, unsigned *suppressed)
{
	if (!r->started) {
		r->started = true;
		r->tokens = RATELOG_BURST;
		r->refill_ms = now_ms + RATELOG_PERIOD_MS;
	}
	while (now_ms >= r->refill_ms && r->tokens < RATELOG_BURST) {
		r->tokens++;
		r->refill_ms += RATELOG_PERIOD_MS;
	}
	if (r->tokens == RATELOG_BURST)
		r->refill_ms = now_ms + RATELOG_PERIOD_MS; /* full: the clock restarts */
	if (r->tokens == 0) {
		r->suppressed++;
		return false;
	}
	r->tokens--;
	*suppressed = r->suppressed;
	r->suppressed = 0;
	return true;
}
