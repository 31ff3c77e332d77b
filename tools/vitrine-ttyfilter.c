/*
 * vitrine run's filter of COMMAND's output on its way to the user's
 * terminal (hostile-domain trial 17 F3: it was copied byte for byte, so a
 * sandboxed program set the host's clipboard with OSC 52 and its window's
 * title with OSC 0). Dropped: the strings OSC (ESC ]), DCS (ESC P), APC
 * (ESC _), PM (ESC ^) and SOS (ESC X), whole, to their end (BEL, ST, CAN or
 * SUB); CSI sequences that act on the window or make the terminal answer
 * (final t, n, c, x; $p $u $w *y "v #| >q ?u ?S); ESC Z and ENQ (answers);
 * ESC k's title string; ESC with an intermediate byte other than a
 * character set's or a line size's (ESC % leaves UTF-8, ESC SP G turns
 * 8-bit C1 on); other C1 controls; broken UTF-8. Everything else (text, SGR colours,
 * cursor movement, erasing, modes, charsets) passes as it came.
 *
 * C1 controls: a UTF-8 terminal that takes the code points U+0080-U+009F
 * as C1 (xterm, VTE) reads them as C2 80..C2 9F, which this decodes as
 * such; bytes 0x80-0x9f are UTF-8 continuation bytes there, and pass only
 * within a valid, shortest character. A terminal in another encoding reads
 * the bytes 0x80-0x9f themselves as C1: with a locale that names one, or
 * none, or C (utf8 false), every such byte is a C1 control here.
 *
 * Nothing of a sequence goes out before the filter knows it passes (an ESC
 * is held until the byte after it, a CSI to its final byte), so what it
 * writes cannot start a sequence it dropped.
 */
#include "tools/vitrine-ttyfilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { TEXT, ESC, ESC_DROP, CSI, CSI_DROP, STR, STR_ESC };

void ttyfilter_init(struct ttyfilter *f, bool utf8)
{
	memset(f, 0, sizeof(*f));
	f->utf8 = utf8;
}

bool ttyfilter_utf8_locale(void)
{
	const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(names[i]);
		if (!v || !*v)
			continue;
		for (; *v; v++)
			if (!strncasecmp(v, "utf-8", 5) || !strncasecmp(v, "utf8", 4))
				return true;
		return false;
	}
	return false; /* (C: a terminal so started takes 8-bit C1; review) */
}

/* A C1 control c (its bytes b, n): CSI and the strings begin; the rest is
 * dropped (0x9a, DECID, is a report request). */
static void c1(struct ttyfilter *f, unsigned char c, const unsigned char *b, size_t n)
{
	if (c == 0x9b) {
		memcpy(f->csi, b, n);
		f->n = (unsigned short)n;
		f->st = CSI;
	} else if (c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e || c == 0x9f) {
		f->st = STR;
		f->prev = 0;
	}
}

/* A CSI sequence (s, n: its bytes before the final byte fin) that moves or
 * resizes the window, reports on it, or asks for an answer. */
static bool refused(const unsigned char *s, size_t n, unsigned char fin)
{
	unsigned char pre = 0, mid = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x3c && s[i] <= 0x3f && !pre)
			pre = s[i];
		else if (s[i] >= 0x20 && s[i] <= 0x2f)
			mid = s[i];
	if (fin == 't' || fin == 'n' || fin == 'c' || fin == 'x')
		return true;
	if ((mid == '$' && (fin == 'p' || fin == 'u' || fin == 'w')) ||
	    (mid == '*' && fin == 'y') || (mid == '"' && fin == 'v') || (mid == '#' && fin == '|'))
		return true;
	return (pre == '>' && fin == 'q') || (pre == '?' && (fin == 'u' || fin == 'S'));
}

/* The DEC private modes put back at the end, and how (h: set by default):
 * application cursor keys, autowrap, the cursor shown, the alternate
 * screens, mouse and focus reports, bracketed paste. Bits 0-15 of modes;
 * MODE_KEYPAD: ESC = (application keypad); MODE_SGR: colours set. */
static const struct {
	unsigned short mode;
	bool on;
} modes[] = { { 1, false },    { 7, true },	{ 25, true },	 { 47, false },
	      { 1047, false }, { 1049, false }, { 1000, false }, { 1001, false },
	      { 1002, false }, { 1003, false }, { 1004, false }, { 1005, false },
	      { 1006, false }, { 1015, false }, { 1016, false }, { 2004, false } };
#define MODE_KEYPAD (1u << 16)
#define MODE_SGR (1u << 17)

/* A CSI sequence passed (s, n before its final byte fin): the modes it
 * changed */
static void track(struct ttyfilter *f, const unsigned char *s, size_t n, unsigned char fin)
{
	size_t i = 0;
	while (i < n && (s[i] < 0x30 || s[i] > 0x3f)) /* (its introducer) */
		i++;
	if (fin == 'm') { /* SGR: none, or 0 alone, resets */
		bool reset = i == n || (n - i == 1 && s[i] == '0');
		f->modes = reset ? f->modes & ~MODE_SGR : f->modes | MODE_SGR;
		return;
	}
	if ((fin != 'h' && fin != 'l') || i == n || s[i] != '?')
		return;
	for (i++; i < n; i++) {
		unsigned long v = 0;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			if (v < 100000)
				v = v * 10 + (unsigned)(s[i] - '0');
		for (size_t k = 0; k < sizeof(modes) / sizeof(modes[0]); k++)
			if (modes[k].mode == v)
				f->modes = (fin == 'h') != modes[k].on ? f->modes | 1u << k
								       : f->modes & ~(1u << k);
	}
}

size_t ttyfilter_end(struct ttyfilter *f, unsigned char *out)
{
	size_t o = 0;
	for (size_t k = 0; k < sizeof(modes) / sizeof(modes[0]); k++)
		if (f->modes & 1u << k) {
			int w = snprintf((char *)out + o, 16, "\033[?%u%c", modes[k].mode,
					 modes[k].on ? 'h' : 'l');
			o += (size_t)w;
		}
	if (f->modes & MODE_KEYPAD)
		out[o++] = 0x1b, out[o++] = '>';
	if (f->modes & MODE_SGR)
		memcpy(out + o, "\033[m", 3), o += 3;
	f->modes = 0;
	return o;
}

/* UTF-8: how many bytes follow lead b (0: not a lead); whether b may be
 * the second after lead c (no overlong form, surrogate, or past U+10FFFF) */
static unsigned char follow(unsigned char b)
{
	return b >= 0xc2 && b <= 0xdf	? 1
	       : b >= 0xe0 && b <= 0xef ? 2
	       : b >= 0xf0 && b <= 0xf4 ? 3
					: 0;
}

static bool second_ok(unsigned char c, unsigned char b)
{
	return !((c == 0xe0 && b < 0xa0) || (c == 0xed && b >= 0xa0) || (c == 0xf0 && b < 0x90) ||
		 (c == 0xf4 && b >= 0x90));
}

size_t ttyfilter(struct ttyfilter *f, const unsigned char *in, size_t len, unsigned char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = in[i];
		if (b == 0x05)
			continue; /* ENQ: the terminal's answerback */
	again:
		switch (f->st) {
		case TEXT:
			if (f->need) {
				if (b < 0x80 || b > 0xbf ||
				    (f->have == 1 && !second_ok(f->u[0], b))) {
					f->need = f->have = 0; /* broken: dropped */
					goto again;
				}
				f->u[f->have++] = b;
				if (--f->need)
					break;
				if (f->u[0] == 0xc2 && b < 0xa0)
					c1(f, b, f->u, 2);
				else
					memcpy(out + o, f->u, f->have), o += f->have;
				f->have = 0;
			} else if (b == 0x1b) {
				f->st = ESC;
			} else if (b < 0x80 || (!f->utf8 && b >= 0xa0)) {
				out[o++] = b;
			} else if (!f->utf8) {
				c1(f, b, &b, 1);
			} else if ((f->need = follow(b))) {
				f->u[0] = b;
				f->have = 1;
			}
			break;
		case ESC:
			if (b == '[') {
				f->csi[0] = 0x1b, f->csi[1] = '[', f->n = 2;
				f->st = CSI;
			} else if (b == ']' || b == 'P' || b == '_' || b == '^' || b == 'X' ||
				   b == 'k') { /* (ESC k: screen's, tmux's title) */
				f->st = STR;
				f->prev = 0;
			} else if (b >= 0x20 && b <= 0x2f && !strchr("()*+-./#", b)) {
				/* ESC % (the encoding: out of UTF-8, its characters
				 * then C1 controls), ESC SP G (8-bit C1): dropped
				 * with their final byte (review of 2026-12-03) */
				f->st = ESC_DROP;
			} else if (b == 0x1b || b == 0x7f) {
				/* a new ESC, or ignored */
			} else if (b < 0x20 && b != 0x18 && b != 0x1a) {
				out[o++] = b; /* a C0 control within the sequence */
			} else {
				f->st = TEXT;
				if (b >= 0x80 || b == 0x18 || b == 0x1a)
					goto again;
				if (b == '=' || b == '>') /* the keypad */
					f->modes = b == '=' ? f->modes | MODE_KEYPAD
							    : f->modes & ~MODE_KEYPAD;
				if (b == 'c') /* RIS: all back as they were */
					f->modes = 0;
				if (b != 'Z')
					out[o++] = 0x1b, out[o++] = b;
			}
			break;
		case ESC_DROP:
			if (b < 0x20 || b > 0x2f) { /* its final byte, or cut short */
				f->st = TEXT;
				if (b < 0x30 || b > 0x7e)
					goto again;
			}
			break;
		case CSI:
		case CSI_DROP:
			if (b >= 0x40 && b <= 0x7e) {
				if (f->st == CSI && !refused(f->csi, f->n, b)) {
					track(f, f->csi, f->n, b);
					memcpy(out + o, f->csi, f->n);
					o += f->n;
					out[o++] = b;
				}
				f->st = TEXT;
			} else if (b == 0x1b || b >= 0x80 || b == 0x18 || b == 0x1a) {
				f->st = TEXT; /* the sequence is cancelled: dropped */
				goto again;
			} else if (f->st == CSI && f->n < TTYF_CSI_MAX) {
				f->csi[f->n++] = b;
			} else {
				f->st = CSI_DROP;
			}
			break;
		case STR:
			if (b == 0x07 || b == 0x18 || b == 0x1a ||
			    (b == 0x9c && (!f->utf8 || f->prev == 0xc2)))
				f->st = TEXT;
			else if (b == 0x1b)
				f->st = STR_ESC;
			f->prev = b;
			break;
		case STR_ESC:
			f->st = b == '\\' ? TEXT : ESC;
			if (b != '\\')
				goto again;
			break;
		}
	}
	return o;
}
