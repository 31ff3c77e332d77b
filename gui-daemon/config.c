/* Daemon configuration: defaults, command line, libconfig file. */
#include "config.h"

#include "protocol/proto.h"
#include "shm/shm.h"

#include <errno.h>
#include <getopt.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct label palette[] = {
	{ "red", 0xcc0000 },  { "orange", 0xf57900 }, { "yellow", 0xedd400 }, { "green", 0x73d216 },
	{ "gray", 0x555753 }, { "blue", 0x3465a4 },   { "purple", 0x75507b }, { "black", 0x000000 },
};
const int palette_size = sizeof(palette) / sizeof(palette[0]);

static const struct quota default_quota = {
	.windows = 256,
	.buffer_bytes = 512ull << 20,
	.tx_bytes = 1u << 20,
	.clipboard_bytes = 64u << 10,
};

const char *tint_name(enum tint t)
{
	return t == TINT_STRONG ? "strong" : t == TINT_LIGHT ? "light" : "none";
}

static int parse_tint(const char *s, enum tint *t)
{
	for (int i = TINT_NONE; i <= TINT_STRONG; i++)
		if (!strcmp(s, tint_name((enum tint)i))) {
			*t = (enum tint)i;
			return 0;
		}
	return -1;
}

static int parse_label(const char *s)
{
	for (int i = 0; i < palette_size; i++)
		if (!strcmp(s, palette[i].name))
			return i;
	return -1;
}

static int name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= DOMAIN_NAME_MAX)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static void domain_defaults(struct domain_config *d)
{
	memset(d, 0, sizeof(*d));
	d->label = 4;	   /* gray */
	d->xen_domid = -1; /* VSHM_NO_DOMID: a local domain */
	d->quota = default_quota;
	d->utf8_titles = true; /* filtered by Unicode properties (sanitize.c) */
}

/* One key=value of a domain. */
static const char *domain_set(struct domain_config *d, const char *key, const char *val)
{
	if (!strcmp(key, "label")) {
		if ((d->label = parse_label(val)) < 0)
			return "unknown label colour";
	} else if (!strcmp(key, "tint")) {
		if (parse_tint(val, &d->tint) < 0)
			return "tint must be none, light or strong";
	} else if (!strcmp(key, "socket")) {
		if (strlen(val) >= sizeof(d->socket))
			return "socket path too long";
		strcpy(d->socket, val);
	} else if (!strcmp(key, "xen")) {
		if (!vshm_xen_available())
			return "xen= needs a daemon built with Xen support (libxen-dev)";
		char *end;
		errno = 0;
		long id = strtol(val, &end, 10);
		/* 1 .. DOMID_FIRST_RESERVED - 1 (0x7ff0): dom0 shows no windows */
		if (errno || end == val || *end || id < 1 || id >= 0x7ff0)
			return "xen must be a guest domid (1-32751)";
		d->xen_domid = (int32_t)id;
	} else if (!strcmp(key, "utf8")) {
		d->utf8_titles = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "x11_copy")) {
		d->x11_copy = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "allow_fullscreen")) {
		d->allow_fullscreen = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "pointer")) {
		if (strcmp(val, "focused") && strcmp(val, "under"))
			return "pointer must be focused or under";
		d->pointer_privacy = !strcmp(val, "focused");
	} else if (!strcmp(key, "max_windows")) {
		d->quota.windows = (uint32_t)strtoul(val, NULL, 10);
	} else if (!strcmp(key, "max_clipboard_kb")) {
		d->quota.clipboard_bytes = (uint32_t)strtoul(val, NULL, 10) << 10;
		if (d->quota.clipboard_bytes > VP_MAX_CLIPBOARD)
			return "max_clipboard_kb is at most 256";
	} else if (!strcmp(key, "max_buffer_mb")) {
		d->quota.buffer_bytes = (uint64_t)strtoul(val, NULL, 10) << 20;
	} else {
		return "unknown domain setting";
	}
	return NULL;
}

int config_parse_domain(struct domain_config *d, const char *spec, const char **why)
{
	char buf[512];
	if (strlen(spec) >= sizeof(buf)) {
		*why = "domain spec too long";
		return -1;
	}
	strcpy(buf, spec);
	domain_defaults(d);
	char *save = NULL;
	char *tok = strtok_r(buf, ",", &save);
	if (!tok || !name_ok(tok)) {
		*why = "domain name must be 1-31 of [a-z0-9_-]";
		return -1;
	}
	strcpy(d->name, tok);
	while ((tok = strtok_r(NULL, ",", &save))) {
		char *eq = strchr(tok, '=');
		if (!eq) {
			*why = "expected key=value";
			return -1;
		}
		*eq = '\0';
		if ((*why = domain_set(d, tok, eq + 1)))
			return -1;
	}
	return 0;
}

static int parse_size(const char *s, uint32_t *w, uint32_t *h)
{
	unsigned a, b;
	char c;
	if (sscanf(s, "%ux%u%c", &a, &b, &c) != 2 || a < 64 || b < 64 || a > 8192 || b > 8192)
		return -1;
	*w = a;
	*h = b;
	return 0;
}

static int add_domain(struct config *cfg, const struct domain_config *d)
{
	if (cfg->ndomains == MAX_DOMAINS) {
		fprintf(stderr, "vitrine-daemon: too many domains\n");
		return -1;
	}
	for (int i = 0; i < cfg->ndomains; i++)
		if (!strcmp(cfg->domains[i].name, d->name)) {
			fprintf(stderr, "vitrine-daemon: domain %s defined twice\n", d->name);
			return -1;
		}
	cfg->domains[cfg->ndomains++] = *d;
	return 0;
}

static int set_renderer(struct config *cfg, const char *name)
{
	if (strcmp(name, "pixman") && strcmp(name, "gles2")) {
		fprintf(stderr, "vitrine-daemon: unknown renderer %s (pixman or gles2)\n", name);
		return -1;
	}
	snprintf(cfg->renderer, sizeof(cfg->renderer), "%s", name);
	return 0;
}

static int set_refresh(struct config *cfg, const char *hz)
{
	char *end;
	double v = strtod(hz, &end);
	if (end == hz || *end || !(v >= 1 && v <= 10000)) {
		fprintf(stderr, "vitrine-daemon: bad --refresh %s (1 to 10000 Hz)\n", hz);
		return -1;
	}
	cfg->refresh_mhz = (uint32_t)(v * 1000 + 0.5);
	return 0;
}

static int load_file(struct config *cfg, const char *path)
{
	config_t lc;
	const char *s;
	int rc = -1;
	config_init(&lc);
	if (!config_read_file(&lc, path)) {
		fprintf(stderr, "vitrine-daemon: %s:%d: %s\n", path, config_error_line(&lc),
			config_error_text(&lc));
		goto out;
	}
	if (config_lookup_string(&lc, "size", &s) && parse_size(s, &cfg->width, &cfg->height)) {
		fprintf(stderr, "vitrine-daemon: %s: bad size\n", path);
		goto out;
	}
	if (config_lookup_string(&lc, "backend", &s))
		snprintf(cfg->backend, sizeof(cfg->backend), "%s", s);
	if (config_lookup_string(&lc, "renderer", &s) && set_renderer(cfg, s) < 0)
		goto out;
	config_setting_t *list = config_lookup(&lc, "domains");
	for (int i = 0; list && i < config_setting_length(list); i++) {
		config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		struct domain_config d;
		const char *why = NULL, *name = NULL;
		domain_defaults(&d);
		if (!config_setting_lookup_string(e, "name", &name) || !name_ok(name)) {
			fprintf(stderr, "vitrine-daemon: %s: domain %d: bad or missing name\n",
				path, i);
			goto out;
		}
		strcpy(d.name, name);
		static const char *keys[] = {
			"label", "tint", "socket", "utf8", "allow_fullscreen", "pointer"
		};
		for (unsigned k = 0; k < 6 && !why; k++) {
			const char *v;
			int b;
			if (config_setting_lookup_string(e, keys[k], &v))
				why = domain_set(&d, keys[k], v);
			else if (config_setting_lookup_bool(e, keys[k], &b))
				why = domain_set(&d, keys[k], b ? "1" : "0");
		}
		int n;
		if (!why && config_setting_lookup_int(e, "xen", &n)) {
			char v[16];
			snprintf(v, sizeof(v), "%d", n);
			why = domain_set(&d, "xen", v);
		}
		if (!why && config_setting_lookup_int(e, "max_windows", &n))
			d.quota.windows = (uint32_t)n;
		if (!why && config_setting_lookup_int(e, "max_buffer_mb", &n))
			d.quota.buffer_bytes = (uint64_t)n << 20;
		if (why) {
			fprintf(stderr, "vitrine-daemon: %s: domain %s: %s\n", path, name, why);
			goto out;
		}
		if (add_domain(cfg, &d) < 0)
			goto out;
	}
	rc = 0;
out:
	config_destroy(&lc);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vitrine-daemon [--backend headless|x11|drm] [--size WxH] [--runtime-dir "
		"DIR]\n"
		"                      [--config FILE] [--domain SPEC]... [--keyboard R;M;L;V;O]\n"
		"                      [--verbose] [--help] [--renderer pixman|gles2]\n"
		"                      [--refresh HZ]\n"
		"  SPEC: NAME,label=COLOUR[,KEY=VALUE]...; keys: tint=none|light|strong,\n"
		"        socket=PATH, utf8=0|1, allow_fullscreen=1, pointer=under|focused,\n"
		"        max_windows=N, max_buffer_mb=N, max_clipboard_kb=N, x11_copy=1,\n"
		"        xen=DOMID\n"
		"  COLOUR: red orange yellow green gray blue purple black\n"
		"  --renderer: what composites the headless output (default pixman; gles2:\n"
		"        OpenGL ES 2 through EGL); the x11 backend refuses gles2\n"
		"  --refresh HZ: a window repaints at most HZ times a second (default: the\n"
		"        output's refresh where it has one, else no cap)\n"
		"  See docs/control.md.\n");
}

int config_parse_args(struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "backend", required_argument, 0, 'b' },
		{ "size", required_argument, 0, 's' },
		{ "runtime-dir", required_argument, 0, 'r' },
		{ "config", required_argument, 0, 'c' },
		{ "domain", required_argument, 0, 'd' },
		{ "verbose", no_argument, 0, 'v' },
		{ "keyboard", required_argument, 0, 'k' },
		{ "help", no_argument, 0, 'h' },
		{ "renderer", required_argument, 0, 'R' },
		{ "refresh", required_argument, 0, 'F' },
		{ 0, 0, 0, 0 },
	};
	memset(cfg, 0, sizeof(*cfg));
	const char *display = getenv("DISPLAY");
	strcpy(cfg->backend, display && *display ? "x11" : "headless");
	strcpy(cfg->renderer, "pixman");
	cfg->width = 1280;
	cfg->height = 800;
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg)
		snprintf(cfg->runtime_dir, sizeof(cfg->runtime_dir), "%s/vitrine", xdg);
	else
		snprintf(cfg->runtime_dir, sizeof(cfg->runtime_dir), "/tmp/vitrine-%u",
			 (unsigned)getuid());
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "b:s:r:c:d:vhk:R:F:", opts, NULL)) != -1) {
		struct domain_config d;
		const char *why;
		switch (c) {
		case 'b': snprintf(cfg->backend, sizeof(cfg->backend), "%s", optarg); break;
		case 'R':
			if (set_renderer(cfg, optarg) < 0)
				return -1;
			break;
		case 's':
			if (parse_size(optarg, &cfg->width, &cfg->height) < 0) {
				fprintf(stderr, "vitrine-daemon: bad --size %s\n", optarg);
				return -1;
			}
			break;
		case 'r':
			if (strlen(optarg) >= sizeof(cfg->runtime_dir)) {
				fprintf(stderr, "vitrine-daemon: runtime dir path too long\n");
				return -1;
			}
			strcpy(cfg->runtime_dir, optarg);
			break;
		case 'c':
			if (load_file(cfg, optarg) < 0)
				return -1;
			break;
		case 'd':
			if (config_parse_domain(&d, optarg, &why) < 0) {
				fprintf(stderr, "vitrine-daemon: --domain %s: %s\n", optarg, why);
				return -1;
			}
			if (add_domain(cfg, &d) < 0)
				return -1;
			break;
		case 'v': cfg->verbose = true; break;
		case 'F':
			if (set_refresh(cfg, optarg) < 0)
				return -1;
			break;
		case 'k': snprintf(cfg->keyboard, sizeof(cfg->keyboard), "%s", optarg); break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind != argc || cfg->ndomains == 0) {
		if (cfg->ndomains == 0)
			fprintf(stderr, "vitrine-daemon: no domains configured\n");
		usage(stderr);
		return -1;
	}
	for (int i = 0; i < cfg->ndomains; i++) {
		struct domain_config *d = &cfg->domains[i];
		if (!d->socket[0] &&
		    snprintf(d->socket, sizeof(d->socket), "%s/domain-%s.sock", cfg->runtime_dir,
			     d->name) >= (int)sizeof(d->socket)) {
			fprintf(stderr, "vitrine-daemon: socket path for %s too long\n", d->name);
			return -1;
		}
	}
	return 0;
}
