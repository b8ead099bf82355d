/*
 * build.c: the last step of `simc build`.  Picks the label language,
 * stamps the content version, runs the form pass and each backend into
 * memory, and only then writes the files, each atomically: a failure
 * leaves the previous dossier as it was.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "diag.h"
#include "fileio.h"
#include "history.h"
#include "render.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"

/* The dossier's date: SOURCE_DATE_EPOCH, else the content's git date. */
static char *
dossier_date(char *gitdate)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		 buf[16];
	long		 v;
	time_t		 t;
	struct tm	 tm;

	if (s != NULL && parse_long(s, 0, LONG_MAX, &v)) {
		t = (time_t)v;
		if (gmtime_r(&t, &tm) != NULL &&
		    strftime(buf, sizeof(buf), "%Y-%m-%d", &tm) > 0) {
			free(gitdate);
			return xstrdup(buf);
		}
	}
	return gitdate;
}

/* Files written to temporary names, renamed together at the end. */
struct outset {
	char	*tmp[4], *path[4];
	size_t	 n;
};

/*
 * One file of a set, written to its temporary name.  Each is fsync'ed
 * (fileio.c), and the disk is waited for once for a set, not once a
 * file: the files after the first are written on threads of their own.
 */
struct write_job {
	char		*path, *tmp;
	const char	*data;
	size_t		 len;
	int		 err, threaded;
	pthread_t	 thread;
};

static void *
write_job_run(void *arg)
{
	struct write_job *j = arg;

	if ((j->tmp = file_write_temp(j->path, j->data, j->len)) == NULL)
		j->err = errno;
	return NULL;
}

/*
 * Renames every written file over its old one when all were written
 * (ok), else removes them: the previous dossier stays whole.
 */
static int
commit_out(struct outset *os, int ok)
{
	size_t	 i;
	int	 rc = ok ? 0 : -1;

	for (i = 0; i < os->n; i++) {
		if (rc == 0 && rename(os->tmp[i], os->path[i]) == -1) {
			diag(SEV_ERROR, os->path[i], 1, 1, "cannot write: %s",
			    strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			unlink(os->tmp[i]);
		free(os->tmp[i]);
		free(os->path[i]);
	}
	os->n = 0;
	return rc;
}

/*
 * Appends path as one word that make reads back as that path and nothing
 * else.  make has escapes for a few characters only (space, #, :, the
 * wildcards, $); no escape keeps `;`, `=`, `%`, quotes, parentheses or a
 * backslash from being read as syntax, so each of those becomes the
 * wildcard `?`, which make expands to the real file.  A name may then
 * stand for a few files: a rebuild too many, never a command.
 */
static void
make_word(struct buf *b, const char *path)
{
	const unsigned char *u = (const unsigned char *)path;

	for (; *u; u++) {
		if (make_plain(*u, u == (const unsigned char *)path) ||
		    *u == '/')
			buf_putc(b, (char)*u);
		else if (strchr(" #:*?[]", *u) != NULL) {
			buf_putc(b, '\\');
			buf_putc(b, (char)*u);
		} else if (*u == '$')
			buf_puts(b, "$$");
		else
			buf_putc(b, '?');
	}
}

/*
 * Adds a prerequisite to a make rule.  A name ending in `)` that holds a
 * `(` is an archive member to make, whatever the wildcard found: a
 * folder is named by its `.` instead, a file not at all (one rebuild
 * the less, but make still runs).
 */
static void
dep(struct buf *b, const char *path)
{
	size_t		 n = strlen(path);
	struct stat	 st;

	if (n > 0 && path[n - 1] == ')' && strchr(path, '(') != NULL) {
		if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode))
			return;
		buf_puts(b, " \\\n ");
		make_word(b, path);
		buf_puts(b, "/.");
		return;
	}
	buf_puts(b, " \\\n ");
	make_word(b, path);
}

/*
 * The files a company's dossier was made from, as prerequisites: its
 * notes and their folders (a new note changes its folder), its images,
 * the definitions and label languages read.  The fonts and the CSS are
 * added by render_doc().
 */
static void
company_deps(struct buf *b, const struct company *c, const struct doc *d,
    const struct templates *tp)
{
	size_t	 i, j, k;
	char	*path, *slash;

	dep(b, c->dir);
	for (i = 0; i < c->nnotes; i++) {
		path = xasprintf("%s/%s", c->dir, c->notes[i]->rel);
		dep(b, path);
		if ((slash = strrchr(path, '/')) != NULL &&
		    strchr(c->notes[i]->rel, '/') != NULL) {
			*slash = '\0';
			dep(b, path);
		}
		free(path);
	}
	if (d->logo)
		dep(b, d->logo);
	for (i = 0; i < d->n; i++)
		for (j = 0; j < d->b[i].nrows; j++)
			for (k = 0; k < d->b[i].rows[j].n; k++)
				if (d->b[i].rows[j].boxes[k].v.type == V_IMAGE)
					dep(b, d->b[i].rows[j].boxes[k].v.text);
	path = xasprintf("%s/tools.yaml", tp->dir);
	dep(b, path);
	free(path);
	for (i = 0; i < tp->nlangs; i++)
		if (tp->langs[i].root != NULL)
			dep(b, tp->langs[i].path);
}

/*
 * Takes the lock of the output folder dir, so that builds into it write
 * their files one set at a time (two companies of the same folder name,
 * two consultants), and removes the temporary files of BASE that a
 * build killed half-way left: under the lock, no live build has any.
 * Returns the lock's descriptor (close it to unlock), or -1 (reported).
 */
static int
out_lock(const char *dir, const char *base)
{
	char		*path = xasprintf("%s/.simc-lock", dir);
	size_t		 n = strlen(base);
	struct dirent	*de;
	const char	*t;
	DIR		*d;
	int		 fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd == -1 || flock(fd, LOCK_EX) == -1) {
		diag(SEV_ERROR, path, 1, 1, "cannot lock: %s",
		    strerror(errno));
		if (fd != -1)
			close(fd);
		free(path);
		return -1;
	}
	free(path);
	if ((d = opendir(dir)) == NULL)
		return fd;
	while ((de = readdir(d)) != NULL) {
		/* BASE.EXT.tmpXXXXXX, as file_write_temp names them */
		if (strncmp(de->d_name, base, n) != 0 || de->d_name[n] != '.' ||
		    (t = strstr(de->d_name + n, ".tmp")) == NULL ||
		    strlen(t) != 10)
			continue;
		unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
	return fd;
}

/*
 * The make rule of a dossier: both files (those made) depend on every
 * file read (deps, as dep() lists them).
 */
static void
dep_rule(struct buf *rule, const char *dir, const char *base, int pdf,
    int html, const struct buf *deps)
{
	char		*target;
	const char	*p, *e;

	if (pdf) {
		target = xasprintf("%s/%s.pdf", dir, base);
		make_word(rule, target);
		free(target);
	}
	if (html) {
		if (rule->len)
			buf_putc(rule, ' ');
		target = xasprintf("%s/%s.html", dir, base);
		make_word(rule, target);
		free(target);
	}
	buf_putc(rule, ':');
	buf_put(rule, deps->data, deps->len);
	buf_putc(rule, '\n');
	/* Each prerequisite is also a target without a recipe (as gcc -MP
	 * writes), so that a note removed since does not stop make: the
	 * folder it was in has changed anyway. */
	for (p = deps->data; p != NULL && *p; p = e) {
		p += strlen(" \\\n ");
		e = strstr(p, " \\\n ");
		if (e == NULL)
			e = p + strlen(p);
		buf_put(rule, p, (size_t)(e - p));
		buf_puts(rule, ":\n");
	}
}

/* The HTML dossier, made in a thread of its own while the PDF is laid
 * out: html_render only reads the model (and reports nothing). */
struct html_job {
	const struct doc	*d;
	const char		*css;
	char			*html;
	size_t			 len;
	pthread_t		 thread;
	int			 threaded;
};

static void *
html_job_run(void *arg)
{
	struct html_job	*j = arg;
	void		*heap = thread_heap_setup();

	j->html = html_render(j->d, j->css, &j->len);
	thread_heap_end(heap);
	return NULL;
}

/*
 * Renders d in every format into memory, then writes DIR/BASE.html and
 * DIR/BASE.pdf, each atomically.  Nothing is written when a backend
 * fails.  Returns 0 or -1 (reported).
 */
static int
render_doc(const struct doc *d, const struct templates *tp, unsigned formats,
    int a3, const char *dir, const char *base, const char *what,
    struct buf *deps, struct pdf_start *start)
{
	struct html_job hj = { .d = d };
	char	*html = NULL, *pdf = NULL, *css = NULL, *path, *fontdir;
	char	 err[256];
	size_t	 hlen = 0, plen = 0, clen;
	unsigned faces = 0, i;
	int	 rc = 0;

	if (formats & FORMAT_HTML) {
		path = xasprintf("%s/dossier.css", tp->dir);
		if (deps != NULL)
			dep(deps, path);
		if ((css = file_read(path, 1u << 20, &clen)) == NULL) {
			diag(SEV_ERROR, path, 1, 1, "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else {
			hj.css = css;
			/* Beside the PDF, on the second core. */
			if ((formats & FORMAT_PDF) && thread_start(&hj.thread,
			    html_job_run, &hj) == 0)
				hj.threaded = 1;
			else
				html_job_run(&hj);
		}
		free(path);
	}
	if (rc == 0 && (formats & FORMAT_PDF)) {
		fontdir = xasprintf("%s/../fonts", tp->dir);
		pdf = pdf_render(d, fontdir, start, a3, &plen, &faces, err,
		    sizeof(err));
		start = NULL;
		if (pdf == NULL) {
			diag(SEV_ERROR, what, 1, 1, "cannot make the PDF: %s",
			    err);
			rc = -1;
		}
		for (i = 0; deps != NULL && pdf_font_file(i) != NULL; i++)
			if (faces & (1u << i)) {
				path = xasprintf("%s/%s", fontdir,
				    pdf_font_file(i));
				dep(deps, path);
				free(path);
			}
		free(fontdir);
	}
	pdf_start_free(start);	/* not used */
	if (hj.threaded)
		pthread_join(hj.thread, NULL);
	html = hj.html;
	hlen = hj.len;
	free(css);
	if (rc == 0) {
		const char *ext[3];
		char *data[3];
		size_t len[3], n = 0;
		struct buf rule = { 0 };

		if (html != NULL) {
			ext[n] = "html";
			data[n] = html;
			len[n++] = hlen;
		}
		if (pdf != NULL) {
			ext[n] = "pdf";
			data[n] = pdf;
			len[n++] = plen;
		}
		if (deps != NULL) {
			dep_rule(&rule, dir, base, pdf != NULL, html != NULL,
			    deps);
			ext[n] = "d";
			data[n] = rule.data;
			len[n++] = rule.len;
		}
		rc = build_write_set(dir, base, ext, data, len, n);
		buf_free(&rule);
	}
	free(html);
	free(pdf);
	return rc;
}

const char *
build_lang(const struct company *c, const struct templates *tp,
    const struct build_opts *o)
{
	const char	*code = o->lang;
	size_t		 i;

	if (code == NULL)
		code = company_text(c, "language");
	for (i = 0; code != NULL && i < tp->nlangs; i++)
		if (strcmp(tp->langs[i].code, code) == 0)
			return tp->langs[i].code;
	return tp->langs[0].code;	/* simc check warns about it */
}

/* The PDF begun before the templates were loaded, for the next
 * build_start(). */
static struct pdf_start *prestarted;

void
build_prestart(const char *templates_dir)
{
	char	*fontdir;

	pdf_start_free(prestarted);
	prestarted = NULL;
	if (templates_dir == NULL)
		return;
	fontdir = xasprintf("%s/../fonts", templates_dir);
	prestarted = pdf_start(fontdir);
	free(fontdir);
}

struct pdf_start *
build_start(const struct templates *tp, const struct build_opts *o)
{
	struct pdf_start *s = prestarted;
	char		 *fontdir;

	if (!(o->formats & FORMAT_PDF))
		return NULL;
	/* the one begun before the templates (if for other fonts,
	 * pdf_render() begins anew) */
	if (s != NULL) {
		prestarted = NULL;
		return s;
	}
	fontdir = xasprintf("%s/../fonts", tp->dir);
	s = pdf_start(fontdir);
	free(fontdir);
	return s;
}

int
build_company(const struct company *c, const struct templates *tp,
    const struct build_opts *o, struct version_job *job,
    struct pdf_start *pdf)
{
	const char		*code = build_lang(c, tp, o);
	struct doc		*d;
	struct buf		 deps = { 0 };
	char			*commit, *gitdate, *dir;
	int			 lang, modified = 0, rc;
	size_t			 before;

	before = diag_errors();
	if ((lang = lang_index(tp, code)) < 0)
		lang = 0;
	if (diag_errors() != before) {
		/* Its labels are broken, as simc check says too. */
		if (job != NULL) {
			free(version_finish(job, &gitdate, &modified));
			free(gitdate);
		}
		pdf_start_free(pdf);
		return -1;
	}
	d = form_doc(c, tp, lang);
	if (o->since != NULL && since_page(d, c, tp, o->since) == -1) {
		if (job != NULL) {
			free(version_finish(job, &gitdate, &modified));
			free(gitdate);
		}
		pdf_start_free(pdf);
		doc_free(d);
		return -1;
	}
	if ((commit = version_finish(job ? job : version_start(c->real),
	    &gitdate, &modified)) != NULL)
		d->version = xasprintf("%s, %s%s%s", commit, gitdate,
		    modified ? ", " : "", modified ? doc_ui(d, "modified") :
		    "");
	free(commit);
	d->date = dossier_date(gitdate);
	dir = xasprintf("%s/%s", o->out, c->slug);
	company_deps(&deps, c, d, tp);
	rc = render_doc(d, tp, o->formats, o->a3, dir, "dossier", c->dir,
	    &deps, pdf);
	buf_free(&deps);
	free(dir);
	doc_free(d);
	return rc;
}

/* Whether key is one of the comma-separated words of list. */
static int
word_in(const char *list, const char *key)
{
	size_t	 n = strlen(key);

	for (;;) {
		if (strncmp(list, key, n) == 0 && (list[n] == ',' ||
		    list[n] == '\0'))
			return 1;
		if ((list = strchr(list, ',')) == NULL)
			return 0;
		list++;
	}
}

int
build_blank(const struct templates *tp, const struct build_opts *o)
{
	const char	*code = o->lang ? o->lang : "en";
	struct doc	*d;
	char		*dir, *base;
	size_t		 i;
	int		 lang = lang_index(tp, code), rc = 0;

	dir = xasprintf("%s/blank/%s", o->out, code);
	for (i = 0; rc == 0 && i <= tp->ntools; i++) {
		const struct tooldef *t = i < tp->ntools ? &tp->tools[i] : NULL;

		if (o->tools != NULL && (t == NULL ||
		    !word_in(o->tools, t->key)))
			continue;

		d = form_blank(tp, lang, t);
		d->date = dossier_date(NULL);
		base = t ? xasprintf("%02zu-%s", i + 1, t->key) :
		    xstrdup("workshop-pack");
		rc = render_doc(d, tp, o->formats, o->a3, dir, base, dir,
		    NULL, NULL);
		free(base);
		doc_free(d);
	}
	free(dir);
	return rc;
}

int
build_write_set(const char *dir, const char *base, const char *const *ext,
    char *const *data, const size_t *len, size_t n)
{
	struct outset	 os = { .n = 0 };
	struct write_job jobs[sizeof(os.tmp) / sizeof(os.tmp[0])];
	size_t		 i;
	int		 rc = 0, lock;

	if (n > sizeof(os.tmp) / sizeof(os.tmp[0]))
		return -1;
	if (mkdirs(dir) == -1) {
		diag(SEV_ERROR, dir, 1, 1, "cannot create: %s",
		    strerror(errno));
		return -1;
	}
	if ((lock = out_lock(dir, base)) == -1)
		return -1;
	memset(jobs, 0, sizeof(jobs));
	for (i = n; i-- > 0;) {
		jobs[i].path = xasprintf("%s/%s.%s", dir, base, ext[i]);
		jobs[i].data = data[i];
		jobs[i].len = len[i];
		if (i > 0)
			jobs[i].threaded = pthread_create(&jobs[i].thread,
			    NULL, write_job_run, &jobs[i]) == 0;
		if (!jobs[i].threaded)
			write_job_run(&jobs[i]);
	}
	for (i = 0; i < n; i++) {
		if (jobs[i].threaded)
			pthread_join(jobs[i].thread, NULL);
		if (jobs[i].tmp == NULL) {
			diag(SEV_ERROR, jobs[i].path, 1, 1,
			    "cannot write: %s", strerror(jobs[i].err));
			free(jobs[i].path);
			rc = -1;
			continue;
		}
		os.tmp[os.n] = jobs[i].tmp;
		os.path[os.n++] = jobs[i].path;
	}
	rc = commit_out(&os, rc == 0);
	close(lock);
	return rc;
}
