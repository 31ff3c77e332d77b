/*
 * vb-probe: the measuring client of the benchmarks. One process holds the
 * connection to the domain's X server (the "guest", where it draws and
 * where it receives keys) and the connection to where the output is seen:
 * either the desktop X server (--desktop: vitrine's x11 backend or an Xpra
 * client; arrival is a DAMAGE event on the output window, checked by
 * reading the pixel back) or vitrine's control socket (--control: the
 * headless backend; arrival is the reply to `wait-damage`, which the daemon
 * sends right after the repaint that included that damage). All times are
 * CLOCK_MONOTONIC in this one process.
 *
 *   vb-probe --guest DISPLAY --size WxH [--position X,Y] --title TITLE
 *            [--desktop DISPLAY | --control SOCKET --domain NAME]
 *            [--proc NAME=PID]... [--flood]
 *
 * It creates one top-level window of WxH on the guest, shows a full frame
 * of noise with a frame marker (an 8x8 block at the top left whose colour
 * is the frame number), waits until that frame is seen at the output and
 * prints `ready window=ID`. Then it reads commands on stdin, one a line,
 * and answers each with one line of key=value fields:
 *
 *   full SECONDS DEPTH redraw the whole window as fast as possible (MIT-SHM
 *                      PutImage of 4 pre-made noise frames, a round trip
 *                      after each); count the frames that reach the
 *                      output. DEPTH > 0: at most DEPTH frames on their
 *                      way to the output (paced by what arrives); 0: open
 *                      loop, as fast as the guest X server takes them.
 *                      -> frames= sampled= drawn= stalls= seconds= cpu=
 *                      cpu.NAME=...  Desktop: sampled= is the distinct
 *                      markers read back after DAMAGE events (a frame
 *                      replaced before the read is not among them);
 *                      frames= the area those events reported in the
 *                      content, in whole frames (every frame painted), if
 *                      that is more, at most the frames drawn. Control
 *                      socket: both are the repaint replies.
 *   small SECONDS MAX FILE
 *                      fill a 64x64 rectangle with a new colour, wait until
 *                      it is at the output, append the latency (ms) to FILE;
 *                      again after a 1-2 ms pause. -> n= seconds= cpu= ...
 *   keys SECONDS MAX FILE
 *                      focus the window (desktop: SetInputFocus on the output
 *                      window; control: `focus DOMAIN ID`), then press and
 *                      release a key (desktop: XTEST on the desktop;
 *                      control: `key a press|release`); the latency is from
 *                      just before the press is sent to the KeyPress at the
 *                      window. -> n= seconds= cpu= ...
 *   quit
 *
 * cpu= is the utime+stime of every --proc (PID "self" is this process)
 * during the command. With --flood it only redraws the whole window until
 * stdin closes (the neighbour that floods damage), after printing `ready`.
 */
#include "bench/probe/probe.h"

struct probe P;

/* ------------------------------------------------------------ full */

/* Paced (depth D > 0): frame k is drawn only when k <= allow. Desktop:
 * allow = seen + D, where seen is the newest frame whose marker was read
 * back at the output: at most D frames on their way. Control socket (no
 * frame identity there): each time the main loop has had a repaint reply
 * and read the damage count, one more frame may go, so about one frame per
 * repaint. Open loop (D = 0): no waiting. A stall of 200 ms lets the next
 * frame go anyway (counted in stalls=). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t progress = PTHREAD_COND_INITIALIZER;
static unsigned depth, allow, stalls;

static void *drawer(void *arg)
{
	(void)arg;
	while (!atomic_load(&P.stop)) {
		unsigned k = atomic_load(&P.frame) + 1;
		if (depth) {
			pthread_mutex_lock(&lock);
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 200 * 1000000L;
			if (until.tv_nsec >= 1000000000L)
				until.tv_sec++, until.tv_nsec -= 1000000000L;
			int r = 0;
			while ((int)(k - allow) > 0 && !atomic_load(&P.stop) && r == 0)
				r = pthread_cond_timedwait(&progress, &lock, &until);
			if (r)
				stalls++;
			pthread_mutex_unlock(&lock);
		}
		put_frame(k);
		atomic_store(&P.frame, k);
		vb_sync(P.g);
		P.drawn++;
	}
	return NULL;
}

/* Frames up to a may be drawn. */
static void let_go(unsigned a)
{
	pthread_mutex_lock(&lock);
	if ((int)(a - allow) > 0)
		allow = a;
	pthread_cond_signal(&progress);
	pthread_mutex_unlock(&lock);
}

/* The frame whose marker is m, searching back from the newest drawn. */
static int frame_of(uint32_t m, unsigned *k)
{
	unsigned top = atomic_load(&P.frame) + 1;
	for (unsigned i = 0; i < 256 && i <= top; i++)
		if (marker(top - i) == m) {
			*k = top - i;
			return 1;
		}
	return 0;
}

static void cmd_full(double seconds, unsigned d)
{
	char out[2048] = "";
	unsigned frames = 0;
	P.drawn = 0;
	depth = d;
	stalls = 0;
	allow = atomic_load(&P.frame) + depth;
	atomic_store(&P.stop, false);
	drain_guest();
	struct vb_ctl c = { .fd = -1 };
	if (P.ctl_path && vb_ctl_open(&c, P.ctl_path) < 0)
		vb_die("cannot connect to %s", P.ctl_path);
	if (P.d)
		drain_desktop(NULL);
	P.painted = 0;
	vb_procs_start(&P.procs);
	double t0 = vb_now(), end = t0 + seconds;
	pthread_t th;
	pthread_create(&th, NULL, drawer, NULL);
	if (P.d) {
		int64_t last = desk_pixel(P.offx + 1, P.offy + 1);
		while (vb_now() < end) {
			if (wait_desktop(NULL, end - vb_now()) < 0)
				break;
			int64_t m = desk_pixel(P.offx + 1, P.offy + 1);
			unsigned k;
			if (m >= 0 && m != last) {
				frames++;
				if (frame_of((uint32_t)m, &k))
					let_go(k + depth);
			}
			last = m;
		}
	} else {
		/* each reply is one repaint that showed new damage of ours */
		while (vb_now() < end) {
			unsigned long long n = damage_count(&c);
			let_go(atomic_load(&P.frame) + 1);
			vb_ctl_send(&c, "wait-damage %s %u %llu", P.domain, P.win, n + 1);
			if (!vb_ctl_reply(&c, end - vb_now(), NULL, NULL))
				break;
			frames++;
		}
	}
	double t1 = vb_now();
	atomic_store(&P.stop, true);
	let_go(atomic_load(&P.frame) + depth + 1); /* let the drawer out */
	pthread_join(th, NULL);
	double cpu = vb_procs_end(&P.procs, out, sizeof(out));
	vb_ctl_close(&c); /* a wait left pending dies with the connection */
	unsigned sampled = frames;
	if (P.d) { /* every frame painted, not only those the sampler read back */
		uint64_t painted = P.painted / ((uint64_t)P.W * P.H);
		if (painted > frames)
			frames = painted > P.drawn ? P.drawn : (unsigned)painted;
	}
	printf("frames=%u sampled=%u drawn=%u stalls=%u seconds=%.4f cpu=%.4f%s\n", frames, sampled,
	       P.drawn, stalls, t1 - t0, cpu, out);
	fflush(stdout);
}

/* ------------------------------------------------------------ main */

static void flood(void)
{
	printf("ready window=%u\n", P.win);
	fflush(stdout);
	for (unsigned k = 1;; k++) {
		struct pollfd p = { 0, POLLIN, 0 };
		if (poll(&p, 1, 0) > 0) {
			char buf[64];
			if (read(0, buf, sizeof(buf)) <= 0)
				return;
		}
		put_frame(k);
		vb_sync(P.g);
		drain_guest();
	}
}

int main(int argc, char **argv)
{
	const char *guest = NULL, *desktop = NULL;
	int flood_mode = 0;
	P.title = "vb-probe";
	P.W = 1920, P.H = 1080;
	P.ctl.fd = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--flood")) {
			flood_mode = 1;
			continue;
		}
		if (!v)
			vb_die("%s needs a value", a);
		i++;
		if (!strcmp(a, "--guest"))
			guest = v;
		else if (!strcmp(a, "--desktop"))
			desktop = v;
		else if (!strcmp(a, "--control"))
			P.ctl_path = v;
		else if (!strcmp(a, "--domain"))
			P.domain = v;
		else if (!strcmp(a, "--title"))
			P.title = v;
		else if (!strcmp(a, "--proc"))
			vb_procs_add(&P.procs, v);
		else if (!strcmp(a, "--position")) {
			int x, y;
			if (sscanf(v, "%d,%d", &x, &y) != 2 || x < 0 || y < 0 || x > 8192 ||
			    y > 8192)
				vb_die("bad --position %s", v);
			P.X = (int16_t)x, P.Y = (int16_t)y;
		} else if (!strcmp(a, "--size")) {
			if (sscanf(v, "%ux%u", &P.W, &P.H) != 2 || P.W < 256 || P.H < 256 ||
			    P.W > 4096 || P.H > 4096)
				vb_die("bad --size %s", v);
		} else
			vb_die("unknown option %s", a);
	}
	if (!guest)
		vb_die("usage: vb-probe --guest DISPLAY [--desktop DISPLAY | --control SOCKET "
		       "--domain NAME] ...");
	if (!flood_mode && !desktop && !(P.ctl_path && P.domain))
		vb_die("one of --desktop or --control with --domain");
	P.g = vb_xconnect(guest, &P.gs);
	xcb_shm_query_version_reply_t *sv =
		xcb_shm_query_version_reply(P.g, xcb_shm_query_version(P.g), NULL);
	if (!sv || sv->major_version < 1 || (sv->major_version == 1 && sv->minor_version < 2))
		vb_die("the guest X server lacks MIT-SHM 1.2");
	free(sv);
	make_frames();
	make_window();
	if (flood_mode) {
		flood();
		return 0;
	}
	if (desktop) {
		P.d = vb_xconnect(desktop, &P.ds);
		const xcb_query_extension_reply_t *t = xcb_get_extension_data(P.d, &xcb_test_id);
		if (!t || !t->present)
			vb_die("the desktop X server has no XTEST");
		setup_desktop();
	} else {
		setup_control();
	}
	printf("ready window=%u offset=%d,%d\n", P.win, P.offx, P.offy);
	fflush(stdout);
	char line[1024], file[900];
	double secs;
	unsigned max;
	while (fgets(line, sizeof(line), stdin)) {
		if (sscanf(line, "full %lf %u", &secs, &max) == 2)
			cmd_full(secs, max);
		else if (sscanf(line, "small %lf %u %899s", &secs, &max, file) == 3)
			cmd_small(secs, max, file);
		else if (sscanf(line, "keys %lf %u %899s", &secs, &max, file) == 3)
			cmd_keys(secs, max, file);
		else if (!strncmp(line, "quit", 4))
			break;
		else {
			printf("error: unknown command\n");
			fflush(stdout);
		}
	}
	return 0;
}
