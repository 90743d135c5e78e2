/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the kmemlab selftests, which run as root inside the VM
 * against the real module: load and unload it, read whole files, run
 * commands on the control file.
 */
#ifndef KMEMLAB_TEST_H
#define KMEMLAB_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KMEMLAB_DIR	"/sys/kernel/debug/kmemlab"

/* kt_module_path() - the module to load: $KMEMLAB_KO or ./kmemlab.ko. */
static inline const char *kt_module_path(void)
{
	const char *p = getenv("KMEMLAB_KO");

	return p && *p ? p : "kmemlab.ko";
}

/* kt_loaded() - whether the module is loaded now. */
static inline int kt_loaded(void)
{
	return access("/sys/module/kmemlab", F_OK) == 0;
}

/*
 * kt_load() - load the module with @params (may be ""); 0 or -errno.
 * A module that is already loaded counts as an error (-EEXIST).
 */
static inline int kt_load(const char *params)
{
	int fd, ret;

	fd = open(kt_module_path(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params, 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

/* kt_unload() - unload the module; 0 or -errno. */
static inline int kt_unload(void)
{
	return syscall(SYS_delete_module, "kmemlab", O_NONBLOCK) ? -errno : 0;
}

/*
 * kt_read() - read a whole file into @buf (NUL-terminated).
 * Return: bytes read, or -errno.
 */
static inline ssize_t kt_read(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while ((size_t)len + 1 < size) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0) {
			n = -errno;
			close(fd);
			return n;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	close(fd);
	return len;
}

/* kt_control_open() - open the control file read-write; fd or -errno. */
static inline int kt_control_open(void)
{
	int fd = open(KMEMLAB_DIR "/control", O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/*
 * kt_cmd() - write one command on @fd and read its reply into @reply.
 * Return: 0 when the command succeeded, else the -errno write() failed
 * with; the reply is read either way.
 */
static inline int kt_cmd(int fd, const char *cmd, char *reply, size_t size)
{
	ssize_t n;
	int ret = 0;

	if (write(fd, cmd, strlen(cmd)) < 0)
		ret = -errno;
	if (reply && size) {
		n = pread(fd, reply, size - 1, 0);
		reply[n > 0 ? n : 0] = '\0';
	}
	return ret;
}

#endif /* KMEMLAB_TEST_H */
