/*
 * schema.c: `simc schema [TOOL]`, the front matter's JSON Schema
 * (draft-07) for editors and the YAML language server.  Reads only the
 * definitions of templates/ (after the templates pass, before any
 * content): one schema per tool, or one for every tool chosen by `tool`.
 *
 * The schema accepts what validate.c accepts without an error, and no
 * key it does not know (those are warnings there): a scalar is text
 * whatever YAML typed it as, a field may be empty, required fields are
 * not required (an empty one makes a draft, and body sections may fill
 * them).  Counts the method only advises (3..5 goals) are left out.
 */
#include <stdio.h>
#include <string.h>

#include "jsonc.h"
#include "schema.h"
#include "templates.h"

#define J_STR(s)	json_object_new_string(s)

static json_object	*fields_schema(const struct fielddef *, size_t,
		    const char *);

/* ["t1", "t2", ...] of JSON types. */
static json_object *
types(const char *const *t)
{
	json_object	*a = json_object_new_array();

	for (; *t != NULL; t++)
		json_object_array_add(a, J_STR(*t));
	return a;
}

static json_object *
typed(const char *const *t)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "type", types(t));
	return o;
}

/* Any scalar, or a list of scalars: text, lists, refs. */
static json_object *
text_or_list(void)
{
	static const char *const scalar[] = { "string", "number", "boolean",
	    "null", NULL };
	static const char *const any[] = { "string", "number", "boolean",
	    "null", "array", NULL };
	json_object	*o = typed(any);

	json_object_object_add(o, "items", typed(scalar));
	return o;
}

static json_object *
pattern_string(const char *re)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "type", J_STR("string"));
	json_object_object_add(o, "pattern", J_STR(re));
	return o;
}

static json_object *
any_of(json_object *a, json_object *b, json_object *c)
{
	json_object	*o = json_object_new_object(), *v;

	v = json_object_new_array();
	json_object_array_add(v, a);
	json_object_array_add(v, b);
	if (c != NULL)
		json_object_array_add(v, c);
	json_object_object_add(o, "anyOf", v);
	return o;
}

static json_object *
null_type(void)
{
	json_object	*o = json_object_new_object();

	json_object_object_add(o, "type", J_STR("null"));
	return o;
}

/* The schema of one field's value, titled with its label and question. */
static json_object *
field_schema(const struct fielddef *f)
{
	static const char *const scalar[] = { "string", "number", "boolean",
	    "null", NULL };
	static const char *const strnull[] = { "string", "null", NULL };
	static const char *const intnull[] = { "integer", "null", NULL };
	json_object	*o = NULL, *v, *id;
	size_t		 i;

	switch (f->kind) {
	case K_INLINE:
	case K_BLOCK:
	case K_LIST:
	case K_REFS:
		o = text_or_list();
		break;
	case K_INT:
		o = typed(intnull);
		if (f->has_min)
			json_object_object_add(o, "minimum",
			    json_object_new_int64(f->min));
		if (f->has_max)
			json_object_object_add(o, "maximum",
			    json_object_new_int64(f->max));
		break;
	case K_ENUM:
		o = json_object_new_object();
		v = json_object_new_array();
		for (i = 0; i < f->nvalues; i++)
			json_object_array_add(v, J_STR(f->values[i]));
		json_object_array_add(v, NULL);
		json_object_object_add(o, "enum", v);
		break;
	case K_DATE:
		o = typed(strnull);
		json_object_object_add(o, "format", J_STR("date"));
		json_object_object_add(o, "pattern",
		    J_STR("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
		break;
	case K_BOOL:
		v = json_object_new_object();
		json_object_object_add(v, "type", J_STR("boolean"));
		o = any_of(v, pattern_string("^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll]"
		    "[Ss][Ee]|[Yy][Ee][Ss]|[Nn][Oo])$"), null_type());
		break;
	case K_ID:
		/* YAML reads `id: 1` as a number; simc as the id "1". */
		id = json_object_new_object();
		json_object_object_add(id, "type", J_STR("number"));
		json_object_object_add(id, "minimum", json_object_new_int(0));
		o = any_of(pattern_string("^[A-Za-z0-9][A-Za-z0-9_.-]*$"), id,
		    null_type());
		break;
	case K_REF:
		o = typed(scalar);
		break;
	case K_IMAGE:
		o = typed(strnull);
		break;
	case K_RECORDS:
		o = json_object_new_object();
		v = json_object_new_array();
		json_object_array_add(v, J_STR("array"));
		json_object_array_add(v, J_STR("null"));
		json_object_object_add(o, "type", v);
		json_object_object_add(o, "items",
		    fields_schema(f->fields, f->nfields, NULL));
		break;
	case K_GROUP:
	case K__MAX:
		o = fields_schema(f->fields, f->nfields, NULL);
		v = json_object_new_array();
		json_object_array_add(v, J_STR("object"));
		json_object_array_add(v, J_STR("null"));
		json_object_object_add(o, "type", v);
		break;
	}
	json_object_object_add(o, "title", J_STR(f->label));
	if (f->question != NULL)
		json_object_object_add(o, "description", J_STR(f->question));
	return o;
}

/*
 * An object of the fields f and no other key; with tool, the front
 * matter of that tool: `tool` and `status` first.
 */
static json_object *
fields_schema(const struct fielddef *f, size_t nf, const char *tool)
{
	json_object	*o = json_object_new_object(), *props, *st, *v;
	size_t		 i;

	props = json_object_new_object();
	if (tool != NULL) {
		v = json_object_new_object();
		json_object_object_add(v, "const", J_STR(tool));
		json_object_object_add(props, "tool", v);
		st = json_object_new_object();
		v = json_object_new_array();
		json_object_array_add(v, J_STR("draft"));
		json_object_array_add(v, J_STR("complete"));
		json_object_array_add(v, NULL);
		json_object_object_add(st, "enum", v);
		json_object_object_add(st, "description", J_STR("A draft is "
		    "not complete, whatever its fields hold."));
		json_object_object_add(props, "status", st);
	}
	for (i = 0; i < nf; i++)
		json_object_object_add(props, f[i].key, field_schema(&f[i]));
	json_object_object_add(o, "type", J_STR("object"));
	json_object_object_add(o, "properties", props);
	json_object_object_add(o, "additionalProperties",
	    json_object_new_boolean(0));
	return o;
}

static json_object *
tool_schema(const struct tooldef *t)
{
	json_object	*o = fields_schema(t->fields, t->nfields, t->key);
	json_object	*req;

	json_object_object_add(o, "title", J_STR(t->label));
	if (t->question != NULL)
		json_object_object_add(o, "description", J_STR(t->question));
	req = json_object_new_array();
	json_object_array_add(req, J_STR("tool"));
	json_object_object_add(o, "required", req);
	return o;
}

static json_object *
all_schema(const struct templates *tp)
{
	json_object	*o = json_object_new_object(), *props, *tool, *names;
	json_object	*all, *defs, *rule, *cond, *cprops, *c, *req, *ref;
	size_t		 i;
	char		 buf[256];

	json_object_object_add(o, "title", J_STR("Front matter of a simc "
	    "note"));
	json_object_object_add(o, "description", J_STR("The `tool` key says "
	    "which SIM tool the note fills; its fields follow."));
	json_object_object_add(o, "type", J_STR("object"));
	names = json_object_new_array();
	for (i = 0; i < tp->ntools; i++)
		json_object_array_add(names, J_STR(tp->tools[i].key));
	json_object_array_add(names, J_STR("none"));
	tool = json_object_new_object();
	json_object_object_add(tool, "enum", names);
	json_object_object_add(tool, "description", J_STR("The SIM tool "
	    "this note fills (`none` for a README)."));
	props = json_object_new_object();
	json_object_object_add(props, "tool", tool);
	json_object_object_add(o, "properties", props);
	req = json_object_new_array();
	json_object_array_add(req, J_STR("tool"));
	json_object_object_add(o, "required", req);
	all = json_object_new_array();
	defs = json_object_new_object();
	for (i = 0; i < tp->ntools; i++) {
		const struct tooldef *t = &tp->tools[i];

		cond = json_object_new_object();
		cprops = json_object_new_object();
		c = json_object_new_object();
		json_object_object_add(c, "const", J_STR(t->key));
		json_object_object_add(cprops, "tool", c);
		json_object_object_add(cond, "properties", cprops);
		req = json_object_new_array();
		json_object_array_add(req, J_STR("tool"));
		json_object_object_add(cond, "required", req);
		ref = json_object_new_object();
		snprintf(buf, sizeof(buf), "#/definitions/%s", t->key);
		json_object_object_add(ref, "$ref", J_STR(buf));
		rule = json_object_new_object();
		json_object_object_add(rule, "if", cond);
		json_object_object_add(rule, "then", ref);
		json_object_array_add(all, rule);
		json_object_object_add(defs, t->key, tool_schema(t));
	}
	json_object_object_add(o, "allOf", all);
	json_object_object_add(o, "definitions", defs);
	return o;
}

int
schema_print(FILE *f, const struct templates *tp, const char *tool)
{
	const struct tooldef	*t = NULL;
	json_object		*body, *o;
	char			 err[512];

	if (jsonc_open(err, sizeof(err)) == -1) {
		fprintf(stderr, "simc: schema: %s\n", err);
		return -2;
	}
	if (tool != NULL && (t = tool_find(tp, tool)) == NULL)
		return -1;
	body = t ? tool_schema(t) : all_schema(tp);
	/* $schema first: a new object, then the body's keys. */
	o = json_object_new_object();
	json_object_object_add(o, "$schema",
	    J_STR("http://json-schema.org/draft-07/schema#"));
	json_object_object_foreach(body, k, v)
		json_object_object_add(o, k, json_object_get(v));
	json_object_put(body);
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE), f);
	fputc('\n', f);
	json_object_put(o);
	return 0;
}
