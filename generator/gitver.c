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

/* Runs argv, returns its stdout (caller frees) if it exits 0. */
static char *
run(char *const argv[])
{
	posix_spawn_file_actions_t fa;
	struct buf	 b = { 0 };
	char		 chunk[4096];
	ssize_t		 n;
	pid_t		 pid;
	int		 fd[2], st;

	if (pipe(fd) == -1)
		return NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0 && b.len < 65536)
		buf_put(&b, chunk, (size_t)n);
	close(fd[0]);
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

char *
content_version(const char *dir, char **date, int *modified)
{
	char	*log, *status, *tab;
	char	*const logv[] = { "git", "-C", (char *)dir, "log", "-1",
		    "--format=%h\t%cs", "--", ".", NULL };
	char	*const stv[] = { "git", "-C", (char *)dir, "status",
		    "--porcelain", "--", ".", NULL };

	*date = NULL;
	if ((log = run(logv)) == NULL || (tab = strchr(log, '\t')) == NULL) {
		free(log);
		return NULL;
	}
	*tab++ = '\0';
	tab[strcspn(tab, "\n")] = '\0';
	status = run(stv);
	*date = xstrdup(tab);
	*modified = status != NULL && *status != '\0';
	free(status);
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
