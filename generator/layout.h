/*
 * layout.h: the layout engine (layout.c) and the display list it hands
 * to the PDF backend (pdf.c).
 *
 * The engine decides where everything goes: it breaks lines, sizes
 * boxes, tables and canvases, moves rows to the next page or splits
 * them, shrinks type to fit a sheet and centres or anchors text.  What
 * it produces are pages of items positioned in PDF points (the origin at
 * the bottom left, y upwards): runs of text with their final x and
 * baseline, rectangles, paths, circles, images, links and the entries
 * of the outline.  The backend draws each item as it comes and decides
 * nothing of where it goes.
 *
 * The engine measures text through the backend's fonts (struct
 * lay_backend's units, pdffont.c's pfonts_units): the same metrics the
 * page is drawn with, and pdffont.c numbers a document's characters and
 * has libharu load its faces in the order they are first measured.  So that the
 * backend's calls keep that order, the items waiting for a page are
 * handed over (and freed) whenever the engine measures, opens a page or
 * finishes one: the engine never holds more than a few items, let alone
 * a document's.  The reserved pages of the contents and the running
 * headers, footers and "page x of y" of every page are a second batch,
 * drawn into the pages at the end.
 */
#ifndef SIMC_LAYOUT_H
#define SIMC_LAYOUT_H

#include <stddef.h>

struct cimage;
struct doc;

/* The faces, numbered as the backend's font files (pdf_font_file()). */
enum { F_REG, F_BOLD, F_ITAL, F_BOLDITAL, F_MONO, F__N };

/* The sheets, in points as libharu has them. */
#define A4_W		595.276f
#define A4_H		841.89f
#define A3_W		841.89f
#define A3_H		1190.551f

struct rgb {
	float	 r, g, b;
};

/* How a stroke sets the dash pattern before it draws. */
enum lay_dash {
	DASH_KEEP,	/* as it is (solid but inside a figure) */
	DASH_SOLID,	/* solid */
	DASH_DASHED	/* 3 on, 2 off */
};

/* A stroke's colour and width (on: the item sets them). */
struct pen {
	int		 on;
	struct rgb	 c;
	float		 width;
	enum lay_dash	 dash;
};

/* One piece of text at its baseline's left end. */
struct run {
	int		 face;
	float		 size;
	struct rgb	 c;
	float		 x, y;
	char		*text;		/* UTF-8 */
};

struct pt {
	float		 x, y;
	int		 move;		/* starts a new subpath */
};

enum itkind {
	IT_TEXT,	/* runs, one text object */
	IT_RECT,	/* x, y, w, h: fill, then hatch, then pen */
	IT_PATH,	/* pts: filled and/or stroked, else stroked */
	IT_CIRCLE,	/* centre x, y, radius r: as IT_PATH */
	IT_SOLID,	/* a figure's end: solid lines again */
	IT_IMAGE_USE,	/* img is first met: its object is made here */
	IT_IMAGE,	/* img drawn in x, y, w, h */
	IT_URI,		/* a link to url over x..x2, y..y2 */
	IT_MARK,	/* an outline entry (title, level) at y */
	IT_TOCLINK	/* a link over x..x2, y..y2 to outline entry n */
};

struct item {
	enum itkind		 kind;
	float			 x, y, w, h, r;
	float			 x2, y2;	/* IT_URI, IT_TOCLINK */
	/* IT_TEXT */
	struct run		*runs;
	size_t			 nruns;
	/* IT_RECT, IT_PATH, IT_CIRCLE; fill_first: the fill colour is
	 * set before the pen */
	int			 fill, fill_first;
	struct rgb		 fc;
	struct pen		 pen;
	struct pen		 hatch;		/* IT_RECT: diagonal lines
						   step apart, clipped */
	float			 step;
	struct pt		*pts;
	size_t			 npts;
	const struct cimage	*img;		/* IT_IMAGE_USE, IT_IMAGE */
	char			*text;		/* IT_URI: url, IT_MARK: title */
	int			 level;		/* IT_MARK */
	size_t			 n;		/* IT_TOCLINK */
};

/* A page as the engine opens it. */
struct lay_page {
	int		 a3, landscape;
	float		 w, h;
};

/* What the engine needs of the backend. */
struct lay_backend {
	void		*arg;
	/* Width of the UTF-8 text s[0..len) in thousandths of the size. */
	unsigned long	(*units)(void *arg, int face, const char *s,
			    size_t len);
	/* Opens page number (pages so far) as described; the pages before
	 * it are done but for their second batch. */
	void		(*page)(void *arg, const struct lay_page *);
	/* Draws items [0, n) on page number page, in order. */
	void		(*draw)(void *arg, size_t page, const struct item *,
			    size_t n);
};

struct lay;

/* The layout of d (A3 for the wide pages when a3 is set) over be. */
struct lay	*lay_new(const struct doc *d, int a3,
		    const struct lay_backend *be);
/* Lays the document out, every page handed to the backend; libharu's
 * errors leave it by the backend's longjmp, then lay_free() is safe. */
void		 lay_run(struct lay *);
void		 lay_free(struct lay *);

#endif
