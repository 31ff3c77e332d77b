/*
 * PNG images for screenshot comparison (vitrinectl assert-screen and the
 * tests' pngcmp): read as 8-bit RGBA, compare with a per-channel tolerance
 * and a mask, draw the differences.
 */
#ifndef VITRINE_IMAGE_H
#define VITRINE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vt_image {
	uint32_t w, h;
	uint8_t *px; /* RGBA, w * h * 4 */
};

/* 0, or -1 with a message naming the file in err. */
int vt_image_load(const char *path, struct vt_image *im, char *err, size_t len);
int vt_image_save(const char *path, const struct vt_image *im, char *err, size_t len);
void vt_image_free(struct vt_image *im);

/* A mask pixel that is black (all of R, G, B below 128) and opaque hides
 * that pixel from the comparison. */
bool vt_image_masked(const struct vt_image *mask, uint32_t x, uint32_t y);

struct vt_compare {
	uint64_t compared, differ; /* pixels not masked; of them, differing */
	uint32_t first_x, first_y; /* the first differing pixel */
};

/* shot against ref (same size), pixel by pixel: equal when every channel
 * differs by at most tolerance. mask: NULL, or the same size. diff: NULL,
 * or receives a picture of the result (the shot dimmed to grey, differing
 * pixels magenta, masked ones dark blue); free it with vt_image_free. */
void vt_image_compare(const struct vt_image *ref, const struct vt_image *shot,
		      const struct vt_image *mask, int tolerance, struct vt_compare *r,
		      struct vt_image *diff);

/* Where tmpl best matches within img (the smallest sum of absolute
 * differences), sliding over every position; its mean difference per
 * channel (0 exact .. 255) in *score. -1 if tmpl is larger than img. */
int vt_image_find(const struct vt_image *img, const struct vt_image *tmpl, uint32_t *x, uint32_t *y,
		  double *score);

#endif
