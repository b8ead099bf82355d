/*
 * figure.h: the figures of the dossier as primitives (see form.h): the
 * emotion curve of a journey, the reward/challenge matrix, the criteria
 * bars and the workflow figure.  Part of the form pass; the geometry is
 * computed here once and only drawn by the backends.
 */
#ifndef SIMC_FIGURE_H
#define SIMC_FIGURE_H

#include "form.h"

struct figure	*fig_new(float w, float h);
void		 fig_free(struct figure *);
/* The width of text in a figure (Liberation Sans metrics, estimated). */
float		 fig_textw(const char *, float size, int bold);

/*
 * One stage's piece of an emotion curve, 100 wide, to be stretched to
 * its grid column: from the left edge (between prev and this) through
 * this stage to the right edge.  Values are -2..2, or FIG_NONE; pains
 * marks the stage; axis labels the scale (-2..+2) at its left edge.
 */
#define FIG_NONE	(-100)
struct figure	*fig_curve_piece(int prev, int cur, int next, int pains,
		    int axis);
/* Where a curve piece draws value v (-2..2), from its top. */
float		 fig_curve_y(int v);

/* The reward/challenge matrix and the criteria bars of a company. */
struct figure	*fig_matrix(const struct doc *);
struct figure	*fig_bars(const struct doc *);
/* The methodology's workflow, coloured by the company's status. */
struct figure	*fig_workflow(const struct doc *);

#endif
