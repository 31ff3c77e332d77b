#ifndef VITRINE_PNG_H
#define VITRINE_PNG_H

#include <pixman.h>

/* Write an x8r8g8b8 image as an RGB PNG. 0, or -1 with *why. */
int png_write(const char *path, pixman_image_t *img, const char **why);

#endif
