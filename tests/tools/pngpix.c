/*
 * pngpix: read exact pixel colours out of a PNG, for screenshot tests.
 *
 *   pngpix SHOT.png X Y                  prints RRGGBB of that pixel
 *   pngpix SHOT.png --rect X Y W H       prints RRGGBB if the whole rectangle
 *                                        is one colour, else `mixed N` with N
 *                                        the number of distinct colours
 *   pngpix SHOT.png --rect ... --rect ...  one such line per rectangle (the
 *                                        PNG is decoded once)
 *
 * Alpha is ignored. Exit 0 on success, 2 on a usage or file error or when
 * the pixel or rectangle is not inside the image.
 */
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int parse_long(const char *s, long *v)
{
	char *end;
	*v = strtol(s, &end, 10);
	return end == s || *end ? -1 : 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: pngpix SHOT.png X Y | pngpix SHOT.png --rect X Y W H [--rect X Y W "
			"H]...\n");
	exit(2);
}

/* one line for the rectangle: its colour, or `mixed N`; -1 when it is not
 * inside the image */
static int rect_line(const uint8_t *px, const png_image *im, const long v[4])
{
	long x = v[0], y = v[1], w = v[2], h = v[3];
	if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > (long)im->width ||
	    y + h > (long)im->height) {
		fprintf(stderr, "pngpix: %ld,%ld %ldx%ld is not inside the %ux%u image\n", x, y, w,
			h, im->width, im->height);
		return -1;
	}
	uint32_t *cols = malloc((size_t)w * (size_t)h * sizeof(*cols));
	if (!cols) {
		fprintf(stderr, "pngpix: out of memory\n");
		return -1;
	}
	size_t n = 0;
	for (long j = y; j < y + h; j++)
		for (long i = x; i < x + w; i++) {
			const uint8_t *p = px + ((size_t)j * im->width + (size_t)i) * 3;
			cols[n++] = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
		}
	qsort(cols, n, sizeof(*cols), cmp_u32);
	size_t distinct = 1;
	for (size_t i = 1; i < n; i++)
		distinct += cols[i] != cols[i - 1];
	if (distinct == 1)
		printf("%06x\n", cols[0]);
	else
		printf("mixed %zu\n", distinct);
	free(cols);
	return 0;
}

int main(int argc, char **argv)
{
	/* SHOT X Y, or SHOT followed by one or more `--rect X Y W H` */
	int rects = argc >= 7 && (argc - 2) % 5 == 0 ? (argc - 2) / 5 : 0;
	for (int r = 0; r < rects; r++)
		if (strcmp(argv[2 + 5 * r], "--rect"))
			rects = 0;
	if (!rects && argc != 4)
		usage();
	long *v = calloc((size_t)(rects ? rects : 1) * 4, sizeof(*v));
	if (!v)
		return 2;
	for (int r = 0; r < (rects ? rects : 1); r++) {
		v[4 * r + 2] = v[4 * r + 3] = 1;
		for (int i = 0; i < (rects ? 4 : 2); i++)
			if (parse_long(argv[(rects ? 3 + 5 * r : 2) + i], &v[4 * r + i]) < 0)
				usage();
	}

	png_image im;
	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, argv[1])) {
		fprintf(stderr, "pngpix: %s: %s\n", argv[1], im.message);
		free(v);
		return 2;
	}
	im.format = PNG_FORMAT_RGB;
	uint8_t *px = malloc(PNG_IMAGE_SIZE(im));
	if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL)) {
		fprintf(stderr, "pngpix: %s: %s\n", argv[1], px ? im.message : "out of memory");
		free(px);
		free(v);
		return 2;
	}
	int rc = 0;
	for (int r = 0; r < (rects ? rects : 1) && !rc; r++)
		if (rect_line(px, &im, &v[4 * r]) < 0)
			rc = 2;
	free(px);
	free(v);
	return rc;
}
