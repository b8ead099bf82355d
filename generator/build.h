/*
 * build.h: `simc build`, a resolved company written as its dossier.
 */
#ifndef SIMC_BUILD_H
#define SIMC_BUILD_H

#include "model.h"

#define FORMAT_HTML	0x01
#define FORMAT_PDF	0x02

struct build_opts {
	const char	*out;		/* output root, default "out" */
	unsigned	 formats;	/* FORMAT_* */
	const char	*lang;		/* --lang, or NULL */
	int		 a3;		/* --paper a3 */
	const char	*since;		/* --since REV, or NULL */
	const char	*tools;		/* blank --tool T,T: just those */
};

struct version_job;
struct pdf_start;

/*
 * The PDF of a company to build, begun while its notes load (NULL when
 * o asks for no PDF); give it to build_company() or pdf_start_free().
 */
struct pdf_start *build_start(const struct templates *,
	    const struct build_opts *o);
/*
 * Begins the PDF, with the fonts beside templates_dir, before the
 * templates are loaded (a build's first 2 ms on the other core), for the
 * next build_start(); NULL stops and forgets one not taken (before a
 * fork, at the end).
 */
void	build_prestart(const char *templates_dir);

/* The label language code of the company's dossier: o->lang, else the
 * company's, if tp has it, else tp's first (English); its file is not
 * read here. */
const char	*build_lang(const struct company *, const struct templates *,
		    const struct build_opts *o);

/*
 * Renders every format of a company that loaded without errors into
 * OUT/<slug>/, each file written atomically.  job, from version_start()
 * on the company's folder, and pdf, from build_start(), each or NULL,
 * are finished here.  Reports problems through diag(); returns 0 or -1.
 */
int	build_company(const struct company *, const struct templates *,
	    const struct build_opts *, struct version_job *job,
	    struct pdf_start *pdf);

/*
 * Writes the blank workshop forms in language o->lang (default en) into
 * OUT/blank/<lang>/: one file per tool (NN-tool.pdf, .html) and the
 * workshop pack; with o->tools, only those tools' files (posters).
 * Returns 0 or -1 (reported).
 */
int	build_blank(const struct templates *, const struct build_opts *);

/*
 * Writes n files DIR/BASE.EXT[i] with data[i] (len[i] bytes) as a
 * dossier is written: the folder made, under its lock, each to a
 * temporary file, then all renamed together, or none when one fails.
 * Returns 0 or -1 (reported).
 */
int	build_write_set(const char *dir, const char *base,
	    const char *const *ext, char *const *data, const size_t *len,
	    size_t n);

#endif
