/*
 * The daemon's seccomp filter (gui-daemon/sandbox.c), from inside: a child
 * process enters the sandbox as the daemon does, then makes calls. What the
 * daemon does (memfds, mmap, threads, local sockets, files for
 * screenshots) still works; a call outside the allow-list kills the
 * process with SIGSYS; a process cannot be made; a socket for the
 * kernel's device events only with a seat's backend (drm). The same for
 * the spawner's filter and a domain process's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <linux/netlink.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gui-daemon/sandbox.h"

enum { AS_DAEMON, AS_SPAWNER, AS_DOMAIN };
static int as = AS_DAEMON;
static bool uevents; /* the daemon's filter as the drm backend has it */

/* Run fn in a child sandboxed as `as` says; its wait status. */
static int sandboxed(int (*fn)(void))
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if ((as == AS_DAEMON	? sandbox_enter(uevents)
		     : as == AS_SPAWNER ? sandbox_enter_spawner(false)
					: sandbox_enter_domain()) < 0)
			_exit(99);
		_exit(fn());
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return st;
}

static void *thread_main(void *arg)
{
	return arg;
}

/* What the daemon does once set up. 0 if every call worked. */
static int daemon_calls(void)
{
	int fd = memfd_create("t", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0 || ftruncate(fd, 4096) < 0 || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK) < 0)
		return 1;
	void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED || munmap(p, 4096) < 0 || close(fd) < 0)
		return 2;
	static int token;
	pthread_t t;
	void *r;
	if (pthread_create(&t, NULL, thread_main, &token) || pthread_join(t, &r) || r != &token)
		return 3;
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0 || close(s) < 0)
		return 4;
	char path[] = "/tmp/vitrine-sandbox-XXXXXX";
	int f = mkstemp(path);
	if (f < 0 || write(f, "png", 3) != 3 || close(f) < 0 || unlink(path) < 0)
		return 5;
	return 0;
}

static int inet_socket(void)
{
	return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : 10;
}

static int exec_shell(void)
{
	char *argv[] = { "/bin/true", NULL };
	execv(argv[0], argv);
	return 11;
}

static int new_process(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	return pid < 0 ? 12 : 0; /* 12: refused, not killed (see below) */
}

static int uncommon_call(void)
{
	/* io_uring, a whole new kernel interface: not on the list */
	syscall(SYS_io_uring_setup, 1, NULL);
	return 13;
}

static int uevent_socket(void)
{
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	return s >= 0 && close(s) == 0 ? 0 : 16;
}

static int kill_by_sigsys(int st)
{
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS;
}

static void test_daemon_calls_work(void **state)
{
	(void)state;
	int st = sandboxed(daemon_calls);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void test_outside_the_list_kills(void **state)
{
	(void)state;
	assert_true(kill_by_sigsys(sandboxed(inet_socket)));
	assert_true(kill_by_sigsys(sandboxed(exec_shell)));
	assert_true(kill_by_sigsys(sandboxed(uncommon_call)));
	/* fork is clone without CLONE_THREAD: killed (under ASan, whose leak
	 * checker needs one at exit, it is allowed) */
	int st = sandboxed(new_process);
	assert_true(kill_by_sigsys(st) || (WIFEXITED(st) && getenv("ASAN_OPTIONS")));
}

/* The kernel's device events: the drm backend's libinput makes its udev
 * monitor again on a VT switch back; for any other backend the netlink
 * socket is outside the list. */
static void test_uevents_drm_only(void **state)
{
	(void)state;
	assert_true(kill_by_sigsys(sandboxed(uevent_socket)));
	uevents = true;
	int st = sandboxed(uevent_socket);
	uevents = false;
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* What the spawner does: fork a domain process that enters its own
 * filter (stacked on the spawner's), reap it, a pidfd. 0 if all worked. */
static int spawner_calls(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(sandbox_enter_domain() < 0 ? 1 : 7);
	if (pid < 0)
		return 21;
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
		return 22;
	if (pidfd < 0 || close(pidfd) < 0)
		return 23;
	return 0;
}

static int open_file(void)
{
	return open("/etc/hostname", O_RDONLY) >= 0 ? 0 : 14;
}

static int make_socketpair(void)
{
	int sv[2];
	return socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0 ? 0 : 15;
}

/* The spawner's filter: forking, reaping and pidfds work; opening a file,
 * any socket (the compositor makes the pairs), exec are killed. A domain
 * process's filter: a thread, a file, a socket, a fork are killed. */
static void test_spawner_and_domain(void **state)
{
	(void)state;
	as = AS_SPAWNER;
	int st = sandboxed(spawner_calls);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_true(kill_by_sigsys(sandboxed(open_file)));
	assert_true(kill_by_sigsys(sandboxed(make_socketpair)));
	assert_true(kill_by_sigsys(sandboxed(inet_socket)));
	assert_true(kill_by_sigsys(sandboxed(exec_shell)));
	as = AS_DOMAIN;
	assert_true(kill_by_sigsys(sandboxed(open_file)));
	assert_true(kill_by_sigsys(sandboxed(make_socketpair)));
	st = sandboxed(new_process);
	assert_true(kill_by_sigsys(st) || (WIFEXITED(st) && getenv("ASAN_OPTIONS")));
	as = AS_DAEMON;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_daemon_calls_work),
		cmocka_unit_test(test_outside_the_list_kills),
		cmocka_unit_test(test_uevents_drm_only),
		cmocka_unit_test(test_spawner_and_domain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
