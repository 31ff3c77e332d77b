/* Trusted notices (notice.h). For now each is logged; drawing comes next. */
#include <stdarg.h>
#include <stdio.h>

#include "notice.h"
#include "server.h"

void server_notice(struct server *srv, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	(void)srv;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	vlog("notice: %s", text);
}
