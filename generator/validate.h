/*
 * validate.h: the validate pass, every note against its tool's definition.
 */
#ifndef SIMC_VALIDATE_H
#define SIMC_VALIDATE_H

#include "model.h"

#define LIMIT_ROWS		1000	/* entries in one list of records */

/*
 * Checks kinds, ranges, enums, dates, ids, images and unknown keys of
 * every loaded note, and the number of notes per tool.  Reports through
 * diag() and records each empty required field in note->missing.
 */
void	validate_company(struct company *, const struct templates *);

#endif
