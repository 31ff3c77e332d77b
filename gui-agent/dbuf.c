/* Double buffering: two frames per window buffer (dbuf.h). */
#include "dbuf.h"

#include <stdlib.h>

bool dbuf_wanted(const struct agent *a, uint32_t stride, uint32_t height)
{
	return a->ready && a->daemon_minor >= VP_MINOR_DBUF && vp_pages_for(stride, height * 2u);
}

int dbuf_create(struct agent *a, struct buffer *b)
{
	if (!(b->dbuf = calloc(1, sizeof(*b->dbuf))))
		return -1;
	b->dbuf->pixmap = xcb_generate_id(a->xc);
	xcb_shm_create_pixmap(a->xc, b->dbuf->pixmap, a->root, (uint16_t)b->width,
			      (uint16_t)b->height, b->depth, b->seg, b->stride * b->height);
	dbuf_reset(b);
	return 0;
}

void dbuf_destroy(struct agent *a, struct buffer *b)
{
	if (!b->dbuf)
		return;
	xcb_free_pixmap(a->xc, b->dbuf->pixmap);
	free(b->dbuf);
	b->dbuf = NULL;
}

void dbuf_reset(struct buffer *b)
{
	struct dbuf *d = b->dbuf;
	if (!d)
		return;
	struct vp_rect all = { 0, 0, b->width, b->height };
	for (unsigned i = 0; i < 2; i++) {
		d->held[i] = false;
		d->stale[i][0] = all; /* nothing of it written for this daemon */
		d->nstale[i] = 1;
	}
	d->cur = 1; /* frame 0 first */
	d->pending = false;
}

bool dbuf_pick(struct buffer *b)
{
	struct dbuf *d = b->dbuf;
	if (!d->held[d->cur ^ 1u])
		d->cur ^= 1u;
	else if (d->held[d->cur])
		return false; /* both held: wait for a FRAME_DONE */
	return true;
}

xcb_pixmap_t dbuf_target(const struct buffer *b)
{
	return b->dbuf && b->dbuf->cur ? b->dbuf->pixmap : b->pixmap;
}

static bool covered(const struct vp_rect *r, const struct vp_rect *by, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (r->x >= by[i].x && r->y >= by[i].y &&
		    (int64_t)r->x + r->w <= (int64_t)by[i].x + by[i].w &&
		    (int64_t)r->y + r->h <= (int64_t)by[i].y + by[i].h)
			return true;
	return false;
}

void dbuf_across(struct agent *a, struct win *w, unsigned n)
{
	struct buffer *b = w->buf;
	struct dbuf *d = b->dbuf;
	unsigned c = d->cur;
	xcb_rectangle_t clip[MAX_DAMAGE_RECTS];
	int32_t x0 = INT32_MAX, y0 = INT32_MAX, x1 = 0, y1 = 0;
	d->nacross = 0;
	for (unsigned i = 0; i < d->nstale[c]; i++) {
		const struct vp_rect *r = &d->stale[c][i];
		if (covered(r, w->dmg, n)) /* the window's pixels come there anyway */
			continue;
		d->across[d->nacross] = *r;
		clip[d->nacross++] = (xcb_rectangle_t){ (int16_t)r->x, (int16_t)r->y,
							(uint16_t)r->w, (uint16_t)r->h };
		x0 = r->x < x0 ? r->x : x0;
		y0 = r->y < y0 ? r->y : y0;
		x1 = r->x + (int32_t)r->w > x1 ? r->x + (int32_t)r->w : x1;
		y1 = r->y + (int32_t)r->h > y1 ? r->y + (int32_t)r->h : y1;
	}
	d->nstale[c] = 0;
	d->pending = true;
	if (!d->nacross)
		return;
	/* One CopyArea, the other frame -> this one, through a clip list. */
	xcb_set_clip_rectangles(a->xc, XCB_CLIP_ORDERING_UNSORTED, b->gc, 0, 0, d->nacross, clip);
	b->clipped = true;
	xcb_pixmap_t from = c ? b->pixmap : d->pixmap, to = c ? d->pixmap : b->pixmap;
	xcb_copy_area(a->xc, from, to, b->gc, (int16_t)x0, (int16_t)y0, (int16_t)x0, (int16_t)y0,
		      (uint16_t)(x1 - x0), (uint16_t)(y1 - y0));
}

/* r joins list (of *n), as its bounding box with all of them once full. */
static void add_rect(struct vp_rect *list, unsigned *n, const struct vp_rect *r)
{
	if (*n < MAX_DAMAGE_RECTS) {
		list[(*n)++] = *r;
		return;
	}
	int64_t x0 = r->x, y0 = r->y, x1 = (int64_t)r->x + r->w, y1 = (int64_t)r->y + r->h;
	for (unsigned i = 0; i < *n; i++) {
		x0 = list[i].x < x0 ? list[i].x : x0;
		y0 = list[i].y < y0 ? list[i].y : y0;
		x1 = (int64_t)list[i].x + list[i].w > x1 ? (int64_t)list[i].x + list[i].w : x1;
		y1 = (int64_t)list[i].y + list[i].h > y1 ? (int64_t)list[i].y + list[i].h : y1;
	}
	list[0] = (struct vp_rect){ (int32_t)x0, (int32_t)y0, (uint32_t)(x1 - x0),
				    (uint32_t)(y1 - y0) };
	*n = 1;
}

/* Rectangle r of frame c, as rows of the whole buffer (copy_out's terms). */
static struct vp_rect in_frame(const struct buffer *b, const struct vp_rect *r, unsigned c)
{
	struct vp_rect s = *r;
	s.y += (int32_t)(c * b->height);
	return s;
}

void dbuf_present(struct agent *a, struct win *w)
{
	struct buffer *b = w->buf;
	struct dbuf *d = b->dbuf;
	unsigned c = d->cur;
	for (unsigned i = 0; i < d->nacross; i++) {
		struct vp_rect s = in_frame(b, &d->across[i], c);
		buffer_copy_out(b, &s); /* Xen: into the granted pages */
	}
	for (unsigned i = 0; i < w->ndmg; i++) {
		struct vp_rect s = in_frame(b, &w->dmg[i], c);
		buffer_copy_out(b, &s);
		struct vp_msg m = { .type = VP_DAMAGE, .window = w->id };
		m.u.damage = w->dmg[i];
		agent_send(a, &m, -1);
		add_rect(d->stale[c ^ 1u], &d->nstale[c ^ 1u], &w->dmg[i]);
	}
	struct vp_msg p = { .type = VP_PRESENT, .window = w->id };
	p.u.present.seq = d->seq[c] = ++a->next_frame;
	p.u.present.index = c;
	agent_send(a, &p, -1);
	d->held[c] = true;
	d->pending = false;
}

void dbuf_frame_done(struct agent *a, struct win *w, uint32_t seq)
{
	struct dbuf *d = w->buf->dbuf;
	for (unsigned i = 0; i < 2; i++)
		if (d->held[i] && (int32_t)(seq - d->seq[i]) >= 0) /* and every one before */
			d->held[i] = false;
	if (w->ndmg)
		a->dirty = true; /* what came meanwhile goes now */
}
