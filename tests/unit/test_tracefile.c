// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the trace parser: both formats, the tolerated variations
 * (2- and 4-line headers, CRLF, blank lines, comments in the native
 * format) and every rejected input with its exact message and line.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tracefile.h"
#include "unit.h"

static char msg[256];

static int parse(const char *text, struct kml_trace **t)
{
	struct kml_out err;

	kml_out_init(&err, msg, sizeof(msg));
	*t = NULL;
	return kml_trace_parse(text, strlen(text), t, &err);
}

/* Expect @text to be refused with @err and exactly @message. */
#define REFUSE(text, err, message) do {					\
	struct kml_trace *t_;						\
	int ret_ = parse(text, &t_);					\
	ck_assert_msg(ret_ == (err), "%d (%s) for: %s", ret_, msg, text); \
	ck_assert_ptr_null(t_);						\
	ck_assert_str_eq(msg, message);					\
} while (0)

START_TEST(test_tracefile_rep_four_line_header)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("20000\n3\n8\n1\na 0 512\na 1 128\nr 0 640\n"
			       "a 2 128\nf 1\nr 0 768\nf 0\nf 2\n", &t), 0);
	ck_assert_int_eq(t->format, KML_TRACE_REP);
	ck_assert_uint_eq(t->nr_ops, 8);
	ck_assert_uint_eq(t->nr_ids, 3);
	ck_assert_uint_eq(t->nr_allocs, 3);
	ck_assert_uint_eq(t->nr_frees, 3);
	ck_assert_uint_eq(t->nr_reallocs, 2);
	ck_assert_uint_eq(t->max_size, 768);
	ck_assert_uint_eq(t->max_live, 3);
	ck_assert_uint_eq(t->peak_bytes, 640 + 128 + 128);
	ck_assert_uint_eq(t->live_at_end, 0);
	ck_assert_uint_eq(t->ops[0].op, KML_TOP_ALLOC);
	ck_assert_uint_eq(t->ops[0].id, 0);
	ck_assert_uint_eq(t->ops[0].size, 512);
	ck_assert_uint_eq(t->ops[2].op, KML_TOP_REALLOC);
	ck_assert_uint_eq(t->ops[2].size, 640);
	ck_assert_uint_eq(t->ops[4].op, KML_TOP_FREE);
	ck_assert_uint_eq(t->ops[4].id, 1);
	ck_assert_uint_eq(t->ops[4].size, 0);
	kml_trace_free(t);
}
END_TEST

START_TEST(test_tracefile_rep_two_line_header_crlf_blank)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("\r\n2\r\n3\r\n\r\na 0 8\r\n  a\t1   16  \r\n"
			       "f 0\r\n\n\n", &t), 0);
	ck_assert_int_eq(t->format, KML_TRACE_REP);
	ck_assert_uint_eq(t->nr_ops, 3);
	ck_assert_uint_eq(t->ops[1].id, 1);
	ck_assert_uint_eq(t->ops[1].size, 16);
	ck_assert_uint_eq(t->live_at_end, 1);
	kml_trace_free(t);
}
END_TEST

START_TEST(test_tracefile_native_with_comments)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("# made by hand\nkmemlab-trace 1\n# ids are free\n"
			       "a 100000 4096\n\nr 100000 8192\n  # indented\n"
			       "f 100000\r\na 7 1\n", &t), 0);
	ck_assert_int_eq(t->format, KML_TRACE_NATIVE);
	ck_assert_uint_eq(t->nr_ops, 4);
	ck_assert_uint_eq(t->nr_ids, 100001);
	ck_assert_uint_eq(t->max_size, 8192);
	ck_assert_uint_eq(t->peak_bytes, 8192);
	kml_trace_free(t);
}
END_TEST

/*
 * Version 2 takes the fields a kernel recording adds (ev=, cache=, alloc=,
 * gfp=, site=) beside t= and ns=, and reads past them; version 1 and .rep
 * take none.
 */
START_TEST(test_tracefile_native_fields)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("kmemlab-trace 2\n"
			       "a 0 640 t=1 ns=0 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_KERNEL|__GFP_NOWARN site=__alloc_skb+0x8e\n"
			       "f 0 t=3 ns=2000 ev=kmalloc site=skb_free_head+0x30\n"
			       "f -1 t=0\n", &t), 0);
	ck_assert_uint_eq(t->nr_ops, 3);
	ck_assert_uint_eq(t->nr_allocs, 1);
	ck_assert_uint_eq(t->nr_frees, 2);
	ck_assert_uint_eq(t->max_size, 640);
	ck_assert_uint_eq(t->nr_threads, 4);
	kml_trace_free(t);
	REFUSE("kmemlab-trace 2\na 0 8 site=\n", -EINVAL,
	       "line 2: bad field 'site=' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)");
	REFUSE("kmemlab-trace 2\na 0 8 SITE=x\n", -EINVAL,
	       "line 2: bad field 'SITE=x' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)");
	REFUSE("kmemlab-trace 1\na 0 8 ev=kmalloc\n", -EINVAL,
	       "line 2: trailing garbage 'ev=kmalloc'");
	REFUSE("2\n1\na 0 8 ev=kmalloc\n", -EINVAL,
	       "line 3: trailing garbage 'ev=kmalloc'");
}
END_TEST

START_TEST(test_tracefile_rejects_malformed_lines)
{
	/* .rep */
	REFUSE("2\n2\nx 0 8\nf 0\n", -EINVAL,
	       "line 3: bad op 'x' (expected a, f or r)");
	REFUSE("2\n2\na 0\nf 0\n", -EINVAL, "line 3: missing size");
	REFUSE("2\n2\na\nf 0\n", -EINVAL, "line 3: missing id");
	REFUSE("2\n2\na 0 8x\nf 0\n", -EINVAL, "line 3: bad size '8x'");
	REFUSE("2\n2\na -1 8\nf 0\n", -EINVAL, "line 3: bad id '-1'");
	REFUSE("2\n2\na 0 0\nf 0\n", -EINVAL,
	       "line 3: size 0 of an allocation (sizes start at 1)");
	REFUSE("2\n2\na 0 18446744073709551616\nf 0\n", -EINVAL,
	       "line 3: bad size '18446744073709551616'");
	REFUSE("2\n2\na 0 8\nf -2\n", -EINVAL, "line 4: bad id '-2'");
	REFUSE("2\n2\na 0 8\nf -1 3\n", -EINVAL,
	       "line 4: trailing garbage '3'");
	REFUSE("2\n2\nr -1 8\nf 0\n", -EINVAL, "line 3: bad id '-1'");
	REFUSE("2\n2\na 2 8\nf 2\n", -EINVAL,
	       "line 3: id 2 out of range (ids below 2)");
	REFUSE("1\n2\na 0 8\nf 1\n", -EINVAL,
	       "line 4: id 1 out of range (ids below 1)");
	REFUSE("2\n2\na 0 8\nf 1\n", -EINVAL,
	       "line 4: free of id 1 that is not live");
	REFUSE("2\n3\na 0 8\nf 0\nf 0\n", -EINVAL,
	       "line 5: free of id 0 that is not live");
	REFUSE("2\n2\na 0 8\na 0 8\n", -EINVAL,
	       "line 4: alloc of id 0 that is already live");
	REFUSE("2\n2\na 0 8 9\nf 0\n", -EINVAL,
	       "line 3: trailing garbage '9'");
	REFUSE("2\n2\nf 0 8\n", -EINVAL, "line 3: trailing garbage '8'");
	REFUSE("1\n2\n3\na 0 8\n", -EINVAL,
	       "line 1: header has 3 lines (expected 2 or 4)");
	REFUSE("1\n2\n3\n4\n5\na 0 8\n", -EINVAL,
	       "line 5: header longer than 4 lines");
	REFUSE("5\n", -EINVAL, "line 1: header has 1 lines (expected 2 or 4)");
	REFUSE("2\n1 1\na 0 8\n", -EINVAL,
	       "line 2: bad header line (expected one number)");
	REFUSE("2\n2\n# comment\na 0 8\n", -EINVAL,
	       "line 3: bad op '#' (expected a, f or r)");
	REFUSE("2\n0\n", -EINVAL, "no operations");
	REFUSE("# hello\n2\n1\na 0 8\n", -EINVAL,
	       "line 1: comment before a .rep header (comments need the 'kmemlab-trace 1' header)");
	REFUSE("", -EINVAL, "no operations");
	REFUSE("2000000\n1\na 0 8\n", -E2BIG,
	       "line 1: num_ids 2000000 above the bound 1048576");
	/* native */
	REFUSE("kmemlab-trace 3\na 0 8\n", -EINVAL,
	       "line 1: unsupported native version (expected 'kmemlab-trace 1' or '2')");
	REFUSE("kmemlab-trace 1 x\na 0 8\n", -EINVAL,
	       "line 1: trailing garbage 'x'");
	REFUSE("kmemlab-trace 1\na 1048576 8\n", -EINVAL,
	       "line 2: id 1048576 out of range (ids below 1048576)");
	REFUSE("kmemlab-trace 1\na 0 8\nz\n", -EINVAL,
	       "line 3: bad op 'z' (expected a, f or r)");
	REFUSE("kmemlab-trace 1\n", -EINVAL, "no operations");
	REFUSE("kmemlab-trace 1\na 0 99999999999999999999\n", -EINVAL,
	       "line 2: bad size '99999999999999999999'");
}
END_TEST

/*
 * Errors quote the trace's words as the command parser quotes a command's:
 * control bytes (an escape sequence that would retitle a terminal, a CR
 * left over from CRCRLF) become '?', and a long word is cut at 40 bytes.
 */
START_TEST(test_tracefile_errors_show_no_control_bytes)
{
	REFUSE("kmemlab-trace 1\n\033]0;owned\007 0 8\n", -EINVAL,
	       "line 2: bad op '?]0;owned?' (expected a, f or r)");
	REFUSE("2\n1\na 0 8\r\r\n", -EINVAL, "line 3: bad size '8?'");
	REFUSE("2\n1\na \0330 8\n", -EINVAL, "line 3: bad id '?0'");
	REFUSE("2\n1\na 0 8 \x7f\n", -EINVAL, "line 3: trailing garbage '?'");
	REFUSE("2\n1\nf -1 \x01\n", -EINVAL, "line 3: trailing garbage '?'");
	REFUSE("kmemlab-trace 1 \x9b" "2J\na 0 8\n", -EINVAL,
	       "line 1: trailing garbage '?2J'");
	REFUSE("2\n1\na 0 1234567890123456789012345678901234567890x\n",
	       -EINVAL,
	       "line 3: bad size '1234567890123456789012345678901234567890...'");
}
END_TEST

START_TEST(test_tracefile_rejects_nul_and_bounds)
{
	struct kml_trace *t;
	struct kml_out err;
	static const char nul[] = "2\n1\na 0\0 8\n";
	char *big;
	size_t i, n = KML_TRACE_MAX_OPS + 10;

	kml_out_init(&err, msg, sizeof(msg));
	ck_assert_int_eq(kml_trace_parse(nul, sizeof(nul) - 1, &t, &err),
			 -EINVAL);
	ck_assert_str_eq(msg, "line 3: NUL byte");

	kml_out_init(&err, msg, sizeof(msg));
	ck_assert_int_eq(kml_trace_parse("x", KML_TRACE_MAX_BYTES + 1, &t,
					 &err), -E2BIG);
	ck_assert_str_eq(msg, "trace of 16777217 bytes above the bound 16777216");

	/* more than 1M op lines ("f 0\n", 4 bytes each, fits in 16 MiB) */
	big = malloc(n * 4 + 32);
	ck_assert_ptr_nonnull(big);
	strcpy(big, "kmemlab-trace 1\n");
	for (i = 0; i < n; i++)
		memcpy(big + 16 + i * 4, "f 0\n", 4);
	kml_out_init(&err, msg, sizeof(msg));
	ck_assert_int_eq(kml_trace_parse(big, 16 + n * 4, &t, &err), -E2BIG);
	ck_assert_str_eq(msg, "more than 1048576 operations");
	free(big);
}
END_TEST

START_TEST(test_tracefile_large_balanced_trace)
{
	size_t n = 200000, i, len = 0;
	char *buf = malloc(n * 24 + 64);
	struct kml_trace *t;
	struct kml_out err;

	ck_assert_ptr_nonnull(buf);
	len += sprintf(buf, "0\n%zu\n%zu\n1\n", n / 2, n);
	for (i = 0; i < n / 2; i++)
		len += sprintf(buf + len, "a %zu %zu\n", i, 1 + i % 5000);
	for (i = 0; i < n / 2; i++)
		len += sprintf(buf + len, "f %zu\n", n / 2 - 1 - i);
	kml_out_init(&err, msg, sizeof(msg));
	ck_assert_int_eq(kml_trace_parse(buf, len, &t, &err), 0);
	ck_assert_uint_eq(t->nr_ops, n);
	ck_assert_uint_eq(t->max_live, n / 2);
	ck_assert_uint_eq(t->live_at_end, 0);
	kml_trace_free(t);
	free(buf);
}
END_TEST

/* realloc(NULL, n): "r ID SIZE" of an id that is not live allocates. */
START_TEST(test_tracefile_realloc_of_dead_id_allocates)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("3\n5\nr 1 100\na 0 8\nr 1 200\nf 1\n"
			       "r 1 50\n", &t), 0);
	ck_assert_uint_eq(t->nr_ops, 5);
	ck_assert_uint_eq(t->nr_reallocs, 3);
	ck_assert_uint_eq(t->nr_realloc_new, 2);
	ck_assert_uint_eq(t->ops[0].op, KML_TOP_REALLOC);
	ck_assert_uint_eq(t->ops[0].id, 1);
	ck_assert_uint_eq(t->ops[0].size, 100);
	ck_assert_uint_eq(t->max_live, 2);
	ck_assert_uint_eq(t->peak_bytes, 208);
	ck_assert_uint_eq(t->live_at_end, 2);	/* 0 and the last realloc */
	kml_trace_free(t);
}
END_TEST

/* free(NULL): "f -1" is counted and does nothing. */
START_TEST(test_tracefile_free_null_is_a_counted_nop)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("1\n4\nf -1\na 0 8\nf\t-1  \r\nf 0\n", &t),
			 0);
	ck_assert_uint_eq(t->nr_ops, 4);
	ck_assert_uint_eq(t->nr_frees, 3);
	ck_assert_uint_eq(t->nr_free_null, 2);
	ck_assert_uint_eq(t->ops[0].op, KML_TOP_NOP);
	ck_assert_uint_eq(t->ops[2].op, KML_TOP_NOP);
	ck_assert_uint_eq(t->ops[3].op, KML_TOP_FREE);
	ck_assert_uint_eq(t->live_at_end, 0);
	kml_trace_free(t);
	/* a trace of free(NULL)s only has ops, and nothing live */
	ck_assert_int_eq(parse("kmemlab-trace 1\nf -1\n", &t), 0);
	ck_assert_uint_eq(t->nr_ops, 1);
	ck_assert_uint_eq(t->nr_ids, 1);	/* a working set of one slot */
	ck_assert_uint_eq(t->max_live, 0);
	kml_trace_free(t);
}
END_TEST

/* realloc(p, 0) frees p (glibc); realloc(NULL, 0) is free(NULL). */
START_TEST(test_tracefile_realloc_to_zero_frees)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("20000\n2\n5\n1\na 0 64\nr 0 0\nr 0 0\n"
			       "a 0 32\nr 1 0\n", &t), 0);
	ck_assert_uint_eq(t->nr_ops, 5);
	ck_assert_uint_eq(t->nr_reallocs, 3);
	ck_assert_uint_eq(t->nr_realloc_free, 1);
	ck_assert_uint_eq(t->nr_free_null, 2);
	ck_assert_uint_eq(t->ops[1].op, KML_TOP_FREE);
	ck_assert_uint_eq(t->ops[1].id, 0);
	ck_assert_uint_eq(t->ops[2].op, KML_TOP_NOP);
	ck_assert_uint_eq(t->ops[3].op, KML_TOP_ALLOC);	/* 0 is dead again */
	ck_assert_uint_eq(t->ops[4].op, KML_TOP_NOP);
	ck_assert_uint_eq(t->live_at_end, 1);
	ck_assert_uint_eq(t->peak_bytes, 64);
	kml_trace_free(t);
}
END_TEST

/* A header's num_ops that disagrees with the body: the body, flagged. */
START_TEST(test_tracefile_header_op_count_follows_the_body)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("2\n3\na 0 8\nf 0\n", &t), 0);
	ck_assert_uint_eq(t->nr_ops, 2);
	ck_assert_uint_eq(t->hdr_ops, 3);
	ck_assert(t->hdr_ops_differ);
	kml_trace_free(t);
	ck_assert_int_eq(parse("0\n2\n1\n1\na 0 8\nf 0\n", &t), 0);
	ck_assert_uint_eq(t->nr_ops, 2);
	ck_assert_uint_eq(t->hdr_ops, 1);
	ck_assert(t->hdr_ops_differ);
	kml_trace_free(t);
	ck_assert_int_eq(parse("2\n2\na 0 8\nf 0\n", &t), 0);
	ck_assert(!t->hdr_ops_differ);
	kml_trace_free(t);
}
END_TEST

/* Sizes no backend may serve are the backends' failures, not errors. */
START_TEST(test_tracefile_sizes_above_an_object)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("1\n3\na 0 8388608\nr 0 1073741824\nf 0\n",
			       &t), 0);
	ck_assert_uint_eq(t->max_size, 1073741824);
	ck_assert_uint_eq(t->peak_bytes, 1073741824);
	ck_assert_uint_eq(t->nr_oversize, 0);
	kml_trace_free(t);

	/*
	 * CS:APP's giant traces (15-213 syn-giant*.rep) ask for up to
	 * 2^64 - 1 bytes: kept as requests no backend serves, outside the
	 * peaks that size a replay's pools; their ids live until freed.
	 */
	ck_assert_int_eq(parse("0\n3\n6\n0\na 0 18446744073709551615\n"
			       "a 1 24\nr 1 1073741825\nr 0 16\nf 0\nf 1\n",
			       &t), 0);
	ck_assert_uint_eq(t->nr_oversize, 2);
	ck_assert_uint_eq(t->max_size, 24);
	ck_assert_uint_eq(t->peak_bytes, 40);
	ck_assert_uint_eq(t->ops[0].size, KML_TRACE_OVERSIZE);
	ck_assert_uint_eq(t->ops[2].size, KML_TRACE_OVERSIZE);
	ck_assert_uint_eq(t->ops[3].size, 16);
	ck_assert_uint_eq(t->nr_allocs, 2);
	ck_assert_uint_eq(t->live_at_end, 0);
	kml_trace_free(t);
}
END_TEST

/*
 * Version 2 of the native format: t=, al= and ns= after an op, in any
 * order; version 1 files stay as they were (a field there is garbage).
 */
START_TEST(test_tracefile_native_v2_fields)
{
	struct kml_trace *t;

	ck_assert_int_eq(parse("kmemlab-trace 2\n"
			       "a 0 100 t=0 ns=10\n"
			       "a 1 64 al=64 t=3 ns=11\n"
			       "r 0 200 ns=12 t=1\n"
			       "f -1 t=2\n"
			       "f 1 t=0\n"
			       "a 2 8\n", &t), 0);
	ck_assert_int_eq(t->format, KML_TRACE_NATIVE);
	ck_assert_uint_eq(t->version, 2);
	ck_assert_uint_eq(t->nr_ops, 6);
	ck_assert_uint_eq(t->nr_threads, 4);
	ck_assert_uint_eq(t->nr_aligned, 1);
	ck_assert_uint_eq(t->ops[0].thread, 0);
	ck_assert_uint_eq(t->ops[1].thread, 3);
	ck_assert_uint_eq(t->ops[1].align_log2, 6);
	ck_assert_uint_eq(t->ops[1].size, 64);
	ck_assert_uint_eq(t->ops[2].thread, 1);
	ck_assert_uint_eq(t->ops[2].op, KML_TOP_REALLOC);
	ck_assert_uint_eq(t->ops[3].thread, 2);
	ck_assert_uint_eq(t->ops[3].op, KML_TOP_NOP);
	ck_assert_uint_eq(t->ops[4].op, KML_TOP_FREE);
	ck_assert_uint_eq(t->ops[5].thread, 0);
	ck_assert_uint_eq(t->ops[5].align_log2, 0);
	kml_trace_free(t);
	/* version 1: unchanged, no thread column */
	ck_assert_int_eq(parse("kmemlab-trace 1\na 0 8\nf 0\n", &t), 0);
	ck_assert_uint_eq(t->version, 1);
	ck_assert_uint_eq(t->nr_threads, 0);
	kml_trace_free(t);
	REFUSE("kmemlab-trace 1\na 0 8 t=1\n", -EINVAL,
	       "line 2: trailing garbage 't=1'");
	REFUSE("kmemlab-trace 2\na 0 8 x=1\n", -EINVAL,
	       "line 2: bad field 'x=1' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)");
	REFUSE("kmemlab-trace 2\na 0 8 t=1 t=2\n", -EINVAL,
	       "line 2: field 't=' given twice");
	REFUSE("kmemlab-trace 2\na 0 8 t=65536\n", -EINVAL,
	       "line 2: thread 65536 out of range (below 65536)");
	REFUSE("kmemlab-trace 2\na 0 8 t=\n", -EINVAL,
	       "line 2: bad field 't=' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)");
	REFUSE("kmemlab-trace 2\na 0 8 t=-1\n", -EINVAL,
	       "line 2: bad value 't=-1'");
	REFUSE("kmemlab-trace 2\na 0 8 al=48\n", -EINVAL,
	       "line 2: alignment 48 is not a power of two up to 1073741824");
	REFUSE("kmemlab-trace 2\na 0 8 al=0\n", -EINVAL,
	       "line 2: alignment 0 is not a power of two up to 1073741824");
	REFUSE("kmemlab-trace 2\na 0 8\nf 0 al=8\n", -EINVAL,
	       "line 3: al= on an op that is not 'a'");
	REFUSE("kmemlab-trace 2\na 0 8 ns=1x\n", -EINVAL,
	       "line 2: bad value 'ns=1x'");
}
END_TEST

static Suite *tracefile_suite(void)
{
	Suite *s = suite_create("tracefile");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_tracefile_rep_four_line_header);
	tcase_add_test(tc, test_tracefile_rep_two_line_header_crlf_blank);
	tcase_add_test(tc, test_tracefile_native_with_comments);
	tcase_add_test(tc, test_tracefile_native_fields);
	tcase_add_test(tc, test_tracefile_rejects_malformed_lines);
	tcase_add_test(tc, test_tracefile_errors_show_no_control_bytes);
	tcase_add_test(tc, test_tracefile_rejects_nul_and_bounds);
	tcase_add_test(tc, test_tracefile_large_balanced_trace);
	tcase_add_test(tc, test_tracefile_realloc_of_dead_id_allocates);
	tcase_add_test(tc, test_tracefile_free_null_is_a_counted_nop);
	tcase_add_test(tc, test_tracefile_realloc_to_zero_frees);
	tcase_add_test(tc, test_tracefile_header_op_count_follows_the_body);
	tcase_add_test(tc, test_tracefile_sizes_above_an_object);
	tcase_add_test(tc, test_tracefile_native_v2_fields);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(tracefile_suite());
}
