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

#include "diag.h"
#include "figure.h"
#include "hyphen.h"
#include "model.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

/* An interface text in the figure's language. */
#define UI(k)	ui_text(r->tp, lang, (k))

/*
 * The one palette, as RGB bytes: the PDF divides by 255, the HTML writes
 * them as #rrggbb (PC_NONE is no paint at all).
 */
const unsigned char palette[PC__N][3] = {
	{ 0, 0, 0 }, { PAL_INK }, { PAL_MUTED }, { PAL_ACCENT }, { PAL_LINE },
	{ PAL_SOFT }, { PAL_WHITE }, { PAL_GOOD }, { PAL_WARN }, { PAL_BAD },
	{ PAL_MARK },
};

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

struct prim *
fig_line(struct figure *f, float x, float y, float x2, float y2,
    enum pcolor c, float w)
{
	return line(f, x, y, x2, y2, c, w);
}

struct prim *
fig_rect(struct figure *f, float x, float y, float w, float h,
    enum pcolor fill, enum pcolor stroke)
{
	return rect(f, x, y, w, h, fill, stroke);
}

struct prim *
fig_text(struct figure *f, float x, float y, const char *s, float size,
    int anchor, enum pcolor c)
{
	return text(f, x, y, s, size, anchor, c);
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

/* The height of v (-1 bottom .. 1 top) in a curve piece. */
static float
curve_y(float v)
{
	return CURVE_PAD + (1 - v) * (CURVE_H - 2 * CURVE_PAD) / 2;
}

float
fig_curve_y(float v)
{
	return curve_y(v);
}

struct figure *
fig_curve_piece(float prev, float cur, float next, int pains)
{
	struct figure	*f = fig_new(100, CURVE_H);
	struct prim	*p;
	float		 yc;

	p = line(f, 0, curve_y(0), 100, curve_y(0), PC_LINE, 0.8f);
	p->dash = 1;
	if (cur == FIG_NONE)
		return f;
	yc = curve_y(cur);
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

/* The ranges of the axes: the ranking's minus (x) and plus (y) sums. */
static long	 mx_x0 = 5, mx_x1 = 25, mx_y0 = 4, mx_y1 = 20;

static float
mx_x(int score)
{
	return MX_L + (float)(score - mx_x0) * (MX_R - MX_L) /
	    (float)(mx_x1 - mx_x0);
}

static float
mx_y(int impact)
{
	return MX_B - (float)(impact - mx_y0) * (MX_B - MX_T) /
	    (float)(mx_y1 - mx_y0);
}

/* Sets the axes from the templates' sums; 0 when they cannot be drawn. */
static int
mx_axes(const struct templates *tp)
{
	const struct rankdef	*rk = &tp->ranking;

	if (rk->plus < 0 || rk->minus < 0)
		return 0;
	mx_x0 = tp->sums[rk->minus].min;
	mx_x1 = tp->sums[rk->minus].max;
	mx_y0 = tp->sums[rk->plus].min;
	mx_y1 = tp->sums[rk->plus].max;
	return mx_x1 > mx_x0 && mx_y1 > mx_y0;
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
 * The rectangles taken in the plot, filed by the cells of a coarse grid
 * over the figure that they cover, so that a label's place is checked
 * against its neighbours only: a matrix of 800 opportunities stays
 * linear.  A rectangle equal to one filed already (points of the same
 * scores) is not filed twice.
 */
#define TK_CELL		24.0f
#define TK_NX		((int)(MX_W / TK_CELL) + 1)
#define TK_NY		((int)(MX_H / TK_CELL) + 1)

struct taken {
	struct rectf	 *v;
	size_t		  n, cap;
	size_t		**cell;		/* TK_NX * TK_NY lists of indices */
	size_t		 *ncell, *capcell;
};

static int
tk_cell(float v, int n)
{
	int	 c = (int)(v / TK_CELL);

	return c < 0 ? 0 : c >= n ? n - 1 : c;
}

static int
tk_overlaps(const struct taken *t, const struct rectf *r, int same)
{
	int	 x, y, x0 = tk_cell(r->x0, TK_NX), x1 = tk_cell(r->x1, TK_NX);
	int	 y0 = tk_cell(r->y0, TK_NY), y1 = tk_cell(r->y1, TK_NY);
	size_t	 k, c;

	for (y = y0; y <= y1; y++)
		for (x = x0; x <= x1; x++) {
			c = (size_t)y * TK_NX + (size_t)x;
			for (k = 0; k < t->ncell[c]; k++) {
				const struct rectf *o = &t->v[t->cell[c][k]];

				if (same ? memcmp(o, r, sizeof(*r)) == 0 :
				    overlaps(r, o))
					return 1;
			}
		}
	return 0;
}

static void
tk_add(struct taken *t, float x0, float y0, float x1, float y1)
{
	struct rectf	 r = { x0, y0, x1, y1 };
	int		 x, y;
	size_t		 c;

	if (t->cell == NULL) {
		t->cell = xcalloc(TK_NX * TK_NY, sizeof(*t->cell));
		t->ncell = xcalloc(TK_NX * TK_NY, sizeof(*t->ncell));
		t->capcell = xcalloc(TK_NX * TK_NY, sizeof(*t->capcell));
	}
	if (tk_overlaps(t, &r, 1))
		return;
	xgrow(&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	t->v[t->n] = r;
	for (y = tk_cell(y0, TK_NY); y <= tk_cell(y1, TK_NY); y++)
		for (x = tk_cell(x0, TK_NX); x <= tk_cell(x1, TK_NX); x++) {
			c = (size_t)y * TK_NX + (size_t)x;
			xgrow(&t->cell[c], &t->capcell[c], t->ncell[c] + 1,
			    sizeof(**t->cell));
			t->cell[c][t->ncell[c]++] = t->n;
		}
	t->n++;
}

static void
tk_free(struct taken *t)
{
	size_t	 c;

	for (c = 0; t->cell && c < (size_t)(TK_NX * TK_NY); c++)
		free(t->cell[c]);
	free(t->cell);
	free(t->ncell);
	free(t->capcell);
	free(t->v);
}

/*
 * Places a label of width w near (x, y), avoiding every rectangle taken
 * and staying inside the plot.  Returns the label's box; *ok is cleared
 * when no free place was found (the label then sits right of its point,
 * and is not filed: a crowd of such labels would make every later
 * search long).
 */
static struct rectf
place(float x, float y, float w, float h, const struct taken *t, int *ok)
{
	static const float dirs[8][2] = { { 1, 0 }, { -1, 0 }, { 0, -1 },
	    { 0, 1 }, { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 } };
	struct rectf	 r = { 0, 0, 0, 0 };
	float		 d;
	size_t		 i;

	*ok = 1;
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
			if (!tk_overlaps(t, &r, 0))
				return r;
		}
	*ok = 0;
	r.x0 = x + 7;
	r.x1 = x + 7 + w;
	r.y0 = y - h / 2;
	r.y1 = y + h / 2;
	return r;
}

struct figure *
fig_matrix(const struct resolved *r, int lang)
{
	struct figure		*f = fig_new(MX_W, MX_H);
	struct taken		 taken = { 0 };
	struct prim		*p;
	struct buf		 alt = { 0 };
	size_t			 i, n = 0;
	int			 v, ok;
	char			 num[16];
	const float		 lh = 10;

	long			 xs, ys;
	int			 xm, ym;

	if (!mx_axes(r->tp))
		return f;
	xs = (mx_x1 - mx_x0) / 4 > 0 ? (mx_x1 - mx_x0) / 4 : 1;
	ys = (mx_y1 - mx_y0) / 4 > 0 ? (mx_y1 - mx_y0) / 4 : 1;
	xm = (int)((mx_x0 + mx_x1) / 2);
	ym = (int)((mx_y0 + mx_y1) / 2);
	/* The easy, rewarding quadrant, then the grid. */
	rect(f, MX_L, MX_T, mx_x(xm) - MX_L, mx_y(ym) - MX_T, PC_SOFT,
	    PC_NONE);
	rect(f, MX_L, MX_T, MX_R - MX_L, MX_B - MX_T, PC_NONE, PC_INK);
	p = line(f, mx_x(xm), MX_T, mx_x(xm), MX_B, PC_MUTED, 0.8f);
	p->dash = 1;
	p = line(f, MX_L, mx_y(ym), MX_R, mx_y(ym), PC_MUTED, 0.8f);
	p->dash = 1;
	for (v = (int)mx_x0; v <= mx_x1; v += (int)xs) {
		snprintf(num, sizeof(num), "%d", v);
		line(f, mx_x(v), MX_B, mx_x(v), MX_B + 4, PC_INK, 0.8f);
		text(f, mx_x(v), MX_B + 14, num, 8, 0, PC_INK);
	}
	for (v = (int)mx_y0; v <= mx_y1; v += (int)ys) {
		snprintf(num, sizeof(num), "%d", v);
		line(f, MX_L - 4, mx_y(v), MX_L, mx_y(v), PC_INK, 0.8f);
		text(f, MX_L - 7, mx_y(v) + 3, num, 8, 1, PC_INK);
	}
	text(f, (MX_L + MX_R) / 2, MX_B + 28, UI("score_axis"), 8.5f,
	    0, PC_INK)->bold = 1;
	text(f, MX_L, MX_T - 10, UI("impact_axis"), 8.5f, -1,
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
			const char *s = UI(q[i]);
			float w = fig_textw(s, 7, 0);

			text(f, qx[i], qy[i], s, 7, qa[i], PC_MUTED);
			tk_add(&taken, qa[i] < 0 ? qx[i] : qx[i] - w,
			    qy[i] - 8, (qa[i] < 0 ? qx[i] : qx[i] - w) + w,
			    qy[i] + 2);
		}
	}
	/* Points first, so that no label covers one. */
	for (i = 0; i < r->nopps; i++) {
		const struct opportunity *o = &r->opps[i];
		float x, y;

		if (o->rank == 0 || o->impact < 0 || o->score < 0)
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
		tk_add(&taken, x - 8, y - 8, x + 8, y + 8);
		buf_printf(&alt, "%s%s: %s %d, %s %d%s", n++ ? "; " : "",
		    o->id, UI("impact"), o->impact, UI("score"),
		    o->score, o->recommended ? " (recommended)" : "");
	}
	for (i = 0; i < r->nopps; i++) {
		const struct opportunity *o = &r->opps[i];
		float w = fig_textw(o->id, 8, 1);
		struct rectf lr;

		if (o->rank == 0 || o->impact < 0 || o->score < 0)
			continue;
		lr = place(mx_x(o->score), mx_y(o->impact), w + 2, lh, &taken,
		    &ok);
		if (ok)
			tk_add(&taken, lr.x0, lr.y0, lr.x1, lr.y1);
		text(f, (lr.x0 + lr.x1) / 2, lr.y1 - 2, o->id, 8, 0,
		    PC_INK)->bold = 1;
	}
	/* The legend. */
	{
		float y = MX_H - 12, x = MX_L;

		circle(f, x + 4, y - 3, 3.6f, PC_ACCENT, PC_NONE);
		text(f, x + 12, y, UI("legend_opportunity"), 7.5f, -1,
		    PC_INK);
		x += 22 + fig_textw(UI("legend_opportunity"), 7.5f, 0);
		p = circle(f, x + 6, y - 3, 6.5f, PC_WHITE, PC_INK);
		p->width = 1.6f;
		circle(f, x + 6, y - 3, 3.6f, PC_ACCENT, PC_NONE);
		text(f, x + 16, y, UI("recommended"), 7.5f, -1, PC_INK);
		x += 26 + fig_textw(UI("recommended"), 7.5f, 0);
		p = rect(f, x, y - 10, 14, 14, PC_NONE, PC_INK);
		p->width = 1.2f;
		text(f, x + 18, y, UI("concept_choice"), 7.5f, -1,
		    PC_INK);
	}
	f->title = xstrdup(UI("reward_challenge"));
	f->alt = buf_take(&alt);
	tk_free(&taken);
	return f;
}

/* ---- the criteria bars ---- */

#define MAX_FIELDS_BARS	10	/* criteria drawn, at most */

struct figure *
fig_bars(const struct resolved *r, int lang)
{
	const struct fielddef	*rec = NULL;
	const struct fielddef	*crit[MAX_FIELDS_BARS];
	static const enum pcolor fills[] = { PC_ACCENT, PC_SOFT, PC_MUTED,
	    PC_WHITE, PC_LINE };
	struct figure		*f;
	struct buf		 alt = { 0 };
	size_t			 i, j, k, nc = 0, nrow;
	int			 v, sum, bars = r->tp->ranking.bars;
	float			 unit, x, y, lx;
	char			 num[16];

	/* The criteria: the fields that add to the ranking's `bars` sum. */
	for (i = 0; bars >= 0 && rec == NULL && i < r->tp->ntools; i++)
		for (j = 0; rec == NULL && j < r->tp->tools[i].nfields; j++) {
			const struct fielddef *l = &r->tp->tools[i].fields[j];

			for (k = 0; l->kind == K_RECORDS && k < l->nfields; k++)
				if (l->fields[k].sum == bars)
					rec = l;
		}
	for (j = 0; rec && j < rec->nfields && nc < MAX_FIELDS_BARS; j++)
		if (rec->fields[j].sum == bars)
			crit[nc++] = &rec->fields[j];
	nrow = r->nranked;
	f = fig_new(480, 26 + 20 * (float)nrow + 44);
	unit = bars >= 0 && r->tp->sums[bars].max > 0 ? (480 - 50 - 40) /
	    (float)r->tp->sums[bars].max : 1;
	y = 10;
	for (i = 0; i < r->nranked; i++) {
		const struct opportunity *o = r->ranked[i];
		const struct ynode *row = bars < 0 ? NULL : o->rows[bars] ?
		    o->rows[bars] : o->row;

		text(f, 0, y + 11, o->id, 8, -1, PC_INK)->bold = 1;
		x = 50;
		sum = 0;
		for (j = 0; j < nc; j++) {
			struct prim *p;

			if (!value_int(crit[j], yget(row, crit[j]->key), &v))
				continue;
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
		const char *label = field_label(crit[j], lang);
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
	f->title = xstrdup(UI("criteria_bars"));
	f->alt = buf_take(&alt);
	return f;
}

/* ---- the workflow figure ---- */

static float
measure(const char *s, size_t len, void *size)
{
	char	*t = xstrndup(s, len);
	float	 w = fig_textw(t, *(float *)size, 0);

	free(t);
	return w;
}

#define WF_LINES	12	/* lines of a label; its box grows to them */
#define WF_BYTES	256	/* bytes of one line */

/*
 * The workflow figure's type is at its floor already (7.8 of its units
 * are 7 points on the page), so a label cannot shrink: its box grows,
 * up to WF_LINES lines.  Beyond, or a word wider than its box, the text
 * is cut with an ellipsis, and a warning names where it comes from.
 */
static void
cut_warn(const struct resolved *r, int lang, const char *s, const char *what,
    int max)
{
	char	*path = NULL;
	int	 line = 1, col = 1;
	size_t	 len = strlen(s) > 40 ? utf8_cut(s, 40) : strlen(s);

	templates_text_source(r->tp, lang, s, &path, &line, &col);
	diag(SEV_WARNING, path, line, col, "%s `%.*s%s` is cut to fit the "
	    "workflow figure", what, (int)len, s, s[len] ? "\xe2\x80\xa6" :
	    "");
	diag_help("the figure holds %d lines of it, its type at the floor "
	    "(7 pt); a shorter text fits whole", max);
	free(path);
}

static float
lay_measure(void *size, const char *s, size_t len)
{
	return measure(s, len, size);
}

/*
 * Breaks s into lines of at most w points, in language code (a word
 * wider than w is hyphenated, or cut between characters with a hyphen,
 * as the PDF's text is: hyphen.h); returns how many, and sets *cut when
 * the text did not fit in max lines (then the last ends in an
 * ellipsis).
 */
static size_t
wrap(const char *s, const char *code, float size, float w,
    char lines[][WF_BYTES], size_t max, int *cut)
{
	const float	 sw = fig_textw(" ", size, 0);
	const char	*p = s;
	size_t		 n = 0, len, cur = 0, k;
	float		 lw = 0, pw;
	int		 hyphen;

	if (max > WF_LINES)
		max = WF_LINES;
	lines[0][0] = '\0';
	for (;;) {
		p += strspn(p, " ");
		if ((len = strcspn(p, " ")) == 0)
			break;
		pw = measure(p, len, &size);
		hyphen = 0;
		if (cur > 0 && lw + sw + pw > w) {
			/* The line is full: on to the next. */
			if (++n == max)
				break;
			cur = 0;
			lw = 0;
			lines[n][0] = '\0';
		}
		if (cur == 0 && pw > w) {
			/* A word wider than the box: its piece that fits. */
			k = lay_cut(code, p, len, w, 1, lay_measure, &size,
			    &hyphen, &pw);
			for (k = k ? k : 1; (p[k] & 0xC0) == 0x80; k++)
				;
		} else
			k = len;
		if (cur + k + 5 >= WF_BYTES)
			k = utf8_cut(p, WF_BYTES - 6 - cur);
		lw += cur > 0 ? sw + pw : pw;
		if (cur > 0)
			lines[n][cur++] = ' ';
		memcpy(lines[n] + cur, p, k);
		cur += k;
		if (k < len && hyphen)
			cur += (size_t)sprintf(lines[n] + cur, "-");
		lines[n][cur] = '\0';
		p += k;
		if (k < len) {
			/* The rest of the word starts the next line. */
			if (++n == max)
				break;
			cur = 0;
			lw = 0;
			lines[n][0] = '\0';
		}
	}
	if (n == max) {
		/* More than max lines: the last says so. */
		n--;
		len = strlen(lines[n]);
		while (len > 0 && measure(lines[n], len, &size) + fig_textw(
		    "\xe2\x80\xa6", size, 0) > w)
			len = utf8_cut(lines[n], len - 1);
		strcpy(lines[n] + len, "\xe2\x80\xa6");
		*cut = 1;
	}
	return n + 1;
}

struct figure *
fig_workflow(const struct resolved *r, int lang)
{
	struct figure		*f;
	struct prim		*p;
	struct buf		 alt = { 0 };
	const float		 colw = 84, gapw = 10;
	/* Text at 7.8 here is 7 points or more on the page (the figure is
	 * scaled to the text width, 0.9). */
	const float		 fs = 7.8f, lead = 9.0f;
	float			 boxh, top = 44;
	float			 x, y, maxy = 0;
	size_t			 i, k, nl, count;
	size_t			 pi, np = r->tp->nphases;
	int			 ph;
	char			 lines[WF_LINES][WF_BYTES], slines[2][WF_BYTES];
	char			*s;
	size_t			 ns;
	int			 cut;
	const char		*code = (size_t)lang < r->tp->nlangs &&
			    r->tp->langs[lang].code ? r->tp->langs[lang].code :
			    "en";

	/* A phase's label takes two lines, or up to four, and then every
	 * column starts below the longest. */
	for (pi = 0; pi < np; pi++) {
		cut = 0;
		nl = wrap(UI(r->tp->phases[pi].label), code, fs, colw, lines,
		    4, &cut);
		if (nl > 2 && top < 44 + 9.0f * (float)(nl - 2))
			top = 44 + 9.0f * (float)(nl - 2);
		if (cut)
			cut_warn(r, lang, UI(r->tp->phases[pi].label),
			    "the phase label", 4);
	}
	f = fig_new((float)np * colw + (float)(np ? np - 1 : 0) * gapw, 10);
	for (pi = 0; pi < np; pi++) {
		ph = r->tp->phases[pi].number;
		x = (float)pi * (colw + gapw);
		s = xasprintf(UI("phase"), ph);
		text(f, x + colw / 2, 12, s, 9, 0, PC_INK)->bold = 1;
		free(s);
		nl = wrap(UI(r->tp->phases[pi].label), code, fs, colw, lines,
		    4, &cut);
		for (k = 0; k < nl; k++)
			text(f, x + colw / 2, 23 + lead * (float)k, lines[k],
			    fs, 0, PC_MUTED);
		if (pi + 1 < np) {
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

			if (ts->def->phase_index != pi)
				continue;
			count++;
			/* The box grows with its label and its status:
			 * nothing is cut. */
			s = xasprintf("%s%s", next ? "\xe2\x96\xba " : "",
			    UI(status_name(ts->status)));
			cut = 0;
			ns = wrap(s, code, fs * 1.08f, colw - 14, slines, 2, &cut);
			if (cut)
				cut_warn(r, lang, UI(status_name(ts->status)),
				    "the status", 2);
			cut = 0;
			nl = wrap(tool_label(ts->def, lang), code, fs, colw - 14,
			    lines, WF_LINES, &cut);
			if (cut)
				cut_warn(r, lang, tool_label(ts->def, lang),
				    "the tool label", WF_LINES);
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
			    tool_label(ts->def, lang),
			    UI(status_name(ts->status)),
			    next ? " (next step)" : "");
			y += boxh + 6;
		}
		/* Decisions open their phases; thresholds close them. */
		for (k = 0; k < r->ndecided; k++) {
			const char *date = r->decided[k].date;
			float dx = x + 6, dy = y + 8;
			float dia[10] = { dx, dy - 6, dx + 6, dy, dx, dy + 6,
			    dx - 6, dy, dx, dy - 6 };
			size_t l;

			if (r->decided[k].phase != ph)
				continue;
			poly(f, dia, 5, PC_INK, date ? PC_INK : PC_WHITE);
			const char *cap = r->decided[k].def->caption ?
			    UI(r->decided[k].def->caption) : field_label(
			    r->decided[k].def, lang);

			cut = 0;
			nl = wrap(cap, code, fs, colw - 16, lines, WF_LINES, &cut);
			if (cut)
				cut_warn(r, lang, cap, "the decision's label", WF_LINES);
			for (l = 0; l < nl; l++)
				text(f, dx + 10, dy + 3 + lead * (float)l,
				    lines[l], fs, -1, PC_INK);
			y += 12 + lead * (float)nl;
		}
		for (k = 0; k < r->nthresholds; k++) {
			const struct threshold *t = &r->thresholds[k];

			if (t->phase != ph)
				continue;
			p = rect(f, x, y, colw, 14, t->date ? PC_INK :
			    PC_WHITE, PC_INK);
			p->dash = t->date == NULL;
			s = xasprintf("%c%s %s", t->key[0] >= 'a' && t->key[0]
			    <= 'z' ? t->key[0] - 'a' + 'A' : t->key[0],
			    t->key + 1, t->date ? t->date : UI(
			    "not_reached"));
			text(f, x + colw / 2, y + 10, s, fs, 0,
			    t->date ? PC_WHITE : PC_INK)->bold = 1;
			free(s);
			y += 18;
		}
		(void)count;
		if (y > maxy)
			maxy = y;
	}
	f->h = maxy + 4;
	f->title = xstrdup(UI("workflow_figure"));
	f->alt = buf_take(&alt);
	return f;
}
