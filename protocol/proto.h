/*
 * vitrine wire protocol, shared by vitrine-agent and vitrine-daemon.
 *
 * Every message is a 12-byte header followed by a body:
 *
 *   u32 type | u32 window | u32 body length        (all little-endian)
 *
 * One table is the protocol: vp_types[] (protocol/table.c; its row in
 * proto-table.h) has one row per message type with its name, its sender, its body length (exact, or
 * bounded for strings and the Xen buffer form), whether it names a window,
 * when it is permitted, whether it carries a file descriptor, and its
 * decoder and encoder. vp_decode, vp_encode, vp_type_name, vp_check_order
 * and vp_msg_fds read that table and nothing else; so do the unit tests and
 * the daemon's handler array (gui-daemon/handle.c).
 *
 * Decoding (vp_decode) is a pure function with no I/O: it checks the
 * header, the length and every field's range and either fills a struct
 * vp_msg or names the violation. State checks (does the window exist, does
 * the damage fit the buffer) belong to the receiver.
 *
 * Window buffers: a VP_BUFFER message of kind VP_BUF_LOCAL travels with one
 * file descriptor (a sealed memfd) passed with SCM_RIGHTS on the same socket,
 * sent with the message's first bytes and no bytes of any other message (a
 * read ends with the bytes its descriptors came with, and the receiver gives
 * a descriptor to the message holding the last byte of its read); kind
 * VP_BUF_GRANT carries the list of grant references instead. Format
 * VP_FMT_XRGB8888_X2 (minor 4) holds two frames, one after the other; the
 * agent says which holds a whole frame with PRESENT (protocol/dbuf.c).
 */
#ifndef VITRINE_PROTO_H
#define VITRINE_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "notify.h"
#include "utf8.h"

#define VP_MAJOR 1
#define VP_MINOR 5
#define VP_MINOR_KEYSYM 1   /* the first minor whose agents read KEYSYM */
#define VP_MINOR_DESKTOP 2  /* the first minor whose daemons read CURSOR and ICON */
#define VP_MINOR_MONITORS 3 /* the first minor whose agents read MONITORS, SYNC_REQUEST */
#define VP_MINOR_FRAME 3    /* the first minor whose daemons answer FRAME (FRAME_DONE) */
#define VP_MINOR_NOTIFY 4   /* NOTIFY actions, NOTIFY_CLOSE, NOTIFY_EVENT (notify.h) */
#define VP_MINOR_DBUF 4	    /* the first minor whose daemons take two-frame buffers (X2, PRESENT) */
#define VP_MINOR_TRAY_PLACE 5 /* the first minor whose agents read TRAY_PLACE */

#define VP_HDR_SIZE 12u
#define VP_MAX_DIM 8192u      /* largest window width or height */
#define VP_MIN_COORD (-32768) /* window positions: X's int16 range */
#define VP_MAX_COORD 32767
#define VP_MAX_TITLE 1024u /* bytes of raw title on the wire */
#define VP_MAX_CLASS 256u  /* bytes of each WM_CLASS string */
#define VP_MAX_REFS 65536u /* grant refs: 256 MiB of 4 KiB pages */
#define VP_PAGE_SIZE 4096u
#define VP_MAX_KEYSYM 0x1fffffffu	     /* X keysyms are 29 bits */
#define VP_MAX_LAYOUT 64u		     /* bytes of each XKB name in LAYOUT */
#define VP_MAX_CLIPBOARD (256u * 1024u)	     /* bytes of clipboard text on the wire */
#define VP_MAX_BODY (32u + 4u * VP_MAX_REFS) /* largest legal body */
#define VP_MAX_ICON 256u		     /* largest icon width or height */
#define VP_MAX_MONITORS 16u		     /* monitors in MONITORS */
#define VP_MIN_DPI 24u			     /* MONITORS' dpi: 0.25 to 10 times 96 */
#define VP_MAX_DPI 960u
#define VP_MAX_MM 100000u	   /* a monitor's physical size, millimetres */
#define VP_MAX_TRAY_ICON 64u	   /* largest tray icon width or height */
#define VP_MAX_NOTIFY_APP 64u	   /* bytes of a notification's app name */
#define VP_MAX_NOTIFY_SUMMARY 256u /* bytes of its summary */
#define VP_MAX_NOTIFY_BODY 1024u   /* bytes of its body */

enum vp_type {
	/* agent -> daemon */
	VP_HELLO = 1, /* window 0 */
	VP_CREATE = 2,
	VP_DESTROY = 3,
	VP_MAP = 4,
	VP_UNMAP = 5,
	VP_CONFIGURE = 6,
	VP_DAMAGE = 7,
	VP_BUFFER = 8,
	VP_TITLE = 9,
	VP_CLASS = 10,
	VP_HINTS = 11,
	VP_WMFLAGS = 12,
	VP_CLIPBOARD_DATA = 13, /* window 0: answer to CLIPBOARD_REQUEST */
	VP_WINDOW_TYPE = 14,	/* the guest's _NET_WM_WINDOW_TYPE: enum vp_wintype */
	VP_CURSOR = 15,		/* the guest's cursor over the window: a shape number */
	VP_ICON = 16,		/* the window's _NET_WM_ICON: one image, or none */
	VP_TRAY_ICON = 17,	/* a docked tray icon's pixels (window: the icon's id); 0x0: gone */
	VP_TRAY_TITLE = 18,	/* a tray icon's name (its application's title) */
	VP_NOTIFY = 19,		/* window 0: a desktop notification (tray.c) */
	VP_SYNC_DONE = 20,	/* the frame SYNC_REQUEST asked for is drawn (or not coming) */
	/* The DAMAGE sent before it for the window ends a frame: answer with
	 * FRAME_DONE(seq) once nothing reads those pixels any more. */
	VP_FRAME = 22,
	VP_NOTIFY_CLOSE = 21, /* window 0: the domain closed its notification (notify.h) */
	VP_PRESENT = 23,      /* frame seq is whole in frame index of an X2 buffer (dbuf.c) */
	VP_NOTIFY_ICON = 24,  /* window 0: a shown notification's icon (notify.h) */

	/* daemon -> agent */
	VP_WELCOME = 0x81, /* window 0 */
	VP_SET_GEOMETRY = 0x82,
	VP_CLOSE = 0x83,
	VP_SCREEN = 0x84,  /* window 0 */
	VP_RELEASE = 0x85, /* buffer no longer used by the daemon */
	VP_KEY = 0x86,
	VP_BUTTON = 0x87,
	VP_MOTION = 0x88,
	VP_CROSSING = 0x89,
	VP_FOCUS = 0x8a,
	VP_KEYMAP = 0x8b,	     /* window 0: keys held on the trusted side */
	VP_LAYOUT = 0x8c,	     /* window 0: keyboard layout to apply */
	VP_CLIPBOARD_REQUEST = 0x8d, /* window 0: send your clipboard (user's copy) */
	VP_CLIPBOARD_PASTE = 0x8e,   /* window 0: this is your clipboard now (user's paste) */
	VP_WINDOW_STATE = 0x8f,	     /* the state the desktop shows the window in: VP_STATE_* */
	VP_KEYSYM = 0x90,	     /* the next KEY press of keycode types keysym */
	VP_TRAY_BUTTON = 0x91,	     /* a click or scroll on a tray icon: as BUTTON */
	VP_MONITORS = 0x93,	     /* window 0: the desktop's monitors and dpi */
	VP_SYNC_REQUEST = 0x94,	     /* the window is resized: answer SYNC_DONE when drawn */
	/* The daemon has finished reading the damage of the window's FRAME seq
	 * and of every FRAME before it: the agent may write there again. */
	VP_FRAME_DONE = 0x95,
	VP_NOTIFY_EVENT = 0x92, /* window 0: a notification closed, or its action invoked */
	/* Before a TRAY_BUTTON press: the icon's top left on the screen (as
	 * MOTION, state 0), so that a menu it opens comes up there */
	VP_TRAY_PLACE = 0x96,
};
#define VP_TYPE_MAX 0x96u /* the largest type number: vp_types[] has VP_TYPE_MAX + 1 rows */

/* HELLO flags: none is defined yet; any bit set is a violation */
#define VP_HELLO_FLAGS_ALL 0x0u

#include "proto-values.h" /* the flags and values inside messages */

enum vp_buf_kind { VP_BUF_LOCAL = 1, VP_BUF_GRANT = 2 };
/* X2: two frames of stride * height, frame 1 right after frame 0 (dbuf.c) */
enum vp_format { VP_FMT_XRGB8888 = 1, VP_FMT_XRGB8888_X2 = 2 };

struct vp_rect {
	int32_t x, y;
	uint32_t w, h;
};

struct vp_present {
	uint32_t seq, index; /* PRESENT: index any number (the daemon checks it) */
};
struct vp_hello {
	uint16_t major, minor;
	uint32_t flags;
};
struct vp_create {
	struct vp_rect r;
	uint32_t flags;
	uint32_t transient_for;
};
struct vp_map {
	uint32_t flags;
	uint32_t transient_for;
};
struct vp_configure {
	struct vp_rect r;
	uint32_t flags;
};
struct vp_buffer {
	uint32_t serial; /* agent's number for this buffer, echoed by RELEASE */
	uint32_t kind;	 /* enum vp_buf_kind */
	uint32_t width, height, stride;
	uint32_t format;     /* enum vp_format */
	uint32_t domid;	     /* VP_BUF_GRANT: granting domain; 0 for local */
	uint32_t nrefs;	     /* VP_BUF_GRANT: == pages for stride*height; 0 for local */
	const uint8_t *refs; /* nrefs little-endian u32, points into the input */
};
struct vp_string {
	uint32_t len;
	const uint8_t *bytes; /* into the input */
};
struct vp_class {
	struct vp_string name, class_;
};
struct vp_hints {
	uint32_t flags;
	uint32_t min_w, min_h, max_w, max_h, inc_w, inc_h, base_w, base_h;
};
struct vp_welcome {
	uint16_t major, minor;
	uint32_t screen_w, screen_h;
};
struct vp_size {
	uint32_t w, h;
};
struct vp_key {
	uint32_t keycode, state, pressed;
};
struct vp_button {
	uint32_t button, pressed;
	int32_t x, y;
	uint32_t state;
};
struct vp_motion {
	int32_t x, y;
	uint32_t state;
};
struct vp_crossing {
	uint32_t entered;
	int32_t x, y;
	uint32_t state;
};
/* What the desktop's layout makes of the key about to be pressed: keysym 0
 * (NoSymbol) when it makes nothing; at most VP_MAX_KEYSYM. */
struct vp_keysym {
	uint32_t keycode, keysym;
};
struct vp_focus {
	uint32_t in;
};
struct vp_keymap {
	uint8_t keys[32];
};
/* XKB rule names; each only [A-Za-z0-9_,:()+-], at most VP_MAX_LAYOUT bytes */
struct vp_layout {
	struct vp_string rules, model, layout, variant, options;
};
/* ICON: width x height pixels, each a little-endian u32 0xAARRGGBB, not
 * premultiplied (as in _NET_WM_ICON), row by row; 0 x 0: no icon. Each side
 * at most VP_MAX_ICON. */
struct vp_icon {
	uint32_t width, height;
	const uint8_t *pixels; /* width * height * 4 bytes, into the input */
};
struct vp_clipboard {
	uint32_t serial;
	struct vp_string text;
};
/* MONITORS (protocol/monitors.c): the trusted side's layout, 1 to
 * VP_MAX_MONITORS rectangles of the output (x, y >= 0, w, h in 1..VP_MAX_DIM,
 * x + w and y + h at most VP_MAX_COORD; physical size in mm, 0 for
 * unknown, at most VP_MAX_MM) and the dpi applications should use
 * (Xft.dpi), VP_MIN_DPI..VP_MAX_DPI. */
struct vp_monitor {
	int32_t x, y;
	uint32_t w, h, mm_w, mm_h;
};
struct vp_monitors {
	uint32_t dpi, n;
	struct vp_monitor m[VP_MAX_MONITORS];
};
/* SYNC_REQUEST: the user resizes the window to w x h (a SET_GEOMETRY
 * follows); SYNC_DONE echoes serial once the guest drew that size. */
struct vp_sync {
	uint32_t serial, w, h;
};
/* NOTIFY: u32 id | u16 app len | u16 summary len | u16 body len | u8 actions |
 * u8 default | the three strings | the actions' labels (notify.h); each at most its
 * VP_MAX_NOTIFY_*, raw (sanitized by the daemon). id is the agent's number for the notification. */
struct vp_notify {
	uint32_t id;
	struct vp_string app, summary, body;
	uint32_t nactions, default_action; /* notify.h; default_action: 1 + index, or 0 */
	struct vp_string actions[VP_MAX_NOTIFY_ACTIONS];
};

struct vp_msg {
	uint32_t type;	 /* enum vp_type */
	uint32_t window; /* 0 for connection-level messages, else nonzero */
	union {
		struct vp_hello hello;
		struct vp_create create;
		struct vp_map map;
		struct vp_configure configure;
		struct vp_rect damage;
		struct vp_buffer buffer;
		struct vp_string title;
		struct vp_class cls;
		struct vp_hints hints;
		uint32_t wmflags;
		uint32_t wintype;    /* WINDOW_TYPE: any number (checked by the daemon) */
		uint32_t state;	     /* WINDOW_STATE: VP_STATE_* */
		uint32_t cursor;     /* CURSOR: below VP_CURSOR_COUNT */
		struct vp_icon icon; /* ICON, TRAY_ICON (at most VP_MAX_TRAY_ICON a side) */
		struct vp_notify notify;
		struct vp_welcome welcome;
		struct vp_rect geometry; /* SET_GEOMETRY */
		struct vp_size screen;
		uint32_t release_serial;
		struct vp_key key;
		struct vp_keysym keysym;
		struct vp_button button; /* BUTTON, TRAY_BUTTON */
		struct vp_motion motion; /* MOTION, TRAY_PLACE */
		struct vp_crossing crossing;
		struct vp_focus focus;
		struct vp_keymap keymap;
		struct vp_layout layout;
		struct vp_clipboard clip; /* DATA: serial + text; REQUEST: serial;
					     PASTE: text */
		struct vp_monitors monitors;
		struct vp_sync sync; /* SYNC_REQUEST; SYNC_DONE: serial only */
		uint32_t frame_seq;  /* FRAME, FRAME_DONE: any number */
		uint32_t notify_id;  /* NOTIFY_CLOSE */
		struct vp_notify_event notify_event;
		struct vp_present present;
		struct vp_notify_icon notify_icon;
	} u;
};

/* Which side sent a message; each decodes only the other side's types. */
enum vp_dir { VP_FROM_AGENT, VP_FROM_DAEMON };

/*
 * HINTS that make sense: known flags, each size at most VP_MAX_DIM, and for
 * the flagged fields: min <= max, max and increments nonzero, increments
 * and base at most the max size. NULL, or the violation.
 */
const char *vp_hints_check(const struct vp_hints *h);
/* Drop the flagged fields vp_hints_check would refuse (for the agent, which
 * forwards what an X client set). */
void vp_hints_fix(struct vp_hints *h);

/*
 * Decode one message from untrusted_buf[0..len).
 * Returns the number of bytes consumed (> 0) and fills *out;
 *         0 if more bytes are needed (nothing is wrong yet);
 *        -1 on a violation, with *why set to a static description.
 * Pure: no I/O, no allocation. Pointers in *out point into untrusted_buf.
 */
long vp_decode(enum vp_dir dir, const uint8_t *untrusted_buf, size_t len, struct vp_msg *out,
	       const char **why);

/*
 * Encode m into out[0..cap). Returns the byte count, or 0 if it does not fit
 * or m breaks its row of the table (unknown type, the wrong kind of window
 * id, a string or grant list longer than allowed).
 */
size_t vp_encode(const struct vp_msg *m, uint8_t *out, size_t cap);

/* Size in bytes of the encoded form of m (header included). */
size_t vp_encoded_size(const struct vp_msg *m);

/* Name of a message type for logs ("CREATE"), or "unknown" (from the table). */
const char *vp_type_name(uint32_t type);

/* Pages needed for stride*height bytes; 0 on overflow or zero size. */
uint32_t vp_pages_for(uint32_t stride, uint32_t height);

/* Read refs[i] of a decoded VP_BUFFER (grant form). */
uint32_t vp_buffer_ref(const struct vp_buffer *b, uint32_t i);

/* dbuf.c: frames in a decoded VP_BUFFER (2 for X2, else 1), and its bytes */
uint32_t vp_buffer_frames(const struct vp_buffer *b);
uint64_t vp_buffer_bytes(const struct vp_buffer *b);

/*
 * Make a window title safe to draw: at most out_cap-1 bytes, NUL-terminated.
 * Printable ASCII only unless allow_utf8, in which case well-formed UTF-8 is
 * kept except C0/C1 controls and bidi/invisible format characters. Anything
 * else becomes '_'. Stops at a character boundary when out is full.
 * Returns the length written.
 */
size_t vp_sanitize_title(const uint8_t *untrusted, size_t len, int allow_utf8, char *out,
			 size_t out_cap);

#include "proto-table.h" /* the protocol table: vp_types[] (table.c) */

#endif
