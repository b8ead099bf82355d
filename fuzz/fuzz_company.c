/*
 * fuzz_company.c: libFuzzer entry point for a whole company folder whose
 * file names and number of notes come from the input, through `simc
 * build` (load, validate, resolve, form, both backends, the files and
 * dossier.d written into a scratch output folder).
 *
 * The company is a copy of content/horejsi plus the input's notes (new
 * files: a name already there gets `x-` in front), removed after:
 *
 *	R PART [0xFF PART]...
 *
 * PART is a file name, a newline, then the note (without a newline the
 * whole part is a note named nK.md); names keep every byte but `/` and
 * NUL and get `.md` when they lack it.  R modulo 9, times 64, is how many
 * copies of the last part are added as well (up to 512: past the note
 * limit).  Inputs may be long (fuzz -max_len=300000): notes over 64 KiB.
 *
 * What check accepts, build must build (else abort).  The other oracle:
 * dossier.d must be rule lines (ending in `:` or `: \`) and prerequisite
 * lines (starting with a space), with no character make could read as
 * syntax (`;`, `=`, `%`, `|`, quotes, parentheses) and no control
 * character.
 */
#include <stdint.h>

#include "fuzz.h"
#include "build.h"
#include "load.h"
#include "resolve.h"
#include "templates.h"
#include "validate.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXPARTS	16
#define NAME_MAX_	200

static struct templates	*tp;
static char		*company, *outdir, *orig_dir;

/* Runs a shell command on our own scratch paths (quoted, no content). */
static void
sh(const char *fmt, const char *a, const char *b)
{
	char	*cmd = xasprintf(fmt, a, b);

	if (system(cmd) != 0) {
		fprintf(stderr, "fuzz_company: failed: %s\n", cmd);
		exit(1);
	}
	free(cmd);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*top = fuzz_top(), *tdir = fuzz_templates_dir(top), *base;

	(void)argc, (void)argv;
	if ((tp = templates_load(tdir)) == NULL) {
		diag_flush(stderr, 1);
		exit(1);
	}
	base = fuzz_scratch("company");
	company = xasprintf("%s/co", base);
	outdir = xasprintf("%s/out", base);
	free(base);
	orig_dir = xasprintf("%s/content/horejsi", top);
	sh("cp -R '%s' '%s'", orig_dir, company);
	free(tdir);
	free(top);
	return 0;
}

/* A file name from the input's bytes: no `/`, no NUL, ending in .md. */
static char *
note_name(const uint8_t *p, size_t n, size_t k)
{
	struct buf	 b = { 0 };
	size_t		 i;

	if (n > NAME_MAX_)
		n = NAME_MAX_;
	for (i = 0; i < n; i++)
		buf_putc(&b, p[i] == '/' || p[i] == 0 ? '_' : (char)p[i]);
	if (b.len == 0 || (b.len == 1 && b.data[0] == '.') ||
	    (b.len == 2 && memcmp(b.data, "..", 2) == 0))
		buf_printf(&b, "n%zu", k);
	if (b.len < 3 || strcmp(b.data + b.len - 3, ".md") != 0)
		buf_puts(&b, ".md");
	return buf_take(&b);
}

/* The oracle on dossier.d (see the top of the file). */
static void
check_deps(void)
{
	char	*path = xasprintf("%s/co/dossier.d", outdir), *d, *p, *nl;
	size_t	 len;

	if ((d = file_read(path, 64u << 20, &len)) != NULL) {
		for (p = d; *p; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				abort();	/* a line without an end */
			/* a prerequisite (after a space), or a rule whose
			 * line ends at its colon or continues */
			if (nl == p || (*p != ' ' && nl[-1] != ':' &&
			    !(nl - p > 3 && memcmp(nl - 3, ": \\", 3) == 0)))
				abort();
			for (; p < nl; p++)
				if ((unsigned char)*p < 0x20 || *p == 0x7f ||
				    strchr(";=%|'\"`()", *p) != NULL)
					abort();
		}
	}
	free(d);
	free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct build_opts	 o = { NULL, FORMAT_HTML | FORMAT_PDF, NULL, 0 };
	const uint8_t		*part[MAXPARTS], *p, *end = data + size;
	size_t			 plen[MAXPARTS], np = 0, i, r, k;
	struct company		*c;
	struct buf		 added = { 0 };	/* paths, NUL after each */

	if (size < 2)
		return 0;
	r = (data[0] % 9) * 64;
	for (p = data + 1; p < end && np < MAXPARTS; ) {
		const uint8_t *sep = memchr(p, 0xff, (size_t)(end - p));

		part[np] = p;
		plen[np++] = sep ? (size_t)(sep - p) : (size_t)(end - p);
		p = sep ? sep + 1 : end;
	}
	for (i = 0; i < np; i++) {
		const uint8_t *nl = memchr(part[i], '\n', plen[i]);
		char *name = nl ? note_name(part[i], (size_t)(nl - part[i]), i) :
		    xasprintf("n%zu.md", i);
		const uint8_t *body = nl ? nl + 1 : part[i];
		size_t blen = plen[i] - (size_t)(body - part[i]);
		char *path = xasprintf("%s/%s", company, name);

		while (access(path, F_OK) == 0) {	/* a new note always */
			char *other = xasprintf("%s/x-%s", company, name);

			free(name);
			name = xstrdup(strrchr(other, '/') + 1);
			free(path);
			path = other;
		}
		fuzz_write(path, body, blen);
		buf_put(&added, path, strlen(path) + 1);
		for (k = 0; i + 1 == np && k < r; k++) {
			char *copy = xasprintf("%s/rep-%03zu-%s", company, k,
			    name);

			fuzz_write(copy, body, blen);
			buf_put(&added, copy, strlen(copy) + 1);
			free(copy);
		}
		free(path);
		free(name);
	}

	o.out = outdir;
	c = load_company(company, tp);
	validate_company(c, tp);
	resolve_company(c, tp);
	if (diag_errors() == 0 && build_company(c, tp, &o, NULL) == -1)
		abort();	/* check passed it: build must build it */
	company_free(c);
	fuzz_discard_diags();
	check_deps();

	/* Back to horejsi alone for the next input. */
	for (p = (const uint8_t *)added.data; added.len > 0 &&
	    p < (const uint8_t *)added.data + added.len;
	    p += strlen((const char *)p) + 1)
		unlink((const char *)p);
	buf_free(&added);
	return 0;
}
