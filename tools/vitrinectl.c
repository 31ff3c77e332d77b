/*
 * vitrinectl: talk to vitrine-daemon's control socket.
 *   vitrinectl [--socket PATH] [--timeout SECONDS] COMMAND [ARGS...]
 * Prints the reply; exits 0 if it ends with "ok", 1 on "error: ..." or on
 * timeout, 2 on usage or connection errors.
 */
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

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	double timeout = 10;
	int i = 1;
	default_path(sa.sun_path, sizeof(sa.sun_path));
	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		if (!strcmp(argv[i], "--socket") && i + 1 < argc)
			snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", argv[++i]);
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			timeout = atof(argv[++i]);
		else
			break;
	}
	if (i >= argc) {
		fprintf(stderr,
			"usage: vitrinectl [--socket PATH] [--timeout S] COMMAND [ARGS...]\n"
			"commands: domains | windows | geometry | screenshot PATH |\n"
			"          wait-pixels DOMAIN N | wait-damage DOMAIN ID N | "
			"wait-gone DOMAIN |\n"
			"          add-domain NAME [label=COLOUR] [tint=none|light|strong] | "
			"remove-domain NAME\n");
		return 2;
	}
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
	line[len++] = '\n';
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "vitrinectl: cannot connect to %s: %s\n", sa.sun_path,
			strerror(errno));
		return 2;
	}
	if (write(fd, line, len) != (ssize_t)len) {
		fprintf(stderr, "vitrinectl: write failed\n");
		return 2;
	}
	/* Read until a line "ok" or "error: ..." ends the reply. */
	char buf[65536];
	size_t have = 0, start = 0;
	long long deadline = now_ms() + (long long)(timeout * 1000);
	for (;;) {
		char *nl;
		while ((nl = memchr(buf + start, '\n', have - start))) {
			size_t l = (size_t)(nl - (buf + start));
			fwrite(buf + start, 1, l + 1, stdout);
			if (l == 2 && !strncmp(buf + start, "ok", 2))
				return 0;
			if (!strncmp(buf + start, "error:", 6))
				return 1;
			start += l + 1;
		}
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
			fprintf(stderr, "vitrinectl: timed out waiting for the daemon\n");
			return 1;
		}
		ssize_t n = read(fd, buf + have, sizeof(buf) - have);
		if (n <= 0) {
			fprintf(stderr, "vitrinectl: daemon closed the connection\n");
			return 1;
		}
		have += (size_t)n;
	}
}
