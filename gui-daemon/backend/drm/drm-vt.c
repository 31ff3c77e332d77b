/*
 * The VT in direct mode (drm.h): root with no seat manager and no libseat
 * backend (with libseat, even its built-in seat, the seat manager does all
 * of this and drm.c's enable and disable callbacks follow it).
 *
 * The active VT is put in graphics mode with its keyboard off (the kernel
 * no longer switches VTs on Ctrl+Alt+Fn nor types into the console) and in
 * VT_PROCESS mode: the kernel asks before leaving it (SIGUSR1) and says
 * when it is back (SIGUSR2), both read from a signalfd on the event loop.
 * Leaving: no frame is drawn, libinput is suspended, DRM master dropped,
 * then the switch is allowed. Back: master again, every output's mode set
 * and fully repainted, libinput resumed. Ctrl+Alt+Fn (the router's hotkey)
 * asks the kernel for VT n.
 *
 * The console is given back at exit (text mode, its keyboard mode, VT_AUTO)
 * and, whatever way the daemon dies (a crash, SIGKILL), by a small process
 * forked at the start that holds only the VT and a pipe from the daemon:
 * when the pipe's other end closes, it restores the console and exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kd.h>
#include <linux/vt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <xf86drm.h>

#include "drm.h"

struct drm_vt {
	struct drm *d;
	int fd; /* /dev/ttyN, the VT we run on */
	int nr;
	int kb_mode; /* the console's keyboard mode, restored at exit */
	int guard;   /* the pipe to the guard process: closed, it restores */
	struct source sig;
	bool watched; /* sig is on the event loop */
};

static void restore(int fd, int kb_mode)
{
	struct vt_mode mode = { .mode = VT_AUTO };
	ioctl(fd, VT_SETMODE, &mode);
	ioctl(fd, KDSKBMODE, kb_mode);
	ioctl(fd, KDSETMODE, KD_TEXT);
}

/* The guard: everything but the VT and the pipe closed (no DRM master
 * held), then it waits for the daemon's end of the pipe to close. */
static int start_guard(struct drm_vt *vt)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		int tty = dup2(vt->fd, 3), rd = dup2(p[0], 4);
		if (tty < 0 || rd < 0)
			_exit(1);
		syscall(SYS_close_range, 5u, ~0u, 0u);
		signal(SIGINT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		char c;
		while (read(4, &c, 1) < 0 && errno == EINTR)
			;
		restore(3, vt->kb_mode);
		_exit(0);
	}
	close(p[0]);
	vt->guard = p[1];
	return 0;
}

static void handle_signal(struct source *src, uint32_t events)
{
	(void)events;
	struct drm_vt *vt = (struct drm_vt *)((char *)src - offsetof(struct drm_vt, sig));
	struct drm *d = vt->d;
	struct signalfd_siginfo si;
	while (read(src->fd, &si, sizeof(si)) == sizeof(si)) {
		/* the VT's release and acquire signals come from the kernel
		 * (SI_KERNEL); another process's kill() is no VT switch */
		if (si.ssi_code != SI_KERNEL) {
			vlog("drm: signal %u from pid %u ignored (not the kernel's VT signal)",
			     si.ssi_signo, si.ssi_pid);
			continue;
		}
		if (si.ssi_signo == SIGUSR1 && d->active) {
			vlog("drm: leaving VT %d: the screen and the input devices are given back",
			     vt->nr);
			d->active = false;
			if (d->input)
				drm_input_suspend(d->input, true);
			if (drmDropMaster(d->fd) < 0)
				vlog("drm: dropping DRM master: %s", strerror(errno));
			ioctl(vt->fd, VT_RELDISP, 1);
		} else if (si.ssi_signo == SIGUSR1) {
			ioctl(vt->fd, VT_RELDISP, 1);
		} else if (si.ssi_signo == SIGUSR2) {
			ioctl(vt->fd, VT_RELDISP, VT_ACKACQ);
			if (drmSetMaster(d->fd) < 0)
				vlog("drm: DRM master again: %s", strerror(errno));
			vlog("drm: back on VT %d: setting the mode again", vt->nr);
			d->active = true;
			drm_kms_restore(d);
			if (d->input)
				drm_input_suspend(d->input, false);
		}
	}
}

struct drm_vt *drm_vt_open(struct drm *d)
{
	struct vt_stat st;
	int t0 = open("/dev/tty0", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (t0 < 0 || ioctl(t0, VT_GETSTATE, &st) < 0) {
		vlog("drm: no VT (/dev/tty0: %s): nothing switches VTs", strerror(errno));
		if (t0 >= 0)
			close(t0);
		return NULL;
	}
	close(t0);
	struct drm_vt *vt = calloc(1, sizeof(*vt));
	if (!vt)
		return NULL;
	*vt = (struct drm_vt){ .d = d, .nr = st.v_active, .guard = -1, .sig.fd = -1 };
	char path[32];
	snprintf(path, sizeof(path), "/dev/tty%d", vt->nr);
	vt->fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (vt->fd < 0 || ioctl(vt->fd, KDGKBMODE, &vt->kb_mode) < 0) {
		vlog("drm: %s: %s: nothing switches VTs", path, strerror(errno));
		goto fail;
	}
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGUSR2);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	vt->sig = (struct source){ .fd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK),
				   .handle = handle_signal };
	struct vt_mode mode = { .mode = VT_PROCESS, .relsig = SIGUSR1, .acqsig = SIGUSR2 };
	if (vt->sig.fd < 0 || start_guard(vt) < 0 || ioctl(vt->fd, KDSKBMODE, K_OFF) < 0 ||
	    ioctl(vt->fd, KDSETMODE, KD_GRAPHICS) < 0 || ioctl(vt->fd, VT_SETMODE, &mode) < 0) {
		vlog("drm: VT %d: %s: nothing switches VTs", vt->nr, strerror(errno));
		restore(vt->fd, vt->kb_mode);
		goto fail;
	}
	if (server_watch(d->srv, &vt->sig, EPOLLIN) < 0) {
		restore(vt->fd, vt->kb_mode);
		goto fail;
	}
	vt->watched = true;
	vlog("drm: VT %d is ours (graphics, VT_PROCESS): Ctrl+Alt+Fn switches", vt->nr);
	return vt;
fail:
	drm_vt_close(vt);
	return NULL;
}

void drm_vt_close(struct drm_vt *vt)
{
	if (!vt)
		return;
	if (vt->watched)
		server_unwatch(vt->d->srv, &vt->sig);
	if (vt->fd >= 0 && vt->guard >= 0)
		restore(vt->fd, vt->kb_mode);
	if (vt->guard >= 0)
		close(vt->guard); /* the guard exits */
	if (vt->sig.fd >= 0)
		close(vt->sig.fd);
	if (vt->fd >= 0)
		close(vt->fd);
	free(vt);
}

void drm_vt_switch(struct drm_vt *vt, unsigned n)
{
	if (vt && (int)n != vt->nr && ioctl(vt->fd, VT_ACTIVATE, (int)n) < 0)
		vlog("drm: switching to VT %u: %s", n, strerror(errno));
}
