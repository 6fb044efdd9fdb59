/*
 * pidfile.c - the -P pidfile: created without following symlinks, kept
 * locked while nightjar runs, so a stale one is told from a live one.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/daemon.h"
#include "sensor/log.h"

#define PIDFILE_TRIES 3

/* Opens (creating if absent) and locks the file; -1 with errno. */
static int
open_locked(int dirfd, const char *name, const char *path)
{
	struct stat a, b;
	char buf[32];
	ssize_t n;
	int fd, i;

	/*
	 * A holder may unlink the file between our open and our lock;
	 * then the lock is on a dead inode, so compare and retry.
	 */
	for (i = 0; i < PIDFILE_TRIES; i++) {
		if ((fd = openat(dirfd, name, O_RDWR | O_CREAT | O_NOFOLLOW |
		    O_CLOEXEC, 0644)) == -1) {
			log_warn("%s", path);
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			if (errno != EWOULDBLOCK) {
				log_warn("%s: lock", path);
				close(fd);
				return -1;
			}
			n = pread(fd, buf, sizeof(buf) - 1, 0);
			buf[n > 0 ? n : 0] = '\0';
			buf[strcspn(buf, "\n")] = '\0';
			log_warnx("%s: already running (pid %s)", path,
			    buf[0] != '\0' ? buf : "unknown");
			close(fd);
			return -1;
		}
		if (fstat(fd, &a) == 0 &&
		    fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			if (!S_ISREG(a.st_mode)) {
				log_warnx("%s: not a regular file", path);
				close(fd);
				return -1;
			}
			return fd;
		}
		close(fd);
	}
	log_warnx("%s: keeps changing under us", path);
	return -1;
}

int
nj_pidfile_create(struct nj_daemon *d, const char *path)
{
	char *dcopy, *bcopy, line[32];
	int len, fd, dirfd = -1;

	if ((dcopy = strdup(path)) == NULL || (bcopy = strdup(path)) == NULL) {
		free(dcopy);
		log_warn("%s", path);
		return -1;
	}
	if ((dirfd = open(dirname(dcopy), O_PATH | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		log_warn("%s: directory", path);
		goto fail;
	}
	if ((d->pid_name = strdup(basename(bcopy))) == NULL) {
		log_warn("%s", path);
		goto fail;
	}
	if ((fd = open_locked(dirfd, d->pid_name, path)) == -1)
		goto fail;
	len = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, line, (size_t)len, 0) != len) {
		log_warn("%s: write", path);
		close(fd);
		goto fail;
	}
	d->pid_fd = fd;
	d->pid_dir_fd = dirfd;
	free(dcopy);
	free(bcopy);
	return 0;
fail:
	if (dirfd != -1)
		close(dirfd);
	free(d->pid_name);
	d->pid_name = NULL;
	free(dcopy);
	free(bcopy);
	return -1;
}
