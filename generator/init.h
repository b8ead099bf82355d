/*
 * init.h: `simc init DIR --name NAME [--lang LL]`, a new company folder.
 */
#ifndef SIMC_INIT_H
#define SIMC_INIT_H

#include "model.h"

/* Runs the init command on its arguments; returns the exit status. */
int	cmd_init(int argc, char **argv, const struct templates *);

#endif
