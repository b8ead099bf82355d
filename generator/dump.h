/*
 * dump.h: the loaded model as indented text, for tests and debugging.
 */
#ifndef SIMC_DUMP_H
#define SIMC_DUMP_H

#include <stdio.h>

#include "model.h"

void	dump_company(FILE *, const struct company *);

#endif
