/*
 * The core's side of the input router (input/input.h): what the router may
 * do to domains, windows and the scene. The router names a window by a
 * struct input_target pointer, which is the struct window itself
 * (window_target / target_window in server.h).
 */
#include "server.h"

#include "backend.h"

#include "domain.h"
#include "focus.h"
#include "grab.h"
#include "switcher.h"
#include "tray.h"
#include "input/input.h"

static struct server *server_of(void *core)
{
	return core;
}

static void core_send(void *core, struct input_target *t, struct vp_msg *m)
{
	struct window *win = target_window(t);
	if (m->type == VP_KEYSYM && win->dom->agent_minor < VP_MINOR_KEYSYM)
		return; /* an older agent would take it for a violation */
	m->window = m->type == VP_KEYMAP ? 0 : win->id;
	if (m->type == VP_KEY && m->u.key.pressed) /* typing: a tray press chooses no more */
		tray_user_pressed(server_of(core), TRAY_ELSEWHERE, 0);
	domain_send(win->dom, m);
}

/* Pointer privacy: such a domain sees the pointer only while focused. */
static bool core_may_see_pointer(void *core, struct input_target *t)
{
	struct window *win = target_window(t), *f = server_focus(server_of(core));
	return !win->dom->cfg->pointer_privacy || (f && f->dom == win->dom);
}

/* The window after from in Alt+Tab's order (switcher_order), wrapping. */
static struct input_target *core_next_window(void *core, struct input_target *from)
{
	struct window *all[256], *f = target_window(from);
	int n = switcher_order(server_of(core), all, 256), i = 0;
	while (i < n && all[i] != f)
		i++;
	return n ? window_target(all[i < n ? (i + 1) % n : 0]) : NULL;
}

static void core_raise(void *core, struct input_target *t)
{
	scene_raise(&server_of(core)->scene, target_window(t));
	switcher_chosen(server_of(core), target_window(t)); /* (Alt+Tab's end) */
}

static void core_cut_off(void *core, struct input_target *t)
{
	struct domain *d = target_window(t)->dom;
	vlog("domain %s: cut off by the user (emergency hotkey); "
	     "`vitrinectl unblock %s` lets it back",
	     d->cfg->name, d->cfg->name);
	server_notice(server_of(core), "%s cut off; vitrinectl unblock %s lets it back",
		      d->cfg->name, d->cfg->name);
	d->blocked = true;
	focus_cut_off(server_of(core));
	domain_disconnect(d, NULL);
}

static void core_copy(void *core, struct input_target *focus)
{
	clipboard_copy(server_of(core), target_window(focus)->dom);
}

static void core_paste(void *core, struct input_target *focus)
{
	clipboard_paste(server_of(core), target_window(focus)->dom);
}

static void core_focus_changed(void *core, struct input_target *focus)
{
	struct window *f = target_window(focus);
	if (!f)
		focus_none(server_of(core));
	else if (!input_cycled(server_of(core)->input)) /* (Alt+Tab's: at its end) */
		switcher_chosen(server_of(core), f);
	if (!server_of(core)->cfg.verbose)
		return;
	if (f)
		vlog("focus: domain %s window %u", f->dom->cfg->name, f->id);
	else
		vlog("focus: none");
}

static void core_switch_vt(void *core, unsigned vt)
{
	struct backend *b = server_of(core)->backend;
	if (b && (b->ops->caps & BACKEND_CAP_VT) && b->ops->switch_vt)
		b->ops->switch_vt(b, vt);
}

static void core_move(void *core, struct input_target *t, int32_t dx, int32_t dy, bool resize)
{
	grab_key(server_of(core), target_window(t), dx, dy, resize);
}

const struct input_core_ops server_input_ops = {
	.send = core_send,
	.may_see_pointer = core_may_see_pointer,
	.next_window = core_next_window,
	.raise = core_raise,
	.cut_off = core_cut_off,
	.copy = core_copy,
	.paste = core_paste,
	.focus_changed = core_focus_changed,
	.switch_vt = core_switch_vt,
	.move = core_move,
};

void server_keymap_changed(struct server *srv, struct xkb_keymap *keymap,
			   const char *const names[5])
{
	if (!input_set_keymap(srv->input, keymap, names))
		return;
	vlog("keyboard: the desktop's layout is now %s;%s;%s;%s;%s", names[0], names[1], names[2],
	     names[3], names[4]);
	for (int i = 0; i < srv->ndomains; i++) {
		struct domain *d = srv->domains[i];
		if (d->hello_done) /* connected, past its HELLO */
			domain_send(d, input_layout(srv->input, &(struct vp_msg){ 0 }));
	}
}

struct window *server_focus(struct server *srv)
{
	return target_window(input_focused(srv->input));
}
