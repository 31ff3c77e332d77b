/*
 * Size hints that make sense: what the daemon accepts in HINTS (checked by
 * its decoder), and the agent's repair of what an X client set. Pure.
 */
#include "proto.h"

const char *vp_hints_check(const struct vp_hints *h)
{
	const uint32_t v[] = { h->min_w, h->min_h, h->max_w,  h->max_h,
			       h->inc_w, h->inc_h, h->base_w, h->base_h };
	const bool max = h->flags & VP_HINT_MAX;
	if (h->flags & ~VP_HINT_ALL)
		return "unknown hint flags";
	for (unsigned i = 0; i < 8; i++)
		if (v[i] > VP_MAX_DIM)
			return "size hint out of range";
	if (max && (h->max_w == 0 || h->max_h == 0))
		return "maximum size hint of zero";
	if (max && (h->flags & VP_HINT_MIN) && (h->min_w > h->max_w || h->min_h > h->max_h))
		return "minimum size hint larger than the maximum";
	if (h->flags & VP_HINT_INC) {
		if (h->inc_w == 0 || h->inc_h == 0)
			return "resize increment hint of zero";
		if (max && (h->inc_w > h->max_w || h->inc_h > h->max_h))
			return "resize increment hint larger than the maximum size";
	}
	if (max && (h->flags & VP_HINT_BASE) && (h->base_w > h->max_w || h->base_h > h->max_h))
		return "base size hint larger than the maximum";
	return NULL;
}

void vp_hints_fix(struct vp_hints *h)
{
	const uint32_t f = h->flags;
	if ((f & VP_HINT_MAX) && (h->max_w == 0 || h->max_h == 0))
		h->flags &= ~VP_HINT_MAX;
	if ((f & VP_HINT_INC) && (h->inc_w == 0 || h->inc_h == 0))
		h->flags &= ~VP_HINT_INC;
	if (h->flags & VP_HINT_MAX) {
		if (h->min_w > h->max_w || h->min_h > h->max_h)
			h->flags &= ~VP_HINT_MIN;
		if (h->inc_w > h->max_w || h->inc_h > h->max_h)
			h->flags &= ~VP_HINT_INC;
		if (h->base_w > h->max_w || h->base_h > h->max_h)
			h->flags &= ~VP_HINT_BASE;
	}
	if (vp_hints_check(h)) /* unknown flags, sizes out of range */
		*h = (struct vp_hints){ 0 };
}
