/*
 * imgcache.h: every image file of a company, read and decoded once.
 *
 * The validate pass adds each image a note names, by the file's real
 * path (checked to lie inside the company folder first): the first time,
 * the file counts towards the company's image budget (image.h), is read,
 * decoded and shrunk to the size the dossier uses; every later reference,
 * from any note, gets the same entry.  The form pass finds each
 * reference's entry again, and the backends draw its pixels: the PDF as
 * one image object, the HTML as one PNG written again from them.  Nothing
 * after validate opens an image file.  The company owns its cache
 * (company->images, freed by company_free).
 */
#ifndef SIMC_IMGCACHE_H
#define SIMC_IMGCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"

/*
 * The largest side kept of an image: the PDF prints a picture at most
 * 120 pt wide (800 pixels are 480 dpi) and a logo 200 pt, the HTML at
 * most 16rem.
 */
#define IMAGE_KEEP_SIDE		800

enum cistate {
	CI_OK,
	CI_READ,	/* the file cannot be read: errnum */
	CI_DECODE,	/* image.c refused it: reason */
	CI_BYTES,	/* over the company's byte budget: not read */
	CI_PIXELS	/* over the company's pixel budget: not decoded */
};

struct cimage {
	char		*real;		/* the file's real path, the key */
	size_t		 index;		/* 0.., in the order added */
	enum cistate	 state;
	int		 errnum;	/* CI_READ */
	char		*reason;	/* CI_DECODE, else NULL */
	uint64_t	 bytes;		/* the file's size */
	unsigned	 width, height;	/* its size in pixels, as the file
					   says (0 if unknown) */
	uint64_t	 total;		/* CI_BYTES, CI_PIXELS: the company's
					   total of bytes or pixels with it */
	struct image	 img;		/* CI_OK: at most IMAGE_KEEP_SIDE
					   pixels a side; else zeroed */
};

struct imgcache {
	struct cimage	**v;		/* in the order added */
	size_t		  n, cap;
	size_t		 *slot;		/* hash table of index + 1, 0 free */
	size_t		  nslot;	/* a power of two, at least 2n */
	uint64_t	  bytes, pixels; /* totals over every file added */
};

struct imgcache	*imgcache_new(void);
void		 imgcache_free(struct imgcache *);
/*
 * The entry of the regular file at real path real, of size bytes (as
 * stat said; the caller checked it against LIMIT_IMAGE_BYTES).  On the
 * first call for real the file is counted, read and decoded, each step
 * only when the company's totals so far allow it; later calls return
 * the same entry and do nothing.  Linear in the size of the files added.
 */
const struct cimage *imgcache_add(struct imgcache *, const char *real,
		    uint64_t size);
/*
 * The entry of the file at path (any path to it: resolved with
 * realpath), or NULL when no note named it or c is NULL.
 */
const struct cimage *imgcache_find(const struct imgcache *c,
		    const char *path);

#endif
