/*
 * vitrine list, vitrine stop NAME: the domains of the daemon `vitrine run`
 * talks to (its control socket in the runtime directory), for a user who
 * started sandboxes and wants to see them or end one (new-user trial 7 #8:
 * both were "unknown command"). stop first asks each of the domain's windows
 * to close, as their close buttons do, so applications save or ask (new-user
 * trial 8: a bare remove-domain lost an unsaved document); once none is left
 * (or with --force at once) it removes the domain: its sandbox stops (its
 * agent is refused and exits, the launcher stops what still runs) and the
 * domain is no longer listed.
 */
#include "vitrine.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How long stop waits for the applications whose windows closed to end. */
#define STOP_EXIT_S 10
/* How long stop waits for the windows it asked to close. */
#define STOP_WAIT_S 10

void default_runtime_dir(char *dir, size_t cap)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg)
		snprintf(dir, cap, "%s/vitrine", xdg);
	else
		snprintf(dir, cap, "/tmp/vitrine-%u", (unsigned)getuid());
}

/* --runtime-dir DIR (and --force) into o; the index of the first operand,
 * or -1 (2: a usage error, 0: --help printed) in *rc. */
static int options(struct run_opts *o, int argc, char **argv, const char *what, bool *force,
		   int *rc)
{
	static const struct option opts[] = {
		{ "runtime-dir", required_argument, 0, 'R' },
		{ "force", no_argument, 0, 'f' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	default_runtime_dir(o->runtime_dir, sizeof(o->runtime_dir));
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (c == 'R') {
			snprintf(o->runtime_dir, sizeof(o->runtime_dir), "%s", optarg);
		} else if (c == 'f' && force) {
			*force = true;
		} else if (c == 'h') {
			printf(force ? "usage: vitrine stop [--runtime-dir DIR] [--force] NAME\n"
				     : "usage: vitrine list [--runtime-dir DIR]\n");
			*rc = 0;
			return -1;
		} else {
			fprintf(stderr,
				"vitrine: %s: unknown option or missing value: %s (see vitrine "
				"--help)\n",
				what, argv[optind - 1]);
			*rc = 2;
			return -1;
		}
	}
	return optind;
}

static int no_daemon(const struct run_opts *o)
{
	return die("no daemon answers in %s: no domain runs", o->runtime_dir);
}

/* The windows of domain name shown as windows (mapped, not popups: a
 * toolkit's hidden helpers are no window to a user), from `windows`; with
 * close, each is asked to close. -1: no daemon. */
static int shown_windows(const struct run_opts *o, const char *name, bool close)
{
	static char
		out[1 << 22]; /* every window of every domain (review 9: 256 KiB might cut it) */
	if (control(o, "windows", out, sizeof(out)) < 0)
		return -1;
	size_t len = strlen(out);
	if (len < 3 || strcmp(out + len - 3, "ok\n"))
		return -2; /* cut short, or an error: not known */
	size_t n = strlen(name);
	int count = 0;
	for (const char *l = out; *l && strncmp(l, "ok\n", 3); l = strchr(l, '\n') + 1) {
		char mapped[4], popup[4], cmd[96], reply[256];
		if (!strncmp(l, name, n) && l[n] == ' ' &&
		    !strcmp(field(l, "mapped=", mapped, 4), "1") &&
		    !strcmp(field(l, "popup=", popup, 4), "0")) {
			count++;
			snprintf(cmd, sizeof(cmd), "close %s %.*s", name,
				 (int)strcspn(l + n + 1, " \n"), l + n + 1);
			if (close)
				control(o, cmd, reply, sizeof(reply));
		}
		if (!strchr(l, '\n'))
			break;
	}
	return count;
}

/* Domain name's agent is connected (1: its sandbox runs), or not (0); -1:
 * not known. */
static int running(const struct run_opts *o, const char *name)
{
	static char out[65536];
	char conn[4];
	const char *l = control(o, "domains", out, sizeof(out)) > 0 ? domain_line(out, name) : NULL;
	return l ? !strcmp(field(l, "connected=", conn, sizeof(conn)), "1") : -1;
}

int cmd_list(int argc, char **argv)
{
	struct run_opts o = { 0 };
	int rc = 0, i = options(&o, argc, argv, "list", NULL, &rc);
	if (i < 0)
		return rc;
	if (i < argc) {
		fprintf(stderr, "vitrine: list: takes no operand (%s)\n", argv[i]);
		return 2;
	}
	static char out[65536];
	rc = control(&o, "domains", out, sizeof(out));
	if (rc < 0)
		return no_daemon(&o);
	if (rc == 0)
		return die("list: %s", out);
	if (!strncmp(out, "ok\n", 3)) /* (new-user trial 14 #8: nothing was said) */
		fprintf(stderr,
			"vitrine: the daemon on %s has no domain; it stays for the next vitrine "
			"run (kill $(cat %s/daemon.pid) stops it)\n",
			o.runtime_dir, o.runtime_dir);
	for (const char *l = out; *l && strncmp(l, "ok\n", 3); l = strchr(l, '\n') + 1) {
		char name[40], colour[16], conn[4], blocked[4];
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(l, " \n"), l);
		field(l, "colour=", colour, sizeof(colour));
		field(l, "connected=", conn, sizeof(conn));
		field(l, "blocked=", blocked, sizeof(blocked));
		int w = shown_windows(&o, name, false);
		printf("%-16s %-7s %-11s %d window%s%s\n", name, colour,
		       !strcmp(conn, "1") ? "running" : "not running", w < 0 ? 0 : w,
		       w == 1 ? "" : "s",
		       !strcmp(blocked, "1") ? " (cut off: vitrinectl unblock lets it back)" : "");
		if (!strchr(l, '\n'))
			break;
	}
	return 0;
}

int cmd_stop(int argc, char **argv)
{
	struct run_opts o = { 0 };
	bool force = false;
	int rc = 0, i = options(&o, argc, argv, "stop", &force, &rc);
	if (i < 0)
		return rc;
	if (i != argc - 1) {
		fprintf(stderr, "vitrine: stop: one domain NAME (vitrine stop [--runtime-dir DIR] "
				"[--force] NAME)\n");
		return 2;
	}
	const char *name = argv[i];
	size_t n = strlen(name);
	if (!n || n > 31 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != n)
		return die("stop: %s is not a domain name (1-31 of [a-z0-9_-])", name);
	char cmd[96], out[512];
	snprintf(cmd, sizeof(cmd), "remove-domain %s", name);
	int left = force ? 0 : shown_windows(&o, name, true), asked = left;
	if (left == -2)
		return die("stop %s: the daemon's window list could not be read whole; "
			   "vitrine stop --force %s stops it without asking its windows",
			   name, name);
	if (left < 0)
		return no_daemon(&o);
	for (int t = 0; left > 0 && t < STOP_WAIT_S * 10; t++) {
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
		left = shown_windows(&o, name, false);
	}
	if (left == -2)
		return die("stop %s: the daemon's window list could not be read whole; "
			   "vitrine stop --force %s stops it without asking its windows",
			   name, name);
	if (left > 0)
		return die("%s: %d window%s still open after %d s (an application asking "
			   "something, such as to save, or one that did not close while its "
			   "dialog was open): answer it, vitrine stop %s again, or vitrine stop "
			   "--force %s",
			   name, left, left == 1 ? "" : "s", STOP_WAIT_S, name, name);
	/* the applications asked to close, their windows gone, may still be
	 * saving (Firefox writes its session and profile for a second after):
	 * a sandbox whose applications all ended stops its agent; up to
	 * STOP_EXIT_S for that (new-user trial 10 #7: removed at once, Firefox
	 * was killed mid-write) */
	for (int t = 0; asked > 0 && t < STOP_EXIT_S * 10 && running(&o, name) == 1; t++)
		nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
	rc = control(&o, cmd, out, sizeof(out));
	if (rc < 0)
		return no_daemon(&o);
	if (rc == 0) { /* its one line (new-user trial 9 #7: the newline too) */
		const char *why = strstr(out, "error: ") ? strstr(out, "error: ") + 7 : out;
		return die("stop %s: %.*s", name, (int)strcspn(why, "\n"), why);
	}
	fprintf(stderr, "vitrine: %s stopped: %s, its sandbox stops\n", name,
		force ? "its windows closed at once" : "its windows closed");
	return 0;
}
