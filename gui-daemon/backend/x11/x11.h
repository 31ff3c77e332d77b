/*
 * The desktop backend: every guest window becomes one top-level window on
 * the user's X desktop, managed by the user's window manager. Private to
 * backend/x11/.
 *
 * Each desktop window is the guest content plus a frame of X11_BORDER pixels
 * in the label colour, drawn by us inside our own window so it is there with
 * any window manager or none. Guest pixels come from the guest's memfd,
 * attached to the desktop X server read-only with MIT-SHM fd passing; the X
 * server copies damaged areas from it into the window (ShmPutImage), so the
 * daemon copies nothing (a tinted domain, or x11_copy=1: the damaged area is
 * copied into a segment of the daemon's own and tinted there with deco_tint).
 *
 * It decides nothing: which windows are shown, which as popups (override-
 * redirect), in which state and whether they may take the focus are the
 * core's decisions (policy.h); this backend reports the window manager's
 * moves, the user's close and the screen locker, and translates the rest.
 *
 * Lifetimes: struct xwin is created when its guest window is first mapped
 * and destroyed with the guest window (window_removed). Its shm segment and
 * pixmap follow the guest window's current buffer.
 */
#ifndef VITRINE_X11_H
#define VITRINE_X11_H

#include <stdbool.h>
#include <xcb/shm.h>
#include <xcb/xcb.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/list.h"
#include "gui-daemon/policy.h"
#include "gui-daemon/server.h"
#include "gui-daemon/waker.h"
#include "gui-daemon/window.h"

#define X11_BORDER 2
/* Xwayland's compositor's title bar (sway's, its default font), rows */
#define X11_XWAYLAND_TITLE 25
/* how long after new size hints a resize by the window manager is its fit
 * of the old size to them (x11-event.c refit); hints_set: flags, minimum,
 * maximum, increments, base, in that order */
#define X11_REFIT_MS 500
/* What the daemon always selects on the desktop's root. */
#define X11_ROOT_EVENTS XCB_EVENT_MASK_PROPERTY_CHANGE

enum x11_atom {
	A_WM_PROTOCOLS,
	A_WM_DELETE_WINDOW,
	A_WM_TAKE_FOCUS,
	A_WM_CLIENT_MACHINE,
	A_NET_WM_NAME,
	A_UTF8_STRING,
	A_NET_WM_STATE,
	A_NET_WM_STATE_FULLSCREEN,
	A_NET_WM_STATE_MAXIMIZED_VERT,
	A_NET_WM_STATE_MAXIMIZED_HORZ,
	A_NET_WM_STATE_DEMANDS_ATTENTION,
	A_NET_WORKAREA,
	A_NET_SHOWING_DESKTOP,
	A_NET_WM_WINDOW_TYPE,
	A_NET_WM_WINDOW_TYPE_NORMAL,
	A_NET_WM_WINDOW_TYPE_POPUP_MENU,
	A_QUBES_VMNAME,
	A_QUBES_LABEL,
	A_QUBES_LABEL_COLOR,
	A_WM_CHANGE_STATE,
	A_NET_WM_USER_TIME,
	A_NET_RESTACK_WINDOW,
	A_WM_STATE,
	A_NET_WM_STATE_HIDDEN,
	A_NET_WM_WINDOW_TYPE_DIALOG,
	A_NET_WM_WINDOW_TYPE_UTILITY,
	A_NET_WM_WINDOW_TYPE_SPLASH,
	A_NET_WM_WINDOW_TYPE_TOOLBAR,
	A_NET_WM_WINDOW_TYPE_MENU,
	A_NET_WM_WINDOW_TYPE_DROPDOWN_MENU,
	A_NET_WM_WINDOW_TYPE_TOOLTIP,
	A_NET_WM_WINDOW_TYPE_NOTIFICATION,
	A_NET_WM_WINDOW_TYPE_COMBO,
	A_NET_WM_WINDOW_TYPE_DND,
	A_NET_WM_ICON,
	A_NET_FRAME_EXTENTS,
	A_NET_ACTIVE_WINDOW,
	A_NET_CLIENT_LIST_STACKING,
	A_COUNT
};

#define X11_SPARES 3

struct x11 {
	struct backend base;
	struct server *srv;
	xcb_connection_t *c;
	xcb_screen_t *screen;
	struct source src;
	struct source kick; /* an eventfd: another batch at once (x11-loop.c) */
	struct waker asked; /* a managed window's size asked: look (x11_asked_look) */
	xcb_atom_t atom[A_COUNT];
	xcb_gcontext_t gc;
	char hostname[256];
	uint8_t saver_event;	   /* first event of MIT-SCREEN-SAVER, 0 if absent */
	bool showing_desktop;	   /* the window manager's "show desktop" is on */
	bool wm_resizing;	   /* applying a WM change we must not push back */
	struct list windows;	   /* struct xwin.link */
	struct x11_notice *notice; /* x11-notice.c; NULL until the first */
	uint8_t xi_opcode;	   /* XInputExtension, 0 if no raw events (x11-focus.c) */
	/* the desktop's keyboard (x11-xkb.c); xkb_ctx NULL: no XKB there */
	struct xkb_context *xkb_ctx;
	int32_t xkb_device;
	uint8_t xkb_event; /* first event of XKB */
	xcb_atom_t xkb_names_atom;
	bool xkb_stale;	      /* keys' symbols changed since the keymap was read */
	pixman_image_t *shot; /* the last output() read back, or NULL */
	/* x11-cursor.c: the shapes of the cursor font, made when first used */
	xcb_font_t cursor_font;
	xcb_cursor_t cursors[VP_CURSOR_COUNT];
	bool xfixes_asked;
	uint8_t randr_event;	   /* first event of RandR 1.5, 0 if absent (x11-randr.c) */
	struct x11_bus *bus;	   /* x11-notify.c: the session bus, or NULL */
	unsigned frames_pending;   /* xwins with frame_pending (x11-frame.c) */
	bool puts_unsure;	   /* some xwin's put_unsure */
	uint8_t xfixes_event;	   /* first event of XFixes, 0 if absent (x11-tray.c) */
	xcb_atom_t tray_selection; /* _NET_SYSTEM_TRAY_S0 (x11-tray.c) */
	/* Xwayland: its compositor draws override-redirect windows over every
	 * managed one, whatever their X stacking (x11-focus.c) */
	bool or_on_top;
	/* x11-spare.c: connections opened at start, used once the daemon's
	 * is closed by a desktop client (xkill) */
	xcb_connection_t *spare[X11_SPARES];
	int spare_screen[X11_SPARES];
	bool replaying;		 /* x11_windows_replay: windows made anew where they were */
	uint64_t popups_checked; /* srv->changes when they were last looked at */
	const struct window *popups_focus; /* and the focused window then (compared only) */
	/* x11_popup_focus: the popup given the desktop's focus with the keys,
	 * and the window that had that focus before it */
	xcb_window_t focus_popup, focus_host;
};

struct xwin {
	struct x11 *x;
	struct window *win;
	struct list link;
	xcb_window_t id;
	bool override_redirect; /* as created; fixed while mapped */
	bool mapped;
	bool hidden_below;	/* shown by the core, held unmapped (x11_popup_hidden) */
	bool fresh;		/* mapped, its first Expose not come yet */
	unsigned state_shown;	/* policy_state last passed to the WM */
	uint32_t type_shown;	/* policy_window_type last set, or UINT32_MAX */
	bool configure_pending; /* the WM configured it: look at batch end */
	bool put_back;		/* asked back on the screen; not seen there yet */
	uint64_t asked_ns;	/* its place asked of the window manager: look then */
	bool back; /* made where it was (after an xkill, a domain's return): its place given */
	/* the guest's buffer as seen by the desktop X server */
	xcb_shm_seg_t seg; /* attached read-only */
	uint8_t *copy;	   /* our own segment when the buffer cannot be passed */
	size_t copy_size;
	uint32_t seg_w, seg_h; /* in pixels: stride / 4, height */
	/* x11-frame.c: a round trip after the puts of the guest's FRAME
	 * frame_seq is on its way (its request number frame_req) */
	bool frame_pending;
	bool put_unsure; /* a put sent since the last such round trip */
	bool frame_sync; /* that round trip answers no FRAME (x11_frames_ask) */
	uint32_t frame_seq;
	unsigned frame_req;
	/* the top-level window holding a managed one (the window manager's
	 * frame), found at each map and reparent (x11-focus.c); 0: unknown */
	xcb_window_t top;
	/* outer geometry last requested or reported, root coordinates */
	int32_t ox, oy;
	uint32_t ow, oh;
	/* the size hints last given to the window manager, and when they
	 * last changed (x11_configured: its fit of the old size to them) */
	uint32_t hints_set[9];
	uint64_t hints_ms;
};

/* x11.c: what is set up on each connection to the desktop; 0 or -1 */
int x11_setup(struct x11 *x, int nscreen);
/* x11-spare.c: opened at start (the daemon cannot connect later: its
 * seccomp filter), closed at the end; the daemon's connection, closed by a
 * desktop client, replaced by one, everything shown made again on it
 * (false: none left, or it failed) */
void x11_spares_open(struct x11 *x);
void x11_spares_close(struct x11 *x);
bool x11_replace(struct x11 *x);

/* x11-window.c */
void x11_window_changed(struct backend *b, struct window *win, unsigned what);
void x11_window_damaged(struct backend *b, struct window *win, int32_t x, int32_t y, uint32_t w,
			uint32_t h);
void x11_window_removed(struct backend *b, struct window *win);
struct xwin *x11_find(struct x11 *x, xcb_window_t id);
/* Every X window of the core's windows dropped (the connection is gone),
 * then made again as the core shows them, bottom to top (x11_replace). */
void x11_windows_drop(struct x11 *x);
void x11_windows_replay(struct x11 *x, bool popups);
/* Paint frame and content in the given window-relative area. */
void x11_paint(struct xwin *xw, int32_t x, int32_t y, uint32_t w, uint32_t h);
/* x11-event.c: one event from the desktop; the window manager's moves,
 * settled once a batch is read; a window of ours destroyed by a desktop
 * client; the desktop moved or resized xw (window manager or user). */
void x11_handle_event(struct x11 *x, xcb_generic_event_t *ev);
void x11_settle_configures(struct x11 *x);
/* A window manager may refuse a place asked and say nothing (sway keeps a
 * tiled window's and sends no ConfigureNotify): X11_ASKED_MS after asking,
 * where the window is is read again (x11_settle_configures), so that the
 * core, the guest and the frame follow it (new-user trial 15 #2: on sway a
 * domain's resize of its own window cut off its frame's right and bottom
 * edges). A timer only while a place is asked. */
#define X11_ASKED_MS 1000
void x11_asked(struct xwin *xw);
void x11_asked_look(struct x11 *x);
void x11_destroyed(struct xwin *xw);
void x11_configured(struct xwin *xw, int32_t ox, int32_t oy, uint32_t ow, uint32_t oh);

/* x11-frame.c: the hand-off (window.h: window_frame). At the end of a
 * batch, one round trip for the windows whose FRAME came (after the
 * ShmPutImages of its damage); when its reply is in, the desktop X server
 * has read those pixels: FRAME_DONE. Never waits. */
void x11_frames_ask(struct x11 *x);
bool x11_frames_poll(struct x11 *x); /* true if a round trip was answered */
/* xw goes away with a round trip pending: forget it, ask again. */
void x11_frame_forget(struct xwin *xw);
bool x11_reads_buffer(struct backend *b, struct window *win);
bool x11_shows(struct backend *b, struct window *win);

/* x11-loop.c: watching the connection. x11_drain handles what xcb has
 * queued (and, if read, what the socket has), until its queue is empty;
 * true if it handled anything. x11_loop_end_batch: the last thing of a
 * batch, after the flush. */
int x11_loop_init(struct x11 *x);
void x11_loop_finish(struct x11 *x);
bool x11_drain(struct x11 *x, bool read);
void x11_loop_end_batch(struct x11 *x);

/* x11-notice.c: the trusted notice's window (backend_ops.notice), and the
 * window of a domain's notification the core gives the daemon to draw
 * (notify_undelivered: its tray area, made by x11_notice_init) */
void x11_notice(struct backend *b, const char *text);
void x11_notice_init(struct x11 *x);
/* An event for them (Expose, a click on the notification, the root's
 * SubstructureNotify while one is shown): handled, true. */
bool x11_notice_event(struct x11 *x, xcb_generic_event_t *ev);
/* At the end of a batch: the notification drawn as the core has it; both
 * raised again over whatever was raised. */
void x11_notice_batch(struct x11 *x);
/* Xwayland: a popup got its first pixels after its map, so its compositor
 * now draws it on top: the notice is mapped again over it at batch end. */
void x11_notice_over(struct x11 *x);
void x11_notice_destroy(struct x11 *x);
/* Their windows went with the connection (x11_replace): made again when
 * next shown (the notification at the batch's end). */
void x11_notice_lost(struct x11 *x);
/* x11-focus.c */
void x11_focus_init(struct x11 *x);
/* Raw input, the desktop's focus, a window mapped: true if ev was one. */
bool x11_focus_event(struct x11 *x, xcb_generic_event_t *ev);
bool x11_keep_below(struct xwin *xw);
/* x11-focus.c: true if the popup xw, shown by the core below the focused
 * window, must be held unmapped because it cannot be stacked there: on
 * Xwayland (or_on_top) while it overlaps that window. */
bool x11_popup_hidden(struct xwin *xw);
/* At the end of a batch, on Xwayland: popups hidden or shown again as the
 * focus and the windows' places now say (x11_popup_hidden). */
void x11_popups_check(struct x11 *x);
/* The popup with the keys (a tray icon's menu) has the desktop's input
 * focus; when they leave it, the focus goes back (x11-focus.c). */
void x11_popup_focus(struct x11 *x);

/* x11-props.c */
void x11_set_identity(struct xwin *xw);
void x11_set_user_time(struct xwin *xw);
void x11_set_title(struct xwin *xw);
void x11_set_hints(struct xwin *xw);
void x11_set_state(struct xwin *xw);
void x11_activate(struct xwin *xw);
void x11_wm_message(struct xwin *xw, xcb_atom_t type, uint32_t d0, uint32_t d1, uint32_t d2,
		    uint32_t d3);
void x11_set_type(struct xwin *xw);
/* The window manager changed xw's WM_STATE or _NET_WM_STATE: tell the core. */
void x11_read_state(struct xwin *xw);
/* _NET_FRAME_EXTENTS: the window manager's title bar, to the core */
void x11_read_frame_extents(struct xwin *xw);

/* x11-cursor.c: the guest's cursor shape on xw (the cursor font's, named
 * with XFixes as the shape's name), and its marked icon as _NET_WM_ICON. */
void x11_set_cursor(struct xwin *xw);
void x11_set_icon(struct xwin *xw);
void x11_cursor_finish(struct x11 *x);

/* x11-xkb.c: the desktop's keymap, given to the core at start and on
 * every change. x11_xkb_event: true if ev was XKB's (handled). */
void x11_xkb_init(struct x11 *x);
/* x11-randr.c: the desktop's monitors, to the core (monitors_set) at start
 * and on every RandR change. x11_randr_event: true if ev was RandR's. */
void x11_randr_init(struct x11 *x);
bool x11_randr_event(struct x11 *x, xcb_generic_event_t *ev);
void x11_randr_read(struct backend *b); /* backend_ops.read_monitors */
/* x11-event.c: read _NET_WORKAREA, _NET_SHOWING_DESKTOP again */
void x11_read_workarea(struct x11 *x);
void x11_read_showing_desktop(struct x11 *x);
/* The desktop's refresh in mHz, 0 if it has none (x11-rate.c). */
uint32_t x11_refresh_mhz(xcb_connection_t *c, xcb_window_t root);
bool x11_xkb_event(struct x11 *x, xcb_generic_event_t *ev);
/* Read the keymap again if some keys' symbols changed since: before a press. */
void x11_xkb_fresh(struct x11 *x);
void x11_xkb_finish(struct x11 *x);

/* x11-tray.c: domains' tray icons docked in the desktop's tray */
void x11_tray(struct backend *b, struct tray_icon *t, unsigned what);
bool x11_tray_event(struct x11 *x, xcb_generic_event_t *ev);
/* Watch the desktop's tray selection (XFixes): a tray that starts, stops
 * or changes later gets the shown icons. */
void x11_tray_init(struct x11 *x);
/* Every shown icon made again (destroy: its old window first; not on a new
 * connection, where it is not). */
void x11_tray_remake(struct x11 *x, bool destroy);
/* x11-notify.c: domains' notifications to the desktop's notification
 * service; those it cannot show (no service, no bus) to the core
 * (notify_undelivered), which has them drawn (x11-notice.c) */
void x11_notify_init(struct x11 *x);
void x11_notify_finish(struct x11 *x);
void x11_notify(struct backend *b, const struct dnotify *n);
void x11_notify_close(struct backend *b, const struct dnotify *n);

#endif
