/*
 * glyphs.c: which characters the PDF's fonts can print, read from the
 * cmap table of the body font (a project file, yet every offset is
 * checked: a damaged font means no warnings, never a crash).  The load
 * pass warns about text the PDF would show as empty boxes.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glyphs.h"
#include "util.h"

#define FONT_MAX	(8u << 20)

static unsigned char	 bmp[65536 / 8];	/* a bit per BMP character */
static int		 state;			/* 0 unread, 1 read, -1 none */

static uint16_t
u16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Marks the characters of a format 4 subtable at t (n bytes). */
static int
format4(const unsigned char *t, size_t n)
{
	size_t		 segs, i, ends, starts, deltas, ranges, steps = 0;
	uint32_t	 c, g, off;

	if (n < 14 || u16(t) != 4)
		return -1;
	segs = u16(t + 6) / 2;
	ends = 14;
	starts = ends + 2 * segs + 2;
	deltas = starts + 2 * segs;
	ranges = deltas + 2 * segs;
	if (ranges + 2 * segs > n)
		return -1;
	for (i = 0; i < segs; i++) {
		uint16_t end = u16(t + ends + 2 * i);
		uint16_t start = u16(t + starts + 2 * i);
		uint16_t delta = u16(t + deltas + 2 * i);
		uint16_t range = u16(t + ranges + 2 * i);

		for (c = start; c <= end && c < 0xffff; c++) {
			if (++steps > 4 * 65536)
				return -1;	/* overlapping: damaged */
			if (range == 0)
				g = (c + delta) & 0xffff;
			else {
				off = (uint32_t)(ranges + 2 * i) + range +
				    2 * (c - start);
				if (off + 2 > n)
					return -1;
				g = u16(t + off);
				if (g != 0)
					g = (g + delta) & 0xffff;
			}
			if (g != 0)
				bmp[c / 8] |= (unsigned char)(1u << (c % 8));
		}
	}
	return 0;
}

static void
load(const char *fontdir)
{
	char		*path = xasprintf("%s/LiberationSans-Regular.ttf",
			    fontdir);
	unsigned char	*f = MAP_FAILED;
	size_t		 n = 0, i, ntab, cmap = 0, cmaplen = 0, nsub;
	uint32_t	 off, len;
	struct stat	 st;
	int		 fd;

	state = -1;
	/* Mapped, not read: only the directory and cmap are looked at. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size >= 12 && st.st_size <= FONT_MAX) {
			n = (size_t)st.st_size;
			f = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
		}
		close(fd);
	}
	free(path);
	if (f == MAP_FAILED)
		return;
	ntab = u16(f + 4);
	for (i = 0; i < ntab && 12 + 16 * i + 16 <= n; i++) {
		const unsigned char *e = f + 12 + 16 * i;

		if (memcmp(e, "cmap", 4) == 0) {
			cmap = u32(e + 8);
			cmaplen = u32(e + 12);
		}
	}
	if (cmap == 0 || cmap > n || cmaplen > n - cmap || cmaplen < 4)
		goto out;
	nsub = u16(f + cmap + 2);
	for (i = 0; i < nsub && 4 + 8 * i + 8 <= cmaplen; i++) {
		const unsigned char *e = f + cmap + 4 + 8 * i;

		/* Windows Unicode BMP, the table libharu reads */
		if (u16(e) != 3 || u16(e + 2) != 1)
			continue;
		off = u32(e + 4);
		if (off >= cmaplen)
			break;
		len = (uint32_t)(cmaplen - off);
		if (format4(f + cmap + off, len) == 0)
			state = 1;
		break;
	}
out:
	munmap(f, n);
}

int
glyph_printable(const char *fontdir, unsigned cp)
{
	if (state == 0)
		load(fontdir);
	if (state < 0)
		return 1;	/* no font to ask: no warning */
	if (cp > 0xffff)
		return 0;	/* libharu draws the BMP only */
	return (bmp[cp / 8] >> (cp % 8)) & 1;
}
