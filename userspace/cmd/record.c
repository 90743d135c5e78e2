// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab record -o FILE [--format native|rep] [--max-ops N]
 * [--max-bytes N] [--raw DIR] -- CMD [ARGS...]' and
 * 'kmemlab record -o FILE --from DIR': CMD runs with kmemlab-record.so
 * preloaded (userspace/shim/record_shim.c), which writes one raw file per
 * process image (record_fmt.h); they are merged here into one trace: the
 * events in time order, addresses mapped to ids, each thread of each
 * process a t= stream (native version 2), or CS:APP .rep for one thread.
 * The output appears whole or not at all (a temporary file renamed).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "kml_bounds.h"
#include "record.h"
#include "record_fmt.h"
#include "spawn.h"

#define O_FORMAT	(256 + 1)
#define O_MAX_OPS	(256 + 2)
#define O_MAX_BYTES	(256 + 3)
#define O_RAW		(256 + 4)
#define O_FROM		(256 + 5)
#define O_KERNEL	(256 + 6)

const struct cli_opt record_opts[] = {
	{ "output", 'o', "FILE", "the trace to write (required)" },
	{ "format", O_FORMAT, "FMT", "native (default: kmemlab-trace 2, every thread) or rep (one thread only)" },
	{ "max-ops", O_MAX_OPS, "N", "at most N ops in the trace, and N events recorded per process (default 1048576)" },
	{ "max-bytes", O_MAX_BYTES, "N", "at most N bytes of trace (default 16777216)" },
	{ "raw", O_RAW, "DIR", "keep the raw recordings in DIR (created; must not exist)" },
	{ "from", O_FROM, "DIR", "no CMD: merge the raw recordings of DIR" },
	{ "kernel", O_KERNEL, NULL, "record the kernel's kmem events instead (root, trace-cmd)" },
	{ NULL, 0, NULL, NULL },
};

__attribute__((weak)) int record_kernel_main(int argc, char **argv)
{
	cli_error("record --kernel", "not built");
	return CLI_EXIT_USAGE;
}

/* One event of one file, for the sort. */
struct ev {
	struct kmr_rec r;
	uint32_t file;
	uint32_t seq;
};

struct rfile {
	char *path;
	uint32_t pid, gen;
	uint64_t nr;		/* events (no marks) */
	uint64_t over;		/* events past the bound (last mark) */
	bool ended;		/* its last record is a mark */
};

/* An op of the trace. */
struct op {
	uint64_t ns;
	uint32_t id;		/* ~0: free(NULL) */
	uint32_t size;
	uint32_t thread;
	char kind;		/* a, f, r */
	uint8_t al;
};

struct amap_ent {
	uint64_t ptr;
	uint32_t file;
	uint32_t id;		/* ~0u: empty; SKIP: a request over 1 GiB */
};

#define EMPTY	0xffffffffu
#define SKIP	0xfffffffeu

struct merge {
	struct rfile *f;
	size_t nf;
	struct ev *ev;
	size_t nev, cap;
	struct amap_ent *map;
	size_t map_cap, map_n;
	uint32_t *free_ids;
	size_t nfree_ids;
	uint32_t next_id;
	struct { uint32_t file, tid; } *thr;
	size_t nthr;
	struct op *ops;
	size_t nops;
	uint64_t max_ops;
	bool cut;		/* stopped at a bound */
	const char *cut_why;
	/* counts */
	uint64_t fn[KMR_FN_NR];
	uint64_t events, unknown_frees, unknown_reallocs, too_large, zero;
	uint64_t reused, over;
	uint64_t allocs, frees, reallocs, free_nulls;
};

static uint64_t hash(uint64_t ptr, uint32_t file)
{
	uint64_t x = ptr ^ ((uint64_t)file * 0x9e3779b97f4a7c15ULL);

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static struct amap_ent *map_find(struct merge *m, uint64_t ptr, uint32_t file)
{
	size_t i = hash(ptr, file) & (m->map_cap - 1);

	while (m->map[i].id != EMPTY) {
		if (m->map[i].ptr == ptr && m->map[i].file == file)
			return &m->map[i];
		i = (i + 1) & (m->map_cap - 1);
	}
	return NULL;
}

static int map_put(struct merge *m, uint64_t ptr, uint32_t file, uint32_t id);

static int map_grow(struct merge *m)
{
	struct amap_ent *old = m->map;
	size_t i, cap = m->map_cap;

	m->map_cap = cap ? cap * 2 : 4096;
	m->map = malloc(m->map_cap * sizeof(*m->map));
	if (!m->map)
		return -ENOMEM;
	for (i = 0; i < m->map_cap; i++)
		m->map[i].id = EMPTY;
	m->map_n = 0;
	for (i = 0; i < cap; i++)
		if (old[i].id != EMPTY)
			map_put(m, old[i].ptr, old[i].file, old[i].id);
	free(old);
	return 0;
}

static int map_put(struct merge *m, uint64_t ptr, uint32_t file, uint32_t id)
{
	size_t i;

	if ((m->map_n + 1) * 2 > m->map_cap && map_grow(m))
		return -ENOMEM;
	i = hash(ptr, file) & (m->map_cap - 1);
	while (m->map[i].id != EMPTY)
		i = (i + 1) & (m->map_cap - 1);
	m->map[i].ptr = ptr;
	m->map[i].file = file;
	m->map[i].id = id;
	m->map_n++;
	return 0;
}

/* Remove @e, shifting the entries of its cluster back (linear probing). */
static void map_del(struct merge *m, struct amap_ent *e)
{
	size_t i = (size_t)(e - m->map), j = i, k;

	m->map[i].id = EMPTY;
	for (;;) {
		j = (j + 1) & (m->map_cap - 1);
		if (m->map[j].id == EMPTY)
			break;
		k = hash(m->map[j].ptr, m->map[j].file) & (m->map_cap - 1);
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			m->map[i] = m->map[j];
			m->map[j].id = EMPTY;
			i = j;
		}
	}
	m->map_n--;
}

static int id_get(struct merge *m, uint32_t *id)
{
	if (m->nfree_ids) {
		*id = m->free_ids[--m->nfree_ids];
		return 0;
	}
	if (m->next_id >= KML_TRACE_MAX_IDS)
		return -E2BIG;
	*id = m->next_id++;
	return 0;
}

static void id_put(struct merge *m, uint32_t id)
{
	m->free_ids[m->nfree_ids++] = id;	/* sized for every id */
}

static uint32_t thread_of(struct merge *m, uint32_t file, uint32_t tid)
{
	size_t i;

	for (i = m->nthr; i-- > 0;)
		if (m->thr[i].file == file && m->thr[i].tid == tid)
			return (uint32_t)i;
	m->thr[m->nthr].file = file;
	m->thr[m->nthr].tid = tid;
	return (uint32_t)m->nthr++;
}

/* Read one raw file; Return: 0, or 1 after printing why it is refused. */
static int read_raw(struct merge *m, const char *path)
{
	struct kmr_header h;
	struct rfile *rf;
	struct stat st;
	uint64_t n, i, seen = 0;
	FILE *f = fopen(path, "rb");
	void *nf;

	if (!f) {
		cli_error("record", "%s: %s", path, strerror(errno));
		return 1;
	}
	if (fstat(fileno(f), &st) || fread(&h, sizeof(h), 1, f) != 1 ||
	    memcmp(h.magic, KMR_MAGIC, sizeof(h.magic))) {
		cli_error("record", "%s: not a raw recording of kmemlab record "
			  "(no %s header)", path, "KMLREC1");
		fclose(f);
		return 1;
	}
	if (h.rec_size != sizeof(struct kmr_rec)) {
		cli_error("record", "%s: records of %u bytes (expected %zu)",
			  path, h.rec_size, sizeof(struct kmr_rec));
		fclose(f);
		return 1;
	}
	if ((st.st_size - sizeof(h)) % sizeof(struct kmr_rec)) {
		cli_error("record", "%s: truncated: %lld bytes after the header "
			  "are not whole %zu-byte records", path,
			  (long long)(st.st_size - sizeof(h)),
			  sizeof(struct kmr_rec));
		fclose(f);
		return 1;
	}
	n = (st.st_size - sizeof(h)) / sizeof(struct kmr_rec);
	nf = realloc(m->f, (m->nf + 1) * sizeof(*m->f));
	if (!nf)
		goto nomem;
	m->f = nf;
	rf = &m->f[m->nf];
	memset(rf, 0, sizeof(*rf));
	rf->path = strdup(path);
	rf->pid = h.pid;
	rf->gen = h.gen;
	if (!rf->path)
		goto nomem;
	if (m->nev + n > m->cap) {
		size_t cap = m->cap ? m->cap : 65536;

		while (cap < m->nev + n)
			cap *= 2;
		nf = realloc(m->ev, cap * sizeof(*m->ev));
		if (!nf) {
			free(rf->path);
			goto nomem;
		}
		m->ev = nf;
		m->cap = cap;
	}
	m->nf++;
	for (i = 0; i < n; i++) {
		struct ev *e = &m->ev[m->nev];

		if (fread(&e->r, sizeof(e->r), 1, f) != 1) {
			cli_error("record", "%s: record %" PRIu64 ": %s", path,
				  i + 1, "read error");
			fclose(f);
			return 1;
		}
		if (e->r.kind == KMR_MARK) {
			if (e->r.size != seen) {
				cli_error("record", "%s: record %" PRIu64 ": its "
					  "mark counts %" PRIu64 " events, %" PRIu64
					  " precede it (a damaged recording)", path,
					  i + 1, (uint64_t)e->r.size, seen);
				fclose(f);
				return 1;
			}
			rf->over = e->r.old;
			rf->ended = i + 1 == n;
			continue;
		}
		if (e->r.kind < KMR_ALLOC || e->r.kind > KMR_REALLOC ||
		    e->r.fn >= KMR_FN_NR || e->r.align_log2 > 63) {
			cli_error("record", "%s: record %" PRIu64 ": bad event "
				  "(kind %u, call %u): not a recording, or a "
				  "damaged one", path, i + 1, e->r.kind, e->r.fn);
			fclose(f);
			return 1;
		}
		e->file = (uint32_t)(m->nf - 1);
		e->seq = (uint32_t)seen++;
		m->nev++;
	}
	rf->nr = seen;
	fclose(f);
	return 0;
nomem:
	fclose(f);
	cli_error("record", "out of memory");
	return 1;
}

static int ev_cmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->r.ns != y->r.ns)
		return x->r.ns < y->r.ns ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void cut(struct merge *m, const char *why)
{
	if (!m->cut) {
		m->cut = true;
		m->cut_why = why;
	}
}

static struct op *op_add(struct merge *m, const struct ev *e, char kind)
{
	struct op *o;

	if (m->nops >= m->max_ops) {
		cut(m, "--max-ops");
		return NULL;
	}
	o = &m->ops[m->nops++];
	memset(o, 0, sizeof(*o));
	o->ns = e->r.ns - m->ev[0].r.ns;
	o->kind = kind;
	o->thread = thread_of(m, e->file, e->r.tid);
	return o;
}

/* Map a new block and emit its 'a'; Return: 0 or -E2BIG (ids). */
static int do_alloc(struct merge *m, const struct ev *e, uint64_t size)
{
	struct amap_ent *old = map_find(m, e->r.ptr, e->file);
	struct op *o;
	uint32_t id;

	if (old) {
		/* a free we did not see (another allocator's, or lost) */
		m->reused++;
		map_del(m, old);
	}
	if (size > KML_TRACE_MAX_SIZE) {
		m->too_large++;
		return map_put(m, e->r.ptr, e->file, SKIP);
	}
	if (!size) {
		m->zero++;
		size = 1;
	}
	if (m->nops >= m->max_ops) {
		cut(m, "--max-ops");
		return 0;
	}
	if (id_get(m, &id)) {
		cut(m, "the trace's bound of 1048576 ids");
		return 0;
	}
	o = op_add(m, e, 'a');
	o->id = id;
	o->size = (uint32_t)size;
	o->al = e->r.align_log2;
	m->allocs++;
	return map_put(m, e->r.ptr, e->file, id);
}

static void do_free(struct merge *m, const struct ev *e, uint64_t ptr)
{
	struct amap_ent *a;
	struct op *o;

	if (!ptr) {
		o = op_add(m, e, 'f');
		if (o) {
			o->id = EMPTY;
			m->free_nulls++;
			m->frees++;
		}
		return;
	}
	a = map_find(m, ptr, e->file);
	if (!a) {
		m->unknown_frees++;
		return;
	}
	if (a->id == SKIP) {
		map_del(m, a);
		m->too_large++;
		return;
	}
	o = op_add(m, e, 'f');
	if (!o)
		return;
	o->id = a->id;
	id_put(m, a->id);
	map_del(m, a);
	m->frees++;
}

static int do_realloc(struct merge *m, const struct ev *e)
{
	struct amap_ent *a;
	struct op *o;
	uint32_t id;

	if (!e->r.old)
		return do_alloc(m, e, e->r.size);
	if (!e->r.size && !e->r.ptr) {
		do_free(m, e, e->r.old);	/* realloc(p, 0) freed p */
		return 0;
	}
	a = map_find(m, e->r.old, e->file);
	if (!a || a->id == SKIP) {
		if (!a)
			m->unknown_reallocs++;
		else
			map_del(m, a);
		return do_alloc(m, e, e->r.size);
	}
	if (e->r.size > KML_TRACE_MAX_SIZE) {
		/* the old block goes, as a free; the new one is skipped */
		do_free(m, e, e->r.old);
		m->too_large++;
		return map_put(m, e->r.ptr, e->file, SKIP);
	}
	id = a->id;
	o = op_add(m, e, 'r');
	if (!o)
		return 0;
	o->id = id;
	o->size = e->r.size ? (uint32_t)e->r.size : 1;
	m->reallocs++;
	if (e->r.ptr != e->r.old) {
		struct amap_ent *stale;

		map_del(m, a);
		stale = map_find(m, e->r.ptr, e->file);
		if (stale) {
			m->reused++;
			map_del(m, stale);
		}
		return map_put(m, e->r.ptr, e->file, id);
	}
	return 0;
}

/* The events, in time order, into ops. Return: 0 or an exit code. */
static int merge_events(struct merge *m)
{
	size_t i;
	int ret = 0;

	qsort(m->ev, m->nev, sizeof(*m->ev), ev_cmp);
	m->ops = calloc(m->nev ? m->nev : 1, sizeof(*m->ops));
	m->thr = calloc(m->nev ? m->nev : 1, sizeof(*m->thr));
	m->free_ids = calloc(KML_TRACE_MAX_IDS, sizeof(*m->free_ids));
	if (!m->ops || !m->thr || !m->free_ids || map_grow(m)) {
		cli_error("record", "out of memory");
		return CLI_EXIT_FAIL;
	}
	for (i = 0; i < m->nev && !m->cut && !ret; i++) {
		const struct ev *e = &m->ev[i];

		m->events++;
		m->fn[e->r.fn]++;
		if (e->r.kind == KMR_ALLOC)
			ret = do_alloc(m, e, e->r.size);
		else if (e->r.kind == KMR_FREE)
			do_free(m, e, e->r.ptr);
		else
			ret = do_realloc(m, e);
		if (m->nthr >= KML_TRACE_MAX_THREADS)
			cut(m, "the trace's bound of 65536 threads");
	}
	if (ret) {
		cli_error("record", "out of memory");
		return CLI_EXIT_FAIL;
	}
	if (m->cut)
		m->events--;	/* the event that did not fit */
	for (i = 0; i < m->nf; i++)
		m->over += m->f[i].over;
	return 0;
}

static int write_trace(struct merge *m, FILE *f, bool rep, uint64_t max_bytes,
		       char *const *cmd)
{
	char line[128];
	uint64_t bytes = 0, live = 0, peak = 0;
	size_t i, n = m->nops, body_start;
	uint32_t max_id = 0;
	char *buf = NULL;
	size_t blen = 0;
	FILE *body = open_memstream(&buf, &blen);

	if (!body)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct op *o = &m->ops[i];
		int len;

		if (rep) {
			if (o->kind == 'f')
				len = o->id == EMPTY ?
				      snprintf(line, sizeof(line), "f -1\n") :
				      snprintf(line, sizeof(line), "f %u\n", o->id);
			else
				len = snprintf(line, sizeof(line), "%c %u %u\n",
					       o->kind, o->id, o->size);
		} else if (o->kind == 'f') {
			len = o->id == EMPTY ?
			      snprintf(line, sizeof(line), "f -1 t=%u ns=%" PRIu64 "\n",
				       o->thread, o->ns) :
			      snprintf(line, sizeof(line), "f %u t=%u ns=%" PRIu64 "\n",
				       o->id, o->thread, o->ns);
		} else if (o->al) {
			len = snprintf(line, sizeof(line),
				       "%c %u %u t=%u al=%llu ns=%" PRIu64 "\n",
				       o->kind, o->id, o->size, o->thread,
				       1ULL << o->al, o->ns);
		} else {
			len = snprintf(line, sizeof(line),
				       "%c %u %u t=%u ns=%" PRIu64 "\n",
				       o->kind, o->id, o->size, o->thread, o->ns);
		}
		/* 4096 bytes are kept for the header and the last comment */
		if (bytes + (uint64_t)len + 4096 > max_bytes) {
			cut(m, "--max-bytes");
			break;
		}
		bytes += (uint64_t)len;
		fputs(line, body);
		if (o->kind != 'f' && o->id + 1 > max_id)
			max_id = o->id + 1;
		if (o->kind == 'f' && o->id != EMPTY && o->id + 1 > max_id)
			max_id = o->id + 1;
		live += o->kind == 'a' ? o->size : 0;
		if (live > peak)
			peak = live;
	}
	body_start = i;
	fclose(body);
	if (rep) {
		/* sugg_heapsize (unused by replays), num_ids, num_ops, weight */
		fprintf(f, "%" PRIu64 "\n%u\n%zu\n1\n", peak, max_id ? max_id : 1,
			body_start);
	} else {
		fprintf(f, "# recorded by: kmemlab record --");
		for (i = 0; cmd && cmd[i]; i++)
			fprintf(f, " %s", cmd[i]);
		fprintf(f, "\n# %zu process image%s, %zu thread%s (t=N below):\n",
			m->nf, m->nf == 1 ? "" : "s", m->nthr,
			m->nthr == 1 ? "" : "s");
		for (i = 0; i < m->nthr && i < 64; i++)
			fprintf(f, "#   t=%zu pid %u (image %u) tid %u\n", i,
				m->f[m->thr[i].file].pid,
				m->f[m->thr[i].file].gen, m->thr[i].tid);
		if (m->nthr > 64)
			fprintf(f, "#   ... %zu more\n", m->nthr - 64);
		fprintf(f, "# ns=: nanoseconds since the first event (CLOCK_MONOTONIC)\n"
			"kmemlab-trace 2\n");
	}
	fwrite(buf, 1, blen, f);
	free(buf);
	if (m->cut && !rep)
		fprintf(f, "# truncated at %s: %zu ops kept\n", m->cut_why,
			body_start);
	m->nops = body_start;
	return 0;
}

static bool find_shim(char *out, size_t size)	/* size > 2048 + 64 */
{
	const char *env = getenv("KMEMLAB_RECORD_SHIM");
	char exe[2048], *slash;
	ssize_t n;

	if (env && *env) {
		snprintf(out, size, "%s", env);
		return access(out, R_OK) == 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	snprintf(out, size, "%s/kmemlab-record.so", exe);
	if (!access(out, R_OK))
		return true;
	snprintf(out, size, "%s/../lib/kmemlab/kmemlab-record.so", exe);
	return access(out, R_OK) == 0;
}

static void rm_dir(const char *path)
{
	struct dirent *d;
	DIR *dir = opendir(path);
	char p[4096 + 512];

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, d->d_name);
		unlink(p);
	}
	closedir(dir);
	rmdir(path);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.kmr of @path. Return: 0 or an exit code (printed). */
static int read_dir(struct merge *m, const char *path)
{
	struct dirent *d;
	DIR *dir = opendir(path);
	char **names = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (!dir) {
		cli_error("record", "%s: %s", path, strerror(errno));
		return CLI_EXIT_FAIL;
	}
	while ((d = readdir(dir))) {
		size_t l = strlen(d->d_name);
		char **nn;

		if (l <= strlen(KMR_SUFFIX) ||
		    strcmp(d->d_name + l - strlen(KMR_SUFFIX), KMR_SUFFIX))
			continue;
		nn = realloc(names, (n + 1) * sizeof(*names));
		if (!nn || asprintf(&nn[n], "%s/%s", path, d->d_name) < 0) {
			names = nn ? nn : names;
			rc = CLI_EXIT_FAIL;
			cli_error("record", "out of memory");
			break;
		}
		names = nn;
		n++;
	}
	closedir(dir);
	if (!rc && !n) {
		cli_error("record", "%s: no raw recording (*%s) in it", path,
			  KMR_SUFFIX);
		rc = CLI_EXIT_FAIL;
	}
	if (!rc)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (!rc && read_raw(m, names[i]))
			rc = CLI_EXIT_FAIL;
		free(names[i]);
	}
	free(names);
	return rc;
}

static void merge_free(struct merge *m)
{
	size_t i;

	for (i = 0; i < m->nf; i++)
		free(m->f[i].path);
	free(m->f);
	free(m->ev);
	free(m->map);
	free(m->free_ids);
	free(m->thr);
	free(m->ops);
}

/* Write @out through a temporary file of its directory. */
static int write_out(struct cli_ctx *ctx, struct merge *m, const char *out,
		     bool rep, uint64_t max_bytes, char *const *cmd)
{
	char *tmp;
	FILE *f;
	int fd;

	if (asprintf(&tmp, "%s.tmp-XXXXXX", out) < 0) {
		cli_error("record", "out of memory");
		return CLI_EXIT_FAIL;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		cli_error("record", "%s: %s", out, strerror(errno));
		free(tmp);
		return CLI_EXIT_FAIL;
	}
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f || write_trace(m, f, rep, max_bytes, cmd) || fflush(f) ||
	    ferror(f) || fsync(fd)) {
		cli_error("record", "%s: %s", out, strerror(errno ? errno : EIO));
		if (f)
			fclose(f);
		else
			close(fd);
		unlink(tmp);
		free(tmp);
		return CLI_EXIT_FAIL;
	}
	fclose(f);
	if (rename(tmp, out)) {
		cli_error("record", "%s: %s", out, strerror(errno));
		unlink(tmp);
		free(tmp);
		return CLI_EXIT_FAIL;
	}
	free(tmp);
	return 0;
}

static void summary(struct cli_ctx *ctx, const struct merge *m, const char *out)
{
	size_t i, ended = 0;

	for (i = 0; i < m->nf; i++) {
		ended += m->f[i].ended;
		if (!m->f[i].ended)
			fprintf(stderr, "kmemlab: record: warning: %s: no end mark "
				"(the process was killed, or a write failed): "
				"its %" PRIu64 " events are kept\n",
				m->f[i].path, m->f[i].nr);
	}
	if (m->cut || m->over)
		fprintf(stderr, "kmemlab: record: warning: trace truncated at %s: "
			"%" PRIu64 " events past the per-process bound were not "
			"recorded; %zu ops written\n",
			m->cut ? m->cut_why : "--max-ops", m->over, m->nops);
	if (ctx->quiet)
		return;
	fprintf(stderr, "kmemlab: record: %s: %zu ops (%" PRIu64 " allocs, %" PRIu64
		" frees of which %" PRIu64 " free(NULL), %" PRIu64 " reallocs) "
		"from %" PRIu64 " events of %zu process image%s, %zu thread%s\n",
		out, m->nops, m->allocs, m->frees, m->free_nulls, m->reallocs,
		m->events, m->nf, m->nf == 1 ? "" : "s", m->nthr,
		m->nthr == 1 ? "" : "s");
	fprintf(stderr, "kmemlab: record: dropped: %" PRIu64 " frees of unknown "
		"pointers (allocated before the library was loaded, or by "
		"another allocator), %" PRIu64 " requests above 1 GiB; "
		"%" PRIu64 " reallocs of unknown pointers kept as allocations, "
		"%" PRIu64 " malloc(0) as 1 byte, %" PRIu64 " addresses handed "
		"out again without a free\n", m->unknown_frees, m->too_large,
		m->unknown_reallocs, m->zero, m->reused);
	fprintf(stderr, "kmemlab: record: calls: malloc %" PRIu64 ", calloc %"
		PRIu64 ", realloc %" PRIu64 ", reallocarray %" PRIu64 ", free %"
		PRIu64 ", memalign %" PRIu64 ", posix_memalign %" PRIu64
		", aligned_alloc %" PRIu64 ", valloc %" PRIu64 ", pvalloc %"
		PRIu64 "\n", m->fn[KMR_FN_MALLOC], m->fn[KMR_FN_CALLOC],
		m->fn[KMR_FN_REALLOC], m->fn[KMR_FN_REALLOCARRAY],
		m->fn[KMR_FN_FREE], m->fn[KMR_FN_MEMALIGN],
		m->fn[KMR_FN_POSIX_MEMALIGN], m->fn[KMR_FN_ALIGNED_ALLOC],
		m->fn[KMR_FN_VALLOC], m->fn[KMR_FN_PVALLOC]);
}

static int parse_u64_opt(struct cli_ctx *ctx, const char *name,
			 const char *val, uint64_t lo, uint64_t hi,
			 uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(val, &end, 10);
	if (!*val || *end || errno || val[0] == '-' || v < lo || v > hi) {
		cli_usage_error(ctx, "%s: '%s': expected a number from %" PRIu64
				" to %" PRIu64, name, val, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

int cmd_record(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *out = NULL, *raw = NULL, *from = NULL, *arg;
	uint64_t max_ops = KML_TRACE_MAX_OPS, max_bytes = KML_TRACE_MAX_BYTES;
	char dir[4096], shim[4096], max[32], *preload = NULL;
	struct merge m = { 0 };
	bool rep = false, made_dir = false;
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	int c, i, rc = CLI_EXIT_FAIL, status = 0;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--kernel"))
			return record_kernel_main(argc, argv);
	while ((c = cli_getopt(ctx, argc, argv, &arg)) != -1) {
		switch (c) {
		case 'o':
			out = arg;
			break;
		case O_FORMAT:
			if (strcmp(arg, "native") && strcmp(arg, "rep"))
				return cli_usage_error(ctx, "--format: '%s': "
						       "expected native or rep", arg);
			rep = !strcmp(arg, "rep");
			break;
		case O_MAX_OPS:
			if (parse_u64_opt(ctx, "--max-ops", arg, 1,
					  KML_TRACE_MAX_OPS, &max_ops))
				return CLI_EXIT_USAGE;
			break;
		case O_MAX_BYTES:
			if (parse_u64_opt(ctx, "--max-bytes", arg, 8192,
					  KML_TRACE_MAX_BYTES, &max_bytes))
				return CLI_EXIT_USAGE;
			break;
		case O_RAW:
			raw = arg;
			break;
		case O_FROM:
			from = arg;
			break;
		case 'h':
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!out || !*out)
		return cli_usage_error(ctx, "-o FILE is required");
	if (from && optind < argc)
		return cli_usage_error(ctx, "--from DIR takes no command");
	if (from && raw)
		return cli_usage_error(ctx, "--from and --raw exclude each other");
	if (!from && optind >= argc)
		return cli_usage_error(ctx, "no command to record (kmemlab record -o FILE -- CMD [ARGS...])");
	m.max_ops = max_ops;
	if (from) {
		rc = read_dir(&m, from);
		goto merge;
	}
	if (!find_shim(shim, sizeof(shim))) {
		cli_error("record", "kmemlab-record.so not found next to the tool, "
			  "in ../lib/kmemlab, or at $KMEMLAB_RECORD_SHIM (make "
			  "builds it)");
		return CLI_EXIT_SKIP;
	}
	if (raw) {
		if (mkdir(raw, 0755)) {
			cli_error("record", "--raw %s: %s", raw, strerror(errno));
			return CLI_EXIT_FAIL;
		}
		snprintf(dir, sizeof(dir), "%s", raw);
	} else {
		const char *t = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/kmemlab-record-XXXXXX",
			 t && *t ? t : "/tmp");
		if (!mkdtemp(dir)) {
			cli_error("record", "%s: %s", dir, strerror(errno));
			return CLI_EXIT_FAIL;
		}
		made_dir = true;
	}
	{
		const char *old = getenv("LD_PRELOAD");

		if (asprintf(&preload, "%s%s%s", shim, old && *old ? " " : "",
			     old ? old : "") < 0) {
			cli_error("record", "out of memory");
			goto out;
		}
	}
	snprintf(max, sizeof(max), "%" PRIu64, max_ops);
	setenv("KMEMLAB_RECORD_DIR", dir, 1);
	setenv("KMEMLAB_RECORD_MAX", max, 1);
	setenv("LD_PRELOAD", preload, 1);
	/* as system() does, Ctrl-C and kill go to CMD; we clean up after */
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	status = spawn_run("record", argv + optind, STDOUT_FILENO, NULL, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	unsetenv("LD_PRELOAD");
	unsetenv("KMEMLAB_RECORD_DIR");
	unsetenv("KMEMLAB_RECORD_MAX");
	if (status < 0) {
		cli_error("record", "%s: %s", argv[optind], strerror(-status));
		goto out;
	}
	if (status || got_signal) {
		cli_error("record", "%s %s (exit status %d): no trace written",
			  argv[optind], status == 127 ? "could not be run" :
			  status > 128 ? "was killed" : "failed", status);
		rc = status ? status : 128 + got_signal;
		goto out;
	}
	rc = read_dir(&m, dir);
merge:
	if (!rc)
		rc = merge_events(&m);
	if (!rc && !m.nops) {
		cli_error("record", "%s: no allocation was recorded (a static "
			  "program, or one that does not use malloc)", from ?
			  from : argv[optind]);
		rc = CLI_EXIT_FAIL;
	}
	if (!rc && rep && m.nthr > 1) {
		cli_error("record", "--format rep: the recording has %zu threads "
			  "in %zu process images; a .rep holds one stream (use "
			  "--format native)", m.nthr, m.nf);
		rc = CLI_EXIT_FAIL;
	}
	if (!rc)
		rc = write_out(ctx, &m, out, rep, max_bytes,
			       from ? NULL : argv + optind);
	if (!rc)
		summary(ctx, &m, out);
out:
	if (made_dir)
		rm_dir(dir);
	free(preload);
	merge_free(&m);
	return rc;
}
