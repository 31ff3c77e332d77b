/*
 * The drm backend's own state (private to gui-daemon/backend/drm/): the
 * daemon owns the display through DRM/KMS and the input devices through
 * libinput, with no X server and no window manager on the trusted side.
 *
 *   drm.c        the backend table, the seat (libseat, or the device opened
 *                directly by root when no seat manager runs), repaint
 *   drm-kms.c    outputs: connectors, CRTCs, primary planes, two dumb
 *                buffers each, the mode (atomic KMS or legacy), page flips
 *   drm-input.c  libinput (udev): keys, pointer, buttons and scroll to the
 *                core's router (pointer.h)
 *   drm-ui.c     the trusted bar naming the focused domain (the domains'
 *                tray icons at its right end), the last domain notification
 *                and the pointer cursor, drawn over everything at scan-out
 *
 * The scene is composited by the pixman renderer into a shadow image in
 * memory (reading back from write-combined dumb buffers is slow); each
 * output's back buffer gets the damaged rectangles copied from it, then a
 * page flip shows it. The flip's event comes through the DRM descriptor on
 * the event loop; nothing polls.
 */
#ifndef VITRINE_BACKEND_DRM_H
#define VITRINE_BACKEND_DRM_H

#include <pixman.h>
#include <stdbool.h>
#include <stdint.h>
#include <xf86drmMode.h>

struct gbm_bo;
struct render_target;

#include "gui-daemon/backend.h"
#include "gui-daemon/server.h"
#include "gui-daemon/tray-area.h"

#define DRM_MAX_OUTPUTS 4
#define DRM_BAR_H 22 /* the trusted bar along the top edge */
#define DRM_CURSOR_W 16
#define DRM_CURSOR_H 20
/* x, y, w, h of the cursor's image on the scene (its hot spot at the pointer) */
#define DRM_CURSOR_BOX(d)                                                                          \
	(d)->cur_x - (d)->hot_x, (d)->cur_y - (d)->hot_y, DRM_CURSOR_W, DRM_CURSOR_H

/* drm-shapes.c: the pointer's shapes, the daemon's own bitmaps */
enum drm_shape_id {
	DRM_SHAPE_ARROW,
	DRM_SHAPE_IBEAM,
	DRM_SHAPE_HAND,
	DRM_SHAPE_H_RESIZE,
	DRM_SHAPE_V_RESIZE,
	DRM_SHAPE_DIAG_NWSE,
	DRM_SHAPE_DIAG_NESW,
	DRM_SHAPE_BUSY,
	DRM_SHAPE_COUNT
};
struct drm_shape {
	const char *name; /* the cursor font's, for the log */
	const char *const *rows;
	int hot_x, hot_y;
	bool mirror;
};
/* The bitmap shown for a guest's shape number (VP_CURSOR_*). */
enum drm_shape_id drm_shape_for(uint32_t cursor);
const struct drm_shape *drm_shape(enum drm_shape_id id);
/* Into DRM_CURSOR_W x DRM_CURSOR_H ARGB pixels, stride in pixels. */
void drm_shape_paint(const struct drm_shape *s, uint32_t *px, int stride);

struct drm_buf {
	uint32_t handle, fb_id, pitch;
	uint64_t size;
	uint32_t *map;
	pixman_image_t *image;	 /* map, for drawing the bar and the cursor */
	pixman_region32_t stale; /* scene area this buffer does not show yet */
	/* --renderer gles2 (drm-gbm.c): the GBM buffer shown instead */
	struct gbm_bo *bo;
	uint32_t bo_fb;
	struct render_target *target;
};

struct drm_output {
	uint32_t conn_id, crtc_id, plane_id, mode_blob;
	int crtc_index;
	drmModeModeInfo mode;
	int32_t x; /* left edge in the scene (outputs side by side) */
	uint32_t w, h;
	struct drm_buf buf[2];
	int front;			    /* the buffer being scanned out */
	bool pending;			    /* a flip is in flight */
	bool need_mode;			    /* set the mode at the next frame */
	uint64_t flips;			    /* frames shown (flip events) */
	drmModeCrtc *saved;		    /* the CRTC as it was, restored at exit */
	bool cursor_on;			    /* the hardware cursor is shown on it */
	bool cursor_dirty;		    /* atomic: the cursor plane is to be committed */
	uint32_t cursor_plane, cp_prop[10]; /* its id and properties (drm-cursor.c) */
	/* atomic property ids */
	uint32_t p_conn_crtc, p_crtc_mode, p_crtc_active;
	uint32_t p_fb, p_crtc, p_src[4], p_dst[4];
};

struct drm_input;
struct libseat;
struct gbm_device;
struct drm_hotplug;
struct drm_vt;

struct drm {
	struct backend base;
	struct server *srv;
	int fd;	     /* /dev/dri/cardN */
	int dev_id;  /* libseat's id for it, -1 when opened directly */
	bool atomic; /* DRM_CLIENT_CAP_ATOMIC accepted */
	bool active; /* the seat is ours (false between disable and enable) */
	struct source src;
	struct libseat *seat; /* NULL: root with no seat manager */
	struct source seat_src;
	int nout;
	struct drm_output out[DRM_MAX_OUTPUTS];
	pixman_image_t *shadow; /* the scene, composited */
	struct renderer *renderer;
	struct drm_input *input;
	pixman_image_t *bar, *cursor;
	struct deco_ctx *bar_deco;
	struct window *bar_focus; /* the focus the bar shows */
	char bar_title[TITLE_MAX];
	int32_t cur_x, cur_y;	 /* the pointer */
	int32_t hot_x, hot_y;	 /* the shape's hot spot */
	enum drm_shape_id shape; /* the shape shown (d->cursor) */
	uint64_t t0_ms;		 /* the first frame, for the frame rate */
	struct gbm_device *gbm;	 /* drm-gbm.c */
	bool gl;		 /* drawing with gles2 into the GBM buffers */
	bool hw_cursor;		 /* the cursor is on the cursor plane (drm-cursor.c) */
	bool cursor_atomic;	 /* the cursor plane is in the atomic commits */
	struct drm_cursor_buf {
		uint32_t handle[2], fb[2], pitch, w, h;
		uint64_t size;
		uint32_t *map[2];
		int cur; /* the buffer with the shape shown */
	} hw;
	uint64_t cursor_moves; /* on the plane */
	bool want_gl;	       /* --renderer gles2, and no context lost yet */
	struct drm_hotplug *hotplug;
	struct drm_vt *vt;	  /* direct mode: the VT (drm-vt.c) */
	struct tray_area tray;	  /* the tray in the bar, the notification (tray-area.h) */
	bool tray_dirty;	  /* the bar is drawn again at the next repaint */
	bool note_on, note_dirty; /* the notification shown; its image to draw again */
	pixman_image_t *note;	  /* the notification, at tray.box */
};

/* drm-kms.c */
/* The id of the property called name of a KMS object (its value in *value), or 0. */
uint32_t drm_prop_id(int fd, uint32_t obj, uint32_t type, const char *name, uint64_t *value);
int drm_kms_init(struct drm *d); /* outputs found and buffers made; 0 or -1 */
void drm_kms_finish(struct drm *d);
/* The mode an output of connector c gets: the user's (video=), else the
 * preferred one, else the first. */
drmModeModeInfo drm_kms_pick_mode(const drmModeConnector *c);
/* Show what changed: damage (scene coordinates; NULL: none) becomes stale in every
 * buffer; each output without a flip in flight copies its back buffer's
 * stale part from the shadow and flips. */
void drm_kms_frame(struct drm *d, pixman_region32_t *damage);
/* The DRM descriptor is readable (flip events). */
void drm_kms_dispatch(struct drm *d);
/* The seat came back: every output sets its mode again, fully repainted. */
void drm_kms_restore(struct drm *d);

/* drm-input.c */
struct drm_input *drm_input_create(struct drm *d);
void drm_input_destroy(struct drm_input *in);
void drm_input_suspend(struct drm_input *in, bool suspend);
void drm_input_window_removed(struct drm_input *in, struct window *win);
/* The pointer's shape as the core says it is now (drm_ui_shape). */
void drm_input_shape(struct drm_input *in);

/* drm-ui.c */
int drm_ui_init(struct drm *d); /* once the outputs are known; 0 or -1 */
void drm_ui_finish(struct drm *d);
void drm_ui_update(struct drm *d);			 /* at repaint: the bar follows the focus */
void drm_ui_cursor(struct drm *d, int32_t x, int32_t y); /* the pointer moved */
/* The shape the core says the pointer has now (pointer_shape). */
void drm_ui_shape(struct drm *d, uint32_t cursor);
/* Draw the bar, the notification and the cursor into b, o's back buffer. */
void drm_ui_draw(struct drm *d, struct drm_output *o, struct drm_buf *b);
/* b is drawn: the places of the bar, the notification and the cursor are
 * stale in it too (they are drawn again over the scene). */
void drm_ui_stale(struct drm *d, struct drm_output *o, struct drm_buf *b);
/* The tray area's damage (tray-area.h). */
void drm_ui_tray_damage(struct tray_area *t, const pixman_box32_t *box, bool icons);

/* drm-rate.c: after flip events, the frame rate (a log line with --verbose). */
void drm_rate_flipped(struct drm *d);

/* drm-gbm.c: --renderer gles2 */
int drm_gbm_init(struct drm *d); /* sets d->renderer and d->gl; -1: use pixman */
void drm_gbm_finish(struct drm *d);
/* b's stale part, the bar and the cursor drawn into its GBM buffer; -1:
 * the context is lost (drm_gbm_fallback) */
int drm_gbm_fill(struct drm *d, struct drm_output *o, struct drm_buf *b);
/* From now on pixman on the dumb buffers, the whole scene painted again. */
void drm_gbm_fallback(struct drm *d);

void drm_gbm_release(struct drm *d); /* the renderer and GBM buffers gone */

/* drm-hotplug.c: outputs plugged in and out (a udev monitor) */
struct drm_hotplug *drm_hotplug_create(struct drm *d); /* NULL: one line logged */
void drm_hotplug_destroy(struct drm_hotplug *hp);
/* The outputs, side by side, are the monitors the domains are told (monitors.h). */
void drm_tell_monitors(struct drm *d);

/* drm-cursor.c: the hardware cursor, where every CRTC has a cursor plane */
void drm_cursor_init(struct drm *d); /* sets d->hw_cursor, or leaves it false */
void drm_cursor_finish(struct drm *d);
void drm_cursor_move(struct drm *d);  /* to d->cur_x, d->cur_y */
void drm_cursor_image(struct drm *d); /* d->cursor changed: shown anew */
/* The cursor plane's state into o's atomic commit (when it is atomic). */
void drm_cursor_atomic(struct drm *d, struct drm_output *o, drmModeAtomicReq *req);
/* The driver refused it (one line): the cursor is drawn in the frames. */
void drm_cursor_refused(struct drm *d, struct drm_output *o);

/* drm-vt.c: the VT in direct mode (no libseat): NULL when there is none */
struct drm_vt *drm_vt_open(struct drm *d);
void drm_vt_close(struct drm_vt *vt);
void drm_vt_switch(struct drm_vt *vt, unsigned n); /* Ctrl+Alt+Fn */

/* drm.c: open and close a device node through the seat (or directly). */
int drm_open_device(struct drm *d, const char *path, int flags, int *id);
void drm_close_device(struct drm *d, int fd, int id);

#endif
