/*
 * libFuzzer harness: bytes from the user's own tools, as lines on a control
 * connection (control.c, control-input.c), against the daemon's core as
 * server_init builds it (headless backend, input router) with two domains
 * that each have a mapped window with pixels (fed as an agent sends them,
 * with a real sealed memfd). No daemon, no listener is reached: the harness
 * hands one end of a socketpair to control_adopt and writes the input into
 * the other, in writes of the size the first byte picks, dispatching the
 * event loop between writes as the daemon's main loop does (then the
 * waits are checked). Replies are read and dropped. Each run has fresh
 * domains and a fresh connection; closing the harness's end ends it.
 *
 * Paths: `screenshot PATH` writes a file. Every '/' of the input is made
 * '_', and each run works in a directory of its own under /tmp that it
 * empties afterwards, so a path names nothing else.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "shm/shm.h"

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/control.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/server.h"
#include "input/input.h"
#include "protocol/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INPUT_MAX 8192

static struct server srv;
static struct control *ctl;
static struct domain_config cfg[2];
static char dir[64];

static void setup(void)
{
	const char *why;
	char path[96];
	vlog_quiet = true;
	snprintf(dir, sizeof(dir), "/tmp/vitrine-fuzz-control.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	srv.cfg.width = 320;
	srv.cfg.height = 240;
	snprintf(srv.cfg.runtime_dir, sizeof(srv.cfg.runtime_dir), "%s", dir); /* add-domain */
	if (server_init(&srv, &headless_backend_ops) < 0)
		abort();
	if (config_parse_domain(&cfg[0], "work,label=blue", &why) < 0 ||
	    config_parse_domain(&cfg[1], "untrusted,label=red,tint=strong,pointer=focused", &why) <
		    0)
		abort();
	snprintf(path, sizeof(path), "%s/control.sock", dir);
	ctl = control_create(&srv, path);
	if (!ctl)
		abort();
	srv.control = ctl;
}

/* Append one encoded message to out. */
static size_t put(uint8_t *out, size_t off, const struct vp_msg *m)
{
	return off + vp_encode(m, out + off, 4096 - off);
}

/* A domain's session: HELLO, a window (id 5, or 6 a popup over 5's
 * place), its BUFFER with a sealed memfd, MAP, DAMAGE. */
static struct domain *domain_with_window(int i)
{
	struct domain *d = domain_create(&srv, &cfg[i]);
	if (!d)
		return NULL;
	uint8_t buf[4096];
	size_t n = 0, cut;
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello = (struct vp_hello){ VP_MAJOR, VP_MINOR, 0 };
	n = put(buf, n, &m);
	m = (struct vp_msg){ .type = VP_CREATE, .window = 5 };
	m.u.create.r = (struct vp_rect){ 20 + 100 * i, 30, 100, 80 };
	n = put(buf, n, &m);
	m = (struct vp_msg){ .type = VP_BUFFER, .window = 5 };
	m.u.buffer.kind = VP_BUF_LOCAL;
	m.u.buffer.serial = 1;
	m.u.buffer.width = 100;
	m.u.buffer.height = 80;
	m.u.buffer.stride = 400;
	m.u.buffer.format = VP_FMT_XRGB8888;
	n = put(buf, n, &m);
	cut = n;
	m = (struct vp_msg){ .type = VP_MAP, .window = 5 };
	n = put(buf, n, &m);
	m = (struct vp_msg){ .type = VP_DAMAGE, .window = 5 };
	m.u.damage = (struct vp_rect){ 0, 0, 100, 80 };
	n = put(buf, n, &m);
	int fd = vshm_local_create(400 * 80);
	if (fd < 0 || domain_feed_fds(d, buf, cut, &fd, 1) < 0 ||
	    domain_feed(d, buf + cut, n - cut) < 0) {
		domain_destroy(d);
		return NULL;
	}
	return d;
}

static void drain(int fd)
{
	char junk[4096];
	while (recv(fd, junk, sizeof(junk), MSG_DONTWAIT) > 0)
		;
}

static void dispatch(void)
{
	server_dispatch(&srv, 0);
	control_check_waits(ctl);
}

/* What screenshots wrote goes. */
static void empty_dir(void)
{
	DIR *dh = opendir(".");
	struct dirent *e;
	while (dh && (e = readdir(dh)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, "control.sock"))
			unlink(e->d_name);
	if (dh)
		closedir(dh);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t in[INPUT_MAX];
	if (!ctl)
		setup();
	if (size < 1 || size > INPUT_MAX)
		return 0;
	/* in the scratch directory for the run only: libFuzzer reads its
	 * corpus by relative paths */
	int cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cwd < 0 || chdir(dir) < 0)
		abort();
	size_t step = (size_t)data[0] % 64 + 1;
	if (data[0] >= 192)
		step = size; /* one write */
	for (size_t i = 1; i < size; i++)
		in[i] = data[i] == '/' ? '_' : data[i];
	for (int i = 0; i < 2; i++) {
		struct domain *d = domain_with_window(i);
		if (!d)
			abort();
		srv.domains[srv.ndomains++] = d;
	}
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0 ||
	    control_adopt(ctl, sv[0]) < 0)
		abort();
	for (size_t off = 1; off < size;) {
		size_t n = size - off < step ? size - off : step;
		ssize_t w = send(sv[1], in + off, n, MSG_NOSIGNAL);
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			break; /* the daemon closed it (line too long) */
		if (w > 0)
			off += (size_t)w;
		dispatch();
		drain(sv[1]);
	}
	dispatch();
	drain(sv[1]);
	close(sv[1]);
	dispatch(); /* the daemon sees the end */
	input_key(srv.input, 0, false, -1);
	while (srv.ndomains > 0) /* (each takes itself out of the list) */
		domain_destroy(srv.domains[srv.ndomains - 1]);
	srv.cfg.ndomains = 0; /* those add-domain added */
	dispatch();
	empty_dir();
	if (fchdir(cwd) < 0)
		abort();
	close(cwd);
	return 0;
}
