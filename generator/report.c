/*
 * report.c: `simc report`, the programme report across companies.  Each
 * company goes through the usual passes (load, validate, resolve), one
 * at a time, and leaves a row of what its resolved model says; the rows
 * become a struct doc (totals, a funnel and a timeline figure drawn from
 * the figure primitives, the table of companies) that the HTML and PDF
 * backends draw as they draw a dossier, and a CSV for spreadsheets.
 * The three files are written together (build_write_set()).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "figure.h"
#include "fileio.h"
#include "form.h"
#include "history.h"
#include "load.h"
#include "markdown.h"
#include "render.h"
#include "report.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

#define GIT_AHEAD	4	/* companies whose git is read ahead */

/* What the report keeps of one company. */
struct rrow {
	char	*name;		/* plain text */
	char	*dir, *slug;
	char	*country, *consultant;
	size_t	 errors;
	int	 phase;		/* of the next step; 6: every tool done */
	int	 reached;	/* phases 0..reached complete; -1: none */
	int	 tools[3];	/* complete, draft, missing */
	char	*commit, *date;	/* last change in git, or NULL */
	int	 modified;
	char	*next;		/* the next step, in words */
	char	*recommended, *concept;
	char	*t[3];		/* threshold dates, or NULL */
	char	*markets;	/* countries, ", " between */
	int	 concept_done;
	char	*href;		/* its dossier beside the report, or NULL */
};

struct report {
	const struct templates	*tp;
	int			 lang;
	struct rrow		*rows;
	size_t			 n;
	struct index		 markets;	/* every country, owned keys */
};

static const char *
ui(const struct report *r, const char *key)
{
	return ui_text(r->tp, r->lang, key);
}

static char *
plain_or_null(const char *s)
{
	return s != NULL ? md_plain(s) : NULL;
}

/* An opportunity as "O3 name", plain text; NULL for none. */
static char *
opp_words(const struct resolved *res, const char *id)
{
	const struct opportunity *op;
	char	*name, *s;

	if (id == NULL)
		return NULL;
	if ((op = resolved_opportunity(res, id)) == NULL || op->name == NULL)
		return xstrdup(id);
	name = md_plain(op->name);
	s = xasprintf("%s %s", id, name);
	free(name);
	return s;
}

/* The tool with the role company, or NULL. */
static const struct tooldef *
company_tool(const struct templates *tp)
{
	size_t	 i;

	for (i = 0; i < tp->ntools; i++)
		if (tp->tools[i].company)
			return &tp->tools[i];
	return NULL;
}

/* Percent-encodes a folder name for a relative URL. */
static void
url_part(struct buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u; u++)
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || strchr("-._~", *u) != NULL)
			buf_putc(b, (char)*u);
		else
			buf_printf(b, "%%%02X", *u);
}

static int
is_file(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The records of a tool's records field f (and, one level deep, of its
 * records' records) whose sub-field has role market: their values
 * appended to b, ", " between, each counted in r.
 */
static void
market_list(struct report *r, struct buf *b, const struct ynode *list,
    const struct fielddef *f)
{
	const char	*cc;
	size_t		 j, k;

	if (list == NULL || list->kind != Y_SEQ)
		return;
	for (k = 0; k < f->nfields; k++) {
		const struct fielddef *g = &f->fields[k];

		for (j = 0; j < list->nkids; j++) {
			if (g->kind == K_RECORDS)
				market_list(r, b, yget(list->kids[j], g->key),
				    g);
			else if (has_role(g, "market") && (cc =
			    ystr(yget(list->kids[j], g->key))) != NULL) {
				buf_printf(b, "%s%s", b->len ? ", " : "", cc);
				index_add_own(&r->markets, xstrdup(cc), NULL);
			}
		}
	}
}

/* The company's foreign markets (the role market), counted in r. */
static char *
markets(struct report *r, const struct company *c)
{
	struct buf	 b = { 0 };
	size_t		 i, k;

	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		if (!n->ok || n->tool == NULL)
			continue;
		for (k = 0; k < n->tool->nfields; k++)
			if (n->tool->fields[k].kind == K_RECORDS)
				market_list(r, &b, yget(n->fm,
				    n->tool->fields[k].key),
				    &n->tool->fields[k]);
	}
	return b.len ? buf_take(&b) : NULL;
}

/* Compiles the company in dir and keeps its row; job reads its git. */
static void
gather(struct report *r, const char *dir, const char *out,
    struct version_job *job)
{
	size_t			 before = diag_errors(), i;
	struct company		*c = load_company(dir, r->tp);
	struct rrow		*w = &r->rows[r->n++];
	const struct resolved	*res;
	const struct toolstate	*ts;
	const char		*name;
	struct buf		 b = { 0 };
	char			*html, *pdf;
	int			 ph;

	validate_company(c, r->tp);
	resolve_company(c, r->tp);
	res = c->res;
	memset(w, 0, sizeof(*w));
	w->errors = diag_errors() - before;
	w->commit = version_finish(job, &w->date, &w->modified);
	w->dir = xstrdup(c->dir);
	w->slug = xstrdup(c->slug);
	/* The company's fields by their roles; the consultant is the
	 * dossier's author. */
	name = company_text(c, "title");
	w->name = name ? md_plain(name) : xstrdup(c->slug);
	w->country = plain_or_null(company_text(c, "country"));
	w->consultant = plain_or_null(company_text(c, "author"));
	w->reached = -1;
	w->phase = 6;
	if (res != NULL) {
		for (ph = 0; ph <= 5 && res->phases[ph] == ST_COMPLETE; ph++)
			w->reached = ph;
		for (i = 0; i < res->ntools; i++)
			switch (res->tools[i].status) {
			case ST_COMPLETE:
				w->tools[0]++;
				break;
			case ST_DRAFT:
				w->tools[1]++;
				break;
			case ST_MISSING:
				w->tools[2]++;
				break;
			default:
				break;
			}
		if ((ts = res->next) != NULL) {
			w->phase = ts->def->phase;
			if (res->next_segment)
				w->next = xasprintf(ui(r,
				    "next_step_for_segment"), tool_label(ts->def,
				    r->lang), res->next_segment);
			else
				w->next = xasprintf("%s (%s)", tool_label(ts->def,
				    r->lang), ui(r, status_name(ts->status)));
		} else
			w->next = xstrdup(ui(r, "all_complete"));
		w->recommended = opp_words(res, res->recommended);
		w->concept = opp_words(res, res->concept);
		for (i = 0; i < 3 && i < res->nthresholds; i++)
			if (res->thresholds[i].date)
				w->t[i] = xstrdup(res->thresholds[i].date);
		w->concept_done = r->tp->ranking.chosen_tool != NULL &&
		    (ts = tool_state(res, r->tp->ranking.chosen_tool)) !=
		    NULL && ts->status == ST_COMPLETE;
	}
	w->markets = markets(r, c);
	/* A link to its dossier when one was built into the same OUT. */
	html = xasprintf("%s/%s/dossier.html", out, c->slug);
	pdf = xasprintf("%s/%s/dossier.pdf", out, c->slug);
	if (is_file(html) && is_file(pdf)) {
		buf_puts(&b, "../");
		url_part(&b, c->slug);
		buf_puts(&b, "/dossier");
		w->href = buf_take(&b);
	}
	free(html);
	free(pdf);
	company_free(c);
}

static void
rows_free(struct report *r)
{
	size_t	 i, k;

	for (i = 0; i < r->n; i++) {
		struct rrow *w = &r->rows[i];

		free(w->name);
		free(w->dir);
		free(w->slug);
		free(w->country);
		free(w->consultant);
		free(w->commit);
		free(w->date);
		free(w->next);
		free(w->recommended);
		free(w->concept);
		for (k = 0; k < 3; k++)
			free(w->t[k]);
		free(w->markets);
		free(w->href);
	}
	free(r->rows);
	index_free(&r->markets);
}

/* ---- the programme's totals ---- */

struct totals {
	size_t	 companies, concepts, t[3], markets, errors;
	size_t	 phase[6];	/* companies with phases 0..k complete */
};

static void
totals(const struct report *r, struct totals *t)
{
	size_t	 i, k;
	int	 ph;

	memset(t, 0, sizeof(*t));
	t->companies = r->n;
	for (i = 0; i < r->n; i++) {
		const struct rrow *w = &r->rows[i];

		t->concepts += w->concept_done;
		t->errors += w->errors > 0;
		for (k = 0; k < 3; k++)
			t->t[k] += w->t[k] != NULL;
		for (ph = 0; ph <= w->reached; ph++)
			t->phase[ph]++;
	}
	/* Markets: the distinct countries (the index is sorted). */
	for (i = 0; i < r->markets.n; i++)
		if (i == 0 || strcmp(r->markets.v[i].key,
		    r->markets.v[i - 1].key) != 0)
			t->markets++;
}

/* ---- figures ---- */

/* The report's figures draw with hairlines (0.6 pt) and ink text. */
static struct prim *
frect(struct figure *f, float x, float y, float w, float h, enum pcolor fill,
    enum pcolor stroke)
{
	struct prim	*p = fig_rect(f, x, y, w, h, fill, stroke);

	p->width = 0.6f;
	return p;
}

static struct prim *
ftext(struct figure *f, float x, float y, const char *s, float size,
    int anchor)
{
	struct prim	*p = fig_text(f, x, y, s, size, anchor, PC_INK);

	p->width = 0.6f;
	return p;
}

static void
fline(struct figure *f, float x, float y, float x2, float y2, enum pcolor c)
{
	fig_line(f, x, y, x2, y2, c, 0.6f);
}

/* The three thresholds' looks: light, hatched, dark (grey print). */
static void
tstyle(struct prim *p, int k)
{
	p->stroke = PC_INK;
	p->fill = k == 0 ? PC_SOFT : k == 1 ? PC_LINE : PC_INK;
	p->hatch = k == 1;
}

/* Companies at each phase complete, then at each threshold. */
static struct figure *
funnel(const struct report *r, const struct totals *t)
{
	const float	 W = 480, rowh = 15, gap = 4, lab = 200, cw = 30;
	const float	 barw = W - lab - cw - 10;
	struct figure	*f = fig_new(W, 10 * (rowh + gap));
	struct buf	 alt = { 0 };
	size_t		 k, count;
	float		 y, w, x0;
	char		*label, *s, key[16];
	struct prim	*p;

	for (k = 0; k < 10; k++) {
		y = (float)k * (rowh + gap);
		if (k == 0) {
			label = xstrdup(ui(r, "report_companies"));
			count = t->companies;
		} else if (k <= 6) {
			snprintf(key, sizeof(key), "phase%zu", k - 1);
			s = xasprintf(ui(r, "phase"), (int)k - 1);
			label = xasprintf("%s: %s", s, ui(r, key));
			free(s);
			count = t->phase[k - 1];
		} else {
			snprintf(key, sizeof(key), "report_t%zu", k - 6);
			label = xstrdup(ui(r, key));
			count = t->t[k - 7];
		}
		ftext(f, lab - 6, y + rowh - 4, label, 7.5f, 1);
		w = t->companies ? barw * (float)count / (float)t->companies :
		    0;
		x0 = lab + (barw - w) / 2;
		if (count > 0) {
			p = frect(f, x0, y, w, rowh, PC_SOFT, PC_INK);
			if (k >= 7)
				tstyle(p, (int)k - 7);
			else if (k == 0)
				p->fill = PC_WHITE;
		} else
			fline(f, lab + barw / 2, y, lab + barw / 2, y + rowh,
			    PC_MUTED);
		s = xasprintf("%zu", count);
		ftext(f, W - 2, y + rowh - 4, s, 7.5f, 1)->bold = 1;
		buf_printf(&alt, "%s%s: %s", alt.len ? "; " : "", label, s);
		free(s);
		free(label);
	}
	f->title = xstrdup(ui(r, "report_funnel"));
	f->alt = buf_take(&alt);
	return f;
}

/* The month of a date YYYY-MM-DD as a number, or -1. */
static long
month_of(const char *s)
{
	int	 y, m, d;

	if (s == NULL || !parse_date(s, &y, &m, &d))
		return -1;
	return (long)y * 12 + m - 1;
}

/* Thresholds reached, month by month (or by several months). */
static struct figure *
timeline(const struct report *r)
{
	const float	 W = 480, H = 190, x0 = 28, x1 = W - 4, top = 26;
	const float	 base = H - 24;
	struct figure	*f = fig_new(W, H);
	struct buf	 alt = { 0 };
	long		 lo = LONG_MAX, hi = -1, m, span, bin, nbins;
	size_t		 i, k, (*count)[3], maxc = 0, step, every, topv;
	float		 gw, bw, x, h, lx;
	char		*s;
	struct prim	*p;

	for (i = 0; i < r->n; i++)
		for (k = 0; k < 3; k++)
			if ((m = month_of(r->rows[i].t[k])) >= 0) {
				if (m < lo)
					lo = m;
				if (m > hi)
					hi = m;
			}
	f->title = xstrdup(ui(r, "report_timeline"));
	/* The legend. */
	for (k = 0, lx = x0; k < 3; k++) {
		char key[12];

		snprintf(key, sizeof(key), "report_t%zu", k + 1);
		tstyle(frect(f, lx, 4, 10, 10, PC_NONE, PC_NONE), (int)k);
		ftext(f, lx + 14, 12, ui(r, key), 7.5f, -1);
		lx += 14 + fig_textw(ui(r, key), 7.5f, 0) + 16;
	}
	fline(f, x0, base, x1, base, PC_INK);
	if (hi < 0) {
		ftext(f, (x0 + x1) / 2, (top + base) / 2, ui(r, "none"), 8, 0);
		f->alt = xstrdup(ui(r, "none"));
		return f;
	}
	span = hi - lo + 1;
	bin = (span + 35) / 36;		/* at most 36 groups */
	nbins = (span + bin - 1) / bin;
	count = xcalloc((size_t)nbins, sizeof(*count));
	for (i = 0; i < r->n; i++)
		for (k = 0; k < 3; k++)
			if ((m = month_of(r->rows[i].t[k])) >= 0)
				count[(m - lo) / bin][k]++;
	for (m = 0; m < nbins; m++)
		for (k = 0; k < 3; k++)
			if (count[m][k] > maxc)
				maxc = count[m][k];
	/* The counts' axis, in whole steps. */
	step = (maxc + 3) / 4;
	if (step == 0)
		step = 1;
	topv = (maxc + step - 1) / step * step;
	for (i = 0; i <= topv; i += step) {
		float y = base - (base - top) * (float)i / (float)topv;

		if (i > 0)
			fline(f, x0, y, x1, y, PC_LINE);
		s = xasprintf("%zu", i);
		ftext(f, x0 - 4, y + 2.5f, s, 7, 1);
		free(s);
	}
	gw = (x1 - x0) / (float)nbins;
	bw = gw * 0.8f / 3;
	if (bw > 12)
		bw = 12;
	every = (size_t)(40 / gw) + 1;	/* labels 40 pt apart at least */
	for (m = 0; m < nbins; m++) {
		long	 mm = lo + m * bin;
		char	 lab[32];

		x = x0 + gw * (float)m + (gw - 3 * bw) / 2;
		for (k = 0; k < 3; k++) {
			if (count[m][k] == 0)
				continue;
			h = (base - top) * (float)count[m][k] / (float)topv;
			p = frect(f, x + bw * (float)k, base - h, bw, h, PC_NONE,
			    PC_NONE);
			tstyle(p, (int)k);
			if (bw >= 7) {
				s = xasprintf("%zu", count[m][k]);
				ftext(f, x + bw * (float)k + bw / 2, base - h -
				    2, s, 7, 0);
				free(s);
			}
		}
		snprintf(lab, sizeof(lab), "%04ld-%02ld", mm / 12, mm % 12 + 1);
		if ((size_t)m % every == 0) {
			fline(f, x0 + gw * (float)m + gw / 2, base, x0 +
			    gw * (float)m + gw / 2, base + 3, PC_INK);
			ftext(f, x0 + gw * (float)m + gw / 2, base + 12, lab, 7,
			    0);
		}
		if (count[m][0] + count[m][1] + count[m][2] > 0)
			buf_printf(&alt, "%s%s: t1 %zu, t2 %zu, t3 %zu",
			    alt.len ? "; " : "", lab, count[m][0],
			    count[m][1], count[m][2]);
	}
	free(count);
	f->alt = buf_take(&alt);
	return f;
}

/* ---- the doc ---- */

static struct bval
vtext(char *s)
{
	struct bval	 v = { .type = V_TEXT, .text = s };

	return v;
}

static char *
dash(const char *s)
{
	return xstrdup(s != NULL ? s : "–");
}

/* The report's date: SOURCE_DATE_EPOCH, else today (UTC). */
static char *
report_date(void)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		 buf[16];
	long		 v;
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (s != NULL && parse_long(s, 0, LONG_MAX, &v))
		t = (time_t)v;
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%d", &tm) == 0)
		return NULL;
	return xstrdup(buf);
}

static struct block *
section(struct doc *d, int level, const char *title, const char *sub,
    const char *anchor, int landscape)
{
	struct block	*b = doc_add(d, B_SECTION);

	b->level = level;
	b->title = xstrdup(title);
	b->subtitle = sub ? xstrdup(sub) : NULL;
	b->anchor = xstrdup(anchor);
	b->landscape = landscape;
	return b;
}

static void
coldef(struct bcol *c, const char *label, int numeric, int weight)
{
	c->label = label;
	c->numeric = numeric;
	c->weight = weight;
}

#define NCOLS	12

static struct doc *
report_doc(const struct report *r, const struct totals *t)
{
	struct doc	*d = xcalloc(1, sizeof(*d));
	const struct tooldef *ct = r->tp->ranking.chosen_tool ?
	    tool_find(r->tp, r->tp->ranking.chosen_tool) : NULL;
	const struct tooldef *co = company_tool(r->tp);
	const struct fielddef *cf;
	struct block	*b;
	size_t		 i, k, nt = 0;
	const char	*labels[7];
	size_t		 values[7];
	char		 key[12];

	d->tp = r->tp;
	d->lang = r->lang;
	d->kind = "report";
	d->name = xstrdup(ui(r, "report_title"));
	d->date = report_date();

	section(d, 1, ui(r, "report_totals"), NULL, "totals", 0);
	labels[nt] = ui(r, "report_companies"), values[nt++] = t->companies;
	labels[nt] = ui(r, "report_concepts"), values[nt++] = t->concepts;
	for (k = 0; k < 3; k++) {
		snprintf(key, sizeof(key), "report_t%zu", k + 1);
		labels[nt] = ui(r, key), values[nt++] = t->t[k];
	}
	labels[nt] = ui(r, "report_markets"), values[nt++] = t->markets;
	labels[nt] = ui(r, "report_with_errors"), values[nt++] = t->errors;
	/* The totals as boxes: the companies, then what they reached. */
	b = doc_add(d, B_BOXES);
	b->rows = xcalloc(2, sizeof(*b->rows));
	b->nrows = 2;
	for (i = 0; i < nt; i++) {
		struct brow *row = &b->rows[i < 2 || i == 5 || i == 6 ? 0 : 1];

		if (row->boxes == NULL)
			row->boxes = xcalloc(4, sizeof(*row->boxes));
		row->boxes[row->n].label = labels[i];
		row->boxes[row->n].v = vtext(xasprintf("%zu", values[i]));
		row->boxes[row->n++].lines = 1;
	}
	doc_add(d, B_FIGURE)->fig = funnel(r, t);
	doc_add(d, B_FIGURE)->fig = timeline(r);

	section(d, 1, ui(r, "report_companies"), NULL, "companies", 0);
	section(d, 2, ui(r, "report_progress"), ui(r, "report_progress_q"),
	    "progress", 1);
	b = doc_table(d, NULL, NCOLS, r->n);
	coldef(&b->cols[0], ui(r, "report_company"), 0, 3);
	cf = role_field(co, "country");
	coldef(&b->cols[1], cf ? field_label(cf, r->lang) : "", 0, 1);
	cf = role_field(co, "author");
	coldef(&b->cols[2], cf ? field_label(cf, r->lang) : "", 0, 2);
	coldef(&b->cols[3], ui(r, "phase_column"), 1, 1);
	coldef(&b->cols[4], ui(r, "report_tools"), 1, 1);
	coldef(&b->cols[5], ui(r, "report_errors"), 1, 1);
	coldef(&b->cols[6], ui(r, "report_last_change"), 0, 2);
	coldef(&b->cols[7], ui(r, "next_step"), 0, 3);
	coldef(&b->cols[8], ui(r, "recommended"), 0, 3);
	coldef(&b->cols[9], ct ? tool_label(ct, r->lang) : "", 0, 3);
	coldef(&b->cols[10], ui(r, "thresholds"), 0, 2);
	coldef(&b->cols[11], ui(r, "report_markets_col"), 0, 1);
	for (i = 0; i < r->n; i++) {
		const struct rrow *w = &r->rows[i];
		struct bval *c = &b->cells[i * NCOLS];

		c[0] = vtext(xstrdup(w->name));
		if (w->href != NULL)
			c[0].href = xstrdup(w->href);
		c[1] = vtext(dash(w->country));
		c[2] = vtext(dash(w->consultant));
		c[3] = vtext(w->phase > 5 ? xstrdup(ui(r, "report_done")) :
		    xasprintf("%d", w->phase));
		c[4] = vtext(xasprintf("%d / %d / %d", w->tools[0],
		    w->tools[1], w->tools[2]));
		c[5] = vtext(xasprintf("%zu", w->errors));
		c[6] = vtext(w->commit ? xasprintf("%s\n%s%s%s", w->date ?
		    w->date : "", w->commit, w->modified ? ", " : "",
		    w->modified ? ui(r, "modified") : "") :
		    xstrdup(ui(r, "not_in_git")));
		c[7] = vtext(dash(w->next));
		c[8] = vtext(dash(w->recommended));
		c[9] = vtext(dash(w->concept));
		/* "t1 date" held together by a no-break space. */
		c[10] = vtext(xasprintf("t1\xc2\xa0%s\nt2\xc2\xa0%s\n"
		    "t3\xc2\xa0%s", w->t[0] ?
		    w->t[0] : "–", w->t[1] ? w->t[1] : "–", w->t[2] ?
		    w->t[2] : "–"));
		c[11] = vtext(dash(w->markets));
		if (w->errors > 0)
			b->flags[i] = ROW_MARKED;
	}
	return d;
}

/* ---- CSV (RFC 4180) ---- */

/*
 * One field: quoted when it holds a comma, a quote or a line end; a
 * text a spreadsheet would take for a formula (= + - @, a tab or CR
 * first) gets a leading apostrophe, since names come from the content.
 */
static void
csv_field(struct buf *b, const char *s, int last)
{
	int	 quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0')
		buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	if (quote)
		buf_putc(b, '"');
	buf_puts(b, last ? "\r\n" : ",");
}

static char *
report_csv(const struct report *r, size_t *len)
{
	static const char *const head[] = { "company", "folder", "country",
	    "consultant", "phase", "phases_complete", "tools_complete",
	    "tools_draft", "tools_missing", "errors", "last_commit",
	    "last_change", "next_step", "recommended", "concept",
	    "concept_complete", "t1", "t2", "t3", "markets", "dossier" };
	const size_t	 nh = sizeof(head) / sizeof(head[0]);
	struct buf	 b = { 0 };
	size_t		 i, k;
	char		 n[32];

	for (k = 0; k < nh; k++)
		csv_field(&b, head[k], k + 1 == nh);
	for (i = 0; i < r->n; i++) {
		const struct rrow *w = &r->rows[i];

		csv_field(&b, w->name, 0);
		csv_field(&b, w->dir, 0);
		csv_field(&b, w->country, 0);
		csv_field(&b, w->consultant, 0);
		if (w->phase > 5)
			csv_field(&b, "done", 0);
		else {
			snprintf(n, sizeof(n), "%d", w->phase);
			csv_field(&b, n, 0);
		}
		snprintf(n, sizeof(n), "%d", w->reached + 1);
		csv_field(&b, n, 0);
		for (k = 0; k < 3; k++) {
			snprintf(n, sizeof(n), "%d", w->tools[k]);
			csv_field(&b, n, 0);
		}
		snprintf(n, sizeof(n), "%zu", w->errors);
		csv_field(&b, n, 0);
		csv_field(&b, w->commit, 0);
		csv_field(&b, w->date, 0);
		csv_field(&b, w->next, 0);
		csv_field(&b, w->recommended, 0);
		csv_field(&b, w->concept, 0);
		csv_field(&b, w->concept_done ? "yes" : "no", 0);
		for (k = 0; k < 3; k++)
			csv_field(&b, w->t[k], 0);
		csv_field(&b, w->markets, 0);
		if (w->href != NULL) {
			char *h = xasprintf("%s.html", w->href);

			csv_field(&b, h, 1);
			free(h);
		} else
			csv_field(&b, NULL, 1);
	}
	*len = b.len;
	return buf_take(&b);
}

int
report_write(char **dirs, size_t n, const struct templates *tp,
    const struct build_opts *o)
{
	struct report	 r = { 0 };
	struct version_job **jobs;
	struct totals	 t;
	struct doc	*d;
	char		*data[3] = { NULL, NULL, NULL }, *path, *css, *fontdir;
	char		 err[256];
	const char	*ext[3] = { "html", "pdf", "csv" };
	size_t		 len[3] = { 0, 0, 0 }, clen, i;
	unsigned	 faces;
	int		 rc = 0;

	r.tp = tp;
	r.lang = o->lang ? lang_index(tp, o->lang) : 0;
	if (r.lang < 0)
		r.lang = 0;
	r.rows = xcalloc(n ? n : 1, sizeof(*r.rows));
	/* The git history of the next few companies is read in threads
	 * while this one compiles: it takes longer than compiling. */
	jobs = xcalloc(n + 1, sizeof(*jobs));
	for (i = 0; i < n && i < GIT_AHEAD; i++)
		jobs[i] = version_start_commit(dirs[i]);
	for (i = 0; i < n; i++) {
		if (i + GIT_AHEAD < n)
			jobs[i + GIT_AHEAD] =
			    version_start_commit(dirs[i + GIT_AHEAD]);
		gather(&r, dirs[i], o->out, jobs[i]);
	}
	free(jobs);
	index_sort(&r.markets);
	totals(&r, &t);
	d = report_doc(&r, &t);

	path = xasprintf("%s/dossier.css", tp->dir);
	if ((css = file_read(path, 1u << 20, &clen)) == NULL) {
		diag(SEV_ERROR, path, 1, 1, "cannot read: %s", strerror(errno));
		rc = -1;
	} else
		data[0] = html_render(d, css, &len[0]);
	free(css);
	free(path);
	fontdir = xasprintf("%s/../fonts", tp->dir);
	if (rc == 0 && (data[1] = pdf_render(d, fontdir, NULL, 0, &len[1],
	    &faces, err, sizeof(err))) == NULL) {
		diag(SEV_ERROR, "report", 1, 1, "cannot make the PDF: %s", err);
		rc = -1;
	}
	free(fontdir);
	data[2] = report_csv(&r, &len[2]);
	if (rc == 0) {
		path = xasprintf("%s/programme", o->out);
		rc = build_write_set(path, "report", ext, data, len, 3);
		free(path);
	}
	for (i = 0; i < 3; i++)
		free(data[i]);
	doc_free(d);
	rows_free(&r);
	return rc;
}
