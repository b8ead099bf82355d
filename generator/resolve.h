/*
 * resolve.h: the resolve pass.  After validate: references across notes,
 * the status of every tool and phase, the prioritisation, the thresholds
 * and the next step.  Fills company->res; reports through diag().
 */
#ifndef SIMC_RESOLVE_H
#define SIMC_RESOLVE_H

#include "model.h"
#include "value.h"

void		 resolve_company(struct company *, const struct templates *);
void		 resolved_free(struct resolved *);

/* The first note of a tool, or NULL. */
const struct note *first_note(const struct company *, const char *tool);
const char	*status_name(enum tstatus);
/* A reason in label language li (0: English).  Caller frees. */
char		*reason_text(const struct templates *, int li,
		    const struct reason *);
/* The state of the tool named key, or NULL. */
const struct toolstate *tool_state(const struct resolved *, const char *key);
/* The entries of target key (its index), or NULL if no target has it. */
const struct tindex *resolved_target(const struct resolved *,
		    const char *key);
/*
 * The entry a reference to target names by s (the first of equal keys),
 * or NULL.
 */
const struct tentry *resolved_entry(const struct resolved *,
		    const char *target, const char *s);
/* The first entry of the ranked target (an opportunity) of id, or NULL. */
struct opportunity *resolved_opportunity(const struct resolved *,
		    const char *id);
/* The note of the tool with the role company, or NULL. */
const struct note *company_note(const struct company *);
/* The field of tool t with role, or NULL. */
const struct fielddef *role_field(const struct tooldef *t, const char *role);
/* The text of company c's field with role, or NULL. */
const char	*company_text(const struct company *c, const char *role);

#endif
