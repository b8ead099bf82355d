/*
 * lsp.h: `simc lsp`, a language server for editors on standard input
 * and output.
 */
#ifndef SIMC_LSP_H
#define SIMC_LSP_H

#include "model.h"

/*
 * Serves the Language Server Protocol until `exit` or the end of the
 * input.  Returns the exit status: 0 after `shutdown` then `exit`,
 * else 1.
 */
int	lsp_run(const struct templates *);

#endif
