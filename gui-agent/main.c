/*
 * vitrine-agent: exports the windows of one X server to vitrine-daemon.
 *
 * It runs inside a domain, next to that domain's X server ($DISPLAY), and
 * talks to the trusted daemon over one AF_UNIX stream socket (--socket PATH
 * or $VITRINE_SOCKET) in the protocol of protocol/proto.h; in a build with
 * Xen, a vchan can take the socket's place (--xen: vchan.c, buffer-xen.c).
 * The transport is a table (struct agent_transport), chosen below.
 *
 * At startup it checks the X extensions it needs (Composite, DAMAGE, XFixes,
 * MIT-SHM 1.2 with fd passing; XTEST for input), redirects every top-level
 * window off-screen (Composite, automatic) and starts tracking the children
 * of the root (windows.c). Each tracked window is announced with CREATE and
 * its properties (props.c). A mapped window of depth 24 or 32 gets a shared
 * buffer (buffer.c): a sealed memfd that is both an MIT-SHM pixmap in the X
 * server and, passed with SCM_RIGHTS, the daemon's view of the window.
 * DAMAGE events are coalesced per window; at the end of each batch of X
 * events the damaged rectangles are copied into the shared pixmaps, one
 * round trip waits for the copies, and DAMAGE messages go out (damage.c).
 *
 * Everything runs in one poll() loop over the X connection, the daemon
 * socket and a signalfd. Sending never blocks: messages queue in conn.c and
 * leave when the socket is writable; a daemon that lets 8 MiB pile up is
 * dropped. Without a daemon the agent retries every 200 ms (the only timer)
 * and, once WELCOME arrives, sends every window again. Messages from the
 * daemon are handled in daemon.c and input.c; the clipboard in clipboard.c
 * (copy: reading the domain's CLIPBOARD, else PRIMARY) and paste.c (owning it).
 *
 * X events are dispatched in xevents.c.
 */
#include "agent.h"
#include "xconnect.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#define RETRY_MS 200

static void usage(FILE *f)
{
	fprintf(f, "usage: vitrine-agent [--socket PATH | --xen GUI_DOMID] [--help] [--version]\n"
		   "  PATH defaults to $VITRINE_SOCKET, GUI_DOMID to $VITRINE_XEN_GUI_DOMID\n"
		   "  (a vchan to the daemon in that Xen domain, window buffers granted to it);\n"
		   "  the X server is $DISPLAY.\n");
}

/* Connections the daemon closes before its WELCOME (it refuses them: the
 * domain is cut off, or has a connection already) are told once, not five
 * times a second; the count follows once a connection is accepted again. */
static unsigned refused;

/* The exit status when the daemon's socket is gone, and when the X server
 * is (tools/vitrine.h). */
#define AGENT_EXIT_GONE 3
#define AGENT_EXIT_NO_X 4

static void disconnect(struct agent *a)
{
	if (a->ready)
		fprintf(stderr, "vitrine-agent: lost the daemon; retrying every %d ms\n", RETRY_MS);
	else if (refused++ == 0)
		fprintf(stderr,
			"vitrine-agent: the daemon closed the connection before its WELCOME "
			"(refused); retrying every %d ms, quietly\n",
			RETRY_MS);
	keyboard_release_all(a); /* nobody is left to send the releases */
	conn_close(a->conn);
	a->ready = false;
	windows_disconnected(a);
	buffer_free_retired(a);
	clipboard_disconnected(a);
}

static void try_connect(struct agent *a, const char *path, bool *warned)
{
	if (conn_connect(a->conn) < 0) {
		/* in a sandbox of `vitrine run` (VITRINE_AGENT_EXIT_GONE=1) the
		 * socket is the daemon's as it was: once nothing listens on it,
		 * nothing ever will (a new daemon binds a new one) */
		const char *gone = getenv("VITRINE_AGENT_EXIT_GONE");
		if (gone && !strcmp(gone, "1") && (errno == ECONNREFUSED || errno == ENOENT)) {
			fprintf(stderr,
				"vitrine-agent: the daemon's socket %s is gone (%s); exiting\n",
				path, strerror(errno));
			a->exit_code = AGENT_EXIT_GONE;
			return;
		}
		if (!*warned)
			fprintf(stderr,
				"vitrine-agent: no daemon at %s (%s); retrying every "
				"%d ms\n",
				path, strerror(errno), RETRY_MS);
		*warned = true;
		return;
	}
	*warned = false;
	struct vp_msg m = { .type = VP_HELLO };
	m.u.hello = (struct vp_hello){ VP_MAJOR, VP_MINOR, 0 };
	conn_send(a->conn, &m, -1);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void run(struct agent *a, const char *path, int sigfd)
{
	int64_t next_try = 0;
	bool warned = false;
	while (a->exit_code < 0) {
		sync_expire(a);
		agent_process_x(a);
		if (xcb_connection_has_error(a->xc)) {
			fprintf(stderr, "vitrine-agent: lost the X server\n");
			a->exit_code = AGENT_EXIT_NO_X;
			break;
		}
		if (conn_connected(a->conn) && (conn_broken(a->conn) || conn_flush(a->conn) < 0))
			disconnect(a);
		if (a->ready && refused) {
			fprintf(stderr, "vitrine-agent: accepted after %u refused connections\n",
				refused);
			refused = 0;
		}
		int64_t now = now_ms();
		if (!conn_connected(a->conn) && now >= next_try) {
			next_try = now + RETRY_MS;
			try_connect(a, path, &warned);
			if (a->exit_code >= 0)
				break;
			agent_process_x(a); /* what its round trips queued */
			if (conn_connected(a->conn) && conn_flush(a->conn) < 0)
				disconnect(a);
		}
		bool up = conn_connected(a->conn);
		notify_process(a); /* the session bus: what it queued, then poll it */
		struct pollfd p[4] = {
			{ .fd = xcb_get_file_descriptor(a->xc), .events = POLLIN },
			{ .fd = sigfd, .events = POLLIN },
			{ .fd = up ? conn_fd(a->conn) : -1,
			  .events = POLLIN | (up && conn_want_write(a->conn) ? POLLOUT : 0) },
			{ .fd = notify_fd(a), .events = notify_events(a) },
		};
		int timeout = up ? -1 : (int)(next_try > now ? next_try - now : 0);
		int st = sync_timeout(a); /* only while a resize waits for its client */
		if (st >= 0 && (timeout < 0 || st < timeout))
			timeout = st;
		if (poll(p, 4, timeout) < 0) {
			if (errno == EINTR)
				continue;
			perror("vitrine-agent: poll");
			a->exit_code = 1;
			break;
		}
		a->x_readable = p[0].revents != 0;
		if (p[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sigfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
				continue;
			if (si.ssi_signo == SIGCHLD) {
				layout_reap(a);
				continue;
			}
			fprintf(stderr, "vitrine-agent: %s; exiting\n",
				strsignal((int)si.ssi_signo));
			a->exit_code = 0;
			break;
		}
		if (up && (p[2].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    conn_read(a->conn, daemon_handle, a) < 0 && a->exit_code < 0)
			disconnect(a);
		input_settle(a);
	}
}

/*
 * The transports by command line option and environment variable; when more
 * than one is given, the last row wins ($VITRINE_XEN_GUI_DOMID over
 * --socket). A transport that is not built in (the vchan without libxen-dev:
 * a weak symbol) is a NULL row, refused with its reason.
 */
static const struct {
	const char *option, *env;
	const struct agent_transport *t;
	const char *missing; /* why t may be NULL */
} transports[] = {
	{ "--socket", "VITRINE_SOCKET", &agent_socket_transport, NULL },
	{ "--xen", "VITRINE_XEN_GUI_DOMID", &agent_vchan_transport,
	  "built without Xen support (libxen-dev)" },
};
#define NTRANSPORTS (sizeof(transports) / sizeof(transports[0]))

/* The transport named by the command line and the environment, and its
 * target; 0, or -1 with a message (1: --help). */
static int choose_transport(struct agent *a, int argc, char **argv)
{
	const char *arg[NTRANSPORTS];
	for (size_t k = 0; k < NTRANSPORTS; k++)
		arg[k] = getenv(transports[k].env);
	for (int i = 1; i < argc; i++) {
		size_t k;
		for (k = 0; k < NTRANSPORTS; k++) {
			const char *o = transports[k].option;
			size_t n = strlen(o);
			if (!strcmp(argv[i], o) && i + 1 < argc) {
				arg[k] = argv[++i];
				break;
			}
			if (!strncmp(argv[i], o, n) && argv[i][n] == '=') {
				arg[k] = argv[i] + n + 1;
				break;
			}
		}
		if (k < NTRANSPORTS)
			continue;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help") ||
		    !strcmp(argv[i], "--version")) {
			if (argv[i][2] == 'v')
				printf("vitrine-agent %s\n", VITRINE_VERSION);
			else
				usage(stdout);
			return 1;
		}
		usage(stderr);
		return -1;
	}
	size_t pick = NTRANSPORTS;
	for (size_t k = 0; k < NTRANSPORTS; k++)
		if (arg[k] && *arg[k])
			pick = k;
	if (pick == NTRANSPORTS) {
		fprintf(stderr, "vitrine-agent: no daemon socket: use --socket PATH or set "
				"VITRINE_SOCKET\n");
		return -1;
	}
	const char *why = "out of memory";
	if (!(a->transport = transports[pick].t))
		why = transports[pick].missing;
	else if ((a->target = a->transport->target(arg[pick], &why)))
		return 0;
	fprintf(stderr, "vitrine-agent: %s\n", why);
	return -1;
}

/* The pipe vitrine run's sandbox gave, or -1 (kept from setxkbmap). */
static int ready_fd(void)
{
	const char *s = getenv("VITRINE_AGENT_READY_FD");
	int fd = s ? atoi(s) : -1;
	unsetenv("VITRINE_AGENT_READY_FD");
	if (fd <= 2 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return fd;
}

int main(int argc, char **argv)
{
	struct agent a = {
		.exit_code = -1, .x_readable = true, .ready_fd = ready_fd(), .notes_fd = -1
	};
	int sigfd = -1, screen_num = 0;
	int rc = choose_transport(&a, argc, argv);
	if (rc != 0)
		return rc < 0 ? 1 : 0;
	if (!(a.xc = agent_x_connect(&screen_num))) {
		a.exit_code = 1;
		goto out;
	}
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(a.xc));
	for (int i = 0; i < screen_num && it.rem; i++)
		xcb_screen_next(&it);
	a.screen = it.data;
	a.root = a.screen->root;
	if (agent_check_extensions(&a) < 0) {
		a.exit_code = 1;
		goto out;
	}
	props_intern_atoms(&a);
	cursor_init(&a);
	sync_init(&a);
	icon_init(&a);
	if (clipboard_init(&a) < 0) {
		a.exit_code = 1;
		goto out;
	}
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGCHLD); /* setxkbmap (layout.c) */
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
	a.conn = conn_create(a.transport, a.target);
	if (sigfd < 0 || !a.conn) {
		perror("vitrine-agent: setup");
		a.exit_code = 1;
		goto out;
	}
	if (windows_scan(&a) < 0 || wm_init(&a) < 0) {
		a.exit_code = 1;
		goto out;
	}
	tray_init(&a, screen_num);
	notify_init(&a);
	run(&a, a.transport->where(a.target), sigfd);
out:
	if (a.xc && !xcb_connection_has_error(a.xc)) {
		keyboard_release_all(&a);
		wm_finish(&a);
		xcb_flush(a.xc);
	}
	windows_destroy_all(&a);
	buffer_free_retired(&a);
	clipboard_finish(&a);
	tray_finish(&a);
	notify_finish(&a);
	ctext_finish();
	keysym_finish(&a);
	conn_destroy(a.conn);
	free(a.target);
	if (sigfd >= 0)
		close(sigfd);
	xcb_disconnect(a.xc);
	return a.exit_code;
}
