/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the engine selftests (engine_*.c): commands with formatted
 * text, fields of replies and views, /proc and tracefs readers, and the
 * kernel log check. On top of kmemlab_test.h.
 */
#ifndef KMEMLAB_ENGINE_UTIL_H
#define KMEMLAB_ENGINE_UTIL_H

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/klog.h>

#include "kmemlab_test.h"

#define KE_REPLY	(256 * 1024)	/* the engine's reply bound */
#define KE_TRACEFS	"/sys/kernel/tracing"

/* Every backend the module registers: ours, then the kernel's. */
static const char * const ke_ours[] = {
	"buddy", "slab", "first-fit", "next-fit", "best-fit", "worst-fit",
	"segregated", "bump",
};
static const char * const ke_real[] = {
	"kmem_cache", "kmem_cache_bulk", "kmalloc", "alloc_pages", "vmalloc",
};

/*
 * ke_cmdf() - format a command, run it on @fd, read the reply into @reply.
 * Return: 0 or the -errno of the write.
 */
static inline __attribute__((format(printf, 4, 5)))
int ke_cmdf(int fd, char *reply, size_t size, const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return kt_cmd(fd, cmd, reply, size);
}

/*
 * ke_field() - the value of "key=VALUE" in @text (the first one, at the
 * start of a word), as an unsigned number.
 * Return: 0, or -1 when there is no such field.
 */
static inline int ke_field(const char *text, const char *key, uint64_t *val)
{
	size_t klen = strlen(key);
	const char *p = text;

	while ((p = strstr(p, key))) {
		if ((p == text || isspace((unsigned char)p[-1])) &&
		    p[klen] == '=') {
			*val = strtoull(p + klen + 1, NULL, 0);
			return 0;
		}
		p += klen;
	}
	return -1;
}

/*
 * ke_line_value() - the value of a "key value" line (the stats views).
 * Return: 0, or -1 when there is no such line.
 */
static inline int ke_line_value(const char *text, const char *key,
				uint64_t *val)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ' ') {
			*val = strtoull(p + klen + 1, NULL, 0);
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* ke_line_str() - copy the text after "key " on its line into @out. */
static inline int ke_line_str(const char *text, const char *key, char *out,
			      size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = text, *end;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ' ') {
			p += klen + 1;
			end = strchr(p, '\n');
			n = end ? (size_t)(end - p) : strlen(p);
			if (n >= size)
				n = size - 1;
			memcpy(out, p, n);
			out[n] = '\0';
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* ke_count_lines() - lines of @text containing @needle. */
static inline unsigned int ke_count_lines(const char *text,
					  const char *needle)
{
	unsigned int n = 0;
	const char *p = text, *end;

	while (*p) {
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		if (memmem(p, end - p, needle, strlen(needle)))
			n++;
		p = *end ? end + 1 : end;
	}
	return n;
}

/*
 * ke_slabinfo_row() - the /proc/slabinfo row of cache @name (with its
 * newline) in @row; 0, or -1 when there is none.
 */
static inline int ke_slabinfo_row(const char *slabinfo, const char *name,
				  char *row, size_t size)
{
	size_t nlen = strlen(name), n;
	const char *p = slabinfo, *end;

	while (*p) {
		end = strchr(p, '\n');
		end = end ? end + 1 : p + strlen(p);
		if (!strncmp(p, name, nlen) && p[nlen] == ' ') {
			n = end - p < (long)size ? (size_t)(end - p) : size - 1;
			memcpy(row, p, n);
			row[n] = '\0';
			return 0;
		}
		p = end;
	}
	return -1;
}

/* ke_vmstat() - a /proc/vmstat counter, or -1. */
static inline long ke_vmstat(const char *key)
{
	static char buf[16384];
	uint64_t v;

	if (kt_read("/proc/vmstat", buf, sizeof(buf)) <= 0)
		return -1;
	return ke_line_value(buf, key, &v) ? -1 : (long)v;
}

/*
 * ke_free_pages() - free pages including those parked on the per-CPU
 * lists (the "count:" lines of /proc/zoneinfo), which nr_free_pages leaves
 * out: a page freed a moment ago may wait there, so only the sum tells
 * whether memory came back. -1 when /proc/zoneinfo can't be read.
 */
static inline long ke_free_pages(void)
{
	static char buf[65536];
	const char *p;
	long v, sum = 0;

	if (kt_read("/proc/zoneinfo", buf, sizeof(buf)) <= 0)
		return -1;
	for (p = buf; *p; p++) {
		while (*p == ' ')
			p++;
		if (sscanf(p, "pages free %ld", &v) == 1 ||
		    sscanf(p, "count: %ld", &v) == 1)
			sum += v;
		p = strchr(p, '\n');
		if (!p)
			break;
	}
	return sum;
}

/* ke_write_file() - write @text to @path; 0 or -errno. */
static inline int ke_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/*
 * ke_klog_bad() - whether the kernel log holds a line that fails a run
 * (the VM runner's list), copying the first into @line.
 */
static inline int ke_klog_bad(char *line, size_t size)
{
	static const char * const bad[] = {
		"BUG:", "WARNING:", "Oops", "general protection",
		"Call Trace:", "soft lockup", "kmemlab: ERROR:",
	};
	static char buf[1 << 20];
	int n = klogctl(3, buf, sizeof(buf) - 1);	/* READ_ALL */
	unsigned int i;
	char *p, *end;

	if (n < 0)
		return 0;
	buf[n] = '\0';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = strstr(buf, bad[i]);
		if (!p)
			continue;
		while (p > buf && p[-1] != '\n')
			p--;
		end = strchr(p, '\n');
		n = end ? end - p : (int)strlen(p);
		if ((size_t)n >= size)
			n = size - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		return 1;
	}
	return 0;
}

#endif /* KMEMLAB_ENGINE_UTIL_H */
