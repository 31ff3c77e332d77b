/* Hostile descriptors: sorted on arrival, closed off the event loop
 * (gui-daemon/closer.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gui-daemon/closer.h"
#include "shm/shm.h"

static void only_memfds_are_memfds(void **state)
{
	(void)state;
	int m = vshm_local_create(4096);
	int p[2], s[2];
	assert_true(m >= 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, s), 0);
	assert_true(fd_is_memfd(m));
	assert_false(fd_is_memfd(p[0]));
	assert_false(fd_is_memfd(s[0]));
	close(m), close(p[0]), close(p[1]), close(s[0]), close(s[1]);
}

/* A loopback TCP socket whose close lingers (60 s) while peer stays unread. */
static int lingering(int *peer)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), s = socket(AF_INET, SOCK_STREAM, 0);
	int small = 4096;
	assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(l, 1), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&a, &len), 0);
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	assert_int_equal(connect(s, (struct sockaddr *)&a, sizeof(a)), 0);
	*peer = accept(l, NULL, NULL);
	assert_true(*peer >= 0);
	setsockopt(*peer, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	close(l);
	fcntl(s, F_SETFL, O_NONBLOCK);
	static char junk[65536];
	while (send(s, junk, sizeof(junk), 0) > 0)
		;
	assert_int_equal(errno, EAGAIN);
	struct linger lg = { 1, 60 };
	assert_int_equal(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)), 0);
	return s;
}

/* closer_drop returns while the close is still waiting; the count of
 * pending closes drops once the object lets go (its peer closes). */
static void lingering_close_is_not_waited_for(void **state)
{
	(void)state;
	atomic_uint pending = 0;
	int peer, s = lingering(&peer);
	assert_false(fd_is_memfd(s));
	closer_drop(s, &pending);
	/* here, without waiting: a close on this thread would have taken the
	 * linger's 60 s, and the peer is still open and unread */
	assert_int_equal(atomic_load(&pending), 1);
	close(peer); /* unread data: a reset, the lingering close returns */
	for (int i = 0; i < 600 && atomic_load(&pending); i++)
		poll(NULL, 0, 50);
	assert_int_equal(atomic_load(&pending), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_memfds_are_memfds),
		cmocka_unit_test(lingering_close_is_not_waited_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
