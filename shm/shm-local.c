/* Local window buffers: sealed memfds passed over the domain's socket. */
#include "shm.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#define REQUIRED_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)

int vshm_local_create(size_t size)
{
	int fd = memfd_create("vitrine-window", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)size) < 0 || fcntl(fd, F_ADD_SEALS, REQUIRED_SEALS) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int local_map(struct vshm_map *m, const struct vp_buffer *b, int fd, const char **why)
{
	struct stat st;
	uint64_t need = vp_buffer_bytes(b); /* both frames of an X2 buffer */
	if (fd < 0) {
		*why = "local buffer without a file descriptor";
		return -1;
	}
	int seals = fcntl(fd, F_GET_SEALS);
	if (seals < 0) {
		*why = "buffer is not a sealable memfd";
		return -1;
	}
	if ((seals & REQUIRED_SEALS) != REQUIRED_SEALS) {
		*why = "buffer not sealed against shrink, grow and sealing";
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*why = "buffer is not a regular memfd";
		return -1;
	}
	/* shmem's only: a hugetlbfs memfd (MFD_HUGETLB) seals too, but a hole
	 * punched in it faults in a huge page at our read, and with none free
	 * the read is a SIGBUS (hostile-domain trial 18 F1: the daemon died) */
	struct statfs fs;
	if (fstatfs(fd, &fs) < 0 || fs.f_type != TMPFS_MAGIC) {
		*why = "buffer is not a memfd of shared memory (huge pages?)";
		return -1;
	}
	if (need == 0 || (uint64_t)st.st_size < need) {
		*why = "buffer smaller than stride * height * frames";
		return -1;
	}
	/* Nor larger (by more than the page it ends in): the x11 backend hands
	 * this descriptor to the desktop X server, which maps the whole file,
	 * so a sparse 40 TiB memfd would choose how much address space a
	 * trusted process takes (hostile-domain trial, 2026-12-01). */
	if ((uint64_t)st.st_size > ((need + 4095u) & ~(uint64_t)4095u)) {
		*why = "buffer larger than stride * height * frames";
		return -1;
	}
	void *p = mmap(NULL, (size_t)need, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		*why = "buffer cannot be mapped";
		return -1;
	}
	/* Kept for backends that hand the buffer on (x11). If the daemon is
	 * out of descriptors that is not the guest's fault: the mapping works
	 * without one, and such backends copy instead. */
	m->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	m->data = p;
	m->size = (size_t)need;
	return 0;
}

static void local_unmap(struct vshm_map *m)
{
	munmap((void *)m->data, m->size);
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

const struct vshm_ops vshm_local_ops = {
	.name = "local",
	.kind = VP_BUF_LOCAL,
	.open = NULL,
	.map = local_map,
	.unmap = local_unmap,
};
