/*
 * Opening the domain's X display. An X server started just before the
 * agent (a sandbox's, on a loaded machine) may not take connections yet:
 * the agent says so once and tries again, 100 ms apart, 10 s at most
 * (tests/integ/kill-agent.sh starts an agent before its X server).
 */
#include "xconnect.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

xcb_connection_t *agent_x_connect(int *screen_num)
{
	const char *display = getenv("DISPLAY") ? getenv("DISPLAY") : "";
	xcb_connection_t *c = xcb_connect(NULL, screen_num);
	for (int i = 0; i < X_TRIES && xcb_connection_has_error(c); i++) {
		if (i == 0)
			fprintf(stderr,
				"vitrine-agent: the X display \"%s\" does not take connections "
				"yet; trying again for %d s\n",
				display, X_TRIES / 10);
		xcb_disconnect(c);
		nanosleep(&(struct timespec){ 0, 100 * 1000000L }, NULL);
		c = xcb_connect(NULL, screen_num);
	}
	if (!xcb_connection_has_error(c))
		return c;
	fprintf(stderr, "vitrine-agent: cannot open the X display \"%s\" (tried for %d s)\n",
		display, X_TRIES / 10);
	xcb_disconnect(c);
	return NULL;
}
