/*
 * vitrinectl: talk to vitrine-daemon's control socket.
 *   vitrinectl [--socket PATH | --runtime-dir DIR] [--timeout SECONDS] COMMAND [ARGS...]
 * Prints the reply; exits 0 if it ends with "ok", 1 on "error: ..." or on
 * timeout, 2 on usage or connection errors. `assert-screen` runs here, on
 * top of the daemon's screenshot and wait-change (assert-screen.c).
 */
#include "vitrinectl.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void default_path(char *out, size_t cap)
{
	const char *env = getenv("VITRINE_CONTROL"), *xdg = getenv("XDG_RUNTIME_DIR");
	if (env && *env)
		snprintf(out, cap, "%s", env);
	else if (xdg && *xdg)
		snprintf(out, cap, "%s/vitrine/control.sock", xdg);
	else
		snprintf(out, cap, "/tmp/vitrine-%u/control.sock", (unsigned)getuid());
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* One reply line: echo it, keep it; 0 "ok", 1 "error:", -1 more to come. */
static int reply_line(const char *l, size_t n, FILE *echo, char *last, size_t last_len)
{
	if (echo)
		fwrite(l, 1, n + 1, echo);
	if (n == 2 && !strncmp(l, "ok", 2))
		return 0;
	if (last && last_len)
		snprintf(last, last_len, "%.*s", (int)n, l);
	return strncmp(l, "error:", 6) ? -1 : 1;
}

int ctl_request(const char *socket_path, const char *line, double timeout_s, FILE *echo, char *last,
		size_t last_len)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(line);
	if (strlen(socket_path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "vitrinectl: socket path too long: %s\n", socket_path);
		return 2;
	}
	strcpy(sa.sun_path, socket_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "vitrinectl: cannot connect to %s: %s\n", sa.sun_path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return 2;
	}
	if (write(fd, line, len) != (ssize_t)len || write(fd, "\n", 1) != 1) {
		fprintf(stderr, "vitrinectl: write failed\n");
		close(fd);
		return 2;
	}
	/* Read until a line "ok" or "error: ..." ends the reply. */
	static char buf[65536];
	size_t have = 0, start = 0;
	long long deadline = now_ms() + (long long)(timeout_s * 1000);
	int rc = -1;
	while (rc < 0) {
		char *nl;
		while (rc < 0 && (nl = memchr(buf + start, '\n', have - start))) {
			size_t l = (size_t)(nl - (buf + start));
			rc = reply_line(buf + start, l, echo, last, last_len);
			start += l + 1;
		}
		if (rc >= 0)
			break;
		if (start == have)
			start = have = 0;
		else if (have == sizeof(buf)) {
			memmove(buf, buf + start, have - start);
			have -= start;
			start = 0;
		}
		long long left = deadline - now_ms();
		struct pollfd p = { fd, POLLIN, 0 };
		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			if (echo) /* else the caller expects it may time out */
				fprintf(stderr,
					"vitrinectl: timed out after %g s: no answer to '%.*s' (a "
					"wait-* condition that did not hold by then, or a daemon "
					"that does not answer)\n",
					timeout_s, (int)(len < 200 ? len : 200), line);
			rc = 1;
			break;
		}
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);
		if (n <= 0) {
			fprintf(stderr, "vitrinectl: daemon closed the connection\n");
			rc = 1;
			break;
		}
		have += (size_t)n;
	}
	close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	char path[108];
	double timeout = 10;
	int i = 1;
	default_path(path, sizeof(path));
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--socket") && i + 1 < argc)
			snprintf(path, sizeof(path), "%s", argv[++i]);
		else if (!strcmp(argv[i], "--runtime-dir") && i + 1 < argc) /* as vitrine's */
			snprintf(path, sizeof(path), "%s/control.sock", argv[++i]);
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			char *end;
			timeout = strtod(argv[++i], &end);
			if (end == argv[i] || *end || !(timeout > 0 && timeout <= 86400)) {
				fprintf(stderr,
					"vitrinectl: --timeout %s: not a number of seconds "
					"(more than 0, at most 86400)\n",
					argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--help"))
			break;
		else if (!strcmp(argv[i], "--version")) {
			printf("vitrinectl %s\n", VITRINE_VERSION);
			return 0;
		} else {
			fprintf(stderr, "vitrinectl: unknown option or missing value: %s\n",
				argv[i]);
			return 2;
		}
	}
	int help = i < argc && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ||
				!strcmp(argv[i], "help"));
	if (i >= argc || help) {
		fprintf(help ? stdout : stderr,
			"usage: vitrinectl [--socket PATH | --runtime-dir DIR] [--timeout S] "
			"COMMAND "
			"[ARGS...] | "
			"--version\n"
			"commands: domains | windows | geometry | clipboard |\n"
			"          screenshot PATH [--window DOMAIN ID | --domain NAME |\n"
			"                     --rect X,Y,W,H] [--no-decorations] |\n"
			"          assert-screen REF.png [the screenshot options] [--tolerance N]\n"
			"                     [--mask MASK.png] [--timeout S] [--update] |\n"
			"          find-image TEMPLATE.png [the screenshot options] [--max-diff D] "
			"|\n"
			"          wait-pixels DOMAIN N | wait-damage DOMAIN ID N | "
			"wait-gone DOMAIN |\n"
			"          wait-idle DOMAIN MS | wait-change N | wait-window DOMAIN TITLE "
			"|\n"
			"          add-domain NAME [label=COLOUR] [tint=none|light|strong] | "
			"remove-domain NAME |\n"
			"          set-scale S [MONITOR] | set-monitors WxH+X+Y,... | "
			"read-monitors |\n"
			"          close DOMAIN ID | unblock DOMAIN |\n"
			"          and the input commands of docs/control.md (focus, key, type,\n"
			"          click, button, scroll, motion, drag)\n");
		return help ? 0 : 2;
	}
	if (!strcmp(argv[i], "assert-screen"))
		return assert_screen(path, argc - i, argv + i);
	if (!strcmp(argv[i], "find-image"))
		return find_image(path, argc - i, argv + i);
	char line[2048] = "";
	size_t len = 0;
	for (; i < argc; i++) {
		int n = snprintf(line + len, sizeof(line) - len, "%s%s", len ? " " : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(line) - len - 1) {
			fprintf(stderr, "vitrinectl: command too long\n");
			return 2;
		}
		len += (size_t)n;
	}
	return ctl_request(path, line, timeout, stdout, NULL, 0);
}
