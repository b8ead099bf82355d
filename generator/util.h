/*
 * util.h: memory wrappers and the growable buffer shared by every pass.
 *
 * Out of memory has one rule in simc: the x* wrappers print a message and
 * exit(1).  No caller checks for NULL from them.
 */
#ifndef SIMC_UTIL_H
#define SIMC_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grows *p (of *cap elements of size sz) to hold at least need elements;
 * the check is inline, as most calls find room already. */
void	 xgrow_to(void *p, size_t *cap, size_t need, size_t sz);
static inline void
xgrow(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need > *cap)
		xgrow_to(p, cap, need, sz);
}
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
/* Appends s escaped for HTML text and double-quoted attributes. */
void	 buf_put_html(struct buf *, const char *);
/* Returns the contents (caller frees) and leaves the buffer empty. */
char	*buf_take(struct buf *);
void	 buf_free(struct buf *);

/* Edit distance between two short strings, capped at limit+1. */
size_t	 edit_distance(const char *, const char *, size_t limit);

/*
 * The one rule for the names of files and folders simc reads or writes:
 * valid UTF-8 without control characters (C0, DEL, C1, U+2028/9).
 * Returns NULL for a good name, else why not (static text).
 */
const char *name_problem(const char *);
/*
 * Whether byte c of a path (first: it starts the name) is one that make
 * reads as itself in a rule, unescaped: letters, digits, bytes of UTF-8
 * characters, `._-+,@`, and `~` but not leading.
 */
int	 make_plain(unsigned char c, int first);
/*
 * The UTF-8 character at s (n bytes left): its length, and its code
 * point in *cp; 0 when the bytes are not valid UTF-8.
 */
size_t	 utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* True for the characters no name or text may hold (C0 but tab, CR and
 * LF are the caller's to allow; DEL; C1; U+2028/9). */
int	 is_control(unsigned);
/* A copy of s safe to print on a terminal: invalid bytes and control
 * characters as \xNN (tab as \t), the bidi controls that turn text
 * around (U+202A..E, U+2066..9) as \u{XXXX}.  Caller frees. */
char	*printable(const char *);

/*
 * Parses a whole number written in decimal: an optional sign, then
 * digits, nothing before or after.  Returns 0 unless s is one that lies
 * in lo..hi; else stores it in *out and returns 1.  Every integer of a
 * note is read through this, so that they all agree on what one is.
 */
int	 parse_long(const char *s, long lo, long hi, long *out);

/* Parses YYYY-MM-DD into its parts; returns 0 unless a calendar date. */
int	 parse_date(const char *, int *y, int *m, int *d);
/*
 * The one rule for a yes/no value: true, yes, false, no in any case.
 * Returns 0 for anything else; else stores 1 or 0 in *out.
 */
int	 parse_bool(const char *, int *out);
/* n in English words up to ten ("five"), else in digits.  Static. */
const char *number_word(size_t n);
/* The largest length <= len of s that ends on a UTF-8 character edge. */
size_t	 utf8_cut(const char *s, size_t len);

/*
 * An index of string keys, for lookups by id in O(log n) whatever the
 * keys are (no hash that crafted ids can flood): add every key, sort
 * once, then find.  Of equal keys the one added first is found, so a
 * lookup keeps the first-one-wins rule of a linear scan.  A zeroed
 * struct index is an empty one.
 */
struct ientry {
	const char	*key;
	void		*val;
	size_t		 seq;		/* order of adding */
	char		*own;		/* key freed with the index, or NULL */
};

struct index {
	struct ientry	*v;		/* after index_sort: by key, then seq */
	size_t		 n, cap;
};

/* Adds key (which must outlive the index) with its value. */
void	 index_add(struct index *, const char *key, void *val);
/* Same for a key the caller allocated: the index frees it. */
void	 index_add_own(struct index *, char *key, void *val);
void	 index_sort(struct index *);
/* After index_sort: the first entry added with key, or NULL. */
struct ientry *index_find(const struct index *, const char *key);
void	 index_free(struct index *);

/* Marks the calling thread's heap for huge pages (fewer page faults):
 * call first in a thread that allocates much, and give what it returns
 * to thread_heap_end() as the thread ends. */
void	*thread_heap_setup(void);
void	 thread_heap_end(void *);
/* A block of the heap from its lowest free address up to boundary (4 MB
 * at most), to hold untouched: the allocations after it start there. */
void	*heap_hold_below(uintptr_t boundary);
/* pthread_create() of a helper, on a core other than the caller's when
 * it may (util.c). */
int	 thread_start(pthread_t *, void *(*)(void *), void *);

#endif
