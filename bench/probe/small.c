/* vb-probe: the command small (probe.h). */
#include "probe.h"

/* ------------------------------------------------------------ small */

/* Control socket: one fill is one DAMAGE message, so the count to wait for
 * is the last one + 1; the daemon's count is read back (`windows`, whose
 * reply grows with the number of windows) only every RESYNC updates, and
 * if it is not what was expected, the samples since the last check are
 * dropped (discarded=). */
#define RESYNC 32

void cmd_small(double seconds, unsigned max, const char *file)
{
	char out[2048] = "";
	FILE *f = fopen(file, "a");
	if (!f)
		vb_die("cannot open %s", file);
	unsigned n = 0, misses = 0, discarded = 0, npend = 0;
	double pend[RESYNC];
	unsigned long long count = 0;
	if (P.ctl_path)
		count = damage_count(&P.ctl);
	drain_guest();
	if (P.d)
		drain_desktop(NULL);
	vb_procs_start(&P.procs);
	double t0 = vb_now(), end = t0 + seconds;
	uint32_t seed = 12345;
	for (unsigned i = 0;; i++) {
		int done = n + npend >= max || vb_now() >= end;
		if (npend && (npend == RESYNC || done)) {
			unsigned long long now = P.ctl_path ? damage_count(&P.ctl) : count;
			if (now == count) {
				for (unsigned k = 0; k < npend; k++)
					fprintf(f, "%.6f\n", pend[k]);
				n += npend;
			} else {
				discarded += npend;
				count = now;
			}
			npend = 0;
		}
		if (done)
			break;
		int16_t x = (int16_t)(MARK + 8 + (i * 67u) % (P.W - SMALL - MARK - 16));
		int16_t y = (int16_t)(MARK + 8 + (i * 131u) % (P.H - SMALL - MARK - 16));
		seed = seed * 1103515245u + 12345u;
		uint32_t colour = (seed >> 4 & 0xffffff) | 0x010101;
		xcb_rectangle_t r = { x, y, SMALL, SMALL };
		if (P.ctl_path) /* registered before the draw: no race */
			vb_ctl_send(&P.ctl, "wait-damage %s %u %llu", P.domain, P.win, count + 1);
		double ts = vb_now();
		xcb_change_gc(P.g, P.gc, XCB_GC_FOREGROUND, &colour);
		xcb_poly_fill_rectangle(P.g, P.win, P.gc, 1, &r);
		xcb_flush(P.g);
		double ta = -1;
		if (P.d) {
			xcb_rectangle_t want = { (int16_t)(x + P.offx), (int16_t)(y + P.offy),
						 SMALL, SMALL };
			while (ta < 0) {
				double t = wait_desktop(&want, 2);
				if (t < 0)
					break;
				if (desk_pixel(want.x + SMALL / 2, want.y + SMALL / 2) == colour)
					ta = t;
			}
		} else if (vb_ctl_reply(&P.ctl, 2, NULL, NULL)) {
			ta = vb_now();
			count++;
		}
		if (ta < 0) {
			if (++misses > 3)
				vb_die("small: %u updates never arrived", misses);
			if (P.ctl_path) { /* the wait is still pending: start afresh */
				vb_ctl_close(&P.ctl);
				setup_control();
				count = damage_count(&P.ctl);
				discarded += npend;
				npend = 0;
			}
			continue;
		}
		pend[npend++] = (ta - ts) * 1e3;
		drain_guest();
		/* a pause of 1-2 ms, so that updates do not line up with timers */
		vb_sleep(0.001 + (double)(seed % 1000) * 1e-6);
	}
	double t1 = vb_now();
	double cpu = vb_procs_end(&P.procs, out, sizeof(out));
	fclose(f);
	printf("n=%u seconds=%.4f cpu=%.4f misses=%u discarded=%u%s\n", n + discarded, t1 - t0, cpu,
	       misses, discarded, out);
	fflush(stdout);
}
