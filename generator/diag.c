/*
 * diag.c: collects diagnostics from every pass and prints them sorted,
 * each with its source line, a caret under its column and its help
 * lines (or as JSON lines), or hands them over sorted (diag_take) to the
 * watch and language servers.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "util.h"

#define SRC_MAXCOL	4096	/* past it, no source line is shown */
#define SRC_WIDTH	100	/* characters of a line shown at most */
#define SRC_BEFORE	40	/* of them before the caret, when cut */
#define MAX_HELP	4	/* help lines kept per diagnostic */

struct msg {
	enum severity	 sev;
	char		*path;
	int		 line;
	int		 col;
	size_t		 seq;	/* keeps the order of equal positions */
	char		*text;
	char		*help;	/* lines joined by '\n', or NULL */
	size_t		 nhelp;
	char		*src;	/* the shown part of the source line, raw */
	size_t		 srclen;	/* its bytes (it may hold a NUL) */
	size_t		 caret;	/* characters of src before the caret */
	int		 cut_before, cut_after;
};

struct source {
	char		*path;
	char		*text;
	size_t		 len;
	size_t		*lines;	/* lines[i]: offset of line i + 1 */
	size_t		 nlines;
};

static struct msg	*msgs;
static size_t		 nmsgs, capmsgs, nerrors;
static struct source	*srcs;
static size_t		 nsrcs, capsrcs, lastsrc;
static enum diag_style	 style = DIAG_PLAIN;

void
diag_set_style(enum diag_style s)
{
	style = s;
}

enum diag_style
diag_get_style(void)
{
	return style;
}

void
diag_source(const char *path, const char *text, size_t len)
{
	struct source	*s;
	size_t		 i, cap = 0;

	xgrow(&srcs, &capsrcs, nsrcs + 1, sizeof(*srcs));
	s = &srcs[nsrcs++];
	s->path = xstrdup(path);
	s->text = xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = '\0';
	s->len = len;
	s->lines = NULL;
	s->nlines = 0;
	xgrow(&s->lines, &cap, 1, sizeof(*s->lines));
	s->lines[s->nlines++] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len) {
			xgrow(&s->lines, &cap, s->nlines + 1,
			    sizeof(*s->lines));
			s->lines[s->nlines++] = i + 1;
		}
}

void
diag_sources_clear(void)
{
	size_t	 i;

	for (i = 0; i < nsrcs; i++) {
		free(srcs[i].path);
		free(srcs[i].text);
		free(srcs[i].lines);
	}
	free(srcs);
	srcs = NULL;
	nsrcs = capsrcs = lastsrc = 0;
}

static const struct source *
source_of(const char *path)
{
	size_t	 i;

	if (lastsrc < nsrcs && strcmp(srcs[lastsrc].path, path) == 0)
		return &srcs[lastsrc];
	for (i = nsrcs; i-- > 0;)
		if (strcmp(srcs[i].path, path) == 0) {
			lastsrc = i;
			return &srcs[i];
		}
	return NULL;
}

/* The length of the character at p (an invalid byte counts as one). */
static size_t
charlen(const char *p, const char *e)
{
	unsigned	 cp;
	size_t		 k = utf8_decode((const unsigned char *)p,
			    (size_t)(e - p), &cp);

	return k ? k : 1;
}

/* Keeps the part of m's source line around its column. */
static void
take_line(struct msg *m)
{
	const struct source	*s = source_of(m->path);
	const char		*p, *e, *from;
	size_t			 ch, caret = (size_t)m->col - 1, start, n;

	if (s == NULL || m->line < 1 || (size_t)m->line > s->nlines ||
	    caret > SRC_MAXCOL)
		return;
	p = s->text + s->lines[m->line - 1];
	e = memchr(p, '\n', s->len - (size_t)(p - s->text));
	if (e == NULL)
		e = s->text + s->len;
	for (ch = 0, from = p; ch < caret && from < e; ch++)
		from += charlen(from, e);
	if (ch < caret)		/* past the line's end: at its end */
		caret = ch;
	start = caret > SRC_WIDTH - 20 ? caret - SRC_BEFORE : 0;
	for (ch = 0; ch < start && p < e; ch++)
		p += charlen(p, e);
	from = p;
	for (n = 0; n < SRC_WIDTH && p < e; n++)
		p += charlen(p, e);
	m->srclen = (size_t)(p - from);
	m->src = xmalloc(m->srclen + 1);
	memcpy(m->src, from, m->srclen);
	m->src[m->srclen] = '\0';
	m->caret = caret - start;
	m->cut_before = start > 0;
	m->cut_after = p < e;
}

void
diag(enum severity sev, const char *path, int line, int col,
    const char *fmt, ...)
{
	struct msg	*m;
	struct buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	xgrow(&msgs, &capmsgs, nmsgs + 1, sizeof(*msgs));
	m = &msgs[nmsgs];
	memset(m, 0, sizeof(*m));
	m->sev = sev;
	m->path = xstrdup(path);
	m->line = line > 0 ? line : 1;
	m->col = col > 0 ? col : 1;
	m->seq = nmsgs++;
	m->text = buf_take(&b);
	take_line(m);
	if (sev == SEV_ERROR)
		nerrors++;
}

void
diag_help(const char *fmt, ...)
{
	struct msg	*m;
	struct buf	 b = { 0 };
	va_list		 ap;

	if (nmsgs == 0 || (m = &msgs[nmsgs - 1])->nhelp >= MAX_HELP)
		return;
	if (m->help != NULL) {
		buf_puts(&b, m->help);
		buf_putc(&b, '\n');
		free(m->help);
	}
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	m->help = buf_take(&b);
	m->nhelp++;
}

/* True if a and b differ by two neighbours swapped. */
static int
transposed(const char *a, const char *b)
{
	size_t	 n = strlen(a), i;

	if (n != strlen(b) || n < 2)
		return 0;
	for (i = 0; i < n && a[i] == b[i]; i++)
		continue;
	return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
	    strcmp(a + i + 2, b + i + 2) == 0;
}

/* True if a and b differ only in digits at the same places (O1, O3):
 * another number is another thing, not a typing mistake. */
static int
other_number(const char *a, const char *b)
{
	size_t	 i;

#define DIGIT(c)	((c) >= '0' && (c) <= '9')
#define ALPHA(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')
	const char *p, *q;
	int	 digits = 0;

	if (strcasecmp(a, b) == 0)
		return 0;
	/* The same but for their digits: O1, O13. */
	for (p = a, q = b;; p++, q++) {
		while (DIGIT(*p))
			p++, digits = 1;
		while (DIGIT(*q))
			q++, digits = 1;
		if (*p != *q)
			break;
		if (*p == '\0')
			return digits;
	}
	if (strlen(a) != strlen(b))
		return 0;
	/* Digits, and the letter after a number (activity 1a, 1b). */
	for (i = 0; a[i]; i++)
		if (a[i] != b[i] && !(DIGIT(a[i]) && DIGIT(b[i])) &&
		    !(i > 0 && DIGIT(a[i - 1]) && ALPHA(a[i]) && ALPHA(b[i])))
			return 0;
	return 1;
#undef DIGIT
#undef ALPHA
}

const char *
nearest_name(const char *want, const char *const *valid, size_t n)
{
	const char	*hit = NULL;
	size_t		 i, d, best = 3;

	/* A short name is near only to what differs by one letter. */
	size_t		 limit = strlen(want) > 3 ? 2 : 1;

	for (i = 0; i < n && best > 0; i++) {
		if (other_number(want, valid[i]))
			continue;
		if (strcasecmp(want, valid[i]) == 0)
			d = 0;
		else if (transposed(want, valid[i]))
			d = 1;
		else
			d = edit_distance(want, valid[i], limit);
		if (d <= limit && d < best)
			best = d, hit = valid[i];
	}
	return hit;
}

/* strcmp(), but runs of digits compare as numbers: O2 before O10. */
static int
natcmp(const void *pa, const void *pb)
{
	const char	*a = *(const char *const *)pa;
	const char	*b = *(const char *const *)pb;
	size_t		 la, lb;
	int		 c;

	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0' && a[1] >= '0' && a[1] <= '9')
				a++;
			while (*b == '0' && b[1] >= '0' && b[1] <= '9')
				b++;
			la = strspn(a, "0123456789");
			lb = strspn(b, "0123456789");
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = strncmp(a, b, la)) != 0)
				return c;
			a += la, b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++, b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

void
diag_suggest(const char *want, const char *const *valid, size_t n,
    const char *what)
{
	const char	*hit = nearest_name(want, valid, n);
	struct buf	 b = { 0 };
	size_t		 i, shown = n < 10 ? n : 10;

	if (hit != NULL)
		diag_help("did you mean `%s`?", hit);
	const char	**sorted;

	if (n == 0 || what == NULL)
		return;
	sorted = xcalloc(n, sizeof(*sorted));
	memcpy(sorted, valid, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), natcmp);
	for (i = 0; i < shown; i++)
		buf_printf(&b, "%s`%s`", i ? ", " : "", sorted[i]);
	free(sorted);
	if (n > shown)
		buf_printf(&b, " and %zu more", n - shown);
	diag_help("%s %s", what, b.data);
	buf_free(&b);
}

size_t
diag_errors(void)
{
	return nerrors;
}

static int
msgcmp(const void *a, const void *b)
{
	const struct msg	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->path, y->path)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
msg_free(struct msg *m)
{
	free(m->path);
	free(m->text);
	free(m->help);
	free(m->src);
}

static void
forget(void)
{
	free(msgs);
	msgs = NULL;
	nmsgs = capmsgs = nerrors = 0;
}

size_t
diag_count(void)
{
	return nmsgs;
}

void
diag_keep_only(size_t from, const char *keep)
{
	size_t	 i, j;

	for (i = j = from; i < nmsgs; i++) {
		if (strcmp(msgs[i].path, keep) != 0) {
			if (msgs[i].sev == SEV_ERROR)
				nerrors--;
			msg_free(&msgs[i]);
			continue;
		}
		msgs[j++] = msgs[i];
	}
	nmsgs = j;
}

size_t
diag_take(void (*fn)(const struct diagnostic *, void *), void *arg)
{
	struct diagnostic	 d;
	size_t			 i, nerr = nerrors;

	if (nmsgs > 0)
		qsort(msgs, nmsgs, sizeof(*msgs), msgcmp);
	for (i = 0; i < nmsgs; i++) {
		d.sev = msgs[i].sev;
		d.path = msgs[i].path;
		d.line = msgs[i].line;
		d.col = msgs[i].col;
		d.text = msgs[i].text;
		d.help = msgs[i].help;
		d.own = &msgs[i];
		fn(&d, arg);
		msg_free(&msgs[i]);
	}
	forget();
	return nerr;
}

/* ---- printing ---- */

#define C_BOLD	"\033[1m"
#define C_ERR	"\033[1;31m"
#define C_WARN	"\033[1;35m"
#define C_LINE	"\033[1;34m"
#define C_CARET	"\033[1;32m"
#define C_HELP	"\033[1;36m"
#define C_OFF	"\033[0m"

static const char *
col(const char *c)
{
	return style == DIAG_COLOUR ? c : "";
}

/*
 * Appends the raw source text s as it may reach a terminal: a tab as four
 * spaces, control characters, invalid bytes and the characters that turn
 * text around (bidi controls) as \xNN or \u{...}.  Returns the columns
 * written (a letter counts as one).
 */
static size_t
put_source(struct buf *b, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k, w = 0, j;
	unsigned		 cp;

	while (i < len) {
		k = utf8_decode(u + i, len - i, &cp);
		if (k == 0) {
			buf_printf(b, "\\x%02X", u[i]);
			w += 4;
			i++;
			continue;
		}
		if (cp == '\t') {
			buf_puts(b, "    ");
			w += 4;
		} else if (is_control(cp)) {
			for (j = 0; j < k; j++)
				buf_printf(b, "\\x%02X", u[i + j]);
			w += 4 * k;
		} else if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
		    cp == 0x200f || cp == 0x061c) {
			buf_printf(b, "\\u{%04X}", cp);
			w += 8;
		} else {
			buf_put(b, s + i, k);
			w++;
		}
		i += k;
	}
	return w;
}

/* The columns that the first n characters of s take in put_source(). */
static size_t
width_of(const char *s, size_t len, size_t n)
{
	struct buf	 b = { 0 };
	const char	*p = s, *e = s + len;
	size_t		 i, w;

	for (i = 0; i < n && p < e; i++)
		p += charlen(p, e);
	w = put_source(&b, s, (size_t)(p - s)) + (n - i);
	buf_free(&b);
	return w;
}

static void
print_text(FILE *f, const struct msg *m)
{
	struct buf	 b = { 0 };
	char		*path = printable(m->path), *text = printable(m->text);
	char		 num[16], *h, *line, *save = NULL;
	size_t		 gutter, w, i;

	fprintf(f, "%s%s:%d:%d:%s %s%s:%s %s\n", col(C_BOLD), path, m->line,
	    m->col, col(C_OFF), col(m->sev == SEV_ERROR ? C_ERR : C_WARN),
	    m->sev == SEV_ERROR ? "error" : "warning", col(C_OFF), text);
	gutter = (size_t)snprintf(num, sizeof(num), "%d", m->line);
	if (gutter < 2)
		gutter = 2;
	if (m->src != NULL) {
		if (m->cut_before)
			buf_puts(&b, "...");
		put_source(&b, m->src, m->srclen);
		if (m->cut_after)
			buf_puts(&b, "...");
		fprintf(f, " %s%*s |%s %s\n", col(C_LINE), (int)gutter, num,
		    col(C_OFF), b.data ? b.data : "");
		w = width_of(m->src, m->srclen, m->caret) +
		    (m->cut_before ? 3 : 0);
		fprintf(f, " %s%*s |%s ", col(C_LINE), (int)gutter, "",
		    col(C_OFF));
		for (i = 0; i < w && i < SRC_MAXCOL; i++)
			putc(' ', f);
		fprintf(f, "%s^%s\n", col(C_CARET), col(C_OFF));
	}
	if (m->help != NULL) {
		h = xstrdup(m->help);
		for (line = strtok_r(h, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			char *p = printable(line);

			fprintf(f, " %*s %s=%s %shelp:%s %s\n", (int)gutter, "",
			    col(C_LINE), col(C_OFF), col(C_HELP), col(C_OFF),
			    p);
			free(p);
		}
		free(h);
	}
	buf_free(&b);
	free(path);
	free(text);
}

/* Writes s as a JSON string; s is printable(), so valid UTF-8. */
static void
json_string(FILE *f, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	putc('"', f);
	for (; *u; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(f, "\\%c", *u);
		else if (*u < 0x20)
			fprintf(f, "\\u%04x", *u);
		else
			putc(*u, f);
	}
	putc('"', f);
}

static void
print_json(FILE *f, const struct msg *m)
{
	char	*path = printable(m->path), *text = printable(m->text);
	char	*h, *line, *save = NULL;
	int	 first = 1;

	fputs("{\"file\":", f);
	json_string(f, path);
	fprintf(f, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\","
	    "\"message\":", m->line, m->col, m->sev == SEV_ERROR ? "error" :
	    "warning");
	json_string(f, text);
	fputs(",\"help\":[", f);
	if (m->help != NULL) {
		h = xstrdup(m->help);
		for (line = strtok_r(h, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			char *p = printable(line);

			if (!first)
				putc(',', f);
			json_string(f, p);
			first = 0;
			free(p);
		}
		free(h);
	}
	fputs("]}\n", f);
	free(path);
	free(text);
}

void
diag_print(FILE *f, const struct diagnostic *d)
{
	if (style == DIAG_JSON)
		print_json(f, d->own);
	else
		print_text(f, d->own);
}

size_t
diag_flush(FILE *f, int count)
{
	size_t	 i, nwarn = 0, nerr = nerrors;

	if (nmsgs > 0)
		qsort(msgs, nmsgs, sizeof(*msgs), msgcmp);
	for (i = 0; i < nmsgs; i++) {
		/* Names and words from content never reach the terminal
		 * raw: an ESC in a file name could rewrite the screen. */
		if (style == DIAG_JSON)
			print_json(f, &msgs[i]);
		else
			print_text(f, &msgs[i]);
		if (msgs[i].sev == SEV_WARNING)
			nwarn++;
		msg_free(&msgs[i]);
	}
	if (count && style != DIAG_JSON)
		fprintf(f, "%zu error%s, %zu warning%s\n", nerr,
		    nerr == 1 ? "" : "s", nwarn, nwarn == 1 ? "" : "s");
	forget();
	return nerr;
}
