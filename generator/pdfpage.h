/*
 * pdfpage.h: a finished page's content deflated before the save
 * (pdfpage.c), for the PDF backend (pdf.c).
 */
#ifndef PDFPAGE_H
#define PDFPAGE_H

#include <hpdf.h>

/* Deflates pg's content now; returns HPDF_OK or libharu's error code. */
HPDF_STATUS	 pdfpage_deflate(HPDF_Page pg);
/* The same for any stream dict d (its filter FlateDecode, as libharu
 * set it): deflated now, it names its filter itself. */
HPDF_STATUS	 pdfpage_deflate_stream(HPDF_Dict d);
/* Deflates every page of doc not deflated yet, once nothing more is
 * drawn (libharu's errors go to the document's handler). */
void		 pdfpage_deflate_all(HPDF_Doc doc);
/* Makes pg ready for more drawing: a deflated page gets a new content
 * stream (libharu's errors go to the document's handler). */
void		 pdfpage_reopen(HPDF_Page pg);

#endif
