/*
 * libFuzzer harness: bytes from the daemon, as the agent reads them
 * (conn.c: its input buffer, vp_decode(VP_FROM_DAEMON)) and handles them
 * (daemon.c, input.c, keyboard.c, wm.c, props.c, buffer.c, clipboard.c,
 * paste.c, layout.c), with no X server: the agent's X connection is one
 * that failed (xcb_connect of a display name that does not parse), on
 * which every request is dropped and every reply is NULL, as when the X
 * server goes away under the agent. The agent's windows are made as the
 * startup scan makes them (windows_add): a mapped window of depth 24, a
 * mapped override-redirect popup of depth 32, an unmapped one. Bytes come
 * through a transport of the harness's own (struct agent_transport, as the
 * socket and the vchan are): its recv hands the input over in the pieces
 * the first byte picks, its send takes whatever the agent answers.
 *
 * The domain's keymap (keysym.c) is xkbcommon's us,de (as the X server
 * would describe it), with eight spare keycodes, 247 to 254.
 *
 * The first byte, bit 0: a WELCOME is handled first (else the input has to
 * bring one for window messages to reach a window). setxkbmap is not on
 * the harness's PATH: LAYOUT runs as where it is not installed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xkbcommon/xkbcommon.h>

#include "gui-agent/agent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *in;
static size_t in_len, in_off, in_cut;
static unsigned in_step;

static int fuzz_connect(const void *target, void **link)
{
	(void)target;
	*link = NULL;
	return 1000; /* polled by nobody */
}

static void fuzz_close(void *link, int fd)
{
	(void)link;
	(void)fd;
}

static ssize_t fuzz_send(void *link, int fd, const uint8_t *p, size_t n, int passfd)
{
	(void)link;
	(void)fd;
	(void)p;
	(void)passfd;
	return (ssize_t)n;
}

/* Up to the current cut, then EAGAIN until the harness moves it. */
static ssize_t fuzz_recv(void *link, int fd, uint8_t *p, size_t n)
{
	(void)link;
	(void)fd;
	if (in_off == in_len)
		return 0; /* the daemon closed */
	if (in_off == in_cut) {
		errno = EAGAIN;
		return -1;
	}
	if (n > in_cut - in_off)
		n = in_cut - in_off;
	memcpy(p, in + in_off, n);
	in_off += n;
	return (ssize_t)n;
}

static const struct agent_transport fuzz_transport = {
	.name = "fuzz",
	.buffers = &buffer_memfd_ops,
	.connect = fuzz_connect,
	.close = fuzz_close,
	.send = fuzz_send,
	.recv = fuzz_recv,
};

static struct agent a = { .exit_code = -1 };
static xcb_screen_t screen = {
	.root = 0x100, .width_in_pixels = 1024, .height_in_pixels = 768, .root_depth = 24
};

static void setup(void)
{
	setenv("PATH", "/nonexistent-vitrine-fuzz", 1);
	unsetenv("DISPLAY");
	a.xc = xcb_connect("no-display", NULL); /* does not parse: a failed connection */
	a.screen = &screen;
	a.root = screen.root;
	a.depth_ok[24] = a.depth_ok[32] = true;
	a.xtest = true;
	keyboard_init(&a);
	struct keyboard *k = &a.kbd;
	struct xkb_rule_names names = { "evdev", "pc105", "us,de", "", "" };
	k->ctx = xkb_context_new(XKB_CONTEXT_NO_ENVIRONMENT_NAMES);
	k->km = k->ctx ? xkb_keymap_new_from_names(k->ctx, &names, 0) : NULL;
	k->st = k->km ? xkb_state_new(k->km) : NULL;
	if (!k->st)
		abort();
	props_intern_atoms(&a);
	clipboard_init(&a); /* fails, as without a server */
	a.transport = &fuzz_transport;
	a.conn = conn_create(&fuzz_transport, NULL);
	if (!a.conn)
		abort();
}

static void add(xcb_window_t id, int16_t x, int16_t y, uint16_t w, uint16_t h, uint8_t depth,
		bool or, bool mapped)
{
	xcb_get_geometry_reply_t g = { .depth = depth, .x = x, .y = y, .width = w, .height = h };
	windows_add(&a, id, &g, or, mapped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!a.conn)
		setup();
	if (size < 1)
		return 0;
	add(0x200001, 10, 20, 300, 200, 24, false, true);
	add(0x200002, 40, 60, 120, 90, 32, true, true);
	add(0x200003, 0, 0, 50, 50, 24, false, false);
	struct keyboard *k = &a.kbd;
	k->stale = false;
	k->group = 0;
	k->next_spare = 0;
	k->nspares = KEYSYM_SPARES;
	for (unsigned i = 0; i < KEYSYM_SPARES; i++)
		k->spares[i] = (struct spare){ (xcb_keycode_t)(247 + i), 0 };
	in = data + 1;
	in_len = size - 1;
	in_off = in_cut = 0;
	in_step = (unsigned)(data[0] >> 1) * 4 + 1;
	a.exit_code = -1;
	if (conn_connect(a.conn) < 0)
		abort();
	if (data[0] & 1) {
		struct vp_msg m = { .type = VP_WELCOME };
		m.u.welcome = (struct vp_welcome){ VP_MAJOR, VP_MINOR, 1024, 768 };
		daemon_handle(&a, &m);
	}
	for (;;) {
		in_cut = in_len - in_off < in_step ? in_len : in_off + in_step;
		if (conn_read(a.conn, daemon_handle, &a) < 0 || in_off == in_len)
			break;
		damage_flush(&a);
	}
	/* as main.c's disconnect() */
	keyboard_release_all(&a);
	conn_close(a.conn);
	a.ready = false;
	windows_disconnected(&a);
	buffer_free_retired(&a);
	clipboard_disconnected(&a);
	windows_destroy_all(&a);
	return 0;
}
