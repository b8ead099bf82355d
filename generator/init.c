/*
 * init.c: `simc init` (to come).
 */
#include <stdio.h>

#include "init.h"

int
cmd_init(int argc, char **argv, const struct templates *tp)
{
	(void)argc, (void)argv, (void)tp;
	fputs("simc: init is not available yet\n", stderr);
	return 2;
}
