/*
 * vitrine-daemon: the trusted side of vitrine.
 *
 * Overview. Each configured domain has a socket of its own; an agent that
 * connects there *is* that domain (its name and colour come from our
 * configuration, never from it). The agent sends window lifecycle, titles and
 * damage; window contents arrive as sealed memfds that we map read-only and
 * read in place. Every message is decoded by protocol/ (pure functions) and
 * applied by handle.c; any violation cuts that one domain off.
 *
 * One epoll loop serves every domain, the control socket and signals. All
 * I/O is non-blocking with bounded queues. After each batch of events the
 * scene's damaged region is repainted by the backend (headless: pixman into
 * an image) and pending control-socket waits are answered. While nothing
 * happens the daemon sleeps in epoll_wait with no timeout.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend.h"
#include "child.h"
#include "control.h"
#include "domain.h"
#include "sandbox.h"
#include "spawner.h"
#include "shm/shm.h"
#include "server.h"

static struct server srv;

static void handle_signal(struct source *src, uint32_t events)
{
	struct signalfd_siginfo si;
	(void)events;
	if (read(src->fd, &si, sizeof(si)) != sizeof(si))
		return;
	/* (one line, for whoever reads the log after the sandboxes ended) */
	vlog("stopping: %s from pid %u", si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM", si.ssi_pid);
	srv.running = false;
}

static int make_runtime_dir(const char *dir)
{
	struct stat st;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		vlog("cannot create the runtime directory %s: %s%s", dir, strerror(errno),
		     errno == ENOENT ? " (its parent does not exist; --runtime-dir DIR)" : "");
		return -1;
	}
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
	    (st.st_mode & 077)) {
		vlog("%s must be a directory owned by us with mode 0700", dir);
		return -1;
	}
	return 0;
}

/*
 * One daemon per runtime directory: a second one would take over the
 * sockets of the first and delete them when it exits. The lock is held as
 * long as we run (the descriptor is never closed); the file says who holds it.
 */
static int pid_fd = -1, display_fd = -1;
static pid_t pid_own; /* (a child forked after it runs the handler too) */

/* At exit the file says no one holds it: a pid left there, once the
 * system gives it to another process, is one `kill $(cat DIR/daemon.pid)`
 * must not reach (new-user trial 15 #7). daemon.display is emptied too. */
static void clear_pid(void)
{
	if (pid_fd >= 0 && getpid() == pid_own && ftruncate(pid_fd, 0) < 0)
		vlog("cannot empty daemon.pid: %s", strerror(errno));
	if (display_fd >= 0 && getpid() == pid_own && ftruncate(display_fd, 0) < 0)
		vlog("cannot empty daemon.display: %s", strerror(errno));
}

/* DIR/daemon.display, written under the lock: the X display the x11
 * backend shows the windows on ($DISPLAY), empty on the other backends.
 * vitrine run on another display refuses this daemon rather than show its
 * windows where the user is not (new-user trial 17 #3). */
static void record_display(const char *dir, const char *display)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/daemon.display", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || ftruncate(fd, 0) < 0 ||
	    (display && *display &&
	     (pwrite(fd, display, strlen(display), 0) != (ssize_t)strlen(display) ||
	      pwrite(fd, "\n", 1, (off_t)strlen(display)) != 1)))
		vlog("cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		display_fd = fd;
}

static int lock_runtime_dir(const char *dir)
{
	char path[160], pid[24] = "";
	snprintf(path, sizeof(path), "%s/daemon.pid", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		vlog("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = 0;
		pid[strcspn(pid, "\n")] = 0;
		vlog("already running on %s (pid %s); not starting a second daemon there", dir,
		     *pid ? pid : "unknown");
		close(fd);
		return -1;
	}
	int len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)len, 0) != len)
		vlog("cannot write %s: %s", path, strerror(errno));
	pid_fd = fd;
	pid_own = getpid();
	atexit(clear_pid);
	return 0;
}

/* Every window buffer holds a descriptor: allow as many as the system lets
 * us (the soft limit is often 1024, the hard one far more). */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static const struct backend_ops *find_backend(const char *name)
{
	static const struct backend_ops *all[] = { &headless_backend_ops, &x11_backend_ops,
						   &drm_backend_ops };
	for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(all[i]->name, name))
			return all[i];
	return NULL;
}

int main(int argc, char **argv)
{
	int rc = 1;
	struct source sig = { .fd = -1, .handle = handle_signal };
	sigset_t mask;
	char path[160];

	if (config_parse_args(&srv.cfg, argc, argv) < 0)
		return 2;
	const struct backend_ops *bops = find_backend(srv.cfg.backend);
	if (!bops) {
		vlog("unknown backend %s", srv.cfg.backend);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);

	raise_fd_limit();
	if (make_runtime_dir(srv.cfg.runtime_dir) < 0 || lock_runtime_dir(srv.cfg.runtime_dir) < 0)
		return 1;
	record_display(srv.cfg.runtime_dir, bops == &x11_backend_ops ? getenv("DISPLAY") : NULL);
	/* before the daemon holds anything a domain process must not have */
	/* (argv's strings lie one after the other: ps shows that memory) */
	int spawner = spawner_start(
		&srv.cfg, argc > 0 ? argv[0] : NULL,
		argc > 0 ? (size_t)(argv[argc - 1] + strlen(argv[argc - 1]) + 1 - argv[0]) : 0);
	if (spawner < 0)
		return 1;
	if (server_init(&srv, bops) < 0) { /* (it said why: vitrine run shows the last line) */
		close(spawner);
		goto out;
	}
	if (child_attach(&srv, spawner) < 0)
		goto out;
	sig.fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sig.fd < 0 || server_watch(&srv, &sig, EPOLLIN) < 0) {
		vlog("cannot watch signals: %s", strerror(errno));
		goto out;
	}
	for (int i = 0; i < srv.cfg.ndomains; i++) {
		struct domain *d = domain_create(&srv, &srv.cfg.domains[i]);
		if (!d)
			goto out;
		srv.domains[srv.ndomains++] = d;
		if (domain_listen(d) < 0)
			goto out;
		/* gntdev is opened now: the sandbox may forbid it later. */
		if (d->cfg->xen_domid != VSHM_NO_DOMID && vshm_xen_open() < 0) {
			vlog("domain %s: cannot open /dev/xen/gntdev: %s", d->cfg->name,
			     strerror(errno));
			goto out;
		}
	}
	snprintf(path, sizeof(path), "%s/control.sock", srv.cfg.runtime_dir);
	if (!(srv.control = control_create(&srv, path)))
		goto out;
	if (sandbox_enter((bops->caps & BACKEND_CAP_VT) != 0) < 0)
		goto out;
	vlog("%s backend %ux%u, %d domains, control socket %s", bops->name, srv.scene.width,
	     srv.scene.height, srv.ndomains, path);
	if (!srv.ndomains) /* new-user trial 3: a throw-away --domain was needed */
		vlog("no domains yet: vitrinectl add-domain NAME label=COLOUR, or vitrine run, "
		     "adds them");

	/* the first frame now: the display shows the daemon's (the drm
	 * backend's bar and background) before any event, not what was there */
	server_repaint(&srv);
	srv.running = true;
	while (srv.running) {
		if (server_dispatch(&srv, -1) < 0)
			goto out;
		control_check_waits(srv.control);
	}
	rc = 0;
out:
	control_destroy(srv.control);
	server_finish(&srv);
	if (sig.fd >= 0)
		close(sig.fd);
	return rc;
}
