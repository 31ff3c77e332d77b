/* Unit tests for the one UTF-8 decoder (protocol/utf8.c): every code point, every overlong
 * form, surrogates, values past U+10FFFF, cut and broken sequences. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "protocol/utf8.h"

/* cp in exactly n bytes, overlong or not (a reference encoder). */
static void put(uint32_t cp, size_t n, uint8_t *out)
{
	static const uint8_t lead[] = { 0, 0, 0xc0, 0xe0, 0xf0 };
	for (size_t i = n - 1; i > 0; i--, cp >>= 6)
		out[i] = (uint8_t)(0x80 | (cp & 0x3f));
	out[0] = (uint8_t)(n == 1 ? cp : lead[n] | cp);
}

static size_t shortest(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static void test_every_code_point(void **state)
{
	(void)state;
	uint8_t s[4];
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		size_t n = shortest(cp);
		uint32_t got = 0xdeadbeefu;
		put(cp, n, s);
		size_t r = vp_utf8_decode(s, n, &got);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			if (r != 0)
				fail_msg("surrogate U+%04X decoded", cp);
			continue;
		}
		if (r != n || got != cp)
			fail_msg("U+%04X: length %zu, value %#x", cp, r, got);
		/* cut short: nothing; with a byte more: the same */
		for (size_t k = 0; k < n; k++)
			assert_int_equal(vp_utf8_decode(s, k, &got), 0);
		/* each continuation byte broken */
		for (size_t k = 1; k < n; k++) {
			static const uint8_t brk[] = { 0x00, 0x41, 0x7f, 0xc0, 0xff };
			uint8_t t[4];
			for (size_t b = 0; b < sizeof(brk); b++) {
				memcpy(t, s, n);
				t[k] = brk[b];
				assert_int_equal(vp_utf8_decode(t, n, &got), 0);
			}
		}
		/* every longer (overlong) form: refused */
		for (size_t m = n + 1; m <= 4; m++) {
			put(cp, m, s);
			assert_int_equal(vp_utf8_decode(s, m, &got), 0);
		}
	}
}

static void test_beyond(void **state)
{
	(void)state;
	uint8_t s[4];
	uint32_t cp;
	for (uint32_t v = 0x110000; v <= 0x1fffff; v += 0x1111) { /* the 4-byte form's rest */
		put(v, 4, s);
		assert_int_equal(vp_utf8_decode(s, 4, &cp), 0);
	}
	/* leads that start no character: continuation bytes, 0xf8..0xff (5 and 6
	 * byte forms), and 0xc0, 0xc1, 0xf5.. which only start overlong or too
	 * large values */
	for (unsigned b = 0; b < 256; b++) {
		uint8_t t[6] = { (uint8_t)b, 0x80, 0x80, 0x80, 0x80, 0x80 };
		int ok = vp_utf8_decode(t, 6, &cp) > 0;
		int want = b < 0x80 || (b >= 0xc2 && b <= 0xf4);
		if (b == 0xe0 || b == 0xf0) /* E0 80 80 and F0 80 80 80 are overlong */
			want = 0;
		if (ok != want)
			fail_msg("lead byte %#x: %d", b, ok);
	}
	assert_int_equal(vp_utf8_decode((const uint8_t *)"", 0, &cp), 0);
}

static void test_strings(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len, span;
		int valid;
	} c[] = {
		{ "", 0, 0, 1 },
		{ "plain", 5, 5, 1 },
		{ "Gr\xc3\xbc\xc3\x9f"
		  "e \xe2\x82\xac \xf0\x9f\x98\x80",
		  16, 16, 1 },
		{ "a\0b", 3, 3, 0 },			     /* NUL: well-formed, not text */
		{ "ab\xc3", 3, 2, 0 },			     /* cut */
		{ "ab\xc0\xaf", 4, 2, 0 },		     /* overlong '/' */
		{ "\xed\xa0\x80x", 4, 0, 0 },		     /* surrogate */
		{ "x\xf4\x90\x80\x80", 5, 1, 0 },	     /* U+110000 */
		{ "ok\x80", 3, 2, 0 },			     /* lone continuation */
		{ "\xef\xbf\xbf\xf4\x8f\xbf\xbf", 7, 7, 1 }, /* U+FFFF, U+10FFFF */
	};
	for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		const uint8_t *s = (const uint8_t *)c[k].s;
		if (vp_utf8_span(s, c[k].len) != c[k].span ||
		    vp_utf8_valid(s, c[k].len) != c[k].valid)
			fail_msg("case %zu: span %zu valid %d", k, vp_utf8_span(s, c[k].len),
				 vp_utf8_valid(s, c[k].len));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_point),
		cmocka_unit_test(test_beyond),
		cmocka_unit_test(test_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
