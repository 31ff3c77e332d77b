/* The spawner of domain processes (child.h): forked at start-up. */
#ifndef VITRINE_SPAWNER_H
#define VITRINE_SPAWNER_H

struct config;

/* Fork the spawner now, while the daemon holds nothing of any domain.
 * Returns the daemon's end of its socket (child_attach), or -1. */
int spawner_start(const struct config *cfg);

#endif
