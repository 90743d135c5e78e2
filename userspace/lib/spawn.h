/* SPDX-License-Identifier: GPL-2.0 */
/* Running another program (spawn.c). */
#ifndef KMEMLAB_SPAWN_H
#define KMEMLAB_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

/* spawn_in_path() - is @prog an executable in $PATH? */
bool spawn_in_path(const char *prog);

/*
 * spawn_run() - run @argv (argv[0] looked up in $PATH) and wait for it
 * @what: names the caller in "kmemlab: WHAT: PROG: why" when exec fails
 * @stdout_fd: the program's stdout when @out is NULL
 * @out: set to its stdout, malloc'ed and NUL-terminated (@len bytes)
 * Return: its exit status (128 + N when killed by signal N; 127 when it
 * could not be executed), or a negative errno.
 */
int spawn_run(const char *what, char *const argv[], int stdout_fd, char **out,
	      size_t *len);

#endif /* KMEMLAB_SPAWN_H */
