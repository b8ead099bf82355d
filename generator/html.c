/*
 * html.c: the HTML backend.  One self-contained page per company: the
 * CSS of templates/dossier.css inline, each image once as a data URI, no
 * script, nothing fetched.  Renders the blocks of the form pass; Markdown goes
 * through md_parse() and cmark's safe HTML renderer, and every other
 * text is escaped here.
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "image.h"
#include "imgcache.h"
#include "markdown.h"
#include "render.h"
#include "util.h"

/* Escaping for HTML is util.c's, shared with the watch page. */
#define esc	buf_put_html

/* Escaped text; line ends become <br>. */
static void
esc_lines(struct buf *b, const char *s)
{
	const char	*nl;
	char		*line;

	while ((nl = strchr(s, '\n')) != NULL) {
		line = xstrndup(s, (size_t)(nl - s));
		esc(b, line);
		free(line);
		buf_puts(b, "<br>");
		s = nl + 1;
	}
	esc(b, s);
}

/*
 * The ids of a reference value, each a link to the row that has it, then
 * the rest of its text (": name").  Ids of valid notes are plain, but
 * what an id is depends on the templates: escaped in the href too.
 */
static void
links(struct buf *b, const struct bval *v)
{
	size_t	 i;

	for (i = 0; i < v->nids; i++) {
		buf_printf(b, "%s<a href=\"#%s-", i ? ", " : "", v->target);
		esc(b, v->ids[i]);
		buf_puts(b, "\">");
		esc(b, v->ids[i]);
		buf_puts(b, "</a>");
	}
	esc(b, v->text + v->idslen);
}

/* Markdown; inline only keeps a lone paragraph's contents. */
static void
md(struct buf *b, const char *text, int block)
{
	cmark_node	*doc = md_parse(text, strlen(text)), *k, *p;
	char		*html;

	p = cmark_node_first_child(doc);
	if (!block && p != NULL && cmark_node_next(p) == NULL &&
	    cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH) {
		for (k = cmark_node_first_child(p); k; k = cmark_node_next(k)) {
			html = cmark_render_html(k, CMARK_OPT_DEFAULT);
			buf_puts(b, html);
			free(html);
		}
	} else {
		html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
		buf_puts(b, html);
		free(html);
	}
	cmark_node_free(doc);
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	size_t		 i;
	unsigned	 v;
	char		 q[4];

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		q[0] = b64[v >> 18];
		q[1] = b64[(v >> 12) & 63];
		q[2] = b64[(v >> 6) & 63];
		q[3] = b64[v & 63];
		buf_put(b, q, 4);
	}
	if (i < n) {
		v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 :
		    0);
		q[0] = b64[v >> 18];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = '=';
		buf_put(b, q, 4);
	}
}

/*
 * An image where it is used: an inline SVG, sized and scaled like an
 * <img> (dossier.css), that <use>s the one copy of its file which
 * image_defs() put at the top of the page.  Nothing without an image.
 */
static void
image(struct buf *b, const struct cimage *ci, const char *alt,
    const char *cls)
{
	unsigned	 w, h;

	if (ci == NULL)
		return;
	w = ci->img.width;
	h = ci->img.height;
	buf_printf(b, "<svg class=\"%s\" width=\"%u\" height=\"%u\" "
	    "viewBox=\"0 0 %u %u\" role=\"img\" aria-label=\"", cls, w, h,
	    w, h);
	esc(b, alt);
	buf_puts(b, "\"><title>");
	esc(b, alt);
	buf_printf(b, "</title><use href=\"#img-%zu\"/></svg>",
	    ci->index + 1);
}

/*
 * The definition of image ci, the first time it is met: its pixels as a
 * PNG written again (image_png), never the user's file, so no EXIF or
 * text chunk of a photo reaches the page.
 */
static void
image_def(struct buf *b, const struct cimage *ci, unsigned char *seen)
{
	unsigned char	*png;
	size_t		 len;

	if (ci == NULL || seen[ci->index])
		return;
	seen[ci->index] = 1;
	if ((png = image_png(&ci->img, &len)) == NULL)
		return;
	buf_printf(b, "<image id=\"img-%zu\" width=\"%u\" height=\"%u\" "
	    "href=\"data:image/png;base64,", ci->index + 1, ci->img.width,
	    ci->img.height);
	base64(b, png, len);
	buf_puts(b, "\"/>\n");
	free(png);
}

static const struct cimage *
val_image(const struct bval *v)
{
	return v->type == V_IMAGE ? v->img : NULL;
}

/*
 * Every image the doc draws, once each, in the order first drawn: a
 * hidden SVG of definitions that image() refers to, however many times.
 */
static void
image_defs(struct buf *out, const struct doc *d)
{
	const struct imgcache	*ic = d->c ? d->c->images : NULL;
	struct buf		 b = { 0 };
	unsigned char		*seen;
	size_t			 i, j, k;

	if (ic == NULL || ic->n == 0)
		return;
	seen = xcalloc(ic->n, 1);
	image_def(&b, d->logo_img, seen);
	for (i = 0; i < d->n; i++) {
		const struct block *bl = &d->b[i];

		image_def(&b, val_image(&bl->v), seen);
		for (j = 0; j < bl->nrows; j++)
			for (k = 0; k < bl->rows[j].n; k++)
				image_def(&b,
				    val_image(&bl->rows[j].boxes[k].v), seen);
		for (j = 0; j < bl->ncols * bl->nbody; j++)
			image_def(&b, val_image(&bl->cells[j]), seen);
	}
	if (b.len > 0) {
		buf_puts(out, "<svg class=\"images\" width=\"0\" "
		    "height=\"0\" style=\"position:absolute\" "
		    "aria-hidden=\"true\"><defs>\n");
		buf_put(out, b.data, b.len);
		buf_puts(out, "</defs></svg>\n");
	}
	buf_free(&b);
	free(seen);
}

/* A colour of the one palette (figure.h) as SVG paint.  Static. */
static const char *
color(enum pcolor c)
{
	static char	 s[2][8];
	static int	 k;

	if (c == PC_NONE)
		return "none";
	k = !k;
	snprintf(s[k], sizeof(s[k]), "#%02x%02x%02x", palette[c][0],
	    palette[c][1], palette[c][2]);
	return s[k];
}

static void
paint(struct buf *b, const struct prim *p, int stretch)
{
	buf_printf(b, " fill=\"%s\"", p->hatch ? "url(#hatch)" :
	    color(p->fill));
	if (p->stroke != PC_NONE) {
		buf_printf(b, " stroke=\"%s\" stroke-width=\"%.2f\"",
		    color(p->stroke), p->width);
		if (p->dash)
			buf_puts(b, " stroke-dasharray=\"3 2\"");
		if (stretch)
			buf_puts(b, " vector-effect=\"non-scaling-stroke\"");
	}
}

/*
 * A figure as inline SVG.  A stretched figure (a curve piece) fills its
 * cell's width: its strokes do not scale, and its dots are zero-length
 * round-capped lines, which stay round however the width is stretched.
 */
static void
svg(struct buf *b, const struct figure *f, int stretch)
{
	size_t	 i, k;

	if (stretch)
		buf_printf(b, "<svg class=\"curve\" viewBox=\"0 0 %.0f %.0f\" "
		    "preserveAspectRatio=\"none\" aria-hidden=\"true\">",
		    f->w, f->h);
	else {
		buf_printf(b, "<svg viewBox=\"0 0 %.1f %.1f\" role=\"img\" "
		    "aria-label=\"", f->w, f->h);
		esc(b, f->title ? f->title : "");
		buf_puts(b, "\" style=\"max-width:");
		buf_printf(b, "%.0fpx\"><title>", f->w * 1.4f);
		esc(b, f->title ? f->title : "");
		buf_puts(b, "</title><desc>");
		esc(b, f->alt ? f->alt : "");
		buf_puts(b, "</desc>");
	}
	buf_printf(b, "<defs><pattern id=\"hatch\" width=\"5\" height=\"5\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"5\" height=\"5\" fill=\"%s\"/><line x1=\"0\" "
	    "y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"%s\" "
	    "stroke-width=\"1.4\"/></pattern></defs>", color(PC_WARN),
	    color(PC_MUTED));
	for (i = 0; i < f->n; i++) {
		const struct prim *p = &f->v[i];

		switch (p->kind) {
		case P_LINE:
			buf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" "
			    "x2=\"%.2f\" y2=\"%.2f\"", p->x, p->y, p->x2,
			    p->y2);
			paint(b, p, stretch);
			buf_puts(b, "/>");
			break;
		case P_POLY:
			buf_puts(b, "<polyline points=\"");
			for (k = 0; k < p->npts; k++)
				buf_printf(b, "%s%.2f,%.2f", k ? " " : "",
				    p->pts[2 * k], p->pts[2 * k + 1]);
			buf_puts(b, "\"");
			paint(b, p, stretch);
			buf_puts(b, "/>");
			break;
		case P_RECT:
			buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" "
			    "width=\"%.2f\" height=\"%.2f\"", p->x, p->y, p->w,
			    p->h);
			paint(b, p, stretch);
			buf_puts(b, "/>");
			break;
		case P_CIRCLE:
			if (stretch) {
				if (p->stroke != PC_NONE)
					buf_printf(b, "<line x1=\"%.2f\" "
					    "y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
					    "stroke=\"%s\" stroke-width=\"%.2f\" "
					    "stroke-linecap=\"round\" "
					    "vector-effect=\"non-scaling-stroke\"/>",
					    p->x, p->y, p->x, p->y,
					    color(p->stroke), 2 * p->r + p->width);
				buf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" "
				    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
				    "stroke-width=\"%.2f\" "
				    "stroke-linecap=\"round\" "
				    "vector-effect=\"non-scaling-stroke\"/>",
				    p->x, p->y, p->x, p->y, color(p->fill),
				    2 * p->r - (p->stroke != PC_NONE ?
				    p->width : 0));
				break;
			}
			buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" "
			    "r=\"%.2f\"", p->x, p->y, p->r);
			paint(b, p, 0);
			buf_puts(b, "/>");
			break;
		case P_TEXT:
			buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\" "
			    "font-size=\"%.1f\" fill=\"%s\"%s%s>", p->x, p->y,
			    p->size, color(p->fill), p->anchor < 0 ? "" :
			    p->anchor == 0 ? " text-anchor=\"middle\"" :
			    " text-anchor=\"end\"", p->bold ?
			    " font-weight=\"bold\"" : "");
			esc(b, p->text);
			buf_puts(b, "</text>");
			break;
		}
	}
	buf_puts(b, "</svg>");
}

static void
value(struct buf *b, const struct bval *v, const char *label)
{
	size_t			 i;

	switch (v->type) {
	case V_NONE:
		break;
	case V_TEXT:
		if (v->initials) {
			buf_puts(b, "<span class=\"initials\" role=\"img\" "
			    "aria-label=\"");
			esc(b, label);
			buf_puts(b, "\">");
			esc(b, v->text);
			buf_puts(b, "</span>");
		} else if (v->target != NULL && v->nids > 0)
			links(b, v);
		else if (v->href != NULL) {
			buf_puts(b, "<a href=\"");
			esc(b, v->href);
			buf_puts(b, ".html\">");
			esc_lines(b, v->text);
			buf_puts(b, "</a>");
		} else
			esc_lines(b, v->text);
		break;
	case V_IMAGE:
		image(b, v->img, label, "picture");
		break;
	case V_FIG:
		svg(b, v->fig, 1);
		break;
	case V_MD:
		if (v->md == NULL)
			md(b, v->text, 1);
		else if (!v->list)
			md(b, v->md[0], v->block);
		else {
			buf_puts(b, "<ul>");
			for (i = 0; i < v->nmd; i++) {
				buf_puts(b, "<li>");
				md(b, v->md[i], 0);
				buf_puts(b, "</li>");
			}
			buf_puts(b, "</ul>");
		}
		break;
	}
}

static void
boxes(struct buf *b, const struct block *k, int blank)
{
	size_t	 i, j;

	buf_puts(b, "<div class=\"boxes\">\n");
	if (k->title) {
		buf_puts(b, "<h4>");
		esc(b, k->title);
		buf_puts(b, "</h4>\n");
	}
	for (i = 0; i < k->nrows; i++) {
		buf_printf(b, "<div class=\"row n%zu\">\n", k->rows[i].n);
		for (j = 0; j < k->rows[i].n; j++) {
			const struct bbox *x = &k->rows[i].boxes[j];

			buf_printf(b, "<div class=\"box%s\">",
			    x->v.type == V_NONE ? " empty" : "");
			buf_puts(b, "<div class=\"label\">");
			esc(b, x->label);
			buf_puts(b, "</div>");
			/* Form hints on blank forms, not in a dossier. */
			if (x->question && blank) {
				buf_puts(b, "<div class=\"q\">");
				esc(b, x->question);
				buf_puts(b, "</div>");
			}
			buf_puts(b, "<div class=\"v\">");
			value(b, &x->v, x->label);
			buf_puts(b, "</div></div>\n");
		}
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "</div>\n");
}

static void
table(struct buf *b, const struct block *k)
{
	size_t	 i, j, span;
	int	 groups = 0;

	for (j = 0; j < k->ncols; j++)
		groups |= k->cols[j].group != NULL;
	buf_printf(b, "<div class=\"scroll\"><table class=\"%s%s\">\n",
	    k->row_headers ? "grid" : "list", k->equal ? " equal" : "");
	if (k->title) {
		buf_puts(b, "<caption>");
		esc(b, k->title);
		buf_puts(b, "</caption>\n");
	}
	buf_puts(b, "<thead>\n");
	if (groups) {
		buf_puts(b, "<tr>");
		for (j = 0; j < k->ncols; j += span) {
			for (span = 1; j + span < k->ncols &&
			    k->cols[j].group && k->cols[j + span].group &&
			    strcmp(k->cols[j].group, k->cols[j + span].group)
			    == 0; span++)
				continue;
			if (k->cols[j].group) {
				buf_printf(b, "<th scope=\"colgroup\" "
				    "colspan=\"%zu\" class=\"group\">", span);
				esc(b, k->cols[j].group);
				buf_puts(b, "</th>");
			} else
				buf_printf(b, "<td colspan=\"%zu\"></td>",
				    span);
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "<tr>");
	for (j = 0; j < k->ncols; j++) {
		buf_printf(b, "<th scope=\"col\"%s", k->cols[j].numeric ?
		    " class=\"num\"" : "");
		if (k->cols[j].question) {
			buf_puts(b, " title=\"");
			esc(b, k->cols[j].question);
			buf_putc(b, '"');
		}
		buf_putc(b, '>');
		esc(b, k->cols[j].label ? k->cols[j].label : "");
		if (k->cols[j].question) {
			buf_puts(b, "<span class=\"q\">");
			esc(b, k->cols[j].question);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr>\n</thead>\n<tbody>\n");
	for (i = 0; i < k->nbody; i++) {
		buf_printf(b, "<tr%s", k->flags[i] & ROW_MARKED ?
		    " class=\"marked\"" : "");
		if (k->anchors && k->anchors[i]) {
			buf_puts(b, " id=\"");
			esc(b, k->anchors[i]);
			buf_putc(b, '"');
		}
		buf_putc(b, '>');
		for (j = 0; j < k->ncols; j++) {
			const struct bval *v = &k->cells[i * k->ncols + j];

			if (j == 0 && k->row_headers) {
				buf_puts(b, "<th scope=\"row\">");
				value(b, v, "");
				buf_puts(b, "</th>");
				continue;
			}
			buf_printf(b, "<td%s>", k->cols[j].numeric ?
			    " class=\"num\"" : "");
			value(b, v, k->cols[j].label ? k->cols[j].label : "");
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table></div>\n");
}

/*
 * One region of a canvas tool's table (tools.yaml `region`): its leading
 * ids (the parent's, the record's) and the columns on the cards, or
 * those after the canvas.  Only the cards' part carries the rows' anchors;
 * the part after is captioned with its note's title ("One Page Strategy:
 * AT: Activities"), as the PDF's outline names it: the canvas's own
 * table of that title is a screen away.
 */
static void
table_region(struct buf *b, const struct block *k, int after,
    const char *note)
{
	struct block	 r;

	block_region(k, after, &r);
	if (after)
		r.title = xasprintf("%s: %s", note ? note : "", k->title ?
		    k->title : "");
	table(b, &r);
	if (after)
		free(r.title);
	free(r.cols);
	free(r.cells);
}

/* The canvas's tables' columns after it, once its cards are drawn. */
static void
canvas_after(struct buf *b, const struct doc *d, size_t from, size_t to,
    const char *note)
{
	size_t	 i;

	for (i = from; i < to; i++)
		if (d->b[i].kind == B_TABLE && block_after(&d->b[i]) > 0) {
			buf_puts(b, "<div class=\"after\">\n");
			table_region(b, &d->b[i], 1, note);
			buf_puts(b, "</div>\n");
		}
}

static void
toc(struct buf *b, const struct doc *d)
{
	size_t	 i;
	int	 open1 = 0, open2 = 0;

	buf_puts(b, "<nav class=\"toc\" aria-labelledby=\"toc-title\">"
	    "<h2 id=\"toc-title\">");
	esc(b, doc_ui(d, "contents"));
	buf_puts(b, "</h2>\n<ol>\n");
	for (i = 0; i < d->n; i++) {
		const struct block *k = &d->b[i];

		if (k->kind != B_SECTION || k->level > 2)
			continue;
		if (k->level == 1) {
			if (open2)
				buf_puts(b, "</ol>");
			if (open1)
				buf_puts(b, "</li>\n");
			open1 = 1;
			open2 = 0;
		} else if (!open2) {
			buf_puts(b, "<ol>");
			open2 = 1;
		}
		buf_printf(b, "<li><a href=\"#%s\">", k->anchor);
		esc(b, k->title);
		buf_puts(b, "</a>");
		if (k->level == 2)
			buf_puts(b, "</li>");
	}
	if (open2)
		buf_puts(b, "</ol>");
	if (open1)
		buf_puts(b, "</li>\n");
	buf_puts(b, "</ol>\n</nav>\n");
}

static void
cover(struct buf *out, const struct doc *d)
{
	struct buf	 dl = { 0 }, *b = &dl;
	size_t		 i;

	buf_puts(out, "<header class=\"cover\">\n");
	image(out, d->logo_img, "Logo", "logo");
	buf_puts(out, "<p class=\"kicker\">");
	esc(out, doc_ui(d, doc_kind(d)));
	buf_puts(out, "</p>\n<h1>");
	esc(out, d->name ? d->name : "");
	buf_puts(out, "</h1>\n");
	for (i = 0; i < d->ncover; i++) {
		buf_puts(b, "<dt>");
		esc(b, d->cover[i].label);
		buf_puts(b, "</dt><dd>");
		value(b, &d->cover[i].v, d->cover[i].label);
		buf_puts(b, "</dd>\n");
	}
	if (d->date) {
		buf_puts(b, "<dt>");
		esc(b, doc_ui(d, "date"));
		char *date = doc_date(d, d->date);

		buf_puts(b, "</dt><dd><time datetime=\"");
		esc(b, d->date);
		buf_puts(b, "\">");
		esc(b, date);
		buf_puts(b, "</time></dd>\n");
		free(date);
	}
	if (d->c != NULL) {
		buf_puts(b, "<dt>");
		esc(b, doc_ui(d, "version"));
		buf_puts(b, "</dt><dd>");
		esc(b, d->version ? d->version : doc_ui(d, "not_in_git"));
		buf_puts(b, "</dd>\n");
	}
	/* The facts the cover has, as a list; none for a bare blank form. */
	if (dl.len) {
		buf_puts(out, "<dl>\n");
		buf_put(out, dl.data, dl.len);
		buf_puts(out, "</dl>\n");
	}
	buf_puts(out, "</header>\n");
	buf_free(&dl);
}

char *
html_render(const struct doc *d, const char *css, size_t *len)
{
	struct buf	 b = { 0 };
	size_t		 i;
	int		 open[4] = { 0, 0, 0, 0 }, l, canvas = 0;
	size_t		 cfrom = 0;
	const char	*ctitle = NULL;
	const struct block *k;

	buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"");
	esc(&b, d->tp->langs[d->lang].code);
	buf_puts(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
	    "name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	esc(&b, d->name ? d->name : "");
	buf_puts(&b, " – ");
	esc(&b, doc_ui(d, doc_kind(d)));
	buf_puts(&b, "</title>\n<style>\n");
	buf_puts(&b, css);
	buf_puts(&b, d->c ? "</style>\n</head>\n<body>\n" :
	    "</style>\n</head>\n<body class=\"blank\">\n");
	image_defs(&b, d);
	cover(&b, d);
	toc(&b, d);
	buf_puts(&b, "<main>\n");
	for (i = 0; i < d->n; i++) {
		k = &d->b[i];
		switch (k->kind) {
		case B_SECTION:
			if (canvas && (k->level <= canvas || k->canvas)) {
				canvas_after(&b, d, cfrom, i, ctitle);
				canvas = 0;
			}
			if (k->canvas) {
				canvas = k->level;
				cfrom = i + 1;
				ctitle = k->title;
			}
			for (l = 3; l >= k->level; l--)
				if (open[l]) {
					buf_puts(&b, "</section>\n");
					open[l] = 0;
				}
			open[k->level] = 1;
			buf_printf(&b, "<section class=\"l%d%s%s\" id=\"%s\">\n"
			    "<h%d>", k->level, k->landscape ? " wide" : "",
			    k->canvas ? " canvas" : "", k->anchor, k->level + 1);
			esc(&b, k->title);
			buf_printf(&b, "</h%d>\n", k->level + 1);
			if (k->subtitle) {
				buf_puts(&b, "<p class=\"question\">");
				esc(&b, k->subtitle);
				buf_puts(&b, "</p>\n");
			}
			break;
		case B_TEXT:
			buf_puts(&b, "<div class=\"text\">");
			if (k->title) {
				buf_puts(&b, "<h5>");
				esc(&b, k->title);
				buf_puts(&b, "</h5>");
			}
			value(&b, &k->v, k->title ? k->title : "");
			buf_puts(&b, "</div>\n");
			break;
		case B_BOXES:
			boxes(&b, k, d->c == NULL);
			break;
		case B_TABLE:
			if (canvas && block_after(k) > 0)
				table_region(&b, k, 0, NULL);
			else
				table(&b, k);
			break;
		case B_FIGURE:
			buf_puts(&b, "<figure class=\"fig\">");
			svg(&b, k->fig, 0);
			buf_puts(&b, "<figcaption>");
			esc(&b, k->fig->title ? k->fig->title : "");
			buf_puts(&b, "</figcaption></figure>\n");
			break;
		}
	}
	if (canvas)
		canvas_after(&b, d, cfrom, d->n, ctitle);
	for (l = 3; l >= 1; l--)
		if (open[l])
			buf_puts(&b, "</section>\n");
	buf_puts(&b, "</main>\n<footer>");
	esc(&b, d->name ? d->name : "");
	if (d->c != NULL) {
		buf_puts(&b, " · ");
		esc(&b, doc_ui(d, "version"));
		buf_puts(&b, ": ");
		esc(&b, d->version ? d->version : doc_ui(d, "not_in_git"));
	}
	buf_puts(&b, "</footer>\n</body>\n</html>\n");
	*len = b.len;
	return buf_take(&b);
}
