/*
 * The domain's system tray (the freedesktop System Tray protocol, XEmbed):
 * the agent owns _NET_SYSTEM_TRAY_S<screen>, says so to the root (MANAGER),
 * and answers SYSTEM_TRAY_REQUEST_DOCK by reparenting the icon's window
 * into an embedder of its own (XEMBED_EMBEDDED_NOTIFY). The embedders are
 * children of one tray window of the agent's, mapped at the bottom right of
 * the domain's screen and never announced to the daemon; it is redirected
 * like every top-level window, so an icon's pixels are read from it
 * (GetImage) after DAMAGE, and sent as TRAY_ICON (at most TRAY_MAX icons of
 * TRAY_SIDE a side; the daemon counts the same quota) when they changed,
 * with TRAY_TITLE, the icon's name. TRAY_BUTTON from the daemon is a click
 * or scroll injected with XTEST on the embedder (the tray window raised
 * first; after a release the pointer leaves it, as it leaves a window, so
 * that the icon shows no tooltip in the domain). TRAY_PLACE before a press
 * says where the icon is on the user's screen: the tray window moves there
 * (the icon to the column under it), so that a menu its application opens
 * at the icon or the pointer comes up beside the icon, not at the corner
 * (new-user trial 10 #6); it goes below every window after the release, so
 * that it takes none of their clicks. An icon whose window is destroyed or leaves its
 * embedder goes (TRAY_ICON of 0x0); the icons' windows are in the agent's
 * save-set, so that an agent that ends leaves them to their applications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xcb/xtest.h>

#include "agent.h"

#define TRAY_SIDE 24
#define TRAY_MAX 8
#define EMBEDDED_NOTIFY 0
#define REQUEST_DOCK 0

struct tray_slot {
	xcb_window_t embedder, icon; /* icon 0: free */
	unsigned col;		     /* its place in the tray window: col * TRAY_SIDE */
	uint32_t *sent;		     /* the pixels the daemon has, or NULL */
	bool titled;		     /* TRAY_TITLE sent on this connection */
};

struct tray {
	xcb_window_t win; /* owner of the selection, parent of the embedders */
	xcb_atom_t selection, opcode, manager, xembed, xembed_info, wm_class;
	xcb_damage_damage_t damage;
	bool dirty;
	int16_t x, y;
	struct tray_slot slot[TRAY_MAX];
};

bool tray_owns(struct agent *a, xcb_window_t id)
{
	return a->tray && id == a->tray->win;
}

bool tray_covers(struct agent *a, int32_t x, int32_t y)
{
	struct tray *t = a->tray;
	return t && x >= t->x && y >= t->y && x < t->x + TRAY_MAX * TRAY_SIDE &&
	       y < t->y + TRAY_SIDE;
}

void tray_init(struct agent *a, int screen)
{
	struct tray *t = calloc(1, sizeof(*t));
	if (!t)
		return;
	char sel[40];
	snprintf(sel, sizeof(sel), "_NET_SYSTEM_TRAY_S%d", screen);
	t->selection = agent_intern(a, sel);
	t->opcode = agent_intern(a, "_NET_SYSTEM_TRAY_OPCODE");
	t->manager = agent_intern(a, "MANAGER");
	t->xembed = agent_intern(a, "_XEMBED");
	t->xembed_info = agent_intern(a, "_XEMBED_INFO");
	t->x = (int16_t)(a->screen->width_in_pixels - TRAY_MAX * TRAY_SIDE);
	t->y = (int16_t)(a->screen->height_in_pixels - TRAY_SIDE);
	t->win = xcb_generate_id(a->xc);
	a->tray = t; /* before the window exists: its CreateNotify is ours */
	uint32_t v[] = { 0x303030, 1, XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY };
	xcb_create_window(a->xc, XCB_COPY_FROM_PARENT, t->win, a->root, t->x, t->y,
			  TRAY_MAX * TRAY_SIDE, TRAY_SIDE, 0, XCB_WINDOW_CLASS_INPUT_OUTPUT,
			  XCB_COPY_FROM_PARENT,
			  XCB_CW_BACK_PIXEL | XCB_CW_OVERRIDE_REDIRECT | XCB_CW_EVENT_MASK, v);
	uint32_t orient = 0; /* horizontal */
	xcb_change_property(a->xc, XCB_PROP_MODE_REPLACE, t->win,
			    agent_intern(a, "_NET_SYSTEM_TRAY_ORIENTATION"), XCB_ATOM_CARDINAL, 32,
			    1, &orient);
	xcb_map_window(a->xc, t->win);
	t->damage = xcb_generate_id(a->xc);
	xcb_damage_create(a->xc, t->damage, t->win, XCB_DAMAGE_REPORT_LEVEL_NON_EMPTY);
	xcb_set_selection_owner(a->xc, t->win, t->selection, XCB_CURRENT_TIME);
	xcb_get_selection_owner_reply_t *o = xcb_get_selection_owner_reply(
		a->xc, xcb_get_selection_owner(a->xc, t->selection), NULL);
	bool ours = o && o->owner == t->win;
	free(o);
	if (!ours) {
		fprintf(stderr, "vitrine-agent: another system tray owns %s: no tray icons\n", sel);
		return;
	}
	xcb_client_message_event_t ev = { .response_type = XCB_CLIENT_MESSAGE,
					  .format = 32,
					  .window = a->root,
					  .type = t->manager };
	ev.data.data32[0] = XCB_CURRENT_TIME;
	ev.data.data32[1] = t->selection;
	ev.data.data32[2] = t->win;
	xcb_send_event(a->xc, 0, a->root, XCB_EVENT_MASK_STRUCTURE_NOTIFY, (const char *)&ev);
}

static void send_gone(struct agent *a, struct tray_slot *s)
{
	struct vp_msg m = { .type = VP_TRAY_ICON, .window = s->embedder };
	agent_send(a, &m, -1);
}

static void free_slot(struct agent *a, struct tray_slot *s)
{
	if (s->sent)
		send_gone(a, s);
	xcb_destroy_window(a->xc, s->embedder);
	free(s->sent);
	memset(s, 0, sizeof(*s));
}

static void dock(struct agent *a, xcb_window_t icon)
{
	struct tray *t = a->tray;
	struct tray_slot *s = NULL;
	for (unsigned i = 0; i < TRAY_MAX; i++) {
		if (t->slot[i].icon == icon)
			return; /* docked already */
		if (!s && !t->slot[i].icon)
			s = &t->slot[i];
	}
	if (!s) {
		fprintf(stderr, "vitrine-agent: tray full (%u icons): window 0x%x not docked\n",
			TRAY_MAX, icon);
		return;
	}
	/* the first column no icon is in */
	bool used[TRAY_MAX] = { false };
	for (unsigned i = 0; i < TRAY_MAX; i++)
		if (t->slot[i].icon)
			used[t->slot[i].col] = true;
	s->col = 0;
	while (used[s->col])
		s->col++;
	int16_t x = (int16_t)(s->col * TRAY_SIDE);
	s->icon = icon;
	s->embedder = xcb_generate_id(a->xc);
	uint32_t v[] = { 0x303030, XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY };
	xcb_create_window(a->xc, XCB_COPY_FROM_PARENT, s->embedder, t->win, x, 0, TRAY_SIDE,
			  TRAY_SIDE, 0, XCB_WINDOW_CLASS_INPUT_OUTPUT, XCB_COPY_FROM_PARENT,
			  XCB_CW_BACK_PIXEL | XCB_CW_EVENT_MASK, v);
	xcb_map_window(a->xc, s->embedder);
	/* in the save-set: when the agent ends (or dies), the icon's window
	 * goes back to the root instead of being destroyed with the embedder,
	 * and its application docks it again into the next tray (XEmbed) */
	xcb_change_save_set(a->xc, XCB_SET_MODE_INSERT, icon);
	xcb_reparent_window(a->xc, icon, s->embedder, 0, 0);
	uint32_t size[] = { TRAY_SIDE, TRAY_SIDE };
	xcb_configure_window(a->xc, icon, XCB_CONFIG_WINDOW_WIDTH | XCB_CONFIG_WINDOW_HEIGHT, size);
	xcb_map_window(a->xc, icon);
	xcb_client_message_event_t ev = {
		.response_type = XCB_CLIENT_MESSAGE, .format = 32, .window = icon, .type = t->xembed
	};
	ev.data.data32[0] = XCB_CURRENT_TIME;
	ev.data.data32[1] = EMBEDDED_NOTIFY;
	ev.data.data32[3] = s->embedder;
	xcb_send_event(a->xc, 0, icon, XCB_EVENT_MASK_NO_EVENT, (const char *)&ev);
	t->dirty = true;
	a->dirty = true;
}

bool tray_client_message(struct agent *a, xcb_client_message_event_t *e)
{
	struct tray *t = a->tray;
	if (!t || e->window != t->win || e->type != t->opcode || e->format != 32)
		return false;
	if (e->data.data32[1] == REQUEST_DOCK && e->data.data32[2])
		dock(a, e->data.data32[2]);
	return true;
}

/* An icon's window moved or resized in its embedder (GTK's status icon
 * sizes itself to its 16x16 icon after the dock): back to fill it, so that
 * the application draws its icon at the tray's size (new-user trial 16 #5:
 * a 16x16 icon in the corner of its 24x24 slot, shrunk with it on the
 * desktop). */
bool tray_icon_configured(struct agent *a, const xcb_configure_notify_event_t *e)
{
	struct tray *t = a->tray;
	for (unsigned i = 0; t && i < TRAY_MAX; i++)
		if (t->slot[i].icon && t->slot[i].icon == e->window) {
			if (e->x || e->y || e->width != TRAY_SIDE || e->height != TRAY_SIDE) {
				uint32_t g[] = { 0, 0, TRAY_SIDE, TRAY_SIDE };
				xcb_configure_window(a->xc, e->window,
						     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y |
							     XCB_CONFIG_WINDOW_WIDTH |
							     XCB_CONFIG_WINDOW_HEIGHT,
						     g);
			}
			return true;
		}
	return false;
}

/* The icon's window left (destroyed, reparented away, unmapped for good). */
bool tray_window_gone(struct agent *a, xcb_window_t id, xcb_window_t parent)
{
	struct tray *t = a->tray;
	if (!t)
		return false;
	for (unsigned i = 0; i < TRAY_MAX; i++)
		if (t->slot[i].icon && t->slot[i].icon == id && parent != t->slot[i].embedder) {
			free_slot(a, &t->slot[i]);
			return true;
		}
	return false;
}

bool tray_damage(struct agent *a, xcb_window_t drawable)
{
	struct tray *t = a->tray;
	if (!t || drawable != t->win)
		return false;
	t->dirty = true;
	return true;
}

static void send_title(struct agent *a, struct tray_slot *s)
{
	xcb_get_property_cookie_t c[3] = {
		xcb_get_property(a->xc, 0, s->icon, a->atoms.net_wm_name, a->atoms.utf8_string, 0,
				 64),
		xcb_get_property(a->xc, 0, s->icon, XCB_ATOM_WM_NAME, XCB_ATOM_STRING, 0, 64),
		xcb_get_property(a->xc, 0, s->icon, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING, 0, 64),
	};
	struct vp_msg m = { .type = VP_TRAY_TITLE, .window = s->embedder };
	uint8_t buf[256];
	for (int i = 0; i < 3; i++) {
		xcb_get_property_reply_t *r = xcb_get_property_reply(a->xc, c[i], NULL);
		int len = r ? xcb_get_property_value_length(r) : 0;
		if (len > 0 && !m.u.title.len) {
			const uint8_t *p = xcb_get_property_value(r);
			size_t n = (size_t)len;
			if (i == 2) { /* WM_CLASS: the class, after the instance */
				size_t k = strnlen((const char *)p, n);
				p += k < n ? k + 1 : 0;
				n = k < n ? strnlen((const char *)p, n - k - 1) : n;
			}
			n = utf8_cut(p, n, sizeof(buf));
			memcpy(buf, p, n);
			m.u.title = (struct vp_string){ (uint32_t)n, buf };
		}
		free(r);
	}
	agent_send(a, &m, -1);
	s->titled = true;
}

static void read_icon(struct agent *a, struct tray_slot *s)
{
	xcb_get_image_reply_t *r =
		xcb_get_image_reply(a->xc,
				    xcb_get_image(a->xc, XCB_IMAGE_FORMAT_Z_PIXMAP, s->embedder, 0,
						  0, TRAY_SIDE, TRAY_SIDE, ~0u),
				    NULL);
	if (!r || xcb_get_image_data_length(r) < TRAY_SIDE * TRAY_SIDE * 4) {
		free(r);
		return;
	}
	uint32_t px[TRAY_SIDE * TRAY_SIDE];
	memcpy(px, xcb_get_image_data(r), sizeof(px));
	free(r);
	for (unsigned i = 0; i < TRAY_SIDE * TRAY_SIDE; i++)
		px[i] |= 0xff000000u; /* depth 24: opaque */
	if (s->sent && !memcmp(s->sent, px, sizeof(px)))
		return;
	if (!s->sent && !(s->sent = malloc(sizeof(px))))
		return;
	memcpy(s->sent, px, sizeof(px));
	struct vp_msg m = { .type = VP_TRAY_ICON, .window = s->embedder };
	m.u.icon = (struct vp_icon){ TRAY_SIDE, TRAY_SIDE, (const uint8_t *)s->sent };
	agent_send(a, &m, -1);
	if (!s->titled)
		send_title(a, s);
}

void tray_flush(struct agent *a)
{
	struct tray *t = a->tray;
	if (!t || !t->dirty || !a->ready)
		return;
	t->dirty = false;
	xcb_damage_subtract(a->xc, t->damage, XCB_NONE, XCB_NONE);
	for (unsigned i = 0; i < TRAY_MAX; i++)
		if (t->slot[i].icon)
			read_icon(a, &t->slot[i]);
}

/* A new connection: every icon is sent again. */
void tray_resync(struct agent *a)
{
	struct tray *t = a->tray;
	if (!t)
		return;
	for (unsigned i = 0; i < TRAY_MAX; i++) {
		free(t->slot[i].sent);
		t->slot[i].sent = NULL;
		t->slot[i].titled = false;
	}
	t->dirty = true;
}

void tray_button(struct agent *a, const struct vp_msg *m)
{
	struct tray *t = a->tray;
	if (!t || !a->xtest)
		return;
	for (unsigned i = 0; i < TRAY_MAX; i++) {
		struct tray_slot *s = &t->slot[i];
		if (!s->icon || s->embedder != m->window)
			continue;
		const struct vp_button *b = &m->u.button; /* x, y: in the icon's pixels */
		int32_t x = b->x >= 0 && b->x < TRAY_SIDE ? b->x : TRAY_SIDE / 2;
		int32_t y = b->y >= 0 && b->y < TRAY_SIDE ? b->y : TRAY_SIDE / 2;
		if (b->pressed) {
			uint32_t v = XCB_STACK_MODE_ABOVE;
			xcb_configure_window(a->xc, t->win, XCB_CONFIG_WINDOW_STACK_MODE, &v);
		}
		keyboard_sync_mods(a, b->state, 0);
		xcb_test_fake_input(a->xc, XCB_MOTION_NOTIFY, 0, XCB_CURRENT_TIME, a->root,
				    (int16_t)(t->x + (int32_t)s->col * TRAY_SIDE + x),
				    (int16_t)(t->y + y), 0);
		xcb_test_fake_input(a->xc, b->pressed ? XCB_BUTTON_PRESS : XCB_BUTTON_RELEASE,
				    (uint8_t)b->button, XCB_CURRENT_TIME, XCB_NONE, 0, 0, 0);
		if (!b->pressed) { /* away, so that no tooltip of the icon's shows */
			input_park(a);
			uint32_t v = XCB_STACK_MODE_BELOW;
			xcb_configure_window(a->xc, t->win, XCB_CONFIG_WINDOW_STACK_MODE, &v);
		}
		return;
	}
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void tray_place(struct agent *a, const struct vp_msg *m)
{
	struct tray *t = a->tray;
	struct tray_slot *s = NULL;
	for (unsigned i = 0; t && !s && i < TRAY_MAX; i++)
		if (t->slot[i].icon && t->slot[i].embedder == m->window)
			s = &t->slot[i];
	if (!s)
		return;
	/* the tray window inside the screen (an icon's pixels are read from
	 * it), the icon's column the one under the place if it cannot be
	 * its own (the place near the screen's right edge) */
	int32_t sw = a->screen->width_in_pixels, sh = a->screen->height_in_pixels;
	int32_t ax = clamp(m->u.motion.x, 0, sw - TRAY_SIDE);
	int32_t x = clamp(ax - (int32_t)s->col * TRAY_SIDE, 0, sw - TRAY_MAX * TRAY_SIDE);
	unsigned col = (unsigned)clamp((ax - x + TRAY_SIDE / 2) / TRAY_SIDE, 0, TRAY_MAX - 1);
	if (col != s->col)
		for (unsigned i = 0; i < TRAY_MAX; i++) {
			struct tray_slot *o = &t->slot[i];
			if (o->icon && o->col == col) { /* they change places */
				o->col = s->col;
				uint32_t ox = o->col * TRAY_SIDE;
				xcb_configure_window(a->xc, o->embedder, XCB_CONFIG_WINDOW_X, &ox);
			}
		}
	s->col = col;
	uint32_t sx = col * TRAY_SIDE;
	xcb_configure_window(a->xc, s->embedder, XCB_CONFIG_WINDOW_X, &sx);
	t->x = (int16_t)clamp(ax - (int32_t)col * TRAY_SIDE, 0, sw - TRAY_MAX * TRAY_SIDE);
	t->y = (int16_t)clamp(m->u.motion.y, 0, sh - TRAY_SIDE);
	uint32_t v[] = { (uint32_t)t->x, (uint32_t)t->y };
	xcb_configure_window(a->xc, t->win, XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y, v);
}

void tray_finish(struct agent *a)
{
	struct tray *t = a->tray;
	if (!t)
		return;
	for (unsigned i = 0; i < TRAY_MAX; i++)
		free(t->slot[i].sent);
	free(t);
	a->tray = NULL;
}
