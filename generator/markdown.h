/*
 * markdown.h: Markdown through cmark, made safe for every backend.
 *
 * md_parse() returns a cmark tree in which nothing active survives: raw
 * HTML blocks and inlines are removed, links to anything but http, https,
 * mailto and in-document anchors are replaced by their text, images (which
 * would fetch from elsewhere) by their alt text, and headings are pushed
 * below the dossier's own (level + 3, at most 6).
 */
#ifndef SIMC_MARKDOWN_H
#define SIMC_MARKDOWN_H

#include <cmark.h>
#include <stddef.h>

/* Parses len bytes of Markdown; caller frees with cmark_node_free(). */
cmark_node	*md_parse(const char *text, size_t len);
/* The text of Markdown without its markup, on one line.  Caller frees. */
char		*md_plain(const char *text);
/* True if a link to url may be followed. */
int		 md_safe_url(const char *url);

#endif
