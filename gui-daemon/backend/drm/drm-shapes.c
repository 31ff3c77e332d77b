/*
 * The pointer's shapes on the drm backend (drm.h), drawn by the daemon
 * itself: a guest names a shape (CURSOR: a number of the X cursor font's
 * fixed set, vp_cursor_name), never pixels (ATTACKS row 15), and the
 * daemon shows its own bitmap for it. X is black, . white, a space
 * transparent; each fits DRM_CURSOR_W x DRM_CURSOR_H, its hot spot given.
 * Names with no bitmap of their own show the arrow.
 */
#include <string.h>

#include "drm.h"

static const char *const arrow[] = {
	"X",	       "XX",	       "X.X",	       "X..X",	     "X...X",
	"X....X",      "X.....X",      "X......X",     "X.......X",  "X........X",
	"X.........X", "X..........X", "X......XXXXX", "X...X..X",   "X..XX..X",
	"X.X  X..X",   "XX   X..X",    "X     X..X",   "      X..X", "       XX",
	NULL,
};

static const char *const ibeam[] = {
	"XXX XXX", "X..X..X", "XXX.XXX", "  X.X", "  X.X", "  X.X",   "  X.X",	 "  X.X",   "  X.X",
	"  X.X",   "  X.X",   "  X.X",	 "  X.X", "  X.X", "XXX.XXX", "X..X..X", "XXX XXX", NULL,
};

static const char *const hand[] = {
	"     XX",
	"    X..X",
	"    X..X",
	"    X..X",
	"    X..XXX",
	"    X..X..XXX",
	"    X..X..X..XX",
	" XX X..X..X..X.X",
	"X..XX........X.X",
	"X...X..........X",
	" X.............X",
	"  X............X",
	"  X...........X",
	"   X..........X",
	"   X.........X",
	"    X........X",
	"    X........X",
	"    XXXXXXXXXX",
	NULL,
};

static const char *const h_resize[] = {
	"   X        X",   "  XX        XX", " X.XXXXXXXXXX.X", "X..............X",
	" X.XXXXXXXXXX.X", "  XX        XX", "   X        X",	NULL,
};

static const char *const v_resize[] = {
	"   X",	 "  X.X", " X...X", "XXX.XXX", "  X.X",	 "  X.X", "  X.X", "  X.X", "  X.X",
	"  X.X", "  X.X", "  X.X",  "XXX.XXX", " X...X", "  X.X", "   X",  NULL,
};

/* the \ diagonal; mirrored for / */
static const char *const diagonal[] = {
	"XXXXX",	"X...X",	"X..X",		"X.X.X",	"XX X.X",
	"    X.X",	"     X.X",	"      X.X XX", "       X.X.X", "        X..X",
	"       X...X", "       XXXXX", NULL,
};

static const char *const busy[] = {
	"XXXXXXXXXXX", " X.......X", " X.......X",  " X.XXXXX.X", "  X.XXX.X",	"   X.X.X",
	"    X.X",     "    X.X",    "   X...X",    "  X.....X",  " X...X...X", " X..XXX..X",
	" X.XXXXX.X",  " X.......X", "XXXXXXXXXXX", NULL,
};

static const struct drm_shape shapes[] = {
	[DRM_SHAPE_ARROW] = { "arrow", arrow, 0, 0, false },
	[DRM_SHAPE_IBEAM] = { "xterm", ibeam, 3, 8, false },
	[DRM_SHAPE_HAND] = { "hand2", hand, 5, 0, false },
	[DRM_SHAPE_H_RESIZE] = { "sb_h_double_arrow", h_resize, 8, 3, false },
	[DRM_SHAPE_V_RESIZE] = { "sb_v_double_arrow", v_resize, 3, 8, false },
	[DRM_SHAPE_DIAG_NWSE] = { "bottom_right_corner", diagonal, 6, 6, false },
	[DRM_SHAPE_DIAG_NESW] = { "bottom_left_corner", diagonal, 6, 6, true },
	[DRM_SHAPE_BUSY] = { "watch", busy, 5, 7, false },
};

/* The cursor font's names (vp_cursor_name) each bitmap is shown for. */
static const struct {
	const char *name;
	enum drm_shape_id shape;
} by_name[] = {
	{ "xterm", DRM_SHAPE_IBEAM },
	{ "hand1", DRM_SHAPE_HAND },
	{ "hand2", DRM_SHAPE_HAND },
	{ "sb_h_double_arrow", DRM_SHAPE_H_RESIZE },
	{ "double_arrow", DRM_SHAPE_H_RESIZE },
	{ "left_side", DRM_SHAPE_H_RESIZE },
	{ "right_side", DRM_SHAPE_H_RESIZE },
	{ "sb_v_double_arrow", DRM_SHAPE_V_RESIZE },
	{ "top_side", DRM_SHAPE_V_RESIZE },
	{ "bottom_side", DRM_SHAPE_V_RESIZE },
	{ "top_left_corner", DRM_SHAPE_DIAG_NWSE },
	{ "bottom_right_corner", DRM_SHAPE_DIAG_NWSE },
	{ "top_right_corner", DRM_SHAPE_DIAG_NESW },
	{ "bottom_left_corner", DRM_SHAPE_DIAG_NESW },
	{ "watch", DRM_SHAPE_BUSY },
	{ "clock", DRM_SHAPE_BUSY },
};

enum drm_shape_id drm_shape_for(uint32_t cursor)
{
	const char *name = vp_cursor_name(cursor);
	for (size_t i = 0; name && i < sizeof(by_name) / sizeof(by_name[0]); i++)
		if (!strcmp(name, by_name[i].name))
			return by_name[i].shape;
	return DRM_SHAPE_ARROW;
}

const struct drm_shape *drm_shape(enum drm_shape_id id)
{
	return &shapes[id < DRM_SHAPE_COUNT ? id : DRM_SHAPE_ARROW];
}

void drm_shape_paint(const struct drm_shape *s, uint32_t *px, int stride)
{
	for (int y = 0; y < DRM_CURSOR_H; y++)
		memset(px + y * stride, 0, DRM_CURSOR_W * 4);
	for (int y = 0; y < DRM_CURSOR_H && s->rows[y]; y++) {
		const char *r = s->rows[y];
		int n = (int)strlen(r);
		for (int x = 0; x < n && x < DRM_CURSOR_W; x++) {
			int to = s->mirror ? 11 - x : x; /* the diagonal is 12 wide */
			if (to >= 0 && to < DRM_CURSOR_W && r[x] != ' ')
				px[y * stride + to] = r[x] == 'X' ? 0xff000000 : 0xffffffff;
		}
	}
}
