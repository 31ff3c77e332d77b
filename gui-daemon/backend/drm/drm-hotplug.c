/*
 * Outputs plugged in and out while the daemon runs: a udev monitor (from
 * udevd where it runs, else the kernel's own uevents) on the event loop,
 * nothing polled. A DRM "change" uevent for our card (HOTPLUG=1 from the
 * driver, or a synthetic one) makes the backend probe the connectors again; when the set of
 * connected outputs or their modes changed, the outputs are made anew (side by side, as at start),
 * the scene takes their new total size, the renderer, the bar and the cursor follow, and every
 * window is placed again by the core's rule for a user's move (window_user_geometry: its label
 * stays on the screen), so no window is left on an output that went away.
 */
#include <libudev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drm.h"
#include "gui-daemon/monitors.h"
#include "gui-daemon/render.h"
#include "gui-daemon/scene.h"
#include "gui-daemon/window.h"

struct drm_hotplug {
	struct drm *d;
	struct udev *udev;
	struct udev_monitor *mon;
	struct source src;
	dev_t card;
};

/* The connected connectors and their preferred modes, as a string to compare. */
static void probe(struct drm *d, char *out, size_t n)
{
	drmModeRes *res = drmModeGetResources(d->fd);
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; res && i < res->count_connectors; i++) {
		drmModeConnector *c = drmModeGetConnector(d->fd, res->connectors[i]);
		if (c && c->connection == DRM_MODE_CONNECTED && c->count_modes > 0 && len < n) {
			drmModeModeInfo m = drm_kms_pick_mode(c); /* as drm_kms_init does */
			len += (size_t)snprintf(out + len, n - len, "%u:%ux%u ", c->connector_id,
						m.hdisplay, m.vdisplay);
		}
		drmModeFreeConnector(c);
	}
	drmModeFreeResources(res);
}

/* The current outputs in probe's form. */
static void current(struct drm *d, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < d->nout && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%u:%ux%u ", d->out[i].conn_id,
					d->out[i].w, d->out[i].h);
}

void drm_tell_monitors(struct drm *d)
{
	pixman_box32_t b[MONITORS_MAX];
	char names[MONITORS_MAX][SCALE_NAME] = { { 0 } };
	unsigned n = 0;
	for (int i = 0; i < d->nout && n < MONITORS_MAX; i++) {
		/* the connector's name, as the kernel and xrandr say it (HDMI-A-1) */
		drmModeConnector *c = drmModeGetConnector(d->fd, d->out[i].conn_id);
		const char *type = c ? drmModeGetConnectorTypeName(c->connector_type) : NULL;
		if (type)
			snprintf(names[n], SCALE_NAME, "%s-%u", type, c->connector_type_id);
		drmModeFreeConnector(c);
		b[n++] = (pixman_box32_t){ d->out[i].x, 0, d->out[i].x + (int32_t)d->out[i].w,
					   (int32_t)d->out[i].h };
	}
	monitors_set_named(d->srv, b, (const char(*)[SCALE_NAME])names, n);
}

static void rebuild(struct drm *d)
{
	struct scene *s = &d->srv->scene;
	drmModeCrtc *saved[DRM_MAX_OUTPUTS * 2] = { 0 };
	int nsaved = 0;
	drm_cursor_finish(d);
	if (d->gl)
		drm_gbm_release(d);
	else if (d->renderer)
		d->renderer->ops->destroy(d->renderer);
	d->renderer = NULL;
	/* what the CRTCs showed before us stays what exit restores */
	for (int i = 0; i < d->nout; i++) {
		saved[nsaved++] = d->out[i].saved;
		d->out[i].saved = NULL;
	}
	drm_kms_finish(d);
	if (drm_kms_init(d) < 0) {
		vlog("drm: hot-plug: no connected output left: waiting for one");
		d->nout = 0;
	}
	for (int i = 0; i < d->nout; i++)
		for (int k = 0; k < nsaved; k++)
			if (saved[k] && saved[k]->crtc_id == d->out[i].crtc_id) {
				drmModeFreeCrtc(d->out[i].saved);
				d->out[i].saved = saved[k];
				saved[k] = NULL;
			}
	for (int k = 0; k < nsaved; k++)
		drmModeFreeCrtc(saved[k]);
	uint32_t w = 0, h = 0;
	for (int i = 0; i < d->nout; i++) {
		w = (uint32_t)d->out[i].x + d->out[i].w;
		h = d->out[i].h > h ? d->out[i].h : h;
	}
	if (!d->nout)
		w = s->width, h = s->height; /* the scene stays as it was, unseen */
	s->width = w;
	s->height = h;
	s->work = (pixman_box32_t){ 0, 0, (int32_t)w, (int32_t)h };
	pixman_image_unref(d->shadow);
	d->shadow = pixman_image_create_bits(PIXMAN_x8r8g8b8, (int)w, (int)h, NULL, 0);
	drm_ui_finish(d);
	struct render_output out = { w, h, d->shadow, 0, NULL };
	if (!d->shadow || drm_ui_init(d) < 0) {
		vlog("drm: hot-plug: out of memory");
		abort(); /* no screen to draw on: the console comes back at exit */
	}
	if (d->want_gl && d->nout)
		drm_gbm_init(d);
	if (!d->renderer && !(d->renderer = pixman_renderer_ops.create(&out)))
		abort();
	drm_cursor_init(d);
	drm_tell_monitors(d);
	monitors_replace_windows(d->srv);
	pixman_region32_reset(&s->damage, &(pixman_box32_t){ 0, 0, (int32_t)w, (int32_t)h });
	vlog("drm: hot-plug: %d output%s, the scene is %ux%u", d->nout, d->nout == 1 ? "" : "s", w,
	     h);
}

static void handle(struct source *src, uint32_t events)
{
	(void)events;
	struct drm_hotplug *hp =
		(struct drm_hotplug *)((char *)src - offsetof(struct drm_hotplug, src));
	struct udev_device *dev = udev_monitor_receive_device(hp->mon);
	if (!dev)
		return;
	/* HOTPLUG=1 from the driver, or any other change of the card (a
	 * synthetic one written to its uevent file; a probe that finds
	 * nothing new costs little) */
	const char *action = udev_device_get_action(dev);
	bool ours = udev_device_get_devnum(dev) == hp->card && action && !strcmp(action, "change");
	udev_device_unref(dev);
	if (!ours || !hp->d->active)
		return;
	char now[256], was[256];
	probe(hp->d, now, sizeof(now));
	current(hp->d, was, sizeof(was));
	if (!strcmp(now, was))
		return;
	vlog("drm: hot-plug: outputs were %s; now %s", was[0] ? was : "none",
	     now[0] ? now : "none");
	rebuild(hp->d);
}

struct drm_hotplug *drm_hotplug_create(struct drm *d)
{
	struct stat st;
	if (fstat(d->fd, &st) < 0)
		return NULL;
	struct drm_hotplug *hp = calloc(1, sizeof(*hp));
	if (!hp)
		return NULL;
	hp->d = d;
	hp->card = st.st_rdev;
	hp->src.fd = -1;
	/* udevd's events where it runs (the device nodes are ready then),
	 * else the kernel's */
	const char *from = access("/run/udev/control", F_OK) == 0 ? "udev" : "kernel";
	hp->udev = udev_new();
	hp->mon = hp->udev ? udev_monitor_new_from_netlink(hp->udev, from) : NULL;
	if (!hp->mon || udev_monitor_filter_add_match_subsystem_devtype(hp->mon, "drm", NULL) < 0 ||
	    udev_monitor_enable_receiving(hp->mon) < 0) {
		vlog("drm: no udev monitor: outputs plugged in later are not seen");
		drm_hotplug_destroy(hp);
		return NULL;
	}
	hp->src = (struct source){ .fd = udev_monitor_get_fd(hp->mon), .handle = handle };
	if (server_watch(d->srv, &hp->src, EPOLLIN) < 0) {
		hp->src.fd = -1;
		drm_hotplug_destroy(hp);
		return NULL;
	}
	vlog("drm: watching for outputs plugged in (%s events)", from);
	return hp;
}

void drm_hotplug_destroy(struct drm_hotplug *hp)
{
	if (!hp)
		return;
	if (hp->src.fd >= 0)
		server_unwatch(hp->d->srv, &hp->src);
	if (hp->mon)
		udev_monitor_unref(hp->mon);
	if (hp->udev)
		udev_unref(hp->udev);
	free(hp);
}
