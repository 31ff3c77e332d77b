/*
 * --net for a sandbox (vitrine.h), started by its keeper (vitrine-sandbox.c)
 * on the sandbox's own network namespace, joined by its path from within
 * the user namespace that owns it: pasta (no gateway mapped to the host's
 * loopback, no port forwarded; it goes to the background once the namespace
 * is set up and is stopped with the sandbox) or slirp4netns
 * (--disable-host-loopback; ready when it says so on ready_fd; exits when
 * exit_fd closes, with the keeper).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine.h"

static char pidfile[160]; /* pasta's, to stop it when the sandbox ends */

int sandbox_net_start(const struct run_opts *o, int pid)
{
	char p[32], u[32], up[48], rfd[16], efd[16], uid[16];
	snprintf(pidfile, sizeof(pidfile), "%s/sandbox-%s.pasta.pid", o->runtime_dir, o->domain);
	unlink(pidfile);
	int ready[2], ex[2];
	snprintf(p, sizeof(p), "/proc/%d/ns/net", pid);
	/* As an ordinary user, that namespace is joined only from within the
	 * user namespace that owns it (setns EPERM: a new-user trial had no
	 * network; as root the tests had one): bubblewrap's first, the parent
	 * of the sandbox's own; asked of the network namespace itself. */
	int nfd = open(p, O_RDONLY | O_CLOEXEC);
	int ufd = nfd >= 0 ? ioctl(nfd, NS_GET_USERNS) : -1;
	if (nfd >= 0)
		close(nfd);
	if (ufd < 0) {
		fprintf(stderr, "vitrine: the sandbox's network namespace: %s: no network for it\n",
			strerror(errno));
		return -1;
	}
	snprintf(u, sizeof(u), "/proc/self/fd/%d", ufd);
	snprintf(up, sizeof(up), "--userns-path=%s", u);
	snprintf(uid, sizeof(uid), "%u", (unsigned)getuid()); /* (as root: not nobody) */
	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(ex, O_CLOEXEC) < 0) {
		close(ufd);
		return -1;
	}
	snprintf(rfd, sizeof(rfd), "--ready-fd=%d", ready[1]);
	snprintf(efd, sizeof(efd), "--exit-fd=%d", ex[0]);
	pid_t h = fork();
	if (h == 0) {
		fcntl(ready[1], F_SETFD, 0);
		fcntl(ex[0], F_SETFD, 0);
		fcntl(ufd, F_SETFD, 0);
		if (strstr(o->netcmd, "pasta"))
			/* no port forwarded either way: pasta's default (auto)
			 * made the host's loopback reachable from the sandbox
			 * and published its listening ports on the host
			 * (sandbox trial, 2026-12-01) */
			execl(o->netcmd, o->netcmd, "--config-net", "--quiet", "--no-map-gw", "-t",
			      "none", "-u", "none", "-T", "none", "-U", "none", "--userns", u,
			      "--netns", p, "--pid", pidfile, getuid() ? NULL : "--runas", uid,
			      (char *)NULL);
		else
			execl(o->netcmd, o->netcmd, "--configure", "--mtu=65520",
			      "--disable-host-loopback", "--netns-type=path", up, rfd, efd, p,
			      "tap0", (char *)NULL);
		_exit(127);
	}
	close(ready[1]);
	close(ex[0]); /* ex[1] stays open in the keeper: slirp4netns lives as long */
	if (ufd >= 0)
		close(ufd);
	char c;
	int st = 0;
	if (h > 0 && strstr(o->netcmd, "pasta"))
		waitpid(h, &st, 0); /* its first process exits once the network is up */
	else if (h > 0 && read(ready[0], &c, 1) != 1)
		st = 1;
	close(ready[0]);
	if (h < 0 || st) {
		fprintf(stderr, "vitrine: %s failed: no network for the sandbox%s\n", o->netcmd,
			access("/dev/net/tun", R_OK | W_OK)
				? " (/dev/net/tun is not yours to open: it is usually mode 0666)"
				: "");
		return -1;
	}
	return 0;
}

void sandbox_net_stop(void)
{
	FILE *f = pidfile[0] ? fopen(pidfile, "r") : NULL;
	int net = 0;
	/* pasta stays after the namespace went (and may not heed SIGTERM) */
	if (f && fscanf(f, "%d", &net) == 1 && net > 1)
		kill(net, SIGKILL);
	if (f) {
		fclose(f);
		unlink(pidfile);
	}
}

/* The sandbox's pid, from bwrap's --info-fd ("child-pid": N). */
int sandbox_child_pid(int fd)
{
	char buf[512];
	size_t have = 0;
	ssize_t n;
	while (have < sizeof(buf) - 1 && (n = read(fd, buf + have, sizeof(buf) - 1 - have)) > 0) {
		have += (size_t)n;
		buf[have] = 0;
		char *p = strstr(buf, "\"child-pid\":");
		if (p && strchr(p, '}'))
			return atoi(p + 12);
	}
	return -1;
}
