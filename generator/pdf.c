/*
 * pdf.c: the PDF backend, over libharu: draws the pages of items that
 * the layout engine (layout.c, layout.h) hands over, and makes the file.
 *
 * Everything here is drawing: the document's set-up, its fonts
 * (pdffont.c, which also measures for the engine), one image object per
 * file, each item as libharu calls, the outline and its destinations,
 * the metadata and the save.  No position is decided here.  A page the
 * layout has left is sealed (pdfpage.c): its content is deflated while
 * the layout goes on.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "form.h"
#include "hyphen.h"
#include "image.h"
#include "imgcache.h"
#include "layout.h"
#include "markdown.h"
#include "pdffont.h"
#include "pdfpage.h"
#include "render.h"
#include "util.h"

static const char *const font_files[F__N] = {
	"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
	"LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
	"LiberationMono-Regular.ttf",
};

struct hpdf {
	HPDF_Doc		 doc;
	char			*fontdir;
	jmp_buf			 jb;
	char			 err[256];
	const struct doc	*d;
	struct pfonts		*fonts;
	HPDF_Page		*pages;
	size_t			 npages, cappages;
	struct pdfpages		*sealer;
	HPDF_Destination	*dests;		/* by outline entry */
	size_t			 ndests, capdests;
	HPDF_Outline		 outl[5];
	HPDF_Image		*imgs;		/* by cimage index */
};

static void
on_error(HPDF_STATUS e, HPDF_STATUS detail, void *u)
{
	struct hpdf	*p = u;

	snprintf(p->err, sizeof(p->err), "libharu error 0x%04X (%u)",
	    (unsigned)e, (unsigned)detail);
	longjmp(p->jb, 1);
}

/* The engine's measurer: the fonts the text is drawn with. */
static unsigned long
units(void *arg, int face, const char *s, size_t len)
{
	struct hpdf	*p = arg;

	return pfonts_units(p->fonts, face, s, len);
}

static void
new_page(void *arg, const struct lay_page *lp)
{
	struct hpdf	*p = arg;
	HPDF_Page	 pg;

	/* The page before is done, but for what the end draws on it. */
	if (p->npages > 0) {
		pg = p->pages[p->npages - 1];
		pdfpage_seal(p->sealer, ((HPDF_PageAttr)pg->attr)->contents);
	}
	pg = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(pg, lp->a3 ? HPDF_PAGE_SIZE_A3 : HPDF_PAGE_SIZE_A4,
	    lp->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
	xgrow(&p->pages, &p->cappages, p->npages + 1, sizeof(*p->pages));
	p->pages[p->npages] = pg;
	p->npages++;
}

/*
 * The image object of ci, made on its first use from the pixels the
 * validate pass decoded.
 */
static HPDF_Image
load_image(struct hpdf *p, const struct cimage *ci)
{
	const struct image	*img = &ci->img;
	HPDF_Image		 hi, mask;

	if (p->imgs == NULL)
		p->imgs = xcalloc(p->d->c->images->n, sizeof(*p->imgs));
	if (p->imgs[ci->index] != NULL)
		return p->imgs[ci->index];
	hi = HPDF_LoadRawImageFromMem(p->doc, img->pixels, img->width,
	    img->height, img->gray ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB,
	    8);
	if (img->alpha != NULL) {
		mask = HPDF_LoadRawImageFromMem(p->doc, img->alpha, img->width,
		    img->height, HPDF_CS_DEVICE_GRAY, 8);
		HPDF_Image_AddSMask(hi, mask);
		pdfpage_seal(p->sealer, mask);
	}
	pdfpage_seal(p->sealer, hi);
	return p->imgs[ci->index] = hi;
}

/*
 * libharu's setters write their operator whatever the page's state
 * holds; these write it only when the value changes.  The state lasts
 * across a page's text objects and its content streams, and libharu
 * keeps it for each page, through GSave and GRestore.  (A table's cells
 * set the same colours, pen and font over and over.)
 */
static HPDF_GState
gstate(HPDF_Page pg)
{
	return ((HPDF_PageAttr)pg->attr)->gstate;
}

/* Whether a colour of the state, in space cs, is c. */
static int
rgb_is(HPDF_ColorSpace cs, HPDF_RGBColor have, struct rgb c)
{
	return cs == HPDF_CS_DEVICE_RGB && have.r == c.r && have.g == c.g &&
	    have.b == c.b;
}

static void
fill_rgb(HPDF_Page pg, struct rgb c)
{
	HPDF_GState	 g = gstate(pg);

	if (!rgb_is(g->cs_fill, g->rgb_fill, c))
		HPDF_Page_SetRGBFill(pg, c.r, c.g, c.b);
}

static void
set_font(struct hpdf *p, HPDF_Page pg, int face, float size)
{
	HPDF_Font	 f = pfonts_font(p->fonts, face);
	HPDF_GState	 g = gstate(pg);

	if (g->font != f || g->font_size != size)
		HPDF_Page_SetFontAndSize(pg, f, size);
}

static void
set_pen(HPDF_Page pg, const struct pen *pn)
{
	HPDF_UINT16	 dash[2] = { 3, 2 };
	HPDF_GState	 g = gstate(pg);

	if (!pn->on)
		return;
	if (!rgb_is(g->cs_stroke, g->rgb_stroke, pn->c))
		HPDF_Page_SetRGBStroke(pg, pn->c.r, pn->c.g, pn->c.b);
	if (g->line_width != pn->width)
		HPDF_Page_SetLineWidth(pg, pn->width);
	if (pn->dash != DASH_KEEP)
		HPDF_Page_SetDash(pg, pn->dash == DASH_DASHED ? dash : NULL,
		    pn->dash == DASH_DASHED ? 2 : 0, 0);
}

static void
draw_text(struct hpdf *p, HPDF_Page pg, const struct item *it)
{
	size_t	 i;

	HPDF_Page_BeginText(pg);
	for (i = 0; i < it->nruns; i++) {
		const struct run *r = &it->runs[i];

		set_font(p, pg, r->face, r->size);
		fill_rgb(pg, r->c);
		pfonts_text(p->fonts, pg, r->face, r->size, r->x, r->y,
		    r->text);
	}
	HPDF_Page_EndText(pg);
}

static void
draw_rect(HPDF_Page pg, const struct item *it)
{
	float	 d;

	if (it->fill) {
		fill_rgb(pg, it->fc);
		HPDF_Page_Rectangle(pg, it->x, it->y, it->w, it->h);
		HPDF_Page_Fill(pg);
	}
	if (it->hatch.on) {
		HPDF_Page_GSave(pg);
		HPDF_Page_Rectangle(pg, it->x, it->y, it->w, it->h);
		HPDF_Page_Clip(pg);
		HPDF_Page_EndPath(pg);
		set_pen(pg, &it->hatch);
		for (d = -it->h; d < it->w; d += it->step) {
			HPDF_Page_MoveTo(pg, it->x + d, it->y);
			HPDF_Page_LineTo(pg, it->x + d + it->h, it->y + it->h);
		}
		HPDF_Page_Stroke(pg);
		HPDF_Page_GRestore(pg);
	}
	if (it->pen.on) {
		set_pen(pg, &it->pen);
		HPDF_Page_Rectangle(pg, it->x, it->y, it->w, it->h);
		HPDF_Page_Stroke(pg);
	}
}

/* A path or circle: its colours, its shape, then fill and/or stroke. */
static void
draw_shape(HPDF_Page pg, const struct item *it)
{
	size_t	 i;

	if (it->fill && it->fill_first)
		fill_rgb(pg, it->fc);
	set_pen(pg, &it->pen);
	if (it->fill && !it->fill_first)
		fill_rgb(pg, it->fc);
	if (it->kind == IT_CIRCLE)
		HPDF_Page_Circle(pg, it->x, it->y, it->r);
	for (i = 0; i < it->npts; i++)
		if (it->pts[i].move)
			HPDF_Page_MoveTo(pg, it->pts[i].x, it->pts[i].y);
		else
			HPDF_Page_LineTo(pg, it->pts[i].x, it->pts[i].y);
	if (it->fill && it->pen.on)
		HPDF_Page_FillStroke(pg);
	else if (it->fill)
		HPDF_Page_Fill(pg);
	else
		HPDF_Page_Stroke(pg);
}

/* An outline entry: its destination, under the last entry a level up. */
static void
mark(struct hpdf *p, HPDF_Page pg, const struct item *it)
{
	HPDF_Destination dest;
	HPDF_Outline	 parent;
	int		 level = it->level;

	dest = HPDF_Page_CreateDestination(pg);
	HPDF_Destination_SetXYZ(dest, 0, it->y + 30, 1);
	xgrow(&p->dests, &p->capdests, p->ndests + 1, sizeof(*p->dests));
	p->dests[p->ndests++] = dest;
	parent = level > 1 && p->outl[level - 1] ? p->outl[level - 1] : NULL;
	p->outl[level] = HPDF_CreateOutline(p->doc, parent, it->text,
	    HPDF_GetEncoder(p->doc, "UTF-8"));
	HPDF_Outline_SetDestination(p->outl[level], dest);
	HPDF_Outline_SetOpened(p->outl[level], level < 2);
	if (level < 3)
		p->outl[level + 1] = NULL;
}

static void
draw(void *arg, size_t page, const struct item *v, size_t n)
{
	struct hpdf	*p = arg;
	HPDF_Page	 pg = p->pages[page];
	HPDF_Rect	 r;
	HPDF_Annotation	 a;
	size_t		 i;

	for (i = 0; i < n; i++) {
		const struct item *it = &v[i];

		r.left = it->x;
		r.bottom = it->y;
		r.right = it->x2;
		r.top = it->y2;
		switch (it->kind) {
		case IT_TEXT:
			draw_text(p, pg, it);
			break;
		case IT_RECT:
			draw_rect(pg, it);
			break;
		case IT_PATH:
		case IT_CIRCLE:
			draw_shape(pg, it);
			break;
		case IT_SOLID:
			HPDF_Page_SetDash(pg, NULL, 0, 0);
			break;
		case IT_IMAGE_USE:
			load_image(p, it->img);
			break;
		case IT_IMAGE:
			HPDF_Page_DrawImage(pg, load_image(p, it->img), it->x,
			    it->y, it->w, it->h);
			break;
		case IT_URI:
			a = HPDF_Page_CreateURILinkAnnot(pg, r, it->text);
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		case IT_MARK:
			mark(p, pg, it);
			break;
		case IT_TOCLINK:
			a = HPDF_Page_CreateLinkAnnot(pg, r, p->dests[it->n]);
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		}
	}
}

static void
metadata(struct hpdf *p)
{
	const struct doc	*d = p->d;
	HPDF_Date		 dt;
	char			*title;

	title = xasprintf("%s – %s", d->name ? d->name : "",
	    doc_ui(d, doc_kind(d)));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
	free(title);
	if (d->author) {
		title = md_plain(d->author);
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, title);
		free(title);
	}
	if (d->summary) {
		title = md_plain(d->summary);
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, title);
		free(title);
	}
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "simc");
	if (d->date && sscanf(d->date, "%d-%d-%d", &dt.year, &dt.month,
	    &dt.day) == 3) {
		dt.hour = dt.minutes = dt.seconds = 0;
		dt.ind = 'Z';
		dt.off_hour = dt.off_minutes = 0;
		HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, dt);
	}
}

const char *
pdf_font_file(unsigned i)
{
	return i < F__N ? font_files[i] : NULL;
}

/*
 * The faces most pages use: a document begun ahead of its layout
 * (pdf_start) has them loaded.  A face loaded is in the file only once
 * drawn with.
 */
#define COMMON_FACES	(1u << F_REG | 1u << F_BOLD | 1u << F_ITAL)

/* Frees the document p: libharu's, its fonts and its pages' tables. */
static void
hpdf_free(struct hpdf *p)
{
	if (p == NULL)
		return;
	HPDF_Free(p->doc);
	pfonts_free(p->fonts);
	free(p->fontdir);
	free(p->pages);
	free(p->dests);
	free(p->imgs);
	free(p);
}

/*
 * A document begun: libharu's, set up, with the common faces loaded;
 * NULL with the reason in err.  The fonts live beside the templates
 * folder; a missing one says so here, rather than as a libharu error
 * half-way through.
 */
static struct hpdf *
begin(const char *fontdir, char *err, size_t errlen)
{
	struct hpdf	*p;
	size_t		 i;

	for (i = 0; i < F__N; i++) {
		char *path = xasprintf("%s/%s", fontdir, font_files[i]);
		int missing = access(path, R_OK) == -1;

		if (missing)
			snprintf(err, errlen, "cannot read the font %s: %s",
			    path, strerror(errno));
		free(path);
		if (missing)
			return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	if ((p->doc = HPDF_New(on_error, p)) == NULL) {
		snprintf(err, errlen, "cannot start libharu");
		free(p);
		return NULL;
	}
	p->fontdir = xstrdup(fontdir);
	p->fonts = pfonts_new(p->doc, p->fontdir, font_files, F__N);
	if (setjmp(p->jb) != 0) {
		snprintf(err, errlen, "%s", p->err);
		hpdf_free(p);
		return NULL;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
	pfonts_load(p->fonts, COMMON_FACES);
	return p;
}

/*
 * A document begun on a thread of its own while the notes load; once
 * told the label language (pdf_start_lang), the thread loads its
 * hyphenation patterns too, while the layout starts.
 */
struct pdf_start {
	char		*fontdir;
	struct hpdf	*p;
	char		 err[256];
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	char		*lang;
	int		 begun, taken, threaded;
	pthread_t	 thread;
};

static void *
start_run(void *arg)
{
	struct pdf_start *s = arg;
	struct hpdf	 *p;
	char		 *lang;
	void		 *heap = thread_heap_setup();

	p = begin(s->fontdir, s->err, sizeof(s->err));
	pthread_mutex_lock(&s->mu);
	s->p = p;
	s->begun = 1;
	pthread_cond_broadcast(&s->cv);
	while (s->lang == NULL && !s->taken)
		pthread_cond_wait(&s->cv, &s->mu);
	lang = s->lang;
	pthread_mutex_unlock(&s->mu);
	if (lang != NULL)
		lay_hyphen_load(lang);
	thread_heap_end(heap);
	return NULL;
}

struct pdf_start *
pdf_start(const char *fontdir)
{
	struct pdf_start *s = xcalloc(1, sizeof(*s));

	s->fontdir = xstrdup(fontdir);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->threaded = thread_start(&s->thread, start_run, s) == 0;
	return s;
}

void
pdf_start_lang(struct pdf_start *s, const char *lang)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	if (s->lang == NULL && !s->taken)
		s->lang = xstrdup(lang);
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

/* The document begun, once it is (NULL: begin it here). */
static struct hpdf *
start_take(struct pdf_start *s, const char *fontdir)
{
	struct hpdf	*p;

	pthread_mutex_lock(&s->mu);
	s->taken = 1;
	pthread_cond_broadcast(&s->cv);
	while (s->threaded && !s->begun)
		pthread_cond_wait(&s->cv, &s->mu);
	p = s->p;
	s->p = NULL;
	pthread_mutex_unlock(&s->mu);
	if (p != NULL && strcmp(s->fontdir, fontdir) != 0) {
		hpdf_free(p);
		p = NULL;
	}
	return p;
}

void
pdf_start_free(struct pdf_start *s)
{
	if (s == NULL)
		return;
	hpdf_free(start_take(s, s->fontdir));
	if (s->threaded)
		pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s->fontdir);
	free(s->lang);
	free(s);
}

/* Lays d out on the document begun p and saves it; frees p. */
static char *
render(struct hpdf *p, const struct doc *d, int a3, size_t *len,
    unsigned *faces, char *err, size_t errlen)
{
	struct lay_backend	 be = { p, units, new_page, draw };
	struct lay		*lay;
	char			*out = NULL;
	HPDF_UINT32		 size;

	p->d = d;
	p->sealer = pdfpage_new();
	lay = lay_new(d, a3, &be);
	if (setjmp(p->jb) == 0) {
		lay_run(lay);
		metadata(p);
		pfonts_finish(p->fonts);
		pdfpage_finish(p->sealer, p->doc);
		HPDF_SaveToStream(p->doc);
		size = HPDF_GetStreamSize(p->doc);
		out = xmalloc(size ? size : 1);
		*len = size;
		HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)out, &size);
		*len = size;
	} else {
		snprintf(err, errlen, "%s", p->err);
		free(out);
		out = NULL;
	}
	lay_free(lay);
	pdfpage_free(p->sealer);
	*faces = pfonts_used(p->fonts);
	hpdf_free(p);
	return out;
}

char *
pdf_render(const struct doc *d, const char *fontdir, struct pdf_start *s,
    int a3, size_t *len, unsigned *faces, char *err, size_t errlen)
{
	struct hpdf	*p = s ? start_take(s, fontdir) : NULL;
	char		*out = NULL;

	/* Begun again here when the thread failed: it says why. */
	if (p != NULL || (p = begin(fontdir, err, errlen)) != NULL)
		out = render(p, d, a3, len, faces, err, errlen);
	pdf_start_free(s);
	return out;
}
