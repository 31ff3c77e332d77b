/* Unit tests for window title sanitizing: protocol/sanitize.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/proto.h"

#define CANARY 0x5a
#define OUT_SIZE 4096

static char out[OUT_SIZE];

/* Sanitize s (len bytes) into out with capacity cap; checks the contract
 * that holds for every input: result NUL-terminated at the returned length,
 * at most cap-1 bytes, nothing written at or past out[cap]. */
static size_t san_n(const char *s, size_t len, int utf8, size_t cap)
{
	assert_true(cap < OUT_SIZE);
	memset(out, CANARY, sizeof(out));
	size_t r = vp_sanitize_title((const uint8_t *)s, len, utf8, out, cap);
	if (cap == 0) {
		assert_int_equal(r, 0);
	} else {
		assert_true(r <= cap - 1);
		assert_int_equal(out[r], '\0');
		assert_int_equal(strlen(out), r);
	}
	for (size_t i = cap; i < cap + 16; i++)
		assert_int_equal((unsigned char)out[i], CANARY);
	return r;
}

static const char *san(const char *s, int utf8)
{
	san_n(s, strlen(s), utf8, 1024);
	return out;
}

/* Every output byte is printable ASCII (mode 0). */
static void assert_printable_ascii(const char *s)
{
	for (; *s; s++)
		assert_true(*s >= 0x20 && *s < 0x7f);
}

/* The output is well-formed UTF-8 (strict: no overlongs, surrogates or
 * values above U+10FFFF) and contains no C0/C1 control characters. */
static void assert_clean_utf8(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		unsigned c = *s, n = 1;
		uint32_t v = 0;
		if (c < 0x80) {
			assert_true(c >= 0x20 && c != 0x7f);
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 2, v = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 3, v = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 4, v = c & 0x07;
		else
			fail_msg("bad lead byte %#x in output", c);
		for (unsigned i = 1; i < n; i++) {
			assert_int_equal(s[i] & 0xc0, 0x80);
			v = v << 6 | (s[i] & 0x3f);
		}
		assert_true(n != 3 || v >= 0x800);
		assert_true(n != 4 || (v >= 0x10000 && v <= 0x10ffff));
		assert_false(v >= 0xd800 && v <= 0xdfff);
		assert_false(v >= 0x80 && v <= 0x9f);
		s += n;
	}
}

static void test_plain_ascii(void **state)
{
	(void)state;
	static const char *kept[] = {
		"xterm",
		"Hello, World!",
		" ~!\"#$%&'()*+,-./0123456789:;<=>?@",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
		"vim - /etc/passwd (1 of 3)",
		"",
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		for (int utf8 = 0; utf8 < 2; utf8++) {
			assert_int_equal(san_n(kept[i], strlen(kept[i]), utf8, 1024),
					 strlen(kept[i]));
			assert_string_equal(out, kept[i]);
		}
	}
	/* a zero-length input with a NULL pointer */
	memset(out, CANARY, sizeof(out));
	assert_int_equal(vp_sanitize_title(NULL, 0, 1, out, 16), 0);
	assert_int_equal(out[0], '\0');
}

static void test_controls(void **state)
{
	(void)state;
	for (int utf8 = 0; utf8 < 2; utf8++) {
		assert_string_equal(san("a\nb\tc\x1b[31md\x7f"
					"e\r",
					utf8),
				    "a_b_c_[31md_e_");
		assert_string_equal(san("\x01\x02\x1f \x7f\x7f", utf8), "___ __");
		/* an embedded NUL is a control character like the others */
		assert_int_equal(san_n("a\0b", 3, utf8, 64), 3);
		assert_string_equal(out, "a_b");
		/* a terminal escape that would retitle or recolor stays inert */
		assert_string_equal(san("\x1b]0;root\x07", utf8), "_]0;root_");
	}
}

static void test_ascii_mode(void **state)
{
	(void)state;
	/* ü and ß are two bytes each, 日本 three: one '_' per character */
	assert_string_equal(san("Gr\xc3\xbc\xc3\x9f"
				"e",
				0),
			    "Gr__e");
	assert_string_equal(san("\xe6\x97\xa5\xe6\x9c\xac", 0), "__");
	assert_string_equal(san("\xe2\x80\xae"
				"abc",
				0),
			    "_abc");
	/* Firefox's title dash */
	assert_string_equal(san("a \xe2\x80\x94 b", 0), "a _ b");
	char all[256], expect[256];
	for (int i = 1; i < 256; i++) {
		all[i - 1] = (char)i;
		expect[i - 1] = (i >= 0x20 && i < 0x7f) ? (char)i : '_';
	}
	all[255] = expect[255] = '\0';
	assert_int_equal(san_n(all, 255, 0, 1024), 255);
	assert_string_equal(out, expect);
	assert_printable_ascii(out);
}

static void test_utf8_kept(void **state)
{
	(void)state;
	static const char *kept[] = {
		"Gr\xc3\xbc\xc3\x9f"
		"e \xc3\xbc"
		"nd \xe6\x97\xa5\xe6\x9c\xac",			    /* Grüße ünd 日本 */
		"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", /* Привет */
		("caf\xc3\xa9 \xe2\x82\xac"
		 "5"),				     /* café €5 */
		"\xf0\x9f\x98\x80 \xf0\x9f\x8d\x95", /* emoji, 4 bytes */
		"\xc2\xa0\xc2\xa9",		     /* U+00A0, U+00A9 */
		"\xf0\x90\x80\x80 \xf0\xa0\x80\x80", /* U+10000, U+20000 */
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		assert_int_equal(san_n(kept[i], strlen(kept[i]), 1, 1024), strlen(kept[i]));
		assert_string_equal(out, kept[i]);
		assert_clean_utf8(out);
	}
}

static void test_utf8_invalid(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "a\x80"
		  "b",
		  "a_b" }, /* lone continuation */
		{ "\xbf\xbf", "__" },
		{ "\xc0\xaf", "__" }, /* overlong '/' */
		{ "\xc1\xbf", "__" },
		{ "\xe0\x80\xaf", "___" },	/* overlong, 3 bytes */
		{ "\xf0\x80\x80\xaf", "____" }, /* overlong, 4 bytes */
		{ "x\xed\xa0\x80y", "x___y" },	/* surrogate U+D800 */
		{ "\xed\xbf\xbf", "___" },	/* surrogate U+DFFF */
		{ "ab\xe6\x97", "ab__" },	/* truncated at the end */
		{ "ab\xe6", "ab_" },
		{ "ab\xf0\x9f\x98", "ab___" },
		{ "\xe6\x97"
		  "z",
		  "__z" }, /* truncated in the middle */
		{ "\xc3"
		  "A",
		  "_A" },
		{ "\xf4\x90\x80\x80", "____" },		  /* U+110000 */
		{ "\xf7\xbf\xbf\xbf", "____" },		  /* U+1FFFFF */
		{ "\xf8\x88\x80\x80\x80", "_____" },	  /* 5-byte form */
		{ "\xfc\x84\x80\x80\x80\x80", "______" }, /* 6-byte form */
		{ "\xfe\xff", "__" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		san(cases[i].in, 1);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, out, cases[i].want);
		assert_clean_utf8(out);
	}
}

static void test_utf8_forbidden(void **state)
{
	(void)state;
	/* one whole character becomes one '_' */
	static const char *bad[] = {
		"\xe2\x80\xae",	    /* U+202E RIGHT-TO-LEFT OVERRIDE */
		"\xe2\x80\xad",	    /* U+202D LEFT-TO-RIGHT OVERRIDE */
		"\xe2\x80\xaa",	    /* U+202A LRE */
		"\xe2\x81\xa6",	    /* U+2066 LRI */
		"\xe2\x81\xa7",	    /* U+2067 RLI */
		"\xe2\x81\xa8",	    /* U+2068 FSI */
		"\xe2\x81\xa9",	    /* U+2069 PDI */
		"\xe2\x80\x8b",	    /* U+200B ZERO WIDTH SPACE */
		"\xe2\x80\x8c",	    /* U+200C ZWNJ */
		"\xe2\x80\x8d",	    /* U+200D ZWJ */
		"\xe2\x80\x8e",	    /* U+200E LRM */
		"\xe2\x80\x8f",	    /* U+200F RLM */
		"\xe2\x80\xa8",	    /* U+2028 LINE SEPARATOR */
		"\xe2\x80\xa9",	    /* U+2029 PARAGRAPH SEPARATOR */
		"\xe2\x81\xa0",	    /* U+2060 WORD JOINER */
		"\xef\xbb\xbf",	    /* U+FEFF BOM */
		"\xc2\x85",	    /* U+0085 NEL (C1) */
		"\xc2\x80",	    /* U+0080 (C1) */
		"\xc2\x9b",	    /* U+009B CSI (C1) */
		"\xc2\x9f",	    /* U+009F (C1) */
		"\xc2\xad",	    /* U+00AD SOFT HYPHEN */
		"\xef\xbf\xbe",	    /* U+FFFE */
		"\xef\xbf\xbf",	    /* U+FFFF */
		"\xee\x80\x80",	    /* U+E000 private use */
		"\xf4\x8f\xbf\xbd", /* U+10FFFD private use */
		/* invisible, by their Unicode properties (issue 12 item 6) */
		"\xd8\x9c",	    /* U+061C ARABIC LETTER MARK */
		"\xe1\x85\x9f",	    /* U+115F HANGUL CHOSEONG FILLER */
		"\xe1\x85\xa0",	    /* U+1160 HANGUL JUNGSEONG FILLER */
		"\xe3\x85\xa4",	    /* U+3164 HANGUL FILLER */
		"\xe1\xa0\x8e",	    /* U+180E MONGOLIAN VOWEL SEPARATOR */
		"\xef\xbe\xa0",	    /* U+FFA0 HALFWIDTH HANGUL FILLER */
		"\xe2\xa0\x80",	    /* U+2800 BRAILLE PATTERN BLANK (trial 3) */
		"\xf3\xa0\x80\x81", /* U+E0001 LANGUAGE TAG */
		"\xf0\x9b\xb2\xa0", /* U+1BCA0 SHORTHAND FORMAT LETTER OVERLAP */
		"\xcd\xb8",	    /* U+0378 unassigned */
		"\xf0\xaf\xbf\xbe", /* U+2FFFE noncharacter */
	};
	char in[64];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(in, sizeof(in), "abc%sdef", bad[i]);
		san(in, 1);
		if (strcmp(out, "abc_def") != 0)
			fail_msg("case %zu: got \"%s\"", i, out);
		/* ASCII mode: one '_' for the character, as for any outside ASCII */
		san(in, 0);
		assert_string_equal(out, "abc_def");
	}
	/* the classic spoof: "exe.txt" shown for "txt.exe" */
	assert_string_equal(san("invoice\xe2\x80\xaegpj.exe", 1), "invoice_gpj.exe");
}

/* Combining marks: at most two on one base character; none without one. */
static void test_utf8_marks(void **state)
{
	(void)state;
	char in[256], want[64];
	/* e + U+0301 x 40: "Zalgo" text stacking over the frame */
	strcpy(in, "ab e");
	for (int i = 0; i < 40; i++)
		strcat(in, "\xcc\x81");
	strcat(in, "z");
	snprintf(want, sizeof(want), "ab e\xcc\x81\xcc\x81z");
	assert_string_equal(san(in, 1), want);
	assert_clean_utf8(out);
	/* normal text with marks is kept whole: Vietnamese, Devanagari */
	static const char *kept[] = {
		"Vi\xe1\xbb\x87t",	/* Việt, precomposed */
		"Vie\xcc\xa3\xcc\x82t", /* Việt, two marks */
		"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80", /* हिन्दी
											     */
		"\xe2\x9d\xa4\xef\xb8\x8f", /* heart + VS16 */
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		assert_string_equal(san(kept[i], 1), kept[i]);
	/* a mark with no base, or after a character shown as '_', is dropped */
	assert_string_equal(san("\xcc\x81\xcc\x81x", 1), "x");
	assert_string_equal(san("a\xe2\x80\xae\xcc\x81\xcc\x81"
				"b",
				1),
			    "a_b");
	/* ASCII mode: one '_' per mark, as for any character outside ASCII */
	assert_string_equal(san("e\xcc\x81", 0), "e_");
}

static void test_truncation(void **state)
{
	(void)state;
	const char *jp = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; /* 日本語, 9 bytes */
	assert_int_equal(san_n(jp, 9, 1, 10), 9);
	assert_string_equal(out, jp);
	assert_int_equal(san_n(jp, 9, 1, 9), 6);
	assert_string_equal(out, "\xe6\x97\xa5\xe6\x9c\xac");
	assert_int_equal(san_n(jp, 9, 1, 8), 6);
	assert_int_equal(san_n(jp, 9, 1, 7), 6);
	assert_int_equal(san_n(jp, 9, 1, 6), 3);
	assert_string_equal(out, "\xe6\x97\xa5");
	assert_int_equal(san_n(jp, 9, 1, 4), 3);
	assert_int_equal(san_n(jp, 9, 1, 3), 0);
	assert_string_equal(out, "");
	assert_int_equal(san_n(jp, 9, 1, 2), 0);
	assert_int_equal(san_n("abcdef", 6, 0, 4), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(san_n("abcdef", 6, 1, 4), 3);
	assert_string_equal(out, "abc");
	/* a 4-byte character does not fit into 3 bytes of room */
	assert_int_equal(san_n("a\xf0\x9f\x98\x80", 5, 1, 5), 1);
	assert_string_equal(out, "a");
	assert_int_equal(san_n("a\xf0\x9f\x98\x80", 5, 1, 6), 5);

	/* every capacity over a mixed title: the output is always a prefix of
	 * the full output that ends on a character boundary */
	const char *mix = "a\xc3\xbc\xe2\x80\xae\xe6\x97\xa5\x1b\xf0\x9f\x98\x80z\xc0\xaf"
			  "\xe6\x97 end";
	size_t mlen = strlen(mix);
	for (int utf8 = 0; utf8 < 2; utf8++) {
		char full[256];
		size_t flen = san_n(mix, mlen, utf8, sizeof(full));
		memcpy(full, out, flen + 1);
		if (utf8)
			assert_clean_utf8(full);
		else
			assert_printable_ascii(full);
		for (size_t cap = 1; cap <= flen + 2; cap++) {
			size_t r = san_n(mix, mlen, utf8, cap);
			assert_true(r <= cap - 1);
			assert_memory_equal(out, full, r);
			/* never split a character: the next byte of the full output
			 * is not a continuation byte */
			assert_true(((unsigned char)full[r] & 0xc0) != 0x80);
			/* and stopped only because the next one did not fit */
			if (r < flen) {
				size_t next = 1;
				while (((unsigned char)full[r + next] & 0xc0) == 0x80)
					next++;
				assert_true(r + next > cap - 1);
			}
			if (utf8)
				assert_clean_utf8(out);
		}
	}
}

static void test_tiny_capacity(void **state)
{
	(void)state;
	for (int utf8 = 0; utf8 < 2; utf8++) {
		/* 0: nothing may be written at all */
		memset(out, CANARY, sizeof(out));
		assert_int_equal(vp_sanitize_title((const uint8_t *)"abc", 3, utf8, out, 0), 0);
		assert_int_equal((unsigned char)out[0], CANARY);
		assert_int_equal(vp_sanitize_title((const uint8_t *)"abc", 3, utf8, NULL, 0), 0);
		/* 1: just the terminator */
		assert_int_equal(san_n("abc", 3, utf8, 1), 0);
		assert_int_equal(out[0], '\0');
		assert_int_equal(san_n("\x1b", 1, utf8, 1), 0);
		assert_int_equal(san_n("", 0, utf8, 1), 0);
		/* 2: one byte */
		assert_int_equal(san_n("abc", 3, utf8, 2), 1);
		assert_string_equal(out, "a");
		assert_int_equal(san_n("\x1b"
				       "bc",
				       3, utf8, 2),
				 1);
		assert_string_equal(out, "_");
	}
}

static void test_huge_input(void **state)
{
	(void)state;
	const size_t len = 1u << 20;
	static const char pat[] = "\xe6\x97\xa5\xe6\x9c\xac ab\x1b\xe2\x80\xae\xc0";
	char *big = malloc(len);
	assert_non_null(big);
	for (size_t i = 0; i < len; i++)
		big[i] = pat[i % (sizeof(pat) - 1)];
	for (int utf8 = 0; utf8 < 2; utf8++) {
		size_t r = san_n(big, len, utf8, OUT_SIZE - 32);
		assert_true(r >= OUT_SIZE - 32 - 4);
		if (utf8)
			assert_clean_utf8(out);
		else
			assert_printable_ascii(out);
	}
	memset(big, 'A', len);
	assert_int_equal(san_n(big, len, 1, 100), 99);
	for (size_t i = 0; i < 99; i++)
		assert_int_equal(out[i], 'A');
	/* a title the size of the wire limit fits a buffer of that size + 1 */
	assert_int_equal(san_n(big, VP_MAX_TITLE, 1, VP_MAX_TITLE + 1), VP_MAX_TITLE);
	free(big);
}

static void test_label_lookalike(void **state)
{
	(void)state;
	/* the daemon draws its own domain label; the guest's fake one is only
	 * text and is kept as such */
	for (int utf8 = 0; utf8 < 2; utf8++) {
		assert_string_equal(san("[work] bank", utf8), "[work] bank");
		assert_string_equal(san("[dom0] Terminal", utf8), "[dom0] Terminal");
	}
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(vp_utf8_valid((const uint8_t *)"", 0));
	assert_true(vp_utf8_valid((const uint8_t *)"plain", 5));
	assert_true(vp_utf8_valid((const uint8_t *)"Gr\xc3\xbc\xc3\x9f", 6));
	assert_false(vp_utf8_valid((const uint8_t *)"a\0b", 3));	 /* NUL */
	assert_false(vp_utf8_valid((const uint8_t *)"\xc0\xaf", 2));	 /* overlong */
	assert_false(vp_utf8_valid((const uint8_t *)"\xed\xa0\x80", 3)); /* surrogate */
	assert_false(vp_utf8_valid((const uint8_t *)"ab\xe6\x97", 4));	 /* truncated */
	assert_false(vp_utf8_valid((const uint8_t *)"\x80", 1));	 /* lone continuation */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),     cmocka_unit_test(test_plain_ascii),
		cmocka_unit_test(test_controls),       cmocka_unit_test(test_ascii_mode),
		cmocka_unit_test(test_utf8_kept),      cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_forbidden), cmocka_unit_test(test_utf8_marks),
		cmocka_unit_test(test_truncation),     cmocka_unit_test(test_tiny_capacity),
		cmocka_unit_test(test_huge_input),     cmocka_unit_test(test_label_lookalike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
