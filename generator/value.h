/*
 * value.h: how a note's values are read, one reader per kind of value,
 * shared by every pass (validate checks with them what resolve, the form
 * pass and the figures then read with them).
 */
#ifndef SIMC_VALUE_H
#define SIMC_VALUE_H

#include "model.h"

/* The scalar text of a node, or NULL for anything else or empty. */
const char	*ystr(const struct ynode *);
/*
 * The integer of v within field f's bounds (util.c's parse_long): 1 and
 * *out, or 0 when v is no such integer.
 */
int		 value_int(const struct fielddef *f, const struct ynode *v,
		    int *out);
/* The yes/no of v (util.c's parse_bool): 1 and *out, or 0. */
int		 value_bool(const struct ynode *v, int *out);
/* The date of v, YYYY-MM-DD (util.c's parse_date): its text, or NULL. */
const char	*value_date(const struct ynode *v);

#endif
