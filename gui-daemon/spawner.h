/* The spawner of domain processes (child.h): forked at start-up. */
#ifndef VITRINE_SPAWNER_H
#define VITRINE_SPAWNER_H

struct config;

#include <stddef.h>

/* Fork the spawner now, while the daemon holds nothing of any domain.
 * cmdline: the memory of the daemon's arguments (argv's strings, one after
 * the other), where each domain process writes its name for ps. Returns
 * the daemon's end of its socket (child_attach), or -1. */
int spawner_start(const struct config *cfg, char *cmdline, size_t cmdline_len);

#endif
