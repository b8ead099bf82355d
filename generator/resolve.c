/*
 * resolve.c: the resolve pass.  Reads the validated notes and computes
 * what the methodology derives from them: references between tools,
 * status per tool and phase, impact, score, rank and the recommended
 * opportunity, thresholds in order, and the next step.  The backends
 * read struct resolved and never compute these themselves.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

#define MAX_TARGETED	3	/* the seeds advise at most three segments */

static const char *const opp_ratings[] = {
	"importance", "unsatisfied", "doable", "lucrative"
};
static const char *const prio_criteria[] = {
	"investment", "effort", "market_risk", "technology_risk", "change"
};

const char *
status_name(enum tstatus s)
{
	static const char *const names[] = {
		"missing", "draft", "complete", "unused"
	};

	return names[s];
}

const char *
ystr(const struct ynode *n)
{
	return n != NULL && n->kind == Y_SCALAR && !yempty(n) ? n->str : NULL;
}

static int
yint(const struct ynode *n, int lo, int hi, int *out)
{
	const char	*s = ystr(n);
	long		 v;

	if (s == NULL || !parse_long(s, lo, hi, &v))
		return 0;
	*out = (int)v;
	return 1;
}

static int
ybool(const struct ynode *n)
{
	const char	*s = ystr(n);

	return s != NULL && (strcasecmp(s, "true") == 0 ||
	    strcasecmp(s, "yes") == 0);
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
 * What references point at, each an index of its keys: built once, so
 * that resolving n references to m targets costs O((n + m) log m), not
 * one scan of the targets per reference.
 */
struct rctx {
	struct company		*c;
	struct resolved		*r;
	const struct note	*n;
	struct index		 personas;	/* name: note */
	struct index		 stages;	/* "segment/stage" (the stage
						   in lower case): note */
	struct index		 markets;	/* market, lower case: note */
	struct index		 items;		/* goal, strategy, activity */
	struct index		 activities;	/* activity ids */
	const struct templates	*tp;
	int			 li;		/* the company's language */
	size_t			 nsuggested;	/* dangling refs given help */
};

/* Dangling references given suggestions, at most, per company: each
 * costs a pass over the valid ids. */
#define MAX_SUGGESTED	20

const struct segment *
resolved_segment(const struct resolved *r, const char *id)
{
	const struct ientry	*e = index_find(&r->segidx, id);

	return e ? e->val : NULL;
}

struct opportunity *
resolved_opportunity(const struct resolved *r, const char *id)
{
	const struct ientry	*e = index_find(&r->oppidx, id);

	return e ? e->val : NULL;
}

/*
 * A copy of s with ASCII letters from at on in lower case: the key
 * under which strcasecmp() would find it.
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

static int
is_tool(const struct note *n, const char *tool)
{
	return n->ok && n->tool && strcmp(n->tool->key, tool) == 0;
}

/* The `id` of every record of a list, each pointing at its record. */
static void
add_ids(struct index *ix, const struct ynode *list)
{
	size_t		 i;
	const char	*s;

	if (list == NULL || list->kind != Y_SEQ)
		return;
	for (i = 0; i < list->nkids; i++)
		if ((s = ystr(yget(list->kids[i], "id"))) != NULL)
			index_add(ix, s, list->kids[i]);
}

static void
targets_index(struct rctx *x)
{
	const struct company	*c = x->c;
	const struct ynode	*ss, *stages;
	const char		*s, *seg, *lab;
	size_t			 i, j;

	for (i = 0; i < c->nnotes; i++) {
		struct note *n = c->notes[i];

		if (is_tool(n, "persona") &&
		    (s = ystr(yget(n->fm, "name"))) != NULL)
			index_add(&x->personas, s, n);
		/* A segment with a slash matches no SEGMENT/STAGE. */
		if (is_tool(n, "journey") &&
		    (seg = ystr(yget(n->fm, "segment"))) != NULL &&
		    strchr(seg, '/') == NULL &&
		    (stages = yget(n->fm, "stages")) != NULL &&
		    stages->kind == Y_SEQ)
			for (j = 0; j < stages->nkids; j++) {
				char *k;

				s = ystr(yget(stages->kids[j], "stage"));
				if (s == NULL)
					continue;
				k = xasprintf("%s/%s", seg, s);
				index_add_own(&x->stages, lower_from(k,
				    strlen(seg) + 1), n);
				free(k);
				/* The stage as the dossier prints it: its
				 * label in the company's language. */
				lab = value_text(x->tp, x->li, s);
				if (strcasecmp(lab, s) == 0)
					continue;
				k = xasprintf("%s/%s", seg, lab);
				index_add_own(&x->stages, lower_from(k,
				    strlen(seg) + 1), n);
				free(k);
			}
		if (!is_tool(n, "strategy"))
			continue;
		if ((s = ystr(yget(n->fm, "market"))) != NULL)
			index_add_own(&x->markets, lower_from(s, 0), n);
		add_ids(&x->items, yget(n->fm, "goals"));
		ss = yget(n->fm, "strategies");
		add_ids(&x->items, ss);
		for (j = 0; ss != NULL && ss->kind == Y_SEQ && j < ss->nkids;
		    j++) {
			add_ids(&x->items, yget(ss->kids[j], "activities"));
			add_ids(&x->activities, yget(ss->kids[j],
			    "activities"));
		}
	}
	index_sort(&x->personas);
	index_sort(&x->stages);
	index_sort(&x->markets);
	index_sort(&x->items);
	index_sort(&x->activities);
}

/* Whether key, lower-cased from at on, is in ix. */
static int
find_lower(const struct index *ix, const char *key, size_t at)
{
	char	*k = lower_from(key, at);
	int	 found = index_find(ix, k) != NULL;

	free(k);
	return found;
}

/*
 * The tools whose notes a reference target's ids come from: a note of
 * them that failed to load hides ids, so a reference into it is not
 * reported as dangling (its note's error says what is wrong).
 */
static const char *const *
target_tools(const char *target)
{
	static const struct {
		const char	*target;
		const char	*tools[3];
	} t[] = {
		{ "segment", { "segments", "jobs", NULL } },
		{ "persona", { "persona", NULL } },
		{ "journey-stage", { "journey", NULL } },
		{ "opportunity", { "opportunities", NULL } },
		{ "strategy", { "strategy", NULL } },
		{ "strategy-item", { "strategy", NULL } },
		{ "strategy-activity", { "strategy", NULL } },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].target, target) == 0)
			return t[i].tools;
	return NULL;
}

/* True if a note that may hold target's ids failed to load. */
static int
target_failed(const struct company *c, const char *target)
{
	const char *const	*tools = target_tools(target);
	size_t			 i, j;

	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		if (n->ok)
			continue;
		if (n->tool_name == NULL)
			return 1;	/* it may have been any tool */
		for (j = 0; tools != NULL && tools[j] != NULL; j++)
			if (strcmp(n->tool_name, tools[j]) == 0)
				return 1;
	}
	return 0;
}

/* The distinct keys of a sorted index, in its order.  Caller frees. */
static const char **
index_keys(const struct index *ix, size_t *n)
{
	const char	**v = xcalloc(ix->n + 1, sizeof(*v));
	size_t		  i;

	*n = 0;
	for (i = 0; i < ix->n; i++)
		if (*n == 0 || strcmp(v[*n - 1], ix->v[i].key) != 0)
			v[(*n)++] = ix->v[i].key;
	return v;
}

/* A dangling reference s: the error, the near miss, the valid ids. */
static void
dangling(struct rctx *x, const struct index *ix, const struct ynode *v,
    const char *name, const char *what, const char *list, const char *s)
{
	const char	**ids;
	size_t		  n;

	diag(SEV_ERROR, x->n->path, v->line, v->col, "`%s`: no %s `%s`",
	    name, what, s);
	if (ix == NULL || x->nsuggested++ >= MAX_SUGGESTED)
		return;
	ids = index_keys(ix, &n);
	if (n == 0)
		diag_help("there is none yet");
	else
		diag_suggest(s, ids, n, list);
	free(ids);
}

static void
check_ref(struct rctx *x, const char *target, const struct ynode *v,
    const char *name)
{
	const char	*s = ystr(v), *what, *slash, *list;
	const struct index *ix;
	int		 ok;

	if (s == NULL)
		return;
	if (strcmp(target, "segment") == 0) {
		ok = resolved_segment(x->r, s) != NULL;
		what = "segment";
		ix = &x->r->segidx;
		list = "the segments are";
	} else if (strcmp(target, "persona") == 0) {
		ok = index_find(&x->personas, s) != NULL;
		what = "persona named";
		ix = &x->personas;
		list = "the personas are";
	} else if (strcmp(target, "journey-stage") == 0) {
		slash = strchr(s, '/');
		ok = slash != NULL && find_lower(&x->stages, s,
		    (size_t)(slash - s) + 1);
		what = "journey stage (SEGMENT/STAGE)";
		ix = &x->stages;
		list = "the stages are";
	} else if (strcmp(target, "opportunity") == 0) {
		ok = resolved_opportunity(x->r, s) != NULL;
		what = "opportunity";
		ix = &x->r->oppidx;
		list = "the opportunities are";
	} else if (strcmp(target, "strategy") == 0) {
		ok = find_lower(&x->markets, s, 0);
		what = "strategy note with market";
		ix = &x->markets;
		list = "the markets of the strategy notes are";
	} else if (strcmp(target, "strategy-item") == 0) {
		ok = index_find(&x->items, s) != NULL;
		what = "goal, strategy or activity";
		ix = &x->items;
		list = "the goals, strategies and activities are";
	} else if (strcmp(target, "strategy-activity") == 0) {
		ok = index_find(&x->activities, s) != NULL;
		what = "strategy activity";
		ix = &x->activities;
		list = "the activities are";
	} else {
		diag(SEV_ERROR, x->n->path, v->line, v->col, "`%s`: unknown "
		    "reference target `%s` in the templates", name, target);
		return;
	}
	x->r->nrefs++;
	if (!ok && !target_failed(x->c, target))
		dangling(x, ix, v, name, what, list, s);
}

static void
refs_walk(struct rctx *x, const struct fielddef *f, size_t nf,
    const struct ynode *map, const char *prefix)
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
			check_ref(x, f[i].target, v, name);
			break;
		case K_REFS:
			if (v->kind == Y_SCALAR)
				check_ref(x, f[i].target, v, name);
			else if (v->kind == Y_SEQ)
				for (k = 0; k < v->nkids; k++) {
					sub = xasprintf("%s[%zu]", name, k + 1);
					check_ref(x, f[i].target, v->kids[k],
					    sub);
					free(sub);
				}
			break;
		case K_RECORDS:
			if (v->kind != Y_SEQ)
				break;
			for (k = 0; k < v->nkids; k++) {
				sub = xasprintf("%s[%zu]", name, k + 1);
				refs_walk(x, f[i].fields, f[i].nfields,
				    v->kids[k], sub);
				free(sub);
			}
			break;
		case K_GROUP:
			refs_walk(x, f[i].fields, f[i].nfields, v, name);
			break;
		default:
			break;
		}
		free(name);
	}
}

/* ---- segments and opportunities ---- */

static void
collect_segments(struct company *c, struct resolved *r)
{
	const struct note	*n = first_note(c, "segments");
	const struct ynode	*list, *t;
	struct ientry		*e;
	size_t			 i, ntarget = 0;
	int			 any = 0;

	if (n == NULL || (list = yget(n->fm, "segments")) == NULL ||
	    list->kind != Y_SEQ)
		n = first_note(c, "jobs");
	if (n == NULL || (list = yget(n->fm, "segments")) == NULL ||
	    list->kind != Y_SEQ)
		return;
	r->segs = xcalloc(list->nkids, sizeof(*r->segs));
	/*
	 * Of equal ids the first is the segment: the index finds the first
	 * row of each id, whose entry then points at its segment.
	 */
	add_ids(&r->segidx, list);
	index_sort(&r->segidx);
	for (i = 0; i < list->nkids; i++) {
		const char *id = ystr(yget(list->kids[i], "id"));

		if (id == NULL || (e = index_find(&r->segidx, id))->val !=
		    list->kids[i])
			continue;
		e->val = &r->segs[r->nsegs];
		r->segs[r->nsegs].id = id;
		r->segs[r->nsegs].name = ystr(yget(list->kids[i], "name"));
		if ((t = yget(list->kids[i], "target")) && !yempty(t)) {
			r->segs[r->nsegs].targeted = ybool(t);
			any = 1;
		}
		r->nsegs++;
	}
	for (i = 0; i < r->nsegs; i++) {
		if (!any)
			r->segs[i].targeted = 1;
		ntarget += r->segs[i].targeted;
	}
	if (ntarget > MAX_TARGETED && strcmp(n->tool->key, "segments") == 0)
		diag(SEV_WARNING, n->path, list->line, list->col, "%zu "
		    "segments are targeted; the method advises at most %d",
		    ntarget, MAX_TARGETED);
}

static int
sum_of(const struct ynode *row, const char *const *keys, size_t n, int lo,
    int hi)
{
	size_t	 i;
	int	 v, sum = 0;

	for (i = 0; i < n; i++) {
		if (!yint(yget(row, keys[i]), lo, hi, &v))
			return -1;
		sum += v;
	}
	return sum;
}

static int
oppcmp(const void *a, const void *b)
{
	const struct opportunity *x = *(struct opportunity *const *)a;
	const struct opportunity *y = *(struct opportunity *const *)b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	if (x->impact != y->impact)
		return x->impact > y->impact ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void
prioritise(struct company *c, struct resolved *r)
{
	const struct note	*n = first_note(c, "opportunities");
	const struct note	*p = first_note(c, "priorities");
	const struct ynode	*list, *row, *sv;
	struct opportunity	*o, **ranked, *best = NULL;
	size_t			 i, nranked = 0;
	int			 written;

	if (n != NULL && (list = yget(n->fm, "opportunities")) != NULL &&
	    list->kind == Y_SEQ) {
		r->opps = xcalloc(list->nkids, sizeof(*r->opps));
		for (i = 0; i < list->nkids; i++) {
			const char *id = ystr(yget(list->kids[i], "id"));

			if (id == NULL)
				continue;	/* a duplicate id is an error */
			o = &r->opps[r->nopps++];
			o->id = id;
			o->name = ystr(yget(list->kids[i], "name"));
			o->row = list->kids[i];
			o->impact = sum_of(o->row, opp_ratings, 4, 1, 5);
			o->score = -1;
		}
	}
	for (i = 0; i < r->nopps; i++)
		index_add(&r->oppidx, r->opps[i].id, &r->opps[i]);
	index_sort(&r->oppidx);
	if (p != NULL && (list = yget(p->fm, "priorities")) != NULL &&
	    list->kind == Y_SEQ) {
		for (i = 0; i < list->nkids; i++) {
			const struct ynode *ref;

			row = list->kids[i];
			ref = yget(row, "opportunity");
			if (ystr(ref) == NULL ||
			    (o = resolved_opportunity(r, ref->str)) == NULL)
				continue;	/* reported as a dangling ref */
			if (o->prow != NULL) {
				diag(SEV_ERROR, p->path, ref->line, ref->col,
				    "`priorities[%zu]`: opportunity `%s` is "
				    "already prioritised at line %d", i + 1,
				    o->id, yget(o->prow, "opportunity")->line);
				continue;
			}
			o->prow = row;
			o->score = sum_of(row, prio_criteria, 5, 1, 5);
			sv = yget(row, "score");
			if (o->score >= 0 && ystr(sv) != NULL &&
			    yint(sv, 5, 25, &written) && written != o->score)
				diag(SEV_ERROR, p->path, sv->line, sv->col,
				    "`priorities[%zu].score` is %d, but the "
				    "five criteria add up to %d", i + 1,
				    written, o->score);
		}
	}
	ranked = xcalloc(r->nopps, sizeof(*ranked));
	for (i = 0; i < r->nopps; i++)
		if (r->opps[i].score >= 0 && r->opps[i].impact >= 0)
			ranked[nranked++] = &r->opps[i];
	qsort(ranked, nranked, sizeof(*ranked), oppcmp);
	for (i = 0; i < nranked; i++) {
		ranked[i]->rank = (int)i + 1;
		/* Ranked order breaks ties of impact - score. */
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
	if ((n = first_note(c, "concept")) != NULL)
		r->concept = ystr(yget(n->fm, "opportunity"));
}

/* ---- per-segment tools, status, thresholds ---- */

static void
per_segment(struct resolved *r, struct toolstate *ts)
{
	struct index	 bysegment = { 0 };	/* segment: note */
	const struct note *first;
	size_t		 i;
	const char	*seg;

	for (i = 0; i < ts->nnotes; i++)
		if ((seg = ystr(yget(ts->notes[i]->fm, "segment"))) != NULL)
			index_add(&bysegment, seg, ts->notes[i]);
	index_sort(&bysegment);
	for (i = 0; i < ts->nnotes; i++) {
		const struct ynode *sv = yget(ts->notes[i]->fm, "segment");
		const struct segment *s;

		if ((seg = ystr(sv)) == NULL)
			continue;
		first = index_find(&bysegment, seg)->val;
		if (first != ts->notes[i])
			diag(SEV_ERROR, ts->notes[i]->path, sv->line,
			    sv->col, "a second %s for segment `%s`: "
			    "the first is %s", ts->def->key, seg,
			    first->path);
		if ((s = resolved_segment(r, seg)) != NULL && !s->targeted)
			diag(SEV_WARNING, ts->notes[i]->path, sv->line,
			    sv->col, "segment `%s` is not targeted", seg);
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
thresholds(struct company *c, struct resolved *r)
{
	static const char *const keys[] = { "t1", "t2", "t3" };
	const struct note	*n = first_note(c, "milestones");
	const struct ynode	*dec, *th, *t, *d, *prev = NULL;
	int			 y, m, dd, i;

	for (i = 0; i < 3; i++)
		r->thresholds[i].key = keys[i];
	if (n == NULL)
		return;
	dec = yget(n->fm, "decisions");
	r->decided[0] = ystr(yget(dec, "strategy_accepted"));
	r->decided[1] = ystr(yget(dec, "internationalisation_accepted"));
	th = yget(n->fm, "thresholds");
	for (i = 0; i < 3; i++) {
		t = yget(th, keys[i]);
		d = yget(t, "date");
		if (ystr(d) == NULL || !parse_date(d->str, &y, &m, &dd)) {
			prev = NULL;
			continue;
		}
		r->thresholds[i].date = d->str;
		r->thresholds[i].evidence = ystr(yget(t, "evidence"));
		if (i > 0 && r->thresholds[i - 1].date == NULL)
			diag(SEV_ERROR, n->path, d->line, d->col, "threshold "
			    "%s is reached, but %s is not: %s needs %s first",
			    keys[i], keys[i - 1], keys[i], keys[i - 1]);
		else if (prev != NULL && strcmp(d->str, prev->str) < 0)
			diag(SEV_ERROR, n->path, d->line, d->col, "threshold "
			    "%s (%s) is dated before %s (%s)", keys[i], d->str,
			    keys[i - 1], prev->str);
		if (i == 2) {
			const struct note *in = first_note(c, "international");
			const struct ynode *mk = in ? yget(in->fm, "markets") :
			    NULL;

			if (mk == NULL || mk->kind != Y_SEQ || mk->nkids == 0)
				diag(SEV_ERROR, n->path, d->line, d->col,
				    "threshold t3 (sold on a foreign market) "
				    "needs a market in the `international` "
				    "note");
		}
		prev = d;
	}
}

void
resolve_company(struct company *c, const struct templates *tp)
{
	struct resolved	*r = xcalloc(1, sizeof(*r));
	struct rctx	 x = { .c = c, .r = r, .tp = tp };
	size_t		 i, ph;
	const struct note *co = first_note(c, "company");
	const char	*lang = co ? ystr(yget(co->fm, "language")) : NULL;

	if (lang != NULL && (x.li = lang_index(tp, lang)) < 0)
		x.li = 0;

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
	collect_segments(c, r);
	prioritise(c, r);
	targets_index(&x);
	for (i = 0; i < c->nnotes; i++) {
		x.n = c->notes[i];
		if (x.n->ok && x.n->tool != NULL)
			refs_walk(&x, x.n->tool->fields, x.n->tool->nfields,
			    x.n->fm, "");
	}
	index_free(&x.personas);
	index_free(&x.stages);
	index_free(&x.markets);
	index_free(&x.items);
	index_free(&x.activities);
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
	thresholds(c, r);
	for (ph = 0; ph < 6; ph++) {
		r->phases[ph] = ST_COMPLETE;
		for (i = 0; i < r->ntools; i++) {
			const struct toolstate *ts = &r->tools[i];

			if (ts->def->phase != (int)ph || !ts->def->required)
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
	free(r->segs);
	index_free(&r->segidx);
	free(r->opps);
	index_free(&r->oppidx);
	free(r->ranked);
	free(r);
}
