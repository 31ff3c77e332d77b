/*
 * Control-socket commands that add and remove domains at run time (what
 * `vitrine run` uses): add-domain NAME [KEY=VALUE]..., remove-domain NAME.
 *
 * A domain's configuration lives in srv->cfg.domains (MAX_DOMAINS slots;
 * struct domain points into it, and the domain processes are asked for by
 * slot). A domain added here takes the next unused slot, or a slot a removed
 * domain left (name ""), only once every slot was used: a reply about a
 * domain process of the removed domain, still on its way, finds no domain.
 */
#include "control.h"

#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "server.h"

/* The keys a domain added at run time may have: all but socket= (its socket
 * is the runtime directory's, as `vitrine run` expects) and xen= (the grant
 * device is opened before the daemon enters its sandbox). */
static const char *check_keys(const char *spec)
{
	const char *p = strchr(spec, ',');
	while (p) {
		p++;
		if (!strncmp(p, "socket=", 7) || !strncmp(p, "xen=", 4))
			return "socket= and xen= only on the daemon's command line";
		p = strchr(p, ',');
	}
	return NULL;
}

static struct domain_config *free_slot(struct config *cfg)
{
	if (cfg->ndomains < MAX_DOMAINS)
		return &cfg->domains[cfg->ndomains++];
	for (int i = 0; i < MAX_DOMAINS; i++)
		if (!cfg->domains[i].name[0])
			return &cfg->domains[i];
	return NULL;
}

static void release_slot(struct config *cfg, struct domain_config *dc)
{
	memset(dc, 0, sizeof(*dc));
	while (cfg->ndomains > 0 && !cfg->domains[cfg->ndomains - 1].name[0])
		cfg->ndomains--;
}

static const char *add_domain(struct server *srv, char *arg)
{
	struct domain_config dc;
	const char *why;
	char spec[512];
	if (!arg || !*arg)
		return "add-domain NAME [label=COLOUR] [tint=none|light|strong] [KEY=VALUE]...";
	if (strlen(arg) >= sizeof(spec))
		return "domain spec too long";
	/* NAME KEY=VALUE...: the --domain SPEC, with spaces for commas */
	strcpy(spec, arg);
	for (char *p = spec; *p; p++)
		if (*p == ' ')
			*p = ',';
	if ((why = check_keys(spec)) || config_parse_domain(&dc, spec, &why) < 0)
		return why;
	if (control_find_domain(srv, dc.name))
		return "a domain of that name exists";
	if (srv->ndomains >= MAX_DOMAINS)
		return "too many domains (at most 64)";
	if (snprintf(dc.socket, sizeof(dc.socket), "%s/domain-%s.sock", srv->cfg.runtime_dir,
		     dc.name) >= (int)sizeof(dc.socket))
		return "socket path too long";
	struct domain_config *slot = free_slot(&srv->cfg);
	if (!slot)
		return "too many domains (at most 64)";
	*slot = dc;
	struct domain *d = domain_create(srv, slot);
	if (!d) {
		release_slot(&srv->cfg, slot);
		return "out of memory";
	}
	if (domain_listen(d) < 0) {
		domain_destroy(d);
		release_slot(&srv->cfg, slot);
		return "cannot listen on its socket";
	}
	srv->domains[srv->ndomains++] = d;
	vlog("domain %s added (label %s, tint %s; windows %u, clipboard %u bytes, fullscreen %d, "
	     "utf8 titles %d, override-redirect protection %d)",
	     dc.name, palette[dc.label].name, tint_name(dc.tint), dc.quota.windows,
	     dc.quota.clipboard_bytes, dc.allow_fullscreen, dc.utf8_titles, dc.or_protection);
	return NULL;
}

static const char *remove_domain(struct server *srv, const char *arg)
{
	struct domain *d = arg ? control_find_domain(srv, arg) : NULL;
	if (!arg || !*arg)
		return "remove-domain NAME";
	if (!d)
		return "no such domain";
	/* a closer thread still holds &d->closing (closer.h) */
	if (atomic_load(&d->closing))
		return "its hostile descriptors are still closing; try again";
	struct domain_config *dc = (struct domain_config *)d->cfg;
	char name[DOMAIN_NAME_MAX];
	snprintf(name, sizeof(name), "%s", dc->name);
	/* out of the list, disconnected, its windows closed, its socket removed */
	domain_destroy(d);
	if (dc >= srv->cfg.domains && dc < srv->cfg.domains + MAX_DOMAINS)
		release_slot(&srv->cfg, dc); /* (the fuzzer's domains are its own) */
	vlog("domain %s removed", name);
	return NULL;
}

int control_domain_command(struct server *srv, const char *cmd, char *arg, const char **err)
{
	if (!strcmp(cmd, "add-domain"))
		*err = add_domain(srv, arg);
	else if (!strcmp(cmd, "remove-domain"))
		*err = remove_domain(srv, arg);
	else
		return 0;
	return *err ? -1 : 1;
}
