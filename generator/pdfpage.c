/*
 * pdfpage.c: page content deflated as soon as the page is done.
 *
 * libharu keeps every page's content stream uncompressed until the save
 * (at 20 times acme's records, 80 MB of a 105 MB peak).  A page the
 * layout has left is deflated at once, into its own stream, and the
 * others before the save (pdfpage_deflate_all), with every other stream
 * (the fonts' files, the images), at LEVEL; the stream then names its
 * filter itself (its dict's write_fn: with the filter libharu knows of,
 * it would deflate the bytes again).  Drawing on such a page later goes to a second
 * content stream (HPDF_Page_New_Content_Stream).  Many streams at once
 * are deflated on two threads (pdfpage_deflate_streams): zlib's work
 * only, as libharu is not thread-safe; each stream's bytes are the same
 * as on one.  Uses libharu's object and stream API (hpdf_objects.h,
 * hpdf_streams.h, hpdf_pages.h).
 */
#include <pthread.h>
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

/* One stream's deflate: its dict, and the bytes made for it. */
struct job {
	HPDF_Dict	 c;
	unsigned char	*out;
	size_t		 len;
	int		 ok;
};

/* Not deflated yet, and meant to be (libharu's filter on it). */
static int
pending(HPDF_Dict c)
{
	return c->write_fn != flate_named &&
	    c->filter == HPDF_STREAM_FILTER_FLATE_DECODE;
}

/*
 * The zlib half of a deflate: only reads the stream's buffers (plain
 * reads of its list) and writes into memory of its own, so that it may
 * run on another thread than libharu's calls.  The bytes are the same
 * whichever thread makes them: the same level, the same input chunks.
 */
static void
compress_job(struct job *j)
{
	HPDF_Stream	 s = j->c->stream;
	HPDF_UINT	 i, n, len;
	HPDF_BYTE	*in;
	unsigned char	*out;
	size_t		 cap = 1 << 16, used = 0;
	z_stream	 z;
	int		 rc = Z_OK;

	j->out = NULL;
	j->len = 0;
	j->ok = 0;
	/* never so (libharu keeps them in memory), but GetBufPtr would set
	 * the document's error, from this thread */
	if (s->type != HPDF_STREAM_MEMORY)
		return;
	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, LEVEL) != Z_OK)
		return;
	out = xmalloc(cap);
	n = s->size ? HPDF_MemStream_GetBufCount(s) : 0;
	/* each of libharu's buffers, then the end */
	for (i = 0; i <= n && rc != Z_STREAM_END; i++) {
		in = i < n ? HPDF_MemStream_GetBufPtr(s, i, &len) : NULL;
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
		return;
	}
	/* held until every stream is done: no more than its bytes */
	j->out = used < cap ? xrealloc(out, used) : out;
	j->len = used;
	j->ok = 1;
}

/* The libharu half, on libharu's thread: the stream's bytes replaced. */
static HPDF_STATUS
install_job(struct job *j)
{
	HPDF_Dict	 c = j->c;
	HPDF_STATUS	 rc;

	if (!j->ok)
		return HPDF_ZLIB_ERROR;
	HPDF_MemStream_FreeData(c->stream);
	rc = HPDF_Stream_Write(c->stream, j->out, (HPDF_UINT)j->len);
	free(j->out);
	j->out = NULL;
	if (rc != HPDF_OK)
		return rc;
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = flate_named;
	return HPDF_OK;
}

/* The helper's share of the streams: jobs [0, n). */
struct share {
	struct job	*jobs;
	size_t		 n;
};

static void *
helper(void *arg)
{
	struct share	*sh = arg;
	size_t		 i;

	for (i = 0; i < sh->n; i++)
		compress_job(&sh->jobs[i]);
	return NULL;
}

/*
 * The streams are compressed on two threads, the helper taking the
 * first ones up to half of the bytes (each thread reads its streams in
 * a row), then installed in order here: libharu is not thread-safe, so
 * its calls wait for the join.  All the compressed bytes are held at
 * once, at most about the size of what the layout holds (HOLD in pdf.c)
 * deflated.  Without a thread, all of it on this one.
 */
HPDF_STATUS
pdfpage_deflate_streams(HPDF_Dict *v, size_t n)
{
	struct job	*jobs;
	struct share	 sh;
	pthread_t	 t;
	HPDF_STATUS	 rc = HPDF_OK, r;
	size_t		 i, nj = 0, total = 0, half;
	int		 threaded = 0;

	jobs = xcalloc(n, sizeof(*jobs));
	for (i = 0; i < n; i++)
		if (pending(v[i])) {
			jobs[nj++].c = v[i];
			total += v[i]->stream->size;
		}
	sh.jobs = jobs;
	sh.n = 0;
	if (nj > 1) {
		half = 0;
		while (sh.n < nj - 1 && 2 * (half +
		    jobs[sh.n].c->stream->size / 2) < total)
			half += jobs[sh.n++].c->stream->size;
		if (sh.n == 0)
			sh.n = 1;
		threaded = pthread_create(&t, NULL, helper, &sh) == 0;
		if (!threaded)
			sh.n = 0;
	}
	for (i = sh.n; i < nj; i++)
		compress_job(&jobs[i]);
	if (threaded)
		pthread_join(t, NULL);
	for (i = 0; i < nj; i++)
		if (rc == HPDF_OK) {
			if ((r = install_job(&jobs[i])) != HPDF_OK)
				rc = r;
		} else
			free(jobs[i].out);
	free(jobs);
	return rc;
}

void
pdfpage_reopen(HPDF_Page pg)
{
	if (((HPDF_PageAttr)pg->attr)->contents->write_fn == flate_named)
		HPDF_Page_New_Content_Stream(pg, NULL);
}

/*
 * Every object of the document, in the cross-reference table, is looked
 * at: a stream left to libharu's save would be deflated there, on this
 * thread and at its level 6 (the images: 8 M of acme's instructions).
 * Only streams complete before the save: libharu fills none of theirs
 * in a write hook.
 */
void
pdfpage_deflate_all(HPDF_Doc doc)
{
	HPDF_Dict	*v = NULL, d;
	HPDF_Xref	 x;
	HPDF_XrefEntry	 e;
	HPDF_STATUS	 rc;
	size_t		 i, n = 0, cap = 0;

	for (x = doc->xref; x != NULL; x = x->prev)
		for (i = 0; i < x->entries->count; i++) {
			e = HPDF_List_ItemAt(x->entries, (HPDF_UINT)i);
			if (e == NULL || (d = e->obj) == NULL ||
			    (d->header.obj_class & HPDF_OCLASS_ANY) !=
			    HPDF_OCLASS_DICT || d->stream == NULL ||
			    d->before_write_fn != NULL || !pending(d))
				continue;
			xgrow(&v, &cap, n + 1, sizeof(*v));
			v[n++] = d;
		}
	rc = pdfpage_deflate_streams(v, n);
	free(v);
	if (rc != HPDF_OK)
		HPDF_RaiseError(&doc->error, rc, 0);
}
