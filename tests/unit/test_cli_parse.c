// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the CLI's parsing: /proc/buddyinfo rows (and malformed
 * lines with their numbers), 'kmemlab frag' in the kernel's extfrag
 * formats on hand-computed rows, the heapmap view and its picture, and the
 * parse_* option helpers. They link the CLI library and the object of
 * the view subcommands (cmd/views.c), which the Makefile names.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "cli.h"
#include "commands.h"
#include "conn.h"
#include "emit.h"
#include "heapdraw.h"
#include "heapmap.h"
#include "jobrun.h"
#include "json.h"
#include "procfs.h"
#include "unit.h"
#include "workloads.h"

/* The tests below never need the engine. */
struct conn *cli_conn(struct cli_ctx *ctx, int *exit_code)
{
	*exit_code = CLI_EXIT_SKIP;
	return NULL;
}

START_TEST(test_cli_buddyinfo_parses_kernel_rows)
{
	struct buddy_table t;
	char err[256], *text;
	size_t len;

	ck_assert_int_eq(cli_read_file("tests/data/buddyinfo-host.txt", &text, &len), 0);
	ck_assert_int_eq(buddyinfo_parse(text, len, "b", &t, err, sizeof(err)), 0);
	free(text);
	ck_assert_uint_eq(t.nr, 3);
	ck_assert_int_eq(t.rows[2].node, 0);
	ck_assert_str_eq(t.rows[2].zone, "Normal");
	ck_assert_uint_eq(t.rows[2].nr_orders, 11);
	ck_assert_uint_eq(t.rows[2].nr_free[0], 3977);
	ck_assert_uint_eq(t.rows[2].nr_free[10], 441);
	ck_assert_uint_eq(t.rows[0].nr_free[8], 1);
	buddy_table_free(&t);
}
END_TEST

static const struct {
	const char *text;
	const char *err;
} bad_buddy[] = {
	{ "", "f:1: empty file, expected 'Node N, zone NAME ...' rows" },
	{ "Nod 0, zone DMA 1 2\n", "f:1: expected 'Node'" },
	{ "Node 0 zone DMA 1 2\n", "f:1: expected a node number and ','" },
	{ "Node x, zone DMA 1 2\n", "f:1: expected a node number and ','" },
	{ "Node 0, zonE DMA 1 2\n", "f:1: expected 'zone'" },
	{ "Node 0, zone DMA\n", "f:1: no counts after the zone name" },
	{ "Node 0, zone DMA 1 2\nNode 0, zone Normal 1 -2\n",
	  "f:2: expected an unsigned count of free blocks" },
	{ "Node 0, zone DMA 1 2\nNode 0, zone Normal 1 2 3\n",
	  "f:2: 3 orders, but line 1 has 2" },
	{ "Node 0, zone DMA 1 2\n\n", "f:2: expected 'Node'" },
};

START_TEST(test_cli_buddyinfo_rejects_malformed_with_line)
{
	struct buddy_table t;
	char err[256];

	ck_assert_int_eq(buddyinfo_parse(bad_buddy[_i].text, strlen(bad_buddy[_i].text),
					 "f", &t, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, bad_buddy[_i].err);
	ck_assert_ptr_null(t.rows);
}
END_TEST

static const struct cli_command frag_cmd = {
	"frag", NULL, "", NULL, frag_opts, CLI_F_JSON | CLI_F_CSV, cmd_frag, NULL,
};
static const struct cli_command buddyinfo_cmd = {
	"buddyinfo", NULL, "", NULL, buddyinfo_opts, CLI_F_JSON | CLI_F_CSV,
	cmd_buddyinfo, NULL,
};

/* Run @cmd with @args (NULL-terminated) in @fmt; Return: its output. */
static char *run(const struct cli_command *cmd, enum cli_format fmt,
		 const char *const *args, int *rc)
{
	char *argv[16], *buf = NULL;
	struct cli_ctx ctx = { .cmd = cmd, .fmt = fmt };
	size_t n = 0;
	int argc = 0;

	argv[argc++] = (char *)cmd->name;
	while (*args)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	ctx.out = open_memstream(&buf, &n);
	*rc = cmd->run(&ctx, argc, argv);
	fclose(ctx.out);
	return buf;
}

START_TEST(test_cli_frag_kernel_formats)
{
	static const char *const args[] = {
		"--kernel", "--file", "tests/data/buddyinfo-host.txt", NULL,
	};
	char *out;
	int rc;

	out = run(&frag_cmd, CLI_FMT_TEXT, args, &rc);
	ck_assert_int_eq(rc, 0);
	/*
	 * DMA: 1, 1, 3 blocks of orders 8, 9, 10 = 3840 free pages. Order 9
	 * requests can use 1 + 2 x 3 = 7 blocks = 3584 pages: (3840 - 3584)
	 * / 3840 = 0.066; order 10 can use 3 = 3072 pages: 0.200. Normal:
	 * 515823 free pages, 441 x 1024 usable at order 10: 0.124.
	 */
	ck_assert_ptr_nonnull(strstr(out, "unusable_index:\nNode 0, zone      DMA "
				     "0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 "
				     "0.000 0.066 0.200 \n"));
	ck_assert_ptr_nonnull(strstr(out, "zone   Normal 0.000 0.007 0.025 0.045 0.066 "
				     "0.083 0.093 0.105 0.116 0.123 0.124 \n"));
	/* every zone can serve every order: the kernel's -1.000 */
	ck_assert_ptr_nonnull(strstr(out, "extfrag_index:\nNode 0, zone      DMA -1.000 "
				     "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 "
				     "-1.000 -1.000 -1.000 \n"));
	free(out);
}
END_TEST

START_TEST(test_cli_frag_negative_index_printed_like_kernel)
{
	char path[] = "/tmp/kml-buddyinfo-XXXXXX";
	const char *args[] = { "--kernel", "-f", path, NULL };
	int rc, fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	char *out;

	/* one free order-0 page, two orders: an order-1 request fails and
	 * 1000 - (1000 + 1 * 1000 / 2) / 1 = -500, which the kernel's
	 * "%2d.%03d" of -500 / 1000 and -500 % 1000 prints as " 0.-500" */
	ck_assert_ptr_nonnull(f);
	fputs("Node 0, zone      one      1      0 \n", f);
	fclose(f);
	out = run(&frag_cmd, CLI_FMT_TEXT, args, &rc);
	remove(path);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "unusable_index:\nNode 0, zone      one 0.000 1.000 \n"
			 "extfrag_index:\nNode 0, zone      one -1.000  0.-500 \n");
	free(out);
}
END_TEST

START_TEST(test_cli_buddyinfo_json_and_csv)
{
	static const char *const args[] = {
		"--kernel", "--file", "tests/data/buddyinfo-host.txt", NULL,
	};
	char err[128], *out;
	struct jv *v;
	int rc;

	out = run(&buddyinfo_cmd, CLI_FMT_JSON, args, &rc);
	ck_assert_int_eq(rc, 0);
	v = jv_parse(out, strlen(out), err, sizeof(err));
	ck_assert_msg(v != NULL, "%s", err);
	ck_assert_uint_eq(v->len, 3);
	ck_assert_str_eq(jv_strv(&v->items[1], "zone", ""), "DMA32");
	ck_assert(jv_get(&v->items[1], "free_blocks")->items[10].num == 751);
	jv_free(v);
	free(out);
	out = run(&buddyinfo_cmd, CLI_FMT_CSV, args, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_ptr_nonnull(strstr(out, "source,node,zone,order0_free_blocks,"));
	ck_assert_ptr_nonnull(strstr(out, "\nkernel,0,DMA,0,0,0,0,0,0,0,0,1,1,3\n"));
	free(out);
}
END_TEST

START_TEST(test_cli_buddyinfo_text_round_trips)
{
	static const char *const args[] = {
		"--kernel", "--file", "tests/data/buddyinfo-host.txt", NULL,
	};
	char *out, *in;
	size_t len;
	int rc;

	out = run(&buddyinfo_cmd, CLI_FMT_TEXT, args, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(cli_read_file("tests/data/buddyinfo-host.txt", &in, &len), 0);
	ck_assert_str_eq(out, in);	/* the kernel's own row format */
	free(in);
	free(out);
}
END_TEST

START_TEST(test_cli_heapmap_parse_and_draw)
{
	struct heapmap hm;
	char err[256], *text, *buf = NULL;
	size_t len, n = 0;
	FILE *f;

	ck_assert_int_eq(cli_read_file("tests/data/heapmap-ff.txt", &text, &len), 0);
	ck_assert_int_eq(heapmap_parse(text, len, "h", &hm, err, sizeof(err)), 0);
	free(text);
	ck_assert_str_eq(hm.policy, "first-fit");
	ck_assert_uint_eq(hm.region, 4096);
	ck_assert_uint_eq(hm.nr, 5);
	ck_assert_uint_eq(hm.blocks[3].offset, 464);
	ck_assert_uint_eq(hm.blocks[3].request, 1000);
	ck_assert_int_eq(hm.blocks[2].state, HM_FREE);
	ck_assert_uint_eq(hm.total_free, 2688);
	f = open_memstream(&buf, &n);
	heapmap_draw(f, &hm, 42, false, false);
	fclose(f);
	/*
	 * 40 cells of 102.4 bytes: A [0,104) takes cell 0; B [104,408)
	 * starts in cell 1 and holds cells 2-3; the free 56 bytes at 408
	 * lose cell 4 to C, which starts there; C [464,1464) holds cells
	 * 4-13; cell 14 (1433..1536) has its middle in the free tail.
	 */
	ck_assert_str_eq(buf,
		"heap first-fit: region 4096 B, align 8, header 0, list address, "
		"coalesce on, 5 blocks (3 used)\n"
		"|ABBBCCCCCCCCCC..........................|\n"
		"0                                     4096\n"
		"used: A=100@0 B=300@104 C=1000@464  (label[/handle]=requested bytes@offset)\n"
		"free 2688 B, largest free block 2632 B, largest free run 2632 B, "
		"external fragmentation 2.0%\n");
	free(buf);
	heapmap_free(&hm);
}
END_TEST

static const struct {
	const char *text;
	const char *err;
} bad_heap[] = {
	{ "heap x\n", "h:1: expected 'heap POLICY: region N base N align N ...'" },
	{ "heap ff: region 64 base 0 align 8 header 0 min_split 8 list address coalesce on\n"
	  "nothing\n", "h:2: expected the 'offset address size state' header" },
	{ "heap ff: region 64 base 0 align 8 header 0 min_split 8 list address coalesce on\n"
	  " offset address size state request\n0 0 32 used 30\n40 40 24 free\n",
	  "h:4: block does not start where the previous one ends" },
	{ "heap ff: region 64 base 0 align 8 header 0 min_split 8 list address coalesce on\n"
	  " offset address size state request\n0 0 32 used 30\n32 32 16 free\n",
	  "h:4: blocks do not cover the region of 64 bytes" },
	{ "heap ff: region 64 base 0 align 8 header 0 min_split 8 list address coalesce on\n"
	  " offset address size state request\n0 0 64 lost 30\n",
	  "h:3: malformed block row '0 0 64 lost 30'" },
};

START_TEST(test_cli_heapmap_rejects_malformed)
{
	struct heapmap hm;
	char err[256];

	ck_assert_int_eq(heapmap_parse(bad_heap[_i].text, strlen(bad_heap[_i].text), "h",
				       &hm, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, bad_heap[_i].err);
}
END_TEST

START_TEST(test_cli_parse_options)
{
	unsigned int ms = 0;
	uint64_t v = 0;

	ck_assert_int_eq(parse_u64("t", "4K", 0, UINT64_MAX, &v), 0);
	ck_assert_uint_eq(v, 4096);
	ck_assert_int_eq(parse_u64("t", "0x10", 0, 100, &v), 0);
	ck_assert_uint_eq(v, 16);
	ck_assert_int_eq(parse_u64("t", "2G", 0, UINT64_MAX, &v), 0);
	ck_assert_uint_eq(v, 2ULL << 30);
	ck_assert_int_eq(parse_u64("t", "5Q", 0, 100, &v), -1);
	ck_assert_int_eq(parse_u64("t", "-1", 0, 100, &v), -1);
	ck_assert_int_eq(parse_u64("t", "", 0, 100, &v), -1);
	ck_assert_int_eq(parse_u64("t", "101", 0, 100, &v), -1);
	ck_assert_int_eq(parse_u64("t", "99999999999999999999", 0, UINT64_MAX, &v), -1);
	ck_assert_int_eq(parse_u64("t", "17179869184G", 0, UINT64_MAX, &v), -1);
	ck_assert_uint_eq(v, 2ULL << 30);	/* untouched on failure */
	ck_assert_int_eq(parse_interval("t", "2", &ms), 0);
	ck_assert_uint_eq(ms, 2000);
	ck_assert_int_eq(parse_interval("t", "0.5", &ms), 0);
	ck_assert_uint_eq(ms, 500);
	ck_assert_int_eq(parse_interval("t", "250ms", &ms), 0);
	ck_assert_uint_eq(ms, 250);
	ck_assert_int_eq(parse_interval("t", "1.25s", &ms), 0);
	ck_assert_uint_eq(ms, 1250);
	ck_assert_int_eq(parse_interval("t", "0", &ms), -1);
	ck_assert_int_eq(parse_interval("t", "0.0001", &ms), -1);
	ck_assert_int_eq(parse_interval("t", "2h", &ms), -1);
	ck_assert_int_eq(parse_interval("t", ".5", &ms), -1);
	ck_assert_int_eq(parse_interval("t", "1.", &ms), -1);
	ck_assert_uint_eq(ms, 1250);
	ck_assert_int_eq(parse_instance("t", "b-1.x_2"), 0);
	ck_assert_int_eq(parse_instance("t", "-x"), -1);
	ck_assert_int_eq(parse_instance("t", ".x"), -1);
	ck_assert_int_eq(parse_instance("t", "a/b"), -1);
	ck_assert_int_eq(parse_instance("t", ""), -1);
	ck_assert_int_eq(parse_instance("t", "0123456789012345678901234567890"), 0);
	ck_assert_int_eq(parse_instance("t", "01234567890123456789012345678901"), -1);
}
END_TEST

START_TEST(test_cli_getopt_table_and_help)
{
	static const char *const bad[] = { "--bogus", NULL };
	static const char *const both[] = { "--kernel", "--ours", NULL };
	static const char *const help[] = { "--help", NULL };
	char *out;
	int rc;

	out = run(&frag_cmd, CLI_FMT_TEXT, bad, &rc);
	ck_assert_int_eq(rc, CLI_EXIT_USAGE);
	free(out);
	out = run(&frag_cmd, CLI_FMT_TEXT, both, &rc);
	ck_assert_int_eq(rc, CLI_EXIT_USAGE);
	free(out);
	out = run(&frag_cmd, CLI_FMT_TEXT, help, &rc);
	ck_assert_int_eq(rc, CLI_EXIT_OK);
	/* every option of the table, and the common ones, are listed */
	/* long-only: -k and -o mean --keep and --output elsewhere */
	ck_assert_ptr_nonnull(strstr(out, "    --kernel"));
	ck_assert_ptr_nonnull(strstr(out, "    --ours"));
	ck_assert_ptr_null(strstr(out, "-k, --kernel"));
	ck_assert_ptr_null(strstr(out, "-o, --ours"));
	ck_assert_ptr_nonnull(strstr(out, "-f, --file PATH"));
	ck_assert_ptr_nonnull(strstr(out, "    --json"));
	ck_assert_ptr_nonnull(strstr(out, "    --csv"));
	ck_assert_ptr_nonnull(strstr(out, "-q, --quiet"));
	ck_assert_ptr_nonnull(strstr(out, "-h, --help"));
	free(out);
}
END_TEST

/* --- the engine's capability views, as the CLI reads them --------------- */

START_TEST(test_cli_caps_backends_view)
{
	static const char good[] =
		"buddy page ours keys=pool,zero,pcp,check max_pool=1073741824 max_size=4194304 slots=0 step=0 heapmap=0 desc=\"kmemlab buddy allocator\"\n"
		"best-fit heap ours keys=pool,align,header max_pool=4194304 max_size=4194304 slots=0 step=1 heapmap=1 desc=\"teaching heap, best fit\"\n"
		"glibc object real keys=none max_pool=1073741824 max_size=4194304 slots=0 step=0 heapmap=0 desc=\"glibc malloc/free\"\n";
	static struct caps c;
	const struct caps_backend *b;
	char err[160];

	ck_assert_int_eq(caps_parse_backends(&c, good, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.nbe, 3);
	b = caps_backend(&c, "best-fit");
	ck_assert_ptr_nonnull(b);
	ck_assert(caps_is_our_heap(b) && !caps_is_our_pages(b));
	ck_assert(b->step && b->heapmap && !b->slots);
	ck_assert_uint_eq(b->max_pool, 4194304);
	ck_assert_str_eq(b->desc, "teaching heap, best fit");
	ck_assert(caps_has(b->keys, "header") && !caps_has(b->keys, "head"));
	ck_assert(caps_is_our_pages(caps_backend(&c, "buddy")));
	ck_assert_str_eq(caps_backend(&c, "glibc")->keys, "");
	ck_assert(!caps_backend(&c, "glibc")->ours);
	ck_assert_ptr_null(caps_backend(&c, "slab"));
	/* a malformed line is refused with its number */
	ck_assert_int_eq(caps_parse_backends(&c, "buddy page ours keys=pool\nslab object mine keys=size\n",
					     err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 2: expected 'NAME FAMILY ours|real keys=...'");
	ck_assert_int_eq(caps_parse_backends(&c, "slab object ours\n", err,
					     sizeof(err)), -1);
}
END_TEST

/* The built-in engine's workloads view says what its table holds. */
/* A trace file's engine name: its basename, in the engine's alphabet. */
START_TEST(test_cli_trace_name_of_file)
{
	char name[32];

	trace_name_of("traces/frag-holes.rep", name, sizeof(name));
	ck_assert_str_eq(name, "frag-holes");
	trace_name_of("/tmp/My Trace.v2.rep", name, sizeof(name));
	ck_assert_str_eq(name, "my_trace_v2");
	trace_name_of("plain", name, sizeof(name));
	ck_assert_str_eq(name, "plain");
	trace_name_of("dir/.rep", name, sizeof(name));
	ck_assert_str_eq(name, "_rep");
	trace_name_of("dir/", name, sizeof(name));
	ck_assert_str_eq(name, "trace");
	trace_name_of("a-very-long-trace-file-name-beyond-31.rep", name, sizeof(name));
	ck_assert_str_eq(name, "a-very-long-trace-file-name-bey");
}
END_TEST

START_TEST(test_cli_caps_workloads_match_the_table)
{
	static struct caps c;
	char names[160], err[160];
	unsigned int i;

	ck_assert_int_eq(caps_local_workloads(&c), 0);
	ck_assert_uint_eq(c.nwl, kml_nr_workloads);
	ck_assert_uint_eq(c.default_ops, KML_RUN_DEFAULT_OPS);
	for (i = 0; i < kml_nr_workloads; i++) {
		const struct kml_workload *t = &kml_workloads[i];
		const struct caps_workload *w = caps_workload(&c, t->name);

		ck_assert_ptr_nonnull(w);
		ck_assert_str_eq(w->desc, t->desc);
		ck_assert_uint_eq(caps_has(w->keys, "size"),
				  !!(t->keys & KML_RKB(SIZE)));
		ck_assert_uint_eq(caps_has(w->keys, "trace"),
				  !!(t->keys & KML_RKB(TRACE)));
		if (t->keys & KML_RKB(SIZE))
			ck_assert_uint_eq(w->size, t->size);
		if (t->keys & KML_RKB(BATCH))
			ck_assert_uint_eq(w->batch, t->batch);
		ck_assert_uint_eq(w->max_other, t->max_other);
		ck_assert_uint_eq(w->phases, t->phases);
	}
	for (i = 0; i < KML_RK_NR; i++) {
		const struct caps_key *k = caps_key(&c, kml_run_keys[i].name);

		ck_assert_ptr_nonnull(k);
		ck_assert_uint_eq(k->has_def, kml_run_keys[i].has_def);
		if (kml_run_keys[i].type == KML_KT_NUM)
			ck_assert_uint_eq(k->max, kml_run_keys[i].max);
	}
	caps_workload_names(&c, true, names, sizeof(names));
	ck_assert_str_eq(names, "replay");
	ck_assert_int_eq(caps_parse_workloads(&c, "common on\n", err,
					      sizeof(err)), -1);
	ck_assert_str_eq(err, "line 1: no workload");
}
END_TEST

int main(void)
{

	Suite *s = suite_create("cli_parse");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_cli_buddyinfo_parses_kernel_rows);
	tcase_add_loop_test(tc, test_cli_buddyinfo_rejects_malformed_with_line, 0,
			    (int)(sizeof(bad_buddy) / sizeof(bad_buddy[0])));
	tcase_add_test(tc, test_cli_frag_kernel_formats);
	tcase_add_test(tc, test_cli_frag_negative_index_printed_like_kernel);
	tcase_add_test(tc, test_cli_buddyinfo_json_and_csv);
	tcase_add_test(tc, test_cli_buddyinfo_text_round_trips);
	tcase_add_test(tc, test_cli_heapmap_parse_and_draw);
	tcase_add_loop_test(tc, test_cli_heapmap_rejects_malformed, 0,
			    (int)(sizeof(bad_heap) / sizeof(bad_heap[0])));
	tcase_add_test(tc, test_cli_parse_options);
	tcase_add_test(tc, test_cli_getopt_table_and_help);
	tcase_add_test(tc, test_cli_caps_backends_view);
	tcase_add_test(tc, test_cli_caps_workloads_match_the_table);
	tcase_add_test(tc, test_cli_trace_name_of_file);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
