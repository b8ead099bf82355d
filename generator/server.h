/*
 * server.h: the preview server of `simc watch`: one page and its event
 * stream on 127.0.0.1, apart from the compiler proper.
 */
#ifndef SIMC_SERVER_H
#define SIMC_SERVER_H

#include <stddef.h>

struct server;

/*
 * Binds 127.0.0.1:port (0: any free port) and listens, so that a port
 * in use (or libmicrohttpd missing) is known before anything is built.
 * Returns NULL with the reason in err ("port 8080 is in use").  Caller
 * stops it.
 */
struct server	*server_bind(unsigned port, char *err, size_t errlen);
/* The port bound to. */
unsigned	 server_port(const struct server *);
/*
 * Starts answering in threads of its own: GET / gives the last page
 * published, GET /events a stream of server-sent events whose data is
 * the generation of the page, sent at once and at every publish;
 * anything else 404 or 405.  Returns 0, or -1 with err set.
 */
int		 server_start(struct server *, char *err, size_t errlen);
/*
 * Replaces the page (takes page, len bytes, malloc'd) as generation
 * gen, and tells every event stream.
 */
void		 server_publish(struct server *, char *page, size_t len,
		    unsigned gen);
/* Ends the event streams, stops the threads, closes, frees. */
void		 server_stop(struct server *);

#endif
