/*
 * load.h: the load pass, a company folder into struct company.
 */
#ifndef SIMC_LOAD_H
#define SIMC_LOAD_H

#include "model.h"

/* Limits on hostile input; each has its own diagnostic and test. */
#define LIMIT_NOTE_BYTES	(512u * 1024)	/* a whole note file */
#define LIMIT_FM_BYTES		(128u * 1024)	/* its front matter */
#define LIMIT_BODY_BYTES	(128u * 1024)	/* its Markdown body */
#define LIMIT_DEPTH		16		/* YAML nesting */
#define LIMIT_VALUES		20000		/* YAML values in a note */
#define LIMIT_NOTES		500		/* notes in a company */
#define LIMIT_DIR_DEPTH		8		/* folders inside a company */
#define LIMIT_ENTRIES		100000		/* files and folders looked at */
#define LIMIT_COMPANY_BYTES	(8u * 1024 * 1024)	/* all its notes */
#define LIMIT_BRACKETS		2000		/* `[` in a note's Markdown */

/*
 * Walks dir and loads every note, reporting problems through diag().
 * Always returns a company (possibly without notes); caller frees.
 */
struct company	*load_company(const char *dir, const struct templates *);
void		 company_free(struct company *);
/*
 * The value of the `tool:` line in the front matter of the note at path
 * (a regular file, no link followed, its first 4 KB read), or NULL.
 * Caller frees.
 */
char		*load_tool_of(const char *path);

/*
 * One entry of a company folder held in memory (a version read from
 * git, history.h): its path relative to the company, and for a note its
 * bytes.  A folder or a link has no bytes of its own (a link's data is
 * its target).  data NULL: not read (len: its size).
 */
enum memkind { MEM_FILE, MEM_DIR, MEM_LINK };
struct memfile {
	char		*rel;
	enum memkind	 kind;
	char		*data;
	size_t		 len;
};

/*
 * load_company() over entries in memory instead of a folder: the same
 * rules for names, links, depth and every limit, the same diagnostics,
 * with files shown as shown/REL.  dir is the folder they came from (for
 * the output name and images); entries are in sorted path order.
 */
struct company	*load_company_mem(const char *dir, const char *shown,
		    const struct memfile *, size_t n,
		    const struct templates *);

/*
 * An editor's unsaved text of the note at path (absolute, with resolved
 * folders: the company's realpath, then the note's path in it), which
 * load_company() reads in place of the file, limits and all.  Copied;
 * text NULL forgets path's, and path NULL forgets every one.
 */
void		 load_overlay(const char *path, const char *text, size_t len);

/*
 * Checks that text is valid UTF-8 without NUL or control characters other
 * than tab, CR and LF.  Returns 1, or 0 after reporting the first bad
 * byte's line and column (line numbers start at first_line).
 */
int		 text_check(const char *text, size_t len, const char *path,
		    int first_line);

#endif
