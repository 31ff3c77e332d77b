/*
 * The parts of vb-probe (bench/vb-probe.c: what it does, its commands):
 * its state, one for the process (P, defined in vb-probe.c), the guest's
 * window and the output's two kinds (ends.c), and the commands small
 * (small.c) and keys (keys.c). full and main are in vb-probe.c.
 */
#ifndef VB_PROBE_H
#define VB_PROBE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <xcb/damage.h>
#include <xcb/shm.h>
#include <xcb/xfixes.h>
#include <xcb/xtest.h>

#include "bench/bench.h"

#define NFRAMES 4
#define MARK 8
#define SMALL 64
#define KEYCODE 38 /* 'a' in the default keymap of Xvfb */

struct probe {
	/* the guest */
	xcb_connection_t *g;
	xcb_screen_t *gs;
	xcb_window_t win;
	xcb_gcontext_t gc;
	uint32_t W, H;
	int16_t X, Y;
	uint32_t *pix; /* NFRAMES frames */
	size_t frame_bytes;
	xcb_shm_seg_t seg;
	const char *title;
	/* the output: desktop */
	xcb_connection_t *d;
	xcb_screen_t *ds;
	xcb_window_t dwin;
	int offx, offy;
	uint8_t damage_ev;
	uint64_t painted; /* area of the damage reported in our content, pixels */
	/* the output: control socket */
	const char *ctl_path, *domain;
	struct vb_ctl ctl;
	struct vb_procs procs;
	/* full: the drawing thread */
	atomic_bool stop;
	atomic_uint frame;
	unsigned drawn;
};
extern struct probe P;

static inline uint32_t marker(unsigned k)
{
	return ((k * 2654435761u) >> 8 & 0xffffff) | 0x010101;
}

/* ends.c: the guest */
void make_frames(void);
void put_frame(unsigned k);
void make_window(void);
void drain_guest(void);
double wait_guest(uint8_t type, uint8_t detail, double timeout);
/* ends.c: the output, a desktop X server */
int64_t desk_pixel(int x, int y);
int drain_desktop(const xcb_rectangle_t *want);
double wait_desktop(const xcb_rectangle_t *want, double timeout);
void setup_desktop(void);
/* ends.c: the output, the control socket */
unsigned long long damage_count(struct vb_ctl *c);
void setup_control(void);

void cmd_small(double seconds, unsigned max, const char *file); /* small.c */
void cmd_keys(double seconds, unsigned max, const char *file);	/* keys.c */

#endif
