/*
 * Control-socket commands of the monitor layout and the scale (monitors.h):
 *   set-scale S [MONITOR]  1.5, or 150%: every monitor's scale, or that one's:
 *                          the domains' dpi and the daemon's frames
 *   set-monitors WxH+X+Y,...   the output's monitors, as a hot-plug would
 *                          report them (the headless backend has no other
 *                          source; on x11 and drm the next desktop change
 *                          replaces them)
 * `geometry` shows both (monitors_describe).
 */
#include "control.h"

#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "monitors.h"
#include "server.h"

int control_monitors_command(struct server *srv, const char *cmd, char *arg, const char **err)
{
	if (!strcmp(cmd, "set-scale")) {
		char *save = NULL, *s = arg ? strtok_r(arg, " ", &save) : NULL;
		char *mon = s ? strtok_r(NULL, " ", &save) : NULL;
		unsigned p = s ? scale_parse(s) : 0;
		if (!p || (mon && strtok_r(NULL, " ", &save))) {
			*err = "set-scale S [MONITOR]: S 0.25 to 10, or 25% to 1000%";
			return -1;
		}
		if (mon ? monitors_set_output_scale(srv, mon, p) < 0
			: monitors_set_scale(srv, p) < 0) {
			*err = "set-scale S MONITOR: no such monitor (vitrinectl geometry lists "
			       "them, names=...), or 16 monitors have a scale of their own";
			return -1;
		}
		return 1;
	}
	if (!strcmp(cmd, "read-monitors")) {
		const struct backend_ops *ops = srv->backend->ops;
		if (!ops->read_monitors) {
			*err = "read-monitors: only a desktop's monitors are read (x11); "
			       "set-monitors sets headless ones";
			return -1;
		}
		ops->read_monitors(srv->backend);
		return 1;
	}
	if (!strcmp(cmd, "set-monitors")) {
		pixman_box32_t b[MONITORS_MAX];
		unsigned n = arg ? monitors_parse(arg, b, MONITORS_MAX) : 0;
		if (!n) {
			*err = "set-monitors WxH+X+Y[,WxH+X+Y]... (at most 16)";
			return -1;
		}
		monitors_set(srv, b, NULL, n);
		return 1;
	}
	return 0;
}

void monitors_describe(const struct server *srv, char *out, size_t len)
{
	const struct scene *s = &srv->scene;
	size_t n = (size_t)snprintf(out, len, "scale=%u monitors=", s->scale);
	for (unsigned i = 0; i < s->nmon && n < len; i++) {
		const pixman_box32_t *b = &s->mon[i];
		n += (size_t)snprintf(out + n, len - n, "%s%dx%d+%d+%d", i ? "," : "",
				      b->x2 - b->x1, b->y2 - b->y1, b->x1, b->y1);
	}
	for (unsigned i = 0; i < s->nmon && n < len; i++)
		n += (size_t)snprintf(out + n, len - n, "%s%s",
				      i ? "," : " names=", s->mon_name[i]);
	for (unsigned i = 0; i < s->nmon && n < len; i++)
		n += (size_t)snprintf(out + n, len - n, "%s%u",
				      i ? "," : " scales=", s->mon_scale[i]);
}
