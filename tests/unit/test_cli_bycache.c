// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the split of a kernel recording by cache for 'kmemlab
 * replay --by-cache' (userspace/lib/tracegroup.c): frees follow their
 * allocation's group, page ops form one group, every op lands in exactly
 * one group with its line unchanged, and what cannot be grouped (a
 * version 1 or .rep trace, an allocation without cache=, a free of an id
 * that is not live) is an error naming its line. They link the CLI
 * library (build/san/libkmemlab-cli.a).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tracegroup.h"
#include "unit.h"

/* The tests below never need the engine. */
struct conn *cli_conn(struct cli_ctx *ctx, int *exit_code)
{
	*exit_code = CLI_EXIT_SKIP;
	return NULL;
}

static const struct tgroup *group(const struct tgroups *gs, const char *name)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		if (!strcmp(gs->g[i].name, name))
			return &gs->g[i];
	ck_abort_msg("no group %s", name);
	return NULL;
}

START_TEST(test_cli_bycache_frees_follow_their_allocation)
{
	/* tests/cli/data/kmem-events.txt as 'record --kernel --convert'
	 * writes it, with one more cache and an id reused across groups */
	static const char text[] =
		"# kmemlab record --kernel\n"
		"kmemlab-trace 2\n"
		"a 0 640 t=0 ns=0 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_KERNEL site=__alloc_skb+0x8e\n"
		"a 1 4096 t=1 ns=1000 ev=cache cache=names_cache alloc=4096 gfp=GFP_KERNEL site=getname_flags+0x4c\n"
		"f 0 t=0 ns=2000 ev=kmalloc site=skb_free_head+0x30\n"
		"f 1 t=1 ns=3000 ev=cache site=putname+0x50\n"
		"\n"
		"a 1 16384 t=1 ns=5000 ev=page cache=order-2 alloc=16384 gfp=GFP_KERNEL\n"
		"a 0 600 t=0 ns=6000 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_ATOMIC site=__alloc_skb+0x8e\n"
		"a 2 4096 t=3 ns=6500 ev=page cache=order-0 alloc=4096\r\n"
		"a 3 192 t=0 ns=6600 ev=cache cache=dentry alloc=192\n"
		"f 1 t=0 ns=7000 ev=page\n"
		"f 3 t=1 ns=7100 ev=cache\n";
	struct tgroups gs = { 0 };
	const struct tgroup *g;
	char err[256] = "";
	uint64_t ops = 0;
	size_t i;

	ck_assert_msg(!tgroup_split(text, strlen(text), &gs, err, sizeof(err)),
		      "%s", err);
	ck_assert_uint_eq(gs.n, 4);
	ck_assert_uint_eq(gs.ops, 10);
	ck_assert_uint_eq(gs.threads, 4);
	/* in the order of their first op */
	ck_assert_str_eq(gs.g[0].name, "kmalloc-1024");
	ck_assert_str_eq(gs.g[1].name, "names_cache");
	ck_assert_str_eq(gs.g[2].name, TGROUP_PAGES);
	ck_assert_str_eq(gs.g[3].name, "dentry");

	g = group(&gs, "kmalloc-1024");
	ck_assert(!g->pages);
	ck_assert_uint_eq(g->ops, 3);
	ck_assert_uint_eq(g->allocs, 2);
	ck_assert_uint_eq(g->frees, 1);
	ck_assert_uint_eq(g->max_alloc, 1024);
	ck_assert_uint_eq(g->max_req, 640);
	ck_assert_uint_eq(g->threads, 1);
	ck_assert_str_eq(g->text,
		"kmemlab-trace 2\n"
		"a 0 640 t=0 ns=0 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_KERNEL site=__alloc_skb+0x8e\n"
		"f 0 t=0 ns=2000 ev=kmalloc site=skb_free_head+0x30\n"
		"a 0 600 t=0 ns=6000 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_ATOMIC site=__alloc_skb+0x8e\n");

	g = group(&gs, "names_cache");
	ck_assert_uint_eq(g->ops, 2);
	ck_assert_uint_eq(g->threads, 2);

	/* both page orders in one group, the free of id 1 with them (its id
	 * was names_cache's before), the CR dropped */
	g = group(&gs, TGROUP_PAGES);
	ck_assert(g->pages);
	ck_assert_uint_eq(g->ops, 3);
	ck_assert_uint_eq(g->allocs, 2);
	ck_assert_uint_eq(g->frees, 1);
	ck_assert_uint_eq(g->max_alloc, 16384);
	ck_assert_uint_eq(g->threads, 4);
	ck_assert_str_eq(g->text,
		"kmemlab-trace 2\n"
		"a 1 16384 t=1 ns=5000 ev=page cache=order-2 alloc=16384 gfp=GFP_KERNEL\n"
		"a 2 4096 t=3 ns=6500 ev=page cache=order-0 alloc=4096\n"
		"f 1 t=0 ns=7000 ev=page\n");

	g = group(&gs, "dentry");
	ck_assert_uint_eq(g->ops, 2);
	ck_assert_uint_eq(g->max_alloc, 192);

	/* every op in exactly one group */
	for (i = 0; i < gs.n; i++)
		ops += gs.g[i].ops;
	ck_assert_uint_eq(ops, gs.ops);
	tgroup_free(&gs);
}
END_TEST

START_TEST(test_cli_bycache_size_without_alloc_and_reallocs)
{
	/* no alloc=: the largest SIZE; a realloc stays in its group and
	 * raises its largest size; free(NULL) has no group and is counted */
	static const char text[] =
		"kmemlab-trace 2\n"
		"a 7 100 cache=c1\n"
		"r 7 300\n"
		"f -1\n"
		"a 8 50 cache=c2 alloc=64\n"
		"r 7 0\n"
		"a 7 10 cache=c2\n";
	struct tgroups gs = { 0 };
	char err[256] = "";

	ck_assert_msg(!tgroup_split(text, strlen(text), &gs, err, sizeof(err)),
		      "%s", err);
	ck_assert_uint_eq(gs.n, 2);
	ck_assert_uint_eq(gs.ops, 6);
	ck_assert_uint_eq(gs.free_nulls, 1);
	ck_assert_uint_eq(gs.threads, 1);
	ck_assert_uint_eq(group(&gs, "c1")->ops, 3);
	ck_assert_uint_eq(group(&gs, "c1")->reallocs, 2);
	ck_assert_uint_eq(group(&gs, "c1")->max_alloc, 300);
	ck_assert_uint_eq(group(&gs, "c2")->ops, 2);
	ck_assert_uint_eq(group(&gs, "c2")->max_alloc, 64);
	tgroup_free(&gs);
}
END_TEST

static void split_fails(const char *text, const char *want)
{
	struct tgroups gs = { 0 };
	char err[256] = "";

	ck_assert_int_eq(tgroup_split(text, strlen(text), &gs, err, sizeof(err)),
			 -EINVAL);
	ck_assert_msg(strstr(err, want), "error '%s' lacks '%s'", err, want);
	tgroup_free(&gs);
	ck_assert_uint_eq(gs.n, 0);
	ck_assert_ptr_null(gs.g);
}

START_TEST(test_cli_bycache_what_cannot_be_grouped)
{
	split_fails("# c\nkmemlab-trace 1\na 0 8\n",
		    "line 2: native version 1 has no cache= field");
	split_fails("20000\n2\n2\n1\na 0 8\nf 0\n",
		    "line 1: not a kernel recording (expected the header 'kmemlab-trace 2'");
	split_fails("kmemlab-trace 2\na 0 8 t=0 cache=x\na 1 8 t=1 ns=5\n",
		    "line 3: allocation without cache=");
	split_fails("kmemlab-trace 2\na 0 8 cache=x\nf 1\n",
		    "line 3: free of id 1 that is not live");
	split_fails("kmemlab-trace 2\na 0 8 cache=x\nr 2 8\n",
		    "line 3: realloc of id 2 that is not live");
	split_fails("kmemlab-trace 2\na 0 8 cache=x\na 0 8 cache=x\n",
		    "line 3: alloc of id 0 that is already live");
	split_fails("kmemlab-trace 2\n# only comments\n", "no operations");
	split_fails("kmemlab-trace 2\nf -1\n", "no allocation");
	split_fails("", "no operations");
}
END_TEST

static Suite *cli_bycache_suite(void)
{
	Suite *s = suite_create("cli_bycache");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_cli_bycache_frees_follow_their_allocation);
	tcase_add_test(tc, test_cli_bycache_size_without_alloc_and_reallocs);
	tcase_add_test(tc, test_cli_bycache_what_cannot_be_grouped);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(cli_bycache_suite());
}
