/*
 * vitrinectl assert-screen REF.png [--window DOMAIN ID | --domain NAME |
 *     --rect X,Y,W,H] [--no-decorations] [--tolerance N] [--mask MASK.png]
 *     [--timeout S] [--update]
 *
 * Waits until a screenshot (of the output, or of the part the screenshot
 * options name) matches REF: every pixel not hidden by MASK (black there)
 * within N per channel (default 0). A new shot is taken only when the
 * daemon reports that something changed (wait-change), never on a clock.
 * Prints the match score. On a timeout (default 10 s) writes the last shot
 * as REF-last.png and a picture of the differences as REF-diff.png beside
 * REF, and exits 1; with --update writes the shot as REF instead. A match
 * or an update removes those two files. Exit 2 on bad arguments or files
 * (one line naming the file).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "image.h"
#include "vitrinectl.h"

struct opts {
	const char *ref, *mask;
	char shot_args[512]; /* the screenshot options, as given */
	int tolerance;
	double timeout;
	bool update;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(const char *why)
{
	fprintf(stderr,
		"vitrinectl assert-screen: %s\n"
		"usage: vitrinectl assert-screen REF.png [--window DOMAIN ID | --domain NAME |\n"
		"         --rect X,Y,W,H] [--no-decorations] [--tolerance N] [--mask MASK.png]\n"
		"         [--timeout S] [--update]\n",
		why);
	return 2;
}

static int append(char *buf, size_t cap, const char *s)
{
	size_t l = strlen(buf);
	int n = snprintf(buf + l, cap - l, " %s", s);
	return n < 0 || (size_t)n >= cap - l ? -1 : 0;
}

/* A screenshot option at argv[*i] (--window D ID, --domain N, --rect R,
 * --no-decorations), kept in o->shot_args: 1 taken (*i past its values), 0
 * not one, -1 bad (usage printed). */
static int shot_option(int argc, char **argv, int *i, struct opts *o)
{
	const char *a = argv[*i];
	int args = !strcmp(a, "--window") ? 2 : !strcmp(a, "--domain") || !strcmp(a, "--rect");
	if (!args && strcmp(a, "--no-decorations"))
		return 0;
	if (*i + args >= argc) {
		usage("an option lacks its value");
		return -1;
	}
	for (int k = 0; k <= args; k++)
		if (strchr(argv[*i + k], ' ') ||
		    append(o->shot_args, sizeof(o->shot_args), argv[*i + k]) < 0) {
			usage("bad screenshot option");
			return -1;
		}
	*i += args;
	return 1;
}

static int parse(int argc, char **argv, struct opts *o)
{
	char *end;
	memset(o, 0, sizeof(*o));
	o->timeout = 10;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int got = shot_option(argc, argv, &i, o);
		if (got < 0)
			return 2;
		if (got)
			continue;
		if (!strcmp(a, "--tolerance") && i + 1 < argc) {
			long t = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || t < 0 || t > 255)
				return usage("--tolerance is 0 to 255");
			o->tolerance = (int)t;
		} else if (!strcmp(a, "--timeout") && i + 1 < argc) {
			o->timeout = strtod(argv[++i], &end);
			if (*end || end == argv[i] || !(o->timeout >= 0 && o->timeout <= 3600))
				return usage("--timeout is 0 to 3600 seconds");
		} else if (!strcmp(a, "--mask") && i + 1 < argc) {
			o->mask = argv[++i];
		} else if (!strcmp(a, "--update")) {
			o->update = true;
		} else if (a[0] == '-') {
			return usage("unknown option");
		} else if (!o->ref) {
			o->ref = a;
		} else {
			return usage("one reference image only");
		}
	}
	if (!o->ref)
		return usage("no reference image");
	if (strchr(o->ref, ' ') || strlen(o->ref) < 5 ||
	    strcmp(o->ref + strlen(o->ref) - 4, ".png"))
		return usage("the reference's name ends in .png and has no space");
	return 0;
}

/* What the daemon said of a shot. */
struct shot_info {
	unsigned long long changes; /* its changes= */
	long long x, y;		    /* its at=: where its top left is on the output */
};

/* A shot into path (loaded into *img unless img is NULL). 0, else the
 * request's code (2: the shot is no image); errors on stderr, after who. */
static int shot(const char *who, const char *sock, const char *path, const struct opts *o,
		struct shot_info *si, struct vt_image *img)
{
	char line[1024], last[256] = "", err[512];
	snprintf(line, sizeof(line), "screenshot %s%s", path, o->shot_args);
	int rc = ctl_request(sock, line, 30, NULL, last, sizeof(last));
	if (rc) {
		fprintf(stderr, "vitrinectl %s: %s\n", who, last[0] ? last : "no shot");
		return rc;
	}
	const char *c = strstr(last, "changes="), *at = strstr(last, "at=");
	si->changes = c ? strtoull(c + 8, NULL, 10) : 0;
	if (!at || sscanf(at, "at=%lld,%lld", &si->x, &si->y) != 2) {
		fprintf(stderr, "vitrinectl %s: the daemon's reply has no at=: %s\n", who, last);
		return 2;
	}
	if (img && vt_image_load(path, img, err, sizeof(err)) < 0) {
		fprintf(stderr, "vitrinectl %s: %s\n", who, err);
		return 2;
	}
	return 0;
}

/* A temporary file for shots: 0, else 2 (told on stderr). */
static int shot_file(const char *who, char tmp[static 32])
{
	snprintf(tmp, 32, "/tmp/vitrinectl-shot-XXXXXX.png");
	int fd = mkstemps(tmp, 4);
	if (fd < 0) {
		fprintf(stderr, "vitrinectl %s: mkstemps: %s\n", who, strerror(errno));
		return 2;
	}
	close(fd);
	return 0;
}

/* REF.png -> REF-what.png */
static void beside(char *out, size_t cap, const char *ref, const char *what)
{
	snprintf(out, cap, "%.*s-%s.png", (int)(strlen(ref) - 4), ref, what);
}

/* A match, or a new reference: an earlier failure's REF-last.png and
 * REF-diff.png are stale (new-user trial 6: a diff of a failure long
 * fixed, committed with the references). */
static void forget_failure(const struct opts *o)
{
	char p[4096];
	beside(p, sizeof(p), o->ref, "last");
	unlink(p);
	beside(p, sizeof(p), o->ref, "diff");
	unlink(p);
}

static int report(const struct opts *o, const struct vt_image *ref, const struct vt_image *sh,
		  const struct vt_image *mask, const char *tmp)
{
	char last[4096], dpath[4096], err[512];
	beside(last, sizeof(last), o->ref, "last");
	beside(dpath, sizeof(dpath), o->ref, "diff");
	if (rename(tmp, last) < 0 && vt_image_save(last, sh, err, sizeof(err)) < 0)
		fprintf(stderr, "vitrinectl assert-screen: %s\n", err);
	if (ref->w != sh->w || ref->h != sh->h) {
		printf("assert-screen: %s does not match: it is %ux%u, the shot %ux%u; "
		       "wrote %s\n",
		       o->ref, ref->w, ref->h, sh->w, sh->h, last);
		return 1;
	}
	struct vt_compare r;
	struct vt_image diff = { 0 };
	vt_image_compare(ref, sh, mask, o->tolerance, &r, &diff);
	if (diff.px && vt_image_save(dpath, &diff, err, sizeof(err)) < 0)
		fprintf(stderr, "vitrinectl assert-screen: %s\n", err);
	vt_image_free(&diff);
	const uint8_t *a = ref->px + ((size_t)r.first_y * ref->w + r.first_x) * 4;
	const uint8_t *b = sh->px + ((size_t)r.first_y * sh->w + r.first_x) * 4;
	printf("assert-screen: %s does not match: %.2f%% of %llu pixels equal (tolerance %d); "
	       "first difference at %u,%u: the reference %02x%02x%02x, the shot %02x%02x%02x; "
	       "wrote %s and "
	       "%s\n",
	       o->ref,
	       r.compared ? 100.0 * (double)(r.compared - r.differ) / (double)r.compared : 0,
	       (unsigned long long)r.compared, o->tolerance, r.first_x, r.first_y, a[0], a[1], a[2],
	       b[0], b[1], b[2], last, dpath);
	return 1;
}

int assert_screen(const char *sock, int argc, char **argv)
{
	struct opts o;
	struct vt_image ref = { 0 }, mask = { 0 }, sh = { 0 };
	struct shot_info si;
	char err[512], tmp[32];
	int rc = parse(argc, argv, &o);
	if (rc)
		return rc;
	if (o.update) {
		rc = shot("assert-screen", sock, o.ref, &o, &si, &sh);
		/* one colour: often a window not drawn yet (GTK 4's first frame
		 * came after wait-idle: a black reference; new-user trial) */
		size_t n = (size_t)sh.w * sh.h, i = 1;
		while (!rc && i < n && !memcmp(sh.px + 4 * i, sh.px, 3))
			i++;
		if (!rc && n && i == n)
			printf("assert-screen: wrote %s (all one colour: %02x%02x%02x)\n", o.ref,
			       sh.px[0], sh.px[1], sh.px[2]);
		else if (!rc)
			printf("assert-screen: wrote %s\n", o.ref);
		if (!rc)
			forget_failure(&o);
		vt_image_free(&sh);
		return rc;
	}
	if (vt_image_load(o.ref, &ref, err, sizeof(err)) < 0 ||
	    (o.mask && vt_image_load(o.mask, &mask, err, sizeof(err)) < 0)) {
		fprintf(stderr, "vitrinectl assert-screen: %s\n", err);
		vt_image_free(&ref);
		return 2;
	}
	if (o.mask && (mask.w != ref.w || mask.h != ref.h)) {
		fprintf(stderr, "vitrinectl assert-screen: %s is %ux%u, the reference %s %ux%u\n",
			o.mask, mask.w, mask.h, o.ref, ref.w, ref.h);
		rc = 2;
		goto out;
	}
	if ((rc = shot_file("assert-screen", tmp)) != 0)
		goto out;
	double deadline = now_s() + o.timeout;
	for (;;) {
		vt_image_free(&sh);
		if ((rc = shot("assert-screen", sock, tmp, &o, &si, &sh)) != 0)
			break;
		struct vt_compare r = { 0 };
		if (sh.w == ref.w && sh.h == ref.h) {
			vt_image_compare(&ref, &sh, o.mask ? &mask : NULL, o.tolerance, &r, NULL);
			if (!r.differ) {
				printf("assert-screen: %s matches: 100.00%% of %llu pixels equal "
				       "(tolerance %d)\n",
				       o.ref, (unsigned long long)r.compared, o.tolerance);
				forget_failure(&o);
				rc = 0;
				break;
			}
		}
		double left = deadline - now_s();
		char line[64];
		snprintf(line, sizeof(line), "wait-change %llu", si.changes);
		if (left <= 0 || ctl_request(sock, line, left, NULL, NULL, 0) != 0) {
			rc = report(&o, &ref, &sh, o.mask ? &mask : NULL, tmp);
			break;
		}
	}
	unlink(tmp);
out:
	vt_image_free(&ref);
	vt_image_free(&mask);
	vt_image_free(&sh);
	return rc;
}

/*
 * vitrinectl find-image TEMPLATE.png [screenshot options] [--max-diff D]
 * Where TEMPLATE best matches a screenshot (of the output or the part
 * named): prints "X Y D", the centre of the match in output coordinates and
 * its mean difference per channel (0 exact); exit 1 when D > max (default 8).
 */
int find_image(const char *sock, int argc, char **argv)
{
	struct opts o = { 0 };
	struct vt_image tmpl = { 0 }, sh = { 0 };
	struct shot_info si;
	char err[512], tmp[32], *end;
	double max = 8;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int got = shot_option(argc, argv, &i, &o);
		if (got < 0)
			return 2;
		if (got)
			continue;
		if (!strcmp(a, "--max-diff") && i + 1 < argc) {
			max = strtod(argv[++i], &end);
			if (*end || end == argv[i] || !(max >= 0))
				return usage("--max-diff is a number >= 0");
		} else if (a[0] == '-' || o.ref) {
			return usage("find-image TEMPLATE.png [screenshot options] [--max-diff D]");
		} else {
			o.ref = a;
		}
	}
	if (!o.ref)
		return usage("find-image needs a template image");
	if (vt_image_load(o.ref, &tmpl, err, sizeof(err)) < 0) {
		fprintf(stderr, "vitrinectl find-image: %s\n", err);
		return 2;
	}
	int made = shot_file("find-image", tmp), rc = made;
	if (!rc)
		rc = shot("find-image", sock, tmp, &o, &si, &sh);
	uint32_t x, y;
	double d;
	if (!rc) {
		if (vt_image_find(&sh, &tmpl, &x, &y, &d) < 0) {
			fprintf(stderr,
				"vitrinectl find-image: %s (%ux%u) is larger than the shot "
				"(%ux%u)\n",
				o.ref, tmpl.w, tmpl.h, sh.w, sh.h);
			rc = 2;
		} else {
			printf("%lld %lld %.2f\n", si.x + x + tmpl.w / 2, si.y + y + tmpl.h / 2, d);
			rc = d <= max ? 0 : 1;
		}
	}
	if (!made)
		unlink(tmp);
	vt_image_free(&tmpl);
	vt_image_free(&sh);
	return rc;
}
