/* The control socket's lookups and wait conditions (wait-*), answered from
 * the core's state after each batch of events (control.c). */
#include <stdio.h>
#include <string.h>

#include "control.h"
#include "domain.h"
#include "server.h"
#include "window.h"

struct domain *control_find_domain(struct server *srv, const char *name)
{
	for (int i = 0; i < srv->ndomains; i++)
		if (!strcmp(srv->domains[i]->cfg->name, name))
			return srv->domains[i];
	return NULL;
}

int control_wait_holds(struct server *srv, const char *cmd)
{
	char name[64];
	unsigned long n, id;
	struct domain *d;
	struct list *pos, *tmp;
	if (sscanf(cmd, "wait-pixels %63s %lu", name, &n) == 2) {
		if (!(d = control_find_domain(srv, name)))
			return -2;
		unsigned long have = 0;
		list_each(pos, tmp, &d->windows)
		{
			struct window *w = list_item(pos, struct window, dom_link);
			have += w->mapped && w->has_pixels;
		}
		return have >= n;
	}
	if (sscanf(cmd, "wait-damage %63s %lu %lu", name, &id, &n) == 3) {
		if (!(d = control_find_domain(srv, name)))
			return -2;
		struct window *w = domain_find_window(d, (uint32_t)id);
		return w && w->damage_count >= n;
	}
	if (sscanf(cmd, "wait-idle %63s %lu", name, &n) == 2) {
		if (!(d = control_find_domain(srv, name)))
			return -2;
		if (n > 60000)
			return -1;
		uint64_t quiet = now_ms() - d->last_msg_ms;
		return domain_connected(d) && d->messages > 0 && quiet >= n;
	}
	if (!strncmp(cmd, "wait-window ", 12))
		return control_wait_window(srv, cmd + 12);
	if (sscanf(cmd, "wait-change %lu", &n) == 1)
		return srv->changes > n;
	if (sscanf(cmd, "wait-gone %63s", name) == 1) {
		if (!(d = control_find_domain(srv, name)))
			return -2;
		return d->nwindows == 0;
	}
	return -1;
}
