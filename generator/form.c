/*
 * form.c: the form pass.  Walks the tools in workflow order and turns
 * each note into blocks, driven by its tool's layout in templates/: the
 * `rows` of boxes of a form, card or canvas; records as tables (or as a
 * grid when `transpose` is set, one table per value when `group_by` is
 * set, with computed columns from `extra`); groups as boxes or, when
 * they hold groups, as a table.  Runs after resolve; reads the model
 * only.  Blank forms (no company) come from the same code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "figure.h"
#include "form.h"
#include "imgcache.h"
#include "markdown.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

#define BLANK_ROWS	6	/* empty table rows on a blank form */

const char *
doc_ui(const struct doc *d, const char *key)
{
	return ui_text(d->tp, d->lang, key);
}

/*
 * A date (YYYY-MM-DD) in the usual form of the doc's language; anything
 * else as it is.  Caller frees.
 */
char *
doc_date(const struct doc *d, const char *ymd)
{
	static const struct {
		const char	*lang, *fmt;	/* day, month, year */
	} forms[] = {
		{ "it", "%02d/%02d/%04d" },
		{ "de", "%d.%d.%04d" }, { "pl", "%d.%02d.%04d" },
		{ "cs", "%d. %d. %04d" }, { "sl", "%d. %d. %04d" },
		{ "hr", "%d. %d. %04d." },
	};
	const char	*code = d->tp->langs[d->lang].code;
	int		 y, m, dd, n = 0;
	size_t		 i;

	if (ymd == NULL || sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &dd, &n) != 3 ||
	    ymd[n] != '\0')
		return xstrdup(ymd ? ymd : "");
	static const char *const months[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };

	if (strcmp(code, "hu") == 0)
		return xasprintf("%04d. %02d. %02d.", y, m, dd);
	if (strcmp(code, "en") == 0 && m >= 1 && m <= 12)
		return xasprintf("%d %s %04d", dd, months[m - 1], y);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(forms[i].lang, code) == 0)
			return xasprintf(forms[i].fmt, dd, m, y);
	return xstrdup(ymd);
}

static struct block *
add(struct doc *d, enum bkind kind)
{
	struct block	*b;

	xgrow(&d->b, &d->cap, d->n + 1, sizeof(*d->b));
	b = &d->b[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static void
section(struct doc *d, int level, char *title, const char *subtitle,
    char *anchor, int landscape)
{
	struct block	*b = add(d, B_SECTION);

	b->level = level;
	b->title = title;
	b->subtitle = subtitle ? xstrdup(subtitle) : NULL;
	b->anchor = anchor;
	b->landscape = landscape;
}

static int
is_text(enum fkind k)
{
	return k == K_INLINE || k == K_BLOCK || k == K_LIST;
}

/*
 * The anchor namespace the entry that s names of target links into: its
 * records' (the first target they provide), or NULL.
 */
static const char *
link_target(const struct doc *d, const char *target, const char *s)
{
	const struct tentry	*e = d->c ? resolved_entry(d->c->res, target,
				    s) : NULL;

	return e ? e->anchor : NULL;
}

/* The value of the current note's field with the role title, or NULL. */
static const char *
note_title_text(const struct note *n)
{
	size_t	 i;

	for (i = 0; n != NULL && i < n->tool->nfields; i++)
		if (has_role(&n->tool->fields[i], "title"))
			return ystr(yget(n->fm, n->tool->fields[i].key));
	return NULL;
}

/*
 * The absolute path of an image named in note n (validated before), the
 * one validate_company() resolved: its decoded image is found by it.
 */
static char *
image_path(const struct company *c, const struct note *n, const char *rel)
{
	const char	*slash = strrchr(n->rel, '/');

	if (slash == NULL)
		return xasprintf("%s/%s", c->real, rel);
	return xasprintf("%s/%.*s/%s", c->real, (int)(slash - n->rel), n->rel,
	    rel);
}

/* e when its pixels can be drawn, else NULL. */
static const struct cimage *
usable(const struct cimage *e)
{
	return e != NULL && e->state == CI_OK ? e : NULL;
}

/* The first letter of s (one UTF-8 character) into b. */
static void
first_letter(struct buf *b, const char *s)
{
	size_t	 n = 1;

	while ((s[n] & 0xc0) == 0x80)
		n++;
	buf_put(b, s, n);
}

/* The initials of a name's first and last word, for a card. */
static char *
initials(const char *name)
{
	struct buf	 b = { 0 };
	const char	*p = name, *last = NULL;

	p += strspn(p, " ");
	if (*p == '\0')
		return xstrdup("?");
	first_letter(&b, p);
	for (; *p; p++)
		if (*p == ' ' && p[1] != ' ' && p[1] != '\0')
			last = p + 1;
	if (last != NULL)
		first_letter(&b, last);
	return buf_take(&b);
}

/*
 * On a blank form, the answers to tick: 1..5 for a rating, the words of
 * an enum, yes or no.  Nothing for free text.
 */
static struct bval
choices(const struct doc *d, const struct fielddef *f)
{
	struct bval	 out = { .type = V_NONE };
	struct buf	 b = { 0 };
	long		 i;
	size_t		 k;

	/* No-break spaces keep a scale, or a box and its word, together. */
	if (f->kind == K_INT && f->has_min && f->has_max &&
	    f->max - f->min <= 6)
		for (i = f->min; i <= f->max; i++)
			buf_printf(&b, "%s%s%ld", b.len ?
			    "\xc2\xa0\xc2\xa0" : "", f->min < 0 && i > 0 ? "+" :
			    "", i);
	else if (f->kind == K_ENUM)
		for (k = 0; k < f->nvalues; k++)
			buf_printf(&b, "%s\xe2\x96\xa1\xc2\xa0%s", b.len ? "  " :
			    "", value_text(d->tp, d->lang, f->values[k]));
	else if (f->kind == K_BOOL)
		buf_printf(&b, "\xe2\x96\xa1\xc2\xa0%s  \xe2\x96\xa1\xc2\xa0%s",
		    doc_ui(d, "word_yes"), doc_ui(d, "word_no"));
	if (b.len) {
		out.type = V_TEXT;
		out.text = buf_take(&b);
	}
	return out;
}

static struct bval	md_value(const struct ynode *, int);

/* The printed form of value v of field f. */
static struct bval
value(const struct doc *d, const struct fielddef *f, const struct ynode *v)
{
	struct bval		 out = { .type = V_NONE };
	const struct resolved	*r = d->c ? d->c->res : NULL;
	const struct tentry	*e;
	struct buf		 b = { 0 };
	size_t			 i;
	int			 yes;

	/* A picture left empty: the initials of its note's title. */
	if (f->kind == K_IMAGE && yempty(v) && has_role(f, "picture") &&
	    note_title_text(d->cur) != NULL) {
		out.type = V_TEXT;
		out.text = initials(note_title_text(d->cur));
		out.initials = 1;
		return out;
	}
	if (d->c == NULL)
		return choices(d, f);
	if (v == NULL || yempty(v))
		return out;
	out.line = v->line;
	if (is_text(f->kind) || v->kind != Y_SCALAR) {
		if (f->kind == K_REFS && v->kind == Y_SEQ) {
			out.ids = xcalloc(v->nkids + 1, sizeof(char *));
			for (i = 0; i < v->nkids; i++)
				if (v->kids[i]->kind == Y_SCALAR) {
					buf_printf(&b, "%s%s", b.len ? ", " :
					    "", v->kids[i]->str);
					out.ids[out.nids++] =
					    xstrdup(v->kids[i]->str);
					if (out.target == NULL)
						out.target = link_target(d,
						    f->refers, v->kids[i]->str);
				}
			out.type = V_TEXT;
			out.idslen = b.len;
			out.text = buf_take(&b);
			return out;
		}
		if (v->kind == Y_MAP)
			return out;	/* an error was reported */
		out = md_value(v, f->kind != K_INLINE);
		out.line = v->line;
		return out;
	}
	out.type = V_TEXT;
	switch (f->kind) {
	case K_ENUM:
		out.text = xstrdup(value_text(d->tp, d->lang, v->str));
		break;
	case K_DATE:
		out.text = doc_date(d, v->str);
		break;
	case K_BOOL:
		out.text = xstrdup(doc_ui(d, parse_bool(v->str, &yes) && yes ?
		    "word_yes" : "word_no"));
		break;
	case K_IMAGE:
		out.type = V_IMAGE;
		out.text = image_path(d->c, d->cur, v->str);
		out.img = usable(imgcache_find(d->c->images, out.text));
		break;
	case K_REF:
		/* An id and its entry's title: "O1: Remote monitoring". */
		out.target = link_target(d, f->refers, v->str);
		out.ids = xcalloc(2, sizeof(char *));
		out.ids[out.nids++] = xstrdup(v->str);
		buf_puts(&b, v->str);
		out.idslen = b.len;
		if ((e = resolved_entry(r, f->refers, v->str)) != NULL &&
		    e->label != NULL)
			buf_printf(&b, ": %s", e->label);
		out.text = buf_take(&b);
		break;
	default:
		out.text = xstrdup(v->str);
		break;
	}
	return out;
}

/* Markdown from a note: one text, or the texts of a list. */
static struct bval
md_value(const struct ynode *v, int block)
{
	struct bval	 out = { .type = V_MD, .block = block };
	size_t		 i;

	if (v->kind == Y_SCALAR) {
		out.md = xcalloc(1, sizeof(*out.md));
		out.md[out.nmd++] = v->str;
		return out;
	}
	out.list = 1;
	out.md = xcalloc(v->nkids + 1, sizeof(*out.md));
	for (i = 0; i < v->nkids; i++)
		if (v->kids[i]->kind == Y_SCALAR)
			out.md[out.nmd++] = v->kids[i]->str;
	return out;
}

static struct bval
text(char *s)
{
	struct bval	 v = { .type = V_TEXT, .text = s };

	return v;
}

/* Writing space on a blank form, from the field's kind. */
static int
lines_for(const struct fielddef *f)
{
	switch (f->kind) {
	case K_BLOCK:
	case K_LIST:
		return 5;
	case K_IMAGE:
		return 7;
	case K_INLINE:
		return 2;
	default:
		return 1;
	}
}

/* The variant (persona template A or B) a blank form lays out, or NULL. */
static const char	*blank_variant;

static int
applies(const struct fielddef *f, const struct ynode *map)
{
	const char	*w;

	if (f->when_key == NULL)
		return 1;
	if (map == NULL)	/* a blank form: the variant being laid out */
		return blank_variant == NULL ||
		    strcmp(f->when_value, blank_variant) == 0;
	w = ystr(yget(map, f->when_key));
	return w != NULL && strcmp(w, f->when_value) == 0;
}

static void
box_row(struct doc *d, struct block *b, const struct fielddef *const *fs,
    size_t n, const struct ynode *map)
{
	struct brow	*row;
	size_t		 i;

	b->rows = xrealloc(b->rows, (b->nrows + 1) * sizeof(*b->rows));
	row = &b->rows[b->nrows];
	row->boxes = xcalloc(n, sizeof(*row->boxes));
	row->n = 0;
	for (i = 0; i < n; i++) {
		struct bbox *x = &row->boxes[row->n++];

		x->label = field_label(fs[i], d->lang);
		x->question = field_question(fs[i], d->lang);
		x->v = value(d, fs[i], yget(map, fs[i]->key));
		x->lines = lines_for(fs[i]);
	}
	if (row->n == 0)
		free(row->boxes);
	else
		b->nrows++;
}

static struct block *
table(struct doc *d, char *title, size_t ncols, size_t nbody)
{
	struct block	*b = add(d, B_TABLE);

	b->title = title;
	b->cols = xcalloc(ncols, sizeof(*b->cols));
	b->ncols = ncols;
	b->cells = xcalloc(ncols * (nbody ? nbody : 1), sizeof(*b->cells));
	b->flags = xcalloc(nbody ? nbody : 1, sizeof(*b->flags));
	b->nbody = nbody;
	return b;
}

static void
col(const struct doc *d, struct bcol *c, const struct fielddef *f)
{
	c->label = field_label(f, d->lang);
	c->question = field_question(f, d->lang);
	c->group = f->group ? doc_ui(d, f->group) : NULL;
	c->numeric = f->kind == K_INT || f->kind == K_BOOL ||
	    f->kind == K_DATE || f->kind == K_ID;
	c->weight = f->kind == K_BLOCK || f->kind == K_LIST ? 3 :
	    f->kind == K_INLINE ? 2 : 1;
	c->after = f->after;
}

static const struct opportunity *
opp_of(const struct doc *d, const char *id)
{
	if (d->c == NULL || id == NULL)
		return NULL;
	return resolved_opportunity(d->c->res, id);
}

static char *
num(int v)
{
	return v >= 0 ? xasprintf("%d", v) : xstrdup("–");
}

/*
 * The first table row with an anchor is the one linked to: every later
 * row of the same anchor loses it.  One pass over the finished doc, in
 * order, through an index (the first added of equal keys sorts first).
 */
static void
unique_anchors(struct doc *d)
{
	struct index	 ix = { 0 };
	size_t		 i, j, first = 0;
	char		**a;

	for (i = 0; i < d->n; i++)
		for (j = 0; d->b[i].anchors && j < d->b[i].nbody; j++)
			if (d->b[i].anchors[j] != NULL)
				index_add(&ix, d->b[i].anchors[j],
				    &d->b[i].anchors[j]);
	index_sort(&ix);
	for (i = 1; i < ix.n; i++) {
		if (strcmp(ix.v[i].key, ix.v[first].key) != 0) {
			first = i;
			continue;
		}
		a = ix.v[i].val;	/* the entry's key: not read again */
		free(*a);
		*a = NULL;
	}
	index_free(&ix);
}

/* True if sub-field f is a column of its records table. */
static int
shown(const struct fielddef *f, const char *skip)
{
	return f->kind != K_RECORDS && !f->hidden &&
	    !(skip && strcmp(f->key, skip) == 0);
}

/* The value of record row's id sub-field (of records f), or NULL. */
static const char *
record_id(const struct fielddef *f, const struct ynode *row)
{
	size_t	 i;

	for (i = 0; i < f->nfields; i++)
		if (f->fields[i].kind == K_ID)
			return ystr(yget(row, f->fields[i].key));
	return NULL;
}

/* Columns of a records table: scalar sub-fields, then `extra` ones. */

static void
records_table(struct doc *d, const struct fielddef *f,
    const struct ynode **rows, size_t nrows, char *title,
    const char *parent_label, const char **parents, const char *skip)
{
	struct block	*b;
	size_t		 ncols = parents ? 1 : 0, i, j, k, c;
	const struct opportunity *o;
	const char	*id;

	for (j = 0; j < f->nfields; j++)
		if (shown(&f->fields[j], skip))
			ncols++;
	ncols += f->nextra;
	b = table(d, title, ncols, d->c ? nrows : BLANK_ROWS);
	c = 0;
	if (parents) {
		b->cols[0].label = parent_label;
		b->cols[0].numeric = 1;
		b->cols[0].weight = 1;
		c = 1;
	}
	for (j = 0; j < f->nfields; j++)
		if (shown(&f->fields[j], skip))
			col(d, &b->cols[c++], &f->fields[j]);
	for (j = 0; j < f->nextra; j++) {
		b->cols[c].label = doc_ui(d, f->extra[j] == EXTRA_RANK ?
		    "rank" : d->tp->sums[f->extra[j]].label);
		b->cols[c].numeric = b->cols[c].weight = 1;
		c++;
	}
	if (d->c == NULL) {
		/* Blank rows: the answers to tick, where there are some. */
		b->pen = 1;
		for (i = 0; i < BLANK_ROWS; i++)
			for (j = 0, k = parents ? 1 : 0; j < f->nfields; j++)
				if (shown(&f->fields[j], skip))
					b->cells[i * ncols + k++] =
					    choices(d, &f->fields[j]);
		return;
	}
	for (i = 0; i < nrows; i++) {
		struct bval *cell = &b->cells[i * ncols];

		k = 0;
		if (parents)
			cell[k++] = text(xstrdup(parents[i] ? parents[i] : ""));
		for (j = 0; j < f->nfields; j++)
			if (shown(&f->fields[j], skip))
				cell[k++] = value(d, &f->fields[j],
				    yget(rows[i], f->fields[j].key));
		if (f->anchor != NULL && (id = record_id(f, rows[i])) != NULL) {
			/* Made unique by unique_anchors(), at the end. */
			if (b->anchors == NULL)
				b->anchors = xcalloc(nrows, sizeof(char *));
			b->anchors[i] = xasprintf("%s-%s", f->anchor, id);
		}
		o = f->item ? opp_of(d, ystr(yget(rows[i], f->item))) : NULL;
		for (j = 0; j < f->nextra; j++) {
			if (f->extra[j] != EXTRA_RANK)
				cell[k++] = text(num(o ? o->sums[f->extra[j]] :
				    -1));
			else if (o && o->recommended)
				cell[k++] = text(xasprintf("%d %s", o->rank,
				    doc_ui(d, "recommended")));
			else
				cell[k++] = text(o && o->rank ? num(o->rank) :
				    xstrdup("–"));
		}
		if (o && o->recommended)
			b->flags[i] = ROW_MARKED;
	}
}

/*
 * Record i's value of the curve's sub-field, from -1 (its `min`) to 1
 * (its `max`), or FIG_NONE.
 */
static float
experience(const struct doc *d, const struct ynode *list, size_t i,
    const struct fielddef *cf)
{
	int	 v;

	if (d->c == NULL || cf == NULL || !cf->has_min || !cf->has_max ||
	    cf->max <= cf->min || !value_int(cf, yget(list->kids[i],
	    cf->key), &v))
		return FIG_NONE;
	return 2.0f * (float)(v - cf->min) / (float)(cf->max - cf->min) - 1;
}

/* The journey grid: one column per record, one row per sub-field. */
static void
grid(struct doc *d, const struct fielddef *f, const struct ynode *list)
{
	const struct fielddef	*head = field_find(f->fields, f->nfields,
				    f->transpose);
	const struct fielddef	*cf = f->curve ? field_find(f->fields,
				    f->nfields, f->curve) : NULL;
	size_t			 nrec, i, j, r;
	struct block		*b;

	/* A blank grid has the suggested columns (the generic stages). */
	nrec = d->c ? (list && list->kind == Y_SEQ ? list->nkids : 0) :
	    head && head->nsuggested ? head->nsuggested : BLANK_ROWS;
	b = table(d, xstrdup(field_label(f, d->lang)), nrec + 1,
	    f->nfields - 1);
	b->row_headers = 1;
	b->equal = 1;
	b->pen = d->c == NULL;
	b->cols[0].label = head ? field_label(head, d->lang) : "";
	b->cols[0].weight = 2;
	for (i = 0; i < nrec; i++) {
		const char *st = d->c ? ystr(yget(list->kids[i],
		    f->transpose)) : head && i < head->nsuggested ?
		    head->suggested[i] : NULL;

		b->cols[i + 1].label = st ? value_text(d->tp, d->lang, st) :
		    "";
		b->cols[i + 1].weight = 3;
	}
	for (j = 0, r = 0; j < f->nfields; j++) {
		if (strcmp(f->fields[j].key, f->transpose) == 0)
			continue;
		if (f->curve != NULL && strcmp(f->fields[j].key, f->curve) == 0) {
			/* The emotion curve takes the place of its field
			 * (under Feeling): one piece per stage, joined at
			 * the edges, on the stages' columns. */
			b->cells[r * (nrec + 1)] = text(xasprintf("%s\n%s",
			    doc_ui(d, "emotion_curve"), doc_ui(d,
			    "curve_pains")));
			for (i = 0; i < nrec; i++) {
				struct bval *c = &b->cells[r * (nrec + 1) + i +
				    1];
				const struct ynode *marks = d->c ? yget(
				    list->kids[i], f->curve_marks ?
				    f->curve_marks : "") : NULL;

				c->type = V_FIG;
				c->fig = fig_curve_piece(i > 0 ? experience(d,
				    list, i - 1, cf) : FIG_NONE,
				    experience(d, list, i, cf),
				    i + 1 < nrec ? experience(d, list, i + 1,
				    cf) : FIG_NONE, marks &&
				    !yempty(marks) ? (marks->kind == Y_SEQ ?
				    (int)marks->nkids : 1) : 0);
			}
			if (cf != NULL) {
				b->curve_min = cf->min;
				b->curve_max = cf->max;
			}
			r++;
			continue;
		}
		b->cells[r * (nrec + 1)] = text(xstrdup(field_label(
		    &f->fields[j], d->lang)));
		for (i = 0; d->c == NULL && i < nrec; i++)
			b->cells[r * (nrec + 1) + i + 1] = choices(d,
			    &f->fields[j]);
		for (i = 0; d->c && i < nrec; i++)
			b->cells[r * (nrec + 1) + i + 1] = value(d,
			    &f->fields[j], yget(list->kids[i],
			    f->fields[j].key));
		r++;
	}
}

static void
records(struct doc *d, const struct fielddef *f, const struct ynode *list)
{
	const struct ynode	**rows;
	const char		**parents = NULL;
	size_t			  n = 0, i, j, k;

	if (f->transpose) {
		grid(d, f, list);
		return;
	}
	if (d->c != NULL && (list == NULL || list->kind != Y_SEQ))
		return;
	rows = xcalloc(list ? list->nkids + 1 : 1, sizeof(*rows));
	for (i = 0; list && i < list->nkids; i++)
		if (list->kids[i]->kind == Y_MAP)
			rows[n++] = list->kids[i];
	if (f->group_by != NULL) {
		const struct fielddef *g = field_find(f->fields, f->nfields,
		    f->group_by);
		const struct ynode **sub = xcalloc(n + 1, sizeof(*sub));

		for (k = 0; g && k < g->nvalues; k++) {
			size_t ns = 0;

			for (i = 0; i < n; i++) {
				const char *s = ystr(yget(rows[i], g->key));

				if (s && strcmp(s, g->values[k]) == 0)
					sub[ns++] = rows[i];
			}
			if (ns || d->c == NULL)
				records_table(d, f, sub, ns, xstrdup(
				    value_text(d->tp, d->lang, g->values[k])),
				    NULL, NULL, f->group_by);
		}
		free(sub);
		free(rows);
		return;
	}
	records_table(d, f, rows, n, xstrdup(field_label(f, d->lang)),
	    NULL, NULL, NULL);
	/* Nested records: one table, each row naming its parent. */
	for (j = 0; j < f->nfields; j++) {
		const struct fielddef *sub = &f->fields[j];
		const struct ynode **kids;
		size_t nk = 0;

		if (sub->kind != K_RECORDS)
			continue;
		for (i = 0, k = 0; i < n; i++) {
			const struct ynode *l = yget(rows[i], sub->key);

			k += l && l->kind == Y_SEQ ? l->nkids : 0;
		}
		kids = xcalloc(k + 1, sizeof(*kids));
		parents = xcalloc(k + 1, sizeof(*parents));
		for (i = 0; i < n; i++) {
			const struct ynode *l = yget(rows[i], sub->key);

			for (k = 0; l && l->kind == Y_SEQ && k < l->nkids; k++)
				if (l->kids[k]->kind == Y_MAP) {
					parents[nk] = record_id(f, rows[i]);
					kids[nk++] = l->kids[k];
				}
		}
		records_table(d, sub, kids, nk, xstrdup(field_label(sub,
		    d->lang)), field_label(f, d->lang), parents, NULL);
		free(kids);
		free(parents);
	}
	free(rows);
}

static void
group(struct doc *d, const struct fielddef *f, const struct ynode *map)
{
	struct block	*b;
	size_t		 i, j, nsub = 0;

	for (i = 0; i < f->nfields; i++)
		nsub += f->fields[i].kind == K_GROUP;
	if (nsub == 0) {
		const struct fielddef **fs = xcalloc(f->nfields,
		    sizeof(*fs));

		b = add(d, B_BOXES);
		b->title = xstrdup(field_label(f, d->lang));
		for (i = 0; i < f->nfields; i++)
			fs[i] = &f->fields[i];
		/* At most 3 a row, as a tool's fields outside its rows. */
		for (i = 0; i < f->nfields; i += 3)
			box_row(d, b, fs + i, f->nfields - i < 3 ?
			    f->nfields - i : 3, map);
		free(fs);
		return;
	}
	/* A group of groups (thresholds): rows are the inner groups. */
	{
		const struct fielddef *first = NULL;

		for (i = 0; i < f->nfields && first == NULL; i++)
			if (f->fields[i].kind == K_GROUP)
				first = &f->fields[i];
		b = table(d, xstrdup(field_label(f, d->lang)),
		    first->nfields + 1, nsub);
		b->row_headers = 1;
		b->cols[0].label = "";
		b->cols[0].weight = 3;
		for (j = 0; j < first->nfields; j++)
			col(d, &b->cols[j + 1], &first->fields[j]);
		for (i = 0, nsub = 0; i < f->nfields; i++) {
			const struct fielddef *g = &f->fields[i];
			const struct ynode *gv = yget(map, g->key);

			if (g->kind != K_GROUP)
				continue;
			b->cells[nsub * b->ncols] = text(xstrdup(
			    field_label(g, d->lang)));
			for (j = 0; j < first->nfields && j < g->nfields; j++)
				b->cells[nsub * b->ncols + j + 1] = value(d,
				    &g->fields[j], yget(gv, g->fields[j].key));
			nsub++;
		}
	}
}

/* s without its backticks (owned, returned). */
static char *
strip_ticks(char *s)
{
	char	*r, *w;

	for (r = w = s; *r; r++)
		if (*r != '`')
			*w++ = *r;
	*w = '\0';
	return s;
}

/* Whether Markdown prints anything (HTML comments, as the guiding
 * question simc init writes, do not). */
static int
has_text(const char *md)
{
	char	*plain = md_plain(md);
	int	 yes = plain[strspn(plain, " \t\n")] != '\0';

	free(plain);
	return yes;
}

/* One note (or, for a blank form, none) of tool t. */
static void
note_blocks(struct doc *d, const struct tooldef *t, const struct note *n)
{
	const struct ynode	 *fm = n ? n->fm : NULL;
	const struct fielddef	**fs, **rest;
	char			 *used;
	size_t			  i, j, k, nrest = 0;
	struct block		 *b = NULL;

	d->cur = n;
	used = xcalloc(t->nfields + 1, 1);
	fs = xcalloc(t->nfields + 1, sizeof(*fs));
	rest = xcalloc(t->nfields + 1, sizeof(*rest));
	for (i = 0; i < t->nrows; i++) {
		for (j = 0, k = 0; j < t->rowlen[i]; j++) {
			used[t->rows[i][j] - t->fields] = 1;
			if (applies(t->rows[i][j], fm))
				fs[k++] = t->rows[i][j];
		}
		if (k == 0)
			continue;
		if (b == NULL)
			b = add(d, B_BOXES);
		box_row(d, b, fs, k, fm);
	}
	/* Scalar fields not in rows: one row of boxes, at most 3 a row. */
	for (i = 0; i < t->nfields; i++)
		if (!used[i] && t->fields[i].kind != K_RECORDS &&
		    t->fields[i].kind != K_GROUP && applies(&t->fields[i], fm))
			rest[nrest++] = &t->fields[i];
	for (i = 0; i < nrest; i += 3) {
		if (b == NULL || d->b[d->n - 1].kind != B_BOXES)
			b = add(d, B_BOXES);
		box_row(d, b, rest + i, nrest - i < 3 ? nrest - i : 3, fm);
	}
	for (i = 0; i < t->nfields; i++) {
		if (used[i])
			continue;
		if (t->fields[i].kind == K_RECORDS)
			records(d, &t->fields[i], yget(fm, t->fields[i].key));
		else if (t->fields[i].kind == K_GROUP)
			group(d, &t->fields[i], yget(fm, t->fields[i].key));
	}
	if (n != NULL && n->notes != NULL && has_text(n->notes)) {
		b = add(d, B_TEXT);
		b->title = xstrdup(doc_ui(d, "notes"));
		b->v.type = V_MD;
		b->v.block = 1;
		b->v.text = xstrdup(n->notes);
		b->v.line = n->notes_line;
	}
	free(used);
	free(fs);
	free(rest);
}

/*
 * A heading for one of several notes of a tool: its title and the entry
 * it is per ("Mateja (S1)"), or the tool and that entry, or the tool and
 * its field with the role heading (a reference as a number, "Activity
 * 1a"; a text after a colon, or the field's `empty` text).
 */
static char *
note_title(const struct doc *d, const struct tooldef *t, const struct note *n)
{
	const char		*name = note_title_text(n);
	const char		*per = t->per ? ystr(yget(n->fm, t->per)) :
				    NULL;
	const struct fielddef	*hf = NULL;
	const char		*h = NULL;
	size_t			 i;

	const struct fielddef	*pf = t->per ? field_find(t->fields,
				    t->nfields, t->per) : NULL;
	const struct tentry	*pe = pf && pf->refers && d->c ?
				    resolved_entry(d->c->res, pf->refers,
				    per) : NULL;
	char			*pname, *ename = NULL, *title;

	for (i = 0; i < t->nfields && hf == NULL; i++)
		if (has_role(&t->fields[i], "heading"))
			hf = &t->fields[i];
	if (hf != NULL)
		h = ystr(yget(n->fm, hf->key));
	/* The entry's name, not its id (which is the notes' business). */
	if (pe != NULL && pe->label != NULL && *pe->label != '\0')
		ename = md_plain(pe->label);
	if (name && per) {
		pname = md_plain(name);
		title = xasprintf("%s (%s)", pname, ename ? ename : per);
		free(pname);
		free(ename);
		return title;
	}
	if (per) {
		title = xasprintf("%s: %s", tool_label(t, d->lang), ename ?
		    ename : per);
		free(ename);
		return title;
	}
	if (hf != NULL && h != NULL)
		return xasprintf(hf->kind == K_REF ? "%s %s" : "%s: %s",
		    tool_label(t, d->lang), h);
	if (hf != NULL && hf->empty != NULL)
		return xasprintf("%s: %s", tool_label(t, d->lang),
		    doc_ui(d, hf->empty));
	return xstrdup(n->rel);
}

static void
workflow(struct doc *d)
{
	const struct resolved	*r = d->c->res;
	struct block		*b;
	size_t			 i, j;
	struct buf		 s = { 0 };

	section(d, 1, xstrdup(doc_ui(d, "workflow")), NULL,
	    xstrdup("workflow"), 0);
	b = add(d, B_FIGURE);
	b->fig = fig_workflow(d->c->res, d->lang);
	b = add(d, B_TEXT);
	b->title = xstrdup(doc_ui(d, "next_step"));
	b->v.type = V_TEXT;
	if (r->next == NULL)
		b->v.text = xstrdup(doc_ui(d, "all_complete"));
	else if (r->next_segment)
		b->v.text = xasprintf(doc_ui(d, "next_step_for_segment"),
		    tool_label(r->next->def, d->lang), r->next_segment);
	else
		b->v.text = xasprintf("%s (%s)", tool_label(r->next->def,
		    d->lang), doc_ui(d, status_name(r->next->status)));
	if (r->concept && r->recommended) {
		b = add(d, B_TEXT);
		b->title = xstrdup(doc_ui(d, "prioritisation"));
		b->v.type = V_TEXT;
		b->v.text = strcmp(r->concept, r->recommended) == 0 ?
		    xstrdup(doc_ui(d, "concept_recommended")) :
		    xasprintf(doc_ui(d, "concept_other"), r->concept,
		    r->recommended);
	}
	/* The notes' file names are the consultant's business, not the
	 * client's: no column of them. */
	b = table(d, NULL, 4, r->ntools);
	b->cols[0].label = doc_ui(d, "phase_column");
	b->cols[0].numeric = 1;
	b->cols[1].label = doc_ui(d, "tool");
	b->cols[2].label = doc_ui(d, "status");
	b->cols[3].label = doc_ui(d, "reasons");
	for (i = 0; i < r->ntools; i++) {
		const struct toolstate *ts = &r->tools[i];
		struct bval *c = &b->cells[i * 4];

		c[0] = text(xasprintf("%d", ts->def->phase));
		c[1] = text(xasprintf("%s%s%s", ts->def->number ?
		    ts->def->number : "", ts->def->number ? " " : "",
		    tool_label(ts->def, d->lang)));
		c[2] = text(xstrdup(doc_ui(d, status_name(ts->status))));
		for (j = 0; j < ts->nreasons; j++) {
			char *why = reason_text(d->tp, d->lang,
			    &ts->reasons[j]);

			buf_printf(&s, "%s%s", j ? "\n" : "", why);
			free(why);
		}
		/* Plain text: the reasons' `code` marks are not shown. */
		c[3] = text(strip_ticks(buf_take(&s)));
		if (r->next == ts)
			b->flags[i] = ROW_MARKED;
	}
}

/*
 * Whether a tool's tables print side by side: a canvas (One Page
 * Strategy), or records grouped by an enum (the List of Assumptions'
 * columns Environment, Company, People).
 */
static int
is_canvas(const struct tooldef *t)
{
	size_t	 i;

	if (t->layout && strcmp(t->layout, "canvas") == 0)
		return 1;
	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].kind == K_RECORDS && t->fields[i].group_by)
			return 1;
	return 0;
}

/* A tool's section (after its phase's, when the phase changes). */
static void
tool_blocks(struct doc *d, const struct tooldef *t, int *phase)
{
	const struct company	*c = d->c;
	const struct toolstate	*ts = c ? &c->res->tools[t->order] : NULL;
	size_t			 j;

	if (t->phase != *phase) {
		char *ph;

		*phase = t->phase;
		ph = xasprintf(doc_ui(d, "phase"), *phase);
		section(d, 1, xasprintf("%s: %s", ph, doc_ui(d,
		    d->tp->phases[t->phase_index].label)), NULL,
		    xasprintf("phase-%d", *phase), 0);
		free(ph);
	}
	section(d, 2, xasprintf("%s%s%s", t->number ? t->number : "",
	    t->number ? " " : "", tool_label(t, d->lang)),
	    tool_question(t, d->lang), xasprintf("tool-%s", t->key),
	    t->landscape);
	d->b[d->n - 1].canvas = is_canvas(t);
	if (ts == NULL) {
		/* A blank form of a tool with variants (fields that apply
		 * `when` a field has a value: persona templates A and B):
		 * one form per variant, each a card of its own. */
		const char *vals[8];
		const struct fielddef *sel = NULL;
		size_t nv = 0, k;

		for (j = 0; j < t->nfields; j++) {
			const struct fielddef *f = &t->fields[j];

			if (f->when_key == NULL)
				continue;
			if (sel == NULL)
				sel = field_find(t->fields, t->nfields,
				    f->when_key);
			for (k = 0; k < nv; k++)
				if (strcmp(vals[k], f->when_value) == 0)
					break;
			if (k == nv && nv < 8)
				vals[nv++] = f->when_value;
		}
		if (nv < 2 || sel == NULL) {
			note_blocks(d, t, NULL);
			return;
		}
		for (k = 0; k < nv; k++) {
			section(d, 3, xasprintf("%s: %s %s", tool_label(t,
			    d->lang), field_label(sel, d->lang), vals[k]),
			    NULL, xasprintf("blank-%s-%zu", t->key, k + 1),
			    t->landscape);
			blank_variant = vals[k];
			note_blocks(d, t, NULL);
			blank_variant = NULL;
		}
		return;
	}
	for (j = 0; j < ts->nnotes; j++) {
		if (ts->nnotes > 1 || t->mult != MULT_ONE)
			section(d, 3, note_title(d, t, ts->notes[j]), NULL,
			    xasprintf("note-%s-%zu", t->key, j + 1),
			    t->landscape);
		if (ts->nnotes > 1 || t->mult != MULT_ONE)
			d->b[d->n - 1].canvas = is_canvas(t);
		note_blocks(d, t, ts->notes[j]);
	}
	if (c->res->recommended != NULL && (t->figures & FIG_MATRIX))
		add(d, B_FIGURE)->fig = fig_matrix(c->res, d->lang);
	if (c->res->recommended != NULL && (t->figures & FIG_BARS))
		add(d, B_FIGURE)->fig = fig_bars(c->res, d->lang);
}

/* The workshop's agenda: every tool, its phase and suggested time. */
static void
agenda(struct doc *d)
{
	const struct templates	*tp = d->tp;
	struct block		*b;
	size_t			 i;

	section(d, 1, xstrdup(doc_ui(d, "agenda")), NULL,
	    xstrdup("agenda"), 0);
	b = table(d, NULL, 3, tp->ntools);
	b->cols[0].label = doc_ui(d, "phase_column");
	b->cols[0].numeric = 1;
	b->cols[1].label = doc_ui(d, "tool");
	b->cols[2].label = doc_ui(d, "timeframe");
	for (i = 0; i < tp->ntools; i++) {
		const struct tooldef *t = &tp->tools[i];

		b->cells[i * 3] = text(xasprintf("%d", t->phase));
		b->cells[i * 3 + 1] = text(xasprintf("%s%s%s", t->number ?
		    t->number : "", t->number ? " " : "",
		    tool_label(t, d->lang)));
		b->cells[i * 3 + 2] = text(xstrdup(t->timeframe ?
		    t->timeframe : "–"));
	}
}

struct doc *
form_blank(const struct templates *tp, int lang, const struct tooldef *only)
{
	struct doc	*d = xcalloc(1, sizeof(*d));
	size_t		 i;
	int		 phase = -1;

	d->tp = tp;
	d->lang = lang;
	d->name = xstrdup(only ? tool_label(only, lang) :
	    doc_ui(d, "workshop_pack"));
	if (only != NULL) {
		/* A poster: the form alone, without its phase's heading. */
		d->poster = 1;
		phase = only->phase;
		tool_blocks(d, only, &phase);
		return d;
	}
	agenda(d);
	for (i = 0; i < tp->ntools; i++)
		tool_blocks(d, &tp->tools[i], &phase);
	return d;
}

struct doc *
form_doc(const struct company *c, const struct templates *tp, int lang)
{
	struct doc	*d = xcalloc(1, sizeof(*d));
	const struct note *co;
	const struct fielddef *lf;
	size_t		 i;
	int		 phase = -1;

	d->c = c;
	d->tp = tp;
	d->lang = lang;
	if (c != NULL) {
		co = company_note(c);
		/* The name is Markdown; covers and headers print its text. */
		d->name = company_text(c, "title") ?
		    md_plain(company_text(c, "title")) : xstrdup(c->slug);
		for (i = 0; co != NULL && co->tool != NULL &&
		    i < co->tool->nfields; i++) {
			const struct ynode *v;

			if (!has_role(&co->tool->fields[i], "title"))
				continue;
			v = yget(co->fm, co->tool->fields[i].key);
			d->name_path = co->path;
			d->name_line = v ? v->line : 0;
			d->name_col = v ? v->col : 0;
			break;
		}
		d->author = company_text(c, "author");
		d->summary = company_text(c, "summary");
		for (i = 0; co != NULL && i < co->tool->nfields; i++) {
			const struct fielddef *f = &co->tool->fields[i];
			const struct ynode *v = yget(co->fm, f->key);

			if (!has_role(f, "cover") || yempty(v) ||
			    (v->kind == Y_MAP) || (v->kind == Y_SEQ &&
			    f->kind != K_LIST))
				continue;
			d->cover = xrealloc(d->cover, (d->ncover + 1) *
			    sizeof(*d->cover));
			d->cover[d->ncover].label = f->caption ?
			    doc_ui(d, f->caption) : field_label(f, lang);
			d->cover[d->ncover++].v = md_value(v, 0);
		}
		/* A logo only where validate checked it as an image. */
		lf = co ? role_field(co->tool, "logo") : NULL;
		if (lf != NULL && lf->kind == K_IMAGE &&
		    ystr(yget(co->fm, lf->key))) {
			d->logo = image_path(c, co, ystr(yget(co->fm,
			    lf->key)));
			d->logo_img = usable(imgcache_find(c->images,
			    d->logo));
		}
		workflow(d);
	}
	for (i = 0; i < tp->ntools; i++)
		if (c == NULL || c->res->tools[i].nnotes > 0)
			tool_blocks(d, &tp->tools[i], &phase);
	unique_anchors(d);
	return d;
}

const char *
doc_kind(const struct doc *d)
{
	return d->kind ? d->kind : d->c ? "dossier" : "blank_forms";
}

struct block *
doc_add(struct doc *d, enum bkind kind)
{
	return add(d, kind);
}

struct block *
doc_table(struct doc *d, char *title, size_t ncols, size_t nbody)
{
	return table(d, title, ncols, nbody);
}

void
form_changes(struct doc *d, char *title, char **area, char **what, size_t n)
{
	struct block	*b, *tmp;
	size_t		 at, first = d->n, i, k;

	section(d, 1, title, NULL, xstrdup("changes"), 0);
	if (n == 0) {
		b = add(d, B_TEXT);
		b->v = text(xstrdup(doc_ui(d, "changes_none")));
	} else {
		b = table(d, NULL, 2, n);
		b->cols[0].label = doc_ui(d, "changes_area");
		b->cols[0].weight = 1;
		b->cols[1].label = doc_ui(d, "changes_change");
		b->cols[1].weight = 4;
		for (i = 0; i < n; i++) {
			b->cells[i * 2] = text(area[i]);
			b->cells[i * 2 + 1] = text(what[i]);
		}
	}
	/* After the workflow: before the first phase's section. */
	for (at = 1; at < first; at++)
		if (d->b[at].kind == B_SECTION && d->b[at].level == 1)
			break;
	k = d->n - first;
	tmp = xcalloc(k, sizeof(*tmp));
	memcpy(tmp, d->b + first, k * sizeof(*tmp));
	memmove(d->b + at + k, d->b + at, (first - at) * sizeof(*tmp));
	memcpy(d->b + at, tmp, k * sizeof(*tmp));
	free(tmp);
}

static void
val_free(struct bval *v)
{
	size_t	 i;

	for (i = 0; i < v->nids; i++)
		free(v->ids[i]);
	free(v->ids);
	free(v->md);
	free(v->text);
	free(v->href);
	fig_free(v->fig);
}

void
doc_free(struct doc *d)
{
	size_t	 i, j, k;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		struct block *b = &d->b[i];

		free(b->title);
		free(b->subtitle);
		free(b->anchor);
		val_free(&b->v);
		for (j = 0; j < b->nrows; j++) {
			for (k = 0; k < b->rows[j].n; k++)
				val_free(&b->rows[j].boxes[k].v);
			free(b->rows[j].boxes);
		}
		free(b->rows);
		for (j = 0; j < b->ncols * b->nbody; j++)
			val_free(&b->cells[j]);
		free(b->cells);
		free(b->cols);
		free(b->flags);
		for (j = 0; b->anchors && j < b->nbody; j++)
			free(b->anchors[j]);
		free(b->anchors);
		fig_free(b->fig);
	}
	free(d->b);
	for (i = 0; i < d->ncover; i++)
		val_free(&d->cover[i].v);
	free(d->cover);
	free(d->name);
	free(d->logo);
	free(d->version);
	free(d->date);
	free(d);
}

size_t
block_ids(const struct block *k)
{
	size_t	 n = 0;

	while (n < k->ncols && n < 2 && k->cols[n].numeric)
		n++;
	return n;
}

size_t
block_after(const struct block *k)
{
	size_t	 j, n = 0;

	for (j = 0; j < k->ncols; j++)
		if (k->cols[j].after)
			n++;
	return n;
}

void
block_region(const struct block *k, int after, struct block *r)
{
	size_t	 ids = block_ids(k), i, j, n = 0;

	*r = *k;
	r->ncols = 0;
	for (j = 0; j < k->ncols; j++)
		if (j < ids || k->cols[j].after == after)
			r->ncols++;
	r->cols = xcalloc(r->ncols ? r->ncols : 1, sizeof(*r->cols));
	r->cells = xcalloc((r->ncols ? r->ncols : 1) *
	    (k->nbody ? k->nbody : 1), sizeof(*r->cells));
	if (after)
		r->anchors = NULL;
	for (j = 0; j < k->ncols; j++) {
		if (j >= ids && k->cols[j].after != after)
			continue;
		r->cols[n] = k->cols[j];
		for (i = 0; i < k->nbody; i++)
			r->cells[i * r->ncols + n] = k->cells[i * k->ncols + j];
		n++;
	}
}
