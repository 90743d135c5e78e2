// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of the backends in the real module: a short run on every one
 * of them, ours and the kernel's; the sizes the real allocators hand out;
 * parity of a real kmemlab-* cache's slabinfo file with /proc/slabinfo;
 * and the kmemlab tracepoints, whose event counts must equal the
 * operations done.
 */
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "engine_util.h"

FIXTURE(backends) {
	int fd;
	char reply[KE_REPLY];
	char buf[1 << 20];
};

FIXTURE_SETUP(backends)
{
	if (kt_loaded())
		ASSERT_EQ(0, kt_unload());
	ASSERT_EQ(0, kt_load(""));
	self->fd = kt_control_open();
	ASSERT_GE(self->fd, 0);
}

FIXTURE_TEARDOWN(backends)
{
	char line[512];

	ke_write_file(KE_TRACEFS "/events/kmemlab/enable", "0");
	if (self->fd >= 0)
		close(self->fd);
	if (kt_loaded())
		EXPECT_EQ(0, kt_unload());
	EXPECT_EQ(0, ke_klog_bad(line, sizeof(line))) TH_LOG("klog: %s", line);
}

#define CMDF(...) ke_cmdf(self->fd, self->reply, sizeof(self->reply), __VA_ARGS__)

/* A short churn run on @backend: every op done, nothing failed. */
static void run_one(struct __test_metadata *_metadata, int fd, char *reply,
		    const char *backend, const char *create_args,
		    const char *run_args)
{
	uint64_t v = ~0ULL;
	char *res;

	ASSERT_EQ(0, ke_cmdf(fd, reply, KE_REPLY, "create i %s %s", backend,
			     create_args))
		TH_LOG("%s: %s", backend, reply);
	ASSERT_EQ(0, ke_cmdf(fd, reply, KE_REPLY, "run %s on=i seed=7", run_args))
		TH_LOG("%s: %s", backend, reply);
	res = strstr(reply, "\nresult ");
	ASSERT_NE(NULL, res) TH_LOG("%s: %s", backend, reply);
	EXPECT_NE(NULL, strstr(res, " done=ok ")) TH_LOG("%s: %s", backend, res);
	EXPECT_EQ(0, ke_field(res, "failures", &v));
	EXPECT_EQ(0U, v) TH_LOG("%s", backend);
	EXPECT_EQ(0, ke_field(res, "bad_frees", &v));
	EXPECT_EQ(0U, v) TH_LOG("%s", backend);
	EXPECT_EQ(0, ke_field(res, "violations", &v));
	EXPECT_EQ(0U, v) TH_LOG("%s", backend);
	EXPECT_NE(NULL, strstr(reply, "\nend status=ok ")) TH_LOG("%s", backend);
	/* Everything the run allocated went back. */
	ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/i/stats", reply, KE_REPLY), 0);
	EXPECT_EQ(0, ke_line_value(reply, "bytes_allocated", &v));
	EXPECT_EQ(0U, v) TH_LOG("%s: %s", backend, reply);
	ASSERT_EQ(0, ke_cmdf(fd, reply, KE_REPLY, "destroy i"));
}

TEST_F_TIMEOUT(backends, churn_on_each_of_ours, 300)
{
	unsigned int i;

	for (i = 0; i < sizeof(ke_ours) / sizeof(ke_ours[0]); i++) {
		const char *args = !strcmp(ke_ours[i], "slab") ? "size=64" : "";
		const char *run = !strcmp(ke_ours[i], "buddy") ?
				  "pages ops=500 maxorder=3" :
				  "churn ops=2000 size=64";

		run_one(_metadata, self->fd, self->reply, ke_ours[i], args, run);
	}
}

TEST_F_TIMEOUT(backends, churn_on_each_real_allocator, 300)
{
	unsigned int i;

	for (i = 0; i < sizeof(ke_real) / sizeof(ke_real[0]); i++) {
		const char *args = !strncmp(ke_real[i], "kmem_cache", 10) ?
				   "size=64" : "";
		const char *run = !strcmp(ke_real[i], "alloc_pages") ?
				  "pages ops=500 maxorder=3" :
				  "churn ops=2000 size=64";

		run_one(_metadata, self->fd, self->reply, ke_real[i], args, run);
	}
}

/*
 * Every per-CPU tier of our slab, one cache and the kmalloc classes: churn
 * and remote frees on two CPUs, then validate (each tier's invariants),
 * the tier named in stats, no live object left.
 */
TEST_F_TIMEOUT(backends, slab_tiers_churn_validate, 300)
{
	static const char * const tiers[] = {
		"tier=freelist", "tier=sheaves", "tier=sheaves sheaf=4",
		"tier=magazine",
	};
	static const char * const shown[] = {
		".tier freelist\n", ".tier sheaves\n", ".tier sheaves\n",
		".tier magazine\n",
	};
	const char *cpus = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? "0,1" : "0";
	char *reply = self->reply, args[64];
	unsigned int i, k;
	uint64_t v = ~0ULL;

	for (i = 0; i < sizeof(tiers) / sizeof(tiers[0]); i++) {
		for (k = 0; k < 2; k++) {
			snprintf(args, sizeof(args), "%s%s", k ? "" : "size=64 ",
				 tiers[i]);
			run_one(_metadata, self->fd, reply, "slab", args,
				k ? "churn ops=3000 size=100" :
				    "churn ops=3000 size=64");
			ASSERT_EQ(0, CMDF("create i slab %s", args)) TH_LOG("%s", reply);
			ASSERT_EQ(0, CMDF("run remote on=i ops=3000 size=64 cpus=%s seed=3",
					  cpus)) TH_LOG("%s: %s", args, reply);
			EXPECT_NE(NULL, strstr(reply, " done=ok ")) TH_LOG("%s", reply);
			ASSERT_EQ(0, CMDF("validate i"));
			EXPECT_EQ(0, ke_field(reply, "violations", &v));
			EXPECT_EQ(0U, v) TH_LOG("%s", args);
			ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/i/stats", self->buf,
					  sizeof(self->buf)), 0);
			EXPECT_NE(NULL, strstr(self->buf, shown[i]))
				TH_LOG("%s", args);
			EXPECT_EQ(0, ke_line_value(self->buf, "bytes_allocated",
						   &v));
			EXPECT_EQ(0U, v) TH_LOG("%s", args);
			ASSERT_EQ(0, CMDF("destroy i"));
		}
	}
	/* Refused, nothing made. */
	EXPECT_NE(0, CMDF("create i slab tier=bogus"));
	EXPECT_NE(0, CMDF("create i slab size=64 tier=sheaves sheaf=300"));
	EXPECT_NE(0, CMDF("destroy i"));
}

/*
 * A debug cache (red zone, poison, checks) under every tier: churn, remote
 * and bulk runs clean, validate finds nothing, no check fired, and the
 * tier was bypassed (docs/interface.md: every alloc and free locked,
 * nothing parked per CPU).
 */
TEST_F_TIMEOUT(backends, slab_tiers_debug_caches, 300)
{
	static const char * const tiers[] = { "freelist", "sheaves", "magazine" };
	static const char * const zero[] = {
		"slab-64.alloc_fastpath", "slab-64.free_fastpath",
		"slab-64.tier_alloc_cpu", "slab-64.tier_free_cpu",
		"slab-64.tier_objects", "slab-64.redzone_hit",
		"slab-64.poison_hit", "slab-64.bad_free", "bytes_allocated",
	};
	static const char * const runs[] = {
		"churn ops=3000 size=64 seed=7",
		"remote ops=3000 size=64 seed=3",
		"bulk ops=3000 size=64 batch=16 seed=5",
	};
	const char *cpus = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? "0,1" : "0";
	char *reply = self->reply, tier[32];
	unsigned int i, k;
	uint64_t v = ~0ULL;

	for (i = 0; i < sizeof(tiers) / sizeof(tiers[0]); i++) {
		ASSERT_EQ(0, CMDF("create i slab size=64 tier=%s redzone=1 poison=1 check=1",
				  tiers[i])) TH_LOG("%s", reply);
		for (k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
			/* the remote run frees on CPU 1 */
			ASSERT_EQ(0, CMDF("run %s on=i cpus=%s", runs[k],
					  k == 1 ? cpus : "0"))
				TH_LOG("%s: %s", tiers[i], reply);
			EXPECT_NE(NULL, strstr(reply, " done=ok "))
				TH_LOG("%s: %s", tiers[i], reply);
			EXPECT_EQ(0, ke_field(reply, "failures", &v));
			EXPECT_EQ(0U, v) TH_LOG("%s: %s", tiers[i], runs[k]);
			EXPECT_EQ(0, ke_field(reply, "violations", &v));
			EXPECT_EQ(0U, v) TH_LOG("%s: %s", tiers[i], runs[k]);
		}
		ASSERT_EQ(0, CMDF("validate i"));
		EXPECT_EQ(0, ke_field(reply, "violations", &v));
		EXPECT_EQ(0U, v) TH_LOG("%s", tiers[i]);
		ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/i/stats", self->buf,
				  sizeof(self->buf)), 0);
		EXPECT_EQ(0, ke_line_str(self->buf, "slab-64.tier", tier,
					 sizeof(tier)));
		EXPECT_STREQ(tiers[i], tier);
		EXPECT_EQ(0, ke_line_value(self->buf, "slab-64.bulk_alloc_objects", &v));
		EXPECT_EQ(3000U, v) TH_LOG("%s", tiers[i]);
		for (k = 0; k < sizeof(zero) / sizeof(zero[0]); k++) {
			v = ~0ULL;
			EXPECT_EQ(0, ke_line_value(self->buf, zero[k], &v))
				TH_LOG("%s: no %s", tiers[i], zero[k]);
			EXPECT_EQ(0U, v) TH_LOG("%s: %s", tiers[i], zero[k]);
		}
		ASSERT_EQ(0, CMDF("destroy i"));
	}
}

TEST_F(backends, remote_free_on_real_caches)
{
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		SKIP(return, "needs 2 CPUs");
	run_one(_metadata, self->fd, self->reply, "kmem_cache", "size=128",
		"remote ops=2000 cpus=0,1");
	run_one(_metadata, self->fd, self->reply, "kmalloc", "",
		"remote ops=2000 size=100 cpus=0,1");
}

TEST_F(backends, real_sizes_handed_out)
{
	static const struct {
		const char *backend, *args;
		unsigned int size, usable;
	} cases[] = {
		{ "kmalloc", "", 100, 128 },
		{ "kmalloc", "", 8, 8 },
		{ "kmalloc", "", 3000, 4096 },
		{ "kmalloc", "", 9000, 16384 },
		{ "alloc_pages", "", 1, 4096 },
		{ "alloc_pages", "", 4097, 8192 },
		{ "alloc_pages", "", 40000, 65536 },
		{ "vmalloc", "", 5000, 8192 },
		{ "kmem_cache", "size=200", 150, 200 },
	};
	unsigned int i;
	uint64_t v = ~0ULL;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_EQ(0, CMDF("create r%u %s %s", i, cases[i].backend,
				  cases[i].args)) TH_LOG("%s", self->reply);
		ASSERT_EQ(0, CMDF("alloc r%u %u", i, cases[i].size))
			TH_LOG("%s", self->reply);
		ASSERT_EQ(0, ke_field(self->reply, "usable", &v));
		EXPECT_EQ(cases[i].usable, v) TH_LOG("%s size %u",
						     cases[i].backend,
						     cases[i].size);
		snprintf(self->buf, 256, KMEMLAB_DIR "/inst/r%u/stats", i);
		ASSERT_GT(kt_read(self->buf, self->buf, sizeof(self->buf)), 0);
		EXPECT_EQ(0, ke_line_value(self->buf, "bytes_allocated", &v));
		EXPECT_EQ(cases[i].usable, v);
	}
	/* A kmem_cache hands out at most its object size. */
	EXPECT_EQ(-E2BIG, CMDF("alloc r8 201"));
	/* destroy with live handles frees them (checked by the unload) */
}

/* inst/X/slabinfo of a real cache is byte for byte /proc/slabinfo's row. */
TEST_F(backends, real_cache_slabinfo_equals_proc_slabinfo)
{
	char mine[4096], row[512], want[512], merged[64], ctx[8192];
	unsigned int i;
	struct stat st;
	char *line2;

	ASSERT_EQ(0, CMDF("create dentries kmem_cache size=192"));
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, CMDF("alloc dentries 192"));
	for (i = 0; i < 100; i += 3)
		ASSERT_EQ(0, CMDF("free dentries %u", i));

	ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/dentries/slabinfo", mine,
			  sizeof(mine)), 0);
	ASSERT_GT(kt_read("/proc/slabinfo", self->buf, sizeof(self->buf)), 0);
	/* the same two header lines */
	line2 = strchr(strchr(self->buf, '\n') + 1, '\n') + 1;
	EXPECT_EQ(0, strncmp(mine, self->buf, line2 - self->buf))
		TH_LOG("header: %s", mine);
	ASSERT_EQ(0, ke_slabinfo_row(self->buf, "kmemlab-dentries", want,
				     sizeof(want)));
	ASSERT_EQ(0, ke_slabinfo_row(mine, "kmemlab-dentries", row,
				     sizeof(row)));
	EXPECT_STREQ(want, row);
	EXPECT_EQ(3U, ke_count_lines(mine, ""));

	/* not merged: its own directory in /sys/kernel/slab, no symlink */
	ASSERT_EQ(0, lstat("/sys/kernel/slab/kmemlab-dentries", &st));
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_GT(kt_read(KMEMLAB_DIR "/inst/dentries/stats", self->buf,
			  sizeof(self->buf)), 0);
	ASSERT_EQ(0, ke_line_str(self->buf, "merged", merged, sizeof(merged)));
	EXPECT_STREQ("no", merged);
	/*
	 * what keeps it apart: SLAB_NO_MERGE where the kernel has it (the
	 * context says), else the usercopy region (no ctor here)
	 */
	ASSERT_EQ(0, ke_line_str(self->buf, "unmergeable_by", merged,
				 sizeof(merged)));
	ASSERT_GT(kt_read(KMEMLAB_DIR "/context", ctx, sizeof(ctx)), 0);
	EXPECT_STREQ(strstr(ctx, " slab_no_merge=flag ") ? "slab_no_merge" :
		     "usercopy", merged);
	EXPECT_TRUE(strstr(ctx, " slab_no_merge=flag ") ||
		    strstr(ctx, " slab_no_merge=ctor_or_usercopy "))
		TH_LOG("%s", ctx);

	/* destroy removes the cache from /proc/slabinfo */
	ASSERT_EQ(0, CMDF("destroy dentries"));
	ASSERT_GT(kt_read("/proc/slabinfo", self->buf, sizeof(self->buf)), 0);
	EXPECT_EQ(-1, ke_slabinfo_row(self->buf, "kmemlab-dentries", want,
				      sizeof(want)));
}

TEST_F(backends, real_cache_with_ctor_and_bulk)
{
	char row[512];

	/* SLUB WARNs on __GFP_ZERO with a ctor: refused, not attempted. */
	EXPECT_EQ(-EINVAL, CMDF("create c kmem_cache size=64 ctor=1 zero=1"));
	ASSERT_EQ(0, CMDF("create c kmem_cache_bulk size=64 ctor=1 zero=0"))
		TH_LOG("%s", self->reply);
	run_one(_metadata, self->fd, self->reply, "kmem_cache_bulk", "size=96",
		"churn ops=1000 size=96 mode=batch batch=64");
	ASSERT_GT(kt_read("/proc/slabinfo", self->buf, sizeof(self->buf)), 0);
	EXPECT_EQ(0, ke_slabinfo_row(self->buf, "kmemlab-c", row, sizeof(row)));
}

/* --- tracepoints ----------------------------------------------------------- */

static int trace_setup(void)
{
	int ret;

	ret = ke_write_file(KE_TRACEFS "/events/kmemlab/enable", "0");
	if (ret)
		return ret;
	ret = ke_write_file(KE_TRACEFS "/trace", "");
	if (ret)
		return ret;
	return ke_write_file(KE_TRACEFS "/events/kmemlab/enable", "1");
}

TEST_F(backends, tracepoints_exist)
{
	static const char * const events[] = {
		"buddy_alloc", "buddy_free", "buddy_split", "buddy_merge",
		"slab_alloc", "slab_free", "slab_new", "slab_release",
	};
	char path[256];
	unsigned int i;

	for (i = 0; i < 8; i++) {
		snprintf(path, sizeof(path), KE_TRACEFS "/events/kmemlab/%s/format",
			 events[i]);
		ASSERT_GT(kt_read(path, self->buf, sizeof(self->buf)), 0)
			TH_LOG("%s", path);
		EXPECT_NE(NULL, strstr(self->buf, "addr=0x%lx"));
		EXPECT_NE(NULL, strstr(self->buf, "field:u32 inst;"));
	}
}

TEST_F(backends, slab_event_counts_equal_operations)
{
	unsigned int i;
	uint64_t id;

	ASSERT_EQ(0, CMDF("create s slab size=128"));
	ASSERT_EQ(0, ke_field(self->reply, "id", &id));
	ASSERT_EQ(0, trace_setup());
	for (i = 0; i < 37; i++)
		ASSERT_EQ(0, CMDF("alloc s 100"));
	for (i = 0; i < 37; i += 2)
		ASSERT_EQ(0, CMDF("free s %u", i));
	ASSERT_EQ(0, ke_write_file(KE_TRACEFS "/events/kmemlab/enable", "0"));
	ASSERT_GT(kt_read(KE_TRACEFS "/trace", self->buf, sizeof(self->buf)), 0);
	EXPECT_EQ(37U, ke_count_lines(self->buf, "slab_alloc:"));
	EXPECT_EQ(19U, ke_count_lines(self->buf, "slab_free:"));
	EXPECT_EQ(37U, ke_count_lines(self->buf, " bytes_req=100 "));
	/* every event carries the instance id */
	snprintf(self->reply, 64, "slab_alloc: inst=%llu ",
		 (unsigned long long)id);
	EXPECT_EQ(37U, ke_count_lines(self->buf, self->reply));
	snprintf(self->reply, 64, "slab_free: inst=%llu ",
		 (unsigned long long)id);
	EXPECT_EQ(19U, ke_count_lines(self->buf, self->reply));
	/* a 128-byte cache needs at least one new slab for 37 objects */
	EXPECT_GE(ke_count_lines(self->buf, "slab_new:"), 1U);
}

TEST_F(backends, buddy_event_counts_equal_operations)
{
	unsigned int i, splits, merges;

	ASSERT_EQ(0, CMDF("create b buddy pcp=0"));
	ASSERT_EQ(0, trace_setup());
	for (i = 0; i < 20; i++)
		ASSERT_EQ(0, CMDF("alloc b %u", 4096u << (i % 3)));
	for (i = 0; i < 20; i++)
		ASSERT_EQ(0, CMDF("free b %u", i));
	ASSERT_EQ(0, ke_write_file(KE_TRACEFS "/events/kmemlab/enable", "0"));
	ASSERT_GT(kt_read(KE_TRACEFS "/trace", self->buf, sizeof(self->buf)), 0);
	EXPECT_EQ(20U, ke_count_lines(self->buf, "buddy_alloc:"));
	EXPECT_EQ(20U, ke_count_lines(self->buf, "buddy_free:"));
	/* all freed: every split was merged back */
	splits = ke_count_lines(self->buf, "buddy_split:");
	merges = ke_count_lines(self->buf, "buddy_merge:");
	EXPECT_GE(splits, 1U);
	EXPECT_EQ(splits, merges);
}

TEST_F(backends, trace_cmd_records_kmemlab_events)
{
	char cmdline[1024];
	int status;

	if (system("command -v trace-cmd >/dev/null 2>&1"))
		SKIP(return, "trace-cmd not installed");
	ASSERT_EQ(0, CMDF("create s slab size=64"));
	snprintf(cmdline, sizeof(cmdline),
		 "cd /tmp && trace-cmd record -q -e kmemlab -o /tmp/kml.dat -- "
		 "sh -c 'for i in 1 2 3 4 5; do echo \"alloc s 64\" > %s/control; done' "
		 ">/dev/null 2>&1 && trace-cmd report -i /tmp/kml.dat 2>/dev/null "
		 "> /tmp/kml.txt", KMEMLAB_DIR);
	status = system(cmdline);
	ASSERT_EQ(0, status);
	ASSERT_GT(kt_read("/tmp/kml.txt", self->buf, sizeof(self->buf)), 0);
	EXPECT_EQ(5U, ke_count_lines(self->buf, "slab_alloc:"))
		TH_LOG("%.2000s", self->buf);
}

TEST_HARNESS_MAIN
