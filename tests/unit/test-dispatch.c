/*
 * Unit test of the daemon's event loop (gui-daemon/server.c): a handler
 * that unwatches (and frees) another source whose event came in the same
 * epoll_wait batch: that event is dropped, its handler never called
 * (new-user trial 9 #15: a remove-domain, then the domain's socket's
 * hang-up in the same batch, and the daemon jumped through the freed
 * source's handler).
 */
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "policy-fixture.h"

struct pair {
	struct source src;
	struct pair *other;
	unsigned calls;
};

static void handle(struct source *src, uint32_t events)
{
	(void)events;
	struct pair *p = (struct pair *)src;
	p->calls++;
	uint64_t v;
	assert_int_equal(read(src->fd, &v, sizeof(v)), sizeof(v));
	if (p->other) { /* the other goes, as a domain with its socket */
		struct pair *o = p->other;
		o->other = NULL;
		server_unwatch(&srv, &o->src);
		close(o->src.fd);
		o->src.fd = -1;
		o->src.handle = NULL; /* called now: a crash, as a freed one */
	}
}

static void test_unwatched_in_batch(void **state)
{
	(void)state;
	struct pair *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	assert_non_null(a);
	assert_non_null(b);
	a->other = b, b->other = a;
	uint64_t one = 1;
	for (struct pair *p = a; p; p = p == a ? b : NULL) {
		p->src.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		p->src.handle = handle;
		assert_int_equal(server_watch(&srv, &p->src, EPOLLIN), 0);
		assert_int_equal(write(p->src.fd, &one, sizeof(one)), sizeof(one));
	}
	assert_int_equal(server_dispatch(&srv, 0), 0); /* both ready: one batch */
	assert_int_equal(a->calls + b->calls, 1);      /* the first one, alone */
	struct pair *left = a->src.fd >= 0 ? a : b;
	server_unwatch(&srv, &left->src);
	close(left->src.fd);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unwatched_in_batch, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
