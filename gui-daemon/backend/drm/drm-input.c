/*
 * The drm backend's input: libinput on udev's seat (drm.h). Keys go to the
 * router as X keycodes (evdev + 8), which tracks the modifiers in the
 * keymap configured with --keyboard and handles the hotkeys; the pointer
 * is kept on the scene here and reported to the core (pointer.h), which
 * decides who sees it and moves the focus on a click.
 */
#include <errno.h>
#include <fcntl.h>
#include <libinput.h>
#include <libudev.h>
#include <linux/input-event-codes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "drm.h"
#include "gui-daemon/pointer.h"
#include "input/input.h"

#define MAX_DEVICES 64

struct drm_input {
	struct drm *d;
	struct udev *udev;
	struct libinput *li;
	struct source src;
	double x, y;	      /* the pointer, in the scene */
	struct window *hover; /* the content under it (crossing events) */
	struct {
		int fd, id;
	} dev[MAX_DEVICES]; /* open devices: libseat's id of each descriptor */
};

static int open_restricted(const char *path, int flags, void *data)
{
	struct drm_input *in = data;
	int id, fd = drm_open_device(in->d, path, flags, &id);
	if (fd < 0)
		return -errno;
	for (int i = 0; i < MAX_DEVICES; i++)
		if (in->dev[i].fd < 0) {
			in->dev[i].fd = fd;
			in->dev[i].id = id;
			return fd;
		}
	drm_close_device(in->d, fd, id);
	return -EMFILE;
}

static void close_restricted(int fd, void *data)
{
	struct drm_input *in = data;
	for (int i = 0; i < MAX_DEVICES; i++)
		if (in->dev[i].fd == fd) {
			drm_close_device(in->d, fd, in->dev[i].id);
			in->dev[i].fd = -1;
			return;
		}
	close(fd);
}

static const struct libinput_interface iface = {
	.open_restricted = open_restricted,
	.close_restricted = close_restricted,
};

/* evdev button code -> X button number, 0 for none */
static uint32_t x_button(uint32_t code)
{
	switch (code) {
	case BTN_LEFT: return 1;
	case BTN_MIDDLE: return 2;
	case BTN_RIGHT: return 3;
	case BTN_SIDE: return 8;
	case BTN_EXTRA: return 9;
	default: return 0;
	}
}

void drm_input_shape(struct drm_input *in)
{
	if (in)
		drm_ui_shape(in->d, pointer_shape(in->d->srv, (int32_t)in->x, (int32_t)in->y));
}

static void moved(struct drm_input *in, double x, double y)
{
	struct scene *s = &in->d->srv->scene;
	in->x = x < 0 ? 0 : x > s->width - 1 ? s->width - 1 : x;
	in->y = y < 0 ? 0 : y > s->height - 1 ? s->height - 1 : y;
	drm_ui_cursor(in->d, (int32_t)in->x, (int32_t)in->y);
	pointer_motion(in->d->srv, &in->hover, (int32_t)in->x, (int32_t)in->y);
	drm_input_shape(in);
}

static void click(struct drm_input *in, uint32_t button, bool pressed)
{
	pointer_button(in->d->srv, (int32_t)in->x, (int32_t)in->y, button, pressed);
	drm_input_shape(in); /* a drag began or ended, the focus moved */
}

/* Wheel: one press and release of buttons 4-7 per detent. */
static void scroll(struct drm_input *in, struct libinput_event_pointer *p)
{
	static const enum libinput_pointer_axis axes[2] = {
		LIBINPUT_POINTER_AXIS_SCROLL_VERTICAL,
		LIBINPUT_POINTER_AXIS_SCROLL_HORIZONTAL,
	};
	for (int a = 0; a < 2; a++) {
		if (!libinput_event_pointer_has_axis(p, axes[a]))
			continue;
		double v = libinput_event_pointer_get_axis_value_discrete(p, axes[a]);
		if (v == 0)
			v = libinput_event_pointer_get_axis_value(p, axes[a]) / 10;
		uint32_t b = (uint32_t)(a ? (v < 0 ? 6 : 7) : (v < 0 ? 4 : 5));
		for (int n = (int)(v < 0 ? -v : v); n > 0; n--) {
			click(in, b, true);
			click(in, b, false);
		}
	}
}

static void event(struct drm_input *in, struct libinput_event *ev)
{
	struct scene *s = &in->d->srv->scene;
	enum libinput_event_type type = libinput_event_get_type(ev);
	struct libinput_event_pointer *p =
		type >= LIBINPUT_EVENT_POINTER_MOTION &&
				type <= LIBINPUT_EVENT_POINTER_SCROLL_CONTINUOUS
			? libinput_event_get_pointer_event(ev)
			: NULL;
	switch (type) {
	case LIBINPUT_EVENT_KEYBOARD_KEY: {
		struct libinput_event_keyboard *k = libinput_event_get_keyboard_event(ev);
		input_key(in->d->srv->input, libinput_event_keyboard_get_key(k) + 8,
			  libinput_event_keyboard_get_key_state(k) == LIBINPUT_KEY_STATE_PRESSED,
			  -1);
		break;
	}
	case LIBINPUT_EVENT_POINTER_MOTION:
		moved(in, in->x + libinput_event_pointer_get_dx(p),
		      in->y + libinput_event_pointer_get_dy(p));
		break;
	case LIBINPUT_EVENT_POINTER_MOTION_ABSOLUTE:
		moved(in, libinput_event_pointer_get_absolute_x_transformed(p, s->width),
		      libinput_event_pointer_get_absolute_y_transformed(p, s->height));
		break;
	case LIBINPUT_EVENT_POINTER_BUTTON: {
		uint32_t b = x_button(libinput_event_pointer_get_button(p));
		if (b)
			click(in, b,
			      libinput_event_pointer_get_button_state(p) ==
				      LIBINPUT_BUTTON_STATE_PRESSED);
		break;
	}
	case LIBINPUT_EVENT_POINTER_AXIS: scroll(in, p); break;
	case LIBINPUT_EVENT_DEVICE_ADDED:
		vlog("drm: input device %s",
		     libinput_device_get_name(libinput_event_get_device(ev)));
		break;
	default: break;
	}
}

static void handle_input(struct source *src, uint32_t events)
{
	(void)events;
	struct drm_input *in = (struct drm_input *)((char *)src - offsetof(struct drm_input, src));
	if (libinput_dispatch(in->li) < 0)
		vlog("drm: libinput: %s", strerror(errno));
	struct libinput_event *ev;
	while ((ev = libinput_get_event(in->li))) {
		event(in, ev);
		libinput_event_destroy(ev);
	}
}

struct drm_input *drm_input_create(struct drm *d)
{
	struct drm_input *in = calloc(1, sizeof(*in));
	if (!in)
		return NULL;
	in->d = d;
	for (int i = 0; i < MAX_DEVICES; i++)
		in->dev[i].fd = -1;
	in->x = d->srv->scene.width / 2.0;
	in->y = d->srv->scene.height / 2.0;
	in->udev = udev_new();
	in->li = in->udev ? libinput_udev_create_context(&iface, in, in->udev) : NULL;
	const char *seat = "seat0";
	if (!in->li || libinput_udev_assign_seat(in->li, seat) < 0) {
		vlog("drm: libinput on udev seat %s failed", seat);
		drm_input_destroy(in);
		return NULL;
	}
	in->src = (struct source){ .fd = libinput_get_fd(in->li), .handle = handle_input };
	if (server_watch(d->srv, &in->src, EPOLLIN) < 0) {
		in->src.fd = -1;
		drm_input_destroy(in);
		return NULL;
	}
	handle_input(&in->src, EPOLLIN); /* the devices found at start */
	return in;
}

void drm_input_destroy(struct drm_input *in)
{
	if (!in)
		return;
	if (in->src.fd >= 0)
		server_unwatch(in->d->srv, &in->src);
	if (in->li)
		libinput_unref(in->li);
	if (in->udev)
		udev_unref(in->udev);
	free(in);
}

void drm_input_suspend(struct drm_input *in, bool suspend)
{
	if (suspend) {
		libinput_suspend(in->li);
		/* the releases libinput made up for the keys held (Ctrl+Alt of
		 * the switch): the router must not think them still down */
		handle_input(&in->src, EPOLLIN);
	} else if (libinput_resume(in->li) < 0)
		vlog("drm: libinput could not resume");
}

void drm_input_window_removed(struct drm_input *in, struct window *win)
{
	if (in && in->hover == win)
		in->hover = NULL;
}
