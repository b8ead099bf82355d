/*
 * fuzz_templates.c: libFuzzer entry point for the templates as data.
 *
 * An input is
 *
 *	TOOLS [0xFF SEL LANG]
 *
 * TOOLS is tools.yaml.  Without the 0xFF the label languages are those
 * of templates/lang; with it, LANG replaces the language SEL picks
 * (modulo their number, in file name order: cs, de, en, ...) and that
 * language is the one used.  Everything is loaded from memory
 * (templates_load_mem).  What loads goes through every pass that reads
 * the definitions:
 *
 *	- the workshop pack and one tool's poster (size modulo the number
 *	  of tools): the form pass (form_blank) and HTML;
 *	- templates_lint() of every language read;
 *
 * and, for one input in eight (by a hash of it; every input when
 * FUZZ_HEAVY is set), because PDFs, images and forks are slow:
 *
 *	- the poster's PDF (A3 for odd sizes);
 *	- simc init into a scratch folder, whose notes must then load,
 *	  validate and resolve without an error (abort() otherwise: init
 *	  writes what simc check accepts), and that company's dossier:
 *	  dump, status, export, form_doc, HTML and PDF;
 *	- content/$FUZZ_COMPANY (default acme) through the same, its
 *	  dossier only when it has no error.
 *
 * Diagnostics are thrown away (FUZZ_DIAG=1 prints them, and the time of
 * each step).  FUZZ_SAVE=DIR writes the input as the templates folder
 * DIR (tools.yaml, lang/, dossier.css), for `simc --templates DIR`.
 */
#include <stdint.h>
#include <time.h>

#include "fuzz.h"
#include "dump.h"
#include "form.h"
#include "init.h"
#include "load.h"
#include "render.h"
#include "report.h"
#include "resolve.h"
#include "templates.h"
#include "validate.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXLANGS	32

static char		*tdir, *css, *fontdir, *acme, *scratch;
static struct tfile	 langs[MAXLANGS];
static size_t		 nlangs;
static FILE		*null;

static int
tfilecmp(const void *a, const void *b)
{
	return strcmp(((const struct tfile *)a)->name,
	    ((const struct tfile *)b)->name);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char		*top = fuzz_top(), *p, *f, *data;
	const char	*name = getenv("FUZZ_COMPANY");
	struct dirent	*de;
	DIR		*d;
	size_t		 len;

	(void)argc, (void)argv;
	tdir = fuzz_templates_dir(top);
	p = xasprintf("%s/lang", tdir);
	if ((d = opendir(p)) == NULL) {
		fprintf(stderr, "fuzz_templates: cannot read %s\n", p);
		exit(1);
	}
	while ((de = readdir(d)) != NULL && nlangs < MAXLANGS) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 6 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		f = xasprintf("%s/%s", p, de->d_name);
		if ((data = file_read(f, 4u << 20, &len)) != NULL) {
			langs[nlangs].name = xstrdup(de->d_name);
			langs[nlangs].text = data;
			langs[nlangs++].len = len;
		}
		free(f);
	}
	closedir(d);
	free(p);
	qsort(langs, nlangs, sizeof(*langs), tfilecmp);
	p = xasprintf("%s/dossier.css", tdir);
	if ((css = file_read(p, 1u << 20, &len)) == NULL) {
		fprintf(stderr, "fuzz_templates: cannot read %s\n", p);
		exit(1);
	}
	free(p);
	fontdir = xasprintf("%s/../fonts", tdir);
	p = xasprintf("%s/LiberationSans-Regular.ttf", fontdir);
	if (access(p, R_OK) != 0) {
		fprintf(stderr, "fuzz_templates: no fonts in %s (run make)\n",
		    fontdir);
		exit(1);
	}
	free(p);
	acme = xasprintf("%s/content/%s", top, name && *name ? name : "acme");
	scratch = fuzz_scratch("templates");
	/* simc init says what it wrote on stdout. */
	if ((null = fopen("/dev/null", "w")) == NULL ||
	    freopen("/dev/null", "w", stdout) == NULL)
		exit(1);
	free(top);
	return 0;
}

/* With FUZZ_DIAG, how long the step since the last one took. */
static void
lap(const char *what)
{
	static struct timespec	 t0;
	struct timespec		 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (what != NULL && getenv("FUZZ_DIAG") != NULL)
		fprintf(stderr, "fuzz_templates: %s %.1f ms\n", what,
		    (double)(t.tv_sec - t0.tv_sec) * 1e3 +
		    (double)(t.tv_nsec - t0.tv_nsec) / 1e6);
	t0 = t;
}

/* HTML and (with pdf set) PDF of d, into memory; frees d. */
static void
render(struct doc *d, int pdf, int a3)
{
	char		*out, err[256];
	size_t		 len = 0;
	unsigned	 faces = 0;

	if (d->version == NULL)
		d->version = xstrdup("fuzz, 1970-01-02");
	if (d->date == NULL)
		d->date = xstrdup("1970-01-02");
	free(html_render(d, css, &len));
	lap("  html");
	if (pdf) {
		out = pdf_render(d, fontdir, a3, &len, &faces, err,
		    sizeof(err));
		if (out == NULL && (err[0] == '\0' || memchr(err, '\0',
		    sizeof(err)) == NULL))
			abort();	/* a failure must say why */
		free(out);
		lap("  pdf");
	}
	doc_free(d);
}

/*
 * A company through the passes, and its dossier when it has no error;
 * with clean set, an error is a bug.
 */
static void
company(const char *dir, const struct templates *tp, int li, int clean)
{
	struct company	*c;
	size_t		 before = diag_errors();

	c = load_company(dir, tp);
	validate_company(c, tp);
	resolve_company(c, tp);
	lap("  compile");
	dump_company(null, c);
	status_company(null, c, 1);
	export_company(null, c);
	lap("  text");
	if (diag_errors() != before && clean) {
		diag_flush(stderr, 1);
		fputs("fuzz_templates: simc init wrote notes with errors\n",
		    stderr);
		abort();
	}
	if (diag_errors() == before)
		render(form_doc(c, tp, li), 1, 0);
	company_free(c);
}

/* simc init DIR --name NAME --lang CODE into a new scratch folder. */
static void
init(const struct templates *tp, int li)
{
	static unsigned	 n;
	char		*dir = xasprintf("%s/%u", scratch, n++), *p;
	char		*argv[] = { dir, "--name", "Fuzz \"Co\" #1: ž",
			    "--lang", tp->langs[li].code, NULL };
	struct dirent	*de;
	DIR		*d;

	if (cmd_init(5, argv, tp) == 0)
		company(dir, tp, li, 1);
	/* Its notes go, without forking rm (slow under ASan). */
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			p = xasprintf("%s/%s", dir, de->d_name);
			if (unlink(p) == -1)
				abort();
			free(p);
		}
		closedir(d);
		rmdir(dir);
	}
	free(dir);
}

/* FNV-1a of the input: whether it takes the slow passes. */
static int
heavy(const uint8_t *data, size_t size)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	if (getenv("FUZZ_HEAVY") != NULL)
		return 1;
	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return (h & 7) == 0;
}

/* The templates of an input as a folder (FUZZ_SAVE). */
static void
save(const char *dir, const char *tools, size_t tlen,
    const struct tfile *files)
{
	char	*p;
	size_t	 i;

	p = xasprintf("%s/lang", dir);
	if (mkdirs(p) == -1) {
		fprintf(stderr, "fuzz_templates: cannot create %s\n", p);
		exit(1);
	}
	free(p);
	p = xasprintf("%s/tools.yaml", dir);
	fuzz_write(p, tools, tlen);
	free(p);
	p = xasprintf("%s/dossier.css", dir);
	fuzz_write(p, css, strlen(css));
	free(p);
	for (i = 0; i < nlangs; i++) {
		p = xasprintf("%s/lang/%s", dir, files[i].name);
		fuzz_write(p, files[i].text, files[i].len);
		free(p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tfile		 files[MAXLANGS];
	struct templates	*tp;
	const uint8_t		*sep;
	size_t			 tlen = size, sel = nlangs;
	int			 li = 0, slow;
	char			*code;

	lap(NULL);
	memcpy(files, langs, nlangs * sizeof(*files));
	if ((sep = memchr(data, 0xff, size)) != NULL &&
	    sep + 1 < data + size && nlangs > 0) {
		tlen = (size_t)(sep - data);
		sel = sep[1] % nlangs;
		files[sel].text = (const char *)sep + 2;
		files[sel].len = (size_t)(data + size - sep - 2);
	}
	if (getenv("FUZZ_SAVE") != NULL)
		save(getenv("FUZZ_SAVE"), (const char *)data, tlen, files);
	tp = templates_load_mem(tdir, (const char *)data, tlen, files, nlangs);
	lap("load");
	if (tp != NULL && sel < nlangs) {
		code = xstrndup(files[sel].name, strlen(files[sel].name) - 5);
		li = lang_index(tp, code);
		free(code);
	}
	/* As the commands do: a language with errors stops them. */
	if (tp != NULL && li >= 0 && diag_errors() == 0) {
		slow = heavy(data, size);
		render(form_blank(tp, li, NULL), 0, 0);
		lap("pack");
		render(form_blank(tp, li, &tp->tools[size % tp->ntools]), slow,
		    size & 1);
		lap("poster");
		templates_lint(tp, -1);
		if (slow) {
			init(tp, li);
			lap("init");
			company(acme, tp, li, 0);
			lap("company");
		}
	}
	templates_free(tp);
	fuzz_discard_diags();
	return 0;
}
