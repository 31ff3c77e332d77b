/*
 * vitrine-agent internals, shared by the files of gui-agent/.
 *
 * Lifetimes:
 * - struct win lives from the moment a top-level window is seen (startup scan,
 *   CreateNotify, reparent to the root) until DestroyNotify or a reparent away
 *   from the root. It owns its current buffer.
 * - struct buffer is created for a mapped window of depth 24 or 32. When the
 *   window gets a new buffer (resize) or goes away, a buffer the daemon has
 *   (sent) moves to agent->retired until the daemon sends RELEASE for its
 *   serial; one the daemon never saw is destroyed at once. When the daemon
 *   connection drops, every retired buffer is destroyed and every current
 *   buffer is marked unsent, to be sent again after the next WELCOME.
 * - struct conn (conn.c) owns the connection (through its transport), the
 *   outgoing queue and duplicates of the fds queued with BUFFER messages.
 */
#ifndef VITRINE_AGENT_H
#define VITRINE_AGENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <xcb/damage.h>
#include <xcb/shm.h>
#include <xcb/xcb.h>

#include "../protocol/proto.h"

#define MAX_DAMAGE_RECTS 8

struct buffer {
	uint32_t serial;
	int fd; /* the sealed memfd */
	uint32_t width, height, stride;
	uint8_t depth;
	xcb_shm_seg_t seg;
	xcb_pixmap_t pixmap; /* shared pixmap over the memfd */
	xcb_gcontext_t gc;   /* on pixmap, IncludeInferiors */
	bool clipped;	     /* gc has a clip list (damage.c: copy_rects) */
	bool sent;	     /* the daemon of this connection has it */
	/* The hand-off (damage.c): FRAME frame_seq sent for this buffer and
	 * its FRAME_DONE not in yet: the daemon may be reading it, so new
	 * damage waits (coalesced in win.dmg) and nothing is written here. */
	bool busy;
	uint32_t frame_seq;
	struct buffer *next;	      /* in agent->retired */
	const struct buffer_ops *ops; /* its form: how the daemon gets the pixels */
	void *priv;		      /* the form's own state (buffer-xen.c: the grant) */
	struct dbuf *dbuf;	      /* dbuf.h: two frames' state; NULL: one frame */
};

struct win {
	xcb_window_t id;
	int32_t x, y;  /* origin of the content, root coordinates */
	uint32_t w, h; /* content size */
	uint16_t border;
	uint8_t depth;
	bool override_redirect; /* current attribute */
	bool map_or;		/* override-redirect as of the last map */
	bool mapped;
	bool announced;	      /* CREATE sent on this connection */
	bool wants_attention; /* asked to be activated; cleared when focused */
	bool iconic;	      /* minimized (wm.c): WM_STATE Iconic, _NET_WM_STATE_HIDDEN */
	bool hidden;	      /* ... and unmapped by the agent while the desktop shows it so */
	unsigned own_unmaps;  /* the agent's unmaps of it whose UnmapNotify is to come */
	uint32_t want;	      /* VP_WM_FULLSCREEN, _MAXIMIZED as the window manager took them */
	uint32_t sent_flags;  /* the WMFLAGS the daemon has (or assumes, wm.c) */
	bool flags_sent;      /* sent_flags is valid on this connection */
	xcb_damage_damage_t damage;
	struct buffer *buf;
	struct vp_rect dmg[MAX_DAMAGE_RECTS]; /* copied at the end of the batch */
	unsigned ndmg;
	struct win *prev, *next;
	uint32_t cursor_sent; /* cursor.c: the CURSOR shape the daemon has + 1; 0: none */
	/* sync.c: the daemon's SYNC_REQUEST the client is drawing (0: none),
	 * the counter value awaited, its alarm, until when; the serial to
	 * answer once the frame is out (0: none) */
	uint32_t sync_serial, sync_answer;
	uint64_t sync_value;
	uint32_t sync_alarm;
	int64_t sync_deadline;
};

struct atoms {
	xcb_atom_t net_wm_name, utf8_string, compound_text;
	xcb_atom_t wm_protocols, wm_delete_window, wm_take_focus;
	xcb_atom_t net_wm_state, net_wm_state_fullscreen;
	xcb_atom_t net_wm_state_demands_attention, net_wm_state_hidden;
	xcb_atom_t net_active_window;
	xcb_atom_t net_wm_state_maximized_vert, net_wm_state_maximized_horz;
	xcb_atom_t net_wm_window_type, wintype[VP_WINTYPE_COUNT]; /* by enum vp_wintype */
	xcb_atom_t wm_state, wm_change_state, net_supported, net_supporting_wm_check; /* wm.c */
};

#include "agent-input.h"

struct conn;
struct agent;

/*
 * How a window buffer reaches the daemon: one table per form, as shm/ has
 * struct vshm_ops for the daemon's side. Every buffer has its sealed memfd,
 * the X server's MIT-SHM pixmap (buffer.c). The memfd form hands the daemon
 * that memfd (buffer.c); the grant form (buffer-xen.c) shares other pages
 * with the daemon's domain and copies damage into them.
 */
struct buffer_ops {
	const char *name;
	/* b's memfd is attached: add the form's own state (b->priv). 0, or -1
	 * with a message logged. NULL: nothing to add. */
	int (*create)(struct agent *a, struct buffer *b);
	void (*destroy)(struct buffer *b); /* NULL: nothing to free */
	/* Rectangle r of the memfd has new pixels (the X server wrote them):
	 * bring them where the daemon reads. NULL: it reads the memfd. */
	void (*copy_out)(struct buffer *b, const struct vp_rect *r);
	/* Fill the fields of m that are the form's (kind, domid, refs); returns
	 * the descriptor to send with it, or -1. */
	int (*describe)(const struct agent *a, const struct buffer *b, struct vp_buffer *m);
};
extern const struct buffer_ops buffer_memfd_ops; /* buffer.c */

/*
 * How the agent reaches the daemon: one table per transport, as the daemon
 * has struct domain_transport. conn.c keeps the queue and the decoding and
 * calls these to move bytes; main.c picks one from its command line.
 */
struct agent_transport {
	const char *name;		  /* "socket", "vchan" */
	const struct buffer_ops *buffers; /* the form of window buffers it carries */
	bool poll_out;			  /* flush on POLLOUT (a vchan wakes for input only) */
	/* The daemon's address from the command line's argument (freed with
	 * free()), or NULL and *why. */
	void *(*target)(const char *arg, const char **why);
	const char *(*where)(const void *target); /* the daemon's address, for logs */
	/* Connect: the descriptor to poll, and *link the transport's own state;
	 * or -1 with errno. */
	int (*connect)(const void *target, void **link);
	void (*close)(void *link, int fd); /* the descriptor too */
	void (*wait)(void *link);	   /* once per wake-up, before reading; or NULL */
	/* Move bytes, never blocking: how many moved, or -1 with errno (EAGAIN:
	 * no room, nothing there); recv returns 0 when the daemon closed.
	 * passfd, or -1, goes with the first byte. */
	ssize_t (*send)(void *link, int fd, const uint8_t *p, size_t n, int passfd);
	ssize_t (*recv)(void *link, int fd, uint8_t *p, size_t n);
};
extern const struct agent_transport agent_socket_transport; /* socket.c */
/* vchan.c, only in a build with Xen (libxen-dev); else its address is NULL. */
extern const struct agent_transport agent_vchan_transport __attribute__((weak));

struct agent {
	xcb_connection_t *xc;
	/* vitrine run's sandbox (tools/vitrine-init.c) starts the applications
	 * once the domain's X server has the daemon's monitors, dpi and keymap:
	 * told by a byte on this pipe (VITRINE_AGENT_READY_FD), or -1; then,
	 * on notes_fd (the same pipe), whether a notification of ours is shown
	 * (notify_tell_shown: the sandbox stays for it) */
	int ready_fd, notes_fd;
	bool notes_said;
	bool monitors_seen;
	bool x_readable; /* poll said so: agent_process_x reads the connection */
	xcb_screen_t *screen;
	xcb_window_t root;
	uint8_t damage_event; /* first event of DAMAGE */
	uint8_t damage_error; /* first error of DAMAGE */
	bool depth_ok[33];    /* depths we can share at 32 bpp */
	bool xtest;	      /* XTEST present: input can be injected */
	struct atoms atoms;
	bool wm;	       /* SubstructureRedirect on the root is ours (wm.c) */
	xcb_window_t wm_check; /* the EWMH supporting-WM-check window, or 0 */

	const struct agent_transport *transport;
	void *target; /* where the daemon is, as the transport read it */
	struct conn *conn;
	bool ready;    /* WELCOME received on this connection */
	int exit_code; /* >= 0: leave the loop */

	struct win *windows; /* bottom to top, as first seen */
	struct win *windows_tail;
	bool dirty; /* some window has pending damage */
	struct buffer *retired;
	uint32_t next_serial;
	uint32_t next_frame;  /* FRAME numbers (damage.c) */
	xcb_window_t focused; /* last FOCUS in from the daemon */
	bool left;	      /* the last FOCUS of a batch was out (input_settle) */
	struct keyboard kbd;
	struct layout layout;
	/* monitors.c: the daemon's layout, its extent and its first monitor
	 * (the desktop's primary); primary.w 0 until the first MONITORS */
	uint32_t layout_w, layout_h;
	struct vp_monitor primary;
	struct clip clip;
	/* the desktop (cursor.c, icon.c) */
	uint16_t daemon_minor;		  /* its WELCOME's: CURSOR, ICON from VP_MINOR_DESKTOP */
	uint8_t xfixes_event;		  /* first event of XFixes */
	uint32_t cursor;		  /* the guest's cursor shape now (enum: vp_cursor_id) */
	xcb_window_t pointer_win;	  /* the window the daemon last moved the pointer into */
	uint32_t cursor_ask;		  /* the sequence of the shape asked after it came there */
	bool cursor_asking, cursor_newer; /* its reply to come; a CursorNotify after it came */
	xcb_atom_t cursor_atom;		  /* the name of the last cursor looked up, and its shape */
	uint32_t cursor_atom_id;
	xcb_atom_t net_wm_icon;
	uint8_t sync_event; /* first event of XSync, 0 if absent (sync.c) */
	xcb_atom_t net_wm_sync_request, net_wm_sync_request_counter;
	struct tray *tray;     /* tray.c: the domain's system tray, or NULL */
	struct notify *notify; /* notify.c: org.freedesktop.Notifications, or NULL */
};

/* xevents.c: the X extensions the agent needs (0, or -1 with a message);
 * every queued X event, then the copies and DAMAGE of that batch */
int agent_check_extensions(struct agent *a);
void agent_process_x(struct agent *a);

/* conn.c: queue a message for the daemon if connected and ready */
void agent_send(struct agent *a, const struct vp_msg *m, int fd);

/* conn.c */
typedef int (*conn_handler)(void *data, const struct vp_msg *m);
struct conn *conn_create(const struct agent_transport *t, const void *target);
void conn_destroy(struct conn *c);
int conn_connect(struct conn *c); /* 0 connected, -1 not now */
void conn_close(struct conn *c);
bool conn_connected(const struct conn *c);
bool conn_broken(const struct conn *c); /* a send failed: close it */
int conn_fd(const struct conn *c);
bool conn_want_write(const struct conn *c);
int conn_send(struct conn *c, const struct vp_msg *m, int fd);
int conn_flush(struct conn *c);
int conn_read(struct conn *c, conn_handler h, void *data);

/* monitors.c: MONITORS applied to the domain's X server */
void monitors_apply(struct agent *a, const struct vp_monitors *ms);
/* monitors-crtc.c: the first CRTC over the monitors (what Qt 5 takes for
 * the first; the X server keeps the pointer on it). */
void monitors_set_crtc(struct agent *a, const struct vp_monitors *ms);
/* the notification that the desktop outgrew the domain: its id, and the
 * daemon said it is closed (the user, its time) */
#define MONITORS_NOTE_ID 0x7fffffffu
void monitors_note_closed(void);
void xsettings_set_dpi(struct agent *a, uint32_t dpi); /* xsettings.c: live Xft/DPI */

/* sync.c: the resize hand-off (SYNC_REQUEST, SYNC_DONE) */
void sync_init(struct agent *a);
void sync_request(struct agent *a, struct win *w, const struct vp_sync *s);
bool sync_event(struct agent *a, xcb_generic_event_t *ev); /* true: XSync's */
bool argb_copy(struct agent *a, const struct win *w, unsigned n, xcb_pixmap_t to); /* argb.c */
int sync_timeout(struct agent *a); /* ms until a wait ends, -1: none */
void sync_expire(struct agent *a);
void sync_flush(struct agent *a); /* SYNC_DONE for frames sent */
void sync_forget(struct agent *a, struct win *w);

/* windows.c */
struct win *win_find(struct agent *a, xcb_window_t id);
int windows_scan(struct agent *a);
/* Track window id as the X server describes it (the startup scan and
 * CreateNotify, after asking; the fuzzer, without an X server). */
struct win *windows_add(struct agent *a, xcb_window_t id, const xcb_get_geometry_reply_t *geom,
			bool override_redirect, bool mapped);
void windows_resync(struct agent *a);
void windows_disconnected(struct agent *a);
void windows_destroy_all(struct agent *a);
void handle_create_notify(struct agent *a, xcb_generic_event_t *ev);
void handle_destroy_notify(struct agent *a, xcb_generic_event_t *ev);
void handle_map_notify(struct agent *a, xcb_generic_event_t *ev);
void handle_unmap_notify(struct agent *a, xcb_generic_event_t *ev);
void handle_configure_notify(struct agent *a, xcb_generic_event_t *ev);
void handle_reparent_notify(struct agent *a, xcb_generic_event_t *ev);
void handle_property_notify(struct agent *a, xcb_generic_event_t *ev);

/* damage.c */
void damage_add(struct agent *a, struct win *w, int32_t x, int32_t y, uint32_t width,
		uint32_t height);
void damage_full(struct agent *a, struct win *w);
void damage_flush(struct agent *a);
/* The daemon's FRAME_DONE for w: its buffer may be written again. */
void damage_frame_done(struct agent *a, struct win *w, uint32_t seq);
void handle_damage_notify(struct agent *a, xcb_generic_event_t *ev);

/* buffer.c */
/* Rectangle r of b has new pixels: where the daemon reads too (its form's
 * copy_out: the Xen form's granted pages). */
void buffer_copy_out(struct buffer *b, const struct vp_rect *r);
int buffer_check_shm(struct agent *a);
struct buffer *buffer_create(struct agent *a, uint32_t width, uint32_t height, uint8_t depth);
void buffer_destroy(struct agent *a, struct buffer *b);
void buffer_retire(struct agent *a, struct buffer *b);
void buffer_release(struct agent *a, uint32_t serial);
void buffer_free_retired(struct agent *a);
void buffer_send(struct agent *a, struct win *w);

/* props.c */
/* props.c: the atom named name (a round trip; XCB_ATOM_NONE on error) */
xcb_atom_t agent_intern(struct agent *a, const char *name);
void props_intern_atoms(struct agent *a);
void props_send_all(struct agent *a, struct win *w);
void props_changed(struct agent *a, struct win *w, xcb_atom_t atom);
/* A WM_PROTOCOLS client message (WM_DELETE_WINDOW, WM_TAKE_FOCUS) to w. */
void props_send_protocol(struct agent *a, struct win *w, xcb_atom_t protocol);
/* The user focused w: a request for attention is answered. */
void props_focused(struct agent *a, struct win *w);
/* WMFLAGS for w now: urgency, fullscreen, maximized, minimized, attention. */
void props_send_wmflags(struct agent *a, struct win *w);
size_t utf8_cut(const uint8_t *s, size_t len, size_t max);
size_t latin1_to_utf8(const uint8_t *s, size_t len, uint8_t *out, size_t cap);
uint32_t props_transient_for(struct agent *a, struct win *w);
void props_close(struct agent *a, struct win *w);

/* ctext.c: a COMPOUND_TEXT title in UTF-8 (at most cap bytes, cut on a
 * character); ctext_finish closes the Xlib display it opened */
size_t ctext_to_utf8(const uint8_t *s, size_t len, uint8_t *out, size_t cap);
void ctext_finish(void);

/* wm.c: the domain's window manager, as small as it gets */
int wm_init(struct agent *a); /* after windows_scan, which sets a->wm */
void wm_finish(struct agent *a);
void handle_map_request(struct agent *a, xcb_generic_event_t *ev);
void handle_configure_request(struct agent *a, xcb_generic_event_t *ev);
void handle_circulate_request(struct agent *a, xcb_generic_event_t *ev);
/* Requests to the window manager: _NET_WM_STATE, WM_CHANGE_STATE, _NET_ACTIVE_WINDOW. */
void props_client_message(struct agent *a, xcb_client_message_event_t *ev);
void handle_client_message(struct agent *a, xcb_generic_event_t *ev);
void wm_change_state(struct agent *a, struct win *w, uint32_t untrusted_state);
/* windows.c: w unmapped by the agent while the desktop shows it minimized
 * (wm.c), mapped again when not; whether an UnmapNotify was the agent's. */
void windows_hide(struct agent *a, struct win *w, bool iconic);
bool windows_own_unmap(struct win *w, const xcb_unmap_notify_event_t *e);
void wm_window_state(struct agent *a, struct win *w, uint32_t state);
/* _NET_WM_STATE of w changed: a request unless it is what was taken. */
void wm_state_property(struct agent *a, struct win *w);
/* VP_WM_FULLSCREEN, VP_WM_MAXIMIZED as w's _NET_WM_STATE has them. */
uint32_t wm_state_bits(struct agent *a, struct win *w);

/* daemon.c */
int daemon_handle(void *data, const struct vp_msg *m);

/* keysym.c */
void keysym_init(struct agent *a);
void keysym_finish(struct agent *a);
void keysym_xkb_event(struct agent *a, xcb_generic_event_t *ev);
/* The core mapping was read: the spares are sorted out again. */
void keysym_maps(struct agent *a, const xcb_keysym_t *syms, int per, unsigned min, unsigned max);
/* The keycode to inject for a press of c under state that is to type want
 * (0: whatever c types). */
uint8_t keysym_key(struct agent *a, uint8_t c, uint32_t state, uint32_t want);

/* clipboard.c: the domain's CLIPBOARD, read for the daemon */
int clipboard_init(struct agent *a);
void clipboard_request(struct agent *a, uint32_t serial);
void clipboard_disconnected(struct agent *a);
void clipboard_finish(struct agent *a);
void clipboard_property(struct agent *a, xcb_property_notify_event_t *e);
void handle_selection_notify(struct agent *a, xcb_generic_event_t *ev);

/* paste.c: the daemon's paste, offered as CLIPBOARD and PRIMARY */
void paste_set(struct agent *a, const struct vp_string *text);
void paste_stamped(struct agent *a, xcb_timestamp_t time);
void paste_drop(struct agent *a);
void handle_selection_request(struct agent *a, xcb_generic_event_t *ev);
void handle_selection_clear(struct agent *a, xcb_generic_event_t *ev);

/* cursor.c: the guest's cursor shape, sent for the window under the pointer */
void cursor_init(struct agent *a);
void cursor_event(struct agent *a, xcb_generic_event_t *ev);
void cursor_pointer(struct agent *a, struct win *w); /* the pointer went into w */
void cursor_answer(struct agent *a);		     /* each batch: the shape asked, if it came */

/* icon.c: _NET_WM_ICON, one image of at most ICON_SIDE a side */
#define ICON_SIDE 64 /* the daemon's quota counts on it (gui-daemon/desktop.h) */
void icon_init(struct agent *a);
void icon_send(struct agent *a, struct win *w);

/* tray.c: the domain's system tray (XEmbed); icons sent as TRAY_ICON */
void tray_init(struct agent *a, int screen);
void tray_finish(struct agent *a);
bool tray_owns(struct agent *a, xcb_window_t id);	 /* the tray's own window */
bool tray_covers(struct agent *a, int32_t x, int32_t y); /* root coordinates */
bool tray_client_message(struct agent *a, xcb_client_message_event_t *e);
/* id was reparented to parent (XCB_NONE: destroyed): an icon leaving its
 * embedder goes; true if it was an icon. */
bool tray_icon_configured(struct agent *a, const xcb_configure_notify_event_t *e);
bool tray_window_gone(struct agent *a, xcb_window_t id, xcb_window_t parent);
bool tray_damage(struct agent *a, xcb_window_t drawable);
void tray_flush(struct agent *a);
void tray_resync(struct agent *a);
void tray_button(struct agent *a, const struct vp_msg *m);
void tray_place(struct agent *a, const struct vp_msg *m);

/* notify.c: the domain's notification service, forwarded as NOTIFY */
void notify_init(struct agent *a);
void notify_finish(struct agent *a);
void notify_tell_shown(struct agent *a); /* on notes_fd, when it changed */
int notify_fd(struct agent *a);		 /* to poll, or -1 */
short notify_events(struct agent *a);	 /* what to poll it for */
void notify_process(struct agent *a);

/* layout.c */
void layout_apply(struct agent *a, const struct vp_layout *l);
void layout_reap(struct agent *a);

/* daemon.c: once the first monitors and keymap are in place in the domain's X
 * server (its requests answered), the byte on ready_fd, once. */
void agent_tell_ready(struct agent *a);

#endif
