/*
 * form.h: the form pass.  Lays a resolved company out as a list of
 * printable blocks (sections, boxes, tables, text), following the layouts
 * of templates/.  The HTML and PDF backends render these blocks and
 * nothing else, so both draw the same forms.
 */
#ifndef SIMC_FORM_H
#define SIMC_FORM_H

#include "figure.h"
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
	const char		**md;		/* V_MD: Markdown texts (the
						   array owned, the texts the
						   notes'), else text is */
	size_t			 nmd;
	int			 list;		/* V_MD: md is a list (bullets),
						   not one text */
	int			 block;		/* V_MD: paragraphs allowed */
	char			*text;		/* V_TEXT, V_IMAGE: owned */
	const struct cimage	*img;		/* V_IMAGE: the decoded image
						   (imgcache.h), or NULL */
	int			 line;		/* source line, 0 if none */
	int			 initials;	/* V_TEXT stands for a picture */
	struct figure		*fig;		/* V_FIG, owned */
	const char		*target;	/* V_TEXT of ids: they link to
						   anchors "target-id" */
	char			*href;		/* V_TEXT: links to a document
						   beside this one, a relative
						   URL without its extension:
						   each backend adds its own
						   (.html, .pdf); owned */
	char			**ids;		/* those ids, owned */
	size_t			 nids;
	size_t			 idslen;	/* text's bytes that are the
						   ids ("O1" of "O1: name") */
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
	int			 after;		/* a canvas's column printed
						   after it, as a table */
};

enum bkind {
	B_SECTION,	/* a heading: level 1 phase, 2 tool, 3 note */
	B_TEXT,		/* Markdown under an optional heading */
	B_BOXES,	/* rows of labelled boxes */
	B_TABLE,	/* a table, possibly with row headers */
	B_FIGURE	/* a vector figure */
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
	long		 curve_min;	/* B_TABLE grid: the scale of its */
	long		 curve_max;	/* emotion curve's row, for its axis */
	struct figure	*fig;		/* B_FIGURE, owned */
};

/* A fact printed on the cover: Markdown, one text or a list. */
struct coverrow {
	const char		*label;
	struct bval		 v;
};

struct doc {
	const struct company	*c;
	const struct templates	*tp;
	int			 lang;
	struct block		*b;
	size_t			 n, cap;
	/* The cover: the company note's fields with the role cover. */
	char			*name;		/* plain text, owned */
	const char		*name_path;	/* where name is written (the */
	int			 name_line;	/* company note), for warnings */
	int			 name_col;
	struct coverrow		*cover;
	size_t			 ncover;
	const char		*author;	/* Markdown, or NULL */
	const char		*summary;	/* Markdown, or NULL */
	char			*logo;		/* absolute path or NULL */
	const struct cimage	*logo_img;	/* its decoded image, or NULL */
	char			*version;	/* content version, owned */
	char			*date;		/* YYYY-MM-DD, owned, or NULL */
	const struct note	*cur;		/* the note being laid out */
	const char		*kind;		/* ui key of what it is, or
						   NULL: doc_kind() */
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
/* The ui key naming d on its cover: dossier, blank forms, report... */
const char	*doc_kind(const struct doc *);
/*
 * Adds the page "Changes since" (history.h) to a company's doc after its
 * workflow: a section titled title, then a table of n changes, each its
 * area of the dossier and its sentence.  d owns every string from now
 * on; the arrays stay the caller's.
 */
void		 form_changes(struct doc *, char *title, char **area,
		    char **text, size_t n);
/* A new block of kind at the end of d, zeroed. */
struct block	*doc_add(struct doc *, enum bkind);
/* A table of ncols columns and nbody rows (title owned, or NULL). */
struct block	*doc_table(struct doc *, char *title, size_t ncols,
		    size_t nbody);
/* The leading id columns of table k (the parent's id, the record's). */
size_t		 block_ids(const struct block *k);
/* How many of table k's columns follow the canvas (tools.yaml region). */
size_t		 block_after(const struct block *k);
/*
 * One region of a canvas tool's table k into r: k with its leading ids
 * and then the columns on the cards, or those after the canvas (after
 * set: without the rows' anchors, which the cards' part carries).  r's
 * cols and cells are new (free them), the rest k's.
 */
void		 block_region(const struct block *k, int after,
		    struct block *r);
/* Text in the doc's language. */
const char	*doc_ui(const struct doc *, const char *key);
/* A date (YYYY-MM-DD) in the doc's language's usual form.  Caller frees. */
char		*doc_date(const struct doc *, const char *ymd);

#endif
