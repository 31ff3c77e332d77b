/* Screenshots: the output image as an RGB PNG, with libpng. */
#include "png.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>

int png_write(const char *path, pixman_image_t *img, const char **why)
{
	int w = pixman_image_get_width(img), h = pixman_image_get_height(img);
	int stride = pixman_image_get_stride(img);
	const uint8_t *data = (const uint8_t *)pixman_image_get_data(img);
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *row = malloc((size_t)w * 3);
	FILE *f = fopen(path, "wb");
	int rc = -1;
	*why = "cannot open the file";
	if (!f || !row)
		goto out;
	*why = "libpng failed";
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png)))
		goto out;
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* fast over small: screenshots are taken often (tests, tools) */
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		const uint32_t *src = (const uint32_t *)(data + (size_t)y * (size_t)stride);
		for (int x = 0; x < w; x++) {
			row[3 * x] = (uint8_t)(src[x] >> 16);
			row[3 * x + 1] = (uint8_t)(src[x] >> 8);
			row[3 * x + 2] = (uint8_t)src[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	rc = 0;
out:
	if (png)
		png_destroy_write_struct(&png, &info);
	if (f && fclose(f) != 0 && rc == 0) {
		*why = "write failed";
		rc = -1;
	}
	free(row);
	return rc;
}
