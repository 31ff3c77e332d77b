/*
 * COMPOUND_TEXT titles (ISO 2022: Latin-1 and the other ISO 8859 parts,
 * the CJK sets, and UTF-8 segments, ESC % G ... ESC % @), as xterm sets
 * WM_NAME for a title that is not Latin-1, converted to UTF-8 by Xlib's
 * own converter (Xutf8TextPropertyToTextList), the one every X client's
 * encoder is the inverse of. It needs an Xlib Display: a second connection
 * to the domain's X server, opened the first time such a title shows up
 * (the rest of the agent speaks xcb). The result still goes through the
 * daemon's title filter like any other.
 */
#include "agent.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <string.h>

static Display *dpy;
static bool failed; /* XOpenDisplay failed once: not tried again */

size_t ctext_to_utf8(const uint8_t *s, size_t len, uint8_t *out, size_t cap)
{
	if (!dpy && !failed && !(dpy = XOpenDisplay(NULL))) {
		failed = true;
		fprintf(stderr, "vitrine-agent: cannot open an Xlib display; COMPOUND_TEXT "
				"titles keep their ASCII only\n");
	}
	size_t n = 0;
	char **list = NULL;
	int count = 0;
	XTextProperty tp = { (unsigned char *)(uintptr_t)s,
			     dpy ? XInternAtom(dpy, "COMPOUND_TEXT", False) : 0, 8,
			     (unsigned long)len };
	/* >= 0: converted, with that many characters it had no form for */
	if (dpy && Xutf8TextPropertyToTextList(dpy, &tp, &list, &count) >= 0) {
		for (int i = 0; i < count && n < cap; i++) { /* NUL-separated: one line */
			size_t l = strlen(list[i]);
			if (i > 0)
				out[n++] = ' ';
			l = utf8_cut((const uint8_t *)list[i], l, cap - n);
			memcpy(out + n, list[i], l);
			n += l;
		}
		XFreeStringList(list);
		return n;
	}
	for (; n < len && n < cap; n++) /* no converter: plain ASCII only */
		out[n] = s[n] >= 0x20 && s[n] < 0x7f ? s[n] : '?';
	return n;
}

void ctext_finish(void)
{
	if (dpy)
		XCloseDisplay(dpy);
	dpy = NULL;
}
