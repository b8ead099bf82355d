/*
 * init.c: `simc init DIR --name NAME [--lang LL]`, a new company folder.
 *
 * Writes one note per tool of the templates, in workflow order, named by
 * a two-digit prefix (phase, then the tool's place in its phase) and the
 * tool's key: 00-company.md, 10-jobs.md, 21-segments.md...  Each note is
 * `status: draft` with every field present and empty, each key explained
 * by a YAML comment holding its label and guiding question in the chosen
 * language.  Records get no entry (an empty id would be an error) but a
 * commented-out example entry that shows their sub-fields.  init never
 * overwrites a note: when any target exists, nothing is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"
#include "init.h"
#include "templates.h"
#include "util.h"

#define EXIT_USAGE	2

static const char init_usage[] =
    "usage: simc init DIR --name NAME [--lang LL]\n";

static int
usage(const char *msg)
{
	fprintf(stderr, "simc: %s\n", msg);
	fputs(init_usage, stderr);
	return EXIT_USAGE;
}

/*
 * True if s is valid UTF-8 without control characters: one line of text
 * that a note can hold.
 */
static int
one_line(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned		 cp, min;
	size_t			 need, k;

	while (*p) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			need = 1, cp = *p & 0x1f, min = 0x80;
		else if (*p >= 0xe0 && *p <= 0xef)
			need = 2, cp = *p & 0x0f, min = 0x800;
		else if (*p >= 0xf0 && *p <= 0xf4)
			need = 3, cp = *p & 0x07, min = 0x10000;
		else
			return 0;
		for (k = 1; k <= need; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return 0;	/* also stops at the NUL */
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp < 0xa0 ||
		    cp == 0x2028 || cp == 0x2029)
			return 0;
		p += need + 1;
	}
	return 1;
}

/* Appends s as a YAML double-quoted scalar (s is one line of text). */
static void
put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Appends template text on one line: line ends and tabs become blanks. */
static void
put_flat(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_putc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

/* Starts a line: lead (blanks, maybe `# `), then indent blanks. */
static void
put_lead(struct buf *b, const char *lead, int indent)
{
	buf_puts(b, lead);
	while (indent-- > 0)
		buf_putc(b, ' ');
}

/*
 * The comment line before a key: `# Label: guiding question [hints]`.
 * The hints are the words, ranges and forms a value takes; they are the
 * same in every language.
 */
static void
put_comment(struct buf *b, const struct fielddef *f, int li,
    const char *lead, int indent)
{
	const char	*q = field_question(f, li);
	size_t		 k, nhints = 0;

	put_lead(b, lead, indent);
	buf_puts(b, "# ");
	put_flat(b, field_label(f, li));
	if (q != NULL && *q != '\0') {
		buf_puts(b, ": ");
		put_flat(b, q);
	}
#define HINT()	buf_puts(b, nhints++ ? "; " : " [")
	if (f->when_key != NULL) {
		HINT();
		buf_printf(b, "%s: %s", f->when_key, f->when_value);
	}
	if (f->kind == K_INT && (f->has_min || f->has_max)) {
		HINT();
		if (f->has_min)
			buf_printf(b, "%ld", f->min);
		buf_puts(b, "..");
		if (f->has_max)
			buf_printf(b, "%ld", f->max);
	} else if (f->kind == K_ENUM && f->nvalues > 0) {
		HINT();
		for (k = 0; k < f->nvalues; k++)
			buf_printf(b, "%s%s", k ? " | " : "", f->values[k]);
	} else if (f->kind == K_DATE) {
		HINT();
		buf_puts(b, "YYYY-MM-DD");
	} else if (f->kind == K_BOOL) {
		HINT();
		buf_puts(b, "true | false");
	}
#undef HINT
	buf_puts(b, nhints ? "]\n" : "\n");
}

static void	put_fields(struct buf *, const struct fielddef *, size_t, int,
		    const char *, int, int);

/*
 * One field: its comment, then `key:` with no value.  With dash set, the
 * field opens a record (`- key:`).  A group's sub-fields follow as nested
 * keys; a record list gets a commented-out example entry, so that the
 * note holds no entry (whose empty id would be an error) yet shows the
 * structure: removing the first `# ` of each of its lines makes it YAML.
 */
static void
put_field(struct buf *b, const struct fielddef *f, int li, const char *lead,
    int indent, int dash)
{
	int	 keycol = indent + (dash ? 2 : 0);
	char	*sublead;

	put_comment(b, f, li, lead, indent);
	put_lead(b, lead, indent);
	buf_printf(b, "%s%s:\n", dash ? "- " : "", f->key);
	if (f->kind == K_GROUP)
		put_fields(b, f->fields, f->nfields, li, lead, keycol + 2, 0);
	else if (f->kind == K_RECORDS && f->nfields > 0) {
		if (*lead == '\0') {
			sublead = xasprintf("%*s# ", keycol + 2, "");
			put_fields(b, f->fields, f->nfields, li, sublead, 0, 1);
			free(sublead);
		} else
			put_fields(b, f->fields, f->nfields, li, lead,
			    keycol + 2, 1);
	}
}

/* The fields of a mapping; with dash set, as one record of a list. */
static void
put_fields(struct buf *b, const struct fielddef *f, size_t nf, int li,
    const char *lead, int indent, int dash)
{
	size_t	 i;

	for (i = 0; i < nf; i++)
		put_field(b, &f[i], li, lead, dash && i > 0 ? indent + 2 :
		    indent, dash && i == 0);
}

/* Text inside an HTML comment on one line: no "--" that could end it. */
static void
put_comment_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '-' && s[1] == '-')
			buf_puts(b, "- ");
		else
			buf_putc(b, *s == '\n' || *s == '\r' || *s == '\t' ?
			    ' ' : *s);
}

/* The text of one note of tool t. */
static char *
note_text(const struct tooldef *t, int li, const char *lang,
    const char *name)
{
	struct buf	 b = { 0 };
	const char	*q = tool_question(t, li);
	size_t		 i;

	buf_puts(&b, "---\n# ");
	put_flat(&b, tool_label(t, li));
	if (t->number != NULL)
		buf_printf(&b, " (%s)", t->number);
	buf_printf(&b, "\ntool: %s\nstatus: draft\n", t->key);
	for (i = 0; i < t->nfields; i++) {
		const struct fielddef *f = &t->fields[i];

		buf_putc(&b, '\n');
		/* The company's title and language, filled in. */
		if (t->company && has_role(f, "title")) {
			put_comment(&b, f, li, "", 0);
			buf_printf(&b, "%s: ", f->key);
			put_quoted(&b, name);
			buf_putc(&b, '\n');
		} else if (t->company && has_role(f, "language")) {
			put_comment(&b, f, li, "", 0);
			buf_printf(&b, "%s: %s\n", f->key, lang);
		} else
			put_field(&b, f, li, "", 0, 0);
	}
	/* The guiding question as an HTML comment: Markdown prints none,
	 * so the dossier never shows it as the note's text. */
	buf_puts(&b, "---\n\n<!-- ");
	put_comment_text(&b, tool_label(t, li));
	if (q != NULL && *q != '\0') {
		buf_puts(&b, ": ");
		put_comment_text(&b, q);
	}
	buf_puts(&b, " -->\n");
	return buf_take(&b);
}

/* The file name of tool i: phase, place in the phase, key. */
static char *
note_name(const struct templates *tp, size_t i)
{
	const struct tooldef	*t = &tp->tools[i];
	size_t			 j, place = 0, inphase = 0;

	for (j = 0; j < tp->ntools; j++) {
		if (tp->tools[j].phase != t->phase)
			continue;
		inphase++;
		if (j <= i)
			place++;
	}
	/* A phase of one tool is 0 (00-company); else 1.. (21-segments). */
	return xasprintf("%d%zu-%s.md", t->phase, inphase == 1 ? 0 : place,
	    t->key);
}

int
cmd_init(int argc, char **argv, const struct templates *tp)
{
	const char	*dir = NULL, *name = NULL, *lang = "en";
	char		**paths, **texts;
	struct stat	 st;
	size_t		 i, n, done;
	int		 k, li, rc = 1;

	for (k = 0; k < argc; k++) {
		if (strcmp(argv[k], "--name") == 0 ||
		    strcmp(argv[k], "--lang") == 0) {
			if (k + 1 >= argc)
				return usage("an option needs a value");
			if (strcmp(argv[k], "--name") == 0)
				name = argv[k + 1];
			else
				lang = argv[k + 1];
			k++;
		} else if (argv[k][0] == '-' && argv[k][1] != '\0')
			return usage("unknown init option");
		else if (dir != NULL)
			return usage("init takes one company folder");
		else
			dir = argv[k];
	}
	if (dir == NULL || *dir == '\0')
		return usage("init needs a company folder");
	if (name == NULL)
		return usage("init needs the company's --name");
	if (*name == '\0' || !one_line(name))
		return usage("--name must be one line of UTF-8 text");
	if ((li = lang_index(tp, lang)) < 0) {
		struct buf b = { 0 };
		size_t i;
		int rc;

		/* Which ones there are, as build and blank say. */
		buf_puts(&b, "--lang names no label language in "
		    "templates/lang; the languages are");
		for (i = 0; i < tp->nlangs; i++)
			buf_printf(&b, "%s %s", i ? "," : "", tp->langs[i].code);
		rc = usage(b.data);
		buf_free(&b);
		return rc;
	}
	if (diag_errors() > 0) {	/* its labels are broken */
		diag_flush(stderr, 0);
		return 1;
	}

	n = tp->ntools;
	paths = xcalloc(n, sizeof(*paths));
	texts = xcalloc(n, sizeof(*texts));
	for (i = 0; i < n; i++) {
		char *file = note_name(tp, i);

		paths[i] = xasprintf("%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", file);
		free(file);
		texts[i] = note_text(&tp->tools[i], li, lang, name);
	}

	/* Every target is checked before the first is written. */
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "simc: %s is not a folder\n", dir);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (lstat(paths[i], &st) == 0) {
			fprintf(stderr, "simc: %s exists; init never "
			    "overwrites a note\n", paths[i]);
			goto out;
		}
		if (errno != ENOENT) {
			fprintf(stderr, "simc: %s: %s\n", paths[i],
			    strerror(errno));
			goto out;
		}
	}
	if (mkdirs(dir) == -1) {
		fprintf(stderr, "simc: cannot create %s: %s\n", dir,
		    strerror(errno));
		goto out;
	}
	for (done = 0; done < n; done++) {
		if (file_write_atomic(paths[done], texts[done],
		    strlen(texts[done])) == -1) {
			fprintf(stderr, "simc: cannot write %s: %s\n",
			    paths[done], strerror(errno));
			/* Take back the notes written so far: all or none. */
			while (done > 0)
				unlink(paths[--done]);
			goto out;
		}
	}
	printf("%s: %zu notes; start with %s\n", dir, n, paths[0]);
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		free(paths[i]);
		free(texts[i]);
	}
	free(paths);
	free(texts);
	return rc;
}
