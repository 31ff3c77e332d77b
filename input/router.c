/* Routing of the user's input to exactly one domain. */
#include "input.h"

#include "gui-daemon/domain.h"
#include "gui-daemon/server.h"

static void deliver(struct window *win, struct vp_msg *m)
{
	m->window = win->id;
	domain_send(win->dom, m);
}

void input_focus(struct server *srv, struct window *win)
{
	if (srv->focus == win)
		return;
	struct vp_msg m = { .type = VP_FOCUS };
	if (srv->focus) {
		m.u.focus.in = 0;
		deliver(srv->focus, &m);
	}
	srv->focus = win;
	if (win) {
		m.u.focus.in = 1;
		deliver(win, &m);
	}
}

void input_key(struct server *srv, uint32_t keycode, uint32_t state, bool pressed)
{
	if (!srv->focus || keycode < 8 || keycode > 255)
		return;
	struct vp_msg m = { .type = VP_KEY };
	m.u.key = (struct vp_key){ keycode, state, pressed };
	deliver(srv->focus, &m);
}

void input_button(struct server *srv, struct window *win, uint32_t button, bool pressed,
		  int32_t x, int32_t y, uint32_t state)
{
	(void)srv;
	if (!win || button < 1 || button > 255)
		return;
	struct vp_msg m = { .type = VP_BUTTON };
	m.u.button = (struct vp_button){ button, pressed, x, y, state };
	deliver(win, &m);
}

void input_motion(struct server *srv, struct window *win, int32_t x, int32_t y, uint32_t state)
{
	(void)srv;
	if (!win)
		return;
	struct vp_msg m = { .type = VP_MOTION };
	m.u.motion = (struct vp_motion){ x, y, state };
	deliver(win, &m);
}

void input_crossing(struct server *srv, struct window *win, bool entered, int32_t x, int32_t y,
		    uint32_t state)
{
	(void)srv;
	if (!win)
		return;
	struct vp_msg m = { .type = VP_CROSSING };
	m.u.crossing = (struct vp_crossing){ entered, x, y, state };
	deliver(win, &m);
}

void input_window_gone(struct server *srv, struct window *win)
{
	if (srv->focus == win)
		srv->focus = NULL;
}
