/* Hostile descriptors: sorted on arrival, closed off the event loop
 * (gui-daemon/closer.c: what a domain process passes on; dchild.c: what a
 * domain sends). */
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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "gui-daemon/backend.h"
#include "gui-daemon/child.h"
#include "gui-daemon/closer.h"
#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/server.h"
#include "gui-daemon/spawner.h"
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

static int dial(const char *path)
{
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	strcpy(sa.sun_path, path);
	assert_int_equal(connect(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return s;
}

/*
 * Through the daemon's real socket and a domain process (child.h):
 * lingering descriptors sent with a BUFFER cut the domain off, told by its
 * domain process, which is the only one to wait for their closes; the
 * compositor's loop never waits. However many times the domain does it, at
 * most CHILD_MAX_PER_DOMAIN of its domain processes are alive: beyond that
 * its connections are refused (a SIGKILL ends a lingering close at once,
 * so they rarely are); once they are gone, it may connect again.
 */
static void bound_of_pending_closes(void **state)
{
	(void)state;
	struct server srv = { 0 };
	const char *why;
	char dir[] = "/tmp/vt-unit-XXXXXX", opts[128];
	vlog_quiet = true;
	srv.cfg.width = 320;
	srv.cfg.height = 240;
	assert_int_equal(server_init(&srv, &headless_backend_ops), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(opts, sizeof(opts), "s,label=green,socket=%s/s.sock", dir);
	struct domain_config *c = &srv.cfg.domains[srv.cfg.ndomains++];
	assert_int_equal(config_parse_domain(c, opts, &why), 0);
	struct domain *d = domain_create(&srv, c);
	srv.domains[srv.ndomains++] = d;
	assert_int_equal(domain_listen(d), 0);
	assert_int_equal(child_attach(&srv, spawner_start(&srv.cfg, NULL, 0)), 0);

	enum { ROUNDS = CHILD_MAX_PER_DOMAIN + 2 };
	int peers[ROUNDS], refused = 0;
	for (int r = 0; r < ROUNDS; r++) {
		int sock = dial(c->socket);
		assert_int_equal(server_dispatch(&srv, 5000), 0); /* accepted, or refused */
		assert_true(d->children <= CHILD_MAX_PER_DOMAIN);
		if (!domain_connected(d)) {
			refused++;
			uint8_t x;
			assert_int_equal(recv(sock, &x, 1, 0), 0); /* closed on us */
			close(sock);
			peers[r] = -1;
			continue;
		}
		uint8_t b[64];
		struct vp_msg m = { .type = VP_HELLO };
		m.u.hello.major = VP_MAJOR;
		size_t n = vp_encode(&m, b, sizeof(b));
		assert_int_equal(send(sock, b, n, 0), (ssize_t)n);
		int fd = lingering(&peers[r]);
		union {
			struct cmsghdr h;
			char b[CMSG_SPACE(sizeof(int))];
		} cb;
		struct iovec iov = { b, 1 }; /* a BUFFER's first byte, and its descriptor */
		b[0] = VP_BUFFER;
		struct msghdr mh = { .msg_iov = &iov,
				     .msg_iovlen = 1,
				     .msg_control = cb.b,
				     .msg_controllen = sizeof(cb.b) };
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
		assert_int_equal(sendmsg(sock, &mh, 0), 1);
		close(fd); /* its domain process holds the last reference */
		for (int i = 0; i < 100 && domain_connected(d); i++)
			assert_int_equal(server_dispatch(&srv, 5000), 0);
		assert_false(domain_connected(d)); /* cut off, and here: the loop did not wait */
		close(sock);
	}
	assert_true(d->children <= CHILD_MAX_PER_DOMAIN);

	/* the peers go: every close ends, its domain processes are gone, and
	 * it may connect again */
	for (int r = 0; r < ROUNDS; r++)
		if (peers[r] >= 0)
			close(peers[r]);
	for (int i = 0; i < 600 && d->children; i++)
		assert_true(server_dispatch(&srv, 50) >= 0);
	assert_int_equal(d->children, 0);
	int sock = dial(c->socket);
	assert_int_equal(server_dispatch(&srv, 5000), 0);
	assert_true(domain_connected(d));
	close(sock);
	print_message("lingering descriptors in %d rounds: %d connections refused\n", ROUNDS,
		      refused);
	server_finish(&srv); /* d with it */
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_memfds_are_memfds),
		cmocka_unit_test(lingering_close_is_not_waited_for),
		cmocka_unit_test(bound_of_pending_closes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
