/*
 * diff.c: what changed in a company's resolved model between two
 * versions: `simc diff`, and the "Changes since" page that `simc build
 * --since` adds to the dossier.  Both versions go through the same
 * passes (load, validate, resolve; an old one from git in memory, see
 * gitver.c); this file only compares their struct resolved and the
 * records that tools.yaml marks (a sub-field with the role state or
 * tracked: assumptions, activities, markets), and says each change as
 * a sentence in a label language (templates/lang, `chg_*`, the marked
 * field's `caption`).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "form.h"
#include "history.h"
#include "load.h"
#include "markdown.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

static const char *const kind_words[CH__N] = {
	"phase", "tool", "opportunity_added", "opportunity_removed",
	"opportunity_rescored", "recommended", "chosen", "threshold",
	"decision", "record_state", "record_added"
};

const char *
change_kind(const struct chg *c)
{
	if (c->word != NULL)
		return c->word;
	return c->kind < CH__N ? kind_words[c->kind] : "?";
}

struct company *
history_load(const char *dir, const char *rev, const struct templates *tp,
    char **hash, char **date, char *err, size_t errlen)
{
	struct company	*c;
	struct gitrev	 g;
	char		*shown;
	size_t		 dl = strlen(dir);

	if (hash != NULL)
		*hash = NULL;
	if (date != NULL)
		*date = NULL;
	if (rev == NULL)
		c = load_company(dir, tp);
	else {
		if (gitrev_read(dir, rev, &g, err, errlen) == -1)
			return NULL;
		while (dl > 1 && dir[dl - 1] == '/')
			dl--;
		shown = xasprintf("%s:%.*s", rev, (int)dl, dir);
		c = load_company_mem(dir, shown, g.f, g.n, tp);
		free(shown);
		if (hash != NULL) {
			*hash = g.hash;
			g.hash = NULL;
		}
		if (date != NULL) {
			*date = g.date;
			g.date = NULL;
		}
		gitrev_free(&g);
	}
	validate_company(c, tp);
	resolve_company(c, tp);
	return c;
}

/* ---- comparing ---- */

struct cctx {
	struct changes		*ch;
	const struct templates	*tp;
	int			 lang;
};

static const char *
ui(const struct cctx *x, const char *key)
{
	return ui_text(x->tp, x->lang, key);
}

/* A value or the word for none. */
static const char *
orno(const struct cctx *x, const char *s)
{
	return s != NULL ? s : ui(x, "none");
}

static struct chg *
add(struct cctx *x, enum chkind k, const char *what, const char *before,
    const char *after, char *text)
{
	struct chg	*c;

	xgrow(&x->ch->v, &x->ch->cap, x->ch->n + 1, sizeof(*x->ch->v));
	c = &x->ch->v[x->ch->n++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	c->what = xstrdup(what);
	c->before = before ? xstrdup(before) : NULL;
	c->after = after ? xstrdup(after) : NULL;
	c->text = text;
	return c;
}

static int
differ(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* An opportunity as O3 “name” (its name as plain text, quoted as the
 * language quotes).  Caller frees. */
static char *
opp_words(const struct cctx *x, const struct resolved *r, const char *id)
{
	const struct opportunity *op;
	char	*name, *q, *s;

	if (id == NULL)
		return NULL;
	if ((op = resolved_opportunity(r, id)) == NULL || op->name == NULL)
		return xstrdup(id);
	name = md_plain(op->name);
	q = xasprintf(ui(x, "chg_quoted"), name);
	s = xasprintf("%s %s", id, q);
	free(q);
	free(name);
	return s;
}

static void
statuses(struct cctx *x, const struct resolved *a, const struct resolved *b)
{
	size_t	 i;
	int	 ph;
	char	 key[8], *ph_label, *name;

	for (ph = 0; ph <= 5; ph++) {
		if (a->phases[ph] == b->phases[ph])
			continue;
		snprintf(key, sizeof(key), "phase%d", ph);
		ph_label = xasprintf(ui(x, "phase"), ph);
		name = xasprintf("%s: %s", ph_label, ui(x, key));
		add(x, CH_PHASE, key + 5, status_name(a->phases[ph]),
		    status_name(b->phases[ph]), xasprintf(ui(x, "chg_status"),
		    name, ui(x, status_name(b->phases[ph])),
		    ui(x, status_name(a->phases[ph]))));
		free(ph_label);
		free(name);
	}
	for (i = 0; i < a->ntools && i < b->ntools; i++) {
		const struct toolstate *ta = &a->tools[i], *tb = &b->tools[i];

		if (ta->status == tb->status)
			continue;
		name = xasprintf("%s%s%s", tb->def->number ? tb->def->number :
		    "", tb->def->number ? " " : "", tool_label(tb->def,
		    x->lang));
		add(x, CH_TOOL, tb->def->key, status_name(ta->status),
		    status_name(tb->status), xasprintf(ui(x, "chg_status"),
		    name, ui(x, status_name(tb->status)),
		    ui(x, status_name(ta->status))));
		free(name);
	}
}

static char *
num(int v)
{
	return v >= 0 ? xasprintf("%d", v) : xstrdup("–");
}

/* "label a → b" into parts when a and b differ. */
static void
part(struct buf *parts, const char *label, int a, int b)
{
	char	*sa, *sb;

	if (a == b)
		return;
	sa = num(a);
	sb = num(b);
	buf_printf(parts, "%s%s %s → %s", parts->len ? ", " : "", label, sa,
	    sb);
	free(sa);
	free(sb);
}

/* The field among fs (and their sub-fields) written as sum k's total. */
static const struct fielddef *
total_field(const struct fielddef *fs, size_t n, int k)
{
	const struct fielddef	*f;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (fs[i].total == k)
			return &fs[i];
		if ((f = total_field(fs[i].fields, fs[i].nfields, k)) != NULL)
			return f;
	}
	return NULL;
}

/* Sum k in words: the label of the field that writes its total (the
 * score), else the sum's own interface text. */
static const char *
sum_label(const struct cctx *x, int k)
{
	const struct fielddef	*f;
	size_t			 i;

	for (i = 0; i < x->tp->ntools; i++)
		if ((f = total_field(x->tp->tools[i].fields,
		    x->tp->tools[i].nfields, k)) != NULL)
			return field_label(f, x->lang);
	return ui(x, x->tp->sums[k].label);
}

/* The tool whose note holds the ranked entry id, or NULL. */
static const struct tooldef *
ranked_tool(const struct cctx *x, const struct resolved *r, const char *id)
{
	const struct tentry *e = x->tp->ranking.ranks ?
	    resolved_entry(r, x->tp->ranking.ranks, id) : NULL;

	return e && e->note ? e->note->tool : NULL;
}

/* "impact=17 score=12 rank=2": the ranking's sums by their keys. */
static void
scores(const struct cctx *x, struct buf *b, const struct opportunity *o)
{
	const struct rankdef *rk = &x->tp->ranking;

	if (rk->plus >= 0)
		buf_printf(b, "%s=%d ", x->tp->sums[rk->plus].key, o->impact);
	if (rk->minus >= 0)
		buf_printf(b, "%s=%d ", x->tp->sums[rk->minus].key, o->score);
	buf_printf(b, "rank=%d", o->rank);
}

/* The entries of the ranked target (tools.yaml `ranking`) added,
 * removed, or with other sums or rank. */
static void
opportunities(struct cctx *x, const struct resolved *a,
    const struct resolved *b)
{
	const struct rankdef *rk = &x->tp->ranking;
	struct buf	 parts = { 0 }, before = { 0 }, after = { 0 };
	size_t		 i;
	char		*w;

	for (i = 0; i < b->nopps; i++) {
		const struct opportunity *ob = &b->opps[i], *oa;

		if (resolved_opportunity(b, ob->id) != ob)
			continue;	/* a duplicate id: validate said so */
		w = opp_words(x, b, ob->id);
		if ((oa = resolved_opportunity(a, ob->id)) == NULL) {
			add(x, CH_OPP_ADDED, ob->id, NULL, NULL,
			    xasprintf(ui(x, "chg_opp_added"), w))->tool =
			    ranked_tool(x, b, ob->id);
			free(w);
			continue;
		}
		if (rk->plus >= 0)
			part(&parts, sum_label(x, rk->plus), oa->impact,
			    ob->impact);
		if (rk->minus >= 0)
			part(&parts, sum_label(x, rk->minus), oa->score,
			    ob->score);
		part(&parts, ui(x, "rank"), oa->rank, ob->rank);
		if (parts.len > 0) {
			scores(x, &before, oa);
			scores(x, &after, ob);
			add(x, CH_OPP_RESCORED, ob->id, before.data,
			    after.data, xasprintf(ui(x, "chg_opp_rescored"),
			    w, parts.data));
		}
		buf_free(&parts);
		buf_free(&before);
		buf_free(&after);
		free(w);
	}
	for (i = 0; i < a->nopps; i++) {
		const struct opportunity *oa = &a->opps[i];

		if (resolved_opportunity(a, oa->id) != oa ||
		    resolved_opportunity(b, oa->id) != NULL)
			continue;
		w = opp_words(x, a, oa->id);
		add(x, CH_OPP_REMOVED, oa->id, NULL, NULL,
		    xasprintf(ui(x, "chg_opp_removed"), w))->tool =
		    ranked_tool(x, a, oa->id);
		free(w);
	}
}

static void
choices(struct cctx *x, const struct resolved *a, const struct resolved *b)
{
	const char	*chosen = x->tp->ranking.chosen_tool;
	struct chg	*c;
	char		*wa, *wb;

	if (differ(a->recommended, b->recommended)) {
		wa = opp_words(x, a, a->recommended);
		wb = opp_words(x, b, b->recommended);
		add(x, CH_RECOMMENDED, "recommended", a->recommended,
		    b->recommended, xasprintf(ui(x, "chg_recommended"),
		    orno(x, wb), orno(x, wa)));
		free(wa);
		free(wb);
	}
	if (differ(a->concept, b->concept)) {
		wa = opp_words(x, a, a->concept);
		wb = opp_words(x, b, b->concept);
		/* Its kind is the choosing tool's key. */
		c = add(x, CH_CHOSEN, chosen ? chosen : "chosen", a->concept,
		    b->concept, xasprintf(ui(x, "chg_concept"), orno(x, wb),
		    orno(x, wa)));
		c->word = chosen;
		c->tool = chosen ? tool_find(x->tp, chosen) : NULL;
		free(wa);
		free(wb);
	}
}

/* A date reached, moved or withdrawn, said of label. */
static void
dated(struct cctx *x, enum chkind k, const char *what, const char *label,
    const char *da, const char *db)
{
	if (!differ(da, db))
		return;
	if (da == NULL)
		add(x, k, what, NULL, db, xasprintf(ui(x, k == CH_THRESHOLD ?
		    "chg_threshold" : "chg_decision"), label, db));
	else if (db == NULL)
		add(x, k, what, da, NULL, xasprintf(ui(x, "chg_withdrawn"),
		    label, da));
	else
		add(x, k, what, da, db, xasprintf(ui(x, "chg_moved"), label,
		    da, db));
}

static void
milestones(struct cctx *x, const struct resolved *a,
    const struct resolved *b)
{
	size_t	 k;

	/* Both models follow the same templates: their lists align. */
	for (k = 0; k < b->ndecided && k < a->ndecided; k++)
		dated(x, CH_DECISION, b->decided[k].key,
		    field_label(b->decided[k].def, x->lang),
		    a->decided[k].date, b->decided[k].date);
	for (k = 0; k < b->nthresholds && k < a->nthresholds; k++)
		dated(x, CH_THRESHOLD, b->thresholds[k].key,
		    field_label(b->thresholds[k].def, x->lang),
		    a->thresholds[k].date, b->thresholds[k].date);
}

/*
 * The records tools.yaml marks for `simc diff`: those of a records
 * field (or, one level deep, of its records' records) with a sub-field
 * of the role state (its changes are said) or tracked (a record of a new
 * value is said).  Each is keyed by the note's heading (a foreign
 * market's strategy has ids of its own), "/", and its key: the tracked
 * field's value, else its id.
 */
struct mark {
	const struct tooldef	*tool;
	const struct fielddef	*path[2];	/* the records fields */
	size_t			 depth;
	const struct fielddef	*field;		/* state or tracked */
	const struct fielddef	*key;		/* the id, or field */
	const struct fielddef	*text;		/* quoted, or NULL */
};

/* The first text sub-field of f other than skip, required first. */
static const struct fielddef *
text_field(const struct fielddef *f, const struct fielddef *skip)
{
	size_t	 i;
	int	 pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < f->nfields; i++)
			if (&f->fields[i] != skip && (f->fields[i].required ||
			    pass == 1) && (f->fields[i].kind == K_INLINE ||
			    f->fields[i].kind == K_BLOCK))
				return &f->fields[i];
	return NULL;
}

static void
record_keys(struct index *idx, const struct company *c, const struct mark *m)
{
	const struct fielddef	*hf = role_field(m->tool, "heading");
	const struct ynode	*list, *inner;
	const char		*id, *head;
	size_t			 i, j, k;

	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		if (!n->ok || n->tool != m->tool || (list = yget(n->fm,
		    m->path[0]->key)) == NULL || list->kind != Y_SEQ)
			continue;
		head = hf ? ystr(yget(n->fm, hf->key)) : NULL;
		for (j = 0; j < list->nkids; j++) {
			inner = m->depth == 1 ? list : yget(list->kids[j],
			    m->path[1]->key);
			for (k = 0; inner && inner->kind == Y_SEQ &&
			    k < inner->nkids; k++) {
				const struct ynode *r = inner->kids[k];

				if ((id = ystr(yget(r, m->key->key))))
					index_add_own(idx, xasprintf("%s/%s",
					    head ? head : "", id), (void *)r);
			}
			if (m->depth == 1)
				break;
		}
	}
	index_sort(idx);
}

static const struct ynode *
rec(const struct index *idx, const char *key)
{
	const struct ientry *e = index_find(idx, key);

	return e ? e->val : NULL;
}

/* The plain text of a record's sub-field, or "". */
static char *
plain(const struct ynode *r, const struct fielddef *f)
{
	const char	*s = r && f ? ystr(yget(r, f->key)) : NULL;

	return s ? md_plain(s) : xstrdup("");
}

/* A record's key as said: "id", or "heading/id" in a headed note. */
static const char *
said(const char *key)
{
	return key[0] == '/' ? key + 1 : key;
}

/* The word of a marked change's kind: its caption after "chg_". */
static const char *
mark_word(const struct mark *m)
{
	const char	*s = m->field->caption;

	if (s == NULL)
		return NULL;
	return strncmp(s, "chg_", 4) == 0 ? s + 4 : s;
}

static void
compare_mark(struct cctx *x, const struct company *a,
    const struct company *b, const struct mark *m)
{
	struct index	 ia = { 0 }, ib = { 0 };
	const struct ynode *ra, *rb;
	const char	*sa, *sb, *dflt, *what;
	const char	*fmt = m->field->caption ? ui(x, m->field->caption) :
			    NULL;
	int		 state = has_role(m->field, "state");
	struct chg	*c;
	char		*text;
	size_t		 i;

	record_keys(&ia, a, m);
	record_keys(&ib, b, m);
	dflt = m->field->nvalues > 0 ? m->field->values[0] : NULL;
	for (i = 0; fmt != NULL && i < ib.n; i++) {
		if (i > 0 && strcmp(ib.v[i].key, ib.v[i - 1].key) == 0)
			continue;
		rb = ib.v[i].val;
		ra = rec(&ia, ib.v[i].key);
		what = said(ib.v[i].key);
		text = plain(rb, m->text);
		if (state) {
			/* A new record counts as one in the first value
			 * (open): a new one already tested is said. */
			if ((sb = ystr(yget(rb, m->field->key))) == NULL)
				sb = dflt;
			sa = ra ? ystr(yget(ra, m->field->key)) : NULL;
			if (sa == NULL)
				sa = dflt;
			if (!differ(sa, sb)) {
				free(text);
				continue;
			}
			c = add(x, CH_STATE, what, sa, sb, xasprintf(fmt,
			    what, value_text(x->tp, x->lang, orno(x, sb)),
			    value_text(x->tp, x->lang, orno(x, sa)), text));
		} else if (ra == NULL)
			c = add(x, CH_ADDED, what, NULL, NULL,
			    xasprintf(fmt, what, text));
		else
			c = NULL;
		if (c != NULL) {
			c->word = mark_word(m);
			c->tool = m->tool;
		}
		free(text);
	}
	index_free(&ia);
	index_free(&ib);
}

/* The marks of records field f (at depth d of path), said. */
static void
marks_in(struct cctx *x, const struct company *a, const struct company *b,
    struct mark *m, const struct fielddef *f, size_t d)
{
	const struct fielddef	*id = NULL;
	size_t			 i;

	m->path[d] = f;
	m->depth = d + 1;
	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].kind == K_ID)
			id = &f->fields[i];
	for (i = 0; i < f->nfields; i++) {
		const struct fielddef *g = &f->fields[i];

		if (g->kind == K_RECORDS && d == 0) {
			marks_in(x, a, b, m, g, 1);
			m->path[d] = f;
			m->depth = d + 1;
			continue;
		}
		if (has_role(g, "tracked"))
			m->key = g;
		else if (has_role(g, "state") && id != NULL)
			m->key = id;
		else
			continue;
		m->field = g;
		m->text = text_field(f, m->key);
		compare_mark(x, a, b, m);
	}
}

static void
lists(struct cctx *x, const struct company *a, const struct company *b)
{
	struct mark	 m;
	size_t		 t, i;

	for (t = 0; t < x->tp->ntools; t++) {
		const struct tooldef *td = &x->tp->tools[t];

		for (i = 0; i < td->nfields; i++) {
			if (td->fields[i].kind != K_RECORDS)
				continue;
			memset(&m, 0, sizeof(m));
			m.tool = td;
			marks_in(x, a, b, &m, &td->fields[i], 0);
		}
	}
}

void
changes_compute(struct changes *ch, const struct company *a,
    const struct company *b, const struct templates *tp, int lang)
{
	struct cctx	 x = { ch, tp, lang };

	memset(ch, 0, sizeof(*ch));
	if (a->res == NULL || b->res == NULL)
		return;
	statuses(&x, a->res, b->res);
	opportunities(&x, a->res, b->res);
	choices(&x, a->res, b->res);
	milestones(&x, a->res, b->res);
	lists(&x, a, b);
}

void
changes_free(struct changes *ch)
{
	size_t	 i;

	for (i = 0; i < ch->n; i++) {
		free(ch->v[i].what);
		free(ch->v[i].before);
		free(ch->v[i].after);
		free(ch->v[i].text);
	}
	free(ch->v);
	memset(ch, 0, sizeof(*ch));
}

/* ---- the backends ---- */

/* s on a terminal: control characters (a hostile id) as \xNN. */
static void
tputs(FILE *f, const char *s)
{
	char	*p = printable(s);

	fputs(p, f);
	free(p);
}

/* A side as words: "HEAD~1 (1a2b3c4, 2025-01-31)" or "the work tree". */
static void
side_words(FILE *f, const struct side *s)
{
	if (s->rev == NULL) {
		fputs("the work tree", f);
		return;
	}
	tputs(f, s->rev);
	if (s->hash != NULL)
		fprintf(f, " (%s, %s)", s->hash, s->date ? s->date : "?");
}

void
changes_print(FILE *f, const struct changes *ch, const struct side *a,
    const struct side *b, const char *dir)
{
	size_t	 i;

	tputs(f, dir);
	fputs(": ", f);
	side_words(f, a);
	fputs(" -> ", f);
	side_words(f, b);
	fputc('\n', f);
	if (ch->n == 0)
		fputs("  no change in the resolved model\n", f);
	for (i = 0; i < ch->n; i++) {
		fputs("  - ", f);
		tputs(f, ch->v[i].text);
		fputc('\n', f);
	}
}

static void
jstr(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *u; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(f, "\\%c", *u);
		else if (*u == '\n')
			fputs("\\n", f);
		else if (*u < 0x20 || *u == 0x7f)
			fprintf(f, "\\u%04x", *u);
		else
			fputc(*u, f);
	}
	fputc('"', f);
}

static void
jside(FILE *f, const struct side *s)
{
	fputs("{\"rev\": ", f);
	jstr(f, s->rev);
	fputs(", \"commit\": ", f);
	jstr(f, s->hash);
	fputs(", \"date\": ", f);
	jstr(f, s->date);
	fputc('}', f);
}

void
changes_json(FILE *f, const struct changes *ch, const struct side *a,
    const struct side *b, const char *dir)
{
	size_t	 i;

	fputs("{\"company\": ", f);
	jstr(f, dir);
	fputs(", \"from\": ", f);
	jside(f, a);
	fputs(", \"to\": ", f);
	jside(f, b);
	fputs(", \"changes\": [", f);
	for (i = 0; i < ch->n; i++) {
		const struct chg *c = &ch->v[i];

		fputs(i ? ",\n  {" : "\n  {", f);
		fputs("\"kind\": ", f);
		jstr(f, change_kind(c));
		fputs(", \"what\": ", f);
		jstr(f, c->what);
		fputs(", \"before\": ", f);
		jstr(f, c->before);
		fputs(", \"after\": ", f);
		jstr(f, c->after);
		fputs(", \"text\": ", f);
		jstr(f, c->text);
		fputc('}', f);
	}
	fputs(ch->n ? "\n]}\n" : "]}\n", f);
}

/* The area of the dossier a change belongs to, for the page's table:
 * the tool it is about, else a part of the workflow page. */
static const char *
area(const struct doc *d, const struct chg *c)
{
	if (c->tool != NULL)
		return tool_label(c->tool, d->lang);
	switch (c->kind) {
	case CH_PHASE:
	case CH_TOOL:
		return doc_ui(d, "workflow");
	case CH_THRESHOLD:
		return doc_ui(d, "thresholds");
	case CH_DECISION:
		return doc_ui(d, "decisions");
	default:
		return doc_ui(d, "prioritisation");
	}
}

int
since_page(struct doc *d, const struct company *c, const struct templates *tp,
    const char *rev)
{
	struct company	*old;
	struct changes	 ch;
	char		*hash, *date, err[256], *title, **what, **text;
	size_t		 i;

	if ((old = history_load(c->dir, rev, tp, &hash, &date, err,
	    sizeof(err))) == NULL) {
		diag(SEV_ERROR, c->dir, 1, 1, "--since %s: %s", rev, err);
		return -1;
	}
	changes_compute(&ch, old, c, tp, d->lang);
	title = xasprintf(doc_ui(d, "changes_since"), rev, date ? date : "–");
	what = xcalloc(ch.n + 1, sizeof(*what));
	text = xcalloc(ch.n + 1, sizeof(*text));
	for (i = 0; i < ch.n; i++) {
		what[i] = xstrdup(area(d, &ch.v[i]));
		text[i] = ch.v[i].text;
		ch.v[i].text = NULL;
	}
	form_changes(d, title, what, text, ch.n);
	free(what);
	free(text);
	free(hash);
	free(date);
	changes_free(&ch);
	company_free(old);
	return 0;
}

/* ---- `simc diff [REV[..REV]] DIR [--json]` ---- */

int
diff_command(int argc, char **argv, const struct templates *tp)
{
	struct company	*ca = NULL, *cb = NULL;
	struct changes	 ch;
	struct side	 a = { NULL, NULL, NULL }, b = { NULL, NULL, NULL };
	const char	*dir = NULL, *spec = NULL, *dots;
	char		*ra = NULL, *rb = NULL, err[256];
	int		 k, json = 0, npos = 0, rc;

	for (k = 0; k < argc; k++) {
		if (strcmp(argv[k], "--json") == 0)
			json = 1;
		else if (argv[k][0] == '-' && argv[k][1] != '\0') {
			fprintf(stderr, "simc: diff: unknown option (simc diff "
			    "--help)\n");
			return 2;
		} else if (npos++ == 0)
			dir = argv[k];
		else {
			spec = dir;
			dir = argv[k];
		}
	}
	if (dir == NULL || npos > 2) {
		fputs("simc: diff needs one company folder, after at most one "
		    "REV or REV..REV (simc diff --help)\n", stderr);
		return 2;
	}
	/* REV: it against the work tree; A..B; empty sides are HEAD, as in
	 * git; nothing: HEAD against the work tree. */
	if (spec == NULL)
		ra = xstrdup("HEAD");
	else if ((dots = strstr(spec, "..")) != NULL) {
		ra = dots == spec ? xstrdup("HEAD") :
		    xstrndup(spec, (size_t)(dots - spec));
		rb = dots[2] == '\0' ? xstrdup("HEAD") : xstrdup(dots + 2);
	} else
		ra = xstrdup(spec);
	a.rev = ra;
	b.rev = rb;
	if ((ca = history_load(dir, ra, tp, &a.hash, &a.date, err,
	    sizeof(err))) == NULL ||
	    (cb = history_load(dir, rb, tp, &b.hash, &b.date, err,
	    sizeof(err))) == NULL) {
		char *p = printable(err);

		fprintf(stderr, "simc: diff: %s\n", p);
		free(p);
		diag_flush(stderr, 0);
		rc = 2;
		goto out;
	}
	changes_compute(&ch, ca, cb, tp, 0);
	if (json)
		changes_json(stdout, &ch, &a, &b, dir);
	else
		changes_print(stdout, &ch, &a, &b, dir);
	changes_free(&ch);
	rc = diag_flush(stderr, 0) ? 1 : 0;
out:
	company_free(ca);
	company_free(cb);
	free(a.hash);
	free(a.date);
	free(b.hash);
	free(b.date);
	free(ra);
	free(rb);
	return rc;
}
