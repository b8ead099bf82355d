/*
 * build.c: the last step of `simc build`.  Picks the label language,
 * stamps the content version, runs the form pass and each backend into
 * memory, and only then writes the files, each atomically: a failure
 * leaves the previous dossier as it was.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "diag.h"
#include "fileio.h"
#include "image.h"
#include "render.h"
#include "resolve.h"
#include "templates.h"
#include "util.h"
#include "validate.h"

char *
image_file(const char *path, size_t *len)
{
	struct image	 img;
	char		*data, err[256];

	if ((data = file_read(path, LIMIT_IMAGE_BYTES, len)) == NULL)
		return NULL;
	if (image_decode((unsigned char *)data, *len, &img, err,
	    sizeof(err)) == -1) {
		free(data);
		return NULL;
	}
	image_free(&img);
	return data;
}

/* The dossier's date: SOURCE_DATE_EPOCH, else the content's git date. */
static char *
dossier_date(char *gitdate)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end, buf[16];
	long long	 v;
	time_t		 t;
	struct tm	 tm;

	if (s != NULL && *s != '\0') {
		v = strtoll(s, &end, 10);
		t = (time_t)v;
		if (*end == '\0' && v >= 0 && gmtime_r(&t, &tm) != NULL &&
		    strftime(buf, sizeof(buf), "%Y-%m-%d", &tm) > 0) {
			free(gitdate);
			return xstrdup(buf);
		}
	}
	return gitdate;
}

static int
write_out(const struct company *c, const char *dir, const char *name,
    const char *data, size_t len)
{
	char	*path = xasprintf("%s/%s", dir, name);
	int	 rc = 0;

	if (file_write_atomic(path, data, len) == -1) {
		diag(SEV_ERROR, path, 1, 1, "cannot write: %s",
		    strerror(errno));
		rc = -1;
	}
	free(path);
	(void)c;
	return rc;
}

int
build_company(const struct company *c, const struct templates *tp,
    const struct build_opts *o)
{
	const struct note	*co = first_note(c, "company");
	const char		*code = o->lang;
	struct doc		*d;
	char			*html = NULL, *pdf = NULL, *css, *dir, *path;
	char			*commit, *gitdate, *fontdir, err[256];
	size_t			 hlen = 0, plen = 0, clen;
	int			 lang, modified = 0, rc = 0;

	if (code == NULL && co != NULL)
		code = ystr(yget(co->fm, "language"));
	if (code == NULL)
		code = "en";
	if ((lang = lang_index(tp, code)) < 0) {
		diag(SEV_WARNING, co ? co->path : c->dir, 1, 1, "no labels in "
		    "language `%s`; the dossier uses English", code);
		lang = 0;
	}
	d = form_doc(c, tp, lang);
	if ((commit = content_version(c->real, &gitdate, &modified)) != NULL)
		d->version = xasprintf("%s, %s%s%s", commit, gitdate,
		    modified ? ", " : "", modified ? doc_ui(d, "modified") :
		    "");
	free(commit);
	d->date = dossier_date(gitdate);

	if (o->formats & FORMAT_HTML) {
		path = xasprintf("%s/dossier.css", tp->dir);
		if ((css = file_read(path, 1u << 20, &clen)) == NULL) {
			diag(SEV_ERROR, path, 1, 1, "cannot read: %s",
			    strerror(errno));
			rc = -1;
		} else
			html = html_render(d, css, &hlen);
		free(css);
		free(path);
	}
	if (rc == 0 && (o->formats & FORMAT_PDF)) {
		fontdir = xasprintf("%s/../fonts", tp->dir);
		if ((pdf = pdf_render(d, fontdir, o->a3, &plen, err,
		    sizeof(err))) == NULL) {
			diag(SEV_ERROR, c->dir, 1, 1, "cannot make the PDF: %s",
			    err);
			rc = -1;
		}
		free(fontdir);
	}
	doc_free(d);
	dir = xasprintf("%s/%s", o->out, c->slug);
	if (rc == 0 && mkdirs(dir) == -1) {
		diag(SEV_ERROR, dir, 1, 1, "cannot create: %s",
		    strerror(errno));
		rc = -1;
	}
	if (rc == 0 && html != NULL)
		rc = write_out(c, dir, "dossier.html", html, hlen);
	if (rc == 0 && pdf != NULL)
		rc = write_out(c, dir, "dossier.pdf", pdf, plen);
	free(dir);
	free(html);
	free(pdf);
	return rc;
}
