/*
 * figure.h: the figures of the dossier as primitives (see form.h): the
 * emotion curve of a journey, the reward/challenge matrix, the criteria
 * bars and the workflow figure.  Part of the form pass, which calls it
 * (it knows nothing of the form pass's blocks); the geometry is computed
 * here once and only drawn by the backends.
 */
#ifndef SIMC_FIGURE_H
#define SIMC_FIGURE_H

struct resolved;		/* model.h */

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

/*
 * The one palette of every figure and form, as RGB bytes: these macros,
 * and palette[] in figure.c made of them (PC_NONE is no paint at all).
 */
#define PAL_INK		0x1d, 0x24, 0x30
#define PAL_MUTED	0x5b, 0x65, 0x75
#define PAL_ACCENT	0x1f, 0x5f, 0x8b
#define PAL_LINE	0xc9, 0xd0, 0xda
#define PAL_SOFT	0xee, 0xf2, 0xf6
#define PAL_WHITE	0xff, 0xff, 0xff
#define PAL_GOOD	0xcf, 0xe8, 0xd4
#define PAL_WARN	0xfd, 0xe7, 0xb0
#define PAL_BAD		0xb3, 0x26, 0x1e
#define PAL_MARK	0xff, 0xf4, 0xd6
extern const unsigned char palette[PC__N][3];


struct figure	*fig_new(float w, float h);
/* Primitives added to f (stroke width w; a rect's and text's 1). */
struct prim	*fig_line(struct figure *, float x, float y, float x2,
		    float y2, enum pcolor, float w);
struct prim	*fig_rect(struct figure *, float x, float y, float w,
		    float h, enum pcolor fill, enum pcolor stroke);
struct prim	*fig_text(struct figure *, float x, float y, const char *,
		    float size, int anchor, enum pcolor);
void		 fig_free(struct figure *);
/* The width of text in a figure (Liberation Sans metrics, estimated). */
float		 fig_textw(const char *, float size, int bold);

/*
 * One stage's piece of an emotion curve, 100 wide, to be stretched to
 * its grid column: from the left edge (between prev and this) through
 * this stage to the right edge.  Values are from -1 (the bottom of the
 * curve field's range) to 1 (its top), or FIG_NONE; 0 is the middle line.
 */
#define FIG_NONE	(-100.0f)
struct figure	*fig_curve_piece(float prev, float cur, float next,
		    int pains);
/* Where a curve piece draws value v (-1..1), from its top. */
float		 fig_curve_y(float v);

/*
 * The reward/challenge matrix and the criteria bars of a resolved
 * company, with texts in label language lang.
 */
struct figure	*fig_matrix(const struct resolved *, int lang);
struct figure	*fig_bars(const struct resolved *, int lang);
/* The methodology's workflow, coloured by the company's status. */
struct figure	*fig_workflow(const struct resolved *, int lang);

#endif
