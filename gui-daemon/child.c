/* The compositor's side of the domain processes (see child.h). */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain.h"
#include "protocol/fdpass.h"

static int pidfd_kill(int pidfd)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
}

static void on_reply(struct server *srv, const struct child_rep *r, int pidfd)
{
	struct domain *d = NULL;
	for (int i = 0; r->domain < (uint32_t)srv->cfg.ndomains && i < srv->ndomains; i++)
		if (srv->domains[i]->cfg == &srv->cfg.domains[r->domain])
			d = srv->domains[i];
	if (!d) {
		if (pidfd >= 0)
			close(pidfd);
		return;
	}
	if (r->kind == CHILD_GONE) {
		if (d->children > 0)
			d->children--;
		/* a vchan's process that could not set up, or died of anything
		 * but our SIGKILL before it passed anything on: not again (no
		 * loop of processes that die at once) */
		bool silent = r->id == d->silent_id || (r->id == d->child_id && !d->child_spoke);
		bool died = WIFSIGNALED(r->status) && WTERMSIG(r->status) != SIGKILL;
		if (((WIFEXITED(r->status) && WEXITSTATUS(r->status) == CHILD_EXIT_SETUP) ||
		     (silent && died)) &&
		    d->t->reopen && !d->offer_failed) {
			vlog("domain %s: its vchan could not be offered; not offered again",
			     d->cfg->name);
			d->offer_failed = true;
		}
		/* a vchan is offered again once its last domain process is gone */
		if (d->reoffer && d->children == 0 && d->conn.fd < 0 && !d->blocked &&
		    !d->destroying)
			d->t->open(d);
		return;
	}
	if (r->id == d->child_id && d->conn.fd >= 0 && d->child_pidfd < 0) {
		d->child_pidfd = pidfd;
		d->child_pid = r->pid;
		return;
	}
	/* its connection went before it started: it goes too */
	if (pidfd >= 0) {
		pidfd_kill(pidfd);
		close(pidfd);
	}
}

static void handle_spawner(struct source *src, uint32_t events)
{
	struct server *srv = list_item(src, struct server, spawner);
	for (int budget = 64; budget > 0; budget--) {
		struct child_rep r;
		struct fd_got g;
		ssize_t n = fd_recv(src->fd, &r, sizeof(r), MSG_DONTWAIT, &g, NULL, NULL);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		int pidfd = -1;
		for (int i = 0; i < g.nfds; i++) /* one pidfd at most */
			if (i == 0)
				pidfd = g.fds[0];
			else
				close(g.fds[i]);
		if (n != (ssize_t)sizeof(r)) {
			if (pidfd >= 0)
				close(pidfd);
			if (n <= 0 || (events & (EPOLLHUP | EPOLLERR))) {
				/* no new domain process can start: connections are refused */
				vlog("the spawner of domain processes is gone");
				server_unwatch(srv, src);
				close(src->fd);
				src->fd = -1;
				return;
			}
			continue;
		}
		on_reply(srv, &r, pidfd);
	}
}

int child_attach(struct server *srv, int fd)
{
	srv->spawner.fd = fd;
	srv->spawner.handle = handle_spawner;
	return server_watch(srv, &srv->spawner, EPOLLIN);
}

int child_start(struct domain *d, int conn)
{
	struct server *srv = d->srv;
	int sv[2];
	if (srv->spawner.fd < 0) {
		domain_log(d, RL_CONNECTION, "refused a connection: no domain process can start");
		if (conn >= 0)
			close(conn);
		return -1;
	}
	int idx = (int)(d->cfg - srv->cfg.domains);
	if (idx < 0 || idx >= srv->cfg.ndomains) {
		domain_log(d, RL_CONNECTION, "refused a connection: not a configured domain");
		if (conn >= 0)
			close(conn);
		return -1;
	}
	if (d->children >= CHILD_MAX_PER_DOMAIN) {
		domain_log(d, RL_CONNECTION,
			   "refused a connection: %u of its domain processes are still exiting",
			   d->children);
		if (conn >= 0)
			close(conn);
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		domain_log(d, RL_CONNECTION, "refused a connection: socketpair: %s",
			   strerror(errno));
		if (conn >= 0)
			close(conn);
		return -1;
	}
	struct child_req req = { ++srv->child_seq, (uint32_t)idx, "" };
	snprintf(req.name, sizeof(req.name), "%s", d->cfg->name);
	/* a socket domain's: [connection, socket]; a Xen domain's: [socket]
	 * (its domain process opens the vchan) */
	int pass[2] = { conn, sv[1] };
	int first = conn < 0;
	ssize_t n =
		fd_send(srv->spawner.fd, &req, sizeof(req), pass + first, 2 - first, MSG_DONTWAIT);
	close(sv[1]);
	/* The compositor's own copy, to write to (and, a connection, to see it
	 * hang up); never read (socket.c). Taken after sv[1] went: a
	 * connection costs three descriptors at most. */
	if (n == (ssize_t)sizeof(req))
		d->peer = fcntl(conn >= 0 ? conn : sv[0], F_DUPFD_CLOEXEC, 0);
	if (conn >= 0)
		close(conn);
	if (n == (ssize_t)sizeof(req))
		d->children++;
	if (n != (ssize_t)sizeof(req) || d->peer < 0) {
		/* (a domain process started without us: our end goes, it sees
		 * the end of its socket and exits; its pidfd is not ours) */
		domain_log(d, RL_CONNECTION, "refused a connection: %s",
			   n != (ssize_t)sizeof(req) ? "the spawner is busy"
						     : "out of file descriptors");
		close(sv[0]);
		return -1;
	}
	d->child_id = req.id;
	d->child_spoke = false;
	d->child_pidfd = -1;
	d->child_pid = 0;
	return sv[0]; /* used with MSG_DONTWAIT only: the domain process waits for us */
}

void child_stop(struct domain *d)
{
	d->silent_id = d->child_spoke ? 0 : d->child_id;
	if (d->child_pidfd >= 0) {
		pidfd_kill(d->child_pidfd);
		close(d->child_pidfd);
	}
	d->child_pidfd = -1;
	d->child_pid = 0;
	d->child_id = 0;
}
