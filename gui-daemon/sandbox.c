/* Least privilege for the daemon after set-up (see sandbox.h). */
#include "sandbox.h"

#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <linux/netlink.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dchild.h"
#include "server.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* A call outside the list kills the daemon (as OpenSSH's sandbox does),
 * after one line naming it (sigsys below). */
#ifndef SANDBOX_DEFAULT_ACTION
#define SANDBOX_DEFAULT_ACTION SCMP_ACT_TRAP
#endif

static const char *sandbox_who = "vitrine-daemon";

/* SIGSYS from the filter: say which call, then die of the signal. Only
 * async-signal-safe calls, all on the list. */
static void sigsys(int sig, siginfo_t *info, void *uctx)
{
	(void)uctx;
	char msg[128];
	size_t w0 = strlen(sandbox_who);
	memcpy(msg, sandbox_who, w0);
	memcpy(msg + w0, ": sandbox: system call ", 24);
	size_t n = strlen(msg);
	char digits[12];
	int nd = 0;
	unsigned v = (unsigned)info->si_syscall;
	do
		digits[nd++] = (char)('0' + v % 10);
	while ((v /= 10) && nd < (int)sizeof(digits));
	while (nd)
		msg[n++] = digits[--nd];
	static const char tail[] = " is not allowed; exiting\n";
	memcpy(msg + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	ssize_t w = write(2, msg, n);
	(void)w;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Every system call the daemon makes once set up: the event loop, the
 * domains' sockets and memfds, the desktop's X connection (MIT-SHM), the
 * control socket's screenshots (files), the closer threads, cairo and
 * fontconfig drawing titles (fonts opened lazily), mapping Xen grant
 * buffers (ioctls on gntdev; a Xen domain's vchan is its domain process's).
 * Anything else kills the daemon. */
static const int allowed[] = {
	/* descriptors and files */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev), SCMP_SYS(pread64),
	SCMP_SYS(pwrite64), SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
	SCMP_SYS(fstatfs), SCMP_SYS(statfs), SCMP_SYS(statx), SCMP_SYS(lseek), SCMP_SYS(openat),
	SCMP_SYS(fcntl), SCMP_SYS(dup), SCMP_SYS(dup3), SCMP_SYS(ioctl), SCMP_SYS(ftruncate),
	SCMP_SYS(fsync), SCMP_SYS(fdatasync), SCMP_SYS(unlink), SCMP_SYS(unlinkat),
	SCMP_SYS(rename), SCMP_SYS(renameat), SCMP_SYS(getdents64), SCMP_SYS(getdents),
	SCMP_SYS(fadvise64), SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(access),
	SCMP_SYS(faccessat), SCMP_SYS(faccessat2), SCMP_SYS(umask), SCMP_SYS(chmod),
	SCMP_SYS(fchmod), SCMP_SYS(fchmodat), SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(utimensat),
	SCMP_SYS(getcwd), SCMP_SYS(mkdir), SCMP_SYS(mkdirat), SCMP_SYS(memfd_create),
	SCMP_SYS(pipe2), SCMP_SYS(eventfd2), SCMP_SYS(flock),
	/* memory */
	SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(mprotect), SCMP_SYS(madvise),
	SCMP_SYS(brk), SCMP_SYS(shmget), SCMP_SYS(shmat), SCMP_SYS(shmdt), SCMP_SYS(shmctl),
	/* the event loop, timers, sockets already open (accept4 gives local ones) */
	SCMP_SYS(epoll_wait), SCMP_SYS(epoll_pwait), SCMP_SYS(epoll_ctl), SCMP_SYS(poll),
	SCMP_SYS(ppoll), SCMP_SYS(timerfd_create), SCMP_SYS(timerfd_settime),
	SCMP_SYS(timerfd_gettime), SCMP_SYS(recvmsg), SCMP_SYS(sendmsg), SCMP_SYS(recvfrom),
	SCMP_SYS(sendto), SCMP_SYS(accept4), SCMP_SYS(shutdown), SCMP_SYS(getsockopt),
	SCMP_SYS(setsockopt), SCMP_SYS(getsockname), SCMP_SYS(getpeername), SCMP_SYS(bind),
	SCMP_SYS(listen), /* a domain's socket, added at run time (AF_UNIX only) */
	/* threads, signals, time, identity */
	SCMP_SYS(futex), SCMP_SYS(set_robust_list), SCMP_SYS(get_robust_list), SCMP_SYS(rseq),
	SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity), SCMP_SYS(exit), SCMP_SYS(exit_group),
	SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
	SCMP_SYS(sigaltstack), SCMP_SYS(restart_syscall), SCMP_SYS(getpid), SCMP_SYS(gettid),
	SCMP_SYS(tgkill), SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
	SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(clock_nanosleep),
	SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(getrandom), SCMP_SYS(uname),
	SCMP_SYS(prlimit64), SCMP_SYS(sysinfo), SCMP_SYS(prctl),
	SCMP_SYS(pidfd_send_signal), /* letting a domain process go (child.c) */
};
/* What ASan and LeakSanitizer add (its tracer at exit is a process). */
static const int allowed_asan[] = {
	SCMP_SYS(clone),
	SCMP_SYS(ptrace),
	SCMP_SYS(wait4),
	SCMP_SYS(waitid),
	SCMP_SYS(kill),
	SCMP_SYS(getppid),
	SCMP_SYS(process_vm_readv),
	SCMP_SYS(open),
	SCMP_SYS(stat),
	SCMP_SYS(lstat),
	SCMP_SYS(sched_setaffinity),
	SCMP_SYS(getrusage),
	SCMP_SYS(setrlimit),
	SCMP_SYS(getrlimit),
	SCMP_SYS(pipe),
	SCMP_SYS(sigaltstack),
};

/* What a domain process may do (dchild.c): its two sockets, memory, time,
 * exiting. Its descriptors arrive already open; it opens nothing. */
static const int allowed_domain[] = {
	SCMP_SYS(read),		 SCMP_SYS(write),
	SCMP_SYS(recvmsg),	 SCMP_SYS(sendmsg),
	SCMP_SYS(recvfrom),	 SCMP_SYS(sendto),
	SCMP_SYS(poll),		 SCMP_SYS(ppoll),
	SCMP_SYS(close),	 SCMP_SYS(fcntl),
	SCMP_SYS(fstat),	 SCMP_SYS(newfstatat),
	SCMP_SYS(fstatfs),	 SCMP_SYS(mmap),
	SCMP_SYS(munmap),	 SCMP_SYS(mremap),
	SCMP_SYS(madvise),	 SCMP_SYS(brk),
	SCMP_SYS(exit),		 SCMP_SYS(exit_group),
	SCMP_SYS(rt_sigreturn),	 SCMP_SYS(restart_syscall),
	SCMP_SYS(clock_gettime), SCMP_SYS(futex),
};

/* The spawner (spawner.c): its socket to the compositor, a signalfd,
 * forking and reaping domain processes, pidfds, its log lines. A filter is
 * inherited: what a domain process does before its own, shorter filter
 * (shedding descriptors, limits, loading that filter, and a Xen domain's
 * opening its vchan: xenstore, /dev/xen) is on the list too, and all it
 * does after (allowed_domain). */
static const int allowed_spawner[] = {
	SCMP_SYS(poll),
	SCMP_SYS(ppoll),
	SCMP_SYS(read),
	SCMP_SYS(write),
	SCMP_SYS(recvmsg),
	SCMP_SYS(sendmsg),
	SCMP_SYS(close),
	SCMP_SYS(close_range),
	SCMP_SYS(wait4),
	SCMP_SYS(waitid),
	SCMP_SYS(pidfd_open),
	SCMP_SYS(exit),
	SCMP_SYS(exit_group),
	SCMP_SYS(rt_sigprocmask),
	SCMP_SYS(rt_sigaction),
	SCMP_SYS(rt_sigreturn),
	SCMP_SYS(restart_syscall),
	SCMP_SYS(getpid),
	SCMP_SYS(gettid),
	SCMP_SYS(getppid),
	SCMP_SYS(tgkill),
	SCMP_SYS(set_robust_list),
	SCMP_SYS(rseq),
	SCMP_SYS(brk),
	SCMP_SYS(mmap),
	SCMP_SYS(munmap),
	SCMP_SYS(mprotect),
	SCMP_SYS(fstat),
	SCMP_SYS(newfstatat),
	SCMP_SYS(prctl),
	SCMP_SYS(prlimit64),
	SCMP_SYS(setrlimit),
	SCMP_SYS(seccomp),
	SCMP_SYS(futex),
	SCMP_SYS(clock_gettime),
};
/* What a Xen domain's domain process opens before its filter. */
static const int allowed_spawner_xen[] = {
	SCMP_SYS(openat),  SCMP_SYS(ioctl),	SCMP_SYS(connect),    SCMP_SYS(fcntl),
	SCMP_SYS(lseek),   SCMP_SYS(readv),	SCMP_SYS(writev),     SCMP_SYS(madvise),
	SCMP_SYS(mremap),  SCMP_SYS(getuid),	SCMP_SYS(geteuid),    SCMP_SYS(uname),
	SCMP_SYS(access),  SCMP_SYS(faccessat), SCMP_SYS(faccessat2), SCMP_SYS(statfs),
	SCMP_SYS(fstatfs),
};

static int allow_list(scmp_filter_ctx ctx, const int *list, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, list[i], 0);
	return rc;
}

enum who { WHO_DAEMON, WHO_DOMAIN, WHO_DOMAIN_XEN, WHO_SPAWNER, WHO_SPAWNER_XEN };

/* What goes with each list besides it (the calls with conditions). */
static int extra_rules(scmp_filter_ctx ctx, enum who who)
{
	int rc = 0;
	/* a Xen domain process's ioctls: these requests only (dchild-xen.c) */
	if (who == WHO_DOMAIN_XEN && !dchild_xen_ioctls)
		rc = -1;
	for (unsigned i = 0; who == WHO_DOMAIN_XEN && rc == 0 && i < dchild_xen_nioctls; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
				      SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu,
					      dchild_xen_ioctls[i] & 0xffffffffu));
	if (rc == 0 && (who == WHO_DOMAIN || who == WHO_DOMAIN_XEN || who == WHO_SPAWNER ||
			who == WHO_SPAWNER_XEN))
		rc = allow_list(ctx, allowed_domain,
				sizeof(allowed_domain) / sizeof(allowed_domain[0]));
	/* forks only (no threads) */
	if (rc == 0 && (who == WHO_SPAWNER || who == WHO_SPAWNER_XEN) && !UNDER_ASAN)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
	/* xenstored's socket (libxenstore falls back to /dev/xen/xenbus) */
	if (rc == 0 && who == WHO_SPAWNER_XEN)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
				      SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
	return rc;
}

static int load(const int *list, size_t n, bool daemon, enum who who, bool uevents)
{
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		vlog("sandbox: prctl failed");
		return -1;
	}
	struct sigaction sa = { .sa_sigaction = sigsys, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) < 0)
		return -1;
	scmp_filter_ctx ctx = seccomp_init(SANDBOX_DEFAULT_ACTION);
	if (!ctx)
		return -1;
	int rc = allow_list(ctx, list, n);
	if (rc == 0)
		rc = extra_rules(ctx, who);
	for (size_t i = 0;
	     UNDER_ASAN && i < sizeof(allowed_asan) / sizeof(allowed_asan[0]) && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed_asan[i], 0);
	/* the sigsys handler's calls */
	static const int handler[] = { SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask),
				       SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(tgkill) };
	for (size_t i = 0; !daemon && i < sizeof(handler) / sizeof(handler[0]) && rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, handler[i], 0);
	/* threads only (glibc's fork is clone without CLONE_THREAD); clone3's
	 * flags are in memory a filter cannot read: ENOSYS, glibc falls back */
	if (rc == 0 && daemon && !UNDER_ASAN)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	/* only local sockets (nothing is created after set-up but by a
	 * library, and a domain process's socket pair) */
	if (rc == 0 && daemon)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
				      SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
	/* and the kernel's device events, received only: libinput makes its
	 * udev monitor again when the drm backend's seat comes back (VT
	 * switch); no other backend has a seat, and none gets them */
	if (rc == 0 && daemon && uevents)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 2,
				      SCMP_A0(SCMP_CMP_EQ, AF_NETLINK),
				      SCMP_A2(SCMP_CMP_EQ, NETLINK_KOBJECT_UEVENT));
	if (rc == 0 && daemon)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socketpair), 1,
				      SCMP_A0(SCMP_CMP_EQ, AF_UNIX));
	/* refused, not killed: nothing connects after set-up (libxenstore did
	 * when the compositor offered vchans again; domain processes do now) */
	if (rc == 0 && daemon)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(connect), 0);
	/* refused, not killed: Mesa (--renderer gles2) lowers the priority of
	 * the threads it starts lazily (its shader cache's queue) */
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 0);
	/* refused too: llvmpipe pins the threads of a GLES2 renderer made
	 * again after start (the drm backend on hot-plug) */
	if (rc == 0 && !UNDER_ASAN) /* ASan's list allows it */
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setaffinity), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc < 0) {
		vlog("sandbox: cannot install the seccomp filter (%d)", rc);
		return -1;
	}
	return 0;
}

int sandbox_enter(bool uevents)
{
	return load(allowed, sizeof(allowed) / sizeof(allowed[0]), true, WHO_DAEMON, uevents);
}

int sandbox_enter_domain(void)
{
	sandbox_who = "vitrine-daemon: domain process";
	return load(allowed_domain, sizeof(allowed_domain) / sizeof(allowed_domain[0]), false,
		    WHO_DOMAIN, false);
}

int sandbox_enter_domain_xen(void)
{
	sandbox_who = "vitrine-daemon: domain process";
	return load(allowed_domain, sizeof(allowed_domain) / sizeof(allowed_domain[0]), false,
		    WHO_DOMAIN_XEN, false);
}

int sandbox_enter_spawner(bool xen)
{
	sandbox_who = "vitrine-daemon: spawner";
	if (!xen)
		return load(allowed_spawner, sizeof(allowed_spawner) / sizeof(allowed_spawner[0]),
			    false, WHO_SPAWNER, false);
	int list[sizeof(allowed_spawner) / sizeof(allowed_spawner[0]) +
		 sizeof(allowed_spawner_xen) / sizeof(allowed_spawner_xen[0])];
	memcpy(list, allowed_spawner, sizeof(allowed_spawner));
	memcpy(list + sizeof(allowed_spawner) / sizeof(allowed_spawner[0]), allowed_spawner_xen,
	       sizeof(allowed_spawner_xen));
	return load(list, sizeof(list) / sizeof(list[0]), false, WHO_SPAWNER_XEN, false);
}
