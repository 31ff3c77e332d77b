/* Closing hostile descriptors off the event loop (see closer.h). */
#include "closer.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "server.h"

bool fd_is_memfd(int fd)
{
	return fcntl(fd, F_GET_SEALS) >= 0;
}

struct drop {
	int fd;
	atomic_uint *pending;
};

static void *close_thread(void *arg)
{
	struct drop *d = arg;
	close(d->fd); /* may wait as long as the object wants: only we wait */
	atomic_fetch_sub(d->pending, 1);
	free(d);
	return NULL;
}

void closer_drop(int fd, atomic_uint *pending)
{
	static bool warned;
	pthread_attr_t attr;
	pthread_t t;
	struct drop *d = malloc(sizeof(*d));
	atomic_fetch_add(pending, 1);
	if (d) {
		d->fd = fd;
		d->pending = pending;
	}
	if (d && pthread_attr_init(&attr) == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_attr_setstacksize(&attr, 256 * 1024);
		int rc = pthread_create(&t, &attr, close_thread, d);
		pthread_attr_destroy(&attr);
		if (rc == 0)
			return;
	}
	/* No thread: keep the descriptor open (it stays counted as pending,
	 * so its domain stays refused) rather than wait for it here. */
	free(d);
	if (!warned)
		vlog("closer: cannot start a thread; a hostile descriptor is kept open");
	warned = true;
}
