/* Domains and daemon settings: from the command line or a libconfig file. */
#ifndef VITRINE_CONFIG_H
#define VITRINE_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/un.h>

#include "scale.h"

#define MAX_DOMAINS 64
#define DOMAIN_NAME_MAX 32

enum tint { TINT_NONE, TINT_LIGHT, TINT_STRONG };

struct quota {
	uint32_t windows;	  /* live windows */
	uint64_t buffer_bytes;	  /* mapped window buffers */
	uint32_t tx_bytes;	  /* queued daemon -> domain */
	uint32_t clipboard_bytes; /* one copy */
};

struct domain_config {
	char name[DOMAIN_NAME_MAX];
	int label; /* index into the palette */
	enum tint tint;
	bool utf8_titles;
	bool allow_fullscreen;
	bool pointer_privacy; /* pointer events only while focused */
	bool x11_copy;	      /* x11: copy damage into our own segment */
	bool or_protection;   /* the 90% rule for popups (policy.c; Qubes'
			       * override_redirect_protection): default on */
	char socket[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int32_t xen_domid; /* xen=DOMID: a Xen domain reached by vchan; else -1 */
	struct quota quota;
};

struct config {
	char backend[16];
	uint32_t width, height;
	char runtime_dir[96]; /* each socket's full path is checked on its own */
	bool verbose;
	char keyboard[160]; /* "rules;model;layout;variant;options" */
	int ndomains;
	struct domain_config domains[MAX_DOMAINS];
	char renderer[16]; /* --renderer: pixman (default) or gles2 (render.h) */
	/* --copy-sequence, --paste-sequence (Qubes' secure_copy_sequence,
	 * secure_paste_sequence): "" for the defaults, else checked already */
	char copy_seq[64], paste_seq[64];
	struct scale_rules scale; /* --scale: all monitors', each one's (scale.h) */
	char monitors[256];	  /* --monitors WxH+X+Y,...: the headless output's monitors */
	uint32_t refresh_mhz; /* --refresh HZ (mHz): windows' repaint cap; 0: the output's (pace.h)
			       */
};

struct label {
	const char *name;
	uint32_t rgb;
};
extern const struct label palette[];
extern const int palette_size;

/* Parse argv into cfg (after defaults). Returns 0, or -1 with a message
 * printed. */
int config_parse_args(struct config *cfg, int argc, char **argv);
/* Parse one --domain SPEC. 0 or -1 with *why. */
/* config-domain.c: a domain's defaults; one KEY=VALUE into it (NULL, else
 * why not); is a domain name 1-31 of [a-z0-9_-]? */
void config_domain_defaults(struct domain_config *d);
const char *config_domain_set(struct domain_config *d, const char *key, const char *val);
int config_name_ok(const char *s);
int config_parse_domain(struct domain_config *d, const char *spec, const char **why);
const char *tint_name(enum tint t);

#endif
