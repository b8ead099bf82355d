/*
 * pdfpage.c: page content deflated as soon as the page is done.
 *
 * libharu keeps every page's content stream uncompressed until the save
 * (at 20 times acme's records, 80 MB of a 105 MB peak).  A page the
 * layout has left is deflated at once, into its own stream, and the
 * others before the save (pdfpage_deflate_all), at LEVEL; the stream
 * then names its filter itself (its
 * dict's write_fn: with the filter libharu knows of, it would deflate
 * the bytes again).  Drawing on such a page later goes to a second
 * content stream (HPDF_Page_New_Content_Stream).  Uses libharu's object
 * and stream API (hpdf_objects.h, hpdf_streams.h, hpdf_pages.h).
 */
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <zlib.h>

#include "pdfpage.h"
#include "util.h"

/*
 * zlib's level for page content and the fonts' files (libharu uses 6,
 * for its streams: the images' and the small maps).  Content streams
 * are most of a dossier's bytes and of its build's time; for content/acme (pages 593 KB raw), level
 * 6 makes 79.5 KB of them at 73 M instructions, level 3 94 KB at 34 M,
 * level 1 106 KB at 32 M: 3 buys nearly all the time for half the bytes
 * of 1 (acme's PDF 137 -> 152 KB).  The fonts' files (95 KB) grow by
 * 860 bytes at 3 (acme), for 3.4 M instructions less.
 */
#define LEVEL	3

static HPDF_STATUS
flate_named(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

HPDF_STATUS
pdfpage_deflate(HPDF_Page pg)
{
	return pdfpage_deflate_stream(((HPDF_PageAttr)pg->attr)->contents);
}

HPDF_STATUS
pdfpage_deflate_stream(HPDF_Dict c)
{
	HPDF_UINT	 i, n, len;
	HPDF_BYTE	*in;
	unsigned char	*out;
	size_t		 cap = 1 << 16, used = 0;
	z_stream	 z;
	int		 rc = Z_OK;

	if (c->write_fn == flate_named ||
	    c->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
		return HPDF_OK;
	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, LEVEL) != Z_OK)
		return HPDF_ZLIB_ERROR;
	out = xmalloc(cap);
	n = c->stream->size ? HPDF_MemStream_GetBufCount(c->stream) : 0;
	/* each of libharu's buffers, then the end */
	for (i = 0; i <= n && rc != Z_STREAM_END; i++) {
		in = i < n ? HPDF_MemStream_GetBufPtr(c->stream, i, &len) :
		    NULL;
		z.next_in = in;
		z.avail_in = in ? len : 0;
		do {
			if (used == cap)
				out = xrealloc(out, cap *= 2);
			z.next_out = out + used;
			z.avail_out = (uInt)(cap - used);
			rc = deflate(&z, i < n ? Z_NO_FLUSH : Z_FINISH);
			used = cap - z.avail_out;
		} while (rc == Z_OK && (z.avail_in > 0 || i == n));
	}
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(out);
		return HPDF_ZLIB_ERROR;
	}
	HPDF_MemStream_FreeData(c->stream);
	rc = (int)HPDF_Stream_Write(c->stream, out, (HPDF_UINT)used);
	free(out);
	if (rc != HPDF_OK)
		return (HPDF_STATUS)rc;
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = flate_named;
	return HPDF_OK;
}

void
pdfpage_reopen(HPDF_Page pg)
{
	if (((HPDF_PageAttr)pg->attr)->contents->write_fn == flate_named)
		HPDF_Page_New_Content_Stream(pg, NULL);
}

void
pdfpage_deflate_all(HPDF_Doc doc)
{
	HPDF_STATUS	 rc;
	HPDF_UINT	 i;

	for (i = 0; i < doc->page_list->count; i++)
		if ((rc = pdfpage_deflate(HPDF_List_ItemAt(doc->page_list,
		    i))) != HPDF_OK) {
			HPDF_RaiseError(&doc->error, rc, 0);
			return;
		}
}
