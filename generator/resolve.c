/*
 * resolve.c: the resolve pass.  Reads the validated notes and computes
 * what the methodology derives from them, as templates/tools.yaml
 * declares it: one index per reference target (`targets`, filled from
 * the fields that `provide` it) through which every `refers` is checked,
 * the sums and the ranking, the selected entries that per-segment tools
 * follow, the milestones in order, the status per tool and phase, and
 * the next step.  Nothing here names a tool or a field: the backends
 * read struct resolved and never compute these themselves.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

const char *
status_name(enum tstatus s)
{
	static const char *const names[] = {
		"missing", "draft", "complete", "unused"
	};

	return names[s];
}

const struct note *
first_note(const struct company *c, const char *tool)
{
	size_t	 i;

	for (i = 0; i < c->nnotes; i++)
		if (c->notes[i]->ok && c->notes[i]->tool &&
		    strcmp(c->notes[i]->tool->key, tool) == 0)
			return c->notes[i];
	return NULL;
}

const struct note *
company_note(const struct company *c)
{
	size_t	 i;

	for (i = 0; i < c->nnotes; i++)
		if (c->notes[i]->ok && c->notes[i]->tool &&
		    c->notes[i]->tool->company)
			return c->notes[i];
	return NULL;
}

const struct fielddef *
role_field(const struct tooldef *t, const char *role)
{
	size_t	 i;

	for (i = 0; t != NULL && i < t->nfields; i++)
		if (has_role(&t->fields[i], role))
			return &t->fields[i];
	return NULL;
}

const char *
company_text(const struct company *c, const char *role)
{
	const struct note	*n = company_note(c);
	const struct fielddef	*f = n ? role_field(n->tool, role) : NULL;

	return f ? ystr(yget(n->fm, f->key)) : NULL;
}

/* The company's label language (its index in tp), English if none. */
static int
company_lang(const struct company *c, const struct templates *tp)
{
	const char	*lang = company_text(c, "language");
	int		 li = lang ? lang_index(tp, lang) : 0;

	return li < 0 ? 0 : li;
}

const struct toolstate *
tool_state(const struct resolved *r, const char *key)
{
	size_t	 i;

	for (i = 0; i < r->ntools; i++)
		if (strcmp(r->tools[i].def->key, key) == 0)
			return &r->tools[i];
	return NULL;
}

static void
reason(struct toolstate *ts, const char *key, const char *a, const char *b)
{
	struct reason	*r;

	xgrow(&ts->reasons, &ts->capreasons, ts->nreasons + 1,
	    sizeof(*ts->reasons));
	r = &ts->reasons[ts->nreasons++];
	r->key = key;
	r->a = a;
	r->b = b;
	r->tool = ts->def;
}

char *
reason_text(const struct templates *tp, int li, const struct reason *r)
{
	const char	*fmt = ui_text(tp, li, r->key);

	if (strcmp(r->key, "reason_no_note") == 0)
		return xasprintf(fmt, tool_label(r->tool, li), r->a);
	return xasprintf(fmt, r->a ? r->a : "", r->b ? r->b : "");
}

/* ---- references ---- */

/*
 * A copy of s with ASCII letters from at on in lower case: the key
 * under which a case-blind comparison would find it.
 */
static char *
lower_from(const char *s, size_t at)
{
	char	*t = xstrdup(s);
	size_t	 i;

	for (i = at; t[i]; i++)
		if (t[i] >= 'A' && t[i] <= 'Z')
			t[i] += 'a' - 'A';
	return t;
}

/* The lookup key of s in target d's index (new), or NULL if it has none. */
static char *
lookup_key(const struct targetdef *d, const char *s)
{
	const char	*slash;

	if (d->within == NULL)
		return d->nocase ? lower_from(s, 0) : xstrdup(s);
	if ((slash = strchr(s, '/')) == NULL)
		return NULL;
	return d->nocase ? lower_from(s, (size_t)(slash - s) + 1) :
	    xstrdup(s);
}

const struct tindex *
resolved_target(const struct resolved *r, const char *key)
{
	size_t	 i;

	for (i = 0; r != NULL && key != NULL && i < r->tp->ntargets; i++)
		if (strcmp(r->tp->targets[i].key, key) == 0)
			return &r->targets[i];
	return NULL;
}

const struct tentry *
resolved_entry(const struct resolved *r, const char *target, const char *s)
{
	const struct tindex	*t = resolved_target(r, target);
	const struct ientry	*e;
	char			*k;

	if (t == NULL || s == NULL || (k = lookup_key(t->def, s)) == NULL)
		return NULL;
	e = index_find(&t->ix, k);
	free(k);
	return e ? &t->v[(size_t)e->val - 1] : NULL;
}

struct opportunity *
resolved_opportunity(const struct resolved *r, const char *id)
{
	const struct ientry	*e = index_find(&r->oppidx, id);

	return e ? e->val : NULL;
}

/* Whether field f provides target key. */
static int
provides(const struct fielddef *f, const char *key)
{
	size_t	 i;

	for (i = 0; i < f->nprovides; i++)
		if (strcmp(f->provides[i], key) == 0)
			return 1;
	return 0;
}

/* Whether fields f (or their records, deeper) provide target key. */
static int
defs_provide(const struct fielddef *f, size_t nf, const char *key)
{
	size_t	 i;

	for (i = 0; i < nf; i++)
		if (provides(&f[i], key) || (f[i].kind == K_RECORDS &&
		    defs_provide(f[i].fields, f[i].nfields, key)))
			return 1;
	return 0;
}

/* The value of the sibling with the role title, other than f. */
static const char *
title_of(const struct fielddef *f, size_t nf, const struct fielddef *not,
    const struct ynode *map)
{
	size_t	 i;

	for (i = 0; i < nf; i++)
		if (&f[i] != not && has_role(&f[i], "title"))
			return ystr(yget(map, f[i].key));
	return NULL;
}

struct pctx {
	struct tindex		*t;
	const struct templates	*tp;
	int			 li;		/* the company's language */
	const struct note	*n;
	const char		*within;	/* the note's qualifier */
	int			 present;	/* a list or note held it */
	const struct ynode	*list;		/* the first list of it */
	const struct fielddef	*listdef;	/* its definition */
	const struct note	*listnote;	/* its note */
};

/*
 * The entry just added answers to s as the dossier prints it too: its
 * word's label in the company's language (a journey stage named as its
 * column is headed).
 */
static void
alias(struct pctx *p, const char *s)
{
	const struct targetdef	*d = p->t->def;
	const char		*lab = value_text(p->tp, p->li, s);
	char			*q, *k;

	if (lab == NULL || strcasecmp(lab, s) == 0)
		return;
	q = d->within != NULL ? xasprintf("%s/%s", p->within, lab) :
	    xstrdup(lab);
	if ((k = lookup_key(d, q)) != NULL)
		index_add_own(&p->t->ix, k, (void *)p->t->n);
	free(q);
}

/* Adds the entries that fields f of map provide to p->t. */
static void
provide_walk(struct pctx *p, const struct fielddef *f, size_t nf,
    const struct ynode *map, const struct fielddef *records)
{
	const struct targetdef	*d = p->t->def;
	const struct ynode	*v;
	struct tentry		*e;
	const char		*s;
	char			*k, *q;
	size_t			 i, j;

	if (map == NULL || map->kind != Y_MAP)
		return;
	for (i = 0; i < nf; i++) {
		v = yget(map, f[i].key);
		if (f[i].kind == K_RECORDS && defs_provide(f[i].fields,
		    f[i].nfields, d->key)) {
			if (v == NULL || v->kind != Y_SEQ)
				continue;
			if (p->list == NULL) {
				p->list = v;
				p->listdef = &f[i];
				p->listnote = p->n;
			}
			for (j = 0; j < v->nkids; j++)
				provide_walk(p, f[i].fields, f[i].nfields,
				    v->kids[j], &f[i]);
			continue;
		}
		if (!provides(&f[i], d->key))
			continue;
		p->present = 1;
		if ((s = ystr(v)) == NULL)
			continue;
		if (d->within != NULL) {
			/* A qualifier with a slash matches no KEY/KEY. */
			if (p->within == NULL || strchr(p->within, '/'))
				continue;
			q = xasprintf("%s/%s", p->within, s);
			k = lookup_key(d, q);
			free(q);
		} else
			k = lookup_key(d, s);
		xgrow(&p->t->v, &p->t->cap, p->t->n + 1, sizeof(*p->t->v));
		e = &p->t->v[p->t->n++];
		memset(e, 0, sizeof(*e));
		e->key = s;
		if (d->within != NULL)
			e->key = e->own = xasprintf("%s/%s", p->within, s);
		e->note = p->n;
		e->rec = map;
		e->label = title_of(f, nf, &f[i], map);
		e->anchor = records != NULL && f[i].kind == K_ID ?
		    records->anchor : NULL;
		index_add_own(&p->t->ix, k, (void *)p->t->n);
		alias(p, s);
	}
}

/*
 * Fills each target's index.  Of the tools that provide a target, the
 * last in workflow order that has a note holding it provides it all.
 */
/*
 * The entries that a target's `selected_by` chooses (when none says, all
 * are chosen); the first selectable target's are the segments that
 * per-segment tools follow.
 */
static void
select_entries(struct resolved *r, struct pctx *p)
{
	struct tindex		*t = p->t;
	const struct targetdef	*d = t->def;
	const struct ientry	*e;
	struct segment		*segs;
	size_t			 i, n = 0, nsel = 0;
	int			 any = 0, b;

	segs = xcalloc(t->n + 1, sizeof(*segs));
	for (i = 0; i < t->n; i++) {
		/* Of equal keys the first is the entry. */
		e = index_find(&t->ix, t->v[i].key);
		if (e == NULL || (size_t)e->val != i + 1)
			continue;
		segs[n].id = t->v[i].key;
		segs[n].name = t->v[i].label;
		if (value_bool(yget(t->v[i].rec, d->selected_by), &b)) {
			segs[n].targeted = b;
			any = 1;
		}
		n++;
	}
	for (i = 0; i < n; i++) {
		if (!any)
			segs[i].targeted = 1;
		nsel += segs[i].targeted;
	}
	if (d->advise_max > 0 && nsel > (size_t)d->advise_max &&
	    p->listdef != NULL && field_find(p->listdef->fields,
	    p->listdef->nfields, d->selected_by) != NULL)
		diag(SEV_WARNING, p->listnote->path, p->list->line,
		    p->list->col, "%zu %ss are targeted; the method advises "
		    "at most %ld", nsel, d->key, d->advise_max);
	if (r->segdef != NULL) {
		free(segs);
		return;
	}
	r->segdef = d;
	r->segs = segs;
	r->nsegs = n;
	for (i = 0; i < n; i++)
		index_add(&r->segidx, segs[i].id, &segs[i]);
	index_sort(&r->segidx);
}

static void
targets_index(const struct company *c, struct resolved *r)
{
	const struct templates	*tp = r->tp;
	size_t			 i, j, k;

	r->targets = xcalloc(tp->ntargets + 1, sizeof(*r->targets));
	for (i = 0; i < tp->ntargets; i++) {
		struct pctx p = { &r->targets[i], tp, company_lang(c, tp),
		    NULL, NULL, 0, NULL, NULL, NULL };

		p.t->def = &tp->targets[i];
		for (j = tp->ntools; j-- > 0 && !p.present;) {
			const struct tooldef *t = &tp->tools[j];

			if (!defs_provide(t->fields, t->nfields,
			    p.t->def->key))
				continue;
			for (k = 0; k < r->tools[j].nnotes; k++) {
				p.n = r->tools[j].notes[k];
				if (!p.n->ok)
					continue;
				/* A second note of a one-note tool is an
				 * error; its first is the tool's. */
				if (t->mult == MULT_ONE &&
				    p.n != first_note(c, t->key))
					continue;
				p.within = p.t->def->within ? ystr(yget(
				    p.n->fm, p.t->def->within)) : NULL;
				provide_walk(&p, t->fields, t->nfields,
				    p.n->fm, NULL);
			}
			if (p.list != NULL)
				p.present = 1;
		}
		index_sort(&p.t->ix);
		if (p.t->def->selected_by != NULL)
			select_entries(r, &p);
	}
}

/*
 * True if a note that may provide target's entries failed to load: a
 * reference into it is then not called dangling (that note's error says
 * what is wrong).  A note whose tool could not be read may be any tool.
 */
static int
target_failed(const struct company *c, const struct templates *tp,
    const char *target)
{
	size_t	 i, j;

	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		if (n->ok)
			continue;
		if (n->tool_name == NULL)
			return 1;
		for (j = 0; j < tp->ntools; j++)
			if (strcmp(tp->tools[j].key, n->tool_name) == 0 &&
			    defs_provide(tp->tools[j].fields,
			    tp->tools[j].nfields, target))
				return 1;
	}
	return 0;
}

/* Dangling references given suggestions, at most, per company: each
 * costs a pass over the valid ids. */
#define MAX_SUGGESTED	20

/* The help under a dangling reference s: the near miss, the valid ids. */
static void
dangling_help(struct resolved *r, const struct tindex *t, const char *s)
{
	const char	**keys;
	char		 *what;
	size_t		  i, n = 0;

	if (r->nsuggested++ >= MAX_SUGGESTED)
		return;
	if (t->ix.n == 0) {
		diag_help("there is none yet");
		return;
	}
	/* The index's keys, sorted: each entry and its aliases once. */
	keys = xcalloc(t->ix.n, sizeof(*keys));
	for (i = 0; i < t->ix.n; i++)
		if (n == 0 || strcmp(keys[n - 1], t->ix.v[i].key) != 0)
			keys[n++] = t->ix.v[i].key;
	what = t->def->plural ? xasprintf("the %s are", t->def->plural) :
	    NULL;
	diag_suggest(s, keys, n, what);
	free(what);
	free(keys);
}

static void
check_ref(struct company *c, struct resolved *r, const struct note *n,
    const char *target, const struct ynode *v, const char *name)
{
	const char		*s = ystr(v);
	const struct tindex	*t = resolved_target(r, target);

	if (s == NULL || t == NULL)	/* templates.c allows no other */
		return;
	r->nrefs++;
	if (resolved_entry(r, target, s) != NULL ||
	    target_failed(c, r->tp, target))
		return;
	diag(SEV_ERROR, n->path, v->line, v->col, "`%s`: no %s `%s`",
	    name, t->def->what, s);
	dangling_help(r, t, s);
}

static void
refs_walk(struct company *c, struct resolved *r, const struct note *n,
    const struct fielddef *f, size_t nf, const struct ynode *map,
    const char *prefix)
{
	const struct ynode	*v;
	size_t			 i, k;
	char			*name, *sub;

	if (map == NULL || map->kind != Y_MAP)
		return;
	for (i = 0; i < nf; i++) {
		if ((v = yget(map, f[i].key)) == NULL)
			continue;
		name = *prefix ? xasprintf("%s.%s", prefix, f[i].key) :
		    xstrdup(f[i].key);
		switch (f[i].kind) {
		case K_REF:
			check_ref(c, r, n, f[i].refers, v, name);
			break;
		case K_REFS:
			if (v->kind == Y_SCALAR)
				check_ref(c, r, n, f[i].refers, v, name);
			else if (v->kind == Y_SEQ)
				for (k = 0; k < v->nkids; k++) {
					sub = xasprintf("%s[%zu]", name, k + 1);
					check_ref(c, r, n, f[i].refers,
					    v->kids[k], sub);
					free(sub);
				}
			break;
		case K_RECORDS:
			if (v->kind != Y_SEQ)
				break;
			for (k = 0; k < v->nkids; k++) {
				sub = xasprintf("%s[%zu]", name, k + 1);
				refs_walk(c, r, n, f[i].fields, f[i].nfields,
				    v->kids[k], sub);
				free(sub);
			}
			break;
		case K_GROUP:
			refs_walk(c, r, n, f[i].fields, f[i].nfields, v, name);
			break;
		default:
			break;
		}
		free(name);
	}
}

/* ---- sums and the ranking ---- */

/* The sum k of a record of fields f, or -1 when a term is missing. */
static int
sum_of(const struct fielddef *f, size_t nf, const struct ynode *row, int k)
{
	size_t	 i;
	int	 v, sum = 0;

	for (i = 0; i < nf; i++) {
		if (f[i].sum != k)
			continue;
		if (!value_int(&f[i], yget(row, f[i].key), &v))
			return -1;
		sum += v;
	}
	return sum;
}

/* The tool and records list whose fields add to sum k. */
static const struct fielddef *
sum_records(const struct templates *tp, int k, const struct tooldef **tool)
{
	size_t	 i, j, l;

	for (i = 0; i < tp->ntools; i++)
		for (j = 0; j < tp->tools[i].nfields; j++) {
			const struct fielddef *f = &tp->tools[i].fields[j];

			for (l = 0; f->kind == K_RECORDS && l < f->nfields; l++)
				if (f->fields[l].sum == k) {
					*tool = &tp->tools[i];
					return f;
				}
		}
	return NULL;
}

/* Its sub-field that names an entry of target, and whether it is its id. */
static const struct fielddef *
item_field(const struct fielddef *rec, const char *target, int *own)
{
	size_t	 i;

	for (i = 0; i < rec->nfields; i++) {
		const struct fielddef *s = &rec->fields[i];

		if (s->kind == K_ID && provides(s, target)) {
			*own = 1;
			return s;
		}
		if (s->kind == K_REF && s->refers && strcmp(s->refers,
		    target) == 0) {
			*own = 0;
			return s;
		}
	}
	return NULL;
}

/* Sum k of every entry: from its own record, or from a row naming it. */
static void
compute_sum(const struct company *c, struct resolved *r, int k)
{
	const struct templates	*tp = r->tp;
	const struct tooldef	*t = NULL;
	const struct fielddef	*rec = sum_records(tp, k, &t), *it;
	const struct toolstate	*ts;
	const struct ynode	*list, *row, *ref, *wv;
	struct opportunity	*o;
	size_t			 i, j, l;
	int			 own = 0, written;

	if (rec == NULL || tp->ranking.ranks == NULL ||
	    (it = item_field(rec, tp->ranking.ranks, &own)) == NULL)
		return;
	if (own) {
		for (i = 0; i < r->nopps; i++)
			r->opps[i].sums[k] = sum_of(rec->fields, rec->nfields,
			    r->opps[i].row, k);
		return;
	}
	ts = &r->tools[t->order];
	for (j = 0; j < ts->nnotes; j++) {
		const struct note *p = ts->notes[j];

		if (!p->ok || (list = yget(p->fm, rec->key)) == NULL ||
		    list->kind != Y_SEQ || (t->mult == MULT_ONE &&
		    p != first_note(c, t->key)))
			continue;
		for (i = 0; i < list->nkids; i++) {
			row = list->kids[i];
			ref = yget(row, it->key);
			if (ystr(ref) == NULL ||
			    (o = resolved_opportunity(r, ref->str)) == NULL)
				continue;	/* reported as a dangling ref */
			if (o->rows[k] != NULL) {
				diag(SEV_ERROR, p->path, ref->line, ref->col,
				    "`%s[%zu]`: %s `%s` already has a row at "
				    "line %d", rec->key, i + 1,
				    tp->ranking.ranks, o->id,
				    yget(o->rows[k], it->key)->line);
				continue;
			}
			o->rows[k] = row;
			o->sums[k] = sum_of(rec->fields, rec->nfields, row, k);
			/* An author-written total must agree. */
			for (l = 0; l < rec->nfields; l++) {
				const struct fielddef *w = &rec->fields[l];

				wv = yget(row, w->key);
				if (w->total != k || o->sums[k] < 0 ||
				    ystr(wv) == NULL ||
				    !value_int(w, wv, &written) ||
				    written == o->sums[k])
					continue;
				diag(SEV_ERROR, p->path, wv->line, wv->col,
				    "`%s[%zu].%s` is %d, but the %s criteria "
				    "add up to %d", rec->key, i + 1, w->key,
				    written, number_word(tp->sums[k].nfields),
				    o->sums[k]);
			}
		}
	}
}

static const struct rankdef *rank_rule;	/* for oppcmp() */

static int
oppcmp(const void *a, const void *b)
{
	const struct opportunity *x = *(struct opportunity *const *)a;
	const struct opportunity *y = *(struct opportunity *const *)b;
	size_t	 i;
	int	 k, c;

	for (i = 0; i < rank_rule->norder; i++) {
		if ((k = rank_rule->order[i]) == -1)
			c = strcmp(x->id, y->id);
		else
			c = x->sums[k] < y->sums[k] ? -1 :
			    x->sums[k] > y->sums[k];
		if (c != 0)
			return rank_rule->desc[i] ? -c : c;
	}
	return strcmp(x->id, y->id);
}

static void
prioritise(struct company *c, struct resolved *r)
{
	const struct rankdef	*rk = &r->tp->ranking;
	const struct tindex	*t = NULL;
	const struct note	*n;
	struct opportunity	*o, **ranked, *best = NULL;
	size_t			 i, j, nranked = 0;
	int			 k, ok;

	if (rk->set)
		t = resolved_target(r, rk->ranks);
	if (t != NULL && t->n > 0) {
		r->opps = xcalloc(t->n, sizeof(*r->opps));
		for (i = 0; i < t->n; i++) {
			o = &r->opps[r->nopps++];
			o->id = t->v[i].key;
			o->name = t->v[i].label;
			o->row = t->v[i].rec;
			for (k = 0; k < MAX_SUMS; k++)
				o->sums[k] = -1;
		}
	}
	for (i = 0; i < r->nopps; i++)
		index_add(&r->oppidx, r->opps[i].id, &r->opps[i]);
	index_sort(&r->oppidx);
	for (k = 0; k < (int)r->tp->nsums; k++)
		compute_sum(c, r, k);
	for (i = 0; i < r->nopps; i++) {
		o = &r->opps[i];
		o->impact = rk->plus >= 0 ? o->sums[rk->plus] : -1;
		o->score = rk->minus >= 0 ? o->sums[rk->minus] : -1;
		o->prow = rk->minus >= 0 ? o->rows[rk->minus] : NULL;
	}
	ranked = xcalloc(r->nopps + 1, sizeof(*ranked));
	for (i = 0; i < r->nopps; i++) {
		for (j = 0, ok = rk->norder > 0; j < rk->norder; j++)
			if (rk->order[j] >= 0 &&
			    r->opps[i].sums[rk->order[j]] < 0)
				ok = 0;
		if (ok)
			ranked[nranked++] = &r->opps[i];
	}
	rank_rule = rk;
	qsort(ranked, nranked, sizeof(*ranked), oppcmp);
	for (i = 0; i < nranked; i++) {
		ranked[i]->rank = (int)i + 1;
		if (rk->plus < 0 || rk->minus < 0 || ranked[i]->impact < 0 ||
		    ranked[i]->score < 0)
			continue;
		/* Ranked order breaks ties of plus - minus. */
		if (best == NULL || ranked[i]->impact - ranked[i]->score >
		    best->impact - best->score)
			best = ranked[i];
	}
	if (best != NULL) {
		best->recommended = 1;
		r->recommended = best->id;
	}
	r->ranked = ranked;
	r->nranked = nranked;
	if (rk->chosen_tool != NULL &&
	    (n = first_note(c, rk->chosen_tool)) != NULL)
		r->concept = ystr(yget(n->fm, rk->chosen_field));
}

/* ---- per-segment tools, status, milestones ---- */

static void
per_segment(struct resolved *r, struct toolstate *ts)
{
	struct index	 bysegment = { 0 };	/* segment: note */
	const struct note *first;
	const char	*per = ts->def->per, *what;
	size_t		 i;
	const char	*seg;

	if (per == NULL || r->segdef == NULL)
		return;
	what = r->segdef->key;
	for (i = 0; i < ts->nnotes; i++)
		if ((seg = ystr(yget(ts->notes[i]->fm, per))) != NULL)
			index_add(&bysegment, seg, ts->notes[i]);
	index_sort(&bysegment);
	for (i = 0; i < ts->nnotes; i++) {
		const struct ynode *sv = yget(ts->notes[i]->fm, per);
		const struct ientry *e;

		if ((seg = ystr(sv)) == NULL)
			continue;
		first = index_find(&bysegment, seg)->val;
		if (first != ts->notes[i])
			diag(SEV_ERROR, ts->notes[i]->path, sv->line,
			    sv->col, "a second %s for %s `%s`: "
			    "the first is %s", ts->def->key, what, seg,
			    first->path);
		if ((e = index_find(&r->segidx, seg)) != NULL &&
		    !((struct segment *)e->val)->targeted)
			diag(SEV_WARNING, ts->notes[i]->path, sv->line,
			    sv->col, "%s `%s` is not targeted", what, seg);
	}
	for (i = 0; i < r->nsegs; i++) {
		if (!r->segs[i].targeted)
			continue;
		if (index_find(&bysegment, r->segs[i].id) == NULL) {
			reason(ts, "reason_no_note", r->segs[i].id, NULL);
			if (ts->segment == NULL)
				ts->segment = r->segs[i].id;
		}
	}
	index_free(&bysegment);
}

static void
tool_status(struct resolved *r, struct toolstate *ts)
{
	size_t	 i, j;
	int	 draft = 0;

	for (i = 0; i < ts->nnotes; i++) {
		const struct note *n = ts->notes[i];

		if (n->draft) {
			reason(ts, "reason_draft", n->rel, NULL);
			draft = 1;
		}
		for (j = 0; j < n->nmissing; j++) {
			reason(ts, "reason_empty", n->rel, n->missing[j]);
			draft = 1;
		}
	}
	if (ts->def->mult == MULT_PER_SEGMENT) {
		size_t before = ts->nreasons;

		per_segment(r, ts);
		if (ts->nreasons > before)
			draft = 1;
		if (r->nsegs == 0 && ts->nnotes > 0) {
			reason(ts, "reason_no_segments", NULL, NULL);
			draft = 1;
		}
	}
	if (ts->nnotes == 0)
		ts->status = ts->def->required ? ST_MISSING : ST_UNUSED;
	else
		ts->status = draft ? ST_DRAFT : ST_COMPLETE;
}

static void
add_milestone(struct threshold **v, size_t *n, const struct fielddef *f)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].key = f->key;
	(*v)[*n].def = f;
	(*v)[(*n)++].phase = f->phase;
}

/* Where a tool's milestones live: their fields, and their values. */
static void
milestone_walk(struct resolved *r, const struct fielddef *f, size_t nf,
    const struct ynode *map, const struct note *n)
{
	size_t	 i, j;

	for (i = 0; i < nf; i++) {
		const struct ynode *v = yget(map, f[i].key);

		if (f[i].kind == K_DATE && f[i].phase >= 0) {
			add_milestone(&r->decided, &r->ndecided, &f[i]);
			r->decided[r->ndecided - 1].date = value_date(v);
			(void)n;
		} else if (f[i].kind == K_GROUP && f[i].ordered) {
			for (j = 0; j < f[i].nfields; j++) {
				const struct fielddef *g = &f[i].fields[j];
				const struct ynode *gv = yget(v, g->key);
				size_t k;

				if (g->kind != K_GROUP)
					continue;
				add_milestone(&r->thresholds, &r->nthresholds,
				    g);
				for (k = 0; k < g->nfields; k++)
					if (g->fields[k].kind == K_DATE)
						break;
				if (k < g->nfields)
					r->thresholds[r->nthresholds - 1].date
					    = value_date(yget(gv,
					    g->fields[k].key));
			}
		} else if (f[i].kind == K_GROUP)
			milestone_walk(r, f[i].fields, f[i].nfields, v, n);
	}
}

/* The date node of threshold t in map (its group), or NULL. */
static const struct ynode *
date_node(const struct threshold *t, const struct ynode *map)
{
	size_t	 k;

	for (k = 0; k < t->def->nfields; k++)
		if (t->def->fields[k].kind == K_DATE)
			return yget(map, t->def->fields[k].key);
	return NULL;
}

/* Finds the ordered group that holds threshold t's group in fields f. */
static const struct ynode *
group_node(const struct fielddef *f, size_t nf, const struct ynode *map,
    const struct fielddef *t)
{
	const struct ynode	*v;
	size_t			 i;

	for (i = 0; i < nf; i++) {
		if (f[i].kind != K_GROUP)
			continue;
		if (&f[i] == t)
			return yget(map, f[i].key);
		if ((v = group_node(f[i].fields, f[i].nfields, yget(map,
		    f[i].key), t)) != NULL)
			return v;
	}
	return NULL;
}

static void
milestones(struct company *c, struct resolved *r)
{
	const struct templates	*tp = r->tp;
	const struct note	*n = NULL;
	const struct tooldef	*t = NULL;
	const struct ynode	*d, *prev = NULL;
	size_t			 i;

	for (i = 0; i < tp->ntools && r->ndecided + r->nthresholds == 0; i++) {
		t = &tp->tools[i];
		n = first_note(c, t->key);
		milestone_walk(r, t->fields, t->nfields, n ? n->fm : NULL, n);
	}
	if (n == NULL || r->ndecided + r->nthresholds == 0)
		return;
	for (i = 0; i < r->nthresholds; i++) {
		struct threshold *th = &r->thresholds[i];

		d = date_node(th, group_node(t->fields, t->nfields, n->fm,
		    th->def));
		if (th->date == NULL) {
			prev = NULL;
			continue;
		}
		if (i > 0 && r->thresholds[i - 1].date == NULL)
			diag(SEV_ERROR, n->path, d->line, d->col, "threshold "
			    "%s is reached, but %s is not: %s needs %s first",
			    th->key, r->thresholds[i - 1].key, th->key,
			    r->thresholds[i - 1].key);
		else if (prev != NULL && strcmp(d->str, prev->str) < 0)
			diag(SEV_ERROR, n->path, d->line, d->col, "threshold "
			    "%s (%s) is dated before %s (%s)", th->key, d->str,
			    r->thresholds[i - 1].key, prev->str);
		if (th->def->needs_tool != NULL) {
			const struct note *in = first_note(c,
			    th->def->needs_tool);
			const struct ynode *mk = in ? yget(in->fm,
			    th->def->needs_field) : NULL;

			if (mk == NULL || mk->kind != Y_SEQ || mk->nkids == 0)
				diag(SEV_ERROR, n->path, d->line, d->col,
				    "threshold %s needs an entry of `%s` in "
				    "the `%s` note", th->key,
				    th->def->needs_field, th->def->needs_tool);
		}
		prev = d;
	}
}

void
resolve_company(struct company *c, const struct templates *tp)
{
	struct resolved	*r = xcalloc(1, sizeof(*r));
	size_t		 i, ph;

	c->res = r;
	r->tp = tp;
	r->ntools = tp->ntools;
	r->tools = xcalloc(tp->ntools, sizeof(*r->tools));
	for (i = 0; i < tp->ntools; i++)
		r->tools[i].def = &tp->tools[i];
	for (i = 0; i < c->nnotes; i++) {
		struct note *n = c->notes[i];
		struct toolstate *ts;

		if (n->tool == NULL)
			continue;
		ts = &r->tools[n->tool->order];
		xgrow(&ts->notes, &ts->capnotes, ts->nnotes + 1,
		    sizeof(*ts->notes));
		ts->notes[ts->nnotes++] = n;
	}
	targets_index(c, r);
	prioritise(c, r);
	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		if (n->ok && n->tool != NULL)
			refs_walk(c, r, n, n->tool->fields, n->tool->nfields,
			    n->fm, "");
	}
	for (i = 0; i < r->ntools; i++) {
		struct toolstate *ts = &r->tools[i];

		for (size_t j = 0; j < ts->nnotes; j++)
			if (!ts->notes[j]->ok) {
				reason(ts, "reason_errors", ts->notes[j]->rel,
				    NULL);
				break;
			}
		tool_status(r, ts);
		if (ts->nnotes > 0 && ts->status == ST_COMPLETE &&
		    ts->nreasons > 0)
			ts->status = ST_DRAFT;
	}
	milestones(c, r);
	r->phases = xcalloc(tp->nphases + 1, sizeof(*r->phases));
	for (ph = 0; ph < tp->nphases; ph++) {
		r->phases[ph] = ST_COMPLETE;
		for (i = 0; i < r->ntools; i++) {
			const struct toolstate *ts = &r->tools[i];

			if (ts->def->phase_index != ph || !ts->def->required)
				continue;
			if (ts->status == ST_MISSING &&
			    r->phases[ph] == ST_COMPLETE)
				r->phases[ph] = ST_MISSING;
			else if (ts->status == ST_DRAFT)
				r->phases[ph] = ST_DRAFT;
		}
	}
	for (i = 0; i < r->ntools && r->next == NULL; i++)
		if (r->tools[i].status == ST_MISSING ||
		    r->tools[i].status == ST_DRAFT) {
			r->next = &r->tools[i];
			r->next_segment = r->tools[i].segment;
		}
}

void
resolved_free(struct resolved *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ntools; i++) {
		free(r->tools[i].reasons);
		free(r->tools[i].notes);
	}
	free(r->tools);
	for (i = 0; r->targets && i < r->tp->ntargets; i++) {
		for (size_t j = 0; j < r->targets[i].n; j++)
			free(r->targets[i].v[j].own);
		free(r->targets[i].v);
		index_free(&r->targets[i].ix);
	}
	free(r->targets);
	free(r->phases);
	free(r->segs);
	index_free(&r->segidx);
	free(r->opps);
	index_free(&r->oppidx);
	free(r->ranked);
	free(r->decided);
	free(r->thresholds);
	free(r);
}
