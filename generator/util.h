/*
 * util.h: memory wrappers and the growable buffer shared by every pass.
 *
 * Out of memory has one rule in simc: the x* wrappers print a message and
 * exit(1).  No caller checks for NULL from them.
 */
#ifndef SIMC_UTIL_H
#define SIMC_UTIL_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grows *p (of *cap elements of size sz) to hold at least need elements. */
void	 xgrow(void *p, size_t *cap, size_t need, size_t sz);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer; data is always NUL-terminated once written. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_put(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Returns the contents (caller frees) and leaves the buffer empty. */
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

/* Edit distance between two short strings, capped at limit+1. */
size_t	 edit_distance(const char *, const char *, size_t limit);

/*
 * Parses a whole number written in decimal: an optional sign, then
 * digits, nothing before or after.  Returns 0 unless s is one that lies
 * in lo..hi; else stores it in *out and returns 1.  Every integer of a
 * note is read through this, so that they all agree on what one is.
 */
int	 parse_long(const char *s, long lo, long hi, long *out);

#endif
