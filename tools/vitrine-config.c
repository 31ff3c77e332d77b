/*
 * vitrine run's configuration file (libconfig): /etc/vitrine/vitrine.conf,
 * then $XDG_CONFIG_HOME/vitrine/vitrine.conf (default ~/.config/...), the
 * later one's settings over the earlier's, the command line's over both:
 *
 *   domains = ( { name = "untrusted"; label = "red"; tint = "strong";
 *                 net = false; home = "~/sandboxes/untrusted";
 *                 ro = [ "~/Downloads" ]; rw = [ ];
 *                 allow_fullscreen = false; allow_utf8_titles = true;
 *                 windows_count_limit = 64; max_clipboard_size = 65536;
 *                 override_redirect_protection = true; } );
 *   secure_copy_sequence = "Ctrl-Shift-c"; secure_paste_sequence = "Ctrl-Shift-v";
 *
 * label, tint, net, home, ro and rw are the options of the same names;
 * the others (Qubes' names where Qubes has one, or the daemon's --domain
 * keys) go to the daemon with add-domain when the domain is created. The
 * two sequences (top level, or in a group global as Qubes has them) are the
 * daemon's clipboard hotkeys: given to a daemon `vitrine run` starts.
 */
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui-daemon/config-keys.h"
#include "vitrine.h"

/* "~/x" is under $HOME. */
static const char *path_of(const char *s)
{
	const char *home = getenv("HOME");
	char *out;
	if (strncmp(s, "~/", 2) || !home)
		return strdup(s);
	if (asprintf(&out, "%s/%s", home, s + 2) < 0)
		return NULL;
	return out;
}

static void add_key(struct run_opts *o, const char *key, const char *val)
{
	size_t n = strlen(o->daemon_keys);
	/* a later file's value replaces an earlier one's: the daemon takes
	 * the last of a key */
	snprintf(o->daemon_keys + n, sizeof(o->daemon_keys) - n, " %s=%s", key, val);
}

static void paths(config_setting_t *e, const char *key, const char **list, const char **from,
		  int *n, const char *file)
{
	config_setting_t *l = config_setting_get_member(e, key);
	char at[4200];
	if (l)
		snprintf(at, sizeof(at), "%s:%d", file, config_setting_source_line(l));
	for (int i = 0; l && i < config_setting_length(l) && *n < RUN_MAX_PATHS; i++) {
		const char *s = config_setting_get_string_elem(l, i);
		if (s) { /* (where: a path that fails is said as the file's) */
			from[*n] = strdup(at);
			list[(*n)++] = path_of(s);
		}
	}
}

static int load_one(struct run_opts *o, const char *file, unsigned given)
{
	config_t lc;
	config_init(&lc);
	FILE *f = fopen(file, "r");
	if (!f) {
		config_destroy(&lc);
		return 0; /* no file: nothing to take */
	}
	int ok = config_read(&lc, f);
	fclose(f);
	if (!ok) {
		fprintf(stderr, "vitrine: %s:%d: %s\n", file, config_error_line(&lc),
			config_error_text(&lc));
		config_destroy(&lc);
		return -1;
	}
	config_setting_t *bad = config_unknown(&lc);
	if (bad) {
		fprintf(stderr,
			"vitrine: %s:%d: unknown setting %s (misspelt? vitrine.conf(5) lists "
			"them)\n",
			file, config_setting_source_line(bad), config_setting_name(bad));
		config_destroy(&lc);
		return -1;
	}
	/* the clipboard hotkeys: the daemon's, given when we start one */
	static const char *const seqs[] = { "secure_copy_sequence", "global.secure_copy_sequence",
					    "secure_paste_sequence",
					    "global.secure_paste_sequence" };
	for (int i = 0; i < 4; i++) {
		const char *s;
		if (config_lookup_string(&lc, seqs[i], &s))
			snprintf(i < 2 ? o->copy_seq : o->paste_seq, sizeof(o->copy_seq), "%s", s);
	}
	config_setting_t *list = config_lookup(&lc, "domains");
	for (int i = 0; list && i < config_setting_length(list); i++) {
		config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		const char *name = NULL, *s;
		int b, v;
		char num[32];
		if (!config_setting_lookup_string(e, "name", &name) || strcmp(name, o->domain))
			continue;
		if (!(given & GIVEN_LABEL) && config_setting_lookup_string(e, "label", &s))
			o->label = strdup(s);
		if (!(given & GIVEN_TINT) && config_setting_lookup_string(e, "tint", &s))
			o->tint = strdup(s);
		if (!(given & GIVEN_NET) && config_setting_lookup_bool(e, "net", &b))
			o->net = b;
		if (!(given & GIVEN_HOME) && config_setting_lookup_string(e, "home", &s))
			o->home = path_of(s);
		paths(e, "ro", o->ro, o->ro_from, &o->nro, file);
		paths(e, "rw", o->rw, o->rw_from, &o->nrw, file);
		static const char *const bools[][2] = {
			{ "allow_fullscreen", "allow_fullscreen" },
			{ "allow_utf8_titles", "utf8" },
			{ "utf8", "utf8" },
			{ "x11_copy", "x11_copy" },
			{ "override_redirect_protection", "override_redirect_protection" },
		};
		for (unsigned k = 0; k < sizeof(bools) / sizeof(bools[0]); k++)
			if (config_setting_lookup_bool(e, bools[k][0], &b))
				add_key(o, bools[k][1], b ? "1" : "0");
		static const char *const ints[][2] = {
			{ "windows_count_limit", "max_windows" },
			{ "max_windows", "max_windows" },
			{ "max_buffer_mb", "max_buffer_mb" },
			{ "max_clipboard_kb", "max_clipboard_kb" },
		};
		for (unsigned k = 0; k < sizeof(ints) / sizeof(ints[0]); k++)
			if (config_setting_lookup_int(e, ints[k][0], &v) && v >= 0) {
				snprintf(num, sizeof(num), "%d", v);
				add_key(o, ints[k][1], num);
			}
		if (config_setting_lookup_int(e, "max_clipboard_size", &v) && v >= 0) {
			snprintf(num, sizeof(num), "%d", (v + 1023) / 1024); /* bytes, as Qubes */
			add_key(o, "max_clipboard_kb", num);
		}
		if (config_setting_lookup_string(e, "pointer", &s) && strlen(s) < 16 &&
		    !strpbrk(s, " ,="))
			add_key(o, "pointer", s);
	}
	config_destroy(&lc);
	return 0;
}

int run_config_load(struct run_opts *o, unsigned given)
{
	char user[4096];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (load_one(o, "/etc/vitrine/vitrine.conf", given) < 0)
		return -1;
	if (xdg && *xdg == '/')
		snprintf(user, sizeof(user), "%s/vitrine/vitrine.conf", xdg);
	else if (home && *home == '/')
		snprintf(user, sizeof(user), "%s/.config/vitrine/vitrine.conf", home);
	else
		return 0;
	return load_one(o, user, given);
}
