/*
 * hyphen.c: the format-free part of the layout engine (hyphen.h).
 * Line breaking inside words: the cuts a typesetter allows (after a
 * hyphen, slash or dash of the text; at a hyphenation point of the
 * document's language, from libhyphen and Debian's patterns) and, for a
 * word wider than its box with no such point, a cut with a visible
 * hyphen.  Never a cut without a hyphen that the text did not have.
 */
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "hyphen.h"
#include "util.h"

#define HY_DIR		"/usr/share/hyphen"
#define HY_MAXLANG	16
#define HY_MINWORD	5	/* letters */
#define HY_MAXWORD	99	/* bytes: libhyphen's MAX_CHARS */

struct hydict {
	char		 lang[8];
	HyphenDict	*dict;		/* NULL: no patterns */
	int		 latin1;	/* ISO8859-1: code points as bytes */
	iconv_t		 cd;		/* other 8-bit sets, or (iconv_t)-1 */
};

static struct hydict	 dicts[HY_MAXLANG];
static size_t		 ndicts;
static pthread_mutex_t	 hy_lock = PTHREAD_MUTEX_INITIALIZER;

/* The file names of a language's patterns, most wanted first. */
static HyphenDict *
hy_open(const char *lang)
{
	static const char *const region[][3] = {
		{ "en", "en_US", "en_GB" }, { "cs", "cs_CZ", "cs" },
		{ "sl", "sl_SI", "sl" }, { "de", "de_DE", "de" },
		{ "hr", "hr_HR", "hr" }, { "hu", "hu_HU", "hu" },
		{ "it", "it_IT", "it" }, { "pl", "pl_PL", "pl" },
	};
	HyphenDict	*d = NULL;
	char		 path[64];
	size_t		 i, j;

	for (i = 0; i < sizeof(region) / sizeof(region[0]) && d == NULL; i++)
		if (strcmp(region[i][0], lang) == 0)
			for (j = 1; j < 3 && d == NULL; j++) {
				snprintf(path, sizeof(path), "%s/hyph_%s.dic",
				    HY_DIR, region[i][j]);
				d = hnj_hyphen_load(path);
			}
	return d;
}

/* The patterns of lang, loaded on first use; call with hy_lock held. */
static struct hydict *
hy_dict(const char *lang)
{
	struct hydict	*h;
	size_t		 i;

	for (i = 0; i < ndicts; i++)
		if (strcmp(dicts[i].lang, lang) == 0)
			return &dicts[i];
	if (ndicts == HY_MAXLANG || strlen(lang) >= sizeof(h->lang))
		return NULL;
	h = &dicts[ndicts++];
	memset(h, 0, sizeof(*h));
	snprintf(h->lang, sizeof(h->lang), "%s", lang);
	h->cd = (iconv_t)-1;
	if ((h->dict = hy_open(lang)) != NULL && !h->dict->utf8) {
		if (strcmp(h->dict->cset, "ISO8859-1") == 0)
			h->latin1 = 1;
		else if ((h->cd = iconv_open(h->dict->cset, "UTF-8")) ==
		    (iconv_t)-1) {
			hnj_hyphen_free(h->dict);
			h->dict = NULL;
		}
	}
	return h;
}

/* Decodes the UTF-8 character at s (n bytes left); *k gets its length. */
static unsigned
u8dec(const unsigned char *s, size_t n, size_t *k)
{
	if (s[0] < 0x80 || n < 2) {
		*k = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*k = 2;
		return ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
	}
	if ((s[0] & 0xf0) == 0xe0 && n >= 3) {
		*k = 3;
		return ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
		    (s[2] & 0x3fu);
	}
	for (*k = 1; *k < n && (s[*k] & 0xc0) == 0x80; (*k)++)
		continue;
	return 0xfffd;
}

static size_t
u8enc(unsigned c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	o[0] = (char)(0xe0 | (c >> 12));
	o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

/* Letters of the Latin scripts of the label languages. */
static int
is_letter(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7);
}

static int
is_upper(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return 1;
	if (c >= 0xc0 && c <= 0xde)
		return c != 0xd7;
	if (c >= 0x100 && c <= 0x17f) {
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return c % 2 == 1;
		return c != 0x138 && c != 0x149 && c != 0x17f && c % 2 == 0;
	}
	return 0;
}

static unsigned
to_lower(unsigned c)
{
	if (c == 0x178)
		return 0xff;
	if (!is_upper(c))
		return c;
	return c < 0x100 ? c + 0x20 : c + 1;
}

/* Hyphenates one run of letters, s[0..n), nch characters. */
static void
hy_run(struct hydict *h, const char *s, size_t n, size_t nch, char *pts)
{
	char		 low[HY_MAXWORD * 2 + 8], enc[HY_MAXWORD + 8];
	char		 hy[HY_MAXWORD * 2 + 8];
	char		**rep = NULL, *in, *out;
	int		*pos = NULL, *cut = NULL;
	size_t		 i, k, ln = 0, en, inl, outl, ci;
	unsigned	 c;

	for (i = 0; i < n; i += k) {
		c = to_lower(u8dec((const unsigned char *)s + i, n - i, &k));
		if (h->dict->utf8)
			ln += u8enc(c, low + ln);
		else if (h->latin1) {
			if (c > 0xff)
				return;
			low[ln++] = (char)c;
		} else
			ln += u8enc(c, low + ln);
	}
	if (h->dict->utf8 || h->latin1) {
		memcpy(enc, low, ln);
		en = ln;
	} else {
		in = low;
		inl = ln;
		out = enc;
		outl = sizeof(enc) - 1;
		iconv(h->cd, NULL, NULL, NULL, NULL);
		if (iconv(h->cd, &in, &inl, &out, &outl) == (size_t)-1)
			return;
		en = (size_t)(out - enc);
		if (en != nch)
			return;
	}
	enc[en] = '\0';
	memset(hy, 0, sizeof(hy));
	if (hnj_hyphen_hyphenate3(h->dict, enc, (int)en, hy, NULL, &rep, &pos,
	    &cut, 2, 3, 2, 3) != 0)
		goto done;
	/* The points count characters (libhyphen converts a UTF-8
	 * dictionary's byte positions to characters). */
	for (i = 0, ci = 0; i < n; i += k, ci++) {
		u8dec((const unsigned char *)s + i, n - i, &k);
		if (ci + 1 < nch && (hy[ci] & 1) && (rep == NULL ||
		    rep[ci] == NULL))
			pts[i + k - 1] = 1;
	}
done:
	if (rep != NULL) {
		for (i = 0; i < en; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

void
lay_hyphen_points(const char *lang, const char *w, size_t len, char *pts)
{
	struct hydict	*h;
	size_t		 i, k, start, nch, up;
	unsigned	 c, prev = 0;

	memset(pts, 0, len);
	if (lang == NULL || len < HY_MINWORD)
		return;
	pthread_mutex_lock(&hy_lock);
	if ((h = hy_dict(lang)) == NULL || h->dict == NULL)
		goto out;
	for (i = 0; i < len;) {
		c = u8dec((const unsigned char *)w + i, len - i, &k);
		if (!is_letter(c)) {
			prev = c;
			i += k;
			continue;
		}
		/* A run of letters, not next to a digit. */
		start = i;
		nch = up = 0;
		while (i < len) {
			c = u8dec((const unsigned char *)w + i, len - i, &k);
			if (!is_letter(c))
				break;
			up += is_upper(c);
			nch++;
			i += k;
		}
		if ((prev >= '0' && prev <= '9') || (i < len && w[i] >= '0' &&
		    w[i] <= '9'))
			continue;
		if (nch >= HY_MINWORD && i - start <= HY_MAXWORD && up < 2)
			hy_run(h, w + start, i - start, nch, pts + start);
	}
out:
	pthread_mutex_unlock(&hy_lock);
}

/* A character after which the text itself may break: hyphen, slash,
 * en and em dash. */
static int
is_break_after(const char *s, size_t k)
{
	if (k == 1)
		return *s == '-' || *s == '/';
	return k == 3 && memcmp(s, "\xe2\x80", 2) == 0 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94 ||
	    (unsigned char)s[2] == 0x90);
}

size_t
lay_cut(const char *lang, const char *w, size_t len, float avail,
    int forced, lay_width_fn width, void *arg, int *hyphen, float *pw)
{
	char		 pts[HY_MAXWORD + 1];
	int		 haspts = 0;
	float		 hw = width(arg, "-", 1), acc = 0, cw;
	float		 bestw = 0, forcew = 0;
	size_t		 i, k, best = 0, forcei = 0, nch = 0, total = 0;
	int		 besthy = 0;

	if (len <= HY_MAXWORD) {
		lay_hyphen_points(lang, w, len, pts);
		haspts = 1;
		for (i = 0; i < len; i += k, total++)
			u8dec((const unsigned char *)w + i, len - i, &k);
	} else
		total = len;	/* long enough: no point is near its end */
	for (i = 0; i < len; i += k) {
		u8dec((const unsigned char *)w + i, len - i, &k);
		cw = width(arg, w + i, k);
		if (acc + cw > avail && nch > 0)
			break;
		acc += cw;
		nch++;
		if (i + k >= len)
			break;
		/* After a hyphen of the text: two characters on each
		 * side at least. */
		if (is_break_after(w + i, k) && nch >= 2 && total - nch >= 2) {
			best = i + k;
			bestw = acc;
			besthy = 0;
		} else if (haspts && pts[i + k - 1] && acc + hw <= avail) {
			best = i + k;
			bestw = acc;
			besthy = 1;
		}
		if (acc + hw <= avail || forcei == 0) {
			forcei = i + k;
			forcew = acc;
		}
	}
	if (best == 0 && forced) {
		if (forcei == 0) {	/* one character, at least */
			u8dec((const unsigned char *)w, len, &k);
			forcei = k < len ? k : len;
			forcew = width(arg, w, forcei);
		}
		best = forcei;
		bestw = forcew;
		/* A cut after a hyphen of the text needs no other. */
		besthy = !(best >= 1 && (w[best - 1] == '-' ||
		    w[best - 1] == '/'));
	}
	*hyphen = besthy;
	*pw = bestw;
	return best;
}
