/*
 * templates.h: reads templates/ into struct templates.
 */
#ifndef SIMC_TEMPLATES_H
#define SIMC_TEMPLATES_H

#include "model.h"

/*
 * Finds the templates folder: dir if given, else $SIMC_TEMPLATES, else
 * beside the executable, else the installed share/simc/templates.
 * Returns a new string or NULL.
 */
char			*templates_find(const char *dir);
/* Reads dir/tools.yaml; NULL after diagnostics.  Caller frees. */
struct templates	*templates_load(const char *dir);
void			 templates_free(struct templates *);

const struct tooldef	*tool_find(const struct templates *, const char *);
const struct fielddef	*field_find(const struct fielddef *, size_t,
			    const char *);
const char		*kind_name(enum fkind);

#endif
