/*
 * export.c: the JSON backend of `simc export`: the resolved model, with
 * every text escaped, for scripts and other tools.  Keys are documented
 * in README.md.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "resolve.h"

static void
jstr(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

static void
jint(FILE *f, int v, int valid)
{
	if (valid)
		fprintf(f, "%d", v);
	else
		fputs("null", f);
}

static void
field(FILE *f, const char *key, const char *val, int last)
{
	fprintf(f, "\"%s\": ", key);
	jstr(f, val);
	fputs(last ? "" : ", ", f);
}

void
export_company(FILE *f, const struct company *c)
{
	const struct resolved	*r = c->res;
	const char		*lang = company_text(c, "language");
	size_t			 i, j;

	fputs("{\n  \"company\": {", f);
	field(f, "folder", c->dir, 0);
	field(f, "slug", c->slug, 0);
	field(f, "name", company_text(c, "title"), 0);
	field(f, "product", company_text(c, "summary"), 0);
	field(f, "language", lang ? lang : "en", 0);
	field(f, "country", company_text(c, "country"), 1);
	fputs("},\n  \"phases\": [", f);
	for (i = 0; i < r->tp->nphases; i++)
		fprintf(f, "%s{\"phase\": %d, \"status\": \"%s\"}",
		    i ? ", " : "", r->tp->phases[i].number,
		    status_name(r->phases[i]));
	fputs("],\n  \"tools\": [", f);
	for (i = 0; i < r->ntools; i++) {
		const struct toolstate *ts = &r->tools[i];

		fprintf(f, "%s\n    {", i ? "," : "");
		field(f, "tool", ts->def->key, 0);
		fprintf(f, "\"phase\": %d, \"required\": %s, ",
		    ts->def->phase, ts->def->required ? "true" : "false");
		field(f, "status", status_name(ts->status), 0);
		field(f, "file", ts->nnotes ? ts->notes[0]->rel : NULL, 0);
		fputs("\"files\": [", f);
		for (j = 0; j < ts->nnotes; j++) {
			fputs(j ? ", " : "", f);
			jstr(f, ts->notes[j]->rel);
		}
		fputs("], \"reasons\": [", f);
		for (j = 0; j < ts->nreasons; j++) {
			char *s = reason_text(r->tp, 0, &ts->reasons[j]);

			fputs(j ? ", " : "", f);
			jstr(f, s);
			free(s);
		}
		fputs("]}", f);
	}
	fputs("\n  ],\n  \"segments\": [", f);
	for (i = 0; i < r->nsegs; i++) {
		fprintf(f, "%s\n    {", i ? "," : "");
		field(f, "id", r->segs[i].id, 0);
		field(f, "name", r->segs[i].name, 0);
		fprintf(f, "\"targeted\": %s}",
		    r->segs[i].targeted ? "true" : "false");
	}
	fputs(r->nsegs ? "\n  ],\n" : "],\n", f);
	fputs("  \"opportunities\": [", f);
	for (i = 0; i < r->nopps; i++) {
		const struct opportunity *o = &r->opps[i];

		fprintf(f, "%s\n    {", i ? "," : "");
		field(f, "id", o->id, 0);
		field(f, "name", o->name, 0);
		for (j = 0; j < r->tp->nsums; j++) {
			fprintf(f, "\"%s\": ", r->tp->sums[j].key);
			jint(f, o->sums[j], o->sums[j] >= 0);
			fputs(", ", f);
		}
		fputs("\"rank\": ", f);
		jint(f, o->rank, o->rank > 0);
		fprintf(f, ", \"prioritised\": %s, \"recommended\": %s}",
		    o->prow ? "true" : "false",
		    o->recommended ? "true" : "false");
	}
	fputs(r->nopps ? "\n  ],\n" : "],\n", f);
	fputs("  \"recommended\": ", f);
	jstr(f, r->recommended);
	fputs(",\n  \"concept\": ", f);
	if (r->concept) {
		fputs("{\"opportunity\": ", f);
		jstr(f, r->concept);
		fprintf(f, ", \"recommended\": %s}", r->recommended &&
		    strcmp(r->concept, r->recommended) == 0 ? "true" :
		    "false");
	} else
		fputs("null", f);
	fputs(",\n  \"decisions\": {", f);
	for (i = 0; i < r->ndecided; i++)
		field(f, r->decided[i].key, r->decided[i].date,
		    i + 1 == r->ndecided);
	fputs("},\n  \"thresholds\": {", f);
	for (i = 0; i < r->nthresholds; i++) {
		fprintf(f, "%s\"%s\": {\"reached\": %s, ", i ? ", " : "",
		    r->thresholds[i].key,
		    r->thresholds[i].date ? "true" : "false");
		field(f, "date", r->thresholds[i].date, 1);
		fputs("}", f);
	}
	fputs("},\n  \"next\": ", f);
	if (r->next) {
		fputs("{", f);
		field(f, "tool", r->next->def->key, 0);
		fprintf(f, "\"phase\": %d, ", r->next->def->phase);
		field(f, "status", status_name(r->next->status), 0);
		field(f, "segment", r->next_segment, 1);
		fputs("}", f);
	} else
		fputs("null", f);
	fprintf(f, ",\n  \"references\": %zu\n}\n", r->nrefs);
}
