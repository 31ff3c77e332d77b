/* The agent's connection to its domain's X server (xconnect.c). */
#ifndef VITRINE_AGENT_XCONNECT_H
#define VITRINE_AGENT_XCONNECT_H

#include <xcb/xcb.h>

#define X_TRIES 100 /* opening the X display, 100 ms apart: 10 s */

/* A connection to $DISPLAY, tried again while it fails, X_TRIES times at
 * most; NULL (and said on stderr) if it never opened. */
xcb_connection_t *agent_x_connect(int *screen_num);

#endif
