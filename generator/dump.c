/*
 * dump.c: a text backend that prints the loaded model, every value with
 * its line and column, so that tests can compare what the loader read.
 */
#include <string.h>

#include "dump.h"

static void
indent(FILE *f, int depth)
{
	while (depth-- > 0)
		fputs("  ", f);
}

/* Prints a scalar on one line, escaping newlines and quotes. */
static void
quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
node(FILE *f, const struct ynode *n, int depth)
{
	size_t	 i;

	switch (n->kind) {
	case Y_SCALAR:
		if (n->flags & YF_NULL)
			fputs("null", f);
		else
			quoted(f, n->str);
		fprintf(f, " @%d:%d%s\n", n->line, n->col,
		    n->flags & YF_BODY ? " body" : "");
		break;
	case Y_SEQ:
		fprintf(f, "list @%d:%d\n", n->line, n->col);
		for (i = 0; i < n->nkids; i++) {
			indent(f, depth + 1);
			fputs("- ", f);
			node(f, n->kids[i], depth + 1);
		}
		break;
	case Y_MAP:
		fprintf(f, "map @%d:%d\n", n->line, n->col);
		for (i = 0; i + 1 < n->nkids; i += 2) {
			indent(f, depth + 1);
			fprintf(f, "%s: ", n->kids[i]->str);
			node(f, n->kids[i + 1], depth + 1);
		}
		break;
	}
}

void
dump_company(FILE *f, const struct company *c)
{
	size_t	 i, j;

	fprintf(f, "company %s\n", c->slug);
	for (i = 0; i < c->nnotes; i++) {
		const struct note *n = c->notes[i];

		fprintf(f, "note %s tool=%s%s%s\n", n->rel,
		    n->tool_name ? n->tool_name : "?",
		    n->draft ? " draft" : "", n->ok ? "" : " failed");
		for (j = 0; j < n->nmissing; j++)
			fprintf(f, "  missing %s\n", n->missing[j]);
		if (n->fm != NULL) {
			indent(f, 1);
			node(f, n->fm, 1);
		}
		if (n->notes != NULL) {
			fprintf(f, "  notes @%d: ", n->notes_line);
			quoted(f, n->notes);
			fputc('\n', f);
		}
	}
}
