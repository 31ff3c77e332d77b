/*
 * Backends show the scene somewhere: headless (an image in memory), the
 * user's X desktop (x11), and in later work DRM/KMS. Each implements this
 * table; the core never includes a backend's own headers and never names a
 * backend (main.c picks one from its table).
 */
#ifndef VITRINE_BACKEND_H
#define VITRINE_BACKEND_H

#include <pixman.h>
#include <stdbool.h>

struct server;
struct backend;
struct window;
struct tray_icon;
struct dnotify;

/* What changed, for window_changed. */
enum {
	WIN_CHANGED_MAP = 1,	  /* mapped, shown, as_popup (policy.h) */
	WIN_CHANGED_GEOMETRY = 2, /* x, y, w, h */
	WIN_CHANGED_TITLE = 4,	  /* title or class */
	WIN_CHANGED_BUFFER = 8,	  /* a new buffer, or none */
	WIN_CHANGED_FLAGS = 16,	  /* hints, wmflags, transient_for */
	WIN_CHANGED_STACK = 32,	  /* raised */
	/* The guest's cursor shape (win->cursor): shown while the pointer is
	 * over the content. x11: the desktop window's cursor; headless: none
	 * (the control socket shows it); drm (later): its cursor plane draws
	 * vp_cursor_name(win->cursor) from the daemon's theme. */
	WIN_CHANGED_CURSOR = 64,
	/* The marked icon (win->icon_argb, icon_image): x11 sets _NET_WM_ICON;
	 * the title bars (deco_draw) draw it, the core damages them. */
	WIN_CHANGED_ICON = 128,
	/* The user chose the window through the daemon (vitrinectl focus, a
	 * click it was given): it has the keys; a desktop's window manager is
	 * asked to show it so (x11: _NET_ACTIVE_WINDOW as a pager asks it),
	 * lest the desktop show another window active while the keys go to
	 * this one (new-user trial). Never sent for what a domain does. */
	WIN_CHANGED_ACTIVE = 256,
};

/* What a backend is, declared in its table (backend_ops.caps); the core
 * asks these, never which backend it is or which hooks it has. */
enum {
	/* Each window is shown on its own (a desktop window per window): the
	 * window hooks do the showing, not repaint. */
	BACKEND_CAP_PER_WINDOW = 1,
	/* A composited image of the whole output exists (output()). */
	BACKEND_CAP_OUTPUT_IMAGE = 2,
	/* A window manager, not the daemon, decorates windows (titles),
	 * stacks them, moves them and gives the focus (x11: the user's). */
	BACKEND_CAP_WM = 4,
	/* It owns the console (drm): Ctrl+Alt+Fn is the router's hotkey, and
	 * the core passes it on with the switch_vt hook. */
	BACKEND_CAP_VT = 8,
};

/*
 * Every hook is mandatory. A backend reports what happened (through the
 * core: window_user_geometry, window_user_close, policy_set_locked, input_*)
 * and shows what the core decided (struct window, policy.h); it decides
 * nothing itself.
 */
struct backend_ops {
	const char *name;
	unsigned caps; /* BACKEND_CAP_* */
	struct backend *(*create)(struct server *srv);
	void (*destroy)(struct backend *b);
	/* After every batch of events: repaint the damaged region of the
	 * scene (it may be empty) and flush. */
	void (*repaint)(struct backend *b, pixman_region32_t *damage);
	/* The composited output (BACKEND_CAP_OUTPUT_IMAGE), else NULL. */
	pixman_image_t *(*output)(struct backend *b);

	/* Called after the window's trusted state changed (what: WIN_CHANGED_*);
	 * damage is in content coordinates, already clipped to buffer and
	 * content. A compositing backend has nothing to do in them: the
	 * scene's damage reaches repaint. */
	void (*window_changed)(struct backend *b, struct window *win, unsigned what);
	void (*window_damaged)(struct backend *b, struct window *win, int32_t x, int32_t y,
			       uint32_t w, uint32_t h);
	void (*window_removed)(struct backend *b, struct window *win);
	/* Show the trusted notice text (replacing the one shown), or hide it
	 * (text NULL). The core decides the text and for how long (notice.c);
	 * the backend draws it in the daemon's style (decorations/
	 * deco-notice.h) above everything a domain can show. */
	void (*notice)(struct backend *b, const char *text);
	/* A domain's tray icon appeared or changed (what TRAY_SHOW: its marked
	 * pixels, its name) or went (TRAY_GONE: forget t->shown), tray.h. The
	 * backend shows t->argb marked in t->rgb and names it t->name; a click
	 * or scroll on it goes to tray_user_button, keys never (the core gives
	 * them to the menu its domain opens at a press: tray_menu_mapped). */
	void (*tray)(struct backend *b, struct tray_icon *t, unsigned what);
	/* A domain's notification, already sanitized and rate-limited (tray.h):
	 * shown with its domain's name and colour, never as the daemon's notice. */
	void (*notify)(struct backend *b, const struct dnotify *n);
	/* Take n down (the domain closed it, it is replaced by the limit, the
	 * domain went) and forget it (notify.h). It is shown again by notify
	 * with the same n when the domain replaces it; the backend reports its
	 * closing (notify_closed) and the user's actions (notify_user_action). */
	void (*notify_close)(struct backend *b, const struct dnotify *n);
	/* BACKEND_CAP_VT only (NULL elsewhere): the user asked for VT vt
	 * (Ctrl+Alt+Fn); the backend gives the screen and the input devices
	 * back when the switch happens, and takes them again on return. */
	void (*switch_vt)(struct backend *b, unsigned vt);
	/* Whether the output may still read win's buffer now, between
	 * repaints (x11: a ShmPutImage the desktop X server may not have run
	 * yet). NULL: nothing reads it but a repaint (compositing backends:
	 * the composite, or the texture upload, copies it then); for a
	 * BACKEND_CAP_PER_WINDOW backend NULL means it may (window.c). */
	bool (*reads_buffer)(struct backend *b, struct window *win);
	/* Read the desktop's monitors again (x11: RandR; its X server tells
	 * nothing of `xrandr --setmonitor`, `--delmonitor`): vitrinectl
	 * read-monitors. NULL: the backend's monitors are its own. */
	void (*read_monitors)(struct backend *b);
	/* Whether the output shows win now, where the scene has it shown
	 * (x11: viewable; a window manager's minimized window, or one on
	 * another of its virtual desktops, is not). NULL: the output is the
	 * scene. */
	bool (*shows)(struct backend *b, struct window *win);
};

struct backend {
	const struct backend_ops *ops;
	uint32_t refresh_mhz; /* the output's refresh (mHz), 0 if it has none (pace.h) */
	/* a desktop whose compositor stacks as it likes (x11 on Xwayland:
	 * sway ignores restacking): a window below the focused one is not
	 * known to be behind it (behind.c) */
	bool own_stacking;
};

/* Call the backend's window hooks (every backend has them all). */
void backend_window_changed(struct backend *b, struct window *win, unsigned what);
void backend_window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			    uint32_t h);
void backend_window_removed(struct backend *b, struct window *win);

extern const struct backend_ops headless_backend_ops;
extern const struct backend_ops x11_backend_ops;
extern const struct backend_ops drm_backend_ops;

#endif
