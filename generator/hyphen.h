/*
 * hyphen.h: the part of the layout engine (layout.c) that knows nothing
 * of the output format: where a word may be cut (hyphenation in the
 * document's language, hyphens and slashes already in the text).  The
 * engine measures text with the backend's fonts and passes the measurer
 * in; nothing here calls libharu.
 */
#ifndef SIMC_HYPHEN_H
#define SIMC_HYPHEN_H

#include <stddef.h>

/* The width in points of s[0..len) (UTF-8) in the current style. */
typedef float	(*lay_width_fn)(void *arg, const char *s, size_t len);

/*
 * Where to cut the word w (len bytes of UTF-8, no spaces) so that its
 * first piece, followed by a hyphen when the cut needs one, is at most
 * avail wide.  A word is cut after a hyphen, slash or dash it holds (no
 * hyphen added), or at a hyphenation point of language lang (a visible
 * hyphen added); when forced is set and no such cut fits, between any
 * two characters with a visible hyphen (at least one character).
 * Returns the piece's length in bytes (0: no cut fits), sets *hyphen
 * when a hyphen is to be drawn after it and *pw to the piece's width
 * (without the hyphen).  Linear in the length of the piece.
 */
size_t	lay_cut(const char *lang, const char *w, size_t len, float avail,
	    int forced, lay_width_fn, void *arg, int *hyphen, float *pw);

/*
 * The hyphenation points of w (len bytes): pts[i] is set when w may be
 * hyphenated after byte i.  pts has len bytes.  Loads the language's
 * patterns (Debian's /usr/share/hyphen) the first time, once per
 * process; a language without patterns has no points.  Words of
 * letters only, between 5 and 99 bytes, not acronyms.
 */
void	lay_hyphen_points(const char *lang, const char *w, size_t len,
	    char *pts);
/* Loads the patterns of lang now, as lay_hyphen_points() would on first
 * use (any thread). */
void	lay_hyphen_load(const char *lang);

#endif
