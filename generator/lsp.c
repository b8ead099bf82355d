/*
 * lsp.c: `simc lsp`, the Language Server Protocol on standard input and
 * output (JSON-RPC in Content-Length frames, through json-c), so that an
 * editor shows simc's diagnostics while a note is typed.
 *
 * It runs the compiler's own passes: each open note's text is put in
 * place of its file (load_overlay()), then its whole company goes
 * through load, validate and resolve, and every diagnostic is published
 * at its note, open or not.  Completion and hover read the note's text
 * as it is being typed (the YAML may not parse yet): a key's place is
 * found from the indentation of the lines above it, and the field from
 * the definitions of templates/; the ids that a reference may name come
 * from the company as last compiled.  Nothing is written; nothing
 * outside the note's company folder is read but the templates.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "diag.h"
#include "jsonc.h"
#include "load.h"
#include "lsp.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

#ifndef SIMC_VERSION
#define SIMC_VERSION "unknown"
#endif

#define MAX_MESSAGE	(64u << 20)	/* bytes of one JSON-RPC message */
#define MAX_HEADER	8192
#define MAX_SCAN	500		/* notes looked at for a company note */

/* LSP's numbers. */
#define SEV_LSP_ERROR	1
#define SEV_LSP_WARNING	2
#define CK_VALUE	12
#define CK_PROPERTY	10
#define CK_ENUM		20
#define CK_REFERENCE	18
#define ERR_METHOD	(-32601)
#define ERR_PARAMS	(-32602)
#define ERR_PARSE	(-32700)
#define ERR_REQUEST	(-32600)
#define ERR_NOT_INIT	(-32002)

struct doc {
	char	*uri;		/* as the editor named it */
	char	*real;		/* its path, folders resolved */
	char	*company;	/* its company's folder, resolved */
	char	*text;
	size_t	 len;
	size_t	*lines;		/* where each line starts in text */
	size_t	 nlines;
};

struct lsp {
	const struct templates	*tp;
	struct doc		*docs;
	size_t			 ndocs, capdocs;
	char			**dirty;	/* companies to check */
	size_t			 ndirty, capdirty;
	char			**shown;	/* uris with diagnostics shown */
	size_t			 nshown, capshown;
	struct company		*c;		/* the last compiled */
	char			*cdir;
	int			 initialized, shutdown;
	char			*in;		/* standard input, buffered */
	size_t			 inlen, incap;
};

/* ---- framing ---- */

/* Reads more input; returns the bytes read, 0 at the end. */
static ssize_t
fill(struct lsp *l)
{
	ssize_t	 n;

	/* Kept NUL-terminated, for the header's string functions. */
	xgrow(&l->in, &l->incap, l->inlen + 65536 + 1, 1);
	do
		n = read(STDIN_FILENO, l->in + l->inlen, 65536);
	while (n == -1 && errno == EINTR);
	if (n > 0)
		l->inlen += (size_t)n;
	l->in[l->inlen] = '\0';
	return n > 0 ? n : 0;
}

static int
input_pending(struct lsp *l)
{
	struct pollfd	 p = { STDIN_FILENO, POLLIN, 0 };

	return l->inlen > 0 || poll(&p, 1, 0) > 0;
}

/*
 * The next message's body (NUL-terminated, caller frees), or NULL at
 * the end of the input or on a frame that cannot be read.
 */
static char *
read_message(struct lsp *l)
{
	char	*end, *h, *body;
	size_t	 hlen, clen = (size_t)-1;
	long	 v;

	for (;;) {
		if (l->inlen > 0 && (end = strstr(l->in, "\r\n\r\n")) != NULL)
			break;
		if (l->inlen > MAX_HEADER) {
			fputs("simc lsp: a header without its end\n", stderr);
			return NULL;
		}
		if (fill(l) == 0)
			return NULL;
	}
	hlen = (size_t)(end - l->in) + 4;
	for (h = l->in; h < end; h = strstr(h, "\r\n") + 2) {
		if (strncasecmp(h, "Content-Length:", 15) == 0) {
			char num[24];
			const char *p = h + 15, *e = strstr(p, "\r\n");

			while (*p == ' ' || *p == '\t')
				p++;
			if ((size_t)(e - p) < sizeof(num)) {
				memcpy(num, p, (size_t)(e - p));
				num[e - p] = '\0';
				if (parse_long(num, 0, MAX_MESSAGE, &v))
					clen = (size_t)v;
			}
		}
		if (strstr(h, "\r\n") == end)
			break;
	}
	if (clen == (size_t)-1) {
		fputs("simc lsp: a message without a Content-Length (or over "
		    "64 MiB)\n", stderr);
		return NULL;
	}
	while (l->inlen < hlen + clen)
		if (fill(l) == 0)
			return NULL;
	body = xmalloc(clen + 1);
	memcpy(body, l->in + hlen, clen);
	body[clen] = '\0';
	memmove(l->in, l->in + hlen + clen, l->inlen - hlen - clen);
	l->inlen -= hlen + clen;
	l->in[l->inlen] = '\0';
	return body;
}

/* Writes o as one message and frees it. */
static void
send_json(json_object *o)
{
	const char	*s = json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	printf("Content-Length: %zu\r\n\r\n%s", strlen(s), s);
	fflush(stdout);
	json_object_put(o);
}

static json_object *
message(void)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "jsonrpc", json_object_new_string("2.0"));
	return o;
}

/* Answers request id with result (taken; NULL is null). */
static void
respond(json_object *id, json_object *result)
{
	json_object	*o = message();

	json_object_object_add(o, "id", json_object_get(id));
	json_object_object_add(o, "result", result);
	send_json(o);
}

static void
respond_error(json_object *id, int code, const char *text)
{
	json_object	*o = message(), *e = json_object_new_object();

	json_object_object_add(e, "code", json_object_new_int(code));
	json_object_object_add(e, "message", json_object_new_string(text));
	json_object_object_add(o, "id", id ? json_object_get(id) : NULL);
	json_object_object_add(o, "error", e);
	send_json(o);
}

static void
notify(const char *method, json_object *params)
{
	json_object	*o = message();

	json_object_object_add(o, "method", json_object_new_string(method));
	json_object_object_add(o, "params", params);
	send_json(o);
}

/* The string at key of o, or NULL. */
static const char *
jstr(json_object *o, const char *key)
{
	json_object	*v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static json_object *
jget(json_object *o, const char *key)
{
	json_object	*v;

	return o != NULL && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static int
jint(json_object *o, const char *key, int *out)
{
	json_object	*v = jget(o, key);

	if (v == NULL || !json_object_is_type(v, json_type_int))
		return 0;
	*out = json_object_get_int(v);
	return 1;
}

/* ---- URIs and paths ---- */

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? (c | 0x20) - 'a' + 10 : -1;
}

/* The path of a file: URI, or NULL. */
static char *
uri_path(const char *uri)
{
	struct buf	 b = { 0 };
	const char	*p;
	int		 hi, lo;

	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	p = uri + 7;
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return NULL;
	for (; *p && *p != '?' && *p != '#'; p++) {
		if (*p == '%' && (hi = hexval((unsigned char)p[1])) >= 0 &&
		    (lo = hexval((unsigned char)p[2])) >= 0) {
			if (hi == 0 && lo == 0) {
				buf_free(&b);
				return NULL;
			}
			buf_putc(&b, (char)(hi * 16 + lo));
			p += 2;
		} else
			buf_putc(&b, *p);
	}
	return buf_take(&b);
}

static char *
path_uri(const char *path)
{
	struct buf		 b = { 0 };
	const unsigned char	*p;

	buf_puts(&b, "file://");
	for (p = (const unsigned char *)path; *p; p++)
		if (isalnum(*p) || strchr("-._~/", *p) != NULL)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	return buf_take(&b);
}

/* path with its folders resolved (the note itself may not exist). */
static char *
resolved(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *real, *out;

	if (slash == NULL)
		return NULL;
	dir = slash == path ? xstrdup("/") : xstrndup(path,
	    (size_t)(slash - path));
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return NULL;
	out = xasprintf("%s%s", strcmp(real, "/") ? real : "", slash);
	free(real);
	return out;
}

/* The key of the tool with the role company (templates/tools.yaml). */
static const char	*company_tool = "";

/* True if the first 4 KiB of the note at path name the company's tool. */
static int
is_company_note(int dfd, const char *name)
{
	char	 buf[4097], *p;
	ssize_t	 n;
	size_t	 k = strlen(company_tool);
	int	 fd;

	if ((fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    O_NOFOLLOW)) == -1)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = buf; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "tool:", 5) != 0)
			continue;
		p += 5;
		p += strspn(p, " \t\"'");
		return k > 0 && strncmp(p, company_tool, k) == 0 &&
		    strchr(" \t\r\n\"'#", p[k] ? p[k] : ' ') != NULL;
	}
	return 0;
}

static int
has_company_note(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 n, seen = 0;
	int		 found = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && seen < MAX_SCAN && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (de->d_name[0] == '.' || n < 4 ||
		    strcmp(de->d_name + n - 3, ".md") != 0)
			continue;
		seen++;
		found = is_company_note(dirfd(d), de->d_name);
	}
	closedir(d);
	return found;
}

/*
 * The company folder of the note at real: the nearest folder above it
 * (LIMIT_DIR_DEPTH at most) that holds the `company` note, else the
 * note's own folder.
 */
static char *
company_of(const char *real)
{
	char	*dir = xstrndup(real, (size_t)(strrchr(real, '/') - real));
	char	*up = xstrdup(dir), *slash;
	int	 depth;

	for (depth = 0; depth <= LIMIT_DIR_DEPTH && *up; depth++) {
		if (has_company_note(up)) {
			free(dir);
			return up;
		}
		if ((slash = strrchr(up, '/')) == NULL)
			break;
		*slash = '\0';
	}
	free(up);
	if (*dir == '\0') {
		free(dir);
		dir = xstrdup("/");
	}
	return dir;
}

/* ---- documents ---- */

static struct doc *
doc_find(struct lsp *l, const char *uri)
{
	size_t	 i;

	for (i = 0; uri != NULL && i < l->ndocs; i++)
		if (strcmp(l->docs[i].uri, uri) == 0)
			return &l->docs[i];
	return NULL;
}

static void
doc_free(struct doc *d)
{
	free(d->uri);
	free(d->real);
	free(d->company);
	free(d->text);
	free(d->lines);
}

static void
mark_dirty(struct lsp *l, const char *company)
{
	size_t	 i;

	for (i = 0; i < l->ndirty; i++)
		if (strcmp(l->dirty[i], company) == 0)
			return;
	xgrow(&l->dirty, &l->capdirty, l->ndirty + 1, sizeof(*l->dirty));
	l->dirty[l->ndirty++] = xstrdup(company);
	/* What was compiled of it is old now. */
	if (l->cdir != NULL && strcmp(l->cdir, company) == 0) {
		company_free(l->c);
		free(l->cdir);
		l->c = NULL;
		l->cdir = NULL;
	}
}

/* Sets d's text (copied) and its line index; its company is to check. */
static void
doc_text(struct lsp *l, struct doc *d, const char *text, size_t len)
{
	size_t	 i, k;

	free(d->text);
	d->text = xmalloc(len + 1);
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	free(d->lines);
	d->nlines = 1;
	for (i = 0; i < len; i++)
		d->nlines += text[i] == '\n';
	d->lines = xcalloc(d->nlines, sizeof(*d->lines));
	for (i = 0, k = 1; i < len; i++)
		if (text[i] == '\n')
			d->lines[k++] = i + 1;
	load_overlay(d->real, d->text, d->len);
	mark_dirty(l, d->company);
}

/* ---- positions ---- */

/* The 0-based line of d: its start, and its length in *n; or NULL. */
static const char *
line_of(const struct doc *d, int line, size_t *n)
{
	const char	*p, *nl;

	if (line < 0 || (size_t)line >= d->nlines)
		return NULL;
	p = d->text + d->lines[line];
	nl = memchr(p, '\n', d->len - d->lines[line]);
	*n = nl ? (size_t)(nl - p) : d->len - d->lines[line];
	if (*n > 0 && p[*n - 1] == '\r')
		(*n)--;
	return p;
}

/* UTF-16 units of the first bytes bytes of s, as LSP counts columns. */
static int
units(const char *s, size_t bytes)
{
	size_t		 i, k;
	unsigned	 cp;
	int		 u = 0;

	for (i = 0; i < bytes; i += k) {
		if ((k = utf8_decode((const unsigned char *)s + i, bytes - i,
		    &cp)) == 0)
			k = 1, cp = 0;
		u += cp >= 0x10000 ? 2 : 1;
	}
	return u;
}

/* The byte offset in s (n bytes) of UTF-16 column u. */
static size_t
byte_at(const char *s, size_t n, int u)
{
	size_t		 i, k;
	unsigned	 cp;

	for (i = 0; i < n && u > 0; i += k) {
		if ((k = utf8_decode((const unsigned char *)s + i, n - i,
		    &cp)) == 0)
			k = 1, cp = 0;
		u -= cp >= 0x10000 ? 2 : 1;
	}
	return i;
}

/* The byte offset of character col (1-based, as diag() counts). */
static size_t
byte_of_char(const char *s, size_t n, int col)
{
	size_t		 i, k;
	unsigned	 cp;

	for (i = 0; i < n && col > 1; i += k, col--)
		if ((k = utf8_decode((const unsigned char *)s + i, n - i,
		    &cp)) == 0)
			k = 1;
	return i;
}

static json_object *
position(int line, int character)
{
	json_object	*p = json_object_new_object();

	json_object_object_add(p, "line", json_object_new_int(line));
	json_object_object_add(p, "character",
	    json_object_new_int(character));
	return p;
}

static json_object *
range(int line, int from, int to)
{
	json_object	*r = json_object_new_object();

	json_object_object_add(r, "start", position(line, from));
	json_object_object_add(r, "end", position(line, to));
	return r;
}

/*
 * The range of a diagnostic at line:col (1-based, in characters) of
 * d (NULL: a note not open, its columns taken as they are): to the end of the word there (a key stops at its colon), or the
 * whole line's rest when the column is at a blank.
 */
static json_object *
diag_range(const struct doc *d, int line, int col)
{
	const char	*s;
	size_t		 n, b, e;

	if (d == NULL || (s = line_of(d, line - 1, &n)) == NULL)
		return range(line - 1, col - 1, col);
	b = byte_of_char(s, n, col);
	for (e = b; e < n && !strchr(" \t:,]}#", s[e]); e++)
		continue;
	if (e == b)
		e = n > b ? n : b;
	return range(line - 1, units(s, b), units(s, e) + (e == b));
}

/* ---- diagnostics ---- */

struct found {
	struct lsp	*l;
	const char	*company;
	int		 real;		/* it has its company note */
	struct {
		char		*path;
		json_object	*list;
	}		*v;
	size_t		 n, cap;
};

static json_object *
list_of(struct found *f, const char *path)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].path, path) == 0)
			return f->v[i].list;
	xgrow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n].path = xstrdup(path);
	f->v[f->n].list = json_object_new_array();
	return f->v[f->n++].list;
}

static struct doc *
doc_at(struct lsp *l, const char *real)
{
	size_t	 i;

	for (i = 0; i < l->ndocs; i++)
		if (strcmp(l->docs[i].real, real) == 0)
			return &l->docs[i];
	return NULL;
}

static void
add_diag(json_object *list, const struct diagnostic *d,
    const struct doc *doc, const char *prefix)
{
	json_object	*o = json_object_new_object();
	char		*msg = printable(d->text), *full;

	full = prefix ? xasprintf("%s:%d:%d: %s", prefix, d->line, d->col,
	    msg) : xstrdup(msg);
	if (d->help != NULL) {	/* its help lines, one per line */
		char *h = xstrdup(d->help), *line, *save = NULL, *p, *with;

		for (line = strtok_r(h, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			p = printable(line);
			with = xasprintf("%s\nhelp: %s", full, p);
			free(full);
			free(p);
			full = with;
		}
		free(h);
	}
	json_object_object_add(o, "range", prefix ? range(0, 0, 1) :
	    diag_range(doc, d->line, d->col));
	json_object_object_add(o, "severity", json_object_new_int(
	    d->sev == SEV_ERROR ? SEV_LSP_ERROR : SEV_LSP_WARNING));
	json_object_object_add(o, "source", json_object_new_string("simc"));
	json_object_object_add(o, "message", json_object_new_string(full));
	json_object_array_add(list, o);
	free(msg);
	free(full);
}

/* Files each diagnostic at its note; the company's own at its open notes. */
static void
collect(const struct diagnostic *d, void *arg)
{
	struct found	*f = arg;
	struct doc	*doc = doc_at(f->l, d->path);
	size_t		 n = strlen(f->company), i;
	char		*shown;

	if (strncmp(d->path, f->company, n) == 0 && d->path[n] == '/' &&
	    strlen(d->path) > 3 && strcmp(d->path + strlen(d->path) - 3,
	    ".md") == 0) {
		/* A folder of other Markdown is not a company: only the
		 * open notes hear of it. */
		if (doc != NULL || f->real)
			add_diag(list_of(f, d->path), d, doc, NULL);
		return;
	}
	shown = printable(d->path);
	for (i = 0; i < f->l->ndocs; i++)
		if (strcmp(f->l->docs[i].company, f->company) == 0)
			add_diag(list_of(f, f->l->docs[i].real), d, NULL,
			    shown);
	free(shown);
}

static void
publish(const char *uri, json_object *list)
{
	json_object	*p = json_object_new_object();

	json_object_object_add(p, "uri", json_object_new_string(uri));
	json_object_object_add(p, "diagnostics", list ? list :
	    json_object_new_array());
	notify("textDocument/publishDiagnostics", p);
}

/* Runs the passes over a company; its diagnostics are taken by fn. */
static struct company *
compile(struct lsp *l, const char *dir,
    void (*fn)(const struct diagnostic *, void *), void *arg)
{
	struct company	*c = load_company(dir, l->tp);

	validate_company(c, l->tp);
	resolve_company(c, l->tp);
	diag_take(fn, arg);
	return c;
}

static void
ignore(const struct diagnostic *d, void *arg)
{
	(void)d, (void)arg;
}

/* The compiled company of d, compiled now if it is not the last one. */
static const struct company *
company(struct lsp *l, const struct doc *d)
{
	if (l->cdir == NULL || strcmp(l->cdir, d->company) != 0) {
		company_free(l->c);
		free(l->cdir);
		l->c = compile(l, d->company, ignore, NULL);
		l->cdir = xstrdup(d->company);
	}
	return l->c;
}

/*
 * Checks a company and publishes: at every note with diagnostics, at
 * every open note of it (none: an empty list), and an empty list where
 * diagnostics were shown before and are gone.
 */
static void
check(struct lsp *l, const char *dir)
{
	struct found	 f = { l, dir, has_company_note(dir), NULL, 0, 0 };
	struct doc	*d;
	size_t		 i, j, n = strlen(dir);
	char		*uri;

	company_free(l->c);
	free(l->cdir);
	l->c = compile(l, dir, collect, &f);
	l->cdir = xstrdup(dir);
	for (i = 0; i < l->nshown; i++) {
		char *p = uri_path(l->shown[i]);
		int keep = p == NULL || strncmp(p, dir, n) != 0 ||
		    p[n] != '/';

		for (j = 0; !keep && j < f.n; j++)
			keep = strcmp(f.v[j].path, p) == 0;
		for (j = 0; !keep && j < l->ndocs; j++)
			keep = strcmp(l->docs[j].real, p) == 0;
		free(p);
		if (keep)
			continue;
		publish(l->shown[i], NULL);
		free(l->shown[i]);
		l->shown[i--] = l->shown[--l->nshown];
	}
	for (i = 0; i < f.n; i++) {
		d = doc_at(l, f.v[i].path);
		uri = d ? xstrdup(d->uri) : path_uri(f.v[i].path);
		for (j = 0; j < l->nshown && strcmp(l->shown[j], uri); j++)
			continue;
		if (j == l->nshown) {
			xgrow(&l->shown, &l->capshown, l->nshown + 1,
			    sizeof(*l->shown));
			l->shown[l->nshown++] = xstrdup(uri);
		}
		publish(uri, f.v[i].list);
		free(uri);
	}
	for (i = 0; i < l->ndocs; i++) {
		if (strcmp(l->docs[i].company, dir) != 0)
			continue;
		for (j = 0; j < f.n && strcmp(f.v[j].path, l->docs[i].real);
		    j++)
			continue;
		if (j == f.n)
			publish(l->docs[i].uri, NULL);
	}
	for (i = 0; i < f.n; i++)
		free(f.v[i].path);
	free(f.v);
}

/* ---- a note as it is being typed ---- */

/* One line of front matter: `  - key: value`. */
struct yline {
	int		 blank;		/* blank or a comment */
	int		 dash;		/* an item (`- `) */
	size_t		 col;		/* where the key (or the item) starts */
	size_t		 klen;		/* the key's bytes */
	int		 colon;		/* the key has its `:` */
	size_t		 vstart;	/* the value's first byte */
};

static void
yline(const char *s, size_t n, struct yline *y)
{
	size_t	 i = 0, k;

	memset(y, 0, sizeof(*y));
	while (i < n && s[i] == ' ')
		i++;
	while (i < n && s[i] == '-' && (i + 1 == n || s[i + 1] == ' ')) {
		y->dash = 1;
		i++;
		while (i < n && s[i] == ' ')
			i++;
	}
	y->col = i;
	if (i == n || s[i] == '#') {
		y->blank = !y->dash;
		y->vstart = i;
		return;
	}
	for (k = i; k < n && s[k] != '#'; k++)
		if (s[k] == ':' && (k + 1 == n || s[k + 1] == ' ' ||
		    s[k + 1] == '\t'))
			break;
	if (k < n && s[k] == ':' && s[i] != '"' && s[i] != '\'') {
		y->colon = 1;
		y->klen = k - i;
		while (y->klen > 0 && s[i + y->klen - 1] == ' ')
			y->klen--;
		for (k++; k < n && s[k] == ' '; k++)
			continue;
		y->vstart = k;
	} else {
		for (k = i; k < n && (isalnum((unsigned char)s[k]) ||
		    s[k] == '_' || s[k] == '-'); k++)
			continue;
		y->klen = k - i;
		y->vstart = i;
	}
}

/* Where the cursor is in a note's front matter. */
struct place {
	const struct fielddef	*fields;	/* of the mapping it is in */
	size_t			 nfields;
	int			 top;		/* the front matter itself */
	const struct tooldef	*tool;
	const char		*line;		/* the cursor's line */
	size_t			 n;
	struct yline		 y;
	size_t			 at;		/* the cursor's byte in it */
	const struct fielddef	*parent;	/* of an item without a key */
};

/*
 * Finds the mapping that line holds (0-based) of d's front matter, from
 * the keys above it with less indentation, and the note's tool.
 * Returns 0 when line is not in the front matter or has no known place.
 */
static int
place(struct lsp *l, const struct doc *d, int line, int character,
    struct place *p)
{
	const char	*s, *tool = NULL;
	size_t		 n, tn = 0, i;
	struct yline	 y;
	char		*path[LIMIT_DEPTH + 1];
	size_t		 plen[LIMIT_DEPTH + 1], np = 0, target;
	const struct fielddef *f;
	int		 k, end = -1;
	char		*t;

	memset(p, 0, sizeof(*p));
	if ((s = line_of(d, 0, &n)) == NULL || n < 3 ||
	    strncmp(s, "---", 3) != 0)
		return 0;
	for (k = 1; (s = line_of(d, k, &n)) != NULL; k++) {
		if (n >= 3 && (strncmp(s, "---", 3) == 0 ||
		    strncmp(s, "...", 3) == 0)) {
			end = k;
			break;
		}
		if (n > 5 && strncmp(s, "tool:", 5) == 0) {
			for (tool = s + 5; *tool == ' '; tool++)
				continue;
			for (tn = 0; tool + tn < s + n &&
			    !strchr(" \t#\r", tool[tn]); tn++)
				continue;
		}
	}
	if (line < 1 || (end != -1 && line >= end))
		return 0;
	if ((p->line = line_of(d, line, &p->n)) == NULL)
		return 0;
	p->at = byte_at(p->line, p->n, character);
	yline(p->line, p->n, &p->y);
	if (tool != NULL) {
		t = xstrndup(tool, tn);
		p->tool = tool_find(l->tp, t);
		free(t);
	}
	/* The keys above, each less indented than the last. */
	target = p->y.col;
	for (k = line - 1; k >= 1 && target > 0; k--) {
		s = line_of(d, k, &n);
		yline(s, n, &y);
		if (y.blank || !y.colon || y.col >= target)
			continue;
		if (np == LIMIT_DEPTH)
			return 0;
		path[np] = (char *)s + y.col;
		plen[np++] = y.klen;
		target = y.col;
	}
	p->top = np == 0;
	if (p->tool == NULL)
		return p->top;
	p->fields = p->tool->fields;
	p->nfields = p->tool->nfields;
	for (i = np; i > 0; i--) {
		t = xstrndup(path[i - 1], plen[i - 1]);
		f = field_find(p->fields, p->nfields, t);
		free(t);
		if (f == NULL)
			return 0;
		if (i == 1 && f->kind != K_RECORDS && f->kind != K_GROUP) {
			p->parent = f;	/* a list's item */
			return 1;
		}
		if (f->kind != K_RECORDS && f->kind != K_GROUP)
			return 0;
		if (i == 1)
			p->parent = f;
		p->fields = f->fields;
		p->nfields = f->nfields;
	}
	return 1;
}

/* The label language of d's company (0, English, when none is set). */
static int
lang_of(struct lsp *l, const struct doc *d)
{
	const char		*code = company_text(company(l, d),
				    "language");
	int			 li = code ? lang_index(l->tp, code) : 0;

	return li < 0 ? 0 : li;
}

static json_object *
markdown(const char *text)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "kind", json_object_new_string("markdown"));
	json_object_object_add(o, "value", json_object_new_string(text));
	return o;
}

static void
item(json_object *list, const char *label, int kind, const char *detail,
    const char *doc, const char *insert)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "label", json_object_new_string(label));
	json_object_object_add(o, "kind", json_object_new_int(kind));
	if (detail != NULL)
		json_object_object_add(o, "detail",
		    json_object_new_string(detail));
	if (doc != NULL)
		json_object_object_add(o, "documentation", markdown(doc));
	if (insert != NULL)
		json_object_object_add(o, "insertText",
		    json_object_new_string(insert));
	json_object_array_add(list, o);
}

/* The ids a reference may name, gathered, then listed once each. */
struct cands {
	struct cand {
		const char	*id;
		const char	*name;
		size_t		 seq;
		char		*own;	/* id, when made here */
	}		*v;
	size_t		 n, cap;
};

static void
cand(struct cands *c, const char *id, const char *name, char *own)
{
	if (id == NULL) {
		free(own);
		return;
	}
	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n].id = id;
	c->v[c->n].name = name;
	c->v[c->n].own = own;
	c->v[c->n].seq = c->n;
	c->n++;
}

static int
candcmp(const void *a, const void *b)
{
	const struct cand	*x = a, *y = b;
	int			 d = strcmp(x->id, y->id);

	return d ? d : (x->seq > y->seq) - (x->seq < y->seq);
}

/* What a reference of target may name in company co: its entries. */
static void
ref_cands(json_object *list, const struct company *co, const char *target)
{
	struct cands		 c = { NULL, 0, 0 };
	const struct tindex	*t = resolved_target(co ? co->res : NULL,
				    target);
	size_t			 i;

	for (i = 0; t != NULL && i < t->n; i++)
		cand(&c, t->v[i].key, t->v[i].label, NULL);
	if (c.n > 0)
		qsort(c.v, c.n, sizeof(*c.v), candcmp);
	for (i = 0; i < c.n; i++) {
		if (i == 0 || strcmp(c.v[i].id, c.v[i - 1].id) != 0)
			item(list, c.v[i].id, CK_REFERENCE, c.v[i].name, NULL,
			    NULL);
	}
	for (i = 0; i < c.n; i++)
		free(c.v[i].own);
	free(c.v);
}

static json_object *
completion(struct lsp *l, const struct doc *d, int line, int character)
{
	json_object		*list = json_object_new_array();
	const struct fielddef	*f = NULL;
	struct place		 p;
	size_t			 i;
	int			 li, value;
	char			*key, *insert;

	if (!place(l, d, line, character, &p))
		return list;
	li = lang_of(l, d);
	value = p.y.colon && p.at >= p.y.col + p.y.klen + 1;
	if (!value && p.parent != NULL && p.parent->kind != K_RECORDS &&
	    p.parent->kind != K_GROUP)
		f = p.parent;	/* `- ` in a list: one of its values */
	else if (value) {
		key = xstrndup(p.line + p.y.col, p.y.klen);
		if (p.top && strcmp(key, "tool") == 0) {
			for (i = 0; i < l->tp->ntools; i++)
				item(list, l->tp->tools[i].key, CK_ENUM,
				    tool_label(&l->tp->tools[i], li),
				    tool_question(&l->tp->tools[i], li), NULL);
			item(list, "none", CK_ENUM, "not a tool (a README)",
			    NULL, NULL);
		} else if (p.top && strcmp(key, "status") == 0) {
			item(list, "draft", CK_ENUM, NULL, NULL, NULL);
			item(list, "complete", CK_ENUM, NULL, NULL, NULL);
		} else if (p.fields != NULL)
			f = field_find(p.fields, p.nfields, key);
		free(key);
	} else {
		if (p.top) {
			item(list, "tool", CK_PROPERTY, "the SIM tool of the "
			    "note", NULL, "tool: ");
			item(list, "status", CK_PROPERTY, "draft or complete",
			    NULL, "status: ");
		}
		for (i = 0; p.fields != NULL && i < p.nfields; i++) {
			insert = xasprintf("%s: ", p.fields[i].key);
			item(list, p.fields[i].key, CK_PROPERTY,
			    field_label(&p.fields[i], li),
			    field_question(&p.fields[i], li), insert);
			free(insert);
		}
		return list;
	}
	if (f == NULL)
		return list;
	switch (f->kind) {
	case K_ENUM:
		for (i = 0; i < f->nvalues; i++)
			item(list, f->values[i], CK_ENUM, value_text(l->tp, li,
			    f->values[i]), NULL, NULL);
		break;
	case K_BOOL:
		item(list, "true", CK_VALUE, NULL, NULL, NULL);
		item(list, "false", CK_VALUE, NULL, NULL, NULL);
		break;
	case K_REF:
	case K_REFS:
		ref_cands(list, company(l, d), f->refers);
		break;
	default:
		break;
	}
	return list;
}

static json_object *
hover(struct lsp *l, const struct doc *d, int line, int character)
{
	const struct fielddef	*f;
	const struct tooldef	*t;
	struct place		 p;
	struct buf		 b = { 0 };
	json_object		*o;
	char			*key;
	int			 li;

	if (!place(l, d, line, character, &p) || p.y.klen == 0 ||
	    !p.y.colon || p.at > p.y.col + p.y.klen)
		return NULL;
	if (p.at < p.y.col)
		return NULL;
	key = xstrndup(p.line + p.y.col, p.y.klen);
	li = lang_of(l, d);
	if (p.top && strcmp(key, "tool") == 0 && (t = p.tool) != NULL) {
		buf_printf(&b, "**%s**", tool_label(t, li));
		if (tool_question(t, li) != NULL)
			buf_printf(&b, "\n\n%s", tool_question(t, li));
	} else if (p.top && strcmp(key, "status") == 0)
		buf_puts(&b, "**status**\n\n`draft` or `complete`: a draft is "
		    "not complete, whatever its fields hold.");
	else if (p.fields != NULL &&
	    (f = field_find(p.fields, p.nfields, key)) != NULL) {
		buf_printf(&b, "**%s**", field_label(f, li));
		if (field_question(f, li) != NULL)
			buf_printf(&b, "\n\n%s", field_question(f, li));
		buf_printf(&b, "\n\n`%s`: %s", f->key, kind_name(f->kind));
		if (f->kind == K_INT && f->has_min && f->has_max)
			buf_printf(&b, " from %ld to %ld", f->min, f->max);
		if (f->required)
			buf_puts(&b, ", required");
	}
	free(key);
	if (b.len == 0)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "contents", markdown(b.data));
	json_object_object_add(o, "range", range(line, units(p.line, p.y.col),
	    units(p.line, p.y.col + p.y.klen)));
	buf_free(&b);
	return o;
}

/* ---- the protocol ---- */

static json_object *
capabilities(void)
{
	json_object	*o = json_object_new_object(), *c, *sync, *comp, *tr;
	json_object	*info;

	c = json_object_new_object();
	sync = json_object_new_object();
	json_object_object_add(sync, "openClose",
	    json_object_new_boolean(1));
	json_object_object_add(sync, "change", json_object_new_int(1));
	json_object_object_add(c, "textDocumentSync", sync);
	comp = json_object_new_object();
	tr = json_object_new_array();
	json_object_array_add(tr, json_object_new_string(":"));
	json_object_array_add(tr, json_object_new_string(" "));
	json_object_array_add(tr, json_object_new_string("-"));
	json_object_object_add(comp, "triggerCharacters", tr);
	json_object_object_add(c, "completionProvider", comp);
	json_object_object_add(c, "hoverProvider", json_object_new_boolean(1));
	json_object_object_add(o, "capabilities", c);
	info = json_object_new_object();
	json_object_object_add(info, "name", json_object_new_string("simc"));
	json_object_object_add(info, "version",
	    json_object_new_string(SIMC_VERSION));
	json_object_object_add(o, "serverInfo", info);
	return o;
}

static void
did_open(struct lsp *l, json_object *params)
{
	json_object	*td = jget(params, "textDocument");
	const char	*uri = jstr(td, "uri"), *text = jstr(td, "text");
	struct doc	*d;
	char		*path, *real;

	if (uri == NULL || text == NULL || (path = uri_path(uri)) == NULL)
		return;
	real = resolved(path);
	free(path);
	if (real == NULL)
		return;
	if ((d = doc_find(l, uri)) == NULL) {
		xgrow(&l->docs, &l->capdocs, l->ndocs + 1, sizeof(*l->docs));
		d = &l->docs[l->ndocs++];
		memset(d, 0, sizeof(*d));
		d->uri = xstrdup(uri);
		d->real = real;
		d->company = company_of(real);
	} else
		free(real);
	doc_text(l, d, text, (size_t)json_object_get_string_len(jget(td,
	    "text")));
}

static void
did_change(struct lsp *l, json_object *params)
{
	struct doc	*d = doc_find(l, jstr(jget(params, "textDocument"),
			    "uri"));
	json_object	*ch = jget(params, "contentChanges"), *last;
	size_t		 n;

	if (d == NULL || ch == NULL || !json_object_is_type(ch,
	    json_type_array) || (n = json_object_array_length(ch)) == 0)
		return;
	/* Full sync: the last change holds the whole text. */
	last = json_object_array_get_idx(ch, n - 1);
	if (jstr(last, "text") == NULL)
		return;
	doc_text(l, d, jstr(last, "text"),
	    (size_t)json_object_get_string_len(jget(last, "text")));
}

static void
did_close(struct lsp *l, json_object *params)
{
	struct doc	*d = doc_find(l, jstr(jget(params, "textDocument"),
			    "uri"));
	char		*company;

	if (d == NULL)
		return;
	load_overlay(d->real, NULL, 0);
	company = xstrdup(d->company);
	publish(d->uri, NULL);
	doc_free(d);
	*d = l->docs[--l->ndocs];
	mark_dirty(l, company);
	free(company);
}

/* Handles one message; returns -1 after `exit`. */
static int
handle(struct lsp *l, const char *body)
{
	json_object	*m = json_tokener_parse(body), *id, *params;
	json_object	*td, *pos;
	const char	*method;
	struct doc	*d;
	int		 line, ch;

	if (m == NULL || !json_object_is_type(m, json_type_object)) {
		respond_error(NULL, ERR_PARSE, "not a JSON-RPC message");
		json_object_put(m);
		return 0;
	}
	id = jget(m, "id");
	method = jstr(m, "method");
	params = jget(m, "params");
	if (method == NULL) {
		/* A response to us: we ask nothing. */
		json_object_put(m);
		return 0;
	}
	if (strcmp(method, "exit") == 0) {
		json_object_put(m);
		return -1;
	}
	if (!l->initialized && strcmp(method, "initialize") != 0) {
		if (id != NULL)
			respond_error(id, ERR_NOT_INIT, "not initialized");
	} else if (l->shutdown && id != NULL) {
		respond_error(id, ERR_REQUEST, "shut down");
	} else if (strcmp(method, "initialize") == 0) {
		l->initialized = 1;
		respond(id, capabilities());
	} else if (strcmp(method, "shutdown") == 0) {
		l->shutdown = 1;
		respond(id, NULL);
	} else if (strcmp(method, "textDocument/didOpen") == 0)
		did_open(l, params);
	else if (strcmp(method, "textDocument/didChange") == 0)
		did_change(l, params);
	else if (strcmp(method, "textDocument/didClose") == 0)
		did_close(l, params);
	else if (strcmp(method, "textDocument/completion") == 0 ||
	    strcmp(method, "textDocument/hover") == 0) {
		td = jget(params, "textDocument");
		pos = jget(params, "position");
		if ((d = doc_find(l, jstr(td, "uri"))) == NULL ||
		    !jint(pos, "line", &line) || !jint(pos, "character", &ch))
			respond_error(id, ERR_PARAMS, "no open document at "
			    "that position");
		else if (method[13] == 'c')
			respond(id, completion(l, d, line, ch));
		else
			respond(id, hover(l, d, line, ch));
	} else if (id != NULL)
		respond_error(id, ERR_METHOD, "not supported by simc lsp");
	json_object_put(m);
	return 0;
}

int
lsp_run(const struct templates *tp)
{
	struct lsp	 l = { .tp = tp };
	char		*body, *dir, err[512];
	size_t		 i;
	int		 rc = 1;

	for (i = 0; i < tp->ntools; i++)
		if (tp->tools[i].company)
			company_tool = tp->tools[i].key;

	if (jsonc_open(err, sizeof(err)) == -1) {
		fprintf(stderr, "simc: lsp: %s\n", err);
		return 1;
	}

	while ((body = read_message(&l)) != NULL) {
		if (handle(&l, body) == -1) {
			rc = l.shutdown ? 0 : 1;
			free(body);
			break;
		}
		free(body);
		/* Typing sends a change a key: check once they stop. */
		while (l.ndirty > 0 && !input_pending(&l)) {
			dir = l.dirty[--l.ndirty];
			check(&l, dir);
			free(dir);
		}
	}
	for (i = 0; i < l.ndocs; i++)
		doc_free(&l.docs[i]);
	free(l.docs);
	for (i = 0; i < l.ndirty; i++)
		free(l.dirty[i]);
	free(l.dirty);
	for (i = 0; i < l.nshown; i++)
		free(l.shown[i]);
	free(l.shown);
	company_free(l.c);
	free(l.cdir);
	free(l.in);
	load_overlay(NULL, NULL, 0);
	diag_take(ignore, NULL);
	return rc;
}
