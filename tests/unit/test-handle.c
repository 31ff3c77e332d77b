/* Unit tests for the daemon's dispatch (gui-daemon/handle.c) and the descriptor rule of
 * domain_feed, on a real domain in the core as server_init builds it, bytes fed without a
 * socket: the handler array against the
 * protocol table, the session order, HELLO checked before anything is sent back. */
#include "core-fixture.h"

#include <unistd.h>

#include "gui-daemon/scene.h"
#include "shm/shm.h"

/* Feed the bytes of m1 and m2 (if not NULL) in one read, cut short at cut
 * if not 0, with nfds sealed memfds. */
static int feed2(struct domain *d, const struct vp_msg *m1, const struct vp_msg *m2, size_t cut,
		 int nfds)
{
	uint8_t b[512];
	int fds[4];
	size_t n = vp_encode(m1, b, sizeof(b));
	assert_true(n > 0);
	if (m2)
		n += vp_encode(m2, b + n, sizeof(b) - n);
	assert_true(nfds <= 4);
	for (int i = 0; i < nfds; i++)
		fds[i] = vshm_local_create(64 * 64 * 4);
	return domain_feed_fds(d, b, cut ? cut : n, fds, nfds);
}

/* Feed m's bytes, with nfds sealed memfds as if they came in the same read. */
static int feed(struct domain *d, const struct vp_msg *m, size_t cut, int nfds)
{
	return feed2(d, m, NULL, cut, nfds);
}

static void test_handlers_match_table(void **state)
{
	(void)state;
	struct domain *d = greeted();
	for (uint32_t t = 0; t <= VP_TYPE_MAX + 1; t++) {
		const struct vp_type_info *r = vp_type_info(t);
		bool agent = r && r->from == VP_FROM_AGENT;
		if (domain_handles(t) != agent)
			fail_msg("type %#x (%s): handler %d", t, vp_type_name(t),
				 domain_handles(t));
		if (!r || t == VP_HELLO)
			continue;
		/* dispatch reaches the handler for exactly the agent's types */
		struct vp_msg m = sample(t);
		const char *why = domain_handle_msg(d, &m);
		bool unexpected = why && (strstr(why, "unexpected") || strstr(why, "second"));
		if (unexpected == agent)
			fail_msg("%s: %s", r->name, why ? why : "accepted");
	}
	domain_destroy(d);
}

static void test_hello(void **state)
{
	(void)state;
	struct domain *d = domain_create(&srv, &cfg);
	struct vp_msg m = sample(VP_CREATE);
	/* before HELLO: only HELLO */
	assert_string_equal(domain_handle_msg(d, &m), "first message is not HELLO");
	/* a major version we do not speak: refused before anything is sent */
	m = sample(VP_HELLO);
	m.u.hello.major = VP_MAJOR + 1;
	const char *why = domain_handle_msg(d, &m);
	assert_non_null(why);
	assert_non_null(strstr(why, "major version 2 not supported"));
	assert_int_equal(d->tx_len, 0);
	assert_false(d->hello_done);
	/* the right one: WELCOME, then the keyboard layout */
	m.u.hello.major = VP_MAJOR;
	assert_null(domain_handle_msg(d, &m));
	assert_true(d->hello_done);
	assert_true(d->tx_len > 2 * VP_HDR_SIZE + 12);
	assert_int_equal(read32(d->tx), VP_WELCOME);
	assert_int_equal(read32(d->tx + VP_HDR_SIZE + 12), VP_LAYOUT);
	assert_string_equal(domain_handle_msg(d, &m), "second HELLO");
	/* unknown flags never get this far: the decoder refuses them */
	m.u.hello.flags = 1;
	size_t n = vp_encode(&m, buf, BUF_CAP);
	EXPECT_BAD(VP_FROM_AGENT, buf, n, "unknown HELLO flags");
	domain_destroy(d);
}

static void test_descriptor_rule(void **state)
{
	(void)state;
	struct domain *d = greeted();
	struct vp_msg c = sample(VP_CREATE), dmg = sample(VP_DAMAGE), b = sample(VP_BUFFER);
	c.window = dmg.window = b.window = 5;
	c.u.create.transient_for = 0;
	dmg.u.damage = (struct vp_rect){ 0, 0, 64, 64 };
	b.u.buffer.width = b.u.buffer.height = 64;
	b.u.buffer.stride = 64 * 4;
	assert_int_equal(feed(d, &c, 0, 0), 0);
	/* a BUFFER with its descriptor; a DAMAGE without one */
	assert_int_equal(feed(d, &b, 0, 1), 0);
	assert_int_equal(d->st.nfds, 0);
	assert_non_null(domain_find_window(d, 5)->buf.ops);
	assert_int_equal(feed(d, &dmg, 0, 0), 0);
	/* the descriptor with the first bytes of its BUFFER waits for the rest */
	for (size_t cut = 1; cut < VP_HDR_SIZE + 32; cut += 7) {
		assert_int_equal(feed(d, &b, cut, 1), 0);
		assert_int_equal(d->st.nfds, 1);
		uint8_t rest[64];
		size_t n = vp_encode(&b, rest, sizeof(rest));
		assert_int_equal(domain_feed(d, rest + cut, n - cut), 0);
		assert_int_equal(d->st.nfds, 0);
	}
	/* a descriptor with a DAMAGE, whole or begun, or one too many: cut off */
	assert_int_equal(feed(d, &dmg, 0, 1), -1);
	assert_int_equal(d->st.nfds, 0);
	static const size_t cuts[] = { 0, 1, 4, 13 };
	for (size_t k = 0; k < NELEM(cuts); k++) {
		struct vp_msg h = sample(VP_HELLO);
		assert_int_equal(feed(d, &h, 0, 0), 0);
		assert_int_equal(feed(d, &c, 0, 0), 0);
		int two = k == 0;
		assert_int_equal(feed(d, two ? &b : &dmg, cuts[k], two ? 2 : 1), -1);
		assert_int_equal(d->st.nfds, 0);
		assert_null(domain_find_window(d, 5));
	}
	/* The descriptor belongs to the message holding the read's last
	 * byte (the kernel ends a read with the bytes a descriptor came
	 * with): after a DAMAGE, the BUFFER's; a DAMAGE glued after its
	 * BUFFER took it, and a BUFFER before the one that brought it has
	 * none. */
	struct vp_msg h = sample(VP_HELLO);
	assert_int_equal(feed(d, &h, 0, 0), 0);
	assert_int_equal(feed(d, &c, 0, 0), 0);
	assert_int_equal(feed(d, &b, 0, 1), 0);
	assert_int_equal(feed2(d, &dmg, &b, 0, 1), 0);
	assert_int_equal(d->st.nfds, 0);
	assert_int_equal(feed2(d, &b, &dmg, 0, 1), -1);
	assert_null(domain_find_window(d, 5));
	assert_int_equal(feed(d, &h, 0, 0), 0);
	assert_int_equal(feed(d, &c, 0, 0), 0);
	assert_int_equal(feed2(d, &b, &b, 0, 1), -1);
	assert_int_equal(d->st.nfds, 0);
	domain_destroy(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handlers_match_table),
		cmocka_unit_test(test_hello),
		cmocka_unit_test(test_descriptor_rule),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
