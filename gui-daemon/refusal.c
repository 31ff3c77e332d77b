/*
 * Repeated refusals (issue 12 item 5). A refused request costs the daemon
 * a log line at most (rate-limited, ratelog.h) and the domain nothing, so a
 * domain could repeat it for ever. The kinds no well-behaved agent repeats
 * count toward a cut-off (REFUSAL_LIMIT within REFUSAL_PERIOD_MS):
 *
 *  - RL_POPUP_FLAG: the agent sends a mapped window's flag as it was
 *    mapped (gui-agent/windows.c), so a change while mapped never comes
 *    from it;
 *  - RL_WINDOW_TYPE: dock, desktop or an unknown number; an application
 *    sets its window's type once (a panel: dock), and again only when it
 *    changes it: one per window and change;
 *  - RL_CLIPBOARD: clipboard data nobody asked for; the agent answers each
 *    request once: one per copy the user makes;
 *  - RL_ICON: an icon over the icon quota; the agent sends at most 64x64
 *    per window and the quota holds that for every window the window quota
 *    allows (desktop.c), so only a hostile agent reaches it;
 *  - RL_NOTIFY_CLOSE: a notification closed that the domain does not have;
 *    the agent closes only those the daemon has not said are closed (a
 *    race costs one);
 *  - RL_NOTIFY_ICON: an icon for a notification the domain does not have,
 *    or a second one (notify-icon.c); the agent sends one after each NOTIFY.
 *
 * Not counted: what applications cause by themselves and may repeat fast
 * (a window resized at the buffer quota: every step of a drag; windows
 * created at the window quota: that has its own bound, DOMAIN_REFUSED_MAX;
 * popups too large or held back while the screen is locked; focus the
 * desktop's window manager gave a new window), and connections (no message:
 * they are refused before any).
 */
#include <stdarg.h>
#include <stdio.h>

#include "domain.h"

static bool counted(enum ratelog_kind kind)
{
	return kind == RL_POPUP_FLAG || kind == RL_WINDOW_TYPE || kind == RL_CLIPBOARD ||
	       kind == RL_ICON || kind == RL_TRAY || kind == RL_NOTIFY_CLOSE ||
	       kind == RL_NOTIFY_ICON;
}

void domain_refuse(struct domain *d, enum ratelog_kind kind, const char *fmt, ...)
{
	static char why[RL_KINDS][128];
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	domain_log(d, kind, "%s", line);
	if (!counted(kind) || !ratelog_refusal(&d->rl[kind], now_ms()) || d->cut_off)
		return;
	snprintf(why[kind], sizeof(why[kind]), "repeated refused requests (%s): %u in %u s",
		 ratelog_kind_name[kind], d->rl[kind].refused, REFUSAL_PERIOD_MS / 1000);
	d->cut_off = true;
	d->cut_reason = why[kind];
}

void domain_log_violation(struct domain *d, const char *why)
{
	struct ratelog *r = &d->rl[RL_VIOLATION];
	unsigned suppressed;
	if (!ratelog_allow_burst(r, now_ms(), VIOLATION_BURST, &suppressed)) {
		/* counted here, not in the disconnect's count of suppressed
		 * lines (one line per violation again) */
		r->held += r->suppressed;
		r->suppressed = 0;
		return;
	}
	suppressed += r->held;
	r->held = 0;
	if (suppressed)
		vlog("domain %s: %u violation lines suppressed", d->cfg->name, suppressed);
	vlog("domain %s: violation: %s; disconnected", d->cfg->name, why);
}
