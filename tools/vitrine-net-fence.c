/*
 * --net: the host's own addresses fenced off in the sandbox's network
 * namespace. pasta and slirp4netns open a socket on the host for each
 * connection the sandbox makes, so one to an address of the host's other
 * than its loopback (its link-local, docker0's, a VPN's) reached the host's
 * services listening on all addresses, from the host itself, past a
 * firewall that keeps the LAN out (hostile-domain trial 18 F2). Each
 * address the host has gets a policy rule in the namespace, after its local
 * table (so an address pasta copied into it stays the sandbox's own):
 * prohibit, so a connection fails at once (EACCES) and no packet leaves;
 * so do multicast and broadcast, of which the host's own sockets get a
 * copy.
 * COMMAND has no capability to take them away (bubblewrap drops them all).
 *
 * The host's addresses change while a sandbox lives (DHCP, IPv6 privacy
 * addresses, a VPN, docker: review of 2026-12-04), so a watcher, forked by
 * the keeper and gone with it, holds a netlink socket of the host's,
 * subscribed to its addresses, and one of the sandbox's namespace: it reads
 * every address there is (a dump, first) and every new one, and adds its
 * rule. The sandbox starts once the dump's are in.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/nsfs.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vitrine.h"

#define FENCE_PRIORITY 100 /* after the local table's 0, before main's 32766 */

static void attr(struct nlmsghdr *h, unsigned short type, const void *v, size_t n)
{
	struct rtattr *a = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
	a->rta_type = type;
	a->rta_len = (unsigned short)RTA_LENGTH(n);
	memcpy(RTA_DATA(a), v, n);
	h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
}

/* A policy rule in nl's namespace, added (RTM_NEWRULE) or deleted: "to
 * addr/bits" (addr NULL: all), at pref, prohibit or (table) lookup table;
 * 0, or an errno */
static int rule(int nl, unsigned short type, unsigned char family, const void *addr, unsigned bits,
		uint32_t pref, unsigned char table, unsigned seq)
{
	union {
		struct nlmsghdr h;
		char b[256];
	} m = { 0 };
	m.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr));
	m.h.nlmsg_type = type;
	m.h.nlmsg_flags =
		NLM_F_REQUEST | NLM_F_ACK | (type == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0);
	m.h.nlmsg_seq = seq;
	struct fib_rule_hdr *r = NLMSG_DATA(&m.h);
	r->family = family;
	r->dst_len = (unsigned char)(addr ? bits : 0);
	r->action = table ? FR_ACT_TO_TBL : FR_ACT_PROHIBIT;
	r->table = table;
	if (addr)
		attr(&m.h, FRA_DST, addr, family == AF_INET ? 4 : 16);
	attr(&m.h, FRA_PRIORITY, &pref, sizeof(pref));
	if (send(nl, &m, m.h.nlmsg_len, 0) < 0)
		return errno;
	union {
		struct nlmsghdr h;
		char b[512];
	} ack;
	ssize_t n = recv(nl, &ack, sizeof(ack), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) || ack.h.nlmsg_type != NLMSG_ERROR)
		return EPROTO;
	int e = -((struct nlmsgerr *)NLMSG_DATA(&ack.h))->error;
	/* (one address on two interfaces; again. No IPv6 in the kernel: none
	 * to fence) */
	return e == EEXIST || (family == AF_INET6 && e == EAFNOSUPPORT) ? 0 : e;
}

/* "to addr prohibit" at FENCE_PRIORITY, after the local table */
static int prohibit(int nl, unsigned char family, const void *addr, unsigned seq)
{
	return rule(nl, RTM_NEWRULE, family, addr, family == AF_INET ? 32 : 128, FENCE_PRIORITY, 0,
		    seq);
}

/* Multicast and broadcast, whose routes are in the local table, prohibited
 * before it: the local table's rule moved from 0 to 1 (one added at 1, then
 * the one at 0 deleted: no moment without), the prohibits at 0. The host's
 * kernel handed the host's own sockets a copy of what pasta sent there
 * (review of 2026-12-04: a UDP datagram to ff02::1 reached a host service
 * on [::], and its answer came back). */
static int prohibit_groups(int nl, unsigned *seq)
{
	static const unsigned char v6[16] = { 0xff }, v4[4] = { 224 },
				   all4[4] = { 255, 255, 255, 255 };
	int e = 0;
	for (unsigned char f = AF_INET; !e && f <= AF_INET6; f += AF_INET6 - AF_INET) {
		e = rule(nl, RTM_NEWRULE, f, NULL, 0, 1, RT_TABLE_LOCAL, ++*seq);
		if (!e)
			e = rule(nl, RTM_DELRULE, f, NULL, 0, 0, RT_TABLE_LOCAL, ++*seq);
	}
	if (!e)
		e = rule(nl, RTM_NEWRULE, AF_INET6, v6, 8, 0, 0, ++*seq);
	if (!e)
		e = rule(nl, RTM_NEWRULE, AF_INET, v4, 4, 0, 0, ++*seq);
	if (!e)
		e = rule(nl, RTM_NEWRULE, AF_INET, all4, 32, 0, 0, ++*seq);
	if (e)
		fprintf(stderr, "vitrine: fencing multicast off: %s\n", strerror(e));
	return e;
}

/* The host's addresses asked for (a dump on host, its socket) */
static int ask(int host)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
	} q = { .h = { .nlmsg_len = sizeof(q),
		       .nlmsg_type = RTM_GETADDR,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		       .nlmsg_seq = 1 } };
	return send(host, &q, sizeof(q), 0) < 0 ? -1 : 0;
}

/* What came on host: a rule for each address (RTM_NEWADDR, a dump's or a
 * new one's). 1 at the dump's end, -1 on an error, else 0. */
static int take(int host, int nl, unsigned *seq)
{
	union {
		struct nlmsghdr h;
		char b[16384];
	} m;
	ssize_t n = recv(host, &m, sizeof(m), 0);
	if (n < 0 && errno == ENOBUFS) /* (some lost: all again) */
		return ask(host);
	if (n <= 0)
		return -1;
	int done = 0;
	for (struct nlmsghdr *h = &m.h; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
		if (h->nlmsg_type == NLMSG_DONE)
			done = 1;
		if (h->nlmsg_type != RTM_NEWADDR)
			continue;
		struct ifaddrmsg *a = NLMSG_DATA(h);
		const void *addr = NULL;
		const char *base = (const char *)a;
		size_t off = NLMSG_ALIGN(sizeof(*a)), end = h->nlmsg_len - NLMSG_HDRLEN;
		while (off + sizeof(struct rtattr) <= end) {
			const struct rtattr *r = (const struct rtattr *)(base + off);
			if (r->rta_len < sizeof(*r) || off + r->rta_len > end)
				break;
			/* (IFA_LOCAL: ours on a point-to-point link) */
			if ((r->rta_type == IFA_LOCAL || (r->rta_type == IFA_ADDRESS && !addr)) &&
			    r->rta_len - sizeof(*r) == (a->ifa_family == AF_INET ? 4u : 16u))
				addr = (const char *)r + RTA_LENGTH(0);
			off += RTA_ALIGN(r->rta_len);
		}
		if (!addr || (a->ifa_family != AF_INET && a->ifa_family != AF_INET6))
			continue;
		int e = prohibit(nl, a->ifa_family, addr, ++*seq);
		if (e) {
			fprintf(stderr, "vitrine: fencing a host's address off: %s\n", strerror(e));
			return -1;
		}
	}
	return done;
}

/* The watcher: in the sandbox's namespaces, host's socket kept; says on
 * ready once the addresses there are have their rules. */
static int watch(int ufd, int nfd, int host, int ready)
{
	struct stat mine, theirs;
	/* (as root without a user namespace of bubblewrap's: ours already) */
	if (stat("/proc/self/ns/user", &mine) < 0 || fstat(ufd, &theirs) < 0 ||
	    ((mine.st_ino != theirs.st_ino || mine.st_dev != theirs.st_dev) &&
	     setns(ufd, CLONE_NEWUSER) < 0) ||
	    setns(nfd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "vitrine: joining the sandbox's network namespace: %s\n",
			strerror(errno));
		return 1;
	}
	close(ufd);
	close(nfd);
	int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	unsigned seq = 0;
	int r = nl < 0 || prohibit_groups(nl, &seq) || ask(host) < 0 ? -1 : 0;
	while (r == 0)
		r = take(host, nl, &seq);
	if (r < 0 || write(ready, "x", 1) != 1)
		return 1;
	close(ready);
	while (take(host, nl, &seq) >= 0)
		;
	return 1;
}

int sandbox_net_fence(int pid)
{
	char p[32];
	snprintf(p, sizeof(p), "/proc/%d/ns/net", pid);
	int nfd = open(p, O_RDONLY | O_CLOEXEC);
	int ufd = nfd >= 0 ? ioctl(nfd, NS_GET_USERNS) : -1;
	/* the host's socket, subscribed before the dump: nothing missed */
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR };
	int host = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE),
	    ready[2] = { -1, -1 };
	if (ufd < 0 || host < 0 || bind(host, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    pipe2(ready, O_CLOEXEC) < 0) {
		fprintf(stderr, "vitrine: the host's addresses or the sandbox's network: %s\n",
			strerror(errno));
		ready[1] = -1;
	}
	pid_t keeper = getpid(), c = ready[1] >= 0 ? fork() : -1;
	if (c == 0) {
		/* gone with the keeper; nothing of its kept open (its pipes:
		 * the keeper waits for their ends) */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != keeper)
			_exit(1);
		signal(SIGTERM, SIG_DFL); /* (not the keeper's: it stops bwrap) */
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		int keep[] = { ufd, nfd, host, ready[1] };
		for (int i = 0; i < 4; i++) /* (out of the way of 3..6) */
			keep[i] = fcntl(keep[i], F_DUPFD, 64);
		for (int i = 0; i < 4; i++) /* to 3..6, the rest closed */
			keep[i] = dup2(keep[i], 3 + i);
		syscall(SYS_close_range, 7u, ~0u, 0u);
		_exit(watch(keep[0], keep[1], keep[2], keep[3]));
	}
	char x;
	if (ready[1] >= 0)
		close(ready[1]);
	int ok = c > 0 && read(ready[0], &x, 1) == 1; /* (EOF: it failed, said why) */
	int fds[] = { ready[0], host, ufd, nfd };
	for (int i = 0; i < 4; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return ok ? 0 : -1;
}
