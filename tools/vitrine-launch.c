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

static int send_request(int fd, char **argv)
{
	char buf[LAUNCH_ARGS_MAX];
	struct launch_req req = { LAUNCH_MAGIC, 0, 0 };
	for (; argv[req.argc]; req.argc++) {
		size_t n = strlen(argv[req.argc]) + 1;
		if (req.len + n > sizeof(buf))
			return -1;
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
	int fds[3] = { 0, 1, 2 };
	memcpy(CMSG_DATA(c), fds, sizeof(fds));
	return sendmsg(fd, &mh, MSG_NOSIGNAL) == (ssize_t)(sizeof(req) + req.len) ? 0 : -1;
}

/* Run COMMAND in the domain; its exit status. Signals we get go to it. */
int run_app(struct run_opts *o, int fd)
{
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	bool started = false, gone = false;
	if (send_request(fd, o->argv) < 0)
		return die("cannot send the command to the sandbox of %s", o->domain) ? -1 : -1;
	for (;;) {
		struct pollfd p[2] = { { fd, POLLIN, 0 }, { sfd, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				struct launch_rep r = { LAUNCH_SIGNAL, (int)si.ssi_signo };
				if (write(fd, &r, sizeof(r)) < 0)
					return 128 + (int)si.ssi_signo;
			}
		}
		if (!(p[0].revents & (POLLIN | POLLHUP)))
			continue;
		struct launch_rep r;
		if (read(fd, &r, sizeof(r)) != sizeof(r)) {
			if (!started)
				return -1; /* the sandbox was stopping: start it again */
			if (!gone)	   /* (else said) */
				fprintf(stderr, "vitrine: the sandbox of %s went away\n",
					o->domain);
			return 1;
		}
		started |= r.kind == LAUNCH_STARTED;
		gone |= r.kind == LAUNCH_GONE;
		if (r.kind == LAUNCH_GONE && r.value == GONE_DAEMON)
			fprintf(stderr,
				"vitrine: the daemon went away; the sandbox of %s stopped with %s "
				"(vitrine run again to start it anew)\n",
				o->domain, o->argv[0]);
		else if (r.kind == LAUNCH_GONE)
			fprintf(stderr,
				"vitrine: the %s of %s exited; its sandbox stopped with %s (see "
				"%s/sandbox-%s.log)\n",
				r.value == GONE_X_SERVER ? "X server" : "agent", o->domain,
				o->argv[0], o->runtime_dir, o->domain);
		if (r.kind == LAUNCH_FAILED) {
			o->launch_failed = true;
			fprintf(stderr, "vitrine: %s: %s in the sandbox of %s\n", o->argv[0],
				r.value == ENOENT ? "command not found" : strerror(r.value),
				o->domain);
			return r.value == ENOENT ? 127 : 126;
		}
		if (r.kind == LAUNCH_EXITED)
			return WIFEXITED(r.value)     ? WEXITSTATUS(r.value)
			       : WIFSIGNALED(r.value) ? 128 + WTERMSIG(r.value)
						      : 1;
	}
}
