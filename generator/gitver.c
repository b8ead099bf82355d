/*
 * gitver.c: the content version of a company folder, read from its git
 * repository in-process with libgit2, never by running git.
 *
 * A company folder may come with its .git (SPEC §6): git itself would
 * obey that repository's configuration and run what it names (the
 * core.fsmonitor command, clean filters of .gitattributes, hooks,
 * pagers, diff drivers).  libgit2 runs no program: it has no fsmonitor
 * and no hooks, only its builtin filters (CRLF, ident), and nothing
 * here writes to the repository (the index is read, never refreshed).
 *
 * The answers are those of `git -C DIR log -1 --format=%h%x09%cs -- .`
 * and `git -C DIR status --short --untracked-files=all -- .`.  Any
 * libgit2 error (no repository, a bare one, one owned by another user)
 * is simply no version.  version_start() reads in a thread while the
 * notes load; libgit2 is initialised once, when first opened.
 * libgit2 itself is opened with dlopen (dynlib.h) the first time a
 * folder is inside git: outside, neither it nor the TLS and ssh
 * libraries it brings are loaded.  Without it there is no version.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "dynlib.h"
#include "history.h"
#include "load.h"
#include "render.h"
#include "util.h"

#define GIT_FUNCS(X) \
	X(git_buf_dispose) X(git_commit_committer) X(git_commit_free) \
	X(git_commit_lookup) X(git_commit_parent) \
	X(git_commit_parentcount) X(git_commit_tree) \
	X(git_commit_tree_id) X(git_config_free) \
	X(git_config_get_bool) X(git_index_conflict_get) \
	X(git_index_free) X(git_index_get_bypath) X(git_libgit2_init) \
	X(git_libgit2_shutdown) X(git_object_short_id) X(git_oid_cpy) \
	X(git_oid_equal) X(git_oid_fromstr) \
	X(git_reference_name_to_id) X(git_repository_config_snapshot) \
	X(git_repository_free) X(git_repository_index) \
	X(git_repository_is_bare) X(git_repository_is_shallow) \
	X(git_repository_open_ext) X(git_repository_set_workdir) \
	X(git_repository_workdir) X(git_status_byindex) \
	X(git_status_list_entrycount) X(git_status_list_free) \
	X(git_status_list_new) X(git_status_options_init) \
	X(git_tree_entry_bypath) X(git_tree_entry_free) \
	X(git_tree_entry_id) X(git_tree_free) \
	X(git_revparse_single) X(git_object_peel) X(git_object_free) \
	X(git_tree_lookup) X(git_tree_walk) X(git_tree_entry_type) \
	X(git_tree_entry_filemode) X(git_tree_entry_name) \
	X(git_blob_lookup) X(git_blob_rawsize) X(git_blob_rawcontent) \
	X(git_blob_free)

GIT_FUNCS(DL_POINTER)

static pthread_once_t	git_once = PTHREAD_ONCE_INIT;
static int		git_ok;

static void
git_release(void)
{
	(*dl_git_libgit2_shutdown)();
}

/*
 * Opens libgit2 and initialises it once for the process (shut down at
 * exit): its initialisation parses the system's TLS certificates, some
 * 10 ms, which `simc report` would pay once per company.  The init and
 * shutdown around each use only count references then.
 */
static void
git_open(void)
{
	void	*h;

	if ((h = dlopen(LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL)) != NULL
	    GIT_FUNCS(DL_RESOLVE)) {
		git_ok = 1;
		if ((*dl_git_libgit2_init)() >= 0)
			atexit(git_release);
	} else if (h != NULL)
		dlclose(h);
}

/* True once libgit2 is loaded (tried once, in whichever thread). */
static int
git_loaded(void)
{
	pthread_once(&git_once, git_open);
	return git_ok;
}

#define git_buf_dispose			(*dl_git_buf_dispose)
#define git_commit_committer		(*dl_git_commit_committer)
#define git_commit_free			(*dl_git_commit_free)
#define git_commit_lookup		(*dl_git_commit_lookup)
#define git_commit_parent		(*dl_git_commit_parent)
#define git_commit_parentcount		(*dl_git_commit_parentcount)
#define git_commit_tree			(*dl_git_commit_tree)
#define git_commit_tree_id		(*dl_git_commit_tree_id)
#define git_config_free			(*dl_git_config_free)
#define git_config_get_bool		(*dl_git_config_get_bool)
#define git_index_conflict_get		(*dl_git_index_conflict_get)
#define git_index_free			(*dl_git_index_free)
#define git_index_get_bypath		(*dl_git_index_get_bypath)
#define git_libgit2_init		(*dl_git_libgit2_init)
#define git_libgit2_shutdown		(*dl_git_libgit2_shutdown)
#define git_object_short_id		(*dl_git_object_short_id)
#define git_oid_cpy			(*dl_git_oid_cpy)
#define git_oid_equal			(*dl_git_oid_equal)
#define git_oid_fromstr			(*dl_git_oid_fromstr)
#define git_reference_name_to_id	(*dl_git_reference_name_to_id)
#define git_repository_config_snapshot	(*dl_git_repository_config_snapshot)
#define git_repository_free		(*dl_git_repository_free)
#define git_repository_index		(*dl_git_repository_index)
#define git_repository_is_bare		(*dl_git_repository_is_bare)
#define git_repository_is_shallow	(*dl_git_repository_is_shallow)
#define git_repository_open_ext		(*dl_git_repository_open_ext)
#define git_repository_set_workdir	(*dl_git_repository_set_workdir)
#define git_repository_workdir		(*dl_git_repository_workdir)
#define git_status_byindex		(*dl_git_status_byindex)
#define git_status_list_entrycount	(*dl_git_status_list_entrycount)
#define git_status_list_free		(*dl_git_status_list_free)
#define git_status_list_new		(*dl_git_status_list_new)
#define git_status_options_init		(*dl_git_status_options_init)
#define git_tree_entry_bypath		(*dl_git_tree_entry_bypath)
#define git_tree_entry_free		(*dl_git_tree_entry_free)
#define git_tree_entry_id		(*dl_git_tree_entry_id)
#define git_tree_free			(*dl_git_tree_free)
#define git_revparse_single		(*dl_git_revparse_single)
#define git_object_peel			(*dl_git_object_peel)
#define git_object_free			(*dl_git_object_free)
#define git_tree_lookup			(*dl_git_tree_lookup)
#define git_tree_walk			(*dl_git_tree_walk)
#define git_tree_entry_type		(*dl_git_tree_entry_type)
#define git_tree_entry_filemode		(*dl_git_tree_entry_filemode)
#define git_tree_entry_name		(*dl_git_tree_entry_name)
#define git_blob_lookup			(*dl_git_blob_lookup)
#define git_blob_rawsize		(*dl_git_blob_rawsize)
#define git_blob_rawcontent		(*dl_git_blob_rawcontent)
#define git_blob_free			(*dl_git_blob_free)

/* The tree with no entries: a folder in it is a folder absent. */
#define EMPTY_TREE	"4b825dc642cb6eb9a060e54bf8d69288fbee4904"

struct version_job {
	char		*dir;
	char		*hash, *date;	/* NULL: no version */
	int		 modified;
	int		 no_status;	/* the commit only (modified: 0) */
	int		 threaded;
	pthread_t	 thread;
};

/* One line of `git status --short`, kept to be sorted by path. */
struct change {
	char	*path;		/* the sort key: the (new) path */
	char	*line;
	int	 untracked;	/* listed after the tracked changes */
};

/* True if dir or a folder above it holds .git (or GIT_DIR is set). */
static int
in_git(const char *dir)
{
	char	*p = realpath(dir, NULL), *slash, *probe;
	int	 found = getenv("GIT_DIR") != NULL;

	while (p != NULL && !found) {
		probe = xasprintf("%s/.git", p);
		found = access(probe, F_OK) == 0;
		free(probe);
		if ((slash = strrchr(p, '/')) == NULL || slash == p)
			break;
		*slash = '\0';
	}
	free(p);
	return found;
}

/* True if a and b (either may be NULL) name the same folder. */
static int
same_dir(const char *a, const char *b)
{
	char	*ra = a ? realpath(a, NULL) : NULL;
	char	*rb = b ? realpath(b, NULL) : NULL;
	int	 same = ra != NULL && rb != NULL && strcmp(ra, rb) == 0;

	free(ra);
	free(rb);
	return same;
}

/*
 * Opens the repository of dir as git would from dir, honouring GIT_DIR,
 * GIT_CEILING_DIRECTORIES, GIT_INDEX_FILE and the others through
 * libgit2's GIT_REPOSITORY_OPEN_FROM_ENV; GIT_WORK_TREE, which libgit2
 * 1.5 refuses there, is applied by hand.  *prefix gets dir's path in the
 * work tree ("" at its top; caller frees).  NULL for no repository, a
 * bare one, one libgit2 refuses (another user's), or dir outside its
 * work tree.
 */
static git_repository *
open_repo(const char *dir, char **prefix)
{
	git_repository	*repo = NULL;
	const char	*gitdir = getenv("GIT_DIR");
	const char	*worktree = getenv("GIT_WORK_TREE");
	const char	*wd;
	char		*top = NULL, *real = NULL;
	size_t		 n;
	int		 rc;

	*prefix = NULL;
	if (worktree != NULL && *worktree != '\0') {
		if (gitdir != NULL)
			rc = git_repository_open_ext(&repo, gitdir,
			    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
		else
			rc = git_repository_open_ext(&repo, dir, 0,
			    getenv("GIT_CEILING_DIRECTORIES"));
		/* (libgit2 1.5 leaks the path when it is the same one.) */
		if (rc == 0 && !same_dir(git_repository_workdir(repo),
		    worktree) && git_repository_set_workdir(repo, worktree,
		    0) != 0)
			rc = -1;
	} else
		rc = git_repository_open_ext(&repo, gitdir != NULL ? NULL :
		    dir, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	if (rc != 0 || git_repository_is_bare(repo) ||
	    (wd = git_repository_workdir(repo)) == NULL ||
	    (top = realpath(wd, NULL)) == NULL ||
	    (real = realpath(dir, NULL)) == NULL)
		goto fail;
	n = strlen(top);
	if (strcmp(top, "/") == 0 && real[0] == '/')
		*prefix = xstrdup(real + 1);
	else if (strcmp(real, top) == 0)
		*prefix = xstrdup("");
	else if (strncmp(real, top, n) == 0 && real[n] == '/')
		*prefix = xstrdup(real + n + 1);
	else
		goto fail;
	free(top);
	free(real);
	return repo;
fail:
	free(top);
	free(real);
	git_repository_free(repo);
	return NULL;
}

/*
 * The id of the folder prefix in commit c into *id: 1, or 0 if it is
 * absent (or an empty tree, which git takes for absent), or -1.
 */
static int
folder_id(git_commit *c, const char *prefix, git_oid *id)
{
	git_tree	*tree;
	git_tree_entry	*e;
	git_oid		 empty;
	int		 rc;

	if (*prefix == '\0')
		git_oid_cpy(id, git_commit_tree_id(c));
	else {
		if (git_commit_tree(&tree, c) != 0)
			return -1;
		rc = git_tree_entry_bypath(&e, tree, prefix);
		git_tree_free(tree);
		if (rc == GIT_ENOTFOUND)
			return 0;
		if (rc != 0)
			return -1;
		git_oid_cpy(id, git_tree_entry_id(e));
		git_tree_entry_free(e);
	}
	if (git_oid_fromstr(&empty, EMPTY_TREE) == 0 &&
	    git_oid_equal(id, &empty))
		return 0;
	return 1;
}

/*
 * The last commit from HEAD that touched the folder, as `git log -1 --
 * .` finds it with git's default history simplification: a commit whose
 * folder equals that of a parent (the first such parent) is passed over
 * for that parent alone; the first commit that differs from all its
 * parents, or a root commit that has the folder, is the one.  In a
 * shallow clone a commit whose parents are missing is a root, as in git.
 * Returns it (caller frees), or NULL.
 */
static git_commit *
last_commit(git_repository *repo, const char *prefix)
{
	git_commit	*c, *p;
	git_oid		 id, pid;
	unsigned	 i, n;
	int		 have, phave, same, rc;

	if (git_reference_name_to_id(&id, repo, "HEAD") != 0 ||
	    git_commit_lookup(&c, repo, &id) != 0)
		return NULL;
	for (;;) {
		if ((have = folder_id(c, prefix, &id)) < 0)
			break;
		n = git_commit_parentcount(c);
		same = 0;
		for (i = 0; i < n && !same; i++) {
			if ((rc = git_commit_parent(&p, c, i)) != 0) {
				if (rc != GIT_ENOTFOUND ||
				    git_repository_is_shallow(repo) != 1)
					goto fail;
				n = 0;	/* the edge of a shallow clone */
				break;
			}
			if ((phave = folder_id(p, prefix, &pid)) < 0) {
				git_commit_free(p);
				goto fail;
			}
			if (phave == have && (!have ||
			    git_oid_equal(&id, &pid))) {
				git_commit_free(c);
				c = p;
				same = 1;
			} else
				git_commit_free(p);
		}
		if (same)
			continue;
		if (n == 0 && !have)
			break;		/* the folder was never committed */
		return c;
	}
fail:
	git_commit_free(c);
	return NULL;
}

/* Appends path to b quoted as git quotes it (core.quotePath: quote8). */
static void
put_path(struct buf *b, const char *path, int quote8)
{
	const unsigned char *p;
	const char	*esc = "\a\b\t\n\v\f\r", *let = "abtnvfr", *e;
	int		 dq = strchr(path, ' ') != NULL;

	for (p = (const unsigned char *)path; *p && !dq; p++)
		if (*p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f ||
		    (*p >= 0x80 && quote8))
			dq = 1;
	if (!dq) {
		buf_puts(b, path);
		return;
	}
	buf_putc(b, '"');
	for (p = (const unsigned char *)path; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if ((e = strchr(esc, *p)) != NULL) {
			buf_putc(b, '\\');
			buf_putc(b, let[e - esc]);
		} else if (*p < 0x20 || *p == 0x7f || (*p >= 0x80 && quote8))
			buf_printf(b, "\\%03o", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

/* The path below the folder prefix, or NULL if outside it. */
static const char *
below(const char *path, const char *prefix)
{
	size_t	 n = strlen(prefix);

	if (path == NULL)
		return NULL;
	if (n == 0)
		return path;
	return strncmp(path, prefix, n) == 0 && path[n] == '/' &&
	    path[n + 1] != '\0' ? path + n + 1 : NULL;
}

/* The two letters git gives an unmerged path, from its index stages. */
static const char *
conflict_letters(git_index *index, const char *path)
{
	static const char *const xy[8] = { "UU", "DD", "AU", "UD", "UA",
	    "DU", "AA", "UU" };
	const git_index_entry *anc, *ours, *theirs;
	int		 mask = 0;

	if (index != NULL &&
	    git_index_conflict_get(&anc, &ours, &theirs, index, path) == 0)
		mask = (anc ? 1 : 0) | (ours ? 2 : 0) | (theirs ? 4 : 0);
	return xy[mask];
}

/* True if path is in the index as `git add -N` left it. */
static int
intent_to_add(git_index *index, const char *path)
{
	const git_index_entry *e;

	return index != NULL &&
	    (e = git_index_get_bypath(index, path, 0)) != NULL &&
	    (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD) != 0;
}

/*
 * The status letters XY of `git status --short` for a path of status st
 * into xy.  Returns 0 if it has none (unchanged).
 */
static int
letters(char xy[3], unsigned st, git_index *index, const char *path)
{
	if (st & GIT_STATUS_CONFLICTED)
		memcpy(xy, conflict_letters(index, path), 3);
	else if ((st & GIT_STATUS_INDEX_NEW) && intent_to_add(index, path))
		memcpy(xy, " A", 3);	/* git add -N */
	else if (st & GIT_STATUS_WT_NEW)
		memcpy(xy, "??", 3);
	else {
		xy[0] = st & GIT_STATUS_INDEX_NEW ? 'A' :
		    st & GIT_STATUS_INDEX_MODIFIED ? 'M' :
		    st & GIT_STATUS_INDEX_DELETED ? 'D' :
		    st & GIT_STATUS_INDEX_RENAMED ? 'R' :
		    st & GIT_STATUS_INDEX_TYPECHANGE ? 'T' : ' ';
		xy[1] = st & GIT_STATUS_WT_MODIFIED ? 'M' :
		    st & GIT_STATUS_WT_DELETED ? 'D' :
		    st & GIT_STATUS_WT_TYPECHANGE ? 'T' :
		    st & GIT_STATUS_WT_RENAMED ? 'R' : ' ';
		xy[2] = '\0';
	}
	return strcmp(xy, "  ") != 0;
}

static int
change_cmp(const void *a, const void *b)
{
	const struct change *x = a, *y = b;

	if (x->untracked != y->untracked)
		return x->untracked - y->untracked;
	return strcmp(x->path, y->path);
}

/*
 * What changed in the folder prefix of repo: `git status --short
 * --untracked-files=all -- .` run in it, into out when not NULL.
 * Returns the number of lines, or -1.
 */
static long
status_lines(git_repository *repo, const char *prefix, struct buf *out)
{
	git_status_options opts;
	git_status_list	*list;
	git_config	*cfg;
	git_index	*index = NULL;
	struct change	*ch = NULL;
	struct buf	 line = { 0 };
	char		*spec = (char *)prefix;
	size_t		 i, n, nch = 0, cap = 0;
	int		 quote8 = 1;

	if (git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) != 0)
		return -1;
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX;
	/*
	 * The folder as a literal path limits the walk to it; libgit2
	 * still takes a leading ! or a wildcard in it for a pattern, so
	 * such a folder is walked in full and filtered below.
	 */
	if (*prefix != '\0' && prefix[0] != '!' &&
	    strpbrk(prefix, "*?[\\") == NULL) {
		opts.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
		opts.pathspec.strings = &spec;
		opts.pathspec.count = 1;
	}
	if (git_status_list_new(&list, repo, &opts) != 0)
		return -1;
	if (git_repository_index(&index, repo) != 0)
		index = NULL;
	if (out != NULL && git_repository_config_snapshot(&cfg, repo) == 0) {
		if (git_config_get_bool(&quote8, cfg, "core.quotepath") != 0)
			quote8 = 1;
		git_config_free(cfg);
	}
	n = git_status_list_entrycount(list);
	for (i = 0; i < n; i++) {
		const git_status_entry *s = git_status_byindex(list, i);
		const git_diff_delta *hi = s->head_to_index;
		const git_diff_delta *iw = s->index_to_workdir;
		const char	*path, *old = NULL, *rel, *relold = NULL;
		char		 xy[3];
		unsigned	 st = s->status;

		if (st == GIT_STATUS_CURRENT || (st & (GIT_STATUS_IGNORED |
		    GIT_STATUS_WT_UNREADABLE)))
			continue;
		path = hi ? hi->new_file.path : iw ? iw->new_file.path : NULL;
		if (st & GIT_STATUS_INDEX_RENAMED)
			old = hi->old_file.path;
		rel = below(path, prefix);
		relold = below(old, prefix);
		if (old != NULL && rel == NULL) {
			/* Renamed out of the folder: a deletion here. */
			if (relold == NULL)
				continue;
			rel = relold;
			relold = NULL;
			path = old;
			st = (st & ~GIT_STATUS_INDEX_RENAMED) |
			    GIT_STATUS_INDEX_DELETED;
		} else if (old != NULL && relold == NULL) {
			/* Renamed into it: an addition. */
			st = (st & ~GIT_STATUS_INDEX_RENAMED) |
			    GIT_STATUS_INDEX_NEW;
		}
		if (rel == NULL || !letters(xy, st, index, path))
			continue;
		if (out == NULL) {
			nch++;
			continue;
		}
		buf_printf(&line, "%s ", xy);
		if (relold != NULL) {
			put_path(&line, relold, quote8);
			buf_puts(&line, " -> ");
		}
		put_path(&line, rel, quote8);
		buf_putc(&line, '\n');
		xgrow(&ch, &cap, nch + 1, sizeof(*ch));
		ch[nch].path = xstrdup(path);
		ch[nch].line = buf_take(&line);
		ch[nch].untracked = (st & GIT_STATUS_WT_NEW) &&
		    !(st & GIT_STATUS_CONFLICTED);
		nch++;
	}
	git_status_list_free(list);
	git_index_free(index);
	if (out != NULL && nch > 0) {
		/* git lists the tracked changes, then the untracked files. */
		qsort(ch, nch, sizeof(*ch), change_cmp);
		for (i = 0; i < nch; i++) {
			buf_puts(out, ch[i].line);
			free(ch[i].path);
			free(ch[i].line);
		}
		free(ch);
	}
	return (long)nch;
}

/* The version of j->dir into j (nothing outside git or on an error). */
static void
read_version(struct version_job *j)
{
	git_repository	*repo;
	git_commit	*c = NULL;
	const git_signature *who;
	git_buf		 hash = { 0 };
	struct tm	 tm;
	time_t		 t;
	char		*prefix, date[16];

	git_libgit2_init();
	if ((repo = open_repo(j->dir, &prefix)) == NULL)
		goto done;
	if ((c = last_commit(repo, prefix)) == NULL ||
	    git_object_short_id(&hash, (const git_object *)c) != 0 ||
	    (who = git_commit_committer(c)) == NULL)
		goto out;
	/* %cs: the date in the committer's own time zone. */
	t = (time_t)(who->when.time + (git_time_t)who->when.offset * 60);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof(date), "%Y-%m-%d", &tm) == 0)
		goto out;
	j->hash = xstrdup(hash.ptr);
	j->date = xstrdup(date);
	if (!j->no_status)
		j->modified = status_lines(repo, prefix, NULL) > 0;
out:
	git_buf_dispose(&hash);
	git_commit_free(c);
	git_repository_free(repo);
	free(prefix);
done:
	git_libgit2_shutdown();
}

/* The version, libgit2 loaded and initialised first if need be: both
 * in the thread, as they cost more than the notes' loading (the TLS
 * certificates libgit2 parses when initialised, some 10 ms). */
static void *
version_thread(void *arg)
{
	void	*heap = thread_heap_setup();

	if (git_loaded())
		read_version(arg);
	thread_heap_end(heap);
	return NULL;
}

static struct version_job *
start(const char *dir, int no_status)
{
	struct version_job *j = xcalloc(1, sizeof(*j));

	j->no_status = no_status;

	/* Outside git, spare even libgit2's loading. */
	if (!in_git(dir))
		return j;
	j->dir = xstrdup(dir);
	if (thread_start(&j->thread, version_thread, j) == 0)
		j->threaded = 1;
	else
		version_thread(j);
	return j;
}

struct version_job *
version_start(const char *dir)
{
	return start(dir, 0);
}

struct version_job *
version_start_commit(const char *dir)
{
	return start(dir, 1);
}

char *
version_finish(struct version_job *j, char **date, int *modified)
{
	char	*hash;

	if (j->threaded)
		pthread_join(j->thread, NULL);
	hash = j->hash;
	*date = j->date;
	*modified = hash != NULL && j->modified;
	free(j->dir);
	free(j);
	return hash;
}

char *
content_changes(const char *dir)
{
	git_repository	*repo;
	struct buf	 b = { 0 };
	char		*prefix;

	if (!in_git(dir) || !git_loaded())
		return NULL;
	git_libgit2_init();
	if ((repo = open_repo(dir, &prefix)) != NULL) {
		if (status_lines(repo, prefix, &b) <= 0)
			buf_free(&b);
		git_repository_free(repo);
		free(prefix);
	}
	git_libgit2_shutdown();
	return b.len > 0 ? buf_take(&b) : NULL;
}

/* ---- a folder at another revision, into memory (history.h) ---- */

struct treewalk {
	git_repository	*repo;
	struct gitrev	*out;
	size_t		 bytes;		/* of notes read so far */
};

static int
tree_entry(const char *root, const git_tree_entry *e, void *arg)
{
	struct treewalk	*w = arg;
	struct gitrev	*g = w->out;
	struct memfile	*m;
	const char	*name = git_tree_entry_name(e);
	git_object_t	 type = git_tree_entry_type(e);
	git_filemode_t	 mode = git_tree_entry_filemode(e);
	git_blob	*blob;
	size_t		 n = strlen(name), size;

	if (type != GIT_OBJECT_TREE && type != GIT_OBJECT_BLOB)
		return 0;		/* a submodule */
	/* One past the loader's limit is enough for it to say so. */
	if (g->n > LIMIT_ENTRIES)
		return -1;
	xgrow(&g->f, &g->cap, g->n + 1, sizeof(*g->f));
	m = &g->f[g->n++];
	memset(m, 0, sizeof(*m));
	m->rel = xasprintf("%s%s", root, name);
	m->kind = type == GIT_OBJECT_TREE ? MEM_DIR :
	    mode == GIT_FILEMODE_LINK ? MEM_LINK : MEM_FILE;
	if (type == GIT_OBJECT_TREE)
		return name[0] == '.' ? 1 : 0;	/* hidden: not walked */
	if (name[0] == '.' || n <= 3 || strcmp(name + n - 3, ".md") != 0)
		return 0;		/* only notes (and links to them) */
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) != 0)
		return 0;
	size = (size_t)git_blob_rawsize(blob);
	m->len = size;
	/* The loader reads notes in this order until a company's budget
	 * is spent; what it would not read is not copied. */
	if ((m->kind == MEM_LINK ? size < 4096 : size <= LIMIT_NOTE_BYTES) &&
	    w->bytes <= LIMIT_COMPANY_BYTES) {
		m->data = xmalloc(size + 1);
		memcpy(m->data, git_blob_rawcontent(blob), size);
		m->data[size] = '\0';
		w->bytes += size;
	}
	git_blob_free(blob);
	return 0;
}

/* A revision as libgit2 alone reads it; never an option or a range. */
static const char *
rev_problem(const char *rev)
{
	if (*rev == '\0')
		return "is empty";
	if (rev[0] == '-')
		return "starts with `-`";
	if (strlen(rev) > 200)
		return "is too long";
	if (name_problem(rev) != NULL)
		return "has control characters or invalid UTF-8";
	if (strstr(rev, "..") != NULL)
		return "is a range (A..B): name one revision";
	return NULL;
}

int
gitrev_read(const char *dir, const char *rev, struct gitrev *g, char *err,
    size_t errlen)
{
	git_repository	*repo;
	git_object	*obj = NULL, *peeled = NULL;
	git_commit	*c;
	git_tree	*tree = NULL;
	git_oid		 id;
	git_buf		 hash = { 0 };
	const git_signature *who;
	struct treewalk	 w;
	struct tm	 tm;
	time_t		 t;
	char		*prefix = NULL, date[16];
	const char	*why;
	int		 rc = -1, have;

	memset(g, 0, sizeof(*g));
	if ((why = rev_problem(rev)) != NULL) {
		snprintf(err, errlen, "the revision %s", why);
		return -1;
	}
	if (!in_git(dir) || !git_loaded()) {
		snprintf(err, errlen, "%s", in_git(dir) ? "libgit2 (" LIBGIT2_SONAME
		    ") cannot be loaded" : "the folder is not in a git repository");
		return -1;
	}
	git_libgit2_init();
	if ((repo = open_repo(dir, &prefix)) == NULL) {
		snprintf(err, errlen, "the folder is not in a git work tree");
		goto done;
	}
	if (git_revparse_single(&obj, repo, rev) != 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) {
		snprintf(err, errlen, "no commit `%s` in its repository", rev);
		goto out;
	}
	c = (git_commit *)peeled;
	if (git_object_short_id(&hash, peeled) == 0)
		g->hash = xstrdup(hash.ptr);
	if ((who = git_commit_committer(c)) != NULL) {
		t = (time_t)(who->when.time + (git_time_t)who->when.offset * 60);
		if (gmtime_r(&t, &tm) != NULL &&
		    strftime(date, sizeof(date), "%Y-%m-%d", &tm) > 0)
			g->date = xstrdup(date);
	}
	if ((have = folder_id(c, prefix, &id)) < 0 ||
	    (have && git_tree_lookup(&tree, repo, &id) != 0)) {
		snprintf(err, errlen, "cannot read the folder at `%s`", rev);
		goto out;
	}
	w.repo = repo;
	w.out = g;
	w.bytes = 0;
	if (tree != NULL)
		git_tree_walk(tree, GIT_TREEWALK_PRE, tree_entry, &w);
	rc = 0;
out:
	git_tree_free(tree);
	git_object_free(peeled);
	git_object_free(obj);
	git_buf_dispose(&hash);
	git_repository_free(repo);
done:
	free(prefix);
	git_libgit2_shutdown();
	if (rc != 0)
		gitrev_free(g);
	return rc;
}

void
gitrev_free(struct gitrev *g)
{
	size_t	 i;

	for (i = 0; i < g->n; i++) {
		free(g->f[i].rel);
		free(g->f[i].data);
	}
	free(g->f);
	free(g->hash);
	free(g->date);
	memset(g, 0, sizeof(*g));
}
