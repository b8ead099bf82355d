/*
 * yamltree.c: libyaml's event API turned into struct ynode trees.
 *
 * libyaml 0.2.5 is quadratic in nesting depth and does not expand aliases
 * for us, so this reader stops at the first event past a limit: the scanner
 * is lazy, so stopping early also bounds the work libyaml has done.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "util.h"
#include "yamltree.h"

#define YF_DROP	0x100	/* a duplicate key, dropped with its value */

static struct ynode *
ynew(enum ykind kind, const yaml_mark_t *m, int first_line)
{
	struct ynode	*n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = first_line + (int)m->line;
	n->col = (int)m->column + 1;
	return n;
}

static void
addkid(struct ynode *parent, struct ynode *kid)
{
	xgrow(&parent->kids, &parent->capkids, parent->nkids + 1,
	    sizeof(*parent->kids));
	parent->kids[parent->nkids++] = kid;
}

void
yput(struct ynode *map, struct ynode *key, struct ynode *val)
{
	addkid(map, key);
	addkid(map, val);
}

struct ynode *
yscalar(char *str, int line, int col, unsigned flags)
{
	struct ynode	*n = xcalloc(1, sizeof(*n));

	n->kind = Y_SCALAR;
	n->str = str;
	n->len = strlen(str);
	n->line = line;
	n->col = col;
	n->flags = flags;
	return n;
}

void
yfree(struct ynode *n)
{
	size_t	 i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		yfree(n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n);
}

struct ynode *
yget(const struct ynode *map, const char *key)
{
	size_t	 i;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nkids; i += 2)
		if (strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

struct ynode *
ykey(const struct ynode *map, const char *key)
{
	size_t	 i;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nkids; i += 2)
		if (strcmp(map->kids[i]->str, key) == 0)
			return map->kids[i];
	return NULL;
}

int
yempty(const struct ynode *n)
{
	size_t	 i;

	if (n == NULL)
		return 1;
	switch (n->kind) {
	case Y_SCALAR:
		for (i = 0; i < n->len; i++)
			if (strchr(" \t\r\n", n->str[i]) == NULL)
				return 0;
		return 1;
	default:
		return n->nkids == 0;
	}
}

int
ynodecmp(const void *a, const void *b)
{
	const struct ynode	*x = *(struct ynode *const *)a;
	const struct ynode	*y = *(struct ynode *const *)b;
	int			 c;

	if ((c = strcmp(x->str, y->str)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/*
 * Reports every key that repeats an earlier one and drops it with its
 * value, so that later passes see each key once.  O(n log n).
 */
static void
dedup(struct ynode *map, const char *path)
{
	struct ynode	**keys;
	size_t		  n = map->nkids / 2, i, j, first;

	if (n < 2)
		return;
	keys = xcalloc(n, sizeof(*keys));
	for (i = 0; i < n; i++)
		keys[i] = map->kids[2 * i];
	qsort(keys, n, sizeof(*keys), ynodecmp);
	for (first = 0, i = 1; i < n; i++) {
		if (strcmp(keys[i]->str, keys[first]->str) != 0) {
			first = i;
			continue;
		}
		diag(SEV_ERROR, path, keys[i]->line, keys[i]->col,
		    "duplicate key `%s` (first at line %d)", keys[i]->str,
		    keys[first]->line);
		keys[i]->flags |= YF_DROP;
	}
	free(keys);
	for (i = j = 0; i < map->nkids; i += 2) {
		if (map->kids[i]->flags & (YF_DROP)) {
			yfree(map->kids[i]);
			yfree(map->kids[i + 1]);
			continue;
		}
		map->kids[j++] = map->kids[i];
		map->kids[j++] = map->kids[i + 1];
	}
	map->nkids = j;
}

/* Rejects NUL and control characters that escapes can put in a scalar. */
static int
scalar_ok(const unsigned char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r') || s[i] == 0x7f)
			return 0;
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 &&
		    s[i + 1] < 0xa0)
			return 0;	/* C1 controls */
		if (s[i] == 0xe2 && i + 2 < len && s[i + 1] == 0x80 &&
		    (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))
			return 0;	/* line and paragraph separators */
	}
	return 1;
}

/* The start of 0-based line k of text, or NULL past its end. */
static const char *
line_at(const char *text, size_t len, size_t k)
{
	const char	*p = text, *e = text + len, *nl;

	while (k-- > 0) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			return NULL;
		p = nl + 1;
	}
	return p;
}

/* The character column (1-based) of byte q of the line at p. */
static int
char_col(const char *p, const char *q)
{
	int	 c = 1;

	for (; p < q; p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * libyaml's error in people's words, for the mistakes people make: a
 * tab in the indentation, a non-breaking space where YAML wants a space
 * (the error shows a line or more later), a `: ` inside an unquoted
 * value, curly quotes used as quotes.  Returns 1 when it reported the
 * error, 0 to leave it to libyaml's words.
 */
static int
explain(const char *text, size_t len, const char *path, int first_line,
    const yaml_parser_t *yp)
{
	const yaml_mark_t *m = yp->problem ? &yp->problem_mark :
	    &yp->context_mark;
	size_t		 from = yp->context ? yp->context_mark.line : m->line;
	size_t		 k, l;
	const char	*p, *e, *q, *r, *problem = yp->problem ? yp->problem : "";

	if (from > m->line)
		from = m->line;
	/* A non-breaking space after `key:` or `-`, or in the indentation,
	 * from where the failed construct starts to where it failed. */
	for (k = from; k <= m->line; k++) {
		if ((p = line_at(text, len, k)) == NULL)
			break;
		e = memchr(p, '\n', len - (size_t)(p - text));
		l = e ? (size_t)(e - p) : len - (size_t)(p - text);
		for (q = p; q + 1 < p + l; q++) {
			if ((unsigned char)q[0] != 0xc2 ||
			    (unsigned char)q[1] != 0xa0)
				continue;
			for (r = p; r < q && (*r == ' ' ||
			    (unsigned char)*r == 0xc2 ||
			    (unsigned char)*r == 0xa0); r++)
				continue;
			if (r < q && q[-1] != ':' && q[-1] != '-')
				continue;	/* inside a value: allowed */
			diag(SEV_ERROR, path, first_line + (int)k,
			    char_col(p, q), "YAML: a non-breaking space "
			    "(U+00A0) where YAML needs an ordinary space");
			diag_help("it looks like a space but is not one: "
			    "delete it and type a space");
			return 1;
		}
	}
	/* A tab among the blanks that start a line, on the lines of the
	 * failed construct, whatever libyaml made of it. */
	for (k = from; k <= m->line; k++) {
		if ((p = line_at(text, len, k)) == NULL)
			break;
		for (q = p; *q == ' ' || *q == '\t'; q++)
			if (*q == '\t')
				break;
		if (*q != '\t')
			continue;
		diag(SEV_ERROR, path, first_line + (int)k, char_col(p, q),
		    "YAML: a tab in the indentation; YAML indents with "
		    "spaces only");
		diag_help("replace the tab with spaces (as many as the lines "
		    "above it use)");
		return 1;
	}
	if ((p = line_at(text, len, m->line)) == NULL)
		return 0;
	e = memchr(p, '\n', len - (size_t)(p - text));
	l = e ? (size_t)(e - p) : len - (size_t)(p - text);
	{
		char	*line = xstrndup(p, l);
		int	 curly = strstr(line, "\xe2\x80\x9c") ||
			    strstr(line, "\xe2\x80\x9d") ||
			    strstr(line, "\xe2\x80\x9e") ||
			    strstr(line, "\xe2\x80\x98") ||
			    strstr(line, "\xe2\x80\x99");
		char	*colon;

		if (curly) {
			diag(SEV_ERROR, path, first_line + (int)m->line,
			    (int)m->column + 1, "YAML: curly quotes "
			    "(\xe2\x80\x9c \xe2\x80\x9d \xe2\x80\x98 \xe2\x80\x99) are letters to YAML, not quotes: "
			    "this value is not quoted (%s)", problem);
			diag_help("type straight quotes `\"` around the value "
			    "(a word processor turns them curly)");
			free(line);
			return 1;
		}
		if (strstr(problem, "mapping values are not allowed") != NULL) {
			diag(SEV_ERROR, path, first_line + (int)m->line,
			    (int)m->column + 1, "YAML: a `: ` inside a value "
			    "that is not quoted (YAML reads it as a second "
			    "key)");
			/* The value starts after the line's first `: `. */
			colon = strstr(line, ": ");
			if (colon != NULL && colon + 2 < line + l &&
			    strchr(colon + 2, '"') == NULL &&
			    strchr(colon + 2, '\\') == NULL &&
			    strlen(line) < 200)
				diag_help("put the value in quotes: `%.*s: "
				    "\"%s\"`", (int)(colon - line), line,
				    colon + 2);
			else
				diag_help("put the value in quotes (`\"...\"`)");
			free(line);
			return 1;
		}
		free(line);
	}
	if (strstr(problem, "end of stream") != NULL && yp->context &&
	    strstr(yp->context, "quoted scalar") != NULL) {
		diag(SEV_ERROR, path, first_line + (int)yp->context_mark.line,
		    (int)yp->context_mark.column + 1, "YAML: this quote is "
		    "never closed");
		diag_help("end the value with the same quote, or leave the "
		    "quotes out");
		return 1;
	}
	if (yp->context != NULL && (strstr(problem,
	    "did not find expected '-' indicator") != NULL ||
	    strstr(problem, "did not find expected key") != NULL)) {
		int list = strstr(problem, "'-'") != NULL;

		diag(SEV_ERROR, path, first_line + (int)m->line,
		    (int)m->column + 1, "YAML: this line is indented by %d "
		    "space%s, which lines up with nothing above it",
		    (int)m->column, m->column == 1 ? "" : "s");
		diag_help("indent it as the line above, if it belongs there, "
		    "or by %d space%s, as the %s at line %d",
		    (int)yp->context_mark.column, yp->context_mark.column == 1 ?
		    "" : "s", list ? "`-` of the list" : "keys",
		    first_line + (int)yp->context_mark.line);
		return 1;
	}
	if (strstr(problem, "did not find expected") != NULL)
		return 2;	/* libyaml's words, with a help line */
	return 0;
}

/*
 * A non-breaking space right after a line's `-` or `key:` turns a list
 * item or a value into text of the line before, often without any
 * error from libyaml (`-\xc2\xa0Ana` is no list item).  Reports the first;
 * returns 1 then.
 */
static int
nbsp_check(const char *text, size_t len, const char *path, int first_line)
{
	const char	*p = text, *e = text + len, *q, *k, *nl;
	int		 line = first_line;
	char		 sep;

	for (; p < e; p = nl < e ? nl + 1 : e, line++) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		for (q = p; q < nl && *q == ' '; q++)
			continue;
		if (q < nl && *q == '-')
			sep = '-';
		else {
			for (k = q; q < nl && ((*q >= 'a' && *q <= 'z') ||
			    (*q >= 'A' && *q <= 'Z') || (*q >= '0' &&
			    *q <= '9') || *q == '_'); q++)
				continue;
			sep = q > k && q < nl && *q == ':' ? ':' : 0;
		}
		if (sep == 0 || nl - q < 3 || (unsigned char)q[1] != 0xc2 ||
		    (unsigned char)q[2] != 0xa0)
			continue;
		diag(SEV_ERROR, path, line, char_col(p, q + 1), "YAML: a "
		    "non-breaking space (U+00A0) after `%c`, where YAML needs "
		    "an ordinary space", sep);
		diag_help("it looks like a space but is not one: delete it "
		    "and type a space");
		return 1;
	}
	return 0;
}

struct ynode *
yparse(const char *text, size_t len, const char *path, int first_line,
    const struct ylimits *lim)
{
	yaml_parser_t	  p;
	yaml_event_t	  ev;
	struct ynode	**stack = NULL, *root = NULL, *n, *top;
	size_t		  depth = 0, capstack = 0, nodes = 0, ndocs = 0;
	int		  done = 0, failed = 0;
	const char	 *v, *what = lim->what ? lim->what : "front matter";

	if (nbsp_check(text, len, path, first_line))
		return NULL;
	yaml_parser_initialize(&p);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);

	while (!done && !failed) {
		if (!yaml_parser_parse(&p, &ev)) {
			const yaml_mark_t *m = p.problem ? &p.problem_mark :
			    &p.context_mark;

			int why = explain(text, len, path, first_line, &p);

			if (why == 1)
				;
			else if (p.context && p.context_mark.line != m->line)
				diag(SEV_ERROR, path, first_line + (int)m->line,
				    (int)m->column + 1, "YAML: %s %s (which "
				    "starts at line %d)", p.problem ? p.problem :
				    "syntax error", p.context, first_line +
				    (int)p.context_mark.line);
			else if (p.context)
				diag(SEV_ERROR, path, first_line + (int)m->line,
				    (int)m->column + 1, "YAML: %s %s",
				    p.problem ? p.problem : "syntax error",
				    p.context);
			else
				diag(SEV_ERROR, path, first_line + (int)m->line,
				    (int)m->column + 1, "YAML: %s",
				    p.problem ? p.problem : "syntax error");
			if (why == 2)
				diag_help("look at the indentation of this "
				    "line: it must line up with the keys (or "
				    "the `-` of the list) it belongs with");
			failed = 1;
			break;
		}
		n = NULL;
		top = depth ? stack[depth - 1] : NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ndocs > 1) {
				diag(SEV_ERROR, path,
				    first_line + (int)ev.start_mark.line,
				    (int)ev.start_mark.column + 1,
				    "%s holds more than one YAML document",
				    what);
				failed = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag(SEV_ERROR, path,
			    first_line + (int)ev.start_mark.line,
			    (int)ev.start_mark.column + 1,
			    "YAML aliases (*%s) are not allowed in %s",
			    (const char *)ev.data.alias.anchor,
			    lim->what ? lim->what : "notes");
			failed = 1;
			break;
		case YAML_SCALAR_EVENT:
			n = ynew(Y_SCALAR, &ev.start_mark, first_line);
			n->str = xstrndup((const char *)ev.data.scalar.value,
			    ev.data.scalar.length);
			n->len = ev.data.scalar.length;
			if (ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
				n->flags |= YF_QUOTED;
			v = n->str;
			if (!(n->flags & YF_QUOTED) && (n->len == 0 ||
			    strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
			    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0)) {
				n->flags |= YF_NULL;
				n->str[0] = '\0';
				n->len = 0;
			}
			if (!scalar_ok(ev.data.scalar.value,
			    ev.data.scalar.length)) {
				diag(SEV_ERROR, path, n->line, n->col,
				    "control character in a value");
				failed = 1;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = ynew(Y_SEQ, &ev.start_mark, first_line);
			break;
		case YAML_MAPPING_START_EVENT:
			n = ynew(Y_MAP, &ev.start_mark, first_line);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth == 0)
				break;
			if (top->kind == Y_MAP)
				dedup(top, path);
			depth--;
			break;
		default:
			break;
		}
		if (n != NULL && !failed) {
			if (++nodes > lim->max_nodes) {
				diag(SEV_ERROR, path, n->line, n->col,
				    "%s holds more than %zu values (limit)",
				    what, lim->max_nodes);
				failed = 1;
			} else if (top != NULL && top->kind == Y_MAP &&
			    top->nkids % 2 == 0 && n->kind != Y_SCALAR) {
				diag(SEV_ERROR, path, n->line, n->col,
				    "a key must be plain text, not a %s",
				    n->kind == Y_MAP ? "mapping" : "list");
				failed = 1;
			} else if (top != NULL && top->kind == Y_MAP &&
			    top->nkids % 2 == 0 && n->len == 0) {
				diag(SEV_ERROR, path, n->line, n->col,
				    "a key must not be empty");
				failed = 1;
			} else if (n->kind != Y_SCALAR &&
			    depth >= lim->max_depth) {
				diag(SEV_ERROR, path, n->line, n->col,
				    "nesting deeper than %zu levels (limit)",
				    lim->max_depth);
				failed = 1;
			}
		}
		if (n != NULL && !failed) {
			if (top != NULL)
				addkid(top, n);
			else
				root = n;
			if (n->kind != Y_SCALAR) {
				xgrow(&stack, &capstack, depth + 1,
				    sizeof(*stack));
				stack[depth++] = n;
			}
		} else
			yfree(n);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(stack);
	if (failed) {
		yfree(root);
		return NULL;
	}
	if (root == NULL) {
		root = xcalloc(1, sizeof(*root));
		root->kind = Y_MAP;
		root->line = first_line;
		root->col = 1;
	}
	return root;
}
