/* The user's pointer on a composited output (pointer.h). */
#include "pointer.h"

#include "clickguard.h"
#include "domain.h"
#include "focus.h"
#include "grab.h"
#include "input/input.h"
#include "notify.h"
#include "scene.h"
#include "server.h"
#include "tray-area.h"

struct window *pointer_window_at(struct server *srv, int32_t x, int32_t y, bool *in_content)
{
	struct scene *s = &srv->scene;
	struct list *pos, *tmp;
	list_each_reverse(pos, tmp, &s->stack)
	{
		struct window *w = list_item(pos, struct window, stack_link);
		if (!w->shown) /* not drawn (a tiny popup, one held back): no
				* click catcher (hostile-domain trial 8 E) */
			continue;
		pixman_box32_t f;
		scene_frame_box(s, w, &f);
		if (x < f.x1 || y < f.y1 || x >= f.x2 || y >= f.y2)
			continue;
		*in_content = x >= w->x && y >= w->y && x < w->x + (int32_t)w->w &&
			      y < w->y + (int32_t)w->h;
		return w;
	}
	*in_content = false;
	return NULL;
}

/* The window the pointer's events go to: the grab's while a button is
 * down, else the one whose content is under (x, y). */
static struct window *target_at(struct server *srv, int32_t x, int32_t y, bool *in_content,
				struct window **grab)
{
	struct window *w = pointer_window_at(srv, x, y, in_content);
	*grab = target_window(input_pointer_grab(srv->input));
	if (*grab) {
		*in_content = true;
		return *grab;
	}
	return w;
}

void pointer_motion(struct server *srv, struct window **hover, int32_t x, int32_t y)
{
	bool in_content;
	struct window *grab;
	if (grab_motion(srv, x, y)) /* a window being moved or resized */
		return;
	if (tray_area_over(srv, x, y)) { /* the daemon's: no window has the pointer there */
		if (hover && *hover && !input_pointer_grab(srv->input)) {
			input_crossing(srv->input, window_target(*hover), false, x - (*hover)->x,
				       y - (*hover)->y, input_mods(srv->input));
			*hover = NULL;
		}
		return;
	}
	struct window *w = target_at(srv, x, y, &in_content, &grab);
	struct window *now = w && in_content ? w : NULL;
	uint32_t mods = input_mods(srv->input);
	if (hover && !grab && now != *hover) {
		if (*hover)
			input_crossing(srv->input, window_target(*hover), false, x - (*hover)->x,
				       y - (*hover)->y, mods);
		if (now)
			input_crossing(srv->input, window_target(now), true, x - now->x, y - now->y,
				       mods);
		*hover = now;
	}
	if (now)
		input_motion(srv->input, window_target(now), x - now->x, y - now->y, mods);
}

void pointer_button(struct server *srv, int32_t x, int32_t y, uint32_t button, bool pressed)
{
	bool in_content;
	struct window *grab;
	if (grab_button(srv, x, y, button, pressed)) /* the daemon's drag */
		return;
	if (tray_area_button(srv, x, y, button, pressed)) /* its icons, its notification */
		return;
	struct window *w = target_at(srv, x, y, &in_content, &grab);
	/* a window just shown over another domain's takes no click (clickguard.h) */
	if (clickguard_button(srv, pressed && grab ? NULL : w, x, y, button, pressed))
		return;
	/* click to focus: the user's click is what moves focus between domains
	 * (not the wheel's: a domain's popup shown under a scrolling pointer
	 * took the keys so; review 8 #3) */
	if (w && !grab && pressed && (button < 4 || button > 7)) {
		focus_user_chose(srv, w);
		/* the title bar, its close box, Super+drag: the daemon's (grab.h) */
		if (grab_press(srv, w, in_content, x, y, button))
			return;
	}
	if (!w || !in_content)
		return;
	input_pointer_button(srv->input, window_target(w), button, pressed, x - w->x, y - w->y,
			     input_mods(srv->input));
}

uint32_t pointer_shape(struct server *srv, int32_t x, int32_t y)
{
	bool in_content;
	struct window *grab, *f = server_focus(srv);
	if (srv->grab.kind != GRAB_NONE || tray_area_over(srv, x, y))
		return VP_CURSOR_DEFAULT;
	struct window *w = target_at(srv, x, y, &in_content, &grab);
	if (!w || !in_content || (w->dom->cfg->pointer_privacy && (!f || f->dom != w->dom)))
		return VP_CURSOR_DEFAULT;
	return w->cursor;
}
