/*
 * The settings a libconfig file may hold, checked by the daemon's --config
 * reader (config.c) and vitrine run's vitrine.conf reader
 * (tools/vitrine-config.c): a misspelt one ("lable") would otherwise be
 * ignored without a word, and the domain get the default label (new-user
 * trial 6). One list of names for both: a file written for one is read by
 * the other's rules too.
 */
#ifndef VITRINE_CONFIG_KEYS_H
#define VITRINE_CONFIG_KEYS_H

#include <libconfig.h>
#include <stddef.h>
#include <string.h>

/* at the top of the file, and in its group "global" (the sequences) */
static const char *const config_top_keys[] = { "domains",
					       "global",
					       "secure_copy_sequence",
					       "secure_paste_sequence",
					       "size",
					       "backend",
					       "renderer",
					       "scale",
					       "monitors",
					       NULL };
/* in an entry of "domains": the daemon's, Qubes' names, vitrine run's */
static const char *const config_domain_keys[] = { "name",
						  "label",
						  "tint",
						  "socket",
						  "utf8",
						  "allow_fullscreen",
						  "pointer",
						  "x11_copy",
						  "override_redirect_protection",
						  "xen",
						  "allow_utf8_titles",
						  "windows_count_limit",
						  "max_windows",
						  "max_clipboard_size",
						  "max_clipboard_kb",
						  "max_buffer_mb",
						  "net",
						  "home",
						  "ro",
						  "rw",
						  NULL };

static const char *const config_global_keys[] = { "secure_copy_sequence", "secure_paste_sequence",
						  NULL };

/* The first setting of group g whose name is not in known, or NULL. */
static inline config_setting_t *config_unknown_key(config_setting_t *g, const char *const *known)
{
	for (int i = 0; g && config_setting_is_group(g) && i < config_setting_length(g); i++) {
		config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(s);
		const char *const *k = known;
		while (*k && (!name || strcmp(*k, name)))
			k++;
		if (!*k)
			return s;
	}
	return NULL;
}

/* The first setting of the file lc that no reader knows, or NULL. */
static inline config_setting_t *config_unknown(config_t *lc)
{
	config_setting_t *bad = config_unknown_key(config_root_setting(lc), config_top_keys);
	if (!bad)
		bad = config_unknown_key(config_lookup(lc, "global"), config_global_keys);
	config_setting_t *list = config_lookup(lc, "domains");
	for (int i = 0; !bad && list && i < config_setting_length(list); i++)
		bad = config_unknown_key(config_setting_get_elem(list, (unsigned)i),
					 config_domain_keys);
	return bad;
}

#endif
