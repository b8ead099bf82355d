/*
 * pdfpage.c: the pages' content deflated while the layout goes on.
 *
 * libharu keeps every page's content stream uncompressed until the save
 * (at 20 times acme's records, 80 MB of a 105 MB peak) and deflates it
 * there, on the one thread.  Here a page the layout has left is sealed
 * (pdfpage_seal), and so is an image once made: its bytes so far are
 * moved out of libharu's stream and deflated by a helper thread while
 * the next pages are laid out, on the core the HTML backend leaves free.
 * What is drawn on the page after that (the running heads, drawn once
 * the page count is known) goes to libharu's emptied stream as before.
 * At the end (pdfpage_finish) each sealed stream becomes one zlib stream:
 * the sealed part, deflated up to a sync flush (byte-aligned, not
 * final), then the rest deflated raw by a compressor of its own, which
 * refers to nothing before it, and the Adler-32 of the whole, combined
 * from the two parts', as pigz joins its pieces.  Every other stream
 * (the fonts' files, the small maps, the pages never sealed) is deflated
 * then, on two threads.  A stream deflated here names its filter itself
 * (its dict's write_fn: with the filter libharu knows of, it would
 * deflate the bytes again).  Each stream's bytes depend on its content
 * only, never on which thread made them or when.  Uses libharu's object
 * and stream API (hpdf_objects.h, hpdf_streams.h, hpdf_pages.h).
 */
#define _GNU_SOURCE	/* SCHED_IDLE */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
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
/*
 * Sealed content waiting for the helper is held up to HOLD bytes; past
 * that, pdfpage_seal() deflates the waiting pages itself, so that a
 * helper kept from running (one core, a busy machine) costs time, never
 * memory.
 */
#define HOLD	(4u << 20)
/* The helper, asleep, is woken once this much waits: a wake-up of
 * another core costs about as much as deflating a small page. */
#define WAKE	(64u << 10)

/* A sealed page: its content up to the seal, then deflated. */
struct sealed {
	HPDF_Dict	 c;		/* the page's content stream */
	unsigned char	*raw;		/* until deflated */
	size_t		 rawlen;
	unsigned char	*z;		/* zlib header and blocks, sync-flushed */
	size_t		 zlen;
	uLong		 adler;		/* of raw */
	int		 ok;
};

struct pdfpages {
	pthread_mutex_t	 mu;
	pthread_cond_t	 work, done;
	struct sealed	*v;
	size_t		 n, cap, next;	/* next: the first not taken */
	size_t		 busy;		/* taken, not deflated yet */
	size_t		 waiting;	/* raw bytes not taken */
	int		 stop, threaded, sleeping;
	pthread_t	 helper;
};

/* Output memory of a deflate. */
struct zout {
	unsigned char	*p;
	size_t		 len, cap;
};

/*
 * Feeds in[0..len) to z with flush, into o.  Returns zlib's last code:
 * Z_STREAM_END after Z_FINISH, Z_OK otherwise, or an error.
 */
static int
zfeed(z_stream *z, const unsigned char *in, size_t len, int flush,
    struct zout *o)
{
	int	 rc;

	z->next_in = (unsigned char *)in;
	z->avail_in = (uInt)len;
	do {
		if (o->len == o->cap)
			o->p = xrealloc(o->p, o->cap = o->cap ? 2 * o->cap :
			    1 << 16);
		z->next_out = o->p + o->len;
		z->avail_out = (uInt)(o->cap - o->len);
		rc = deflate(z, flush);
		o->len = o->cap - z->avail_out;
	} while (rc == Z_OK && (z->avail_in > 0 || z->avail_out == 0 ||
	    (flush == Z_FINISH)));
	return rc == Z_BUF_ERROR && z->avail_in == 0 && flush != Z_FINISH ?
	    Z_OK : rc;
}

/* A deflater a thread keeps for the streams it takes, made on first
 * use: deflateReset() makes the same bytes as a new one, without its
 * 270 KB allocated again. */
struct zkeep {
	z_stream	 z;
	int		 raw;		/* no zlib header and trailer */
	int		 state;		/* 0 none yet, 1 made, -1 failed */
};

static z_stream *
zkeep_get(struct zkeep *k)
{
	if (k->state == 0) {
		memset(&k->z, 0, sizeof(k->z));
		k->state = deflateInit2(&k->z, LEVEL, Z_DEFLATED, k->raw ?
		    -MAX_WBITS : MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK ?
		    1 : -1;
	} else if (k->state == 1 && deflateReset(&k->z) != Z_OK)
		return NULL;
	return k->state == 1 ? &k->z : NULL;
}

static void
zkeep_end(struct zkeep *k)
{
	if (k->state == 1)
		deflateEnd(&k->z);
	k->state = 0;
}

/* A sealed page's content deflated with k's deflater (any thread: it
 * touches no libharu object). */
static void
deflate_sealed(struct sealed *s, struct zkeep *k)
{
	struct zout	 o = { 0 };
	z_stream	*z = zkeep_get(k);

	s->ok = 0;
	if (z != NULL) {
		o.p = xmalloc(o.cap = s->rawlen / 4 + 1024);
		/* not finished: the rest comes at the end */
		s->ok = zfeed(z, s->raw, s->rawlen, Z_SYNC_FLUSH, &o) == Z_OK;
		s->adler = z->adler;
	}
	free(s->raw);
	s->raw = NULL;
	s->z = o.p;
	s->zlen = o.len;
}

/*
 * Takes the next waiting page (locked), deflates it (unlocked) with k's
 * deflater and marks it done; returns 0 when none was waiting.
 */
static int
take_one(struct pdfpages *pp, struct zkeep *k)
{
	size_t	 i;

	if (pp->next == pp->n)
		return 0;
	i = pp->next++;
	pp->busy++;
	pp->waiting -= pp->v[i].rawlen;
	{
		struct sealed s = pp->v[i];	/* v may move meanwhile */

		pthread_mutex_unlock(&pp->mu);
		deflate_sealed(&s, k);
		pthread_mutex_lock(&pp->mu);
		pp->v[i] = s;
	}
	pp->busy--;
	pthread_cond_broadcast(&pp->done);
	return 1;
}

static void *
helper_run(void *arg)
{
	struct pdfpages		*pp = arg;
	struct zkeep		 k = { .state = 0 };
	void			*heap;
#ifdef SCHED_IDLE
	struct sched_param	 sp = { 0 };

	/* Only on a core nothing else wants: the layout's thread and the
	 * HTML backend's go first. */
	pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
#endif
	heap = thread_heap_setup();
	pthread_mutex_lock(&pp->mu);
	for (;;) {
		if (take_one(pp, &k))
			continue;
		if (pp->stop)
			break;
		pp->sleeping = 1;
		pthread_cond_wait(&pp->work, &pp->mu);
		pp->sleeping = 0;
	}
	pthread_mutex_unlock(&pp->mu);
	zkeep_end(&k);
	thread_heap_end(heap);
	return NULL;
}

struct pdfpages *
pdfpage_new(void)
{
	struct pdfpages	*pp = xcalloc(1, sizeof(*pp));

	pthread_mutex_init(&pp->mu, NULL);
	pthread_cond_init(&pp->work, NULL);
	pthread_cond_init(&pp->done, NULL);
	return pp;
}

/* Waits for the helper's work, doing what is left of it here. */
static void
drain(struct pdfpages *pp)
{
	struct zkeep	 k = { .state = 0 };

	pthread_mutex_lock(&pp->mu);
	pp->stop = 1;
	pthread_cond_signal(&pp->work);
	while (take_one(pp, &k))
		continue;
	while (pp->busy > 0)
		pthread_cond_wait(&pp->done, &pp->mu);
	pthread_mutex_unlock(&pp->mu);
	if (pp->threaded)
		pthread_join(pp->helper, NULL);
	pp->threaded = 0;
	zkeep_end(&k);
}

void
pdfpage_free(struct pdfpages *pp)
{
	size_t	 i;

	if (pp == NULL)
		return;
	drain(pp);
	for (i = 0; i < pp->n; i++) {
		free(pp->v[i].raw);
		free(pp->v[i].z);
	}
	free(pp->v);
	pthread_cond_destroy(&pp->work);
	pthread_cond_destroy(&pp->done);
	pthread_mutex_destroy(&pp->mu);
	free(pp);
}

void
pdfpage_seal(struct pdfpages *pp, HPDF_Dict c)
{
	HPDF_Stream	 st = c->stream;
	HPDF_UINT	 i, n, len;
	HPDF_BYTE	*in;
	struct sealed	 s = { .c = c };

	if (st->type != HPDF_STREAM_MEMORY || st->size == 0 ||
	    c->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
		return;	/* nothing drawn yet, or sealed already */
	s.raw = xmalloc(st->size);
	n = HPDF_MemStream_GetBufCount(st);
	for (i = 0; i < n; i++) {
		in = HPDF_MemStream_GetBufPtr(st, i, &len);
		memcpy(s.raw + s.rawlen, in, len);
		s.rawlen += len;
	}
	HPDF_MemStream_FreeData(st);
	/* libharu's save leaves it as it is; pdfpage_finish() completes
	 * it */
	c->filter = HPDF_STREAM_FILTER_NONE;
	pthread_mutex_lock(&pp->mu);
	xgrow(&pp->v, &pp->cap, pp->n + 1, sizeof(*pp->v));
	pp->v[pp->n++] = s;
	pp->waiting += s.rawlen;
	if (!pp->threaded && !pp->stop)
		pp->threaded = thread_start(&pp->helper, helper_run,
		    pp) == 0;
	if (pp->sleeping && pp->waiting >= WAKE)
		pthread_cond_signal(&pp->work);
	if (pp->waiting > HOLD) {
		struct zkeep k = { .state = 0 };

		while (pp->waiting > HOLD && take_one(pp, &k))
			continue;
		zkeep_end(&k);
	}
	pthread_mutex_unlock(&pp->mu);
}

static HPDF_STATUS
flate_named(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* One stream's deflate at the end: its dict, the sealed part before
 * what its stream holds (or NULL), and the bytes made for it. */
struct job {
	HPDF_Dict		 c;
	const struct sealed	*sealed;
	struct zout		 out;
	int			 ok;
};

/*
 * The zlib half of a deflate, with the thread's deflaters k (k[1] raw):
 * only reads the stream's buffers (plain reads of its list) and writes
 * into memory of its own, so that it may run on another thread than
 * libharu's calls.  A sealed page's stream is its sealed part, then the
 * stream's bytes deflated raw, then the Adler-32 of both.
 */
static void
compress_job(struct job *j, struct zkeep *k)
{
	const struct sealed *s = j->sealed;
	HPDF_Stream	 st = j->c->stream;
	HPDF_UINT	 i, n, len;
	HPDF_BYTE	*in;
	z_stream	*z;
	uLong		 adler = adler32(0, NULL, 0);
	size_t		 total = 0;
	int		 rc = Z_OK;

	j->ok = 0;
	/* never so (libharu keeps them in memory), but GetBufPtr would set
	 * the document's error, from this thread */
	if (st->type != HPDF_STREAM_MEMORY)
		return;
	if ((z = zkeep_get(&k[s != NULL])) == NULL)
		return;
	if (s != NULL) {
		j->out.p = xmalloc(j->out.cap = s->zlen + (1 << 12));
		memcpy(j->out.p, s->z, j->out.len = s->zlen);
	}
	n = st->size ? HPDF_MemStream_GetBufCount(st) : 0;
	/* each of libharu's buffers, then the end */
	for (i = 0; i < n && rc == Z_OK; i++) {
		in = HPDF_MemStream_GetBufPtr(st, i, &len);
		adler = adler32(adler, in, len);
		total += len;
		rc = zfeed(z, in, len, Z_NO_FLUSH, &j->out);
	}
	if (rc == Z_OK)
		rc = zfeed(z, NULL, 0, Z_FINISH, &j->out);
	if (rc != Z_STREAM_END)
		return;
	if (s != NULL) {
		adler = adler32_combine(s->adler, adler, (z_off_t)total);
		if (j->out.cap - j->out.len < 4)
			j->out.p = xrealloc(j->out.p, j->out.cap += 4);
		for (i = 0; i < 4; i++)
			j->out.p[j->out.len++] =
			    (unsigned char)(adler >> (24 - 8 * i));
	}
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
	rc = HPDF_Stream_Write(c->stream, j->out.p, (HPDF_UINT)j->out.len);
	if (rc != HPDF_OK)
		return rc;
	c->filter = HPDF_STREAM_FILTER_NONE;
	c->write_fn = flate_named;
	return HPDF_OK;
}

/* The jobs of the end, taken by both threads in turn, the largest
 * first. */
struct share {
	struct job	*jobs;
	struct ord {
		size_t	 size, job;
	}		*order;		/* largest first */
	size_t		 n;
	atomic_size_t	 next;
};

/* Takes jobs until none is left, on this thread. */
static void
run_some(struct share *sh)
{
	struct zkeep	 k[2] = { { .raw = 0 }, { .raw = 1 } };
	size_t		 i;

	while ((i = atomic_fetch_add(&sh->next, 1)) < sh->n)
		compress_job(&sh->jobs[sh->order[i].job], k);
	zkeep_end(&k[0]);
	zkeep_end(&k[1]);
}

static void *
share_run(void *arg)
{
	void	*heap = thread_heap_setup();

	run_some(arg);
	thread_heap_end(heap);
	return NULL;
}

static int
larger_first(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->job < y->job ? -1 : x->job > y->job;
}

/*
 * The jobs are compressed on two threads, each taking the largest left
 * (this one starts at once; the other, once it runs, which takes a
 * while), then installed in order here: libharu is not thread-safe, so
 * its calls wait for the join.  A stream's bytes are the same whichever
 * thread made them.  Returns HPDF_OK or libharu's code of the first
 * error, in the jobs' order.
 */
static HPDF_STATUS
run_jobs(struct job *jobs, size_t nj)
{
	struct share	 sh = { .jobs = jobs, .n = nj };
	pthread_t	 t;
	HPDF_STATUS	 rc = HPDF_OK, r;
	size_t		 i;
	int		 threaded;

	sh.order = xcalloc(nj ? nj : 1, sizeof(*sh.order));
	for (i = 0; i < nj; i++) {
		sh.order[i].size = jobs[i].c->stream->size;
		sh.order[i].job = i;
	}
	qsort(sh.order, nj, sizeof(*sh.order), larger_first);
	atomic_init(&sh.next, 0);
	threaded = nj > 1 && thread_start(&t, share_run, &sh) == 0;
	run_some(&sh);
	if (threaded)
		pthread_join(t, NULL);
	free(sh.order);
	for (i = 0; i < nj; i++) {
		if (rc == HPDF_OK && (r = install_job(&jobs[i])) != HPDF_OK)
			rc = r;
		free(jobs[i].out.p);
	}
	return rc;
}

/* Not deflated yet, and meant to be (libharu's filter on it). */
static int
pending(HPDF_Dict c)
{
	return c->write_fn != flate_named &&
	    c->filter == HPDF_STREAM_FILTER_FLATE_DECODE;
}

/*
 * Every object of the document, in the cross-reference table, is looked
 * at: a stream left to libharu's save would be deflated there, on this
 * thread and at its level 6 (the images: 8 M of acme's instructions).
 * Only streams complete before the save: libharu fills none of theirs
 * in a write hook.
 */
void
pdfpage_finish(struct pdfpages *pp, HPDF_Doc doc)
{
	struct job	*jobs = NULL;
	HPDF_Dict	 d;
	HPDF_Xref	 x;
	HPDF_XrefEntry	 e;
	HPDF_STATUS	 rc = HPDF_OK;
	size_t		 i, n = 0, cap = 0;

	drain(pp);
	for (i = 0; i < pp->n; i++) {
		if (!pp->v[i].ok)
			rc = HPDF_ZLIB_ERROR;
		xgrow(&jobs, &cap, n + 1, sizeof(*jobs));
		memset(&jobs[n], 0, sizeof(*jobs));
		jobs[n].c = pp->v[i].c;
		jobs[n++].sealed = &pp->v[i];
	}
	for (x = doc->xref; x != NULL; x = x->prev)
		for (i = 0; i < x->entries->count; i++) {
			e = HPDF_List_ItemAt(x->entries, (HPDF_UINT)i);
			if (e == NULL || (d = e->obj) == NULL ||
			    (d->header.obj_class & HPDF_OCLASS_ANY) !=
			    HPDF_OCLASS_DICT || d->stream == NULL ||
			    d->before_write_fn != NULL || !pending(d))
				continue;
			xgrow(&jobs, &cap, n + 1, sizeof(*jobs));
			memset(&jobs[n], 0, sizeof(*jobs));
			jobs[n++].c = d;
		}
	if (rc == HPDF_OK)
		rc = run_jobs(jobs, n);
	free(jobs);
	if (rc != HPDF_OK)
		HPDF_RaiseError(&doc->error, rc, 0);
}
