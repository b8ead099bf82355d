/*
 * pdfpage.h: the pages' content deflated while the layout goes on, and
 * every other stream before the save (pdfpage.c), for the PDF backend
 * (pdf.c).
 */
#ifndef PDFPAGE_H
#define PDFPAGE_H

#include <hpdf.h>

struct pdfpages;

struct pdfpages	*pdfpage_new(void);
/* Seals the stream of dict c (a page the layout has left, an image
 * made): its bytes so far are deflated on a helper thread; what is
 * written to it later is added at the end. */
void		 pdfpage_seal(struct pdfpages *, HPDF_Dict c);
/* Once nothing more is drawn: completes every sealed page's stream and
 * deflates every other stream of doc not deflated yet (pages, fonts'
 * files, images), on two threads (libharu's errors go to the
 * document's handler). */
void		 pdfpage_finish(struct pdfpages *, HPDF_Doc doc);
/* Stops the helper and frees; safe after a libharu error. */
void		 pdfpage_free(struct pdfpages *);

#endif
