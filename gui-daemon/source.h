/* What the event loop watches: a descriptor and its handler (server.h). */
#ifndef VITRINE_SOURCE_H
#define VITRINE_SOURCE_H

#include <stdint.h>

struct source {
	int fd;
	void (*handle)(struct source *src, uint32_t events);
};

#endif
