/*
 * pngcmp: compare two PNG images per channel, for screenshot tests.
 *
 *   pngcmp REF.png SHOT.png [--tolerance N] [--clip X,Y,W,H] [--at X,Y]
 *          [--diff OUT.png]
 *
 * Both images are read as 8-bit RGBA (an image without alpha is opaque).
 * Two pixels are equal when every channel differs by at most N (default 8).
 * --clip compares only that rectangle of REF (clipped to the image); --at
 * compares it with the rectangle of the same size at X,Y in SHOT instead of
 * the same place (the images may then differ in size). Without --clip both
 * images must have the same size.
 * Exit 0 when equal; 1 when they differ, printing how many pixels differ and
 * the first one, and writing --diff: the shot dimmed, differing pixels red;
 * 2 on a usage or file error.
 */
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct img {
	png_image info;
	uint8_t *px; /* RGBA */
};

static int load(const char *path, struct img *im)
{
	memset(im, 0, sizeof(*im));
	im->info.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im->info, path)) {
		fprintf(stderr, "pngcmp: %s: %s\n", path, im->info.message);
		return -1;
	}
	im->info.format = PNG_FORMAT_RGBA;
	im->px = malloc(PNG_IMAGE_SIZE(im->info));
	if (!im->px || !png_image_finish_read(&im->info, NULL, im->px, 0, NULL)) {
		fprintf(stderr, "pngcmp: %s: %s\n", path,
			im->px ? im->info.message : "out of memory");
		free(im->px);
		im->px = NULL;
		return -1;
	}
	return 0;
}

static int parse_ints(const char *s, long *v, int n)
{
	char *end;
	for (int i = 0; i < n; i++) {
		v[i] = strtol(s, &end, 10);
		if (end == s || (i < n - 1 ? *end != ',' : *end != '\0'))
			return -1;
		s = end + 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: pngcmp REF.png SHOT.png [--tolerance N] [--clip X,Y,W,H] "
			"[--at X,Y] [--diff OUT.png]\n");
	exit(2);
}

static const uint8_t *at(const struct img *im, long x, long y)
{
	return im->px + ((size_t)y * im->info.width + (size_t)x) * 4;
}

int main(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL }, *diff = NULL;
	long tol = 8, clip[4] = { 0, 0, -1, -1 }, off[2] = { 0, 0 };
	int nfiles = 0, have_clip = 0, have_at = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tolerance") && i + 1 < argc) {
			if (parse_ints(argv[++i], &tol, 1) < 0 || tol < 0 || tol > 255)
				usage();
		} else if (!strcmp(argv[i], "--clip") && i + 1 < argc) {
			if (parse_ints(argv[++i], clip, 4) < 0 || clip[2] < 0 || clip[3] < 0)
				usage();
			have_clip = 1;
		} else if (!strcmp(argv[i], "--at") && i + 1 < argc) {
			if (parse_ints(argv[++i], off, 2) < 0)
				usage();
			have_at = 1;
		} else if (!strcmp(argv[i], "--diff") && i + 1 < argc) {
			diff = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			usage();
		} else if (nfiles < 2) {
			files[nfiles++] = argv[i];
		} else {
			usage();
		}
	}
	if (nfiles != 2 || (have_at && !have_clip))
		usage();

	struct img ref, shot;
	if (load(files[0], &ref) < 0)
		return 2;
	if (load(files[1], &shot) < 0) {
		free(ref.px);
		return 2;
	}
	long rw = ref.info.width, rh = ref.info.height;
	long sw = shot.info.width, sh = shot.info.height;
	if (!have_at && (rw != sw || rh != sh)) {
		printf("pngcmp: sizes differ: %s is %ldx%ld, %s is %ldx%ld\n", files[0], rw, rh,
		       files[1], sw, sh);
		free(ref.px);
		free(shot.px);
		return 1;
	}
	if (!have_clip) {
		clip[2] = rw;
		clip[3] = rh;
	}
	if (!have_at) {
		off[0] = clip[0];
		off[1] = clip[1];
	}
	/* the rectangle must lie inside both images */
	long x0 = clip[0], y0 = clip[1], x1 = clip[0] + clip[2], y1 = clip[1] + clip[3];
	long dx = off[0] - clip[0], dy = off[1] - clip[1];
	if (x0 < 0)
		x0 = 0;
	if (y0 < 0)
		y0 = 0;
	if (x0 + dx < 0)
		x0 = -dx;
	if (y0 + dy < 0)
		y0 = -dy;
	if (x1 > rw)
		x1 = rw;
	if (y1 > rh)
		y1 = rh;
	if (x1 + dx > sw)
		x1 = sw - dx;
	if (y1 + dy > sh)
		y1 = sh - dy;
	if (have_clip &&
	    (x0 != clip[0] || y0 != clip[1] || x1 != clip[0] + clip[2] || y1 != clip[1] + clip[3]))
		fprintf(stderr, "pngcmp: note: clip rectangle cut to the images\n");

	unsigned long ndiff = 0;
	long fx = -1, fy = -1;
	uint8_t *mark = calloc((size_t)sw * (size_t)sh, 1);
	if (!mark) {
		fprintf(stderr, "pngcmp: out of memory\n");
		free(ref.px);
		free(shot.px);
		return 2;
	}
	for (long y = y0; y < y1; y++) {
		for (long x = x0; x < x1; x++) {
			const uint8_t *a = at(&ref, x, y), *b = at(&shot, x + dx, y + dy);
			int bad = 0;
			for (int c = 0; c < 4; c++)
				if (abs((int)a[c] - (int)b[c]) > tol)
					bad = 1;
			if (!bad)
				continue;
			if (!ndiff++) {
				fx = x;
				fy = y;
			}
			mark[(size_t)(y + dy) * (size_t)sw + (size_t)(x + dx)] = 1;
		}
	}
	if (!ndiff) {
		free(mark);
		free(ref.px);
		free(shot.px);
		return 0;
	}

	const uint8_t *a = at(&ref, fx, fy), *b = at(&shot, fx + dx, fy + dy);
	printf("pngcmp: %lu pixels differ (tolerance %ld); first at %ld,%ld: "
	       "%s has %02x%02x%02x, %s at %ld,%ld has %02x%02x%02x\n",
	       ndiff, tol, fx, fy, files[0], a[0], a[1], a[2], files[1], fx + dx, fy + dy, b[0],
	       b[1], b[2]);
	if (diff) {
		uint8_t *out = malloc((size_t)sw * (size_t)sh * 4);
		if (!out) {
			fprintf(stderr, "pngcmp: out of memory\n");
			free(mark);
			free(ref.px);
			free(shot.px);
			return 2;
		}
		for (size_t i = 0; i < (size_t)sw * (size_t)sh; i++) {
			uint8_t *o = out + i * 4;
			const uint8_t *s = shot.px + i * 4;
			if (mark[i]) {
				o[0] = 255, o[1] = 0, o[2] = 0;
			} else {
				for (int c = 0; c < 3; c++)
					o[c] = (uint8_t)(s[c] / 4 + 32);
			}
			o[3] = 255;
		}
		png_image wi;
		memset(&wi, 0, sizeof(wi));
		wi.version = PNG_IMAGE_VERSION;
		wi.width = (png_uint_32)sw;
		wi.height = (png_uint_32)sh;
		wi.format = PNG_FORMAT_RGBA;
		if (!png_image_write_to_file(&wi, diff, 0, out, 0, NULL))
			fprintf(stderr, "pngcmp: %s: %s\n", diff, wi.message);
		else
			printf("pngcmp: diff written to %s\n", diff);
		free(out);
	}
	free(mark);
	free(ref.px);
	free(shot.px);
	return 1;
}
