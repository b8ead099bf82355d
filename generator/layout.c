/*
 * layout.c: the layout engine (layout.h), the pass after form: the
 * blocks of the form pass become pages of positioned items, which the
 * PDF backend (pdf.c) draws.
 *
 * Text is laid out before it is placed: a paragraph becomes lines of
 * styled segments measured with the font's metrics (struct box), so that
 * table rows and boxes know their height, move to the next page whole,
 * or split line by line when taller than a page.  The pages' items go to
 * the backend as they are made; the contents (whose pages were reserved
 * first), "page x of y", headers and footers come at the end, as a
 * second batch into the pages drawn.  User images arrive decoded by
 * image.c, never as files.  The functions named draw_* place items: they
 * kept the names they had when they drew.
 */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "figure.h"
#include "form.h"
#include "hyphen.h"
#include "image.h"
#include "imgcache.h"
#include "layout.h"
#include "markdown.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

#define MARGIN		48.0f	/* left and right */
#define TOP		62.0f	/* content starts below the header */
#define BOTTOM		56.0f	/* and ends above the footer */
#define S_BODY		9.5f
#define S_TABLE		8.5f
#define S_SMALL		7.0f
#define PAD		5.0f	/* inside boxes and cells */
#define WRITE_LINE	28.35f	/* a handwritten line on a blank form: 10 mm */
#define GAP		6.0f	/* between boxes */
#define LEAD		1.28f	/* line height / font size */

/* Colours of the one palette (figure.h). */
#define RGB3(r, g, b)	{ (r) / 255.0f, (g) / 255.0f, (b) / 255.0f }
#define RGB(pal)	RGB3(pal)
static const struct rgb INK = RGB(PAL_INK);
static const struct rgb MUTED = RGB(PAL_MUTED);
static const struct rgb ACCENT = RGB(PAL_ACCENT);
static const struct rgb LINE = RGB(PAL_LINE);
static const struct rgb SOFT = RGB(PAL_SOFT);
static const struct rgb MARK = RGB(PAL_MARK);

/* A figure's colour of the palette. */
static struct rgb
pc_rgb(enum pcolor c)
{
	struct rgb	 v = { palette[c][0] / 255.0f, palette[c][1] / 255.0f,
			    palette[c][2] / 255.0f };

	return v;
}

/* A run of text in one font on one line. */
struct seg {
	char		*text;
	size_t		 cap;		/* bytes allocated for text */
	int		 font;
	float		 size;
	float		 x;		/* from the box's left edge */
	float		 w;
	struct rgb	 color;
	char		*url;
};

enum lkind {
	L_TEXT,
	L_IMAGE,
	L_INITIALS,
	L_FIG,		/* a figure stretched to the box's width */
	L_GAP
};

struct line {
	enum lkind	 kind;
	float		 h;		/* height including leading */
	float		 base;		/* baseline, below the line's top */
	struct seg	*segs;
	size_t		 nsegs;
	const struct cimage *img;	/* L_IMAGE */
	float		 iw;
	char		*text;		/* L_INITIALS */
	const struct figure *fig;	/* L_FIG */
};

/* Content laid out for one width. */
struct box {
	struct line	*v;
	size_t		 n, cap;
	float		 width;
	float		 natural;	/* widest line */
};

struct tocent {
	char		*title;
	int		 level;
	size_t		 page;
	float		 y;
};

struct pimg {
	const struct cimage *ci;	/* NULL until first used */
	float		 w, h;
};

/*
 * The state of one document's layout (struct lay of layout.h), named as
 * when the engine and the libharu backend were one file, pdf.c.
 */
struct pdf {
	const struct lay_backend *be;
	const struct doc	*d;
	int			 a3;
	struct lay_page		*pages;
	char			**heads;	/* running header per page */
	size_t			 npages, cappages, capheads;
	size_t			 page;		/* the items' page */
	struct item		*items;		/* not handed over yet */
	size_t			 nitems, capitems;
	float			 pw, ph, y;
	int			 landscape;
	int			 fresh;		/* nothing drawn below TOP */
	char			*head;		/* current running header */
	struct tocent		*toc;
	size_t			 ntoc, captoc;
	size_t			 toc_first, toc_pages;
	struct pimg		*imgs;		/* by cimage index */
	int			 blank;
	const char		*lang;		/* language code, for hyphenation */
	unsigned		 cut;		/* CUT_*: warned of already */
	/* A blank form's writing units (fill_form()): the page each
	 * ends on, the lines each gains */
	size_t			*upage;
	size_t			 unit, capupage;
	int			*extra;
	size_t			 nextra, capextra;
	struct mdslot		*mdc;		/* MD_CACHE parsed texts */
};

/*
 * Texts parsed lately (md_cached): a text is laid out again as its cell
 * or box is measured, then drawn, and as a table or canvas tries its
 * widths; each slot keeps one, by the hash of its bytes.
 */
#define MD_CACHE	256
struct mdslot {
	uint64_t		 hash;
	char			*text;
	cmark_node		*doc;
};

/* Texts cut to fit, each warned of once per document. */
#define CUT_NAME	0x01	/* the company's name, in the running header */
#define CUT_HEAD	0x02	/* a phase's title, in the running header */
#define CUT_VERSION	0x04	/* the content version, in the footer */

/* Frees the items made so far. */
static void
drop_items(struct pdf *p)
{
	size_t		 i, j;
	struct item	*it;

	for (i = 0; i < p->nitems; i++) {
		it = &p->items[i];
		for (j = 0; j < it->nruns; j++)
			free(it->runs[j].text);
		free(it->runs);
		free(it->pts);
		free(it->text);
	}
	p->nitems = 0;
}

/* Hands the items made so far to the backend, and frees them. */
static void
flush(struct pdf *p)
{
	if (p->nitems == 0)
		return;
	p->be->draw(p->be->arg, p->page, p->items, p->nitems);
	drop_items(p);
}

/* The next item of the page, zeroed. */
static struct item *
item(struct pdf *p, enum itkind k)
{
	struct item	*it;

	xgrow(&p->items, &p->capitems, p->nitems + 1, sizeof(*p->items));
	it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	return it;
}

/* Adds an item made apart (its runs measured while it was made). */
static void
push(struct pdf *p, const struct item *it)
{
	*item(p, it->kind) = *it;
}

/*
 * v (n elements of size bytes) with room for one more: the room doubles
 * at each power of two, so that a long path costs its length.
 */
static void *
grow_one(void *v, size_t n, size_t size)
{
	if (n >= 4 && (n & (n - 1)) != 0)
		return v;
	return xrealloc(v, (n < 4 ? 4 : 2 * n) * size);
}

/* Adds a run to a text item. */
static void
run(struct item *it, int f, float size, struct rgb c, float x, float y,
    const char *s)
{
	struct run	*r;

	it->runs = grow_one(it->runs, it->nruns, sizeof(*it->runs));
	r = &it->runs[it->nruns++];
	r->face = f;
	r->size = size;
	r->c = c;
	r->x = x;
	r->y = y;
	r->text = xstrdup(s);
}

/* Adds a point to a path item. */
static void
pt(struct item *it, float x, float y, int move)
{
	it->pts = grow_one(it->pts, it->npts, sizeof(*it->pts));
	it->pts[it->npts].x = x;
	it->pts[it->npts].y = y;
	it->pts[it->npts++].move = move;
}

/*
 * The backend's fonts measure (and number the characters they meet):
 * what was drawn before goes to the backend first, so that libharu sees
 * its calls in the order of the layout.
 */
static float
textw(struct pdf *p, int f, float size, const char *s, size_t len)
{
	flush(p);
	return (float)p->be->units(p->be->arg, f, s, len) * size / 1000.0f;
}

/* ---- boxes of laid-out lines ---- */

static struct line *
newline(struct box *b, enum lkind k, float h)
{
	struct line	*l;

	xgrow(&b->v, &b->cap, b->n + 1, sizeof(*b->v));
	l = &b->v[b->n++];
	memset(l, 0, sizeof(*l));
	l->kind = k;
	l->h = h;
	return l;
}

static float
box_height(const struct box *b)
{
	float	 h = 0;
	size_t	 i;

	for (i = 0; i < b->n; i++)
		h += b->v[i].h;
	return h;
}

static void
box_free(struct box *b)
{
	size_t	 i, j;

	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->v[i].nsegs; j++) {
			free(b->v[i].segs[j].text);
			free(b->v[i].segs[j].url);
		}
		free(b->v[i].segs);
		free(b->v[i].text);
	}
	free(b->v);
	memset(b, 0, sizeof(*b));
}

/* The paragraph builder: greedy line breaking over styled words. */
struct para {
	struct pdf	*p;
	struct box	*b;
	float		 left;		/* indent of every line */
	float		 size;
	struct line	*cur;
	float		 x;
	int		 space;		/* a space is pending */
	size_t		 capsegs;
	const char	*marker;	/* bullet for the first line */
	struct rgb	 color;
};

static void
para_start(struct para *pp, struct pdf *p, struct box *b, float left,
    float size, struct rgb color)
{
	memset(pp, 0, sizeof(*pp));
	pp->p = p;
	pp->b = b;
	pp->left = left;
	pp->size = size;
	pp->color = color;
}

static void
para_line(struct para *pp)
{
	pp->cur = newline(pp->b, L_TEXT, pp->size * LEAD);
	pp->cur->base = pp->size * 1.02f;
	pp->x = pp->left;
	pp->space = 0;
	pp->capsegs = 0;
	if (pp->marker != NULL) {
		struct seg *s;

		xgrow(&pp->cur->segs, &pp->capsegs, 1, sizeof(*s));
		s = &pp->cur->segs[pp->cur->nsegs++];
		memset(s, 0, sizeof(*s));
		s->text = xstrdup(pp->marker);
		s->font = F_REG;
		s->size = pp->size;
		s->w = textw(pp->p, F_REG, pp->size, s->text, strlen(s->text));
		s->x = pp->left - s->w - 3;
		s->color = pp->color;
		pp->marker = NULL;
	}
}

/* Puts a measured word (ww wide, after a space sw wide) on the line. */
static void
para_place(struct para *pp, const char *w, size_t len, int f,
    const char *url, struct rgb color, float sw, float ww)
{
	struct seg	*s;

	s = pp->cur->nsegs ? &pp->cur->segs[pp->cur->nsegs - 1] : NULL;
	if (s != NULL && s->font == f && s->x + s->w <= pp->x + 0.01f &&
	    ((s->url == NULL && url == NULL) || (s->url && url &&
	    strcmp(s->url, url) == 0)) && s->color.r == color.r &&
	    s->color.g == color.g && s->color.b == color.b &&
	    s->x + s->w >= pp->x - 0.01f) {
		/* Appended in place: a line's words cost their length. */
		size_t have = strlen(s->text), need = have + len + 2;

		if (need > s->cap) {
			s->cap = need * 2;
			s->text = xrealloc(s->text, s->cap);
		}
		if (sw > 0)
			s->text[have++] = ' ';
		memcpy(s->text + have, w, len);
		s->text[have + len] = '\0';
		s->w += sw + ww;
	} else {
		xgrow(&pp->cur->segs, &pp->capsegs, pp->cur->nsegs + 1,
		    sizeof(*s));
		s = &pp->cur->segs[pp->cur->nsegs++];
		memset(s, 0, sizeof(*s));
		s->text = xstrndup(w, len);
		s->cap = len + 1;
		s->font = f;
		s->size = pp->size;
		s->x = pp->x + sw;
		s->w = ww;
		s->color = color;
		s->url = url ? xstrdup(url) : NULL;
	}
	pp->x += sw + ww;
	if (pp->x > pp->b->natural)
		pp->b->natural = pp->x;
	pp->space = 0;
}

/* The measurer the layout engine cuts words with. */
struct measure {
	struct pdf	*p;
	int		 f;
	float		 size;
};

static float
measure_width(void *arg, const char *s, size_t len)
{
	struct measure	*m = arg;

	return textw(m->p, m->f, m->size, s, len);
}

/*
 * Puts a word on the lines: whole when it fits, else on the next line
 * when it fits there (and this line is at least half full), else cut
 * where hyphen.c allows, with a visible hyphen unless the text has one.
 */
static void
para_word(struct para *pp, const char *w, size_t len, int f,
    const char *url, struct rgb color)
{
	struct measure	 m = { pp->p, f, pp->size };
	float		 ww, sw, full, pw;
	size_t		 n;
	int		 hy;
	char		*cutw;

	if (len == 0)
		return;
	if (pp->cur == NULL)
		para_line(pp);
	full = pp->b->width - pp->left;
	for (;;) {
		/* A word this long is wider than any line: it is not
		 * measured whole (which costs its length at each line). */
		ww = len > 4096 ? 1e9f : textw(pp->p, f, pp->size, w, len);
		sw = pp->space && pp->x > pp->left ? textw(pp->p, f, pp->size,
		    " ", 1) : 0;
		if (pp->x + sw + ww <= pp->b->width) {
			para_place(pp, w, len, f, url, color, sw, ww);
			return;
		}
		if (pp->x > pp->left && ww <= full &&
		    pp->x - pp->left >= full * 0.5f) {
			para_line(pp);
			continue;
		}
		n = lay_cut(pp->p->lang, w, len, pp->b->width - pp->x - sw,
		    pp->x <= pp->left, measure_width, &m, &hy, &pw);
		if (n == 0) {
			para_line(pp);
			continue;
		}
		cutw = xasprintf("%.*s%s", (int)n, w, hy ? "-" : "");
		para_place(pp, cutw, strlen(cutw), f, url, color, sw, pw +
		    (hy ? textw(pp->p, f, pp->size, "-", 1) : 0));
		free(cutw);
		para_line(pp);
		w += n;
		len -= n;
	}
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Adds text in font f.  Characters beyond the Basic Multilingual Plane,
 * which libharu cannot draw, become U+FFFD.
 */
static void
para_text(struct para *pp, const char *s, int f, const char *url,
    struct rgb color)
{
	struct buf	 word = { 0 };
	const char	*e;
	size_t		 n;
	int		 astral;

	while (*s) {
		if (is_blank(*s)) {
			pp->space = 1;
			s++;
			continue;
		}
		for (n = 0, astral = 0; s[n] && !is_blank(s[n]); n++)
			astral |= ((unsigned char)s[n] & 0xf8) == 0xf0;
		if (!astral) {	/* most words: laid out where they are */
			para_word(pp, s, n, f, url, color);
			s += n;
			continue;
		}
		word.len = 0;
		for (e = s + n; s < e;) {
			if (((unsigned char)*s & 0xf8) != 0xf0) {
				buf_putc(&word, *s++);
				continue;
			}
			buf_puts(&word, "\xef\xbf\xbd");
			for (s++; s < e && ((unsigned char)*s & 0xc0) == 0x80;
			    s++)
				continue;
		}
		para_word(pp, word.data, word.len, f, url, color);
	}
	buf_free(&word);
}

static void
para_break(struct para *pp)
{
	if (pp->cur == NULL)
		para_line(pp);
	pp->cur = NULL;
}

static void
para_end(struct para *pp)
{
	if (pp->cur == NULL && pp->marker != NULL)
		para_line(pp);
	pp->cur = NULL;
}

static void
gap(struct box *b, float h)
{
	if (b->n > 0 && b->v[b->n - 1].kind != L_GAP)
		newline(b, L_GAP, h);
}

/* Plain text, line ends kept. */
static void
lay_text(struct pdf *p, struct box *b, const char *s, int f, float size,
    struct rgb color)
{
	struct para	 pp;
	char		*copy = xstrdup(s), *line, *save;

	para_start(&pp, p, b, 0, size, color);
	for (line = strtok_r(copy, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		para_text(&pp, line, f, NULL, color);
		para_break(&pp);
	}
	free(copy);
}

static int
style_font(int strong, int emph, int code)
{
	if (code)
		return F_MONO;
	if (strong && emph)
		return F_BOLDITAL;
	return strong ? F_BOLD : emph ? F_ITAL : F_REG;
}

/* The tree of text, parsed once while it stays in its slot. */
static cmark_node *
md_cached(struct pdf *p, const char *text)
{
	size_t		 len = strlen(text), i;
	uint64_t	 h = 0xcbf29ce484222325ull;	/* FNV-1a */
	struct mdslot	*m;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 0x100000001b3ull;
	if (p->mdc == NULL)
		p->mdc = xcalloc(MD_CACHE, sizeof(*p->mdc));
	m = &p->mdc[h % MD_CACHE];
	if (m->doc != NULL && m->hash == h && strcmp(m->text, text) == 0)
		return m->doc;
	if (m->doc != NULL) {
		cmark_node_free(m->doc);
		free(m->text);
	}
	m->hash = h;
	m->text = xstrdup(text);
	return m->doc = md_parse(text, len);
}

/* Markdown (made safe by md_parse) as paragraphs, lists, quotes, code. */
static void
lay_md(struct pdf *p, struct box *b, const char *text, float size,
    float left0)
{
	cmark_node	*doc = md_cached(p, text), *n;
	cmark_iter	*it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct para	 pp;
	float		 left = left0, hsize;
	int		 strong = 0, emph = 0, inpara = 0, depth = 0, quotes = 0;
#define NUMS	32
	int		 num[NUMS];
	const char	*url = NULL, *lit;
	char		 mark[16];
	const char	*pending = NULL;
	struct rgb	 color = INK;

	para_start(&pp, p, b, left, size, INK);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		/* Lists and quotes indent, up to half the box: thousands
		 * of nested quotes stay on the page. */
		left = left0 + size * (1.3f * (float)depth + (float)quotes);
		if (left > left0 + b->width * 0.5f)
			left = left0 + b->width * 0.5f;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_ENTER) {
				hsize = cmark_node_get_type(n) ==
				    CMARK_NODE_HEADING ? size + 1 : size;
				para_start(&pp, p, b, left, hsize, color);
				pp.marker = pending;
				pending = NULL;
				strong = cmark_node_get_type(n) ==
				    CMARK_NODE_HEADING;
				inpara = 1;
			} else {
				para_end(&pp);
				strong = 0;
				inpara = 0;
				{
					cmark_node *par = cmark_node_parent(n);

					if (!(par && cmark_node_get_type(par) ==
					    CMARK_NODE_ITEM &&
					    cmark_node_get_list_tight(
					    cmark_node_parent(par))))
						gap(b, size * 0.45f);
				}
			}
			break;
		case CMARK_NODE_LIST:
			/* depth counts every list; the numbers of the
			 * first NUMS levels are kept, deeper ordered lists
			 * get bullets. */
			if (ev == CMARK_EVENT_ENTER) {
				if (++depth < NUMS)
					num[depth] =
					    cmark_node_get_list_start(n);
			} else {
				depth--;
				gap(b, size * 0.45f);
			}
			break;
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_ENTER) {
				cmark_node *l = cmark_node_parent(n);

				if (l && cmark_node_get_list_type(l) ==
				    CMARK_ORDERED_LIST && depth < NUMS) {
					snprintf(mark, sizeof(mark), "%d.",
					    num[depth]++);
					pending = mark;
				} else
					pending = depth % 2 ? "\xe2\x80\xa2" :
					    "\xe2\x80\x93";
			} else
				pending = NULL;
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			quotes += ev == CMARK_EVENT_ENTER ? 1 : -1;
			color = ev == CMARK_EVENT_ENTER ? MUTED : INK;
			break;
		case CMARK_NODE_CODE_BLOCK:
			if ((lit = cmark_node_get_literal(n)) != NULL) {
				char *copy = xstrdup(lit), *ln, *save;

				para_start(&pp, p, b, left + size, size * 0.9f,
				    INK);
				for (ln = strtok_r(copy, "\n", &save); ln;
				    ln = strtok_r(NULL, "\n", &save)) {
					para_text(&pp, ln, F_MONO, NULL, INK);
					para_break(&pp);
				}
				free(copy);
				gap(b, size * 0.45f);
			}
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			gap(b, size);
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (!inpara) {
				para_start(&pp, p, b, left, size, color);
				inpara = 1;
			}
			if ((lit = cmark_node_get_literal(n)) != NULL)
				para_text(&pp, lit, style_font(strong, emph,
				    cmark_node_get_type(n) == CMARK_NODE_CODE),
				    url, url ? ACCENT : color);
			break;
		case CMARK_NODE_SOFTBREAK:
			pp.space = 1;
			break;
		case CMARK_NODE_LINEBREAK:
			para_break(&pp);
			break;
		case CMARK_NODE_STRONG:
			strong += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_EMPH:
			emph += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			/* A link to an anchor (#...) has no target in the
			 * PDF: its text is printed, no dead link. */
			url = ev == CMARK_EVENT_ENTER ?
			    cmark_node_get_url(n) : NULL;
			if (url != NULL && url[0] == '#')
				url = NULL;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	/* No trailing gap: boxes and cells add their own padding. */
	while (b->n > 0 && b->v[b->n - 1].kind == L_GAP)
		b->n--;
}

/*
 * The image ci (NULL: none) as laid out, first used here: the backend
 * makes one image object per file, however many times it is drawn, from
 * the pixels the validate pass decoded (never from the file), at the
 * point of the layout that first met it.
 */
static struct pimg *
load_image(struct pdf *p, const struct cimage *ci)
{
	struct pimg		*pi;

	if (ci == NULL)
		return NULL;
	if (p->imgs == NULL)
		p->imgs = xcalloc(p->d->c->images->n, sizeof(*p->imgs));
	pi = &p->imgs[ci->index];
	if (pi->ci != NULL)
		return pi;
	item(p, IT_IMAGE_USE)->img = ci;
	pi->ci = ci;
	pi->w = (float)ci->img.width;
	pi->h = (float)ci->img.height;
	return pi;
}

/* Lays out one value of the form pass into b. */
static void
lay_value(struct pdf *p, struct box *b, const struct bval *v, float size,
    float maxh)
{
	struct pimg		*pi;
	struct line		*l;
	size_t			 i;
	float			 w, h;

	switch (v->type) {
	case V_NONE:
		break;
	case V_TEXT:
		if (v->initials) {
			l = newline(b, L_INITIALS, size * 5);
			l->text = xstrdup(v->text);
			l->iw = size * 4.6f;
		} else if (v->href != NULL) {
			struct para pp;
			char *url = xasprintf("%s.pdf", v->href);

			para_start(&pp, p, b, 0, size, ACCENT);
			para_text(&pp, v->text, F_REG, url, ACCENT);
			para_break(&pp);
			free(url);
		} else
			lay_text(p, b, v->text, F_REG, size, INK);
		break;
	case V_IMAGE:
		if ((pi = load_image(p, v->img)) == NULL)
			break;
		w = b->width < 120 ? b->width : 120;
		h = pi->h * w / pi->w;
		if (h > maxh) {
			h = maxh;
			w = pi->w * h / pi->h;
		}
		l = newline(b, L_IMAGE, h + 2);
		l->img = pi->ci;
		l->iw = w;
		if (w > b->natural)
			b->natural = w;
		break;
	case V_FIG:
		l = newline(b, L_FIG, v->fig->h);
		l->fig = v->fig;
		break;
	case V_MD:
		if (v->md == NULL)
			lay_md(p, b, v->text, size, 0);
		else if (!v->list)
			lay_md(p, b, v->md[0], size, 0);
		else
			for (i = 0; i < v->nmd; i++) {
				struct box item = { 0 };
				size_t k;

				item.width = b->width;
				lay_md(p, &item, v->md[i], size, size * 1.1f);
				/* The bullet goes on the item's first line. */
				for (k = 0; k < item.n; k++)
					if (item.v[k].kind == L_TEXT)
						break;
				if (k < item.n) {
					struct line *fl = &item.v[k];
					struct seg *s;

					fl->segs = xrealloc(fl->segs,
					    (fl->nsegs + 1) * sizeof(*s));
					s = &fl->segs[fl->nsegs++];
					memset(s, 0, sizeof(*s));
					s->text = xstrdup("\xe2\x80\xa2");
					s->font = F_REG;
					s->size = size;
					s->x = 0;
					s->w = textw(p, F_REG, size, s->text, 3);
					s->color = INK;
				}
				for (k = 0; k < item.n; k++) {
					xgrow(&b->v, &b->cap, b->n + 1,
					    sizeof(*b->v));
					b->v[b->n++] = item.v[k];
				}
				if (item.natural > b->natural)
					b->natural = item.natural;
				free(item.v);
			}
		break;
	}
}

/* ---- pages ---- */

/*
 * The pages before the new one are done, but for the contents' (drawn
 * at the end) and the headers: the backend may seal them (pdfpage.c).
 */
static void
new_page(struct pdf *p, int landscape)
{
	struct lay_page	*pg;
	/* A3: the wide pages of a dossier; every page of blank forms. */
	int		 a3 = p->a3 && (landscape || p->blank);
	float		 w = a3 ? A3_W : A4_W, h = a3 ? A3_H : A4_H;

	flush(p);
	xgrow(&p->pages, &p->cappages, p->npages + 1, sizeof(*p->pages));
	xgrow(&p->heads, &p->capheads, p->npages + 1, sizeof(*p->heads));
	pg = &p->pages[p->npages];
	pg->a3 = a3;
	pg->landscape = landscape;
	pg->w = landscape ? h : w;
	pg->h = landscape ? w : h;
	p->be->page(p->be->arg, pg);
	p->heads[p->npages] = p->head ? xstrdup(p->head) : NULL;
	p->page = p->npages++;
	p->pw = pg->w;
	p->ph = pg->h;
	p->y = p->ph - TOP;
	p->landscape = landscape;
	p->fresh = 1;
}

/* Items from here on go to page pg (the second batch at the end). */
static void
to_page(struct pdf *p, size_t pg)
{
	flush(p);
	p->page = pg;
	p->pw = p->pages[pg].w;
	p->ph = p->pages[pg].h;
}

static float
room(const struct pdf *p)
{
	return p->y - BOTTOM;
}

static float
page_room(const struct pdf *p)
{
	return p->ph - TOP - BOTTOM;
}

/* A pen of width w in colour c. */
static struct pen
pen(struct rgb c, float w, enum lay_dash dash)
{
	struct pen	 v = { 1, c, w, dash };

	return v;
}

/* An item over x, y (bottom left), w, h. */
static struct item *
placed(struct pdf *p, enum itkind k, float x, float y, float w, float h)
{
	struct item	*it = item(p, k);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	return it;
}

static void
rect(struct pdf *p, float x, float y, float w, float h, struct rgb *fill,
    struct rgb *stroke)
{
	struct item	*it = placed(p, IT_RECT, x, y, w, h);

	if (fill) {
		it->fill = 1;
		it->fc = *fill;
	}
	if (stroke)
		it->pen = pen(*stroke, 0.6f, DASH_KEEP);
}

/* A straight line, as a path of its own. */
static struct item *
line_to(struct pdf *p, struct pen pn, float x, float y, float x2, float y2)
{
	struct item	*it = item(p, IT_PATH);

	it->pen = pn;
	pt(it, x, y, 1);
	pt(it, x2, y2, 0);
	return it;
}

static void
image(struct pdf *p, const struct cimage *ci, float x, float y, float w,
    float h)
{
	placed(p, IT_IMAGE, x, y, w, h)->img = ci;
}

static void
draw_segs(struct pdf *p, const struct line *l, float x, float top)
{
	size_t		 i;
	float		 base = top - l->base;
	struct item	*it;

	it = item(p, IT_TEXT);
	for (i = 0; i < l->nsegs; i++) {
		const struct seg *s = &l->segs[i];

		run(it, s->font, s->size, s->color, x + s->x, base, s->text);
	}
	for (i = 0; i < l->nsegs; i++) {
		const struct seg *s = &l->segs[i];

		if (s->url == NULL)
			continue;
		line_to(p, pen(s->color, 0.4f, DASH_KEEP), x + s->x,
		    base - 1.2f, x + s->x + s->w, base - 1.2f);
		it = item(p, IT_URI);
		it->x = x + s->x;
		it->x2 = x + s->x + s->w;
		it->y = base - s->size * 0.25f;
		it->y2 = base + s->size * 0.85f;
		it->text = xstrdup(s->url);
	}
}


static struct pen
fig_stroke(const struct prim *q)
{
	return pen(pc_rgb(q->stroke), q->width, q->dash ? DASH_DASHED :
	    DASH_SOLID);
}

/* Diagonal hatching inside a rectangle item. */
static void
hatch(struct item *it)
{
	it->hatch = pen(MUTED, 0.8f, DASH_KEEP);
	it->step = 4;
}

/*
 * Draws a figure with its top-left corner at (x, top), x scaled by sx and
 * y by sy; text and dots keep their size under a stretch (sx != sy).
 */
static void
draw_fig(struct pdf *p, const struct figure *f, float x, float top,
    float sx, float sy)
{
	size_t		 i, k;
	struct item	*it;
	/* Text keeps its size under a stretch (a curve piece in a narrow
	 * column): it is drawn at sy's scale, never below its own size. */
	float	 ts = sx < sy ? sx : sy, tw, tts = sx != sy ? sy : ts;

#define X(v)	(x + (v) * sx)
#define Y(v)	(top - (v) * sy)
	for (i = 0; i < f->n; i++) {
		const struct prim *q = &f->v[i];

		switch (q->kind) {
		case P_LINE:
			line_to(p, fig_stroke(q), X(q->x), Y(q->y), X(q->x2),
			    Y(q->y2));
			break;
		case P_POLY:
			if (q->npts < 2)
				break;
			it = item(p, IT_PATH);
			it->pen = fig_stroke(q);
			if (q->fill != PC_NONE) {
				it->fill = 1;
				it->fc = pc_rgb(q->fill);
			}
			pt(it, X(q->pts[0]), Y(q->pts[1]), 1);
			for (k = 1; k < q->npts; k++)
				pt(it, X(q->pts[2 * k]), Y(q->pts[2 * k + 1]),
				    0);
			break;
		case P_RECT:
			it = placed(p, IT_RECT, X(q->x), Y(q->y + q->h),
			    q->w * sx, q->h * sy);
			if (q->fill != PC_NONE) {
				it->fill = 1;
				it->fc = pc_rgb(q->fill);
			}
			if (q->hatch)
				hatch(it);
			if (q->stroke != PC_NONE)
				it->pen = fig_stroke(q);
			break;
		case P_CIRCLE:
			it = item(p, IT_CIRCLE);
			if (q->stroke != PC_NONE)
				it->pen = fig_stroke(q);
			if (q->fill != PC_NONE) {
				it->fill = 1;
				it->fc = pc_rgb(q->fill);
			}
			it->x = X(q->x);
			it->y = Y(q->y);
			it->r = q->r * ts;
			break;
		case P_TEXT:
			tw = textw(p, q->bold ? F_BOLD : F_REG, q->size * tts,
			    q->text, strlen(q->text));
			run(item(p, IT_TEXT), q->bold ? F_BOLD : F_REG,
			    q->size * tts, pc_rgb(q->fill), X(q->x) -
			    (q->anchor < 0 ? 0 : q->anchor == 0 ? tw / 2 : tw),
			    Y(q->y), q->text);
			break;
		}
	}
	item(p, IT_SOLID);
#undef X
#undef Y
}

/* The width of a text line's ink. */
static float
line_width(const struct line *l)
{
	return l->nsegs ? l->segs[l->nsegs - 1].x + l->segs[l->nsegs - 1].w :
	    0;
}

/*
 * Draws lines [from, to) of b with the top-left corner at x, top; text
 * lines centred in the box's width when center is set.
 */
static void
draw_lines_at(struct pdf *p, const struct box *b, size_t from, size_t to,
    float x, float top, int center)
{
	size_t	 i;

	for (i = from; i < to; i++) {
		const struct line *l = &b->v[i];

		switch (l->kind) {
		case L_TEXT:
			draw_segs(p, l, x + (center ? (b->width -
			    line_width(l)) / 2 : 0), top);
			break;
		case L_IMAGE:
			image(p, l->img, x, top - l->h + 2, l->iw, l->h - 2);
			break;
		case L_INITIALS: {
			float r = l->iw / 2, cx = x + r, cy = top - r - 2;
			float tw = textw(p, F_BOLD, r * 0.8f, l->text,
			    strlen(l->text));
			struct item *it = item(p, IT_CIRCLE);

			it->fill = it->fill_first = 1;
			it->fc = SOFT;
			it->pen = pen(ACCENT, 1.2f, DASH_KEEP);
			it->x = cx;
			it->y = cy;
			it->r = r;
			run(item(p, IT_TEXT), F_BOLD, r * 0.8f, ACCENT,
			    cx - tw / 2, cy - r * 0.28f, l->text);
			break;
		}
		case L_FIG:
			draw_fig(p, l->fig, x - PAD, top + PAD, (b->width +
			    2 * PAD) / l->fig->w, 1);
			break;
		case L_GAP:
			break;
		}
		top -= l->h;
	}
}

static void
draw_lines(struct pdf *p, const struct box *b, size_t from, size_t to,
    float x, float top)
{
	draw_lines_at(p, b, from, to, x, top, 0);
}

/* A heading; keeps at least keep points of room below it. */
static void
heading(struct pdf *p, const char *text, int f, float size, struct rgb c,
    float keep)
{
	struct box	 b = { 0 };

	b.width = p->pw - 2 * MARGIN;
	lay_text(p, &b, text, f, size, c);
	if (room(p) < box_height(&b) + keep && !p->fresh)
		new_page(p, p->landscape);
	draw_lines(p, &b, 0, b.n, MARGIN, p->y);
	p->y -= box_height(&b);
	p->fresh = 0;
	box_free(&b);
}

/* ---- rows of cells: boxes and table rows ---- */

struct cell {
	float		 x, w;
	int		 center;
	struct box	 b;
	size_t		 next;		/* first line not drawn yet */
	struct rgb	*fill;
	int		 span;
};

/* Height a row of cells needs when every cell starts at its next line. */
static float
cells_height(const struct cell *c, size_t n, float minh)
{
	float	 h = minh, ch;
	size_t	 i, j;

	for (i = 0; i < n; i++) {
		for (ch = 0, j = c[i].next; j < c[i].b.n; j++)
			ch += c[i].b.v[j].h;
		if (ch + 2 * PAD > h)
			h = ch + 2 * PAD;
	}
	return h;
}

typedef void (*header_fn)(struct pdf *, void *);

/*
 * Draws a row of cells at the cursor.  A row that does not fit moves to a
 * new page (after calling header there); a row taller than a page is cut
 * between lines.
 */
static void
draw_row(struct pdf *p, struct cell *c, size_t n, float minh, header_fn hf,
    void *arg)
{
	float	 h, avail, used, ch;
	size_t	 i, j;

	h = cells_height(c, n, minh);
	if (h > room(p) && !p->fresh && (h <= page_room(p) || room(p) <
	    page_room(p) / 4)) {
		new_page(p, p->landscape);
		if (hf)
			hf(p, arg);
	}
	for (;;) {
		h = cells_height(c, n, minh);
		avail = room(p);
		if (h <= avail) {
			for (i = 0; i < n; i++) {
				rect(p, c[i].x, p->y - h, c[i].w, h, c[i].fill,
				    (struct rgb *)&LINE);
				draw_lines_at(p, &c[i].b, c[i].next, c[i].b.n,
				    c[i].x + PAD, p->y - PAD, c[i].center);
				c[i].next = c[i].b.n;
			}
			p->y -= h;
			p->fresh = 0;
			return;
		}
		/* Cut: each cell draws the lines that fit. */
		used = 2 * PAD;
		for (i = 0; i < n; i++) {
			for (ch = 0, j = c[i].next; j < c[i].b.n &&
			    ch + c[i].b.v[j].h + 2 * PAD <= avail; j++)
				ch += c[i].b.v[j].h;
			if (ch + 2 * PAD > used)
				used = ch + 2 * PAD;
		}
		for (i = 0; i < n; i++) {
			size_t to = c[i].next;

			for (ch = 0; to < c[i].b.n &&
			    ch + c[i].b.v[to].h + 2 * PAD <= avail; to++)
				ch += c[i].b.v[to].h;
			rect(p, c[i].x, p->y - used, c[i].w, used, c[i].fill,
			    (struct rgb *)&LINE);
			draw_lines_at(p, &c[i].b, c[i].next, to,
			    c[i].x + PAD, p->y - PAD, c[i].center);
			c[i].next = to;
		}
		new_page(p, p->landscape);
		if (hf)
			hf(p, arg);
		minh = 0;
	}
}

static void
cells_free(struct cell *c, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		box_free(&c[i].b);
	free(c);
}

/* The extra lines of writing unit u (none but on a blank form). */
static int
unit_extra(const struct pdf *p, size_t u)
{
	return u < p->nextra ? p->extra[u] : 0;
}

/* Writing unit u is drawn, its end on the current page. */
static void
unit_done(struct pdf *p, size_t u)
{
	xgrow(&p->upage, &p->capupage, u + 1, sizeof(*p->upage));
	p->upage[u] = p->page;
	if (u + 1 > p->unit)
		p->unit = u + 1;
}

/* A labelled box's content: label, question, value. */
static void
lay_box(struct pdf *p, struct box *b, const struct bbox *x)
{
	lay_text(p, b, x->label, F_BOLD, 8.5f, INK);
	/* Form hints on blank forms only, never in a client's dossier. */
	if (x->question && p->blank)
		lay_text(p, b, x->question, F_ITAL, S_SMALL, MUTED);
	gap(b, 3);
	lay_value(p, b, &x->v, S_BODY - 0.5f, 130);
}

static void
draw_boxes(struct pdf *p, const struct block *k)
{
	float	 width = p->pw - 2 * MARGIN, w, minh;
	size_t	 i, j, u = 0;

	float	 nat = 0, want = 0, f = 1, need;

	if (k->title)
		heading(p, k->title, F_BOLD, 10.5f, INK, 40);
	/* A blank card fits its page: its boxes hold fewer lines, in
	 * proportion, when all of them would not; each line stays 10 mm
	 * (WRITE_LINE) and a box keeps one. */
	for (i = 0; p->blank && i < k->nrows; i++) {
		const struct brow *r = &k->rows[i];
		struct cell *c = xcalloc(r->n, sizeof(*c));
		int lines = 0;

		w = (width - GAP * (float)(r->n - 1)) / (float)r->n;
		for (j = 0; j < r->n; j++) {
			c[j].b.width = w - 2 * PAD;
			lay_box(p, &c[j].b, &r->boxes[j]);
			if (r->boxes[j].lines > lines)
				lines = r->boxes[j].lines;
		}
		need = cells_height(c, r->n, 0);
		nat += need + GAP;
		want += (float)lines * WRITE_LINE;
		cells_free(c, r->n);
	}
	if (p->blank && want > 0 && nat + want > room(p) && room(p) > nat)
		f = (room(p) - nat - GAP) / want;
	if (f < 0.45f)		/* a long form: pages, not cramped lines */
		f = 1;
	for (i = 0; i < k->nrows; i++) {
		const struct brow *r = &k->rows[i];
		struct cell *c = xcalloc(r->n, sizeof(*c));
		int lines = 0;

		w = (width - GAP * (float)(r->n - 1)) / (float)r->n;
		for (j = 0; j < r->n; j++) {
			c[j].x = MARGIN + (w + GAP) * (float)j;
			c[j].w = w;
			c[j].b.width = w - 2 * PAD;
			lay_box(p, &c[j].b, &r->boxes[j]);
			if (r->boxes[j].lines > lines)
				lines = r->boxes[j].lines;
		}
		need = cells_height(c, r->n, 0);
		if (p->blank && lines > 0 && f < 1) {
			lines = (int)((float)lines * f);
			if (lines < 1)
				lines = 1;
		}
		/* A row to write in: a unit of its form (fill_form()). */
		if (p->blank && lines > 0)
			lines += unit_extra(p, u = p->unit);
		minh = p->blank ? need + (float)lines * WRITE_LINE : 0;
		draw_row(p, c, r->n, minh, NULL, NULL);
		if (p->blank && lines > 0)
			unit_done(p, u);
		p->y -= GAP;
		cells_free(c, r->n);
	}
	p->y -= GAP;
}

/* ---- tables ---- */

struct tbl {
	const struct block	*k;
	float			*x, *w;
	int			 continued;
};

static void
table_header(struct pdf *p, void *arg)
{
	struct tbl		*t = arg;
	const struct block	*k = t->k;
	struct cell		*c;
	size_t			 j, n, span;
	int			 groups = 0;
	char			*title;

	if (k->title && t->continued) {
		title = xasprintf("%s %s", k->title, doc_ui(p->d,
		    "continued"));
		heading(p, title, F_BOLD, 10.5f, INK, 30);
		free(title);
	}
	t->continued = 1;
	for (j = 0; j < k->ncols; j++)
		groups |= k->cols[j].group != NULL;
	if (groups) {
		c = xcalloc(k->ncols, sizeof(*c));
		for (j = 0, n = 0; j < k->ncols; j += span) {
			for (span = 1; j + span < k->ncols && k->cols[j].group &&
			    k->cols[j + span].group && strcmp(k->cols[j].group,
			    k->cols[j + span].group) == 0; span++)
				continue;
			c[n].x = t->x[j];
			c[n].w = t->x[j + span - 1] + t->w[j + span - 1] -
			    t->x[j];
			c[n].b.width = c[n].w - 2 * PAD;
			c[n].fill = (struct rgb *)&SOFT;
			if (k->cols[j].group)
				lay_text(p, &c[n].b, k->cols[j].group, F_BOLD,
				    S_SMALL + 0.5f, INK);
			n++;
		}
		draw_row(p, c, n, 0, NULL, NULL);
		cells_free(c, k->ncols);
	}
	c = xcalloc(k->ncols, sizeof(*c));
	for (j = 0; j < k->ncols; j++) {
		c[j].x = t->x[j];
		c[j].w = t->w[j];
		c[j].b.width = t->w[j] - 2 * PAD;
		c[j].fill = (struct rgb *)&SOFT;
		lay_text(p, &c[j].b, k->cols[j].label ? k->cols[j].label : "",
		    F_BOLD, S_TABLE - 0.5f, INK);
		if (p->blank && k->cols[j].question)
			lay_text(p, &c[j].b, k->cols[j].question, F_ITAL,
			    S_SMALL - 0.5f, MUTED);
	}
	draw_row(p, c, k->ncols, 0, NULL, NULL);
	cells_free(c, k->ncols);
}

/* The widest word of s in font f. */
static float
widest_word(struct pdf *p, const char *s, int f, float size)
{
	float	 w, max = 0;
	size_t	 n;

	while (*s) {
		s += strspn(s, " \n\t");
		n = strcspn(s, " \n\t");
		if (n > 0 && (w = textw(p, f, size, s, n)) > max)
			max = w;
		s += n;
	}
	return max;
}

static float
widest_in(struct pdf *p, const struct bval *v, int f, float size)
{
	float	 w, max = 0;
	size_t	 i;

	if (v->type == V_TEXT && !v->initials)
		return widest_word(p, v->text, f, size);
	if (v->type != V_MD)
		return 0;
	if (v->md == NULL)
		return widest_word(p, v->text, f, size);
	if (!v->list)
		return widest_word(p, v->md[0], f, size);
	for (i = 0; i < v->nmd; i++)
		if ((w = widest_word(p, v->md[i], f, size)) > max)
			max = w;
	return max + size * 1.1f;
}

/* Column widths from the content: minimum and natural widths, weighted. */
static void
widths(struct pdf *p, const struct block *k, float total, float *w)
{
	float	*mn = xcalloc(k->ncols, sizeof(float));
	float	*mx = xcalloc(k->ncols, sizeof(float));
	float	 smin = 0, smax = 0, cap = total * 0.45f;
	size_t	 i, j;

	for (j = 0; j < k->ncols; j++) {
		struct box b = { 0 };

		mx[j] = 0;
		for (i = 0; i < k->nbody; i++) {
			b.width = 1e6f;
			lay_value(p, &b, &k->cells[i * k->ncols + j], S_TABLE,
			    60);
			if (b.natural > mx[j])
				mx[j] = b.natural;
			box_free(&b);
		}
		/* The widest word of the column sets its minimum. */
		mn[j] = widest_word(p, k->cols[j].label ? k->cols[j].label :
		    "", F_BOLD, S_TABLE - 0.5f);
		for (i = 0; i < k->nbody; i++) {
			float ww = widest_in(p, &k->cells[i * k->ncols + j],
			    j == 0 && k->row_headers ? F_BOLD : F_REG,
			    S_TABLE);

			if (ww > mn[j])
				mn[j] = ww;
		}
		if (mn[j] > total / (float)k->ncols * 1.5f)
			mn[j] = total / (float)k->ncols * 1.5f;
		mn[j] += 2 * PAD + 1;
		if (mn[j] < 28)
			mn[j] = 28;
		mx[j] += 2 * PAD + 1;
		if (mx[j] > cap)
			mx[j] = cap;
		if (mx[j] < mn[j])
			mx[j] = mn[j];
		smin += mn[j];
		smax += mx[j];
	}
	if (k->pen) {
		/* Empty rows: room in proportion to what each column holds. */
		float wsum = 0;

		for (j = 0; j < k->ncols; j++) {
			mx[j] = mn[j] + 40.0f * (float)(k->cols[j].weight ?
			    k->cols[j].weight : 1);
			wsum += mx[j];
		}
		smax = wsum;
	}
	if (k->equal && k->ncols > 1) {
		/* A grid: the first column as needed, the others equal. */
		float first = mx[0] < total * 0.16f ? mx[0] : total * 0.16f;

		if (first < mn[0])
			first = mn[0];
		w[0] = first;
		for (j = 1; j < k->ncols; j++)
			w[j] = (total - first) / (float)(k->ncols - 1);
		free(mn);
		free(mx);
		return;
	}
	for (j = 0; j < k->ncols; j++) {
		if (smax <= total)
			w[j] = mx[j] + (total - smax) * mx[j] / smax;
		else if (smin >= total)
			w[j] = mn[j] * total / smin;
		else
			w[j] = mn[j] + (total - smin) * (mx[j] - mn[j]) /
			    (smax - smin);
	}
	free(mn);
	free(mx);
}

/*
 * Height of a table's caption (when title) and header, as heading() and
 * table_header() draw them.
 */
static float
header_height(struct pdf *p, const struct tbl *t, int title)
{
	const struct block	*k = t->k;
	struct cell		*c = xcalloc(k->ncols, sizeof(*c));
	struct box		 b = { 0 };
	float			 h = 0;
	size_t			 j;

	if (title && k->title) {
		b.width = p->pw - 2 * MARGIN;
		lay_text(p, &b, k->title, F_BOLD, 10.5f, INK);
		h += box_height(&b);
		box_free(&b);
	}
	for (j = 0; j < k->ncols; j++) {
		if (k->cols[j].group) {
			/* The groups' row, as tall as its first group. */
			size_t e = j;

			while (e + 1 < k->ncols && k->cols[e + 1].group &&
			    strcmp(k->cols[e + 1].group, k->cols[j].group) ==
			    0)
				e++;
			b.width = t->x[e] + t->w[e] - t->x[j] - 2 * PAD;
			lay_text(p, &b, k->cols[j].group, F_BOLD,
			    S_SMALL + 0.5f, INK);
			h += box_height(&b) + 2 * PAD;
			box_free(&b);
			break;
		}
	}
	for (j = 0; j < k->ncols; j++) {
		c[j].b.width = t->w[j] - 2 * PAD;
		lay_text(p, &c[j].b, k->cols[j].label ? k->cols[j].label : "",
		    F_BOLD, S_TABLE - 0.5f, INK);
		if (p->blank && k->cols[j].question)
			lay_text(p, &c[j].b, k->cols[j].question, F_ITAL,
			    S_SMALL - 0.5f, MUTED);
	}
	h += cells_height(c, k->ncols, 0);
	cells_free(c, k->ncols);
	return h;
}

/* A table row's cells, laid out. */
static struct cell *
table_cells(struct pdf *p, const struct tbl *t, size_t i)
{
	const struct block	*k = t->k;
	struct cell		*c = xcalloc(k->ncols, sizeof(*c));
	size_t			 j;

	for (j = 0; j < k->ncols; j++) {
		c[j].x = t->x[j];
		c[j].w = t->w[j];
		c[j].b.width = t->w[j] - 2 * PAD;
		c[j].center = k->cols[j].numeric;
		if (k->flags[i] & ROW_MARKED)
			c[j].fill = (struct rgb *)&MARK;
		else if (j == 0 && k->row_headers)
			c[j].fill = (struct rgb *)&SOFT;
		if (j == 0 && k->row_headers &&
		    k->cells[i * k->ncols].type == V_TEXT)
			lay_text(p, &c[j].b, k->cells[i * k->ncols].text,
			    F_BOLD, S_TABLE, INK);
		else
			lay_value(p, &c[j].b, &k->cells[i * k->ncols + j],
			    S_TABLE, 60);
	}
	return c;
}

/*
 * The least height of body row i: on a blank form a row with a cell to
 * write in holds a handwritten line (10 mm inside the padding).
 */
static float
blank_row(const struct pdf *p, const struct block *k, size_t i)
{
	size_t	 j;

	if (k->pen)
		return WRITE_LINE + 2 * PAD;
	if (!p->blank)
		return 0;
	for (j = 0; j < k->ncols; j++)
		if (k->cells[i * k->ncols + j].type == V_NONE)
			return WRITE_LINE + 2 * PAD;
	return 0;
}

/*
 * A table's rows, paginated: the header is kept with at least two body
 * rows (it moves to the next page when they do not fit below it), and
 * no page of a split table holds a single carried-over row (its last
 * page takes two).  Rows taller than a page are cut between lines, as
 * draw_row() does; these rules leave them be.
 */
static void
draw_table(struct pdf *p, const struct block *k)
{
	struct tbl	 t = { k, NULL, NULL, 0 };
	float		 total = p->pw - 2 * MARGIN, x = MARGIN, hh, need;
	float		 minh = 0, *h, *min;
	size_t		 i, j, n = k->nbody, onpage = 0, *uid, u0 = p->unit;
	size_t		 nu = 0;
	struct cell	**rows;

	if (k->ncols == 0)
		return;
	t.x = xcalloc(k->ncols, sizeof(float));
	t.w = xcalloc(k->ncols, sizeof(float));
	widths(p, k, total, t.w);
	for (j = 0; j < k->ncols; j++) {
		t.x[j] = x;
		x += t.w[j];
	}
	rows = xcalloc(n ? n : 1, sizeof(*rows));
	h = xcalloc(n ? n : 1, sizeof(*h));
	min = xcalloc(n ? n : 1, sizeof(*min));
	uid = xcalloc(n ? n : 1, sizeof(*uid));
	for (i = 0; i < n; i++) {
		rows[i] = table_cells(p, &t, i);
		/* A blank row to write in: a unit of its form, taller by
		 * its extra lines (fill_form()). */
		min[i] = blank_row(p, k, i);
		h[i] = cells_height(rows[i], k->ncols, minh = min[i]);
		if (p->blank && min[i] > 0) {
			uid[i] = u0 + nu++;
			if (unit_extra(p, uid[i]) > 0)
				min[i] = h[i] += (float)unit_extra(p, uid[i]) *
				    WRITE_LINE;
		}
	}
	/* Caption, header and the first two rows stay together. */
	hh = header_height(p, &t, 0);
	need = header_height(p, &t, 1) + (n > 0 ? h[0] : 0) + (n > 1 ?
	    h[1] : 0) + (n == 3 ? h[2] : 0);	/* three: not 2 + 1 */
	if (!p->fresh && (room(p) < 90 || (need > room(p) &&
	    need <= page_room(p))))
		new_page(p, p->landscape);
	if (k->title)
		heading(p, k->title, F_BOLD, 10.5f, INK, 60);
	table_header(p, &t);
	for (i = 0; i < n; i++) {
		/* The last row not alone on a page: the one before it goes
		 * with it, when this page keeps two and a page holds both. */
		if (i + 2 == n && onpage >= 2 && h[i] <= room(p) &&
		    h[i] + h[i + 1] > room(p) && hh + h[i] + h[i + 1] <=
		    page_room(p)) {
			new_page(p, p->landscape);
			table_header(p, &t);
			onpage = 0;
		}
		if (h[i] > room(p) && !p->fresh && (h[i] <= page_room(p) ||
		    room(p) < page_room(p) / 4))
			onpage = 0;	/* draw_row() starts a page */
		draw_row(p, rows[i], k->ncols, min[i], table_header, &t);
		if (p->blank && blank_row(p, k, i) > 0)
			unit_done(p, uid[i]);
		onpage++;
		cells_free(rows[i], k->ncols);
	}
	free(rows);
	free(h);
	free(min);
	free(uid);
	p->y -= 2 * GAP;
	free(t.x);
	free(t.w);
}

/* ---- the journey grid: a canvas fitted to its sheet ---- */

/*
 * A grid (stages as columns, lanes as rows, the emotion curve among
 * them) fits one page when it can: as many stages per page as columns
 * of GRID_MINCOL allow, type from S_TABLE down to the GRID_FLOOR, rows
 * as tall as their content.  When even that does not fit, it splits by
 * stages, into pages of even numbers of stages, every lane and its label
 * on every page; never by lanes.  A blank grid stretches its lanes to
 * fill the sheet.  Each page's grid is laid out once per size tried, so
 * the work is linear in the stages.
 */
#define GRID_MINCOL	64.0f
#define GRID_FLOOR	7.0f

/*
 * The body rows grid_height laid out last, kept for the stages, width
 * and size they were laid out for: fitting a grid to its page tries
 * sizes and stage counts, then measures its choice again and draws it,
 * and a journey's cells were each laid out four or five times.
 */
struct gridrows {
	struct cell		**c;	/* by row, NULL once drawn; NULL:
					   none kept */
	float			 *h;	/* header, then each row */
	float			  sum;
	size_t			  from, n;
	float			  colw, size;
};

struct grid {
	const struct block	*k;
	size_t			 from, n;	/* stages on this page */
	float			 headw, colw, size;
	int			 continued;
	int			 untitled;	/* a blank grid: its header row
						   names the stages */
	struct gridrows		 kept;
};

/* Lays out cell col (0: the lane label) of row r (-1: the stage names). */
static void
grid_cell(struct pdf *p, const struct grid *g, struct cell *c, size_t r,
    size_t col)
{
	const struct block	*k = g->k;
	const struct bval	*v;

	c->x = MARGIN + (col == 0 ? 0 : g->headw + g->colw *
	    (float)(col - 1 - g->from));
	c->w = col == 0 ? g->headw : g->colw;
	c->b.width = c->w - 2 * PAD;
	if (r == (size_t)-1 || col == 0)
		c->fill = (struct rgb *)&SOFT;
	if (r == (size_t)-1) {
		lay_text(p, &c->b, k->cols[col].label ? k->cols[col].label :
		    "", F_BOLD, g->size, INK);
		return;
	}
	v = &k->cells[r * k->ncols + col];
	/* The curve's label leaves room for its axis (grid_axis). */
	if (col == 0 && k->cells[r * k->ncols + 1].type == V_FIG)
		c->b.width -= 12;
	if (col == 0 && v->type == V_TEXT)
		lay_text(p, &c->b, v->text, F_BOLD, g->size, INK);
	else
		lay_value(p, &c->b, v, g->size, 60);
}

/* The cells of row r for the stages of g. */
static struct cell *
grid_row(struct pdf *p, const struct grid *g, size_t r)
{
	struct cell	*c = xcalloc(g->n + 1, sizeof(*c));
	size_t		 i;

	grid_cell(p, g, &c[0], r, 0);
	for (i = 0; i < g->n; i++)
		grid_cell(p, g, &c[i + 1], r, g->from + 1 + i);
	return c;
}

/* Forgets the rows kept (g->kept). */
static void
grid_drop(struct grid *g)
{
	struct gridrows	*kr = &g->kept;
	size_t		 r;

	for (r = 0; kr->c != NULL && r < g->k->nbody; r++)
		if (kr->c[r] != NULL)
			cells_free(kr->c[r], kr->n + 1);
	free(kr->c);
	free(kr->h);
	memset(kr, 0, sizeof(*kr));
}

static int
grid_kept(const struct grid *g)
{
	const struct gridrows *kr = &g->kept;

	return kr->c != NULL && kr->from == g->from && kr->n == g->n &&
	    kr->colw == g->colw && kr->size == g->size;
}

/* Heights of the header and every row (h: nbody + 1); returns the sum.
 * The rows are kept for grid_take. */
static float
grid_height(struct pdf *p, struct grid *g, float *h)
{
	const struct block	*k = g->k;
	struct gridrows		*kr = &g->kept;
	struct cell		*c;
	float			 sum = 0;
	size_t			 r;

	if (grid_kept(g)) {
		memcpy(h, kr->h, (k->nbody + 1) * sizeof(*h));
		return kr->sum;
	}
	grid_drop(g);
	kr->c = xcalloc(k->nbody + 1, sizeof(*kr->c));
	for (r = 0; r <= k->nbody; r++) {
		c = grid_row(p, g, r == 0 ? (size_t)-1 : r - 1);
		h[r] = cells_height(c, g->n + 1, 0);
		/* A blank lane holds a handwritten line (10 mm). */
		if (p->blank && r > 0 && k->cells[(r - 1) * k->ncols +
		    1].type != V_FIG && h[r] < WRITE_LINE + 2 * PAD)
			h[r] = WRITE_LINE + 2 * PAD;
		sum += h[r];
		if (r == 0)
			cells_free(c, g->n + 1);
		else
			kr->c[r - 1] = c;
	}
	kr->h = xmalloc((k->nbody + 1) * sizeof(*kr->h));
	memcpy(kr->h, h, (k->nbody + 1) * sizeof(*h));
	kr->sum = sum;
	kr->from = g->from;
	kr->n = g->n;
	kr->colw = g->colw;
	kr->size = g->size;
	return sum;
}

/* Body row r as grid_height laid it out for g, else laid out now; the
 * caller frees it. */
static struct cell *
grid_take(struct pdf *p, struct grid *g, size_t r)
{
	struct cell	*c;

	if (grid_kept(g) && g->kept.c[r] != NULL) {
		c = g->kept.c[r];
		g->kept.c[r] = NULL;
		return c;
	}
	return grid_row(p, g, r);
}

static void
grid_header(struct pdf *p, void *arg)
{
	struct grid	*g = arg;
	struct cell	*c;
	char		*title;

	if (g->k->title && !g->untitled) {
		title = g->continued ? xasprintf("%s %s", g->k->title,
		    doc_ui(p->d, "continued")) : xstrdup(g->k->title);
		heading(p, title, F_BOLD, 10.5f, INK, 30);
		free(title);
	}
	g->continued = 1;
	c = grid_row(p, g, (size_t)-1);
	draw_row(p, c, g->n + 1, 0, NULL, NULL);
	cells_free(c, g->n + 1);
}

/* The curve's axis, -2..+2, at the right of its label (row top at top). */
static void
grid_axis(struct pdf *p, const struct grid *g, float top)
{
	const long	 lo = g->k->curve_min, hi = g->k->curve_max;
	/* Every value of a short scale (-2..+2), else its ends and middle. */
	const long	 step = hi - lo <= 6 ? 1 : (hi - lo + 1) / 2;
	char		 v[32];
	long		 i;
	float		 w;
	struct item	 t = { 0 };

	if (hi <= lo)
		return;
	t.kind = IT_TEXT;
	for (i = hi; i >= lo; i = i - step < lo && i > lo ? lo : i - step) {
		snprintf(v, sizeof(v), "%s%ld", i > 0 ? "+" : i < 0 ?
		    "\xe2\x88\x92" : "", i < 0 ? -i : i);
		w = textw(p, F_REG, GRID_FLOOR, v, strlen(v));
		run(&t, F_REG, GRID_FLOOR, MUTED, MARGIN + g->headw - 3 -
		    w, top - fig_curve_y(2.0f * (float)(i - lo) /
		    (float)(hi - lo) - 1) - 2.4f, v);
	}
	push(p, &t);
}

/* The height of a text block (a note's Notes) at the text width. */
static float
text_block_height(struct pdf *p, const struct block *k)
{
	struct box	 b = { 0 };
	float		 h;

	b.width = p->pw - 2 * MARGIN;
	lay_value(p, &b, &k->v, S_BODY, 200);
	/* heading() keeps 40 points below the title. */
	h = box_height(&b) > 40 ? box_height(&b) : 40;
	h += (k->title ? 10 * LEAD : 0) + 3 * GAP;
	box_free(&b);
	return h;
}

static void
draw_grid(struct pdf *p, const struct block *k, const struct block *next)
{
	static const float sizes[] = { S_TABLE, 8.0f, 7.5f, GRID_FLOOR };
	struct grid	 g = { .k = k };
	float		 total = p->pw - 2 * MARGIN, avail, sum = 0, extra;
	float		*h = xcalloc(k->nbody + 1, sizeof(float));
	size_t		 nst = k->ncols - 1, maxper, per, chunks, r, j, lanes;
	size_t		 si = 0;
	struct cell	*c;
	int		 fits;
	/* The Notes that follow share the grid's last page when they can. */
	float		 reserve = next && next->kind == B_TEXT ?
			    text_block_height(p, next) : 0;

	/* A blank grid gives its title's line to the lanes: the header
	 * row's first cell names the stages already. */
	g.untitled = p->blank;
	g.headw = 0;
	for (r = 0; r < k->nbody; r++)
		if (k->cells[r * k->ncols].type == V_TEXT) {
			float w = widest_word(p, k->cells[r * k->ncols].text,
			    F_BOLD, S_TABLE) + 2 * PAD + 2;

			if (w > g.headw)
				g.headw = w;
		}
	if (g.headw < 70)
		g.headw = 70;
	if (g.headw > total * 0.16f)
		g.headw = total * 0.16f;
	maxper = (size_t)((total - g.headw) / GRID_MINCOL);
	if (maxper < 1)
		maxper = 1;
	while (g.from < nst) {
		if (g.from > 0)
			new_page(p, p->landscape);
		avail = room(p) - (k->title && !g.untitled ?
		    10.5f * LEAD : 0) - 2;
		if (avail < page_room(p) * 0.5f && !p->fresh) {
			new_page(p, p->landscape);
			avail = room(p) - (k->title && !g.untitled ?
			    10.5f * LEAD : 0) - 2;
		}
		/* The most stages that fit, at the largest type. */
		fits = 0;
		for (per = nst - g.from < maxper ? nst - g.from : maxper;
		    per >= 1 && !fits; per--) {
			float want = avail - (per == nst - g.from &&
			    reserve < avail * 0.3f ? reserve : 0);

			g.n = per;
			g.colw = (total - g.headw) / (float)per;
			/* At the floor first: what does not fit there does
			 * not fit larger either. */
			g.size = GRID_FLOOR;
			if (grid_height(p, &g, h) > want)
				continue;
			for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]) &&
			    !fits; si++) {
				g.size = sizes[si];
				sum = si + 1 == sizeof(sizes) / sizeof(sizes[0]) ?
				    want : grid_height(p, &g, h);
				fits = sum <= want;
			}
			break;
		}
		if (!fits) {	/* one stage at the floor: rows may split */
			per = 1;
			g.size = GRID_FLOOR;
		} else {
			/* Even pages: 4 + 4 rather than 6 + 2. */
			chunks = (nst - g.from + per - 1) / per;
			per = (nst - g.from + chunks - 1) / chunks;
		}
		g.n = per;
		g.colw = (total - g.headw) / (float)per;
		sum = grid_height(p, &g, h);
		/* A blank grid: its lanes share the rest of the sheet. */
		extra = 0;
		for (r = 0, lanes = 0; r < k->nbody; r++)
			lanes += k->cells[r * k->ncols + 1].type != V_FIG;
		if (p->blank && lanes > 0 && avail > sum)
			extra = (avail - sum) / (float)lanes;
		grid_header(p, &g);
		for (r = 0; r < k->nbody; r++) {
			int curve = k->cells[r * k->ncols + 1].type == V_FIG;
			size_t pg = p->npages;
			float top = p->y, need;

			c = grid_take(p, &g, r);
			need = cells_height(c, g.n + 1, 0);
			draw_row(p, c, g.n + 1, h[r + 1] + (curve ? 0 : extra),
			    grid_header, &g);
			/* The row's top: where it was, or on the page it
			 * moved to whole. */
			if (curve && p->npages == pg)
				grid_axis(p, &g, top);
			else if (curve && need <= page_room(p))
				grid_axis(p, &g, p->y + (need > h[r + 1] ?
				    need : h[r + 1]));
			cells_free(c, g.n + 1);
		}
		g.from += per;
		(void)j;
	}
	grid_drop(&g);
	p->y -= 2 * GAP;
	free(h);
}

/* ---- sections, contents, outline ---- */

static void
mark_toc(struct pdf *p, const struct block *k)
{
	struct tocent	*e;
	struct item	*it;

	xgrow(&p->toc, &p->captoc, p->ntoc + 1, sizeof(*p->toc));
	e = &p->toc[p->ntoc++];
	e->title = xstrdup(k->title);
	e->level = k->level;
	e->page = p->npages - 1;
	e->y = p->y;
	it = item(p, IT_MARK);
	it->text = xstrdup(k->title);
	it->level = k->level;
	it->y = p->y;
}

/*
 * A section heading.  A phase starts a page in the orientation of its
 * first tool, which follows on the same page.
 */
static void
draw_section(struct pdf *p, const struct block *k, const struct block *next)
{
	struct box	 b = { 0 };

	switch (k->level) {
	case 1:
		free(p->head);
		p->head = xstrdup(k->title);
		new_page(p, next != NULL && next->kind == B_SECTION &&
		    next->landscape);
		mark_toc(p, k);
		heading(p, k->title, F_BOLD, 20, ACCENT, 0);
		p->y -= 8;
		p->fresh = 1;	/* the first tool may follow on this page */
		break;
	case 2:
		if (!p->fresh || p->landscape != k->landscape)
			new_page(p, k->landscape);
		mark_toc(p, k);
		heading(p, k->title, F_BOLD, 15, INK, 80);
		if (k->subtitle) {
			b.width = p->pw - 2 * MARGIN;
			lay_text(p, &b, k->subtitle, F_ITAL, 8.5f, MUTED);
			draw_lines(p, &b, 0, b.n, MARGIN, p->y);
			p->y -= box_height(&b);
			box_free(&b);
		}
		p->y -= 8;
		break;
	default:
		/* A note of a canvas tool (journey, strategy) has a page
		 * of its own, unless only headings are on this one. */
		if ((room(p) < 140 || ((k->landscape || p->blank) && p->y <
		    p->ph - TOP - 120)) && !p->fresh)
			new_page(p, k->landscape);
		p->y -= 6;
		mark_toc(p, k);
		heading(p, k->title, F_BOLD, 12, ACCENT, 80);
		p->y -= 4;
		break;
	}
}

static void
draw_text_block(struct pdf *p, const struct block *k)
{
	struct cell	 c;

	if (k->title)
		heading(p, k->title, F_BOLD, 10, MUTED, 40);
	memset(&c, 0, sizeof(c));
	c.x = MARGIN - PAD;
	c.w = p->pw - 2 * MARGIN + 2 * PAD;
	c.b.width = c.w - 2 * PAD;
	lay_value(p, &c.b, &k->v, S_BODY, 200);
	/* Text flows without a frame: draw it as a borderless row. */
	{
		size_t from = 0, to;
		float ch;

		while (from < c.b.n) {
			for (ch = 0, to = from; to < c.b.n &&
			    ch + c.b.v[to].h <= room(p); to++)
				ch += c.b.v[to].h;
			if (to == from) {
				new_page(p, p->landscape);
				continue;
			}
			draw_lines(p, &c.b, from, to, MARGIN, p->y);
			p->y -= ch;
			p->fresh = 0;
			from = to;
		}
	}
	box_free(&c.b);
	p->y -= GAP;
}

/* ---- the One Page Strategy: a canvas ---- */

/*
 * The tables of a canvas tool (goals, strategies, activities) side by
 * side as columns of cards, one card per record: its ids (an activity
 * names its strategy: the link) and its columns of the region card.  The
 * columns of the region after (tools.yaml) follow the canvas as a table.
 * Type shrinks to the
 * floor to fit the page; a canvas that does not fit even then is drawn
 * as tables.  A blank canvas stretches its cards to fill the sheet.
 */
#define CANVAS_MAX	4	/* tables side by side */
#define CARD_PAD	3.5f
#define CARD_GAP	4.0f

static void	draw_figure(struct pdf *, const struct figure *);

/* A value's text when it is one line of Markdown (or plain), else NULL. */
static const char *
one_line(const struct bval *v)
{
	const char	*str = NULL;

	if (v->type == V_TEXT && !v->initials)
		str = v->text;
	else if (v->type == V_MD && v->md == NULL)
		str = v->text;
	else if (v->type == V_MD && !v->list && v->nmd == 1)
		str = v->md[0];
	return str && strchr(str, '\n') == NULL ? str : NULL;
}

/*
 * A record as a card: its ids in bold before its first field, then the
 * other fields, short ones run together ("Label: value · Label: value").
 * A blank card's field to write in has write points below its label;
 * the number of such fields is returned.
 */
static size_t
lay_card(struct pdf *p, struct box *b, const struct block *k, size_t row,
    float size, float write)
{
	size_t		 j, ids = block_ids(k), nth = 0, nw = 0;
	int		 wrote = 0;
	struct buf	 md = { 0 };
	const struct bval *v;
	const char	*str;

	for (j = 0; j < ids; j++) {
		v = &k->cells[row * k->ncols + j];
		if (v->type == V_TEXT && v->text && *v->text)
			buf_printf(&md, "%s%s", md.len ? " \xe2\x86\x92 " :
			    "**", v->text);
	}
	if (md.len)
		buf_puts(&md, "**");
	for (j = ids; j < k->ncols; j++) {
		const char *lab = k->cols[j].label ? k->cols[j].label : "";

		if (k->cols[j].after)
			continue;
		v = &k->cells[row * k->ncols + j];
		if (nth++, v->type == V_NONE && !p->blank)
			continue;
		str = one_line(v);
		if (nth == 1 && str != NULL) {
			buf_printf(&md, "%s%s", md.len ? " " : "", str);
			continue;
		}
		if (str != NULL && strlen(str) < 60) {
			buf_printf(&md, "%s**%s:** %s", md.len ? (nth == 2 ?
			    "\n\n" : " \xc2\xb7 ") : "", lab, str);
			continue;
		}
		if (md.len) {
			lay_md(p, b, md.data, size, 0);
			buf_free(&md);
		}
		lay_text(p, b, lab, F_BOLD, GRID_FLOOR, MUTED);
		if (str != NULL)
			lay_md(p, b, str, size, 0);
		else
			lay_value(p, b, v, size, 60);
		/* A blank field: its writing space below its label. */
		wrote = p->blank && v->type == V_NONE;
		gap(b, wrote && write > 2 ? write : 2);
		nw += wrote;
	}
	if (md.len) {
		lay_md(p, b, md.data, size, 0);
		wrote = 0;
	}
	buf_free(&md);
	while (!wrote && b->n > 0 && b->v[b->n - 1].kind == L_GAP)
		b->n--;
	return nw;
}

/* The cards of a column: a blank canvas has three to write in. */
static size_t
ncards(const struct pdf *p, const struct block *k)
{
	return p->blank && k->nbody > 3 ? 3 : k->nbody;
}

/* Height of column t's cards at width w (the heights in h). */
static float
canvas_col(struct pdf *p, const struct block *k, float w, float size,
    float write, float *h)
{
	float	 sum = 0;
	size_t	 i;

	for (i = 0; i < ncards(p, k); i++) {
		struct box b = { 0 };

		b.width = w - 2 * CARD_PAD;
		lay_card(p, &b, k, i, size, write);
		h[i] = box_height(&b) + 2 * CARD_PAD;
		sum += h[i] + CARD_GAP;
		box_free(&b);
	}
	return sum;
}

/* The columns of the tables beyond the canvas, as a table. */
static void
canvas_rest(struct pdf *p, const struct block *k, const char *note, int level)
{
	struct block	 r;
	struct block	 sec;

	if (block_after(k) == 0)
		return;
	block_region(k, 1, &r);
	/* A bookmark of its own: the canvas is one page, what follows
	 * it is found in the outline. */
	memset(&sec, 0, sizeof(sec));
	sec.level = level;
	sec.title = xasprintf("%s: %s", note ? note : "", k->title ?
	    k->title : "");
	if (room(p) < 90 && !p->fresh)
		new_page(p, p->landscape);
	mark_toc(p, &sec);
	free(sec.title);
	draw_table(p, &r);
	free(r.cols);
	free(r.cells);
}

/*
 * The boxes over a canvas: the first row as boxes (Success), the short
 * ones after it on one line ("Horizon (year): 2027 · ..."), those
 * left empty in a dossier left out.
 */
static void
canvas_boxes(struct pdf *p, const struct block *k)
{
	struct block	 first = *k;
	struct buf	 md = { 0 };
	struct box	 b = { 0 };
	size_t		 i, j;
	const char	*str;

	first.nrows = k->nrows ? 1 : 0;
	first.title = NULL;
	if (p->blank) {
		/* Writing space for two lines: the cards need the sheet. */
		struct brow *rows = xcalloc(k->nrows + 1, sizeof(*rows));

		for (i = 0; i < k->nrows; i++) {
			rows[i].n = k->rows[i].n;
			rows[i].boxes = xcalloc(rows[i].n + 1,
			    sizeof(*rows[i].boxes));
			for (j = 0; j < rows[i].n; j++) {
				rows[i].boxes[j] = k->rows[i].boxes[j];
				if (rows[i].boxes[j].lines > 2)
					rows[i].boxes[j].lines = 2;
			}
		}
		first.rows = rows;
		first.nrows = k->nrows;
		draw_boxes(p, &first);
		for (i = 0; i < k->nrows; i++)
			free(rows[i].boxes);
		free(rows);
		return;
	}
	draw_boxes(p, &first);
	for (i = 1; i < k->nrows; i++)
		for (j = 0; j < k->rows[i].n; j++) {
			const struct bbox *x = &k->rows[i].boxes[j];

			if (x->v.type == V_NONE)
				continue;
			if ((str = one_line(&x->v)) == NULL) {
				struct block one = *k;
				struct brow row = { (struct bbox *)x, 1 };

				one.rows = &row;
				one.nrows = 1;
				one.title = NULL;
				draw_boxes(p, &one);
				continue;
			}
			buf_printf(&md, "%s**%s:** %s", md.len ?
			    " \xc2\xb7 " : "", x->label, str);
		}
	if (md.len) {
		b.width = p->pw - 2 * MARGIN;
		lay_md(p, &b, md.data, S_BODY - 0.5f, 0);
		p->y += GAP;
		draw_lines(p, &b, 0, b.n, MARGIN, p->y);
		p->y -= box_height(&b) + GAP;
		box_free(&b);
	}
	buf_free(&md);
}

/*
 * Draws blocks [from, to) of a canvas note: its boxes, then its tables
 * as columns of cards.  Returns 0 when the tables do not fit a page (the
 * caller draws them as tables).
 */
static int
draw_canvas(struct pdf *p, const struct block *b, size_t n, const char *note,
    int level)
{
	static const float sizes[] = { S_TABLE, 8.0f, 7.5f, GRID_FLOOR };
	const struct block *t[CANVAS_MAX];
	float		 total = p->pw - 2 * MARGIN, w[CANVAS_MAX], x, y0;
	float		 avail, hmax = 0, sum, size = S_TABLE, weight = 0;
	float		 write;
	float		*h[CANVAS_MAX];
	size_t		 nt = 0, i, j, si;
	int		 fits = 0;

	for (i = 0; i < n; i++)
		if (b[i].kind == B_TABLE && nt < CANVAS_MAX)
			t[nt++] = &b[i];
	if (nt < 2)
		return 0;
	for (i = 0; i < nt; i++) {
		w[i] = block_after(t[i]) > 0 ? 1.5f : 1.0f;
		weight += w[i];
	}
	for (i = 0; i < nt; i++)
		w[i] = (total - GAP * (float)(nt - 1)) * w[i] / weight;
	for (i = 0; i < n; i++)
		if (b[i].kind == B_BOXES)
			canvas_boxes(p, &b[i]);
	avail = room(p) - 10.5f * LEAD - 4;
	for (i = 0; i < nt; i++)
		h[i] = xcalloc(t[i]->nbody + 1, sizeof(float));
	/* A blank canvas: a handwritten line below each field's label,
	 * else (it would not fit) the room at the cards' feet. */
	for (write = p->blank ? WRITE_LINE : 0; !fits; ) {
		for (si = 0; si < sizeof(sizes) / sizeof(sizes[0]) && !fits;
		    si++) {
			size = sizes[si];
			hmax = 0;
			for (i = 0; i < nt; i++) {
				sum = canvas_col(p, t[i], w[i], size, write,
				    h[i]);
				if (sum > hmax)
					hmax = sum;
			}
			fits = hmax <= avail;
		}
		if (write == 0)
			break;
		if (!fits)
			write = 0;
	}
	if (!fits) {	/* as tables, as any other tool */
		for (i = 0; i < nt; i++)
			free(h[i]);
		for (i = 0; i < n; i++)
			if (b[i].kind == B_TABLE)
				draw_table(p, &b[i]);
			else if (b[i].kind == B_TEXT)
				draw_text_block(p, &b[i]);
			else if (b[i].kind == B_FIGURE)
				draw_figure(p, b[i].fig);
		return 1;
	}
	/* The column heads, then the cards. */
	y0 = p->y;
	for (i = 0, x = MARGIN; i < nt; x += w[i] + GAP, i++) {
		struct box hb = { 0 };

		hb.width = w[i];
		lay_text(p, &hb, t[i]->title ? t[i]->title : "", F_BOLD, 10.5f,
		    INK);
		draw_lines(p, &hb, 0, hb.n, x, y0);
		box_free(&hb);
	}
	p->y = y0 - 10.5f * LEAD - 4;
	y0 = p->y;
	for (i = 0, x = MARGIN; i < nt; x += w[i] + GAP, i++) {
		float extra = 0, y = y0;

		sum = 0;
		for (j = 0; j < ncards(p, t[i]); j++)
			sum += h[i][j] + CARD_GAP;
		if (p->blank && t[i]->nbody > 0 && avail > sum)
			extra = (avail - sum) / (float)ncards(p, t[i]);
		for (j = 0; j < ncards(p, t[i]); j++) {
			struct box cb = { 0 };
			float ch = h[i][j] + extra;
			size_t nw;

			/* The card's room goes to its fields to write in. */
			cb.width = w[i] - 2 * CARD_PAD;
			nw = lay_card(p, &cb, t[i], j, size, write);
			if (nw > 0 && extra > 0) {
				box_free(&cb);
				memset(&cb, 0, sizeof(cb));
				cb.width = w[i] - 2 * CARD_PAD;
				lay_card(p, &cb, t[i], j, size, write + extra /
				    (float)nw);
			}
			rect(p, x, y - ch, w[i], ch, NULL, (struct rgb *)&LINE);
			draw_lines(p, &cb, 0, cb.n, x + CARD_PAD, y - CARD_PAD);
			box_free(&cb);
			y -= ch + CARD_GAP;
		}
	}
	/* A blank canvas's cards reach down to avail. */
	p->y = y0 - (p->blank && avail > hmax ? avail : hmax) - GAP;
	p->fresh = 0;
	for (i = 0; i < nt; i++)
		free(h[i]);
	for (i = 0; i < nt; i++)
		canvas_rest(p, t[i], note, level + 1);
	for (i = 0; i < n; i++)
		if (b[i].kind == B_TEXT)
			draw_text_block(p, &b[i]);
	return 1;
}

/* A figure scaled to the text width, with its caption below. */
static void
draw_figure(struct pdf *p, const struct figure *f)
{
	float	 width = p->pw - 2 * MARGIN, s = f->w > width ? width / f->w : 1;
	float	 h = f->h * s + 20, fit = (room(p) - 20) / f->h;

	/* Shrink a little rather than leave most of a page empty. */
	if (room(p) < h && fit >= s * 0.7f)
		s = fit;
	else if (room(p) < h && !p->fresh)
		new_page(p, p->landscape);
	draw_fig(p, f, MARGIN + (width - f->w * s) / 2, p->y, s, s);
	p->y -= f->h * s + 4;
	if (f->title) {
		struct box b = { 0 };

		b.width = width;
		lay_text(p, &b, f->title, F_ITAL, 8, MUTED);
		draw_lines(p, &b, 0, b.n, MARGIN, p->y);
		p->y -= box_height(&b);
		box_free(&b);
	}
	p->y -= 2 * GAP;
	p->fresh = 0;
}

static void
cover(struct pdf *p)
{
	const struct doc	*d = p->d;
	struct box		 b = { 0 };
	struct pimg		*pi;
	float			 w, h, lw;
	size_t			 i;

	new_page(p, 0);
	w = p->pw - 2 * MARGIN;
	p->y = p->ph - 90;
	if ((pi = load_image(p, d->logo_img)) != NULL) {
		lw = pi->w > 200 ? 200 : pi->w;
		h = pi->h * lw / pi->w;
		if (h > 80) {
			h = 80;
			lw = pi->w * h / pi->h;
		}
		image(p, pi->ci, MARGIN, p->y - h, lw, h);
		p->y -= h + 40;
	}
	b.width = w;
	lay_text(p, &b, doc_ui(d, doc_kind(d)), F_REG, 12,
	    MUTED);
	lay_text(p, &b, d->name ? d->name : "", F_BOLD, 28, INK);
	draw_lines(p, &b, 0, b.n, MARGIN, p->y);
	p->y -= box_height(&b) + 10;
	box_free(&b);
	line_to(p, pen(ACCENT, 2.5f, DASH_KEEP), MARGIN, p->y, p->pw - MARGIN,
	    p->y);
	p->y -= 24;

	b.width = w - 110;
#define ROW(key, fill) ROWL(doc_ui(d, key), fill)
#define ROWL(label, fill) do {						\
	struct box lb = { 0 };						\
	lb.width = 100;							\
	lay_text(p, &lb, label, F_REG, 10, MUTED);			\
	fill;								\
	draw_lines(p, &lb, 0, lb.n, MARGIN, p->y);			\
	draw_lines(p, &b, 0, b.n, MARGIN + 110, p->y);			\
	h = box_height(&b) > box_height(&lb) ? box_height(&b) :		\
	    box_height(&lb);						\
	p->y -= h + 8;							\
	box_free(&b);							\
	box_free(&lb);							\
	b.width = w - 110;						\
} while (0)
	for (i = 0; i < d->ncover; i++)
		ROWL(d->cover[i].label, lay_value(p, &b, &d->cover[i].v, 11,
		    100));
	if (d->date) {
		char *date = doc_date(d, d->date);

		ROW("date", lay_text(p, &b, date, F_REG, 11, INK));
		free(date);
	}
	if (d->c != NULL)
		ROW("version", lay_text(p, &b, d->version ? d->version :
		    doc_ui(d, "not_in_git"), F_REG, 11, INK));
#undef ROW
#undef ROWL
}

/* Lines the contents need, to reserve its pages before the content. */
static size_t
toc_lines(struct pdf *p)
{
	const struct doc	*d = p->d;
	size_t			 i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->b[i].kind == B_SECTION && d->b[i].level <= 2) {
			struct box b = { 0 };

			b.width = 595 - 2 * MARGIN - 60 -
			    (d->b[i].level == 2 ? 18 : 0);
			lay_text(p, &b, d->b[i].title, d->b[i].level == 1 ?
			    F_BOLD : F_REG, 10, INK);
			n += b.n + (d->b[i].level == 1);
			box_free(&b);
		}
	return n;
}

#define TOC_LINE	15.0f

static void
draw_toc(struct pdf *p)
{
	size_t		 i, pg = p->toc_first;
	float		 y;
	char		 num[32];
	struct item	*it;

	/* Each page of the contents laid out on its own size (the last
	 * page drawn may be another). */
	to_page(p, pg);
	y = p->ph - TOP;
	{
		struct box b = { 0 };

		b.width = 400;
		lay_text(p, &b, doc_ui(p->d, "contents"), F_BOLD, 20, ACCENT);
		draw_lines(p, &b, 0, b.n, MARGIN, y);
		y -= box_height(&b) + 12;
		box_free(&b);
	}
	for (i = 0; i < p->ntoc; i++) {
		const struct tocent *e = &p->toc[i];
		struct box b = { 0 };
		float indent = e->level == 2 ? 18 : 0, h;

		if (e->level > 2)
			continue;
		b.width = p->pw - 2 * MARGIN - 60 - indent;
		lay_text(p, &b, e->title, e->level == 1 ? F_BOLD : F_REG, 10,
		    INK);
		h = (float)b.n * TOC_LINE + (e->level == 1 ? 6 : 0);
		if (y - h < BOTTOM && pg + 1 < p->toc_first + p->toc_pages) {
			to_page(p, ++pg);
			y = p->ph - TOP;
		}
		if (e->level == 1)
			y -= 6;
		draw_lines(p, &b, 0, b.n, MARGIN + indent, y);
		snprintf(num, sizeof(num), "%zu", e->page + 1);
		h = textw(p, F_REG, 10, num, strlen(num));
		run(item(p, IT_TEXT), F_REG, 10, INK, p->pw - MARGIN - h,
		    y - 10.2f, num);
		it = item(p, IT_TOCLINK);
		it->x = MARGIN;
		it->x2 = p->pw - MARGIN;
		it->y2 = y;
		it->y = y - (float)b.n * TOC_LINE;
		it->n = i;
		y -= (float)b.n * TOC_LINE;
		box_free(&b);
	}
}

/*
 * s cut to maxw with an ellipsis (a running header holds one line: the
 * cover and the contents hold the whole text).  Caller frees.
 */
static char *
fit_line(struct pdf *p, const char *s, int f, float size, float maxw)
{
	size_t	 n = strlen(s), k;
	float	 w = 0, ew = textw(p, f, size, "\xe2\x80\xa6", 3), cw;

	if (n < 4096 && textw(p, f, size, s, n) <= maxw)
		return xstrdup(s);
	for (n = 0; s[n] != '\0'; n += k) {
		for (k = 1; ((unsigned char)s[n + k] & 0xc0) == 0x80; k++)
			continue;
		cw = textw(p, f, size, s + n, k);
		if (w + cw + ew > maxw)
			break;
		w += cw;
	}
	return xasprintf("%.*s\xe2\x80\xa6", (int)n, s);
}

/*
 * A warning that text was cut to fit (what), once per document: at the
 * company note's line of the name, or at the company note.  Nothing of a
 * blank form's is the author's to shorten.
 */
static void
warn_cut(struct pdf *p, unsigned what, const char *orig, const char *s)
{
	const struct doc	*d = p->d;
	const struct note	*co;
	const char		*path;
	char			*tpath = NULL;
	int			 line = 0, col = 0;

	if ((p->cut & what) || strcmp(orig, s) == 0 || d->c == NULL)
		return;
	p->cut |= what;
	co = company_note(d->c);
	path = what == CUT_NAME && d->name_path ? d->name_path : co ?
	    co->path : d->c->slug;
	if (what == CUT_NAME) {
		line = d->name_line;
		col = d->name_col;
	} else {
		/* A phase's title, the version's label: template texts. */
		templates_text_source(d->tp, d->lang, what == CUT_VERSION ?
		    doc_ui(d, "version") : orig, &tpath, &line, &col);
		if (line > 1)
			path = tpath;
		else
			line = col = 0;
	}
	diag(SEV_WARNING, path, line ? line : 1, col ? col : 1, "%s",
	    what == CUT_NAME ? "the company name is cut to fit the running "
	    "header of the PDF; the cover and the contents print it whole" :
	    what == CUT_HEAD ? "a phase's title is cut to fit the running "
	    "header of the PDF" : "the content version is cut to fit the "
	    "footer of the PDF");
	free(tpath);
}

static void
headers(struct pdf *p)
{
	const struct doc	*d = p->d;
	size_t			 i;
	char			*s;
	float			 w;

	for (i = d->poster ? 0 : 1; i < p->npages; i++) {
		struct item t = { 0 }, *it;
		float pw, ph;

		to_page(p, i);
		pw = p->pw;
		ph = p->ph;
		it = line_to(p, pen(LINE, 0.5f, DASH_KEEP), MARGIN, ph - 40,
		    pw - MARGIN, ph - 40);
		pt(it, MARGIN, 38, 1);
		pt(it, pw - MARGIN, 38, 0);
		t.kind = IT_TEXT;
		/* Each header in its half of the line, cut to it. */
		w = 0;
		if (p->heads[i]) {
			s = fit_line(p, p->heads[i], F_REG, 7.5f,
			    (pw - 2 * MARGIN) * 0.45f);
			warn_cut(p, CUT_HEAD, p->heads[i], s);
			w = textw(p, F_REG, 7.5f, s, strlen(s));
			run(&t, F_REG, 7.5f, MUTED, pw - MARGIN - w, ph - 34,
			    s);
			free(s);
		}
		s = fit_line(p, d->name ? d->name : "", F_REG, 7.5f,
		    pw - 2 * MARGIN - w - 12);
		warn_cut(p, CUT_NAME, d->name ? d->name : "", s);
		run(&t, F_REG, 7.5f, MUTED, MARGIN, ph - 34, s);
		free(s);
		{
			char *num = xasprintf(doc_ui(d, "page_of"), (int)i + 1,
			    (int)p->npages);

			w = textw(p, F_REG, 7.5f, num, strlen(num));
			run(&t, F_REG, 7.5f, MUTED, pw - MARGIN - w, 26, num);
			free(num);
		}
		if (d->c != NULL) {
			char *v = xasprintf("%s: %s", doc_ui(d, "version"),
			    d->version ? d->version : doc_ui(d, "not_in_git"));

			s = fit_line(p, v, F_REG, 7.5f, pw - 2 * MARGIN - w -
			    12);
			warn_cut(p, CUT_VERSION, v, s);
			run(&t, F_REG, 7.5f, MUTED, MARGIN, 26, s);
			free(s);
			free(v);
		}
		push(p, &t);
	}
	flush(p);
}

/* Draws blocks [from, to) of the document. */
static void
draw_blocks(struct pdf *p, size_t from, size_t to)
{
	const struct doc	*d = p->d;
	size_t			 i;

	for (i = from; i < to; i++) {
		const struct block *k = &d->b[i];

		switch (k->kind) {
		case B_SECTION:
			draw_section(p, k, i + 1 < d->n ? &d->b[i + 1] : NULL);
			if (k->canvas) {
				size_t j;

				for (j = i + 1; j < d->n &&
				    d->b[j].kind != B_SECTION; j++)
					continue;
				if (j > i + 1 && draw_canvas(p, &d->b[i + 1],
				    j - i - 1, k->title, k->level))
					i = j - 1;
			}
			break;
		case B_TEXT:
			draw_text_block(p, k);
			break;
		case B_BOXES:
			draw_boxes(p, k);
			break;
		case B_TABLE:
			if (k->equal && k->row_headers && k->ncols > 1)
				draw_grid(p, k, i + 1 < d->n ? &d->b[i + 1] :
				    NULL);
			else
				draw_table(p, k);
			break;
		case B_FIGURE:
			draw_figure(p, k->fig);
			break;
		}
	}
}

/* ---- a blank form fills its sheet ---- */

/*
 * A blank form (a tool's section and its blocks) is laid out dry first,
 * its pages opened and drawn nowhere: the room left at the foot of its
 * last page goes to the writing units on that page (the body rows of
 * its tables, the rows of its boxes), in whole handwritten lines, the
 * first units taking one more when they do not divide evenly.  A form
 * the lines would push onto another page (a rule of the pagination
 * moved a row) tries one line less.  Grids and canvases stretch to
 * their sheet by themselves.  A filled dossier is never laid out so.
 */
struct snap {
	size_t		 npages, page, ntoc;
	float		 pw, ph, y;
	int		 landscape, fresh;
	char		*head;
};

static void
dry_page(void *arg, const struct lay_page *pg)
{
	(void)arg;
	(void)pg;
}

static void
dry_draw(void *arg, size_t page, const struct item *it, size_t n)
{
	(void)arg;
	(void)page;
	(void)it;
	(void)n;
}

static void
snap_take(struct pdf *p, struct snap *s)
{
	flush(p);
	s->npages = p->npages;
	s->page = p->page;
	s->ntoc = p->ntoc;
	s->pw = p->pw;
	s->ph = p->ph;
	s->y = p->y;
	s->landscape = p->landscape;
	s->fresh = p->fresh;
	s->head = p->head ? xstrdup(p->head) : NULL;
}

/* Back to s, forgetting the pages and contents' entries since. */
static void
snap_back(struct pdf *p, const struct snap *s)
{
	size_t	 i;

	drop_items(p);
	for (i = s->npages; i < p->npages; i++)
		free(p->heads[i]);
	for (i = s->ntoc; i < p->ntoc; i++)
		free(p->toc[i].title);
	p->npages = s->npages;
	p->page = s->page;
	p->ntoc = s->ntoc;
	p->pw = s->pw;
	p->ph = s->ph;
	p->y = s->y;
	p->landscape = s->landscape;
	p->fresh = s->fresh;
	free(p->head);
	p->head = s->head ? xstrdup(s->head) : NULL;
}

/* Blocks [from, to) laid out dry with the extra lines p->extra. */
static void
dry_run(struct pdf *p, size_t from, size_t to)
{
	const struct lay_backend *be = p->be;
	struct lay_backend	 dry = *be;

	dry.page = dry_page;
	dry.draw = dry_draw;
	p->be = &dry;
	p->unit = 0;
	draw_blocks(p, from, to);
	flush(p);
	p->be = be;
}

static void
fill_form(struct pdf *p, size_t from, size_t to)
{
	struct snap	 s;
	size_t		 u, n, pages, m, k;
	int		 lines;
	char		*on;

	snap_take(p, &s);
	p->nextra = 0;
	dry_run(p, from, to);
	n = p->unit;
	pages = p->npages;
	lines = p->y - BOTTOM > 0 ? (int)((p->y - BOTTOM) / WRITE_LINE) : 0;
	/* The units on the form's last page. */
	on = xcalloc(n + 1, 1);
	for (m = 0, u = 0; u < n; u++)
		m += on[u] = p->upage[u] == p->page;
	snap_back(p, &s);
	xgrow(&p->extra, &p->capextra, n + 1, sizeof(*p->extra));
	p->nextra = n;
	for (; lines > 0 && m > 0; lines--) {
		for (k = 0, u = 0; u < n; u++)
			p->extra[u] = !on[u] ? 0 :
			    lines / (int)m + ((int)k++ < lines % (int)m);
		dry_run(p, from, to);
		if (p->npages == pages && p->y >= BOTTOM - 0.5f) {
			snap_back(p, &s);
			break;
		}
		snap_back(p, &s);
	}
	if (lines <= 0 || m == 0)
		p->nextra = 0;
	p->unit = 0;
	draw_blocks(p, from, to);
	p->nextra = 0;
	free(on);
	free(s.head);
}

static void
layout(struct pdf *p)
{
	const struct doc	*d = p->d;
	size_t			 i, j, lines, per;

	/* A poster (one blank form) has neither cover nor contents. */
	if (!d->poster) {
		cover(p);
		/* Reserve the contents' pages; filled in at the end. */
		lines = toc_lines(p);
		per = (size_t)(((p->a3 && p->blank ? 1190.55f : 841.89f) -
		    TOP - BOTTOM - 40) / TOC_LINE);
		p->toc_first = p->npages;
		p->toc_pages = lines / per + 1;
		for (i = 0; i < p->toc_pages; i++)
			new_page(p, 0);
	}
	if (!p->blank)
		draw_blocks(p, 0, d->n);
	/* Blank forms, each from its tool's section to the next one's. */
	for (i = 0; p->blank && i < d->n; i = j) {
		for (j = i + 1; j < d->n && !(d->b[j].kind == B_SECTION &&
		    d->b[j].level <= 2); j++)
			continue;
		if (d->b[i].kind == B_SECTION && d->b[i].level == 2)
			fill_form(p, i, j);
		else
			draw_blocks(p, i, j);
	}
	if (!d->poster)
		draw_toc(p);
	headers(p);
}

/* The handle of layout.h: the state, by the name it had in pdf.c. */
struct lay {
	struct pdf	 p;
};

struct lay *
lay_new(const struct doc *d, int a3, const struct lay_backend *be)
{
	struct lay	*l = xcalloc(1, sizeof(*l));

	l->p.be = be;
	l->p.d = d;
	l->p.a3 = a3;
	l->p.blank = d->c == NULL;
	l->p.lang = d->tp->langs[d->lang].code;
	return l;
}

void
lay_run(struct lay *l)
{
	layout(&l->p);
}

void
lay_free(struct lay *l)
{
	struct pdf	*p = &l->p;
	size_t		 i;

	drop_items(p);
	free(p->items);
	free(p->upage);
	free(p->extra);
	for (i = 0; i < p->npages; i++)
		free(p->heads[i]);
	free(p->heads);
	free(p->pages);
	for (i = 0; i < p->ntoc; i++)
		free(p->toc[i].title);
	free(p->toc);
	free(p->imgs);
	free(p->head);
	for (i = 0; p->mdc != NULL && i < MD_CACHE; i++)
		if (p->mdc[i].doc != NULL) {
			cmark_node_free(p->mdc[i].doc);
			free(p->mdc[i].text);
		}
	free(p->mdc);
	free(l);
}
