/*
 * yamltree.h: YAML text to a small tree of nodes, under limits.
 *
 * The load pass reads front matter and the templates through this.  Every
 * node keeps its line and column in the file it came from.  Aliases,
 * several documents, non-text keys and duplicate keys are reported through
 * diag(); depth and node count are bounded so that hostile input costs
 * linear time.
 */
#ifndef SIMC_YAMLTREE_H
#define SIMC_YAMLTREE_H

#include <stddef.h>

enum ykind {
	Y_SCALAR,
	Y_SEQ,
	Y_MAP
};

#define YF_QUOTED	0x01	/* scalar was quoted or a block scalar */
#define YF_NULL		0x02	/* plain empty, ~ or null */
#define YF_BODY		0x04	/* filled from a body section, not YAML */

struct ynode {
	enum ykind	  kind;
	unsigned	  flags;
	int		  line;		/* 1-based, in the file */
	int		  col;		/* 1-based */
	char		 *str;		/* scalar text, NUL-terminated */
	size_t		  len;
	struct ynode	**kids;		/* seq: items; map: key, value, ... */
	size_t		  nkids;
	size_t		  capkids;
};

struct ylimits {
	size_t	 max_depth;
	size_t	 max_nodes;
	const char *what;	/* the text in messages: NULL for front matter,
				   "this file" for the templates */
};

/*
 * Parses len bytes of text (valid UTF-8, no BOM) whose first line is line
 * first_line of path.  Returns the document's root (an empty map for an
 * empty document), or NULL after reporting an error.  Caller frees.
 */
struct ynode	*yparse(const char *text, size_t len, const char *path,
		    int first_line, const struct ylimits *);
void		 yfree(struct ynode *);

/* The value under key in a map, or NULL. */
struct ynode	*yget(const struct ynode *map, const char *key);
/* The key node of key in a map (for its position), or NULL. */
struct ynode	*ykey(const struct ynode *map, const char *key);
/* True for NULL, null scalars, blank scalars and empty collections. */
int		 yempty(const struct ynode *);
/* A new scalar node (takes ownership of str). */
struct ynode	*yscalar(char *str, int line, int col, unsigned flags);
/*
 * qsort comparison of two struct ynode * scalars: by text, then by
 * position, so that the first of equal texts comes first.
 */
int		 ynodecmp(const void *, const void *);
/* Appends a key and a value to a map. */
void		 yput(struct ynode *map, struct ynode *key, struct ynode *val);

#endif
