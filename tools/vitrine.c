/*
 * vitrine run: run an application in a domain of its own, in a bubblewrap
 * sandbox, shown by the user's vitrine daemon in the domain's colour.
 *
 *   vitrine run [--domain NAME] [--label COLOUR] [--tint none|light|strong]
 *               [--net|--no-net] [--home DIR] [--ro PATH]... [--rw PATH]...
 *               [--runtime-dir DIR] -- COMMAND [ARG]...
 *
 * Finds the daemon on its control socket (starts one on $DISPLAY if none
 * runs), adds the domain if it has none of that name, starts the domain's
 * sandbox (its X server and agent: vitrine-sandbox.c, vitrine-init.c) unless
 * it runs, and has the launcher inside run COMMAND with our stdin, stdout
 * and stderr. Exits with COMMAND's status. See docs/run.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine.h"

/* die()'s 1 made a usage error's 2 (vitrine(1): a value not allowed too,
 * new-user trial 12 #7) */
#define USAGE 1

static const char *const colours[] = { "red",  "orange", "yellow", "green",
				       "gray", "blue",	 "purple", "black" };

static void usage(FILE *f)
{
	fprintf(f,
		"usage: vitrine run [--domain NAME] [--label COLOUR] [--tint none|light|strong]\n"
		"                   [--net|--no-net] [--home DIR] [--ro PATH]... [--rw PATH]...\n"
		"                   [--runtime-dir DIR] -- COMMAND [ARG]...\n"
		"  NAME: 1-31 of [a-z0-9_-] (default untrusted)\n"
		"  COLOUR: red orange yellow green gray blue purple black (default: its last, else "
		"red)\n"
		"  --tint: the label colour over the domain's pixels (default: its last, else "
		"none)\n"
		"  --net: network through pasta or slirp4netns in the sandbox's own\n"
		"        network namespace, the host's addresses unreachable (default\n"
		"        --no-net: none)\n"
		"  --home DIR: the domain's home (default\n"
		"        ~/.local/share/vitrine/domains/NAME/home)\n"
		"  --ro PATH, --rw PATH: a path of yours, read-only or writable, in the sandbox\n"
		"  --runtime-dir DIR: the daemon's (default $XDG_RUNTIME_DIR/vitrine, else\n"
		"        /tmp/vitrine-UID); its daemon shows windows on one display: a\n"
		"        run on another $DISPLAY is refused (another desktop: another DIR)\n"
		"  Defaults per domain: /etc/vitrine/vitrine.conf, "
		"~/.config/vitrine/vitrine.conf.\n"
		"  See man vitrine (docs/run.md).\n"
		"       vitrine test [--junit FILE] [--update] [--keep] SCRIPT...\n"
		"  screenshot tests of applications in domains, TAP on stdout\n"
		"  (vitrine-test; see docs/testing.md)\n"
		"       vitrine list [--runtime-dir DIR]\n"
		"  the domains: their colour, running or not, their windows\n"
		"       vitrine stop [--runtime-dir DIR] [--force] NAME\n"
		"  ask NAME's windows to close (--force: at once), then stop its\n"
		"  sandbox and remove the domain\n"
		"       vitrine --version | --help\n");
}

/* vitrine test ...: the runner, vitrine-test, beside this program (make
 * install) or in the source tree beside its build directory, else on PATH. */
static int cmd_test(char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	argv[0] = "vitrine-test";
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		*slash = '\0';
		snprintf(path, sizeof(path), "%s/vitrine-test", self);
		if (access(path, X_OK) == 0)
			execv(path, argv);
		snprintf(path, sizeof(path), "%s/../tools/vitrine-test", self);
		if (access(path, X_OK) == 0)
			execv(path, argv);
	}
	execvp("vitrine-test", argv);
	return die("cannot run vitrine-test: %s", strerror(errno));
}

static bool name_ok(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n < 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* bubblewrap needs an unprivileged user namespace: can we have one? (A
 * child tries, before anything is started.) 0, or 1 with a line. */
static int userns_check(void)
{
	int p[2], err = 0;
	if (pipe2(p, O_CLOEXEC) < 0)
		return 0;
	pid_t c = fork();
	if (c == 0) {
		int e = unshare(CLONE_NEWUSER) < 0 ? errno : 0;
		_exit(write(p[1], &e, sizeof(e)) == sizeof(e) ? 0 : 1);
	}
	close(p[1]);
	if (c < 0 || read(p[0], &err, sizeof(err)) != sizeof(err))
		err = 0; /* cannot tell: bubblewrap will say */
	close(p[0]);
	if (c > 0)
		waitpid(c, NULL, 0);
	if (!err)
		return 0;
	return die("cannot create a user namespace (%s): bubblewrap needs them; see the sysctls "
		   "user.max_user_namespaces, kernel.unprivileged_userns_clone and "
		   "kernel.apparmor_restrict_unprivileged_userns",
		   strerror(err));
}

int mkdirs(const char *path)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			if (mkdir(p, 0700) < 0 && errno != EEXIST)
				return -1;
			*s = '/';
		}
	return mkdir(p, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

void printable(char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			*s = '?';
}

/* Why a sandbox did not start, as ": REASON", if its log says: the
 * keeper's last "vitrine: " line, else the log's last line (bubblewrap's
 * own); out kept when the log has none. */
static void sandbox_reason(const struct run_opts *o, char *out, size_t cap)
{
	char log[160], line[512];
	snprintf(log, sizeof(log), "%s/sandbox-%s.log", o->runtime_dir, o->domain);
	FILE *f = fopen(log, "re");
	bool said = false;
	while (f && fgets(line, sizeof(line), f)) {
		bool ours = !strncmp(line, "vitrine: ", 9);
		const char *l = line + (ours ? 9 : 0);
		if (line[0] != '\n' && (ours || !said))
			snprintf(out, cap, ": %.*s", (int)strcspn(l, "\n"), l);
		said |= ours;
	}
	if (f)
		fclose(f);
	printable(out);
}

static int cmd_run(int argc, char **argv)
{
	static const char red[] = "red"; /* the default label: told when used */
	static struct run_opts o = { .domain = "untrusted", .label = red, .tint = "none" };
	static const struct option opts[] = {
		{ "domain", required_argument, 0, 'd' },
		{ "label", required_argument, 0, 'l' },
		{ "tint", required_argument, 0, 't' },
		{ "net", no_argument, 0, 'n' },
		{ "no-net", no_argument, 0, 'N' },
		{ "home", required_argument, 0, 'H' },
		{ "ro", required_argument, 0, 'r' },
		{ "rw", required_argument, 0, 'w' },
		{ "runtime-dir", required_argument, 0, 'R' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	const char *home = getenv("HOME");
	static char homebuf[PATH_MAX];
	unsigned given = 0;
	int c;
	default_runtime_dir(o.runtime_dir, sizeof(o.runtime_dir));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.domain = optarg; break;
		case 'l': o.label = optarg, given |= GIVEN_LABEL; break;
		case 't': o.tint = optarg, given |= GIVEN_TINT; break;
		case 'n': o.net = true, given |= GIVEN_NET; break;
		case 'N': o.net = false, given |= GIVEN_NET; break;
		case 'H': o.home = optarg, given |= GIVEN_HOME; break;
		case 'r':
		case 'w':
			if ((c == 'r' ? o.nro : o.nrw) == RUN_MAX_PATHS)
				return die("at most %s paths of each kind", "32");
			if (c == 'r')
				o.ro[o.nro++] = optarg;
			else
				o.rw[o.nrw++] = optarg;
			break;
		case 'R': snprintf(o.runtime_dir, sizeof(o.runtime_dir), "%s", optarg); break;
		case 'h': usage(stdout); return 0;
		default:
			fprintf(stderr,
				"vitrine: run: unknown option or missing value: %s (see vitrine "
				"--help)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr,
			"vitrine: run: no COMMAND given (vitrine run [OPTION]... -- COMMAND "
			"[ARG]...; see vitrine --help)\n");
		return 2;
	}
	o.argv = argv + optind;
	if (!name_ok(o.domain))
		return USAGE + die("--domain %s: a domain name is 1-31 of [a-z0-9_-]", o.domain);
	o.given = given | (o.nro || o.nrw ? GIVEN_PATHS : 0);
	if (run_config_load(&o, given) < 0)
		return 1;
	o.label_default = o.label == red;
	domain_label_recall(&o);
	if (run_paths_open(&o))
		return 1;
	bool known = false;
	for (unsigned i = 0; i < sizeof(colours) / sizeof(colours[0]); i++)
		known |= !strcmp(colours[i], o.label);
	/* a value from vitrine.conf (or the domain's label file) is no usage
	 * error, nor --label's (review) */
	bool lc = given & GIVEN_LABEL, tc = given & GIVEN_TINT;
	if (!known)
		return (lc ? USAGE : 0) +
		       die("%s %s: the colours are red orange yellow green gray blue purple "
			   "black",
			   lc ? "--label" : "the domain's label", o.label);
	if (strcmp(o.tint, "none") && strcmp(o.tint, "light") && strcmp(o.tint, "strong"))
		return (tc ? USAGE : 0) + die("%s %s: none, light or strong",
					      tc ? "--tint" : "the domain's tint", o.tint);
	if (!find_program("bwrap", o.bwrap, sizeof(o.bwrap)))
		return die("bubblewrap (bwrap) is not installed; it is Debian's %s package",
			   "bubblewrap");
	if (userns_check())
		return 1;
	char found[4096];
	if (!find_program("Xvfb", found, sizeof(found)) || !realpath(found, o.xvfb))
		return die("Xvfb is not installed; it is Debian's %s package", "xvfb");
	/* pasta first: slirp4netns lets the sandbox reach the host's services
	 * listening on its other addresses (0.0.0.0 through the host's own
	 * address; --disable-host-loopback covers 127.0.0.1 only: hostile-app
	 * trial), pasta with no gateway mapped and no port forwarded none */
	if (o.net && !find_program("pasta", o.netcmd, sizeof(o.netcmd)) &&
	    !find_program("slirp4netns", o.netcmd, sizeof(o.netcmd)))
		return die("--net needs pasta or slirp4netns (Debian's %s)", "passt");
	char daemon[4096];
	ssize_t n = readlink("/proc/self/exe", o.self, sizeof(o.self) - 1);
	if (n <= 0)
		return die("cannot find myself: %s", strerror(errno));
	o.self[n] = 0;
	char *slash = strrchr(o.self, '/');
	snprintf(o.agent, sizeof(o.agent), "%.*s/vitrine-agent", (int)(slash - o.self), o.self);
	snprintf(daemon, sizeof(daemon), "%.*s/vitrine-daemon", (int)(slash - o.self), o.self);
	if (access(o.agent, X_OK) < 0 && !find_program("vitrine-agent", o.agent, sizeof(o.agent)))
		return die("vitrine-agent not found next to %s nor in $PATH", o.self);
	if (access(daemon, X_OK) < 0 && !find_program("vitrine-daemon", daemon, sizeof(daemon)))
		return die("vitrine-daemon not found next to %s nor in $PATH", o.self);
	if (!o.home) {
		if (!home || *home != '/')
			return die("$HOME is not set; give --home %s", "DIR");
		snprintf(homebuf, sizeof(homebuf), "%s/.local/share/vitrine/domains/%s/home", home,
			 o.domain);
		o.home = homebuf;
	}
	const char *why = sandbox_path_exposes(o.home, o.runtime_dir, o.domain);
	if (why)
		return die("--home %s: it would bring %s into the sandbox", o.home, why);
	bool fresh = access(o.home, F_OK) < 0;
	if (mkdirs(o.home) < 0)
		return die("cannot create the domain's home %s: %s", o.home, strerror(errno));
	if ((o.fd[0] = sandbox_path_open(o.home, o.runtime_dir, o.domain, &why)) < 0)
		return why ? die("--home %s: it would bring %s into the sandbox", o.home, why)
			   : die("--home %s: %s", o.home, strerror(errno));
	if (fresh)
		home_skeleton(o.fd[0]);
	if (mkdir(o.runtime_dir, 0700) < 0 && errno != EEXIST)
		return die("cannot create %s: %s (another user's $XDG_RUNTIME_DIR? unset it, or "
			   "give --runtime-dir)",
			   o.runtime_dir, strerror(errno));
	/* Ours alone: without $XDG_RUNTIME_DIR it is /tmp/vitrine-UID, which
	 * another user may have made first, with a launcher socket there that
	 * gets our terminal, or a log that is a symlink to our files (sandbox
	 * trial, 2026-12-01). */
	struct stat rs;
	if (lstat(o.runtime_dir, &rs) < 0 || !S_ISDIR(rs.st_mode) || rs.st_uid != getuid() ||
	    (rs.st_mode & 077))
		return die("%s is not a directory of yours with mode 0700 (another user's?): "
			   "not used",
			   o.runtime_dir);
	char out[64];
	if (control(&o, "domains", out, sizeof(out)) < 0 && start_daemon(&o, daemon))
		return 1;
	if (daemon_display_check(&o))
		return 1;
	if (ensure_domain(&o))
		return 1;
	char reason[512] = "";
	for (int attempt = 0; attempt < 3; attempt++) {
		int fd = sandbox_launcher(&o);
		if (fd < 0)
			return 1;
		int rc = run_app(&o, fd);
		close(fd);
		if (rc >= 0 && o.launch_failed)
			forget_domain(&o); /* a typo adds no domain for good */
		if (rc >= 0)
			return rc;
		/* the sandbox was stopping as we came, or did not start: why,
		 * if its log says (read now: the next one starts a new log) */
		sandbox_reason(&o, reason, sizeof(reason));
	}
	forget_domain(&o); /* a sandbox that cannot start adds no domain */
	return die("the sandbox of %s did not start%s (see %s/sandbox-%s.log)", o.domain, reason,
		   o.runtime_dir, o.domain);
}

/* The command line's memory, for proc_title; argv's strings live on in a
 * copy (options point into them). */
static char *title_at, *args_copy;
static size_t title_len;

void proc_title(const char *fmt, ...)
{
	if (!title_at || title_len < 2)
		return;
	va_list ap;
	va_start(ap, fmt);
	memset(title_at, 0, title_len);
	vsnprintf(title_at, title_len, fmt, ap);
	va_end(ap);
}

int main(int argc, char **argv)
{
	/* argv's strings lie one after the other: one area to write into */
	char *end = argc > 0 ? argv[0] : NULL;
	for (int i = 0; end && i < argc; i++)
		end = argv[i] == end ? argv[i] + strlen(argv[i]) + 1 : NULL;
	if (end && (args_copy = malloc((size_t)(end - argv[0])))) {
		title_at = argv[0];
		title_len = (size_t)(end - argv[0]);
		memcpy(args_copy, title_at, title_len);
		for (int i = 0; i < argc; i++)
			argv[i] = args_copy + (argv[i] - title_at);
	}
	/* 0, 1 and 2 open, if only on /dev/null: a descriptor vitrine run opens
	 * is never one of them, which the sandbox's keeper makes its own
	 * (review: with stdout closed, a --rw path took descriptor 1, and the
	 * sandbox got the keeper's log in its place) */
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return 1;
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "test"))
		return cmd_test(argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return cmd_list(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "stop"))
		return cmd_stop(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "sandbox-init"))
		return sandbox_init_main(argc - 1, argv + 1);
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		printf("vitrine %s\n", VITRINE_VERSION);
		return 0;
	}
	if (argc >= 2)
		fprintf(stderr, "vitrine: unknown command %s\n", argv[1]);
	usage(stderr);
	return 2;
}
