// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs connection (kernel mode) and the mode-independent helpers.
 * Kernel mode keeps the control file open for the whole invocation: each
 * write(2) is one command, the reply is read back from offset 0 of the
 * same open file, and a failing command's write() fails with its errno
 * while the reply holds the one-line reason (docs/interface.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "conn.h"

/* Read the whole reply of @fd from offset 0. */
static int read_reply(int fd, char **reply, size_t *rlen)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap), *nb;
	ssize_t r;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (n + 1 >= cap) {
			nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
			cap *= 2;
		}
		r = pread(fd, buf + n, cap - n - 1, (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			free(buf);
			return (int)r;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*reply = buf;
	*rlen = n;
	return 0;
}

static int dbg_exec(struct conn *c, const char *cmd, size_t len, char **reply,
		    size_t *rlen)
{
	ssize_t w;
	int err = 0;

	do {
		w = write(c->control_fd, cmd, len);
	} while (w < 0 && errno == EINTR);
	if (w < 0)
		err = -errno;
	else if ((size_t)w != len)
		err = -EIO;	/* one write is one command: never partial */
	if (read_reply(c->control_fd, reply, rlen)) {
		*reply = NULL;
		*rlen = 0;
	}
	return err;
}

static int dbg_view(struct conn *c, const char *inst, const char *view,
		    char **text, size_t *len)
{
	char path[512];

	if (inst)
		snprintf(path, sizeof(path), "%s/inst/%s/%s", c->dir, inst, view);
	else
		snprintf(path, sizeof(path), "%s/%s", c->dir, view);
	return cli_read_file(path, text, len);
}

static void dbg_close(struct conn *c)
{
	if (c->control_fd >= 0)
		close(c->control_fd);
}

static const struct conn_ops dbg_ops = {
	.exec = dbg_exec,
	.view = dbg_view,
	.close = dbg_close,
};

struct conn *conn_open_debugfs(const char *dir, int *exit_code)
{
	char path[512];
	struct conn *c;
	struct stat st;
	bool fake = getenv("KMEMLAB_DEBUGFS_DIR") != NULL;

	*exit_code = CLI_EXIT_SKIP;
	if (!fake && geteuid() != 0) {
		cli_error("kernel mode", "not root (debugfs is root only; "
			  "'kmemlab --sim ...' needs no root)");
		return NULL;
	}
	if (!fake && access("/sys/module/kmemlab", F_OK) != 0) {
		cli_error("kernel mode", "module not loaded (insmod kmemlab.ko, "
			  "or use --sim)");
		return NULL;
	}
	if (stat(dir, &st) != 0) {
		if (!fake && access("/sys/kernel/debug/", R_OK) == 0 &&
		    stat("/sys/kernel/debug/slab", &st) != 0)
			cli_error(dir, "debugfs not mounted (mount -t debugfs "
				  "none /sys/kernel/debug)");
		else
			cli_error(dir, "%s", strerror(errno));
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		*exit_code = CLI_EXIT_FAIL;
		cli_error("kernel mode", "out of memory");
		return NULL;
	}
	c->ops = &dbg_ops;
	c->mode = "kernel";
	c->dir = dir;
	snprintf(path, sizeof(path), "%s/control", dir);
	c->control_fd = open(path, O_RDWR | O_CLOEXEC);
	if (c->control_fd < 0) {
		cli_error(path, "%s", strerror(errno));
		*exit_code = errno == EACCES ? CLI_EXIT_SKIP : CLI_EXIT_FAIL;
		free(c);
		return NULL;
	}
	return c;
}

int conn_exec(struct conn *c, const char *cmd, char **reply, size_t *rlen)
{
	return c->ops->exec(c, cmd, strlen(cmd), reply, rlen);
}

int conn_view(struct conn *c, const char *inst, const char *view,
	      char **text, size_t *len)
{
	return c->ops->view(c, inst, view, text, len);
}

void conn_close(struct conn *c)
{
	if (!c)
		return;
	c->ops->close(c);
	free(c);
}

/*
 * The "instances" view: one instance per line, its name first and its
 * backend second; lines starting with '#' are comments. Further fields
 * are ignored here.
 */
int conn_instances(struct conn *c, struct conn_inst **list)
{
	struct conn_inst *l = NULL, *nl;
	char *text, *line, *save = NULL;
	int n = 0, r;
	size_t len;

	r = conn_view(c, NULL, "instances", &text, &len);
	if (r)
		return r;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[32], backend[32];

		if (line[0] == '#' || sscanf(line, "%31s %31s", name, backend) != 2)
			continue;
		if (!strncmp(backend, "backend=", 8))
			memmove(backend, backend + 8, strlen(backend + 8) + 1);
		nl = realloc(l, sizeof(*l) * (size_t)(n + 1));
		if (!nl) {
			free(l);
			free(text);
			return -ENOMEM;
		}
		l = nl;
		memcpy(l[n].name, name, sizeof(name));
		memcpy(l[n].backend, backend, sizeof(backend));
		n++;
	}
	free(text);
	*list = l;
	return n;
}
