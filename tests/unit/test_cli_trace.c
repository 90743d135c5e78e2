// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of 'kmemlab trace': the parser of `trace-cmd report` text and
 * of `trace-cmd report --stat`, the attribution and the summary (counts,
 * bytes, cross-CPU frees, lost events) on tests/data/trace-report.txt and
 * tests/data/trace-stat.txt, malformed lines with their numbers, and the
 * text/JSON/CSV output. They link the CLI library
 * (build/san/libkmemlab-cli.a).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "trace_print.h"
#include "trace_sum.h"
#include "unit.h"

/* The tests below never need the engine. */
struct conn *cli_conn(struct cli_ctx *ctx, int *exit_code)
{
	*exit_code = CLI_EXIT_SKIP;
	return NULL;
}

static void load(struct trace_sum *s)
{
	char err[256], *text;
	size_t len;

	trace_sum_init(s);
	ck_assert_int_eq(cli_read_file("tests/data/trace-report.txt", &text, &len), 0);
	ck_assert_msg(!trace_report_parse(s, text, len, "r", err, sizeof(err)),
		      "%s", err);
	free(text);
	ck_assert_int_eq(cli_read_file("tests/data/trace-stat.txt", &text, &len), 0);
	ck_assert_msg(!trace_stat_parse(s, text, len, "s", err, sizeof(err)),
		      "%s", err);
	free(text);
}

static const struct trace_row *row(const struct trace_sum *s, bool ours,
				   const char *name, int64_t inst)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (s->rows[i].ours == ours && s->rows[i].inst == inst &&
		    !strcmp(s->rows[i].name, name))
			return &s->rows[i];
	ck_abort_msg("no row %s/%s/%lld", ours ? "ours" : "real", name,
		     (long long)inst);
	return NULL;
}

#define ROW_EQ(r, a, f, l, req, al, x, u) do {				\
	ck_assert_uint_eq((r)->allocs, a);				\
	ck_assert_uint_eq((r)->frees, f);				\
	ck_assert_uint_eq((r)->live, l);				\
	ck_assert_uint_eq((r)->requested, req);				\
	ck_assert_uint_eq((r)->allocated, al);				\
	ck_assert_uint_eq((r)->cross_cpu, x);				\
	ck_assert_uint_eq((r)->unmatched, u);				\
} while (0)

START_TEST(test_cli_trace_ours_counted_and_matched)
{
	struct trace_sum s;
	const struct trace_row *r;

	load(&s);
	ck_assert_uint_eq(s.nr_cpus, 2);
	/* two allocs of 100 and 60 bytes in 112-byte slots; the second is
	 * freed on CPU 1; a free of an object allocated before the trace */
	r = row(&s, true, "slab-100", 1);
	ROW_EQ(r, 2, 3, 0, 160, 224, 1, 1);
	ck_assert(r->req_known);
	/* buddy events: bytes from the order, requests unknown */
	r = row(&s, true, "buddy", 1);
	ROW_EQ(r, 1, 0, 1, 0, 4096, 0, 0);
	ck_assert(!r->req_known);
	/* a comm with a space and dashes */
	r = row(&s, true, "buddy", 4);
	ROW_EQ(r, 1, 0, 1, 0, 8192, 0, 0);
	trace_sum_free(&s);
}
END_TEST

START_TEST(test_cli_trace_real_attributed_by_call_site_and_address)
{
	struct trace_sum s;

	load(&s);
	/* kmem_cache_alloc has no cache name: the free's name= moves the
	 * first object to kmemlab-c; the second is never freed */
	ROW_EQ(row(&s, false, "kmemlab-c", -1), 1, 2, 0, 64, 64, 1, 1);
	ROW_EQ(row(&s, false, "kmem_cache", -1), 1, 0, 1, 64, 64, 0, 0);
	/* the module's kmalloc (not kmemlab_real_stats's), a matched kfree,
	 * an unmatched one from the module; kfree(NULL) elsewhere is other */
	ROW_EQ(row(&s, false, "kmalloc", -1), 2, 2, 1, 9100, 16512, 0, 1);
	/* pages of the run workers only; a failed alloc is not counted */
	ROW_EQ(row(&s, false, "pages@workers", -1), 1, 1, 0, 0, 16384, 1, 0);
	ck_assert_uint_eq(s.nr, 7);
	ck_assert_uint_eq(s.events, 26);
	ck_assert_uint_eq(s.attributed, 17);
	ck_assert_uint_eq(s.other, 9);
	trace_sum_free(&s);
}
END_TEST

START_TEST(test_cli_trace_lost_events_from_drops_and_stats)
{
	struct trace_sum s;

	load(&s);
	ck_assert_uint_eq(s.dropped[1], 12);
	ck_assert(s.have_stats);
	ck_assert_uint_eq(s.overrun[0], 5 + 1 + 2);
	ck_assert_uint_eq(s.overrun[1], 0);
	ck_assert_uint_eq(trace_sum_lost(&s), 20);
	ck_assert(!s.dropped_unknown);
	trace_sum_free(&s);

	trace_sum_init(&s);
	ck_assert_int_eq(trace_report_parse(&s, "CPU:3 [EVENTS DROPPED]\n", 23,
					    "r", NULL, 0), 0);
	ck_assert(s.dropped_unknown);
	ck_assert_uint_eq(trace_sum_lost(&s), 0);
	trace_sum_free(&s);
}
END_TEST

static char *print(const struct trace_sum *s, enum cli_format fmt)
{
	static char buf[8192];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	ck_assert_ptr_nonnull(f);
	trace_sum_print(f, s, fmt, "t.dat", 0);
	fclose(f);
	return buf;
}

START_TEST(test_cli_trace_output_formats)
{
	struct trace_sum s;
	const char *t;

	load(&s);
	t = print(&s, CLI_FMT_TEXT);
	ck_assert_ptr_nonnull(strstr(t,
		"SOURCE  NAME           INST  INSTANCE  ALLOCS(count)  FREES(count)  LIVE(count)  REQUESTED(B)  ALLOCATED(B)  INT_FRAG(%)  XCPU_FREES(count)  UNMATCHED(count)\n"));
	ck_assert_ptr_nonnull(strstr(t,
		"ours    slab-100          1  -                     2             3            0           160           224         28.6                  1                 1\n"));
	ck_assert_ptr_nonnull(strstr(t,
		"ours    buddy             1  -                     1             0            1             -          4096            -                  0                 0\n"));
	ck_assert_ptr_nonnull(strstr(t,
		"events: 26 (17 counted above, 9 other)\n"
		"lost events: 20 (per CPU: 8 12)\n"
		"trace file: t.dat\n"));
	t = print(&s, CLI_FMT_JSON);
	ck_assert_int_eq(strncmp(t,
		"{\"trace_file\":\"t.dat\",\"command_status\":0,\"events\":26,"
		"\"attributed_events\":17,\"other_events\":9,\"lost_events\":20,"
		"\"lost_unknown\":false,\"buffer_stats\":true,\"lost_by_cpu\":[8,12],"
		"\"rows\":[{\"source\":\"ours\",\"name\":\"buddy\",\"instance_id\":1,"
		"\"instance\":\"-\",\"allocs\":1,\"frees\":0,\"live\":1,"
		"\"requested_bytes\":null,\"allocated_bytes\":4096,"
		"\"internal_frag_pct\":null,", 344), 0);
	t = print(&s, CLI_FMT_CSV);
	ck_assert_int_eq(strncmp(t,
		"source,name,instance_id,instance,allocs,frees,live,requested_bytes,"
		"allocated_bytes,internal_frag_pct,cross_cpu_frees,unmatched_frees\n"
		"ours,buddy,1,-,1,0,1,-,4096,-,0,0\n"
		"ours,slab-100,1,-,2,3,0,160,224,28.6,1,1\n", 208), 0);
	trace_sum_free(&s);
}
END_TEST

START_TEST(test_cli_trace_malformed_lines_named)
{
	static const struct {
		const char *text;
		const char *err;
	} t[] = {
		{ "cpus=2\ngarbage here\n",
		  "r:2: expected 'COMM-PID [CPU] SECS.USECS: EVENT: ...'" },
		{ "  a-1 [000] 1.5 slab_alloc: inst=1\n",
		  "r:1: expected a timestamp 'SECS.USECS:' after the CPU" },
		{ "  a-1 [000] 1.5: inst=1\n",
		  "r:1: expected 'EVENT:' after the timestamp" },
		{ "\n  a-1 [000] 1.5: slab_alloc: inst=1 cache=x addr=0x10 bytes_req=8\n",
		  "r:2: slab_alloc: missing field bytes_alloc=" },
		{ "  a-1 [000] 1.5: slab_free: inst=x cache=c addr=0x10 cpu=0\n",
		  "r:1: slab_free: inst=x is not a number" },
		{ "  a-1 [000] 1.5: slab_free: inst=1 cache= addr=0x10 cpu=0\n",
		  "r:1: slab_free: missing field cache=" },
		{ "  a-1 [000] 1.5: buddy_alloc: inst=1 addr=0x1000 order=99\n",
		  "r:1: buddy_alloc: order=99 out of range" },
		{ "  a-1 [000] 1.5: kmalloc: call_site=f+0x1 ptr=0x10 bytes_req=-1 bytes_alloc=8\n",
		  "r:1: kmalloc: bytes_req=-1 is not a number" },
		{ "  a-1 [000] 1.5: kmem_cache_free: call_site=f ptr=0x10 name=\n",
		  "r:1: kmem_cache_free: missing field name=" },
		{ "  a-1 [000] 1.5: mm_page_free: page=0x1 order=0\n",
		  "r:1: mm_page_free: missing field pfn=" },
		{ "  a-1 [5000] 1.5: rss_stat: x=1\n", "r:1: CPU number out of range" },
		{ "cpus=2\n\nCPU:1 [x EVENTS DROPPED]\n",
		  "r:3: expected 'COMM-PID [CPU] SECS.USECS: EVENT: ...'" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct trace_sum s;
		char err[256] = "";

		trace_sum_init(&s);
		ck_assert_int_eq(trace_report_parse(&s, t[i].text, strlen(t[i].text),
						    "r", err, sizeof(err)), -EINVAL);
		ck_assert_str_eq(err, t[i].err);
		trace_sum_free(&s);
	}
}
END_TEST

START_TEST(test_cli_trace_stat_malformed_and_absent)
{
	struct trace_sum s;
	char err[256] = "";
	const char *bad = "Kernel buffer statistics:\noverrun: 3\n";
	const char *none = "cpus=2\nsomething else: 5\n";

	trace_sum_init(&s);
	ck_assert_int_eq(trace_stat_parse(&s, bad, strlen(bad), "s", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "s:2: 'overrun' before any 'CPU: N'");
	trace_sum_free(&s);
	trace_sum_init(&s);
	ck_assert_int_eq(trace_stat_parse(&s, none, strlen(none), "s", err,
					  sizeof(err)), 0);
	ck_assert(!s.have_stats);
	ck_assert_ptr_nonnull(strstr(print(&s, CLI_FMT_TEXT),
		"no allocation events of kmemlab or of its real backends\n"
		"events: 0 (0 counted above, 0 other)\n"
		"lost events: 0; no buffer statistics in the recording\n"));
	trace_sum_free(&s);
}
END_TEST

/* A reused address whose free was lost: the new alloc replaces it. */
START_TEST(test_cli_trace_reused_address_without_free)
{
	static const char text[] =
		"  w-1 [000] 1.1: slab_alloc: inst=2 cache=c addr=0x40 bytes_req=8 bytes_alloc=8 cpu=0\n"
		"  w-1 [000] 1.2: slab_alloc: inst=2 cache=c addr=0x40 bytes_req=8 bytes_alloc=8 cpu=0\n"
		"  w-1 [001] 1.3: slab_free: inst=2 cache=c addr=0x40 cpu=1\n"
		"  w-1 [001] 1.4: slab_free: inst=2 cache=c addr=0x40 cpu=1\n";
	struct trace_sum s;
	char err[128];

	trace_sum_init(&s);
	ck_assert_int_eq(trace_report_parse(&s, text, strlen(text), "r", err,
					    sizeof(err)), 0);
	ROW_EQ(row(&s, true, "c", 2), 2, 2, 1, 16, 16, 1, 1);
	trace_sum_free(&s);
}
END_TEST

START_TEST(test_cli_trace_free_without_cache_name)
{
	/* 5.10's kmem_cache_free has no name=: matched by its address */
	static const char text[] =
		"  w-1 [000] 1.1: kmem_cache_alloc: call_site=kmemlab_real_get+0x2a ptr=0x40 bytes_req=96 bytes_alloc=96 gfp_flags=GFP_KERNEL node=-1\n"
		"  w-1 [001] 1.2: kmem_cache_free: call_site=kmemlab_real_put+0x1c ptr=0x40\n"
		"  w-1 [001] 1.3: kmem_cache_free: call_site=kmemlab_real_put+0x1c ptr=0x80\n";
	struct trace_sum s;
	char err[128] = "";

	trace_sum_init(&s);
	ck_assert_msg(!trace_report_parse(&s, text, strlen(text), "r", err,
					  sizeof(err)), "%s", err);
	ROW_EQ(row(&s, false, "kmem_cache", -1), 1, 1, 0, 96, 96, 1, 0);
	ck_assert_uint_eq(s.other, 1);
	trace_sum_free(&s);
}
END_TEST

static Suite *cli_trace_suite(void)
{
	Suite *s = suite_create("cli_trace");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_cli_trace_ours_counted_and_matched);
	tcase_add_test(tc, test_cli_trace_real_attributed_by_call_site_and_address);
	tcase_add_test(tc, test_cli_trace_lost_events_from_drops_and_stats);
	tcase_add_test(tc, test_cli_trace_output_formats);
	tcase_add_test(tc, test_cli_trace_malformed_lines_named);
	tcase_add_test(tc, test_cli_trace_stat_malformed_and_absent);
	tcase_add_test(tc, test_cli_trace_reused_address_without_free);
	tcase_add_test(tc, test_cli_trace_free_without_cache_name);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(cli_trace_suite());
}
