/*
 * model.h: the one in-memory model every pass shares.
 *
 * The templates pass fills struct templates from templates/ (the
 * methodology as data); the load pass fills struct company with one
 * struct note per Markdown file; validate and resolve annotate it; the
 * backends only read it.
 */
#ifndef SIMC_MODEL_H
#define SIMC_MODEL_H

#include <stddef.h>

#include "util.h"
#include "yamltree.h"

/* ---- definitions, from templates/tools.yaml ---- */

enum fkind {
	K_INLINE,	/* short Markdown */
	K_BLOCK,	/* Markdown paragraphs */
	K_LIST,		/* a list of Markdown texts */
	K_INT,
	K_ENUM,
	K_DATE,
	K_BOOL,
	K_ID,
	K_REF,
	K_REFS,
	K_IMAGE,
	K_RECORDS,	/* a list of mappings of sub-fields */
	K_GROUP,	/* one mapping of sub-fields */
	K__MAX
};

struct fielddef {
	char		 *key;
	enum fkind	  kind;
	int		  required;
	int		  body;		/* may be filled by a ## section */
	int		  hidden;	/* checked, never printed */
	long		  min, max;
	int		  has_min, has_max;
	char		**values;	/* enum words */
	size_t		  nvalues;
	char		 *target;	/* ref, refs */
	char		 *label;	/* English */
	char		 *question;
	char		 *group;
	char		 *when_key;	/* belongs only when when_key=... */
	char		 *when_value;
	struct fielddef	 *fields;	/* records, group */
	size_t		  nfields;
	char		 *transpose;	/* records: header sub-field */
	char		 *curve;	/* grid: sub-field drawn as a curve */
	char		 *curve_marks;	/* grid: list marking a stage */
	char		 *group_by;	/* records: enum sub-field */
	char		 *anchor;	/* records: target their ids answer */
	unsigned	  extra;	/* records: EXTRA_* columns */
	char		**tlabel;	/* per language; NULL: English */
	char		**tquestion;
	int		  line;		/* in tools.yaml */
};

#define FIG_MATRIX	0x01
#define FIG_BARS	0x02

#define EXTRA_IMPACT	0x01
#define EXTRA_SCORE	0x02
#define EXTRA_RANK	0x04

enum multiplicity {
	MULT_ONE,
	MULT_PER_SEGMENT,
	MULT_MANY
};

struct tooldef {
	char		 *key;
	int		  phase;
	size_t		  order;	/* index in workflow order */
	char		 *number;
	enum multiplicity mult;
	int		  required;
	char		 *layout;
	char		 *label;
	char		 *question;
	struct fielddef	 *fields;
	size_t		  nfields;
	int		  landscape;
	char		 *timeframe;	/* suggested workshop time */
	unsigned	  figures;	/* FIG_* after the tool */
	const struct fielddef ***rows;	/* boxes, row by row */
	size_t		 *rowlen;
	size_t		  nrows;
	char		**tlabel;	/* per language; NULL: English */
	char		**tquestion;
};

/* A label language: interface strings and printed enum words. */
struct lang {
	char		 *code;
	char		 *name;
	struct ynode	 *ui;		/* map of key: text */
	struct ynode	 *values;	/* map of word: text */
	struct ynode	 *root;		/* the whole file, owned; NULL until
					   the language is first needed */
	int		  failed;	/* its file could not be read */
	char		 *raw;		/* its text, kept for searching (or
					   given, by templates_load_mem) */
	size_t		  rawlen;
	char		 *path;
};

struct templates {
	char		 *dir;
	struct tooldef	 *tools;
	size_t		  ntools;
	struct lang	 *langs;	/* langs[0] is English */
	size_t		  nlangs;
};

/* ---- content, from a company folder ---- */

struct imgcache;		/* imgcache.h */

struct note {
	char			*path;		/* as shown in diagnostics */
	char			*rel;		/* relative to the company */
	char			*tool_name;	/* value of tool:, or NULL */
	const struct tooldef	*tool;		/* NULL if none or unknown */
	int			 draft;		/* status: draft */
	struct ynode		*fm;		/* front matter + body fields */
	char			*notes;		/* unmapped body Markdown */
	int			 notes_line;
	int			 ok;		/* loaded without error */
	char			**missing;	/* required fields left empty */
	size_t			 nmissing, capmissing;
};

/* ---- the resolve pass's results ---- */

enum tstatus {
	ST_MISSING,
	ST_DRAFT,
	ST_COMPLETE,
	ST_UNUSED	/* an optional tool without a note */
};

/* Why a tool is not complete: a ui key of the templates and its words. */
struct reason {
	const char		*key;		/* reason_draft, ... */
	const char		*a, *b;		/* filled into its %s */
	const struct tooldef	*tool;		/* reason_no_note: its label */
};

struct toolstate {
	const struct tooldef	 *def;
	enum tstatus		  status;
	struct note		**notes;	/* of this tool, path order */
	size_t			  nnotes, capnotes;
	struct reason		 *reasons;
	size_t			  nreasons, capreasons;
	const char		 *segment;	/* first segment still to do */
};

struct segment {
	const char	*id;
	const char	*name;
	int		 targeted;
};

struct opportunity {
	const char		*id;
	const char		*name;
	const struct ynode	*row;		/* its opportunities entry */
	const struct ynode	*prow;		/* its priorities entry */
	int			 impact;	/* 4..20, -1 if unrated */
	int			 score;		/* 5..25, -1 if no row */
	int			 rank;		/* 1.., 0 if not ranked */
	int			 recommended;
};

struct threshold {
	const char	*key;		/* t1, t2, t3 */
	const char	*date;		/* NULL when not reached */
	const char	*evidence;
};

struct resolved {
	const struct templates	*tp;		/* the definitions resolved to */
	struct toolstate	*tools;		/* one per tooldef, in order */
	size_t			 ntools;
	enum tstatus		 phases[6];
	struct segment		*segs;
	size_t			 nsegs;
	struct index		 segidx;	/* id: struct segment * */
	struct opportunity	*opps;		/* in the note's order */
	size_t			 nopps;
	struct index		 oppidx;	/* id: struct opportunity * */
	struct opportunity	**ranked;	/* ranked[k] has rank k + 1 */
	size_t			 nranked;
	const char		*recommended;	/* an opportunity id */
	const char		*concept;	/* the concept's opportunity */
	const char		*decided[2];	/* strategy, international */
	struct threshold	 thresholds[3];
	const struct toolstate	*next;		/* NULL when all is done */
	const char		*next_segment;
	size_t			 nrefs;		/* references resolved */
};

struct company {
	char		 *dir;		/* as given */
	char		 *real;		/* realpath of dir */
	char		 *slug;		/* output folder name */
	struct note	**notes;	/* sorted by path */
	size_t		  nnotes;
	size_t		  capnotes;
	struct resolved	 *res;		/* after resolve_company() */
	struct imgcache	 *images;	/* its image files, each decoded
					   once by validate_company(); NULL
					   when no note names one */
};

#endif
