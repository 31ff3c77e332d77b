/*
 * Messages from the daemon, already decoded and range-checked by vp_decode.
 * Window messages may name a window that is already gone here (the daemon
 * had not heard of the DESTROY yet): those are ignored.
 */
#include "agent.h"
#include "notify.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int16_t clamp16(int32_t v)
{
	return (int16_t)(v < INT16_MIN ? INT16_MIN : v > INT16_MAX ? INT16_MAX : v);
}

static int handle_welcome(struct agent *a, const struct vp_welcome *wl)
{
	if (wl->major != VP_MAJOR) {
		fprintf(stderr, "vitrine-agent: daemon speaks protocol %u, agent speaks %u\n",
			wl->major, VP_MAJOR);
		a->exit_code = 1;
		return -1;
	}
	if (a->ready) {
		fprintf(stderr, "vitrine-agent: daemon sent WELCOME twice; ignored\n");
		return 0;
	}
	fprintf(stderr,
		"vitrine-agent: connected to the daemon (protocol %u.%u, "
		"screen %ux%u)\n",
		wl->major, wl->minor, wl->screen_w, wl->screen_h);
	a->ready = true;
	a->daemon_minor = wl->minor;
	keyboard_connected(a);
	windows_resync(a);
	tray_resync(a);
	monitors_note_closed(); /* this connection shows no notification of ours */
	return 0;
}

void agent_tell_ready(struct agent *a)
{
	if (a->ready_fd <= 2 || /* (0: a zeroed agent, the fuzzer's) */ !a->monitors_seen ||
	    !a->layout.applied || a->layout.pid || a->layout.pending)
		return;
	/* what was asked of the X server is done before an application comes */
	free(xcb_get_input_focus_reply(a->xc, xcb_get_input_focus(a->xc), NULL));
	if (write(a->ready_fd, "r", 1) < 0) {
		perror("vitrine-agent: VITRINE_AGENT_READY_FD");
		close(a->ready_fd);
	} else if (fcntl(a->ready_fd, F_SETFL, O_NONBLOCK) == 0) {
		a->notes_fd = a->ready_fd;
	} else {
		close(a->ready_fd);
	}
	a->ready_fd = -1;
}

static void set_geometry(struct agent *a, struct win *w, const struct vp_rect *r)
{
	uint32_t v[] = {
		(uint32_t)(int32_t)clamp16(r->x - w->border),
		(uint32_t)(int32_t)clamp16(r->y - w->border),
		r->w,
		r->h,
	};
	xcb_configure_window(a->xc, w->id,
			     XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y | XCB_CONFIG_WINDOW_WIDTH |
				     XCB_CONFIG_WINDOW_HEIGHT,
			     v);
}

int daemon_handle(void *data, const struct vp_msg *m)
{
	struct agent *a = data;
	switch (m->type) {
	case VP_WELCOME: return handle_welcome(a, &m->u.welcome);
	case VP_SCREEN:
		fprintf(stderr, "vitrine-agent: daemon screen is now %ux%u\n", m->u.screen.w,
			m->u.screen.h);
		return 0;
	case VP_RELEASE: buffer_release(a, m->u.release_serial); return 0;
	case VP_KEYMAP: keyboard_keymap(a, m->u.keymap.keys); return 0;
	case VP_LAYOUT: layout_apply(a, &m->u.layout); return 0;
	case VP_CLIPBOARD_REQUEST: clipboard_request(a, m->u.clip.serial); return 0;
	case VP_CLIPBOARD_PASTE: paste_set(a, &m->u.clip.text); return 0;
	case VP_MONITORS:
		monitors_apply(a, &m->u.monitors);
		a->monitors_seen = true;
		agent_tell_ready(a);
		return 0;
	case VP_TRAY_BUTTON: tray_button(a, m); return 0;
	case VP_TRAY_PLACE: tray_place(a, m); return 0;
	case VP_NOTIFY_EVENT: notify_event(a, &m->u.notify_event); return 0;
	}
	struct win *w = a->ready ? win_find(a, m->window) : NULL;
	if (!w)
		return 0;
	switch (m->type) {
	case VP_SET_GEOMETRY: set_geometry(a, w, &m->u.geometry); break;
	case VP_CLOSE: props_close(a, w); break;
	case VP_WINDOW_STATE: wm_window_state(a, w, m->u.state); break;
	case VP_SYNC_REQUEST: sync_request(a, w, &m->u.sync); break;
	case VP_FRAME_DONE: damage_frame_done(a, w, m->u.frame_seq); break;
	default: input_handle(a, w, m); break;
	}
	return 0;
}
