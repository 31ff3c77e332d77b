/* Title sanitizing: what a guest names its window, made safe to draw. */
#include <unictype.h>

#include "proto.h"
#include "utf8.h"

/* Combining marks kept on one base character: more would stack without
 * bound over the title, the frame or the neighbouring text. */
#define MARKS_MAX 2

enum verdict { KEEP, BLANK /* one '_' */, DROP };

/* A character in a UTF-8 title, judged by its Unicode properties
 * (libunistring): controls, format characters (bidi marks and overrides,
 * zero-width characters, U+061C, U+180E, tags), private use, surrogates,
 * unassigned and noncharacters, line and paragraph separators, and the
 * invisible default-ignorable letters (Hangul fillers U+115F, U+1160,
 * U+3164, U+FFA0) and the blank Braille pattern U+2800 (hostile-domain
 * trial 3) each show as '_'; combining marks follow a base
 * character, MARKS_MAX at most (*marks counts them; the rest are dropped,
 * as is a mark with no base). */
static enum verdict judge_utf8(uint32_t cp, unsigned *marks)
{
	if (uc_is_general_category(cp, UC_CATEGORY_M)) {
		if (*marks >= MARKS_MAX)
			return DROP;
		(*marks)++;
		return KEEP;
	}
	if (uc_is_general_category(cp, UC_CATEGORY_C) ||
	    uc_is_general_category(cp, UC_CATEGORY_Zl) ||
	    uc_is_general_category(cp, UC_CATEGORY_Zp) || uc_is_property_bidi_control(cp) ||
	    uc_is_property_default_ignorable_code_point(cp) ||
	    cp == 0x2800 /* BRAILLE PATTERN BLANK: a letter drawn as nothing */)
		return BLANK;
	*marks = 0;
	return KEEP;
}

size_t vp_sanitize_title(const uint8_t *untrusted, size_t len, int allow_utf8, char *out,
			 size_t out_cap)
{
	size_t o = 0, i = 0;
	unsigned marks = MARKS_MAX; /* no base character yet */
	if (out_cap == 0)
		return 0;
	while (i < len) {
		/* A character is decoded in both modes, so that an ASCII-only
		 * title shows one '_' for a character outside ASCII ("—" is
		 * "_", not "___"); each byte of a malformed sequence is one. */
		uint32_t cp;
		size_t n = vp_utf8_decode(untrusted + i, len - i, &cp);
		enum verdict v = BLANK;
		if (n > 0 && allow_utf8)
			v = judge_utf8(cp, &marks);
		else if (n > 0 && cp >= 0x20 && cp < 0x7f)
			v = KEEP;
		if (n == 0)
			n = 1; /* skip one byte of a malformed sequence */
		if (v == BLANK)
			marks = MARKS_MAX; /* a '_' takes no marks */
		if (v == DROP) {
			i += n;
			continue;
		}
		int ok = v == KEEP;
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
