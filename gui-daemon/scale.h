/*
 * The scale of each output (issue 14 item 6): the rules the user gave
 * (`--scale S`, `--scale NAME=S`, `vitrinectl set-scale S [MONITOR]`) and
 * the scale each monitor gets from them, by the name its backend reports
 * (x11: the desktop's RandR monitor, whose automatic ones are named after
 * their output; drm: the connector, "Virtual-1", "HDMI-A-1"; headless and
 * unnamed: MONITOR-1, MONITOR-2... in order). monitors.c applies them.
 */
#ifndef VITRINE_SCALE_H
#define VITRINE_SCALE_H

#define SCALE_NAME 32u	/* a monitor's name, its NUL included */
#define SCALE_RULES 16u /* monitors with a scale of their own */
#define SCALE_MIN 25u	/* percent */
#define SCALE_MAX 1000u

struct scale_rules {
	unsigned all; /* percent of every monitor without its own (0: 100) */
	unsigned n;
	struct {
		char name[SCALE_NAME];
		unsigned percent;
	} one[SCALE_RULES];
};

/* "1.5" or "150%" -> 150; 0 if it is no scale. */
unsigned scale_parse(const char *s);
/* "S", "NAME=S", or a comma-separated list of both, added to r: a bare S is
 * every other monitor's, NAME=S that monitor's (the last one given wins).
 * -1, r unchanged, if malformed or more than SCALE_RULES names. */
int scale_rules_parse(struct scale_rules *r, const char *s);
/* NAME's scale from now on (replacing its earlier one); -1 if r is full or
 * the name is no monitor's name (1 to 31 of A-Z a-z 0-9 . _ -). */
int scale_rules_set(struct scale_rules *r, const char *name, unsigned percent);
/* The scale of the monitor called name. */
unsigned scale_rules_of(const struct scale_rules *r, const char *name);

#endif
