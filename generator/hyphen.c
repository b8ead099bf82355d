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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "hyphen.h"
#include "util.h"

#define HY_DIR		"/usr/share/hyphen"
#define HY_MAXLANG	16
#define HY_MINWORD	5	/* letters */
#define HY_MAXWORD	99	/* bytes: libhyphen's MAX_CHARS */
#define HY_MAXFILE	(8u << 20)
#define HY_MAXLINE	100	/* libhyphen's line buffer */

/*
 * The patterns are Debian's (hyphen-* packages), in the format of
 * libhyphen (ALTLinux's libhnj, README.hyphen), and are read and run
 * here, the way libhyphen 2.8.8 reads and runs them: its loader keeps
 * the automaton's states in a hash table of 31,627 chains whose hash
 * groups these keys badly, so that a load grows with the square of the
 * file (measured: en_US 17 ms, hu_HU 250 ms, de_DE 3.6 s, for every
 * process that hyphenates German).  Here the states are a trie in an
 * open hash table, loaded in linear time (de_DE in some 15 ms), and a
 * word goes through the same automaton (each state's longest proper
 * suffix as its fallback, the match of the state reached applied), the
 * same compound levels (NEXTLEVEL), non-standard patterns and
 * hyphenmins.  tests/hyphen compares the points with libhyphen's own,
 * word by word, in every label language.
 */
struct hypat {
	size_t		 match;		/* in digits: as libhyphen keeps them */
	int		 mlen;
	int		 repl;		/* non-standard (discretionary) pattern */
	int		 replindex, replcut;
};

struct hystate {
	int32_t		 parent, fail, pat;	/* pat: -1, none */
	unsigned char	 ch, depth;
};

struct hylevel {
	uint64_t	*keys;		/* (state << 8 | byte) + 1; 0: free */
	int32_t		*to;		/* the state a key goes to */
	size_t		 mask, used;
	int		 shift;		/* 64 - log2(slots) */
	struct hystate	*st;
	size_t		 n, cap;
	struct hypat	*pats;
	size_t		 npats, cappats;
	char		*digits;	/* the matches, each ending in NUL */
	size_t		 ndigits, capdigits;
	int		 lhmin, rhmin, clhmin, crhmin;
};

struct hypatterns {
	int		 utf8;
	char		 cset[20];
	struct hylevel	 lv[2];		/* compounds, then words */
	int		 lhmin, rhmin, clhmin, crhmin;
};

struct hydict {
	char		 lang[8];
	struct hypatterns *hp;		/* NULL: no patterns */
	int		 latin1;	/* ISO8859-1: code points as bytes */
	iconv_t		 cd;		/* other 8-bit sets, or (iconv_t)-1 */
};

static struct hydict	 dicts[HY_MAXLANG];
static size_t		 ndicts;
static pthread_mutex_t	 hy_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t
slot_of(const struct hylevel *lv, uint64_t key)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> lv->shift);
}

/* The state that state s goes to by byte c, or -1. */
static int32_t
hy_next(const struct hylevel *lv, int32_t s, unsigned char c)
{
	uint64_t	 key = ((uint64_t)s << 8 | c) + 1;
	size_t		 i;

	for (i = slot_of(lv, key); lv->keys[i] != 0; i = (i + 1) & lv->mask)
		if (lv->keys[i] == key)
			return lv->to[i];
	return -1;
}

static int32_t
hy_new_state(struct hylevel *lv, int32_t parent, unsigned char c)
{
	struct hystate	*t;

	xgrow(&lv->st, &lv->cap, lv->n + 1, sizeof(*lv->st));
	t = &lv->st[lv->n];
	t->parent = parent;
	t->fail = -1;
	t->pat = -1;
	t->ch = c;
	t->depth = parent >= 0 ? (unsigned char)(lv->st[parent].depth + 1) :
	    0;
	return (int32_t)lv->n++;
}

/* Doubles the table, or makes its first, with state 0, for about want
 * states (and their array). */
static void
hy_rehash(struct hylevel *lv, size_t want)
{
	uint64_t	*okeys = lv->keys;
	int32_t		*oto = lv->to;
	size_t		 on = okeys ? lv->mask + 1 : 0, nn = 2 * on, i, j;

	if (okeys == NULL) {
		xgrow(&lv->st, &lv->cap, want + 1, sizeof(*lv->st));
		hy_new_state(lv, -1, 0);
		for (nn = 4096; nn < 2 * want; nn *= 2)
			continue;
	}
	lv->mask = nn - 1;
	for (lv->shift = 64, i = lv->mask; i > 0; i >>= 1)
		lv->shift--;
	lv->keys = xcalloc(lv->mask + 1, sizeof(*lv->keys));
	lv->to = xmalloc((lv->mask + 1) * sizeof(*lv->to));
	for (i = 0; i < on; i++)
		if (okeys[i] != 0) {
			for (j = slot_of(lv, okeys[i]); lv->keys[j] != 0;
			    j = (j + 1) & lv->mask)
				continue;
			lv->keys[j] = okeys[i];
			lv->to[j] = oto[i];
		}
	free(okeys);
	free(oto);
}

/* The state parent goes to by c, made if need be. */
static int32_t
hy_state(struct hylevel *lv, int32_t parent, unsigned char c)
{
	uint64_t	 key = ((uint64_t)parent << 8 | c) + 1;
	size_t		 i;

	if ((lv->used + 1) * 2 > lv->mask + 1)
		hy_rehash(lv, 0);
	for (i = slot_of(lv, key); lv->keys[i] != 0; i = (i + 1) & lv->mask)
		if (lv->keys[i] == key)
			return lv->to[i];
	lv->keys[i] = key;
	lv->used++;
	return lv->to[i] = hy_new_state(lv, parent, c);
}

static int
hy_keyword(const char *buf, const char *kw, int *v)
{
	size_t	 n = strlen(kw);

	if (strncmp(buf, kw, n) != 0)
		return 0;
	*v = atoi(buf + n);
	return 1;
}

/*
 * The word of the line read before, and the state after each of its
 * first bytes: the files are sorted, and a word shares about two thirds
 * of its bytes with the one before, whose states need not be looked up
 * again.
 */
struct hyprev {
	char		 w[HY_MAXLINE];
	int32_t		 path[HY_MAXLINE];	/* [k]: after k bytes */
	size_t		 n;
};

/* One line of a pattern file, read as libhyphen's hnj_hyphen_load_line
 * reads it (buf is changed). */
static void
hy_line(struct hylevel *lv, struct hyprev *pv, int utf8, char *buf)
{
	char		 word[HY_MAXLINE], pattern[HY_MAXLINE];
	char		*repl, *idx, *idx2;
	signed char	 replindex = 0, replcut = 0;
	struct hypat	*pt;
	int		 i, j = 0, pu, ps;
	size_t		 pc, wl, k;
	int32_t		 s;

	if (buf[0] >= 'A' && buf[0] <= 'Z' &&
	    (hy_keyword(buf, "LEFTHYPHENMIN", &lv->lhmin) ||
	    hy_keyword(buf, "RIGHTHYPHENMIN", &lv->rhmin) ||
	    hy_keyword(buf, "COMPOUNDLEFTHYPHENMIN", &lv->clhmin) ||
	    hy_keyword(buf, "COMPOUNDRIGHTHYPHENMIN", &lv->crhmin) ||
	    strncmp(buf, "NOHYPHEN", 8) == 0))
		return;	/* NOHYPHEN: hyphens and apostrophes, never in a
			 * run of letters */
	pattern[0] = '0';
	if ((repl = strchr(buf, '/')) != NULL) {
		*repl = '\0';
		if ((idx = strchr(repl + 1, ',')) != NULL) {
			*idx = '\0';
			if ((idx2 = strchr(idx + 1, ',')) != NULL) {
				*idx2 = '\0';
				replindex = (signed char)(atoi(idx + 1) - 1);
				replcut = (signed char)atoi(idx2 + 1);
			}
		} else
			replcut = (signed char)strlen(buf);
	}
	for (i = 0; (unsigned char)buf[i] > ' ' && j < HY_MAXLINE - 2; i++)
		if (buf[i] >= '0' && buf[i] <= '9')
			pattern[j] = buf[i];
		else {
			word[j] = buf[i];
			pattern[++j] = '0';
		}
	word[j] = '\0';
	pattern[j + 1] = '\0';
	wl = (size_t)j;
	i = 0;
	if (repl == NULL)
		while (pattern[i] == '0')
			i++;
	else {
		i = word[0] == '.';
		if (utf8) {	/* character positions to bytes */
			pu = ps = -1;
			for (pc = word[0] == '.'; pc < wl + 1; pc++) {
				if (((unsigned char)word[pc] >> 6) != 2)
					pu++;
				if (ps < 0 && replindex == pu) {
					ps = replindex;
					replindex = (signed char)pc;
				}
				if (ps >= 0 && pu - ps == replcut) {
					replcut = (signed char)(pc -
					    (size_t)replindex);
					break;
				}
			}
			if (word[0] == '.')
				replindex--;
		}
	}
	if (wl == 0)
		return;	/* the empty state: never matched */
	for (k = 0; k < pv->n && k < wl && pv->w[k] == word[k]; k++)
		continue;
	for (pv->path[0] = 0, s = pv->path[k]; k < wl; k++) {
		s = hy_state(lv, s, (unsigned char)word[k]);
		pv->w[k] = word[k];
		pv->path[k + 1] = s;
	}
	pv->n = wl;
	if (lv->st[s].pat < 0) {
		xgrow(&lv->pats, &lv->cappats, lv->npats + 1,
		    sizeof(*lv->pats));
		lv->st[s].pat = (int32_t)lv->npats++;
	}
	pt = &lv->pats[lv->st[s].pat];
	pt->mlen = (int)strlen(pattern + i);
	xgrow(&lv->digits, &lv->capdigits, lv->ndigits + (size_t)pt->mlen + 1,
	    1);
	pt->match = lv->ndigits;
	memcpy(lv->digits + lv->ndigits, pattern + i, (size_t)pt->mlen + 1);
	lv->ndigits += (size_t)pt->mlen + 1;
	pt->repl = repl != NULL;
	pt->replindex = replindex;
	pt->replcut = replcut ? replcut : (int)wl;
}

/* Each state's fallback: its longest proper suffix that is a state,
 * found in order of depth (Aho and Corasick). */
static void
hy_fallbacks(struct hylevel *lv)
{
	size_t		 cnt[256] = { 0 }, at[256], i;
	int32_t		*order = xmalloc(lv->n * sizeof(*order)), s, f, t;

	for (i = 0; i < lv->n; i++)
		cnt[lv->st[i].depth]++;
	for (i = 0, at[0] = 0; i < 255; i++)
		at[i + 1] = at[i] + cnt[i];
	for (i = 0; i < lv->n; i++)
		order[at[lv->st[i].depth]++] = (int32_t)i;
	for (i = 0; i < lv->n; i++) {
		s = order[i];
		if (lv->st[s].depth == 0)
			continue;
		if (lv->st[s].depth == 1) {
			lv->st[s].fail = 0;
			continue;
		}
		for (f = lv->st[lv->st[s].parent].fail; f >= 0;
		    f = lv->st[f].fail)
			if ((t = hy_next(lv, f, lv->st[s].ch)) >= 0)
				break;
		lv->st[s].fail = f >= 0 ? t : 0;
	}
	free(order);
}

static void
hy_free_level(struct hylevel *lv)
{
	free(lv->pats);
	free(lv->digits);
	free(lv->keys);
	free(lv->to);
	free(lv->st);
}

/* The bytes fgets() would read from p into a buffer of size bytes. */
static size_t
hy_chunk(const char *p, const char *end, size_t size)
{
	const char	*nl = memchr(p, '\n', (size_t)(end - p));
	size_t		 n = (size_t)((nl ? nl + 1 : end) - p);

	return n < size - 1 ? n : size - 1;
}

/* A pattern file, or NULL. */
static struct hypatterns *
hy_load(const char *path)
{
	struct hypatterns *hp;
	struct hyprev	 pv[2];
	char		*text, *p, *end, line[HY_MAXLINE];
	size_t		 len, n, k = 0;
	struct hylevel	*top, *file;

	if ((text = file_read(path, HY_MAXFILE, &len)) == NULL)
		return NULL;
	hp = xcalloc(1, sizeof(*hp));
	/* and state 0; a file has a state for every 4 to 7 bytes: the
	 * table is sized for 8, and doubles once for denser files (each
	 * first touch of a page of it costs) */
	hy_rehash(&hp->lv[0], len / 8);
	hy_rehash(&hp->lv[1], 0);
	pv[0].n = pv[1].n = 0;
	/* Lines as libhyphen's fgets() reads them: the first into a
	 * buffer of 20 bytes (the character set), then of 100, a longer
	 * line going on as the next; a second NEXTLEVEL ends the file. */
	end = text + len;
	n = hy_chunk(text, end, 20);
	snprintf(hp->cset, sizeof(hp->cset), "%.*s", (int)n, text);
	hp->cset[strcspn(hp->cset, "\r\n")] = '\0';
	hp->utf8 = strcmp(hp->cset, "UTF-8") == 0;
	for (k = 0, p = text + n; p < end; p += n) {
		n = hy_chunk(p, end, HY_MAXLINE);
		memcpy(line, p, n);
		line[n] = '\0';
		if (strncmp(line, "NEXTLEVEL", 9) == 0) {
			if (k++ == 1)
				break;
			/* the rest of the file is the second level's */
			hy_free_level(&hp->lv[1]);
			memset(&hp->lv[1], 0, sizeof(hp->lv[1]));
			hy_rehash(&hp->lv[1], (size_t)(end - p) / 8);
		} else if (line[0] != '%')
			hy_line(&hp->lv[k], &pv[k], hp->utf8, line);
	}
	if (k == 2)
		k = 1;
	free(text);
	if (k == 0) {
		/* One level: libhyphen puts a first level before it that
		 * breaks at hyphens and apostrophes only. The second
		 * level, made empty above, gives way to the file's. */
		hy_free_level(&hp->lv[1]);
		hp->lv[1] = hp->lv[0];
		memset(&hp->lv[0], 0, sizeof(hp->lv[0]));
		hy_rehash(&hp->lv[0], 0);
		pv[0].n = 0;
		snprintf(line, sizeof(line), "1-1\n");
		hy_line(&hp->lv[0], &pv[0], hp->utf8, line);
		snprintf(line, sizeof(line), "1'1\n");
		hy_line(&hp->lv[0], &pv[0], hp->utf8, line);
		if (hp->utf8) {
			snprintf(line, sizeof(line), "1\xe2\x80\x93" "1\n");
			hy_line(&hp->lv[0], &pv[0], hp->utf8, line);
			snprintf(line, sizeof(line), "1\xe2\x80\x99" "1\n");
			hy_line(&hp->lv[0], &pv[0], hp->utf8, line);
		}
		file = &hp->lv[1];
		top = &hp->lv[0];
		top->lhmin = file->lhmin;
		top->rhmin = file->rhmin;
		top->clhmin = file->clhmin ? file->clhmin : file->lhmin ?
		    file->lhmin : 3;
		top->crhmin = file->crhmin ? file->crhmin : file->rhmin ?
		    file->rhmin : 3;
	}
	top = &hp->lv[0];
	hp->lhmin = top->lhmin;
	hp->rhmin = top->rhmin;
	hp->clhmin = top->clhmin;
	hp->crhmin = top->crhmin;
	for (k = 0; k < 2; k++)
		hy_fallbacks(&hp->lv[k]);
	return hp;
}

static void
hy_unload(struct hypatterns *hp)
{
	if (hp == NULL)
		return;
	hy_free_level(&hp->lv[0]);
	hy_free_level(&hp->lv[1]);
	free(hp);
}

/*
 * The patterns of level lv over w[0..n): the digits after each byte in
 * val ('0'..'9'), and rep[i] set where the point after byte i is a
 * non-standard one (libhyphen's hnj_hyphen_hyph_, one level).
 */
static void
hy_scan(const struct hylevel *lv, const unsigned char *w, size_t n,
    char *val, char *rep)
{
	char		 hv[HY_MAXWORD + 8];
	int		 mlen[HY_MAXWORD + 8], midx[HY_MAXWORD + 8];
	int		 mrep[HY_MAXWORD + 8], isrepl = 0;
	const struct hypat *pt;
	const char	*match;
	size_t		 plen = n + 2, i, k, ml;
	long		 off;
	int32_t		 s = 0, t;
	unsigned char	 c;

	memset(hv, '0', plen);
	for (i = 0; i < plen; i++) {
		mrep[i] = 0;
		midx[i] = -1;
		mlen[i] = 1;
	}
	for (i = 0; i < plen; i++) {
		c = i == 0 || i + 1 == plen ? '.' : w[i - 1];
		for (;;) {
			if (s < 0) {
				s = 0;
				break;
			}
			if ((t = hy_next(lv, s, c)) >= 0) {
				s = t;
				break;
			}
			s = lv->st[s].fail;
		}
		if (s == 0 || lv->st[s].pat < 0)
			continue;
		pt = &lv->pats[lv->st[s].pat];
		match = lv->digits + pt->match;
		ml = (size_t)pt->mlen;
		off = (long)i + 1 - (long)ml;
		if (pt->repl) {
			isrepl = 1;
			if (off + pt->replindex >= 0 &&
			    off + pt->replindex < (long)plen)
				mlen[off + pt->replindex] = pt->replcut;
		}
		for (k = off < 0 ? (size_t)-off : 0; match[k]; k++) {
			if (hv[off + (long)k] >= match[k])
				continue;
			hv[off + (long)k] = match[k];
			if (!(match[k] & 1))
				continue;
			mrep[off + (long)k] = pt->repl;
			if (pt->repl && (long)k >= pt->replindex &&
			    (long)k <= pt->replindex + pt->replcut &&
			    off + pt->replindex >= 0 &&
			    off + pt->replindex < (long)plen)
				midx[off + pt->replindex] = (int)(off +
				    (long)k);
		}
	}
	for (i = 0; i + 3 < plen; i++)
		val[i] = hv[i + 1];
	for (; i < n; i++)
		val[i] = '0';
	for (i = 0; isrepl && i < n; i++)
		if (midx[i] >= 1 && mrep[midx[i]]) {
			rep[midx[i] - 1] = 1;
			if (mlen[i] > 1)
				i += (size_t)mlen[i] - 1;
		}
}

/* No point in the first lh characters' bytes but the last's... (libhyphen's
 * hnj_hyphen_lhmin and hnj_hyphen_rhmin: standard points only). */
static void
hy_lhmin(int utf8, const unsigned char *w, size_t n, char *val,
    const char *rep, int lh)
{
	size_t	 j = 0;
	int	 i;

	for (i = 1; i < lh && j < n; i++)
		do {
			if (!rep[j])
				val[j] = '0';
			j++;
		} while (utf8 && j < n && (w[j] & 0xc0) == 0x80);
}

static void
hy_rhmin(int utf8, const unsigned char *w, size_t n, char *val,
    const char *rep, int rh)
{
	size_t	 j;
	int	 i = 0;

	for (j = n - 1; i < rh && j > 0; j--) {
		if (!rep[j])
			val[j] = '0';
		if (!utf8 || (w[j] & 0xc0) == 0xc0 || (w[j] & 0x80) != 0x80)
			i++;
	}
}

/* Level lv over w[0..n), then the word level over each compound part
 * (libhyphen's recursion of hnj_hyphen_hyph_). */
static void
hy_level(const struct hypatterns *hp, int lv, const unsigned char *w,
    size_t n, char *val, char *rep, int clh, int crh, int lend, int rend)
{
	char	 val2[HY_MAXWORD + 8], rep2[HY_MAXWORD + 8];
	size_t	 i, j, begin = 0;

	hy_scan(&hp->lv[lv], w, n, val, rep);
	if (lv == 1)
		return;
	for (i = 0; i < n; i++) {
		if (!((val[i] & 1) || (begin > 0 && i + 1 == n)))
			continue;
		/* Parts of two letters or more, and not the part's last
		 * point but one either (as libhyphen 2.8.8 has it). */
		if (i - begin > 1) {
			memset(rep2, 0, i - begin + 1);
			hy_level(hp, 0, w + begin, i - begin + 1, val2, rep2,
			    clh, crh, begin > 0 ? 0 : lend,
			    (val[i] & 1) ? 0 : rend);
			for (j = 0; j + 1 < i - begin; j++) {
				val[begin + j] = val2[j];
				if (rep2[j])
					rep[begin + j] = 1;
			}
		}
		begin = i + 1;
	}
	if (begin == 0) {
		hy_level(hp, 1, w, n, val, rep, clh, crh, lend, rend);
		if (!lend)
			hy_lhmin(hp->utf8, w, n, val, rep, clh);
		if (!rend)
			hy_rhmin(hp->utf8, w, n, val, rep, crh);
	}
}

#define MAX(a, b)	((a) > (b) ? (a) : (b))

/*
 * The standard hyphenation points of the word w[0..n) (lower case, in
 * the patterns' encoding): ok[c] set when it may be cut after its c-th
 * character (libhyphen's hnj_hyphen_hyphenate3 with hyphenmins 2, 3, 2,
 * 3; the non-standard points, which would change letters, left out).
 */
static void
hy_points(const struct hypatterns *hp, const unsigned char *w, size_t n,
    char *ok)
{
	char	 val[HY_MAXWORD + 8], rep[HY_MAXWORD + 8];
	size_t	 i, c;

	memset(rep, 0, n + 1);
	hy_level(hp, 0, w, n, val, rep, MAX(2, hp->clhmin),
	    MAX(3, hp->crhmin), 1, 1);
	hy_lhmin(hp->utf8, w, n, val, rep, MAX(2, hp->lhmin));
	hy_rhmin(hp->utf8, w, n, val, rep, MAX(3, hp->rhmin));
	/* a character's point is its last byte's */
	for (i = 0, c = 0; i < n; i++) {
		if (hp->utf8 && i + 1 < n && (w[i + 1] & 0xc0) == 0x80)
			continue;
		ok[c++] = (val[i] & 1) && !rep[i];
	}
}

/* The patterns of a language, most wanted file first. */
static struct hypatterns *
hy_open(const char *lang)
{
	static const char *const region[][3] = {
		{ "en", "en_US", "en_GB" }, { "cs", "cs_CZ", "cs" },
		{ "sl", "sl_SI", "sl" }, { "de", "de_DE", "de" },
		{ "hr", "hr_HR", "hr" }, { "hu", "hu_HU", "hu" },
		{ "it", "it_IT", "it" }, { "pl", "pl_PL", "pl" },
	};
	struct hypatterns *d = NULL;
	char		 path[64];
	size_t		 i, j;

	for (i = 0; i < sizeof(region) / sizeof(region[0]) && d == NULL; i++)
		if (strcmp(region[i][0], lang) == 0)
			for (j = 1; j < 3 && d == NULL; j++) {
				snprintf(path, sizeof(path), "%s/hyph_%s.dic",
				    HY_DIR, region[i][j]);
				d = hy_load(path);
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
	if ((h->hp = hy_open(lang)) != NULL && !h->hp->utf8) {
		if (strcmp(h->hp->cset, "ISO8859-1") == 0)
			h->latin1 = 1;
		else if ((h->cd = iconv_open(h->hp->cset, "UTF-8")) ==
		    (iconv_t)-1) {
			hy_unload(h->hp);
			h->hp = NULL;
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
	char		 ok[HY_MAXWORD + 8], *in, *out;
	size_t		 i, k, ln = 0, en, inl, outl, ci;
	unsigned	 c;

	for (i = 0; i < n; i += k) {
		c = to_lower(u8dec((const unsigned char *)s + i, n - i, &k));
		if (h->latin1) {
			if (c > 0xff)
				return;
			low[ln++] = (char)c;
		} else
			ln += u8enc(c, low + ln);
	}
	if (h->hp->utf8 || h->latin1) {
		if (ln > HY_MAXWORD)
			return;
		memcpy(enc, low, ln);
		en = ln;
	} else {
		in = low;
		inl = ln;
		out = enc;
		outl = HY_MAXWORD;
		iconv(h->cd, NULL, NULL, NULL, NULL);
		if (iconv(h->cd, &in, &inl, &out, &outl) == (size_t)-1)
			return;
		en = (size_t)(out - enc);
		if (en != nch)
			return;
	}
	hy_points(h->hp, (const unsigned char *)enc, en, ok);
	for (i = 0, ci = 0; i < n; i += k, ci++) {
		u8dec((const unsigned char *)s + i, n - i, &k);
		if (ci + 1 < nch && ok[ci])
			pts[i + k - 1] = 1;
	}
}

void
lay_hyphen_load(const char *lang)
{
	pthread_mutex_lock(&hy_lock);
	hy_dict(lang);
	pthread_mutex_unlock(&hy_lock);
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
	if ((h = hy_dict(lang)) == NULL || h->hp == NULL)
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
