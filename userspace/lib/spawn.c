// SPDX-License-Identifier: GPL-2.0
/*
 * Running another program for a subcommand (trace-cmd for 'kmemlab
 * trace'): finding it in $PATH, and running it with its output captured
 * or sent to a given descriptor, returning its exit status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"

bool spawn_in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[4096];

	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
	while (*path) {
		size_t n = strcspn(path, ":");

		if (n && n + strlen(prog) + 2 < sizeof(buf)) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, path, prog);
			if (!access(buf, X_OK))
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

int spawn_run(const char *what, char *const argv[], int stdout_fd, char **out,
	      size_t *len)
{
	int fds[2] = { -1, -1 }, status;
	size_t cap = 0;
	pid_t pid;

	if (out && pipe(fds))
		return -errno;
	pid = fork();
	if (pid < 0) {
		int e = errno;

		if (out) {
			close(fds[0]);
			close(fds[1]);
		}
		return -e;
	}
	if (!pid) {
		if (out) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
		} else if (stdout_fd != STDOUT_FILENO) {
			dup2(stdout_fd, STDOUT_FILENO);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "kmemlab: %s: %s: %s\n", what, argv[0],
			strerror(errno));
		_exit(127);
	}
	if (out) {
		close(fds[1]);
		*out = NULL;
		*len = 0;
		for (;;) {
			ssize_t n;

			if (*len + 65536 + 1 > cap) {
				char *nb;

				cap = cap ? cap * 2 : 1 << 20;
				nb = realloc(*out, cap);
				if (!nb) {
					close(fds[0]);
					waitpid(pid, &status, 0);
					free(*out);
					*out = NULL;
					return -ENOMEM;
				}
				*out = nb;
			}
			n = read(fds[0], *out + *len, cap - *len - 1);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			*len += (size_t)n;
		}
		(*out)[*len] = '\0';
		close(fds[0]);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
