/* Unit tests for vitrine run's terminal filter (tools/vitrine-ttyfilter.c,
 * hostile-domain trial 17 F3): each input is fed whole, cut in two at every
 * place, and a byte at a time; the output must be the same each way. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/vitrine-ttyfilter.h"

static unsigned char got[1 << 18];

/* in (n bytes) through a new filter in pieces cut at cut (n: none), or a
 * byte at a time (cut == SIZE_MAX); returns the output's length */
static size_t run(bool utf8, const char *in, size_t n, size_t cut)
{
	struct ttyfilter f;
	ttyfilter_init(&f, utf8);
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	if (cut == SIZE_MAX) {
		for (size_t i = 0; i < n; i++)
			o += ttyfilter(&f, s + i, 1, got + o);
		return o;
	}
	o = ttyfilter(&f, s, cut, got);
	return o + ttyfilter(&f, s + cut, n - cut, got + o);
}

static void expect_n(bool utf8, const char *in, size_t n, const char *want, size_t wn)
{
	for (size_t cut = 0; cut <= n + 1; cut++) {
		size_t c = cut > n ? SIZE_MAX : cut;
		size_t o = run(utf8, in, n, c);
		if (o != wn || memcmp(got, want, wn) != 0) {
			char shown[256] = "";
			for (size_t i = 0, k = 0; i < o && k + 5 < sizeof(shown); i++)
				k += (size_t)snprintf(
					shown + k, sizeof(shown) - k,
					got[i] >= 0x20 && got[i] < 0x7f ? "%c" : "\\x%02x", got[i]);
			fail_msg("input of %zu bytes, cut at %zd: got %zu bytes '%s', want %zu", n,
				 c == SIZE_MAX ? (ssize_t)-1 : (ssize_t)c, o, shown, wn);
		}
	}
}

#define EXPECT(in, want) expect_n(true, in, sizeof(in) - 1, want, sizeof(want) - 1)
#define SAME(in) EXPECT(in, in)
#define EXPECT8(in, want) expect_n(false, in, sizeof(in) - 1, want, sizeof(want) - 1)

static void test_strings_dropped(void **state)
{
	(void)state;
	/* the trial's: the host's clipboard set to "echo pwned", then a title */
	EXPECT("\033]52;c;ZWNobyBwd25lZAo=\007\033]0;[bank] Online banking\007done\n", "done\n");
	EXPECT("a\033]2;title\033\\b", "ab");
	EXPECT("a\033]1;icon\xc2\x9c"
	       "b",
	       "ab");
	EXPECT("a\033]52;c;?\007b", "ab");		      /* a clipboard read */
	EXPECT("a\033P$q\"p\033\\b\033P1;2|x\033\\c", "abc"); /* DCS: DECRQSS, DECUDK */
	EXPECT("a\033_Gf=100;AAAA\033\\b", "ab");	      /* APC (kitty graphics) */
	EXPECT("a\033^pm\033\\b\033Xsos\033\\c", "abc");
	EXPECT("a\033]0;t\030b", "ab"); /* CAN ends it */
	/* an ESC within the string ends it and starts a sequence of its own */
	EXPECT("a\033]0;t\033[1mb", "a\033[1mb");
	EXPECT("a\033]0;t\033]52;c;eA==\007b", "ab");
	/* UTF-8 text within the string, C1 forms of the introducers */
	EXPECT("a\033]0;\xc3\xa9\xc5\x9c\007b", "ab");
	EXPECT("a\xc2\x9d"
	       "52;c;eA==\007b\xc2\x90q\xc2\x9c"
	       "c\xc2\x9f"
	       "x\033\\d",
	       "abcd");
}

static void test_long_string(void **state)
{
	(void)state;
	static char in[200000];
	size_t n = 0;
	n += (size_t)sprintf(in, "x\033]52;c;");
	memset(in + n, 'A', 150000);
	n += 150000;
	n += (size_t)sprintf(in + n, "\007ok");
	size_t o = run(true, in, n, 70000);
	assert_int_equal(o, 3);
	assert_memory_equal(got, "xok", 3);
	/* a CSI longer than TTYF_CSI_MAX: dropped, the text after it kept */
	n = (size_t)sprintf(in, "\033[");
	for (int i = 0; i < 200; i++)
		n += (size_t)sprintf(in + n, "1;");
	n += (size_t)sprintf(in + n, "mok");
	expect_n(true, in, n, "ok", 2);
}

static void test_reports_dropped(void **state)
{
	(void)state;
	EXPECT("a\033[8;40;80tb\033[14tc\033[21td\033[3;0;0t", "abcd"); /* window ops */
	EXPECT("a\033[6nb\033[5n\033[?6nc", "abc");	 /* status, cursor position */
	EXPECT("a\033[cb\033[0c\033[>c\033[=cc", "abc"); /* device attributes */
	EXPECT("a\033[1xb\033[?25$pc\033[>qd", "abcd");	 /* DECREQTPARM, DECRQM, XTVERSION */
	EXPECT("a\033[1;1;1;1;1*yb\033[?uc\033Zd\005e", "abcde");
	EXPECT("a\xc2\x9b"
	       "6nb\xc2\x9a"
	       "c",
	       "abc");
	/* an overlong form of U+009B is no CSI, and is dropped */
	EXPECT("a\xe0\x82\x9b"
	       "6n",
	       "a6n");
}

static void test_drawing_kept(void **state)
{
	(void)state;
	SAME("\033[1;31mred\033[0m \033[38;2;10;20;30mrgb\033[48;5;200m\033[m\r\n");
	SAME("\033[10;20H\033[2J\033[K\033[3A\033[2C\033[1;24r\033[?25l\033[?1049h\033[?1049l");
	SAME("\033[2 q\033(B\033)0\0167\017\0337\0338\033=\033>\033M\033c\t\b\007x");
	SAME("\033[>4;1m\033[?2004h\033[4l\033[!p\033[?1000;1006h");
	SAME("caf\xc3\xa9 \xe2\x82\xac \xc3\xbc \xc5\x9c \xe2\x80\x9c \xf0\x9f\x98\x80 "
	     "\xe4\xb8\xad\xef\xbf\xbd\n");
	SAME("\xc2\xa0\xc2\xbf\xed\x9f\xbf\xf4\x8f\xbf\xbf");
	/* a C1 CSI that only draws passes as it came */
	SAME("\xc2\x9b"
	     "31mx");
	/* a C0 control within ESC or CSI: the terminal acts on it there */
	EXPECT("\033\n7", "\n\0337");
	SAME("\033[1\n;31m");
}

static void test_no_smuggling(void **state)
{
	(void)state;
	/* an ESC, or an unfinished sequence, never goes out before what follows
	 * it is known: the text after a dropped string cannot end it */
	EXPECT("\033\033]52;c;eA==\007]52;c;eA==\007", "]52;c;eA==\007");
	EXPECT("\033\n]52;c;eA==\007x", "\nx");
	EXPECT("\033[31\033]0;t\007x", "x");
	EXPECT("\033[31\xc2\x9d"
	       "0;t\007x",
	       "x");
	EXPECT("\xc3\033]0;t\007x", "x"); /* a cut character: dropped */
	EXPECT("\xe2\x82\033]0;t\007x\xe2\x82", "x");
	EXPECT("\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80x", "x");
	/* out of UTF-8 (ESC % @), 8-bit C1 on (ESC SP G): dropped with their
	 * final byte, so that characters do not become C1 controls after
	 * them (review of 2026-12-03); ESC k's title too */
	EXPECT("\033%@\xd0\x9d", "\xd0\x9d");
	EXPECT("\033 Gx\033%Gy", "xy");
	EXPECT("\033ktitle\033\\x", "x");
	SAME("\033(0q\033(B\033#8");
}

static void test_8bit(void **state)
{
	(void)state;
	/* a terminal in another encoding: every byte 0x80-0x9f is a C1 control */
	EXPECT8("a\x9d"
		"52;c;eA==\x9c"
		"b\x90q\x9c"
		"c\x9b"
		"6nd\x9b"
		"31me\x85",
		"abcd\x9b"
		"31me");
	EXPECT8("caf\xe9 \xe0\xff\033]0;t\007.", "caf\xe9 \xe0\xff.");
	EXPECT8("\xe9\x9d"
		"52;c;eA==\007\xa0",
		"\xe9\xa0");
}

/* random bytes, mostly those that matter: what comes out is what the filter
 * lets through (filtered again, the same), and holds no string, no report */
/* What the filter puts back at the end, after in (through the filter whole) */
static void expect_end(const char *in, const char *want)
{
	struct ttyfilter f;
	unsigned char out[1024 + TTYF_SLACK], back[TTYF_SLACK];
	ttyfilter_init(&f, true);
	assert_true(strlen(in) <= 1024);
	ttyfilter(&f, (const unsigned char *)in, strlen(in), out);
	size_t n = ttyfilter_end(&f, back);
	back[n] = 0;
	assert_string_equal((char *)back, want);
	assert_int_equal(ttyfilter_end(&f, back), 0); /* once */
}

/* The modes COMMAND left changed are put back when it ends (review of
 * 2026-12-03: mouse reports typed into the user's shell after a program
 * killed in the alternate screen); the ones it put back itself are not. */
static void test_modes_put_back(void **state)
{
	(void)state;
	expect_end("plain text\n", "");
	expect_end("\033[?1049h\033[?1000;1006h\033[31mred",
		   "\033[?1049l\033[?1000l\033[?1006l\033[m");
	expect_end("\033[?1049h\033[?1000h\033[?1000l\033[?1049l", "");
	expect_end("\033[?25l\033[?7l\033[?2004h\033=", "\033[?7h\033[?25h\033[?2004l\033>");
	expect_end("\033[?25l\033[?25h\033[1m\033[0m\033=\033>", "");
	expect_end("\033[?1003h\033c", "");	     /* RIS */
	expect_end("\302\233?1002h", "\033[?1002l"); /* 8-bit CSI */
	expect_end("\033[?123456789h\033[?h\033[>1h", "");
	/* review of 2026-12-04: a control among the digits (the terminal runs
	 * it and goes on), XTRESTORE, X10 mouse, reverse video, the keypad
	 * mode, insert and newline modes, modifyOtherKeys, kitty's keys */
	expect_end("\033[?10\n00h", "\033[?1000l");
	expect_end("\033[?1000h\033[?1000s\033[?1000l\033[?1000r", "\033[?1000l");
	expect_end("\033[?9;5;66h\033[4h\033[20h", "\033[?5l\033[?9l\033[?66l\033[4l\033[20l");
	expect_end("\033[4h\033[4l\033[?4h", ""); /* (?4: smooth scroll, not IRM) */
	expect_end("\033[>4;2m\033[>1u", "\033[>4m\033[=0;1u");
	expect_end("\033[>4;2m\033[>4;0m", "");
	/* line drawing (ESC ( 0, SO), a scroll region, left/right margins
	 * (hostile-domain trial 20 F3) */
	expect_end("\033(0qqq\033(B", "\033(B\033)B\017");
	expect_end("\033)0\016x", "\033(B\033)B\017");
	expect_end("\033(Bplain", "");
	expect_end("\033[3;5r\033[?69h", "\033[?69l\0337\033[r\0338");
	expect_end("\033[3;5r\033[r", "");
}

static void test_random(void **state)
{
	(void)state;
	static const unsigned char pick[] = { 0x1b, '[',  ']',	'P',  '_',  '^',  'X',	'Z',
					      '\\', 0x07, 0x05, 0x18, '6',  'n',  't',	'c',
					      'm',  ';',  '?',	'>',  '$',  'p',  0xc2, 0x9b,
					      0x9c, 0x9d, 0xe2, 0x82, 0xac, 0x90, '\n', 'a' };
	static unsigned char in[4096], again[4096 + TTYF_SLACK];
	srand(17);
	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)(rand() % 64) + 1;
		for (size_t i = 0; i < n; i++)
			in[i] = pick[(size_t)rand() % sizeof(pick)];
		for (int utf8 = 0; utf8 < 2; utf8++) {
			size_t o = run(utf8 != 0, (const char *)in, n, (size_t)rand() % (n + 1));
			struct ttyfilter f;
			ttyfilter_init(&f, utf8);
			size_t o2 = ttyfilter(&f, got, o, again);
			if (o2 != o || memcmp(again, got, o) != 0)
				fail_msg("round %d: the output is not a fixed point", round);
			for (size_t i = 0; i < o; i++) {
				if (got[i] == 0x05 ||
				    (utf8 && got[i] == 0xc2 && i + 1 < o && got[i + 1] >= 0x80 &&
				     got[i + 1] < 0xa0 && got[i + 1] != 0x9b))
					fail_msg("round %d: ENQ or a C1 control at %zu", round, i);
				if (got[i] == 0x1b && i + 1 < o && strchr("]P_^XZ", got[i + 1]))
					fail_msg("round %d: ESC %c at %zu", round, got[i + 1], i);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_dropped), cmocka_unit_test(test_long_string),
		cmocka_unit_test(test_reports_dropped), cmocka_unit_test(test_drawing_kept),
		cmocka_unit_test(test_no_smuggling),	cmocka_unit_test(test_8bit),
		cmocka_unit_test(test_random),		cmocka_unit_test(test_modes_put_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
