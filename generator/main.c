/*
 * main.c: the simc command line.  Each command runs the passes it needs,
 * in pipeline order: templates, load, validate, (resolve, render).
 * Exit status: 0 clean or warnings only, 1 errors, 2 usage.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "dump.h"
#include "history.h"
#include "init.h"
#include "load.h"
#include "lsp.h"
#include "render.h"
#include "report.h"
#include "resolve.h"
#include "schema.h"
#include "templates.h"
#include "util.h"
#include "validate.h"
#include "watch.h"

#ifndef SIMC_VERSION
#define SIMC_VERSION "unknown"
#endif

#define EXIT_USAGE	2

static const char usage_text[] =
"usage: simc [--templates DIR] [--diagnostics=text|json] COMMAND [ARGS]\n"
"\n"
"commands:\n"
"  check DIR|NOTE.md...\n"
"                      load and validate; diagnostics on stderr\n"
"  status DIR...       the workflow: phases, tools, status, next step;\n"
"                      for several companies, the portfolio\n"
"  export DIR...       the resolved model as JSON on stdout (several:\n"
"                      one array)\n"
"  build DIR... [-q] [-o OUT] [--format pdf,html] [--lang LL] [--paper a4|a3]\n"
"        [--since REV]\n"
"                      the dossier(s) into OUT/<company>/ (default out/)\n"
"  blank [--lang LL] [--paper a4|a3] [--tool T[,T...]] [-o OUT]\n"
"                      blank workshop forms into OUT/blank/<lang>/\n"
"  init DIR --name NAME [--lang LL]\n"
"                      a new company folder with every tool's note\n"
"  watch DIR [-o OUT] [--port N]\n"
"                      rebuild on every change; serve the HTML dossier on\n"
"                      127.0.0.1 with live reload and the diagnostics\n"
"  diff [REV[..REV]] DIR [--json]\n"
"                      what changed in the resolved model between two\n"
"                      versions (default: HEAD against the work tree)\n"
"  report DIR... [-o OUT] [--lang LL]\n"
"                      the programme report into OUT/programme/\n"
"  schema [TOOL]       JSON Schema (draft-07) of the front matter\n"
"  lsp                 a language server on stdin/stdout, for editors\n"
"  dump DIR            the loaded model as text (for tests)\n"
"\n"
"A DIR without notes of its own stands for each of its sub-folders\n"
"that has some (simc status content/).\n"
"\n"
"simc COMMAND --help says more of one command.\n"
"exit status: 0 clean or warnings only, 1 errors, 2 usage\n";

static int
usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "simc: %s (simc --help, or simc COMMAND "
		    "--help)\n", msg);
	else
		fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* Validates and resolves a company loaded. */
static void
check_company(struct company *c, const struct templates *tp)
{
	validate_company(c, tp);
	resolve_company(c, tp);
}

/* Loads and validates one company; NULL only if templates are broken. */
static struct company *
compile(const char *dir, const struct templates *tp)
{
	struct company	*c = load_company(dir, tp);

	check_company(c, tp);
	return c;
}

/* True if dir holds a note (*.md) directly. */
static int
has_notes(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 n;
	int		 found = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL)
		found = de->d_name[0] != '.' && (n = strlen(de->d_name)) > 3 &&
		    strcmp(de->d_name + n - 3, ".md") == 0;
	closedir(d);
	return found;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * True unless name, an entry of the folder top (open as fd), is a
 * symbolic link that leads out of top: a portfolio never pulls in a
 * folder from elsewhere (another client's, say).  Reports the refusal.
 */
static int
within(const char *top, int fd, const char *name, const char *shown)
{
	struct stat	 st;
	char		*base, *real, *link;
	size_t		 n;
	int		 ok;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISLNK(st.st_mode))
		return 1;
	base = realpath(top, NULL);
	link = xasprintf("%s/%s", top, name);
	real = realpath(link, NULL);
	n = base ? strlen(base) : 0;
	ok = base != NULL && real != NULL && strncmp(base, real, n) == 0 &&
	    (real[n] == '/' || strcmp(base, "/") == 0);
	if (!ok && real != NULL)
		diag(SEV_ERROR, shown, 1, 1, "symbolic link points outside "
		    "the folder %s: not read", top);
	free(base);
	free(link);
	free(real);
	return ok;
}

/*
 * The company folders that the arguments name: each argument itself when
 * it holds notes, else its sub-folders that do (sorted).
 */
static char **
companies(int argc, char **argv, size_t *n)
{
	char		**out = NULL, *sub;
	size_t		  cap = 0, first;
	struct dirent	 *de;
	DIR		 *d;
	int		  i;

	*n = 0;
	for (i = 0; i < argc; i++) {
		first = *n;
		if (!has_notes(argv[i]) && (d = opendir(argv[i])) != NULL) {
			while ((de = readdir(d)) != NULL) {
				if (de->d_name[0] == '.')
					continue;
				sub = xasprintf("%s%s%s", argv[i],
				    argv[i][strlen(argv[i]) - 1] == '/' ? "" :
				    "/", de->d_name);
				if (!within(argv[i], dirfd(d), de->d_name,
				    sub)) {
					free(sub);
					continue;
				}
				if (has_notes(sub)) {
					xgrow(&out, &cap, *n + 1, sizeof(*out));
					out[(*n)++] = sub;
				} else
					free(sub);
			}
			closedir(d);
			if (*n > first)
				qsort(out + first, *n - first, sizeof(*out),
				    strpcmp);
		}
		if (*n == first) {
			xgrow(&out, &cap, *n + 1, sizeof(*out));
			out[(*n)++] = xstrdup(argv[i]);
		}
	}
	return out;
}

static void
free_list(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* The codes of the label languages, for messages.  Static storage. */
static const char *
lang_list(const struct templates *tp)
{
	static char	 list[256];
	size_t		 i, len = 0;

	list[0] = '\0';
	for (i = 0; i < tp->nlangs && len + 8 < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i ? ", " : "", tp->langs[i].code);
	return list;
}

/* True if arg names a note file (FILE.md, not a folder). */
static int
is_note_arg(const char *arg)
{
	struct stat	 st;
	size_t		 n = strlen(arg);

	return n > 3 && strcmp(arg + n - 3, ".md") == 0 &&
	    !(stat(arg, &st) == 0 && S_ISDIR(st.st_mode));
}

/*
 * Whether folder dir holds, directly, a note of the company tool: a
 * regular *.md file whose front matter (read no further than 4 KB) has
 * the line `tool: KEY`.  At most 1000 entries are looked at.
 */
static int
holds_company(const char *dir, const struct templates *tp)
{
	const char	*key = NULL;
	DIR		*dp;
	struct dirent	*e;
	size_t		 i, seen = 0, n, kl;
	int		 found = 0;
	char		*path, *tool;

	for (i = 0; i < tp->ntools && key == NULL; i++)
		if (tp->tools[i].company)
			key = tp->tools[i].key;
	if (key == NULL || (dp = opendir(dir)) == NULL)
		return 0;
	kl = strlen(key);
	while (!found && seen++ < 1000 && (e = readdir(dp)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 4 ||
		    strcmp(e->d_name + n - 3, ".md") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		tool = load_tool_of(path);
		free(path);
		if (tool == NULL)
			continue;
		/* The key as written, or in quotes. */
		n = strspn(tool, "\"'");
		found = strncmp(tool + n, key, kl) == 0 &&
		    strspn(tool + n + kl, "\"'") == strlen(tool + n + kl);
		free(tool);
	}
	closedir(dp);
	return found;
}

/*
 * `simc check FILE.md`: the note's company is checked (its references
 * resolve against the other notes), and only that note's diagnostics
 * are kept.  The company is the nearest folder of the path, from the
 * note's up, that holds the company note; the note's own folder if none
 * does.
 */
static void
check_note(const char *arg, const struct templates *tp)
{
	struct stat	 st;
	const char	*slash = strrchr(arg, '/');
	char		*dir, *keep, *up;
	size_t		 from = diag_count(), i;
	struct company	*c;

	if (stat(arg, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag(SEV_ERROR, arg, 1, 1, "cannot read note: %s",
		    stat(arg, &st) == -1 ? strerror(errno) : "not a file");
		return;
	}
	dir = slash ? xstrndup(arg, (size_t)(slash - arg)) : xstrdup(".");
	if (*dir == '\0') {
		free(dir);
		dir = xstrdup("/");
	}
	/* Up the path's own folders (a note in journeys/ of a company). */
	for (up = xstrdup(dir); !holds_company(up, tp);) {
		char *s = strrchr(up, '/');

		if (s == NULL || s == up) {
			free(up);
			up = xstrdup(dir);
			break;
		}
		*s = '\0';
	}
	free(dir);
	dir = up;
	c = compile(dir, tp);
	/* The note as load_company() names it: the folder as given. */
	keep = xasprintf("%s/%s", c->dir, slash == NULL ? arg :
	    strcmp(dir, "/") == 0 ? arg + 1 : arg + strlen(dir) + 1);
	diag_keep_only(from, keep);
	for (i = 0; i < c->nnotes && strcmp(c->notes[i]->path, keep); i++)
		continue;
	if (i == c->nnotes)	/* a hidden file, one past a limit */
		diag(SEV_ERROR, keep, 1, 1, "not read as a note of %s (a "
		    "hidden file, or one past the company's limits)", c->dir);
	free(keep);
	company_free(c);
	free(dir);
}
/* Set when --templates names the folder: `check` may then have no DIR. */
static int	 check_templates_only;

static int
cmd_check(int argc, char **argv, const struct templates *tp)
{
	char	**dirs, *linted, **args;
	size_t	  i, n, nargs = 0;
	int	  k;

	if (argc < 1 && check_templates_only) {
		/* The methodology on its own: every language, every label. */
		templates_load_langs(tp, NULL);
		templates_lint(tp, -1);
		return diag_flush(stderr, 1) ? 1 : 0;
	}
	if (argc < 1)
		return usage("check needs at least one company folder");
	/* Notes are checked one by one; the rest are folders. */
	args = xcalloc((size_t)argc + 1, sizeof(*args));
	for (k = 0; k < argc; k++)
		if (is_note_arg(argv[k]))
			check_note(argv[k], tp);
		else
			args[nargs++] = argv[k];
	dirs = nargs ? companies((int)nargs, args, &n) : NULL;
	if (nargs == 0)
		n = 0;
	free(args);
	linted = xcalloc(tp->nlangs + 1, 1);
	for (i = 0; i < n; i++) {
		struct company *c = compile(dirs[i], tp);
		const struct note *co = company_note(c);
		const struct fielddef *lf = co ? role_field(co->tool,
		    "language") : NULL;
		const struct ynode *lv = lf ? yget(co->fm, lf->key) : NULL;
		int li = ystr(lv) ? lang_index(tp, ystr(lv)) : 0;

		/* The labels of the company's language are checked too. */
		if (li < 0)
			diag(SEV_WARNING, co->path, lv->line, lv->col, "no "
			    "labels in language `%s` (templates/lang has %s); "
			    "the dossier uses English", ystr(lv), lang_list(tp));
		else if (!linted[li]) {
			templates_lint(tp, li);
			linted[li] = 1;
		}
		company_free(c);
	}
	free(linted);
	free_list(dirs, n);
	return diag_flush(stderr, 1) ? 1 : 0;
}

/*
 * The heap in transparent huge pages.  A build's first touch of each
 * 4 KB page of a growing heap is a page fault: 2,000 for content/acme,
 * a fifth of its time (on this machine a fresh page costs 10 us, a
 * fresh 2 MB one 0.25 us a 4 KB).  The heap grows by HEAP_PAD at once
 * (M_TOP_PAD) and is marked for huge pages (the kernel's "madvise"
 * mode; nothing where they are off) from the first 2 MB page that
 * nothing touched before the mark: one that holds a 4 KB page never
 * gets a huge one.  What lies below it is held, never touched, so that
 * allocations start there (heap_hold_below): without that, half of the
 * builds faulted 760 times, 500 of them in the heap's first 2 MB; now
 * all fault about 220 times, mostly the dynamic loader's.  Blocks
 * under HEAP_PAD come from the heap, not from mmap, and the heap is
 * not trimmed until twice HEAP_PAD lies free at its top, so that a
 * long-lived process (a batch's worker, watch) keeps it.  Peak RSS of
 * a small build grows by a few MB (2 MB pages; acme 11.8 -> 14.4 MB),
 * that of a large one hardly (100x acme: 117 -> 119 MB).  The threads'
 * heaps get the same advice (thread_heap_setup).
 */
#define HEAP_PAD	(32u << 20)
static void	*held;	/* the heap below the huge pages, to the end */

static void
heap_setup(void)
{
	uintptr_t	 b0, b1, huge = 2u << 20;
	void		*p;

	mallopt(M_MMAP_THRESHOLD, HEAP_PAD);
	mallopt(M_TRIM_THRESHOLD, 2 * HEAP_PAD);
	mallopt(M_TOP_PAD, HEAP_PAD);
	if ((p = malloc(1u << 20)) == NULL)	/* the heap grows now */
		return;
	/* past the page the split touched: the rest's header, at its end */
	b0 = ((uintptr_t)p + (1u << 20) + huge) & ~(huge - 1);
	free(p);
	b1 = (uintptr_t)sbrk(0);
	/* The heap below is held untouched: allocations start at b0. */
	if (b1 > b0 + huge &&
	    madvise((void *)b0, (b1 - b0) & ~(huge - 1), MADV_HUGEPAGE) == 0)
		held = heap_hold_below(b0);
}

/* Colour in diagnostics: stderr is a terminal and NO_COLOR is not set. */
static int
colour_stderr(void)
{
	const char	*nc = getenv("NO_COLOR");

	return isatty(STDERR_FILENO) && (nc == NULL || *nc == '\0');
}

static int
colour_wanted(void)
{
	const char	*nc = getenv("NO_COLOR");

	return isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
}

static int
cmd_status(int argc, char **argv, const struct templates *tp)
{
	struct portfolio  pf = { 0, 0, { 0, 0, 0 }, 0 };
	struct company	 *c;
	char		**dirs;
	size_t		  i, n;
	int		  errors;

	if (argc < 1)
		return usage("status needs at least one company folder");
	dirs = companies(argc, argv, &n);
	if (n == 1) {
		c = compile(dirs[0], tp);
		errors = diag_flush(stderr, 0) > 0;
		status_company(stdout, c, colour_wanted());
		company_free(c);
	} else {
		/* A company at a time: memory stays that of one. */
		for (i = 0; i < n; i++) {
			size_t before = diag_errors();

			c = compile(dirs[i], tp);
			status_portfolio_line(stdout, c, &pf, diag_errors() -
			    before, colour_wanted());
			company_free(c);
		}
		status_portfolio_end(stdout, &pf);
		errors = diag_flush(stderr, 0) > 0;
	}
	free_list(dirs, n);
	return errors;
}

/* A command over one company that prints it with out. */
static int
one_company(int argc, char **argv, const struct templates *tp,
    const char *name, void (*out)(FILE *, const struct company *), int count)
{
	struct company	*c;
	char		 msg[64];

	if (argc != 1) {
		snprintf(msg, sizeof(msg), "%s needs one company folder", name);
		return usage(msg);
	}
	c = compile(argv[0], tp);
	out(stdout, c);
	company_free(c);
	return diag_flush(stderr, count) ? 1 : 0;
}

/*
 * One company: its JSON object.  Several (several folders, or a folder
 * of companies): one JSON array of them, a company at a time.
 */
static int
cmd_export(int argc, char **argv, const struct templates *tp)
{
	struct company	 *c;
	char		**dirs;
	size_t		  i, n;

	if (argc < 1)
		return usage("export needs at least one company folder");
	dirs = companies(argc, argv, &n);
	if (n > 1)
		fputs("[\n", stdout);
	for (i = 0; i < n; i++) {
		c = compile(dirs[i], tp);
		if (i > 0)
			fputs(",\n", stdout);
		export_company(stdout, c);
		company_free(c);
	}
	if (n > 1)
		fputs("]\n", stdout);
	free_list(dirs, n);
	return diag_flush(stderr, 0) ? 1 : 0;
}

static int
cmd_dump(int argc, char **argv, const struct templates *tp)
{
	return one_company(argc, argv, tp, "dump", dump_company, 1);
}

/*
 * Compiles and builds one company; a company with errors is not built.
 * What it wrote goes to report as one line (none when report is NULL).
 */
static int
build_one(const char *dir, const struct templates *tp,
    const struct build_opts *o, FILE *report)
{
	size_t		 before = diag_errors();
	struct version_job *job = version_start(dir);	/* git meanwhile */
	struct pdf_start *pdf = build_start(tp, o);	/* and the PDF */
	struct company	*c = load_company(dir, tp);
	char		*date, *out, *p, *h;
	int		 rc = 0, modified;

	/* Its hyphenation patterns meanwhile. */
	pdf_start_lang(pdf, build_lang(c, tp, o));
	check_company(c, tp);

	if (diag_errors() != before) {
		free(version_finish(job, &date, &modified));
		free(date);
		pdf_start_free(pdf);
		rc = 1;
	} else if (build_company(c, tp, o, job, pdf) == -1)
		rc = 1;
	else if (report != NULL) {
		out = printable(o->out);
		p = xasprintf("%s/%s/dossier.pdf", out, c->slug);
		h = xasprintf("%s/%s/dossier.html", out, c->slug);
		fprintf(report, "wrote %s%s%s\n",
		    o->formats & FORMAT_PDF ? p : "",
		    (o->formats & FORMAT_PDF) && (o->formats & FORMAT_HTML) ?
		    " " : "", o->formats & FORMAT_HTML ? h : "");
		free(out);
		free(p);
		free(h);
	}
	company_free(c);
	return rc;
}

/* What a worker sends back of a company, then the bytes of its log and
 * of its report. */
struct done_msg {
	size_t	 index;
	int	 status;
	size_t	 loglen, replen;
};

/* A worker process of build_many(), and the company it builds. */
struct worker {
	pid_t	 pid;		/* 0: none (dead, not replaced) */
	int	 to, from;	/* the indexes it is sent; what it sends */
	size_t	 cur;		/* SIZE_MAX: idle */
};

/* What build_many() has of a company, in its spool file. */
struct result {
	off_t	 logoff, repoff;
	size_t	 loglen, replen;
	int	 started, failed;
};

static int
write_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 k;

	while (len > 0) {
		if ((k = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* Reads len bytes; -1 at an error or at the end of the stream first. */
static int
read_all(int fd, void *buf, size_t len)
{
	char	*p = buf;
	ssize_t	 k;

	while (len > 0) {
		if ((k = read(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (k == 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/*
 * A worker: builds each company whose index comes on in, and sends its
 * exit status, diagnostics and report line on out, until in ends.
 */
static void
worker_run(int in, int out, char **dirs, size_t n,
    const struct templates *tp, const struct build_opts *o, int quiet)
{
	struct done_msg	 m;
	char		*log, *rep;
	FILE		*lf, *rf;
	size_t		 i;

	while (read_all(in, &i, sizeof(i)) == 0 && i < n) {
		log = rep = NULL;
		memset(&m, 0, sizeof(m));
		if ((lf = open_memstream(&log, &m.loglen)) == NULL ||
		    (rf = open_memstream(&rep, &m.replen)) == NULL)
			_exit(1);
		m.index = i;
		m.status = build_one(dirs[i], tp, o, quiet ? NULL : rf);
		if (diag_flush(lf, 0))
			m.status = 1;
		fclose(lf);
		fclose(rf);
		if (write_all(out, &m, sizeof(m)) == -1 ||
		    write_all(out, log, m.loglen) == -1 ||
		    write_all(out, rep, m.replen) == -1)
			_exit(1);
		free(log);
		free(rep);
	}
}

/* Starts worker w (of all[0..nall)); -1 when it cannot (errno). */
static int
worker_start(struct worker *w, struct worker *all, size_t nall,
    char **dirs, size_t n, const struct templates *tp,
    const struct build_opts *o, int quiet, void (*sigpipe)(int))
{
	int	 a[2], b[2];
	size_t	 k;

	if (pipe(a) == -1)
		return -1;
	if (pipe(b) == -1) {
		close(a[0]);
		close(a[1]);
		return -1;
	}
	fflush(NULL);
	if ((w->pid = fork()) == -1) {
		w->pid = 0;
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
		return -1;
	}
	if (w->pid == 0) {
		/* Only its own pipes: another worker's end held here would
		 * hide that worker's death from the parent. */
		for (k = 0; k < nall; k++)
			if (&all[k] != w && all[k].pid > 0) {
				close(all[k].to);
				close(all[k].from);
			}
		close(a[1]);
		close(b[0]);
		signal(SIGPIPE, sigpipe);
		worker_run(a[0], b[1], dirs, n, tp, o, quiet);
		_exit(0);
	}
	close(a[0]);
	close(b[1]);
	w->to = a[1];
	w->from = b[0];
	w->cur = SIZE_MAX;
	return 0;
}

/* Copies len bytes from fd to the end of spool; -1 when fd ends first. */
static int
spool_copy(int fd, FILE *spool, size_t len, off_t *off)
{
	char	 buf[1 << 14];
	size_t	 k;

	fseeko(spool, 0, SEEK_END);
	*off = ftello(spool);
	while (len > 0) {
		k = len < sizeof(buf) ? len : sizeof(buf);
		if (read_all(fd, buf, k) == -1)
			return -1;
		fwrite(buf, 1, k, spool);
		len -= k;
	}
	return 0;
}

/* Copies len bytes at off of spool to f. */
static void
spool_print(FILE *spool, off_t off, size_t len, FILE *f)
{
	char	 buf[1 << 14];
	size_t	 k;

	if (len == 0 || fseeko(spool, off, SEEK_SET) == -1)
		return;
	while (len > 0 && (k = fread(buf, 1, len < sizeof(buf) ? len :
	    sizeof(buf), spool)) > 0) {
		fwrite(buf, 1, k, f);
		len -= k;
	}
}

/* A worker has ended (or broke its pipe): its company, if any, failed. */
static void
worker_lost(struct worker *w, struct result *res)
{
	int	 st;

	close(w->to);
	close(w->from);
	while (waitpid(w->pid, &st, 0) == -1 && errno == EINTR)
		continue;
	w->pid = 0;
	if (w->cur != SIZE_MAX)
		res[w->cur].failed = 1;
}

/*
 * Builds several companies on every core: a worker process per core and
 * one more, each building company after company (the next index on its
 * pipe), so that what a build loads once (the hyphenation patterns, the
 * fonts' copies, a warm heap) serves them all.  A worker sends back each
 * company's status, diagnostics and report line, which wait in one
 * spool file; they are printed in the companies' order at the end, so
 * the output does not depend on which finished first.  A worker that
 * dies (a crash, an abort, the OOM killer) fails only the company it
 * was building, and a new one takes its place.  On a terminal a
 * progress line counts the companies done.
 */
static int
build_many(char **dirs, size_t n, const struct templates *tp,
    const struct build_opts *o, int quiet)
{
	struct result	 *res = xcalloc(n, sizeof(*res));
	struct worker	 *ws;
	struct pollfd	 *pfd;
	struct done_msg	  m;
	long		  cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t		  next = 0, done = 0, i, k, np, jobs, built = 0;
	int		  rc = 0, ok;
	int		  tty = !quiet && isatty(STDERR_FILENO);
	FILE		 *spool;
	void		(*sigpipe)(int);

	build_prestart(NULL);	/* no thread across the forks */
	/* One more than the cores: each output file is fsync'ed before it
	 * is renamed (fileio.c), and a worker waiting for the disk leaves
	 * its core to the spare one (200 companies: 2.9-3.3 s -> 2.6 s). */
	jobs = (cores > 0 ? (size_t)cores : 1) + 1;
	if (jobs > n)
		jobs = n;
	ws = xcalloc(jobs, sizeof(*ws));
	pfd = xcalloc(jobs, sizeof(*pfd));
	/* A worker that died must not kill the parent that writes to it. */
	sigpipe = signal(SIGPIPE, SIG_IGN);
	if ((spool = tmpfile()) == NULL) {
		perror("simc: tmpfile");
		rc = 1;
		jobs = 0;
	}
	for (k = 0; k < jobs; k++)
		if (worker_start(&ws[k], ws, jobs, dirs, n, tp, o, quiet,
		    sigpipe) == -1) {
			perror("simc: fork");
			rc = 1;
		}
	while (done < n) {
		for (k = 0; k < jobs && next < n; k++)
			if (ws[k].pid > 0 && ws[k].cur == SIZE_MAX &&
			    write_all(ws[k].to, &next, sizeof(next)) == 0) {
				res[next].started = 1;
				ws[k].cur = next++;
			}
		for (k = np = 0; k < jobs; k++)
			if (ws[k].pid > 0) {
				pfd[np].fd = ws[k].from;
				pfd[np].events = POLLIN;
				pfd[np++].revents = 0;
			}
		if (np == 0)
			break;
		if (poll(pfd, np, -1) == -1) {
			if (errno == EINTR)
				continue;
			perror("simc: poll");
			rc = 1;
			break;
		}
		for (k = np = 0; k < jobs; k++) {
			struct worker *w = &ws[k];

			if (w->pid <= 0 || pfd[np++].revents == 0)
				continue;
			ok = read_all(w->from, &m, sizeof(m)) == 0 &&
			    m.index == w->cur &&
			    spool_copy(w->from, spool, m.loglen,
			    &res[m.index].logoff) == 0 &&
			    spool_copy(w->from, spool, m.replen,
			    &res[m.index].repoff) == 0;
			if (ok) {
				res[m.index].loglen = m.loglen;
				res[m.index].replen = m.replen;
				if (m.status != 0)
					res[m.index].failed = 1;
				else
					built++;
				w->cur = SIZE_MAX;
				done++;
			} else {
				done += w->cur != SIZE_MAX;
				worker_lost(w, res);
				if (next < n && worker_start(w, ws, jobs, dirs,
				    n, tp, o, quiet, sigpipe) == -1) {
					perror("simc: fork");
					rc = 1;
				}
			}
			if (tty)
				fprintf(stderr, "\rsimc: built %zu of %zu",
				    done, n);
		}
	}
	for (k = 0; k < jobs; k++)	/* the end of its pipe ends it */
		if (ws[k].pid > 0)
			worker_lost(&ws[k], res);
	signal(SIGPIPE, sigpipe);
	if (tty)
		fputs("\r\033[K", stderr);
	for (i = 0; i < n; i++) {
		if (res[i].failed)
			rc = 1;
		if (spool != NULL)
			spool_print(spool, res[i].logoff, res[i].loglen,
			    stderr);
	}
	/* What was written, in the companies' order, then the sum. */
	for (i = 0; i < n; i++) {
		if (!res[i].started)
			continue;
		spool_print(spool, res[i].repoff, res[i].replen, stdout);
		if (res[i].failed && !quiet) {
			char *d = printable(dirs[i]);

			fprintf(stderr, "simc: %s: not built (errors); its "
			    "old dossier stays\n", d);
			free(d);
		}
	}
	if (!quiet) {
		char *out = printable(o->out);

		printf("built %zu of %zu companies into %s/\n", built, n, out);
		free(out);
	}
	if (next < n)
		rc = 1;
	if (spool != NULL)
		fclose(spool);
	free(res);
	free(ws);
	free(pfd);
	return rc;
}

/*
 * The options of build and blank into o; the other arguments into
 * args[*nargs] (args has argc + 1 slots).  `--format` only when formats
 * is set.  Returns NULL, or a usage message.
 */
/* The formats a --format value names (FORMAT_PDF, FORMAT_HTML), or 0
 * when it names none or a word that is not one. */
static unsigned
format_bits(const char *list)
{
	char		*f = xstrdup(list), *tok, *save;
	unsigned	 bits = 0;
	int		 bad = 0;

	for (tok = strtok_r(f, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "pdf") == 0)
			bits |= FORMAT_PDF;
		else if (strcmp(tok, "html") == 0)
			bits |= FORMAT_HTML;
		else
			bad = 1;
	}
	free(f);
	return bad ? 0 : bits;
}

static const char *
build_options(int argc, char **argv, const struct templates *tp,
    struct build_opts *o, int formats, int tools, char **args,
    size_t *nargs)
{
	int	 k;

	*nargs = 0;
	for (k = 0; k < argc; k++) {
		const char *a = argv[k];

		if (a[0] != '-') {
			args[(*nargs)++] = argv[k];
			continue;
		}
		/* An option this command does not take is named as such,
		 * even last (`simc blank -o out -q`). */
		if (strcmp(a, "-o") != 0 && strcmp(a, "--lang") != 0 &&
		    strcmp(a, "--paper") != 0 && !(tools &&
		    strcmp(a, "--tool") == 0) && !(formats &&
		    (strcmp(a, "--since") == 0 || strcmp(a, "--format") == 0)))
			return "unknown option";
		if (k + 1 >= argc)
			return "an option needs a value";
		if (strcmp(a, "-o") == 0)
			o->out = argv[++k];
		else if (strcmp(a, "--lang") == 0)
			o->lang = argv[++k];
		else if (tools && strcmp(a, "--tool") == 0)
			o->tools = argv[++k];
		else if (strcmp(a, "--paper") == 0) {
			k++;
			if (strcmp(argv[k], "a3") != 0 &&
			    strcmp(argv[k], "a4") != 0)
				return "--paper is a4 or a3";
			o->a3 = strcmp(argv[k], "a3") == 0;
		} else if (formats && strcmp(a, "--since") == 0) {
			o->since = argv[++k];
		} else if (formats && strcmp(a, "--format") == 0) {
			if ((o->formats = format_bits(argv[++k])) == 0)
				return "--format takes pdf, html or both";
		} else
			return "unknown option";
	}
	if (o->lang != NULL && lang_index(tp, o->lang) < 0) {
		static char msg[320];

		snprintf(msg, sizeof(msg), "--lang: no label language `%.16s` "
		    "in templates/lang; the languages are %s", o->lang,
		    lang_list(tp));
		return msg;
	}
	/* An unset variable in a script (-o "$OUT") must not write into
	 * the root of the file system. */
	if (*o->out == '\0')
		return "-o names no folder (it is empty)";
	if (o->out[strspn(o->out, "/")] == '\0')
		return "-o names the root folder; name a folder for the output";
	if (name_problem(o->out) != NULL)
		return "-o names a folder with control characters or invalid "
		    "UTF-8";
	return NULL;
}

/*
 * Whether a build's words ask for a PDF (no --format, or one naming
 * pdf), read before the templates are loaded; build_options() reads
 * them for real.  A wrong guess costs the fonts' loading on the other
 * core, nothing else.
 */
static int
build_wants_pdf(int argc, char **argv)
{
	int	 k, pdf = 1;

	for (k = 0; k + 1 < argc; k++)
		if (strcmp(argv[k], "--format") == 0)
			pdf = (format_bits(argv[++k]) & FORMAT_PDF) != 0;
	return pdf;
}

static int
cmd_build(int argc, char **argv, const struct templates *tp)
{
	struct build_opts	 o = { "out", FORMAT_HTML | FORMAT_PDF, NULL, 0,
				    NULL, NULL };
	char			**dirs, **args;
	const char		*err;
	size_t			  n, nargs;
	int			  rc, k, quiet = 0;

	args = xcalloc((size_t)argc + 1, sizeof(*args));
	for (k = n = 0; k < argc; k++)	/* -q is build's own */
		if (strcmp(argv[k], "-q") == 0 ||
		    strcmp(argv[k], "--quiet") == 0)
			quiet = 1;
		else
			argv[n++] = argv[k];
	argc = (int)n;
	if ((err = build_options(argc, argv, tp, &o, 1, 0, args, &nargs)) !=
	    NULL || nargs == 0) {
		free(args);
		return usage(err ? err :
		    "build needs at least one company folder");
	}
	if (diag_errors() > 0) {	/* in the language of --lang */
		free(args);
		diag_flush(stderr, 0);
		return 1;
	}
	dirs = companies((int)nargs, args, &n);
	free(args);
	if (n == 1) {
		rc = build_one(dirs[0], tp, &o, quiet ? NULL : stdout);
		rc = diag_flush(stderr, 0) || rc ? 1 : 0;
	} else
		rc = build_many(dirs, n, tp, &o, quiet);
	free_list(dirs, n);
	return rc;
}

static int
cmd_report(int argc, char **argv, const struct templates *tp)
{
	struct build_opts	 o = { "out", FORMAT_HTML | FORMAT_PDF, NULL, 0,
				    NULL, NULL };
	char			**dirs, **args;
	const char		*err;
	size_t			  n, nargs;
	int			  rc;

	args = xcalloc((size_t)argc + 1, sizeof(*args));
	if ((err = build_options(argc, argv, tp, &o, 0, 0, args, &nargs)) !=
	    NULL || nargs == 0) {
		free(args);
		return usage(err ? err :
		    "report needs a portfolio folder or company folders");
	}
	dirs = companies((int)nargs, args, &n);
	free(args);
	rc = report_write(dirs, n, tp, &o) == -1;
	rc = diag_flush(stderr, 0) || rc ? 1 : 0;
	free_list(dirs, n);
	return rc;
}

static int
cmd_watch(int argc, char **argv, const struct templates *tp)
{
	struct build_opts	 o = { "out", FORMAT_HTML | FORMAT_PDF, NULL, 0,
				    NULL, NULL };
	char			**args, *dir;
	const char		*err = NULL;
	size_t			  nargs, n;
	long			  port = 8080;
	int			  k, rc;

	/* --port is watch's own; the rest are build's options. */
	args = xcalloc((size_t)argc + 1, sizeof(*args));
	for (k = n = 0; k < argc; k++) {
		if (strcmp(argv[k], "--port") != 0) {
			args[n++] = argv[k];
			continue;
		}
		if (k + 1 >= argc || !parse_long(argv[++k], 0, 65535, &port))
			err = "--port takes a number from 0 to 65535 (0: any "
			    "free port)";
	}
	if (err == NULL)
		err = build_options((int)n, args, tp, &o, 0, 0, args, &nargs);
	if (err == NULL && nargs != 1)
		err = "watch needs one company folder";
	if (err != NULL) {
		free(args);
		return usage(err);
	}
	dir = args[0];
	free(args);
	rc = watch_run(dir, tp, &o, (unsigned)port);
	diag_flush(stderr, 0);
	return rc;
}

static int
cmd_lsp(int argc, char **argv, const struct templates *tp)
{
	(void)argv;
	if (argc > 0)
		return usage("lsp takes no arguments: it talks on stdin and "
		    "stdout");
	return lsp_run(tp);
}

static int
cmd_schema(int argc, char **argv, const struct templates *tp)
{
	size_t	 i;
	int	 rc;

	if (argc > 1)
		return usage("schema takes at most one tool");
	if ((rc = schema_print(stdout, tp, argc ? argv[0] : NULL)) >= 0)
		return 0;
	if (rc == -2)
		return 1;
	fprintf(stderr, "simc: no tool `%s` in templates/tools.yaml; the "
	    "tools are", argv[0]);
	for (i = 0; i < tp->ntools; i++)
		fprintf(stderr, "%s %s", i ? "," : "", tp->tools[i].key);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

static int
cmd_blank(int argc, char **argv, const struct templates *tp)
{
	struct build_opts	 o = { "out", FORMAT_HTML | FORMAT_PDF, NULL, 0,
				    NULL, NULL };
	char			**args, *list, *tok, *save;
	const char		*err;
	size_t			  nargs;

	args = xcalloc((size_t)argc + 1, sizeof(*args));
	err = build_options(argc, argv, tp, &o, 0, 1, args, &nargs);
	free(args);
	if (err != NULL || nargs > 0)
		return usage(err ? err : "blank takes no folder; use -o OUT");
	if (o.tools != NULL) {
		list = xstrdup(o.tools);
		for (tok = strtok_r(list, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save))
			if (tool_find(tp, tok) == NULL) {
				fprintf(stderr, "simc: no tool `%s` in "
				    "templates/tools.yaml\n", tok);
				free(list);
				return 2;
			}
		free(list);
	}
	if (diag_errors() == 0)		/* its label language read well */
		build_blank(tp, &o);
	return diag_flush(stderr, 0) ? 1 : 0;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name;
		int		(*fn)(int, char **, const struct templates *);
		const char	*help;
	} cmds[] = {
		{ "check", cmd_check, "check DIR|NOTE.md...\n"
		    "  Loads and validates each company: diagnostics on stderr as\n"
		    "  path:line:col: error|warning: message, the source line, a\n"
		    "  caret and help lines, then a count (--diagnostics=json: a\n"
		    "  JSON object per line).  NOTE.md: that note alone, checked\n"
		    "  within its company (the folder holding it).\n" },
		{ "status", cmd_status, "status DIR...\n"
		    "  One company: phases, tools, status and reasons, the\n"
		    "  prioritisation, milestones, notes changed since the last\n"
		    "  commit and the next step.  Several: the portfolio.\n" },
		{ "export", cmd_export, "export DIR...\n"
		    "  The resolved model as JSON on stdout (keys: README.md);\n"
		    "  several companies as one JSON array.\n" },
		{ "build", cmd_build, "build DIR... [-q] [-o OUT] [--format pdf,html] "
		    "[--lang LL] [--paper a4|a3] [--since REV]\n"
		    "  Writes OUT/<company>/dossier.pdf, dossier.html and the\n"
		    "  make rule dossier.d (default OUT: out).  A company with\n"
		    "  errors is not built; its old dossier stays.  Says on stdout\n"
		    "  what it wrote (a summary for several); -q: nothing.\n"
		    "  --since adds a page of the changes since git revision REV.\n" },
		{ "diff", diff_command, "diff [REV[..REV]] DIR [--json]\n"
		    "  What changed in the resolved model: tools' status,\n"
		    "  opportunities, the recommendation and the concept's choice,\n"
		    "  thresholds and decisions, assumptions, activities, markets.\n"
		    "  No REV: HEAD against the work tree; REV: it against the\n"
		    "  work tree; A..B: between two commits.  Read with libgit2:\n"
		    "  the work tree is not touched and nothing of the repository\n"
		    "  runs.  Exit 2 for a bad REV or a folder outside git.\n" },
		{ "report", cmd_report, "report DIR... [-o OUT] [--lang LL]\n"
		    "  The programme report: OUT/programme/report.html, .pdf and\n"
		    "  .csv, one row per company (a folder without notes of its\n"
		    "  own stands for its sub-folders), the programme's totals, a\n"
		    "  funnel and a timeline of the thresholds.\n" },
		{ "init", cmd_init, "init DIR --name NAME [--lang LL]\n"
		    "  A new company folder with a draft note for every tool.\n"
		    "  Never overwrites a note.\n" },
		{ "blank", cmd_blank, "blank [--lang LL] [--paper a4|a3] "
		    "[--tool T[,T...]] [-o OUT]\n"
		    "  Blank workshop forms into OUT/blank/<lang>/: one PDF and\n"
		    "  HTML per tool (a poster: no cover, no contents) and a\n"
		    "  workshop pack; --tool: only those tools' forms.\n" },
		{ "watch", cmd_watch, "watch DIR [-o OUT] [--port N] "
		    "[--lang LL] [--paper a4|a3]\n"
		    "  Builds DIR as build does, then again on every change of its\n"
		    "  notes, images or the templates, and serves the HTML dossier\n"
		    "  with its diagnostics on http://127.0.0.1:N/ (default 8080;\n"
		    "  0: any free port), reloading the page after each build.\n"
		    "  Ctrl-C stops it.\n" },
		{ "schema", cmd_schema, "schema [TOOL]\n"
		    "  The JSON Schema (draft-07) of a note's front matter, from\n"
		    "  templates/: of TOOL's notes, or of every tool's, chosen by\n"
		    "  the `tool` key.  For the YAML language server and editors.\n" },
		{ "lsp", cmd_lsp, "lsp\n"
		    "  A language server (LSP) on stdin and stdout, for editors:\n"
		    "  diagnostics while typing, completion of keys, enum words\n"
		    "  and ids, a field's guiding question on hover.\n" },
		{ "dump", cmd_dump, "dump DIR\n"
		    "  The loaded model as text, every value with its line.\n" },
	};
	struct templates	*tp;
	const char		*tdir = NULL;
	char			*found;
	size_t			 i;
	int			 rc, k;

	heap_setup();
	/* A file size limit makes write() fail, which simc reports and
	 * recovers from, rather than killing it half-way. */
	signal(SIGXFSZ, SIG_IGN);
	argc--, argv++;
	/* How diagnostics look, for every command: an option anywhere. */
	diag_set_style(colour_stderr() ? DIAG_COLOUR : DIAG_PLAIN);
	for (k = i = 0; k < argc; k++) {
		if (strncmp(argv[k], "--diagnostics=", 14) != 0) {
			argv[i++] = argv[k];
			continue;
		}
		if (strcmp(argv[k] + 14, "json") == 0)
			diag_set_style(DIAG_JSON);
		else if (strcmp(argv[k] + 14, "text") != 0)
			return usage("--diagnostics is text or json");
	}
	argc = (int)i;
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
	/* `simc check --templates DIR`: the option after the command too. */
	for (k = 1; strcmp(argv[0], "check") == 0 && k + 1 < argc; k++)
		if (strcmp(argv[k], "--templates") == 0) {
			tdir = argv[k + 1];
			memmove(argv + k, argv + k + 2, (size_t)(argc - k - 1) *
			    sizeof(*argv));
			argc -= 2;
			k--;
		}
	check_templates_only = tdir != NULL;
	for (k = 1; k < argc; k++)
		if (strcmp(argv[k], "--help") == 0 ||
		    strcmp(argv[k], "-h") == 0) {
			printf("usage: simc %s", cmds[i].help);
			return 0;
		}
	if ((found = templates_find(tdir)) == NULL) {
		fputs("simc: cannot find the templates folder; use "
		    "--templates DIR or set SIMC_TEMPLATES\n", stderr);
		return 1;
	}
	if (cmds[i].fn == cmd_build && build_wants_pdf(argc - 1, argv + 1))
		build_prestart(found);	/* the fonts, meanwhile */
	tp = templates_load(found);
	free(found);
	if (tp == NULL) {
		build_prestart(NULL);
		diag_flush(stderr, 1);
		return 1;
	}
	rc = cmds[i].fn(argc - 1, argv + 1, tp);
	build_prestart(NULL);
	templates_free(tp);
	return rc;
}
