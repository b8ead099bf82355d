/*
 * server.c: the preview server of `simc watch`, through libmicrohttpd.
 * It knows nothing of notes or dossiers: it serves the one page that
 * watch.c publishes and a stream of server-sent events that says when a
 * new one is there.  Two fixed paths and no file system: nothing of the
 * company's folder can be asked for.  Listens on 127.0.0.1 only, and
 * answers only requests whose Host is this address (a page elsewhere
 * that renames itself to 127.0.0.1 cannot read the dossier).
 *
 * A connection has a thread of its own (MHD_USE_THREAD_PER_CONNECTION),
 * so that an event stream can wait for the next page on a condition
 * variable; the page itself is guarded by a mutex.
 *
 * libmicrohttpd is opened with dlopen by server_bind() (dynlib.h): only
 * `simc watch` loads it and the TLS libraries it brings.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dynlib.h"
#include "server.h"
#include "util.h"

#define KEEPALIVE_SECONDS	10	/* a comment line on a quiet stream */
#define MAX_CONNECTIONS		64

struct server {
	int			 fd;		/* listening, until started */
	unsigned		 port;
	struct MHD_Daemon	*d;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* a new page, or stopping */
	char			*page;
	size_t			 len;
	unsigned		 gen;
	int			 stopping;
	char			 host[2][32];	/* the Host values accepted */
};

struct stream {
	struct server	*s;
	unsigned	 sent;		/* the generation last sent */
};

#define MHD_FUNCS(X) \
	X(MHD_add_response_header) X(MHD_create_response_from_buffer) \
	X(MHD_create_response_from_callback) X(MHD_destroy_response) \
	X(MHD_lookup_connection_value) X(MHD_queue_response) \
	X(MHD_start_daemon) X(MHD_stop_daemon)

MHD_FUNCS(DL_POINTER)

/* Opens libmicrohttpd (once): 0, or -1 with the reason in err. */
static int
mhd_open(char *err, size_t errlen)
{
	static void	*h;
	static int	 ok;
	const char	*why;

	if (ok)
		return 0;
	if ((h = dlopen(LIBMICROHTTPD_SONAME, RTLD_NOW | RTLD_LOCAL)) != NULL
	    MHD_FUNCS(DL_RESOLVE)) {
		ok = 1;
		return 0;
	}
	why = dlerror();
	if (h != NULL)
		dlclose(h);
	snprintf(err, errlen, "cannot load libmicrohttpd, which simc watch "
	    "serves with: %s", why ? why : LIBMICROHTTPD_SONAME);
	return -1;
}

#define MHD_add_response_header		(*dl_MHD_add_response_header)
#define MHD_create_response_from_buffer	(*dl_MHD_create_response_from_buffer)
#define MHD_create_response_from_callback \
	(*dl_MHD_create_response_from_callback)
#define MHD_destroy_response		(*dl_MHD_destroy_response)
#define MHD_lookup_connection_value	(*dl_MHD_lookup_connection_value)
#define MHD_queue_response		(*dl_MHD_queue_response)
#define MHD_start_daemon		(*dl_MHD_start_daemon)
#define MHD_stop_daemon			(*dl_MHD_stop_daemon)

struct server *
server_bind(unsigned port, char *err, size_t errlen)
{
	struct sockaddr_in	 sa;
	socklen_t		 sl = sizeof(sa);
	struct server		*s;
	int			 fd, one = 1;

	if (port > 65535) {
		snprintf(err, errlen, "port %u is not a port (0 to 65535)",
		    port);
		return NULL;
	}
	if (mhd_open(err, errlen) == -1)
		return NULL;
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return NULL;
	}
	/* A port left in TIME_WAIT by the last run is free to take; one
	 * that another program listens on is not (EADDRINUSE still). */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(fd, 32) == -1) {
		if (errno == EADDRINUSE)
			snprintf(err, errlen, "port %u is in use: stop what "
			    "serves on it, or choose another with --port N "
			    "(--port 0: any free one)", port);
		else if (errno == EACCES)
			snprintf(err, errlen, "port %u needs privileges: "
			    "choose one above 1023", port);
		else
			snprintf(err, errlen, "cannot listen on 127.0.0.1:%u: "
			    "%s", port, strerror(errno));
		close(fd);
		return NULL;
	}
	if (getsockname(fd, (struct sockaddr *)&sa, &sl) == -1) {
		snprintf(err, errlen, "getsockname: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->port = ntohs(sa.sin_port);
	snprintf(s->host[0], sizeof(s->host[0]), "127.0.0.1:%u", s->port);
	snprintf(s->host[1], sizeof(s->host[1]), "localhost:%u", s->port);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	return s;
}

unsigned
server_port(const struct server *s)
{
	return s->port;
}

static ssize_t
events_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream	*st = cls;
	struct server	*s = st->s;
	struct timespec	 ts;
	ssize_t		 n;
	int		 rc = 0;

	(void)pos;
	pthread_mutex_lock(&s->mu);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += KEEPALIVE_SECONDS;
	while (!s->stopping && s->gen == st->sent && rc == 0)
		rc = pthread_cond_timedwait(&s->cv, &s->mu, &ts);
	if (s->stopping)
		n = MHD_CONTENT_READER_END_OF_STREAM;
	else if (s->gen != st->sent) {
		st->sent = s->gen;
		n = snprintf(buf, max, "data: %u\n\n", s->gen);
	} else
		n = snprintf(buf, max, ": still here\n\n");
	pthread_mutex_unlock(&s->mu);
	if (n > (ssize_t)max)
		n = MHD_CONTENT_READER_END_WITH_ERROR;
	return n;
}

static enum MHD_Result
reply(struct MHD_Connection *conn, unsigned status, const char *text,
    const char *allow)
{
	struct MHD_Response	*r;
	enum MHD_Result		 rc;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/plain; charset=utf-8");
	if (allow != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_len, void **req)
{
	struct server		*s = cls;
	struct MHD_Response	*r;
	struct stream		*st;
	enum MHD_Result		 rc;
	const char		*host;

	(void)version, (void)upload, (void)upload_len, (void)req;
	host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	if (host != NULL && strcmp(host, s->host[0]) != 0 &&
	    strcmp(host, s->host[1]) != 0)
		return reply(conn, MHD_HTTP_FORBIDDEN, "simc watch answers "
		    "only at 127.0.0.1 and localhost\n", NULL);
	if (strcmp(url, "/") != 0 && strcmp(url, "/events") != 0)
		return reply(conn, MHD_HTTP_NOT_FOUND, "not found: simc watch "
		    "serves / and /events only\n", NULL);
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0)
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET\n",
		    MHD_HTTP_METHOD_GET);
	if (strcmp(url, "/events") == 0) {
		st = xcalloc(1, sizeof(*st));
		st->s = s;
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256,
		    events_read, st, free);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
		    "text/event-stream");
	} else {
		pthread_mutex_lock(&s->mu);
		r = MHD_create_response_from_buffer(s->len, s->page,
		    MHD_RESPMEM_MUST_COPY);
		pthread_mutex_unlock(&s->mu);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
		    "text/html; charset=utf-8");
		MHD_add_response_header(r, "X-Content-Type-Options",
		    "nosniff");
		MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	rc = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

int
server_start(struct server *s, char *err, size_t errlen)
{
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO, 0, NULL, NULL,
	    answer, s,
	    MHD_OPTION_LISTEN_SOCKET, s->fd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(3 * KEEPALIVE_SECONDS),
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(err, errlen, "cannot start the HTTP server on "
		    "127.0.0.1:%u", s->port);
		return -1;
	}
	s->fd = -1;	/* the daemon's now */
	return 0;
}

void
server_publish(struct server *s, char *page, size_t len, unsigned gen)
{
	pthread_mutex_lock(&s->mu);
	free(s->page);
	s->page = page;
	s->len = len;
	s->gen = gen;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

void
server_stop(struct server *s)
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	s->stopping = 1;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	if (s->d != NULL)
		MHD_stop_daemon(s->d);
	if (s->fd != -1)
		close(s->fd);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s->page);
	free(s);
}
