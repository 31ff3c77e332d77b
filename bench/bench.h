/*
 * bench.h: helpers shared by the benchmark clients (header only; each
 * bench/NAME.c is one program): the clock, CPU time and context switches
 * of processes from /proc, a line client for vitrine's control socket,
 * xcb set-up, and percentiles.
 */
#ifndef VB_BENCH_H
#define VB_BENCH_H

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <xcb/xcb.h>

static inline void vb_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("vb: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

/* CLOCK_MONOTONIC in seconds. */
static inline double vb_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void vb_sleep(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Sum over the threads of a process of /proc/PID/task/TID/schedstat:
 * field 0 is the time spent on a CPU (ns), field 2 the number of times the
 * thread was put on a CPU (each wake-up is one). -1 when it is gone. */
static inline double vb_proc_schedstat(int pid, int field)
{
	char path[300];
	double sum = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/schedstat", pid, e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		unsigned long long v[3];
		if (fscanf(f, "%llu %llu %llu", &v[0], &v[1], &v[2]) == 3)
			sum += (double)v[field];
		fclose(f);
	}
	closedir(d);
	return sum;
}

/* CPU time of a whole process (all its threads), in seconds; -1 when it
 * is gone. */
static inline double vb_proc_cpu(int pid)
{
	double ns = vb_proc_schedstat(pid, 0);
	return ns < 0 ? -1 : ns * 1e-9;
}

/* Voluntary + involuntary context switches of every thread of a process. */
static inline unsigned long long vb_proc_switches(int pid)
{
	char path[300], line[256];
	unsigned long long sum = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/status", pid, e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			unsigned long long v;
			if (sscanf(line, "voluntary_ctxt_switches: %llu", &v) == 1 ||
			    sscanf(line, "nonvoluntary_ctxt_switches: %llu", &v) == 1)
				sum += v;
		}
		fclose(f);
	}
	closedir(d);
	return sum;
}

/* ------------------------------------------------------------ processes */

#define VB_MAX_PROCS 64

struct vb_procs {
	int n;
	char name[VB_MAX_PROCS][32];
	int pid[VB_MAX_PROCS];
	double cpu0[VB_MAX_PROCS];
};

/* NAME=PID; PID "self" is this process. */
static inline void vb_procs_add(struct vb_procs *p, const char *spec)
{
	const char *eq = strchr(spec, '=');
	if (!eq || p->n == VB_MAX_PROCS)
		vb_die("bad --proc %s (NAME=PID)", spec);
	int i = p->n++;
	snprintf(p->name[i], sizeof(p->name[i]), "%.*s", (int)(eq - spec), spec);
	p->pid[i] = !strcmp(eq + 1, "self") ? (int)getpid() : atoi(eq + 1);
}

static inline void vb_procs_start(struct vb_procs *p)
{
	for (int i = 0; i < p->n; i++)
		p->cpu0[i] = vb_proc_cpu(p->pid[i]);
}

/* Total CPU seconds since vb_procs_start; appends " cpu.NAME=S" for each
 * process to out. */
static inline double vb_procs_end(struct vb_procs *p, char *out, size_t outlen)
{
	double total = 0;
	size_t used = strlen(out);
	for (int i = 0; i < p->n; i++) {
		double c = vb_proc_cpu(p->pid[i]) - p->cpu0[i];
		if (c < 0)
			c = 0;
		total += c;
		if (used < outlen)
			used += (size_t)snprintf(out + used, outlen - used, " cpu.%s=%.4f",
						 p->name[i], c);
	}
	return total;
}

/* ------------------------------------------------------------ control socket */

struct vb_ctl {
	int fd;
	char buf[8192];
	size_t len;
};

static inline int vb_ctl_open(struct vb_ctl *c, const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	c->len = 0;
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0 || strlen(path) >= sizeof(sa.sun_path))
		return -1;
	strcpy(sa.sun_path, path);
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 0;
}

static inline void vb_ctl_close(struct vb_ctl *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static inline void vb_ctl_send(struct vb_ctl *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	line[n++] = '\n';
	for (const char *p = line; n > 0;) {
		ssize_t w = send(c->fd, p, (size_t)n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			vb_die("control socket: send: %s", strerror(errno));
		p += w;
		n -= (int)w;
	}
}

/* One line (without '\n') into line; 1 on success, 0 on timeout (seconds,
 * < 0 waits forever). Dies when the daemon closes the socket. */
static inline int vb_ctl_line(struct vb_ctl *c, char *line, size_t len, double timeout)
{
	double end = vb_now() + timeout;
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		if (nl) {
			size_t n = (size_t)(nl - c->buf);
			snprintf(line, len, "%.*s", (int)n, c->buf);
			memmove(c->buf, nl + 1, c->len - n - 1);
			c->len -= n + 1;
			return 1;
		}
		int ms = -1;
		if (timeout >= 0) {
			double left = end - vb_now();
			if (left <= 0)
				return 0;
			ms = (int)(left * 1000) + 1;
		}
		struct pollfd p = { c->fd, POLLIN, 0 };
		int r = poll(&p, 1, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			continue; /* the deadline check above ends it */
		ssize_t n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, 0);
		if (n <= 0)
			vb_die("control socket closed by the daemon");
		c->len += (size_t)n;
	}
}

/* Reads reply lines until `ok` (returns 1) or `error: ...` (dies); each
 * other line is passed to fn. */
static inline int vb_ctl_reply(struct vb_ctl *c, double timeout, void (*fn)(const char *, void *),
			       void *data)
{
	char line[1024];
	for (;;) {
		if (!vb_ctl_line(c, line, sizeof(line), timeout))
			return 0;
		if (!strcmp(line, "ok"))
			return 1;
		if (!strncmp(line, "error", 5))
			vb_die("control socket: %s", line);
		if (fn)
			fn(line, data);
	}
}

/* ------------------------------------------------------------ xcb */

static inline xcb_connection_t *vb_xconnect(const char *display, xcb_screen_t **screen)
{
	int n;
	xcb_connection_t *c = xcb_connect(display, &n);
	if (xcb_connection_has_error(c))
		vb_die("cannot connect to X display %s", display ? display : "$DISPLAY");
	xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(c));
	for (; n > 0 && it.rem; n--)
		xcb_screen_next(&it);
	*screen = it.data;
	return c;
}

static inline xcb_atom_t vb_atom(xcb_connection_t *c, const char *name)
{
	xcb_intern_atom_reply_t *r =
		xcb_intern_atom_reply(c, xcb_intern_atom(c, 0, (uint16_t)strlen(name), name), NULL);
	xcb_atom_t a = r ? r->atom : XCB_ATOM_NONE;
	free(r);
	return a;
}

static inline void vb_sync(xcb_connection_t *c)
{
	free(xcb_get_input_focus_reply(c, xcb_get_input_focus(c), NULL));
}

static inline void vb_set_title(xcb_connection_t *c, xcb_window_t w, const char *title)
{
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, w, XCB_ATOM_WM_NAME, XCB_ATOM_STRING, 8,
			    (uint32_t)strlen(title), title);
	xcb_change_property(c, XCB_PROP_MODE_REPLACE, w, vb_atom(c, "_NET_WM_NAME"),
			    vb_atom(c, "UTF8_STRING"), 8, (uint32_t)strlen(title), title);
}

/* ------------------------------------------------------------ statistics */

static inline int vb_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Nearest rank on a sorted array: the smallest value with at least p of
 * the samples at or below it. */
static inline double vb_percentile(const double *sorted, size_t n, double p)
{
	if (!n)
		return 0;
	size_t k = (size_t)(p * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return sorted[k - 1];
}

#endif
