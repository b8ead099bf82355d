/*
 * form.h: the form pass.  Lays a resolved company out as a list of
 * printable blocks (sections, boxes, tables, text), following the layouts
 * of templates/.  The HTML and PDF backends render these blocks and
 * nothing else, so both draw the same forms.
 */
#ifndef SIMC_FORM_H
#define SIMC_FORM_H

#include "model.h"

struct cimage;		/* imgcache.h */

enum vtype {
	V_NONE,
	V_MD,		/* Markdown: a scalar, or a list of them */
	V_TEXT,		/* plain text */
	V_IMAGE,	/* an image file */
	V_FIG		/* a figure stretched to the cell's width */
};

struct bval {
	enum vtype		 type;
	const struct ynode	*node;		/* V_MD, else text is Markdown */
	int			 block;		/* V_MD: paragraphs allowed */
	char			*text;		/* V_TEXT, V_IMAGE: owned */
	const struct cimage	*img;		/* V_IMAGE: the decoded image
						   (imgcache.h), or NULL */
	int			 line;		/* source line, 0 if none */
	int			 initials;	/* V_TEXT stands for a picture */
	struct figure		*fig;		/* V_FIG, owned */
	const char		*target;	/* V_TEXT of ids: they link to
						   anchors "target-id" */
};

struct bbox {
	const char		*label;
	const char		*question;
	struct bval		 v;
	int			 lines;		/* writing space, in lines */
};

struct brow {
	struct bbox		*boxes;
	size_t			 n;
};

struct bcol {
	const char		*label;
	const char		*question;
	const char		*group;		/* heading over columns */
	int			 numeric;
	int			 weight;	/* relative width hint */
};

enum bkind {
	B_SECTION,	/* a heading: level 1 phase, 2 tool, 3 note */
	B_TEXT,		/* Markdown under an optional heading */
	B_BOXES,	/* rows of labelled boxes */
	B_TABLE,	/* a table, possibly with row headers */
	B_FIGURE	/* a vector figure */
};

/*
 * Figures are drawn from primitives in points, y downwards, origin at
 * the top left; both backends draw exactly these.  Colours and patterns
 * come from a small palette so that print in grey stays readable.
 */
enum pcolor {
	PC_NONE, PC_INK, PC_MUTED, PC_ACCENT, PC_LINE, PC_SOFT, PC_WHITE,
	PC_GOOD, PC_WARN, PC_BAD, PC_MARK, PC__N
};

enum pkind {
	P_LINE,		/* x, y to x2, y2 */
	P_POLY,		/* an open polyline through pts */
	P_RECT,		/* x, y, w, h */
	P_CIRCLE,	/* centre x, y, radius r */
	P_TEXT		/* text at x, y (baseline), anchored */
};

struct prim {
	enum pkind	 kind;
	float		 x, y, x2, y2, w, h, r;
	float		*pts;		/* P_POLY: x0, y0, x1, y1, ... */
	size_t		 npts;		/* points, not floats */
	enum pcolor	 stroke, fill;
	float		 width;		/* stroke width */
	int		 dash;		/* dashed stroke */
	int		 hatch;		/* diagonal hatching inside a rect */
	char		*text;
	float		 size;
	int		 bold;
	int		 anchor;	/* -1 start, 0 middle, 1 end */
};

struct figure {
	float		 w, h;
	struct prim	*v;
	size_t		 n, cap;
	char		*title;		/* caption */
	char		*alt;		/* text alternative */
};

#define ROW_MARKED	0x01	/* the recommended opportunity */

struct block {
	enum bkind	 kind;
	int		 level;		/* B_SECTION */
	char		*title;		/* B_SECTION, B_TEXT, B_TABLE */
	char		*subtitle;	/* B_SECTION: guiding question */
	char		*anchor;	/* B_SECTION: unique id */
	int		 landscape;	/* B_SECTION level 2: tool wants it */
	int		 canvas;	/* B_SECTION: a canvas tool's form
					   (its tables drawn as columns) */
	struct bval	 v;		/* B_TEXT */
	struct brow	*rows;		/* B_BOXES */
	size_t		 nrows;
	struct bcol	*cols;		/* B_TABLE */
	size_t		 ncols;
	struct bval	*cells;		/* B_TABLE: nbody * ncols */
	size_t		 nbody;
	unsigned	*flags;		/* B_TABLE: per body row */
	char		**anchors;	/* B_TABLE: per body row, or NULL */
	int		 row_headers;	/* B_TABLE: first column heads */
	int		 equal;		/* B_TABLE: data columns equal width */
	int		 pen;		/* B_TABLE: empty rows to write in */
	struct figure	*fig;		/* B_FIGURE, owned */
};

struct doc {
	const struct company	*c;
	const struct templates	*tp;
	int			 lang;
	struct block		*b;
	size_t			 n, cap;
	/* The cover. */
	char			*name;		/* plain text, owned */
	const char		*product;
	const char		*consultant;
	const struct ynode	*team;
	char			*logo;		/* absolute path or NULL */
	const struct cimage	*logo_img;	/* its decoded image, or NULL */
	char			*version;	/* content version, owned */
	char			*date;		/* YYYY-MM-DD, owned, or NULL */
	const struct note	*cur;		/* the note being laid out */
	int			 poster;	/* one blank form: no cover,
						   no contents, no phase */
};

/*
 * Lays out company c (resolved) in label language lang.  Returns a new
 * doc; caller frees with doc_free().
 */
struct doc	*form_doc(const struct company *c, const struct templates *,
		    int lang);
/*
 * Blank forms in language lang: the workshop pack (agenda, then every
 * tool) when only is NULL, else that tool's form alone.
 */
struct doc	*form_blank(const struct templates *, int lang,
		    const struct tooldef *only);
void		 doc_free(struct doc *);
/* Text in the doc's language. */
const char	*doc_ui(const struct doc *, const char *key);
/* A date (YYYY-MM-DD) in the doc's language's usual form.  Caller frees. */
char		*doc_date(const struct doc *, const char *ymd);

#endif
