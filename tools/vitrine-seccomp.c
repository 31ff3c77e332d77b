/*
 * What vitrine run needs of the system: its programs in $PATH
 * (find_program), the sandbox's seccomp filter (seccomp_fd), and which
 * paths of the host a sandbox must never get (sandbox_path_exposes), opened
 * for bwrap to bind (sandbox_path_open, sandbox_fds_place; each --ro and
 * --rw: run_paths_open).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vitrine.h"

bool find_program(const char *name, char *out, size_t cap)
{
	const char *path = getenv("PATH");
	if (strchr(name, '/')) {
		snprintf(out, cap, "%s", name);
		return access(out, X_OK) == 0;
	}
	while (path && *path) {
		size_t n = strcspn(path, ":");
		snprintf(out, cap, "%.*s/%s", (int)n, n ? path : ".", name);
		if (access(out, X_OK) == 0)
			return true;
		path += n + (path[n] == ':');
	}
	return false;
}

/* What Flatpak's default filter denies, as a BPF program in a memfd for
 * bwrap --seccomp: the kernel's keyring, namespaces and mounts, NUMA
 * placement, loading code into the kernel, perf and bpf, ptrace (and
 * pidfd_getfd, not Flatpak's), handles to files by number, new user
 * namespaces (clone), TIOCSTI and TIOCLINUX (typing into a terminal), socket
 * families but local, IP and netlink. Other architectures' calls kill the
 * process. */
int seccomp_fd(void)
{
	static const int eperm[] = {
		SCMP_SYS(syslog),
		SCMP_SYS(uselib),
		SCMP_SYS(acct),
		SCMP_SYS(quotactl),
		SCMP_SYS(add_key),
		SCMP_SYS(keyctl),
		SCMP_SYS(request_key),
		SCMP_SYS(move_pages),
		SCMP_SYS(mbind),
		SCMP_SYS(get_mempolicy),
		SCMP_SYS(set_mempolicy),
		SCMP_SYS(migrate_pages),
		SCMP_SYS(unshare),
		SCMP_SYS(setns),
		SCMP_SYS(mount),
		SCMP_SYS(umount2),
		SCMP_SYS(pivot_root),
		SCMP_SYS(chroot),
		SCMP_SYS(open_by_handle_at),
		SCMP_SYS(perf_event_open),
		SCMP_SYS(bpf),
		SCMP_SYS(userfaultfd),
		SCMP_SYS(ptrace),
		SCMP_SYS(process_vm_readv),
		SCMP_SYS(process_vm_writev),
		SCMP_SYS(pidfd_getfd), /* (another process's descriptors) */
		SCMP_SYS(kexec_load),
		SCMP_SYS(init_module),
		SCMP_SYS(finit_module),
		SCMP_SYS(delete_module),
		SCMP_SYS(fsopen),
		SCMP_SYS(fsmount),
		SCMP_SYS(move_mount),
		SCMP_SYS(open_tree),
		SCMP_SYS(swapon),
		SCMP_SYS(swapoff),
	};
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < sizeof(eperm) / sizeof(eperm[0]) && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), eperm[i], 0);
	/* personality(PER_LINUX) only, as Flatpak (listed with the EPERMs
	 * too, the rule without arguments won: every call failed) */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(personality), 1,
				      SCMP_A0(SCMP_CMP_NE, 0));
	/* io_uring: its requests are not system calls the rules here see (a
	 * socket of any family through IORING_OP_SOCKET: sandbox trial);
	 * ENOSYS, as an old kernel, so that programs use the calls */
	static const int uring[] = { SCMP_SYS(io_uring_setup), SCMP_SYS(io_uring_enter),
				     SCMP_SYS(io_uring_register) };
	for (size_t i = 0; i < sizeof(uring) / sizeof(uring[0]) && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), uring[i], 0);
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
				      SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCSTI));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
				      SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCLINUX));
	/* sockets: AF_UNSPEC, AF_UNIX, AF_INET, AF_INET6, AF_NETLINK only */
	for (int fam = 3; fam < AF_NETLINK && rc == 0; fam++)
		if (fam != AF_INET6)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket),
					      1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)fam));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
				      SCMP_A0(SCMP_CMP_GT, AF_NETLINK));
	int fd = rc == 0 ? memfd_create("vitrine-seccomp", MFD_CLOEXEC) : -1;
	if (fd >= 0 && (seccomp_export_bpf(ctx, fd) < 0 || lseek(fd, 0, SEEK_SET) < 0)) {
		close(fd);
		fd = -1;
	}
	seccomp_release(ctx);
	return fd;
}

/* Is a or b within the other (or the same)? Both canonical. */
static bool nested(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
	if (!strcmp(a, "/") || !strcmp(b, "/"))
		return true;
	return !strncmp(a, b, n) && (a[n] == 0 || a[n] == '/') && (b[n] == 0 || b[n] == '/');
}

/* a is b, or a directory b is in */
static bool holds(const char *a, const char *b)
{
	size_t la = strlen(a);
	return !strcmp(a, "/") || (!strncmp(a, b, la) && (b[la] == 0 || b[la] == '/'));
}

/* What of the user's a path given with --ro or --rw would hand the sandbox
 * (the host's X server sockets, the session's runtime directory with its
 * D-Bus and Wayland sockets, vitrine's control socket, the domains' homes),
 * or NULL. Read-only is no protection: a socket on a read-only mount still
 * connects, and another domain's files are its secrets. home: the path is
 * the sandbox's --home of domain home (else NULL), which may lie in its own
 * directory there (the default does), not hold it nor lie in another's
 * (hostile-domain trial 11 #6: --home .../domains/work gave untrusted
 * work's files and its label file). */
static const char *exposes(const char *real, const char *runtime_dir, const char *home)
{
	char sec[4096];
	const char *secrets[] = { "/tmp/.X11-unix", getenv("XDG_RUNTIME_DIR"), runtime_dir };
	const char *names[] = { "the host's X server sockets", "your XDG_RUNTIME_DIR",
				"vitrine's control socket" };
	for (unsigned i = 0; i < 3; i++)
		if (secrets[i] && *secrets[i] == '/' &&
		    nested(real, realpath(secrets[i], sec) ? sec : secrets[i]))
			return names[i]; /* (one not made yet: as it will be) */
	/* new-user trial 9 #9: --ro ~ gave a domain work's password database,
	 * --rw ~ let it write into work's .bashrc */
	const char *h = getenv("HOME");
	char dd[4096];
	if (h && *h == '/' &&
	    snprintf(dd, sizeof(dd), "%s/.local/share/vitrine/domains", h) < (int)sizeof(dd)) {
		const char *d = realpath(dd, sec) ? sec : dd;
		size_t l = strlen(d), n = strlen(home ? home : "");
		if (home ? holds(real, d) : nested(real, d))
			return "the domains' homes (~/.local/share/vitrine/domains)";
		if (home && nested(real, d) &&
		    (strncmp(real + l + 1, home, n) || (real[l + 1 + n] && real[l + 1 + n] != '/')))
			return "another domain's directory (~/.local/share/vitrine/domains)";
	}
	return NULL;
}

const char *sandbox_path_exposes(const char *path, const char *runtime_dir, const char *home)
{
	char real[4096];
	if (!realpath(path, real)) { /* a --home not made yet: as given */
		if (*path != '/' || strlen(path) >= sizeof(real))
			return NULL;
		strcpy(real, path);
	}
	return exposes(real, runtime_dir, home);
}

/* The path opened (O_PATH), then judged where the descriptor is: bwrap binds
 * that descriptor (--bind-fd), so what is judged is what the sandbox gets,
 * whatever is renamed or made a link meanwhile (hostile-domain trial 11 #6:
 * a path judged, then handed to bwrap by name, could lead elsewhere by the
 * time bwrap followed it). -1 with *why NULL and errno: not opened. */
int sandbox_path_open(const char *path, const char *runtime_dir, const char *home, const char **why)
{
	char proc[64], real[4096];
	*why = NULL;
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(proc, real, sizeof(real) - 1);
	if (n > 0 && real[0] == '/') {
		real[n] = 0;
		*why = exposes(real, runtime_dir, home);
	} else {
		*why = "a path that cannot be named";
	}
	if (*why) {
		close(fd);
		return -1;
	}
	return fd;
}

/* In the keeper: listen_fd at at, the paths sandbox_path_open opened (o->fd)
 * at bind0 on, for bwrap to bind (it closes them once bound); every other
 * descriptor closed. */
int sandbox_fds_place(const struct run_opts *o, int listen_fd, int at, int bind0)
{
	int n = 1 + o->nro + o->nrw, high[1 + 2 * RUN_MAX_PATHS];
	for (int i = 0; i < n; i++) /* out of the way first: one may be at at, or at bind0 on */
		if ((high[i] = fcntl(o->fd[i], F_DUPFD_CLOEXEC, bind0 + n)) < 0)
			return -1;
	if (dup2(listen_fd, at) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (dup2(high[i], bind0 + i) < 0)
			return -1;
	return (int)syscall(SYS_close_range, (unsigned)(bind0 + n), ~0u, 0u);
}

int run_paths_open(struct run_opts *o)
{
	for (int i = 0; i < o->nro + o->nrw; i++) {
		const char *p = i < o->nro ? o->ro[i] : o->rw[i - o->nro], *why = NULL;
		const char *from = i < o->nro ? o->ro_from[i] : o->rw_from[i - o->nro];
		/* "--ro P", or "FILE:LINE: ro path P" for the file's (new-user
		 * trial 18 #3: said as an option never typed) */
		char what[4400];
		if (from)
			snprintf(what, sizeof(what), "%s: %s path", from, i < o->nro ? "ro" : "rw");
		else
			snprintf(what, sizeof(what), "--%s", i < o->nro ? "ro" : "rw");
		if (!p || (o->fd[1 + i] = sandbox_path_open(p, o->runtime_dir, NULL, &why)) < 0)
			return why ? die("%s %s: it would bring %s into the sandbox", what, p, why)
				   : die("%s %s: %s", what, p ? p : "?",
					 errno == ENOENT ? "no such file or directory"
							 : strerror(errno));
	}
	return 0;
}
