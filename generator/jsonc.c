/*
 * jsonc.c: json-c opened with dlopen when `simc lsp` or `simc schema`
 * first needs it (dynlib.h).
 */
#include <stdio.h>

#include "jsonc.h"

JSONC_FUNCS(DL_DEFINE)

int
jsonc_open(char *err, size_t errlen)
{
	static void	*h;
	static int	 ok;
	const char	*why;

	if (ok)
		return 0;
	if ((h = dlopen(LIBJSONC_SONAME, RTLD_NOW | RTLD_LOCAL)) != NULL
	    JSONC_FUNCS(DL_RESOLVE)) {
		ok = 1;
		return 0;
	}
	why = dlerror();
	if (h != NULL)
		dlclose(h);
	snprintf(err, errlen, "cannot load json-c: %s",
	    why ? why : LIBJSONC_SONAME);
	return -1;
}
