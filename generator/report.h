/*
 * report.h: the terminal and JSON backends over the resolved model
 * (`simc status`, `simc export`).  They only read struct company.
 */
#ifndef SIMC_REPORT_H
#define SIMC_REPORT_H

#include <stdio.h>

#include "model.h"

/* The workflow of one company, for a person at a terminal. */
void	status_company(FILE *, const struct company *, int colour);
/* The portfolio: one line per company, then the programme's totals. */
struct portfolio {
	size_t	 n;		/* companies so far */
	size_t	 concepts;	/* with a complete concept */
	size_t	 reached[3];	/* past thresholds t1, t2, t3 */
	size_t	 failed;	/* with errors */
};
/* errors: how many the company has (it is shown as such, not as a
 * draft). */
void	status_portfolio_line(FILE *, const struct company *,
	    struct portfolio *, size_t errors, int colour);
void	status_portfolio_end(FILE *, const struct portfolio *);
/* The resolved model as one JSON object. */
void	export_company(FILE *, const struct company *);

/*
 * `simc report`: the programme report of the companies in dirs into
 * OUT/programme/ (report.html, report.pdf, report.csv, written together
 * as a dossier is).  Every company is a row, with its errors if it has
 * some.  Returns 0 or -1 (reported through diag()).
 */
struct build_opts;
struct templates;
int	report_write(char **dirs, size_t n, const struct templates *,
	    const struct build_opts *);

#endif
