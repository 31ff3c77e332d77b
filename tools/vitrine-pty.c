/*
 * vitrine run's terminal (vitrine.h): COMMAND gets a pseudo-terminal of
 * vitrine run's, never the user's. While COMMAND runs, vitrine run copies
 * what is typed to it and what it writes back; when COMMAND exits, the
 * copying ends, so a process it left behind (one that left its session and
 * ignores SIGHUP) reads nothing more the user types, nor writes into the
 * terminal (sandbox trial, 2026-12-01: such a process read what was typed at
 * the shell after vitrine run returned). As sudo's use_pty and ssh -t.
 *
 * Inside the sandbox (tty_session) the command runs in a session of its own
 * whose controlling terminal is that pseudo-terminal, under a small monitor
 * process that leads the session: Ctrl+C and a window's new size reach it
 * as in any terminal, and its exit hangs up no process it left. Ctrl+Z
 * suspends vitrine run, not COMMAND (as before: `bg` lets the terminal go
 * while a window stays), as long as COMMAND's terminal makes it a signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "vitrine.h"

int tty_open(struct run_tty *t)
{
	*t = (struct run_tty){ .master = -1, .slave = -1, .in = -1, .out = -1 };
	t->in = isatty(0) ? 0 : -1;
	t->out = isatty(1) ? 1 : isatty(2) ? 2 : t->in;
	if (t->out < 0)
		return 0; /* no terminal: COMMAND gets our descriptors as they are */
	char name[64];
	struct termios tio;
	struct winsize ws;
	t->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (t->master < 0 || grantpt(t->master) < 0 || unlockpt(t->master) < 0 ||
	    ptsname_r(t->master, name, sizeof(name)) != 0 ||
	    (t->slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
		int e = errno;
		tty_close(t);
		return die("no pseudo-terminal for the command (%s); give it no terminal "
			   "(</dev/null >FILE 2>&1)",
			   strerror(e));
	}
	int ref = t->in >= 0 ? t->in : t->out;
	if (tcgetattr(ref, &tio) == 0)
		tcsetattr(t->slave, TCSANOW, &tio);
	if (ioctl(ref, TIOCGWINSZ, &ws) == 0)
		ioctl(t->master, TIOCSWINSZ, &ws);
	fcntl(t->master, F_SETFL, O_NONBLOCK);
	ttyfilter_init(&t->filter, ttyfilter_utf8_locale());
	return 0;
}

void tty_fds(const struct run_tty *t, int fds[3])
{
	for (int i = 0; i < 3; i++)
		fds[i] = t->slave >= 0 && isatty(i) ? t->slave : i;
}

void tty_sent(struct run_tty *t)
{
	if (t->slave >= 0)
		close(t->slave);
	t->slave = -1;
}

/* Typing goes to COMMAND only while we are the terminal's foreground job
 * (not `vitrine run ... &`): then our terminal is raw, and the
 * pseudo-terminal's own settings (COMMAND's) apply. Called at the start and
 * on SIGCONT (`fg`). */
void tty_foreground(struct run_tty *t)
{
	if (t->master < 0 || t->in < 0 || t->raw || tcgetpgrp(t->in) != getpgrp() ||
	    tcgetattr(t->in, &t->saved) < 0)
		return;
	struct termios raw = t->saved;
	cfmakeraw(&raw);
	t->raw = tcsetattr(t->in, TCSADRAIN, &raw) == 0;
}

void tty_winch(struct run_tty *t)
{
	struct winsize ws;
	int ref = t->in >= 0 ? t->in : t->out;
	if (t->master >= 0 && ioctl(ref, TIOCGWINSZ, &ws) == 0)
		ioctl(t->master, TIOCSWINSZ, &ws);
}

void tty_poll(const struct run_tty *t, struct pollfd p[2])
{
	bool open = t->master >= 0 && !t->ended;
	p[0] = (struct pollfd){ open ? t->master : -1, (short)(POLLIN | (t->len ? POLLOUT : 0)),
				0 };
	p[1] = (struct pollfd){ open && t->raw && !t->len ? t->in : -1, POLLIN, 0 };
}

static void put(int fd, const char *b, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		b += w;
		n -= (size_t)w;
	}
}

/* What COMMAND wrote, to our terminal, at most max bytes (a command that
 * writes without end must not keep us from the user's keys, our signals
 * and the launcher: review); false once it has no terminal left. Through
 * the filter (vitrine-ttyfilter.c): no sequence that sets the terminal's
 * clipboard or title, moves its window or makes it answer (hostile-domain
 * trial 17 F3). */
static bool drain(struct run_tty *t, size_t max)
{
	unsigned char b[16384], out[sizeof(b) + TTYF_SLACK];
	for (size_t done = 0; done < max;) {
		ssize_t n = read(t->master, b, sizeof(b));
		if (n > 0) {
			put(t->out, (const char *)out, ttyfilter(&t->filter, b, (size_t)n, out));
			done += (size_t)n;
			continue;
		}
		return n < 0 && (errno == EAGAIN || errno == EINTR);
	}
	return true;
}

void tty_events(struct run_tty *t, const struct pollfd p[2])
{
	if (p[1].revents & (POLLIN | POLLHUP)) {
		ssize_t n = read(t->in, t->buf, sizeof(t->buf));
		struct termios tio; /* COMMAND's (the pseudo-terminal's) */
		if (n > 0)
			t->len = (size_t)n;
		else if (n == 0 || errno != EINTR)
			t->ended = true; /* our terminal went away (SIGHUP follows) */
		char *z = NULL;
		if (n > 0 && tcgetattr(t->master, &tio) == 0 && (tio.c_lflag & ISIG) &&
		    tio.c_cc[VSUSP] != _POSIX_VDISABLE)
			z = memchr(t->buf, tio.c_cc[VSUSP], t->len);
		if (z) { /* Ctrl+Z suspends vitrine run, as it did any command */
			t->len = (size_t)(z - t->buf);
			t->suspend = true;
		}
	}
	if (t->len && !t->ended) { /* COMMAND may not read: never wait on it */
		ssize_t w = write(t->master, t->buf, t->len);
		if (w > 0) {
			memmove(t->buf, t->buf + w, t->len - (size_t)w);
			t->len -= (size_t)w;
		}
	}
	if ((p[0].revents & (POLLIN | POLLHUP | POLLERR)) && !drain(t, 65536))
		t->ended = true; /* no process has the pseudo-terminal open */
}

void tty_suspend(struct run_tty *t)
{
	if (!t->suspend)
		return;
	t->suspend = false;
	if (t->raw)
		tcsetattr(t->in, TCSADRAIN, &t->saved);
	t->raw = false;
	kill(getpid(), SIGTSTP); /* until fg (SIGCONT: tty_foreground) or bg */
	/* not stopped (an orphaned process group, the terminal's first
	 * program: the kernel drops SIGTSTP), or resumed by fg: typing goes
	 * on (it stopped for good: review) */
	tty_foreground(t);
}

void tty_close(struct run_tty *t)
{
	if (t->master >= 0 && !t->ended) /* COMMAND's last words, not what */
		drain(t, 1 << 20);	 /* a process it left writes on */
	unsigned char back[TTYF_SLACK];	 /* the modes it left changed */
	put(t->out, (const char *)back, ttyfilter_end(&t->filter, back));
	/* what came in since our last read is not the shell's: a terminal's
	 * answers to COMMAND's queries (cursor position, window title) would
	 * be typed into it (hostile-app trial) */
	if (t->raw)
		tcsetattr(t->in, TCSAFLUSH, &t->saved);
	t->raw = false;
	tty_sent(t);
	if (t->master >= 0)
		close(t->master); /* what is left of COMMAND gets a hang-up */
	t->master = -1;
}

/* ---- inside the sandbox: the monitor of a command with a terminal ---- */

static volatile pid_t session_child;

static void pass_on(int sig)
{
	if (session_child > 0)
		kill(-session_child, sig);
}

void tty_session(int tty, char **argv, int err_fd)
{
	sigset_t all, none;
	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &all, NULL);
	if (setsid() < 0 || ioctl(tty, TIOCSCTTY, 0) < 0) {
		sigprocmask(SIG_SETMASK, &none, NULL);
		return; /* not a terminal we may have: run as without one */
	}
	signal(SIGTTOU, SIG_IGN);
	pid_t b = fork();
	if (b == 0) {
		setpgid(0, 0);
		tcsetpgrp(tty, getpid()); /* the foreground job: Ctrl+C reaches it */
		signal(SIGTTOU, SIG_DFL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execvp(argv[0], argv);
		int e = errno;
		if (write(err_fd, &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	close(err_fd);
	if (b < 0)
		_exit(126);
	close_range(3, ~0u, 0); /* the launcher's (B closes them at exec) */
	setpgid(b, b);
	session_child = b;
	/* what the launcher passes on (LAUNCH_SIGNAL, a hang-up) goes to it */
	struct sigaction sa = { .sa_handler = pass_on };
	for (int s = 1; s < 32; s++)
		if (s != SIGCHLD && s != SIGTTOU && s != SIGKILL && s != SIGSTOP)
			sigaction(s, &sa, NULL);
	sigprocmask(SIG_SETMASK, &none, NULL);
	int st = 0;
	for (;;) {
		pid_t w = waitpid(b, &st, WUNTRACED);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 || !WIFSTOPPED(st))
			break;
		/* stopped (a full-screen program's own Ctrl+Z): no shell here
		 * resumes it, so it goes on at once */
		kill(-b, SIGCONT);
	}
	/* the foreground is ours again, so our exit hangs up no one it left */
	tcsetpgrp(tty, getpgrp());
	if (WIFSIGNALED(st)) {
		struct rlimit none_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &none_core);
		signal(WTERMSIG(st), SIG_DFL);
		raise(WTERMSIG(st));
		_exit(128 + WTERMSIG(st));
	}
	_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
}
