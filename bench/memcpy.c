/*
 * memcpy: the machine's limit for moving frames, as key=value lines.
 *
 *   memcpy [SECONDS [WIDTH HEIGHT]]
 *
 * full: memcpy of whole frames (1920x1080x4 unless told) between 32 buffers (265 MB; for
 * bigger frames fewer, at least 8, about as many bytes: 3840x2160 takes 8 of 33 MB; far
 * more than any cache), each frame copied from a buffer that was not touched
 * recently into another: frames/s, GB/s and ms per frame for ONE copy.
 * small: one 64x64 block (64 rows of 256 bytes, stride 7680) copied between
 * frames out of cache the same way: microseconds per block.
 *
 * Times are this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), as the systems'
 * CPU per frame is: on a machine shared with other work, the time the
 * thread waited for a CPU is not the cost of a copy (wall-clock time made
 * the limit look several times slower than it is under load). The loops
 * run until that much wall-clock time has passed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "bench.h"

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

#define NBUF 32
#define SPAN (270u << 20) /* bytes the buffers take, about */

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 2.0;
	size_t FW = argc > 3 ? strtoul(argv[2], NULL, 10) : 1920;
	size_t FH = argc > 3 ? strtoul(argv[3], NULL, 10) : 1080;
	if (FW < 64 || FH < 128 || FW > 8192 || FH > 8192)
		vb_die("frame size out of range");
	size_t frame = FW * FH * 4;
	int nbuf = SPAN / frame < 8 ? 8 : SPAN / frame > NBUF ? NBUF : (int)(SPAN / frame);
	uint8_t *buf[NBUF];
	for (int i = 0; i < nbuf; i++) {
		buf[i] = aligned_alloc(4096, frame);
		if (!buf[i])
			vb_die("out of memory");
		memset(buf[i], i * 7 + 1, frame); /* fault every page in */
	}
	/* warm-up round, then the measured ones */
	for (int i = 0; i < nbuf; i++)
		memcpy(buf[(i + 5) % nbuf], buf[i], frame);
	unsigned long n = 0;
	double t0 = vb_now(), c0 = cpu_now(), t;
	do {
		for (int i = 0; i < nbuf; i++, n++)
			memcpy(buf[(i + 5) % nbuf], buf[i], frame);
		t = vb_now();
	} while (t - t0 < seconds);
	double fps = (double)n / (cpu_now() - c0);
	printf("full_frames_per_s=%.1f\nfull_gb_per_s=%.3f\nfull_ms_per_frame=%.4f\n", fps,
	       fps * (double)frame / 1e9, 1e3 / fps);

	/* 64x64 blocks: walk the buffers so that each block is cold */
	unsigned long m = 0;
	size_t stride = FW * 4, off = 0;
	t0 = vb_now();
	c0 = cpu_now();
	do {
		for (int i = 0; i < nbuf; i++, m++) {
			uint8_t *s = buf[i] + off, *d = buf[(i + 5) % nbuf] + off;
			for (int y = 0; y < 64; y++)
				memcpy(d + (size_t)y * stride, s + (size_t)y * stride, 256);
		}
		off = (off + 64 * stride + 4096 + 256) % (frame - 64 * stride);
		t = vb_now();
	} while (t - t0 < seconds / 2);
	printf("small_us_per_block=%.4f\n", (cpu_now() - c0) / (double)m * 1e6);
	uint64_t sum = 0; /* keep the copies */
	for (int i = 0; i < nbuf; i++) {
		sum += buf[i][frame / 2];
		free(buf[i]);
	}
	return sum == 0xffffffff;
}
