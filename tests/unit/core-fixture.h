/*
 * What the unit tests of a domain's messages in the daemon (test-handle.c,
 * test-dbuf.c) share: the core as server_init builds it (headless, a 320x240
 * output), one domain configuration ("t,label=red"), and a domain of it
 * that has said HELLO, fed without a socket.
 */
#ifndef VITRINE_TEST_CORE_FIXTURE_H
#define VITRINE_TEST_CORE_FIXTURE_H

#include "proto-util.h"

#include "gui-daemon/backend.h"
#include "gui-daemon/config.h"
#include "gui-daemon/domain.h"
#include "gui-daemon/server.h"

static struct server srv;
static struct domain_config cfg;

static int setup(void **state)
{
	(void)state;
	const char *why = NULL;
	vlog_quiet = true;
	srv.cfg.width = 320;
	srv.cfg.height = 240;
	if (server_init(&srv, &headless_backend_ops) < 0)
		return -1;
	return config_parse_domain(&cfg, "t,label=red", &why);
}

static int teardown(void **state)
{
	(void)state;
	server_finish(&srv);
	return 0;
}

/* A domain of cfg past HELLO. */
static struct domain *greeted(void)
{
	struct domain *d = domain_create(&srv, &cfg);
	struct vp_msg h = sample(VP_HELLO);
	assert_non_null(d);
	assert_null(domain_handle_msg(d, &h));
	assert_true(d->hello_done);
	return d;
}

#endif
