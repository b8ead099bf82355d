/*
 * util.c: memory wrappers (exit on failure), struct buf, the strict
 * integer parser and struct index; threads' heaps and cores.
 */
#define _GNU_SOURCE	/* sched_getcpu, pthread_attr_setaffinity_np */
#include <sys/mman.h>

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void
oom(void)
{
	fputs("simc: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		oom();
	return p;
}

void
xgrow_to(void *pp, size_t *cap, size_t need, size_t sz)
{
	void	**p = pp;
	size_t	  ncap = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (ncap < need)
		ncap *= 2;
	if (ncap > (size_t)-1 / sz)
		oom();
	*p = xrealloc(*p, ncap * sz);
	*cap = ncap;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_take(&b);
}

void
buf_put(struct buf *b, const char *s, size_t n)
{
	xgrow(&b->data, &b->cap, b->len + n + 1, 1);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

/*
 * Formats into the buffer's free room, and formats again only when the
 * text did not fit: one vsnprintf for nearly every call, where measuring
 * first took two (the HTML's SVG numbers, xasprintf's short strings).
 */
void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	size_t	 room;
	int	 n;

	xgrow(&b->data, &b->cap, b->len + 64, 1);
	room = b->cap - b->len;
	va_copy(aq, ap);
	n = vsnprintf(b->data + b->len, room, fmt, aq);
	va_end(aq);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		xgrow(&b->data, &b->cap, b->len + (size_t)n + 1, 1);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_put_html(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		default:
			buf_putc(b, *s);
		}
}

char *
buf_take(struct buf *b)
{
	char	*s = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

size_t
edit_distance(const char *a, const char *b, size_t limit)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j;
	size_t	 row[64], prev, tmp, best;

	if (la >= 64 || lb >= 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
			if (row[j] < best)
				best = row[j];
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t	 need, k;
	unsigned min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1, *cp = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 2, *cp = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 3, *cp = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (k = 1; k <= need; k++) {
		if (k >= n || (s[k] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[k] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return need + 1;
}

int
is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp == 0x2028 || cp == 0x2029;
}

const char *
name_problem(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t	 n = strlen(s), i = 0, k;
	unsigned cp;

	while (i < n) {
		if ((k = utf8_decode(u + i, n - i, &cp)) == 0)
			return "is not valid UTF-8";
		if (is_control(cp))
			return "holds a control character";
		i += k;
	}
	return NULL;
}

char *
printable(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf b = { 0 };
	size_t	 n = strlen(s), i = 0, k;
	unsigned cp;

	while (i < n) {
		if ((k = utf8_decode(u + i, n - i, &cp)) == 0 ||
		    (is_control(cp) && cp != '\t')) {
			if (k == 0)
				k = 1;
			for (size_t j = 0; j < k; j++)
				buf_printf(&b, "\\x%02X", u[i + j]);
		} else if (cp == '\t')
			buf_puts(&b, "\\t");
		else if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			buf_printf(&b, "\\u{%04X}", cp);	/* bidi controls */
		else
			buf_put(&b, s + i, k);
		i += k;
	}
	return buf_take(&b);
}

int
parse_long(const char *s, long lo, long hi, long *out)
{
	unsigned long	 v = 0, lim = LONG_MAX, d;
	int		 neg = 0;
	long		 x;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (neg)
		lim = (unsigned long)LONG_MAX + 1;
	if (*s < '0' || *s > '9')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		d = (unsigned long)(*s - '0');
		if (v > (lim - d) / 10)
			return 0;	/* beyond a long */
		v = v * 10 + d;
	}
	if (*s != '\0')
		return 0;
	if (!neg)
		x = (long)v;
	else if (v == (unsigned long)LONG_MAX + 1)
		x = LONG_MIN;
	else
		x = -(long)v;
	if (x < lo || x > hi)
		return 0;
	*out = x;
	return 1;
}

void
index_add(struct index *ix, const char *key, void *val)
{
	struct ientry	*e;

	xgrow(&ix->v, &ix->cap, ix->n + 1, sizeof(*ix->v));
	e = &ix->v[ix->n];
	e->key = key;
	e->val = val;
	e->seq = ix->n++;
	e->own = NULL;
}

void
index_add_own(struct index *ix, char *key, void *val)
{
	index_add(ix, key, val);
	ix->v[ix->n - 1].own = key;
}

static int
ientrycmp(const void *a, const void *b)
{
	const struct ientry	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

void
index_sort(struct index *ix)
{
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), ientrycmp);
}

struct ientry *
index_find(const struct index *ix, const char *key)
{
	size_t	 lo = 0, hi = ix->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->v[lo].key, key) == 0 ? &ix->v[lo] :
	    NULL;
}

void
index_free(struct index *ix)
{
	size_t	 i;

	for (i = 0; i < ix->n; i++)
		free(ix->v[i].own);
	free(ix->v);
	ix->v = NULL;
	ix->n = ix->cap = 0;
}

int
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	if (s[10] != '\0')
		return 0;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	if (*m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1])
		return 0;
	if (*m == 2 && *d == 29 &&
	    !(*y % 4 == 0 && (*y % 100 != 0 || *y % 400 == 0)))
		return 0;
	return 1;
}

int
parse_bool(const char *s, int *out)
{
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0)
		*out = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0)
		*out = 0;
	else
		return 0;
	return 1;
}

size_t
utf8_cut(const char *s, size_t len)
{
	while (len > 0 && (s[len] & 0xc0) == 0x80)
		len--;
	return len;
}

const char *
number_word(size_t n)
{
	static const char *const w[] = { "no", "one", "two", "three", "four",
	    "five", "six", "seven", "eight", "nine", "ten" };
	static char	 num[24];

	if (n < sizeof(w) / sizeof(w[0]))
		return w[n];
	snprintf(num, sizeof(num), "%zu", n);
	return num;
}

int
make_plain(unsigned char c, int first)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("._-+,@", c)) ||
	    (c == '~' && !first);
}

/*
 * A thread's first allocation gives it a heap of its own (glibc: an
 * arena, mapped 64 MB aligned, 2 * DEFAULT_MMAP_THRESHOLD_MAX), whose
 * first touch of each 4 KB page is a page fault, as the main heap's
 * would be (main.c, heap_setup): the PDF's start thread alone touches
 * 3 MB (fonts, hyphenation).  The heap is marked for huge pages too: a
 * hint, harmless where it misses.  Its first 2 MB hold the arena's own
 * header, touched before the mark, so they would fault page by page:
 * they are held by a block never touched (returned, for thread_heap_end),
 * and the thread's allocations start past them.  All threads sharing
 * the main heap instead (M_ARENA_MAX 1) faults as little, but they wait
 * for its lock: 100 times acme's notes took 15 to 25% longer.
 */
void *
thread_heap_setup(void)
{
	const uintptr_t	 span = (uintptr_t)64 << 20, huge = 2u << 20;
	uintptr_t	 p = (uintptr_t)malloc(1), base = p & ~(span - 1);

	free((void *)p);
	if (p == 0 || madvise((void *)base, span, MADV_HUGEPAGE) == -1)
		return NULL;
	return heap_hold_below(base + huge);
}

void *
heap_hold_below(uintptr_t boundary)
{
	uintptr_t	 p = (uintptr_t)malloc(1);
	void		*hold = NULL;

	/* past its header, the block is never touched */
	if (p != 0 && p < boundary && boundary - p > 4096 &&
	    boundary - p <= 4u << 20)
		hold = malloc(boundary - p - 4096);
	free((void *)p);
	return hold;
}

void
thread_heap_end(void *hold)
{
	free(hold);
}

/*
 * A kernel may queue a new thread on its creator's core even while
 * another is idle: this machine's (a Firecracker guest packing its
 * vCPUs) does, and there the PDF's start thread, the HTML backend and
 * the deflater each took 1.3 to 1.9 ms of the layout's own core before
 * one of them moved.  So a helper may run on every allowed core but the
 * one its creator is on when it starts; with a single core allowed, it
 * shares it, as any thread.  The creator itself stays free to move.
 */
int
thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t	 a;
	cpu_set_t	 cores;
	int		 me = sched_getcpu(), rc;

	if (pthread_attr_init(&a) != 0)
		return pthread_create(t, NULL, fn, arg);
	if (me >= 0 && me < CPU_SETSIZE &&
	    sched_getaffinity(0, sizeof(cores), &cores) == 0 &&
	    CPU_ISSET(me, &cores) && CPU_COUNT(&cores) > 1) {
		CPU_CLR(me, &cores);
		(void)pthread_attr_setaffinity_np(&a, sizeof(cores), &cores);
	}
	rc = pthread_create(t, &a, fn, arg);
	pthread_attr_destroy(&a);
	return rc;
}
