/* Title sanitizing: what a guest names its window, made safe to draw. */
#include "proto.h"
#include "utf8.h"

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

size_t vp_sanitize_title(const uint8_t *untrusted, size_t len, int allow_utf8, char *out,
			 size_t out_cap)
{
	size_t o = 0, i = 0;
	if (out_cap == 0)
		return 0;
	while (i < len) {
		/* A character is decoded in both modes, so that an ASCII-only
		 * title shows one '_' for a character outside ASCII ("—" is
		 * "_", not "___"); each byte of a malformed sequence is one. */
		uint32_t cp;
		size_t n = vp_utf8_decode(untrusted + i, len - i, &cp);
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
