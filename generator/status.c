/*
 * status.c: the terminal backend of `simc status`.  Phases, tools with
 * their status and reasons, the prioritisation, thresholds, next step;
 * or, for several companies, the portfolio with the programme's totals.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "report.h"
#include "resolve.h"
#include "util.h"

#define C_RESET	"\033[0m"
#define C_BOLD	"\033[1m"
#define C_GREEN	"\033[32m"
#define C_YELLOW "\033[33m"
#define C_RED	"\033[31m"
#define C_DIM	"\033[2m"

struct out {
	FILE	*f;
	int	 colour;
};

static void
sgr(const struct out *o, const char *code)
{
	if (o->colour)
		fputs(code, o->f);
}

/* Prints s padded to width columns, counting UTF-8 characters. */
static void
pad(FILE *f, const char *s, size_t width)
{
	size_t	 n = 0;
	const char *p;

	for (p = s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	fputs(s, f);
	while (n++ < width)
		fputc(' ', f);
}

static const char *
status_colour(enum tstatus s)
{
	switch (s) {
	case ST_COMPLETE:
		return C_GREEN;
	case ST_DRAFT:
		return C_YELLOW;
	case ST_MISSING:
		return C_RED;
	default:
		return C_DIM;
	}
}

static void
status_word(const struct out *o, enum tstatus s, size_t width)
{
	sgr(o, status_colour(s));
	pad(o->f, status_name(s), width);
	sgr(o, C_RESET);
}

static const char *
company_name(const struct company *c)
{
	const char		*s = company_text(c, "title");

	return s ? s : c->slug;
}

static void
next_step(const struct out *o, const struct resolved *r)
{
	if (r->next == NULL) {
		fputs("every tool is complete", o->f);
		return;
	}
	fprintf(o->f, "%s `%s` (phase %d, %s)", status_name(r->next->status),
	    r->next->def->key, r->next->def->phase, r->next->def->label);
	if (r->next_segment)
		fprintf(o->f, " for segment `%s`", r->next_segment);
}

static void
milestone(FILE *f, const char *what, const char *date)
{
	fputs("  ", f);
	pad(f, what, 32);
	fprintf(f, "%s\n", date ? date : "-");
}

/* A decision: its key, in words ("strategy accepted"). */
static void
decision(FILE *f, const struct threshold *t)
{
	char	*w = xstrdup(t->key), *p;

	for (p = w; *p; p++)
		if (*p == '_')
			*p = ' ';
	milestone(f, w, t->date);
	free(w);
}

/*
 * A threshold: its key and what it means, in the status's own words for
 * the seeds' three thresholds, else its label.
 */
static void
threshold(FILE *f, const struct threshold *t, size_t i)
{
	static const char *const words[] = { "new service in the portfolio",
	    "income from the service", "sold on a foreign market" };
	char	*w = xasprintf("%s %s", t->key, i < 3 ? words[i] :
		    t->def->label);

	milestone(f, w, t->date);
	free(w);
}

void
status_company(FILE *f, const struct company *c, int colour)
{
	const struct out	 o = { f, colour };
	const struct resolved	*r = c->res;
	const char		*product = company_text(c, "summary");
	size_t			 i, j;
	int			 ph;
	char			*changes, *line, *save;

	sgr(&o, C_BOLD);
	fprintf(f, "%s", company_name(c));
	sgr(&o, C_RESET);
	fprintf(f, " (%s)\n", c->dir);
	if (product)
		fprintf(f, "product: %s\n", product);
	for (ph = 0; ph < (int)r->tp->nphases; ph++) {
		fprintf(f, "\nphase %d  ", r->tp->phases[ph].number);
		status_word(&o, r->phases[ph], 0);
		fputc('\n', f);
		for (i = 0; i < r->ntools; i++) {
			const struct toolstate *ts = &r->tools[i];

			if (ts->def->phase_index != (size_t)ph)
				continue;
			fputs("  ", f);
			pad(f, ts->def->key, 16);
			status_word(&o, ts->status, ts->nnotes ||
			    ts->status == ST_UNUSED ? 10 : 0);
			for (j = 0; j < ts->nnotes; j++)
				fprintf(f, "%s%s", j ? ", " : "",
				    ts->notes[j]->rel);
			if (ts->status == ST_UNUSED)
				fputs("optional", f);
			fputc('\n', f);
			for (j = 0; j < ts->nreasons; j++) {
				char *s = reason_text(r->tp, 0,
				    &ts->reasons[j]);

				fprintf(f, "%*s- %s\n", 28, "", s);
				free(s);
			}
		}
	}

	if (r->nopps > 0) {
		const struct rankdef *rk = &r->tp->ranking;

		fprintf(f, "\nprioritisation (impact: customer + company "
		    "perspective; score: sum of %s criteria, lowest is "
		    "easiest)\n", number_word(rk->minus >= 0 ?
		    r->tp->sums[rk->minus].nfields : 0));
		fputs("  rank  id      impact  score  impact-score  "
		    "opportunity\n", f);
		for (i = 0; i < r->nranked; i++) {
			const struct opportunity *op = r->ranked[i];

			fprintf(f, "  %-4d  ", op->rank);
			pad(f, op->id, 6);
			fprintf(f, "  %6d  %5d  %+12d  %s%s\n", op->impact,
			    op->score, op->impact - op->score,
			    op->name ? op->name : "",
			    op->recommended ? "  <- recommended" : "");
		}
		for (i = 0, j = 0; i < r->nopps; i++)
			if (r->opps[i].prow == NULL)
				fprintf(f, "%s%s", j++ ? ", " : "  not yet "
				    "prioritised: ", r->opps[i].id);
		if (j)
			fputc('\n', f);
		for (i = 0, j = 0; i < r->nopps; i++)
			if (r->opps[i].prow != NULL && r->opps[i].rank == 0)
				fprintf(f, "%s%s", j++ ? ", " : "  not ranked "
				    "(a rating is missing or wrong): ",
				    r->opps[i].id);
		if (j)
			fputc('\n', f);
		if (r->recommended)
			fprintf(f, "  recommended: %s (largest impact - "
			    "score)\n", r->recommended);
		if (r->concept)
			fprintf(f, "  concept: %s%s\n", r->concept,
			    r->recommended && strcmp(r->concept,
			    r->recommended) != 0 ? " (not the recommended "
			    "one)" : r->recommended ? " (the recommended one)"
			    : "");
	}

	fputs("\nmilestones\n", f);
	for (i = 0; i < r->tp->nphases; i++) {
		int n = r->tp->phases[i].number;

		for (j = 0; j < r->ndecided; j++)
			if (r->decided[j].phase == n)
				decision(f, &r->decided[j]);
		for (j = 0; j < r->nthresholds; j++)
			if (r->thresholds[j].phase == n)
				threshold(f, &r->thresholds[j], j);
	}
	if (c->real != NULL && (changes = content_changes(c->real)) != NULL) {
		fputs("\nchanged since the last commit\n", f);
		for (line = strtok_r(changes, "\n", &save); line;
		    line = strtok_r(NULL, "\n", &save))
			fprintf(f, "  %s\n", line);
		free(changes);
	}

	fputs("\nnext step: ", f);
	sgr(&o, C_BOLD);
	next_step(&o, r);
	sgr(&o, C_RESET);
	fputc('\n', f);
}

void
status_portfolio_line(FILE *f, const struct company *c, struct portfolio *pf,
    size_t errors, int colour)
{
	const struct out	 o = { f, colour };
	const struct resolved	*r = c->res;
	char			*name = xstrdup(company_name(c)), *p;
	size_t			 k, n = 0;

	if (pf->n++ == 0)
		fputs("company                          phase  t1 t2 t3  "
		    "next step\n", f);
	/* Cut long names to 32 characters, on a character edge, the
	 * last one an ellipsis. */
	for (p = name; *p; p++)
		if ((*p & 0xc0) != 0x80 && ++n > 32)
			break;
	if (*p != '\0') {
		for (n = 0, p = name; *p; p++)
			if ((*p & 0xc0) != 0x80 && ++n > 31)
				break;
		*p = '\0';
		p = xasprintf("%s\xe2\x80\xa6", name);
		free(name);
		name = p;
	}
	pad(f, name, 33);
	free(name);
	if (errors > 0) {
		/* Not a draft: nothing of it can be trusted until fixed. */
		pf->failed++;
		fprintf(f, "%s%-5s%s  -  -  -  %zu error%s: fix %s first "
		    "(simc check)\n", colour ? C_RED : "", "error",
		    colour ? C_RESET : "", errors, errors == 1 ? "" : "s",
		    errors == 1 ? "it" : "them");
		return;
	}
	if (r->next)
		fprintf(f, "%-5d  ", r->next->def->phase);
	else
		fputs("done   ", f);
	for (k = 0; k < 3; k++) {
		const char *date = k < r->nthresholds ?
		    r->thresholds[k].date : NULL;

		fputs(date ? "x  " : "-  ", f);
		pf->reached[k] += date != NULL;
	}
	/* Concepts: complete notes of the tool that chooses an entry. */
	pf->concepts += r->tp->ranking.chosen_tool != NULL &&
	    tool_state(r, r->tp->ranking.chosen_tool) != NULL &&
	    tool_state(r, r->tp->ranking.chosen_tool)->status == ST_COMPLETE;
	next_step(&o, r);
	fputc('\n', f);
}

void
status_portfolio_end(FILE *f, const struct portfolio *pf)
{
	fprintf(f, "\n%zu compan%s; concepts developed: %zu; services in the "
	    "portfolio (t1): %zu; with income (t2): %zu; sold abroad (t3): "
	    "%zu", pf->n, pf->n == 1 ? "y" : "ies", pf->concepts,
	    pf->reached[0], pf->reached[1], pf->reached[2]);
	if (pf->failed > 0)
		fprintf(f, "; with errors: %zu", pf->failed);
	fputc('\n', f);
}
