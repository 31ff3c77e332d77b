/*
 * The desktop's messages: the decoders of CURSOR and ICON, and the cursor
 * shapes a domain may ask for (CURSOR): the X cursor font's, by
 * number, never pixels (ATTACKS row 15). The number of a shape is its glyph
 * in the cursor font divided by two, plus one; 0 is the desktop's default.
 * The agent maps the name XFixes reports for the guest's cursor to a number
 * (vp_cursor_id: a cursor theme's CSS names too); the daemon draws the shape
 * from its own cursor font or theme. Pure.
 */
#include <string.h>

#include "proto.h"
#include "wire.h"

static const char *const names[VP_CURSOR_COUNT] = {
	"default", /* VP_CURSOR_DEFAULT */
	"X_cursor",
	"arrow",
	"based_arrow_down",
	"based_arrow_up",
	"boat",
	"bogosity",
	"bottom_left_corner",
	"bottom_right_corner",
	"bottom_side",
	"bottom_tee",
	"box_spiral",
	"center_ptr",
	"circle",
	"clock",
	"coffee_mug",
	"cross",
	"cross_reverse",
	"crosshair",
	"diamond_cross",
	"dot",
	"dotbox",
	"double_arrow",
	"draft_large",
	"draft_small",
	"draped_box",
	"exchange",
	"fleur",
	"gobbler",
	"gumby",
	"hand1",
	"hand2",
	"heart",
	"icon",
	"iron_cross",
	"left_ptr",
	"left_side",
	"left_tee",
	"leftbutton",
	"ll_angle",
	"lr_angle",
	"man",
	"middlebutton",
	"mouse",
	"pencil",
	"pirate",
	"plus",
	"question_arrow",
	"right_ptr",
	"right_side",
	"right_tee",
	"rightbutton",
	"rtl_logo",
	"sailboat",
	"sb_down_arrow",
	"sb_h_double_arrow",
	"sb_left_arrow",
	"sb_right_arrow",
	"sb_up_arrow",
	"sb_v_double_arrow",
	"shuttle",
	"sizing",
	"spider",
	"spraycan",
	"star",
	"target",
	"tcross",
	"top_left_arrow",
	"top_left_corner",
	"top_right_corner",
	"top_side",
	"top_tee",
	"trek",
	"ul_angle",
	"umbrella",
	"ur_angle",
	"watch",
	"xterm",
};

/* A cursor theme's other names (the CSS ones GTK and Qt ask for) and the
 * cursor font shape each is drawn as. */
static const struct {
	const char *alias, *name;
} aliases[] = {
	{ "text", "xterm" },
	{ "vertical-text", "xterm" },
	{ "ibeam", "xterm" },
	{ "pointer", "hand2" },
	{ "pointing_hand", "hand2" },
	{ "wait", "watch" },
	{ "progress", "watch" },
	{ "left_ptr_watch", "watch" },
	{ "help", "question_arrow" },
	{ "left_ptr_help", "question_arrow" },
	{ "whats_this", "question_arrow" },
	{ "move", "fleur" },
	{ "all-scroll", "fleur" },
	{ "grabbing", "fleur" },
	{ "size_all", "fleur" },
	{ "ew-resize", "sb_h_double_arrow" },
	{ "col-resize", "sb_h_double_arrow" },
	{ "h_double_arrow", "sb_h_double_arrow" },
	{ "size_hor", "sb_h_double_arrow" },
	{ "split_h", "sb_h_double_arrow" },
	{ "ns-resize", "sb_v_double_arrow" },
	{ "row-resize", "sb_v_double_arrow" },
	{ "v_double_arrow", "sb_v_double_arrow" },
	{ "size_ver", "sb_v_double_arrow" },
	{ "split_v", "sb_v_double_arrow" },
	{ "n-resize", "top_side" },
	{ "s-resize", "bottom_side" },
	{ "e-resize", "right_side" },
	{ "w-resize", "left_side" },
	{ "ne-resize", "top_right_corner" },
	{ "nw-resize", "top_left_corner" },
	{ "se-resize", "bottom_right_corner" },
	{ "sw-resize", "bottom_left_corner" },
	{ "nwse-resize", "bottom_right_corner" },
	{ "nesw-resize", "bottom_left_corner" },
	{ "size_fdiag", "bottom_right_corner" },
	{ "size_bdiag", "bottom_left_corner" },
	{ "cell", "plus" },
	{ "not-allowed", "X_cursor" },
	{ "no-drop", "X_cursor" },
	{ "forbidden", "X_cursor" },
	{ "crossed_circle", "X_cursor" },
	{ "hand", "hand2" },
	{ "openhand", "hand1" },
	{ "grab", "hand1" },
	{ "context-menu", "left_ptr" },
	{ "copy", "left_ptr" },
	{ "alias", "left_ptr" },
};

const char *vp_cursor_name(uint32_t id)
{
	return id < VP_CURSOR_COUNT ? names[id] : NULL;
}

uint32_t vp_cursor_id(const char *untrusted_name)
{
	if (!untrusted_name)
		return VP_CURSOR_DEFAULT;
	for (unsigned k = 0; k < sizeof(aliases) / sizeof(aliases[0]); k++)
		if (!strcmp(untrusted_name, aliases[k].alias)) {
			untrusted_name = aliases[k].name;
			break;
		}
	for (uint32_t i = 1; i < VP_CURSOR_COUNT; i++)
		if (!strcmp(untrusted_name, names[i]))
			return i;
	return VP_CURSOR_DEFAULT;
}

/* ---- decoders (agent -> daemon) ---- */

VP_DECODER(vp_dec_cursor)
{
	(void)len;
	m->u.cursor = get32(untrusted);
	return m->u.cursor >= VP_CURSOR_COUNT ? "unknown cursor shape" : NULL;
}

VP_DECODER(vp_dec_icon)
{
	struct vp_icon *i = &m->u.icon;
	return picture_check(untrusted, len, VP_MAX_ICON, 1, &i->width, &i->height, &i->pixels,
			     "icon size out of range", "ICON length does not match its size");
}
