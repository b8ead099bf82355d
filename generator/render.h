/*
 * render.h: the backends that write a dossier, and what they share.
 */
#ifndef SIMC_RENDER_H
#define SIMC_RENDER_H

#include <stddef.h>

#include "form.h"

/* The HTML dossier of d; css is inlined.  Returns the page (caller frees). */
char	*html_render(const struct doc *d, const char *css, size_t *len);
/*
 * A PDF begun while the notes load: libharu's document and the faces
 * most pages use, on a thread of its own (fonts from fontdir).  Hand it
 * to pdf_render(), or free it.
 */
struct pdf_start *pdf_start(const char *fontdir);
/* The document's label language, known: its hyphenation patterns are
 * loaded meanwhile too. */
void	 pdf_start_lang(struct pdf_start *, const char *lang);
void	 pdf_start_free(struct pdf_start *);
/*
 * The PDF dossier of d (A3 for the wide pages when a3 is set), from the
 * document begun as s (freed; NULL: begun here).  Returns the file's
 * bytes (caller frees), or NULL with a reason in err.  *faces gets a bit
 * per font file read, numbered as pdf_font_file() counts.
 */
char	*pdf_render(const struct doc *d, const char *fontdir,
	    struct pdf_start *s, int a3, size_t *len, unsigned *faces,
	    char *err, size_t errlen);
/* The name of font file i (0..), or NULL past the last. */
const char *pdf_font_file(unsigned i);

/*
 * The content version of a folder, read from its git repository with
 * libgit2 in a thread (nothing of the repository runs): version_start()
 * starts the reading (nothing outside git), version_finish() waits and
 * returns the last commit that touched the folder (short hash), or NULL
 * outside git.  *date gets its date (YYYY-MM-DD, owned by the caller)
 * and *modified whether the folder's work tree differs from it.
 * version_finish() frees the job.
 */
struct version_job *version_start(const char *dir);
char	*version_finish(struct version_job *, char **date, int *modified);
/*
 * What changed in a folder since its last commit, as `git status
 * --short` lines with paths relative to it; NULL outside git or when
 * nothing changed.  Caller frees.
 */
char	*content_changes(const char *dir);

#endif
