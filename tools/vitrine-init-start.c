/*
 * What the launcher (vitrine-init.c) starts in a domain's sandbox besides
 * the applications: its X server, its session bus and its agent, each a
 * child with the launcher's signal mask and SIGPIPE as exec found them.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vitrine.h"

void init_say(const char *what, const char *detail)
{
	fprintf(stderr, "vitrine sandbox: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
}

void init_child(void)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL); /* ours is ignored; exec would keep that */
}

pid_t init_spawn(char *const argv[], const char *socket, int ready)
{
	pid_t p = fork();
	if (p == 0) {
		init_child();
		if (socket) {
			char n[16];
			snprintf(n, sizeof(n), "%d", ready);
			setenv("VITRINE_SOCKET", socket, 1);
			setenv("VITRINE_AGENT_EXIT_GONE", "1", 1);
			if (ready >= 0 && fcntl(ready, F_SETFD, 0) == 0)
				setenv("VITRINE_AGENT_READY_FD", n, 1);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return p;
}

/* Xvfb on :0, ready once it wrote its display number on -displayfd. */
pid_t init_start_x(const char *path, const char *size)
{
	int fds[2];
	char fdnum[16], screen[32], c;
	unsigned w, h;
	if (sscanf(size, "%5ux%5u%c", &w, &h, &c) != 2 || w < 64 || h < 64 || w > 16384 ||
	    h > 16384 || pipe(fds) < 0)
		return -1;
	snprintf(fdnum, sizeof(fdnum), "%d", fds[1]);
	snprintf(screen, sizeof(screen), "%ux%ux24", w, h);
	/* 96 DPI, as a desktop's X server says: the same text size on every
	 * run (vitrine test's references) */
	char *argv[] = { (char *)path, SANDBOX_DISPLAY, "-screen", "0",		 screen, "-dpi",
			 "96",	       "-nolisten",	"tcp",	   "-displayfd", fdnum,	 NULL };
	pid_t xvfb = init_spawn(argv, NULL, -1);
	close(fds[1]);
	ssize_t n = xvfb > 0 ? read(fds[0], &c, 1) : -1;
	close(fds[0]);
	return n == 1 ? xvfb : -1;
}

/* The domain's session bus, ready once it printed its address (then in
 * DBUS_SESSION_BUS_ADDRESS for the agent and every application). Without
 * dbus-daemon the domain has none: said once, nothing else changes. */
pid_t init_start_bus(void)
{
	static const char daemon[] = "/usr/bin/dbus-daemon";
	const char *run = getenv("XDG_RUNTIME_DIR");
	char fdnum[32], addr[160], listen[160];
	int fds[2];
	if (access(daemon, X_OK) < 0 || !run || pipe(fds) < 0) {
		init_say("no session bus for the domain's applications",
			 "dbus-daemon is not installed");
		return -1;
	}
	snprintf(fdnum, sizeof(fdnum), "--print-address=%d", fds[1]);
	snprintf(listen, sizeof(listen), "--address=unix:path=%s/bus", run);
	char *argv[] = {
		(char *)daemon, "--session", "--nofork", "--nopidfile", listen, fdnum, NULL
	};
	pid_t bus = init_spawn(argv, NULL, -1);
	close(fds[1]);
	size_t n = 0;
	struct pollfd pf = { fds[0], POLLIN, 0 };
	while (bus > 0 && n < sizeof(addr) - 1 && !memchr(addr, '\n', n) &&
	       poll(&pf, 1, 10000) > 0) { /* a bus that says nothing: none */
		ssize_t r = read(fds[0], addr + n, sizeof(addr) - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fds[0]);
	addr[n] = 0;
	addr[strcspn(addr, "\n")] = 0;
	if (addr[0])
		setenv("DBUS_SESSION_BUS_ADDRESS", addr, 1);
	else
		init_say("the session bus did not start", NULL);
	return bus;
}
