/*
 * templates.h: reads templates/ into struct templates.
 */
#ifndef SIMC_TEMPLATES_H
#define SIMC_TEMPLATES_H

#include "model.h"

/*
 * Finds the templates folder: dir if given, else $SIMC_TEMPLATES, else
 * beside the executable, else the installed share/simc/templates.
 * Returns a new string or NULL.
 */
char			*templates_find(const char *dir);
/*
 * Reads dir/tools.yaml and English's dir/lang/en.yaml, and lists the
 * other label languages of dir/lang.  Every mistake in them is reported
 * through diag() at its file, line and column, and NULL returned: what
 * it returns, the later passes can rely on (templates/README.md says
 * what that is).  Caller frees.
 */
struct templates	*templates_load(const char *dir);

/* One file of a templates folder, in memory. */
struct tfile {
	const char	*name;		/* "en.yaml", ... */
	const char	*text;
	size_t		 len;
};

/*
 * templates_load() from texts in memory: tools.yaml and the files of
 * lang/ (in any order; none is read from disk).  dir names them in
 * diagnostics and is where dossier.css and ../fonts are looked for.
 * For tests and fuzzing.
 */
struct templates	*templates_load_mem(const char *dir, const char *tools,
			    size_t len, const struct tfile *langs, size_t n);
void			 templates_free(struct templates *);

const struct tooldef	*tool_find(const struct templates *, const char *);
const struct fielddef	*field_find(const struct fielddef *, size_t,
			    const char *);
const char		*kind_name(enum fkind);
/* Whether field f plays role (title, language, cover, ...). */
int			 has_role(const struct fielddef *, const char *role);

/*
 * The index of a label language (0 is English), or -1.  Reads the
 * language's file the first time it is asked for.
 */
int			 lang_index(const struct templates *, const char *);
/* Texts in language li, falling back to English. */
const char		*ui_text(const struct templates *, int li, const char *);
const char		*value_text(const struct templates *, int li,
			    const char *);
const char		*field_label(const struct fielddef *, int li);
const char		*field_question(const struct fielddef *, int li);
const char		*tool_label(const struct tooldef *, int li);
const char		*tool_question(const struct tooldef *, int li);
/*
 * Reads every label language whose file holds text (every one when text
 * is NULL), so that a body heading can match a label in any of them.
 */
void			 templates_load_langs(const struct templates *,
			    const char *text);
/*
 * Warns about labels language only lacks, or every read language when
 * only is -1 (for `simc check`).
 */
/*
 * Where text s of language lang is written in the templates, for a
 * warning (found by its text: labels keep no lines): *path (owned by the
 * caller), *line and *col; the file's first line when not found.
 */
void			 templates_text_source(const struct templates *, int lang,
			    const char *s, char **path, int *line, int *col);
void			 templates_lint(const struct templates *, int only);

#endif
