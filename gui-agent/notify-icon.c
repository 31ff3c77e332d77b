/*
 * A notification's icon (notify.c): the image hint of Notify
 * ("image-data", or the older "image_data" and "icon_data": iiibiiay,
 * width, height, rowstride, has alpha, bits per sample, channels, bytes
 * RGB(A)), scaled down (box average, as icon.c) to at most VP_MAX_TRAY_ICON
 * a side, sent as NOTIFY_ICON after the NOTIFY. app_icon (a name or a path)
 * is not looked up: only pixels the application sent go.
 */
#include <string.h>
#include <systemd/sd-bus.h>

#include "agent.h"
#include "notify.h"

static const char *const keys[] = { "image-data", "image_data", "icon_data" }; /* best first */

/* One image hint's value (the variant entered) into out; false: not one. */
static bool scale(const uint8_t *px, size_t size, int32_t w, int32_t h, int32_t stride, bool alpha,
		  int32_t bits, int32_t ch, struct vp_notify_icon *out, uint8_t *buf)
{
	if (w < 1 || h < 1 || (uint32_t)w > VP_MAX_DIM || (uint32_t)h > VP_MAX_DIM || bits != 8 ||
	    ch != (alpha ? 4 : 3) || stride < w * ch ||
	    size < (size_t)stride * (size_t)(h - 1) + (size_t)(w * ch))
		return false;
	uint32_t sw = (uint32_t)w, sh = (uint32_t)h, big = sw > sh ? sw : sh;
	uint32_t f = (big + VP_MAX_TRAY_ICON - 1) / VP_MAX_TRAY_ICON; /* scale down by f */
	uint32_t dw = sw / f ? sw / f : 1, dh = sh / f ? sh / f : 1;
	for (uint32_t y = 0; y < dh; y++)
		for (uint32_t x = 0; x < dw; x++) {
			uint32_t sum[4] = { 0, 0, 0, 0 }, k = 0;
			for (uint32_t yy = y * f; yy < y * f + f && yy < sh; yy++)
				for (uint32_t xx = x * f; xx < x * f + f && xx < sw; xx++, k++) {
					const uint8_t *p = px + (size_t)yy * (size_t)stride +
							   (size_t)xx * (size_t)ch;
					for (int c = 0; c < 4; c++)
						sum[c] += c < ch ? p[c] : 255;
				}
			uint8_t *o = buf + 4 * (y * dw + x); /* 0xAARRGGBB little-endian */
			o[0] = (uint8_t)(sum[2] / k);
			o[1] = (uint8_t)(sum[1] / k);
			o[2] = (uint8_t)(sum[0] / k);
			o[3] = (uint8_t)(sum[3] / k);
		}
	*out = (struct vp_notify_icon){ 0, dw, dh, buf };
	return true;
}

static bool read_image(sd_bus_message *m, struct vp_notify_icon *out, uint8_t *buf)
{
	int32_t w, h, stride, bits, ch;
	int alpha;
	const void *px;
	size_t size;
	bool ok = false;
	if (sd_bus_message_enter_container(m, 'v', "(iiibiiay)") <= 0)
		return false;
	if (sd_bus_message_enter_container(m, 'r', "iiibiiay") > 0) {
		if (sd_bus_message_read(m, "iiibii", &w, &h, &stride, &alpha, &bits, &ch) > 0 &&
		    sd_bus_message_read_array(m, 'y', &px, &size) >= 0)
			ok = scale(px, size, w, h, stride, alpha, bits, ch, out, buf);
		sd_bus_message_exit_container(m);
	}
	sd_bus_message_exit_container(m);
	return ok;
}

bool notify_icon_read(sd_bus_message *m, struct vp_notify_icon *out)
{
	static uint8_t tmp[4 * VP_MAX_TRAY_ICON * VP_MAX_TRAY_ICON], kept[sizeof(tmp)];
	size_t best = sizeof(keys) / sizeof(keys[0]);
	const char *key, *contents;
	char type;
	int r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r <= 0)
		return false;
	while (r >= 0 && (r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		if ((r = sd_bus_message_read(m, "s", &key)) <= 0)
			break;
		size_t k = 0;
		while (k < best && strcmp(key, keys[k]))
			k++;
		struct vp_notify_icon got;
		if (k < best && sd_bus_message_peek_type(m, &type, &contents) > 0 &&
		    !strcmp(contents, "(iiibiiay)")) {
			if (read_image(m, &got, tmp)) {
				best = k;
				memcpy(kept, tmp, 4u * got.width * got.height);
				*out = got;
				out->pixels = kept;
			}
		} else if ((r = sd_bus_message_skip(m, "v")) < 0) {
			break;
		}
		r = sd_bus_message_exit_container(m);
	}
	return best < sizeof(keys) / sizeof(keys[0]);
}
