/*
 * The configuration's Qubes option names: the daemon's parser
 * (gui-daemon/config.c: --config FILE, --domain keys, --copy-sequence) and
 * `vitrine run`'s (tools/vitrine-config.c: vitrine.conf, whose domain keys
 * go to the daemon with add-domain), and the key sequences
 * (input/sequence.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "gui-daemon/config.h"
#include "input/input.h"
/* vitrine run's parser, as it is built into tools/vitrine */
#include "tools/vitrine-config.c"

#include <xkbcommon/xkbcommon.h>

static char dir[64];

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int parse(struct config *cfg, const char *const *args)
{
	char *argv[16];
	int n = 0;
	argv[n++] = "vitrine-daemon";
	for (; *args; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	return config_parse_args(cfg, n, argv);
}

static void test_sequences(void **state)
{
	(void)state;
	struct input_seq q;
	assert_null(input_parse_sequence("Ctrl-Shift-c", &q));
	assert_int_equal(q.mods, 0x5);
	assert_int_equal(q.sym, XKB_KEY_c);
	assert_null(input_parse_sequence("Mod4-Insert", &q));
	assert_int_equal(q.mods, 0x40);
	assert_int_equal(q.sym, XKB_KEY_Insert);
	assert_null(input_parse_sequence("Ctrl-Shift-C", &q)); /* the key's case is not asked */
	assert_int_equal(q.sym, XKB_KEY_c);
	assert_non_null(input_parse_sequence("Shift-c", &q)); /* would eat every C */
	assert_non_null(input_parse_sequence("c", &q));
	assert_non_null(input_parse_sequence("Hyper-c", &q));
	assert_non_null(input_parse_sequence("Ctrl-nosuchkey", &q));
	assert_non_null(input_parse_sequence("Ctrl-", &q));
}

/* The daemon: the command line and its --config FILE with Qubes' names. */
static void test_daemon(void **state)
{
	(void)state;
	static struct config cfg;
	const char *a1[] = { "--domain", "a,label=red", NULL };
	assert_int_equal(parse(&cfg, a1), 0);
	assert_true(cfg.domains[0].or_protection); /* Qubes' default */
	assert_true(cfg.domains[0].utf8_titles);
	assert_false(cfg.domains[0].allow_fullscreen);
	assert_string_equal(cfg.copy_seq, "");
	const char *a2[] = { "--domain",
			     "a,label=red,override_redirect_protection=0",
			     "--copy-sequence",
			     "Ctrl-Alt-c",
			     "--paste-sequence",
			     "Ctrl-Alt-v",
			     NULL };
	assert_int_equal(parse(&cfg, a2), 0);
	assert_false(cfg.domains[0].or_protection);
	assert_string_equal(cfg.copy_seq, "Ctrl-Alt-c");
	assert_string_equal(cfg.paste_seq, "Ctrl-Alt-v");
	const char *a3[] = { "--domain", "a,label=red", "--copy-sequence", "Shift-c", NULL };
	assert_int_equal(parse(&cfg, a3), -1);
	const char *a5[] = { "--domain", "a,label=red", "--copy-sequence", "Ctrl-Shift-v", NULL };
	assert_int_equal(parse(&cfg, a5), -1); /* the paste key's */

	char path[96];
	snprintf(path, sizeof(path), "%s/daemon.conf", dir);
	write_file(path,
		   "global: { secure_copy_sequence = \"Mod4-c\"; };\n"
		   "secure_paste_sequence = \"Mod4-v\";\n"
		   "domains = ( { name = \"q\"; label = \"green\"; allow_fullscreen = true;\n"
		   "  allow_utf8_titles = false; windows_count_limit = 7;\n"
		   "  max_clipboard_size = 1500; override_redirect_protection = false; } );\n");
	const char *a4[] = { "--config", path, NULL };
	assert_int_equal(parse(&cfg, a4), 0);
	const struct domain_config *d = &cfg.domains[0];
	assert_string_equal(d->name, "q");
	assert_true(d->allow_fullscreen);
	assert_false(d->utf8_titles);
	assert_int_equal(d->quota.windows, 7);
	assert_int_equal(d->quota.clipboard_bytes, 2048); /* 1500 bytes: 2 KB */
	assert_false(d->or_protection);
	assert_string_equal(cfg.copy_seq, "Mod4-c");
	assert_string_equal(cfg.paste_seq, "Mod4-v");
	write_file(path, "secure_copy_sequence = \"Ctrl-nosuchkey\";\n"
			 "domains = ( { name = \"q\"; label = \"green\"; } );\n");
	assert_int_equal(parse(&cfg, a4), -1);
	/* a misspelt setting is an error, not the default label (new-user
	 * trial 6); vitrine run's own keys are known; max_clipboard_kb read */
	write_file(path, "domains = ( { name = \"q\"; lable = \"green\"; } );\n");
	assert_int_equal(parse(&cfg, a4), -1);
	write_file(path, "global: { secure_copy_sequnce = \"Mod4-c\"; };\n"
			 "domains = ( { name = \"q\"; label = \"green\"; } );\n");
	assert_int_equal(parse(&cfg, a4), -1);
	write_file(path,
		   "colour = \"green\";\ndomains = ( { name = \"q\"; label = \"green\"; } );\n");
	assert_int_equal(parse(&cfg, a4), -1);
	write_file(path, "domains = ( { name = \"q\"; label = \"green\"; net = true;\n"
			 "  ro = [ \"~/a\" ]; max_clipboard_kb = 3; } );\n");
	assert_int_equal(parse(&cfg, a4), 0);
	assert_int_equal(cfg.domains[0].quota.clipboard_bytes, 3072);
}

/* vitrine run: ~/.config/vitrine/vitrine.conf's domain keys become the
 * daemon's add-domain keys; the command line wins over the file. */
static void test_run(void **state)
{
	(void)state;
	char conf[128];
	snprintf(conf, sizeof(conf), "%s/vitrine", dir);
	assert_int_equal(mkdir(conf, 0700) == 0 || errno == EEXIST, 1);
	snprintf(conf, sizeof(conf), "%s/vitrine/vitrine.conf", dir);
	write_file(conf, "secure_copy_sequence = \"Ctrl-Alt-c\";\n"
			 "global: { secure_paste_sequence = \"Ctrl-Alt-v\"; };\n"
			 "domains = ( { name = \"w\"; label = \"purple\"; tint = \"light\";\n"
			 "  allow_fullscreen = true; allow_utf8_titles = false;\n"
			 "  windows_count_limit = 7; max_clipboard_size = 1500;\n"
			 "  override_redirect_protection = false; },\n"
			 "  { name = \"other\"; label = \"blue\"; } );\n");
	setenv("XDG_CONFIG_HOME", dir, 1);
	struct run_opts o = { .domain = "w", .label = "red", .tint = "none" };
	assert_int_equal(run_config_load(&o, GIVEN_LABEL), 0);
	assert_string_equal(o.label, "red"); /* --label given */
	assert_string_equal(o.tint, "light");
	free((char *)o.tint); /* (vitrine run keeps them for its life) */
	assert_string_equal(
		o.daemon_keys,
		" allow_fullscreen=1 utf8=0 override_redirect_protection=0 max_windows=7"
		" max_clipboard_kb=2");
	assert_string_equal(o.copy_seq, "Ctrl-Alt-c");
	assert_string_equal(o.paste_seq, "Ctrl-Alt-v");
	/* what add-domain gives the daemon's parser */
	struct domain_config d;
	const char *why = NULL;
	char spec[600];
	snprintf(spec, sizeof(spec), "w,label=purple%s", o.daemon_keys);
	for (char *p = spec; *p; p++)
		*p = *p == ' ' ? ',' : *p;
	assert_int_equal(config_parse_domain(&d, spec, &why), 0);
	assert_true(d.allow_fullscreen);
	assert_false(d.utf8_titles);
	assert_false(d.or_protection);
	assert_int_equal(d.quota.windows, 7);
	assert_int_equal(d.quota.clipboard_bytes, 2048);
	write_file(conf, "domains = ( { name = \"w\" ");
	assert_int_equal(run_config_load(&o, 0), -1);
	/* a misspelt setting, in the domain's entry or another's: an error */
	write_file(conf, "domains = ( { name = \"w\"; label = \"blue\"; netw = true; } );\n");
	assert_int_equal(run_config_load(&o, 0), -1);
	write_file(conf, "domains = ( { name = \"w\"; label = \"blue\"; },\n"
			 "  { name = \"x\"; lable = \"green\"; } );\n");
	assert_int_equal(run_config_load(&o, 0), -1);
	/* the daemon's own keys are known (one file may serve both) */
	write_file(conf,
		   "size = \"800x600\";\n"
		   "domains = ( { name = \"w\"; label = \"blue\"; socket = \"/tmp/s\"; } );\n");
	assert_int_equal(run_config_load(&o, 0), 0);
	assert_string_equal(o.label, "blue");
	free((char *)o.label);
	unsetenv("XDG_CONFIG_HOME");
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/vt-test-config.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_daemon),
		cmocka_unit_test(test_run),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[96];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
