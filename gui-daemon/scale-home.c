/* A window's place before the domains' scale changed (scale-home.h). */
#include "scale-home.h"

#include "domain.h"
#include "scene.h"
#include "server.h"
#include "window.h"

void scale_home_changed(struct server *srv, unsigned old)
{
	uint64_t now = now_ms();
	struct list *pos, *tmp;
	list_each(pos, tmp, &srv->scene.stack)
	{
		struct window *win = list_item(pos, struct window, stack_link);
		if (win->as_popup)
			continue;
		if (win->home_back_ms || !win->mapped) /* back before, or hidden: none */
			win->home_scale = 0, win->home_back_ms = 0;
		if (!win->mapped)
			continue;
		if (win->home_scale == srv->scene.scale) {
			win->home_back_ms = now; /* back: at the guest's answer */
		} else if (!win->home_scale) {
			win->home = (struct vp_rect){ win->x, win->y, win->w, win->h };
			win->home_scale = old;
			win->home_back_ms = 0;
		}
	}
}

void scale_home_configured(struct window *win)
{
	if (!win->home_back_ms || now_ms() - win->home_back_ms > SCALE_HOME_MS ||
	    win->home_scale != win->dom->srv->scene.scale)
		return;
	/* each answer until then: Firefox resizes in two steps (new-user
	 * trial 8: its height was halved after the first was answered) */
	struct vp_rect h = win->home;
	window_set_geometry(win, h.x, h.y, h.w, h.h);
}
