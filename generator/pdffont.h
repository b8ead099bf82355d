/*
 * pdffont.h: the PDF backend's fonts (pdffont.c): each face loaded when
 * the document first uses it, text measured and encoded for libharu.
 */
#ifndef PDFFONT_H
#define PDFFONT_H

#include <stddef.h>

#include <hpdf.h>

struct pfonts;

/*
 * The fonts of one document; files[face] names each face's TrueType
 * file in fontdir (both borrowed for the life of the set).  libharu's
 * errors go to doc's error handler, which must not return.
 */
struct pfonts	*pfonts_new(HPDF_Doc doc, const char *fontdir,
		    const char *const *files, size_t nfaces);
/* Loads the faces of bits faces (1 << face), ready for their first use
 * but not in the document until then. */
void		 pfonts_load(struct pfonts *, unsigned faces);
/* The face's font, loaded and set up on first use. */
HPDF_Font	 pfonts_font(struct pfonts *, int face);
/* Width of the UTF-8 text s[0..len) in thousandths of the font size. */
unsigned long	 pfonts_units(struct pfonts *, int face, const char *s,
		    size_t len);
/* Draws s (NUL-terminated UTF-8) at x, y on pg; the face at size must
 * be the page's current font. */
void		 pfonts_text(struct pfonts *, HPDF_Page pg, int face,
		    float size, float x, float y, const char *s);
/* Writes each used face's widths, glyph map and ToUnicode map and makes
 * its file (a stream still to deflate): call once, after the last text
 * and before saving. */
void		 pfonts_finish(struct pfonts *);
/* Bit f set for each face the document used. */
unsigned	 pfonts_used(const struct pfonts *);
void		 pfonts_free(struct pfonts *);

#endif
