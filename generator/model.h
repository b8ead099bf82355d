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
	int		  after;	/* region after: a canvas tool's
					   column printed after the canvas,
					   as a table, not on its cards */
	long		  min, max;
	int		  has_min, has_max;
	char		**values;	/* enum words */
	size_t		  nvalues;
	char		 *refers;	/* ref, refs: the target named */
	char		**provides;	/* targets its value names a
					   record (or note) of */
	size_t		  nprovides;
	char		**roles;	/* title, language, logo, cover,
					   author, summary, picture,
					   heading */
	size_t		  nroles;
	char		 *empty;	/* heading: ui text when empty */
	int		  sum;		/* int: index of the sum it adds
					   to, or -1 */
	int		  total;	/* int: the sum it must equal, -1 */
	char		**suggested;	/* words offered (generic stages) */
	size_t		  nsuggested;
	int		  phase;	/* date, group: the phase it opens
					   or closes (workflow); -1 */
	char		 *caption;	/* phase, cover: its ui text in
					   the workflow figure, on the
					   cover */
	int		  ordered;	/* group: its groups are thresholds
					   in order */
	char		 *needs_tool;	/* threshold: reached only with an
					   entry of this tool's field */
	char		 *needs_field;
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
	char		 *anchor;	/* records: the target their ids
					   provide first (an HTML anchor
					   namespace), from their id's
					   `provides` */
	int		 *extra;	/* records: computed columns, each a
					   sum's index or EXTRA_RANK */
	size_t		  nextra;
	const char	 *item;		/* records with extra: the sub-field
					   naming the ranked entry of a row */
	char		**tlabel;	/* per language; NULL: English */
	char		**tquestion;
	int		  line;		/* in tools.yaml */
};

#define FIG_MATRIX	0x01
#define FIG_BARS	0x02

#define EXTRA_RANK	(-1)	/* the rank column of `extra` */
#define MAX_SUMS	8

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
	size_t		  phase_index;	/* in templates.phases */
	int		  company;	/* role: company (the cover's note) */
	char		 *per;		/* per-segment: the ref field */
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

/* A phase of the workflow (tools.yaml `phases`). */
struct phasedef {
	int		  number;
	char		 *label;	/* its interface text */
};

/* What references point at (tools.yaml `targets`). */
struct targetdef {
	char		 *key;
	char		 *what;		/* "no WHAT `X`" */
	char		 *plural;	/* help: "the PLURAL are ..." */
	char		 *within;	/* keys read NOTE-FIELD/KEY */
	int		  nocase;	/* its own key part, ASCII case */
	char		 *selected_by;	/* bool sub-field choosing entries */
	long		  advise_max;	/* selected: more is a warning; 0 */
};

/* A computed sum (tools.yaml `sums`) of the int fields that add to it. */
struct sumdef {
	char		 *key;
	char		 *label;	/* interface text of its column */
	long		  min, max;	/* of the sum, from its fields */
	size_t		  nfields;
	int		  line, col;	/* in tools.yaml */
};

/* The ranking rule (tools.yaml `ranking`). */
struct rankdef {
	int		  set;
	char		 *ranks;	/* a target */
	int		  order[MAX_SUMS + 1];	/* sum index, or -1 for id */
	int		  desc[MAX_SUMS + 1];
	size_t		  norder;
	int		  plus, minus;	/* recommend: plus - minus */
	char		 *chosen_tool;	/* the note choosing an entry */
	char		 *chosen_field;
	int		  bars;		/* sum whose criteria are drawn */
};

struct templates {
	char		 *dir;
	struct tooldef	 *tools;
	size_t		  ntools;
	struct phasedef	 *phases;
	size_t		  nphases;
	struct targetdef *targets;
	size_t		  ntargets;
	struct sumdef	 *sums;
	size_t		  nsums;
	struct rankdef	  ranking;
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

/* An entry of the ranked target (an opportunity). */
struct opportunity {
	const char		*id;
	const char		*name;
	const struct ynode	*row;		/* its own record */
	const struct ynode	*rows[MAX_SUMS];/* the record of each sum */
	int			 sums[MAX_SUMS];/* -1 when not computed */
	int			 impact;	/* the recommend rule's plus */
	int			 score;		/* its minus; -1 if none */
	const struct ynode	*prow;		/* the record of its minus
						   (its priority row), or NULL */
	int			 rank;		/* 1.., 0 if not ranked */
	int			 recommended;
};

/* A dated milestone: a decision, or a threshold. */
struct threshold {
	const char		*key;		/* its field's key */
	const struct fielddef	*def;
	const char		*date;		/* NULL when not reached */
	int			 phase;		/* where the workflow shows it */
};

/* One entry a reference may name. */
struct tentry {
	const char		*key;		/* as written (KEY/KEY for a
						   target `within`) */
	char			*own;		/* key, when made here */
	const char		*label;		/* its title, or NULL */
	const struct note	*note;
	const struct ynode	*rec;		/* its record, or the front
						   matter */
	const char		*anchor;	/* anchor namespace, or NULL */
};

/* Everything one target names: an index of lookup key: struct tentry. */
struct tindex {
	const struct targetdef	*def;
	struct tentry		*v;
	size_t			 n, cap;
	struct index		 ix;
};

struct resolved {
	const struct templates	*tp;		/* the definitions resolved to */
	struct toolstate	*tools;		/* one per tooldef, in order */
	size_t			 ntools;
	enum tstatus		*phases;	/* one per phasedef */
	struct tindex		*targets;	/* one per targetdef */
	size_t			 nsuggested;	/* dangling refs given help */
	const struct targetdef	*segdef;	/* the first selectable target */
	struct segment		*segs;		/* its entries */
	size_t			 nsegs;
	struct index		 segidx;	/* id: struct segment * */
	struct opportunity	*opps;		/* in the note's order */
	size_t			 nopps;
	struct index		 oppidx;	/* id: struct opportunity * */
	struct opportunity	**ranked;	/* ranked[k] has rank k + 1 */
	size_t			 nranked;
	const char		*recommended;	/* an opportunity id */
	const char		*concept;	/* the concept's opportunity */
	struct threshold	*decided;	/* decisions, in order */
	size_t			 ndecided;
	struct threshold	*thresholds;	/* in order */
	size_t			 nthresholds;
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
