/*
 * fileio.h: reading whole files under a size limit.
 */
#ifndef SIMC_FILEIO_H
#define SIMC_FILEIO_H

#include <stddef.h>

/*
 * Reads the regular file at path if it holds at most max bytes.  Returns
 * a NUL-terminated copy (caller frees) and its length in *len, or NULL
 * with errno set (EFBIG when over max, *len then holds the size).
 */
char	*file_read(const char *path, size_t max, size_t *len);

/* Creates dir and its parents.  Returns 0, or -1 with errno set. */
int	 mkdirs(const char *dir);

/*
 * Writes len bytes to path atomically: to a temporary file in the same
 * folder, flushed to disk, then renamed over path.  On failure nothing is
 * left behind and path is as it was.  Returns 0, or -1 with errno set.
 */
int	 file_write_atomic(const char *path, const char *data, size_t len);

/*
 * The first half of file_write_atomic: the data in a temporary file
 * beside path, flushed.  Returns its name (caller frees; rename it over
 * path, or unlink it), or NULL with errno set and nothing left behind.
 */
char	*file_write_temp(const char *path, const char *data, size_t len);

#endif
