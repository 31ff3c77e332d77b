/*
 * vitrine list, vitrine stop NAME: the domains of the daemon `vitrine run`
 * talks to (its control socket in the runtime directory), for a user who
 * started sandboxes and wants to see them or end one (new-user trial 7 #8:
 * both were "unknown command"). stop is the control socket's
 * remove-domain: the domain's windows close, its sandbox stops (its agent
 * is refused and exits, the launcher stops its applications) and the
 * domain is no longer listed.
 */
#include "vitrine.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void default_runtime_dir(char *dir, size_t cap)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg)
		snprintf(dir, cap, "%s/vitrine", xdg);
	else
		snprintf(dir, cap, "/tmp/vitrine-%u", (unsigned)getuid());
}

/* --runtime-dir DIR into o; the index of the first operand, or -1. */
static int options(struct run_opts *o, int argc, char **argv, const char *what)
{
	static const struct option opts[] = {
		{ "runtime-dir", required_argument, 0, 'R' },
		{ 0, 0, 0, 0 },
	};
	default_runtime_dir(o->runtime_dir, sizeof(o->runtime_dir));
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c != 'R') {
			fprintf(stderr,
				"vitrine: %s: unknown option or missing value: %s (see vitrine "
				"--help)\n",
				what, argv[optind - 1]);
			return -1;
		}
		snprintf(o->runtime_dir, sizeof(o->runtime_dir), "%s", optarg);
	}
	return optind;
}

int cmd_list(int argc, char **argv)
{
	struct run_opts o = { 0 };
	int i = options(&o, argc, argv, "list");
	if (i < 0)
		return 2;
	if (i < argc)
		return die("list: takes no operand (%s)", argv[i]);
	static char out[65536];
	int rc = control(&o, "domains", out, sizeof(out));
	if (rc < 0)
		return die("no daemon answers in %s: no domain runs", o.runtime_dir);
	if (rc == 0)
		return die("list: %s", out);
	for (const char *l = out; *l && strncmp(l, "ok\n", 3); l = strchr(l, '\n') + 1) {
		char colour[16], conn[4], wins[12], blocked[4];
		field(l, "colour=", colour, sizeof(colour));
		field(l, "connected=", conn, sizeof(conn));
		field(l, "windows=", wins, sizeof(wins));
		field(l, "blocked=", blocked, sizeof(blocked));
		printf("%-16.*s %-7s %-11s %s window%s%s\n", (int)strcspn(l, " \n"), l, colour,
		       !strcmp(conn, "1") ? "running" : "not running", wins,
		       strcmp(wins, "1") ? "s" : "",
		       !strcmp(blocked, "1") ? " (cut off: vitrinectl unblock lets it back)" : "");
		if (!strchr(l, '\n'))
			break;
	}
	return 0;
}

int cmd_stop(int argc, char **argv)
{
	struct run_opts o = { 0 };
	int i = options(&o, argc, argv, "stop");
	if (i < 0)
		return 2;
	if (i != argc - 1)
		return die("stop: one domain NAME (vitrine stop [--runtime-dir DIR] NAME)");
	size_t n = strlen(argv[i]);
	if (!n || n > 31 || strspn(argv[i], "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return die("stop: %s is not a domain name (1-31 of [a-z0-9_-])", argv[i]);
	char cmd[96], out[512];
	snprintf(cmd, sizeof(cmd), "remove-domain %.64s", argv[i]);
	int rc = control(&o, cmd, out, sizeof(out));
	if (rc < 0)
		return die("no daemon answers in %s: no domain runs", o.runtime_dir);
	if (rc == 0)
		return die("stop %s: %.*s", argv[i], (int)strcspn(out, "\n"),
			   strstr(out, "error: ") ? strstr(out, "error: ") + 7 : out);
	fprintf(stderr, "vitrine: %s stopped: its windows closed, its sandbox stops\n", argv[i]);
	return 0;
}
