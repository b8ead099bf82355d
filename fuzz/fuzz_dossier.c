/*
 * fuzz_dossier.c: libFuzzer entry point for the whole pipeline.
 *
 * The company folder /tmp/simc-fuzz-PID/dossier/NAME holds a copy of
 * content/NAME (NAME is $FUZZ_COMPANY, default horejsi) and, in img/, the
 * images of tests/image/samples, so that image fields can name PNGs and
 * JPEGs of every kind.  An input is
 *
 *	SEL-A NOTE-A [0xFF SEL-B NOTE-B]
 *
 * SEL modulo (number of notes + 1) picks the note, in sorted order, that
 * NOTE replaces; the last value adds NOTE as a new note instead (so does
 * a second note aimed at the first one's place).  0xFF never occurs in
 * UTF-8, so it separates the notes; without it there is only NOTE-A.
 * The company goes through load, validate and resolve; when that reports
 * no error, through the form pass and both backends into memory (A3
 * paper for odd input sizes): the PDF must be made, for what check
 * accepts build must build.  The replaced notes are put back after.
 */
#include <stdint.h>

#include "fuzz.h"
#include "form.h"
#include "load.h"
#include "render.h"
#include "resolve.h"
#include "templates.h"
#include "validate.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXFILES	256

static struct templates	*tp;
static char		*company, *css, *fontdir, *added[2];
static char		**path, **orig;
static size_t		*origlen, nnotes;

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Copies the files of folder src into folder dst (made first); keeps the
 * notes, sorted, in path[], orig[] and origlen[] when notes is set.
 */
static void
copy_folder(const char *src, const char *dst, int notes)
{
	struct dirent	*de;
	DIR		*d;
	char		*names[MAXFILES], *from, *to, *data;
	size_t		 n = 0, i, len;

	if ((d = opendir(src)) == NULL) {
		if (notes) {
			fprintf(stderr, "fuzz_dossier: cannot read %s\n", src);
			exit(1);
		}
		return;
	}
	while ((de = readdir(d)) != NULL && n < MAXFILES)
		if (de->d_name[0] != '.')
			names[n++] = xstrdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), namecmp);
	if (mkdirs(dst) == -1) {
		fprintf(stderr, "fuzz_dossier: cannot create %s\n", dst);
		exit(1);
	}
	if (notes) {
		path = xcalloc(n, sizeof(*path));
		orig = xcalloc(n, sizeof(*orig));
		origlen = xcalloc(n, sizeof(*origlen));
	}
	for (i = 0; i < n; i++) {
		from = xasprintf("%s/%s", src, names[i]);
		to = xasprintf("%s/%s", dst, names[i]);
		if ((data = file_read(from, 16u << 20, &len)) != NULL)
			fuzz_write(to, data, len);
		len = strlen(names[i]);
		if (notes && data != NULL && len > 3 &&
		    strcmp(names[i] + len - 3, ".md") == 0) {
			path[nnotes] = to;
			orig[nnotes] = data;
			origlen[nnotes++] = strlen(data);
		} else {
			free(to);
			free(data);
		}
		free(from);
		free(names[i]);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char		*top = fuzz_top(), *tdir = fuzz_templates_dir(top);
	const char	*name = getenv("FUZZ_COMPANY");
	char		*p, *src;
	size_t		 len;

	(void)argc, (void)argv;
	if (name == NULL || *name == '\0')
		name = "horejsi";
	if ((tp = templates_load(tdir)) == NULL) {
		diag_flush(stderr, 1);
		fprintf(stderr, "fuzz_dossier: no templates in %s\n", tdir);
		exit(1);
	}
	p = xasprintf("%s/dossier.css", tdir);
	if ((css = file_read(p, 1u << 20, &len)) == NULL) {
		fprintf(stderr, "fuzz_dossier: cannot read %s\n", p);
		exit(1);
	}
	free(p);
	fontdir = xasprintf("%s/../fonts", tdir);
	p = xasprintf("%s/LiberationSans-Regular.ttf", fontdir);
	if (access(p, R_OK) != 0) {
		fprintf(stderr, "fuzz_dossier: no fonts in %s (run make)\n",
		    fontdir);
		exit(1);
	}
	free(p);

	p = xasprintf("dossier/%s", name);
	company = fuzz_scratch(p);
	free(p);
	src = xasprintf("%s/content/%s", top, name);
	copy_folder(src, company, 1);
	free(src);
	if (nnotes == 0) {
		fprintf(stderr, "fuzz_dossier: no notes in content/%s\n", name);
		exit(1);
	}
	src = xasprintf("%s/tests/image/samples", top);
	p = xasprintf("%s/img", company);
	copy_folder(src, p, 0);
	free(src);
	free(p);
	added[0] = xasprintf("%s/zz-a.md", company);
	added[1] = xasprintf("%s/zz-b.md", company);
	free(tdir);
	free(top);
	return 0;
}

/* Builds the dossier of c in memory, as build_company() does. */
static void
render(const struct company *c, int a3)
{
	const char		*code = company_text(c, "language");
	struct doc		*d;
	char			*html, *pdf, err[256];
	size_t			 hlen = 0, plen = 0;
	unsigned		 faces = 0;
	int			 lang;

	if (code == NULL || (lang = lang_index(tp, code)) < 0)
		lang = 0;
	d = form_doc(c, tp, lang);
	d->version = xstrdup("fuzz, 1970-01-02");
	d->date = xstrdup("1970-01-02");
	html = html_render(d, css, &hlen);
	pdf = pdf_render(d, fontdir, a3, &plen, &faces, err, sizeof(err));
	if (pdf == NULL)
		abort();	/* check passed it: build must build it */
	if (getenv("FUZZ_DIAG") != NULL)
		fprintf(stderr, "fuzz_dossier: HTML %zu bytes, PDF %zu bytes%s%s\n",
		    hlen, plen, pdf ? "" : ": ", pdf ? "" : err);
	doc_free(d);
	free(html);
	free(pdf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*sep, *part[2];
	size_t		 plen[2], i, np = 1, which[2];
	struct company	*c;

	if (size < 1)
		return 0;
	part[0] = data;
	plen[0] = size;
	if ((sep = memchr(data, 0xff, size)) != NULL && sep + 1 < data + size) {
		part[1] = sep + 1;
		plen[1] = (size_t)(data + size - part[1]);
		plen[0] = (size_t)(sep - data);
		np = 2;
	}
	for (i = 0; i < np; i++) {
		if (plen[i] == 0) {
			which[i] = nnotes;	/* nothing written */
			continue;
		}
		which[i] = part[i][0] % (nnotes + 1);
		if (i == 1 && which[1] == which[0])
			which[1] = nnotes;
		fuzz_write(which[i] < nnotes ? path[which[i]] : added[i],
		    part[i] + 1, plen[i] - 1);
	}

	c = load_company(company, tp);
	validate_company(c, tp);
	resolve_company(c, tp);
	if (diag_errors() == 0)
		render(c, size & 1);
	company_free(c);
	fuzz_discard_diags();

	for (i = 0; i < np; i++)
		if (which[i] < nnotes)
			fuzz_write(path[which[i]], orig[which[i]],
			    origlen[which[i]]);
		else
			unlink(added[i]);
	return 0;
}
