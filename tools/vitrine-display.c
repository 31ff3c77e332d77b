/*
 * vitrine run and the display of a daemon already running: the one it shows
 * its windows on (DIR/daemon.display) against $DISPLAY (new-user trial 17
 * #3).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine.h"

/* host, display number and screen of an X display name ([HOST]:N[.S], or a
 * socket's path /tmp/.X11-unix/XN[.S]); the host "unix" (the local socket)
 * as none. Not localhost: localhost:N is TCP, which ssh's X forwarding
 * takes while a local :N has no TCP (review of 2026-12-04). false if it
 * is not one. */
static bool display_parse(const char *d, char *host, size_t cap, long *num, long *screen)
{
	static const char sock[] = "/tmp/.X11-unix/X";
	const char *colon = strrchr(d, ':');
	char *end;
	if (!strncmp(d, sock, sizeof(sock) - 1) && isdigit((unsigned char)d[sizeof(sock) - 1]))
		colon = d + sizeof(sock) - 2, host[0] = 0;
	else if (!colon || (size_t)(colon - d) >= cap || !isdigit((unsigned char)colon[1]))
		return false;
	else
		snprintf(host, cap, "%.*s", (int)(colon - d), d);
	if (!strcmp(host, "unix"))
		host[0] = 0;
	*num = strtol(colon + 1, &end, 10);
	*screen = 0;
	if (*end == '.' && isdigit((unsigned char)end[1]))
		*screen = strtol(end + 1, &end, 10);
	return !*end;
}

/* Whether two X display names are one display (":5", ":5.0", "unix:5" and
 * "/tmp/.X11-unix/X5" are); names of another form are compared as they
 * are. */
bool display_same(const char *a, const char *b)
{
	char ha[256], hb[256];
	long na, nb, sa, sb;
	if (!display_parse(a, ha, sizeof(ha), &na, &sa) ||
	    !display_parse(b, hb, sizeof(hb), &nb, &sb))
		return !strcmp(a, b);
	return !strcmp(ha, hb) && na == nb && sa == sb;
}

/* A daemon already runs (started by another vitrine run, or with the
 * desktop session): on $DISPLAY? It writes its display to DIR/daemon.display
 * (x11 backend; empty on the others, and with a daemon that does not say,
 * nothing is known: it is used). A domain's windows on another desktop, where
 * someone else may sit, and none here, said nowhere (new-user trial 17 #3). */
int daemon_display_check(const struct run_opts *o)
{
	const char *display = getenv("DISPLAY");
	char theirs[256];
	if (!display || !*display)
		return 0; /* no desktop here: the daemon's is the one */
	if (!dir_file(o->runtime_dir, "daemon.display", theirs, sizeof(theirs)))
		return 0;
	theirs[strcspn(theirs, "\n")] = 0;
	printable(theirs);
	if (!*theirs || display_same(theirs, display))
		return 0;
	char ours[256];
	snprintf(ours, sizeof(ours), "%s", display);
	printable(ours);
	return die("the daemon on %s shows its windows on display %s, not on this one (%s): "
		   "nothing started; stop it (kill $(cat %s/daemon.pid)) and run again, or give "
		   "this desktop a daemon of its own (--runtime-dir DIR)",
		   o->runtime_dir, theirs, ours, o->runtime_dir);
}
