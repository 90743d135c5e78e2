// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of the module's teardown and of the run host: unloading while
 * instances of every backend hold objects frees everything (no page, no
 * cache, no warning left behind, over 20 cycles); a signal stops a run and
 * the write fails with EINTR; an offline CPU makes a run fail with ENODEV
 * before anything runs; the memory budget (max_pool_mb) holds; a view
 * opened before its instance's destroy still reads whole.
 */
#include <signal.h>
#include <sys/time.h>

#include "kselftest_harness.h"
#include "engine_util.h"

FIXTURE(life) {
	int fd;
	char reply[KE_REPLY];
	char buf[1 << 20];
};

FIXTURE_SETUP(life)
{
	self->fd = -1;
	if (kt_loaded())
		ASSERT_EQ(0, kt_unload());
}

FIXTURE_TEARDOWN(life)
{
	char line[512];

	if (self->fd >= 0)
		close(self->fd);
	if (kt_loaded())
		EXPECT_EQ(0, kt_unload());
	ke_write_file("/sys/devices/system/cpu/cpu1/online", "1");
	EXPECT_EQ(0, ke_klog_bad(line, sizeof(line))) TH_LOG("klog: %s", line);
}

#define CMDF(...) ke_cmdf(self->fd, self->reply, sizeof(self->reply), __VA_ARGS__)

/* Instances of every backend, each holding objects. */
static void populate(struct __test_metadata *_metadata, int fd, char *reply)
{
	static const char * const all[] = {
		"buddy", "slab size=64", "first-fit", "next-fit", "best-fit",
		"worst-fit", "segregated", "bump", "kmem_cache size=64",
		"kmem_cache_bulk size=96", "kmalloc", "alloc_pages", "vmalloc",
	};
	unsigned int i, j;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		ASSERT_EQ(0, ke_cmdf(fd, reply, KE_REPLY, "create i%u %s", i,
				     all[i])) TH_LOG("%s: %s", all[i], reply);
		for (j = 0; j < 10; j++)
			ASSERT_EQ(0, ke_cmdf(fd, reply, KE_REPLY, "alloc i%u %u",
					     i, i == 1 || i == 8 ? 64 :
					     i == 9 ? 96 : 100 + 300 * j))
				TH_LOG("%s: %s", all[i], reply);
	}
}

TEST_F_TIMEOUT(life, unload_with_live_objects_frees_everything, 120)
{
	long before, after;

	/*
	 * One cycle first, as below: reading kmemlab.ko fills the page cache
	 * and loading has first-use allocations, neither of them a leak.
	 */
	ASSERT_EQ(0, kt_load(""));
	ASSERT_EQ(0, kt_unload());
	before = ke_free_pages();
	ASSERT_GT(before, 0);
	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
	populate(_metadata, self->fd, self->reply);
	close(self->fd);
	self->fd = -1;
	ASSERT_EQ(0, kt_unload());
	ASSERT_GT(kt_read("/proc/slabinfo", self->buf, sizeof(self->buf)), 0);
	EXPECT_EQ(NULL, strstr(self->buf, "kmemlab-")) TH_LOG("cache left");
	after = ke_free_pages();
	/* pools are MiBs: a leak of any would show; allow noise of 2 MiB */
	EXPECT_LT(before - after, 512) TH_LOG("before %ld after %ld", before,
					      after);
}

TEST_F_TIMEOUT(life, twenty_cycles_leak_nothing, 600)
{
	long before, after;
	int i;

	/* one cycle first, so that first-use allocations are not counted */
	ASSERT_EQ(0, kt_load(""));
	ASSERT_EQ(0, kt_unload());
	before = ke_free_pages();
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(0, kt_load("")) TH_LOG("cycle %d", i);
		self->fd = kt_control_open();
		ASSERT_GE(self->fd, 0);
		populate(_metadata, self->fd, self->reply);
		ASSERT_EQ(0, CMDF("run churn on=i1 ops=500 size=64"));
		close(self->fd);
		self->fd = -1;
		ASSERT_EQ(0, kt_unload()) TH_LOG("cycle %d", i);
	}
	after = ke_free_pages();
	EXPECT_LT(before - after, 1024) TH_LOG("before %ld after %ld (pages)",
					       before, after);
}

TEST_F(life, unload_is_refused_while_control_is_open)
{
	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
	EXPECT_NE(0, kt_unload());
	EXPECT_TRUE(kt_loaded());
}

static void on_alarm(int sig)
{
	(void)sig;
}

TEST_F(life, signal_stops_a_run_with_eintr)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { .tv_usec = 300000 } };
	uint64_t v = ~0ULL;
	int ret;

	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, CMDF("create k kmalloc"));
	ASSERT_EQ(0, CMDF("create s slab size=64"));
	sigemptyset(&sa.sa_mask);
	ASSERT_EQ(0, sigaction(SIGALRM, &sa, NULL));	/* no SA_RESTART */
	ASSERT_EQ(0, setitimer(ITIMER_REAL, &it, NULL));
	/* far longer than 300 ms, even with KVM */
	ret = CMDF("run churn on=k,s ops=100M size=64 reps=50");
	EXPECT_EQ(-EINTR, ret) TH_LOG("%s", self->reply);
	EXPECT_EQ(0, strncmp(self->reply, "error: run: stopped", 19))
		TH_LOG("%s", self->reply);
	/* the instances are idle again and hold nothing */
	ASSERT_EQ(0, CMDF("alloc k 64"));
	ASSERT_EQ(0, CMDF("free k 0"));
	ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/k/stats", self->buf,
			  sizeof(self->buf)), 0);
	ASSERT_EQ(0, ke_line_value(self->buf, "bytes_allocated", &v));
	EXPECT_EQ(0U, v);
	ASSERT_EQ(0, ke_line_value(self->buf, "busy", &v));
	EXPECT_EQ(0U, v);
}

TEST_F(life, offline_cpu_fails_the_run_before_it_starts)
{
	uint64_t v = ~0ULL;

	if (sysconf(_SC_NPROCESSORS_CONF) < 2 ||
	    access("/sys/devices/system/cpu/cpu1/online", W_OK))
		SKIP(return, "cpu1 cannot go offline here");
	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
	ASSERT_EQ(0, CMDF("create k kmalloc"));
	ASSERT_EQ(0, ke_write_file("/sys/devices/system/cpu/cpu1/online", "0"));
	EXPECT_EQ(-ENODEV, CMDF("run churn on=k ops=1000 cpus=0,1"))
		TH_LOG("%s", self->reply);
	EXPECT_EQ(0, strncmp(self->reply, "error: run: ", 12));
	ASSERT_EQ(0, ke_write_file("/sys/devices/system/cpu/cpu1/online", "1"));
	/* nothing ran */
	ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/k/stats", self->buf,
			  sizeof(self->buf)), 0);
	ASSERT_EQ(0, ke_line_value(self->buf, "allocs", &v));
	EXPECT_EQ(0U, v);
	ASSERT_EQ(0, CMDF("run churn on=k ops=1000 cpus=0,1"))
		TH_LOG("%s", self->reply);
}

TEST_F(life, budget_bounds_what_the_module_holds)
{
	unsigned int i, ok = 0;
	uint64_t v = ~0ULL;
	int ret;

	ASSERT_EQ(0, kt_load("max_pool_mb=8"));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
	ASSERT_GT(kt_read(KMEMLAB_DIR "/context", self->buf,
			  sizeof(self->buf)), 0);
	ASSERT_EQ(0, ke_field(self->buf, "budget_bytes", &v));
	EXPECT_EQ(8U << 20, v);
	/* a 16 MiB pool cannot be had */
	EXPECT_NE(0, CMDF("create b buddy pool=16M"));
	/* 3 x 1 MiB of vmalloc fit, the 9th MiB does not */
	ASSERT_EQ(0, CMDF("create v vmalloc"));
	for (i = 0; i < 12; i++) {
		ret = CMDF("alloc v 1M");
		if (!ret)
			ok++;
		else
			EXPECT_EQ(-ENOMEM, ret);
	}
	EXPECT_GE(ok, 3U);
	EXPECT_LE(ok, 8U);
	ASSERT_EQ(0, CMDF("reset v"));
	ASSERT_EQ(0, CMDF("alloc v 1M")) TH_LOG("budget not given back");
}

/*
 * A view file opened before its instance is destroyed reads the snapshot
 * it rendered at open time, to the end, however the destroy falls between
 * its reads (debugfs would fail those reads with EIO once the file is
 * removed); an open after the destroy fails with ENOENT.
 */
TEST_F(life, view_opened_before_a_destroy_reads_its_snapshot)
{
	static const char * const views[] = {
		"stats", "slabinfo", "buddyinfo", "frag", "latency", "heapmap",
	};
	char path[128], first[16];
	unsigned int i;
	ssize_t n;
	int vfd;

	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		ASSERT_EQ(0, CMDF("create x slab size=64"));
		snprintf(path, sizeof(path), KMEMLAB_DIR "/inst/x/%s", views[i]);
		vfd = open(path, O_RDONLY | O_CLOEXEC);
		ASSERT_GE(vfd, 0) TH_LOG("%s: %s", path, strerror(errno));
		n = read(vfd, first, sizeof(first));
		EXPECT_GT(n, 0) TH_LOG("%s: %s", path, strerror(errno));
		ASSERT_EQ(0, CMDF("destroy x"));
		do {
			n = read(vfd, self->buf, sizeof(self->buf));
		} while (n > 0);
		EXPECT_EQ(0, n) TH_LOG("%s after the destroy: %s", path,
				       strerror(errno));
		close(vfd);
		EXPECT_EQ(-1, open(path, O_RDONLY | O_CLOEXEC));
		EXPECT_EQ(ENOENT, errno);
	}
}

TEST_F(life, bad_module_parameter_is_refused)
{
	EXPECT_NE(0, kt_load("max_pool_mb=abc"));
	EXPECT_FALSE(kt_loaded());
	EXPECT_NE(0, kt_load("max_pool_mb=-1"));
	EXPECT_FALSE(kt_loaded());
	EXPECT_EQ(-EINVAL, kt_load("max_pool_mb=0"));
	EXPECT_FALSE(kt_loaded());
}

TEST_HARNESS_MAIN
