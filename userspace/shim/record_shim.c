// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab-record.so: the LD_PRELOAD library of 'kmemlab record'. It
 * interposes malloc, free, calloc, realloc, reallocarray, memalign,
 * posix_memalign, aligned_alloc, valloc and pvalloc, calls the next
 * definition (glibc's) and appends one record per call (record_fmt.h) to
 * a per-thread buffer; full buffers go to one file per process image in
 * $KMEMLAB_RECORD_DIR. Without that variable it only passes calls on.
 *
 * - Bootstrap: dlsym() may call calloc() before the real functions are
 *   known; those requests come from a small static bump buffer, never
 *   recorded; free() ignores them, realloc() copies them out,
 *   malloc_usable_size() reports their size.
 * - Threads: a buffer per thread (mmap'ed, never malloc'ed), flushed when
 *   full, at thread exit and at process exit; each record has the tid.
 * - fork: the child gets its own file (its pid); records the parent had
 *   not flushed stay the parent's. Frees in the child of blocks inherited
 *   from the parent are frees of unknown pointers for the merge.
 * - exec: LD_PRELOAD and the variables pass on, so every process of the
 *   command's tree is recorded; the buffers are flushed before exec, the
 *   new image writes a new file (same pid, next generation).
 * - Bounds: at most $KMEMLAB_RECORD_MAX events are written per process;
 *   later ones are only counted (the merge says the trace is truncated).
 * - Events after the exit flush (other destructors) are not recorded.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "record_fmt.h"

#define EXPORT		__attribute__((visibility("default")))
#define TLS		__thread __attribute__((tls_model("initial-exec")))
#define TB_RECS		1024		/* records per thread buffer */
#define MAX_TB		4096		/* registered thread buffers */
#define BUMP_SIZE	(64 * 1024)

struct tbuf {
	int lock;			/* the owner appends, others flush */
	uint32_t n;
	uint32_t tid;
	struct kmr_rec rec[TB_RECS];
};

static void *(*real_malloc)(size_t);
static void (*real_free)(void *);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void *(*real_memalign)(size_t, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static size_t (*real_usable)(void *);
static int (*real_execve)(const char *, char *const[], char *const[]);
static int (*real_execvpe)(const char *, char *const[], char *const[]);
static void (*real__exit)(int) __attribute__((noreturn));

static _Alignas(16) char bump[BUMP_SIZE];
static size_t bump_pos;
static int initializing;

static bool active;			/* recording into dir */
static bool closed;			/* the exit flush is done */
static char dir[4096];
static int fd = -1;
static uint64_t max_recs = ~0ULL;
static uint64_t nr_recs;		/* events handed out (atomic) */
static uint64_t nr_over;		/* events above the bound (atomic) */
static uint64_t nr_written;		/* records in the file (under mu) */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct tbuf *all[MAX_TB];	/* under mu */
static struct tbuf overflow;		/* threads beyond MAX_TB, under mu */
static pthread_key_t key;
static bool key_ok;

static TLS struct tbuf *my_tb;
static TLS int in_shim;
static TLS uint32_t my_tid;

/* --- the bump buffer ---------------------------------------------------- */

static bool in_bump(const void *p)
{
	return (const char *)p >= bump && (const char *)p < bump + BUMP_SIZE;
}

static void *bump_alloc(size_t size)
{
	size_t need = ((size + 15) & ~(size_t)15) + 16;
	size_t pos = __atomic_fetch_add(&bump_pos, need, __ATOMIC_RELAXED);

	if (pos + need > BUMP_SIZE)
		return NULL;
	*(size_t *)(bump + pos) = size;
	return bump + pos + 16;
}

static size_t bump_size(const void *p)
{
	return *(const size_t *)((const char *)p - 16);
}

/* --- files ---------------------------------------------------------------- */

static void put_dec(char **p, unsigned long v)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*(*p)++ = t[--n];
}

static void write_all(const void *buf, size_t len)
{
	const char *b = buf;

	while (len && fd >= 0) {
		ssize_t w = write(fd, b, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			/* the disk is full or gone: stop, the merge will say */
			close(fd);
			fd = -1;
			return;
		}
		b += w;
		len -= (size_t)w;
	}
}

/* A new file DIR/PID-GEN.kmr for this process image; mu held or single. */
static void open_file(void)
{
	struct kmr_header h = { .rec_size = sizeof(struct kmr_rec) };
	char path[sizeof(dir) + 64], *p;
	uint32_t gen;
	int saved = errno;

	for (gen = 0; gen < 1000; gen++) {
		p = path;
		memcpy(p, dir, strlen(dir));
		p += strlen(dir);
		*p++ = '/';
		put_dec(&p, (unsigned long)getpid());
		*p++ = '-';
		put_dec(&p, gen);
		memcpy(p, KMR_SUFFIX, sizeof(KMR_SUFFIX));
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		active = false;
		errno = saved;
		return;
	}
	memcpy(h.magic, KMR_MAGIC, sizeof(h.magic));
	h.pid = (uint32_t)getpid();
	h.ppid = (uint32_t)getppid();
	h.gen = gen;
	h.max_recs = max_recs;
	write_all(&h, sizeof(h));
	errno = saved;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void tb_lock(struct tbuf *tb)
{
	while (__atomic_exchange_n(&tb->lock, 1, __ATOMIC_ACQUIRE))
		;
}

static void tb_unlock(struct tbuf *tb)
{
	__atomic_store_n(&tb->lock, 0, __ATOMIC_RELEASE);
}

/* Write out @tb's records; mu held, @tb locked. */
static void tb_flush_locked(struct tbuf *tb)
{
	if (tb->n) {
		write_all(tb->rec, tb->n * sizeof(tb->rec[0]));
		nr_written += tb->n;
		tb->n = 0;
	}
}

/* Every buffer, then a mark of @how (1: the process ends, 2: exec). */
static void flush_all(uint64_t how)
{
	struct kmr_rec m = { .kind = KMR_MARK };
	int saved = errno, i;

	if (!active)
		return;
	pthread_mutex_lock(&mu);
	for (i = 0; i < MAX_TB; i++) {
		if (!all[i])
			continue;
		tb_lock(all[i]);
		tb_flush_locked(all[i]);
		tb_unlock(all[i]);
	}
	tb_flush_locked(&overflow);
	m.ns = now_ns();
	m.ptr = how;
	m.size = nr_written;
	m.old = __atomic_load_n(&nr_over, __ATOMIC_RELAXED);
	m.tid = (uint32_t)syscall(SYS_gettid);
	write_all(&m, sizeof(m));
	pthread_mutex_unlock(&mu);
	errno = saved;
}

static void tb_register(struct tbuf *tb)
{
	int i;

	pthread_mutex_lock(&mu);
	for (i = 0; i < MAX_TB; i++)
		if (!all[i]) {
			all[i] = tb;
			break;
		}
	pthread_mutex_unlock(&mu);
	if (i == MAX_TB) {
		munmap(tb, sizeof(*tb));
		my_tb = &overflow;
	}
}

/* Thread exit: its records go out, its buffer goes away. */
static void tb_destroy(void *arg)
{
	struct tbuf *tb = arg;
	int i;

	if (!tb || tb == &overflow)
		return;
	in_shim++;
	pthread_mutex_lock(&mu);
	tb_lock(tb);
	tb_flush_locked(tb);
	for (i = 0; i < MAX_TB; i++)
		if (all[i] == tb)
			all[i] = NULL;
	pthread_mutex_unlock(&mu);
	if (my_tb == tb)
		my_tb = NULL;
	munmap(tb, sizeof(*tb));
	in_shim--;
}

static struct tbuf *tb_get(void)
{
	struct tbuf *tb = my_tb;

	if (tb)
		return tb;
	tb = mmap(NULL, sizeof(*tb), PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (tb == MAP_FAILED)
		return NULL;
	if (!my_tid)
		my_tid = (uint32_t)syscall(SYS_gettid);
	tb->tid = my_tid;
	my_tb = tb;
	tb_register(tb);
	if (my_tb == tb && key_ok)
		pthread_setspecific(key, tb);
	return my_tb;
}

static void record(uint8_t kind, uint8_t fn, void *ptr, void *old,
		   size_t size, size_t align)
{
	struct kmr_rec *r;
	struct tbuf *tb;
	int saved;

	if (!active || closed || in_shim)
		return;
	in_shim++;
	saved = errno;
	if (__atomic_fetch_add(&nr_recs, 1, __ATOMIC_RELAXED) >= max_recs) {
		__atomic_fetch_add(&nr_over, 1, __ATOMIC_RELAXED);
		goto out;
	}
	tb = tb_get();
	if (!tb)
		goto out;
	if (tb == &overflow)
		pthread_mutex_lock(&mu);
	tb_lock(tb);
	r = &tb->rec[tb->n];
	r->ns = now_ns();
	r->ptr = (uintptr_t)ptr;
	r->old = (uintptr_t)old;
	r->size = size;
	r->tid = tb == &overflow ? (uint32_t)syscall(SYS_gettid) : tb->tid;
	r->kind = kind;
	r->fn = fn;
	r->align_log2 = 0;
	while (align > 1 && (1ULL << r->align_log2) < align)
		r->align_log2++;
	r->pad = 0;
	if (++tb->n == TB_RECS) {
		if (tb != &overflow)
			pthread_mutex_lock(&mu);
		tb_flush_locked(tb);
		if (tb != &overflow)
			pthread_mutex_unlock(&mu);
	}
	tb_unlock(tb);
	if (tb == &overflow)
		pthread_mutex_unlock(&mu);
out:
	errno = saved;
	in_shim--;
}

/* --- fork, exit, exec ------------------------------------------------------ */

static void atfork_prepare(void)
{
	pthread_mutex_lock(&mu);
}

static void atfork_parent(void)
{
	pthread_mutex_unlock(&mu);
}

/* The child: one thread, a new file; the parent's buffers are not ours. */
static void atfork_child(void)
{
	int i;

	pthread_mutex_init(&mu, NULL);
	my_tid = (uint32_t)syscall(SYS_gettid);
	for (i = 0; i < MAX_TB; i++) {
		if (all[i] && all[i] != my_tb)
			munmap(all[i], sizeof(*all[i]));
		all[i] = NULL;
	}
	overflow.n = 0;
	overflow.lock = 0;
	if (my_tb && my_tb != &overflow) {
		my_tb->n = 0;
		my_tb->lock = 0;
		my_tb->tid = my_tid;
		all[0] = my_tb;
	} else {
		my_tb = NULL;
	}
	nr_recs = 0;
	nr_over = 0;
	nr_written = 0;
	if (!active)
		return;
	if (fd >= 0)
		close(fd);
	fd = -1;
	open_file();
}

__attribute__((destructor)) static void shim_fini(void)
{
	if (!active || closed)
		return;
	in_shim++;
	flush_all(1);
	closed = true;
	in_shim--;
}

static uint64_t env_u64(const char *name, uint64_t def)
{
	const char *s = getenv(name);
	uint64_t v = 0;

	if (!s || !*s)
		return def;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	return *s ? def : v;
}

static void *next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

static void shim_init(void)
{
	const char *d;

	if (real_malloc || initializing)
		return;
	initializing = 1;
	real_calloc = next("calloc");
	real_free = next("free");
	real_realloc = next("realloc");
	real_memalign = next("memalign");
	real_posix_memalign = next("posix_memalign");
	real_aligned_alloc = next("aligned_alloc");
	real_usable = next("malloc_usable_size");
	real_execve = next("execve");
	real_execvpe = next("execvpe");
	real__exit = next("_exit");
	real_malloc = next("malloc");
	initializing = 0;
	d = getenv("KMEMLAB_RECORD_DIR");
	if (!d || !*d || strlen(d) >= sizeof(dir))
		return;
	memcpy(dir, d, strlen(d) + 1);
	max_recs = env_u64("KMEMLAB_RECORD_MAX", ~0ULL);
	active = true;
	open_file();
	if (!active)
		return;
	key_ok = pthread_key_create(&key, tb_destroy) == 0;
	pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
}

__attribute__((constructor)) static void shim_ctor(void)
{
	shim_init();
}

/* --- the interposed functions ---------------------------------------------- */

EXPORT void *malloc(size_t size)
{
	void *p;

	if (!real_malloc) {
		shim_init();
		if (!real_malloc)
			return bump_alloc(size);
	}
	p = real_malloc(size);
	if (p)
		record(KMR_ALLOC, KMR_FN_MALLOC, p, NULL, size, 0);
	return p;
}

EXPORT void *calloc(size_t n, size_t size)
{
	void *p;

	if (!real_calloc) {
		shim_init();
		if (!real_calloc || initializing) {
			if (size && n > SIZE_MAX / size)
				return NULL;
			return bump_alloc(n * size);	/* static: zeroed */
		}
	}
	p = real_calloc(n, size);
	if (p)
		record(KMR_ALLOC, KMR_FN_CALLOC, p, NULL, n * size, 0);
	return p;
}

EXPORT void free(void *p)
{
	if (in_bump(p))
		return;
	if (!real_free)
		shim_init();
	record(KMR_FREE, KMR_FN_FREE, p, NULL, 0, 0);
	if (real_free)
		real_free(p);
}

static void *do_realloc(void *old, size_t size, uint8_t fn)
{
	void *p;

	if (in_bump(old)) {
		size_t have = bump_size(old);

		p = malloc(size);
		if (p)
			memcpy(p, old, have < size ? have : size);
		return p;
	}
	if (!real_realloc) {
		shim_init();
		if (!real_realloc)
			return old ? NULL : bump_alloc(size);
	}
	p = real_realloc(old, size);
	/* glibc's realloc(p, 0) frees p and returns NULL */
	if (p || (old && !size))
		record(KMR_REALLOC, fn, p, old, size, 0);
	return p;
}

EXPORT void *realloc(void *old, size_t size)
{
	return do_realloc(old, size, KMR_FN_REALLOC);
}

EXPORT void *reallocarray(void *old, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return do_realloc(old, n * size, KMR_FN_REALLOCARRAY);
}

static void *aligned(size_t align, size_t size, uint8_t fn)
{
	void *p;

	if (!real_memalign) {
		shim_init();
		if (!real_memalign)
			return NULL;
	}
	p = real_memalign(align, size);
	if (p)
		record(KMR_ALLOC, fn, p, NULL, size, align);
	return p;
}

EXPORT void *memalign(size_t align, size_t size)
{
	return aligned(align, size, KMR_FN_MEMALIGN);
}

EXPORT void *valloc(size_t size)
{
	return aligned((size_t)sysconf(_SC_PAGESIZE), size, KMR_FN_VALLOC);
}

EXPORT void *pvalloc(size_t size)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	if (size > SIZE_MAX - pg) {
		errno = ENOMEM;
		return NULL;
	}
	return aligned(pg, (size + pg - 1) & ~(pg - 1), KMR_FN_PVALLOC);
}

EXPORT void *aligned_alloc(size_t align, size_t size)
{
	void *p;

	if (!real_aligned_alloc) {
		shim_init();
		if (!real_aligned_alloc)
			return NULL;
	}
	p = real_aligned_alloc(align, size);
	if (p)
		record(KMR_ALLOC, KMR_FN_ALIGNED_ALLOC, p, NULL, size, align);
	return p;
}

EXPORT int posix_memalign(void **out, size_t align, size_t size)
{
	int ret;

	if (!real_posix_memalign) {
		shim_init();
		if (!real_posix_memalign)
			return ENOMEM;
	}
	ret = real_posix_memalign(out, align, size);
	if (!ret)
		record(KMR_ALLOC, KMR_FN_POSIX_MEMALIGN, *out, NULL, size,
		       align);
	return ret;
}

EXPORT size_t malloc_usable_size(void *p)
{
	if (in_bump(p))
		return bump_size(p);
	if (!real_usable) {
		shim_init();
		if (!real_usable)
			return 0;
	}
	return real_usable(p);
}

/* Before the image goes: everything so far is in the file. */
static void before_exec(void)
{
	if (active && !closed) {
		in_shim++;
		flush_all(2);
		in_shim--;
	}
}

EXPORT int execve(const char *path, char *const argv[], char *const envp[])
{
	if (!real_execve)
		shim_init();
	before_exec();
	return real_execve(path, argv, envp);
}

EXPORT int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

EXPORT int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!real_execvpe)
		shim_init();
	before_exec();
	return real_execvpe(file, argv, envp);
}

EXPORT int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* execl, execle, execlp: the list as an array on the stack. */
#define ARGS_FROM_LIST(first, ap, argv, envp, with_env) do {		\
	size_t n_ = 1;							\
	va_list c_;							\
	va_copy(c_, ap);						\
	while (va_arg(c_, char *))					\
		n_++;							\
	va_end(c_);							\
	argv = __builtin_alloca((n_ + 1) * sizeof(char *));		\
	argv[0] = (char *)(first);					\
	for (size_t i_ = 1; i_ <= n_; i_++)				\
		argv[i_] = i_ < n_ ? va_arg(ap, char *) : NULL;		\
	if (with_env) {							\
		(void)va_arg(ap, char *);				\
		envp = va_arg(ap, char **);				\
	}								\
} while (0)

EXPORT int execl(const char *path, const char *arg, ...)
{
	char **argv, **envp = environ;
	va_list ap;

	va_start(ap, arg);
	ARGS_FROM_LIST(arg, ap, argv, envp, 0);
	va_end(ap);
	return execve(path, argv, envp);
}

EXPORT int execle(const char *path, const char *arg, ...)
{
	char **argv, **envp = environ;
	va_list ap;

	va_start(ap, arg);
	ARGS_FROM_LIST(arg, ap, argv, envp, 1);
	va_end(ap);
	return execve(path, argv, envp);
}

EXPORT int execlp(const char *file, const char *arg, ...)
{
	char **argv, **envp = environ;
	va_list ap;

	va_start(ap, arg);
	ARGS_FROM_LIST(arg, ap, argv, envp, 0);
	va_end(ap);
	return execvpe(file, argv, envp);
}

EXPORT void _exit(int status)
{
	if (!real__exit)
		shim_init();
	if (active && !closed) {
		in_shim++;
		flush_all(1);
		closed = true;
		in_shim--;
	}
	real__exit(status);
}

EXPORT void _Exit(int status)
{
	_exit(status);
}
