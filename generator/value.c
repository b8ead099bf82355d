/*
 * value.c: one reader per kind of value (see value.h).
 */
#include <limits.h>

#include "util.h"
#include "value.h"

const char *
ystr(const struct ynode *n)
{
	return n != NULL && n->kind == Y_SCALAR && !yempty(n) ? n->str : NULL;
}

int
value_int(const struct fielddef *f, const struct ynode *v, int *out)
{
	const char	*s = ystr(v);
	long		 lo = f->has_min ? f->min : INT_MIN;
	long		 hi = f->has_max ? f->max : INT_MAX;
	long		 x;

	if (lo < INT_MIN)
		lo = INT_MIN;
	if (hi > INT_MAX)
		hi = INT_MAX;
	if (s == NULL || !parse_long(s, lo, hi, &x))
		return 0;
	*out = (int)x;
	return 1;
}

int
value_bool(const struct ynode *v, int *out)
{
	const char	*s = ystr(v);

	return s != NULL && parse_bool(s, out);
}

const char *
value_date(const struct ynode *v)
{
	const char	*s = ystr(v);
	int		 y, m, d;

	return s != NULL && parse_date(s, &y, &m, &d) ? s : NULL;
}
