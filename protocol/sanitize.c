/* Title sanitizing: what a guest names its window, made safe to draw. */
#include "proto.h"

/* Decode one UTF-8 sequence; returns its length, or 0 if malformed. */
static size_t utf8_next(const uint8_t *s, size_t len, uint32_t *cp)
{
	uint8_t c = s[0];
	size_t n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2, v = c & 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, v = c & 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Characters that reorder, hide or fake text: never drawn in a title. */
static int forbidden(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || /* C0, DEL, C1 */
	       cp == 0xad ||				  /* soft hyphen */
	       (cp >= 0x200b && cp <= 0x200f) ||	  /* zero width, LRM, RLM */
	       (cp >= 0x2028 && cp <= 0x202e) ||	  /* separators, embeddings */
	       (cp >= 0x2060 && cp <= 0x206f) ||	  /* isolates, invisible ops */
	       cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	       (cp >= 0xe000 && cp <= 0xf8ff) || /* private use */
	       cp >= 0xf0000 || (cp & 0xfffe) == 0xfffe;
}

int vp_utf8_valid(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_next(s + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return 0;
		i += n;
	}
	return 1;
}

size_t vp_sanitize_title(const uint8_t *untrusted, size_t len, int allow_utf8, char *out,
			 size_t out_cap)
{
	size_t o = 0, i = 0;
	if (out_cap == 0)
		return 0;
	while (i < len) {
		uint32_t cp;
		size_t n = allow_utf8 ? utf8_next(untrusted + i, len - i, &cp) : 1;
		if (!allow_utf8)
			cp = untrusted[i];
		int ok = n > 0 && !forbidden(cp) && (allow_utf8 || cp < 0x7f);
		if (n == 0)
			n = 1; /* skip one byte of a malformed sequence */
		size_t need = ok ? n : 1;
		if (o + need > out_cap - 1)
			break;
		if (ok) {
			for (size_t k = 0; k < n; k++)
				out[o++] = (char)untrusted[i + k];
		} else {
			out[o++] = '_';
		}
		i += n;
	}
	out[o] = '\0';
	return o;
}
