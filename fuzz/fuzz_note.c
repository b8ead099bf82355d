/*
 * fuzz_note.c: libFuzzer entry point for the front of the pipeline.
 *
 * Each input becomes the one note a.md of a company folder in
 * /tmp/simc-fuzz-PID/note/c (beside a valid logo.png, so that image
 * fields can name a real file), which goes through load, validate and
 * resolve, then the text backends (dump, status, export) into /dev/null.
 * Diagnostics are thrown away.  The templates are loaded once.
 */
#include <stdint.h>

#include "fuzz.h"
#include "dump.h"
#include "load.h"
#include "report.h"
#include "resolve.h"
#include "templates.h"
#include "validate.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct templates	*tp;
static char		*company, *note;
static FILE		*null;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*top = fuzz_top(), *tdir = fuzz_templates_dir(top);
	char	*src, *dst, *data;
	size_t	 len;

	(void)argc, (void)argv;
	if ((tp = templates_load(tdir)) == NULL) {
		diag_flush(stderr, 1);
		fprintf(stderr, "fuzz_note: no templates in %s\n", tdir);
		exit(1);
	}
	company = fuzz_scratch("note/c");
	note = xasprintf("%s/a.md", company);
	src = xasprintf("%s/content/horejsi/logo.png", top);
	dst = xasprintf("%s/logo.png", company);
	if ((data = file_read(src, 1u << 20, &len)) != NULL)
		fuzz_write(dst, data, len);
	if ((null = fopen("/dev/null", "w")) == NULL)
		exit(1);
	free(data);
	free(src);
	free(dst);
	free(tdir);
	free(top);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct company	*c;

	fuzz_write(note, data, size);
	c = load_company(company, tp);
	validate_company(c, tp);
	resolve_company(c, tp);
	dump_company(null, c);
	status_company(null, c, 1);
	export_company(null, c);
	company_free(c);
	fuzz_discard_diags();
	return 0;
}
