/*
 * The launcher: the first process in a domain's sandbox (vitrine-sandbox.c
 * starts it as `vitrine sandbox-init LISTEN_FD XVFB WxH`). It starts the
 * domain's X server (Xvfb on :0 of WxH, in the sandbox's private /tmp and network
 * namespace), a session bus of the domain's own (dbus-daemon, where it is
 * installed: applications' notifications reach the agent, which owns
 * org.freedesktop.Notifications there) and its agent (on the domain's
 * socket), then runs each command
 * a `vitrine run` sends on LISTEN_FD, with that caller's stdin, stdout and
 * stderr, and tells it when the command exits. It reaps every orphan in the
 * sandbox (a child subreaper); once no process of an application is left in
 * the sandbox (an application that forked and exited lives on in its
 * child), it stops the agent and the X server, and the sandbox ends.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vitrine.h"

#define MAX_APPS 64
#define AGENT_READY_MS 5000
/* With no application left, the sandbox stays while a notification of its
 * own is shown, at most this long (new-user trial 12 #2: `...; notify-send
 * done` showed nothing: the notification went with the sandbox) */
#define NOTES_LINGER_MS 60000

static long long init_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pid_t xvfb = -1, agent = -1, bus = -1;
/* why the sandbox stops under its applications (LAUNCH_GONE's value) */
static int broke = GONE_DAEMON;
static bool gone; /* the daemon went away: its socket refuses the agent */
static struct app {
	int fd;	   /* its caller, or -1 */
	pid_t pid; /* 0 once reaped */
} apps[MAX_APPS];

static void reply(struct app *a, int kind, int value)
{
	struct launch_rep r = { kind, value };
	if (a->fd >= 0 && write(a->fd, &r, sizeof(r)) < 0)
		a->fd = -1; /* gone; closed below */
}

/* One request: argv and the caller's three descriptors. */
static void launch(int conn)
{
	static char buf[LAUNCH_ARGS_MAX + 1];
	struct launch_req req;
	int fds[3] = { -1, -1, -1 };
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(3 * sizeof(int))];
	} cb;
	struct iovec iov = { &req, sizeof(req) };
	struct msghdr mh = { .msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = cb.b,
			     .msg_controllen = sizeof(cb.b) };
	struct app *a = NULL;
	for (int i = 0; i < MAX_APPS && !a; i++)
		if (apps[i].fd < 0 && !apps[i].pid)
			a = &apps[i];
	ssize_t n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC | MSG_WAITALL);
	struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (c && c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(fds)))
		memcpy(fds, CMSG_DATA(c), sizeof(fds));
	char *argv[1025];
	unsigned argc = 0;
	bool ok = a && n == sizeof(req) && req.magic == LAUNCH_MAGIC && fds[2] >= 0 &&
		  req.len <= LAUNCH_ARGS_MAX && req.argc >= 1 && req.argc <= 1024 &&
		  recv(conn, buf, req.len, MSG_WAITALL) == (ssize_t)req.len;
	for (unsigned off = 0; ok && off < req.len && argc < req.argc; argc++) {
		argv[argc] = buf + off;
		off += (unsigned)strnlen(buf + off, req.len - off) + 1;
	}
	buf[req.len <= LAUNCH_ARGS_MAX ? req.len : 0] = 0;
	argv[argc] = NULL;
	if (!ok || argc != req.argc) {
		for (int i = 0; i < 3; i++)
			if (fds[i] >= 0)
				close(fds[i]);
		close(conn);
		return;
	}
	int err[2];
	if (pipe2(err, O_CLOEXEC) < 0) {
		close(conn);
		return;
	}
	pid_t p = fork();
	if (p == 0) {
		init_child();
		for (int i = 0; i < 3; i++)
			dup2(fds[i], i); /* (dup2 clears close-on-exec) */
		for (int i = 0; i < 3; i++)
			if (isatty(i)) /* vitrine run's pseudo-terminal: ours */
				tty_session(i, argv, err[1]);
		setpgid(0, 0);
		execvp(argv[0], argv);
		int e = errno;
		if (write(err[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(err[1]);
	for (int i = 0; i < 3; i++)
		close(fds[i]);
	int e = 0;
	a->fd = conn;
	if (p < 0 || read(err[0], &e, sizeof(e)) == sizeof(e)) {
		reply(a, LAUNCH_FAILED, p < 0 ? errno : e);
		a->pid = p > 0 ? p : 0; /* reaped below; its caller is told nothing more */
		close(conn);
		a->fd = -1;
	} else {
		a->pid = p;
		reply(a, LAUNCH_STARTED, p);
	}
	close(err[0]);
}

/* A process's parent, process group and state, from /proc/PID/stat. 0, or
 * -1 (gone). */
static int stat_of(int pid, int *ppid, int *pgrp, char *state)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	char *rp = strrchr(buf, ')');
	return rp && sscanf(rp + 1, " %c %d %d", state, ppid, pgrp) == 3 ? 0 : -1;
}

/* Is any process of an application left? Everything in the sandbox but
 * bwrap's init, us, and Xvfb, the agent and the bus with all their
 * descendants (Xvfb runs xkbcomp through a shell: those exit without telling
 * us), and what is in our process group: each application starts in a group
 * of its own (launch), so a service the bus started for an application
 * (GTK's accessibility bus, a portal), which leaves the bus's tree when its
 * launcher forks and exits, is not one (with it counted, a domain that ran a
 * GTK application never stopped: new-user trial, 2026-12-01). An
 * application's last process is our child, or an orphan we adopted (a
 * subreaper): its end wakes us. */
static bool apps_alive(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool any = false;
	while (d && !any && (e = readdir(d))) {
		int pid = atoi(e->d_name), up = pid, ppid, pgrp, depth = 0;
		char state = 0;
		/* (a zombie counts: if it is ours, its SIGCHLD wakes us to reap
		 * it and tell its caller before we stop) */
		if (pid <= 1 || pid == getpid() || stat_of(pid, &ppid, &pgrp, &state) < 0 ||
		    pgrp == getpgrp())
			continue;
		bool ours = true; /* not Xvfb's nor the agent's */
		while (up > 1 && up != getpid() && depth++ < 64) {
			char st;
			if (up == xvfb || up == agent || up == bus) {
				ours = false;
				break;
			}
			if (stat_of(up, &ppid, &pgrp, &st) < 0)
				break;
			up = ppid;
		}
		any = ours;
	}
	if (d)
		closedir(d);
	return any;
}

static void reap(int flags)
{
	int st, cause = GONE_DAEMON;
	pid_t p;
	while ((p = waitpid(-1, &st, flags)) > 0 || (p < 0 && errno == EINTR)) {
		if (p < 0)
			continue;
		if (p == agent && WIFEXITED(st) && WEXITSTATUS(st) == SANDBOX_AGENT_GONE) {
			gone = true;
			agent = -1;
		} else if (p == bus) {
			init_say("the session bus exited", NULL);
			bus = -1;
		} else if (p == xvfb || p == agent) {
			init_say(p == xvfb ? "the X server exited" : "the agent exited", NULL);
			/* the X server's end before the agent's it caused,
			 * whichever is reaped first (new-user trial 16 #4; the
			 * agent says so: SANDBOX_AGENT_NO_X) */
			bool no_x = p == xvfb || cause == GONE_X_SERVER ||
				    (WIFEXITED(st) && WEXITSTATUS(st) == SANDBOX_AGENT_NO_X);
			cause = no_x ? GONE_X_SERVER : GONE_AGENT;
			if (p == xvfb)
				xvfb = -1;
			else
				agent = -1;
		}
		for (int i = 0; i < MAX_APPS; i++)
			if (apps[i].pid == p) {
				reply(&apps[i], LAUNCH_EXITED, st);
				if (apps[i].fd >= 0)
					close(apps[i].fd);
				apps[i] = (struct app){ -1, 0 };
			}
	}
	if (cause != GONE_DAEMON && broke == GONE_DAEMON) /* the first cause stays */
		broke = cause;
}

int sandbox_init_main(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	int lfd = atoi(argv[1]);
	fcntl(lfd, F_SETFD, FD_CLOEXEC);
	/* nothing in the sandbox may read our memory or descriptors (the
	 * listening socket is how the user's `vitrine run` reaches us) */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	for (int i = 0; i < MAX_APPS; i++)
		apps[i] = (struct app){ -1, 0 };
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	signal(SIGPIPE, SIG_IGN);
	if (sfd < 0 || (xvfb = init_start_x(argv[2], argv[3])) < 0) {
		init_say("the X server did not start", NULL);
		return 1;
	}
	bus = init_start_bus();
	char *aargv[] = { SANDBOX_BIN "/vitrine-agent", NULL };
	/* the applications come once the agent set the daemon's monitors, dpi
	 * and keymap (the first one drew at 96 dpi at scale 2: new-user trial
	 * 6); at most AGENT_READY_MS (a daemon that refuses it) */
	int rp[2] = { -1, -1 };
	if (pipe2(rp, O_CLOEXEC) < 0)
		rp[0] = rp[1] = -1;
	agent = init_spawn(aargv, SANDBOX_SOCKET, rp[1]);
	if (rp[1] >= 0) {
		close(rp[1]);
		char b = 0;
		struct pollfd r = { rp[0], POLLIN, 0 };
		int n = poll(&r, 1, AGENT_READY_MS);
		if (n <= 0)
			init_say("the agent did not set up the X server in time; starting anyway",
				 NULL);
		else if (read(rp[0], &b, 1) != 1)
			init_say("the agent ended before it set up the X server", NULL);
		if (n > 0 && b != 'r') { /* (late, it is read below: a pipe closed
					  * under its write would kill it) */
			close(rp[0]);
			rp[0] = -1;
		}
	}
	/* then the same pipe says whether a notification of ours is shown
	 * ('n', 'z': none) */
	int notes = rp[0];
	bool ever = false, stop = false, noted = false;
	long long linger = 0; /* when the last application ended */
	while (!stop) {
		struct pollfd p[3 + MAX_APPS] = { { sfd, POLLIN, 0 }, { lfd, POLLIN, 0 } };
		for (int i = 0; i < MAX_APPS; i++)
			p[2 + i] = (struct pollfd){ apps[i].fd, POLLIN, 0 };
		p[2 + MAX_APPS] = (struct pollfd){ notes, POLLIN, 0 };
		/* the first caller comes at once; a sandbox nobody came to ends */
		long long left = linger ? linger + NOTES_LINGER_MS - init_now_ms() : 0;
		int n = poll(p, 3 + MAX_APPS,
			     !ever	? 10000
			     : !linger	? -1
			     : left > 0 ? (int)left
					: 0);
		if (n == 0 && (!ever || left <= 0))
			break;
		if (p[2 + MAX_APPS].revents) {
			char b[64];
			ssize_t k = read(notes, b, sizeof(b));
			if (k > 0)
				noted = b[k - 1] == 'n';
			else if (k == 0 || errno != EINTR) {
				close(notes);
				notes = -1, noted = false;
			}
		}
		if (p[1].revents & POLLIN) {
			int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
			if (c >= 0) {
				ever = true;
				launch(c);
			}
		}
		for (int i = 0; i < MAX_APPS; i++) {
			if (apps[i].fd < 0 || !(p[2 + i].revents & (POLLIN | POLLHUP)))
				continue;
			struct launch_rep r;
			if (read(apps[i].fd, &r, sizeof(r)) == sizeof(r) &&
			    r.kind == LAUNCH_SIGNAL && r.value > 0 && r.value < 65) {
				kill(-apps[i].pid, r.value);
				continue;
			}
			/* its caller went away: as when a terminal hangs up */
			kill(-apps[i].pid, SIGHUP);
			close(apps[i].fd);
			apps[i].fd = -1;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo != SIGCHLD)
				stop = true;
		}
		/* every exit is told before we may stop (an application that
		 * exited at once is a zombie not yet reaped, not one alive) */
		reap(WNOHANG);
		bool idle = ever && !apps_alive();
		linger = idle && noted ? (linger ? linger : init_now_ms()) : 0;
		stop |= xvfb < 0 || agent < 0 ||
			(idle && (!noted || init_now_ms() >= linger + NOTES_LINGER_MS));
	}
	if (notes >= 0)
		close(notes);
	close(lfd);
	bool left = false;
	for (int i = 0; i < MAX_APPS; i++)
		if (apps[i].pid > 0) {
			if (gone || broke != GONE_DAEMON)
				reply(&apps[i], LAUNCH_GONE, gone ? GONE_DAEMON : broke);
			kill(-apps[i].pid, SIGTERM); /* stopped for another reason */
			left = true;
		}
	if (gone)
		init_say("the daemon went away (stopped or restarted, or the domain removed); "
			 "stopping the domain's applications, X server and agent",
			 NULL);
	else
		init_say(left ? "stopping"
			      : "no application left; stopping the X server and the agent",
			 NULL);
	pid_t x = xvfb, ag = agent;
	if (bus > 0)
		kill(bus, SIGTERM); /* (reaped with the pid namespace) */
	if (ag > 0)
		kill(ag, SIGTERM);
	if (x > 0)
		kill(x, SIGTERM);
	if (ag > 0)
		while (waitpid(ag, NULL, 0) < 0 && errno == EINTR)
			;
	if (x > 0)
		while (waitpid(x, NULL, 0) < 0 && errno == EINTR)
			;
	reap(WNOHANG); /* every caller whose command ended is told; the rest
			* end with the sandbox's pid namespace */
	return 0;
}
