/*
 * fileio.c: whole-file reads with a size limit checked before reading
 * (never blocking on a FIFO put where a file was).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

char *
file_read(const char *path, size_t max, size_t *len)
{
	struct stat	 st;
	char		*data;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd, saved;

	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		*len = (size_t)st.st_size;
		errno = EFBIG;
		return NULL;
	}
	data = xmalloc((size_t)st.st_size + 1);
	/* The file may grow while we read: never read past what we sized. */
	while (got < (size_t)st.st_size &&
	    (n = read(fd, data + got, (size_t)st.st_size - got)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			free(data);
			close(fd);
			errno = saved;
			return NULL;
		}
		got += (size_t)n;
	}
	close(fd);
	data[got] = '\0';
	*len = got;
	return data;
}

int
mkdirs(const char *dir)
{
	char	*p = xstrdup(dir), *s;
	int	 rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

int
file_write_atomic(const char *path, const char *data, size_t len)
{
	char	*tmp;
	int	 saved;

	if ((tmp = file_write_temp(path, data, len)) == NULL)
		return -1;
	if (rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return 0;
}

char *
file_write_temp(const char *path, const char *data, size_t len)
{
	char	*tmp;
	size_t	 off = 0;
	ssize_t	 n;
	int	 fd, saved;

	tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return NULL;
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, 0644) == -1 || fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	return tmp;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return NULL;
}
