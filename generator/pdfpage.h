/*
 * pdfpage.h: a finished page's content, and the fonts' files, deflated
 * before the save (pdfpage.c), for the PDF backend (pdf.c).
 */
#ifndef PDFPAGE_H
#define PDFPAGE_H

#include <stddef.h>

#include <hpdf.h>

/* Deflates each of the n stream dicts of v (pages' content, or any
 * whose filter is FlateDecode, as libharu set it) not deflated yet, on
 * two threads; deflated now, each names its filter itself.  Returns
 * HPDF_OK or libharu's code of the first error, in v's order. */
HPDF_STATUS	 pdfpage_deflate_streams(HPDF_Dict *v, size_t n);
/* Deflates every stream of doc not deflated yet (pages, fonts' files,
 * images), once nothing more is drawn (libharu's errors go to the
 * document's handler). */
void		 pdfpage_deflate_all(HPDF_Doc doc);
/* Makes pg ready for more drawing: a deflated page gets a new content
 * stream (libharu's errors go to the document's handler). */
void		 pdfpage_reopen(HPDF_Page pg);

#endif
