/*
 * load.c: the load pass.  Walks a company folder in sorted path order,
 * splits each note into front matter and body, reads the YAML under
 * limits, and maps `## Heading` body sections onto the tool's fields.
 * What the body holds beyond those sections is kept as the note's Notes.
 */
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"
#include "glyphs.h"
#include "imgcache.h"
#include "load.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

/* The texts of load_overlay(), by path; a language server has a few. */
struct overlay {
	char	*path;
	char	*text;
	size_t	 len;
};

static struct overlay	*overlays;
static size_t		 noverlays, capoverlays;

/* A note found by the walk: its path, and its bytes when in memory. */
struct found {
	char			*rel;		/* relative to the company */
	const struct memfile	*mem;		/* NULL: read the file */
};

struct walk {
	struct company	 *c;
	struct found	 *paths;
	size_t		  npaths, cappaths;
	size_t		  entries;	/* folder entries looked at */
};

/* True if real (a resolved path) is base or inside it. */
static int
inside(const char *base, const char *real)
{
	size_t	 n = strlen(base);

	return strncmp(base, real, n) == 0 &&
	    (real[n] == '\0' || real[n] == '/' || strcmp(base, "/") == 0);
}

static int
is_note(const char *name)
{
	size_t	 n = strlen(name);

	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int
foundcmp(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->rel,
	    ((const struct found *)b)->rel);
}

/*
 * The rules every entry of a company folder passes, on disk or in
 * memory: a budget of entries looked at, and names that can be printed
 * and written into dossier.d.  Returns 0 to stop the walk, -1 to pass
 * over this entry, 1 to take it.
 */
static int
entry_ok(struct walk *w, const char *name, const char *shown, int isdir)
{
	const char	*why;

	if (++w->entries > LIMIT_ENTRIES) {
		if (w->entries == LIMIT_ENTRIES + 1)
			diag(SEV_ERROR, w->c->dir, 1, 1, "more than %d "
			    "files and folders in one company "
			    "(limit)", LIMIT_ENTRIES);
		return 0;
	}
	if ((why = name_problem(name)) != NULL) {
		/* One rule for every name simc reads: a name that
		 * cannot be printed or written into dossier.d is
		 * refused, never passed on. */
		if (is_note(name) || isdir)
			diag(SEV_ERROR, shown, 1, 1, "the %s name %s: "
			    "rename it", isdir ? "folder" : "file", why);
		return -1;
	}
	return 1;
}

/* True if a folder at depth (1: in the company's top) is walked. */
static int
depth_ok(const char *shown, int depth)
{
	if (depth <= LIMIT_DIR_DEPTH)
		return 1;
	diag(SEV_ERROR, shown, 1, 1, "folders nested deeper than %d levels "
	    "(limit)", LIMIT_DIR_DEPTH);
	return 0;
}

static void
take(struct walk *w, char *rel, const struct memfile *mem)
{
	xgrow(&w->paths, &w->cappaths, w->npaths + 1, sizeof(*w->paths));
	w->paths[w->npaths].rel = rel;
	w->paths[w->npaths++].mem = mem;
}

/*
 * Collects the notes under rel (every one: the limits on their number and
 * size apply later, in sorted order, so that which notes are read never
 * depends on the order of readdir).
 */
static void
walk(struct walk *w, const char *rel, int depth)
{
	struct company	*c = w->c;
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*abs, *sub, *real, *shown;
	int		 ok;

	abs = *rel ? xasprintf("%s/%s", c->real, rel) : xstrdup(c->real);
	if ((d = opendir(abs)) == NULL) {
		shown = *rel ? xasprintf("%s/%s", c->dir, rel) :
		    xstrdup(c->dir);
		diag(SEV_ERROR, shown, 1, 1, "cannot read folder: %s",
		    strerror(errno));
		free(shown);
		free(abs);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* hidden files, .git, . and .. */
		sub = *rel ? xasprintf("%s/%s", rel, de->d_name) :
		    xstrdup(de->d_name);
		shown = xasprintf("%s/%s", c->dir, sub);
		real = NULL;
		if (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1)
			st.st_mode = 0;
		if ((ok = entry_ok(w, de->d_name, shown,
		    S_ISDIR(st.st_mode))) == 0) {
			free(shown);
			free(sub);
			break;
		}
		if (ok < 0 || st.st_mode == 0)
			goto next;
		if (S_ISLNK(st.st_mode)) {
			real = xasprintf("%s/%s", abs, de->d_name);
			char *r = realpath(real, NULL);
			free(real);
			real = r;
			if (real == NULL || stat(real, &st) == -1) {
				if (is_note(de->d_name))
					diag(SEV_ERROR, shown, 1, 1,
					    "broken symbolic link");
				goto next;
			}
			if (!inside(c->real, real)) {
				if (is_note(de->d_name) || S_ISDIR(st.st_mode))
					diag(SEV_ERROR, shown, 1, 1,
					    "symbolic link points outside the "
					    "company folder");
				goto next;
			}
			if (S_ISDIR(st.st_mode))
				goto next;	/* its target is walked */
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth_ok(shown, depth + 1))
				walk(w, sub, depth + 1);
		} else if (is_note(de->d_name) && !S_ISREG(st.st_mode)) {
			diag(SEV_ERROR, shown, 1, 1, "not a regular file (a "
			    "FIFO, socket or device): a note is a file");
		} else if (is_note(de->d_name)) {
			take(w, sub, NULL);
			sub = NULL;
		}
next:
		free(real);
		free(shown);
		free(sub);
	}
	closedir(d);
	free(abs);
}

int
text_check(const char *text, size_t len, const char *path, int first_line)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 i = 0, k;
	unsigned		 cp;
	int			 line = first_line, col = 1;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {	/* most of a note */
			i++;
			col++;
			continue;
		}
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			diag(SEV_ERROR, path, line, col, "invalid UTF-8 (byte "
			    "0x%02X): save the file as UTF-8", s[i]);
			if (i == 0 && len > 1 && ((s[0] == 0xff && s[1] == 0xfe) ||
			    (s[0] == 0xfe && s[1] == 0xff)))
				diag_help("the file is UTF-16 (as Windows "
				    "Notepad may save it): choose UTF-8 when "
				    "saving");
			else
				diag_help("the file is probably in an older "
				    "encoding (Windows-1250, ISO-8859-2...): "
				    "choose UTF-8 when saving");
			return 0;
		}
		if (cp == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		if (cp == 0) {
			diag(SEV_ERROR, path, line, col, "NUL byte: this is a "
			    "binary file, not a note");
			/* Every second byte NUL: UTF-16 without its mark. */
			if (i % 2 == 1 && len > 3 && s[1] == 0 && s[3] == 0)
				diag_help("it looks like UTF-16: choose UTF-8 "
				    "when saving");
			return 0;
		}
		if (is_control(cp) && cp != '\t' && cp != '\r') {
			diag(SEV_ERROR, path, line, col, "%s U+%04X is not "
			    "allowed", cp == 0x2028 || cp == 0x2029 ?
			    "line separator" : "control character", cp);
			if (len > 4 && memcmp(text, "PK\x03\x04", 4) == 0)
				diag_help("this is a ZIP file (a Word .docx is "
				    "one): save the note as plain text, .md");
			else if (cp == 0x2028 || cp == 0x2029)
				diag_help("it looks like a line break but is "
				    "not one: delete it and press Enter");
			return 0;
		}
		i += k;
		col++;
	}
	return 1;
}

/*
 * Warns at the first character of a note (valid UTF-8) that the PDF's
 * fonts cannot print (CJK, Arabic, emoji...): there it would be a box.
 */
static void
glyph_check(const struct templates *tp, const char *path, const char *text,
    size_t len)
{
	const unsigned char	*s = (const unsigned char *)text;
	char			*fontdir = NULL;
	size_t			 i, k, bad = 0, at = 0;
	unsigned		 cp, first = 0;
	int			 line = 1, col = 1, fl = 0, fc = 0;

	for (i = 0; i < len; i += k, col++) {
		if (s[i] < 0x80) {
			k = 1;
			if (s[i] == '\n')
				line++, col = 0;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp);
		if (fontdir == NULL)
			fontdir = xasprintf("%s/../fonts", tp->dir);
		if (k == 0 || glyph_printable(fontdir, cp))
			continue;
		if (bad++ == 0)
			first = cp, at = i, fl = line, fc = col;
	}
	if (bad > 0)
		diag(SEV_WARNING, path, fl, fc, "the PDF's fonts have no letter "
		    "U+%04X `%.*s`: it prints as an empty box (%zu such "
		    "character%s in this note)", first, (int)(first < 0x800 ?
		    2 : first < 0x10000 ? 3 : 4), text + at,
		    bad, bad == 1 ? "" : "s");
	free(fontdir);
}

/*
 * Turns CRLF and lone CR line ends into LF in place, so that every later
 * step counts lines one way.  Returns the new length.
 */
static size_t
newlines(char *text, size_t len)
{
	size_t	 i, j;

	for (i = j = 0; i < len; i++) {
		if (text[i] == '\r') {
			text[j++] = '\n';
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		} else
			text[j++] = text[i];
	}
	text[j] = '\0';
	return j;
}

/* Length of the line at p, up to and not including its '\n'. */
static size_t
linelen(const char *p, const char *end)
{
	const char	*e = memchr(p, '\n', (size_t)(end - p));

	return e ? (size_t)(e - p) : (size_t)(end - p);
}

/* True if the n bytes at p are s followed by nothing but blanks. */
static int
fence(const char *p, size_t n, const char *s)
{
	size_t	 k = strlen(s);

	if (n < k || strncmp(p, s, k) != 0)
		return 0;
	for (; k < n; k++)
		if (p[k] != ' ' && p[k] != '\t')
			return 0;
	return 1;
}

/* The text of a heading's inlines, blanks collapsed. */
static char *
heading_text(cmark_node *h)
{
	cmark_iter	*it = cmark_iter_new(h);
	cmark_event_type ev;
	cmark_node	*n;
	struct buf	 b = { 0 };
	const char	*lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return buf_take(&b);
}

static const struct fielddef *
section_match(const struct templates *tp, const struct tooldef *t,
    const char *title)
{
	size_t	 i, li;

	for (i = 0; i < t->nfields; i++) {
		const struct fielddef *f = &t->fields[i];

		if (strcasecmp(f->key, title) == 0)
			return f;
		for (li = 0; li < tp->nlangs; li++)
			if (strcasecmp(field_label(f, (int)li), title) == 0)
				return f;
	}
	return NULL;
}

/*
 * The field a `## title` fills: its key, or its label in a language read
 * so far, or else in any language (all are read then, once).
 */
static const struct fielddef *
section_field(const struct templates *tp, const struct tooldef *t,
    const char *title)
{
	const struct fielddef	*f = section_match(tp, t, title);

	if (f == NULL && *title != '\0') {
		templates_load_langs(tp, title);
		f = section_match(tp, t, title);
	}
	return f;
}

/*
 * Trims blank lines from both ends of a Markdown slice and returns a
 * copy, or NULL when nothing is left.
 */
static char *
slice(const char *p, const char *e)
{
	while (p < e && (*p == '\n' || *p == ' ' || *p == '\t')) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		const char *q = p;

		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (q < e && *q != '\n')
			break;
		p = nl ? nl + 1 : e;
	}
	while (e > p && (e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return e > p ? xstrndup(p, (size_t)(e - p)) : NULL;
}

/*
 * Splits the body into `## ` sections.  A section whose title names a
 * field fills that field (as a scalar marked YF_BODY); the rest of the
 * body becomes the note's Notes.
 */
static void
body_map(const struct templates *tp, struct note *n, const char *body,
    size_t len, int first_line)
{
	cmark_node	*doc, *k;
	const char	*end = body + len, **lines;
	size_t		 nlines = 1, i, li;
	struct ynode	**filled = NULL;	/* per field: its key, or NULL */
	struct buf	 notes = { 0 };
	size_t		 nsec = 0, capsec = 0;
	struct sec {
		int		 hline;	/* heading's first line, body-based */
		int		 cline;	/* first content line */
		const struct fielddef *f;
		char		*title;
	}		*secs = NULL;
	const char	*p;

	for (p = body; p < end; p++)
		if (*p == '\n')
			nlines++;
	lines = xcalloc(nlines + 1, sizeof(*lines));
	lines[0] = body;
	for (li = 1, p = body; p < end; p++)
		if (*p == '\n')
			lines[li++] = p + 1;
	lines[nlines] = end;

	doc = cmark_parse_document(body, len, CMARK_OPT_VALIDATE_UTF8);
	for (k = cmark_node_first_child(doc); k; k = cmark_node_next(k)) {
		if (cmark_node_get_type(k) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(k) != 2)
			continue;
		xgrow(&secs, &capsec, nsec + 1, sizeof(*secs));
		secs[nsec].hline = cmark_node_get_start_line(k);
		secs[nsec].cline = cmark_node_get_end_line(k) + 1;
		secs[nsec].title = heading_text(k);
		secs[nsec].f = n->tool ? section_field(tp, n->tool,
		    secs[nsec].title) : NULL;
		nsec++;
	}
	cmark_node_free(doc);
	/* Looked up once, not once per section: there may be thousands. */
	if (n->tool != NULL) {
		filled = xcalloc(n->tool->nfields + 1, sizeof(*filled));
		for (i = 0; i < n->tool->nfields; i++)
			filled[i] = ykey(n->fm, n->tool->fields[i].key);
	}

	/* Body lines are 1-based; lines[i - 1] starts line i. */
#define LINE(i)	(lines[(size_t)(i) - 1 < nlines ? (size_t)(i) - 1 : nlines])
	{
		char *pre = slice(body, nsec ? LINE(secs[0].hline) : end);

		if (pre != NULL) {
			buf_puts(&notes, pre);
			n->notes_line = first_line;
			free(pre);
		}
	}
	for (i = 0; i < nsec; i++) {
		const char *from = LINE(secs[i].cline);
		const char *to = i + 1 < nsec ? LINE(secs[i + 1].hline) : end;
		int hline = first_line + secs[i].hline - 1;
		const struct fielddef *f = secs[i].f;
		struct ynode *prev;
		char *text;

		if (from > to)
			from = to;
		if (f == NULL) {
			text = slice(LINE(secs[i].hline), to);
			if (notes.len == 0)
				n->notes_line = hline;
			else
				buf_puts(&notes, "\n\n");
			buf_puts(&notes, text ? text : "");
			free(text);
			continue;
		}
		if (!f->body) {
			diag(SEV_ERROR, n->path, hline, 1, "field `%s` cannot "
			    "be written in the body: write it in the front "
			    "matter", f->key);
			continue;
		}
		if ((prev = filled[f - n->tool->fields]) != NULL) {
			if (prev->flags & YF_BODY)
				diag(SEV_ERROR, n->path, hline, 1, "field `%s` "
				    "is filled twice in the body (first at "
				    "line %d)", f->key, prev->line);
			else
				diag(SEV_ERROR, n->path, hline, 1, "field `%s` "
				    "is filled twice: in the front matter "
				    "(line %d) and in the body", f->key,
				    prev->line);
			continue;
		}
		text = slice(from, to);
		yput(n->fm, yscalar(xstrdup(f->key), hline, 1, YF_BODY),
		    yscalar(text ? text : xstrdup(""), hline + 1, 1,
		    YF_BODY | YF_QUOTED));
		filled[f - n->tool->fields] = n->fm->kids[n->fm->nkids - 2];
	}
#undef LINE
	for (i = 0; i < nsec; i++)
		free(secs[i].title);
	free(secs);
	free(filled);
	free(lines);
	if (notes.len)
		n->notes = buf_take(&notes);
	buf_free(&notes);
}

/* A key of map that looks like a misspelt key, or NULL. */
static const struct ynode *
near_key(const struct ynode *map, const char *key)
{
	size_t	 i;

	for (i = 0; i + 1 < map->nkids; i += 2)
		if (strcasecmp(map->kids[i]->str, key) == 0 ||
		    edit_distance(map->kids[i]->str, key, 1) <= 1)
			return map->kids[i];
	return NULL;
}

static void
suggest_tool(const struct templates *tp, const struct note *n, int line,
    int col, const char *name)
{
	size_t	 i, best = 4, d;
	const char *hit = NULL;

	for (i = 0; i < tp->ntools; i++) {
		d = edit_distance(name, tp->tools[i].key, 3);
		if (d < best)
			best = d, hit = tp->tools[i].key;
	}
	diag(SEV_ERROR, n->path, line, col, "unknown tool `%s`", name);
	if (hit)
		diag_help("did you mean `%s`?", hit);
}

/* Counts the `[` of every scalar under y; returns the first scalar past
 * limit, or NULL.  *n carries the count across calls. */
static const struct ynode *
brackets(const struct ynode *y, size_t *n, size_t limit)
{
	const struct ynode	*hit;
	size_t			 i;
	const char		*p;

	if (y->kind == Y_SCALAR) {
		for (p = y->str; (p = memchr(p, '[', y->len -
		    (size_t)(p - y->str))) != NULL; p++)
			if (++*n > limit)
				return y;
		return NULL;
	}
	for (i = 0; i < y->nkids; i++)
		if ((hit = brackets(y->kids[i], n, limit)) != NULL)
			return hit;
	return NULL;
}

void
load_overlay(const char *path, const char *text, size_t len)
{
	size_t	 i;

	for (i = 0; i < noverlays; i++) {
		if (path != NULL && strcmp(overlays[i].path, path) != 0)
			continue;
		free(overlays[i].path);
		free(overlays[i].text);
		overlays[i--] = overlays[--noverlays];
	}
	if (path == NULL || text == NULL) {
		if (noverlays == 0) {
			free(overlays);
			overlays = NULL;
			capoverlays = 0;
		}
		return;
	}
	xgrow(&overlays, &capoverlays, noverlays + 1, sizeof(*overlays));
	overlays[noverlays].path = xstrdup(path);
	overlays[noverlays].text = xmalloc(len + 1);	/* a NUL is text_check's */
	memcpy(overlays[noverlays].text, text, len);
	overlays[noverlays].text[len] = '\0';
	overlays[noverlays++].len = len;
}

/* file_read(), but an editor's text of path first. */
static char *
note_read(const char *path, size_t max, size_t *len)
{
	size_t	 i;
	char	*data;

	for (i = 0; i < noverlays; i++) {
		if (strcmp(overlays[i].path, path) != 0)
			continue;
		*len = overlays[i].len;
		if (*len > max) {
			errno = EFBIG;
			return NULL;
		}
		data = xmalloc(*len + 1);
		memcpy(data, overlays[i].text, *len);
		data[*len] = '\0';
		return data;
	}
	return file_read(path, max, len);
}

/*
 * The value of a `tool:` line at the start of a line of the front matter
 * that did not parse, or NULL.  Caller frees.
 */
static char *
sniff_tool(const char *fm, size_t len)
{
	const char	*p = fm, *e = fm + len, *v, *ve;
	size_t		 l;

	for (; p < e; p += l + 1) {
		l = linelen(p, e);
		if (l < 5 || strncmp(p, "tool:", 5) != 0)
			continue;
		for (v = p + 5; v < p + l && (*v == ' ' || *v == '\t'); v++)
			continue;
		for (ve = v; ve < p + l && *ve != ' ' && *ve != '\t' &&
		    *ve != '#'; ve++)
			continue;
		return ve > v && ve - v < 64 ? xstrndup(v, (size_t)(ve - v)) :
		    NULL;
	}
	return NULL;
}

char *
load_tool_of(const char *path)
{
	char		 head[4097];
	const char	*p, *e;
	size_t		 n = 0, l;
	ssize_t		 r;
	struct stat	 st;
	int		 fd;

	if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) == -1)
		return NULL;
	while (n < sizeof(head) - 1 &&
	    (r = read(fd, head + n, sizeof(head) - 1 - n)) > 0)
		n += (size_t)r;
	close(fd);
	e = head + n;
	if (n < 3 || !fence(head, linelen(head, e), "---"))
		return NULL;
	/* The front matter: up to its closing `---`, or what was read. */
	for (p = head + linelen(head, e) + 1; p < e; p += l + 1)
		if (fence(p, l = linelen(p, e), "---"))
			break;
	l = linelen(head, e) + 1;
	return p > head + l ? sniff_tool(head + l, (size_t)(p - head - l)) :
	    NULL;
}

/*
 * Loads one note, reading at most max bytes (the note's limit, or less
 * when the company's budget has less left).  Returns the bytes read.
 */
static size_t
load_note(struct company *c, struct note *n, const struct templates *tp,
    size_t max, const struct memfile *mem)
{
	struct ylimits	 lim = { LIMIT_DEPTH, LIMIT_VALUES, NULL };
	struct ynode	*tool, *st;
	char		*abs, *data, *text;
	size_t		 len, l, off, fmstart, fmend, bodystart, read;
	int		 line, fmline = 2, bodyline;

	if (mem != NULL) {
		len = mem->len;
		data = NULL;
		errno = EFBIG;
		if (mem->data != NULL && len <= max) {
			data = xmalloc(len + 1);
			memcpy(data, mem->data, len);
			data[len] = '\0';
		}
	} else {
		abs = xasprintf("%s/%s", c->real, n->rel);
		data = note_read(abs, max, &len);
		free(abs);
	}
	if (data == NULL) {
		if (errno == EFBIG && len > LIMIT_NOTE_BYTES)
			diag(SEV_ERROR, n->path, 1, 1, "note is %zu bytes, "
			    "over the limit of %u bytes", len,
			    LIMIT_NOTE_BYTES);
		else if (errno == EFBIG)
			diag(SEV_ERROR, n->path, 1, 1, "the company's notes "
			    "pass %u bytes with this one, over the limit for "
			    "one company: it and the notes after it are not "
			    "read", LIMIT_COMPANY_BYTES);
		else
			diag(SEV_ERROR, n->path, 1, 1, "cannot read: %s",
			    strerror(errno));
		return errno == EFBIG && len <= LIMIT_NOTE_BYTES ? max + 1 : 0;
	}
	read = len;
	text = data;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	if (len == 0) {
		diag(SEV_ERROR, n->path, 1, 1, "empty file: a note starts "
		    "with front matter naming its `tool:`");
		goto out;
	}
	len = newlines(text, len);
	diag_source(n->path, text, len);	/* lines for diagnostics */
	if (!text_check(text, len, n->path, 1))
		goto out;
	glyph_check(tp, n->path, text, len);

	/* Front matter: a `---` line, YAML, a `---` or `...` line. */
	l = linelen(text, text + len);
	if (!fence(text, l, "---")) {
		diag(SEV_ERROR, n->path, 1, 1, "no front matter: a note "
		    "starts with a `---` line, then `tool:` and its fields");
		diag_help("a Markdown file that is not a note (a README) "
		    "starts with these three lines: `---`, `tool: none`, "
		    "`---`");
		goto out;
	}
	off = fmstart = l < len ? l + 1 : len;
	line = 2;
	fmend = bodystart = (size_t)-1;
	while (off < len) {
		l = linelen(text + off, text + len);
		if (fence(text + off, l, "---") || fence(text + off, l, "...")) {
			fmend = off;
			bodystart = off + l < len ? off + l + 1 : len;
			break;
		}
		off += l < len - off ? l + 1 : l;
		line++;
	}
	if (fmend == (size_t)-1) {
		diag(SEV_ERROR, n->path, 1, 1, "front matter is not closed: "
		    "add a `---` line after the last field");
		goto out;
	}
	bodyline = line + 1;
	if (fmend - fmstart > LIMIT_FM_BYTES) {
		diag(SEV_ERROR, n->path, fmline, 1, "front matter is %zu "
		    "bytes, over the limit of %u bytes", fmend - fmstart,
		    LIMIT_FM_BYTES);
		goto out;
	}
	if (len - bodystart > LIMIT_BODY_BYTES) {
		diag(SEV_ERROR, n->path, bodyline, 1, "body is %zu bytes, "
		    "over the limit of %u bytes", len - bodystart,
		    LIMIT_BODY_BYTES);
		goto out;
	}
	if ((n->fm = yparse(text + fmstart, fmend - fmstart, n->path, fmline,
	    &lim)) == NULL) {
		/* Which tool it meant, so that the references into it are
		 * not reported too (resolve.c). */
		n->tool_name = sniff_tool(text + fmstart, fmend - fmstart);
		goto out;
	}
	if (n->fm->kind != Y_MAP) {
		diag(SEV_ERROR, n->path, n->fm->line, n->fm->col, "front "
		    "matter must be `key: value` lines, not a %s",
		    n->fm->kind == Y_SEQ ? "list" : "single value");
		yfree(n->fm);
		n->fm = NULL;
		goto out;
	}

	if ((tool = yget(n->fm, "tool")) == NULL) {
		const struct ynode *k = near_key(n->fm, "tool");

		if (k != NULL) {
			diag(SEV_ERROR, n->path, k->line, k->col, "no `tool:` "
			    "key");
			diag_help("did you mean `tool` instead of `%s`?",
			    k->str);
		}
		else
			diag(SEV_ERROR, n->path, n->fm->line, 1, "no `tool:` "
			    "key: say which SIM tool this note fills (or "
			    "`tool: none`)");
		goto out;
	}
	if (yempty(tool)) {
		diag(SEV_ERROR, n->path, tool->line, tool->col, "`tool` is "
		    "empty: say which SIM tool this note fills (or `tool: "
		    "none`)");
		goto out;
	}
	if (tool->kind != Y_SCALAR) {
		diag(SEV_ERROR, n->path, tool->line, tool->col,
		    "`tool` must name one tool");
		goto out;
	}
	n->tool_name = xstrdup(tool->str);
	if (strcmp(tool->str, "none") != 0 &&
	    (n->tool = tool_find(tp, tool->str)) == NULL) {
		suggest_tool(tp, n, tool->line, tool->col, tool->str);
		goto out;
	}
	if ((st = yget(n->fm, "status")) != NULL && !yempty(st)) {
		if (st->kind == Y_SCALAR && strcmp(st->str, "draft") == 0)
			n->draft = 1;
		else if (st->kind != Y_SCALAR ||
		    strcmp(st->str, "complete") != 0) {
			diag(SEV_ERROR, n->path, st->line, st->col,
			    "`status` must be `draft` or `complete`");
			goto out;
		}
	}
	/* cmark 0.30.2 slows down quadratically on many brackets (`![[]()`):
	 * a bound on them per note keeps every note's parse linear. */
	{
		const char *b = text + bodystart, *e = text + len, *p;
		size_t nb = 0;
		const struct ynode *hit = brackets(n->fm, &nb, LIMIT_BRACKETS);
		int bl = bodyline, bc = 1;

		for (p = b; hit == NULL && p < e && nb <= LIMIT_BRACKETS; p++) {
			if (*p == '\n')
				bl++, bc = 0;
			bc++;
			if (*p == '[' && ++nb > LIMIT_BRACKETS)
				break;
		}
		if (hit != NULL || nb > LIMIT_BRACKETS) {
			diag(SEV_ERROR, n->path, hit ? hit->line : bl,
			    hit ? hit->col : bc - 1, "more than %d `[` in one "
			    "note (limit): write fewer links or brackets",
			    LIMIT_BRACKETS);
			goto out;
		}
	}
	body_map(tp, n, text + bodystart, bodystart < len ? len - bodystart : 0,
	    bodyline);
	n->ok = 1;
out:
	free(data);
	return read;
}

/*
 * The output folder's name is the company folder's, but for the
 * characters that a make rule can only match by wildcard (`;`, `%`, `=`,
 * quotes, parentheses...), which become `_`: dossier.d names its targets
 * exactly, and a `%` found by a wildcard would make a pattern rule.
 */
static void
slug_plain(char *s)
{
	unsigned char	*u;

	for (u = (unsigned char *)s; *u; u++)
		/* What make can escape (space, `#`, `:`) stays. */
		if (!make_plain(*u, u == (unsigned char *)s) &&
		    strchr(" #:", *u) == NULL)
			*u = '_';
}

/*
 * Reads the notes the walk found, in sorted path order, under the
 * limits of a company: the first notes are read, the one past a limit
 * says so, the rest are left.
 */
static void
load_found(struct company *c, struct walk *w, const struct templates *tp)
{
	size_t		 i, total = 0, left;

	if (w->npaths == 0 && w->entries <= LIMIT_ENTRIES)
		diag(SEV_ERROR, c->dir, 1, 1, "no notes (*.md files) in "
		    "this folder");
	if (w->npaths > 0)
		qsort(w->paths, w->npaths, sizeof(*w->paths), foundcmp);
	c->notes = xcalloc(w->npaths, sizeof(*c->notes));
	for (i = 0; i < w->npaths; i++) {
		struct note *n;

		if (i == LIMIT_NOTES || total > LIMIT_COMPANY_BYTES) {
			char *shown = xasprintf("%s/%s", c->dir,
			    w->paths[i].rel);

			if (i == LIMIT_NOTES)
				diag(SEV_ERROR, shown, 1, 1, "more than %d "
				    "notes in one company (limit): this note "
				    "and the %zu after it are not read",
				    LIMIT_NOTES, w->npaths - i - 1);
			free(shown);
			break;
		}
		n = xcalloc(1, sizeof(*n));
		n->rel = w->paths[i].rel;
		w->paths[i].rel = NULL;
		n->path = xasprintf("%s/%s", c->dir, n->rel);
		left = LIMIT_COMPANY_BYTES - total;
		total += load_note(c, n, tp, left < LIMIT_NOTE_BYTES ? left :
		    LIMIT_NOTE_BYTES, w->paths[i].mem);
		c->notes[c->nnotes++] = n;
	}
	for (; i < w->npaths; i++)
		free(w->paths[i].rel);
	free(w->paths);
}

struct company *
load_company(const char *dir, const struct templates *tp)
{
	struct company	*c = xcalloc(1, sizeof(*c));
	struct walk	 w = { 0 };
	size_t		 dl;
	const char	*base, *why;

	dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	c->dir = xstrndup(dir, dl);
	if ((why = name_problem(c->dir)) != NULL) {
		/* Refused before anything else sees it; later passes and
		 * outputs get a printable name. */
		char *shown = printable(c->dir);

		diag(SEV_ERROR, shown, 1, 1, "the company folder's name %s: "
		    "rename it", why);
		free(c->dir);
		c->dir = shown;
		c->slug = xstrdup("company");
		return c;
	}
	base = strrchr(c->dir, '/');
	c->slug = xstrdup(base ? base + 1 : c->dir);
	if ((c->real = realpath(dir, NULL)) == NULL) {
		diag(SEV_ERROR, c->dir, 1, 1, "cannot open company folder: %s",
		    strerror(errno));
		return c;
	}
	if (strcmp(c->slug, ".") == 0 || strcmp(c->slug, "..") == 0) {
		base = strrchr(c->real, '/');
		free(c->slug);
		c->slug = xstrdup(base && base[1] ? base + 1 : "company");
	}
	slug_plain(c->slug);
	w.c = c;
	walk(&w, "", 0);
	load_found(c, &w, tp);
	return c;
}

/*
 * The target of link (an entry at rel in memory) if it is a note of the
 * same company: the path normalised inside it, found in idx.  Else NULL,
 * reported as the file-system walk reports it.
 */
static const struct memfile *
mem_link(const struct memfile *link, const struct index *idx,
    const char *shown)
{
	struct buf	 b = { 0 };
	const struct memfile *hit = NULL;
	struct ientry	*e;
	char		*path, *tok, *save, *slash;
	int		 out = link->data != NULL && link->data[0] == '/';

	/* The link's folder, then its target's parts one by one. */
	path = xasprintf("%s", link->rel);
	if ((slash = strrchr(path, '/')) != NULL) {
		*slash = '\0';
		buf_puts(&b, path);
	}
	free(path);
	if (link->data == NULL) {	/* not read: too long, or past the
					   company's budget */
		diag(SEV_ERROR, shown, 1, 1, "broken symbolic link");
		buf_free(&b);
		return NULL;
	}
	path = xstrdup(link->data);
	for (tok = strtok_r(path, "/", &save); tok && !out;
	    tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (b.len == 0)
				out = 1;
			else if ((slash = strrchr(b.data, '/')) != NULL)
				b.len = (size_t)(slash - b.data);
			else
				b.len = 0;
			if (b.data != NULL)
				b.data[b.len] = '\0';
			continue;
		}
		if (b.len > 0)
			buf_putc(&b, '/');
		buf_puts(&b, tok);
	}
	free(path);
	if (out)
		diag(SEV_ERROR, shown, 1, 1, "symbolic link points outside "
		    "the company folder");
	else if (b.data == NULL || (e = index_find(idx, b.data)) == NULL ||
	    (hit = e->val)->kind != MEM_FILE)
		diag(SEV_ERROR, shown, 1, 1, "broken symbolic link");
	buf_free(&b);
	return out || hit == NULL || hit->kind != MEM_FILE ? NULL : hit;
}

struct company *
load_company_mem(const char *dir, const char *shown, const struct memfile *f,
    size_t n, const struct templates *tp)
{
	struct company	*c = xcalloc(1, sizeof(*c));
	struct walk	 w = { 0 };
	struct index	 idx = { 0 };
	const struct memfile *src;
	const char	*base, *name, *skip = NULL;
	char		*sub;
	size_t		 i, sl = 0;
	int		 depth, ok;

	c->dir = xstrdup(shown);
	c->real = realpath(dir, NULL);
	base = c->real ? strrchr(c->real, '/') : NULL;
	c->slug = xstrdup(base && base[1] ? base + 1 : "company");
	slug_plain(c->slug);
	w.c = c;
	for (i = 0; i < n; i++)
		index_add(&idx, f[i].rel, (void *)&f[i]);
	index_sort(&idx);
	for (i = 0; i < n; i++) {
		/* Below a folder passed over: passed over too. */
		if (skip != NULL && strncmp(f[i].rel, skip, sl) == 0 &&
		    f[i].rel[sl] == '/')
			continue;
		skip = NULL;
		name = strrchr(f[i].rel, '/');
		name = name ? name + 1 : f[i].rel;
		for (depth = 0, base = f[i].rel; *base; base++)
			depth += *base == '/';
		sub = xasprintf("%s/%s", c->dir, f[i].rel);
		if (name[0] == '.')
			ok = -1;	/* hidden files, .git */
		else
			ok = entry_ok(&w, name, sub, f[i].kind == MEM_DIR);
		if (ok == 0) {
			free(sub);
			break;
		}
		if (ok > 0 && f[i].kind == MEM_DIR && !depth_ok(sub,
		    depth + 1))
			ok = -1;
		if (ok < 0 && f[i].kind == MEM_DIR) {
			skip = f[i].rel;
			sl = strlen(skip);
		}
		if (ok > 0 && is_note(name) && f[i].kind != MEM_DIR) {
			src = f[i].kind == MEM_LINK ? mem_link(&f[i], &idx,
			    sub) : &f[i];
			if (src != NULL)
				take(&w, xstrdup(f[i].rel), src);
		}
		free(sub);
	}
	index_free(&idx);
	load_found(c, &w, tp);
	return c;
}

void
company_free(struct company *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	diag_sources_clear();
	for (i = 0; i < c->nnotes; i++) {
		yfree(c->notes[i]->fm);
		free(c->notes[i]->path);
		free(c->notes[i]->rel);
		free(c->notes[i]->tool_name);
		free(c->notes[i]->notes);
		for (size_t j = 0; j < c->notes[i]->nmissing; j++)
			free(c->notes[i]->missing[j]);
		free(c->notes[i]->missing);
		free(c->notes[i]);
	}
	free(c->notes);
	resolved_free(c->res);
	imgcache_free(c->images);
	free(c->dir);
	free(c->real);
	free(c->slug);
	free(c);
}
