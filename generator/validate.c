/*
 * validate.c: the validate pass.  Driven by the field definitions of
 * templates/: one check per field kind, applied recursively to records
 * and groups.  Runs after load, before resolve.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "image.h"
#include "imgcache.h"
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
missing(struct vctx *x, const char *name, const struct ynode *at, int warn)
{
	struct note	*n = x->n;

	xgrow(&n->missing, &n->capmissing, n->nmissing + 1,
	    sizeof(*n->missing));
	n->missing[n->nmissing++] = xstrdup(name);
	if (!n->draft && warn)
		diag(SEV_WARNING, n->path, at->line, at->col, "`%s` is "
		    "required but empty: the note counts as a draft", name);
}

/*
 * Reports a key that no field defines, with the nearest defined key as
 * help.  A near miss of a required field that this mapping lacks
 * (`market_rsik` where `market_risk` is missing) changes results, so it
 * is an error in a note not marked draft; returns the field it stands
 * for then, else NULL.
 */
static const struct fielddef *
unknown_key(struct vctx *x, const struct fielddef *f, size_t nf,
    const struct ynode *map, const struct ynode *key, const char *where)
{
	size_t		 i, nmiss = 0;
	const char	*hit = NULL, *miss;
	const char	**missing_keys, **keys;
	const struct fielddef *stands = NULL;
	static const char *const meta[] = { "tool", "status" };

	missing_keys = xcalloc(nf + 1, sizeof(*missing_keys));
	for (i = 0; i < nf; i++) {
		const struct ynode *w = f[i].when_key ?
		    yget(map, f[i].when_key) : NULL;

		/* Required here: always, or for this note's `when` value. */
		if (f[i].required && f[i].kind != K_ID &&
		    (f[i].when_key == NULL || (w != NULL && w->kind ==
		    Y_SCALAR && strcmp(w->str, f[i].when_value) == 0)) &&
		    yempty(yget(map, f[i].key)))
			missing_keys[nmiss++] = f[i].key;
	}
	if ((miss = nearest_name(key->str, missing_keys, nmiss)) != NULL)
		stands = field_find(f, nf, miss);
	free(missing_keys);
	if (stands != NULL && !x->n->draft) {
		diag(SEV_ERROR, x->n->path, key->line, key->col, "unknown "
		    "key `%s`%s%s, where the required `%s` is missing",
		    key->str,
		    *where ? " in " : "", where, stands->key);
		diag_help("did you mean `%s`?", stands->key);
		return stands;
	}
	/* The same rule as for ids: one typing mistake or two, and
	 * another number (t4 for t1) is no near miss. */
	keys = xcalloc(nf + 3, sizeof(*keys));
	for (i = 0; i < nf; i++)
		keys[i] = f[i].key;
	if (*where == '\0')
		keys[nf++] = meta[0], keys[nf++] = meta[1];
	hit = nearest_name(key->str, keys, nf);
	free(keys);
	diag(SEV_WARNING, x->n->path, key->line, key->col, "unknown key "
	    "`%s`%s%s", key->str, *where ? " in " : "", where);
	if (hit)
		diag_help("did you mean `%s`?", hit);
	return NULL;
}

/*
 * Help for a value that looks right but holds a character that only
 * looks like the one meant: Word's minus sign, dashes, curly quotes and
 * non-breaking spaces.
 */
static void
value_hints(const char *s)
{
	static const struct {
		const char	*utf8, *what, *type;
	} look[] = {
		{ "\xe2\x88\x92", "the minus sign U+2212", "-" },
		{ "\xe2\x80\x93", "an en dash U+2013", "-" },
		{ "\xe2\x80\x9c", "a curly quote U+201C", "\"" },
		{ "\xe2\x80\x9d", "a curly quote U+201D", "\"" },
		{ "\xe2\x80\x9e", "a low curly quote U+201E", "\"" },
		{ "\xe2\x80\x98", "a curly quote U+2018", "'" },
		{ "\xe2\x80\x99", "a curly quote U+2019", "'" },
		{ "\xc2\xa0", "a non-breaking space U+00A0", " " },
	};
	struct buf	 b = { 0 };
	const char	*p;
	size_t		 i, k, n = sizeof(look) / sizeof(look[0]);
	int		 any = 0;

	for (i = 0; i < n; i++)
		if (strstr(s, look[i].utf8) != NULL) {
			diag_help("`%s` is %s, which looks like `%s` but is "
			    "another character: type `%s`", look[i].utf8,
			    look[i].what, look[i].type, look[i].type);
			any = 1;
		}
	if (!any || strlen(s) > 40)
		return;
	/* The value as meant, every look-alike replaced. */
	for (p = s; *p; ) {
		for (i = 0; i < n; i++) {
			k = strlen(look[i].utf8);
			if (strncmp(p, look[i].utf8, k) == 0)
				break;
		}
		if (i < n) {
			buf_puts(&b, look[i].type);
			p += k;
		} else
			buf_putc(&b, *p++);
	}
	diag_help("that is: `%s`", b.data);
	buf_free(&b);
}

/* What a date that is not YYYY-MM-DD was meant to be, as help. */
static void
date_hints(const char *s)
{
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d, n = 0, days;
	char	 sep;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    s[n] == '\0') {
		if (m < 1 || m > 12) {
			diag_help("a date is YYYY-MM-DD: there is no month "
			    "%d", m);
			return;
		}
		days = mdays[m - 1] + (m == 2 && y % 4 == 0 &&
		    (y % 100 != 0 || y % 400 == 0));
		if (d < 1 || d > days)
			diag_help("%s %d has %d days", months[m - 1], y, days);
		else
			diag_help("write the month and day with two digits: "
			    "`%04d-%02d-%02d`", y, m, d);
		return;
	}
	/* 1.3.2025, 1. 3. 2025, 01/03/2025: day, month, year. */
	n = 0;
	if ((sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 ||
	    (n = 0, sscanf(s, "%2d. %2d. %4d%n", &d, &m, &y, &n) == 3)) &&
	    s[n] == '\0' && y >= 1000) {
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
			diag_help("write it year first: `%04d-%02d-%02d` "
			    "(YYYY-MM-DD)", y, m, d);
		return;
	}
	n = 0;
	if (sscanf(s, "%2d%c%2d%*c%4d%n", &d, &sep, &m, &y, &n) == 4 &&
	    s[n] == '\0' && (sep == '/' || sep == '-'))
		diag_help("write it year first, YYYY-MM-DD: `%04d-%02d-%02d` "
		    "if the day comes first, `%04d-%02d-%02d` if the month "
		    "does", y, m, d, y, d, m);
	value_hints(s);
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
	const struct cimage *ci;
	char		*dir, *cand, *real = NULL, *slash;

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
	/* Read and decoded once, however many notes name it. */
	if (x->c->images == NULL)
		x->c->images = imgcache_new();
	ci = imgcache_add(x->c->images, real, (uint64_t)st.st_size);
	switch (ci->state) {
	case CI_OK:
		break;
	case CI_READ:
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: cannot read "
		    "`%s`: %s", name, v->str, strerror(ci->errnum));
		break;
	case CI_DECODE:
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: `%s`: %s",
		    name, v->str, ci->reason);
		break;
	case CI_BYTES:
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: image `%s` "
		    "is %llu bytes, which brings the company's images to %llu "
		    "bytes, over the limit of %u bytes for all images of a "
		    "company", name, v->str, (unsigned long long)ci->bytes,
		    (unsigned long long)ci->total, LIMIT_COMPANY_IMAGE_BYTES);
		break;
	case CI_PIXELS:
		diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: image `%s` "
		    "is %ux%u pixels, which brings the company's images to "
		    "%llu pixels, over the limit of %u pixels for all images "
		    "of a company", name, v->str, ci->width, ci->height,
		    (unsigned long long)ci->total, LIMIT_COMPANY_IMAGE_PIXELS);
		break;
	}
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

/*
 * The ids that references resolve to: those of records with an `anchor`
 * (segments, opportunities, goals, strategies, activities).  They are
 * unique among all the notes of a tool, whatever list they are in: with
 * `G1` a goal of one strategy note and an activity of another, a link to
 * `G1` would mean whichever came first.
 */
struct anchored {
	const struct ynode	*id;
	const struct note	*n;
	const char		*anchor;	/* its list's namespace */
	const char		*list;		/* its list's key: `goals` */
	size_t			 listno;	/* which list, from 1 */
};

struct idset {
	struct anchored		*v;
	size_t			 n, cap;
	size_t			 nlists;
};

/* Collects the anchored ids of map's records, nested ones too. */
static void
anchored_ids(struct idset *s, const struct note *n, const struct fielddef *f,
    size_t nf, const struct ynode *map)
{
	const struct ynode	*v, *row, *id;
	size_t			 i, j, k;

	for (i = 0; i < nf; i++) {
		if ((v = yget(map, f[i].key)) == NULL)
			continue;
		if (f[i].kind == K_GROUP) {
			anchored_ids(s, n, f[i].fields, f[i].nfields, v);
			continue;
		}
		if (f[i].kind != K_RECORDS || v->kind != Y_SEQ)
			continue;
		s->nlists++;
		for (k = 0; k < v->nkids; k++) {
			if ((row = v->kids[k])->kind != Y_MAP)
				continue;
			for (j = 0; f[i].anchor != NULL && j < f[i].nfields;
			    j++) {
				if (f[i].fields[j].kind != K_ID ||
				    (id = yget(row, f[i].fields[j].key)) ==
				    NULL || id->kind != Y_SCALAR || yempty(id))
					continue;
				xgrow(&s->v, &s->cap, s->n + 1, sizeof(*s->v));
				s->v[s->n].id = id;
				s->v[s->n].n = n;
				s->v[s->n].anchor = f[i].anchor;
				s->v[s->n].list = f[i].key;
				s->v[s->n++].listno = s->nlists;
			}
			anchored_ids(s, n, f[i].fields, f[i].nfields, row);
		}
	}
}

static int
anchoredcmp(const void *a, const void *b)
{
	const struct ynode	*x = ((const struct anchored *)a)->id;
	const struct ynode	*y = ((const struct anchored *)b)->id;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* "a goal", "an activity": one record of the list of that key. */
static char *
one_of(const char *list)
{
	size_t		 n = strlen(list);
	const char	*a = n && strchr("aeiou", list[0]) ? "an" : "a";

	if (n > 3 && strcmp(list + n - 3, "ies") == 0)
		return xasprintf("%s %.*sy", a, (int)(n - 3), list);
	if (n > 1 && list[n - 1] == 's')
		return xasprintf("%s %.*s", a, (int)(n - 1), list);
	return xasprintf("%s %s", a, list);
}

/*
 * Reports the first record of an id in each list after the first that
 * has it (repeats within one list are unique_ids()'s), pointing at the
 * first of all, in path order, then line order.  A second note of a tool
 * of multiplicity one is an error of its own and not compared.  Sorted,
 * through an index of "tool anchor id": O(n log n) in the company's ids.
 */
static void
unique_anchored(const struct company *c, const struct templates *tp)
{
	struct idset		 s = { 0 };
	struct index		 ix = { 0 };
	const struct anchored	*a, *first = NULL;
	size_t			 i, from, head = 0, group = 0, *seen;
	char			*what, *had = xcalloc(tp->ntools + 1, 1);

	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		if (!n->ok || n->tool == NULL)
			continue;
		if (n->tool->mult == MULT_ONE && had[n->tool->order])
			continue;	/* a second note: reported below */
		had[n->tool->order] = 1;
		from = s.n;
		anchored_ids(&s, n, n->tool->fields, n->tool->nfields, n->fm);
		if (s.n - from > 1)
			qsort(s.v + from, s.n - from, sizeof(*s.v),
			    anchoredcmp);
	}
	for (i = 0; i < s.n; i++)
		index_add_own(&ix, xasprintf("%s %s %s", s.v[i].n->tool->key,
		    s.v[i].anchor, s.v[i].id->str), &s.v[i]);
	index_sort(&ix);
	seen = xcalloc(s.nlists + 1, sizeof(*seen));	/* list: last group */
	for (i = 0; i < ix.n; i++) {
		a = ix.v[i].val;
		if (first == NULL || strcmp(ix.v[i].key, ix.v[head].key) != 0) {
			first = a;
			head = i;
			group++;
		}
		if (seen[a->listno] == group)
			continue;
		seen[a->listno] = group;
		if (a == first)
			continue;
		what = one_of(first->list);
		diag(SEV_ERROR, a->n->path, a->id->line, a->id->col, "`%s` is "
		    "already the id of %s in %s:%d", a->id->str, what,
		    first->n->path, first->id->line);
		free(what);
	}
	free(seen);
	free(had);
	index_free(&ix);
	free(s.v);
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
		if (parse_long(v->str, f->has_min ? f->min : LONG_MIN,
		    f->has_max ? f->max : LONG_MAX, &i))
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
		value_hints(v->str);
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
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` "
			    "must be %s, not `%s`", name, b.data ? b.data : "", v->str);
			if (near)
				diag_help("did you mean `%s`?", near);
			value_hints(v->str);
			buf_free(&b);
		}
		break;
	case K_DATE:
		if (!parse_date(v->str, &y, &m, &d))
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be a date written YYYY-MM-DD, not `%s`", name,
			    v->str), date_hints(v->str);
		break;
	case K_BOOL:
		if (!parse_bool(v->str, &y))
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be `true` or `false`, not `%s`", name, v->str),
			    value_hints(v->str);
		break;
	case K_ID:
		if (!is_id(v->str))
			diag(SEV_ERROR, n->path, v->line, v->col, "`%s` must "
			    "be an id (ASCII letters, digits, `-`, `_`, `.`), not "
			    "`%s`", name, v->str), value_hints(v->str);
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

	const struct fielddef	*stood;
	char			*told = xcalloc(nf + 1, 1);

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const char *k = map->kids[i]->str;

		if (*prefix == '\0' && (strcmp(k, "tool") == 0 ||
		    strcmp(k, "status") == 0))
			continue;
		if (field_find(f, nf, k) == NULL &&
		    (stood = unknown_key(x, f, nf, map, map->kids[i],
		    prefix)) != NULL)
			told[stood - f] = 1;	/* its error says it all */
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
					missing(x, name, v ? v : map,
					    !told[i]);
			}
		} else
			check_value(x, &f[i], v, name);
		free(name);
	}
	free(told);
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
	unique_anchored(c, tp);
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
