/*
 * pdffont.c: the fonts of the PDF backend (pdf.c), over libharu; the
 * layout engine (layout.c) measures its text with them.
 *
 * libharu's own "UTF-8" encoding makes each face a CID font whose codes
 * are Unicode code points: setting a face up scans all 65,536 of them
 * (about 50 M instructions a face), writes a width for every character
 * the font has and a 128 KB code-to-glyph map, and gives the font its
 * encoding CMap as ToUnicode map, which Poppler rejects ("Invalid
 * 'begincidrange' operator").
 *
 * Here the document numbers its characters itself, in the order it
 * first meets them: character k is the two-byte code (1 + k / 255,
 * 1 + k % 255), a code with no zero byte, so that it passes through
 * libharu's C strings.  The faces are CID fonts of libharu's own kind
 * (HPDF_Type0Font_New through HPDF_GetFont) with an encoder of ours
 * that knows one character when a face is made, which makes the set-up
 * cheap; before the save, each face gets the widths, the glyph map and
 * a ToUnicode map (bfchar) of the characters it drew, written through
 * libharu's object API (hpdf_objects.h, hpdf_streams.h, installed with
 * libhpdf-dev).  Widths are measured once per face and character, with
 * libharu's own function, so text is as wide as libharu makes it.
 *
 * What is embedded of a face is also less than libharu would embed of
 * the file: embed_copy() leaves out the hinting and the glyph names, and
 * subset(), which writes the embedded file in libharu's stead, zeroes
 * the metrics of the glyphs the subset lacks.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "pdffont.h"
#include "pdfpage.h"
#include "util.h"

#define ENCODER		"simc-chars"
#define MAXCHARS	(255 * 255)	/* codes without a zero byte */
#define PIECE		16000		/* characters per TextOut: libharu
					 * refuses strings over 65,535 bytes */

struct pfonts {
	HPDF_Doc		  doc;
	const char		 *fontdir;
	const char *const	 *files;
	size_t			  nfaces;
	HPDF_CMapEncoderAttr	  ea;		/* the encoder's tables */
	HPDF_Font		 *font;		/* by face, NULL until used */
	HPDF_UINT16		 *index;	/* by BMP code point: k + 1 */
	HPDF_UNICODE		 *chars;	/* by character k */
	HPDF_INT16		**width;	/* [face][k], -1: not used */
	size_t			  n, cap;
	char			 *buf;		/* 2 * PIECE + 1 */
	char			 *lit;		/* 4 * PIECE + 5 */
	char			  tag[7];	/* of the last face loaded */
	const char		**loaded;	/* by face: its fontdef's name */
	HPDF_INT16		(*ascii)[128];	/* by face: widths, -1 unknown */
};

static unsigned
code_of(size_t k)
{
	return (unsigned)((1 + k / 255) << 8 | (1 + k % 255));
}

/* A failure of one of libharu's internal calls, which do not call the
 * error handler themselves. */
static void
fail(struct pfonts *pf, HPDF_STATUS rc)
{
	HPDF_RaiseError(&pf->doc->error, rc ? rc : HPDF_FAILD_TO_ALLOC_MEM,
	    0);
	abort();	/* the handler does not return */
}

static HPDF_BOOL
every_byte(HPDF_Encoder e, HPDF_BYTE b)
{
	(void)e;
	(void)b;
	return HPDF_TRUE;
}

/*
 * Every code is two bytes (lead, trail) and stands for itself as CID
 * (Identity-H).  unicode_map[low][high] gives each code's character,
 * for libharu's widths; cid_map holds only the space, code 0x0101: the
 * one character HPDF_Type0Font_New looks up when it makes a face.
 */
static HPDF_STATUS
encoder_init(HPDF_Encoder e)
{
	HPDF_CMapEncoderAttr	 a;
	HPDF_STATUS		 rc;

	if ((rc = HPDF_CMapEncoder_InitAttr(e)) != HPDF_OK)
		return rc;
	a = e->attr;
	a->is_lead_byte_fn = every_byte;
	a->is_trial_byte_fn = every_byte;
	snprintf(a->registry, sizeof(a->registry), "Adobe");
	snprintf(a->ordering, sizeof(a->ordering), "Identity-H");
	a->suppliment = 0;
	a->writing_mode = HPDF_WMODE_HORIZONTAL;
	a->cid_map[1][1] = 0x0101;
	a->unicode_map[1][1] = 0x20;
	e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return HPDF_OK;
}

struct pfonts *
pfonts_new(HPDF_Doc doc, const char *fontdir, const char *const *files,
    size_t nfaces)
{
	struct pfonts	*pf = xcalloc(1, sizeof(*pf));

	pf->doc = doc;
	pf->fontdir = fontdir;
	pf->files = files;
	pf->nfaces = nfaces;
	pf->font = xcalloc(nfaces, sizeof(*pf->font));
	pf->loaded = xcalloc(nfaces, sizeof(*pf->loaded));
	pf->width = xcalloc(nfaces, sizeof(*pf->width));
	pf->ascii = xmalloc(nfaces * sizeof(*pf->ascii));
	memset(pf->ascii, 0xff, nfaces * sizeof(*pf->ascii));
	return pf;
}

void
pfonts_free(struct pfonts *pf)
{
	size_t	 f;

	if (pf == NULL)
		return;
	for (f = 0; f < pf->nfaces; f++)
		free(pf->width[f]);
	free(pf->width);
	free(pf->ascii);
	free(pf->font);
	free(pf->loaded);
	free(pf->index);
	free(pf->chars);
	free(pf->buf);
	free(pf->lit);
	free(pf);
}

/* Numbers code point cp (of the BMP), met for the first time. */
static size_t
char_new(struct pfonts *pf, unsigned cp)
{
	size_t		 k, f, old;
	unsigned	 code;

	if (pf->n == MAXCHARS)
		return 0;	/* the space */
	if (pf->n == pf->cap) {
		old = pf->cap;
		xgrow(&pf->chars, &pf->cap, pf->n + 1, sizeof(*pf->chars));
		for (f = 0; f < pf->nfaces; f++) {
			pf->width[f] = xrealloc(pf->width[f],
			    pf->cap * sizeof(**pf->width));
			memset(pf->width[f] + old, 0xff,
			    (pf->cap - old) * sizeof(**pf->width));
		}
	}
	k = pf->n++;
	pf->chars[k] = (HPDF_UNICODE)cp;
	pf->index[cp] = (HPDF_UINT16)(k + 1);
	code = code_of(k);
	pf->ea->unicode_map[code & 0xff][code >> 8] = (HPDF_UNICODE)cp;
	return k;
}

/* The character number of code point cp, numbered when new: the lookup
 * inline, as every character drawn or measured asks for it. */
static inline size_t
char_index(struct pfonts *pf, unsigned cp)
{
	if (cp > 0xffff)
		cp = ' ';	/* as libharu's UTF-8: the BMP only */
	return pf->index[cp] != 0 ? pf->index[cp] - 1u : char_new(pf, cp);
}

static void
setup(struct pfonts *pf)
{
	static char	 name[] = ENCODER;
	HPDF_Encoder	 e;
	HPDF_STATUS	 rc;

	if ((e = HPDF_CMapEncoder_New(pf->doc->mmgr, name, NULL)) == NULL)
		fail(pf, 0);
	if ((rc = encoder_init(e)) != HPDF_OK) {
		HPDF_Encoder_Free(e);
		fail(pf, rc);
	}
	if ((rc = HPDF_Doc_RegisterEncoder(pf->doc, e)) != HPDF_OK)
		fail(pf, rc);	/* and e is freed */
	pf->ea = e->attr;
	pf->index = xcalloc(0x10000, sizeof(*pf->index));
	pf->buf = xmalloc(2 * PIECE + 1);
	pf->lit = xmalloc(4 * PIECE + 5);
	char_index(pf, ' ');	/* code 0x0101, as encoder_init says */
}

/* ---- the font file as embedded ---- */

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
get32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
put32(unsigned char *p, unsigned long v)
{
	put16(p, (unsigned)(v >> 16));
	put16(p + 2, (unsigned)(v & 0xffff));
}

/* The sum of a table as the TrueType format counts it. */
static unsigned long
table_sum(const unsigned char *p, size_t len)
{
	unsigned long	 sum = 0;
	size_t		 i;

	for (i = 0; i + 4 <= len; i += 4)
		sum += get32(p + i);
	if (i < len) {
		unsigned char last[4] = { 0 };

		memcpy(last, p + i, len - i);
		sum += get32(last);
	}
	return sum & 0xfffffffful;
}

/* The tables libharu embeds, less the hinting (cvt, fpgm, prep). */
static const char *const keep[] = { "OS/2", "cmap", "glyf", "head", "hhea",
    "hmtx", "loca", "maxp", "name", "post" };
enum { K_GLYF = 2, K_HEAD = 3, K_LOCA = 6, K_MAXP = 7, K_POST = 9,
    K__N = 10 };

/*
 * A glyph without its hinting instructions into out (room for len
 * bytes); returns its new length, or (size_t)-1 when the glyph is not
 * what the TrueType format says.
 */
static size_t
glyph_plain(const unsigned char *g, size_t len, unsigned char *out)
{
	size_t		 at, il;
	unsigned	 flags;
	int		 nc;

	if (len == 0)
		return 0;
	if (len < 10)
		return (size_t)-1;
	nc = (int)(short)get16(g);
	if (nc >= 0) {
		at = 10 + 2 * (size_t)nc;
		if (at + 2 > len || at + 2 + (il = get16(g + at)) > len)
			return (size_t)-1;
		memcpy(out, g, at);
		put16(out + at, 0);
		memcpy(out + at + 2, g + at + 2 + il, len - at - 2 - il);
		return len - il;
	}
	memcpy(out, g, len);
	for (at = 10;;) {	/* components: drop WE_HAVE_INSTRUCTIONS */
		if (at + 4 > len)
			return (size_t)-1;
		flags = get16(g + at);
		put16(out + at, flags & ~0x0100u);
		at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 :
		    flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
		if (at > len)
			return (size_t)-1;
		if (!(flags & 0x0020))
			return at;
	}
}

/*
 * The font file d[0..len) as a PDF needs it: the outlines, metrics and
 * character map libharu embeds, without what only a rasteriser that
 * runs TrueType hints or a font installer reads: the hinting (its
 * programs and each glyph's instructions) and the glyph names (post
 * becomes format 3).  The glyphs, their numbers and their widths stay
 * as they are.  Returns the new file (caller frees), or NULL when the
 * file is not as expected (it is then embedded as it is).
 */
static unsigned char *
embed_copy(const unsigned char *d, size_t len, size_t *outlen)
{
	const unsigned char	*tab[K__N] = { 0 };
	size_t			 tlen[K__N], off[K__N], i, j, n, ng, at, gl;
	size_t			 s, e, glen;
	unsigned char		*out, *glyf, *loca;
	int			 longloca;

	if (len < 12 || (n = get16(d + 4)) == 0 || 12 + 16 * n > len)
		return NULL;
	for (i = 0; i < n; i++) {
		const unsigned char *r = d + 12 + 16 * i;

		for (j = 0; j < K__N; j++)
			if (memcmp(r, keep[j], 4) == 0) {
				off[j] = get32(r + 8);
				tlen[j] = get32(r + 12);
				if (off[j] > len || tlen[j] > len - off[j])
					return NULL;
				tab[j] = d + off[j];
			}
	}
	for (j = 0; j < K__N; j++)
		if (tab[j] == NULL && j != K_POST)
			return NULL;
	if (tlen[K_HEAD] < 54 || tlen[K_MAXP] < 6)
		return NULL;
	longloca = get16(tab[K_HEAD] + 50) != 0;
	ng = get16(tab[K_MAXP] + 4);
	if (tlen[K_LOCA] < (ng + 1) * (longloca ? 4 : 2))
		return NULL;

	/* glyf and loca anew */
	glyf = xmalloc(tlen[K_GLYF] + 4 * ng + 4);
	loca = xmalloc((ng + 1) * 4);
	for (i = 0, at = 0; i < ng; i++) {
		if (longloca) {
			s = get32(tab[K_LOCA] + 4 * i);
			e = get32(tab[K_LOCA] + 4 * i + 4);
			put32(loca + 4 * i, at);
		} else {
			s = 2 * (size_t)get16(tab[K_LOCA] + 2 * i);
			e = 2 * (size_t)get16(tab[K_LOCA] + 2 * i + 2);
			put16(loca + 2 * i, (unsigned)(at / 2));
		}
		if (e < s || e > tlen[K_GLYF] ||
		    (gl = glyph_plain(tab[K_GLYF] + s, e - s, glyf + at)) ==
		    (size_t)-1) {
			free(glyf);
			free(loca);
			return NULL;
		}
		at += gl;
		while (at % (longloca ? 4 : 2) != 0)
			glyf[at++] = 0;
	}
	if (longloca)
		put32(loca + 4 * ng, at);
	else
		put16(loca + 2 * ng, (unsigned)(at / 2));
	glen = at;

	/* the file: directory, then each table on a 4-byte boundary */
	*outlen = 12 + 16 * K__N;
	for (j = 0; j < K__N; j++)
		*outlen += (j == K_GLYF ? glen : j == K_LOCA ? (ng + 1) *
		    (longloca ? 4 : 2) : j == K_POST ? 32 : tlen[j]) + 3;
	out = xcalloc(*outlen, 1);
	memcpy(out, d, 4);		/* sfnt version */
	put16(out + 4, K__N);
	put16(out + 6, 128);		/* search range: 8 tables * 16 */
	put16(out + 8, 3);
	put16(out + 10, K__N * 16 - 128);
	at = 12 + 16 * K__N;
	for (j = 0; j < K__N; j++) {
		const unsigned char *src = tab[j];
		size_t l = tlen[j];

		if (j == K_GLYF)
			src = glyf, l = glen;
		else if (j == K_LOCA)
			src = loca, l = (ng + 1) * (longloca ? 4 : 2);
		else if (j == K_POST)
			l = 32;
		if (j == K_POST) {
			/* format 3: the header, no glyph names */
			if (src != NULL && tlen[j] >= 32)
				memcpy(out + at, src, 32);
			put32(out + at, 0x00030000ul);
		} else
			memcpy(out + at, src, l);
		if (j == K_HEAD)
			put32(out + at + 8, 0);	/* checksum adjustment */
		memcpy(out + 12 + 16 * j, keep[j], 4);
		put32(out + 12 + 16 * j + 4, table_sum(out + at, l));
		put32(out + 12 + 16 * j + 8, at);
		put32(out + 12 + 16 * j + 12, l);
		at += (l + 3) & ~(size_t)3;
	}
	*outlen = at;
	free(glyf);
	free(loca);
	return out;
}

/*
 * The copies embed_copy() made, kept for the process: a batch's worker,
 * simc watch and a report make document after document with the same
 * files.  A copy is used again while its file's device, inode, size and
 * modification time stay as they were.
 */
struct facecopy {
	char		*path;
	struct stat	 st;
	unsigned char	*data;
	size_t		 len;
};
static struct facecopy	 copies[8];
static size_t		 ncopies;
static pthread_mutex_t	 copies_lock = PTHREAD_MUTEX_INITIALIZER;

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/*
 * The copy of the file open as fd (st) at path, made when none is kept,
 * written into a new stream of mmgr (the copy is not copied again
 * first).  Returns the stream, or NULL: *nomem set when libharu could
 * not make it, else the file is not as embed_copy() expects.
 */
static HPDF_Stream
face_copy(const char *path, int fd, const struct stat *st, HPDF_MMgr mmgr,
    int *nomem)
{
	struct facecopy	*fc = NULL;
	unsigned char	*data, *copy = NULL, *from = NULL;
	size_t		 i, len = 0;
	HPDF_Stream	 out = NULL;

	pthread_mutex_lock(&copies_lock);
	for (i = 0; i < ncopies && fc == NULL; i++)
		if (strcmp(copies[i].path, path) == 0)
			fc = &copies[i];
	if (fc != NULL && !same_file(&fc->st, st)) {
		free(fc->data);
		fc->data = NULL;
	}
	if (fc != NULL && fc->data != NULL) {
		from = fc->data;
		len = fc->len;
	} else if ((data = mmap(NULL, (size_t)st->st_size, PROT_READ,
	    MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
		/* Mapped, not read: the copy touches only part of it. */
		from = copy = embed_copy(data, (size_t)st->st_size, &len);
		munmap(data, (size_t)st->st_size);
		if (copy != NULL && fc == NULL &&
		    ncopies < sizeof(copies) / sizeof(copies[0])) {
			fc = &copies[ncopies++];
			fc->path = xstrdup(path);
		}
		if (copy != NULL && fc != NULL) {
			fc->st = *st;
			fc->data = copy;
			fc->len = len;
			copy = NULL;	/* kept */
		}
	}
	/* libharu's stream calls report their errors, never raise them */
	if (from != NULL && ((out = HPDF_MemStream_New(mmgr, (HPDF_UINT)len)) ==
	    NULL || HPDF_Stream_Write(out, from, (HPDF_UINT)len) != HPDF_OK)) {
		if (out != NULL)
			HPDF_Stream_Free(out);
		out = NULL;
		*nomem = 1;
	}
	pthread_mutex_unlock(&copies_lock);
	free(copy);
	return out;
}

/*
 * Loads the face's file, as embed_copy() makes it, the way
 * HPDF_LoadTTFontFromFile does (the same subset tags, HPDFAA, HPDFAB,
 * ...).  Returns the font's name for HPDF_GetFont.
 */
static const char *
load_face(struct pfonts *pf, int face)
{
	HPDF_FontDef	 def;
	HPDF_Stream	 st = NULL;
	HPDF_STATUS	 rc;
	char		 path[PATH_MAX];	/* not on the heap: libharu's
						   errors jump past any free */
	struct stat	 st_;
	int		 i, fd, nomem = 0;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", pf->fontdir,
	    pf->files[face]) >= sizeof(path))
		fail(pf, HPDF_FILE_OPEN_ERROR);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st_) == 0 && S_ISREG(st_.st_mode) &&
		    st_.st_size > 0 && st_.st_size < (64 << 20))
			st = face_copy(path, fd, &st_, pf->doc->mmgr,
			    &nomem);
		close(fd);
	}
	if (nomem)
		fail(pf, 0);
	if (st == NULL)
		return HPDF_LoadTTFontFromFile(pf->doc, path, HPDF_TRUE);
	if ((def = HPDF_TTFontDef_Load(pf->doc->mmgr, st, HPDF_TRUE)) == NULL)
		fail(pf, pf->doc->error.error_no);	/* and st is freed */
	if ((rc = HPDF_Doc_RegisterFontDef(pf->doc, def)) != HPDF_OK)
		fail(pf, rc);	/* and def is freed */
	if (pf->tag[0] == '\0')
		memcpy(pf->tag, "HPDFAA", 7);
	else
		for (i = 5; i >= 0 && ++pf->tag[i] > 'Z'; i--)
			pf->tag[i] = 'A';
	HPDF_TTFontDef_SetTagName(def, pf->tag);
	return def->base_font;
}

void
pfonts_load(struct pfonts *pf, unsigned faces)
{
	size_t	 f;

	if (pf->ea == NULL)
		setup(pf);
	for (f = 0; f < pf->nfaces; f++)
		if ((faces & (1u << f)) && pf->loaded[f] == NULL)
			pf->loaded[f] = load_face(pf, (int)f);
}

HPDF_Font
pfonts_font(struct pfonts *pf, int face)
{
	if (pf->font[face] != NULL)
		return pf->font[face];
	pfonts_load(pf, 1u << face);
	pf->font[face] = HPDF_GetFont(pf->doc, pf->loaded[face], ENCODER);
	return pf->font[face];
}

/* The width of character k in the face, measured once (libharu marks
 * the glyph as used, for the embedded subset). */
static unsigned
char_width(struct pfonts *pf, int face, size_t k)
{
	HPDF_INT16	*w = pf->width[face];
	HPDF_FontAttr	 fa;

	if (w[k] < 0) {
		fa = pfonts_font(pf, face)->attr;
		w[k] = HPDF_TTFontDef_GetCharWidth(fa->fontdef, pf->chars[k]);
		if (w[k] < 0)
			w[k] = 0;
	}
	return (unsigned)w[k];
}

/* The width of ASCII byte c in face, from a table by byte: most text. */
static inline unsigned long
ascii_width(struct pfonts *pf, int face, unsigned char c)
{
	HPDF_INT16	*w = &pf->ascii[face][c];

	if (*w < 0)
		*w = (HPDF_INT16)char_width(pf, face, char_index(pf, c));
	return (unsigned long)*w;
}

/* The next character of s[0..len): its number, and its length in *adv
 * (invalid bytes are skipped one by one, as libharu does). */
static int
next_char(struct pfonts *pf, const unsigned char *s, size_t len,
    size_t *adv, size_t *k)
{
	unsigned	 cp;

	if ((*adv = utf8_decode(s, len, &cp)) == 0) {
		*adv = 1;
		return 0;
	}
	*k = char_index(pf, cp);
	return 1;
}

unsigned long
pfonts_units(struct pfonts *pf, int face, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned long		 units = 0;
	size_t			 i, adv, k;

	pfonts_font(pf, face);
	for (i = 0; i < len; i += adv) {
		if (u[i] < 0x80) {	/* most text: a table by byte */
			units += ascii_width(pf, face, u[i]);
			adv = 1;
		} else if (next_char(pf, u + i, len - i, &adv, &k))
			units += char_width(pf, face, k);
	}
	return units;
}

/*
 * "(codes) Tj" for the n bytes of codes, into out (room for 2 n + 5):
 * a literal string, the bytes themselves, two a character, where
 * libharu writes four hexadecimal digits; only the delimiters, the
 * backslash and the ends of line (which a reader would take for a
 * newline) are escaped.  A page's text is most of its content, so this
 * is about a third less to deflate and to read.
 */
static size_t
literal(char *out, const char *codes, size_t n)
{
	size_t	 i, k = 0;
	char	 c;

	out[k++] = '(';
	for (i = 0; i < n; i++) {
		c = codes[i];
		if (c == '(' || c == ')' || c == '\\') {
			out[k++] = '\\';
			out[k++] = c;
		} else if (c == '\r' || c == '\n') {
			out[k++] = '\\';
			out[k++] = c == '\r' ? 'r' : 'n';
		} else
			out[k++] = c;
	}
	memcpy(out + k, ") Tj\012", 5);
	return k + 5;
}

/*
 * HPDF_Page_TextOut(pg, x, y, pf->buf) for the n bytes of pf->buf,
 * units wide (in the page's current face and size), as libharu 2.3.0
 * does it (hpdf_page_operator.c: TextOut, ShowText, InternalWriteText),
 * less the width it would measure again (HPDF_Page_TextWidth: 5% of a
 * build, for the text position only; the widths are libharu's own, see
 * char_width) and with the string written as literal().  The text
 * matrix is the one BeginText sets, but moved.
 */
static void
text_out(struct pfonts *pf, HPDF_Page pg, float x, float y,
    unsigned long units, size_t n)
{
	HPDF_PageAttr		 a = (HPDF_PageAttr)pg->attr;
	HPDF_TransMatrix	 m = a->text_matrix;
	HPDF_REAL		 rx, ry, tw;
	HPDF_STATUS		 rc;

	if (m.a == 0) {
		rx = (y - m.y - (x - m.x) * m.d / m.c) / m.b;
		ry = (x - m.x) / m.c;
	} else {
		ry = (y - m.y - (x - m.x) * m.b / m.a) / (m.d - m.c * m.b /
		    m.a);
		rx = (x - m.x - ry * m.c) / m.a;
	}
	if (HPDF_Page_MoveTextPos(pg, rx, ry) != HPDF_OK)
		return;
	if (a->gstate->font == NULL) {
		HPDF_RaiseError(pg->error, HPDF_PAGE_FONT_NOT_FOUND, 0);
		return;
	}
	tw = (HPDF_REAL)units * a->gstate->font_size / 1000;
	if (tw == 0)
		return;
	if ((rc = HPDF_Stream_Write(a->stream, (HPDF_BYTE *)pf->lit,
	    (HPDF_UINT)literal(pf->lit, pf->buf, n))) != HPDF_OK)
		fail(pf, rc);
	if (a->gstate->writing_mode == HPDF_WMODE_HORIZONTAL) {
		a->text_pos.x += tw * a->text_matrix.a;
		a->text_pos.y += tw * a->text_matrix.b;
	} else {
		a->text_pos.x -= tw * a->text_matrix.b;
		a->text_pos.y -= tw * a->text_matrix.a;
	}
}

void
pfonts_text(struct pfonts *pf, HPDF_Page pg, int face, float size, float x,
    float y, const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n, adv, k;
	unsigned long		 units;
	unsigned		 code;

	pfonts_font(pf, face);
	while (i < len) {
		for (n = 0, units = 0; i < len && n < 2 * PIECE; i += adv) {
			if (u[i] < 0x80) {	/* as pfonts_units */
				k = char_index(pf, u[i]);
				units += ascii_width(pf, face, u[i]);
				adv = 1;
			} else if (next_char(pf, u + i, len - i, &adv, &k))
				units += char_width(pf, face, k);
			else
				continue;
			code = code_of(k);
			pf->buf[n++] = (char)(code >> 8);
			pf->buf[n++] = (char)(code & 0xff);
		}
		pf->buf[n] = '\0';
		if (n > 0)
			text_out(pf, pg, x, y, units, n);
		x += (float)units * size / 1000.0f;
	}
}

/* The W array: the width of each character the face used, in runs of
 * consecutive codes. */
static void
put_widths(struct pfonts *pf, int face, HPDF_FontAttr fa)
{
	HPDF_Dict	 cid = fa->descendant_font;
	HPDF_Array	 w, run = NULL;
	HPDF_STATUS	 rc = HPDF_OK;
	unsigned	 code, prev = 0;
	size_t		 k;

	if ((w = HPDF_Dict_GetItem(cid, "W", HPDF_OCLASS_ARRAY)) != NULL)
		HPDF_Array_Clear(w);
	else if ((w = HPDF_Array_New(cid->mmgr)) == NULL ||
	    (rc = HPDF_Dict_Add(cid, "W", w)) != HPDF_OK)
		fail(pf, rc);
	for (k = 0; k < pf->n; k++) {
		if (pf->width[face][k] < 0)
			continue;
		code = code_of(k);
		if (run == NULL || code != prev + 1) {
			rc += HPDF_Array_AddNumber(w, (HPDF_INT32)code);
			if ((run = HPDF_Array_New(cid->mmgr)) == NULL)
				fail(pf, 0);
			rc += HPDF_Array_Add(w, run);
		}
		rc += HPDF_Array_AddNumber(run, pf->width[face][k]);
		prev = code;
		if (rc != HPDF_OK)
			fail(pf, rc);
	}
}

/* CIDToGIDMap: two bytes a code, up to the face's highest. */
static void
put_glyph_map(struct pfonts *pf, int face, HPDF_FontAttr fa)
{
	HPDF_BYTE	*map;
	HPDF_UINT16	 gid;
	HPDF_STATUS	 rc;
	size_t		 k, size = 0;
	unsigned	 code;

	if (fa->map_stream == NULL)
		return;
	for (k = 0; k < pf->n; k++)
		if (pf->width[face][k] >= 0)
			size = 2 * ((size_t)code_of(k) + 1);
	map = xcalloc(size ? size : 1, 1);
	for (k = 0; k < pf->n; k++)
		if (pf->width[face][k] >= 0) {
			code = code_of(k);
			gid = HPDF_TTFontDef_GetGlyphid(fa->fontdef,
			    pf->chars[k]);
			map[2 * code] = (HPDF_BYTE)(gid >> 8);
			map[2 * code + 1] = (HPDF_BYTE)gid;
		}
	HPDF_MemStream_FreeData(fa->map_stream->stream);
	rc = HPDF_Stream_Write(fa->map_stream->stream, map, (HPDF_UINT)size);
	free(map);
	if (rc != HPDF_OK)
		fail(pf, rc);
}

/* ToUnicode: each code the face used and its character. */
static void
put_tounicode(struct pfonts *pf, int face, HPDF_FontAttr fa)
{
	static const char *const keys[] = { "Type", "CMapName",
	    "CIDSystemInfo", "WMode" };
	HPDF_Dict	 cm = fa->cmap_stream;
	struct buf	 b = { 0 };
	size_t		 k, i, used = 0, block;
	HPDF_STATUS	 rc;

	if (cm == NULL)
		return;
	for (k = 0; k < pf->n; k++)
		used += pf->width[face][k] >= 0;
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (k = 0, block = 0; k < pf->n; k++) {
		if (pf->width[face][k] < 0)
			continue;
		if (block == 0)
			buf_printf(&b, "%zu beginbfchar\n",
			    used < 100 ? used : 100);
		buf_printf(&b, "<%04X> <%04X>\n", code_of(k),
		    (unsigned)pf->chars[k]);
		used--;
		if (++block == 100 || used == 0) {
			buf_puts(&b, "endbfchar\n");
			block = 0;
		}
	}
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	/* The keys of an encoding CMap, which a ToUnicode map has not. */
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		HPDF_Dict_RemoveElement(cm, keys[i]);
	HPDF_MemStream_FreeData(cm->stream);
	rc = HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	buf_free(&b);
	if (rc != HPDF_OK)
		fail(pf, rc);
}

/*
 * The face's file as libharu holds it, when it is the copy embed_copy()
 * made (one buffer of memory); NULL when libharu read the file itself.
 */
static HPDF_BYTE *
face_data(HPDF_TTFontDefAttr ta, HPDF_UINT *len)
{
	if (ta->stream == NULL || ta->stream->type != HPDF_STREAM_MEMORY ||
	    HPDF_MemStream_GetBufCount(ta->stream) != 1)
		return NULL;
	return HPDF_MemStream_GetBufPtr(ta->stream, 0, len);
}

/* Glyph g's bytes in d[0..len): *at to *end, or 0. */
static int
glyph_at(HPDF_TTFontDefAttr ta, size_t g, size_t len, size_t *at,
    size_t *end)
{
	size_t	 m = ta->header.index_to_loc_format == 0 ? 2 : 1;

	*at = ta->glyph_tbl.base_offset + ta->glyph_tbl.offsets[g] * m;
	*end = ta->glyph_tbl.base_offset + ta->glyph_tbl.offsets[g + 1] * m;
	return *at <= *end && *end <= len;
}

/*
 * The glyphs the subset holds (by glyph, 1: kept): those drawn, as
 * libharu marked them, the .notdef glyph, and the components of the
 * composite ones among them, four levels deep.
 */
static unsigned char *
glyph_keep(HPDF_TTFontDefAttr ta, const HPDF_BYTE *d, size_t len)
{
	size_t		 ng = ta->num_glyphs, g, at, end;
	unsigned	 flags, pass;
	unsigned char	*keep = xcalloc(ng ? ng : 1, 1);

	memcpy(keep, ta->glyph_tbl.flgs, ng);
	keep[0] = 1;
	for (pass = 0; pass < 4; pass++)
		for (g = 0; g < ng; g++) {
			if (!keep[g] || !glyph_at(ta, g, len, &at, &end) ||
			    at + 10 > end || (short)get16(d + at) >= 0)
				continue;
			for (at += 10; at + 4 <= end; ) {
				flags = get16(d + at);
				if (get16(d + at + 2) < ng)
					keep[get16(d + at + 2)] = 1;
				at += 4 + (flags & 0x0001 ? 4 : 2) +
				    (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 :
				    flags & 0x0080 ? 8 : 0);
				if (!(flags & 0x0020))
					break;
			}
		}
	return keep;
}

/*
 * The face's subset, from the copy d[0..len) (embed_copy() made it, its
 * tables in that order): every table as it is but glyf, which holds only
 * the kept glyphs (the others empty), loca, which says so, and hmtx,
 * whose metrics of the glyphs left out are zeroed (4.7 KB a face,
 * deflated, to a few hundred bytes; the widths in the PDF come from the
 * W array).  The same subset as libharu's HPDF_TTFontDef_SaveFontData,
 * which reads the copy four bytes at a time (200,000 reads, 10 M
 * instructions, for acme's three faces).  Returns the file (caller
 * frees), or NULL when the copy is not as expected.
 */
static unsigned char *
subset(HPDF_TTFontDefAttr ta, const unsigned char *keep,
    const unsigned char *d, size_t len, size_t *outlen)
{
	size_t		 nt, ng = ta->num_glyphs, nh = ta->num_h_metric;
	size_t		 m = ta->header.index_to_loc_format == 0 ? 2 : 1;
	size_t		 i, g, at, end, off, tl, o, cap, glyf = 0, head = 0;
	unsigned char	*out, *r;

	if (len < 12 || (nt = get16(d + 4)) == 0 || 12 + 16 * nt > len)
		return NULL;
	cap = len + 4 * nt;
	out = xcalloc(cap, 1);
	memcpy(out, d, 12);
	o = 12 + 16 * nt;
	for (i = 0; i < nt; i++) {
		r = out + 12 + 16 * i;
		memcpy(r, d + 12 + 16 * i, 16);
		off = get32(r + 8);
		tl = get32(r + 12);
		if (off > len || tl > len - off)
			goto bad;
		put32(r + 8, o);
		if (memcmp(r, "glyf", 4) == 0) {
			glyf = o;
			for (g = 0; g < ng; g++) {
				if (!glyph_at(ta, g, len, &at, &end) ||
				    end - at > cap - o)
					goto bad;
				if (keep[g]) {
					memcpy(out + o, d + at, end - at);
					o += end - at;
				}
			}
			tl = o - glyf;
		} else if (memcmp(r, "loca", 4) == 0) {
			tl = (ng + 1) * (4 / m);
			/* glyf comes first; short offsets are halves */
			if (glyf == 0 || tl > cap - o || o - glyf > 0x1fffe)
				goto bad;
			for (g = 0, at = 0; g <= ng; g++) {
				if (m == 2)
					put16(out + o + 2 * g,
					    (unsigned)(at / 2));
				else
					put32(out + o + 4 * g, at);
				if (g < ng && keep[g] &&
				    glyph_at(ta, g, len, &off, &end))
					at += end - off;
			}
		} else {
			if (tl > cap - o)
				goto bad;
			memcpy(out + o, d + off, tl);
			if (memcmp(r, "head", 4) == 0 && tl >= 12) {
				head = o;
				put32(out + o + 8, 0);
			}
			if (memcmp(r, "hmtx", 4) == 0 && nh > 0 && nh <= ng &&
			    4 * nh + 2 * (ng - nh) <= tl)
				for (g = 0; g < ng; g++)
					if (!keep[g])
						memset(out + o + (g < nh ?
						    4 * g : 4 * nh + 2 *
						    (g - nh)), 0, g < nh ?
						    4 : 2);
		}
		put32(r + 12, tl);
		put32(r + 4, table_sum(out + o, tl));
		o += (tl + 3) & ~(size_t)3;
		if (o > cap)
			goto bad;
	}
	if (head == 0)
		goto bad;
	put32(out + head + 8, (0xb1b0afbaul - table_sum(out, o)) &
	    0xfffffffful);
	*outlen = o;
	return out;
bad:
	free(out);
	return NULL;
}

/*
 * The face's descriptor and file, made now rather than at the save, so
 * that the file is deflated with the pages (pdfpage_finish) at
 * pdfpage.c's level, not at libharu's level 6 as it writes it.
 * libharu's own before_write_fn (CIDFontType2_BeforeWrite_Func) makes
 * the descriptor, with the font's embedding off so that it leaves the
 * file to subset(); then it is taken off: at the save it would only name
 * the same BaseFont and descriptor again (2.3.0 makes them only when the
 * fontdef has no descriptor).  A face libharu read from its file itself
 * is written by libharu.
 */
static void
make_file(struct pfonts *pf, int face)
{
	HPDF_Font		 font = pf->font[face];
	HPDF_FontAttr		 fa = font->attr;
	HPDF_TTFontDefAttr	 ta = fa->fontdef->attr;
	HPDF_Dict		 file;
	HPDF_BYTE		*d;
	HPDF_UINT		 len;
	HPDF_STATUS		 rc;
	unsigned char		*keep, *sub = NULL;
	size_t			 sublen = 0;

	if (font->before_write_fn == NULL)
		return;
	if ((d = face_data(ta, &len)) != NULL) {
		keep = glyph_keep(ta, d, len);
		sub = subset(ta, keep, d, len, &sublen);
		free(keep);
	}
	if (sub != NULL && fa->fontdef->descriptor == NULL)
		ta->embedding = HPDF_FALSE;
	rc = font->before_write_fn(font);
	ta->embedding = HPDF_TRUE;
	font->before_write_fn = NULL;
	if (rc != HPDF_OK || sub == NULL) {
		free(sub);
		if (rc != HPDF_OK)
			fail(pf, rc);
		return;
	}
	if ((file = HPDF_DictStream_New(pf->doc->mmgr, fa->xref)) == NULL ||
	    (rc = HPDF_Stream_Write(file->stream, sub, (HPDF_UINT)sublen)) !=
	    HPDF_OK ||
	    (rc = HPDF_Dict_AddNumber(file, "Length1", (HPDF_UINT32)sublen)) !=
	    HPDF_OK ||
	    (rc = HPDF_Dict_Add(fa->fontdef->descriptor, "FontFile2", file)) !=
	    HPDF_OK) {
		free(sub);
		fail(pf, file == NULL ? 0 : rc);
	}
	free(sub);
	file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
}

/* A font's object number, the order libharu writes objects in. */
static HPDF_UINT32
obj_number(HPDF_Font font)
{
	return font->header.obj_id & 0x00FFFFFF;
}

void
pfonts_finish(struct pfonts *pf)
{
	HPDF_Font	 font, next;
	HPDF_UINT32	 last = 0;
	size_t		 f, nf = 0;

	for (f = 0; f < pf->nfaces; f++)
		if ((font = pf->font[f]) != NULL) {
			put_widths(pf, (int)f, font->attr);
			put_glyph_map(pf, (int)f, font->attr);
			put_tounicode(pf, (int)f, font->attr);
		}
	/*
	 * The files in the order of the faces' objects, as the save would
	 * make them: their new objects get the numbers they got there.
	 */
	for (;;) {
		next = NULL;
		for (f = 0; f < pf->nfaces; f++)
			if ((font = pf->font[f]) != NULL &&
			    obj_number(font) > last && (next == NULL ||
			    obj_number(font) < obj_number(next))) {
				next = font;
				nf = f;
			}
		if (next == NULL)
			break;
		last = obj_number(next);
		make_file(pf, (int)nf);
	}
}

unsigned
pfonts_used(const struct pfonts *pf)
{
	unsigned	 used = 0;
	size_t		 f;

	for (f = 0; f < pf->nfaces; f++)
		if (pf->font[f] != NULL)
			used |= 1u << f;
	return used;
}
