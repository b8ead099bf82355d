/*
 * resolve.h: the resolve pass.  After validate: references across notes,
 * the status of every tool and phase, the prioritisation, the thresholds
 * and the next step.  Fills company->res; reports through diag().
 */
#ifndef SIMC_RESOLVE_H
#define SIMC_RESOLVE_H

#include "model.h"

void		 resolve_company(struct company *, const struct templates *);
void		 resolved_free(struct resolved *);

/* The scalar text of a node, or NULL for anything else or empty. */
const char	*ystr(const struct ynode *);
/* The first note of a tool, or NULL. */
const struct note *first_note(const struct company *, const char *tool);
const char	*status_name(enum tstatus);
/* A reason in label language li (0: English).  Caller frees. */
char		*reason_text(const struct templates *, int li,
		    const struct reason *);
/* The state of the tool named key, or NULL. */
const struct toolstate *tool_state(const struct resolved *, const char *key);
/* The segment, or the first opportunity, of an id; or NULL. */
const struct segment *resolved_segment(const struct resolved *,
		    const char *id);
struct opportunity *resolved_opportunity(const struct resolved *,
		    const char *id);

#endif
