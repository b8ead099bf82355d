/*
 * templates.c: the methodology's definitions (templates/tools.yaml) read
 * into struct tooldef and struct fielddef, and the label languages
 * (templates/lang/LL.yaml).  First pass of every command.
 *
 * templates/ is data that a methodology expert edits, so the loader
 * checks all of it: every key against the shape it must have (text,
 * list of texts, mapping), every name that points at something else in
 * the templates (a sub-field, a sibling field, a reference target, an
 * interface text), and every combination the form pass can print.  What
 * it accepts, the later passes rely on without checking again; a
 * mistake is an error at its file, line and column.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"
#include "templates.h"
#include "util.h"

#define MAX_BOUND	1000000000L	/* |min|, |max| */
#define MAX_KEYLEN	64		/* bytes of a tool or field key */
#define MAX_TOOLS	100
#define MAX_FIELDS	100		/* of one tool, records or group */
#define MAX_VALUES	40		/* words of one enum */
#define MAX_COLUMNS	20		/* of a table: what a page holds */
#define MAX_ROW		6		/* boxes in one of a form's rows */

static const char *const kinds[K__MAX] = {
	"inline", "block", "list", "int", "enum", "date", "bool", "id",
	"ref", "refs", "image", "records", "group",
};

const char *
kind_name(enum fkind k)
{
	return kinds[k];
}

static int
isdir(const char *p)
{
	struct stat	 st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
templates_find(const char *dir)
{
	char	 exe[PATH_MAX], *p, *cand;
	ssize_t	 n;

	if (dir != NULL)
		return xstrdup(dir);
	if ((p = getenv("SIMC_TEMPLATES")) != NULL && *p != '\0')
		return xstrdup(p);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) != NULL)
		*p = '\0';
	cand = xasprintf("%s/templates", exe);
	if (isdir(cand))
		return cand;
	free(cand);
	cand = xasprintf("%s/../share/simc/templates", exe);
	if (isdir(cand))
		return cand;
	free(cand);
	return NULL;
}

static const char *const layouts[] = {
	"table", "card", "grid", "form", "canvas", NULL
};

static const char *const tool_keys[] = {
	"key", "phase", "number", "multiplicity", "required", "layout",
	"label", "question", "fields", "orientation", "timeframe", "figures",
	"rows", "role", "per", NULL
};

static const char *const field_keys[] = {
	"key", "kind", "label", "question", "required", "body", "hidden",
	"min", "max", "values", "refers", "group", "when", "fields",
	"transpose", "curve", "curve_marks", "group_by", "extra",
	"provides", "role", "empty", "sum", "total", "suggested", "phase",
	"ordered", "needs", "caption", "region", NULL
};

/* The roles a field may play, the kinds that can play them, and where:
 * a tool's own field, one of the tool with the role company, or a
 * records' sub-field. */
enum rwhere { R_TOOL, R_COMPANY, R_RECORDS, R_ANY };

static const struct {
	const char	*name;
	unsigned	 kinds;		/* 1 << enum fkind */
	enum rwhere	 where;
} roles[] = {
	{ "title",	1u << K_INLINE, R_ANY },
	{ "language",	1u << K_INLINE, R_COMPANY },
	{ "logo",	1u << K_IMAGE, R_COMPANY },
	{ "cover",	1u << K_INLINE | 1u << K_BLOCK | 1u << K_LIST,
	    R_COMPANY },
	{ "author",	1u << K_INLINE, R_COMPANY },
	{ "summary",	1u << K_INLINE, R_COMPANY },
	{ "country",	1u << K_INLINE, R_COMPANY },
	{ "picture",	1u << K_IMAGE, R_TOOL },
	{ "heading",	1u << K_INLINE | 1u << K_REF, R_TOOL },
	{ "state",	1u << K_ENUM, R_RECORDS },
	{ "tracked",	1u << K_ID | 1u << K_INLINE, R_RECORDS },
	{ "market",	1u << K_INLINE, R_RECORDS },
};
#define NROLES	(sizeof(roles) / sizeof(roles[0]))

/* Where a field is printed, which decides what it may be. */
enum scope {
	IN_TOOL,	/* a tool's own field: boxes, tables */
	IN_RECORDS,	/* a column of a records table */
	IN_NESTED,	/* a column of records inside records */
	IN_GRID,	/* a row of a transposed records (a grid) */
	IN_GROUP,	/* a box of a group */
	IN_INNER	/* a column of a group inside a group */
};

/* A name to look up once every tool is read. */
struct pending {
	const char		*name;		/* a target, or TOOL.FIELD */
	const struct ynode	*at;
	struct tooldef		*tool;		/* where it was read */
	struct fielddef		*field;
};

struct ctx {
	const char		*path;
	int			 bad;
	const struct ynode	*en_ui;		/* English's, for `group` */
	struct templates	*tp;		/* phases, targets, sums */
	const char		*ranks;		/* ranking.ranks, read first */
	struct tooldef		*tool;		/* being read */
	struct pending		*refs;		/* refers */
	size_t			 nrefs, caprefs;
	struct pending		*provs;		/* provides */
	size_t			 nprovs, capprovs;
	struct pending		*needs;		/* needs */
	size_t			 nneeds, capneeds;
};

static void
pend(struct pending **v, size_t *n, size_t *cap, const char *name,
    const struct ynode *at, struct tooldef *t, struct fielddef *f)
{
	xgrow(v, cap, *n + 1, sizeof(**v));
	(*v)[*n].name = name;
	(*v)[*n].at = at;
	(*v)[*n].tool = t;
	(*v)[(*n)++].field = f;
}

static void	err(struct ctx *, const struct ynode *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* An error at node at. */
static void
err(struct ctx *c, const struct ynode *at, const char *fmt, ...)
{
	struct buf	 b = { 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(SEV_ERROR, c->path, at->line, at->col, "%s", b.data);
	buf_free(&b);
	c->bad = 1;
}

static int
in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* True if s is a key: ASCII letters, digits, `_`, `-`, not at first. */
static int
is_key(const char *s)
{
	size_t	 i;

	for (i = 0; s[i]; i++)
		if (!(isascii((unsigned char)s[i]) &&
		    isalnum((unsigned char)s[i])) &&
		    (i == 0 || (s[i] != '_' && s[i] != '-')))
			return 0;
	return i > 0 && i <= MAX_KEYLEN;
}

static const char *
shape(const struct ynode *v)
{
	return v->kind == Y_MAP ? "a mapping" : v->kind == Y_SEQ ? "a list" :
	    "text";
}

/* Reports the keys of map that are not in keys, with a near miss. */
static void
known_keys(struct ctx *c, const struct ynode *map, const char *const *keys,
    const char *what)
{
	const char	*hit;
	size_t		 i, j, d, best;

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];

		if (in_list(k->str, keys))
			continue;
		hit = NULL;
		best = 3;
		for (j = 0; keys[j]; j++)
			if ((d = edit_distance(k->str, keys[j], 2)) < best)
				best = d, hit = keys[j];
		if (hit)
			err(c, k, "unknown key `%s` in %s; did you mean `%s`?",
			    k->str, what, hit);
		else
			err(c, k, "unknown key `%s` in %s", k->str, what);
	}
}

/* True if s holds a line break or a tab. */
static int
multiline(const char *s)
{
	return strpbrk(s, "\n\r\t") != NULL;
}

/*
 * The text under key, or NULL when it is absent or empty (an error when
 * required) or not text (an error).  With line set it must be one line.
 */
static const char *
text(struct ctx *c, const struct ynode *map, const char *key, int required,
    int line)
{
	const struct ynode	*v = yget(map, key);

	if (v != NULL && v->kind != Y_SCALAR) {
		err(c, v, "`%s` must be text, not %s", key, shape(v));
		return NULL;
	}
	if (v == NULL || yempty(v)) {
		if (required)
			err(c, map, "definition lacks `%s`", key);
		return NULL;
	}
	if (line && multiline(v->str)) {
		err(c, v, "`%s` must be one line", key);
		return NULL;
	}
	return v->str;
}

static char *
tdup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The key of a tool or field definition (required). */
static char *
key_text(struct ctx *c, const struct ynode *map)
{
	const char	*k = text(c, map, "key", 1, 1);

	if (k != NULL && !is_key(k)) {
		err(c, yget(map, "key"), "`key` must be 1 to %d ASCII letters, "
		    "digits, `_` and `-`, starting with a letter or digit, "
		    "not `%s`", MAX_KEYLEN, k);
		return NULL;
	}
	return tdup(k);
}

/* `true` or `false` under key; absent is false. */
static int
boolean(struct ctx *c, const struct ynode *map, const char *key)
{
	const struct ynode	*v = yget(map, key);

	if (v == NULL)
		return 0;
	if (v->kind == Y_SCALAR && strcmp(v->str, "true") == 0)
		return 1;
	if (v->kind != Y_SCALAR || strcmp(v->str, "false") != 0)
		err(c, v, "`%s` must be `true` or `false`", key);
	return 0;
}

/* An integer from lo to hi under key: 1 and *out, or 0. */
static int
integer(struct ctx *c, const struct ynode *map, const char *key, long lo,
    long hi, long *out)
{
	const struct ynode	*v = yget(map, key);

	if (v == NULL)
		return 0;
	*out = 0;
	if (v->kind != Y_SCALAR || !parse_long(v->str, lo, hi, out)) {
		err(c, v, "`%s` must be an integer from %ld to %ld", key, lo,
		    hi);
		return 0;
	}
	return 1;
}

/* A list under key (NULL when absent, or an error when not a list). */
static const struct ynode *
list(struct ctx *c, const struct ynode *map, const char *key)
{
	const struct ynode	*v = yget(map, key);

	if (v != NULL && v->kind == Y_SCALAR && yempty(v))
		return NULL;	/* nothing, as if absent */
	if (v != NULL && v->kind != Y_SEQ) {
		err(c, v, "`%s` must be a list, not %s", key, shape(v));
		return NULL;
	}
	return v;
}

/* The item i of list v, which must be one line of text; or NULL. */
static const char *
word(struct ctx *c, const struct ynode *v, size_t i, const char *key)
{
	const struct ynode	*w = v->kids[i];

	if (w->kind != Y_SCALAR || yempty(w) || multiline(w->str)) {
		err(c, w, "`%s` must list words, each one line of text, not "
		    "%s", key, w->kind != Y_SCALAR ? shape(w) : yempty(w) ?
		    "an empty one" : "several lines");
		return NULL;
	}
	return w->str;
}

/* A key present where it does not apply is an error: false then. */
static int
applies_to(struct ctx *c, const struct ynode *m, const char *key, int ok,
    const char *what)
{
	const struct ynode	*k = ykey(m, key);

	if (k == NULL)
		return 0;
	if (!ok)
		err(c, k, "`%s` applies to %s only", key, what);
	return ok;
}

static int
is_scalar_kind(enum fkind k)
{
	return k != K_RECORDS && k != K_GROUP;
}

static int
is_text_kind(enum fkind k)
{
	return k == K_INLINE || k == K_BLOCK || k == K_LIST;
}

static void	fields_load(struct ctx *, const struct ynode *,
		    struct fielddef **, size_t *, enum scope);

/*
 * The sub-field named by key (transpose, curve, ...) of records f, read
 * from m: it must exist and be of kind want (K__MAX: any one-value kind).
 */
static const struct fielddef *
sub_field(struct ctx *c, const struct ynode *m, const struct fielddef *f,
    const char *key, const char *name, enum fkind want)
{
	const struct fielddef	*s;
	const struct ynode	*v = yget(m, key);

	if (name == NULL)
		return NULL;
	if ((s = field_find(f->fields, f->nfields, name)) == NULL) {
		err(c, v, "`%s` names no sub-field of `%s`: `%s`", key,
		    f->key ? f->key : "?", name);
		return NULL;
	}
	if (want == K__MAX ? !is_scalar_kind(s->kind) : s->kind != want) {
		err(c, v, "`%s` must name a sub-field of kind %s; `%s` is %s",
		    key, want == K__MAX ? "other than records or group" :
		    kinds[want], name, kinds[s->kind]);
		return NULL;
	}
	return s;
}

int
has_role(const struct fielddef *f, const char *role)
{
	size_t	 i;

	for (i = 0; i < f->nroles; i++)
		if (strcmp(f->roles[i], role) == 0)
			return 1;
	return 0;
}

static const struct targetdef *
target_find(const struct templates *tp, const char *key)
{
	size_t	 i;

	for (i = 0; i < tp->ntargets; i++)
		if (strcmp(tp->targets[i].key, key) == 0)
			return &tp->targets[i];
	return NULL;
}

static int
sum_find(const struct templates *tp, const char *key)
{
	size_t	 i;

	for (i = 0; i < tp->nsums; i++)
		if (strcmp(tp->sums[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* The index in phases of phase number ph, or -1. */
static int
phase_find(const struct templates *tp, long ph)
{
	size_t	 i;

	for (i = 0; i < tp->nphases; i++)
		if (tp->phases[i].number == ph)
			return (int)i;
	return -1;
}

/* Lists the declared targets for a message. */
static char *
target_names(const struct templates *tp)
{
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < tp->ntargets; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == tp->ntargets ?
		    " or " : ", ", tp->targets[i].key);
	if (b.len == 0)
		buf_puts(&b, "none: tools.yaml declares no `targets`");
	return buf_take(&b);
}

/*
 * Records f with computed columns: which sub-field names the ranked entry
 * of a row: the id when it provides the ranked target, else a reference
 * to it.
 */
static void
extra_item(struct ctx *c, const struct ynode *m, struct fielddef *f)
{
	size_t	 j, k;

	for (j = 0; c->ranks != NULL && j < f->nfields; j++) {
		const struct fielddef *s = &f->fields[j];

		for (k = 0; s->kind == K_ID && k < s->nprovides; k++)
			if (strcmp(s->provides[k], c->ranks) == 0)
				f->item = s->key;
		if (f->item == NULL && s->kind == K_REF && s->refers &&
		    strcmp(s->refers, c->ranks) == 0)
			f->item = s->key;
	}
	if (c->ranks == NULL)
		err(c, ykey(m, "extra"), "`extra` columns are the ranking's: "
		    "tools.yaml has no `ranking` naming what it `ranks`");
	else if (f->item == NULL)
		err(c, ykey(m, "extra"), "`extra` columns belong to an entry "
		    "of the ranked target `%s`: records `%s` need an id that "
		    "provides it, or a ref to it", c->ranks ? c->ranks : "?",
		    f->key ? f->key : "?");
}

/* A word, or a list of words, under key: how many, into *out. */
static size_t
words(struct ctx *c, const struct ynode *m, const char *key, char ***out)
{
	const struct ynode	*v = yget(m, key);
	const char		*w;
	size_t			 i, n = 0;

	*out = NULL;
	if (v == NULL || yempty(v))
		return 0;
	if (v->kind == Y_SCALAR) {
		if ((w = text(c, m, key, 0, 1)) == NULL)
			return 0;
		*out = xcalloc(2, sizeof(char *));
		(*out)[n++] = xstrdup(w);
		return n;
	}
	if ((v = list(c, m, key)) == NULL)
		return 0;
	*out = xcalloc(v->nkids + 1, sizeof(char *));
	for (i = 0; i < v->nkids; i++)
		if ((w = word(c, v, i, key)) != NULL)
			(*out)[n++] = xstrdup(w);
	return n;
}

/*
 * The checks of a records field f (m) once its sub-fields are read;
 * nested when it is inside records (its table has a parent column).
 */
static void
records_check(struct ctx *c, const struct ynode *m, struct fielddef *f,
    size_t nested)
{
	const struct fielddef	*head = NULL, *cv = NULL;
	size_t			 j, shown = 0;

	if (f->transpose != NULL) {
		head = sub_field(c, m, f, "transpose", f->transpose, K__MAX);
		cv = sub_field(c, m, f, "curve", f->curve, K_INT);
		sub_field(c, m, f, "curve_marks", f->curve_marks, K_LIST);
		if (cv != NULL && cv == head)
			err(c, yget(m, "curve"), "`curve` must name another "
			    "sub-field than `transpose`");
		else if (cv != NULL && (!cv->has_min || !cv->has_max ||
		    cv->min == cv->max))
			err(c, yget(m, "curve"), "`curve` must name an int with "
			    "`min` and `max` (apart): they are the curve's "
			    "bottom and top");
		if (f->nextra)
			err(c, ykey(m, "extra"), "a grid (`transpose`) has no "
			    "`extra` columns");
		if (f->nfields - (head != NULL) == 0 && f->curve == NULL)
			err(c, m, "the grid `%s` has no row besides its "
			    "header `%s`", f->key ? f->key : "?",
			    f->transpose);
		return;
	}
	if (f->curve != NULL)
		err(c, ykey(m, "curve"), "`curve` needs `transpose`: it is "
		    "drawn under a grid");
	if (f->curve_marks != NULL && f->curve == NULL)
		err(c, ykey(m, "curve_marks"), "`curve_marks` needs `curve`");
	if (f->group_by != NULL) {
		sub_field(c, m, f, "group_by", f->group_by, K_ENUM);
		for (j = 0; j < f->nfields; j++)
			if (f->fields[j].kind == K_RECORDS)
				err(c, ykey(m, "group_by"), "`group_by` prints "
				    "no nested records (`%s`)",
				    f->fields[j].key ? f->fields[j].key : "?");
	}
	/* Records whose id provides a target are anchored in its name. */
	for (j = 0; j < f->nfields; j++)
		if (f->fields[j].kind == K_ID && f->fields[j].nprovides > 0 &&
		    f->anchor == NULL)
			f->anchor = xstrdup(f->fields[j].provides[0]);
	if (f->nextra > 0)
		extra_item(c, m, f);
	for (j = 0; j < f->nfields; j++)
		if (f->fields[j].kind != K_RECORDS && !f->fields[j].hidden &&
		    !(f->group_by && f->fields[j].key &&
		    strcmp(f->fields[j].key, f->group_by) == 0))
			shown++;
	shown += f->nextra;
	if (shown == 0 && f->nfields > 0)
		err(c, m, "records `%s` have no column to print",
		    f->key ? f->key : "?");
	else if (shown + nested > MAX_COLUMNS)	/* nested: + the parent */
		err(c, m, "records `%s` would print a table of %zu columns; a "
		    "page holds %d", f->key ? f->key : "?", shown + nested,
		    MAX_COLUMNS);
}

/* The checks of a group field f (m) once its sub-fields are read. */
static void
group_check(struct ctx *c, const struct ynode *m, struct fielddef *f)
{
	const struct ynode	*subs = yget(m, "fields");
	const struct fielddef	*first = NULL, *g;
	size_t			 i, j, ngroups = 0;

	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].kind == K_GROUP) {
			ngroups++;
			if (first == NULL)
				first = &f->fields[i];
		}
	if (ngroups == 0)
		return;
	if (ngroups < f->nfields) {
		err(c, m, "group `%s` holds both groups and other fields; "
		    "its form prints either the one or the other",
		    f->key ? f->key : "?");
		return;
	}
	if (first->nfields + 1 > MAX_COLUMNS)
		err(c, m, "group `%s` would print a table of %zu columns; a "
		    "page holds %d", f->key ? f->key : "?", first->nfields + 1,
		    MAX_COLUMNS);
	/* A table: a row per group, the first one's sub-fields as columns. */
	for (i = 0; i < f->nfields; i++) {
		g = &f->fields[i];
		if (g == first)
			continue;
		for (j = 0; j < g->nfields || j < first->nfields; j++)
			if (j >= g->nfields || j >= first->nfields ||
			    !g->fields[j].key || !first->fields[j].key ||
			    strcmp(g->fields[j].key, first->fields[j].key) !=
			    0) {
				err(c, subs->kids[i], "group `%s` must have "
				    "the sub-fields of `%s`, in the same "
				    "order: they are the columns of one table",
				    g->key ? g->key : "?",
				    first->key ? first->key : "?");
				break;
			}
	}
}

static void
field_load(struct ctx *c, const struct ynode *m, struct fielddef *f,
    enum scope in)
{
	const struct ynode	*v;
	const char		*kind, *when, *s;
	char			*eq;
	size_t			 i, j;
	int			 records, sub;

	f->line = m->line;
	if (m->kind != Y_MAP) {
		err(c, m, "a field definition must be a mapping, not %s",
		    shape(m));
		return;
	}
	known_keys(c, m, field_keys, "a field definition");
	f->key = key_text(c, m);
	f->label = tdup(text(c, m, "label", 1, 0));
	f->question = tdup(text(c, m, "question", 0, 0));
	if ((kind = text(c, m, "kind", 1, 1)) == NULL)
		return;
	for (i = 0; i < K__MAX; i++)
		if (strcmp(kind, kinds[i]) == 0)
			break;
	if (i == K__MAX) {
		err(c, yget(m, "kind"), "unknown kind `%s`", kind);
		return;	/* its other keys would only add noise */
	}
	f->kind = (enum fkind)i;
	records = f->kind == K_RECORDS;

	/* What a place prints: see form.c's note_blocks() and records(). */
	if (f->kind == K_GROUP && in != IN_TOOL && in != IN_GROUP)
		err(c, yget(m, "kind"), "a group is printed only as a tool's "
		    "field or inside a group");
	else if (records && in != IN_TOOL && in != IN_RECORDS)
		err(c, yget(m, "kind"), "records are printed only as a tool's "
		    "field or inside records");
	if (f->kind == K_ID && in != IN_RECORDS && in != IN_NESTED &&
	    in != IN_GRID)
		err(c, yget(m, "kind"), "an id names an entry of records; "
		    "elsewhere there is nothing it tells apart");
	if (f->key != NULL && strcmp(f->key, "id") == 0 && f->kind != K_ID)
		err(c, yget(m, "key"), "a field keyed `id` must be of kind id: "
		    "references, anchors and links use its values");
	if (f->key != NULL && in == IN_TOOL && (strcmp(f->key, "tool") == 0 ||
	    strcmp(f->key, "status") == 0))
		err(c, yget(m, "key"), "`%s` is a key of every note, not a "
		    "field", f->key);

	f->required = boolean(c, m, "required");
	if (f->kind == K_ID)
		f->required = 1;
	f->body = is_text_kind(f->kind);
	if (applies_to(c, m, "body", in == IN_TOOL, "a tool's own fields")) {
		v = yget(m, "body");
		if (boolean(c, m, "body")) {
			if (!f->body)
				err(c, v, "only text fields (inline, block, "
				    "list) can be written in the body");
		} else if (v->kind == Y_SCALAR && strcmp(v->str, "false") == 0)
			f->body = 0;
	}
	if (applies_to(c, m, "hidden", is_scalar_kind(f->kind) &&
	    (in == IN_RECORDS || in == IN_NESTED),
	    "the columns of a records table"))
		f->hidden = boolean(c, m, "hidden");

	/* The canvas's regions: a record's field on its card (the
	 * default) or in the table after the canvas. */
	if (applies_to(c, m, "region", (in == IN_RECORDS || in == IN_NESTED) &&
	    c->tool != NULL && c->tool->layout != NULL &&
	    strcmp(c->tool->layout, "canvas") == 0,
	    "the columns of a canvas tool's records") &&
	    (s = text(c, m, "region", 0, 1)) != NULL) {
		if (strcmp(s, "after") == 0)
			f->after = 1;
		else if (strcmp(s, "card") != 0)
			err(c, yget(m, "region"), "unknown region `%s` (card "
			    "or after)", s);
		if (f->after && f->kind == K_ID)
			err(c, yget(m, "region"), "an id stays on the card: "
			    "it numbers the card and links it to its parent");
	}
	if (applies_to(c, m, "min", f->kind == K_INT || records,
	    "int and records fields"))
		f->has_min = integer(c, m, "min", records ? 0 : -MAX_BOUND,
		    MAX_BOUND, &f->min);
	if (applies_to(c, m, "max", f->kind == K_INT || records,
	    "int and records fields"))
		f->has_max = integer(c, m, "max", records ? 0 : -MAX_BOUND,
		    MAX_BOUND, &f->max);
	if (f->has_min && f->has_max && f->min > f->max)
		err(c, yget(m, "max"), "`max` (%ld) is below `min` (%ld)",
		    f->max, f->min);

	if (applies_to(c, m, "values", f->kind == K_ENUM, "enum fields") &&
	    (v = list(c, m, "values")) != NULL) {
		f->values = xcalloc(v->nkids + 1, sizeof(char *));
		for (i = 0; i < v->nkids; i++) {
			if ((s = word(c, v, i, "values")) == NULL)
				continue;
			for (j = 0; j < f->nvalues; j++)
				if (strcmp(f->values[j], s) == 0)
					err(c, v->kids[i], "`%s` is listed "
					    "twice in `values`", s);
			f->values[f->nvalues++] = xstrdup(s);
		}
		if (v->nkids > MAX_VALUES)
			err(c, v, "an enum has at most %d values", MAX_VALUES);
	}
	if (f->kind == K_ENUM && f->nvalues == 0 && !ykey(m, "values"))
		err(c, m, "an enum needs `values`");
	else if (f->kind == K_ENUM && f->nvalues == 0 && yempty(yget(m,
	    "values")))
		err(c, yget(m, "values"), "an enum needs `values`");

	if (applies_to(c, m, "refers", f->kind == K_REF || f->kind == K_REFS,
	    "ref and refs fields")) {
		if ((f->refers = tdup(text(c, m, "refers", 1, 1))) != NULL) {
			v = yget(m, "refers");
			if (target_find(c->tp, f->refers) == NULL) {
				char *names = target_names(c->tp);

				err(c, v, "unknown reference target `%s` (%s)",
				    f->refers, names);
				free(names);
			} else
				pend(&c->refs, &c->nrefs, &c->caprefs,
				    f->refers, v, c->tool, f);
		}
	} else if (f->kind == K_REF || f->kind == K_REFS)
		err(c, m, "a reference needs `refers`: the target it names");

	if (applies_to(c, m, "provides", f->kind == K_ID || f->kind ==
	    K_INLINE || f->kind == K_ENUM, "id, inline and enum fields")) {
		f->nprovides = words(c, m, "provides", &f->provides);
		for (i = 0; i < f->nprovides; i++) {
			const struct ynode *at = yget(m, "provides");

			if (at->kind == Y_SEQ && i < at->nkids)
				at = at->kids[i];
			for (j = 0; j < i; j++)
				if (strcmp(f->provides[j], f->provides[i]) == 0)
					break;
			if (j < i)
				err(c, at, "`%s` is listed twice in `provides`",
				    f->provides[i]);
			else if (target_find(c->tp, f->provides[i]) == NULL) {
				char *names = target_names(c->tp);

				err(c, at, "`provides` names no target: `%s` "
				    "(%s)", f->provides[i], names);
				free(names);
			} else if (in == IN_GROUP || in == IN_INNER)
				err(c, at, "`provides` names entries of "
				    "records or a tool's own field; not of a "
				    "group");
			else
				pend(&c->provs, &c->nprovs, &c->capprovs,
				    f->provides[i], at, c->tool, f);
		}
	}

	f->nroles = words(c, m, "role", &f->roles);
	for (j = 0; j < f->nroles; j++) {
		const struct ynode *at = yget(m, "role");

		if (at->kind == Y_SEQ && j < at->nkids)
			at = at->kids[j];
		for (i = 0; i < NROLES; i++)
			if (strcmp(roles[i].name, f->roles[j]) == 0)
				break;
		if (i == NROLES)
			err(c, at, "unknown role `%s` (title, language, logo, "
			    "cover, author, summary, country, picture, "
			    "heading, state, tracked or market)", f->roles[j]);
		else if (!(roles[i].kinds & (1u << f->kind)))
			err(c, at, "a field of kind %s cannot play the role "
			    "`%s`", kinds[f->kind], f->roles[j]);
		else if (roles[i].where == R_RECORDS ? in != IN_RECORDS &&
		    in != IN_NESTED : roles[i].where != R_ANY &&
		    in != IN_TOOL)
			err(c, at, "the role `%s` belongs to %s", f->roles[j],
			    roles[i].where == R_RECORDS ? "a sub-field of "
			    "records" : "a tool's own field");
		else if (roles[i].where == R_COMPANY && (c->tool == NULL ||
		    !c->tool->company))
			err(c, at, "the role `%s` belongs to the fields of "
			    "the tool with the role company", f->roles[j]);
	}
	if (applies_to(c, m, "empty", has_role(f, "heading"),
	    "fields with the role heading") &&
	    (f->empty = tdup(text(c, m, "empty", 0, 1))) != NULL &&
	    c->en_ui != NULL && yget(c->en_ui, f->empty) == NULL)
		err(c, yget(m, "empty"), "`empty` names no text of "
		    "lang/en.yaml's `ui`: `%s`", f->empty);

	f->sum = f->total = -1;
	if (applies_to(c, m, "sum", f->kind == K_INT, "int fields") &&
	    (s = text(c, m, "sum", 0, 1)) != NULL) {
		if ((f->sum = sum_find(c->tp, s)) == -1)
			err(c, yget(m, "sum"), "`sum` names no sum of `sums`: "
			    "`%s`", s);
		else if (!f->has_min || !f->has_max)
			err(c, yget(m, "sum"), "a field that adds to a sum "
			    "needs `min` and `max`: the sum's range is theirs");
		else if (in != IN_RECORDS) {
			err(c, yget(m, "sum"), "a sum adds the fields of one "
			    "record: `sum` belongs to a tool's records");
			f->sum = -1;
		} else {
			c->tp->sums[f->sum].min += f->min;
			c->tp->sums[f->sum].max += f->max;
			c->tp->sums[f->sum].nfields++;
		}
	}
	if (applies_to(c, m, "total", f->kind == K_INT, "int fields") &&
	    (s = text(c, m, "total", 0, 1)) != NULL &&
	    (f->total = sum_find(c->tp, s)) == -1)
		err(c, yget(m, "total"), "`total` names no sum of `sums`: "
		    "`%s`", s);
	if (f->sum >= 0 && f->total >= 0)
		err(c, ykey(m, "total"), "a field adds to a sum or checks "
		    "one, not both");

	if (applies_to(c, m, "suggested", f->kind == K_INLINE,
	    "inline fields") && (v = list(c, m, "suggested")) != NULL) {
		f->suggested = xcalloc(v->nkids + 1, sizeof(char *));
		for (i = 0; i < v->nkids; i++)
			if ((s = word(c, v, i, "suggested")) != NULL)
				f->suggested[f->nsuggested++] = xstrdup(s);
		if (v->nkids > MAX_VALUES)
			err(c, v, "at most %d suggested words", MAX_VALUES);
	}

	f->phase = -1;
	if (applies_to(c, m, "phase", f->kind == K_DATE || f->kind == K_GROUP,
	    "date and group fields")) {
		long ph;

		if (integer(c, m, "phase", 0, 1000, &ph)) {
			if (phase_find(c->tp, ph) == -1)
				err(c, yget(m, "phase"), "phase %ld is not "
				    "one of `phases`", ph);
			else
				f->phase = (int)ph;
		}
	}
	if (applies_to(c, m, "caption", ykey(m, "phase") != NULL ||
	    has_role(f, "cover") || has_role(f, "state") ||
	    has_role(f, "tracked"), "fields with a `phase` or the role "
	    "cover, state or tracked") && (f->caption = tdup(text(c, m,
	    "caption", 0, 1))) != NULL && c->en_ui != NULL &&
	    yget(c->en_ui, f->caption) == NULL)
		err(c, yget(m, "caption"), "`caption` names no text of "
		    "lang/en.yaml's `ui`: `%s`", f->caption);
	if (applies_to(c, m, "ordered", f->kind == K_GROUP, "group fields"))
		f->ordered = boolean(c, m, "ordered");
	if (applies_to(c, m, "needs", f->kind == K_GROUP, "group fields") &&
	    (s = text(c, m, "needs", 0, 1)) != NULL) {
		const char *dot = strchr(s, '.');

		if (dot == NULL || dot == s || dot[1] == '\0')
			err(c, yget(m, "needs"), "`needs` must read "
			    "TOOL.FIELD");
		else {
			f->needs_tool = xstrndup(s, (size_t)(dot - s));
			f->needs_field = xstrdup(dot + 1);
			pend(&c->needs, &c->nneeds, &c->capneeds, s,
			    yget(m, "needs"), c->tool, f);
		}
	}

	if ((f->group = tdup(text(c, m, "group", 0, 1))) != NULL &&
	    c->en_ui != NULL && yget(c->en_ui, f->group) == NULL)
		err(c, yget(m, "group"), "`group` names no text of "
		    "lang/en.yaml's `ui`: `%s`", f->group);

	if ((when = text(c, m, "when", 0, 1)) != NULL) {
		if ((eq = strchr(when, '=')) == NULL || eq == when ||
		    eq[1] == '\0')
			err(c, yget(m, "when"), "`when` must read FIELD=VALUE");
		else {
			f->when_key = xstrndup(when, (size_t)(eq - when));
			f->when_value = xstrdup(eq + 1);
		}
	}

	if (applies_to(c, m, "transpose", records && in == IN_TOOL,
	    "a tool's records"))
		f->transpose = tdup(text(c, m, "transpose", 0, 1));
	if (applies_to(c, m, "curve", records && in == IN_TOOL,
	    "a tool's records"))
		f->curve = tdup(text(c, m, "curve", 0, 1));
	if (applies_to(c, m, "curve_marks", records && in == IN_TOOL,
	    "a tool's records"))
		f->curve_marks = tdup(text(c, m, "curve_marks", 0, 1));
	if (applies_to(c, m, "group_by", records && in == IN_TOOL,
	    "a tool's records"))
		f->group_by = tdup(text(c, m, "group_by", 0, 1));
	if (f->group_by != NULL && f->transpose != NULL)
		err(c, ykey(m, "group_by"), "`group_by` and `transpose` "
		    "exclude each other");
	if (applies_to(c, m, "extra", records, "records fields") &&
	    (v = list(c, m, "extra")) != NULL) {
		f->extra = xcalloc(v->nkids + 1, sizeof(*f->extra));
		for (i = 0; i < v->nkids; i++) {
			int k;

			if ((s = word(c, v, i, "extra")) == NULL)
				continue;
			if (strcmp(s, "rank") == 0)
				k = EXTRA_RANK;
			else if ((k = sum_find(c->tp, s)) == -1) {
				err(c, v->kids[i], "unknown extra column `%s` "
				    "(a sum of `sums`, or rank)", s);
				continue;
			}
			for (j = 0; j < f->nextra; j++)
				if (f->extra[j] == k)
					err(c, v->kids[i], "`%s` is listed "
					    "twice in `extra`", s);
			f->extra[f->nextra++] = k;
		}
	}

	if (applies_to(c, m, "fields", records || f->kind == K_GROUP,
	    "records and group fields") || records || f->kind == K_GROUP) {
		if (records)
			sub = in == IN_RECORDS ? IN_NESTED : f->transpose ?
			    IN_GRID : IN_RECORDS;
		else
			sub = in == IN_GROUP ? IN_INNER : IN_GROUP;
		v = yget(m, "fields");
		fields_load(c, v, &f->fields, &f->nfields, (enum scope)sub);
		if (f->nfields == 0 && yempty(v))
			err(c, v ? v : m, "`%s` needs `fields`",
			    kinds[f->kind]);
		else if (f->nfields > 0 && records)
			records_check(c, m, f, in == IN_RECORDS);
		else if (f->nfields > 0)
			group_check(c, m, f);
	}
}

/*
 * The fields of a tool, records or group (a list of definitions), and
 * what siblings say of each other: keys once, `when` naming a sibling.
 */
static void
fields_load(struct ctx *c, const struct ynode *seq, struct fielddef **out,
    size_t *nout, enum scope in)
{
	const struct fielddef	*w;
	size_t			 i, j, k;

	if (yempty(seq))
		return;
	if (seq->kind != Y_SEQ) {
		err(c, seq, "`fields` must be a list of field definitions, not "
		    "%s", shape(seq));
		return;
	}
	if (seq->nkids > MAX_FIELDS) {
		err(c, seq, "at most %d fields in one list", MAX_FIELDS);
		return;
	}
	*out = xcalloc(seq->nkids + 1, sizeof(**out));
	for (i = 0; i < seq->nkids; i++) {
		field_load(c, seq->kids[i], &(*out)[i], in);
		(*nout)++;
		for (j = 0; j < i; j++)
			if ((*out)[i].key && (*out)[j].key &&
			    strcmp((*out)[i].key, (*out)[j].key) == 0) {
				err(c, seq->kids[i], "field `%s` defined twice",
				    (*out)[i].key);
				break;
			}
	}
	/* FIELD=VALUE: a sibling's word (persona templates A and B). */
	for (i = 0; i < *nout; i++) {
		const struct fielddef *f = &(*out)[i];
		const struct ynode *at;

		if (f->when_key == NULL)
			continue;
		at = yget(seq->kids[i], "when");
		w = field_find(*out, *nout, f->when_key);
		if (w == NULL || w == f) {
			err(c, at, "`when` names no other field beside `%s`: "
			    "`%s`", f->key ? f->key : "?", f->when_key);
			continue;
		}
		if (w->when_key != NULL || !is_scalar_kind(w->kind) ||
		    w->kind == K_LIST || w->kind == K_REFS) {
			err(c, at, "`when` must name a field of one value that "
			    "has no `when` itself; `%s` is not one",
			    f->when_key);
			continue;
		}
		if (w->kind == K_ENUM) {
			for (k = 0; k < w->nvalues; k++)
				if (strcmp(w->values[k], f->when_value) == 0)
					break;
			if (k == w->nvalues)
				err(c, at, "`%s` is not a value of `%s`",
				    f->when_value, f->when_key);
		}
	}
}

/* The `rows` of a form, card or canvas: lists of the tool's field keys. */
static void
rows_load(struct ctx *c, const struct ynode *rows, struct tooldef *t)
{
	const struct ynode	*row;
	const char		*s;
	char			*used;
	size_t			 i, j;

	if (rows == NULL)
		return;
	used = xcalloc(t->nfields + 1, 1);
	t->rows = xcalloc(rows->nkids + 1, sizeof(*t->rows));
	t->rowlen = xcalloc(rows->nkids + 1, sizeof(*t->rowlen));
	for (i = 0; i < rows->nkids; i++) {
		row = rows->kids[i];
		if (row->kind != Y_SEQ || row->nkids == 0) {
			err(c, row, "a row must be a list of field keys");
			continue;
		}
		if (row->nkids > MAX_ROW) {
			err(c, row, "a row holds at most %d boxes", MAX_ROW);
			continue;
		}
		t->rows[t->nrows] = xcalloc(row->nkids, sizeof(**t->rows));
		for (j = 0; j < row->nkids; j++) {
			const struct fielddef *f;

			if ((s = word(c, row, j, "rows")) == NULL)
				continue;
			if ((f = field_find(t->fields, t->nfields, s)) ==
			    NULL) {
				err(c, row->kids[j], "row names no field of "
				    "`%s`: `%s`", t->key ? t->key : "?", s);
				continue;
			}
			if (!is_scalar_kind(f->kind)) {
				err(c, row->kids[j], "a row holds boxes of one "
				    "value; `%s` is %s, printed after the rows",
				    s, kinds[f->kind]);
				continue;
			}
			if (used[f - t->fields]++) {
				err(c, row->kids[j], "`%s` is in `rows` twice",
				    s);
				continue;
			}
			t->rows[t->nrows][t->rowlen[t->nrows]++] = f;
		}
		t->nrows++;
	}
	free(used);
}

static void
tool_load(struct ctx *c, const struct ynode *m, struct tooldef *t)
{
	const struct ynode *v;
	const char	*s;
	long		 phase = 0;
	size_t		 i;

	if (m->kind != Y_MAP) {
		err(c, m, "a tool definition must be a mapping, not %s",
		    shape(m));
		return;
	}
	known_keys(c, m, tool_keys, "a tool definition");
	c->tool = t;
	t->key = key_text(c, m);
	t->label = tdup(text(c, m, "label", 1, 0));
	t->question = tdup(text(c, m, "question", 0, 0));
	t->number = tdup(text(c, m, "number", 0, 1));
	t->timeframe = tdup(text(c, m, "timeframe", 0, 1));
	t->required = boolean(c, m, "required");
	if ((t->layout = tdup(text(c, m, "layout", 1, 1))) != NULL &&
	    !in_list(t->layout, layouts))
		err(c, yget(m, "layout"), "unknown layout `%s` (table, card, "
		    "grid, form or canvas)", t->layout);
	if (yget(m, "phase") == NULL)
		err(c, m, "definition lacks `phase`");
	else if (integer(c, m, "phase", 0, 1000, &phase)) {
		int k = phase_find(c->tp, phase);

		if (k == -1)
			err(c, yget(m, "phase"), "phase %ld is not one of "
			    "`phases` (the last is %d)", phase,
			    c->tp->nphases ? c->tp->phases[c->tp->nphases -
			    1].number : -1);
		else {
			t->phase = (int)phase;
			t->phase_index = (size_t)k;
		}
	}
	if ((s = text(c, m, "role", 0, 1)) != NULL) {
		if (strcmp(s, "company") != 0)
			err(c, yget(m, "role"), "unknown role `%s` of a tool "
			    "(company)", s);
		else
			t->company = 1;
	}
	if ((s = text(c, m, "multiplicity", 1, 1)) != NULL) {
		if (strcmp(s, "one") == 0)
			t->mult = MULT_ONE;
		else if (strcmp(s, "per-segment") == 0)
			t->mult = MULT_PER_SEGMENT;
		else if (strcmp(s, "many") == 0)
			t->mult = MULT_MANY;
		else
			err(c, yget(m, "multiplicity"), "unknown multiplicity "
			    "`%s` (one, per-segment or many)", s);
	}
	if ((s = text(c, m, "orientation", 0, 1)) != NULL) {
		t->landscape = strcmp(s, "landscape") == 0;
		if (!t->landscape && strcmp(s, "portrait") != 0)
			err(c, yget(m, "orientation"), "`orientation` must be "
			    "portrait or landscape");
	}
	v = yget(m, "fields");
	fields_load(c, v, &t->fields, &t->nfields, IN_TOOL);
	if (t->nfields == 0 && yempty(v))
		err(c, v ? v : m, "a tool needs `fields`");
	t->per = tdup(text(c, m, "per", 0, 1));
	if (t->mult == MULT_PER_SEGMENT) {
		const struct fielddef *f = t->per ? field_find(t->fields,
		    t->nfields, t->per) : NULL;
		const struct targetdef *tg = f && f->refers ?
		    target_find(c->tp, f->refers) : NULL;

		if (t->per == NULL)
			err(c, yget(m, "multiplicity"), "a per-segment tool "
			    "needs `per`: its ref field naming the segment");
		else if (f == NULL || f->kind != K_REF || !f->required)
			err(c, yget(m, "per"), "`per` must name a required "
			    "field of kind ref of the tool: `%s` is not one",
			    t->per);
		else if (tg != NULL && tg->selected_by == NULL)
			err(c, yget(m, "per"), "`per` names a ref to `%s`, "
			    "whose target has no `selected_by`: a per-segment "
			    "tool has a note per selected entry", tg->key);
	} else if (t->per != NULL)
		err(c, ykey(m, "per"), "`per` applies to per-segment tools "
		    "only");
	if (applies_to(c, m, "rows", t->layout != NULL &&
	    (strcmp(t->layout, "form") == 0 || strcmp(t->layout, "card") ==
	    0 || strcmp(t->layout, "canvas") == 0),
	    "the form, card and canvas layouts"))
		rows_load(c, list(c, m, "rows"), t);
	if ((v = list(c, m, "figures")) != NULL)
		for (i = 0; i < v->nkids; i++) {
			if ((s = word(c, v, i, "figures")) == NULL)
				continue;
			if (strcmp(s, "matrix") == 0)
				t->figures |= FIG_MATRIX;
			else if (strcmp(s, "bars") == 0)
				t->figures |= FIG_BARS;
			else
				err(c, v->kids[i], "unknown figure `%s` "
				    "(matrix or bars)", s);
		}
}

/* A list under key of root whose entries are mappings of keys. */
static const struct ynode *
decl_list(struct ctx *c, const struct ynode *root, const char *key,
    const char *const *keys, const char *what, size_t max)
{
	const struct ynode	*v = list(c, root, key);
	size_t			 i;

	if (v == NULL)
		return NULL;
	if (v->nkids > max) {
		err(c, v, "at most %zu entries in `%s`", max, key);
		return NULL;
	}
	for (i = 0; i < v->nkids; i++)
		if (v->kids[i]->kind != Y_MAP)
			err(c, v->kids[i], "an entry of `%s` must be a mapping, "
			    "not %s", key, shape(v->kids[i]));
		else
			known_keys(c, v->kids[i], keys, what);
	return v;	/* its loader skips what is no mapping */
}

/* `phases`: numbers in increasing order, each with its interface text. */
static void
phases_load(struct ctx *c, struct templates *tp, const struct ynode *root)
{
	static const char *const keys[] = { "phase", "label", NULL };
	const struct ynode	*v;
	const char		*s;
	size_t			 i;
	long			 ph;

	if (yget(root, "phases") == NULL) {
		err(c, root, "tools.yaml lacks `phases`: the workflow's phases, "
		    "in order");
		return;
	}
	if ((v = decl_list(c, root, "phases", keys, "a phase", 100)) == NULL)
		return;
	tp->phases = xcalloc(v->nkids + 1, sizeof(*tp->phases));
	for (i = 0; i < v->nkids; i++) {
		const struct ynode *m = v->kids[i];
		struct phasedef *p = &tp->phases[tp->nphases];

		if (m->kind != Y_MAP)
			continue;
		if (yget(m, "phase") == NULL) {
			err(c, m, "a phase lacks `phase`");
			continue;
		}
		if (!integer(c, m, "phase", 0, 1000, &ph))
			continue;
		if (tp->nphases > 0 && ph <= tp->phases[tp->nphases -
		    1].number) {
			err(c, yget(m, "phase"), "phases come in increasing "
			    "order: %ld after %d", ph,
			    tp->phases[tp->nphases - 1].number);
			continue;
		}
		if ((s = text(c, m, "label", 1, 1)) != NULL &&
		    c->en_ui != NULL && yget(c->en_ui, s) == NULL)
			err(c, yget(m, "label"), "`label` names no text of "
			    "lang/en.yaml's `ui`: `%s`", s);
		p->number = (int)ph;
		p->label = tdup(s);
		tp->nphases++;
	}
	if (tp->nphases == 0 && !c->bad)
		err(c, v, "`phases` lists no phase");
}

/* `targets`: what references may point at. */
static void
targets_load(struct ctx *c, struct templates *tp, const struct ynode *root)
{
	static const char *const keys[] = { "key", "what", "plural",
	    "within", "nocase", "selected_by", "advise", NULL };
	const struct ynode	*v;
	size_t			 i, j;

	if ((v = decl_list(c, root, "targets", keys, "a target", 100)) ==
	    NULL)
		return;
	tp->targets = xcalloc(v->nkids + 1, sizeof(*tp->targets));
	for (i = 0; i < v->nkids; i++) {
		const struct ynode *m = v->kids[i];
		struct targetdef *t = &tp->targets[tp->ntargets];

		if (m->kind != Y_MAP || (t->key = key_text(c, m)) == NULL)
			continue;
		for (j = 0; j < tp->ntargets; j++)
			if (strcmp(tp->targets[j].key, t->key) == 0)
				err(c, m, "target `%s` declared twice", t->key);
		t->what = tdup(text(c, m, "what", 1, 1));
		t->plural = tdup(text(c, m, "plural", 0, 1));
		t->within = tdup(text(c, m, "within", 0, 1));
		t->nocase = boolean(c, m, "nocase");
		t->selected_by = tdup(text(c, m, "selected_by", 0, 1));
		if (applies_to(c, m, "advise", t->selected_by != NULL,
		    "targets with `selected_by`"))
			integer(c, m, "advise", 1, 1000, &t->advise_max);
		tp->ntargets++;
	}
}

/* `sums`: their keys and labels; their fields say `sum: KEY`. */
static void
sums_load(struct ctx *c, struct templates *tp, const struct ynode *root)
{
	static const char *const keys[] = { "key", "label", NULL };
	const struct ynode	*v;
	const char		*s;
	size_t			 i, j;

	if ((v = decl_list(c, root, "sums", keys, "a sum", MAX_SUMS)) == NULL)
		return;
	tp->sums = xcalloc(v->nkids + 1, sizeof(*tp->sums));
	for (i = 0; i < v->nkids; i++) {
		const struct ynode *m = v->kids[i];
		struct sumdef *d = &tp->sums[tp->nsums];

		if (m->kind != Y_MAP || (d->key = key_text(c, m)) == NULL)
			continue;
		d->line = m->line;
		d->col = m->col;
		for (j = 0; j < tp->nsums; j++)
			if (strcmp(tp->sums[j].key, d->key) == 0)
				err(c, m, "sum `%s` declared twice", d->key);
		if ((s = text(c, m, "label", 1, 1)) != NULL &&
		    c->en_ui != NULL && yget(c->en_ui, s) == NULL)
			err(c, yget(m, "label"), "`label` names no text of "
			    "lang/en.yaml's `ui`: `%s`", s);
		d->label = tdup(s);
		tp->nsums++;
	}
}

/* The field named TOOL.FIELD (a tool's own field), or NULL. */
static const struct fielddef *
dotted(const struct templates *tp, const char *s, const struct tooldef **t)
{
	const char	*dot = strchr(s, '.');
	char		*tk;

	if (dot == NULL)
		return NULL;
	tk = xstrndup(s, (size_t)(dot - s));
	*t = tool_find(tp, tk);
	free(tk);
	return *t ? field_find((*t)->fields, (*t)->nfields, dot + 1) : NULL;
}

/* A sum's key under key, at node at; -1 (reported) when it is none. */
static int
sum_word(struct ctx *c, const struct ynode *at, const char *w)
{
	int	 k = sum_find(c->tp, w);

	if (k == -1)
		err(c, at, "`%s` is no sum of `sums`", w);
	return k;
}

/* `ranking`, read once the tools are: their fields are named. */
static void
ranking_load(struct ctx *c, struct templates *tp, const struct ynode *root)
{
	static const char *const keys[] = { "ranks", "order", "recommend",
	    "chosen", "bars", NULL };
	struct rankdef		*r = &tp->ranking;
	const struct ynode	*m = yget(root, "ranking"), *v;
	const struct fielddef	*f;
	const struct tooldef	*t;
	const char		*s;
	char			 a[80], b[80], op[4], dir[16];
	size_t			 i;
	int			 n;

	if (m == NULL || yempty(m))
		return;
	if (m->kind != Y_MAP) {
		err(c, m, "`ranking` must be a mapping, not %s", shape(m));
		return;
	}
	known_keys(c, m, keys, "the ranking");
	r->set = 1;
	r->plus = r->minus = r->bars = -1;
	if ((s = text(c, m, "ranks", 1, 1)) != NULL) {
		if (target_find(tp, s) == NULL)
			err(c, yget(m, "ranks"), "`ranks` names no target: "
			    "`%s`", s);
		r->ranks = xstrdup(s);
	}
	if ((v = list(c, m, "order")) == NULL)
		err(c, m, "the ranking lacks `order`");
	for (i = 0; v != NULL && i < v->nkids; i++) {
		if ((s = word(c, v, i, "order")) == NULL)
			continue;
		dir[0] = '\0';
		if (strlen(s) >= sizeof(a) || (n = sscanf(s, "%79s %15s", a,
		    dir)) < 1 || (n == 2 && strcmp(dir, "ascending") != 0 &&
		    strcmp(dir, "descending") != 0) || strchr(s + strcspn(s,
		    " ") + strspn(s + strcspn(s, " "), " "), ' ') != NULL) {
			err(c, v->kids[i], "an `order` entry reads SUM "
			    "ascending, SUM descending, or id, not `%s`", s);
			continue;
		}
		if (r->norder == MAX_SUMS + 1) {
			err(c, v->kids[i], "at most %d entries in `order`",
			    MAX_SUMS + 1);
			break;
		}
		if (strcmp(a, "id") == 0)
			r->order[r->norder] = -1;
		else if ((r->order[r->norder] = sum_word(c, v->kids[i], a)) ==
		    -1)
			continue;
		r->desc[r->norder++] = strcmp(dir, "descending") == 0;
	}
	if ((s = text(c, m, "recommend", 0, 1)) != NULL) {
		if (strlen(s) >= sizeof(a) || sscanf(s, "%79s %3s %79s", a, op,
		    b) != 3 || strcmp(op, "-") != 0)
			err(c, yget(m, "recommend"), "`recommend` reads "
			    "SUM - SUM, not `%s`", s);
		else {
			r->plus = sum_word(c, yget(m, "recommend"), a);
			r->minus = sum_word(c, yget(m, "recommend"), b);
		}
	}
	if ((s = text(c, m, "chosen", 0, 1)) != NULL) {
		t = NULL;
		if ((f = dotted(tp, s, &t)) == NULL)
			err(c, yget(m, "chosen"), "`chosen` names no tool's "
			    "field TOOL.FIELD: `%s`", s);
		else if (f->kind != K_REF || f->refers == NULL || r->ranks ==
		    NULL || strcmp(f->refers, r->ranks) != 0)
			err(c, yget(m, "chosen"), "`chosen` must name a ref "
			    "to `%s`; `%s` is not one", r->ranks ? r->ranks :
			    "?", s);
		else {
			r->chosen_tool = xstrdup(t->key);
			r->chosen_field = xstrdup(f->key);
		}
	}
	if ((s = text(c, m, "bars", 0, 1)) != NULL)
		r->bars = sum_word(c, yget(m, "bars"), s);
}

/* Every sum has fields, all in one list of records. */
static void
sums_check(struct ctx *c, struct templates *tp)
{
	size_t			 i, j, k, l;

	for (i = 0; i < tp->nsums; i++) {
		const struct fielddef *in = NULL;
		int twice = 0;

		for (j = 0; j < tp->ntools; j++)
			for (k = 0; k < tp->tools[j].nfields; k++) {
				const struct fielddef *f =
				    &tp->tools[j].fields[k];

				for (l = 0; l < f->nfields; l++)
					if (f->kind == K_RECORDS &&
					    f->fields[l].sum == (int)i) {
						if (in != NULL && in != f)
							twice = 1;
						in = f;
					}
			}
		if (tp->sums[i].nfields == 0)
			diag(SEV_ERROR, c->path, tp->sums[i].line,
			    tp->sums[i].col, "no field adds to sum `%s` (`sum: "
			    "%s`)", tp->sums[i].key, tp->sums[i].key);
		else if (twice)
			diag(SEV_ERROR, c->path, tp->sums[i].line,
			    tp->sums[i].col, "the fields of sum `%s` are in "
			    "more than one list of records: it adds the "
			    "fields of one record", tp->sums[i].key);
		else
			continue;
		c->bad = 1;
	}
}

/*
 * What the names read while loading the tools name: every reference a
 * target that some field provides, every `within` a field of the tools
 * that provide its target, every `needs` a tool's list.
 */
static void
names_check(struct ctx *c, struct templates *tp)
{
	const struct pending	*p, *q;
	const struct targetdef	*tg;
	const struct fielddef	*f;
	const struct tooldef	*t;
	size_t			 i, k;

	for (i = 0; i < c->nrefs; i++) {
		p = &c->refs[i];
		for (k = 0; k < c->nprovs; k++)
			if (strcmp(c->provs[k].name, p->name) == 0)
				break;
		if (k == c->nprovs)
			err(c, p->at, "no field provides target `%s` "
			    "(`provides: %s`): nothing a reference could "
			    "name", p->name, p->name);
	}
	for (i = 0; i < c->nprovs; i++) {
		q = &c->provs[i];
		tg = target_find(tp, q->name);
		if (tg->within != NULL && (q->tool == NULL || field_find(
		    q->tool->fields, q->tool->nfields, tg->within) == NULL))
			err(c, q->at, "target `%s` is `within` `%s`: tool `%s` "
			    "needs a field `%s`", tg->key, tg->within,
			    q->tool && q->tool->key ? q->tool->key : "?",
			    tg->within);
	}
	for (i = 0; i < c->nneeds; i++) {
		p = &c->needs[i];
		t = NULL;
		if ((f = dotted(tp, p->name, &t)) == NULL)
			err(c, p->at, "`needs` names no tool's field "
			    "TOOL.FIELD: `%s`", p->name);
		else if (f->kind != K_RECORDS && f->kind != K_LIST)
			err(c, p->at, "`needs` must name a list (records or "
			    "list); `%s` is %s", p->name, kinds[f->kind]);
	}
}

/* tools.yaml (root): the declarations, then the tools in workflow order. */
static void
tools_load(struct ctx *c, struct templates *tp, const struct ynode *root)
{
	static const char *const top_keys[] = { "phases", "targets", "sums",
	    "ranking", "tools", NULL };
	const struct ynode	*tools, *rk;
	size_t			 i, j, ncompany = 0;

	if (root->kind != Y_MAP) {
		err(c, root, "tools.yaml must be a mapping with a `tools:` "
		    "list, not %s", shape(root));
		return;
	}
	known_keys(c, root, top_keys, "tools.yaml");
	c->tp = tp;
	if ((tools = yget(root, "tools")) == NULL || tools->kind != Y_SEQ ||
	    tools->nkids == 0) {
		err(c, tools ? tools : root, "expected a `tools:` list");
		return;
	}
	if (tools->nkids > MAX_TOOLS) {
		err(c, tools, "at most %d tools", MAX_TOOLS);
		return;
	}
	/* What the tools name: read before them. */
	phases_load(c, tp, root);
	targets_load(c, tp, root);
	sums_load(c, tp, root);
	if ((rk = yget(root, "ranking")) != NULL && rk->kind == Y_MAP &&
	    (rk = yget(rk, "ranks")) != NULL && rk->kind == Y_SCALAR &&
	    !yempty(rk))
		c->ranks = rk->str;	/* checked by ranking_load() */
	tp->tools = xcalloc(tools->nkids, sizeof(*tp->tools));
	for (i = 0; i < tools->nkids; i++) {
		tool_load(c, tools->kids[i], &tp->tools[i]);
		tp->tools[i].order = i;
		tp->ntools++;
		for (j = 0; j < i; j++)
			if (tp->tools[i].key && tp->tools[j].key &&
			    strcmp(tp->tools[i].key, tp->tools[j].key) == 0) {
				err(c, tools->kids[i], "tool `%s` defined "
				    "twice", tp->tools[i].key);
				break;
			}
		if (i > 0 && tp->tools[i].phase < tp->tools[i - 1].phase)
			err(c, tools->kids[i], "tools come in workflow order: "
			    "phase %d after phase %d", tp->tools[i].phase,
			    tp->tools[i - 1].phase);
		if (tp->tools[i].company && ncompany++ > 0)
			err(c, ykey(tools->kids[i], "role"), "a second tool "
			    "with the role company");
	}
	c->tool = NULL;
	names_check(c, tp);
	sums_check(c, tp);
	ranking_load(c, tp, root);
}

/* ---- label languages, from the lang folder ---- */

static void
alloc_tr(struct fielddef *f, size_t nf, size_t nl)
{
	size_t	 i;

	for (i = 0; i < nf; i++) {
		f[i].tlabel = xcalloc(nl, sizeof(char *));
		f[i].tquestion = xcalloc(nl, sizeof(char *));
		alloc_tr(f[i].fields, f[i].nfields, nl);
	}
}

static const char *
trstr(const struct ynode *map, const char *key)
{
	const struct ynode	*v = yget(map, key);

	return v != NULL && v->kind == Y_SCALAR && !yempty(v) ? v->str : NULL;
}

/*
 * The interface texts simc fills in with printf (see the callers of
 * doc_ui() and ui_text() as formats), and what it passes: d an int, s a
 * string, in this order.
 */
static const struct {
	const char	*key;
	const char	*args;
} formats[] = {
	{ "phase",			"d" },
	{ "page_of",			"dd" },
	{ "next_step_for_segment",	"ss" },
	{ "concept_other",		"ss" },
	{ "reason_draft",		"ss" },
	{ "reason_empty",		"ss" },
	{ "reason_no_note",		"ss" },
	{ "reason_no_segments",		"ss" },
	{ "reason_errors",		"ss" },
	/* diff.c */
	{ "changes_since",		"ss" },
	{ "chg_quoted",			"s" },
	{ "chg_status",			"sss" },
	{ "chg_opp_added",		"s" },
	{ "chg_opp_removed",		"s" },
	{ "chg_opp_rescored",		"ss" },
	{ "chg_recommended",		"ss" },
	{ "chg_concept",		"ss" },
	{ "chg_threshold",		"ss" },
	{ "chg_decision",		"ss" },
	{ "chg_moved",			"sss" },
	{ "chg_withdrawn",		"ss" },
	{ "chg_assumption",		"ssss" },
	{ "chg_activity",		"ss" },
	{ "chg_market",			"s" },
};

/*
 * True if format s converts no more than args, in their order (fewer is
 * fine: printf leaves the rest), with %% for a % sign.
 */
static int
format_ok(const char *s, const char *args)
{
	for (; *s; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		if (*args == '\0' || s[1] != *args)
			return 0;
		s++;
		args++;
	}
	return 1;
}

/* True if a and b hold the same printf conversions, in the same order. */
static int
same_conversions(const char *a, const char *b)
{
	for (;;) {
		while (*a && (*a != '%' || a[1] == '%'))
			a += *a == '%' ? 2 : 1;
		while (*b && (*b != '%' || b[1] == '%'))
			b += *b == '%' ? 2 : 1;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (a[1] != b[1])
			return 0;
		a += 2;
		b += 2;
	}
}

/* A text refused: the fallback (English, or the key) is used instead. */
static void
refuse(struct ynode *v)
{
	v->str[0] = '\0';
	v->len = 0;
}

/*
 * A map of key: text under key of root (ui, values), or NULL.  In a
 * translation (en set), every key must be one of English's.
 */
static struct ynode *
texts(struct ctx *c, const struct ynode *root, const char *key,
    const struct ynode *en)
{
	struct ynode	*m = yget(root, key);
	size_t		 i;

	if (m == NULL || yempty(m))
		return NULL;
	if (m->kind != Y_MAP) {
		err(c, m, "`%s` must map keys to texts, not %s", key, shape(m));
		return NULL;
	}
	for (i = 0; i + 1 < m->nkids; i += 2) {
		const struct ynode *k = m->kids[i], *v = m->kids[i + 1];

		if (v->kind != Y_SCALAR)
			err(c, v, "`%s.%s` must be text, not %s", key, k->str,
			    shape(v));
		else if (en != NULL && yget(en, k->str) == NULL)
			err(c, k, "`%s.%s` is not in en.yaml", key, k->str);
	}
	return m;
}

static const char *const tr_keys[] = { "label", "question", "fields", NULL };

/* Labels of fields f in language li from map (field key: texts). */
static void
tr_fields(struct ctx *c, struct fielddef *f, size_t nf,
    const struct ynode *map, size_t li)
{
	struct fielddef	*d;
	size_t		 i;

	if (yempty(map))
		return;
	if (map->kind != Y_MAP) {
		err(c, map, "`fields` must map field keys to labels, not %s",
		    shape(map));
		return;
	}
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i], *v = map->kids[i + 1];

		if ((d = (struct fielddef *)field_find(f, nf, k->str)) ==
		    NULL) {
			err(c, k, "no field `%s` in tools.yaml", k->str);
			continue;
		}
		if (yempty(v))
			continue;
		if (v->kind != Y_MAP) {
			err(c, v, "`%s` must hold `label`, `question` or "
			    "`fields`, not %s", k->str, shape(v));
			continue;
		}
		known_keys(c, v, tr_keys, "a field's labels");
		d->tlabel[li] = (char *)text(c, v, "label", 0, 0);
		d->tquestion[li] = (char *)text(c, v, "question", 0, 0);
		if (yget(v, "fields") != NULL && d->nfields == 0)
			err(c, ykey(v, "fields"), "field `%s` has no "
			    "sub-fields", d->key);
		else
			tr_fields(c, d->fields, d->nfields, yget(v, "fields"),
			    li);
	}
}

static int
langcmp(const void *a, const void *b)
{
	const char	*x = *(char *const *)a, *y = *(char *const *)b;

	if (strcmp(x, "en.yaml") == 0 || strcmp(y, "en.yaml") == 0)
		return strcmp(x, "en.yaml") == 0 ? -1 : strcmp(y, "en.yaml")
		    == 0;
	return strcmp(x, y);
}

/*
 * Reads language li's file and fills its labels into the definitions.
 * Languages are read when first needed: most runs need English and the
 * company's language only.  Returns 0, or -1 after reporting.
 */
static int
lang_parse(struct templates *tp, size_t li)
{
	static const char *const keys[] = { "language", "name", "ui",
	    "values", "tools", NULL };
	struct ylimits	 lim = { 16, 1000000, "this file" };
	struct ctx	 c = { 0 };
	struct lang	*l = &tp->langs[li];
	const struct ynode *tools, *en_ui = li ? tp->langs[0].ui : NULL;
	const char	*s;
	size_t		 k, before = diag_errors();

	if (l->root != NULL || l->failed)
		return l->failed ? -1 : 0;
	c.path = l->path;
	if (l->raw == NULL &&
	    (l->raw = file_read(l->path, 4u << 20, &l->rawlen)) == NULL) {
		diag(SEV_ERROR, l->path, 1, 1, "cannot read this label "
		    "language: %s", strerror(errno));
		l->failed = 1;
		return -1;
	}
	diag_source(l->path, l->raw, l->rawlen);	/* lines for diagnostics */
	if ((l->root = yparse(l->raw, l->rawlen, l->path, 1, &lim)) == NULL) {
		l->failed = 1;
		return -1;
	}
	if (l->root->kind != Y_MAP) {
		err(&c, l->root, "a label language must be a mapping "
		    "(language, name, ui, values, tools), not %s",
		    shape(l->root));
		yfree(l->root);
		l->root = NULL;
		l->failed = 1;
		return -1;
	}
	known_keys(&c, l->root, keys, "a label language");
	if ((s = text(&c, l->root, "language", 0, 1)) != NULL &&
	    strcmp(s, l->code) != 0)
		err(&c, yget(l->root, "language"), "`language` is `%s`, but "
		    "the file is %s.yaml", s, l->code);
	s = text(&c, l->root, "name", 0, 1);
	free(l->name);
	l->name = xstrdup(s ? s : l->code);
	l->ui = texts(&c, l->root, "ui", en_ui);
	l->values = texts(&c, l->root, "values", li ? tp->langs[0].values :
	    NULL);
	/*
	 * Interface texts with %d or %s are printf formats: a text must
	 * hold what simc passes, and a translation English's conversions,
	 * in order, or it is refused (and English used) rather than let
	 * printf read what is not there.
	 */
	for (k = 0; l->ui && k < sizeof(formats) / sizeof(formats[0]); k++) {
		struct ynode *v = yget(l->ui, formats[k].key);
		struct buf conv = { 0 };
		const char *a;

		if (v == NULL || v->kind != Y_SCALAR ||
		    format_ok(v->str, formats[k].args))
			continue;
		for (a = formats[k].args; *a; a++)
			buf_printf(&conv, "%s%%%c", a == formats[k].args ? "" :
			    a[1] ? ", " : " and ", *a);
		err(&c, v, "`%s` may hold only %s%s (and %%%% for a %% sign); "
		    "%s is used instead", formats[k].key, conv.data,
		    formats[k].args[1] ? ", in this order" : "",
		    li ? "English" : "its key");
		buf_free(&conv);
		refuse(v);
	}
	for (k = 0; li > 0 && l->ui && k + 1 < l->ui->nkids; k += 2) {
		struct ynode *v = l->ui->kids[k + 1];
		const char *en = trstr(en_ui, l->ui->kids[k]->str);

		/* Where English has none, a % is only a per cent sign. */
		if (v->kind != Y_SCALAR || yempty(v) || en == NULL ||
		    same_conversions(en, "") || same_conversions(v->str, en))
			continue;
		err(&c, v, "`%s` must hold the same %%d and %%s as in English, "
		    "in order (%%%% for a %% sign); English is used",
		    l->ui->kids[k]->str);
		refuse(v);
	}
	tools = yget(l->root, "tools");
	if (li == 0 && tools != NULL)
		err(&c, ykey(l->root, "tools"), "en.yaml has no `tools`: the "
		    "English labels are those of tools.yaml");
	else if (tools != NULL && !yempty(tools) && tools->kind != Y_MAP)
		err(&c, tools, "`tools` must map tool keys to labels, not %s",
		    shape(tools));
	else
		for (k = 0; tools && k + 1 < tools->nkids; k += 2) {
			const struct ynode *tk = tools->kids[k];
			const struct ynode *tv = tools->kids[k + 1];
			struct tooldef *t = (struct tooldef *)tool_find(tp,
			    tk->str);

			if (t == NULL) {
				err(&c, tk, "no tool `%s` in tools.yaml",
				    tk->str);
				continue;
			}
			if (yempty(tv))
				continue;
			if (tv->kind != Y_MAP) {
				err(&c, tv, "`%s` must hold `label`, "
				    "`question` or `fields`, not %s", tk->str,
				    shape(tv));
				continue;
			}
			known_keys(&c, tv, tr_keys, "a tool's labels");
			t->tlabel[li] = (char *)text(&c, tv, "label", 0, 0);
			t->tquestion[li] = (char *)text(&c, tv, "question", 0,
			    0);
			tr_fields(&c, t->fields, t->nfields, yget(tv, "fields"),
			    li);
		}
	if (diag_errors() != before)
		c.bad = 1;	/* duplicate keys too */
	if (c.bad)
		l->failed = 1;
	return c.bad ? -1 : 0;
}

/*
 * Lists the label languages (English first) from the file names of
 * lang/, with their texts when given (files), and reads English.
 */
static void
langs_load(struct ctx *c, struct templates *tp, const struct tfile *files,
    size_t nfiles)
{
	struct dirent	*de;
	DIR		*d;
	char		*dir, **names = NULL;
	size_t		 n = 0, cap = 0, i, j, len;

	dir = xasprintf("%s/lang", tp->dir);
	if (files != NULL) {
		for (i = 0; i < nfiles; i++) {
			xgrow(&names, &cap, n + 1, sizeof(*names));
			names[n++] = xstrdup(files[i].name);
		}
	} else if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			xgrow(&names, &cap, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	for (i = j = 0; i < n; i++) {
		len = strlen(names[i]);
		if (names[i][0] == '.' || len < 6 || strchr(names[i], '/') ||
		    strcmp(names[i] + len - 5, ".yaml") != 0)
			free(names[i]);
		else
			names[j++] = names[i];
	}
	n = j;
	if (n > 0)
		qsort(names, n, sizeof(*names), langcmp);
	if (n == 0 || strcmp(names[0], "en.yaml") != 0) {
		diag(SEV_ERROR, dir, 1, 1, "lang/en.yaml is missing");
		c->bad = 1;
	}
	tp->langs = xcalloc(n + 1, sizeof(*tp->langs));
	for (i = 0; i < n; i++) {
		struct lang *l = &tp->langs[tp->nlangs];

		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		l->path = xasprintf("%s/%s", dir, names[i]);
		l->code = xstrndup(names[i], strlen(names[i]) - 5);
		l->name = xstrdup(l->code);
		for (j = 0; files != NULL && j < nfiles; j++)
			if (strcmp(files[j].name, names[i]) == 0) {
				l->raw = xmalloc(files[j].len + 1);
				memcpy(l->raw, files[j].text, files[j].len);
				l->raw[files[j].len] = '\0';
				l->rawlen = files[j].len;
				break;
			}
		tp->nlangs++;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	if (tp->nlangs > 0 && !c->bad && lang_parse(tp, 0) == -1)
		c->bad = 1;
}
/* True if hay holds needle, ASCII letters compared without case. */
static int
has_text(const char *hay, const char *needle)
{
	size_t	 n = strlen(needle);
	char	 first[3];

	if (n == 0)
		return 0;
	/* each place the first letter is, in either case (strpbrk scans
	 * many bytes at a time) */
	first[0] = (char)tolower((unsigned char)*needle);
	first[1] = (char)toupper((unsigned char)*needle);
	first[2] = '\0';
	for (; (hay = strpbrk(hay, first)) != NULL; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

void
templates_load_langs(const struct templates *tp, const char *text)
{
	struct templates *t = (struct templates *)tp;
	size_t		  i;

	for (i = 0; i < tp->nlangs; i++) {
		struct lang *l = &t->langs[i];

		if (l->root != NULL || l->failed)
			continue;
		/*
		 * A language whose file does not hold the text anywhere
		 * cannot have it as a label: a cheap search spares parsing.
		 */
		if (text != NULL) {
			if (l->raw == NULL)
				l->raw = file_read(l->path, 4u << 20,
				    &l->rawlen);
			/* Unreadable: lang_parse() says so. */
			if (l->raw != NULL && !has_text(l->raw, text))
				continue;
		}
		lang_parse(t, i);
	}
}

int
lang_index(const struct templates *tp, const char *code)
{
	size_t	 i;

	for (i = 0; i < tp->nlangs; i++)
		if (strcmp(tp->langs[i].code, code) == 0) {
			lang_parse((struct templates *)tp, i);
			return (int)i;
		}
	return -1;
}

/* key in language li's ui (or values) map, else English's, else key. */
static const char *
translated(const struct templates *tp, int li, int values, const char *key)
{
	const char	*s = NULL;

	if (li > 0 && (size_t)li < tp->nlangs)
		s = trstr(values ? tp->langs[li].values : tp->langs[li].ui,
		    key);
	if (s == NULL && tp->nlangs > 0)
		s = trstr(values ? tp->langs[0].values : tp->langs[0].ui, key);
	return s ? s : key;
}

const char *
ui_text(const struct templates *tp, int li, const char *key)
{
	return translated(tp, li, 0, key);
}

const char *
value_text(const struct templates *tp, int li, const char *word)
{
	return translated(tp, li, 1, word);
}

const char *
field_label(const struct fielddef *f, int li)
{
	return li > 0 && f->tlabel && f->tlabel[li] ? f->tlabel[li] :
	    f->label;
}

const char *
field_question(const struct fielddef *f, int li)
{
	return li > 0 && f->tquestion && f->tquestion[li] ?
	    f->tquestion[li] : f->question;
}

const char *
tool_label(const struct tooldef *t, int li)
{
	return li > 0 && t->tlabel && t->tlabel[li] ? t->tlabel[li] :
	    t->label;
}

const char *
tool_question(const struct tooldef *t, int li)
{
	return li > 0 && t->tquestion && t->tquestion[li] ?
	    t->tquestion[li] : t->question;
}

/* Counts the labels of f (recursively) that language li lacks. */
static size_t
missing_fields(const struct fielddef *f, size_t nf, int li,
    const char **first, struct buf *path, const char *prefix)
{
	size_t	 i, n = 0;

	for (i = 0; i < nf; i++) {
		if (f[i].tlabel[li] == NULL ||
		    (f[i].question && f[i].tquestion[li] == NULL)) {
			if (n++ == 0 && *first == NULL) {
				buf_printf(path, "%s.%s", prefix, f[i].key);
				*first = path->data;
			}
		}
		if (f[i].nfields) {
			char *p = xasprintf("%s.%s", prefix, f[i].key);

			n += missing_fields(f[i].fields, f[i].nfields, li,
			    first, path, p);
			free(p);
		}
	}
	return n;
}

void
templates_lint(const struct templates *tp, int only)
{
	const struct ynode	*en_ui, *en_val;
	size_t			 li, i, n;
	const char		*first;
	struct buf		 path = { 0 };

	if (tp->nlangs == 0)
		return;
	en_ui = tp->langs[0].ui;
	en_val = tp->langs[0].values;
	for (li = 1; li < tp->nlangs; li++) {
		const struct lang *l = &tp->langs[li];

		if ((only >= 0 && li != (size_t)only) || l->root == NULL)
			continue;
		n = 0;
		first = NULL;
		buf_free(&path);
		for (i = 0; en_ui && i + 1 < en_ui->nkids; i += 2)
			if (trstr(l->ui, en_ui->kids[i]->str) == NULL &&
			    n++ == 0)
				first = en_ui->kids[i]->str;
		for (i = 0; en_val && i + 1 < en_val->nkids; i += 2)
			if (trstr(l->values, en_val->kids[i]->str) == NULL &&
			    n++ == 0 && first == NULL)
				first = en_val->kids[i]->str;
		for (i = 0; i < tp->ntools; i++) {
			const struct tooldef *t = &tp->tools[i];

			if (t->tlabel[li] == NULL && n++ == 0 && first == NULL)
				first = t->key;
			n += missing_fields(t->fields, t->nfields, (int)li,
			    &first, &path, t->key);
		}
		if (n > 0)
			diag(SEV_WARNING, l->path, 1, 1, "%zu label%s missing "
			    "in `%s` (the first: `%s`); English is used",
			    n, n == 1 ? "" : "s", l->code, first);
	}
	buf_free(&path);
}

/* Reads tools.yaml's text and English; the languages are listed. */
static struct templates *
load(const char *dir, const char *text, size_t len, const struct tfile *files,
    size_t nfiles)
{
	struct templates	*tp = xcalloc(1, sizeof(*tp));
	struct ynode		*root;
	struct ctx		 c = { 0 };
	struct ylimits		 lim = { 16, 1000000, "this file" };
	size_t			 i, before;

	tp->dir = xstrdup(dir);
	c.path = xasprintf("%s/tools.yaml", dir);
	/* English first: `group` names its interface texts. */
	langs_load(&c, tp, files, nfiles);
	if (!c.bad)
		c.en_ui = tp->langs[0].ui;
	before = diag_errors();
	diag_source(c.path, text, len);
	if ((root = yparse(text, len, c.path, 1, &lim)) == NULL)
		c.bad = 1;
	else {
		if (diag_errors() != before)
			c.bad = 1;	/* a duplicate key, reported */
		tools_load(&c, tp, root);
	}
	yfree(root);
	free(c.refs);
	free(c.provs);
	free(c.needs);
	free((char *)c.path);
	if (c.bad) {
		templates_free(tp);
		return NULL;
	}
	for (i = 0; i < tp->ntools; i++) {
		tp->tools[i].tlabel = xcalloc(tp->nlangs, sizeof(char *));
		tp->tools[i].tquestion = xcalloc(tp->nlangs, sizeof(char *));
		alloc_tr(tp->tools[i].fields, tp->tools[i].nfields,
		    tp->nlangs);
	}
	return tp;
}

struct templates *
templates_load(const char *dir)
{
	struct templates	*tp;
	char			*path, *text;
	size_t			 len;

	path = xasprintf("%s/tools.yaml", dir);
	if ((text = file_read(path, 16u << 20, &len)) == NULL) {
		diag(SEV_ERROR, path, 1, 1, "cannot read the tool "
		    "definitions: %s", strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	tp = load(dir, text, len, NULL, 0);
	free(text);
	return tp;
}

struct templates *
templates_load_mem(const char *dir, const char *tools, size_t len,
    const struct tfile *langs, size_t n)
{
	static const struct tfile none = { "", "", 0 };

	return load(dir, tools, len, n ? langs : &none, n ? n : 1);
}

static void
fields_free(struct fielddef *f, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].label);
		free(f[i].question);
		free(f[i].refers);
		for (j = 0; j < f[i].nprovides; j++)
			free(f[i].provides[j]);
		free(f[i].provides);
		for (j = 0; j < f[i].nroles; j++)
			free(f[i].roles[j]);
		free(f[i].roles);
		free(f[i].empty);
		for (j = 0; j < f[i].nsuggested; j++)
			free(f[i].suggested[j]);
		free(f[i].suggested);
		free(f[i].needs_tool);
		free(f[i].caption);
		free(f[i].needs_field);
		free(f[i].extra);
		free(f[i].group);
		free(f[i].when_key);
		free(f[i].when_value);
		for (j = 0; j < f[i].nvalues; j++)
			free(f[i].values[j]);
		free(f[i].values);
		free(f[i].transpose);
		free(f[i].curve);
		free(f[i].curve_marks);
		free(f[i].group_by);
		free(f[i].anchor);
		free(f[i].tlabel);
		free(f[i].tquestion);
		fields_free(f[i].fields, f[i].nfields);
	}
	free(f);
}

void
templates_free(struct templates *tp)
{
	size_t	 i, j;

	if (tp == NULL)
		return;
	for (i = 0; i < tp->ntools; i++) {
		free(tp->tools[i].key);
		free(tp->tools[i].label);
		free(tp->tools[i].question);
		free(tp->tools[i].number);
		free(tp->tools[i].layout);
		free(tp->tools[i].timeframe);
		free(tp->tools[i].per);
		free(tp->tools[i].tlabel);
		free(tp->tools[i].tquestion);
		for (j = 0; j < tp->tools[i].nrows; j++)
			free(tp->tools[i].rows[j]);
		free(tp->tools[i].rows);
		free(tp->tools[i].rowlen);
		fields_free(tp->tools[i].fields, tp->tools[i].nfields);
	}
	free(tp->tools);
	for (i = 0; i < tp->nphases; i++)
		free(tp->phases[i].label);
	free(tp->phases);
	for (i = 0; i < tp->ntargets; i++) {
		free(tp->targets[i].key);
		free(tp->targets[i].what);
		free(tp->targets[i].plural);
		free(tp->targets[i].within);
		free(tp->targets[i].selected_by);
	}
	free(tp->targets);
	for (i = 0; i < tp->nsums; i++) {
		free(tp->sums[i].key);
		free(tp->sums[i].label);
	}
	free(tp->sums);
	free(tp->ranking.ranks);
	free(tp->ranking.chosen_tool);
	free(tp->ranking.chosen_field);
	for (i = 0; i < tp->nlangs; i++) {
		yfree(tp->langs[i].root);
		free(tp->langs[i].code);
		free(tp->langs[i].name);
		free(tp->langs[i].path);
		free(tp->langs[i].raw);
	}
	free(tp->langs);
	free(tp->dir);
	free(tp);
}

const struct tooldef *
tool_find(const struct templates *tp, const char *key)
{
	size_t	 i;

	for (i = 0; i < tp->ntools; i++)
		if (tp->tools[i].key && strcmp(tp->tools[i].key, key) == 0)
			return &tp->tools[i];
	return NULL;
}

const struct fielddef *
field_find(const struct fielddef *f, size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (f[i].key && strcmp(f[i].key, key) == 0)
			return &f[i];
	return NULL;
}

/*
 * Where a template text comes from, for a warning: the line of the
 * label language's file (or English's, or tools.yaml) where it is
 * written, found by its text; the file's first line when a YAML quoting
 * or folding hides it.
 */
static void
text_find(const struct templates *tp, int lang, const char *s,
    char **path, int *line, int *col)
{
	const char	*hit = NULL, *raw = NULL, *q;
	char		*file, *tools;
	size_t		 len;
	int		 li;

	for (li = lang; li >= 0 && hit == NULL; li = li ? 0 : -1) {
		if ((size_t)li >= tp->nlangs || tp->langs[li].raw == NULL)
			continue;
		raw = tp->langs[li].raw;
		if ((hit = strstr(raw, s)) != NULL)
			*path = xstrdup(tp->langs[li].path);
	}
	if (hit == NULL) {
		tools = xasprintf("%s/tools.yaml", tp->dir ? tp->dir : ".");
		*path = tools;
		*line = 1;
		if ((file = file_read(tools, 1 << 24, &len)) == NULL)
			return;
		if ((hit = strstr(file, s)) != NULL)
			for (q = file; q < hit; q++) {
				*line += *q == '\n';
				*col = *q == '\n' ? 1 : *col + 1;
			}
		free(file);
		return;
	}
	*line = 1;
	for (q = raw; q < hit; q++) {
		*line += *q == '\n';
		*col = *q == '\n' ? 1 : *col + 1;
	}
}

void
templates_text_source(const struct templates *tp, int lang, const char *s,
    char **path, int *line, int *col)
{
	const char	*part;

	/* A composed text ("Phase 2: Outside-in") is found by its parts. */
	for (part = s; part != NULL; part = strstr(part, ": ") ?
	    strstr(part, ": ") + 2 : NULL) {
		free(*path);
		*path = NULL;
		*line = *col = 1;
		text_find(tp, lang, part, path, line, col);
		if (*line > 1)
			return;
	}
}
