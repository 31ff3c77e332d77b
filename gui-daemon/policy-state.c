/* The window states the daemon shows and tells the guest (policy.h): the
 * guest's wishes as the domain may have them, and the answers of the
 * desktop's window manager to them, each in turn. */
#include "policy.h"

#include <string.h>

#include "domain.h"
#include "server.h"
#include "window.h"

/*
 * Fullscreen is off unless the domain is allowed it: the guest's request
 * becomes maximize (the guest keeps believing it is fullscreen). Urgency
 * becomes demands-attention; minimize is passed on.
 */
unsigned policy_state(const struct window *win)
{
	unsigned st = 0;
	if (win->wmflags & VP_WM_FULLSCREEN)
		st |= win->dom->cfg->allow_fullscreen ? WIN_STATE_FULLSCREEN : WIN_STATE_MAXIMIZED;
	if (win->wmflags & (VP_WM_URGENT | VP_WM_DEMANDS_ATTENTION))
		st |= WIN_STATE_ATTENTION;
	if (win->wmflags & VP_WM_MINIMIZED)
		st |= WIN_STATE_MINIMIZED;
	if (win->wmflags & VP_WM_MAXIMIZED)
		st |= WIN_STATE_MAXIMIZED;
	return st;
}

bool policy_minimized(const struct window *win)
{
	return (win->desktop_state | policy_state(win)) & WIN_STATE_MINIMIZED;
}

uint32_t policy_guest_state(const struct window *win, unsigned old, unsigned now)
{
	const unsigned size = WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN;
	uint32_t g = win->told_state;
	if ((old ^ now) & WIN_STATE_MINIMIZED)
		g = now & WIN_STATE_MINIMIZED ? g | VP_STATE_MINIMIZED : g & ~VP_STATE_MINIMIZED;
	if ((old ^ now) & size) {
		g &= ~(VP_STATE_MAXIMIZED | VP_STATE_FULLSCREEN);
		if (now & WIN_STATE_FULLSCREEN)
			g |= VP_STATE_FULLSCREEN;
		else if (now & WIN_STATE_MAXIMIZED)
			g |= win->wmflags & VP_WM_FULLSCREEN ? VP_STATE_FULLSCREEN
							     : VP_STATE_MAXIMIZED;
	}
	return g;
}

uint32_t policy_guest_shown(const struct window *win)
{
	uint32_t g = win->told_state & ~(uint32_t)(VP_STATE_MAXIMIZED | VP_STATE_FULLSCREEN);
	if (win->desktop_state & WIN_STATE_FULLSCREEN)
		g |= VP_STATE_FULLSCREEN;
	else if (win->desktop_state & WIN_STATE_MAXIMIZED)
		g |= win->wmflags & VP_WM_FULLSCREEN ? VP_STATE_FULLSCREEN : VP_STATE_MAXIMIZED;
	return g;
}

void policy_state_asked(struct window *win, unsigned st)
{
	const unsigned size = WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN, n = 4;
	if (win->nasked == n)
		memmove(win->asked, win->asked + 1, (n - 1) * sizeof(win->asked[0]));
	else
		win->nasked++;
	win->asked[win->nasked - 1] = st & size;
	win->asked_ms = now_ms();
}

bool policy_desktop_stale(struct window *win, unsigned st)
{
	const unsigned size = WIN_STATE_MAXIMIZED | WIN_STATE_FULLSCREEN;
	if (win->nasked && now_ms() - win->asked_ms > POLICY_WM_SETTLE_MS)
		win->nasked = 0; /* never answered (shown so already) */
	for (unsigned i = 0; i < win->nasked; i++)
		if (win->asked[i] == (st & size)) { /* the answer to ask i */
			win->nasked -= i + 1;
			memmove(win->asked, win->asked + i + 1,
				win->nasked * sizeof(win->asked[0]));
			return win->nasked > 0; /* a newer ask's answer follows */
		}
	win->nasked = 0; /* the user's own */
	return false;
}
