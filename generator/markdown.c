/*
 * markdown.c: a safe cmark tree for the backends (see markdown.h).
 * The tree is walked with cmark's iterator, never recursively: a legal
 * document may nest fifty thousand block quotes.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "util.h"

int
md_safe_url(const char *url)
{
	if (url == NULL)
		return 0;
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "mailto:", 7) == 0 || url[0] == '#';
}

/* Moves n's children before n, then removes n. */
static void
unwrap(cmark_node *n)
{
	cmark_node	*k;

	while ((k = cmark_node_first_child(n)) != NULL)
		cmark_node_insert_before(n, k);
	cmark_node_free(n);
}

/* Replaces an image by a text node holding its alt text. */
static void
image_to_text(cmark_node *n)
{
	cmark_node	*t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_iter	*it = cmark_iter_new(n);
	cmark_event_type ev;
	size_t		 len = 0;
	char		 alt[512];
	const char	*lit;

	alt[0] = '\0';
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *k = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && k != n &&
		    (lit = cmark_node_get_literal(k)) != NULL &&
		    len + strlen(lit) < sizeof(alt) - 1) {
			memcpy(alt + len, lit, strlen(lit) + 1);
			len += strlen(lit);
		}
	}
	cmark_iter_free(it);
	cmark_node_set_literal(t, alt);
	cmark_node_insert_before(n, t);
	cmark_node_free(n);
}

char *
md_plain(const char *text)
{
	cmark_node	*doc = md_parse(text, strlen(text));
	cmark_iter	*it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct buf	 b = { 0 };
	const char	*lit;
	cmark_node	*n;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    (cmark_node_get_type(n) == CMARK_NODE_TEXT ||
		    cmark_node_get_type(n) == CMARK_NODE_CODE) &&
		    (lit = cmark_node_get_literal(n)) != NULL)
			buf_puts(&b, lit);
		else if (ev == CMARK_EVENT_ENTER &&
		    (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
		    cmark_node_get_type(n) == CMARK_NODE_LINEBREAK))
			buf_putc(&b, ' ');
		else if (ev == CMARK_EVENT_EXIT && b.len > 0 &&
		    b.data[b.len - 1] != ' ' &&
		    (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ||
		    cmark_node_get_type(n) == CMARK_NODE_ITEM ||
		    cmark_node_get_type(n) == CMARK_NODE_HEADING))
			buf_putc(&b, ' ');
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_take(&b);
}

cmark_node *
md_parse(const char *text, size_t len)
{
	cmark_node	*doc, *n, **kill = NULL;
	cmark_iter	*it;
	cmark_event_type ev;
	size_t		 nkill = 0, cap = 0, i;
	int		 level;

	doc = cmark_parse_document(text, len, CMARK_OPT_VALIDATE_UTF8);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(n) + 3;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
			continue;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_IMAGE:
			break;
		case CMARK_NODE_LINK:
			if (md_safe_url(cmark_node_get_url(n)))
				continue;
			break;
		default:
			continue;
		}
		xgrow(&kill, &cap, nkill + 1, sizeof(*kill));
		kill[nkill++] = n;
	}
	cmark_iter_free(it);
	/* Children before parents would be freed twice: go backwards. */
	for (i = nkill; i-- > 0;) {
		switch (cmark_node_get_type(kill[i])) {
		case CMARK_NODE_LINK:
			unwrap(kill[i]);
			break;
		case CMARK_NODE_IMAGE:
			image_to_text(kill[i]);
			break;
		default:
			cmark_node_free(kill[i]);
			break;
		}
	}
	free(kill);
	return doc;
}
