// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection (module/core/fault.h) through the simulator's platform:
 * the decision and the settings parser, then a sweep of fail-every-Nth over
 * the page source and metadata memory while a script of every command kind
 * runs. Each command either succeeds or replies one "error:" line that says
 * an ENOMEM was injected; a failed create leaves no instance; afterwards
 * validate is clean everywhere and a reset gives every page back (LSan,
 * this build's sanitizer, reports any metadata left behind).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_priv.h"
#include "fault.h"
#include "host.h"
#include "ops.h"
#include "unit.h"

static struct kml_host host;
static struct kml_engine *E;
static struct kml_session *S;

static void setup(void)
{
	char err[160];

	kml_sim_set_nr_cpus(2);
	ck_assert_int_eq(kml_sim_fault_set("off", err, sizeof(err)), 0);
	ck_assert_int_eq(kml_register_ours(), 0);
	kml_sim_host_init(&host);
	E = kml_engine_create(&host);
	S = kml_session_create(E);
	ck_assert_ptr_nonnull(E);
	ck_assert_ptr_nonnull(S);
}

static void teardown(void)
{
	char err[160];

	ck_assert_int_eq(kml_sim_fault_set("off", err, sizeof(err)), 0);
	kml_session_destroy(S);
	kml_engine_destroy(E);
	kml_unregister_ours();
	ck_assert_uint_eq(kml_sim_pages_in_use(), 0);
}

static int ex(const char *cmd)
{
	return kml_engine_exec(E, S, cmd, strlen(cmd));
}

static const char *reply(void)
{
	size_t len;
	const char *r = kml_session_reply(S, &len);

	ck_assert_uint_eq(len, strlen(r));
	return r;
}

static void fault_set(const char *settings)
{
	char err[160];

	ck_assert_msg(!kml_sim_fault_set(settings, err, sizeof(err)),
		      "%s: %s", settings, err);
}

START_TEST(test_fault_decide)
{
	struct kml_fault_cfg c = { .nth = 3, .sites = 1u << KML_FAULT_PAGES };
	unsigned int hits = 0;
	u64 i;

	ck_assert(!kml_fault_decide(&c, KML_FAULT_PAGES, 1));
	ck_assert(!kml_fault_decide(&c, KML_FAULT_PAGES, 2));
	ck_assert(kml_fault_decide(&c, KML_FAULT_PAGES, 3));
	ck_assert(kml_fault_decide(&c, KML_FAULT_PAGES, 6));
	/* a site not selected never fails */
	ck_assert(!kml_fault_decide(&c, KML_FAULT_META, 3));
	ck_assert(!kml_fault_decide(&c, KML_FAULT_NR_SITES, 3));
	/* prob=25: about a quarter, the same calls for the same seed */
	c.nth = 0;
	c.prob = 25;
	c.seed = 7;
	for (i = 1; i <= 10000; i++)
		hits += kml_fault_decide(&c, KML_FAULT_PAGES, i);
	ck_assert_uint_ge(hits, 2300);
	ck_assert_uint_le(hits, 2700);
	for (i = 1; i <= 100; i++)
		ck_assert(kml_fault_decide(&c, KML_FAULT_PAGES, i) ==
			  kml_fault_decide(&c, KML_FAULT_PAGES, i));
	c.prob = 100;
	ck_assert(kml_fault_decide(&c, KML_FAULT_PAGES, 1));
	c.prob = 0;
	ck_assert(!kml_fault_decide(&c, KML_FAULT_PAGES, 1));
}
END_TEST

START_TEST(test_fault_parse)
{
	struct kml_fault_cfg c = { .sites = 1u << KML_FAULT_PAGES };
	u64 calls[KML_FAULT_NR_SITES] = { 4, 5 };
	u64 hits[KML_FAULT_NR_SITES] = { 1, 0 };
	const char *s;
	char err[160], buf[256];
	struct kml_out out;

	s = "nth=5 prob=10,where=pages+meta seed=9\n";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)), 0);
	ck_assert_uint_eq(c.nth, 5);
	ck_assert_uint_eq(c.prob, 10);
	ck_assert_uint_eq(c.seed, 9);
	ck_assert_uint_eq(c.sites, 3);
	kml_out_init(&out, buf, sizeof(buf));
	kml_fault_show(&c, calls, hits, &out);
	ck_assert_str_eq(buf,
			 "fault nth=5 prob=10 where=pages+meta seed=9 pages_calls=4 pages_injected=1 meta_calls=5 meta_injected=0\n");
	/* bad words change nothing and are named, control bytes as '?' */
	s = "nth=1 prob=101";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)),
			 -EINVAL);
	ck_assert_msg(strstr(err, "'prob=101'"), "%s", err);
	ck_assert_uint_eq(c.nth, 5);
	s = "where=pages+";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)),
			 -EINVAL);
	s = "where=";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)),
			 -EINVAL);
	s = "nth=99999999999999999999";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)),
			 -EINVAL);
	s = "bogus\033]0;x\007";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)),
			 -EINVAL);
	ck_assert_msg(strstr(err, "'bogus?]0;x?'"), "%s", err);
	ck_assert_uint_eq(c.sites, 3);
	s = "off";
	ck_assert_int_eq(kml_fault_parse(&c, s, strlen(s), err, sizeof(err)), 0);
	ck_assert_uint_eq(c.nth, 0);
	ck_assert_uint_eq(c.prob, 0);
	ck_assert_uint_eq(c.sites, 1);
}
END_TEST

/* Every command kind, on instances that may or may not exist. */
static const char *const script[] = {
	"create b buddy pool=16M",
	"create p buddy pool=8M pcp=1",
	"create s slab pool=4M",
	"create k slab size=192 pool=4M",
	"create h first-fit pool=64K",
	"create g segregated pool=64K",
	"create n null",
	"alloc s 100", "alloc s 3000", "alloc k 192", "alloc h 200",
	"alloc g 64", "alloc b 4096", "alloc h 70000",
	"handles s", "free s 0", "shrink s", "shrink k",
	"validate b", "validate s",
	"run churn on=s,k ops=300",
	"run sizes on=h,g ops=200 max=2000",
	"run pages on=b,p ops=200 maxorder=3",
	"run burst on=s ops=200",
	"run remote on=k cpus=0,1 ops=200",
	"trace list",
	"destroy h",
	"create h2 best-fit pool=32K",
	"run dentry on=k ops=300",
	"reset k",
};

/* Does the instances view list @name? */
static bool listed(const char *name)
{
	char buf[8192], pat[64];
	struct kml_out out;

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(kml_engine_global_view(E, KML_GVIEW_INSTANCES, &out), 0);
	snprintf(pat, sizeof(pat), "%s ", name);
	return !strncmp(buf, pat, strlen(pat)) ||
	       (snprintf(pat, sizeof(pat), "\n%s ", name), strstr(buf, pat));
}

/* The name of a "create NAME ..." command, or NULL. */
static const char *created_name(const char *cmd, char *buf, size_t size)
{
	const char *sp;

	if (strncmp(cmd, "create ", 7))
		return NULL;
	sp = strchr(cmd + 7, ' ');
	snprintf(buf, size, "%.*s", (int)(sp - cmd - 7), cmd + 7);
	return buf;
}

/* Run the script with @settings; return the failures injected. */
static u64 sweep_one(const char *settings, unsigned int *failed)
{
	static const char *const names[] = {
		"b", "p", "s", "k", "h", "g", "n", "h2",
	};
	char name[32], buf[512];
	struct kml_out out;
	u64 before = kml_fault_injected(), inj;
	unsigned int i;

	fault_set(settings);
	for (i = 0; i < ARRAY_SIZE(script); i++) {
		u64 mark = kml_fault_injected();
		int ret = ex(script[i]);
		const char *r = reply();
		const char *nm = created_name(script[i], name, sizeof(name));

		if (!ret) {
			ck_assert_msg(strncmp(r, "error:", 6),
				      "%s: '%s' succeeded with %s", settings,
				      script[i], r);
			if (nm)
				ck_assert_msg(listed(nm), "%s", script[i]);
			continue;
		}
		(*failed)++;
		ck_assert_msg(ret < 0, "%s: %d", script[i], ret);
		ck_assert_msg(!strncmp(r, "error: ", 7) &&
			      strchr(r, '\n') == r + strlen(r) - 1,
			      "%s: '%s' failed (%d) with %s", settings,
			      script[i], ret, r);
		if (ret == -ENOMEM && kml_fault_injected() != mark)
			ck_assert_msg(strstr(r, "(fault injection: "),
				      "%s: '%s': %s", settings, script[i], r);
		/* a create that failed left nothing behind */
		if (nm && strstr(r, "already exists") == NULL)
			ck_assert_msg(!listed(nm), "%s: '%s' failed but %s is listed",
				      settings, script[i], nm);
	}
	inj = kml_fault_injected() - before;
	/* the counters of the settings agree */
	kml_out_init(&out, buf, sizeof(buf));
	kml_sim_fault_show(&out);
	ck_assert_msg(strstr(buf, "fault nth="), "%s", buf);
	fault_set("off");
	/* healthy after all: validate every instance left, then reset */
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		char cmd[64];

		if (!listed(names[i]))
			continue;
		snprintf(cmd, sizeof(cmd), "validate %s", names[i]);
		ck_assert_int_eq(ex(cmd), 0);
		ck_assert_msg(strstr(reply(), " violations=0"), "%s: %s: %s",
			      settings, cmd, reply());
	}
	ck_assert_int_eq(ex("reset"), 0);
	ck_assert_uint_eq(kml_sim_pages_in_use(), 0);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		ck_assert(!listed(names[i]));
	return inj;
}

/*
 * Fail every Nth page source allocation, N = 1..24: the pools of buddies
 * and heaps (and of the slabs' buddies) fail at create time.
 */
START_TEST(test_fault_sweep_pages)
{
	unsigned int n, failed = 0;
	u64 inj = 0;
	char s[64];

	for (n = 1; n <= 24; n++) {
		u64 i;

		snprintf(s, sizeof(s), "nth=%u where=pages", n);
		i = sweep_one(s, &failed);
		/* the script takes more than 4 blocks from the page source */
		if (n <= 4)
			ck_assert_uint_ge(i, 1);
		inj += i;
	}
	ck_assert_uint_ge(inj, 24);
	ck_assert_uint_ge(failed, 24);
	/* nth=1: every create of a pool fails, with the reason */
	fault_set("nth=1");
	ck_assert_int_eq(ex("create b buddy pool=8M"), -ENOMEM);
	ck_assert_msg(strstr(reply(), "(fault injection: 1 allocation(s) failed on purpose"),
		      "%s", reply());
	fault_set("off");
}
END_TEST

/*
 * Fail every Nth allocation of pages and metadata, N = 1..60, then at
 * random (prob=5, 20 seeds): every error path of every command runs.
 */
START_TEST(test_fault_sweep_meta)
{
	unsigned int n, failed = 0;
	u64 inj = 0;
	char s[64];

	for (n = 1; n <= 60; n++) {
		snprintf(s, sizeof(s), "nth=%u where=pages+meta", n);
		inj += sweep_one(s, &failed);
	}
	for (n = 1; n <= 20; n++) {
		snprintf(s, sizeof(s), "prob=5 seed=%u where=pages+meta", n);
		inj += sweep_one(s, &failed);
	}
	ck_assert_uint_gt(inj, 80);
	ck_assert_uint_gt(failed, 80);
}
END_TEST

static Suite *fault_suite(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_fault_decide);
	tcase_add_test(tc, test_fault_parse);
	tcase_add_test(tc, test_fault_sweep_pages);
	tcase_add_test(tc, test_fault_sweep_meta);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(fault_suite());
}
