/* vitrine run: shared between the command (vitrine.c), the sandbox it starts
 * (vitrine-sandbox.c) and the launcher inside it (vitrine-init.c). */
#ifndef VITRINE_RUN_H
#define VITRINE_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <poll.h>
#include <termios.h>

#include "tools/vitrine-ttyfilter.h"

#define RUN_MAX_PATHS 32

struct run_opts {
	const char *domain, *label, *tint;
	bool net;
	const char *home; /* the domain's own home (created) */
	const char *ro[RUN_MAX_PATHS], *rw[RUN_MAX_PATHS];
	int nro, nrw;
	/* "FILE:LINE" of a path vitrine.conf gave, NULL for the command line's */
	const char *ro_from[RUN_MAX_PATHS], *rw_from[RUN_MAX_PATHS];
	int fd[1 + 2 * RUN_MAX_PATHS]; /* home, ro..., rw...: sandbox_path_open's */
	char runtime_dir[96];
	char self[4096], agent[4096], bwrap[4096], xvfb[4096], netcmd[4096];
	char **argv;			  /* COMMAND [ARG]... */
	char daemon_keys[512];		  /* " KEY=VALUE..." for add-domain, from the file */
	char copy_seq[64], paste_seq[64]; /* secure_*_sequence, for start_daemon */
	unsigned given;			  /* GIVEN_*: options the command line gave */
	bool added;			  /* ensure_domain added the domain */
	bool label_default;		  /* neither the command line nor a file chose it */
	bool launch_failed;		  /* run_app: the command did not start */
};

/* vitrine-config.c: the domain's settings from /etc/vitrine/vitrine.conf and
 * ~/.config/vitrine/vitrine.conf, but for those the command line gave.
 * 0, or -1 with a line printed. */
enum { GIVEN_LABEL = 1, GIVEN_TINT = 2, GIVEN_NET = 4, GIVEN_HOME = 8, GIVEN_PATHS = 16 };
int run_config_load(struct run_opts *o, unsigned given);
/* Each --ro and --rw path (the command line's, the file's) opened for the
 * sandbox (o->fd; vitrine-seccomp.c): 0, or 1 with a line. */
int run_paths_open(struct run_opts *o);

/* Inside the sandbox: where things are. */
#define SANDBOX_BIN "/run/vitrine/bin"
#define SANDBOX_SOCKET "/run/vitrine/domain.sock"
#define SANDBOX_DISPLAY ":0"
/* The agent in the sandbox runs with VITRINE_AGENT_EXIT_GONE=1: once the
 * daemon's socket refuses it (the daemon stopped or restarted, or the domain
 * was removed), it exits with this status and the sandbox stops. */
#define SANDBOX_AGENT_GONE 3
/* ... and with this one when it lost its X server: the X server's end,
 * whichever of the two the launcher reaps first (new-user trial 16 #4). */
#define SANDBOX_AGENT_NO_X 4

/* Between `vitrine run` and the launcher, on RUN/sandbox-NAME.sock: one
 * request (struct launch_req, then argc NUL-terminated strings, with the
 * caller's stdin, stdout and stderr), answered by struct launch_rep
 * (LAUNCH_STARTED or LAUNCH_FAILED with an errno, then LAUNCH_EXITED with a
 * wait status). The caller may send LAUNCH_SIGNAL with a signal number.
 * LAUNCH_GONE, before LAUNCH_EXITED: the sandbox stops under the
 * application, because the daemon went away, or its X server or its agent
 * exited (value: GONE_*). */
#define LAUNCH_MAGIC 0x76747231u /* "vtr1" */
#define LAUNCH_ARGS_MAX 65536
struct launch_req {
	unsigned magic, argc, len;
};
enum { LAUNCH_STARTED = 1, LAUNCH_FAILED, LAUNCH_EXITED, LAUNCH_SIGNAL, LAUNCH_GONE };
enum { GONE_DAEMON, GONE_X_SERVER, GONE_AGENT };
struct launch_rep {
	int kind, value;
};

/* vitrine-sandbox.c: start the domain's sandbox, with the launcher listening
 * on listen_fd. 0, or -1 with a line printed. */
int sandbox_start(const struct run_opts *o, int listen_fd, int lock_fd);
/* vitrine-net.c, in the keeper: --net on the namespaces of the sandbox's
 * process pid: 0, or -1 with a line printed; its tool stopped. */
int sandbox_net_start(const struct run_opts *o, int pid);
void sandbox_net_stop(void);
/* vitrine-net-fence.c: the host's addresses prohibited in that namespace
 * (hostile-domain trial 18 F2): 0, or -1 with a line printed. */
int sandbox_net_fence(int pid);
/* The sandbox's pid, from bwrap's --info-fd ("child-pid": N), or -1. */
int sandbox_child_pid(int fd);
/* Find an executable in $PATH (or a path), into out. */
bool find_program(const char *name, char *out, size_t cap);
/* What of the host a --ro/--rw/--home PATH would hand a sandbox (the X
 * sockets, XDG_RUNTIME_DIR, vitrine's runtime directory, the domains' homes:
 * home, the --home, may lie in their directory, not hold it), or NULL. */
const char *sandbox_path_exposes(const char *path, const char *runtime_dir, const char *home);
/* The same, of the path opened (O_PATH, close-on-exec): the descriptor bwrap
 * binds, or -1: *why says what it would expose, or is NULL (errno). */
int sandbox_path_open(const char *path, const char *runtime_dir, const char *home,
		      const char **why);
/* In the keeper, before bwrap: listen_fd at at, o->fd at bind0 on, the
 * rest closed. 0, or -1. */
int sandbox_fds_place(const struct run_opts *o, int listen_fd, int at, int bind0);

/* vitrine-domain.c: one line "vitrine: ..." on stderr; returns 1. */
int die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int unix_connect(const char *path);
/* One control command; its reply into out. 1 ok, 0 error, -1 no daemon. */
int control(const struct run_opts *o, const char *cmd, char *out, size_t cap);
/* No daemon answers: start one (x11, on $DISPLAY). 0, or 1 with a line. */
int start_daemon(const struct run_opts *o, const char *daemon);
/* The daemon shows its windows on another display than $DISPLAY (its
 * DIR/daemon.display): 1 with a line; else 0 (vitrine-display.c). */
int daemon_display_check(const struct run_opts *o);
/* Whether X display names a and b name one display (vitrine-display.c). */
bool display_same(const char *a, const char *b);
/* The start of file DIR/NAME (at most cap - 1 bytes, NUL-ended; "" if it
 * cannot be read); false if it cannot be opened. */
bool dir_file(const char *dir, const char *name, char *buf, size_t cap);
/* Add the domain unless the daemon has it (o->added). 0, or 1 with a line. */
int ensure_domain(struct run_opts *o);
/* The `domains` line (in out) of the domain name, or NULL. */
const char *domain_line(const char *out, const char *name);
/* The label a domain was last added with by vitrine run, when neither the
 * command line nor a file chose one (kept beside its home, never in it). */
void domain_label_recall(struct run_opts *o);
/* mkdir -p, mode 0700 */
int mkdirs(const char *path);
/* s with every byte that is not printable ASCII as '?': a line of a log a
 * sandbox may have written, before it reaches the user's terminal (no
 * escape sequences: hostile-domain trial 16). */
void printable(char *s);
/* vitrine-domain.c: fill a home just made (its descriptor: /etc/skel,
 * ~/.config...). */
void home_skeleton(int home);
/* Keep the label (and tint) a domain is added with, if chosen, for the next. */
void domain_label_keep(const struct run_opts *o);
/* The size, WxH, of a new sandbox's X server: the daemon's whole output. */
void domain_screen(const struct run_opts *o, char *size, size_t cap);
/* The value of KEY ("windows=") in the line l (up to its end) into v, or "". */
const char *field(const char *l, const char *key, char *v, size_t cap);
/* The runtime directory when --runtime-dir is not given: $XDG_RUNTIME_DIR/vitrine,
 * else /tmp/vitrine-UID. */
void default_runtime_dir(char *dir, size_t cap);
/* vitrine-manage.c: vitrine list, vitrine stop NAME (argv[0] the command). */
int cmd_list(int argc, char **argv);
int cmd_stop(int argc, char **argv);
/* The command did not start in a domain this run added: remove it again
 * (unless it has windows: another run's), so a typo leaves nothing. */
void forget_domain(const struct run_opts *o);

/* vitrine-launch.c: the launcher of the domain's sandbox, connected (the
 * sandbox started under a lock if it was not running; if it was, a line says
 * which of --ro, --rw, --net, --home given are not its); -1 with a line. */
int sandbox_launcher(const struct run_opts *o);
/* Have the launcher on fd run o->argv with our stdin, stdout and stderr
 * (signals we get go to it): its exit status, or -1 when the sandbox was
 * stopping (start it again). */
int run_app(struct run_opts *o, int fd);

/* vitrine-pty.c: COMMAND's terminal, a pseudo-terminal of vitrine run's
 * while COMMAND runs (master: -1 when none of stdin, stdout and stderr is a
 * terminal). tty_open: 0, or 1 with a line printed. tty_fds: the
 * descriptors to send (the pseudo-terminal's for our terminal's), closed
 * with tty_sent once sent. tty_poll fills two slots (-1: unused) for
 * tty_events; tty_foreground (at the start, on SIGCONT) and tty_winch (on
 * SIGWINCH); tty_suspend after tty_events (Ctrl+Z typed: stops us until
 * SIGCONT, our terminal restored); tty_close restores our terminal and ends the copying. */
struct run_tty {
	int master, slave, in, out;
	bool raw, ended, suspend;
	struct termios saved;
	size_t len;
	char buf[4096];
	struct ttyfilter filter; /* what COMMAND writes, on its way to out */
};
int tty_open(struct run_tty *t);
void tty_fds(const struct run_tty *t, int fds[3]);
void tty_sent(struct run_tty *t);
void tty_foreground(struct run_tty *t);
void tty_winch(struct run_tty *t);

void tty_poll(const struct run_tty *t, struct pollfd p[2]);
void tty_events(struct run_tty *t, const struct pollfd p[2]);
void tty_suspend(struct run_tty *t);
void tty_close(struct run_tty *t);
/* In the launcher's child, with tty (a terminal among its 0, 1, 2): run
 * argv in a session of its own with tty as its controlling terminal, under
 * a monitor that exits as it does; returns only if tty cannot be that (then
 * run it as without a terminal). err_fd: where exec's errno goes. */
void tty_session(int tty, char **argv, int err_fd);
/* vitrine-seccomp.c: the sandbox's filter as a BPF program in a memfd, or -1. */
int seccomp_fd(void);

/* vitrine.c: what ps shows of this process from now on (its command line
 * written over; as long as the original at most). */
__attribute__((format(printf, 1, 2))) void proc_title(const char *fmt, ...);
/* vitrine-init.c: the launcher, `vitrine sandbox-init FD` inside. */
int sandbox_init_main(int argc, char **argv);
/* vitrine-init-start.c: its log line; a child running argv (the agent's:
 * socket and its ready pipe's write end, else NULL and -1); Xvfb on :0 of
 * WxH, once it is ready; the domain's session bus, its address in
 * DBUS_SESSION_BUS_ADDRESS (said why not: -1). Each: the pid, or -1. */
void init_say(const char *what, const char *detail);
/* In a child the launcher forked, before exec: no signal blocked, SIGPIPE's
 * default again. */
void init_child(void);
pid_t init_spawn(char *const argv[], const char *socket, int ready);
pid_t init_start_x(const char *path, const char *size);
pid_t init_start_bus(void);

#endif
