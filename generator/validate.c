/*
 * validate.c: the validate pass.  Driven by the field definitions of
 * templates/: one check per field kind, applied recursively to records
 * and groups.  Runs after load, before resolve.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "fileio.h"
#include "image.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

struct vctx {
	struct company		*c;
	struct note		*n;
};

static void	check_map(struct vctx *, const struct fielddef *, size_t,
		    const struct ynode *, const char *);

static void
missing(struct vctx *x, const char *name, const struct ynode *at)
{
	struct note	*n = x->n;

	xgrow(&n->missing, &n->capmissing, n->nmissing + 1,
	    sizeof(*n->missing));
	n->missing[n->nmissing++] = xstrdup(name);
	if (!n->draft)
		diag(SEV_WARNING, n->path, at->line, at->col, "`%s` is "
		    "required but empty: the note counts as a draft", name);
}

/* Suggests the nearest of the defined keys for an unknown one. */
static void
unknown_key(struct vctx *x, const struct fielddef *f, size_t nf,
    const struct ynode *key, const char *where)
{
	size_t		 i, d, best = (size_t)-1;
	const char	*hit = NULL;
	size_t		 limit = strlen(key->str) > 5 ? 3 : 1;
	static const char *const meta[] = { "tool", "status" };

	for (i = 0; i < nf + (*where ? 0 : 2); i++) {
		const char *k = i < nf ? f[i].key : meta[i - nf];

		d = strcasecmp(key->str, k) == 0 ? 0 :
		    edit_distance(key->str, k, limit);
		if (d <= limit && d < best)
			best = d, hit = k;
	}
	if (hit)
		diag(SEV_WARNING, x->n->path, key->line, key->col, "unknown "
		    "key `%s`%s%s; did you mean `%s`?", key->str,
		    *where ? " in " : "", where, hit);
	else
		diag(SEV_WARNING, x->n->path, key->line, key->col, "unknown "
		    "key `%s`%s%s", key->str, *where ? " in " : "", where);
}

static int
parse_int(const char *s, long *out)
{
	char	*end;

	errno = 0;
	if (*s == '+')
		s++;
	if (!isdigit((unsigned char)*s) && !(*s == '-' &&
	    isdigit((unsigned char)s[1])))
		return 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *end == '\0';
}

int
parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
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

static int
is_id(const char *s)
{
	if (!isalnum((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.-", *s))
			return 0;
	return 1;
}

static const char *
kind_words(enum fkind k)
{
	switch (k) {
	case K_RECORDS:
		return "a list of entries (`- key: value`)";
	case K_GROUP:
		return "`key: value` lines";
	case K_REFS:
		return "a list of ids";
	default:
		return "a single value";
	}
}

static void
check_image(struct vctx *x, const struct ynode *v, const char *name)
{
	struct note	*n = x->n;
	struct stat	 st;
	struct image	 img;
	char		*dir, *cand, *real = NULL, *slash, *data, err[256];
	size_t		 len;

	if (v->str[0] == '/') {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: image path "
		    "`%s` must be relative to the note", name, v->str);
		return;
	}
	dir = xasprintf("%s/%s", x->c->real, n->rel);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	cand = xasprintf("%s/%s", dir, v->str);
	free(dir);
	if ((real = realpath(cand, NULL)) == NULL) {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: image `%s` "
		    "not found", name, v->str);
		goto out;
	}
	if (strcmp(real, x->c->real) == 0) {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: `%s` is the "
		    "company folder, not an image file", name, v->str);
		goto out;
	}
	if (strncmp(real, x->c->real, strlen(x->c->real)) != 0 ||
	    real[strlen(x->c->real)] != '/') {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: image `%s` "
		    "is outside the company folder", name, v->str);
		goto out;
	}
	if (stat(real, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: `%s` is not "
		    "a file", name, v->str);
		goto out;
	}
	if ((size_t)st.st_size > LIMIT_IMAGE_BYTES) {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: image `%s` "
		    "is %lld bytes, over the limit of %u bytes", name, v->str,
		    (long long)st.st_size, LIMIT_IMAGE_BYTES);
		goto out;
	}
	if ((data = file_read(real, LIMIT_IMAGE_BYTES, &len)) == NULL) {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: cannot read "
		    "`%s`: %s", name, v->str, strerror(errno));
		goto out;
	}
	/* Decoded whole, so that a broken image is found here, not later. */
	if (image_decode((unsigned char *)data, len, &img, err,
	    sizeof(err)) == -1)
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: `%s`: %s",
		    name, v->str, err);
	else
		image_free(&img);
	free(data);
out:
	free(cand);
	free(real);
}

/* Reports every record of list whose id repeats an earlier one's. */
static void
unique_ids(struct vctx *x, const struct ynode *list, const char *key,
    const char *name)
{
	const struct ynode	**ids, *id;
	size_t			  i, n = 0, first = 0;

	ids = xcalloc(list->nkids, sizeof(*ids));
	for (i = 0; i < list->nkids; i++)
		if ((id = yget(list->kids[i], key)) != NULL &&
		    id->kind == Y_SCALAR && !yempty(id))
			ids[n++] = id;
	qsort(ids, n, sizeof(*ids), ynodecmp);
	for (i = 1; i < n; i++) {
		if (strcmp(ids[i]->str, ids[first]->str) != 0) {
			first = i;
			continue;
		}
		diag(SEV_ERROR, x->n->path, ids[i]->line, ids[i]->col,
		    "duplicate id `%s` in `%s` (first at line %d)",
		    ids[i]->str, name, ids[first]->line);
	}
	free(ids);
}

/* Checks one value v (not empty) against its definition f. */
static void
check_value(struct vctx *x, const struct fielddef *f, const struct ynode *v,
    const char *name)
{
	struct note	*n = x->n;
	long		 i;
	int		 y, m, d;
	size_t		 k;
	char		*sub;

	switch (f->kind) {
	case K_INLINE:
	case K_BLOCK:
	case K_LIST:
	case K_REFS:
		if (v->kind == Y_SCALAR)
			return;
		if (v->kind == Y_SEQ) {
			for (k = 0; k < v->nkids; k++)
				if (v->kids[k]->kind != Y_SCALAR)
					diag(SEV_ERROR, n->path,
					    v->kids[k]->line, v->kids[k]->col,
					    "`%s[%zu]` must be %s", name, k + 1,
					    f->kind == K_REFS ? "an id" :
					    "text");
			return;
		}
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must be %s, "
		    "not `key: value` lines", name, f->kind == K_REFS ?
		    "an id or a list of ids" : "text or a list of texts");
		return;
	case K_RECORDS:
		if (v->kind != Y_SEQ) {
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be %s", name, kind_words(f->kind));
			return;
		}
		if (v->nkids > LIMIT_ROWS) {
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` has %zu "
			    "entries, over the limit of %d", name, v->nkids,
			    LIMIT_ROWS);
			return;
		}
		if (f->has_min && v->nkids < (size_t)f->min)
			diag(SEV_WARNING, n->path, v->line, v->col, "`%s` has "
			    "%zu entries; the method advises at least %ld",
			    name, v->nkids, f->min);
		if (f->has_max && v->nkids > (size_t)f->max)
			diag(SEV_WARNING, n->path, v->line, v->col, "`%s` has "
			    "%zu entries; the method advises at most %ld",
			    name, v->nkids, f->max);
		for (k = 0; k < v->nkids; k++) {
			sub = xasprintf("%s[%zu]", name, k + 1);
			if (v->kids[k]->kind != Y_MAP)
				diag(SEV_ERROR, n->path, v->kids[k]->line,
				    v->kids[k]->col, "`%s` must be `key: "
				    "value` lines", sub);
			else
				check_map(x, f->fields, f->nfields, v->kids[k],
				    sub);
			free(sub);
		}
		/* Ids are unique within their list: sort, then compare. */
		for (k = 0; k < f->nfields; k++)
			if (f->fields[k].kind == K_ID)
				unique_ids(x, v, f->fields[k].key, name);
		return;
	case K_GROUP:
		if (v->kind != Y_MAP)
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be %s", name, kind_words(f->kind));
		else
			check_map(x, f->fields, f->nfields, v, name);
		return;
	default:
		break;
	}
	if (v->kind != Y_SCALAR) {
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must be %s, "
		    "not a %s", name, kind_words(f->kind),
		    v->kind == Y_SEQ ? "list" : "mapping");
		return;
	}
	switch (f->kind) {
	case K_INT:
		if (parse_int(v->str, &i) && (!f->has_min || i >= f->min) &&
		    (!f->has_max || i <= f->max))
			break;
		/* The templates may give both bounds, one or none. */
		if (f->has_min && f->has_max)
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be a whole number from %ld to %ld, not `%s`",
			    name, f->min, f->max, v->str);
		else if (f->has_min || f->has_max)
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be a whole number, at %s %ld, not `%s`", name,
			    f->has_min ? "least" : "most", f->has_min ?
			    f->min : f->max, v->str);
		else
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be a whole number, not `%s`", name, v->str);
		break;
	case K_ENUM:
		for (k = 0; k < f->nvalues; k++)
			if (strcmp(v->str, f->values[k]) == 0)
				return;
		{
			struct buf b = { 0 };
			const char *near = NULL;

			for (k = 0; k < f->nvalues; k++) {
				buf_printf(&b, "%s`%s`", k ? (k + 1 ==
				    f->nvalues ? " or " : ", ") : "",
				    f->values[k]);
				if (strcasecmp(v->str, f->values[k]) == 0 ||
				    (strlen(f->values[k]) > 3 && edit_distance(
				    v->str, f->values[k], 2) <= 2))
					near = f->values[k];
			}
			if (near)
				diag(SEV_ERROR, n->path, v->line, v->col,
				    "`%s` must be %s, not `%s`; did you mean "
				    "`%s`?", name, b.data, v->str, near);
			else
				diag(SEV_ERROR, n->path, v->line, v->col,
				    "`%s` must be %s, not `%s`", name, b.data,
				    v->str);
			buf_free(&b);
		}
		break;
	case K_DATE:
		if (!parse_date(v->str, &y, &m, &d))
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be a date written YYYY-MM-DD, not `%s`", name,
			    v->str);
		break;
	case K_BOOL:
		if (strcasecmp(v->str, "true") && strcasecmp(v->str, "false") &&
		    strcasecmp(v->str, "yes") && strcasecmp(v->str, "no"))
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be `true` or `false`, not `%s`", name, v->str);
		break;
	case K_ID:
		if (!is_id(v->str))
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be an id (ASCII letters, digits, `-`, `_`, `.`), not "
			    "`%s`", name, v->str);
		break;
	case K_IMAGE:
		check_image(x, v, name);
		break;
	default:
		break;
	}
}

/*
 * Checks a mapping against its field definitions: unknown keys, then
 * each field.  prefix names the mapping ("" for the front matter).
 */
static void
check_map(struct vctx *x, const struct fielddef *f, size_t nf,
    const struct ynode *map, const char *prefix)
{
	const struct ynode	*v, *w;
	char			*name;
	size_t			 i;
	int			 applies;

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const char *k = map->kids[i]->str;

		if (*prefix == '\0' && (strcmp(k, "tool") == 0 ||
		    strcmp(k, "status") == 0))
			continue;
		if (field_find(f, nf, k) == NULL)
			unknown_key(x, f, nf, map->kids[i], prefix);
	}
	for (i = 0; i < nf; i++) {
		v = yget(map, f[i].key);
		name = *prefix ? xasprintf("%s.%s", prefix, f[i].key) :
		    xstrdup(f[i].key);
		applies = 1;
		if (f[i].when_key != NULL) {
			w = yget(map, f[i].when_key);
			applies = w != NULL && w->kind == Y_SCALAR &&
			    strcmp(w->str, f[i].when_value) == 0;
			if (!applies && !yempty(v) && w != NULL &&
			    w->kind == Y_SCALAR && !yempty(w))
				diag(SEV_WARNING, x->n->path, v->line, v->col,
				    "`%s` belongs to %s `%s`, but this note "
				    "has %s `%s`", name, f[i].when_key,
				    f[i].when_value, f[i].when_key, w->str);
		}
		if (yempty(v)) {
			if (f[i].required && applies) {
				if (f[i].kind == K_ID)
					diag(SEV_ERROR, x->n->path,
					    v ? v->line : map->line,
					    v ? v->col : map->col, "`%s` is "
					    "missing: every entry needs an id",
					    name);
				else
					missing(x, name, v ? v : map);
			}
		} else
			check_value(x, &f[i], v, name);
		free(name);
	}
}

void
validate_company(struct company *c, const struct templates *tp)
{
	struct vctx	 x = { c, NULL };
	struct note	*first;
	size_t		 i, j;

	for (i = 0; i < c->nnotes; i++) {
		x.n = c->notes[i];
		if (!x.n->ok || x.n->tool == NULL)
			continue;
		check_map(&x, x.n->tool->fields, x.n->tool->nfields, x.n->fm,
		    "");
	}
	/* A tool of multiplicity one has at most one note. */
	for (j = 0; j < tp->ntools; j++) {
		if (tp->tools[j].mult != MULT_ONE)
			continue;
		first = NULL;
		for (i = 0; i < c->nnotes; i++) {
			struct note *n = c->notes[i];
			const struct ynode *t;

			if (n->tool != &tp->tools[j])
				continue;
			if (first == NULL) {
				first = n;
				continue;
			}
			t = yget(n->fm, "tool");
			diag(SEV_ERROR, n->path, t->line, t->col, "a second "
			    "`%s` note: the company has one, in %s",
			    tp->tools[j].key, first->path);
		}
	}
}
