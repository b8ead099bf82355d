/*
 * watch.c: `simc watch`, the edit loop around the compiler.  Watches the
 * company's folder tree and the templates with inotify, waits for a
 * burst of changes to settle (an editor's save is several events: a
 * temporary file, a rename, a mode change), then runs the passes again
 * as `simc build` does: templates (when they changed), load, validate,
 * resolve, build.  The HTML is written first and published to the
 * preview server at once; the PDF follows.  The page served is the
 * dossier on disk with a banner of the diagnostics and a script that
 * reloads it on the server's next event, both added only to the copy
 * served: the dossier's own file never has them.  A build with errors
 * writes nothing and keeps the last good dossier under its errors.
 *
 * The server (server.c) runs in threads of its own; everything here,
 * and so every pass and diag(), runs in the main thread.
 */
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "fileio.h"
#include "load.h"
#include "resolve.h"
#include "server.h"
#include "templates.h"
#include "util.h"
#include "validate.h"
#include "watch.h"

#define QUIET_MS	50	/* a burst ends after this long without events */
#define BURST_MS	500	/* and a build waits no longer than this */
#define MAX_WATCHES	10000	/* folders watched */
#define MAX_SHOWN	200	/* diagnostics on the page */
#define WATCH_MASK	(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | \
			 IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
			 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct watcher {
	int		 fd;		/* inotify */
	int		 twd[2];	/* the templates' folders */
	size_t		 nwatches;
	int		 full;		/* MAX_WATCHES reached (said once) */
	char		*root;		/* the company, resolved */
	char		*outreal;	/* the output root, never watched */
	const char	*tdir;
};

/* What one build leaves for the page. */
struct state {
	const char	*dir;
	struct buf	 diags;		/* <li> items, escaped */
	size_t		 ndiags, nerr, nwarn;
	char		*good;		/* the last good dossier's HTML */
	size_t		 goodlen;
	char		 goodtime[16];	/* when it was built */
	char		 time[16];	/* when the last build ran */
	long		 ms;		/* and how long it took */
	unsigned	 gen;
};

static long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
clock_text(char *s, size_t n)
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (localtime_r(&t, &tm) == NULL || strftime(s, n, "%H:%M:%S",
	    &tm) == 0)
		snprintf(s, n, "?");
}

/* ---- the folders watched ---- */

static void
watch_tree(struct watcher *w, const char *path, int depth)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*sub;

	if (w->outreal != NULL && strcmp(path, w->outreal) == 0)
		return;	/* the dossier written must not start a build */
	if (w->nwatches >= MAX_WATCHES) {
		if (!w->full)
			fprintf(stderr, "simc: more than %d folders: the "
			    "others are not watched\n", MAX_WATCHES);
		w->full = 1;
		return;
	}
	if (inotify_add_watch(w->fd, path, WATCH_MASK | IN_DONT_FOLLOW) ==
	    -1)
		return;
	w->nwatches++;
	if (depth >= LIMIT_DIR_DEPTH || (d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* as load.c: hidden, .git, . and .. */
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1 || !S_ISDIR(st.st_mode))
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		watch_tree(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

/* (Re)creates the watches: at the start, and when folders changed. */
static int
watch_all(struct watcher *w)
{
	char	*lang;

	if (w->fd != -1)
		close(w->fd);
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		fprintf(stderr, "simc: inotify: %s\n", strerror(errno));
		return -1;
	}
	w->nwatches = 0;
	watch_tree(w, w->root, 0);
	lang = xasprintf("%s/lang", w->tdir);
	w->twd[0] = inotify_add_watch(w->fd, w->tdir, WATCH_MASK);
	w->twd[1] = inotify_add_watch(w->fd, lang, WATCH_MASK);
	free(lang);
	return 0;
}

/*
 * Reads the pending events; sets *dirty when one may change the
 * dossier, *tdirty when the templates changed, *rescan when folders
 * came or went.
 */
static void
watch_read(struct watcher *w, int *dirty, int *tdirty, int *rescan)
{
	char			 buf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t			 n;
	char			*p;
	size_t			 len;

	while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
		for (p = buf; p < buf + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW) {
				*dirty = *tdirty = *rescan = 1;
				continue;
			}
			if (ev->mask & IN_IGNORED)
				continue;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
				*dirty = *rescan = 1;
				continue;
			}
			/* Editors' swap, backup and lock files. */
			len = ev->len ? strlen(ev->name) : 0;
			if (len > 0 && (ev->name[0] == '.' ||
			    ev->name[len - 1] == '~' || ev->name[0] == '#'))
				continue;
			if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE |
			    IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)))
				*rescan = 1;
			*dirty = 1;
			if (ev->wd == w->twd[0] || ev->wd == w->twd[1])
				*tdirty = 1;
		}
	}
}

/* ---- the page ---- */

/* Text from content, printable and escaped for the page. */
static void
esc(struct buf *b, const char *s)
{
	char	*p = printable(s);

	buf_put_html(b, p);
	free(p);
}

/* Prints a diagnostic as `simc check` does, and keeps it for the page. */
static void
take(const struct diagnostic *d, void *arg)
{
	struct state	*st = arg;
	const char	*sev = d->sev == SEV_ERROR ? "error" : "warning";
	char		*help, *h, *nl;

	diag_print(stderr, d);	/* as simc check prints it */
	if (d->sev == SEV_ERROR)
		st->nerr++;
	else
		st->nwarn++;
	if (st->ndiags++ >= MAX_SHOWN)
		return;
	buf_printf(&st->diags, "<li class=\"%s\">", sev);
	esc(&st->diags, d->path);
	buf_printf(&st->diags, ":%d:%d: <b>%s:</b> ", d->line, d->col, sev);
	esc(&st->diags, d->text);
	for (h = help = d->help ? xstrdup(d->help) : NULL; h != NULL;
	    h = nl ? nl + 1 : NULL) {
		if ((nl = strchr(h, '\n')) != NULL)
			*nl = '\0';
		buf_puts(&st->diags, "<br><i>help:</i> ");
		esc(&st->diags, h);
	}
	free(help);
	buf_puts(&st->diags, "</li>\n");
}

static const char banner_css[] =
"#simc-watch{position:sticky;top:0;z-index:1000;margin:0;padding:.5em 1em;"
"font:13px/1.4 ui-monospace,monospace;color:#222;background:#e8f5e9;"
"border-bottom:2px solid #2e7d32;max-height:40vh;overflow:auto}"
"#simc-watch.warning{background:#fff8e1;border-color:#f9a825}"
"#simc-watch.error{background:#fdecea;border-color:#c62828}"
"#simc-watch ul{margin:.3em 0 0;padding-left:1.5em}"
"#simc-watch li.error b{color:#c62828}"
"#simc-watch li.warning b{color:#8d6e00}"
"@media print{#simc-watch{display:none}}";

/*
 * The page served: the last good dossier, or a page of its own, with
 * the banner after <body> and the reload script before </body>.  A
 * Content-Security-Policy lets only that script run (by its nonce).
 */
static char *
page(const struct state *st, size_t *len)
{
	struct buf	 b = { 0 };
	const char	*html = st->good, *head, *body, *end, *cls;
	unsigned char	 rnd[16];
	char		 nonce[33];
	size_t		 i;

	if (getentropy(rnd, sizeof(rnd)) == -1)
		for (i = 0; i < sizeof(rnd); i++)
			rnd[i] = (unsigned char)(rand() ^ now_ms());
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(nonce + 2 * i, 3, "%02x", rnd[i]);
	if (html == NULL)
		html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
		    "charset=\"utf-8\">\n<title>simc watch</title>\n</head>\n"
		    "<body>\n<p>No dossier yet: the first build has errors."
		    "</p>\n</body>\n</html>\n";
	/* The dossier escapes every text of the notes, so its first
	 * <head> and <body> and its last </body> are its own tags. */
	head = strstr(html, "<head>");
	body = head ? strstr(head, "<body") : NULL;
	body = body ? strchr(body, '>') : NULL;
	end = body ? strstr(body, "</body>") : NULL;
	if (head == NULL || body == NULL || end == NULL) {
		html = "<!DOCTYPE html><html><head></head><body></body></html>";
		head = strstr(html, "<head>");
		body = strstr(html, "<body>") + 5;
		end = strstr(html, "</body>");
	}
	head += strlen("<head>");
	/* After the charset, which must stay in the first 1024 bytes. */
	if (strncmp(head, "\n<meta charset=\"utf-8\">",
	    strlen("\n<meta charset=\"utf-8\">")) == 0)
		head += strlen("\n<meta charset=\"utf-8\">");
	body++;
	while (strstr(end + 1, "</body>") != NULL)
		end = strstr(end + 1, "</body>");
	buf_put(&b, html, (size_t)(head - html));
	buf_printf(&b, "\n<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; img-src data:; font-src data:; "
	    "style-src 'unsafe-inline'; script-src 'nonce-%s'; "
	    "connect-src 'self'; base-uri 'none'; form-action 'none'\">\n"
	    "<style>%s</style>", nonce, banner_css);
	buf_put(&b, head, (size_t)(body - head));
	cls = st->nerr ? "error" : st->nwarn ? "warning" : "ok";
	buf_printf(&b, "\n<div id=\"simc-watch\" class=\"%s\">simc watch: ",
	    cls);
	esc(&b, st->dir);
	buf_printf(&b, ", built at %s in %ld ms: %zu error%s, %zu warning%s",
	    st->time, st->ms, st->nerr, st->nerr == 1 ? "" : "s", st->nwarn,
	    st->nwarn == 1 ? "" : "s");
	if (st->nerr && st->good != NULL)
		buf_printf(&b, "; below, the last good dossier, of %s",
		    st->goodtime);
	buf_puts(&b, ".");
	if (st->ndiags > 0) {
		buf_puts(&b, "\n<ul>\n");
		buf_put(&b, st->diags.data, st->diags.len);
		if (st->ndiags > MAX_SHOWN)
			buf_printf(&b, "<li>and %zu more</li>\n",
			    st->ndiags - MAX_SHOWN);
		buf_puts(&b, "</ul>");
	}
	buf_puts(&b, "\n</div>");
	buf_put(&b, body, (size_t)(end - body));
	buf_printf(&b, "<script nonce=\"%s\">\n(function () {\n"
	    "\tvar es = new EventSource(\"/events\");\n"
	    "\tes.onmessage = function (e) {\n"
	    "\t\tif (e.data !== \"%u\") {\n"
	    "\t\t\tes.close();\n"
	    "\t\t\tlocation.reload();\n"
	    "\t\t}\n"
	    "\t};\n"
	    "})();\n</script>\n", nonce, st->gen);
	buf_puts(&b, end);
	*len = b.len;
	return buf_take(&b);
}

static void
publish(struct server *s, struct state *st)
{
	char	*p;
	size_t	 len;

	st->gen++;
	p = page(st, &len);
	server_publish(s, p, len, st->gen);
}

/* ---- one build ---- */

/*
 * Rebuilds: the templates first when they changed (kept as they were if
 * the new ones have errors), then the company.  Publishes the page once
 * the HTML is written, then writes the PDF.  Returns 1 while the changed
 * templates could not be read (to try again at the next change), else 0.
 */
static int
rebuild(struct state *st, struct server *s, const char *dir,
    const struct templates **tp, struct templates **mine, int tdirty,
    const struct build_opts *o)
{
	struct build_opts	 html = *o;
	struct templates	*nt;
	struct company		*c = NULL;
	char			*path, *data;
	size_t			 len;
	long			 t0 = now_ms();
	int			 ok = 0, stale = 0;

	buf_free(&st->diags);
	st->ndiags = st->nerr = st->nwarn = 0;
	if (tdirty) {
		if ((nt = templates_load((*tp)->dir)) != NULL) {
			templates_free(*mine);
			*tp = *mine = nt;
		} else
			stale = 1;
	}
	if (diag_errors() == 0) {
		c = load_company(dir, *tp);
		validate_company(c, *tp);
		resolve_company(c, *tp);
	}
	if (c != NULL && diag_errors() == 0) {
		html.formats = FORMAT_HTML;
		path = xasprintf("%s/%s/dossier.html", o->out, c->slug);
		if (build_company(c, *tp, &html, NULL, NULL) == 0 &&
		    (data = file_read(path, 256u << 20, &len)) != NULL) {
			free(st->good);
			st->good = data;
			st->goodlen = len;
			clock_text(st->goodtime, sizeof(st->goodtime));
			ok = 1;
		}
		free(path);
	}
	st->ms = now_ms() - t0;
	clock_text(st->time, sizeof(st->time));
	diag_take(take, st);
	publish(s, st);
	if (ok && (o->formats & FORMAT_PDF)) {
		/* Both again, as `simc build` writes them: dossier.d then
		 * names both targets.  The HTML is the same bytes. */
		size_t before = st->ndiags;

		build_company(c, *tp, o, NULL, NULL);
		diag_take(take, st);
		if (st->ndiags != before)
			publish(s, st);	/* the PDF's problems, on the page */
	}
	fprintf(stderr, "simc: built %s at %s in %ld ms: %zu error%s, %zu "
	    "warning%s\n", dir, st->time, now_ms() - t0, st->nerr,
	    st->nerr == 1 ? "" : "s", st->nwarn, st->nwarn == 1 ? "" : "s");
	company_free(c);
	return stale;
}

/* ---- the loop ---- */

int
watch_run(const char *dir, const struct templates *tp0,
    const struct build_opts *o, unsigned port)
{
	struct watcher		 w = { .fd = -1, .twd = { -1, -1 } };
	struct state		 st = { .dir = dir };
	const struct templates	*tp = tp0;
	struct templates	*mine = NULL;
	struct server		*s;
	struct pollfd		 pfd[2];
	sigset_t		 mask;
	char			 err[256];
	long			 first = 0, last = 0, wait, t;
	int			 sfd, dirty = 0, tdirty = 0, rescan = 0;
	int			 rc = 0;

	if ((w.root = realpath(dir, NULL)) == NULL) {
		fprintf(stderr, "simc: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if ((s = server_bind(port, err, sizeof(err))) == NULL) {
		fprintf(stderr, "simc: %s\n", err);
		free(w.root);
		return 1;
	}
	/* Signals are read from a descriptor, in this thread only: the
	 * server's threads start with them blocked. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((sfd = signalfd(-1, &mask, SFD_CLOEXEC)) == -1) {
		fprintf(stderr, "simc: signalfd: %s\n", strerror(errno));
		server_stop(s);
		free(w.root);
		return 1;
	}
	if (mkdirs(o->out) == 0)
		w.outreal = realpath(o->out, NULL);
	w.tdir = tp->dir;
	if (watch_all(&w) == -1) {
		rc = 1;
		goto out;
	}
	rebuild(&st, s, dir, &tp, &mine, 0, o);
	if (server_start(s, err, sizeof(err)) == -1) {
		fprintf(stderr, "simc: %s\n", err);
		rc = 1;
		goto out;
	}
	fprintf(stderr, "simc: serving http://127.0.0.1:%u/\n",
	    server_port(s));
	for (;;) {
		pfd[0].fd = sfd;
		pfd[0].events = POLLIN;
		pfd[1].fd = w.fd;
		pfd[1].events = POLLIN;
		wait = -1;
		if (dirty) {
			t = now_ms();
			wait = last + QUIET_MS < first + BURST_MS ?
			    last + QUIET_MS - t : first + BURST_MS - t;
			if (wait < 0)
				wait = 0;
		}
		if (poll(pfd, 2, wait > INT_MAX ? INT_MAX : (int)wait) == -1 &&
		    errno != EINTR) {
			fprintf(stderr, "simc: poll: %s\n", strerror(errno));
			rc = 1;
			break;
		}
		if (pfd[0].revents & POLLIN)
			break;	/* SIGINT or SIGTERM: a clean stop */
		if (pfd[1].revents & POLLIN) {
			int was = dirty;

			watch_read(&w, &dirty, &tdirty, &rescan);
			if (dirty) {
				last = now_ms();
				if (!was)
					first = last;
			}
		}
		t = now_ms();
		if (dirty && (t >= last + QUIET_MS || t >= first + BURST_MS)) {
			if (rescan && watch_all(&w) == -1) {
				rc = 1;
				break;
			}
			tdirty = rebuild(&st, s, dir, &tp, &mine, tdirty, o);
			dirty = rescan = 0;
		}
	}
	fprintf(stderr, "simc: stopped\n");
out:
	server_stop(s);
	close(sfd);
	if (w.fd != -1)
		close(w.fd);
	buf_free(&st.diags);
	free(st.good);
	free(w.root);
	free(w.outreal);
	templates_free(mine);
	return rc;
}
