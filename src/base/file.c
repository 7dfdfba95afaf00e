/*
 * file.c - files whole: read into memory, mapped, and written atomically
 * (file_replace: the one writer of outputs).
 */
#define _GNU_SOURCE	/* O_TMPFILE, AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base.h"

#define WRITE_BUF	(64 * 1024)	/* bytes a write(2) of a file, at most */

/*
 * The whole of f, NUL-terminated (*len bytes before the NUL): in one
 * buffer of the file's size when it is a regular file (a read of nothing
 * more then finds the end), else growing as it comes.
 */
static char *
xslurp(FILE *f, size_t max, size_t *len)
{
	struct stat st;
	char *buf, more[4096];
	size_t cap = 65536, n;
	int err;

	*len = 0;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0) {
		if ((uintmax_t)st.st_size > max) {
			errno = EFBIG;
			return NULL;
		}
		cap = (size_t)st.st_size + 1;
	}
	buf = xmalloc(cap);
	*len = 0;
	for (;;) {
		if (*len + 1 < cap)
			n = fread(buf + *len, 1, cap - 1 - *len, f);
		else if ((n = fread(more, 1, sizeof(more), f)) > 0) {
			/* longer than it was, or not a regular file */
			if (*len + n > max) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			cap = (cap + n) * 2;
			buf = xrealloc(buf, cap);
			memcpy(buf + *len, more, n);
		}
		if (n == 0)
			break;
		*len += n;
	}
	if (ferror(f)) {
		err = errno != 0 ? errno : EIO;
		free(buf);
		errno = err;
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

const char *
file_strerror(int err)
{
	return err == FILE_ENOTREG ? "not a regular file" : strerror(err);
}

/*
 * path opened for reading if it is a regular file: a FIFO or a device is
 * refused without waiting for a writer (O_NONBLOCK, then checked).
 */
static int
open_regular(const char *path)
{
	struct stat st;
	int fd, fl;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : FILE_ENOTREG;
		close(fd);
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

void *
map_file(const char *path, size_t max, size_t *len)
{
	struct stat st;
	void *p;
	int fd, err;

	*len = 0;
	if ((fd = open_regular(path)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > max) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	err = errno;
	close(fd);
	/* no room for it is out of memory, not a file that cannot be read */
	if (p == MAP_FAILED && err == ENOMEM)
		tl_oom();
	if (p == MAP_FAILED) {
		errno = err;
		return NULL;
	}
	*len = (size_t)st.st_size;
	return p;
}

char *
file_slurp(const char *path, size_t *len)
{
	return file_slurp_max(path, SIZE_MAX / 2, len);
}

char *
file_slurp_max(const char *path, size_t max, size_t *len)
{
	FILE *f;
	char *buf;
	int err, fd;

	*len = 0;
	if ((fd = open_regular(path)) < 0)
		return NULL;
	if ((f = fdopen(fd, "rb")) == NULL) {
		err = errno;
		close(fd);
		errno = err;
		return NULL;
	}
	buf = xslurp(f, max, len);
	err = errno;
	fclose(f);
	errno = err;
	return buf;
}

/*
 * Where a write to path lands: path itself, or the file its symbolic
 * links name (followed even when the last one dangles, so that the link
 * stays a link).  Owned by the caller; NULL when a link cannot be read.
 */
static char *
link_target(const char *path)
{
	char *cur = xstrdup(path), buf[4096], *next;
	struct stat sb;
	ssize_t n;
	int hops;

	for (hops = 0; hops < 40; hops++) {
		if (lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode))
			return cur;
		if ((n = readlink(cur, buf, sizeof(buf) - 1)) < 0)
			break;
		buf[n] = '\0';
		if (buf[0] == '/' || strchr(cur, '/') == NULL)
			next = xstrdup(buf);
		else {
			size_t dir = (size_t)(strrchr(cur, '/') - cur) + 1;

			next = xmalloc(dir + (size_t)n + 1);
			memcpy(next, cur, dir);
			memcpy(next + dir, buf, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

/* The folder of path, for fsync: "." when it has none. */
static int
open_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = xmalloc((size_t)(slash - path) + 2);
	memcpy(dir, path, (size_t)(slash - path) + (slash == path));
	dir[(size_t)(slash - path) + (slash == path)] = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	return fd;
}

/* A name beside real for a temporary: real.tmpXXXXXX. */
static void
temp_name(const char *real, char *tmp, unsigned long long *r)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	size_t n = strlen(real), k;

	memcpy(tmp, real, n);
	memcpy(tmp + n, ".tmp", 4);
	for (k = 0; k < 6; k++) {
		*r = *r * 6364136223846793005ULL + 1442695040888963407ULL;
		tmp[n + 4 + k] = digits[(*r >> 33) % 36];
	}
	tmp[n + 10] = '\0';
}

/*
 * The unnamed file fd given a temporary name beside real (in tmp): through
 * /proc/self/fd, or with AT_EMPTY_PATH where the process may.
 */
static int
link_in(int fd, const char *real, char *tmp, unsigned long long *r)
{
	char proc[64];
	int tries, rc = -1;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (tries = 0; tries < 100; tries++) {
		temp_name(real, tmp, r);
		if ((rc = linkat(AT_FDCWD, proc, AT_FDCWD, tmp,
		    AT_SYMLINK_FOLLOW)) != 0 && errno != EEXIST)
			rc = linkat(fd, "", AT_FDCWD, tmp, AT_EMPTY_PATH);
		if (rc == 0 || errno != EEXIST)
			break;
	}
	return rc;
}

/*
 * Run fn on f, then flush and close it; 0, or -1 with a message.  The
 * writes go out WRITE_BUF bytes at a time (stdio's own buffer is a
 * page: a PDF of a few pages took a system call each).
 */
static int
write_through(FILE *f, const char *name, file_writer fn, void *ctx,
    struct diag *d, int sync)
{
	char *buf = malloc(WRITE_BUF);
	int rc;

	if (buf != NULL)
		(void)setvbuf(f, buf, _IOFBF, WRITE_BUF);
	rc = fn(ctx, f, name);

	if (rc == 0 && (fflush(f) != 0 || (sync && fsync(fileno(f)) != 0))) {
		diag_emit(d, DIAG_IO, name, 0, 0, "%s", strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		diag_emit(d, DIAG_IO, name, 0, 0, "%s", strerror(errno));
		rc = -1;
	}
	free(buf);
	return rc;
}

int
file_replace(const char *path, file_writer fn, void *ctx, struct diag *d)
{
	struct stat sb;
	struct timespec ts;
	char *real, *tmp;
	unsigned long long r;
	int fd = -1, keep = -1, dfd, anon = 0, rc, tries, old;
	FILE *f;

	if (strcmp(path, "-") == 0) {
		if ((fd = dup(STDOUT_FILENO)) < 0 ||
		    (f = fdopen(fd, "wb")) == NULL) {
			if (fd >= 0)
				close(fd);
			diag_emit(d, DIAG_IO, "standard output", 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		return write_through(f, "standard output", fn, ctx, d, 0);
	}
	if ((real = link_target(path)) == NULL) {
		diag_emit(d, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	old = stat(real, &sb) == 0;
	if (old && !S_ISREG(sb.st_mode)) {
		/* a device or a pipe: written in place, never replaced */
		if ((f = fopen(real, "wb")) == NULL) {
			diag_emit(d, DIAG_IO, path, 0, 0, "%s",
			    strerror(errno));
			free(real);
			return -1;
		}
		free(real);
		return write_through(f, path, fn, ctx, d, 0);
	}
	/*
	 * An unnamed file in the folder (O_TMPFILE), given a name only once
	 * it is complete and synced, then renamed over the old one: nothing
	 * is left behind whatever stops the program (SIGKILL too) but in
	 * the moment between the two calls.  Where the file system has no
	 * unnamed files, a named temporary, made only now that the PDF is.
	 */
	tmp = xmalloc(strlen(real) + 16);
	clock_gettime(CLOCK_REALTIME, &ts);
	r = (unsigned long long)ts.tv_nsec ^ (unsigned long long)getpid() << 20;
	if ((dfd = open_dir_of(real)) >= 0) {
		fd = openat(dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
		anon = fd >= 0;
	}
	for (tries = 0; !anon && tries < 100 && fd < 0; tries++) {
		temp_name(real, tmp, &r);
		/* a new file gets the umask's mode, as any other would */
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0 || (keep = dup(fd)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		diag_emit(d, DIAG_IO, path, 0, 0, "cannot create a temporary "
		    "file beside it: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			if (!anon)
				unlink(tmp);
		}
		if (keep >= 0)
			close(keep);
		if (dfd >= 0)
			close(dfd);
		free(tmp);
		free(real);
		return -1;
	}
	/* the old file's mode is kept */
	if (old)
		(void)fchmod(keep, sb.st_mode & 07777);
	rc = write_through(f, path, fn, ctx, d, 1);
	if (rc == 0 && anon && link_in(keep, real, tmp, &r) != 0) {
		diag_emit(d, DIAG_IO, path, 0, 0, "cannot name the new file "
		    "beside it: %s", strerror(errno));
		rc = -1;
		anon = 1;	/* nothing named to remove */
	} else if (rc == 0)
		anon = 0;	/* named now: removed on failure below */
	if (rc == 0 && rename(tmp, real) != 0) {
		diag_emit(d, DIAG_IO, path, 0, 0, "%s", strerror(errno));
		rc = -1;
	}
	if (rc != 0 && !anon)
		unlink(tmp);
	close(keep);
	if (rc == 0 && dfd >= 0)
		(void)fsync(dfd);
	if (dfd >= 0)
		close(dfd);
	free(tmp);
	free(real);
	return rc;
}
