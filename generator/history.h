/*
 * history.h: a company's notes at another version, read from git in
 * memory (gitver.c), and what changed in its resolved model between two
 * versions (diff.c: `simc diff`, the "Changes since" page of `simc
 * build --since`).  Nothing of the content's repository runs: libgit2
 * in-process, revisions parsed by libgit2 alone, blobs read raw (no
 * filters), the work tree and the index never touched.
 */
#ifndef SIMC_HISTORY_H
#define SIMC_HISTORY_H

#include <stdio.h>

#include "model.h"

struct doc;

/*
 * The entries of a company folder at one revision, in git's tree order
 * (which is the sorted order of their paths).  Notes (*.md) hold their
 * bytes; other files, folders and links only their names (a link's
 * data is its target).  data is NULL for a note past the limits (then
 * len is its size), which the loader reports.
 */
struct gitrev {
	struct memfile	*f;
	size_t		 n, cap;
	char		*hash;		/* short commit hash */
	char		*date;		/* its committer date, YYYY-MM-DD */
};

/*
 * Reads folder dir as it was at revision rev (a commit-ish libgit2
 * parses: hash, HEAD~1, tag).  Returns 0, or -1 with a reason in err:
 * no libgit2, dir not in a git work tree, rev not a commit.  A folder
 * absent at rev gives no entries.  Free with gitrev_free().
 */
int	 gitrev_read(const char *dir, const char *rev, struct gitrev *,
	    char *err, size_t errlen);
void	 gitrev_free(struct gitrev *);

/*
 * Loads, validates and resolves company dir as it was at rev (NULL: the
 * work tree).  Its diagnostics name files as REV:DIR/NOTE.  Returns the
 * company (caller frees), or NULL with a reason in err (a bad rev, dir
 * not in git).  *hash and *date, when not NULL, get the commit's (caller
 * frees; NULL for the work tree).
 */
struct company *history_load(const char *dir, const char *rev,
	    const struct templates *, char **hash, char **date,
	    char *err, size_t errlen);

/* The changes from a to b, each a sentence in label language lang. */
enum chkind {
	CH_PHASE, CH_TOOL, CH_OPP_ADDED, CH_OPP_REMOVED, CH_OPP_RESCORED,
	CH_RECOMMENDED, CH_CHOSEN, CH_THRESHOLD, CH_DECISION,
	CH_STATE, CH_ADDED, CH__N
};

struct chg {
	enum chkind	 kind;
	const char	*word;		/* its kind's word, or NULL: the
					   kind's own */
	const struct tooldef *tool;	/* the tool it is about, or NULL */
	char		*what;		/* the thing's key: tool, id, t1... */
	char		*before, *after;	/* plain values, NULL: none */
	char		*text;		/* the sentence */
};

struct changes {
	struct chg	*v;
	size_t		 n, cap;
};

void	 changes_compute(struct changes *, const struct company *a,
	    const struct company *b, const struct templates *, int lang);
void	 changes_free(struct changes *);
/* The word of a change's kind in JSON ("tool", "opportunity_added"...). */
const char *change_kind(const struct chg *);
/* One side of a comparison: a revision and its commit, or the work tree
 * (rev NULL). */
struct side {
	const char	*rev;
	char		*hash, *date;
};
/* As text lines for a terminal, or as one JSON object. */
void	 changes_print(FILE *, const struct changes *, const struct side *a,
	    const struct side *b, const char *dir);
void	 changes_json(FILE *, const struct changes *, const struct side *a,
	    const struct side *b, const char *dir);

/*
 * `simc build --since REV`: adds the page "Changes since REV (date)" to
 * d, the dossier of company c.  Returns 0, or -1 (reported).
 */
int	 since_page(struct doc *d, const struct company *c,
	    const struct templates *, const char *rev);

/*
 * version_start() (render.h) without the work tree's status: the last
 * commit of the folder only, *modified always 0.  A work-tree status
 * reads the repository's whole index: once per company of a portfolio
 * in one repository, that is quadratic.
 */
struct version_job *version_start_commit(const char *dir);

/* `simc diff`: its arguments after the command; returns the exit status. */
int	 diff_command(int argc, char **argv, const struct templates *);

#endif
