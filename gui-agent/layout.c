/*
 * The domain's keyboard layout follows the desktop's: LAYOUT from the daemon
 * names an XKB rules/model/layout/variant/options set, which setxkbmap
 * applies to $DISPLAY. vp_decode already restricted each name to at most
 * VP_MAX_LAYOUT bytes of [A-Za-z0-9_,:()+-], and setxkbmap gets them as
 * separate arguments (posix_spawn, no shell).
 *
 * The event loop never waits for setxkbmap: the child is reaped on SIGCHLD
 * (main.c's signalfd). A LAYOUT that arrives while one runs is kept (the
 * latest wins) and applied when it exits. The new keymap reaches
 * keyboard.c as MappingNotify.
 */
#include "agent.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define SETXKBMAP "setxkbmap"

extern char **environ;

static const char *const flag[5] = { "-rules", "-model", "-layout", "-variant", NULL };

static void spawn(struct agent *a)
{
	struct layout *l = &a->layout;
	const char *display = getenv("DISPLAY");
	char *argv[20];
	int n = 0;
	l->pending = false;
	argv[n++] = SETXKBMAP;
	if (display && *display) {
		argv[n++] = "-display";
		argv[n++] = (char *)display;
	}
	for (int i = 0; i < 4; i++) {
		if (!l->names[i][0])
			continue;
		argv[n++] = (char *)flag[i];
		argv[n++] = l->names[i];
	}
	argv[n++] = "-option"; /* an empty -option first clears the old ones */
	argv[n++] = "";
	if (l->names[4][0]) {
		argv[n++] = "-option";
		argv[n++] = l->names[4];
	}
	argv[n] = NULL;

	/* main() blocks the signals that its signalfd reads; the child must not
	 * inherit that. */
	posix_spawnattr_t attr;
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	pid_t pid;
	int err = posix_spawnp(&pid, SETXKBMAP, NULL, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	if (err) {
		if (err != ENOENT)
			fprintf(stderr, "vitrine-agent: cannot run %s: %s\n", SETXKBMAP,
				strerror(err));
		else if (!l->missing)
			fprintf(stderr,
				"vitrine-agent: %s is not installed; the domain keeps its "
				"keyboard layout\n",
				SETXKBMAP);
		l->missing |= err == ENOENT;
		return;
	}
	l->pid = pid;
}

void layout_apply(struct agent *a, const struct vp_layout *m)
{
	struct layout *l = &a->layout;
	const struct vp_string *s[5] = { &m->rules, &m->model, &m->layout, &m->variant,
					 &m->options };
	for (int i = 0; i < 5; i++) {
		size_t n = s[i]->len < VP_MAX_LAYOUT ? s[i]->len : VP_MAX_LAYOUT;
		memcpy(l->names[i], s[i]->bytes, n);
		l->names[i][n] = '\0';
	}
	fprintf(stderr,
		"vitrine-agent: keyboard layout rules=%s model=%s layout=%s variant=%s "
		"options=%s\n",
		l->names[0], l->names[1], l->names[2], l->names[3], l->names[4]);
	l->pending = true;
	l->applied = true;
	if (!l->pid)
		spawn(a);
}

void layout_reap(struct agent *a)
{
	struct layout *l = &a->layout;
	int status;
	if (!l->pid || waitpid(l->pid, &status, WNOHANG) != l->pid)
		return;
	l->pid = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !l->missing) {
		fprintf(stderr, "vitrine-agent: %s could not be run\n", SETXKBMAP);
		l->missing = true;
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "vitrine-agent: %s failed (status %d)\n", SETXKBMAP,
			WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	}
	if (l->pending)
		spawn(a);
	agent_tell_ready(a);
}
