/*
 * The domain's notification service: the agent owns
 * org.freedesktop.Notifications on the domain's session bus
 * ($DBUS_SESSION_BUS_ADDRESS, sd-bus) and forwards each Notify (app name,
 * summary, body; each cut to its VP_MAX_NOTIFY_* on a character) to the
 * daemon as NOTIFY, answering with its number at once. The name is
 * requested asynchronously and the bus's socket is one more descriptor of
 * the agent's poll loop: nothing here waits for the bus. Of the hints,
 * only the image goes, as NOTIFY_ICON after the NOTIFY (notify-icon.c).
 * The actions' labels go with NOTIFY (at most VP_MAX_NOTIFY_ACTIONS;
 * their keys stay here, in a table of the notifications shown, LIVE at
 * most); the daemon's NOTIFY_EVENT says one was closed (NotificationClosed
 * with its reason) or that the user invoked an action (ActionInvoked with
 * its key). CloseNotification of one shown: NOTIFY_CLOSE, and
 * NotificationClosed (reason 3) at once.
 * Without a session bus ($DBUS_SESSION_BUS_ADDRESS unset) there is no service
 * and nothing is logged; one that cannot be reached is logged once.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#include "agent.h"
#include "notify.h"

#define NAME "org.freedesktop.Notifications"
#define PATH "/org/freedesktop/Notifications"

static struct vp_string cut(const char *s, uint32_t max);

#define LIVE 32
#define KEY_MAX 256 /* longer keys: the action is not offered */

struct note {
	uint32_t id; /* 0: free */
	uint64_t serial;
	unsigned nkeys;
	char *keys[VP_MAX_NOTIFY_ACTIONS];
};

struct notify {
	sd_bus *bus;
	uint32_t next_id;
	uint64_t serial;
	struct note live[LIVE];
};

static struct note *live(struct notify *n, uint32_t id)
{
	for (unsigned i = 0; i < LIVE; i++)
		if (n->live[i].id == id && id)
			return &n->live[i];
	return NULL;
}

static void forget(struct note *l)
{
	for (unsigned i = 0; i < l->nkeys; i++)
		free(l->keys[i]);
	memset(l, 0, sizeof(*l));
}

/* The note for id: its own, a free one, or the oldest one forgotten. */
static struct note *take(struct notify *n, uint32_t id)
{
	struct note *l = live(n, id), *oldest = &n->live[0];
	for (unsigned i = 0; !l && i < LIVE; i++)
		if (!n->live[i].id)
			l = &n->live[i];
		else if (n->live[i].serial < oldest->serial)
			oldest = &n->live[i];
	l = l ? l : oldest;
	forget(l);
	l->id = id;
	l->serial = ++n->serial;
	return l;
}

static void closed(struct agent *a, uint32_t id, uint32_t reason)
{
	sd_bus_emit_signal(a->notify->bus, PATH, NAME, "NotificationClosed", "uu", id, reason);
}

/* The actions array's pairs (key, label) into l and out. */
static int read_actions(sd_bus_message *m, struct note *l, struct vp_notify *out, bool send)
{
	const char *key, *label;
	int r = sd_bus_message_enter_container(m, 'a', "s");
	while (r >= 0 && (r = sd_bus_message_read(m, "s", &key)) > 0) {
		if ((r = sd_bus_message_read(m, "s", &label)) <= 0)
			break;
		if (l->nkeys == VP_MAX_NOTIFY_ACTIONS || strlen(key) > KEY_MAX ||
		    !(l->keys[l->nkeys] = strdup(key)))
			continue;
		if (!strcmp(key, "default"))
			out->default_action = l->nkeys + 1;
		if (send)
			out->actions[out->nactions++] = cut(label, VP_MAX_NOTIFY_LABEL);
		l->nkeys++;
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(m);
	if (!send)
		out->default_action = 0;
	return r;
}

static struct vp_string cut(const char *s, uint32_t max)
{
	size_t n = s ? strlen(s) : 0;
	return (struct vp_string){ (uint32_t)utf8_cut((const uint8_t *)s, n, max),
				   (const uint8_t *)s };
}

static int on_notify(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)e;
	struct agent *a = data;
	struct notify *n = a->notify;
	const char *app, *icon, *summary, *body;
	uint32_t replaces;
	int r = sd_bus_message_read(m, "susss", &app, &replaces, &icon, &summary, &body);
	if (r < 0)
		return r;
	uint32_t id = replaces ? replaces : ++n->next_id;
	if (!id)
		id = ++n->next_id;
	struct vp_msg out = { .type = VP_NOTIFY };
	struct note *l = take(n, id);
	/* a daemon before VP_MINOR_NOTIFY refuses actions in NOTIFY */
	r = read_actions(m, l, &out.u.notify, a->daemon_minor >= VP_MINOR_NOTIFY);
	if (r < 0) {
		forget(l);
		notify_tell_shown(a);
		return r;
	}
	out.u.notify.id = id;
	out.u.notify.app = cut(app, VP_MAX_NOTIFY_APP);
	out.u.notify.summary = cut(summary, VP_MAX_NOTIFY_SUMMARY);
	out.u.notify.body = cut(body, VP_MAX_NOTIFY_BODY);
	struct vp_msg im = { .type = VP_NOTIFY_ICON };
	bool has_icon = notify_icon_read(m, &im.u.notify_icon); /* the hints */
	agent_send(a, &out, -1);
	if (has_icon && a->daemon_minor >= VP_MINOR_NOTIFY) {
		im.u.notify_icon.id = id;
		agent_send(a, &im, -1);
	}
	notify_tell_shown(a); /* before the answer: its caller may end at once */
	return sd_bus_reply_method_return(m, "u", id);
}

static int on_close(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)e;
	struct agent *a = data;
	uint32_t id;
	int r = sd_bus_message_read(m, "u", &id);
	if (r < 0)
		return r;
	struct note *l = live(a->notify, id);
	if (l) {
		forget(l);
		if (a->daemon_minor >= VP_MINOR_NOTIFY) {
			struct vp_msg out = { .type = VP_NOTIFY_CLOSE };
			out.u.notify_id = id;
			agent_send(a, &out, -1);
		}
		closed(a, id, VP_NOTIFY_BY_CALL);
		notify_tell_shown(a);
	}
	return sd_bus_reply_method_return(m, "");
}

void notify_event(struct agent *a, const struct vp_notify_event *e)
{
	if (e->id == MONITORS_NOTE_ID && e->event == VP_NOTIFY_CLOSED)
		monitors_note_closed(); /* the agent's own (monitors.c) */
	struct note *l = a->notify ? live(a->notify, e->id) : NULL;
	if (!l)
		return; /* closed here already, or forgotten */
	if (e->event == VP_NOTIFY_CLOSED) {
		forget(l);
		closed(a, e->id, e->value);
		notify_tell_shown(a);
	} else if (e->value < l->nkeys) { /* VP_NOTIFY_ACTION */
		sd_bus_emit_signal(a->notify->bus, PATH, NAME, "ActionInvoked", "us", e->id,
				   l->keys[e->value]);
	}
}

static int on_caps(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)data, (void)e;
	return sd_bus_reply_method_return(m, "as", 2, "body", "actions");
}

static int on_info(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)data, (void)e;
	return sd_bus_reply_method_return(m, "ssss", "vitrine-agent", "vitrine", "1", "1.2");
}

static const sd_bus_vtable vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Notify", "susssasa{sv}i", "u", on_notify, 0),
	SD_BUS_METHOD("CloseNotification", "u", "", on_close, 0),
	SD_BUS_METHOD("GetCapabilities", "", "as", on_caps, 0),
	SD_BUS_METHOD("GetServerInformation", "", "ssss", on_info, 0),
	SD_BUS_SIGNAL("NotificationClosed", "uu", 0),
	SD_BUS_SIGNAL("ActionInvoked", "us", 0),
	SD_BUS_VTABLE_END,
};

static int named(sd_bus_message *m, void *data, sd_bus_error *e)
{
	(void)data, (void)e;
	const sd_bus_error *err = sd_bus_message_get_error(m);
	if (err)
		fprintf(stderr, "vitrine-agent: %s not owned: %s\n", NAME, err->message);
	return 0;
}

void notify_init(struct agent *a)
{
	if (!getenv("DBUS_SESSION_BUS_ADDRESS"))
		return; /* a domain without a session bus: no service, nothing to say */
	struct notify *n = calloc(1, sizeof(*n));
	if (!n)
		return;
	int r = sd_bus_open_user(&n->bus);
	if (r >= 0)
		r = sd_bus_add_object_vtable(n->bus, NULL, PATH, NAME, vtable, a);
	if (r >= 0)
		r = sd_bus_request_name_async(n->bus, NULL, NAME, 0, named, a);
	if (r < 0) {
		fprintf(stderr, "vitrine-agent: session bus: %s: no notifications\n", strerror(-r));
		sd_bus_unref(n->bus);
		free(n);
		return;
	}
	a->notify = n;
}

/* vitrine run's sandbox stays while a notification of ours is shown, its
 * applications gone (new-user trial 12 #2: `...; notify-send done` showed
 * nothing, the notification gone with the sandbox): 'n' when one is, 'z'
 * when none is any more; after each change of the notes. */
void notify_tell_shown(struct agent *a)
{
	bool any = false;
	for (unsigned i = 0; a->notify && i < LIVE; i++)
		any |= a->notify->live[i].id != 0;
	if (a->notes_fd > 2 && any != a->notes_said && write(a->notes_fd, any ? "n" : "z", 1) == 1)
		a->notes_said = any;
}

void notify_finish(struct agent *a)
{
	if (!a->notify)
		return;
	for (unsigned i = 0; i < LIVE; i++)
		forget(&a->notify->live[i]);
	sd_bus_flush_close_unref(a->notify->bus);
	free(a->notify);
	a->notify = NULL;
}

int notify_fd(struct agent *a)
{
	return a->notify ? sd_bus_get_fd(a->notify->bus) : -1;
}

short notify_events(struct agent *a)
{
	int ev = a->notify ? sd_bus_get_events(a->notify->bus) : 0;
	return (short)(ev < 0 ? POLLIN : ev);
}

void notify_process(struct agent *a)
{
	int r;
	while (a->notify && (r = sd_bus_process(a->notify->bus, NULL)) > 0)
		;
	if (a->notify && r < 0) {
		fprintf(stderr, "vitrine-agent: session bus lost (%s): no notifications\n",
			strerror(-r));
		notify_finish(a);
	}
}
