/*
 * Applying a domain's messages to the domain model and the scene. Each
 * message arrives decoded and range-checked by vp_decode; what is checked
 * here is state: does the window exist, is this allowed now, does it fit the
 * quota. No socket I/O happens here (replies are queued), so this runs the
 * same under the fuzzer as in the daemon.
 */
#include "domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "dbuf.h"
#include "decorations/deco.h"
#include "input/input.h"
#include "desktop.h"
#include "monitors.h"
#include "pace.h"
#include "policy.h"
#include "props.h"
#include "scale-home.h"
#include "sync.h"

/* The version is checked before anything is sent back: a HELLO we cannot
 * speak gets no WELCOME and no layout, only the cut-off. */
static const char *handle_hello(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	uint16_t untrusted_major = m->u.hello.major;
	if (untrusted_major != VP_MAJOR) {
		static char why[80];
		snprintf(why, sizeof(why),
			 "protocol major version %u not supported (daemon speaks %u)",
			 untrusted_major, VP_MAJOR);
		return why;
	}
	d->hello_done = true;
	d->agent_minor = m->u.hello.minor;
	struct vp_msg w = { .type = VP_WELCOME };
	w.u.welcome = (struct vp_welcome){ VP_MAJOR, VP_MINOR, d->srv->scene.width,
					   d->srv->scene.height };
	domain_send(d, &w);
	domain_send(d, input_layout(d->srv->input, &(struct vp_msg){ 0 }));
	monitors_send(d);
	return NULL;
}

static const char *handle_create(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win; /* none yet: the id is new */
	const struct vp_create *c = &m->u.create;
	if (domain_find_window(d, m->window))
		return "window id already exists";
	if (d->nwindows >= d->cfg->quota.windows) {
		/* Refused, not fatal: later messages for this id are ignored. */
		if (d->nrefused == DOMAIN_REFUSED_MAX)
			return "too many windows refused at the window quota";
		if (d->nrefused == d->refused_cap) {
			unsigned cap = d->refused_cap ? 2 * d->refused_cap : 16;
			uint32_t *r = realloc(d->refused, cap * sizeof(*r));
			if (!r)
				return "out of memory";
			d->refused = r;
			d->refused_cap = cap;
		}
		domain_log(d, RL_WINDOW_QUOTA, "window quota (%u) reached; window %u refused",
			   d->cfg->quota.windows, m->window);
		d->refused[d->nrefused++] = m->window;
		return NULL;
	}
	uint32_t guest_tf = c->transient_for;
	/* transient-for only within the same domain */
	uint32_t tf = guest_tf && domain_find_window(d, guest_tf) ? guest_tf : 0;
	struct window *w =
		window_create(d, m->window, &c->r, c->flags & VP_WIN_OVERRIDE_REDIRECT, tf);
	if (!w)
		return "out of memory";
	w->returned = domain_returning(d, m->window, c->r.x, c->r.y);
	return NULL;
}

static const char *handle_buffer(struct domain *d, struct window *win, const struct vp_msg *m)
{
	const struct vp_buffer *b = &m->u.buffer;
	int fd = -1;
	if (vp_msg_fds(m)) {
		if (d->st.msg_fds == 0 && d->dropped_fds > 0) {
			/* its descriptor was lost to our full table: refused, as
			 * at the buffer quota, not the domain's fault */
			d->dropped_fds--;
			window_release(win, b->serial);
			return NULL;
		}
		if ((fd = domain_take_fd(d)) < 0)
			return d->st.nfds ? "BUFFER's file descriptor came with a later message"
					  : "BUFFER without a file descriptor";
	}
	uint64_t need = vp_buffer_bytes(b); /* an X2 buffer's two frames */
	uint64_t after = d->buffer_bytes - (win->buf.ops ? win->buf.size : 0) + need;
	if (after > d->cfg->quota.buffer_bytes) {
		if (fd >= 0)
			close(fd);
		domain_log(d, RL_BUFFER_QUOTA,
			   "buffer quota reached; window %u keeps its old buffer", win->id);
		window_release(win, b->serial);
		return NULL;
	}
	struct vshm_map map;
	const char *why = NULL;
	int rc = vshm_map_domain(&map, b, fd, d->cfg->xen_domid, &why);
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		return why;
	window_set_buffer(win, &map);
	return NULL;
}

static void handle_damage(struct window *win, const struct vp_rect *r)
{
	if (!win->buf.ops)
		return; /* nothing to show yet */
	/* Clip to the buffer and to the content; all in 64 bits (x + w may
	 * overflow 32). */
	int64_t x2 = (int64_t)r->x + r->w, y2 = (int64_t)r->y + r->h;
	int64_t wmax = win->buf.width < win->w ? win->buf.width : win->w;
	int64_t hmax = win->buf.height < win->h ? win->buf.height : win->h;
	if (x2 > wmax)
		x2 = wmax;
	if (y2 > hmax)
		y2 = hmax;
	win->has_pixels |= win->buf.frames != 2; /* two frames: at the PRESENT (dbuf.c) */
	if (x2 <= r->x || y2 <= r->y || !win->mapped) {
		win->damage_count++;
		return;
	}
	/* coalesced, painted at its turn (pace.h) */
	dbuf_damage(win, r->x, r->y, (uint32_t)(x2 - r->x), (uint32_t)(y2 - r->y));
}

static void set_title(struct domain *d, struct window *win, const struct vp_string *t)
{
	char title[TITLE_MAX];
	vp_sanitize_title(t->bytes, t->len, d->cfg->utf8_titles, title, sizeof(title));
	if (!strcmp(title, win->title))
		return; /* nothing to tell the output (props.h) */
	memcpy(win->title, title, sizeof(title));
	if (win->mapped)
		scene_damage_box(&d->srv->scene, win->x,
				 win->y - scene_titlebar(&d->srv->scene, win), win->w,
				 (uint32_t)scene_titlebar(&d->srv->scene, win));
	props_changed(win, WIN_CHANGED_TITLE);
}

static void set_class(struct domain *d, struct window *win, const struct vp_class *c)
{
	char name[CLASS_MAX], class_[CLASS_MAX];
	(void)d;
	vp_sanitize_title(c->name.bytes, c->name.len, 0, name, sizeof(name));
	vp_sanitize_title(c->class_.bytes, c->class_.len, 0, class_, sizeof(class_));
	if (!strcmp(name, win->res_name) && !strcmp(class_, win->res_class))
		return;
	memcpy(win->res_name, name, sizeof(name));
	memcpy(win->res_class, class_, sizeof(class_));
	props_changed(win, WIN_CHANGED_TITLE);
}

static void handle_map(struct domain *d, struct window *win, const struct vp_msg *m)
{
	if (win->mapped)
		return;
	policy_guest_popup(win, m->u.map.flags & VP_WIN_OVERRIDE_REDIRECT);
	uint32_t tf = m->u.map.transient_for;
	win->transient_for = tf && domain_find_window(d, tf) ? tf : 0;
	if (policy_map(d->srv, win))
		window_send_geometry(win);
}

static void handle_configure(struct domain *d, struct window *win, const struct vp_msg *m)
{
	policy_guest_popup(win, m->u.configure.flags & VP_WIN_OVERRIDE_REDIRECT);
	const struct vp_rect *r = &m->u.configure.r;
	if (window_stale_echo(win, r))
		return;
	win->guest = *r;
	/* Where the core has it already (the last SET_GEOMETRY's echo, mostly):
	 * nothing to place. Placed again, it pushed the core's clamp of a
	 * window manager's passing state to the desktop, which then kept a
	 * restored window at its maximized size (x11-fullscreen-apps). */
	if (r->x == win->x && r->y == win->y && r->w == win->w && r->h == win->h)
		return;
	if (policy_place(d->srv, win, false) && win->mapped)
		window_send_geometry(win);
	scale_home_configured(win); /* back to the scale it had: its place then */
}

/* Was id refused at the quota? A DESTROY of it forgets it. */
static bool was_refused(struct domain *d, uint32_t id, bool forget)
{
	for (unsigned i = 0; i < d->nrefused; i++)
		if (d->refused[i] == id) {
			if (forget)
				d->refused[i] = d->refused[--d->nrefused];
			return true;
		}
	return false;
}

/* ---- the handlers, one per agent type of the protocol table ---- */

static const char *on_destroy(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d, (void)m;
	window_destroy(win);
	return NULL;
}

static const char *on_map(struct domain *d, struct window *win, const struct vp_msg *m)
{
	handle_map(d, win, m);
	return NULL;
}

static const char *on_unmap(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)m;
	policy_unmap(d->srv, win);
	return NULL;
}

static const char *on_configure(struct domain *d, struct window *win, const struct vp_msg *m)
{
	handle_configure(d, win, m);
	return NULL;
}

static const char *on_damage(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	handle_damage(win, &m->u.damage);
	return NULL;
}

static const char *on_title(struct domain *d, struct window *win, const struct vp_msg *m)
{
	set_title(d, win, &m->u.title);
	return NULL;
}

static const char *on_class(struct domain *d, struct window *win, const struct vp_msg *m)
{
	set_class(d, win, &m->u.cls);
	return NULL;
}

static const char *on_hints(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	if (!memcmp(&win->hints, &m->u.hints, sizeof(win->hints)))
		return NULL;
	win->hints = m->u.hints; /* checked by the decoder (vp_hints_check) */
	props_changed(win, WIN_CHANGED_FLAGS);
	return NULL;
}

static const char *on_wmflags(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	if (win->wmflags != m->u.wmflags)
		window_guest_wish(win, m->u.wmflags);
	return NULL;
}

static const char *on_window_type(struct domain *d, struct window *win, const struct vp_msg *m)
{
	uint32_t untrusted_type = m->u.wintype;
	if (untrusted_type >= VP_WINTYPE_COUNT || untrusted_type == VP_WINTYPE_DOCK ||
	    untrusted_type == VP_WINTYPE_DESKTOP) {
		domain_refuse(d, RL_WINDOW_TYPE,
			      "window %u: window type %s refused; shown as normal", win->id,
			      untrusted_type == VP_WINTYPE_DOCK	     ? "dock"
			      : untrusted_type == VP_WINTYPE_DESKTOP ? "desktop"
								     : "unknown");
		untrusted_type = VP_WINTYPE_NORMAL;
	}
	if (win->wintype == untrusted_type)
		return NULL;
	win->wintype = untrusted_type;
	props_changed(win, WIN_CHANGED_FLAGS);
	return NULL;
}

static const char *on_clipboard_data(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)win;
	clipboard_data(d->srv, d, &m->u.clip);
	return NULL;
}

typedef const char *handler_fn(struct domain *d, struct window *win, const struct vp_msg *m);

/*
 * Indexed by type; a row exactly for each agent -> daemon row of the
 * protocol table (protocol/table.c), which tests/unit/test-handle.c checks.
 * win: the window the message names (NULL for connection messages and
 * CREATE, whose window does not exist yet).
 */
static const struct handler {
	handler_fn *fn;
	bool creates; /* the window must not exist yet */
	bool tray;    /* it names a tray icon, not a window (tray.c finds it) */
} handlers[VP_TYPE_MAX + 1] = {
	[VP_HELLO] = { handle_hello, false },
	[VP_CREATE] = { handle_create, true },
	[VP_DESTROY] = { on_destroy, false },
	[VP_MAP] = { on_map, false },
	[VP_UNMAP] = { on_unmap, false },
	[VP_CONFIGURE] = { on_configure, false },
	[VP_DAMAGE] = { on_damage, false },
	[VP_BUFFER] = { handle_buffer, false },
	[VP_TITLE] = { on_title, false },
	[VP_CLASS] = { on_class, false },
	[VP_HINTS] = { on_hints, false },
	[VP_WMFLAGS] = { on_wmflags, false },
	[VP_CLIPBOARD_DATA] = { on_clipboard_data, false },
	[VP_WINDOW_TYPE] = { on_window_type, false },
	[VP_CURSOR] = { handle_cursor, false },
	[VP_ICON] = { handle_icon, false },
	[VP_TRAY_ICON] = { handle_tray_icon, false, true },
	[VP_TRAY_TITLE] = { handle_tray_title, false, true },
	[VP_NOTIFY] = { handle_notify, false },
	[VP_SYNC_DONE] = { sync_done, false },
	[VP_FRAME] = { dbuf_on_frame, false },
	[VP_PRESENT] = { dbuf_on_present, false },
	[VP_NOTIFY_CLOSE] = { handle_notify_close, false },
	[VP_NOTIFY_ICON] = { handle_notify_icon, false },
};

bool domain_handles(uint32_t type)
{
	return type <= VP_TYPE_MAX && handlers[type].fn;
}

const char *domain_handle_msg(struct domain *d, const struct vp_msg *m)
{
	const char *why = vp_check_order(m->type, d->hello_done);
	if (why)
		return why;
	const struct vp_type_info *t = vp_type_info(m->type);
	if (t->from != VP_FROM_AGENT || !handlers[m->type].fn)
		return "unexpected message type";
	const struct handler *h = &handlers[m->type];
	if (!t->window || h->creates || h->tray)
		return h->fn(d, NULL, m);
	struct window *win = domain_find_window(d, m->window);
	if (!win && was_refused(d, m->window, m->type == VP_DESTROY))
		return NULL; /* domain_feed closes what it brought */
	if (!win)
		return "message for a window that does not exist";
	return h->fn(d, win, m);
}
