/*
 * schema.h: `simc schema`, the JSON Schema of the front matter, made
 * from the definitions of templates/.
 */
#ifndef SIMC_SCHEMA_H
#define SIMC_SCHEMA_H

#include <stdio.h>

#include "model.h"

/*
 * Prints the draft-07 schema of tool's front matter, or of every tool's
 * (chosen by the `tool` key) when tool is NULL.  Returns 0, or -1 when
 * no tool has that key (nothing printed), or -2 when json-c cannot be
 * loaded (said on stderr).
 */
int	schema_print(FILE *, const struct templates *, const char *tool);

#endif
