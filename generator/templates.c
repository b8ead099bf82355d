/*
 * templates.c: the methodology's definitions (templates/tools.yaml) read
 * into struct tooldef and struct fielddef.  First pass of every command.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>

#include <limits.h>
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

struct ctx {
	const char	*path;
	int		 bad;
};

static char *
str(struct ctx *c, const struct ynode *map, const char *key, int required)
{
	const struct ynode	*v = yget(map, key);

	if (v == NULL || yempty(v)) {
		if (required) {
			diag(SEV_ERROR, c->path, map->line, map->col,
			    "definition lacks `%s`", key);
			c->bad = 1;
		}
		return NULL;
	}
	if (v->kind != Y_SCALAR) {
		diag(SEV_ERROR, c->path, v->line, v->col,
		    "`%s` must be text", key);
		c->bad = 1;
		return NULL;
	}
	return xstrdup(v->str);
}

static int
flag(const struct ynode *map, const char *key)
{
	const struct ynode	*v = yget(map, key);

	return v != NULL && v->kind == Y_SCALAR && strcmp(v->str, "true") == 0;
}

static int
num(struct ctx *c, const struct ynode *map, const char *key, long *out)
{
	const struct ynode	*v = yget(map, key);

	if (v == NULL)
		return 0;
	*out = 0;
	if (v->kind != Y_SCALAR || !parse_long(v->str, LONG_MIN, LONG_MAX,
	    out)) {
		diag(SEV_ERROR, c->path, v->line, v->col,
		    "`%s` must be an integer", key);
		c->bad = 1;
		return 0;
	}
	return 1;
}

static void	fields_load(struct ctx *, const struct ynode *,
		    struct fielddef **, size_t *);

static void
field_load(struct ctx *c, const struct ynode *m, struct fielddef *f)
{
	const struct ynode	*v;
	char			*kind, *when, *eq;
	size_t			 i;

	f->line = m->line;
	if (m->kind != Y_MAP) {
		diag(SEV_ERROR, c->path, m->line, m->col,
		    "a field definition must be a mapping");
		c->bad = 1;
		return;
	}
	f->key = str(c, m, "key", 1);
	f->label = str(c, m, "label", 1);
	f->question = str(c, m, "question", 0);
	f->target = str(c, m, "target", 0);
	f->group = str(c, m, "group", 0);
	f->required = flag(m, "required");
	f->hidden = flag(m, "hidden");
	f->has_min = num(c, m, "min", &f->min);
	f->has_max = num(c, m, "max", &f->max);
	if ((kind = str(c, m, "kind", 1)) != NULL) {
		for (i = 0; i < K__MAX; i++)
			if (strcmp(kind, kinds[i]) == 0)
				break;
		if (i == K__MAX) {
			diag(SEV_ERROR, c->path, m->line, m->col,
			    "unknown kind `%s`", kind);
			c->bad = 1;
		} else
			f->kind = (enum fkind)i;
		free(kind);
	}
	v = yget(m, "body");
	f->body = f->kind <= K_LIST && !(v != NULL &&
	    v->kind == Y_SCALAR && strcmp(v->str, "false") == 0);
	if (f->kind == K_ID)
		f->required = 1;
	if ((when = str(c, m, "when", 0)) != NULL) {
		if ((eq = strchr(when, '=')) == NULL) {
			diag(SEV_ERROR, c->path, m->line, m->col,
			    "`when` must read FIELD=VALUE");
			c->bad = 1;
			free(when);
		} else {
			f->when_key = xstrndup(when, (size_t)(eq - when));
			f->when_value = xstrdup(eq + 1);
			free(when);
		}
	}
	f->transpose = str(c, m, "transpose", 0);
	f->curve = str(c, m, "curve", 0);
	f->curve_marks = str(c, m, "curve_marks", 0);
	f->group_by = str(c, m, "group_by", 0);
	f->anchor = str(c, m, "anchor", 0);
	if ((v = yget(m, "extra")) != NULL && v->kind == Y_SEQ)
		for (i = 0; i < v->nkids; i++) {
			const char *e = v->kids[i]->str;

			if (v->kids[i]->kind == Y_SCALAR &&
			    strcmp(e, "impact") == 0)
				f->extra |= EXTRA_IMPACT;
			else if (v->kids[i]->kind == Y_SCALAR &&
			    strcmp(e, "score") == 0)
				f->extra |= EXTRA_SCORE;
			else if (v->kids[i]->kind == Y_SCALAR &&
			    strcmp(e, "rank") == 0)
				f->extra |= EXTRA_RANK;
			else {
				diag(SEV_ERROR, c->path, v->kids[i]->line,
				    v->kids[i]->col, "unknown extra column");
				c->bad = 1;
			}
		}
	if ((v = yget(m, "values")) != NULL && v->kind == Y_SEQ) {
		f->values = xcalloc(v->nkids, sizeof(char *));
		for (i = 0; i < v->nkids; i++)
			f->values[f->nvalues++] = xstrdup(v->kids[i]->str);
	}
	if (f->kind == K_ENUM && f->nvalues == 0) {
		diag(SEV_ERROR, c->path, m->line, m->col,
		    "an enum needs `values`");
		c->bad = 1;
	}
	if ((f->kind == K_REF || f->kind == K_REFS) && f->target == NULL) {
		diag(SEV_ERROR, c->path, m->line, m->col,
		    "a reference needs a `target`");
		c->bad = 1;
	}
	if (f->kind == K_RECORDS || f->kind == K_GROUP) {
		fields_load(c, yget(m, "fields"), &f->fields, &f->nfields);
		if (f->nfields == 0) {
			diag(SEV_ERROR, c->path, m->line, m->col,
			    "`%s` needs `fields`", kinds[f->kind]);
			c->bad = 1;
		}
	}
}

static void
fields_load(struct ctx *c, const struct ynode *seq, struct fielddef **out,
    size_t *nout)
{
	size_t	 i, j;

	if (seq == NULL || seq->kind != Y_SEQ)
		return;
	*out = xcalloc(seq->nkids, sizeof(**out));
	for (i = 0; i < seq->nkids; i++) {
		field_load(c, seq->kids[i], &(*out)[i]);
		for (j = 0; j < i; j++)
			if ((*out)[i].key && (*out)[j].key &&
			    strcmp((*out)[i].key, (*out)[j].key) == 0) {
				diag(SEV_ERROR, c->path, seq->kids[i]->line,
				    seq->kids[i]->col,
				    "field `%s` defined twice", (*out)[i].key);
				c->bad = 1;
			}
		(*nout)++;
	}
}

/* The `rows` of a form, card or canvas: lists of the tool's field keys. */
static void
rows_load(struct ctx *c, const struct ynode *rows, struct tooldef *t)
{
	const struct ynode	*row;
	size_t			 i, j;

	if (rows == NULL || rows->kind != Y_SEQ)
		return;
	t->rows = xcalloc(rows->nkids, sizeof(*t->rows));
	t->rowlen = xcalloc(rows->nkids, sizeof(*t->rowlen));
	for (i = 0; i < rows->nkids; i++) {
		row = rows->kids[i];
		if (row->kind != Y_SEQ) {
			diag(SEV_ERROR, c->path, row->line, row->col,
			    "a row must be a list of field keys");
			c->bad = 1;
			continue;
		}
		t->rows[t->nrows] = xcalloc(row->nkids, sizeof(**t->rows));
		for (j = 0; j < row->nkids; j++) {
			const struct fielddef *f = row->kids[j]->kind ==
			    Y_SCALAR ? field_find(t->fields, t->nfields,
			    row->kids[j]->str) : NULL;

			if (f == NULL) {
				diag(SEV_ERROR, c->path, row->kids[j]->line,
				    row->kids[j]->col, "row names no field of "
				    "`%s`", t->key ? t->key : "?");
				c->bad = 1;
				continue;
			}
			t->rows[t->nrows][t->rowlen[t->nrows]++] = f;
		}
		t->nrows++;
	}
}

static void
tool_load(struct ctx *c, const struct ynode *m, struct tooldef *t)
{
	const struct ynode *v;
	char	*mult;
	long	 phase = 0;
	size_t	 i;

	if (m->kind != Y_MAP) {
		diag(SEV_ERROR, c->path, m->line, m->col,
		    "a tool definition must be a mapping");
		c->bad = 1;
		return;
	}
	t->key = str(c, m, "key", 1);
	t->label = str(c, m, "label", 1);
	t->question = str(c, m, "question", 0);
	t->number = str(c, m, "number", 0);
	t->layout = str(c, m, "layout", 1);
	t->timeframe = str(c, m, "timeframe", 0);
	t->required = flag(m, "required");
	if (!num(c, m, "phase", &phase) || phase < 0 || phase > 5) {
		diag(SEV_ERROR, c->path, m->line, m->col,
		    "`phase` must be 0..5");
		c->bad = 1;
	}
	t->phase = (int)phase;
	if ((mult = str(c, m, "multiplicity", 1)) != NULL) {
		if (strcmp(mult, "one") == 0)
			t->mult = MULT_ONE;
		else if (strcmp(mult, "per-segment") == 0)
			t->mult = MULT_PER_SEGMENT;
		else if (strcmp(mult, "many") == 0)
			t->mult = MULT_MANY;
		else {
			diag(SEV_ERROR, c->path, m->line, m->col,
			    "unknown multiplicity `%s`", mult);
			c->bad = 1;
		}
		free(mult);
	}
	fields_load(c, yget(m, "fields"), &t->fields, &t->nfields);
	if ((mult = str(c, m, "orientation", 0)) != NULL) {
		t->landscape = strcmp(mult, "landscape") == 0;
		free(mult);
	}
	rows_load(c, yget(m, "rows"), t);
	if ((v = yget(m, "figures")) != NULL && v->kind == Y_SEQ)
		for (i = 0; i < v->nkids; i++) {
			if (strcmp(v->kids[i]->str, "matrix") == 0)
				t->figures |= FIG_MATRIX;
			else if (strcmp(v->kids[i]->str, "bars") == 0)
				t->figures |= FIG_BARS;
			else {
				diag(SEV_ERROR, c->path, v->kids[i]->line,
				    v->kids[i]->col, "unknown figure");
				c->bad = 1;
			}
		}
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

static void
tr_fields(struct ctx *c, struct fielddef *f, size_t nf,
    const struct ynode *map, size_t li)
{
	struct fielddef	*d;
	size_t		 i;

	if (map == NULL)
		return;
	if (map->kind != Y_MAP) {
		diag(SEV_ERROR, c->path, map->line, map->col,
		    "`fields` must map field keys to labels");
		c->bad = 1;
		return;
	}
	for (i = 0; i + 1 < map->nkids; i += 2) {
		d = (struct fielddef *)field_find(f, nf, map->kids[i]->str);
		if (d == NULL) {
			diag(SEV_ERROR, c->path, map->kids[i]->line,
			    map->kids[i]->col, "no field `%s` in tools.yaml",
			    map->kids[i]->str);
			c->bad = 1;
			continue;
		}
		d->tlabel[li] = (char *)trstr(map->kids[i + 1], "label");
		d->tquestion[li] = (char *)trstr(map->kids[i + 1], "question");
		tr_fields(c, d->fields, d->nfields,
		    yget(map->kids[i + 1], "fields"), li);
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

/*
 * Reads language li's file and fills its labels into the definitions.
 * Languages are read when first needed: most runs need English and the
 * company's language only.  Returns 0, or -1 after reporting.
 */
static int
lang_parse(struct templates *tp, size_t li)
{
	struct ylimits	 lim = { 16, 1000000 };
	struct ctx	 c = { 0 };
	struct lang	*l = &tp->langs[li];
	const struct ynode *tools, *tv;
	char		*text;
	size_t		 k, len;

	if (l->root != NULL || l->failed)
		return l->failed ? -1 : 0;
	c.path = l->path;
	if ((text = file_read(l->path, 4u << 20, &len)) == NULL ||
	    (l->root = yparse(text, len, l->path, 1, &lim)) == NULL ||
	    l->root->kind != Y_MAP) {
		diag(SEV_ERROR, l->path, 1, 1, "cannot read this label "
		    "language");
		free(text);
		yfree(l->root);
		l->root = NULL;
		l->failed = 1;
		return -1;
	}
	free(text);
	free(l->name);
	l->name = xstrdup(trstr(l->root, "name") ? trstr(l->root, "name") :
	    l->code);
	l->ui = yget(l->root, "ui");
	l->values = yget(l->root, "values");
	/*
	 * Interface texts with %d or %s are printf formats: a translation
	 * must hold English's conversions, in order, or it is refused (and
	 * English used) rather than let printf read what is not there.
	 */
	for (k = 0; li > 0 && l->ui && k + 1 < l->ui->nkids; k += 2) {
		struct ynode *v = l->ui->kids[k + 1];
		const char *en = trstr(tp->langs[0].ui, l->ui->kids[k]->str);

		if (v->kind != Y_SCALAR || en == NULL ||
		    same_conversions(v->str, en))
			continue;
		diag(SEV_ERROR, l->path, v->line, v->col, "`%s` must hold the "
		    "same %%d and %%s as in English, in order (%%%% for a %% "
		    "sign); English is used", l->ui->kids[k]->str);
		v->str[0] = '\0';
		v->len = 0;
		c.bad = 1;
	}
	if ((tools = yget(l->root, "tools")) == NULL || tools->kind != Y_MAP) {
		l->failed = c.bad;
		return c.bad ? -1 : 0;
	}
	for (k = 0; k + 1 < tools->nkids; k += 2) {
		struct tooldef *t = (struct tooldef *)tool_find(tp,
		    tools->kids[k]->str);

		tv = tools->kids[k + 1];
		if (t == NULL) {
			diag(SEV_ERROR, l->path, tools->kids[k]->line,
			    tools->kids[k]->col, "no tool `%s` in tools.yaml",
			    tools->kids[k]->str);
			c.bad = 1;
			continue;
		}
		t->tlabel[li] = (char *)trstr(tv, "label");
		t->tquestion[li] = (char *)trstr(tv, "question");
		tr_fields(&c, t->fields, t->nfields, yget(tv, "fields"), li);
	}
	if (c.bad)
		l->failed = 1;
	return c.bad ? -1 : 0;
}

/* Lists the label languages (English first) and reads English. */
static void
langs_load(struct ctx *c, struct templates *tp)
{
	struct dirent	*de;
	DIR		*d;
	char		*dir, **names = NULL;
	size_t		 n = 0, cap = 0, i, len;

	dir = xasprintf("%s/lang", tp->dir);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 6 ||
			    strcmp(de->d_name + len - 5, ".yaml") != 0)
				continue;
			xgrow(&names, &cap, n + 1, sizeof(*names));
			names[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), langcmp);
	if (n == 0 || strcmp(names[0], "en.yaml") != 0) {
		diag(SEV_ERROR, dir, 1, 1, "lang/en.yaml is missing");
		c->bad = 1;
	}
	tp->langs = xcalloc(n, sizeof(*tp->langs));
	for (i = 0; i < tp->ntools; i++) {
		tp->tools[i].tlabel = xcalloc(n, sizeof(char *));
		tp->tools[i].tquestion = xcalloc(n, sizeof(char *));
		alloc_tr(tp->tools[i].fields, tp->tools[i].nfields, n);
	}
	for (i = 0; i < n; i++) {
		tp->langs[i].path = xasprintf("%s/%s", dir, names[i]);
		tp->langs[i].code = xstrndup(names[i], strlen(names[i]) - 5);
		tp->langs[i].name = xstrdup(tp->langs[i].code);
		free(names[i]);
	}
	tp->nlangs = n;
	free(names);
	free(dir);
	if (n > 0 && lang_parse(tp, 0) == -1)
		c->bad = 1;
}

/* True if hay holds needle, ASCII letters compared without case. */
static int
has_text(const char *hay, const char *needle)
{
	size_t	 n = strlen(needle);

	for (; *hay; hay++)
		if (tolower((unsigned char)*hay) ==
		    tolower((unsigned char)*needle) &&
		    strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

void
templates_load_langs(const struct templates *tp, const char *text)
{
	struct templates *t = (struct templates *)tp;
	size_t		  i, len;

	for (i = 0; i < tp->nlangs; i++) {
		struct lang *l = &t->langs[i];

		if (l->root != NULL || l->failed)
			continue;
		/*
		 * A language whose file does not hold the text anywhere
		 * cannot have it as a label: a cheap search spares parsing.
		 */
		if (text != NULL) {
			if (l->raw == NULL && (l->raw = file_read(l->path,
			    4u << 20, &len)) == NULL)
				l->raw = xstrdup("");
			if (!has_text(l->raw, text))
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

struct templates *
templates_load(const char *dir)
{
	struct templates	*tp;
	struct ynode		*root, *tools;
	struct ctx		 c = { 0 };
	struct ylimits		 lim = { 16, 1000000 };
	char			*path, *text;
	size_t			 len, i, j;

	path = xasprintf("%s/tools.yaml", dir);
	c.path = path;
	if ((text = file_read(path, 16u << 20, &len)) == NULL) {
		diag(SEV_ERROR, path, 1, 1, "cannot read the tool "
		    "definitions: %s", strerror(errno));
		free(path);
		return NULL;
	}
	root = yparse(text, len, path, 1, &lim);
	free(text);
	if (root == NULL) {
		free(path);
		return NULL;
	}
	tp = xcalloc(1, sizeof(*tp));
	tp->dir = xstrdup(dir);
	if ((tools = yget(root, "tools")) == NULL || tools->kind != Y_SEQ) {
		diag(SEV_ERROR, path, 1, 1, "expected a `tools:` list");
		c.bad = 1;
	} else {
		tp->tools = xcalloc(tools->nkids, sizeof(*tp->tools));
		for (i = 0; i < tools->nkids; i++) {
			tool_load(&c, tools->kids[i], &tp->tools[i]);
			tp->tools[i].order = i;
			tp->ntools++;
			for (j = 0; j < i; j++)
				if (tp->tools[i].key && tp->tools[j].key &&
				    strcmp(tp->tools[i].key,
				    tp->tools[j].key) == 0) {
					diag(SEV_ERROR, path,
					    tools->kids[i]->line, 1,
					    "tool `%s` defined twice",
					    tp->tools[i].key);
					c.bad = 1;
				}
		}
	}
	yfree(root);
	free(path);
	if (!c.bad)
		langs_load(&c, tp);
	if (c.bad) {
		templates_free(tp);
		return NULL;
	}
	return tp;
}

static void
fields_free(struct fielddef *f, size_t n)
{
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].label);
		free(f[i].question);
		free(f[i].target);
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
		free(tp->tools[i].tlabel);
		free(tp->tools[i].tquestion);
		for (j = 0; j < tp->tools[i].nrows; j++)
			free(tp->tools[i].rows[j]);
		free(tp->tools[i].rows);
		free(tp->tools[i].rowlen);
		fields_free(tp->tools[i].fields, tp->tools[i].nfields);
	}
	free(tp->tools);
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
