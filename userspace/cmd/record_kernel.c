// SPDX-License-Identifier: GPL-2.0
/*
 * 'kmemlab record --kernel': the kernel's allocations while a command runs,
 * read from tracefs (an instance of its own, so nothing else that traces
 * is disturbed) and written as a native trace whose ops carry the event's
 * CPU, time, call site, gfp flags, cache or size class and allocated size
 * (docs/interface.md 7.2, docs/cli.md "record --kernel"); and the
 * per-call-site summary of such a trace, as 'perf kmem stat --caller'.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "grow.h"
#include "record.h"

#define RK_WHAT		"record --kernel"
#define RK_MAX_OPS	(1024u * 1024u)		/* KML_TRACE_MAX_OPS */
#define RK_MAX_IDS	(1024u * 1024u)		/* KML_TRACE_MAX_IDS */
#define RK_MAX_SIZE	(1024ULL * 1024 * 1024)	/* KML_TRACE_MAX_SIZE */
/* KML_TRACE_MAX_BYTES, less room for the comment lines */
#define RK_MAX_BYTES	((16u << 20) - (64u << 10))
#define RK_LINE_MAX	512			/* longest op line */
#define RK_WORD		96			/* longest word kept */

/* The events recorded, in the order of enum rk_ev. */
enum rk_ev {
	RK_KMALLOC, RK_KFREE, RK_CACHE_ALLOC, RK_CACHE_FREE, RK_PAGE_ALLOC,
	RK_PAGE_FREE, RK_PAGE_FREE_BATCHED, RK_NR_EV,
};

static const char *const rk_ev_names[RK_NR_EV] = {
	[RK_KMALLOC]		= "kmalloc",
	[RK_KFREE]		= "kfree",
	[RK_CACHE_ALLOC]	= "kmem_cache_alloc",
	[RK_CACHE_FREE]		= "kmem_cache_free",
	[RK_PAGE_ALLOC]		= "mm_page_alloc",
	[RK_PAGE_FREE]		= "mm_page_free",
	[RK_PAGE_FREE_BATCHED]	= "mm_page_free_batched",
};

/* The ev= tag of an op: what kind of memory it is. */
static const char *const rk_ev_tag[RK_NR_EV] = {
	[RK_KMALLOC] = "kmalloc", [RK_KFREE] = "kmalloc",
	[RK_CACHE_ALLOC] = "cache", [RK_CACHE_FREE] = "cache",
	[RK_PAGE_ALLOC] = "page", [RK_PAGE_FREE] = "page",
	[RK_PAGE_FREE_BATCHED] = "page",
};

/* One op of the trace, with what the event said. */
struct rk_op {
	char kind;		/* 'a' or 'f' */
	unsigned char ev;	/* enum rk_ev */
	unsigned short cpu;
	uint32_t id;
	uint64_t req;		/* a: bytes requested */
	uint64_t alloc;		/* a: bytes allocated */
	uint64_t t_ns;		/* since the first event */
	int site;		/* string index: call site, -1 none */
	int gfp;		/* string index, -1 none */
	int cache;		/* string index: cache name, -1 none */
	int order;		/* pages: the order, else -1 */
	uint32_t alloc_op;	/* f: index of its a, UINT32_MAX none */
};

/* A live object: its key (the event's ptr, or the pfn) and its id. */
struct rk_live {
	char key[40];
	uint32_t id;
	uint32_t op;		/* index of the a op */
	bool used;
	bool dead;		/* a tombstone of the hash table */
};

struct rk_state {
	struct rk_op *ops;
	size_t nr_ops, cap_ops;
	char **strs;		/* interned strings */
	size_t nr_strs, cap_strs;
	struct rk_live *live;	/* open addressing, power-of-two size */
	size_t live_cap, nr_live;
	uint32_t *free_ids;	/* ids to reuse (a stack) */
	size_t nr_free_ids;
	uint32_t next_id;
	uint64_t t0_ns;
	bool have_t0;
	bool full;		/* a bound is reached: the rest is counted */
	FILE *raw;		/* --raw: the text as read, or NULL */
	uint64_t bytes;		/* estimate of the text of the ops */
	/* counts */
	uint64_t events[RK_NR_EV];
	uint64_t unmatched_frees;	/* of objects from before the start */
	uint64_t skipped_zero;		/* kmalloc(0), ZERO_SIZE_PTR */
	uint64_t skipped_over;		/* ops over the trace's bounds */
	uint64_t reused_live;		/* an a on a key still live */
	uint64_t lost;			/* ring buffer overruns */
};

/* --- small helpers ------------------------------------------------------ */

static int rk_intern(struct rk_state *s, const char *str, size_t len)
{
	char *c, **strs;
	size_t i;

	if (!len)
		return -1;
	/* call sites and caches repeat: look back among the recent ones */
	for (i = s->nr_strs; i-- > 0 && i + 4096 > s->nr_strs;)
		if (!strncmp(s->strs[i], str, len) && !s->strs[i][len])
			return (int)i;
	strs = grow(s->strs, s->nr_strs, &s->cap_strs, sizeof(*strs), 256);
	if (!strs)
		return -1;
	s->strs = strs;
	c = strndup(str, len);
	if (!c)
		return -1;
	s->strs[s->nr_strs] = c;
	return (int)s->nr_strs++;
}

static uint64_t rk_hash(const char *key)
{
	uint64_t h = 1469598103934665603ULL;

	while (*key)
		h = (h ^ (unsigned char)*key++) * 1099511628211ULL;
	return h;
}

/* The slot of @key, or where it would go. */
static struct rk_live *rk_slot(struct rk_state *s, const char *key)
{
	size_t i = rk_hash(key) & (s->live_cap - 1);
	struct rk_live *tomb = NULL;

	for (;;) {
		struct rk_live *l = &s->live[i];

		if (!l->used && !l->dead)
			return tomb ? tomb : l;
		if (l->dead && !tomb)
			tomb = l;
		if (l->used && !strcmp(l->key, key))
			return l;
		i = (i + 1) & (s->live_cap - 1);
	}
}

static int rk_live_grow(struct rk_state *s)
{
	struct rk_live *old = s->live;
	size_t i, cap = s->live_cap;

	s->live_cap = cap ? cap * 2 : 4096;
	s->live = calloc(s->live_cap, sizeof(*s->live));
	if (!s->live) {
		s->live = old;
		s->live_cap = cap;
		return -1;
	}
	for (i = 0; i < cap; i++)
		if (old[i].used)
			*rk_slot(s, old[i].key) = old[i];
	free(old);
	return 0;
}

static struct rk_op *rk_new_op(struct rk_state *s)
{
	struct rk_op *ops = grow(s->ops, s->nr_ops, &s->cap_ops, sizeof(*ops),
				 4096);

	if (!ops)
		return NULL;
	s->ops = ops;
	memset(&s->ops[s->nr_ops], 0, sizeof(s->ops[0]));
	s->ops[s->nr_ops].site = -1;
	s->ops[s->nr_ops].gfp = -1;
	s->ops[s->nr_ops].cache = -1;
	s->ops[s->nr_ops].order = -1;
	s->ops[s->nr_ops].alloc_op = UINT32_MAX;
	return &s->ops[s->nr_ops];
}

/* The value of "name=" in @f (the event's fields), up to a blank. */
static bool rk_field(const char *f, const char *name, const char **v,
		     size_t *len)
{
	size_t n = strlen(name);
	const char *p = f;

	while ((p = strstr(p, name))) {
		if ((p == f || p[-1] == ' ') && p[n] == '=') {
			*v = p + n + 1;
			*len = strcspn(*v, " \n");
			return true;
		}
		p += n;
	}
	return false;
}

static bool rk_field_u64(const char *f, const char *name, uint64_t *val)
{
	const char *v;
	size_t len;
	char *end;

	if (!rk_field(f, name, &v, &len) || !len)
		return false;
	errno = 0;
	*val = strtoull(v, &end, 0);
	return !errno && end == v + len;
}

/* --- one event line ------------------------------------------------------- */

/*
 * A line of trace_pipe: "COMM-PID [CPU] FLAGS SECS.USECS: EVENT: FIELDS".
 * The comm may hold anything, so the line is read from the event name
 * backwards. Return: false when it is not one of ours (or malformed).
 */
static bool rk_split(const char *line, enum rk_ev *ev, unsigned int *cpu,
		     uint64_t *t_ns, const char **fields)
{
	const char *p, *ts, *br;
	unsigned int e;
	unsigned long long sec, usec;

	for (e = 0; e < RK_NR_EV; e++) {
		char pat[48];

		snprintf(pat, sizeof(pat), ": %s: ", rk_ev_names[e]);
		p = strstr(line, pat);
		if (p)
			break;
	}
	if (e == RK_NR_EV)
		return false;
	*ev = e;
	*fields = p + strlen(rk_ev_names[e]) + 4;
	ts = p;
	while (ts > line && ts[-1] != ' ')
		ts--;
	if (sscanf(ts, "%llu.%llu", &sec, &usec) != 2)
		return false;
	*t_ns = sec * 1000000000ULL + usec * 1000ULL;
	for (br = ts; br > line && *br != ']'; br--)
		;
	while (br > line && br[-1] != '[')
		br--;
	if (br == line || sscanf(br, "%u", cpu) != 1)
		return false;
	return true;
}

/* The call site without its "/length": "__alloc_skb+0x8e". */
static int rk_site(struct rk_state *s, const char *f)
{
	const char *v;
	size_t len;

	if (!rk_field(f, "call_site", &v, &len))
		return -1;
	len = strcspn(v, "/ \n") < len ? strcspn(v, "/ \n") : len;
	return rk_intern(s, v, len < RK_WORD ? len : RK_WORD);
}

static uint32_t rk_take_id(struct rk_state *s)
{
	if (s->nr_free_ids)
		return s->free_ids[--s->nr_free_ids];
	return s->next_id++;
}

static int rk_alloc(struct rk_state *s, enum rk_ev ev, unsigned int cpu,
		    uint64_t t, const char *key, const char *f)
{
	uint64_t req = 0, alloc = 0, order = 0;
	struct rk_live *l;
	struct rk_op *op;
	const char *v;
	size_t len;

	if (ev == RK_PAGE_ALLOC) {
		if (!rk_field_u64(f, "order", &order) || order > 20)
			return 0;
		req = alloc = 4096ULL << order;
	} else if (!rk_field_u64(f, "bytes_req", &req) ||
		   !rk_field_u64(f, "bytes_alloc", &alloc)) {
		return 0;
	}
	if (!req) {
		s->skipped_zero++;
		return 0;
	}
	if (req > RK_MAX_SIZE) {
		s->skipped_over++;
		return 0;
	}
	if (s->next_id >= RK_MAX_IDS && !s->nr_free_ids) {
		s->full = true;
		s->skipped_over++;
		return 0;
	}
	if (s->nr_live * 2 >= s->live_cap && rk_live_grow(s))
		return -1;
	l = rk_slot(s, key);
	if (l->used) {
		/* a free we did not see: the old id stays live */
		s->reused_live++;
		l->used = false;
		l->dead = true;
		s->nr_live--;
		l = rk_slot(s, key);
	}
	op = rk_new_op(s);
	if (!op)
		return -1;
	op->kind = 'a';
	op->ev = ev;
	op->cpu = cpu;
	op->t_ns = t;
	op->req = req;
	op->alloc = alloc;
	op->id = rk_take_id(s);
	op->site = rk_site(s, f);
	if (rk_field(f, "gfp_flags", &v, &len))
		op->gfp = rk_intern(s, v, len < RK_WORD ? len : RK_WORD);
	if (ev == RK_PAGE_ALLOC)
		op->order = (int)order;
	snprintf(l->key, sizeof(l->key), "%s", key);
	l->id = op->id;
	l->op = (uint32_t)s->nr_ops;
	l->used = true;
	l->dead = false;
	s->nr_live++;
	s->nr_ops++;
	return 0;
}

static int rk_free(struct rk_state *s, enum rk_ev ev, unsigned int cpu,
		   uint64_t t, const char *key, const char *f)
{
	struct rk_live *l;
	struct rk_op *op, *a;
	const char *v;
	size_t len;

	if (!s->live_cap || !(l = rk_slot(s, key))->used) {
		s->unmatched_frees++;
		return 0;
	}
	op = rk_new_op(s);
	if (!op)
		return -1;
	op->kind = 'f';
	op->ev = ev;
	op->cpu = cpu;
	op->t_ns = t;
	op->id = l->id;
	op->alloc_op = l->op;
	op->site = rk_site(s, f);
	a = &s->ops[l->op];
	/* kmem_cache_alloc does not name its cache; its free does */
	if (ev == RK_CACHE_FREE && rk_field(f, "name", &v, &len)) {
		op->cache = rk_intern(s, v, len < RK_WORD ? len : RK_WORD);
		a->cache = op->cache;
	}
	if (s->nr_free_ids < RK_MAX_IDS) {
		s->free_ids[s->nr_free_ids++] = l->id;
	}
	l->used = false;
	l->dead = true;
	s->nr_live--;
	s->nr_ops++;
	return 0;
}

/*
 * One line of the recording. Return: 0 (also for lines that are not
 * ours), -1 when memory ran out.
 */
static int rk_line(struct rk_state *s, const char *line)
{
	const char *f, *v;
	unsigned int cpu;
	enum rk_ev ev;
	uint64_t t, pfn;
	char key[40];
	size_t len;

	if (strstr(line, "LOST") && strstr(line, "EVENTS")) {
		unsigned long long n = 0;

		if (sscanf(strstr(line, "LOST") + 4, "%llu", &n) == 1)
			s->lost += n;
		return 0;
	}
	if (!rk_split(line, &ev, &cpu, &t, &f))
		return 0;
	s->events[ev]++;
	/* the trace must load: ops and bytes within its bounds (7.3) */
	if (!s->full && (s->nr_ops >= RK_MAX_OPS || s->bytes >= RK_MAX_BYTES))
		s->full = true;
	if (s->full) {
		s->skipped_over++;
		return 0;
	}
	/* the words of a line, the cache name (32) and the numbers */
	s->bytes += 110 + strcspn(f, "\n") / 4;
	if (!s->have_t0) {
		s->t0_ns = t;
		s->have_t0 = true;
	}
	t = t >= s->t0_ns ? t - s->t0_ns : 0;
	if (ev >= RK_PAGE_ALLOC) {
		if (!rk_field_u64(f, "pfn", &pfn))
			return 0;
		snprintf(key, sizeof(key), "pfn:%llx", (unsigned long long)pfn);
	} else {
		if (!rk_field(f, "ptr", &v, &len) || len >= sizeof(key) - 4)
			return 0;
		snprintf(key, sizeof(key), "p:%.*s", (int)len, v);
	}
	switch (ev) {
	case RK_KMALLOC:
	case RK_CACHE_ALLOC:
	case RK_PAGE_ALLOC:
		return rk_alloc(s, ev, cpu, t, key, f);
	default:
		return rk_free(s, ev, cpu, t, key, f);
	}
}

/* --- tracefs --------------------------------------------------------------- */

static const char *rk_tracefs(void)
{
	static const char *const dirs[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char p[128];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/instances", dirs[i]);
		if (!access(p, W_OK))
			return dirs[i];
	}
	return NULL;
}

static int rk_write(const char *dir, const char *file, const char *val)
{
	char p[512];
	int fd, r = 0;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	fd = open(p, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -1;
	if (write(fd, val, strlen(val)) != (ssize_t)strlen(val))
		r = -1;
	close(fd);
	return r;
}

static volatile sig_atomic_t rk_stop;

static void rk_on_signal(int sig)
{
	rk_stop = sig;
}

/* Read what trace_pipe has now; a partial last line waits in @buf. */
static int rk_drain(struct rk_state *s, int fd, char *buf, size_t *have,
		    size_t size)
{
	ssize_t n;

	for (;;) {
		char *nl, *line;

		n = read(fd, buf + *have, size - 1 - *have);
		if (n <= 0)
			return n < 0 && errno != EAGAIN && errno != EINTR ? -1 : 0;
		if (s->raw)
			fwrite(buf + *have, 1, (size_t)n, s->raw);
		*have += (size_t)n;
		buf[*have] = '\0';
		line = buf;
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			if (rk_line(s, line))
				return -1;
			line = nl + 1;
		}
		*have -= (size_t)(line - buf);
		memmove(buf, line, *have);
		if (*have == size - 1)
			*have = 0;	/* a line longer than the buffer */
	}
}

/* The events the ring buffer of @inst overwrote, over all CPUs. */
static uint64_t rk_overruns(const char *inst)
{
	uint64_t total = 0;
	char p[512], line[256];
	unsigned int cpu;
	FILE *f;

	for (cpu = 0; cpu < 4096; cpu++) {
		snprintf(p, sizeof(p), "%s/per_cpu/cpu%u/stats", inst, cpu);
		f = fopen(p, "r");
		if (!f)
			break;
		while (fgets(line, sizeof(line), f)) {
			unsigned long long v;

			if (sscanf(line, "overrun: %llu", &v) == 1 ||
			    sscanf(line, "dropped events: %llu", &v) == 1)
				total += v;
		}
		fclose(f);
	}
	return total;
}

/*
 * Run @argv under an instance of tracefs with our events on; fill @s.
 * Return: the exit code of the command (0 ok, 1 failure, 4 precondition).
 */
static int rk_record(struct rk_state *s, char **argv, unsigned int buf_kb,
		     bool pages)
{
	const char *tfs = rk_tracefs();
	char inst[256], pipe[300], val[32], *buf = NULL;
	struct sigaction sa = { .sa_handler = rk_on_signal }, old_int, old_term;
	size_t have = 0, size = 1 << 20;
	int fd = -1, status = 0, rc = 1;
	unsigned int e;
	pid_t pid;

	if (!tfs) {
		cli_error(RK_WHAT, "no writable tracefs (/sys/kernel/tracing/instances): mount it with 'mount -t tracefs nodev /sys/kernel/tracing'");
		return 4;
	}
	snprintf(inst, sizeof(inst), "%s/instances/kmemlab-record-%d", tfs,
		 (int)getpid());
	if (mkdir(inst, 0700)) {
		cli_error(RK_WHAT, "%s: %s", inst, strerror(errno));
		return 4;
	}
	snprintf(val, sizeof(val), "%u", buf_kb);
	rk_write(inst, "buffer_size_kb", val);
	rk_write(inst, "tracing_on", "0");
	/*
	 * Pointers stay hashed (the hash is stable, so allocations and frees
	 * still pair): with hash-ptr off, 6.1 prints every gfp_flags= empty.
	 */
	for (e = 0; e < RK_NR_EV; e++) {
		char ev[96];

		if (!pages && e >= RK_PAGE_ALLOC)
			continue;
		snprintf(ev, sizeof(ev), "events/kmem/%s/enable", rk_ev_names[e]);
		if (rk_write(inst, ev, "1") && e != RK_PAGE_FREE_BATCHED) {
			cli_error(RK_WHAT, "cannot enable kmem:%s in %s: %s",
				  rk_ev_names[e], inst, strerror(errno));
			rc = 4;
			goto out_rmdir;
		}
	}
	snprintf(pipe, sizeof(pipe), "%s/trace_pipe", inst);
	fd = open(pipe, O_RDONLY | O_NONBLOCK);
	buf = malloc(size);
	if (fd < 0 || !buf) {
		cli_error(RK_WHAT, "%s/trace_pipe: %s", inst, strerror(errno));
		goto out_rmdir;
	}
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	rk_write(inst, "tracing_on", "1");
	pid = fork();
	if (pid < 0) {
		cli_error(RK_WHAT, "fork: %s", strerror(errno));
		goto out_off;
	}
	if (!pid) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		execvp(argv[0], argv);
		fprintf(stderr, "kmemlab: %s: %s: %s\n", RK_WHAT, argv[0],
			strerror(errno));
		_exit(127);
	}
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (rk_stop)
			kill(pid, rk_stop);
		poll(&p, 1, 100);
		if (rk_drain(s, fd, buf, &have, size)) {
			cli_error(RK_WHAT, "reading the events: %s",
				  errno ? strerror(errno) : "out of memory");
			kill(pid, SIGTERM);
			waitpid(pid, &status, 0);
			goto out_off;
		}
	}
	rk_write(inst, "tracing_on", "0");
	if (rk_drain(s, fd, buf, &have, size)) {
		cli_error(RK_WHAT, "reading the events: out of memory");
		goto out_off;
	}
	s->lost += rk_overruns(inst);
	if (WIFSIGNALED(status)) {
		cli_error(RK_WHAT, "%s: killed by signal %d", argv[0],
			  WTERMSIG(status));
		goto out_off;
	}
	if (WEXITSTATUS(status)) {
		cli_error(RK_WHAT, "%s exited with status %d: nothing written",
			  argv[0], WEXITSTATUS(status));
		goto out_off;
	}
	rc = 0;
out_off:
	rk_write(inst, "tracing_on", "0");
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
out_rmdir:
	if (fd >= 0)
		close(fd);
	free(buf);
	for (e = 0; e < RK_NR_EV; e++) {
		char ev[96];

		snprintf(ev, sizeof(ev), "events/kmem/%s/enable", rk_ev_names[e]);
		rk_write(inst, ev, "0");
	}
	if (rmdir(inst))
		cli_error(RK_WHAT, "%s: %s (remove it with rmdir)", inst,
			  strerror(errno));
	return rc;
}

/* --- output ----------------------------------------------------------------- */

/* The cache or size class of an allocation, for cache=. */
static void rk_class(const struct rk_state *s, const struct rk_op *op,
		     char *out, size_t len)
{
	if (op->cache >= 0)
		snprintf(out, len, "%s", s->strs[op->cache]);
	else if (op->ev == RK_PAGE_ALLOC)
		snprintf(out, len, "order-%d", op->order);
	else if (op->ev == RK_KMALLOC && op->alloc <= 8192)
		snprintf(out, len, "kmalloc-%llu", (unsigned long long)op->alloc);
	else if (op->ev == RK_KMALLOC)
		snprintf(out, len, "kmalloc-large");
	else
		snprintf(out, len, "cache-%llu", (unsigned long long)op->alloc);
}

/* One op as a line of the native trace (with its newline). */
static int rk_fmt_op(const struct rk_state *s, const struct rk_op *op,
		     char *buf, size_t size)
{
	char cls[RK_WORD + 16];
	int n;

	if (op->kind == 'a') {
		rk_class(s, op, cls, sizeof(cls));
		n = snprintf(buf, size, "a %u %llu t=%u ns=%llu ev=%s cache=%s alloc=%llu",
			     op->id, (unsigned long long)op->req, op->cpu,
			     (unsigned long long)op->t_ns, rk_ev_tag[op->ev],
			     cls, (unsigned long long)op->alloc);
		if (op->gfp >= 0)
			n += snprintf(buf + n, size - n, " gfp=%s",
				      s->strs[op->gfp]);
	} else {
		n = snprintf(buf, size, "f %u t=%u ns=%llu ev=%s", op->id,
			     op->cpu, (unsigned long long)op->t_ns,
			     rk_ev_tag[op->ev]);
	}
	if (op->site >= 0)
		n += snprintf(buf + n, size - n, " site=%s", s->strs[op->site]);
	n += snprintf(buf + n, size - n, "\n");
	return n;
}

static int rk_write_trace(struct rk_state *s, const char *path, char **argv)
{
	char tmp[4096], line[RK_LINE_MAX];
	size_t i, cut;
	uint64_t bytes = 0;
	FILE *f;
	int fd;

	/* what fits the trace's bound of bytes; the rest is counted out */
	for (cut = 0; cut < s->nr_ops; cut++) {
		bytes += rk_fmt_op(s, &s->ops[cut], line, sizeof(line));
		if (bytes > RK_MAX_BYTES)
			break;
	}
	s->skipped_over += s->nr_ops - cut;
	s->nr_ops = cut;

	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		cli_error(RK_WHAT, "%s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return 1;
	}
	fchmod(fd, 0644);
	fprintf(f, "# kmemlab record --kernel:");
	for (i = 0; argv[i]; i++)
		fprintf(f, " %s", argv[i]);
	fprintf(f, "\n# events:");
	for (i = 0; i < RK_NR_EV; i++)
		fprintf(f, " %s=%llu", rk_ev_names[i],
			(unsigned long long)s->events[i]);
	fprintf(f, "\n# ops=%zu unmatched_frees=%llu zero_size=%llu over_bounds=%llu missed_frees=%llu lost=%llu\n",
		s->nr_ops, (unsigned long long)s->unmatched_frees,
		(unsigned long long)s->skipped_zero,
		(unsigned long long)s->skipped_over,
		(unsigned long long)s->reused_live,
		(unsigned long long)s->lost);
	fprintf(f, "kmemlab-trace 2\n");
	for (i = 0; i < s->nr_ops; i++) {
		rk_fmt_op(s, &s->ops[i], line, sizeof(line));
		fputs(line, f);
	}
	if (fflush(f) || ferror(f) || fsync(fd)) {
		cli_error(RK_WHAT, "%s: %s", path, strerror(errno));
		fclose(f);
		unlink(tmp);
		return 1;
	}
	fclose(f);
	if (rename(tmp, path)) {
		cli_error(RK_WHAT, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return 1;
	}
	return 0;
}

/* --- summary per call site ------------------------------------------------- */

struct rk_sum {
	int site;
	uint64_t allocs, req, alloc, frees, xcpu;
};

static int rk_sum_cmp(const void *a, const void *b)
{
	const struct rk_sum *x = a, *y = b;

	if (x->alloc != y->alloc)
		return x->alloc < y->alloc ? 1 : -1;
	return x->site - y->site;
}

static int rk_summary(const struct rk_state *s, unsigned int lines, FILE *out)
{
	struct rk_sum *sum = calloc(s->nr_strs + 1, sizeof(*sum));
	uint64_t ta = 0, tr = 0, tb = 0, tf = 0, tx = 0;
	size_t i, n = s->nr_strs + 1;

	if (!sum) {
		cli_error(RK_WHAT, "summary: out of memory");
		return 1;
	}
	for (i = 0; i < n; i++)
		sum[i].site = (int)i - 1;
	for (i = 0; i < s->nr_ops; i++) {
		const struct rk_op *op = &s->ops[i];
		const struct rk_op *a;
		struct rk_sum *e;

		if (op->kind == 'a') {
			e = &sum[op->site + 1];
			e->allocs++;
			e->req += op->req;
			e->alloc += op->alloc;
			continue;
		}
		if (op->alloc_op == UINT32_MAX)
			continue;
		a = &s->ops[op->alloc_op];
		e = &sum[a->site + 1];	/* frees count at the allocating site */
		e->frees++;
		if (a->cpu != op->cpu)
			e->xcpu++;
	}
	qsort(sum, n, sizeof(*sum), rk_sum_cmp);
	fprintf(out, "%-40s %10s %14s %14s %8s %10s %10s\n", "CALL_SITE",
		"ALLOCS", "REQ_BYTES", "ALLOC_BYTES", "WASTE_%", "FREES",
		"XCPU_FREES");
	for (i = 0; i < n; i++) {
		const struct rk_sum *e = &sum[i];

		if (!e->allocs)
			continue;
		ta += e->allocs;
		tr += e->req;
		tb += e->alloc;
		tf += e->frees;
		tx += e->xcpu;
		if (lines && i >= lines)
			continue;
		fprintf(out, "%-40.40s %10llu %14llu %14llu %8.1f %10llu %10llu\n",
			e->site >= 0 ? s->strs[e->site] : "(no call site)",
			(unsigned long long)e->allocs,
			(unsigned long long)e->req,
			(unsigned long long)e->alloc,
			e->alloc ? 100.0 * (double)(e->alloc - e->req) /
				   (double)e->alloc : 0.0,
			(unsigned long long)e->frees,
			(unsigned long long)e->xcpu);
	}
	fprintf(out, "%-40s %10llu %14llu %14llu %8.1f %10llu %10llu\n",
		"TOTAL", (unsigned long long)ta, (unsigned long long)tr,
		(unsigned long long)tb,
		tb ? 100.0 * (double)(tb - tr) / (double)tb : 0.0,
		(unsigned long long)tf, (unsigned long long)tx);
	free(sum);
	return 0;
}

/* --- reading a recording back (for --summary --input) --------------------- */

static int rk_load(struct rk_state *s, const char *path)
{
	char line[1024];
	uint32_t *last;		/* per id: index of its live a, or UINT32_MAX */
	size_t nr = 0;
	FILE *f = fopen(path, "r");
	bool header = false;

	if (!f) {
		cli_error(RK_WHAT, "%s: %s", path, strerror(errno));
		return 2;
	}
	last = malloc(RK_MAX_IDS * sizeof(*last));
	if (!last) {
		fclose(f);
		cli_error(RK_WHAT, "out of memory");
		return 1;
	}
	memset(last, 0xff, RK_MAX_IDS * sizeof(*last));
	while (fgets(line, sizeof(line), f)) {
		const char *v;
		struct rk_op *op;
		unsigned long long id, size = 0;
		uint64_t x;
		size_t len;
		char kind;
		int n = 0;

		nr++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!header) {
			if (strcmp(line, "kmemlab-trace 2")) {
				cli_error(RK_WHAT, "%s:%zu: not a kernel recording (expected 'kmemlab-trace 2')",
					  path, nr);
				goto bad;
			}
			header = true;
			continue;
		}
		kind = line[0];
		if ((kind == 'a' && sscanf(line, "a %llu %llu %n", &id, &size, &n) < 2) ||
		    (kind == 'f' && sscanf(line, "f %llu %n", &id, &n) < 1) ||
		    (kind != 'a' && kind != 'f') || id >= RK_MAX_IDS) {
			cli_error(RK_WHAT, "%s:%zu: not an op of a kernel recording ('a ID SIZE ...' or 'f ID ...')",
				  path, nr);
			goto bad;
		}
		op = rk_new_op(s);
		if (!op)
			goto oom;
		op->kind = kind;
		op->id = (uint32_t)id;
		op->req = size;
		op->alloc = size;
		if (rk_field_u64(line, "alloc", &x))
			op->alloc = x;
		if (rk_field_u64(line, "t", &x))
			op->cpu = (unsigned short)x;
		if (rk_field(line, "site", &v, &len))
			op->site = rk_intern(s, v, len < RK_WORD ? len : RK_WORD);
		if (kind == 'a') {
			last[id] = (uint32_t)s->nr_ops;
		} else {
			op->alloc_op = last[id];
			last[id] = UINT32_MAX;
		}
		s->nr_ops++;
	}
	if (!header) {
		cli_error(RK_WHAT, "%s: empty: no 'kmemlab-trace 2' header", path);
		goto bad;
	}
	free(last);
	fclose(f);
	return 0;
oom:
	cli_error(RK_WHAT, "out of memory");
bad:
	free(last);
	fclose(f);
	return 1;
}

/*
 * A text recording made before: tracefs's trace or trace_pipe, or the
 * output of 'trace-cmd report' (the same line layout). Return: an exit
 * code; 0 when it held at least one of our events.
 */
static int rk_convert(struct rk_state *s, const char *path)
{
	size_t i, have = 0, size = 1 << 20;
	char *buf = malloc(size);
	uint64_t total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		cli_error(RK_WHAT, "%s: %s", path, strerror(errno));
		free(buf);
		if (fd >= 0)
			close(fd);
		return 2;
	}
	/* the same reader as a live recording's, to the end of the file */
	if (rk_drain(s, fd, buf, &have, size) ||
	    (have && (buf[have] = '\0', rk_line(s, buf)))) {
		cli_error(RK_WHAT, "%s: %s", path,
			  errno ? strerror(errno) : "out of memory");
		free(buf);
		close(fd);
		return 1;
	}
	free(buf);
	close(fd);
	for (i = 0; i < RK_NR_EV; i++)
		total += s->events[i];
	if (!total) {
		cli_error(RK_WHAT, "%s: no kmem:kmalloc, kmem:kfree, kmem:kmem_cache_alloc, kmem:kmem_cache_free, kmem:mm_page_alloc or kmem:mm_page_free event in it (record with -e kmem)",
			  path);
		return 1;
	}
	return 0;
}

/* --- entry ---------------------------------------------------------------- */

static void rk_usage(FILE *f)
{
	fprintf(f,
		"usage: kmemlab record --kernel -o FILE [--summary] [--lines N] [--no-pages]\n"
		"                      [--buffer-kb N] [--raw TEXT] -- CMD [ARGS...]\n"
		"       kmemlab record --kernel --summary --input FILE [--lines N]\n"
		"       kmemlab record --kernel --convert TEXT -o FILE [--summary]\n"
		"\n"
		"Records the kernel's kmalloc, kfree, kmem_cache_alloc, kmem_cache_free,\n"
		"mm_page_alloc and mm_page_free(_batched) events of the whole system while\n"
		"CMD runs (a tracefs instance of its own; root), and writes them as a\n"
		"native trace (version 2) whose ops carry t= (the CPU: a replay by\n"
		"thread puts each CPU's ops on a worker of their own), ns=, ev=,\n"
		"cache=, alloc=, gfp= and site=. --summary prints allocations per call\n"
		"site as\n"
		"'perf kmem stat --caller' does.\n"
		"\n"
		"  -o, --output FILE    the trace (written whole or not at all)\n"
		"      --summary        print the per-call-site table on stdout\n"
		"      --input FILE     summarize a recording made before (no root)\n"
		"      --convert TEXT   convert a text recording (tracefs trace, or\n"
		"                       'trace-cmd report' output) instead (no root)\n"
		"      --lines N        rows of the summary (default 20, 0: all)\n"
		"      --no-pages       leave mm_page_alloc/mm_page_free out\n"
		"      --buffer-kb N    ring buffer per CPU (default 16384)\n"
		"      --raw TEXT       also keep the events' text as read (--convert\n"
		"                       reads it back)\n"
		"  -h, --help           this help\n");
}

static int rk_parse_uint(const char *opt, const char *arg, unsigned int *v,
			 unsigned int min, unsigned int max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || n < min || n > max) {
		cli_error(RK_WHAT, "%s '%s': not a number in %u..%u", opt, arg,
			  min, max);
		return -1;
	}
	*v = (unsigned int)n;
	return 0;
}

/**
 * record_kernel_main() - 'kmemlab record --kernel'
 * @argc: argument count (argv[0] is the command's name, ignored)
 * @argv: the arguments; --kernel may be among them
 *
 * Return: the exit code: 0, 1 failure (CMD failed, nothing written), 2
 * usage, 4 precondition (not root, no tracefs).
 */
int record_kernel_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kernel", no_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "summary", no_argument, NULL, 's' },
		{ "input", required_argument, NULL, 'i' },
		{ "convert", required_argument, NULL, 'c' },
		{ "lines", required_argument, NULL, 'l' },
		{ "no-pages", no_argument, NULL, 'P' },
		{ "buffer-kb", required_argument, NULL, 'b' },
		{ "raw", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *in = NULL, *text = NULL, *raw = NULL;
	unsigned int lines = 20, buf_kb = 16384;
	bool summary = false, pages = true;
	struct rk_state s = { 0 };
	size_t i;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'k':
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			summary = true;
			break;
		case 'i':
			in = optarg;
			break;
		case 'c':
			text = optarg;
			break;
		case 'r':
			raw = optarg;
			break;
		case 'l':
			if (rk_parse_uint("--lines", optarg, &lines, 0, 1u << 30))
				return 2;
			break;
		case 'P':
			pages = false;
			break;
		case 'b':
			if (rk_parse_uint("--buffer-kb", optarg, &buf_kb, 64,
					  1u << 20))
				return 2;
			break;
		case 'h':
			rk_usage(stdout);
			return 0;
		default:
			cli_error(RK_WHAT, "%s: unknown option or missing argument (see 'kmemlab record --kernel --help')",
				  argv[optind - 1]);
			return 2;
		}
	}
	if (in) {
		if (out || text || optind < argc || !summary) {
			cli_error(RK_WHAT, "--input FILE takes --summary [--lines N] and nothing else");
			return 2;
		}
		rc = rk_load(&s, in);
		if (!rc)
			rc = rk_summary(&s, lines, stdout);
		goto out;
	}
	if (!out || (optind >= argc) == !text) {
		cli_error(RK_WHAT, "needs -o FILE and either -- CMD or --convert TEXT (see 'kmemlab record --kernel --help')");
		return 2;
	}
	if (!text && geteuid()) {
		cli_error(RK_WHAT, "needs root (the events are read from tracefs)");
		return 4;
	}
	s.free_ids = malloc(RK_MAX_IDS * sizeof(*s.free_ids));
	if (!s.free_ids) {
		cli_error(RK_WHAT, "out of memory");
		return 1;
	}
	if (text) {
		static char *conv[3] = { "--convert", NULL, NULL };

		conv[1] = (char *)text;
		rc = rk_convert(&s, text);
		argv = conv;
		optind = 0;
	} else {
		if (raw && !(s.raw = fopen(raw, "w"))) {
			cli_error(RK_WHAT, "%s: %s", raw, strerror(errno));
			free(s.free_ids);
			return 1;
		}
		rc = rk_record(&s, argv + optind, buf_kb, pages);
		if (s.raw && fclose(s.raw) && !rc) {
			cli_error(RK_WHAT, "%s: %s", raw, strerror(errno));
			rc = 1;
		}
	}
	if (!rc && !s.nr_ops) {
		cli_error(RK_WHAT, "no allocation event was recorded: nothing written");
		rc = 1;
	}
	if (!rc)
		rc = rk_write_trace(&s, out, argv + optind);
	if (!rc) {
		fprintf(stderr, "kmemlab: %s: %zu ops (", out, s.nr_ops);
		for (i = 0; i < RK_NR_EV; i++)
			fprintf(stderr, "%s%s=%llu", i ? " " : "",
				rk_ev_names[i],
				(unsigned long long)s.events[i]);
		fprintf(stderr, "; frees of older objects %llu, zero-size %llu, over the bounds %llu, lost %llu)\n",
			(unsigned long long)s.unmatched_frees,
			(unsigned long long)s.skipped_zero,
			(unsigned long long)s.skipped_over,
			(unsigned long long)s.lost);
		if (s.skipped_over)
			fprintf(stderr, "kmemlab: %s: warning: %llu events are left out: the trace's bounds (%u ops, 16 MiB of text, sizes up to 1 GiB) were reached; record a shorter command\n",
				out, (unsigned long long)s.skipped_over,
				RK_MAX_OPS);
		if (s.lost)
			fprintf(stderr, "kmemlab: %s: warning: the ring buffer lost %llu events: raise --buffer-kb\n",
				out, (unsigned long long)s.lost);
	}
	if (!rc && summary)
		rc = rk_summary(&s, lines, stdout);
out:
	for (i = 0; i < s.nr_strs; i++)
		free(s.strs[i]);
	free(s.strs);
	free(s.ops);
	free(s.live);
	free(s.free_ids);
	return rc;
}
