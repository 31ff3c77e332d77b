/*
 * The clipboard hotkeys as Qubes writes them (secure_copy_sequence,
 * secure_paste_sequence in guid.conf): "Ctrl-Shift-c", modifiers then one
 * key by its keysym name.
 */
#include "input.h"

#include <string.h>
#include <strings.h>
#include <xkbcommon/xkbcommon.h>

#define SHIFT 0x1u
#define CONTROL 0x4u
#define MOD1 0x8u
#define MOD4 0x40u

static const struct {
	const char *name;
	uint32_t mask;
} mods[] = {
	{ "Ctrl", CONTROL }, { "Control", CONTROL }, { "Shift", SHIFT }, { "Alt", MOD1 },
	{ "Mod1", MOD1 },    { "Mod4", MOD4 },	     { "Super", MOD4 },	 { "Win", MOD4 },
};

const char *input_parse_sequence(const char *s, struct input_seq *out)
{
	char buf[64];
	struct input_seq q = { 0, 0 };
	if (!s || strlen(s) >= sizeof(buf))
		return "a key sequence is MODIFIER-...-KEY, e.g. Ctrl-Shift-c";
	strcpy(buf, s);
	char *key = buf, *dash;
	/* "Ctrl-minus": the key's name never has a dash in it; a lone "-"
	 * key is written "minus" */
	while ((dash = strchr(key, '-'))) {
		*dash = '\0';
		uint32_t m = 0;
		for (size_t i = 0; i < sizeof(mods) / sizeof(mods[0]) && !m; i++)
			if (!strcasecmp(key, mods[i].name))
				m = mods[i].mask;
		if (!m)
			return "unknown modifier (Ctrl, Shift, Alt, Mod1, Mod4, Super)";
		q.mods |= m;
		key = dash + 1;
	}
	xkb_keysym_t sym = xkb_keysym_from_name(key, XKB_KEYSYM_NO_FLAGS);
	if (sym == XKB_KEY_NoSymbol)
		sym = xkb_keysym_from_name(key, XKB_KEYSYM_CASE_INSENSITIVE);
	if (sym == XKB_KEY_NoSymbol)
		return "unknown key name (an X keysym name: c, v, Insert, F12...)";
	/* Shift alone, or no modifier, would take a character away from
	 * every domain's typing */
	if (!(q.mods & (CONTROL | MOD1 | MOD4)))
		return "a key sequence needs Ctrl, Alt or Mod4";
	q.sym = xkb_keysym_to_lower(sym);
	*out = q;
	return NULL;
}

const char *input_check_sequences(const struct input_seq *copy, const struct input_seq *paste)
{
	const struct input_seq *q[] = { copy, paste };
	if (copy->mods == paste->mods && copy->sym == paste->sym)
		return "the copy and paste sequences are the same";
	for (int i = 0; i < 2; i++)
		if ((q[i]->mods == (CONTROL | MOD1 | SHIFT) && q[i]->sym == XKB_KEY_Escape) ||
		    (q[i]->mods == MOD1 && q[i]->sym == XKB_KEY_Tab))
			return "that sequence is the emergency hotkey's or Alt+Tab's";
	return NULL;
}
