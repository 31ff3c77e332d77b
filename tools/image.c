/* PNG reading, writing and comparison for screenshot tests (image.h). */
#include "image.h"

#include <png.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vt_image_load(const char *path, struct vt_image *im, char *err, size_t len)
{
	png_image info = { .version = PNG_IMAGE_VERSION };
	memset(im, 0, sizeof(*im));
	if (!png_image_begin_read_from_file(&info, path)) {
		snprintf(err, len, "%s: %s", path, info.message);
		return -1;
	}
	info.format = PNG_FORMAT_RGBA;
	if (info.width > 16384 || info.height > 16384) {
		png_image_free(&info);
		snprintf(err, len, "%s: %ux%u is larger than 16384x16384", path, info.width,
			 info.height);
		return -1;
	}
	im->px = malloc(PNG_IMAGE_SIZE(info));
	if (!im->px || !png_image_finish_read(&info, NULL, im->px, 0, NULL)) {
		snprintf(err, len, "%s: %s", path, im->px ? info.message : "out of memory");
		png_image_free(&info);
		free(im->px);
		im->px = NULL;
		return -1;
	}
	im->w = info.width;
	im->h = info.height;
	return 0;
}

int vt_image_save(const char *path, const struct vt_image *im, char *err, size_t len)
{
	png_image info = { .version = PNG_IMAGE_VERSION,
			   .width = im->w,
			   .height = im->h,
			   .format = PNG_FORMAT_RGBA };
	if (!png_image_write_to_file(&info, path, 0, im->px, 0, NULL)) {
		snprintf(err, len, "%s: %s", path, info.message);
		return -1;
	}
	return 0;
}

void vt_image_free(struct vt_image *im)
{
	free(im->px);
	im->px = NULL;
	im->w = im->h = 0;
}

static const uint8_t *at(const struct vt_image *im, uint32_t x, uint32_t y)
{
	return im->px + ((size_t)y * im->w + x) * 4;
}

bool vt_image_masked(const struct vt_image *mask, uint32_t x, uint32_t y)
{
	const uint8_t *m = at(mask, x, y);
	return m[3] >= 128 && m[0] < 128 && m[1] < 128 && m[2] < 128;
}

void vt_image_compare(const struct vt_image *ref, const struct vt_image *shot,
		      const struct vt_image *mask, int tolerance, struct vt_compare *r,
		      struct vt_image *diff)
{
	memset(r, 0, sizeof(*r));
	if (diff) {
		diff->w = shot->w;
		diff->h = shot->h;
		diff->px = malloc((size_t)shot->w * shot->h * 4);
	}
	for (uint32_t y = 0; y < shot->h; y++) {
		for (uint32_t x = 0; x < shot->w; x++) {
			const uint8_t *a = at(ref, x, y), *b = at(shot, x, y);
			uint8_t *o =
				diff && diff->px ? diff->px + ((size_t)y * shot->w + x) * 4 : NULL;
			bool hidden = mask && vt_image_masked(mask, x, y), bad = false;
			for (int c = 0; c < 3 && !hidden; c++)
				bad |= abs((int)a[c] - (int)b[c]) > tolerance;
			if (!hidden) {
				r->compared++;
				if (bad && !r->differ++) {
					r->first_x = x;
					r->first_y = y;
				}
			}
			if (!o)
				continue;
			uint8_t grey = (uint8_t)((b[0] * 3 + b[1] * 6 + b[2]) / 10 / 3 + 64);
			if (hidden)
				o[0] = 20, o[1] = 20, o[2] = 90;
			else if (bad)
				o[0] = 255, o[1] = 0, o[2] = 255;
			else
				o[0] = o[1] = o[2] = grey;
			o[3] = 255;
		}
	}
}

int vt_image_find(const struct vt_image *img, const struct vt_image *tmpl, uint32_t *bx,
		  uint32_t *by, double *score)
{
	if (tmpl->w > img->w || tmpl->h > img->h || !tmpl->w || !tmpl->h)
		return -1;
	uint64_t best = UINT64_MAX;
	for (uint32_t y = 0; y + tmpl->h <= img->h; y++) {
		for (uint32_t x = 0; x + tmpl->w <= img->w; x++) {
			uint64_t sum = 0;
			for (uint32_t ty = 0; ty < tmpl->h && sum < best; ty++) {
				const uint8_t *a = at(img, x, y + ty), *b = at(tmpl, 0, ty);
				for (uint32_t i = 0; i < tmpl->w * 4; i++)
					if ((i & 3) != 3)
						sum += (uint64_t)abs((int)a[i] - (int)b[i]);
			}
			if (sum < best) {
				best = sum;
				*bx = x;
				*by = y;
			}
		}
	}
	*score = (double)best / ((double)tmpl->w * tmpl->h * 3);
	return 0;
}
