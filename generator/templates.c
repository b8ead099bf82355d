/*
 * templates.c: the methodology's definitions (templates/tools.yaml) read
 * into struct tooldef and struct fielddef.  First pass of every command.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	char			*end;

	if (v == NULL)
		return 0;
	errno = 0;
	*out = v->kind == Y_SCALAR ? strtol(v->str, &end, 10) : 0;
	if (v->kind != Y_SCALAR || errno || *end != '\0' || end == v->str) {
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

static void
tool_load(struct ctx *c, const struct ynode *m, struct tooldef *t)
{
	char	*mult;
	long	 phase = 0;

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
		for (j = 0; j < f[i].nalt_labels; j++)
			free(f[i].alt_labels[j]);
		free(f[i].alt_labels);
		fields_free(f[i].fields, f[i].nfields);
	}
	free(f);
}

void
templates_free(struct templates *tp)
{
	size_t	 i;

	if (tp == NULL)
		return;
	for (i = 0; i < tp->ntools; i++) {
		free(tp->tools[i].key);
		free(tp->tools[i].label);
		free(tp->tools[i].question);
		free(tp->tools[i].number);
		free(tp->tools[i].layout);
		fields_free(tp->tools[i].fields, tp->tools[i].nfields);
	}
	free(tp->tools);
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
