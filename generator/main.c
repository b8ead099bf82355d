/*
 * main.c: the simc command line.  Each command runs the passes it needs,
 * in pipeline order: templates, load, validate, (resolve, render).
 * Exit status: 0 clean or warnings only, 1 errors, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dump.h"
#include "load.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

#ifndef SIMC_VERSION
#define SIMC_VERSION "unknown"
#endif

#define EXIT_USAGE	2

static const char usage_text[] =
"usage: simc [--templates DIR] COMMAND [ARGS]\n"
"\n"
"commands:\n"
"  check DIR...        load and validate; diagnostics on stderr\n"
"  dump DIR            the loaded model as text (for tests)\n"
"\n"
"exit status: 0 clean or warnings only, 1 errors, 2 usage\n";

static int
usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "simc: %s\n", msg);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* Loads and validates one company; NULL only if templates are broken. */
static struct company *
compile(const char *dir, const struct templates *tp)
{
	struct company	*c = load_company(dir, tp);

	validate_company(c, tp);
	return c;
}

static int
cmd_check(int argc, char **argv, const struct templates *tp)
{
	int	 i;

	if (argc < 1)
		return usage("check needs at least one company folder");
	for (i = 0; i < argc; i++)
		company_free(compile(argv[i], tp));
	return diag_flush(stderr, 1) ? 1 : 0;
}

static int
cmd_dump(int argc, char **argv, const struct templates *tp)
{
	struct company	*c;

	if (argc != 1)
		return usage("dump needs one company folder");
	c = compile(argv[0], tp);
	dump_company(stdout, c);
	company_free(c);
	return diag_flush(stderr, 1) ? 1 : 0;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name;
		int		(*fn)(int, char **, const struct templates *);
	} cmds[] = {
		{ "check", cmd_check },
		{ "dump", cmd_dump },
	};
	struct templates	*tp;
	const char		*tdir = NULL;
	char			*found;
	size_t			 i;
	int			 rc;

	argc--, argv++;
	while (argc > 0 && argv[0][0] == '-') {
		if (strcmp(argv[0], "--version") == 0) {
			printf("simc %s\n", SIMC_VERSION);
			return 0;
		}
		if (strcmp(argv[0], "--help") == 0 ||
		    strcmp(argv[0], "-h") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(argv[0], "--templates") == 0 && argc > 1) {
			tdir = argv[1];
			argc -= 2, argv += 2;
			continue;
		}
		return usage("unknown option");
	}
	if (argc < 1)
		return usage(NULL);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[0], cmds[i].name) == 0)
			break;
	if (i == sizeof(cmds) / sizeof(cmds[0])) {
		fprintf(stderr, "simc: unknown command `%s`\n", argv[0]);
		return usage(NULL);
	}
	if ((found = templates_find(tdir)) == NULL) {
		fputs("simc: cannot find the templates folder; use "
		    "--templates DIR or set SIMC_TEMPLATES\n", stderr);
		return 1;
	}
	tp = templates_load(found);
	free(found);
	if (tp == NULL) {
		diag_flush(stderr, 1);
		return 1;
	}
	rc = cmds[i].fn(argc - 1, argv + 1, tp);
	templates_free(tp);
	return rc;
}
