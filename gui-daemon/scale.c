/* The scale of each output: the user's rules (scale.h). */
#include "scale.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

unsigned scale_parse(const char *str)
{
	char *end;
	double v = strtod(str, &end);
	if (end == str)
		return 0;
	if (*end == '%')
		v /= 100.0, end++;
	if (*end || !(v * 100.0 >= SCALE_MIN && v * 100.0 <= SCALE_MAX))
		return 0;
	return (unsigned)(v * 100.0 + 0.5);
}

static bool name_ok(const char *s, size_t n)
{
	if (n == 0 || n >= SCALE_NAME)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-",
			    s[i]))
			return false;
	return true;
}

int scale_rules_set(struct scale_rules *r, const char *name, unsigned percent)
{
	if (!name_ok(name, strlen(name)) || percent < SCALE_MIN || percent > SCALE_MAX)
		return -1;
	unsigned i = 0;
	while (i < r->n && strcasecmp(r->one[i].name, name))
		i++;
	if (i == SCALE_RULES)
		return -1;
	strcpy(r->one[i].name, name);
	r->one[i].percent = percent;
	r->n += i == r->n;
	return 0;
}

int scale_rules_parse(struct scale_rules *r, const char *s)
{
	struct scale_rules t = *r;
	char item[64];
	if (!*s)
		return -1;
	while (*s) {
		size_t n = strcspn(s, ",");
		if (n == 0 || n >= sizeof(item))
			return -1;
		memcpy(item, s, n);
		item[n] = '\0';
		s += n;
		if (*s == ',' && !*++s)
			return -1; /* a trailing comma */
		char *eq = strchr(item, '=');
		unsigned p = scale_parse(eq ? eq + 1 : item);
		if (!p)
			return -1;
		if (eq) {
			*eq = '\0';
			if (scale_rules_set(&t, item, p) < 0)
				return -1;
		} else {
			t.all = p;
		}
	}
	*r = t;
	return 0;
}

unsigned scale_rules_of(const struct scale_rules *r, const char *name)
{
	for (unsigned i = 0; i < r->n; i++)
		if (!strcasecmp(r->one[i].name, name))
			return r->one[i].percent;
	return r->all ? r->all : 100;
}
