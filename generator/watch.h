/*
 * watch.h: `simc watch`, a company rebuilt on every change and its HTML
 * dossier served with live reload.
 */
#ifndef SIMC_WATCH_H
#define SIMC_WATCH_H

#include "build.h"
#include "model.h"

/*
 * Builds the company in dir into o->out as `simc build` does, serves it
 * on 127.0.0.1:port (0: any free port) and rebuilds on every change of
 * its folder or of the templates, until SIGINT or SIGTERM.  tp stays the
 * caller's; changed templates are read anew here.  Returns the exit
 * status: 0 when stopped by a signal, 1 when it could not start.
 */
int	watch_run(const char *dir, const struct templates *tp,
	    const struct build_opts *o, unsigned port);

#endif
