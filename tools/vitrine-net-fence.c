/*
 * --net: the host's own addresses fenced off in the sandbox's network
 * namespace. pasta and slirp4netns open a socket on the host for each
 * connection the sandbox makes, so one to an address of the host's other
 * than its loopback (its link-local, docker0's, a VPN's) reached the host's
 * services listening on all addresses, from the host itself, past a
 * firewall that keeps the LAN out (hostile-domain trial 18 F2). Each
 * address the host has when the sandbox starts gets a policy rule in the
 * namespace, after its local table (so an address pasta copied into it
 * stays the sandbox's own): prohibit, so a connection fails at once
 * (EACCES) and no packet leaves. COMMAND has no capability to take them
 * away (bubblewrap drops them all).
 */
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <linux/fib_rules.h>
#include <linux/netlink.h>
#include <linux/nsfs.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* "to addr prohibit" at FENCE_PRIORITY; 0, or an errno */
static int prohibit(int nl, const struct sockaddr *sa, unsigned seq)
{
	union {
		struct nlmsghdr h;
		char b[256];
	} m = { 0 };
	const void *addr = sa->sa_family == AF_INET
				   ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
				   : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
	size_t len = sa->sa_family == AF_INET ? 4 : 16;
	uint32_t prio = FENCE_PRIORITY;
	m.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct fib_rule_hdr));
	m.h.nlmsg_type = RTM_NEWRULE;
	m.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	m.h.nlmsg_seq = seq;
	struct fib_rule_hdr *r = NLMSG_DATA(&m.h);
	r->family = (unsigned char)sa->sa_family;
	r->dst_len = (unsigned char)(len * 8);
	r->action = FR_ACT_PROHIBIT;
	attr(&m.h, FRA_DST, addr, len);
	attr(&m.h, FRA_PRIORITY, &prio, sizeof(prio));
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
	return e == EEXIST ? 0 : e; /* (one address on two interfaces) */
}

/* In the child: the namespaces joined, a rule per host address in ifs. */
static int fence(int ufd, int nfd, const struct ifaddrs *ifs)
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
	int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	unsigned seq = 0;
	for (const struct ifaddrs *i = ifs; nl >= 0 && i; i = i->ifa_next) {
		if (!i->ifa_addr ||
		    (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6))
			continue;
		int e = prohibit(nl, i->ifa_addr, ++seq);
		if (e) {
			fprintf(stderr, "vitrine: fencing the host's address on %s off: %s\n",
				i->ifa_name, strerror(e));
			return 1;
		}
	}
	if (nl < 0)
		fprintf(stderr, "vitrine: netlink: %s\n", strerror(errno));
	return nl < 0;
}

int sandbox_net_fence(int pid)
{
	char p[32];
	struct ifaddrs *ifs = NULL;
	snprintf(p, sizeof(p), "/proc/%d/ns/net", pid);
	int nfd = open(p, O_RDONLY | O_CLOEXEC);
	int ufd = nfd >= 0 ? ioctl(nfd, NS_GET_USERNS) : -1;
	if (ufd < 0 || getifaddrs(&ifs) < 0) {
		fprintf(stderr, "vitrine: the host's addresses or the sandbox's network: %s\n",
			strerror(errno));
		if (nfd >= 0)
			close(nfd);
		if (ufd >= 0)
			close(ufd);
		return -1;
	}
	pid_t c = fork(); /* (setns of a user namespace: one thread only) */
	if (c == 0)
		_exit(fence(ufd, nfd, ifs));
	int st = 1;
	if (c > 0)
		waitpid(c, &st, 0);
	freeifaddrs(ifs);
	close(ufd);
	close(nfd);
	return c > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}
