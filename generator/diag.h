/*
 * diag.h: the one reporting function of simc.
 *
 * Every pass reports problems here; they are kept, sorted by path, line and
 * column, and printed together as gcc and rustc print them:
 *
 *	path:line:col: error: message
 *	   11 |     opportunity: 02
 *	      |                  ^
 *	      = help: did you mean `O2`?
 *
 * or, with --diagnostics=json, as one JSON object per line.
 */
#ifndef SIMC_DIAG_H
#define SIMC_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum severity {
	SEV_WARNING,
	SEV_ERROR
};

/* Records one diagnostic; path is copied.  line and col are 1-based. */
void	 diag(enum severity, const char *path, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * Adds a line of advice (printed as `= help: ...`) to the diagnostic
 * recorded last.  Does nothing before the first diagnostic.
 */
void	 diag_help(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Advice for a name that names nothing: the nearest of the n valid names
 * (edit distance at most 2, or a transposition) as "did you mean", then
 * the valid names, the first ten of them and how many more.  what names
 * them in the list ("the opportunities are").  Attached to the diagnostic
 * recorded last.
 */
void	 diag_suggest(const char *want, const char *const *valid, size_t n,
	    const char *what);
/* The valid name nearest to want (see diag_suggest), or NULL. */
const char *nearest_name(const char *want, const char *const *valid,
	    size_t n);
/* Number of errors recorded so far. */
size_t	 diag_errors(void);

/*
 * The text of a file the coming diagnostics point into (a note, after its
 * line ends became LF), so that each shows its source line and a caret.
 * The text is copied; the line of a diagnostic is taken when it is
 * recorded.  diag_sources_clear() forgets every text (company_free).
 */
void	 diag_source(const char *path, const char *text, size_t len);
void	 diag_sources_clear(void);

enum diag_style {
	DIAG_PLAIN,	/* text with source lines, no colour */
	DIAG_COLOUR,	/* the same with ANSI colours, for a terminal */
	DIAG_JSON	/* one JSON object per line; no count line */
};
/* How diag_flush() prints; DIAG_PLAIN until set. */
void	 diag_set_style(enum diag_style);
enum diag_style diag_get_style(void);

/*
 * Prints every recorded diagnostic, sorted, then (if count is set) a last
 * line with the totals, and forgets them.  Returns the number of errors.
 */
size_t	 diag_flush(FILE *, int count);
/* How many diagnostics are recorded, for diag_keep_only(). */
size_t	 diag_count(void);
/*
 * Of the diagnostics recorded since the first `from`, forgets those of
 * every path but keep (for `simc check FILE.md`: the company is
 * checked, one note shown).  The error count follows.
 */
void	 diag_keep_only(size_t from, const char *keep);

/* One recorded diagnostic, as diag_take() hands it over. */
struct diagnostic {
	enum severity	 sev;
	const char	*path;
	int		 line, col;	/* 1-based */
	const char	*text;		/* raw: escape it for the screen */
	const char	*help;		/* its help lines joined by '\n', raw;
					   NULL when none */
	const void	*own;		/* diag.c's, for diag_print() */
};

/* Prints one diagnostic handed over by diag_take() as diag_flush()
 * would, in the style set. */
void	 diag_print(FILE *, const struct diagnostic *);

/*
 * For the watch server and the language server: calls fn with every
 * recorded diagnostic, sorted as diag_flush() prints them (the pointers
 * live only during the call), then forgets them.  Returns the number of
 * errors.
 */
size_t	 diag_take(void (*fn)(const struct diagnostic *, void *), void *);

#endif
