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
/* One line per company and the programme's totals. */
void	status_portfolio(FILE *, struct company *const *, size_t, int colour);
/* The resolved model as one JSON object. */
void	export_company(FILE *, const struct company *);

#endif
