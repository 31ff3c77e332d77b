/* The inter-domain clipboard, moved only by the user (see clipboard.h). */
#include "clipboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "notice.h"
#include "server.h"

void clipboard_copy(struct server *srv, struct domain *d)
{
	struct clipboard *cb = &srv->clipboard;
	struct vp_msg m = { .type = VP_CLIPBOARD_REQUEST };
	cb->pending = d;
	cb->asked_ms = now_ms();
	m.u.clip.serial = ++cb->serial;
	domain_send(d, &m);
}

void clipboard_paste(struct server *srv, struct domain *d)
{
	struct clipboard *cb = &srv->clipboard;
	if (!cb->source[0]) {
		server_notice(srv, "nothing to paste into %s: the clipboard is empty",
			      d->cfg->name);
		return;
	}
	struct vp_msg m = { .type = VP_CLIPBOARD_PASTE };
	m.u.clip.text = (struct vp_string){ (uint32_t)cb->len, cb->data };
	domain_send(d, &m);
	vlog("clipboard: %zu bytes from %s pasted into %s", cb->len, cb->source, d->cfg->name);
	server_notice(
		srv,
		"pasted %zu byte%s into %s's clipboard: paste it there (Ctrl+V; in a terminal "
		"Shift+Insert)",
		cb->len, cb->len == 1 ? "" : "s", d->cfg->name);
	/* one paste per copy, as Qubes users know it */
	free(cb->data);
	cb->data = NULL;
	cb->len = 0;
	cb->source[0] = '\0';
}

void clipboard_data(struct server *srv, struct domain *d, const struct vp_clipboard *c)
{
	struct clipboard *cb = &srv->clipboard;
	if (cb->pending != d || c->serial != cb->serial) {
		/* late, unasked for, or answering an older request (ATTACKS 13);
		 * a domain can repeat it at will: rate-limited (ATTACKS 19) */
		domain_refuse(d, RL_CLIPBOARD, "clipboard data nobody asked for dropped");
		return;
	}
	cb->pending = NULL;
	uint64_t late = now_ms() - cb->asked_ms;
	if (late > CLIPBOARD_ANSWER_MS) {
		vlog("domain %s: its clipboard came %llu ms after the copy; dropped", d->cfg->name,
		     (unsigned long long)late);
		server_notice(srv, "copy from %s dropped: it answered %llu s late; copy again",
			      d->cfg->name, (unsigned long long)(late / 1000));
		return;
	}
	if (c->text.len > d->cfg->quota.clipboard_bytes) {
		vlog("domain %s: clipboard quota (%u bytes) exceeded; copy refused", d->cfg->name,
		     d->cfg->quota.clipboard_bytes);
		server_notice(srv, "copy from %s refused: over its clipboard quota (%u bytes)",
			      d->cfg->name, d->cfg->quota.clipboard_bytes);
		return;
	}
	if (!vp_utf8_valid(c->text.bytes, c->text.len)) {
		vlog("domain %s: clipboard is not UTF-8 text; copy refused", d->cfg->name);
		server_notice(srv, "copy from %s refused: not UTF-8 text", d->cfg->name);
		return;
	}
	if (c->text.len == 0) {
		/* nothing selected there: what the clipboard holds stays */
		vlog("clipboard: nothing to copy from %s%s%s", d->cfg->name,
		     cb->source[0] ? "; it still holds the copy from " : "", cb->source);
		if (cb->source[0])
			server_notice(
				srv,
				"nothing to copy from %s; the clipboard keeps %zu bytes from %s",
				d->cfg->name, cb->len, cb->source);
		else
			server_notice(srv, "nothing to copy from %s", d->cfg->name);
		return;
	}
	/* exactly the new bytes: nothing of an older, longer copy survives */
	uint8_t *copy = malloc(c->text.len ? c->text.len : 1);
	if (!copy)
		return;
	memcpy(copy, c->text.bytes, c->text.len);
	free(cb->data);
	cb->data = copy;
	cb->len = c->text.len;
	snprintf(cb->source, sizeof(cb->source), "%s", d->cfg->name);
	vlog("clipboard: %zu bytes copied from %s", cb->len, cb->source);
	server_notice(srv, "copied %zu byte%s from %s", cb->len, cb->len == 1 ? "" : "s",
		      cb->source);
}

void clipboard_domain_gone(struct server *srv, struct domain *d)
{
	if (srv->clipboard.pending == d)
		srv->clipboard.pending = NULL;
}

void clipboard_finish(struct clipboard *cb)
{
	free(cb->data);
	memset(cb, 0, sizeof(*cb));
}
