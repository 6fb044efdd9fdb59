/*
 * spool.c - the memory ring and the spool file behind it. File records
 * are a 4-byte length (host order: the file never leaves this process)
 * and the bytes. When everything in the file has been read back, the
 * file is truncated to nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/spool.h"

struct spool_msg {
	char *p;
	size_t len;
};

struct nj_spool {
	struct spool_msg *ring;
	size_t mem_max, head, n;
	char *path;
	int fd;                    /* -1: no file */
	uint64_t file_max, wr, rd; /* file offsets */
	uint64_t file_msgs, spilled, dropped;
};

struct nj_spool *
nj_spool_new(size_t mem_max, const char *file, uint64_t file_max)
{
	struct nj_spool *sp;

	if ((sp = calloc(1, sizeof(*sp))) == NULL)
		return NULL;
	sp->mem_max = mem_max > 0 ? mem_max : 1;
	sp->fd = -1;
	if ((sp->ring = calloc(sp->mem_max, sizeof(*sp->ring))) == NULL)
		goto fail;
	if (file != NULL) {
		if ((sp->path = strdup(file)) == NULL)
			goto fail;
		/* A spool left by an earlier run is not ours to replay. */
		sp->fd = open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (sp->fd == -1) {
			log_warn("spool file %s", file);
			goto fail;
		}
		sp->file_max = file_max;
	}
	return sp;
fail:
	nj_spool_free(sp);
	return NULL;
}

void
nj_spool_free(struct nj_spool *sp)
{
	size_t i;

	if (sp == NULL)
		return;
	if (sp->ring != NULL)
		for (i = 0; i < sp->n; i++)
			free(sp->ring[(sp->head + i) % sp->mem_max].p);
	free(sp->ring);
	if (sp->fd != -1) {
		close(sp->fd);
		unlink(sp->path);
	}
	free(sp->path);
	free(sp);
}

static int
mem_push(struct nj_spool *sp, const char *msg, size_t len)
{
	struct spool_msg *m = &sp->ring[(sp->head + sp->n) % sp->mem_max];

	if ((m->p = malloc(len > 0 ? len : 1)) == NULL)
		return -1;
	memcpy(m->p, msg, len);
	m->len = len;
	sp->n++;
	return 0;
}

static int
file_push(struct nj_spool *sp, const char *msg, size_t len)
{
	uint32_t l = (uint32_t)len;

	if (sp->fd == -1 || sp->wr + sizeof(l) + len > sp->file_max)
		return -1;
	if (pwrite(sp->fd, &l, sizeof(l), (off_t)sp->wr) != (ssize_t)sizeof(l) ||
	    pwrite(sp->fd, msg, len, (off_t)(sp->wr + sizeof(l))) !=
	    (ssize_t)len)
		return -1;
	sp->wr += sizeof(l) + len;
	sp->file_msgs++;
	sp->spilled++;
	return 0;
}

int
nj_spool_push(struct nj_spool *sp, const char *msg, size_t len)
{
	if (sp->file_msgs == 0 && sp->n < sp->mem_max &&
	    mem_push(sp, msg, len) == 0)
		return 0;
	if (file_push(sp, msg, len) == 0)
		return 0;
	sp->dropped++;
	return -1;
}

/* Moves records from the file into the (empty) ring, oldest first. */
static void
file_refill(struct nj_spool *sp)
{
	uint32_t l;
	char *p;

	while (sp->file_msgs > 0 && sp->n < sp->mem_max) {
		if (pread(sp->fd, &l, sizeof(l), (off_t)sp->rd) !=
		    (ssize_t)sizeof(l) || (p = malloc(l > 0 ? l : 1)) == NULL)
			break;
		if (pread(sp->fd, p, l, (off_t)(sp->rd + sizeof(l))) !=
		    (ssize_t)l) {
			free(p);
			break;
		}
		sp->ring[(sp->head + sp->n) % sp->mem_max].p = p;
		sp->ring[(sp->head + sp->n) % sp->mem_max].len = l;
		sp->n++;
		sp->rd += sizeof(l) + l;
		sp->file_msgs--;
	}
	if (sp->file_msgs > 0 && sp->n == 0) {
		/* Unreadable spool: count what it held as lost, start over. */
		log_warnx("spool file %s unreadable: %llu alerts lost",
		    sp->path, (unsigned long long)sp->file_msgs);
		sp->dropped += sp->file_msgs;
		sp->file_msgs = 0;
	}
	if (sp->file_msgs == 0) {
		sp->rd = sp->wr = 0;
		if (ftruncate(sp->fd, 0) == -1)
			log_warn("spool file %s", sp->path);
	}
}

const char *
nj_spool_peek(struct nj_spool *sp, size_t *len)
{
	if (sp->n == 0 && sp->file_msgs > 0)
		file_refill(sp);
	if (sp->n == 0)
		return NULL;
	*len = sp->ring[sp->head].len;
	return sp->ring[sp->head].p;
}

void
nj_spool_pop(struct nj_spool *sp)
{
	if (sp->n == 0)
		return;
	free(sp->ring[sp->head].p);
	sp->ring[sp->head].p = NULL;
	sp->head = (sp->head + 1) % sp->mem_max;
	sp->n--;
}

void
nj_spool_counters(const struct nj_spool *sp, struct nj_spool_counters *c)
{
	c->queued = sp->n + sp->file_msgs;
	c->in_file = sp->file_msgs;
	c->file_bytes = sp->wr - sp->rd;
	c->spilled = sp->spilled;
	c->dropped = sp->dropped;
}
