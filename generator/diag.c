/*
 * diag.c: collects diagnostics from every pass and prints them sorted,
 * or hands them over sorted (diag_take) to the watch and language
 * servers.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

struct msg {
	enum severity	 sev;
	char		*path;
	int		 line;
	int		 col;
	size_t		 seq;	/* keeps the order of equal positions */
	char		*text;
};

static struct msg	*msgs;
static size_t		 nmsgs, capmsgs, nerrors;

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
	m->sev = sev;
	m->path = xstrdup(path);
	m->line = line > 0 ? line : 1;
	m->col = col > 0 ? col : 1;
	m->seq = nmsgs++;
	m->text = buf_take(&b);
	if (sev == SEV_ERROR)
		nerrors++;
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
		fn(&d, arg);
		free(msgs[i].path);
		free(msgs[i].text);
	}
	free(msgs);
	msgs = NULL;
	nmsgs = capmsgs = nerrors = 0;
	return nerr;
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
		char *path = printable(msgs[i].path);
		char *text = printable(msgs[i].text);

		fprintf(f, "%s:%d:%d: %s: %s\n", path, msgs[i].line,
		    msgs[i].col, msgs[i].sev == SEV_ERROR ? "error" : "warning",
		    text);
		free(path);
		free(text);
		if (msgs[i].sev == SEV_WARNING)
			nwarn++;
		free(msgs[i].path);
		free(msgs[i].text);
	}
	if (count)
		fprintf(f, "%zu error%s, %zu warning%s\n", nerr,
		    nerr == 1 ? "" : "s", nwarn, nwarn == 1 ? "" : "s");
	free(msgs);
	msgs = NULL;
	nmsgs = capmsgs = nerrors = 0;
	return nerr;
}
