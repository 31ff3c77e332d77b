/* The one UTF-8 decoder: see utf8.h. */
#include "utf8.h"

size_t vp_utf8_decode(const uint8_t *untrusted, size_t len, uint32_t *cp)
{
	/* lead byte: sequence length, payload bits, smallest value not overlong */
	static const struct {
		uint8_t mask, lead;
		size_t n;
		uint32_t min;
	} forms[] = {
		{ 0x80, 0x00, 1, 0x0 },
		{ 0xe0, 0xc0, 2, 0x80 },
		{ 0xf0, 0xe0, 3, 0x800 },
		{ 0xf8, 0xf0, 4, 0x10000 },
	};
	if (len == 0)
		return 0;
	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		if ((untrusted[0] & forms[f].mask) != forms[f].lead)
			continue;
		size_t n = forms[f].n;
		if (len < n)
			return 0;
		uint32_t v = untrusted[0] & (uint8_t)~forms[f].mask;
		for (size_t i = 1; i < n; i++) {
			if ((untrusted[i] & 0xc0) != 0x80)
				return 0;
			v = v << 6 | (untrusted[i] & 0x3f);
		}
		if (v < forms[f].min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = v;
		return n;
	}
	return 0; /* a continuation byte, or 0xf8..0xff */
}

size_t vp_utf8_span(const uint8_t *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = vp_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			break;
		i += n;
	}
	return i;
}

int vp_utf8_valid(const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = vp_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return 0;
		i += n;
	}
	return 1;
}
