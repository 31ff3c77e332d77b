/* vitrinectl's parts: the control socket client and assert-screen. */
#ifndef VITRINECTL_H
#define VITRINECTL_H

#include <stddef.h>
#include <stdio.h>

/*
 * Send one command line (without its newline) to the daemon's control
 * socket and read the reply until "ok" or "error: ...", for at most
 * timeout_s seconds. Each reply line is written to echo (unless NULL); the
 * last line before "ok" (or the error line) is kept in last. 0 for "ok", 1
 * for an error or a timeout (a message on stderr for the timeout), 2 when
 * the daemon cannot be reached.
 */
int ctl_request(const char *socket_path, const char *line, double timeout_s, FILE *echo, char *last,
		size_t last_len);

/* vitrinectl assert-screen ARGS (argv[0] is "assert-screen"). */
int assert_screen(const char *socket_path, int argc, char **argv);

/* vitrinectl find-image ARGS (argv[0] is "find-image"). */
int find_image(const char *socket_path, int argc, char **argv);

#endif
