/*
 * The domain's sandbox, as `vitrine run` starts it: bubblewrap with new user,
 * pid, ipc, uts, net and cgroup namespaces, a new session, no capabilities,
 * the system read-only, a private /tmp and /run, the domain's own home, the
 * domain's vitrine socket and nothing else of the user's runtime directory,
 * and a seccomp filter (what Flatpak's default denies). Its first process is
 * the launcher (vitrine-init.c), which starts the domain's Xvfb and agent
 * and runs the commands `vitrine run` sends it.
 *
 * A keeper process outside (its own session) waits for bwrap, which dies
 * with it (--die-with-parent), and with --net runs pasta or slirp4netns for
 * the sandbox's network namespace; when bwrap exits it removes the
 * launcher's socket and exits too.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine.h"

#define MAX_MASKS 64 /* see mask_private */
#define BIND_FD0 4   /* the first of the paths bwrap binds */

struct args {
	const char *v[256 + 4 * RUN_MAX_PATHS + 3 * MAX_MASKS];
	int n;
	char bufs[16][4096];
	int nb;
};

static void add(struct args *a, const char *s)
{
	if (a->n < (int)(sizeof(a->v) / sizeof(a->v[0])) - 1)
		a->v[a->n++] = s;
}

static const char *fmt_num(struct args *a, int v)
{
	char *b = a->bufs[a->nb++ % 16];
	snprintf(b, 4096, "%d", v);
	return b;
}

static void add3(struct args *a, const char *x, const char *y, const char *z)
{
	add(a, x);
	add(a, y);
	if (z)
		add(a, z);
}

/*
 * As root outside, the sandbox's user is root there (the user namespace maps
 * it to the caller): what of /etc and /opt others may not read (/etc/shadow,
 * private keys) is masked, empty, so that the sandbox sees the system as any
 * user would. -1: more of it than MAX_MASKS (the sandbox does not start).
 */
static struct args *masking;
static int nmasks;

static int mask_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)f;
	bool dir = type == FTW_D || type == FTW_DNR;
	mode_t need = dir ? S_IROTH | S_IXOTH : S_IROTH;
	if ((!dir && (type != FTW_F || !S_ISREG(st->st_mode))) || (st->st_mode & need) == need)
		return FTW_CONTINUE; /* a link is judged where it leads */
	char *p = strdup(path);
	if (!p || ++nmasks > MAX_MASKS)
		return FTW_STOP;
	if (dir)
		add3(masking, "--tmpfs", p, NULL);
	else
		add3(masking, "--ro-bind", "/dev/null", p);
	return dir ? FTW_SKIP_SUBTREE : FTW_CONTINUE;
}

static int mask_private(struct args *a)
{
	masking = a;
	nmasks = 0;
	if (geteuid() != 0)
		return 0;
	if (nftw("/etc", mask_one, 16, FTW_PHYS | FTW_ACTIONRETVAL) == FTW_STOP ||
	    nftw("/opt", mask_one, 16, FTW_PHYS | FTW_ACTIONRETVAL) == FTW_STOP) {
		fprintf(stderr,
			"vitrine: over %d files in /etc and /opt that others may not read: "
			"run vitrine run as a user, not as root\n",
			MAX_MASKS);
		return -1;
	}
	return 0;
}

/* The system, read-only: /usr, /etc, /opt, and /bin, /lib... as the host
 * has them (merged /usr: symbolic links). */
static void system_ro(struct args *a)
{
	static const char *const tops[] = {
		"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"
	};
	static char links[6][256];
	add3(a, "--ro-bind", "/usr", "/usr");
	add3(a, "--ro-bind", "/etc", "/etc");
	add3(a, "--ro-bind-try", "/opt", "/opt");
	for (int i = 0; i < 6; i++) {
		struct stat st;
		if (lstat(tops[i], &st) < 0)
			continue;
		ssize_t n = S_ISLNK(st.st_mode) ? readlink(tops[i], links[i], 255) : -1;
		if (n > 0) {
			links[i][n] = 0;
			add3(a, "--symlink", links[i], tops[i]);
		} else if (S_ISDIR(st.st_mode)) {
			add3(a, "--ro-bind", tops[i], tops[i]);
		}
	}
}

static void env(struct args *a, const char *name, const char *val)
{
	if (val)
		add3(a, "--setenv", name, val);
}

static int build_args(struct args *a, const struct run_opts *o, int listen_fd, int sc_fd,
		      int info_fd, int block_fd)
{
	static char sock[160], runuser[64], host[64];
	const char *home = getenv("HOME");
	if (!home || *home != '/' || !strcmp(home, "/"))
		home = "/home/user";
	snprintf(sock, sizeof(sock), "%s/domain-%s.sock", o->runtime_dir, o->domain);
	/* root outside is a plain user inside (uid 1000): nothing in the
	 * sandbox takes itself for root (xterm, as root, tries to set groups
	 * and its pty's owner, which a user namespace refuses, and gives up) */
	unsigned uid = getuid() ? (unsigned)getuid() : 1000,
		 gid = getuid() ? (unsigned)getgid() : 1000;
	static char uidbuf[16], gidbuf[16];
	snprintf(uidbuf, sizeof(uidbuf), "%u", uid);
	snprintf(gidbuf, sizeof(gidbuf), "%u", gid);
	snprintf(runuser, sizeof(runuser), "/run/user/%u", uid);
	snprintf(host, sizeof(host), "vitrine-%s", o->domain);
	add(a, o->bwrap);
	add(a, "--unshare-user");
	add3(a, "--uid", uidbuf, NULL);
	add3(a, "--gid", gidbuf, NULL);
	add(a, "--unshare-pid");
	add(a, "--unshare-ipc");
	add(a, "--unshare-uts");
	add(a, "--unshare-net"); /* with --net too: pasta or slirp4netns serve it */
	add(a, "--unshare-cgroup-try");
	add(a, "--new-session");
	add(a, "--die-with-parent");
	add3(a, "--cap-drop", "ALL", NULL);
	add3(a, "--hostname", host, NULL);
	system_ro(a);
	if (mask_private(a) < 0)
		return -1;
	add3(a, "--proc", "/proc", NULL);
	add3(a, "--dev", "/dev", NULL);
	add3(a, "--tmpfs", "/tmp", NULL);
	add3(a, "--perms", "1777", NULL); /* Xvfb, not root, creates none */
	add3(a, "--dir", "/tmp/.X11-unix", NULL);
	add3(a, "--tmpfs", "/run", NULL);
	add3(a, "--tmpfs", "/var", NULL);
	add3(a, "--ro-bind-try", "/var/cache/fontconfig", "/var/cache/fontconfig");
	add3(a, "--dir", "/var/tmp", NULL);
	add3(a, "--perms", "0700", NULL);
	add3(a, "--dir", runuser, NULL);
	add3(a, "--ro-bind", sock, SANDBOX_SOCKET);
	add3(a, "--ro-bind", o->agent, SANDBOX_BIN "/vitrine-agent");
	add3(a, "--ro-bind", o->self, SANDBOX_BIN "/vitrine");
	add3(a, "--ro-bind", o->xvfb, SANDBOX_BIN "/Xvfb");
	/* what vitrine run judged, by descriptor (bind_fd): not a path that
	 * may lead elsewhere by now */
	static char num[1 + 2 * RUN_MAX_PATHS][12];
	for (int i = 0; i < 1 + o->nro + o->nrw; i++) {
		snprintf(num[i], sizeof(num[i]), "%d", BIND_FD0 + i);
		add3(a, i > 0 && i <= o->nro ? "--ro-bind-fd" : "--bind-fd", num[i],
		     i == 0	   ? home
		     : i <= o->nro ? o->ro[i - 1]
				   : o->rw[i - 1 - o->nro]);
	}
	add(a, "--clearenv");
	env(a, "PATH", "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"); /* Debian's */
	env(a, "HOME", home);
	env(a, "USER", getenv("USER"));
	env(a, "LOGNAME", getenv("LOGNAME"));
	env(a, "LANG", getenv("LANG"));
	env(a, "TERM", getenv("TERM"));
	env(a, "SHELL", access("/bin/bash", X_OK) ? "/bin/sh" : "/bin/bash");
	env(a, "XDG_RUNTIME_DIR", runuser);
	env(a, "DISPLAY", SANDBOX_DISPLAY);
	/* a sanitizer build's tests: LeakSanitizer needs ptrace, which the
	 * filter denies (leaks are looked for outside the sandbox) */
	static char asan[1024];
	if (getenv("ASAN_OPTIONS")) {
		snprintf(asan, sizeof(asan), "%s:detect_leaks=0", getenv("ASAN_OPTIONS"));
		env(a, "ASAN_OPTIONS", asan);
	}
	env(a, "UBSAN_OPTIONS", getenv("UBSAN_OPTIONS"));
	add3(a, "--chdir", home, NULL);
	add3(a, "--seccomp", fmt_num(a, sc_fd), NULL);
	if (info_fd >= 0)
		add3(a, "--info-fd", fmt_num(a, info_fd), NULL);
	if (block_fd >= 0)
		add3(a, "--block-fd", fmt_num(a, block_fd), NULL);
	add(a, "--");
	add(a, SANDBOX_BIN "/vitrine");
	add(a, "sandbox-init");
	add(a, fmt_num(a, listen_fd));
	static char screen[24];
	domain_screen(o, screen, sizeof(screen));
	add(a, SANDBOX_BIN "/Xvfb");
	add(a, screen);
	a->v[a->n] = NULL;
	return 0;
}

/* The launcher's socket, removed when the keeper ends, whatever ends it:
 * the one its caller bound (same inode; a later run's is not ours), under
 * the caller's lock (no later run binds one meanwhile). */
static char sock_path[160];
static struct stat sock_st;

__attribute__((noreturn)) static void keeper_exit(const struct run_opts *o, int code)
{
	char lock[160];
	struct stat st;
	snprintf(lock, sizeof(lock), "%s/sandbox-%s.lock", o->runtime_dir, o->domain);
	int lk = open(lock, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (lk >= 0)
		flock(lk, LOCK_EX);
	if (lstat(sock_path, &st) == 0 && S_ISSOCK(st.st_mode) && st.st_dev == sock_st.st_dev &&
	    st.st_ino == sock_st.st_ino)
		unlink(sock_path);
	_exit(code);
}

/* SIGTERM, SIGINT, SIGHUP (a session ending, a kill): bwrap is stopped
 * (the sandbox dies with it), and the keeper goes on to clean up. */
static volatile sig_atomic_t bwrap_pid, stop_asked;

static void on_stop(int sig)
{
	(void)sig;
	stop_asked = 1;
	if (bwrap_pid > 0)
		kill(bwrap_pid, SIGTERM);
}

/* The sandbox's output into its log (our stderr), the first LOG_MAX bytes. */
#define LOG_MAX (4u << 20)
static void copy_out(int fd)
{
	char b[8192];
	size_t done = 0;
	for (;;) {
		ssize_t n = read(fd, b, sizeof(b));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (done < LOG_MAX && write(2, b, (size_t)n) < 0)
			break;
		if (done < LOG_MAX && (done += (size_t)n) >= LOG_MAX)
			fprintf(stderr,
				"\nvitrine: the sandbox wrote over %u MiB: the rest is not "
				"kept\n",
				LOG_MAX >> 20);
	}
	close(fd);
}

static void keeper(const struct run_opts *o, int listen_fd)
{
	snprintf(sock_path, sizeof(sock_path), "%s/sandbox-%s.sock", o->runtime_dir, o->domain);
	if (lstat(sock_path, &sock_st) < 0)
		_exit(1);
	struct sigaction sa = { .sa_handler = on_stop };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	int sc = seccomp_fd(), info[2] = { -1, -1 }, block[2] = { -1, -1 };
	if (sc < 0) {
		fprintf(stderr, "vitrine: cannot build the seccomp filter\n");
		keeper_exit(o, 1);
	}
	/* what the sandbox writes reaches its log through us: a pipe, not
	 * the file (a process inside wrote 16 MB into the runtime directory
	 * through bubblewrap's descriptor of it, /proc/1/fd/2, which also
	 * named the host's path: hostile-app trial) */
	int out[2];
	if ((o->net && (pipe2(info, O_CLOEXEC) < 0 || pipe2(block, O_CLOEXEC) < 0)) ||
	    pipe2(out, O_CLOEXEC) < 0)
		keeper_exit(o, 1);
	static struct args a;
	if (build_args(&a, o, listen_fd, sc, info[1], block[0]) < 0)
		keeper_exit(o, 1);
	pid_t b = fork();
	if (b == 0) {
		dup2(out[1], 1);
		dup2(out[1], 2);
		int keep[] = { listen_fd, sc, info[1], block[0] };
		for (int i = 0; i < 4; i++)
			if (keep[i] >= 0)
				fcntl(keep[i], F_SETFD, 0);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		/* bubblewrap stays in the sandbox as its pid 1, whose
		 * /proc/1/environ the sandbox reads: it gets no environment
		 * (--clearenv and --setenv make the sandbox's own; the caller's
		 * tokens and sockets were readable there: sandbox trial) */
		char *const none[] = { NULL };
		execve(o->bwrap, (char *const *)a.v, none);
		fprintf(stderr, "vitrine: cannot run %s: %s\n", o->bwrap, strerror(errno));
		_exit(127);
	}
	bwrap_pid = b;
	if (stop_asked && b > 0)
		kill(b, SIGTERM);
	close(listen_fd);
	for (int i = 0; i < 1 + o->nro + o->nrw; i++)
		close(BIND_FD0 + i);
	close(sc);
	close(out[1]);
	if (o->net) {
		close(info[1]);
		close(block[0]);
		int child = sandbox_child_pid(info[0]);
		/* the sandbox goes on once its network is there; without it,
		 * not at all: --net asked for one (vitrine run says why) */
		if (child <= 0 || sandbox_net_start(o, child) < 0 || sandbox_net_fence(child) < 0) {
			if (child > 0) /* its pid 1: the namespace goes with it */
				kill(child, SIGKILL);
			kill(b, SIGKILL);
		} else if (write(block[1], "x", 1) < 0)
			perror("vitrine: block-fd");
	}
	copy_out(out[0]); /* until every process of the sandbox is gone */
	int st;
	while (waitpid(b, &st, 0) < 0 && errno == EINTR)
		;
	sandbox_net_stop();
	keeper_exit(o, 0);
}

int sandbox_start(const struct run_opts *o, int listen_fd, int lock_fd)
{
	char log[160];
	snprintf(log, sizeof(log), "%s/sandbox-%s.log", o->runtime_dir, o->domain);
	pid_t k = fork();
	if (k < 0) {
		fprintf(stderr, "vitrine: fork: %s\n", strerror(errno));
		return -1;
	}
	if (k == 0) {
		close(lock_fd); /* the lock is the caller's alone */
		setsid();
		/* a new file: a stopping sandbox's processes may still write
		 * into the last one (truncated, it got their lines after a
		 * hole of NULs: new-user trial) */
		unlink(log);
		int n = open("/dev/null", O_RDWR),
		    l = open(log, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW, 0600);
		if (n < 0 || l < 0 || dup2(n, 0) < 0 || dup2(l, 1) < 0 || dup2(l, 2) < 0)
			_exit(1);
		/* nothing else of the caller's goes on: not into the sandbox
		 * (bwrap passes descriptors through), nor kept open by us */
		if (sandbox_fds_place(o, listen_fd, 3, BIND_FD0) < 0)
			_exit(1);
		/* not the first command's line for the sandbox's whole life
		 * (new-user trial 6: ps named an application long gone) */
		proc_title("vitrine: sandbox %s (keeper) in %s", o->domain, o->runtime_dir);
		keeper(o, 3);
	}
	return 0;
}
