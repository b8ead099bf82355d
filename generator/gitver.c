/*
 * gitver.c: the content version of a company folder, from git.
 * git runs without a shell (the folder name is an argument, never
 * parsed), with its output read through a pipe.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render.h"
#include "util.h"

extern char **environ;

#define OUT_MAX	65536	/* bytes of git's output kept; the rest is read */

struct gitrun {
	pid_t	 pid;
	int	 fd;
};

struct version_job {
	struct gitrun	 log, status;
	int		 running;
};

/* Starts argv with its stdout on a pipe.  Returns 0, or -1. */
static int
spawn(char *const argv[], struct gitrun *g)
{
	posix_spawn_file_actions_t fa;
	int		 fd[2];

	if (pipe(fd) == -1)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	if (posix_spawnp(&g->pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	g->fd = fd[0];
	return 0;
}

/* Reads a started command to its end; its stdout if it exits 0. */
static char *
collect(struct gitrun *g)
{
	struct buf	 b = { 0 };
	char		 chunk[4096];
	ssize_t		 n;
	int		 st;

	while ((n = read(g->fd, chunk, sizeof(chunk))) > 0)
		if (b.len < OUT_MAX)
			buf_put(&b, chunk, (size_t)n);
	close(g->fd);
	if (waitpid(g->pid, &st, 0) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* Runs argv, returns its stdout (caller frees) if it exits 0. */
static char *
run(char *const argv[])
{
	struct gitrun	 g;

	return spawn(argv, &g) == 0 ? collect(&g) : NULL;
}

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

struct version_job *
version_start(const char *dir)
{
	struct version_job *j = xcalloc(1, sizeof(*j));
	char	*const logv[] = { "git", "-C", (char *)dir, "log", "-1",
		    "--format=%h\t%cs", "--", ".", NULL };
	char	*const stv[] = { "git", "-C", (char *)dir, "status",
		    "--porcelain", "--", ".", NULL };

	/* Outside git, spare the two processes. */
	if (!in_git(dir))
		return j;
	if (spawn(logv, &j->log) == -1)
		return j;
	if (spawn(stv, &j->status) == -1) {
		free(collect(&j->log));
		return j;
	}
	j->running = 1;
	return j;
}

char *
version_finish(struct version_job *j, char **date, int *modified)
{
	char	*log = NULL, *status, *tab;

	*date = NULL;
	*modified = 0;
	if (j->running) {
		log = collect(&j->log);
		status = collect(&j->status);
		if (log != NULL && (tab = strchr(log, '\t')) != NULL) {
			*tab++ = '\0';
			tab[strcspn(tab, "\n")] = '\0';
			*date = xstrdup(tab);
			*modified = status != NULL && *status != '\0';
		} else {
			free(log);
			log = NULL;
		}
		free(status);
	}
	free(j);
	return log;
}

char *
content_changes(const char *dir)
{
	char	*out;
	char	*const argv[] = { "git", "-C", (char *)dir, "status", "--short",
		    "--untracked-files=all", "--", ".", NULL };

	if ((out = run(argv)) != NULL && *out == '\0') {
		free(out);
		out = NULL;
	}
	return out;
}
