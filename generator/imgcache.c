/*
 * imgcache.c: a company's image files, each read, checked against the
 * company's budget, decoded and shrunk once (see imgcache.h), in a hash
 * table by real path so that any number of references stays linear.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "image.h"
#include "imgcache.h"
#include "util.h"

/* FNV-1a, 64 bits. */
static uint64_t
hash(const char *s)
{
	uint64_t	 h = 14695981039346656037ull;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

/* The slot of real: the one holding it, or the free one it would take. */
static size_t
slot_of(const struct imgcache *c, const char *real)
{
	size_t	 i = (size_t)hash(real) & (c->nslot - 1);

	while (c->slot[i] != 0 && strcmp(c->v[c->slot[i] - 1]->real, real))
		i = (i + 1) & (c->nslot - 1);
	return i;
}

/* Keeps the table at most half full. */
static void
grow(struct imgcache *c)
{
	size_t	 i;

	if (c->nslot >= 2 * (c->n + 1))
		return;
	free(c->slot);
	c->nslot = c->nslot ? c->nslot * 2 : 64;
	c->slot = xcalloc(c->nslot, sizeof(*c->slot));
	for (i = 0; i < c->n; i++)
		c->slot[slot_of(c, c->v[i]->real)] = i + 1;
}

struct imgcache *
imgcache_new(void)
{
	return xcalloc(1, sizeof(struct imgcache));
}

void
imgcache_free(struct imgcache *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i]->real);
		free(c->v[i]->reason);
		image_free(&c->v[i]->img);
		free(c->v[i]);
	}
	free(c->v);
	free(c->slot);
	free(c);
}

/*
 * Reads, measures and decodes the new entry e, stopping at the first
 * step the company's budget refuses.  Every file added counts, refused
 * or not, so that the totals bound the work of the whole company: at
 * most the byte budget is read and the pixel budget decoded, plus the
 * header of one file.
 */
static void
load(struct imgcache *c, struct cimage *e)
{
	char	*data, err[256];
	size_t	 len;

	c->bytes += e->bytes;
	if (c->bytes > LIMIT_COMPANY_IMAGE_BYTES) {
		e->state = CI_BYTES;
		e->total = c->bytes;
		return;
	}
	if ((data = file_read(e->real, LIMIT_IMAGE_BYTES, &len)) == NULL) {
		e->state = CI_READ;
		e->errnum = errno;
		return;
	}
	if (image_probe((unsigned char *)data, len, &e->width, &e->height,
	    err, sizeof(err)) == -1) {
		e->state = CI_DECODE;
		e->reason = xstrdup(err);
		free(data);
		return;
	}
	c->pixels += (uint64_t)e->width * e->height;
	if (c->pixels > LIMIT_COMPANY_IMAGE_PIXELS) {
		e->state = CI_PIXELS;
		e->total = c->pixels;
		free(data);
		return;
	}
	/* Decoded whole, so that a broken image is found here, not later. */
	if (image_decode((unsigned char *)data, len, &e->img, err,
	    sizeof(err)) == -1) {
		e->state = CI_DECODE;
		e->reason = xstrdup(err);
	} else {
		e->state = CI_OK;
		image_shrink(&e->img, IMAGE_KEEP_SIDE);
	}
	free(data);
}

const struct cimage *
imgcache_add(struct imgcache *c, const char *real, uint64_t size)
{
	struct cimage	*e;
	size_t		 i;

	if (c->nslot > 0 && c->slot[i = slot_of(c, real)] != 0)
		return c->v[c->slot[i] - 1];
	grow(c);
	e = xcalloc(1, sizeof(*e));
	e->real = xstrdup(real);
	e->index = c->n;
	e->bytes = size;
	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = e;
	c->slot[slot_of(c, real)] = c->n;
	load(c, e);
	return e;
}

const struct cimage *
imgcache_find(const struct imgcache *c, const char *path)
{
	const struct cimage	*e = NULL;
	char			*real;
	size_t			 i;

	if (c == NULL || c->n == 0 || (real = realpath(path, NULL)) == NULL)
		return NULL;
	if (c->slot[i = slot_of(c, real)] != 0)
		e = c->v[c->slot[i] - 1];
	free(real);
	return e;
}
