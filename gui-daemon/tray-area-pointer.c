/* The pointer over the daemon's own tray area: its icons' slots and the
 * domain notification it draws (tray-area.h). */
#include "tray-area.h"

#include "decorations/deco-notice.h"
#include "gui-daemon/clickguard.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/notify.h"
#include "input/input.h"

/* Where an icon whose left is ox is shown (its top TRAY_BORDER). */
static struct vp_rect shown_at(const struct tray_area *t, int32_t ox)
{
	uint32_t in = (uint32_t)(t->slot - 2 * TRAY_BORDER);
	return (struct vp_rect){ ox, TRAY_BORDER, in, in };
}

/* What of t is at (px, py): an icon (its pixel in *ix, *iy; *ox: its left
 * on the screen, its top TRAY_BORDER), or only a slot (*found NULL: its
 * border); false: no slot. */
static bool slot_at(struct tray_area *t, int32_t px, int32_t py, struct tray_icon **found,
		    int32_t *ix, int32_t *iy, int32_t *ox)
{
	int32_t in = t->slot - 2 * TRAY_BORDER, x = (int32_t)t->srv->scene.width;
	*found = NULL;
	if (py < 0 || py >= t->slot)
		return false;
	for (unsigned p = 0; p < t->nplaces; p++) {
		struct tray_icon *icon = t->place[p];
		if ((x -= t->slot) < 0 || px < x || px >= x + t->slot)
			continue;
		/* an empty place a gone icon held: no one's (review of
		 * 2026-12-03: the click went to the window under it) */
		if (!icon || px < x + TRAY_BORDER || px >= x + TRAY_BORDER + in ||
		    py < TRAY_BORDER || py >= TRAY_BORDER + in)
			return true; /* its border */
		*ix = (px - x - TRAY_BORDER) * (int32_t)icon->w / in;
		*iy = (py - TRAY_BORDER) * (int32_t)icon->h / in;
		*ox = x + TRAY_BORDER;
		*found = icon;
		return true;
	}
	return false;
}

static bool on_notice(struct tray_area *t, int32_t x, int32_t y)
{
	return tray_area_notice_shown(t) && x >= t->box.x1 && x < t->box.x2 && y >= t->box.y1 &&
	       y < t->box.y2;
}

bool tray_area_over(struct server *srv, int32_t x, int32_t y)
{
	struct tray_area *t = srv->tray_area;
	struct tray_icon *icon;
	int32_t ix, iy, ox;
	return t && (slot_at(t, x, y, &icon, &ix, &iy, &ox) || on_notice(t, x, y));
}

/* The icon a held button was pressed on, if it is still shown. */
static bool held_icon(struct tray_area *t, struct tray_icon **found)
{
	for (int d = 0; d < t->srv->ndomains; d++)
		for (unsigned i = 0; i < TRAY_PER_DOMAIN && t->srv->domains[d] == t->held_dom;
		     i++) {
			struct tray_icon *icon = t->srv->domains[d]->tray.icons[i];
			if (icon && icon->id == t->held_id) {
				*found = icon;
				return true;
			}
		}
	return false;
}

/* A press on the notification within CLICK_GUARD_MS of its showing (or of
 * another's in its place) is taken, as the click guard takes one on a
 * window just shown (clickguard.h): nobody reacts that fast, the user aimed
 * at what was there (hostile-domain trial 14 #2: a notification shown 0.3 s
 * before a click on bank's window under it took the click as the user's
 * choice of its action). It is neither its action nor a dismissal, and
 * goes to no window; the user is told, once for each notification. */
static void guard_take(struct tray_area *t)
{
	if (t->guard_told)
		return;
	t->guard_told = true;
	clickguard_notice(t->srv, t->domain, "notification");
	vlog("domain %s: a click on its notification, shown %llu ms before, was taken: it went "
	     "to no window",
	     t->domain, (unsigned long long)(now_ms() - t->shown_ms));
}

bool tray_area_button(struct server *srv, int32_t x, int32_t y, uint32_t button, bool pressed)
{
	struct tray_area *t = srv->tray_area;
	struct tray_icon *icon;
	int32_t ix = 0, iy = 0, ox = 0;
	uint32_t bit = button < 32 ? 1u << button : 0;
	if (!t)
		return false;
	if (!pressed && (t->held & bit)) {
		t->held &= ~bit;
		if (!held_icon(t, &icon))
			return true;
		if (!slot_at(t, x, y, &icon, &ix, &iy, &ox) || !icon || icon->id != t->held_id ||
		    icon->dom != t->held_dom)
			held_icon(t, &icon), ix = iy = -1; /* tray_user_button: its middle */
		struct vp_rect at = shown_at(t, ox);
		tray_user_button(icon, button, false, ix, iy, &at, input_mods(srv->input));
		return true;
	}
	bool slot = slot_at(t, x, y, &icon, &ix, &iy, &ox);
	if (!slot && !on_notice(t, x, y))
		return false;
	if (!pressed && input_pointer_grab(srv->input))
		return false; /* the end of a window's click: its own */
	bool wheel = button >= 4 && button <= 7;
	if (pressed) {
		t->held |= bit;
		t->held_dom = icon ? icon->dom : NULL;
		t->held_id = icon ? icon->id : 0;
		if (!icon && !wheel) /* a notification, a slot's edge */
			tray_user_pressed(srv, TRAY_ELSEWHERE, 0);
	}
	if (!slot && pressed && t->note && now_ms() - t->shown_ms < CLICK_GUARD_MS) {
		guard_take(t); /* the click guard's: aimed at what was there */
		return true;
	}
	struct vp_rect at = shown_at(t, ox);
	if (icon)
		tray_user_button(icon, button, pressed, ix, iy, &at, input_mods(srv->input));
	else if (!slot && pressed && t->note) {
		struct deco_buttons btn;
		unsigned action[DECO_DNOTICE_BUTTONS];
		tray_area_note_buttons(t->note, &btn, action);
		int k = deco_dnotice_button_at(&t->box, &btn, x, y);
		/* that action, or its default one; taken down (tray_area_close) */
		notify_user_click(t->note, k >= 0 ? (int)action[k] : -1);
	} else if (!slot && pressed)
		tray_area_take_down(t);
	return true;
}
