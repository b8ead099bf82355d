/*
 * tests/hyphen/hytest.c: simc's hyphenation (generator/hyphen.c) against
 * libhyphen's, word by word.  Reads "LANG WORD" lines (UTF-8, lower
 * case letters) on stdin; for each, the points of lay_hyphen_points()
 * and those of libhyphen 2.8.8 (hnj_hyphen_hyphenate3 with the
 * hyphenmins simc uses, 2, 3, 2, 3, over the same pattern file, the
 * non-standard points left out as simc leaves them out).  Prints each
 * word that differs, a line per language and the count of both.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "../../generator/hyphen.h"

static const char *const region[][3] = {
	{ "en", "en_US", "en_GB" }, { "cs", "cs_CZ", "cs" },
	{ "sl", "sl_SI", "sl" }, { "de", "de_DE", "de" },
	{ "hr", "hr_HR", "hr" }, { "hu", "hu_HU", "hu" },
	{ "it", "it_IT", "it" }, { "pl", "pl_PL", "pl" },
};
#define NLANG	(sizeof(region) / sizeof(region[0]))

static HyphenDict	*ref[NLANG];
static int		 tried[NLANG];
static size_t		 words[NLANG], bad[NLANG], points[NLANG];

static HyphenDict *
ref_dict(size_t l)
{
	char	 path[64];
	int	 j;

	if (!tried[l]++)
		for (j = 1; j < 3 && ref[l] == NULL; j++) {
			snprintf(path, sizeof(path),
			    "/usr/share/hyphen/hyph_%s.dic", region[l][j]);
			ref[l] = hnj_hyphen_load(path);
		}
	return ref[l];
}

/* libhyphen's points of w, as a string of 0 and 1 per byte of w. */
static int
ref_points(HyphenDict *d, const char *w, size_t len, char *out)
{
	char	 enc[256], hy[512], *in = (char *)w, *o = enc;
	char	**rep = NULL;
	int	*pos = NULL, *cut = NULL;
	size_t	 inl = len, outl = sizeof(enc) - 1, en, i, k, ci, nch = 0;
	iconv_t	 cd;

	if (d->utf8) {
		memcpy(enc, w, len);
		en = len;
	} else {
		if ((cd = iconv_open(d->cset, "UTF-8")) == (iconv_t)-1)
			return -1;
		if (iconv(cd, &in, &inl, &o, &outl) == (size_t)-1) {
			iconv_close(cd);
			return -1;
		}
		iconv_close(cd);
		en = (size_t)(o - enc);
	}
	enc[en] = '\0';
	for (i = 0; i < len; i++)
		nch += ((unsigned char)w[i] & 0xc0) != 0x80;
	memset(hy, 0, sizeof(hy));
	memset(out, '0', len);
	out[len] = '\0';
	if (hnj_hyphen_hyphenate3(d, enc, (int)en, hy, NULL, &rep, &pos, &cut,
	    2, 3, 2, 3) != 0)
		return -1;
	for (i = 0, ci = 0; i < len; i += k, ci++) {
		for (k = 1; i + k < len && ((unsigned char)w[i + k] & 0xc0) ==
		    0x80; k++)
			continue;
		if (ci + 1 < nch && (hy[ci] & 1) && (rep == NULL ||
		    rep[ci] == NULL))
			out[i + k - 1] = '1';
	}
	if (rep != NULL) {
		for (i = 0; i < en; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return 0;
}

int
main(void)
{
	char	 line[512], *w, pts[256], mine[256], theirs[256];
	size_t	 l, len, i, pass = 0, fail = 0;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if ((w = strchr(line, ' ')) == NULL)
			continue;
		*w++ = '\0';
		for (l = 0; l < NLANG && strcmp(region[l][0], line) != 0; l++)
			continue;
		if (l == NLANG || ref_dict(l) == NULL)
			continue;
		len = strlen(w);
		if (ref_points(ref[l], w, len, theirs) == -1)
			continue;
		lay_hyphen_points(line, w, len, pts);
		for (i = 0; i < len; i++) {
			mine[i] = pts[i] ? '1' : '0';
			points[l] += pts[i] != 0;
		}
		mine[len] = '\0';
		words[l]++;
		if (strcmp(mine, theirs) != 0) {
			if (bad[l]++ < 20)
				printf("%s %s: simc %s, libhyphen %s\n", line,
				    w, mine, theirs);
		}
	}
	for (l = 0; l < NLANG; l++) {
		if (words[l] == 0)
			continue;
		if (bad[l] == 0 && points[l] > 0) {
			printf("PASS: hyphen %s: %zu words, %zu points, as "
			    "libhyphen\n", region[l][0], words[l], points[l]);
			pass++;
		} else {
			printf("FAIL: hyphen %s: %zu of %zu words differ "
			    "(%zu points)\n", region[l][0], bad[l], words[l],
			    points[l]);
			fail++;
		}
		if (ref[l] != NULL)
			hnj_hyphen_free(ref[l]);
	}
	printf("%zu passed, %zu failed\n", pass, fail);
	return fail != 0;
}
