/*
 * The trusted notice's look, the same on every backend: a banner at the top
 * centre of an area (the work area), in the daemon's own colours: a black
 * plate with a white border of DECO_NOTICE_BORDER pixels, "vitrine" in
 * yellow, then the text in white. Drawn by the daemon above every window
 * (headless: last, over the composited output; x11: in a daemon-owned
 * override-redirect window kept on top), never by a domain; see notice.h.
 * Includes nothing of the daemon's.
 */
#ifndef VITRINE_DECO_NOTICE_H
#define VITRINE_DECO_NOTICE_H

#include <pixman.h>

#define DECO_NOTICE_BORDER 2
#define DECO_NOTICE_HEIGHT 30
#define DECO_NOTICE_FG 0xffffff	  /* border and text */
#define DECO_NOTICE_BG 0x000000	  /* plate */
#define DECO_NOTICE_MARK 0xfce94f /* the word "vitrine" */

/* The banner's box for text, top centre of area (clipped to it). */
void deco_notice_box(const char *text, const pixman_box32_t *area, pixman_box32_t *out);
/* Draw the banner whose box is b into dst (dst's coordinates), within clip
 * (NULL: the whole box). */
void deco_notice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *text,
		      pixman_region32_t *clip);

/* A domain's notification (gui-daemon/tray.h), drawn by the daemon where no
 * notification service shows it (headless): visibly not the daemon's
 * notice: a thick border in the domain's label colour, a dark grey plate,
 * "[domain]" on a plate of the label colour (its text white or black, as
 * reads on it) where the daemon's says "vitrine". */
#define DECO_DNOTICE_BORDER 4
#define DECO_DNOTICE_BG 0x303030
#define DECO_DNOTICE_FG 0xe0e0e0
/* Its icon, if it has one (pixels already marked by the daemon), scaled to
 * DECO_DNOTICE_ICON a side at the left of the plate, the box made taller. */
#define DECO_DNOTICE_ICON 32
#define DECO_DNOTICE_ICON_PAD 6
/* The notices' strip at the top of an area: the daemon's notice, then, a
 * gap below, the one domain notification the daemon draws (its tallest:
 * with an icon). */
#define DECO_NOTICE_GAP 6
/* How wide the middle of the strip is where a popup may not be, below the
 * notice (gui-daemon/scene-place.c): the daemon's notices fit in it. */
#define DECO_NOTICE_BAND 640
#define DECO_NOTICES_STRIP                                                                         \
	(DECO_NOTICE_HEIGHT + DECO_NOTICE_GAP + DECO_DNOTICE_ICON + 2 * (DECO_DNOTICE_BORDER + 4))
struct deco_icon {
	uint32_t w, h;	      /* 0: none */
	const uint32_t *argb; /* w * h, 0xAARRGGBB not premultiplied */
};
/* Its actions but the default one (a click elsewhere on it), as buttons at
 * the right end of the plate, each at most DECO_DNOTICE_BUTTON_MAX wide (its
 * label cut there); those that do not fit in the box are not drawn. */
#define DECO_DNOTICE_BUTTONS 8
#define DECO_DNOTICE_BUTTON_MAX 160
struct deco_buttons {
	unsigned n;
	const char *label[DECO_DNOTICE_BUTTONS];
};
void deco_dnotice_box(const char *domain, const char *text, const struct deco_icon *icon,
		      const struct deco_buttons *btn, const pixman_box32_t *area,
		      pixman_box32_t *out);
void deco_dnotice_draw(pixman_image_t *dst, const pixman_box32_t *b, const char *domain,
		       uint32_t rgb, const char *text, const struct deco_icon *icon,
		       const struct deco_buttons *btn, pixman_region32_t *clip);
/* The index of btn's button at (x, y) in the notification whose box is b;
 * -1: none there. */
int deco_dnotice_button_at(const pixman_box32_t *b, const struct deco_buttons *btn, int32_t x,
			   int32_t y);

#endif
