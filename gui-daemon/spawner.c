/*
 * The spawner (see child.h): a process forked at start-up that forks one
 * domain process per connection on the compositor's request, hands back a
 * pidfd for it, and says when it is gone. It never reads a domain's bytes.
 */
#include "spawner.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "config.h"
#include "dchild.h"
#include "protocol/fdpass.h"
#include "sandbox.h"
#include "server.h"
#include "shm/shm.h"

#define MAX_KIDS 256

struct kid {
	pid_t pid;
	uint32_t id, domain;
	char name[32];
};

/* Every descriptor but these goes. */
static void keep_only(const int *keep, int n)
{
	int hi = 3;
	for (int i = 0; i < n; i++)
		if (keep[i] + 1 > hi)
			hi = keep[i] + 1;
	for (int fd = 3; fd < hi; fd++) {
		bool k = false;
		for (int i = 0; i < n; i++)
			k |= keep[i] == fd;
		if (!k)
			close(fd);
	}
	syscall(SYS_close_range, (unsigned)hi, ~0u, 0);
}

/* The daemon's command line's memory (main), which ps shows as a process's
 * arguments: a domain process writes its own name there. */
static char *args;
static size_t args_len;

/* In the new domain process: shed everything, enter the sandbox, serve. */
static void domain_process(const char *dname, int32_t xen_domid, int conn, int up)
{
	char name[16], title[80];
	snprintf(name, sizeof(name), "vt-dom:%.8s", dname);
	prctl(PR_SET_NAME, name, 0, 0, 0);
	/* `ps -o args` showed every domain process as the daemon's command
	 * line (new-user trial 7) */
	snprintf(title, sizeof(title), "vitrine-daemon: domain process of %s", dname);
	if (args && args_len > 1) {
		memset(args, 0, args_len);
		memcpy(args, title, strnlen(title, args_len - 1));
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	int keep[] = { conn, up };
	keep_only(keep, 2);
	/* stdin and stdout are nothing of its business; stderr stays for the
	 * sanitizers' reports */
	close(0);
	close(1);
	struct rlimit nofile = { 32, 32 };
	setrlimit(RLIMIT_NOFILE, &nofile);
	struct dchild c;
	if (dchild_init(&c, conn, up) < 0)
		_exit(1);
	if (xen_domid != VSHM_NO_DOMID) {
		/* a Xen domain's: the vchan and gntdev opened, then the sandbox */
		if (!dchild_vchan_open || dchild_vchan_open(&c, xen_domid) < 0)
			_exit(CHILD_EXIT_SETUP);
		if (sandbox_enter_domain_xen() < 0)
			_exit(1);
		_exit(dchild_vchan_run(&c));
	}
	if (sandbox_enter_domain() < 0)
		_exit(1);
	int rc = dchild_run(&c);
	_exit(rc);
}

static void send_rep(int s, const struct child_rep *r, int fd)
{
	if (fd_send(s, r, sizeof(*r), &fd, fd >= 0, 0) < 0 && errno == EPIPE)
		_exit(0);
}

static void start_one(const struct config *cfg, int s, struct kid *kids, const sigset_t *old)
{
	struct child_req req = { 0 };
	struct fd_got g;
	ssize_t n = fd_recv(s, &req, sizeof(req), 0, &g, NULL, NULL);
	if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
		_exit(0); /* the daemon is gone */
	/* [connection, socket], or a Xen domain's [socket] */
	int fds[2] = { -1, -1 };
	if (g.nfds == 2)
		memcpy(fds, g.fds, sizeof(fds));
	else if (g.nfds == 1)
		fds[1] = g.fds[0];
	else
		for (int i = 0; i < g.nfds; i++)
			close(g.fds[i]);
	int slot = 0;
	while (slot < MAX_KIDS && kids[slot].pid)
		slot++;
	pid_t pid = -1;
	/* a Xen domain (configured at start: never one added at run time)
	 * sends no connection, any other one does */
	req.name[sizeof(req.name) - 1] = 0;
	int32_t xen = req.domain < (uint32_t)cfg->ndomains &&
				      !strcmp(cfg->domains[req.domain].name, req.name)
			      ? cfg->domains[req.domain].xen_domid
			      : VSHM_NO_DOMID;
	if (n == (ssize_t)sizeof(req) && fds[1] >= 0 && req.domain < MAX_DOMAINS &&
	    (fds[0] < 0) == (xen != VSHM_NO_DOMID) && slot < MAX_KIDS)
		pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, old, NULL);
		domain_process(req.name, xen, fds[0], fds[1]);
	}
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (pid < 0) {
		vlog("cannot start a domain process: %s", strerror(errno));
		/* none started: the compositor must not count it as alive (nor
		 * ask again at once for a vchan) */
		struct child_rep gone = { CHILD_GONE, req.id, req.domain, -1,
					  CHILD_EXIT_SETUP << 8 };
		if (n == (ssize_t)sizeof(req))
			send_rep(s, &gone, -1);
		return;
	}
	kids[slot] = (struct kid){ pid, req.id, req.domain, "" };
	memcpy(kids[slot].name, req.name, sizeof(kids[slot].name));
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct child_rep rep = { CHILD_STARTED, req.id, req.domain, pid, 0 };
	send_rep(s, &rep, pidfd);
	if (pidfd >= 0)
		close(pidfd);
}

static void reap(const struct config *cfg, int s, struct kid *kids)
{
	(void)cfg;
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		struct kid *k = NULL;
		for (int i = 0; i < MAX_KIDS && !k; i++)
			if (kids[i].pid == pid)
				k = &kids[i];
		if (!k)
			continue;
		const char *name = k->name;
		/* SIGKILL is the compositor letting it go; anything else is news */
		if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL)
			vlog("domain %s: its domain process %d died of signal %d (%s)", name,
			     (int)pid, WTERMSIG(st), strsignal(WTERMSIG(st)));
		else if (WIFEXITED(st) && WEXITSTATUS(st))
			vlog("domain %s: its domain process %d exited with status %d", name,
			     (int)pid, WEXITSTATUS(st));
		struct child_rep rep = { CHILD_GONE, k->id, k->domain, pid, st };
		send_rep(s, &rep, -1);
		k->pid = 0;
	}
}

static void spawner_main(const struct config *cfg, int s)
{
	prctl(PR_SET_NAME, "vitrine-spawner", 0, 0, 0);
	pid_t daemon = getppid();
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (getppid() != daemon)
		_exit(0);
	int keep[] = { s };
	keep_only(keep, 1);
	static struct kid kids[MAX_KIDS];
	sigset_t mask, old;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &old);
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sfd < 0)
		_exit(1);
	bool xen = false;
	for (int i = 0; i < cfg->ndomains; i++)
		xen |= cfg->domains[i].xen_domid != VSHM_NO_DOMID;
	if (sandbox_enter_spawner(xen) < 0)
		_exit(1);
	for (;;) {
		struct pollfd p[2] = { { s, POLLIN, 0 }, { sfd, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) < 0)
				continue;
			reap(cfg, s, kids);
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
			start_one(cfg, s, kids, &old);
	}
}

int spawner_start(const struct config *cfg, char *cmdline, size_t cmdline_len)
{
	args = cmdline;
	args_len = cmdline_len;
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		vlog("cannot start the spawner: socketpair: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		vlog("cannot start the spawner: fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		spawner_main(cfg, sv[1]);
		_exit(0);
	}
	close(sv[1]);
	return sv[0];
}
