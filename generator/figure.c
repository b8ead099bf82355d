/*
 * figure.c: the figures' geometry, computed once in the form pass: the
 * emotion curve, the reward/challenge matrix with labels placed so that
 * they never overlap, the criteria bars and the workflow figure.  Every
 * figure says what it shows in words too (its alt text), and uses shapes,
 * hatching and labels besides colour, so that grey print stays readable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

struct figure *
fig_new(float w, float h)
{
	struct figure	*f = xcalloc(1, sizeof(*f));

	f->w = w;
	f->h = h;
	return f;
}

void
fig_free(struct figure *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].pts);
		free(f->v[i].text);
	}
	free(f->v);
	free(f->title);
	free(f->alt);
	free(f);
}

static struct prim *
prim(struct figure *f, enum pkind k)
{
	struct prim	*p;

	xgrow(&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	p = &f->v[f->n++];
	memset(p, 0, sizeof(*p));
	p->kind = k;
	p->width = 1;
	return p;
}

static struct prim *
line(struct figure *f, float x, float y, float x2, float y2, enum pcolor c,
    float w)
{
	struct prim	*p = prim(f, P_LINE);

	p->x = x, p->y = y, p->x2 = x2, p->y2 = y2;
	p->stroke = c;
	p->width = w;
	return p;
}

static struct prim *
rect(struct figure *f, float x, float y, float w, float h, enum pcolor fill,
    enum pcolor stroke)
{
	struct prim	*p = prim(f, P_RECT);

	p->x = x, p->y = y, p->w = w, p->h = h;
	p->fill = fill;
	p->stroke = stroke;
	return p;
}

static struct prim *
circle(struct figure *f, float x, float y, float r, enum pcolor fill,
    enum pcolor stroke)
{
	struct prim	*p = prim(f, P_CIRCLE);

	p->x = x, p->y = y, p->r = r;
	p->fill = fill;
	p->stroke = stroke;
	return p;
}

static struct prim *
text(struct figure *f, float x, float y, const char *s, float size, int anchor,
    enum pcolor c)
{
	struct prim	*p = prim(f, P_TEXT);

	p->x = x, p->y = y;
	p->text = xstrdup(s);
	p->size = size;
	p->anchor = anchor;
	p->fill = c;
	return p;
}

static struct prim *
poly(struct figure *f, const float *xy, size_t n, enum pcolor stroke,
    enum pcolor fill)
{
	struct prim	*p = prim(f, P_POLY);

	p->pts = xcalloc(2 * n, sizeof(float));
	memcpy(p->pts, xy, 2 * n * sizeof(float));
	p->npts = n;
	p->stroke = stroke;
	p->fill = fill;
	return p;
}

/*
 * Liberation Sans advance widths, in 1/1000 em, for the ASCII range; any
 * other letter counts as an average lower-case one.  Close enough to place
 * labels; the backends draw with the real metrics.
 */
static const unsigned short adv[95] = {
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333,
	278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278,
	584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
	500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
	667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556,
	278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
	278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
};

float
fig_textw(const char *s, float size, int bold)
{
	const unsigned char	*p = (const unsigned char *)s;
	float			 w = 0;

	for (; *p; p++) {
		if (*p >= 32 && *p < 127)
			w += adv[*p - 32];
		else if ((*p & 0xc0) != 0x80)
			w += 560;
	}
	return w * size / 1000.0f * (bold ? 1.08f : 1.0f);
}

/* ---- the emotion curve ---- */

#define CURVE_H		56.0f
#define CURVE_PAD	9.0f

static float
curve_y(int v)
{
	return CURVE_PAD + (float)(2 - v) * (CURVE_H - 2 * CURVE_PAD) / 4;
}

float
fig_curve_y(int v)
{
	return curve_y(v);
}

struct figure *
fig_curve_piece(int prev, int cur, int next, int pains, int axis)
{
	struct figure	*f = fig_new(100, CURVE_H);
	struct prim	*p;
	float		 yc = curve_y(cur);
	char		 v[8];
	int		 i;

	p = line(f, 0, curve_y(0), 100, curve_y(0), PC_LINE, 0.8f);
	p->dash = 1;
	/* The axis, on the first stage: +2 at the top, -2 at the bottom. */
	for (i = 2; axis && i >= -2; i -= 2) {
		snprintf(v, sizeof(v), "%s%d", i > 0 ? "+" : i < 0 ?
		    "\xe2\x88\x92" : "", i < 0 ? -i : i);
		text(f, 1, curve_y(i) + 2.5f, v, 7, -1, PC_MUTED);
	}
	if (cur == FIG_NONE)
		return f;
	if (prev != FIG_NONE)
		line(f, 0, (curve_y(prev) + yc) / 2, 50, yc, PC_ACCENT, 2);
	if (next != FIG_NONE)
		line(f, 50, yc, 100, (curve_y(next) + yc) / 2, PC_ACCENT, 2);
	if (pains > 0) {
		/* A pain: a black ring round the point, apart from the
		 * curve's colour in grey too. */
		p = circle(f, 50, yc, 6.5f, PC_WHITE, PC_INK);
		p->width = 1.8f;
	}
	circle(f, 50, yc, 3.5f, PC_ACCENT, PC_NONE);
	return f;
}

/* ---- the reward/challenge matrix ---- */

#define MX_W	480.0f
#define MX_H	330.0f
#define MX_L	46.0f		/* plot area */
#define MX_T	26.0f
#define MX_R	(MX_W - 14.0f)
#define MX_B	(MX_H - 58.0f)

static float
mx_x(int score)
{
	return MX_L + (float)(score - 5) * (MX_R - MX_L) / 20.0f;
}

static float
mx_y(int impact)
{
	return MX_B - (float)(impact - 4) * (MX_B - MX_T) / 16.0f;
}

struct rectf {
	float	 x0, y0, x1, y1;
};

static int
overlaps(const struct rectf *a, const struct rectf *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

/*
 * Places a label of width w near (x, y), avoiding every rectangle in
 * taken and staying inside the plot.  Returns the label's box.
 */
static struct rectf
place(float x, float y, float w, float h, const struct rectf *taken,
    size_t ntaken)
{
	static const float dirs[8][2] = { { 1, 0 }, { -1, 0 }, { 0, -1 },
	    { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 } };
	struct rectf	 r = { 0, 0, 0, 0 };
	float		 d;
	size_t		 i, k;

	for (d = 7; d < 120; d += 6)
		for (i = 0; i < 8; i++) {
			float cx = x + dirs[i][0] * (d + w / 2);
			float cy = y + dirs[i][1] * (d + h / 2);

			r.x0 = cx - w / 2;
			r.x1 = cx + w / 2;
			r.y0 = cy - h / 2;
			r.y1 = cy + h / 2;
			if (r.x0 < MX_L + 1 || r.x1 > MX_R - 1 ||
			    r.y0 < MX_T + 1 || r.y1 > MX_B - 1)
				continue;
			for (k = 0; k < ntaken; k++)
				if (overlaps(&r, &taken[k]))
					break;
			if (k == ntaken)
				return r;
		}
	r.x0 = x + 7;
	r.x1 = x + 7 + w;
	r.y0 = y - h / 2;
	r.y1 = y + h / 2;
	return r;
}

struct figure *
fig_matrix(const struct doc *d)
{
	const struct resolved	*r = d->c->res;
	struct figure		*f = fig_new(MX_W, MX_H);
	struct rectf		*taken;
	struct prim		*p;
	struct buf		 alt = { 0 };
	size_t			 i, nt = 0, n = 0;
	int			 v;
	char			 num[16];
	const float		 lh = 10;

	taken = xcalloc(2 * r->nopps + 8, sizeof(*taken));
	/* The easy, rewarding quadrant, then the grid. */
	rect(f, MX_L, MX_T, mx_x(15) - MX_L, mx_y(12) - MX_T, PC_SOFT,
	    PC_NONE);
	rect(f, MX_L, MX_T, MX_R - MX_L, MX_B - MX_T, PC_NONE, PC_INK);
	p = line(f, mx_x(15), MX_T, mx_x(15), MX_B, PC_MUTED, 0.8f);
	p->dash = 1;
	p = line(f, MX_L, mx_y(12), MX_R, mx_y(12), PC_MUTED, 0.8f);
	p->dash = 1;
	for (v = 5; v <= 25; v += 5) {
		snprintf(num, sizeof(num), "%d", v);
		line(f, mx_x(v), MX_B, mx_x(v), MX_B + 4, PC_INK, 0.8f);
		text(f, mx_x(v), MX_B + 14, num, 8, 0, PC_INK);
	}
	for (v = 4; v <= 20; v += 4) {
		snprintf(num, sizeof(num), "%d", v);
		line(f, MX_L - 4, mx_y(v), MX_L, mx_y(v), PC_INK, 0.8f);
		text(f, MX_L - 7, mx_y(v) + 3, num, 8, 1, PC_INK);
	}
	text(f, (MX_L + MX_R) / 2, MX_B + 28, doc_ui(d, "score_axis"), 8.5f,
	    0, PC_INK)->bold = 1;
	text(f, MX_L, MX_T - 10, doc_ui(d, "impact_axis"), 8.5f, -1,
	    PC_INK)->bold = 1;
	/* Quadrant names in their corners, kept free of labels. */
	{
		static const char *const q[4] = { "quadrant_start",
		    "quadrant_big_bets", "quadrant_quick_wins",
		    "quadrant_avoid" };
		float qx[4] = { MX_L + 4, MX_R - 4, MX_L + 4, MX_R - 4 };
		float qy[4] = { MX_T + 11, MX_T + 11, MX_B - 5, MX_B - 5 };
		int qa[4] = { -1, 1, -1, 1 };

		for (i = 0; i < 4; i++) {
			const char *s = doc_ui(d, q[i]);
			float w = fig_textw(s, 7, 0);

			text(f, qx[i], qy[i], s, 7, qa[i], PC_MUTED);
			taken[nt].x0 = qa[i] < 0 ? qx[i] : qx[i] - w;
			taken[nt].x1 = taken[nt].x0 + w;
			taken[nt].y0 = qy[i] - 8;
			taken[nt].y1 = qy[i] + 2;
			nt++;
		}
	}
	/* Points first, so that no label covers one. */
	for (i = 0; i < r->nopps; i++) {
		const struct opportunity *o = &r->opps[i];
		float x, y;

		if (o->rank == 0)
			continue;
		x = mx_x(o->score);
		y = mx_y(o->impact);
		if (r->concept && strcmp(r->concept, o->id) == 0) {
			p = rect(f, x - 8, y - 8, 16, 16, PC_NONE, PC_INK);
			p->width = 1.2f;
		}
		if (o->recommended) {
			p = circle(f, x, y, 6.5f, PC_WHITE, PC_INK);
			p->width = 1.6f;
		}
		circle(f, x, y, 3.6f, PC_ACCENT, PC_NONE);
		taken[nt].x0 = x - 8;
		taken[nt].x1 = x + 8;
		taken[nt].y0 = y - 8;
		taken[nt].y1 = y + 8;
		nt++;
		buf_printf(&alt, "%s%s: %s %d, %s %d%s", n++ ? "; " : "",
		    o->id, doc_ui(d, "impact"), o->impact, doc_ui(d, "score"),
		    o->score, o->recommended ? " (recommended)" : "");
	}
	for (i = 0; i < r->nopps; i++) {
		const struct opportunity *o = &r->opps[i];
		float w = fig_textw(o->id, 8, 1);
		struct rectf lr;

		if (o->rank == 0)
			continue;
		lr = place(mx_x(o->score), mx_y(o->impact), w + 2, lh, taken,
		    nt);
		taken[nt++] = lr;
		text(f, (lr.x0 + lr.x1) / 2, lr.y1 - 2, o->id, 8, 0,
		    PC_INK)->bold = 1;
	}
	/* The legend. */
	{
		float y = MX_H - 12, x = MX_L;

		circle(f, x + 4, y - 3, 3.6f, PC_ACCENT, PC_NONE);
		text(f, x + 12, y, doc_ui(d, "legend_opportunity"), 7.5f, -1,
		    PC_INK);
		x += 22 + fig_textw(doc_ui(d, "legend_opportunity"), 7.5f, 0);
		p = circle(f, x + 6, y - 3, 6.5f, PC_WHITE, PC_INK);
		p->width = 1.6f;
		circle(f, x + 6, y - 3, 3.6f, PC_ACCENT, PC_NONE);
		text(f, x + 16, y, doc_ui(d, "recommended"), 7.5f, -1, PC_INK);
		x += 26 + fig_textw(doc_ui(d, "recommended"), 7.5f, 0);
		p = rect(f, x, y - 10, 14, 14, PC_NONE, PC_INK);
		p->width = 1.2f;
		text(f, x + 18, y, doc_ui(d, "concept_choice"), 7.5f, -1,
		    PC_INK);
	}
	f->title = xstrdup(doc_ui(d, "reward_challenge"));
	f->alt = buf_take(&alt);
	free(taken);
	return f;
}

/* ---- the criteria bars ---- */

struct figure *
fig_bars(const struct doc *d)
{
	const struct resolved	*r = d->c->res;
	const struct tooldef	*t = tool_find(d->tp, "priorities");
	const struct fielddef	*rec = t ? field_find(t->fields, t->nfields,
				    "priorities") : NULL;
	const struct fielddef	*crit[8];
	static const enum pcolor fills[] = { PC_ACCENT, PC_SOFT, PC_MUTED,
	    PC_WHITE, PC_LINE };
	struct figure		*f;
	struct buf		 alt = { 0 };
	size_t			 i, j, nc = 0, nrow;
	int			 v, sum;
	long			 lv;
	float			 unit, x, y, lx;
	char			 num[16];

	for (j = 0; rec && j < rec->nfields && nc < 5; j++)
		if (rec->fields[j].kind == K_INT && !rec->fields[j].hidden)
			crit[nc++] = &rec->fields[j];
	nrow = r->nranked;
	f = fig_new(480, 26 + 20 * (float)nrow + 44);
	unit = (480 - 50 - 40) / 25.0f;
	y = 10;
	for (i = 0; i < r->nranked; i++) {
		const struct opportunity *o = r->ranked[i];

		text(f, 0, y + 11, o->id, 8, -1, PC_INK)->bold = 1;
		x = 50;
		sum = 0;
		for (j = 0; j < nc; j++) {
			const struct ynode *n = yget(o->prow,
			    crit[j]->key);
			struct prim *p;

			if (n == NULL || n->kind != Y_SCALAR ||
			    !parse_long(n->str, 1, 5, &lv))
				continue;
			v = (int)lv;
			p = rect(f, x, y, unit * (float)v, 15,
			    fills[j % 5], PC_INK);
			p->width = 0.6f;
			p->hatch = j == 3;
			snprintf(num, sizeof(num), "%d", v);
			if (p->hatch)
				rect(f, x + unit * (float)v / 2 - 5,
				    y + 3, 10, 10, PC_WHITE, PC_NONE);
			text(f, x + unit * (float)v / 2, y + 11, num,
			    7.5f, 0, j == 0 || j == 2 ? PC_WHITE :
			    PC_INK);
			x += unit * (float)v;
			sum += v;
		}
		snprintf(num, sizeof(num), "= %d", sum);
		text(f, x + 4, y + 11, num, 8, -1, PC_INK)->bold = 1;
		buf_printf(&alt, "%s%s: %d", alt.len ? "; " : "",
		    o->id, sum);
		y += 20;
	}
	/* The legend: one swatch per criterion. */
	y += 10;
	lx = 50;
	for (j = 0; j < nc; j++) {
		const char *label = field_label(crit[j], d->lang);
		float w = fig_textw(label, 7.5f, 0);
		struct prim *p;

		if (lx + 14 + w > 480) {
			lx = 50;
			y += 14;
		}
		p = rect(f, lx, y, 10, 10, fills[j % 5], PC_INK);
		p->width = 0.6f;
		p->hatch = j == 3;
		text(f, lx + 14, y + 8, label, 7.5f, -1, PC_INK);
		lx += 24 + w;
	}
	f->h = y + 16;
	f->title = xstrdup(doc_ui(d, "criteria_bars"));
	f->alt = buf_take(&alt);
	return f;
}

/* ---- the workflow figure ---- */

#define WF_LINES	6	/* lines of a label; its box grows to them */

/* Breaks s into lines of at most w points; returns how many. */
static size_t
wrap(const char *s, float size, float w, char lines[][96], size_t max)
{
	size_t	 n = 0, len;
	char	 word[96];
	const char *p = s;

	lines[0][0] = '\0';
	while (*p && n < max) {
		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len == 0)
			break;
		if (len > sizeof(word) - 1)
			len = sizeof(word) - 1;
		memcpy(word, p, len);
		word[len] = '\0';
		p += strcspn(p, " ");
		if (lines[n][0] != '\0' && fig_textw(lines[n], size, 0) +
		    fig_textw(" ", size, 0) + fig_textw(word, size, 0) > w) {
			if (n + 1 == max) {
				/* More than max lines: say so. */
				if (strlen(lines[n]) + 4 < 96)
					strcat(lines[n], "\xe2\x80\xa6");
				return max;
			}
			lines[++n][0] = '\0';
		}
		if (strlen(lines[n]) + len + 2 < 96) {
			if (lines[n][0] != '\0')
				strcat(lines[n], " ");
			strcat(lines[n], word);
		}
	}
	return n < max ? n + 1 : max;
}

struct figure *
fig_workflow(const struct doc *d)
{
	const struct resolved	*r = d->c->res;
	struct figure		*f;
	struct prim		*p;
	struct buf		 alt = { 0 };
	const float		 colw = 84, gapw = 10, top = 44;
	/* Text at 7.8 here is 7 points or more on the page (the figure is
	 * scaled to the text width, 0.9). */
	const float		 fs = 7.8f, lead = 9.0f;
	float			 boxh;
	float			 x, y, maxy = 0;
	size_t			 i, k, nl, count;
	int			 ph;
	char			 lines[WF_LINES][96], slines[2][96], key[8], *s;
	size_t			 ns;

	f = fig_new(6 * colw + 5 * gapw, 10);
	for (ph = 0; ph <= 5; ph++) {
		x = (float)ph * (colw + gapw);
		s = xasprintf(doc_ui(d, "phase"), ph);
		text(f, x + colw / 2, 12, s, 9, 0, PC_INK)->bold = 1;
		free(s);
		snprintf(key, sizeof(key), "phase%d", ph);
		nl = wrap(doc_ui(d, key), fs, colw, lines, 2);
		for (k = 0; k < nl; k++)
			text(f, x + colw / 2, 23 + lead * (float)k, lines[k], fs,
			    0, PC_MUTED);
		if (ph < 5) {
			float ax = x + colw + 1, ay = top - 8;
			float head[6] = { ax + gapw - 5, ay - 3, ax + gapw - 2,
			    ay, ax + gapw - 5, ay + 3 };

			line(f, ax, ay, ax + gapw - 2, ay, PC_MUTED, 1);
			poly(f, head, 3, PC_MUTED, PC_NONE);
		}
		y = top;
		count = 0;
		for (i = 0; i < r->ntools; i++) {
			const struct toolstate *ts = &r->tools[i];
			int next = r->next == ts;

			if (ts->def->phase != ph)
				continue;
			count++;
			/* The box grows with its label and its status:
			 * nothing is cut. */
			s = xasprintf("%s%s", next ? "\xe2\x96\xba " : "",
			    doc_ui(d, status_name(ts->status)));
			ns = wrap(s, fs * 1.08f, colw - 14, slines, 2);
			nl = wrap(tool_label(ts->def, d->lang), fs, colw - 14,
			    lines, WF_LINES);
			boxh = 10 + lead * (float)(nl + ns) + 4;
			if (boxh < 44)
				boxh = 44;
			switch (ts->status) {
			case ST_COMPLETE:
				p = rect(f, x, y, colw, boxh, PC_GOOD, PC_INK);
				break;
			case ST_DRAFT:
				/* A light box with a hatched strip: the text
				 * stays readable, the hatch says "draft". */
				rect(f, x, y, colw, boxh, PC_MARK, PC_NONE);
				p = rect(f, x, y, 7, boxh, PC_WARN, PC_NONE);
				p->hatch = 1;
				p = rect(f, x, y, colw, boxh, PC_NONE, PC_INK);
				break;
			case ST_MISSING:
				p = rect(f, x, y, colw, boxh, PC_WHITE, PC_BAD);
				p->dash = 1;
				break;
			default:
				p = rect(f, x, y, colw, boxh, PC_WHITE,
				    PC_MUTED);
				p->dash = 1;
				break;
			}
			p->width = next ? 2.6f : 0.8f;
			if (next)
				p->stroke = PC_ACCENT;
			for (k = 0; k < nl; k++)
				text(f, x + 10, y + 11 + lead * (float)k,
				    lines[k], fs, -1, PC_INK);
			for (k = 0; k < ns; k++)
				text(f, x + 10, y + boxh - 5 - lead *
				    (float)(ns - 1 - k), slines[k], fs, -1,
				    next ? PC_ACCENT : PC_INK)->bold = 1;
			free(s);
			buf_printf(&alt, "%s%s: %s%s", alt.len ? "; " : "",
			    tool_label(ts->def, d->lang),
			    doc_ui(d, status_name(ts->status)),
			    next ? " (next step)" : "");
			y += boxh + 6;
		}
		/* Decisions open phases 4 and 5; thresholds close them. */
		if (ph >= 4) {
			const char *date = r->decided[ph - 4];
			float dx = x + 6, dy = y + 8;
			float dia[10] = { dx, dy - 6, dx + 6, dy, dx, dy + 6,
			    dx - 6, dy, dx, dy - 6 };

			poly(f, dia, 5, PC_INK, date ? PC_INK : PC_WHITE);
			nl = wrap(doc_ui(d, ph == 4 ? "decision_strategy" :
			    "decision_international"), fs, colw - 16, lines,
			    WF_LINES);
			for (k = 0; k < nl; k++)
				text(f, dx + 10, dy + 3 + lead * (float)k,
				    lines[k], fs, -1, PC_INK);
			y += 12 + lead * (float)nl;
			for (k = ph == 4 ? 0 : 2; k < (ph == 4 ? 2u : 3u); k++) {
				const struct threshold *t = &r->thresholds[k];

				p = rect(f, x, y, colw, 14, t->date ? PC_INK :
				    PC_WHITE, PC_INK);
				p->dash = t->date == NULL;
				s = xasprintf("%c%s %s", 'T', t->key + 1,
				    t->date ? t->date : doc_ui(d,
				    "not_reached"));
				text(f, x + colw / 2, y + 10, s, fs, 0,
				    t->date ? PC_WHITE : PC_INK)->bold = 1;
				free(s);
				y += 18;
			}
		}
		(void)count;
		if (y > maxy)
			maxy = y;
	}
	f->h = maxy + 4;
	f->title = xstrdup(doc_ui(d, "workflow_figure"));
	f->alt = buf_take(&alt);
	return f;
}
