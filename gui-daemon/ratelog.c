/* Rate limits for the log lines a domain causes (see ratelog.h). */
#include "ratelog.h"

const char *const ratelog_kind_name[RL_KINDS] = {
	[RL_WINDOW_QUOTA] = "window quota",
	[RL_BUFFER_QUOTA] = "buffer quota",
	[RL_CONNECTION] = "refused connections",
	[RL_CLIPBOARD] = "clipboard data nobody asked for",
	[RL_POPUP_FLAG] = "popup flag changes",
	[RL_POPUP_MANAGED] = "popups shown as managed windows",
	[RL_POPUP_HELD] = "popups held back",
	[RL_FOCUS] = "focus changes refused",
	[RL_WINDOW_TYPE] = "window types refused",
	[RL_VIOLATION] = "violations",
	[RL_ICON] = "icons refused",
	[RL_TRAY] = "tray icons refused",
	[RL_NOTIFY] = "notifications dropped",
	[RL_NOTIFY_CLOSE] = "notification closes refused",
	[RL_NOTIFY_ICON] = "notification icons refused",
	[RL_SESSION] = "connections and disconnects",
	[RL_CLICK] = "clicks passed to the window below",
};

bool ratelog_allow(struct ratelog *r, uint64_t now_ms, unsigned *suppressed)
{
	return ratelog_allow_burst(r, now_ms, RATELOG_BURST, suppressed);
}

bool ratelog_allow_burst(struct ratelog *r, uint64_t now_ms, unsigned burst, unsigned *suppressed)
{
	if (!r->started) {
		r->started = true;
		r->tokens = burst;
		r->refill_ms = now_ms + RATELOG_PERIOD_MS;
	}
	while (now_ms >= r->refill_ms && r->tokens < burst) {
		r->tokens++;
		r->refill_ms += RATELOG_PERIOD_MS;
	}
	if (r->tokens == burst)
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

bool ratelog_refusal(struct ratelog *r, uint64_t now_ms)
{
	if (!r->refused || now_ms - r->refused_ms >= REFUSAL_PERIOD_MS) {
		r->refused_ms = now_ms; /* a new count starts */
		r->refused = 0;
	}
	return ++r->refused > REFUSAL_LIMIT;
}
