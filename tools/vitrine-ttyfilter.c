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

/* The modes put back at the end, and how (on: set by default; priv: a DEC
 * private one, CSI ?): application cursor keys, reverse video, origin,
 * autowrap, X10 mouse, the cursor shown, the alternate screens, the
 * numeric keypad mode, mouse and focus reports, bracketed paste,
 * synchronized output; insert and newline modes (ANSI). Bits 0-23 of
 * modes; then: ESC = (application keypad), colours set, xterm's
 * modifyOtherKeys, kitty's keyboard flags (review of 2026-12-04: these,
 * a mode set by XTRESTORE or with a control among its digits, stayed). */
static const struct {
	unsigned short mode;
	bool on, priv;
} modes[] = { { 1, false, true },    { 5, false, true },    { 6, false, true },
	      { 7, true, true },     { 9, false, true },    { 25, true, true },
	      { 47, false, true },   { 66, false, true },   { 1047, false, true },
	      { 1049, false, true }, { 1000, false, true }, { 1001, false, true },
	      { 1002, false, true }, { 1003, false, true }, { 1004, false, true },
	      { 1005, false, true }, { 1006, false, true }, { 1015, false, true },
	      { 1016, false, true }, { 2004, false, true }, { 2026, false, true },
	      { 69, false, true },   { 4, false, false },   { 20, false, false } };
#define MODE_KEYPAD (1u << 24)
#define MODE_SGR (1u << 25)
#define MODE_MODKEYS (1u << 26)
#define MODE_KITTY (1u << 27)
#define MODE_CHARSET (1u << 28) /* G0 or G1 not ASCII (ESC ( 0), or SO */
#define MODE_SCROLL (1u << 29)	/* a scroll region (CSI T;B r) */
_Static_assert(sizeof(modes) / sizeof(modes[0]) <= 24, "modes: bits 0-23");

/* The numbers of a CSI sequence's parameters p (n bytes), into v (at most
 * cap); the C0 controls among them do not count (a terminal runs them and
 * goes on with the sequence). Returns how many. */
static size_t params(const unsigned char *p, size_t n, unsigned long *v, size_t cap)
{
	size_t k = 0;
	v[0] = 0;
	for (size_t i = 0; i < n && k < cap; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			v[k] = v[k] < 100000 ? v[k] * 10 + (unsigned)(p[i] - '0') : v[k];
		else if (p[i] == ';' && ++k < cap)
			v[k] = 0;
	}
	return k < cap ? k + 1 : cap;
}

/* A CSI sequence passed (s, n before its final byte fin): the modes it
 * changed */
static void track(struct ttyfilter *f, const unsigned char *s, size_t n, unsigned char fin)
{
	size_t i = 0;
	while (i < n && (s[i] < 0x30 || s[i] > 0x3f)) /* (its introducer) */
		i++;
	unsigned char pre = i < n && s[i] >= 0x3c ? s[i] : 0;
	unsigned long v[16];
	size_t np = params(s + i + (pre != 0), n - i - (pre != 0), v, 16);
	if (fin == 'm' && !pre) { /* SGR: none, or 0 alone, resets */
		bool reset = np == 1 && v[0] == 0;
		f->modes = reset ? f->modes & ~MODE_SGR : f->modes | MODE_SGR;
	} else if (fin == 'm' && pre == '>' && v[0] == 4) { /* modifyOtherKeys */
		f->modes = np > 1 && v[1] ? f->modes | MODE_MODKEYS : f->modes & ~MODE_MODKEYS;
	} else if (fin == 'r' && !pre) { /* the scroll region: none, or set */
		f->modes = np == 1 && v[0] == 0 ? f->modes & ~MODE_SCROLL : f->modes | MODE_SCROLL;
	} else if (fin == 'u' && (pre == '>' || pre == '=')) { /* kitty's: push, set */
		f->modes |= MODE_KITTY;
	} else if (fin == 'h' || fin == 'l' || (fin == 'r' && pre == '?')) {
		/* (XTRESTORE, ?r: what it restores is not known here: put
		 * back at the end whatever it names) */
		for (size_t p = 0; p < np && (!pre || pre == '?'); p++)
			for (size_t k = 0; k < sizeof(modes) / sizeof(modes[0]); k++)
				if (modes[k].mode == v[p] && modes[k].priv == (pre == '?'))
					f->modes = fin == 'r' || (fin == 'h') != modes[k].on
							   ? f->modes | 1u << k
							   : f->modes & ~(1u << k);
	}
}

size_t ttyfilter_end(struct ttyfilter *f, unsigned char *out)
{
	size_t o = 0;
	for (size_t k = 0; k < sizeof(modes) / sizeof(modes[0]); k++)
		if (f->modes & 1u << k) {
			int w = snprintf((char *)out + o, 16, "\033[%s%u%c",
					 modes[k].priv ? "?" : "", modes[k].mode,
					 modes[k].on ? 'h' : 'l');
			o += (size_t)w;
		}
	static const struct {
		unsigned bit;
		const char *seq;
	} more[] = { { MODE_KEYPAD, "\033>" },
		     { MODE_SGR, "\033[m" },
		     { MODE_MODKEYS, "\033[>4m" },
		     { MODE_KITTY, "\033[=0;1u" },
		     { MODE_CHARSET, "\033(B\033)B\017" },
		     { MODE_SCROLL, "\0337\033[r\0338" } }; /* (the cursor kept) */
	for (size_t k = 0; k < sizeof(more) / sizeof(more[0]); k++)
		if (f->modes & more[k].bit) {
			memcpy(out + o, more[k].seq, strlen(more[k].seq));
			o += strlen(more[k].seq);
		}
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
				if (f->inter) /* ESC ( F, ESC ) F: ASCII is B */
					f->modes = b == 'B' ? f->modes : f->modes | MODE_CHARSET;
				if (b == 0x0e) /* SO: G1 */
					f->modes |= MODE_CHARSET;
				f->inter = 0;
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
				f->inter = b == '(' || b == ')' ? b : 0;
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
