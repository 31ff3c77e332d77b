/*
 * A guest window as the daemon knows it. Everything here is trusted state:
 * the guest's wishes (guest_*) were validated when they arrived, and what is
 * drawn (x, y, w, h, title) is the daemon's decision.
 *
 * Lifetimes: a window belongs to its domain (domain.windows) and, while it
 * exists, to the scene's stacking list (scene.stack). window_destroy removes
 * it from both and unmaps its buffer.
 */
#ifndef VITRINE_WINDOW_H
#define VITRINE_WINDOW_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>

#include "list.h"
#include "protocol/proto.h"
#include "shm/shm.h"

struct server;

#define TITLE_MAX 160 /* bytes of sanitized title kept and drawn */
#define CLASS_MAX 64

struct domain;

struct window {
	struct domain *dom;
	uint32_t id;		/* the guest's id, unique within its domain */
	struct list dom_link;	/* domain.windows */
	struct list stack_link; /* scene.stack, bottom to top */

	struct vp_rect guest;	/* last geometry the guest asked for */
	struct vp_rect sent[4]; /* SET_GEOMETRYs the guest has not echoed yet, oldest first */
	unsigned nsent;
	int32_t x, y;  /* content origin in output coordinates */
	uint32_t w, h; /* content size */
	bool mapped;
	bool popup;		/* override-redirect; changes only while unmapped */
	uint32_t transient_for; /* a window of the same domain, or 0 */
	uint32_t wmflags;
	uint32_t wintype;	/* the guest's enum vp_wintype, below VP_WINTYPE_COUNT */
	unsigned desktop_state; /* WIN_STATE_* the backend last reported (window_desktop_state) */
	uint32_t told_state;	/* VP_STATE_* last sent to the guest (WINDOW_STATE) */
	uint64_t wm_settle_ms;	/* maximized or fullscreen came or went (now_ms): the
				 * window manager's next resize, or a second, ends it
				 * (policy_wm_put_back); 0: none */
	bool told_behind;	/* the notice said it opened behind (policy.c) */
	bool restack;		/* scene_restack's mark, false outside it */
	unsigned asked[4];	/* maximized/fullscreen asked of the desktop, oldest first, */
	unsigned nasked;	/* not answered yet (policy_state_asked) */
	uint64_t asked_ms;	/* when last asked */
	struct vp_hints hints;
	char title[TITLE_MAX];
	char res_name[CLASS_MAX];
	char res_class[CLASS_MAX];
	void *backend_data; /* the backend's per-window state */
	void *render_data;  /* the renderer's (gles2: the texture), render.h */

	/* Decided by the policy (policy.h), read by backends: */
	bool as_popup;	    /* shown as a popup (no window manager), else managed */
	bool shown;	    /* mapped and not held back (screen locked) */
	bool no_focus;	    /* must not take the focus when it appears */
	bool below_focus;   /* opens below the focused window (another domain's) */
	bool close_answer;  /* its domain's answer to the user's close (policy.c) */
	unsigned maps;	    /* how often its domain mapped it (focus.c) */
	uint64_t chosen;    /* when the user last gave it the keys (server.chosen), 0: never */
	uint64_t mapped_ms; /* when the guest last mapped it (now_ms) */
	uint64_t moved_ms;  /* when the guest last moved or resized it, mapped (clickguard.h) */
	uint64_t answer_ms; /* mapped_ms of a map in answer to the user's press (clickguard.h) */
	int32_t answer_x, answer_y; /* ... where that press was */
	uint64_t told_ms;	    /* clickguard.c: its last click taken, logged */
	int32_t frame_top;	    /* rows of the desktop window manager's frame above it
				     * (x11: its _NET_FRAME_EXTENTS), -1: not known */
	int16_t frame_lrb[3];	    /* and left of it, right, below (known with frame_top) */
	bool returned;		    /* announced again where it was (domain_returning): a
				     * desktop's window manager puts it there */
	bool held_off;		    /* shown, but the backend holds it off the screen
				     * (x11 on Xwayland: x11_popup_hidden; clickguard.h) */
	/* scale-home.h: where it was at scale home_scale (0: nowhere), and
	 * when the scale came back to that (0: not yet) */
	struct vp_rect home;
	unsigned home_scale;
	uint64_t home_back_ms;

	struct vshm_map buf;   /* current buffer; buf.ops == NULL if none */
	pixman_image_t *image; /* pixman view of buf */
	bool has_pixels;       /* damage received for the current buffer */
	uint64_t damage_count; /* DAMAGE messages applied and painted */
	/* pace.c: damage coalesced since its last repaint (pace_region valid
	 * only while pace_waiting), and when that repaint was */
	bool pace_waiting;
	struct list pace_link; /* pace.waiting */
	pixman_region32_t pace_region;
	uint32_t pace_count; /* DAMAGE messages in it */
	uint32_t pace_held;  /* turns it waited for the budget or a small turn */
	uint64_t pace_painted_ns;
	uint64_t paints; /* repaints of its damage */
	/* props.c: the kinds of change (WIN_CHANGED_*) held for its domain's rate */
	unsigned props_held;
	struct list props_link; /* props.held, while props_held */
	/* The hand-off (FRAME): the guest waits for FRAME_DONE(frame_seq)
	 * before it writes into buf again; frame_asked until it is sent (or,
	 * x11, until the backend's round trip for it is on its way). */
	uint32_t frame_seq;
	bool frame_asked;
	/* dbuf.h: a two-frame buffer's frame shown (image views it), the
	 * frames held (bit i: frame i, its PRESENT's seq in held_seq[i]), and
	 * the damage of the frame on its way, until its PRESENT */
	uint8_t front, held;
	uint32_t held_seq[2];
	pixman_region32_t incoming;

	/* desktop.c: the guest's cursor shape over the window (CURSOR, below
	 * VP_CURSOR_COUNT; 0: the desktop's default), and its icon (ICON)
	 * marked with the domain's label colour; icon_argb NULL: none. */
	uint32_t cursor;
	uint32_t icon_w, icon_h;
	uint32_t *icon_argb;	    /* 0xAARRGGBB, not premultiplied (_NET_WM_ICON) */
	pixman_image_t *icon_image; /* the same, premultiplied (title bars) */
	/* sync.c: the last SYNC_REQUEST serial sent, and the last answered */
	uint32_t sync_sent, sync_done;
};

/* Create an unmapped window in d, on top of the scene. NULL on allocation
 * failure. */
struct window *window_create(struct domain *d, uint32_t id, const struct vp_rect *guest, bool popup,
			     uint32_t transient_for);
/* Remove from domain and scene, release its buffer (telling the guest). */
void window_destroy(struct window *win);
/* The user moved or resized win (through the backend's window manager):
 * clamp it and tell the guest; its place before a scale change is
 * forgotten (scale-home.h). */
void window_user_geometry(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h);
/* The same for the core's own move (the monitors changed, a scale came
 * back), as the user's would be. */
void window_set_geometry(struct window *win, int32_t x, int32_t y, uint32_t w, uint32_t h);
/* The desktop shows win in state st (WIN_STATE_MINIMIZED, _MAXIMIZED,
 * _FULLSCREEN of policy.h: the window manager iconified, maximized,
 * restored it): the guest is told what changed (policy_guest_state). */
void window_desktop_state(struct window *win, unsigned st);
/* The desktop did not show win, new, when it was mapped: its window
 * manager's "show desktop" hides every window (new-user trial 13 #3: an
 * application started then never appeared, and nothing said why). */
void window_desktop_hides_new(struct window *win);
/* WMFLAGS: the guest's wishes (VP_WM_*) for win. */
void window_guest_wish(struct window *win, uint32_t flags);
/* desktop.c: drop win's icon (its bytes leave the domain's quota). */
void window_icon_free(struct window *win);
/* The user asked to close win: ask the guest. */
void window_user_close(struct window *win);
/* SET_GEOMETRY: the window's geometry to the guest, remembered to know its echo. */
void window_send_geometry(struct window *win);
/* A CONFIGURE echoing an older SET_GEOMETRY than the last (forgotten with
 * all older ones): stale, applying it would undo the user's newer change. */
bool window_stale_echo(struct window *win, const struct vp_rect *r);
/* Tell the guest it may free buffer serial, if anyone is listening. */
void window_release(struct window *win, uint32_t serial);
/* FRAME seq from the guest: FRAME_DONE(seq) once nothing reads the damage
 * sent before it (window_frames_done, or a per-window backend's
 * window_frame_done). At once if nothing shows the window. */
void window_frame(struct window *win, uint32_t seq);
/* A two-frame buffer's frame no longer shown (dbuf.c): FRAME_DONE at once
 * when nothing on our side reads the buffer now, else as window_frame. */
void window_frame_old(struct window *win, uint32_t seq);
/* Nothing reads win's damaged pixels any more: answer its FRAME. */
void window_frame_done(struct window *win, uint32_t seq);
/* After a compositing backend's repaint: answer every window's FRAME. */
void window_frames_done(struct server *srv);
/* Replace the buffer; the old one is unmapped and released to the guest. */
void window_set_buffer(struct window *win, const struct vshm_map *m);

#endif
