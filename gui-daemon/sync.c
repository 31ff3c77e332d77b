/* The resize hand-off with the agent (sync.h). */
#include "sync.h"

#include "domain.h"
#include "server.h"

void sync_request(struct window *win, uint32_t w, uint32_t h)
{
	struct domain *d = win->dom;
	if (!d->hello_done || d->agent_minor < VP_MINOR_MONITORS)
		return;
	struct vp_msg m = { .type = VP_SYNC_REQUEST, .window = win->id };
	m.u.sync = (struct vp_sync){ ++win->sync_sent, w, h };
	if (m.u.sync.serial == 0) /* 0 is "never asked" */
		m.u.sync.serial = win->sync_sent = 1, win->sync_done = 0;
	domain_send(d, &m);
}

const char *sync_done(struct domain *d, struct window *win, const struct vp_msg *m)
{
	(void)d;
	uint32_t untrusted_serial = m->u.sync.serial;
	/* outstanding: after the last answered, up to the last sent */
	uint32_t ahead = untrusted_serial - win->sync_done;
	if (untrusted_serial == 0 || ahead == 0 || ahead > win->sync_sent - win->sync_done)
		return "SYNC_DONE for a resize never asked or already answered";
	win->sync_done = untrusted_serial;
	return NULL;
}
