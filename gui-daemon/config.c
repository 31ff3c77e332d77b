/* Daemon configuration: defaults, command line, libconfig file. */
#include "config.h"
#include "config-keys.h"

#include "input/input.h"
#include "protocol/proto.h"
#include "monitors.h"
#include "shm/shm.h"

#include <errno.h>
#include <getopt.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static int set_sequence(char *out, const char *s)
{
	struct input_seq q;
	const char *why = input_parse_sequence(s, &q);
	if (why) {
		fprintf(stderr, "vitrine-daemon: key sequence %s: %s\n", s, why);
		return -1;
	}
	snprintf(out, 64, "%s", s);
	return 0;
}

static int set_scale(struct config *cfg, const char *v)
{
	if (scale_rules_parse(&cfg->scale, v) < 0) {
		fprintf(stderr,
			"vitrine-daemon: bad scale %s (S or MONITOR=S, comma-separated; S 0.25 "
			"to 10, or 25%% to 1000%%)\n",
			v);
		return -1;
	}
	return 0;
}

static int set_monitors(struct config *cfg, const char *v)
{
	pixman_box32_t b[MONITORS_MAX];
	if (strlen(v) >= sizeof(cfg->monitors) || !monitors_parse(v, b, MONITORS_MAX)) {
		fprintf(stderr, "vitrine-daemon: bad monitors %s (WxH+X+Y,...)\n", v);
		return -1;
	}
	strcpy(cfg->monitors, v);
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
	config_setting_t *bad = config_unknown(&lc);
	if (bad) {
		fprintf(stderr, "vitrine-daemon: %s:%d: unknown setting %s (misspelt?)\n", path,
			config_setting_source_line(bad), config_setting_name(bad));
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
	/* Qubes' names, at the top or in its global group */
	static const char *const seqs[] = { "secure_copy_sequence", "global.secure_copy_sequence",
					    "secure_paste_sequence",
					    "global.secure_paste_sequence" };
	for (int i = 0; i < 4; i++)
		if (config_lookup_string(&lc, seqs[i], &s) &&
		    set_sequence(i < 2 ? cfg->copy_seq : cfg->paste_seq, s) < 0)
			goto out;
	if ((config_lookup_string(&lc, "scale", &s) && set_scale(cfg, s) < 0) ||
	    (config_lookup_string(&lc, "monitors", &s) && set_monitors(cfg, s) < 0))
		goto out;
	config_setting_t *list = config_lookup(&lc, "domains");
	for (int i = 0; list && i < config_setting_length(list); i++) {
		config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		struct domain_config d;
		const char *why = NULL, *name = NULL;
		config_domain_defaults(&d);
		if (!config_setting_lookup_string(e, "name", &name) || !config_name_ok(name)) {
			fprintf(stderr, "vitrine-daemon: %s: domain %d: bad or missing name\n",
				path, i);
			goto out;
		}
		strcpy(d.name, name);
		static const char *keys[] = { "label",
					      "tint",
					      "socket",
					      "utf8",
					      "allow_fullscreen",
					      "pointer",
					      "x11_copy",
					      "override_redirect_protection" };
		for (unsigned k = 0; k < sizeof(keys) / sizeof(keys[0]) && !why; k++) {
			const char *v;
			int b;
			if (config_setting_lookup_string(e, keys[k], &v))
				why = config_domain_set(&d, keys[k], v);
			else if (config_setting_lookup_bool(e, keys[k], &b))
				why = config_domain_set(&d, keys[k], b ? "1" : "0");
		}
		int n;
		if (!why && config_setting_lookup_int(e, "xen", &n)) {
			char v[16];
			snprintf(v, sizeof(v), "%d", n);
			why = config_domain_set(&d, "xen", v);
		}
		if (!why && config_setting_lookup_bool(e, "allow_utf8_titles", &n))
			d.utf8_titles = n;
		if (!why && (config_setting_lookup_int(e, "windows_count_limit", &n) ||
			     config_setting_lookup_int(e, "max_windows", &n)))
			d.quota.windows = (uint32_t)n;
		if (!why && config_setting_lookup_int(e, "max_clipboard_size", &n)) {
			char v[16]; /* bytes, as Qubes has it */
			snprintf(v, sizeof(v), "%d", (n + 1023) / 1024);
			why = config_domain_set(&d, "max_clipboard_kb", v);
		}
		if (!why && config_setting_lookup_int(e, "max_clipboard_kb", &n)) {
			char v[16];
			snprintf(v, sizeof(v), "%d", n);
			why = config_domain_set(&d, "max_clipboard_kb", v);
		}
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
		"                      [--verbose] [--help] [--version] [--renderer pixman|gles2]\n"
		"                      [--copy-sequence SEQ] [--paste-sequence SEQ]\n"
		"                      [--scale [MONITOR=]S[,...]]... [--monitors WxH+X+Y,...]\n"
		"                      [--refresh HZ]\n"
		"  SPEC: NAME,label=COLOUR[,KEY=VALUE]...; keys: tint=none|light|strong,\n"
		"        socket=PATH, utf8=0|1, allow_fullscreen=1, pointer=under|focused,\n"
		"        max_windows=N, max_buffer_mb=N, max_clipboard_kb=N, x11_copy=1,\n"
		"        override_redirect_protection=0|1, xen=DOMID\n"
		"  SEQ: the clipboard hotkeys, MODIFIER-...-KEY (default Ctrl-Shift-c,\n"
		"        Ctrl-Shift-v)\n"
		"  COLOUR: red orange yellow green gray blue purple black\n"
		"  With no --domain (nor domains in the file) it starts with none:\n"
		"        vitrinectl add-domain and vitrine run add them\n"
		"  --renderer: what composites the headless output (default pixman; gles2:\n"
		"        OpenGL ES 2 through EGL); the x11 backend refuses gles2\n"
		"  --scale: 1.5 or 150%%: every monitor's; MONITOR=S one monitor's (its RandR\n"
		"        or connector name, headless MONITOR-1...): the daemon's frames on it,\n"
		"        the domains' dpi (96 x S of the first monitor) and monitor sizes\n"
		"  --monitors: the headless output's monitors (default: one, the whole size)\n"
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
		{ "version", no_argument, 0, 'V' },
		{ "renderer", required_argument, 0, 'R' },
		{ "copy-sequence", required_argument, 0, 'C' },
		{ "paste-sequence", required_argument, 0, 'P' },
		{ "scale", required_argument, 0, 'S' },
		{ "monitors", required_argument, 0, 'M' },
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
	while ((c = getopt_long(argc, argv, "b:s:r:c:d:vhVk:R:S:M:F:", opts, NULL)) != -1) {
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
		case 'C':
		case 'P':
			if (set_sequence(c == 'C' ? cfg->copy_seq : cfg->paste_seq, optarg) < 0)
				return -1;
			break;
		case 'S':
			if (set_scale(cfg, optarg) < 0)
				return -1;
			break;
		case 'M':
			if (set_monitors(cfg, optarg) < 0)
				return -1;
			break;
		case 'v': cfg->verbose = true; break;
		case 'F':
			if (set_refresh(cfg, optarg) < 0)
				return -1;
			break;
		case 'k': snprintf(cfg->keyboard, sizeof(cfg->keyboard), "%s", optarg); break;
		case 'h': usage(stdout); exit(0);
		case 'V': printf("vitrine-daemon %s\n", VITRINE_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	struct input_seq copy = { 0x5, 'c' }, paste = { 0x5, 'v' }; /* Ctrl+Shift */
	const char *why = NULL;
	if (cfg->copy_seq[0])
		why = input_parse_sequence(cfg->copy_seq, &copy);
	if (!why && cfg->paste_seq[0])
		why = input_parse_sequence(cfg->paste_seq, &paste);
	if (why || (why = input_check_sequences(&copy, &paste))) {
		fprintf(stderr, "vitrine-daemon: the clipboard hotkeys: %s\n", why);
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
