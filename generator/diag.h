/*
 * diag.h: the one reporting function of simc.
 *
 * Every pass reports problems here; they are kept, sorted by path, line and
 * column, and printed together as `path:line:col: error: message`.
 */
#ifndef SIMC_DIAG_H
#define SIMC_DIAG_H

#include <stdio.h>

enum severity {
	SEV_WARNING,
	SEV_ERROR
};

/* Records one diagnostic; path is copied.  line and col are 1-based. */
void	 diag(enum severity, const char *path, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Number of errors recorded so far. */
size_t	 diag_errors(void);
/*
 * Prints every recorded diagnostic, sorted, then (if count is set) a last
 * line with the totals, and forgets them.  Returns the number of errors.
 */
size_t	 diag_flush(FILE *, int count);

/* One recorded diagnostic, as diag_take() hands it over. */
struct diagnostic {
	enum severity	 sev;
	const char	*path;
	int		 line, col;	/* 1-based */
	const char	*text;		/* raw: escape it for the screen */
};

/*
 * For the watch server and the language server: calls fn with every
 * recorded diagnostic, sorted as diag_flush() prints them (the pointers
 * live only during the call), then forgets them.  Returns the number of
 * errors.
 */
size_t	 diag_take(void (*fn)(const struct diagnostic *, void *), void *);

#endif
