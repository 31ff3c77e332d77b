/*
 * vitrine run and the daemon: its control socket (control), starting one on
 * $DISPLAY when none answers (start_daemon), and the domain, added with
 * add-domain unless the daemon has it (ensure_domain).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vitrine.h"

int die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "vitrine: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

int unix_connect(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa.sun_path))
		return -1;
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* One control command; its reply into out. 1 ok, 0 error, -1 no daemon. */
int control(const struct run_opts *o, const char *cmd, char *out, size_t cap)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/control.sock", o->runtime_dir);
	int fd = unix_connect(path);
	if (fd < 0)
		return -1;
	size_t have = 0;
	out[0] = 0;
	if (write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd) && write(fd, "\n", 1) == 1) {
		for (;;) {
			struct pollfd p = { fd, POLLIN, 0 };
			if (poll(&p, 1, 10000) <= 0)
				break;
			ssize_t n = read(fd, out + have, cap - 1 - have);
			if (n <= 0)
				break;
			have += (size_t)n;
			out[have] = 0;
			if (have == cap - 1 ||
			    !strcmp(out + have - (have >= 3 ? 3 : have), "ok\n") ||
			    strstr(out, "error: "))
				break;
		}
	}
	close(fd);
	return strstr(out, "error: ") || have < 3 ? 0 : 1;
}

/* Whether a daemon holds DIR/daemon.pid's lock (it takes it before it
 * answers on the control socket). */
static int daemon_lock_held(const char *dir)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/daemon.pid", dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	int held = flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

bool dir_file(const char *dir, const char *name, char *buf, size_t cap)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf[0] = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, buf, cap - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return true;
}

/* The pid DIR/daemon.pid says holds its lock (0: none said). */
static pid_t lock_owner(const char *dir)
{
	char buf[24];
	dir_file(dir, "daemon.pid", buf, sizeof(buf));
	return (pid_t)atol(buf);
}

/* The daemon's last line in log (its reason for ending), "" if none. */
static void last_line(const char *log, char *out, size_t cap)
{
	char buf[4096];
	out[0] = 0;
	int fd = open(log, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	off_t end = lseek(fd, 0, SEEK_END);
	off_t at = end > (off_t)sizeof(buf) - 1 ? end - (off_t)sizeof(buf) + 1 : 0;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, at);
	close(fd);
	if (n <= 0)
		return;
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = 0;
	const char *l = strrchr(buf, '\n');
	l = l ? l + 1 : buf;
	if (!strncmp(l, "vitrine-daemon: ", 16))
		l += 16;
	size_t len = strlen(l) < cap - 1 ? strlen(l) : cap - 1;
	memcpy(out, l, len);
	out[len] = 0;
	printable(out);
}

/* No daemon on our runtime directory: start one on $DISPLAY (x11) with the
 * domain, and wait until it answers. */
int start_daemon(const struct run_opts *o, const char *daemon)
{
	const char *display = getenv("DISPLAY");
	char spec[sizeof(o->daemon_keys) + 128], log[160], out[4096];
	if (!display || !*display)
		return die("no vitrine daemon runs on %s, and $DISPLAY is not set to start one",
			   o->runtime_dir);
	/* with the file's keys for the daemon, as add-domain would have them */
	snprintf(spec, sizeof(spec), "%s,label=%s,tint=%s%s", o->domain, o->label, o->tint,
		 o->daemon_keys);
	for (char *c = spec; *c; c++)
		*c = *c == ' ' ? ',' : *c;
	snprintf(log, sizeof(log), "%s/daemon.log", o->runtime_dir);
	pid_t pid = fork();
	if (pid < 0)
		return die("fork: %s", strerror(errno));
	if (pid == 0) {
		setsid();
		int n = open("/dev/null", O_RDONLY),
		    l = open(log, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0600);
		if (n < 0 || l < 0 || dup2(n, 0) < 0 || dup2(l, 1) < 0 || dup2(l, 2) < 0)
			_exit(127);
		const char *argv[12] = { daemon,	 "--backend", "x11", "--runtime-dir",
					 o->runtime_dir, "--domain",  spec };
		int na = 7;
		if (o->copy_seq[0]) {
			argv[na++] = "--copy-sequence";
			argv[na++] = o->copy_seq;
		}
		if (o->paste_seq[0]) {
			argv[na++] = "--paste-sequence";
			argv[na++] = o->paste_seq;
		}
		execv(daemon, (char *const *)argv);
		_exit(127);
	}
	for (int i = 0; i < 400; i++) { /* 20 s */
		int st;
		if (control(o, "domains", out, sizeof(out)) == 1) {
			/* another's answered: ours, which found the lock taken, is
			 * about to exit; reaped, not left a zombie for as long as
			 * this vitrine run lives (new-user trial 5) */
			for (int k = 0; pid > 0 && lock_owner(o->runtime_dir) != pid && k < 40 &&
					waitpid(pid, &st, WNOHANG) == 0;
			     k++)
				nanosleep(&(struct timespec){ 0, 50 * 1000000 }, NULL);
			/* started with the domain: kept as add-domain's would be
			 * (new-user trial 11 D2: it came back red) */
			if (pid > 0 && lock_owner(o->runtime_dir) == pid)
				domain_label_keep(o);
			return 0;
		}
		/* another `vitrine run` may have started one first: ours found
		 * its lock taken; wait for that one to answer while it holds it */
		if (pid > 0 && waitpid(pid, &st, WNOHANG) == pid)
			pid = -1;
		if (pid < 0 && !daemon_lock_held(o->runtime_dir)) {
			if (control(o, "domains", out, sizeof(out)) == 1)
				return 0;
			/* its reason, not only where to look (new-user trial 15
			 * #7: "cannot connect to the desktop X server") */
			char why[512];
			last_line(log, why, sizeof(why));
			return die("vitrine-daemon did not start%s%s (%s)", *why ? ": " : "", why,
				   log);
		}
		struct timespec ts = { 0, 50 * 1000000 };
		nanosleep(&ts, NULL);
	}
	return die("vitrine-daemon does not answer (see %s)", log);
}

const char *field(const char *l, const char *key, char *v, size_t cap)
{
	const char *end = l + strcspn(l, "\n"), *p = l;
	size_t k = strlen(key);
	v[0] = 0;
	while ((p = strstr(p, key)) && p < end) {
		if (p > l && p[-1] == ' ') {
			size_t n = strcspn(p + k, " \n");
			snprintf(v, cap, "%.*s", (int)(n < cap ? n : cap - 1), p + k);
			break;
		}
		p += k;
	}
	return v;
}

const char *domain_line(const char *out, const char *name)
{
	size_t n = strlen(name);
	for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, name, n) && l[n] == ' ')
			return l;
	return NULL;
}

/* The domain exists (its `domains` line l): a --label or --tint given that
 * it has not is said, once, not applied. */
static void kept(const struct run_opts *o, const char *l)
{
	char colour[32], tint[32];
	field(l, "colour=", colour, sizeof(colour));
	field(l, "tint=", tint, sizeof(tint));
	if (((o->given & GIVEN_LABEL) && *colour && strcmp(colour, o->label)) ||
	    ((o->given & GIVEN_TINT) && *tint && strcmp(tint, o->tint)))
		fprintf(stderr,
			"vitrine: domain %s exists with label %s, tint %s: --label and --tint "
			"apply to a new domain only (vitrinectl remove-domain %s first)\n",
			o->domain, colour, tint, o->domain);
}

/* The domain's X server covers the daemon's whole output (at least
 * 2560x1600, at most 16384 a side): the pointer over a window on a large
 * desktop's far side reaches it there (new-user trial 3: on 3840 wide
 * desktops, clicks were pinned at x=2559). Xvfb's screen cannot grow past
 * its first size: a desktop that grows past it later gets the domain's
 * notification (gui-agent/monitors.c). Room to spare was tried and undone:
 * a larger screen changed how applications' text is drawn (vitrine test's
 * clock reference, 97% of pixels equal), so references recorded before
 * would fail. */
void domain_screen(const struct run_opts *o, char *size, size_t cap)
{
	char out[4096];
	unsigned w = 0, h = 0;
	const char *p;
	if (control(o, "geometry", out, sizeof(out)) == 1 && (p = strstr(out, " width=")))
		sscanf(p, " width=%u height=%u", &w, &h);
	w = w < 2560 ? 2560 : w > 16384 ? 16384 : w;
	h = h < 1600 ? 1600 : h > 16384 ? 16384 : h;
	snprintf(size, cap, "%ux%u", w, h);
}

/* Beside the domain's home, never in it: its applications could choose
 * their own colour (new-user trial 10 #8: web, stopped and run again
 * without --label, came back red, untrusted's colour). */
static bool label_path(const struct run_opts *o, char *p, size_t cap)
{
	const char *home = getenv("HOME");
	size_t h = o->home ? strlen(o->home) : 0;
	return home && *home == '/' &&
	       snprintf(p, cap, "%s/.local/share/vitrine/domains/%s/label", home, o->domain) <
		       (int)cap &&
	       !(h && !strncmp(p, o->home, h) && p[h] == '/'); /* not in a --home of it */
}

/* The label and tint the domain was last added with, where nothing chose
 * them now (the file: "COLOUR TINT"). */
void domain_label_recall(struct run_opts *o)
{
	char p[4096], colour[16] = "", tint[16] = "";
	FILE *f = label_path(o, p, sizeof(p)) ? fopen(p, "re") : NULL;
	if (!f)
		return;
	int n = fscanf(f, "%15[a-z] %15[a-z]", colour, tint);
	fclose(f);
	if (n >= 1 && o->label_default && (o->label = strdup(colour)))
		o->label_default = false;
	/* (new-user trial 11 D7: a light tint came back none) */
	if (n == 2 && !(o->given & GIVEN_TINT) && !strcmp(o->tint, "none") &&
	    (!strcmp(tint, "light") || !strcmp(tint, "strong")))
		o->tint = !strcmp(tint, "light") ? "light" : "strong";
}

void domain_label_keep(const struct run_opts *o)
{
	char p[4096];
	if (o->label_default || !label_path(o, p, sizeof(p)))
		return;
	*strrchr(p, '/') = 0; /* (its home may be elsewhere: --home) */
	int made = mkdirs(p);
	p[strlen(p)] = '/';
	FILE *f = made == 0 ? fopen(p, "we") : NULL;
	if (f) {
		fprintf(f, "%s %s\n", o->label, o->tint);
		fclose(f);
	}
}

int ensure_domain(struct run_opts *o)
{
	char out[16384], cmd[800];
	if (control(o, "domains", out, sizeof(out)) != 1)
		return die("the daemon on %s does not answer", o->runtime_dir);
	const char *l = domain_line(out, o->domain);
	if (l) {
		kept(o, l);
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "add-domain %s label=%s tint=%s%s", o->domain, o->label, o->tint,
		 o->daemon_keys);
	if (control(o, cmd, out, sizeof(out)) == 1) {
		o->added = true;
		domain_label_keep(o);
		/* the frame's colour is the trust cue: not chosen silently for
		 * a user at a terminal (a daemon restarted made a yellow domain
		 * red; new-user trial) */
		if (o->label_default && isatty(2))
			fprintf(stderr,
				"vitrine: domain %s added with the default label red (--label "
				"COLOUR or vitrine.conf chooses another)\n",
				o->domain);
		return 0;
	}
	if (strstr(out, "exists"))
		return 0;
	out[strcspn(out, "\n")] = 0;
	return die("the daemon refused the domain: %s", out);
}

void forget_domain(const struct run_opts *o)
{
	char out[16384], cmd[128];
	if (!o->added || control(o, "domains", out, sizeof(out)) != 1)
		return;
	char windows[16];
	const char *l = domain_line(out, o->domain);
	if (l && strcmp(field(l, "windows=", windows, sizeof(windows)), "0"))
		return; /* another run's windows there */
	snprintf(cmd, sizeof(cmd), "remove-domain %s", o->domain);
	control(o, cmd, out, sizeof(out));
}

/* A new home (home: its descriptor, as judged) as a new user's: /etc/skel's
 * files (.bashrc, .profile) and the folders applications take for granted
 * (new-user trial 12 #8: galculator could not make ~/.config/galculator,
 * and saved no settings). Made from the descriptor, following no link (a
 * domain that can write where the home is made could plant one: review).
 * Best effort: nothing in it is needed to run. */
void home_skeleton(int home)
{
	static const char *const dirs[] = { ".config", ".cache", ".local" };
	char buf[8192];
	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdirat(home, dirs[i], 0700);
	int local = openat(home, ".local", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (local >= 0) {
		mkdirat(local, "share", 0700);
		close(local);
	}
	DIR *d = opendir("/etc/skel");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		struct stat st;
		int in = openat(dirfd(d), e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		int out = in < 0 || fstat(in, &st) < 0 || !S_ISREG(st.st_mode)
				  ? -1
				  : openat(home, e->d_name,
					   O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
					   0600);
		ssize_t n;
		while (out >= 0 && (n = read(in, buf, sizeof(buf))) > 0 &&
		       write(out, buf, (size_t)n) == n)
			;
		if (in >= 0)
			close(in);
		if (out >= 0)
			close(out);
	}
	if (d)
		closedir(d);
}
