/*
 * vitrine run's side of the launcher in the domain's sandbox (vitrine.h:
 * the request and its answers; vitrine-init.c: the launcher): connect to it,
 * starting the sandbox if none runs, and have it run COMMAND.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine.h"

/* The domain's sandbox: its launcher's socket, started under a lock. A
 * socket nobody listens on is a crashed run's: removed. Anything else
 * there (a symlink, a file) is neither followed nor removed. */
int sandbox_launcher(const struct run_opts *o)
{
	char sock[160], lock[160];
	struct stat st;
	snprintf(sock, sizeof(sock), "%s/sandbox-%s.sock", o->runtime_dir, o->domain);
	snprintf(lock, sizeof(lock), "%s/sandbox-%s.lock", o->runtime_dir, o->domain);
	int lk = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (lk < 0 || flock(lk, LOCK_EX) < 0)
		return die("cannot lock %s", lock);
	bool there = lstat(sock, &st) == 0;
	if (there && !S_ISSOCK(st.st_mode)) {
		close(lk);
		return die("%s is not a socket: not touched (remove it)", sock) ? -1 : -1;
	}
	int fd = there ? unix_connect(sock) : -1;
	if (fd >= 0 && (o->given & (GIVEN_NET | GIVEN_HOME | GIVEN_PATHS)))
		fprintf(stderr,
			"vitrine: the sandbox of %s runs already: --ro, --rw, --net and --home "
			"apply when it starts, not to it\n",
			o->domain);
	if (fd < 0) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		if (strlen(sock) >= sizeof(sa.sun_path)) {
			close(lk);
			return die("%s: path too long", sock) ? -1 : -1;
		}
		memcpy(sa.sun_path, sock, strlen(sock) + 1);
		if (there)
			unlink(sock); /* a socket nobody listens on (checked above) */
		int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		mode_t old = umask(0077);
		int rc = l < 0 ? -1 : bind(l, (struct sockaddr *)&sa, sizeof(sa));
		umask(old);
		if (rc < 0 || listen(l, 16) < 0) {
			close(lk);
			return die("cannot listen on %s", sock) ? -1 : -1;
		}
		if (sandbox_start(o, l, lk) == 0)
			fd = unix_connect(sock);
		else
			unlink(sock); /* ours: no keeper removes it */
		close(l);
	}
	close(lk);
	return fd;
}

static int send_request(int fd, char **argv, const int fds[3])
{
	char buf[LAUNCH_ARGS_MAX];
	struct launch_req req = { LAUNCH_MAGIC, 0, 0 };
	for (; argv[req.argc]; req.argc++) {
		size_t n = strlen(argv[req.argc]) + 1;
		if (req.len + n > sizeof(buf))
			return -2;
		memcpy(buf + req.len, argv[req.argc], n);
		req.len += (unsigned)n;
	}
	struct iovec iov[2] = { { &req, sizeof(req) }, { buf, req.len } };
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(3 * sizeof(int))];
	} cb;
	memset(&cb, 0, sizeof(cb));
	struct msghdr mh = {
		.msg_iov = iov, .msg_iovlen = 2, .msg_control = cb.b, .msg_controllen = sizeof(cb.b)
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(3 * sizeof(int));
	memcpy(CMSG_DATA(c), fds, 3 * sizeof(int));
	return sendmsg(fd, &mh, MSG_NOSIGNAL) == (ssize_t)(sizeof(req) + req.len) ? 0 : -1;
}

/* One answer of the launcher: 0 to go on, else done (*rc: the exit status,
 * -1: the sandbox was stopping; *say: a line to print once our terminal is
 * restored). */
static int answer(struct run_opts *o, int fd, bool *started, int *rc, char *say, size_t cap)
{
	struct launch_rep r;
	if (read(fd, &r, sizeof(r)) != sizeof(r)) {
		*rc = *started ? 1 : -1; /* -1: start it again */
		if (*started && !*say)	 /* (else said) */
			snprintf(say, cap, "vitrine: the sandbox of %s went away", o->domain);
		return 1;
	}
	*started |= r.kind == LAUNCH_STARTED;
	if (r.kind == LAUNCH_GONE && r.value == GONE_DAEMON)
		snprintf(say, cap,
			 "vitrine: the daemon stopped, restarted or removed domain %s; its sandbox "
			 "stopped with %s (vitrine run again to start it anew)",
			 o->domain, o->argv[0]);
	else if (r.kind == LAUNCH_GONE)
		snprintf(say, cap,
			 "vitrine: the %s of %s exited; its sandbox stopped with %s (see "
			 "%s/sandbox-%s.log)",
			 r.value == GONE_X_SERVER ? "X server" : "agent", o->domain, o->argv[0],
			 o->runtime_dir, o->domain);
	if (r.kind == LAUNCH_FAILED) {
		o->launch_failed = true;
		snprintf(say, cap, "vitrine: %s: %s in the sandbox of %s", o->argv[0],
			 r.value == ENOENT ? "command not found" : strerror(r.value), o->domain);
		*rc = r.value == ENOENT ? 127 : 126;
		return 1;
	}
	if (r.kind != LAUNCH_EXITED)
		return 0;
	*rc = WIFEXITED(r.value)     ? WEXITSTATUS(r.value)
	      : WIFSIGNALED(r.value) ? 128 + WTERMSIG(r.value)
				     : 1;
	return 1;
}

/* Run COMMAND in the domain; its exit status. Signals we get go to it; our
 * terminal is its only through a pseudo-terminal of ours (vitrine-pty.c). */
int run_app(struct run_opts *o, int fd)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGUSR2);
	sigaddset(&mask, SIGALRM);
	sigaddset(&mask, SIGWINCH);
	sigaddset(&mask, SIGCONT);
	/* no signal may end us with the terminal raw (review): those above
	 * go to COMMAND; our writes to the socket are MSG_NOSIGNAL (SIGPIPE
	 * ignored would reach COMMAND through exec) */
	sigprocmask(SIG_BLOCK, &mask, NULL);
	bool started = false;
	int rc = 1, fds[3];
	char say[600] = "";
	struct run_tty t;
	if (tty_open(&t))
		return 1;
	tty_fds(&t, fds);
	int sent = send_request(fd, o->argv, fds);
	tty_sent(&t);
	if (sent < 0) {
		tty_close(&t);
		if (sent == -2)
			return die("the command is over %d bytes", LAUNCH_ARGS_MAX);
		return -1; /* the sandbox was stopping as we came: start it again */
	}
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC), terms = 0;
	for (;;) {
		struct pollfd p[4] = { { fd, POLLIN, 0 }, { sfd, POLLIN, 0 } };
		tty_poll(&t, p + 2);
		if (poll(p, 4, -1) < 0)
			continue;
		tty_events(&t, p + 2);
		tty_suspend(&t);
		struct signalfd_siginfo si;
		if ((p[1].revents & POLLIN) && read(sfd, &si, sizeof(si)) == sizeof(si)) {
			struct launch_rep r = { LAUNCH_SIGNAL, (int)si.ssi_signo };
			if (si.ssi_signo == SIGWINCH) {
				tty_winch(&t);
				continue;
			}
			if (si.ssi_signo == SIGCONT) {
				if (started)
					tty_foreground(&t);
				continue;
			}
			/* passed on; we end at once if COMMAND has not started
			 * (a launcher stopped by what runs in the sandbox never
			 * answers), at a hang-up (our terminal went: COMMAND gets
			 * SIGHUP from the launcher too), or at a second SIGTERM
			 * (COMMAND may ignore it; the terminal is given back) */
			rc = 128 + (int)si.ssi_signo;
			terms += si.ssi_signo == SIGTERM;
			if (send(fd, &r, sizeof(r), MSG_NOSIGNAL) < 0 || !started ||
			    si.ssi_signo == SIGHUP || terms > 1)
				break;
			rc = 1;
		}
		bool was = started;
		if ((p[0].revents & (POLLIN | POLLHUP)) &&
		    answer(o, fd, &started, &rc, say, sizeof(say)))
			break;
		if (started && !was) /* our terminal is COMMAND's now */
			tty_foreground(&t);
	}
	tty_close(&t);
	close(sfd);
	if (*say)
		fprintf(stderr, "%s\n", say);
	return rc;
}
