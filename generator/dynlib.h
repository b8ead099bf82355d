/*
 * dynlib.h: the libraries opened with dlopen when first needed instead
 * of linked: libgit2 (gitver.c, a folder inside git), libmicrohttpd
 * (server.c, `simc watch`) and json-c (jsonc.c, `simc lsp` and `simc
 * schema`).  Linked, they bring some 25 more libraries (gnutls, krb5,
 * ssh2, nettle...) that every other command would load for nothing.
 *
 * The file that calls a library lists the functions it calls once, as
 * an X-macro, #define GIT_FUNCS(X) X(git_libgit2_init) X(...), and:
 *
 *	GIT_FUNCS(DL_POINTER)	a pointer of each function's own type,
 *				static __typeof__(fn) *dl_fn;
 *	ok = (h = dlopen(...)) != NULL GIT_FUNCS(DL_RESOLVE);
 *				each pointer from dlsym(h, "fn")
 *	#define fn (*dl_fn)	after both, for each function: the call
 *				sites stay as they were.
 *
 * A library that several files call (json-c) has its list, pointers
 * (DL_EXTERN, DL_DEFINE in one file) and #defines in a header.
 *
 * The build keeps the list and the #defines agreeing: a function not
 * #defined is a call into the library itself, which the link no longer
 * finds; one #defined but not listed has no pointer.  Macros of the
 * headers that call functions (json_object_object_foreach calls
 * json_object_get_object) need theirs listed too.
 */
#ifndef SIMC_DYNLIB_H
#define SIMC_DYNLIB_H

#include <dlfcn.h>

#define DL_POINTER(fn)	static __typeof__(fn) *dl_##fn;
#define DL_EXTERN(fn)	extern __typeof__(fn) *dl_##fn;
#define DL_DEFINE(fn)	__typeof__(dl_##fn) dl_##fn;
#define DL_RESOLVE(fn) \
	&& (dl_##fn = (__typeof__(dl_##fn))dlsym(h, #fn)) != NULL

/* The file names, the SONAMEs the Makefile read; Debian 12's if not. */
#ifndef LIBGIT2_SONAME
#define LIBGIT2_SONAME		"libgit2.so.1.5"
#endif
#ifndef LIBMICROHTTPD_SONAME
#define LIBMICROHTTPD_SONAME	"libmicrohttpd.so.12"
#endif
#ifndef LIBJSONC_SONAME
#define LIBJSONC_SONAME		"libjson-c.so.5"
#endif

#endif
