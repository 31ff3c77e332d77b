/* A domain's configuration: the label palette, defaults, and one key at a
 * time, from a --domain SPEC or a config file's entry (config.c). */
#include "config.h"

#include "protocol/proto.h"
#include "shm/shm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct label palette[] = {
	{ "red", 0xcc0000 },  { "orange", 0xf57900 }, { "yellow", 0xedd400 }, { "green", 0x73d216 },
	{ "gray", 0x555753 }, { "blue", 0x3465a4 },   { "purple", 0x75507b }, { "black", 0x000000 },
};
const int palette_size = sizeof(palette) / sizeof(palette[0]);

static const struct quota default_quota = {
	.windows = 256,
	.buffer_bytes = 512ull << 20,
	.tx_bytes = 1u << 20,
	.clipboard_bytes = 64u << 10,
};

const char *tint_name(enum tint t)
{
	return t == TINT_STRONG ? "strong" : t == TINT_LIGHT ? "light" : "none";
}

static int parse_tint(const char *s, enum tint *t)
{
	for (int i = TINT_NONE; i <= TINT_STRONG; i++)
		if (!strcmp(s, tint_name((enum tint)i))) {
			*t = (enum tint)i;
			return 0;
		}
	return -1;
}

static int parse_label(const char *s)
{
	for (int i = 0; i < palette_size; i++)
		if (!strcmp(s, palette[i].name))
			return i;
	return -1;
}

int config_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= DOMAIN_NAME_MAX)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

void config_domain_defaults(struct domain_config *d)
{
	memset(d, 0, sizeof(*d));
	d->label = 4;	   /* gray */
	d->xen_domid = -1; /* VSHM_NO_DOMID: a local domain */
	d->quota = default_quota;
	d->utf8_titles = true; /* filtered by Unicode properties (sanitize.c) */
	d->or_protection = true;
}

/* One key=value of a domain. */
const char *config_domain_set(struct domain_config *d, const char *key, const char *val)
{
	if (!strcmp(key, "label")) {
		if ((d->label = parse_label(val)) < 0)
			return "unknown label colour (red orange yellow green gray blue purple "
			       "black)";
	} else if (!strcmp(key, "tint")) {
		if (parse_tint(val, &d->tint) < 0)
			return "tint must be none, light or strong";
	} else if (!strcmp(key, "socket")) {
		if (strlen(val) >= sizeof(d->socket))
			return "socket path too long";
		strcpy(d->socket, val);
	} else if (!strcmp(key, "xen")) {
		if (!vshm_xen_available())
			return "xen= needs a daemon built with Xen support (libxen-dev)";
		char *end;
		errno = 0;
		long id = strtol(val, &end, 10);
		/* 1 .. DOMID_FIRST_RESERVED - 1 (0x7ff0): dom0 shows no windows */
		if (errno || end == val || *end || id < 1 || id >= 0x7ff0)
			return "xen must be a guest domid (1-32751)";
		d->xen_domid = (int32_t)id;
	} else if (!strcmp(key, "utf8")) {
		d->utf8_titles = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "x11_copy")) {
		d->x11_copy = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "allow_fullscreen")) {
		d->allow_fullscreen = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "override_redirect_protection")) {
		d->or_protection = !strcmp(val, "1") || !strcmp(val, "true");
	} else if (!strcmp(key, "pointer")) {
		if (strcmp(val, "focused") && strcmp(val, "under"))
			return "pointer must be focused or under";
		d->pointer_privacy = !strcmp(val, "focused");
	} else if (!strcmp(key, "max_windows")) {
		d->quota.windows = (uint32_t)strtoul(val, NULL, 10);
	} else if (!strcmp(key, "max_clipboard_kb")) {
		d->quota.clipboard_bytes = (uint32_t)strtoul(val, NULL, 10) << 10;
		if (d->quota.clipboard_bytes > VP_MAX_CLIPBOARD)
			return "max_clipboard_kb is at most 256";
	} else if (!strcmp(key, "max_buffer_mb")) {
		d->quota.buffer_bytes = (uint64_t)strtoul(val, NULL, 10) << 20;
	} else {
		return "unknown domain setting";
	}
	return NULL;
}

int config_parse_domain(struct domain_config *d, const char *spec, const char **why)
{
	char buf[512];
	if (strlen(spec) >= sizeof(buf)) {
		*why = "domain spec too long";
		return -1;
	}
	strcpy(buf, spec);
	config_domain_defaults(d);
	char *save = NULL;
	char *tok = strtok_r(buf, ",", &save);
	if (!tok || !config_name_ok(tok)) {
		*why = "domain name must be 1-31 of [a-z0-9_-]";
		return -1;
	}
	strcpy(d->name, tok);
	while ((tok = strtok_r(NULL, ",", &save))) {
		char *eq = strchr(tok, '=');
		if (!eq) {
			*why = "expected key=value";
			return -1;
		}
		*eq = '\0';
		if ((*why = config_domain_set(d, tok, eq + 1)))
			return -1;
	}
	return 0;
}
