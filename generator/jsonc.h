/*
 * jsonc.h: json-c for lsp.c and schema.c, opened on first use (see
 * dynlib.h): include this instead of <json-c/json.h>, and call
 * jsonc_open() before any json_ function.
 */
#ifndef SIMC_JSONC_H
#define SIMC_JSONC_H

#include <stddef.h>

#include <json-c/json.h>

#include "dynlib.h"

#define JSONC_FUNCS(X) \
	X(json_object_array_add) X(json_object_array_get_idx) \
	X(json_object_array_length) X(json_object_get) \
	X(json_object_get_int) X(json_object_get_object) \
	X(json_object_get_string) X(json_object_get_string_len) \
	X(json_object_is_type) X(json_object_new_array) \
	X(json_object_new_boolean) X(json_object_new_int) \
	X(json_object_new_int64) X(json_object_new_object) \
	X(json_object_new_string) X(json_object_object_add) \
	X(json_object_object_get_ex) X(json_object_put) \
	X(json_object_to_json_string_ext) X(json_tokener_parse)

JSONC_FUNCS(DL_EXTERN)

/*
 * Opens json-c (once): 0, or -1 with the reason in err ("libjson-c.so.5:
 * cannot open shared object file...").
 */
int	jsonc_open(char *err, size_t errlen);

#define json_object_array_add		(*dl_json_object_array_add)
#define json_object_array_get_idx	(*dl_json_object_array_get_idx)
#define json_object_array_length	(*dl_json_object_array_length)
#define json_object_get			(*dl_json_object_get)
#define json_object_get_int		(*dl_json_object_get_int)
#define json_object_get_object		(*dl_json_object_get_object)
#define json_object_get_string		(*dl_json_object_get_string)
#define json_object_get_string_len	(*dl_json_object_get_string_len)
#define json_object_is_type		(*dl_json_object_is_type)
#define json_object_new_array		(*dl_json_object_new_array)
#define json_object_new_boolean		(*dl_json_object_new_boolean)
#define json_object_new_int		(*dl_json_object_new_int)
#define json_object_new_int64		(*dl_json_object_new_int64)
#define json_object_new_object		(*dl_json_object_new_object)
#define json_object_new_string		(*dl_json_object_new_string)
#define json_object_object_add		(*dl_json_object_object_add)
#define json_object_object_get_ex	(*dl_json_object_object_get_ex)
#define json_object_put			(*dl_json_object_put)
#define json_object_to_json_string_ext	(*dl_json_object_to_json_string_ext)
#define json_tokener_parse		(*dl_json_tokener_parse)

#endif
