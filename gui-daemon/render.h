/* Renderers composite the scene into an image; pixman now, GLES2 later. */
#ifndef VITRINE_RENDER_H
#define VITRINE_RENDER_H

#include <pixman.h>

struct scene;
struct renderer;

struct renderer *pixman_renderer_create(pixman_image_t *dst);
void pixman_renderer_destroy(struct renderer *r);
/* Redraw everything of the scene that lies inside damage. */
void pixman_renderer_paint(struct renderer *r, struct scene *s, pixman_region32_t *damage);
/* The trusted notice, drawn over everything (text NULL: none) at the top
 * centre of area; adds the output it changed to damage. */
void pixman_renderer_notice(struct renderer *r, const char *text, const pixman_box32_t *area,
			    pixman_region32_t *damage);

#endif
