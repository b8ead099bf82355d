/*
 * fuzz.h: what the libFuzzer entry points of fuzz/ share: finding the
 * repository (templates/, fonts/, content/), a scratch folder per
 * process, writing whole files, and throwing diagnostics away.
 * Included once by each fuzz_*.c; everything is static.
 */
#ifndef SIMC_FUZZ_H
#define SIMC_FUZZ_H

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"
#include "util.h"

/*
 * The repository: $SIMC_TOP, else the parent of $SIMC_TEMPLATES, else
 * the parent of the folder holding the fuzzer (fuzz/).  Caller frees.
 */
static char *
fuzz_top(void)
{
	char	 exe[PATH_MAX], *p;
	ssize_t	 n;

	if ((p = getenv("SIMC_TOP")) != NULL && *p != '\0')
		return xstrdup(p);
	if ((p = getenv("SIMC_TEMPLATES")) != NULL && *p != '\0')
		return xasprintf("%s/..", p);
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0) {
		fputs("fuzz: cannot find myself; set SIMC_TOP\n", stderr);
		exit(1);
	}
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) != NULL)
		*p = '\0';
	return xasprintf("%s/..", exe);
}

/* The templates folder: $SIMC_TEMPLATES, else TOP/templates. */
static char *
fuzz_templates_dir(const char *top)
{
	const char	*p = getenv("SIMC_TEMPLATES");

	return p != NULL && *p != '\0' ? xstrdup(p) :
	    xasprintf("%s/templates", top);
}

static char	*fuzz_tmp;

static void
fuzz_cleanup(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", fuzz_tmp);

	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_tmp);
	free(cmd);
}

/*
 * A new, empty folder /tmp/simc-fuzz-PID/name (under $TMPDIR if set),
 * removed at exit.  Caller frees.
 */
static char *
fuzz_scratch(const char *name)
{
	char	*dir;

	fuzz_tmp = xasprintf("%s/simc-fuzz-%ld", getenv("TMPDIR") ?
	    getenv("TMPDIR") : "/tmp", (long)getpid());
	fuzz_cleanup();
	dir = xasprintf("%s/%s", fuzz_tmp, name);
	if (mkdirs(dir) == -1) {
		fprintf(stderr, "fuzz: cannot create %s\n", dir);
		exit(1);
	}
	atexit(fuzz_cleanup);
	return dir;
}

static void
fuzz_write(const char *path, const void *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "fuzz: cannot write %s\n", path);
		exit(1);
	}
}

/* Forgets the diagnostics recorded so far ($FUZZ_DIAG: prints them). */
static void
fuzz_discard_diags(void)
{
	static FILE	*null;

	if (getenv("FUZZ_DIAG") != NULL)
		null = stderr;
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL) {
		fputs("fuzz: cannot open /dev/null\n", stderr);
		exit(1);
	}
	diag_flush(null, 0);
}

#endif
