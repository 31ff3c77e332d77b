/*
 * What the unit tests of tray icons (test-tray.c, test-tray-churn.c) share,
 * beside policy-fixture.h: TRAY_ICON messages, and what a domain was sent.
 */
#ifndef VITRINE_TEST_TRAY_FIXTURE_H
#define VITRINE_TEST_TRAY_FIXTURE_H

#include "policy-fixture.h"

#include "gui-daemon/tray.h"

static uint8_t big[VP_HDR_SIZE + 8 + 4 * 65 * 65];
static uint8_t px[4 * 65 * 65];

static size_t enc_tray(uint32_t id, uint32_t w, uint32_t h)
{
	struct vp_msg m = { .type = VP_TRAY_ICON, .window = id };
	m.u.icon = (struct vp_icon){ w, h, px };
	return vp_encode(&m, big, sizeof(big));
}

static void fill(uint32_t argb, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (unsigned c = 0; c < 4; c++)
			px[4 * i + c] = (uint8_t)(argb >> (8 * c));
}

/* Every icon shown since long ago: past the tray's click guard. */
static void icons_settled(void)
{
	for (int d = 0; d < srv.ndomains; d++)
		for (unsigned i = 0; i < TRAY_PER_DOMAIN; i++)
			if (srv.domains[d]->tray.icons[i])
				srv.domains[d]->tray.icons[i]->area_ms = 1;
}

/* How many messages of type of d's send queue from *off on (read up to the end). */
static int sent(struct domain *d, size_t *off, uint8_t type, struct vp_msg *last)
{
	int n = 0;
	const char *why = NULL;
	while (*off < d->tx_len) {
		struct vp_msg m;
		long k = vp_decode(VP_FROM_DAEMON, d->tx + *off, d->tx_len - *off, &m, &why);
		assert_true(k > 0);
		*off += (size_t)k;
		if (m.type == type && ++n)
			*last = m;
	}
	return n;
}

#endif
