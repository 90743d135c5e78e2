// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of the control file against the real module: every command,
 * every error path with its errno and reply, bad input of every kind
 * (which must fail cleanly and change nothing), and concurrent clients,
 * which never see each other's replies.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "engine_util.h"

FIXTURE(control) {
	int fd;
	char reply[KE_REPLY];
	char before[65536];
	char after[65536];
};

FIXTURE_SETUP(control)
{
	if (kt_loaded())
		ASSERT_EQ(0, kt_unload());
	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
}

FIXTURE_TEARDOWN(control)
{
	char line[512];

	if (self->fd >= 0)
		close(self->fd);
	if (kt_loaded())
		EXPECT_EQ(0, kt_unload());
	EXPECT_EQ(0, ke_klog_bad(line, sizeof(line))) TH_LOG("klog: %s", line);
}

/* The state the views show; a failing command must leave it unchanged. */
static void snapshot(char *buf, size_t size)
{
	char tmp[32768];
	size_t len;

	buf[0] = '\0';
	kt_read(KMEMLAB_DIR "/instances", buf, size);
	len = strlen(buf);
	kt_read(KMEMLAB_DIR "/inst/a/stats", tmp, sizeof(tmp));
	snprintf(buf + len, size - len, "%s", tmp);
}

/*
 * Run @cmd (of @len bytes, may hold NULs), expect it to fail with @err and
 * a one-line reply "error: ...", and the state to be as before.
 */
#define EXPECT_FAILS(cmd, len, err, prefix) do {			\
	ssize_t n_;							\
	snapshot(self->before, sizeof(self->before));			\
	n_ = write(self->fd, cmd, len);					\
	EXPECT_EQ(-1, n_) TH_LOG("command '%.60s' succeeded", cmd);	\
	EXPECT_EQ(err, errno) TH_LOG("command '%.60s'", cmd);		\
	n_ = pread(self->fd, self->reply, sizeof(self->reply) - 1, 0);	\
	self->reply[n_ > 0 ? n_ : 0] = '\0';				\
	EXPECT_EQ(0, strncmp(self->reply, prefix, strlen(prefix)))	\
		TH_LOG("reply to '%.60s': %s", cmd, self->reply);	\
	EXPECT_EQ(1U, ke_count_lines(self->reply, ""))			\
		TH_LOG("reply: %s", self->reply);			\
	snapshot(self->after, sizeof(self->after));			\
	EXPECT_STREQ(self->before, self->after);			\
} while (0)

#define EXPECT_FAILS_STR(cmd, err, prefix)				\
	EXPECT_FAILS(cmd, strlen(cmd), err, prefix)

static int cmd(struct __test_metadata *_metadata, int fd, char *reply,
	       const char *text)
{
	int ret = kt_cmd(fd, text, reply, KE_REPLY);

	if (ret)
		TH_LOG("'%s' failed (%d): %s", text, ret, reply);
	return ret;
}

#define CMD(text) cmd(_metadata, self->fd, self->reply, text)

TEST_F(control, help_lists_every_command)
{
	static const char * const verbs[] = {
		"create", "destroy", "alloc", "free", "handles", "shrink",
		"reset", "validate", "trace", "run", "stop", "help",
	};
	unsigned int i;

	ASSERT_EQ(0, CMD("help"));
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		EXPECT_GE(ke_count_lines(self->reply, verbs[i]), 1U)
			TH_LOG("no command %u in help", i);
}

TEST_F(control, backends_lists_ours_and_the_kernels)
{
	char buf[8192], want[64];
	unsigned int i;

	buf[0] = '\n';	/* so that every line starts after a newline */
	ASSERT_GT(kt_read(KMEMLAB_DIR "/backends", buf + 1, sizeof(buf) - 1), 0);
	for (i = 0; i < sizeof(ke_ours) / sizeof(ke_ours[0]); i++) {
		snprintf(want, sizeof(want), "\n%s ", ke_ours[i]);
		EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("%s missing", want);
		EXPECT_NE(NULL, strstr(strstr(buf, want) ?: "", " ours "));
	}
	for (i = 0; i < sizeof(ke_real) / sizeof(ke_real[0]); i++) {
		snprintf(want, sizeof(want), "\n%s ", ke_real[i]);
		EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("%s missing", want);
		EXPECT_NE(NULL, strstr(strstr(buf, want) ?: "", " real "));
	}
}

/*
 * The kernel's backends take exactly the create keys their tables list
 * (module/kernel/backends.c), the backends view publishes them, and a key
 * outside the table is refused by name, changing nothing.
 */
TEST_F(control, create_keys_follow_each_backends_table)
{
	static const struct {
		const char *cmd;
		int err;
		const char *reply;
	} t[] = {
		{ "create a kmalloc size=64", EINVAL,
		  "error: create: backend 'kmalloc' does not take size= (it takes: pool zero check)\n" },
		{ "create a kmalloc align=64", EINVAL,
		  "error: create: backend 'kmalloc' does not take align= (it takes: pool zero check)\n" },
		{ "create a kmalloc ctor=1", EINVAL,
		  "error: create: backend 'kmalloc' does not take ctor= (it takes: pool zero check)\n" },
		{ "create a vmalloc order=2", EINVAL,
		  "error: create: backend 'vmalloc' does not take order= (it takes: pool zero check)\n" },
		{ "create a alloc_pages order=2", EINVAL,
		  "error: create: backend 'alloc_pages' does not take order= (it takes: pool zero check)\n" },
		{ "create a kmem_cache header=8", EINVAL,
		  "error: create: backend 'kmem_cache' does not take header= (it takes: pool size align zero redzone poison check ctor)\n" },
		{ "create a kmem_cache_bulk pcp=0", EINVAL,
		  "error: create: backend 'kmem_cache_bulk' does not take pcp= (it takes: pool size align zero redzone poison check ctor)\n" },
		{ "create a kmem_cache size=0", EINVAL,
		  "error: create: size=0: a cache needs objects of at least 1 byte (leave size= out for the default 64)\n" },
		{ "create a kmem_cache_bulk size=0", EINVAL,
		  "error: create: size=0: a cache needs objects of at least 1 byte (leave size= out for the default 64)\n" },
		{ "create a kmem_cache size=4 ctor=1", EINVAL,
		  "error: create: size=4: ctor=1 needs objects of at least 8 bytes (the constructor writes a word)\n" },
		{ "create a kmem_cache size=64 ctor=1 zero=1", EINVAL,
		  "error: create: zero=1 and ctor=1 exclude each other: the constructor initialises objects once per slab and zeroing on alloc would undo it (SLUB skips init_on_alloc for such caches); drop zero= or ctor=\n" },
	};
	char buf[8192];
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		EXPECT_FAILS_STR(t[i].cmd, t[i].err, t[i].reply);
		EXPECT_STREQ(t[i].reply, self->reply);
	}
	buf[0] = '\n';	/* so that every line starts after a newline */
	ASSERT_GT(kt_read(KMEMLAB_DIR "/backends", buf + 1, sizeof(buf) - 1), 0);
	EXPECT_NE(NULL, strstr(buf, "\nkmalloc object real keys=pool,zero,check "))
		TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, "\nkmem_cache object real keys=pool,size,align,zero,redzone,poison,check,ctor "))
		TH_LOG("%s", buf);
	ASSERT_EQ(0, CMD("create c kmem_cache size=64 ctor=1 zero=0"));
	ASSERT_EQ(0, CMD("create d kmalloc zero=0 check=1"));
	ASSERT_EQ(0, CMD("create e vmalloc check=1"));
}

TEST_F(control, context_describes_the_kernel)
{
	char buf[8192], release[sizeof(((struct utsname *)0)->release) + 16];
	struct utsname u;
	uint64_t v = ~0ULL;

	ASSERT_GT(kt_read(KMEMLAB_DIR "/context", buf, sizeof(buf)), 0);
	EXPECT_EQ(0, strncmp(buf, "context kind=kernel ", 20)) TH_LOG("%s", buf);
	/* the running kernel's release, whichever the matrix booted */
	ASSERT_EQ(0, uname(&u));
	snprintf(release, sizeof(release), " kernel=%s ", u.release);
	EXPECT_NE(NULL, strstr(buf, release)) TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, " slab_design=slub"));
	EXPECT_NE(NULL, strstr(buf, " preempt="));
	EXPECT_NE(NULL, strstr(buf, " cpu_model=\""));
	EXPECT_NE(NULL, strstr(buf, " cmdline=\""));
	EXPECT_EQ(0, ke_field(buf, "init_on_alloc", &v));
	EXPECT_EQ(0, ke_field(buf, "cpus_online", &v));
	EXPECT_EQ((uint64_t)sysconf(_SC_NPROCESSORS_ONLN), v);
	EXPECT_EQ(0, ke_field(buf, "hz", &v));
	EXPECT_GE(v, 100U);
	EXPECT_EQ(0, ke_field(buf, "ns_per_1m_ticks", &v));
	/* 1M ticks: between 1 GHz.. 10 GHz (tsc) or exactly 1 ms (ktime). */
	EXPECT_GE(v, 100000U);
	EXPECT_LE(v, 1000000U);
	/* One line, every double-quoted value closed. */
	EXPECT_EQ(1U, ke_count_lines(buf, ""));
	v = 0;
	for (char *p = buf; *p; p++)
		v += *p == '"';
	EXPECT_EQ(0U, v % 2);
}

TEST_F(control, file_modes)
{
	static const char * const ro[] = {
		"version", "backends", "instances", "context", "slabinfo",
	};
	struct stat st;
	unsigned int i;
	char path[256];

	ASSERT_EQ(0, stat(KMEMLAB_DIR "/control", &st));
	EXPECT_EQ(0600U, st.st_mode & 0777);
	for (i = 0; i < sizeof(ro) / sizeof(ro[0]); i++) {
		snprintf(path, sizeof(path), KMEMLAB_DIR "/%s", ro[i]);
		ASSERT_EQ(0, stat(path, &st)) TH_LOG("%s", path);
		EXPECT_EQ(0400U, st.st_mode & 0777) TH_LOG("%s", path);
	}
}

TEST_F(control, create_alloc_free_destroy)
{
	struct stat st;
	uint64_t v = ~0ULL;

	ASSERT_EQ(0, CMD("create a slab size=64"));
	EXPECT_EQ(0, strncmp(self->reply, "created instance=a backend=slab ", 32))
		TH_LOG("%s", self->reply);
	ASSERT_EQ(0, stat(KMEMLAB_DIR "/inst/a/stats", &st));
	EXPECT_EQ(0400U, st.st_mode & 0777);

	ASSERT_EQ(0, CMD("alloc a 60"));
	ASSERT_EQ(0, ke_field(self->reply, "handle", &v));
	EXPECT_EQ(0U, v);
	ASSERT_EQ(0, ke_field(self->reply, "usable", &v));
	EXPECT_EQ(64U, v);
	ASSERT_EQ(0, CMD("alloc a 64"));
	ASSERT_EQ(0, CMD("handles a"));
	EXPECT_EQ(2U, ke_count_lines(self->reply, "handle="));
	ASSERT_EQ(0, CMD("free a 0"));
	EXPECT_EQ(0, strncmp(self->reply, "freed handle=0 ", 15));
	ASSERT_EQ(0, CMD("validate a"));
	ASSERT_EQ(0, ke_field(self->reply, "violations", &v));
	EXPECT_EQ(0U, v);
	ASSERT_EQ(0, CMD("shrink a"));
	EXPECT_EQ(0, strncmp(self->reply, "shrink instance=a ", 18));
	ASSERT_EQ(0, CMD("reset a"));
	EXPECT_STREQ("reset instance=a freed=1\n", self->reply);
	ASSERT_EQ(0, CMD("alloc a 8"));
	ASSERT_EQ(0, CMD("destroy a"));
	EXPECT_STREQ("destroyed instance=a freed_handles=1\n", self->reply);
	EXPECT_NE(0, stat(KMEMLAB_DIR "/inst/a", &st));
	ASSERT_EQ(0, CMD("create b buddy"));
	ASSERT_EQ(0, CMD("reset"));
	EXPECT_STREQ("reset instances=1 traces=0\n", self->reply);
	ASSERT_EQ(0, CMD("stop"));
	EXPECT_STREQ("stop runs=0\n", self->reply);
}

TEST_F(control, trace_load_list_drop)
{
	static const char trace[] =
		"trace load t1\n"
		"20000\n2\n4\n1\n"
		"a 0 512\r\n"
		"a 1 128\n"
		"f 0\n"
		"f 1\n";
	uint64_t v = ~0ULL;

	ASSERT_EQ(0, CMD(trace));
	EXPECT_EQ(0, strncmp(self->reply, "loaded ", 7)) TH_LOG("%s", self->reply);
	ASSERT_EQ(0, CMD("trace list"));
	ASSERT_EQ(0, ke_field(self->reply, "traces", &v));
	EXPECT_EQ(1U, v);
	ASSERT_EQ(0, CMD("create a first-fit"));
	ASSERT_EQ(0, CMD("run replay on=a trace=t1"));
	EXPECT_NE(NULL, strstr(self->reply, "end status=ok")) TH_LOG("%s", self->reply);
	ASSERT_EQ(0, CMD("trace drop t1"));
	EXPECT_STREQ("dropped trace=t1\n", self->reply);
	EXPECT_FAILS_STR("trace drop t1", ENOENT, "error: trace drop: ");
	/*
	 * A malformed line is an error naming its line (of the trace text,
	 * the header's 4 lines included), and loads nothing.
	 */
	EXPECT_FAILS_STR("trace load t2\n20000\n1\n1\n1\nx 0 12\n", EINVAL,
			 "error: trace load: ");
	EXPECT_NE(NULL, strstr(self->reply, "line 5:")) TH_LOG("%s", self->reply);
}

TEST_F(control, errors_name_the_command_and_change_nothing)
{
	char big[5000];

	ASSERT_EQ(0, CMD("create a slab size=64"));
	ASSERT_EQ(0, CMD("alloc a 64"));

	EXPECT_FAILS_STR("frobnicate", EINVAL, "error: unknown command");
	EXPECT_FAILS_STR("   ", EINVAL, "error: empty command");
	EXPECT_FAILS_STR("create", EINVAL, "error: create: usage");
	EXPECT_FAILS_STR("create a slab", EEXIST, "error: create: ");
	EXPECT_FAILS_STR("create x nosuchbackend", ENOENT, "error: create: ");
	EXPECT_FAILS_STR("create Bad! slab", EINVAL, "error: create: bad name");
	EXPECT_FAILS_STR("create abcdefghijabcdefghijabcdefghij12 slab", EINVAL,
			 "error: create: bad name");
	EXPECT_FAILS_STR("create x slab colour=blue", EINVAL, "error: create: ");
	EXPECT_FAILS_STR("create x slab size=", EINVAL, "error: create: ");
	EXPECT_FAILS_STR("create x slab size=-1", EINVAL, "error: create: ");
	EXPECT_FAILS_STR("create x slab size=99999999999999999999999", E2BIG,
			 "error: create: ");
	EXPECT_FAILS_STR("create x slab size=64 size=64", EINVAL, "error: create: ");
	EXPECT_FAILS_STR("create x slab align=3", EINVAL, "error: create: ");
	EXPECT_FAILS_STR("create x buddy pool=2G", E2BIG, "error: create: ");
	EXPECT_FAILS_STR("create x kmalloc pool=2G", E2BIG, "error: create: ");
	EXPECT_FAILS_STR("alloc", EINVAL, "error: alloc: usage");
	EXPECT_FAILS_STR("alloc nosuch 8", ENOENT, "error: alloc: ");
	EXPECT_FAILS_STR("alloc a 0", EINVAL, "error: alloc: ");
	EXPECT_FAILS_STR("alloc a 65", E2BIG, "error: alloc: ");
	EXPECT_FAILS_STR("alloc a 18446744073709551616", E2BIG, "error: alloc: ");
	EXPECT_FAILS_STR("alloc a -8", EINVAL, "error: alloc: ");
	EXPECT_FAILS_STR("free a 7", ENOENT, "error: free: ");
	EXPECT_FAILS_STR("free a 99999", ENOENT, "error: free: ");
	EXPECT_FAILS_STR("free a x", EINVAL, "error: free: ");
	EXPECT_FAILS_STR("destroy nosuch", ENOENT, "error: destroy: ");
	EXPECT_FAILS_STR("run churn", EINVAL, "error: run: ");
	EXPECT_FAILS_STR("run churn on=a cpus=99", EINVAL, "error: run: ");
	EXPECT_FAILS_STR("run churn on=a ops=0", EINVAL, "error: run: ");
	EXPECT_FAILS_STR("run nosuch on=a", EINVAL, "error: run: ");
	EXPECT_FAILS_STR("alloc a 64\nalloc a 64", EINVAL, "error: alloc: ");
	EXPECT_FAILS("alloc a\0 64", 10, EINVAL, "error: ");

	/* Over the plain command bound (4096 bytes). */
	memset(big, 'x', sizeof(big));
	memcpy(big, "create ", 7);
	EXPECT_FAILS(big, sizeof(big), E2BIG, "error: ");
}

TEST_F_TIMEOUT(control, binary_garbage_fails_cleanly, 120)
{
	unsigned char buf[1024];
	unsigned int i, round;
	ssize_t n;

	ASSERT_EQ(0, CMD("create a slab size=64"));
	srandom(42);
	for (round = 0; round < 200; round++) {
		size_t len = 1 + random() % sizeof(buf);

		for (i = 0; i < len; i++)
			buf[i] = random();
		snapshot(self->before, sizeof(self->before));
		n = write(self->fd, buf, len);
		/* Garbage may spell a harmless command by chance; rarely. */
		if (n >= 0)
			continue;
		EXPECT_NE(0, errno);
		n = pread(self->fd, self->reply, sizeof(self->reply) - 1, 0);
		ASSERT_GT(n, 0);
		self->reply[n] = '\0';
		EXPECT_EQ(0, strncmp(self->reply, "error: ", 7));
		/* Replies show user bytes as printable ASCII only. */
		for (i = 0; i < (unsigned int)n; i++)
			EXPECT_TRUE(self->reply[i] == '\n' ||
				    (self->reply[i] >= ' ' && self->reply[i] < 127));
		snapshot(self->after, sizeof(self->after));
		EXPECT_STREQ(self->before, self->after);
	}
}

TEST_F(control, huge_writes_are_refused_before_copying)
{
	size_t len = (16u << 20) + 4096 + 1;	/* KML_WRITE_MAX + 1 */
	char *buf = malloc(len);
	void *volatile bad;
	ssize_t n;

	ASSERT_NE(NULL, buf);
	memset(buf, 'a', len);
	n = write(self->fd, buf, len);
	EXPECT_EQ(-1, n);
	EXPECT_EQ(E2BIG, errno);
	/* A bad user pointer is -EFAULT, not a crash. */
	bad = (void *)16;
	n = write(self->fd, bad, 100);
	EXPECT_EQ(-1, n);
	EXPECT_EQ(EFAULT, errno);
	/* A large trace load that is not a trace is an error, not a hang. */
	memcpy(buf, "trace load big\n", 15);
	n = write(self->fd, buf, 8u << 20);
	EXPECT_EQ(-1, n);
	free(buf);
	ASSERT_EQ(0, CMD("trace list"));
	EXPECT_EQ(0, strncmp(self->reply, "traces=0 ", 9));
}

/*
 * A write the kernel glue refuses before the engine sees it (over the
 * write bound, a buffer it cannot copy) leaves one error line, read with
 * plain read(2) from offset 0, never the previous command's reply.
 */
TEST_F(control, refused_writes_leave_one_error_line)
{
	size_t big = (16u << 20) + 4096 + 1;	/* KML_WRITE_MAX + 1 */
	char first[64], want[128];
	void *buf, *none;
	ssize_t n;

	buf = mmap(NULL, big, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, buf);
	none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, none);
	memset(buf, 'a', 4096);

	/* over the bound: E2BIG */
	ASSERT_EQ(0, CMD("help"));
	ASSERT_EQ((ssize_t)sizeof(first), read(self->fd, first, sizeof(first)));
	EXPECT_EQ(-1, write(self->fd, buf, big));
	EXPECT_EQ(E2BIG, errno);
	n = read(self->fd, self->reply, sizeof(self->reply) - 1);
	ASSERT_GT(n, 0);
	self->reply[n] = '\0';
	snprintf(want, sizeof(want),
		 "error: write of %zu bytes above the bound %zu\n", big,
		 big - 1);
	EXPECT_STREQ(want, self->reply);

	/* a buffer the kernel cannot read: EFAULT */
	ASSERT_EQ(0, CMD("help"));
	EXPECT_EQ(-1, write(self->fd, none, 100));
	EXPECT_EQ(EFAULT, errno);
	n = read(self->fd, self->reply, sizeof(self->reply) - 1);
	ASSERT_GT(n, 0);
	self->reply[n] = '\0';
	EXPECT_STREQ("error: write of 100 bytes: the buffer is not readable (EFAULT)\n",
		     self->reply);

	/* the file goes on: the next command has its own reply */
	ASSERT_EQ(0, CMD("trace list"));
	EXPECT_EQ(0, strncmp(self->reply, "traces=0 ", 9));
	munmap(none, 4096);
	munmap(buf, big);
}

TEST_F(control, reply_reads_in_small_pieces_and_repeats)
{
	char piece[7], whole[8192];
	size_t len = 0;
	ssize_t n;

	ASSERT_EQ(0, CMD("help"));
	/* read(2) from offset 0 after the write, 7 bytes at a time */
	while ((n = read(self->fd, piece, sizeof(piece))) > 0) {
		ASSERT_LT(len + n, sizeof(whole));
		memcpy(whole + len, piece, n);
		len += n;
	}
	whole[len] = '\0';
	EXPECT_STREQ(self->reply, whole);
	/* and the same again from offset 0 */
	n = pread(self->fd, whole, sizeof(whole) - 1, 0);
	ASSERT_GT(n, 0);
	whole[n] = '\0';
	EXPECT_STREQ(self->reply, whole);
}

TEST_F(control, failed_write_rewinds_for_the_error_reply)
{
	static const char bad[] = "destroy nosuch";
	char first[64], reply[512];
	ssize_t n;

	/* read part of a reply, leaving the position past 0 */
	ASSERT_EQ(0, CMD("help"));
	ASSERT_EQ((ssize_t)sizeof(first), read(self->fd, first, sizeof(first)));
	/* a failing command's reply is read whole with plain read(2) */
	ASSERT_EQ(-1, write(self->fd, bad, sizeof(bad) - 1));
	EXPECT_EQ(ENOENT, errno);
	n = read(self->fd, reply, sizeof(reply) - 1);
	ASSERT_GT(n, 0);
	reply[n] = '\0';
	EXPECT_EQ(0, strncmp(reply, "error: destroy: ", 16)) TH_LOG("reply: %s", reply);
	EXPECT_EQ('\n', reply[n - 1]);
}

TEST_F(control, two_open_files_keep_their_own_replies)
{
	char r2[4096];
	int fd2 = kt_control_open();

	ASSERT_GE(fd2, 0);
	ASSERT_EQ(0, CMD("create a slab size=64"));
	ASSERT_EQ(0, kt_cmd(fd2, "stop", r2, sizeof(r2)));
	ASSERT_EQ(0, kt_cmd(self->fd, "alloc a 64", NULL, 0));
	/* fd2's reply is still its own, fd's is the alloc */
	ASSERT_GT(pread(fd2, r2, sizeof(r2) - 1, 0), 0);
	EXPECT_EQ(0, strncmp(r2, "stop runs=0", 11)) TH_LOG("%s", r2);
	ASSERT_GT(pread(self->fd, self->reply, 4095, 0), 0);
	EXPECT_EQ(0, strncmp(self->reply, "handle=0 ", 9)) TH_LOG("%s", self->reply);
	close(fd2);
}

/* Each thread: its own fd, its own instance, its own expectations. */
struct client {
	int id;
	int errors;
	char reply[4096];
};

static void *client_main(void *arg)
{
	struct client *c = arg;
	char cmdbuf[128], want[64];
	uint64_t h;
	int fd, i;

	fd = kt_control_open();
	if (fd < 0) {
		c->errors++;
		return NULL;
	}
	snprintf(cmdbuf, sizeof(cmdbuf), "create c%d slab size=%d", c->id,
		 32 * (c->id + 1));
	if (kt_cmd(fd, cmdbuf, c->reply, sizeof(c->reply)))
		c->errors++;
	for (i = 0; i < 300; i++) {
		snprintf(cmdbuf, sizeof(cmdbuf), "alloc c%d %d", c->id,
			 32 * (c->id + 1));
		if (kt_cmd(fd, cmdbuf, c->reply, sizeof(c->reply)) ||
		    ke_field(c->reply, "handle", &h)) {
			c->errors++;
			continue;
		}
		snprintf(want, sizeof(want), " usable=%d\n", 32 * (c->id + 1));
		if (!strstr(c->reply, want))
			c->errors++;
		snprintf(cmdbuf, sizeof(cmdbuf), "free c%d %llu", c->id,
			 (unsigned long long)h);
		if (kt_cmd(fd, cmdbuf, c->reply, sizeof(c->reply)))
			c->errors++;
		snprintf(want, sizeof(want), "freed handle=%llu size=%d ",
			 (unsigned long long)h, 32 * (c->id + 1));
		if (strncmp(c->reply, want, strlen(want)))
			c->errors++;
	}
	close(fd);
	return NULL;
}

TEST_F_TIMEOUT(control, concurrent_clients_never_see_each_others_replies, 120)
{
	struct client c[4];
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].id = i;
		ASSERT_EQ(0, pthread_create(&t[i], NULL, client_main, &c[i]));
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		EXPECT_EQ(0, c[i].errors) TH_LOG("client %d: %s", i, c[i].reply);
	}
}

/* One fd shared by two threads: each write+read pair stays consistent. */
TEST_F(control, one_file_two_threads_stay_serialised)
{
	pid_t pid;
	int status, i, bad = 0;
	uint64_t v = ~0ULL;

	ASSERT_EQ(0, CMD("create a slab size=64"));
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		for (i = 0; i < 200; i++)
			kt_cmd(self->fd, "stop", NULL, 0);
		_exit(0);
	}
	for (i = 0; i < 200; i++) {
		/* The reply may be ours or the other writer's, never a mix. */
		kt_cmd(self->fd, "validate a", self->reply, 4096);
		if (strcmp(self->reply, "stop runs=0\n") &&
		    (ke_field(self->reply, "violations", &v) || v))
			bad++;
	}
	waitpid(pid, &status, 0);
	EXPECT_EQ(0, bad);
}

TEST_HARNESS_MAIN
