// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the teaching heaps (module/core/heap.c): OSTEP free-space
 * homework runs reproduced line for line, hand-worked placements for every
 * policy, segregated fits, the bump arena, coalescing, min_split, every
 * bad-free detection, views, the backend tables, and seeded property tests
 * against reference models (one of them malloc.py's own algorithm).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The core itself, not only its header: test_heap_validate_* reach into
 * the private tags to break invariants on purpose. The library's heap.o is
 * then not linked (every symbol it defines is defined here).
 */
#include "heap.c"
#include "ops.h"
#include "out.h"
#include "unit.h"

/* --- helpers -------------------------------------------------------------- */

static struct kml_heap *mk(enum kml_heap_policy policy, u64 region, u64 base,
			   u32 align, u32 header, u32 min_split,
			   enum kml_heap_order order, u32 flags)
{
	struct kml_params p = {
		.pool_bytes = region, .base = base, .align = align,
		.header = header, .min_split = min_split,
		.list_order = order, .flags = flags,
	};
	struct kml_heap *h = NULL;

	ck_assert_int_eq(kml_heap_create(policy, &p, 1, &h), 0);
	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	return h;
}

/* A heap set up as malloc.py -S size -b base -H header -a align. */
static struct kml_heap *ostep(enum kml_heap_policy policy, u64 size, u64 base,
			      u32 header, int align, enum kml_heap_order order,
			      bool coalesce)
{
	return mk(policy, size, base, align < 0 ? 1 : align, header, 1, order,
		  coalesce ? 0 : KML_F_NO_COALESCE);
}

/*
 * Run an operation list ("+10,-0,...") as malloc.py's -A loop does:
 * ptr[i] numbers allocations, a free of an index not below the number of
 * successful allocations is skipped, every step is rendered. With
 * KML_HEAP_RENDER_PAYLOAD it renders as the random-operation loop does.
 */
static void ostep_run(struct kml_heap *h, const char *ops, unsigned int flags,
		      char *buf, size_t len)
{
	struct kml_heap_step st;
	struct kml_out out;
	void *ptr[64];
	unsigned int c = 0, nok = 0;
	char *end;
	long v;

	kml_out_init(&out, buf, len);
	while (*ops) {
		char op = *ops++;

		v = strtol(ops, &end, 10);
		ops = *end == ',' ? end + 1 : end;
		if (op == '+') {
			ck_assert_uint_lt(c, 64);
			ptr[c] = kml_heap_alloc_step(h, v, &st);
			if (ptr[c])
				nok++;
			kml_heap_step_render(&st, c++, flags, &out);
		} else {
			ck_assert_int_eq(op, '-');
			/* -A mode only: malloc.py's random loop frees live ones */
			if (!(flags & KML_HEAP_RENDER_PAYLOAD) && v >= (long)nok) {
				kml_out_printf(&out, "Invalid Free: Skipping\n");
				continue;
			}
			kml_heap_free_step(h, ptr[v], 0, &st);
			kml_heap_step_render(&st, v, flags, &out);
		}
		ck_assert_uint_eq(kml_heap_validate(h), 0);
	}
	ck_assert(!out.overflow);
}

/* The free list right now, as malloc.py's dump() prints it. */
static void free_list_is(struct kml_heap *h, const char *want)
{
	struct kml_heap_step st;
	struct kml_out out;
	char buf[4096];

	kml_heap_list(h, &st);
	kml_out_init(&out, buf, sizeof(buf));
	kml_heap_step_render(&st, 0, KML_HEAP_RENDER_LIST, &out);
	ck_assert(!out.overflow);
	ck_assert_uint_gt(out.len, 0);
	buf[out.len - 1] = '\0';		/* drop the newline */
	ck_assert_str_eq(buf, want);
}

static u64 addr_of(struct kml_heap *h, const void *p)
{
	ck_assert_ptr_nonnull(p);
	return kml_heap_addr(h, p);
}

static u64 searched(struct kml_heap *h, size_t size, u64 *addr)
{
	struct kml_heap_step st;
	void *p = kml_heap_alloc_step(h, size, &st);

	*addr = p ? kml_heap_addr(h, p) : (u64)-1;
	if (p)
		ck_assert_uint_eq(st.addr, *addr);
	return st.searched;
}

/* --- OSTEP's free-space simulator, line for line ---------------------------- */

/*
 * Expected texts: the output of malloc.py (ostep-homework, vm-freespace) run
 * with the options in each comment, minus its banner of option values.
 */
/* malloc.py -S 100 -b 1000 -H 4 -a 4 -l ADDRSORT -p BEST -c -A +10,-0,+20,+5,-1,+3,+8,-2,+30,-3,+200 */
static const char ostep_best_addrsort[] =
	"ptr[0] = Alloc(10) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1016 sz:84 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1000 sz:16 ][ addr:1016 sz:84 ]\n"
	"\n"
	"ptr[1] = Alloc(20) returned 1016 (searched 2 elements)\n"
	"Free List [ Size 2 ]: [ addr:1000 sz:16 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[2] = Alloc(5) returned 1000 (searched 2 elements)\n"
	"Free List [ Size 2 ]: [ addr:1012 sz:4 ][ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 3 ]: [ addr:1012 sz:4 ][ addr:1016 sz:24 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[3] = Alloc(3) returned 1016 (searched 3 elements)\n"
	"Free List [ Size 3 ]: [ addr:1012 sz:4 ][ addr:1024 sz:16 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[4] = Alloc(8) returned 1024 (searched 3 elements)\n"
	"Free List [ Size 3 ]: [ addr:1012 sz:4 ][ addr:1036 sz:4 ][ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 4 ]: [ addr:1000 sz:12 ][ addr:1012 sz:4 ][ addr:1036 sz:4 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[5] = Alloc(30) returned 1040 (searched 4 elements)\n"
	"Free List [ Size 4 ]: [ addr:1000 sz:12 ][ addr:1012 sz:4 ][ addr:1036 sz:4 ][ addr:1076 sz:24 ]\n"
	"\n"
	"Free(ptr[3])\n"
	"returned 0\n"
	"Free List [ Size 5 ]: [ addr:1000 sz:12 ][ addr:1012 sz:4 ][ addr:1016 sz:8 ][ addr:1036 sz:4 ][ addr:1076 sz:24 ]\n"
	"\n"
	"ptr[6] = Alloc(200) returned -1 (searched 5 elements)\n"
	"Free List [ Size 5 ]: [ addr:1000 sz:12 ][ addr:1012 sz:4 ][ addr:1016 sz:8 ][ addr:1036 sz:4 ][ addr:1076 sz:24 ]\n"
	"\n"
	;

/* malloc.py -S 100 -b 1000 -H 4 -a 4 -l ADDRSORT -p FIRST -C -c -A +10,+20,+5,-1,-0,+12,+40,-2,-3,-4,+90 */
static const char ostep_first_addrsort_coalesce[] =
	"ptr[0] = Alloc(10) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1016 sz:84 ]\n"
	"\n"
	"ptr[1] = Alloc(20) returned 1016 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[2] = Alloc(5) returned 1040 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1052 sz:48 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1016 sz:24 ][ addr:1052 sz:48 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1000 sz:40 ][ addr:1052 sz:48 ]\n"
	"\n"
	"ptr[3] = Alloc(12) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 2 ]: [ addr:1016 sz:24 ][ addr:1052 sz:48 ]\n"
	"\n"
	"ptr[4] = Alloc(40) returned 1052 (searched 2 elements)\n"
	"Free List [ Size 2 ]: [ addr:1016 sz:24 ][ addr:1096 sz:4 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1016 sz:36 ][ addr:1096 sz:4 ]\n"
	"\n"
	"Free(ptr[3])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1000 sz:52 ][ addr:1096 sz:4 ]\n"
	"\n"
	"Free(ptr[4])\n"
	"returned 0\n"
	"Free List [ Size 1 ]: [ addr:1000 sz:100 ]\n"
	"\n"
	"ptr[5] = Alloc(90) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1096 sz:4 ]\n"
	"\n"
	;

/* malloc.py -S 100 -b 1000 -l SIZESORT- -p WORST -c -A +5,+10,+15,-1,+3,-0,+7,-2,+20,-4,+30 */
static const char ostep_worst_sizesort_desc[] =
	"ptr[0] = Alloc(5) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1005 sz:95 ]\n"
	"\n"
	"ptr[1] = Alloc(10) returned 1005 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1015 sz:85 ]\n"
	"\n"
	"ptr[2] = Alloc(15) returned 1015 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1030 sz:70 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1030 sz:70 ][ addr:1005 sz:10 ]\n"
	"\n"
	"ptr[3] = Alloc(3) returned 1030 (searched 2 elements)\n"
	"Free List [ Size 2 ]: [ addr:1033 sz:67 ][ addr:1005 sz:10 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 3 ]: [ addr:1033 sz:67 ][ addr:1005 sz:10 ][ addr:1000 sz:5 ]\n"
	"\n"
	"ptr[4] = Alloc(7) returned 1033 (searched 3 elements)\n"
	"Free List [ Size 3 ]: [ addr:1040 sz:60 ][ addr:1005 sz:10 ][ addr:1000 sz:5 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 4 ]: [ addr:1040 sz:60 ][ addr:1015 sz:15 ][ addr:1005 sz:10 ][ addr:1000 sz:5 ]\n"
	"\n"
	"ptr[5] = Alloc(20) returned 1040 (searched 4 elements)\n"
	"Free List [ Size 4 ]: [ addr:1060 sz:40 ][ addr:1015 sz:15 ][ addr:1005 sz:10 ][ addr:1000 sz:5 ]\n"
	"\n"
	"Free(ptr[4])\n"
	"returned 0\n"
	"Free List [ Size 5 ]: [ addr:1060 sz:40 ][ addr:1015 sz:15 ][ addr:1005 sz:10 ][ addr:1033 sz:7 ][ addr:1000 sz:5 ]\n"
	"\n"
	"ptr[6] = Alloc(30) returned 1060 (searched 5 elements)\n"
	"Free List [ Size 5 ]: [ addr:1090 sz:10 ][ addr:1015 sz:15 ][ addr:1005 sz:10 ][ addr:1033 sz:7 ][ addr:1000 sz:5 ]\n"
	"\n"
	;

/* malloc.py -S 64 -b 0 -l SIZESORT+ -p FIRST -a 2 -c -A +3,+8,+5,+4,-0,-2,+1,-1,+6,-4,-3,+9 */
static const char ostep_first_sizesort_asc[] =
	"ptr[0] = Alloc(3) returned 0 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:4 sz:60 ]\n"
	"\n"
	"ptr[1] = Alloc(8) returned 4 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:12 sz:52 ]\n"
	"\n"
	"ptr[2] = Alloc(5) returned 12 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:18 sz:46 ]\n"
	"\n"
	"ptr[3] = Alloc(4) returned 18 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:22 sz:42 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:0 sz:4 ][ addr:22 sz:42 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 3 ]: [ addr:0 sz:4 ][ addr:12 sz:6 ][ addr:22 sz:42 ]\n"
	"\n"
	"ptr[4] = Alloc(1) returned 0 (searched 1 elements)\n"
	"Free List [ Size 3 ]: [ addr:2 sz:2 ][ addr:12 sz:6 ][ addr:22 sz:42 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 4 ]: [ addr:2 sz:2 ][ addr:12 sz:6 ][ addr:4 sz:8 ][ addr:22 sz:42 ]\n"
	"\n"
	"ptr[5] = Alloc(6) returned 12 (searched 2 elements)\n"
	"Free List [ Size 3 ]: [ addr:2 sz:2 ][ addr:4 sz:8 ][ addr:22 sz:42 ]\n"
	"\n"
	"Free(ptr[4])\n"
	"returned 0\n"
	"Free List [ Size 4 ]: [ addr:2 sz:2 ][ addr:0 sz:2 ][ addr:4 sz:8 ][ addr:22 sz:42 ]\n"
	"\n"
	"Free(ptr[3])\n"
	"returned 0\n"
	"Free List [ Size 5 ]: [ addr:2 sz:2 ][ addr:0 sz:2 ][ addr:18 sz:4 ][ addr:4 sz:8 ][ addr:22 sz:42 ]\n"
	"\n"
	"ptr[6] = Alloc(9) returned 22 (searched 5 elements)\n"
	"Free List [ Size 5 ]: [ addr:2 sz:2 ][ addr:0 sz:2 ][ addr:18 sz:4 ][ addr:4 sz:8 ][ addr:32 sz:32 ]\n"
	"\n"
	;

/* malloc.py -S 100 -b 1000 -H 2 -l INSERT-FRONT -p FIRST -c -A +8,+8,+8,+8,-1,-3,+6,-0,+4,-5,+5,-2 */
static const char ostep_first_insert_front[] =
	"ptr[0] = Alloc(8) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1010 sz:90 ]\n"
	"\n"
	"ptr[1] = Alloc(8) returned 1010 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1020 sz:80 ]\n"
	"\n"
	"ptr[2] = Alloc(8) returned 1020 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1030 sz:70 ]\n"
	"\n"
	"ptr[3] = Alloc(8) returned 1030 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1010 sz:10 ][ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[3])\n"
	"returned 0\n"
	"Free List [ Size 3 ]: [ addr:1030 sz:10 ][ addr:1010 sz:10 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[4] = Alloc(6) returned 1030 (searched 1 elements)\n"
	"Free List [ Size 3 ]: [ addr:1038 sz:2 ][ addr:1010 sz:10 ][ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 4 ]: [ addr:1000 sz:10 ][ addr:1038 sz:2 ][ addr:1010 sz:10 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[5] = Alloc(4) returned 1000 (searched 1 elements)\n"
	"Free List [ Size 4 ]: [ addr:1006 sz:4 ][ addr:1038 sz:2 ][ addr:1010 sz:10 ][ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[5])\n"
	"returned 0\n"
	"Free List [ Size 5 ]: [ addr:1000 sz:6 ][ addr:1006 sz:4 ][ addr:1038 sz:2 ][ addr:1010 sz:10 ][ addr:1040 sz:60 ]\n"
	"\n"
	"ptr[6] = Alloc(5) returned 1010 (searched 4 elements)\n"
	"Free List [ Size 5 ]: [ addr:1000 sz:6 ][ addr:1006 sz:4 ][ addr:1038 sz:2 ][ addr:1017 sz:3 ][ addr:1040 sz:60 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 6 ]: [ addr:1020 sz:10 ][ addr:1000 sz:6 ][ addr:1006 sz:4 ][ addr:1038 sz:2 ][ addr:1017 sz:3 ][ addr:1040 sz:60 ]\n"
	"\n"
	;

/* malloc.py -S 50 -b 4096 -H 1 -a 8 -l INSERT-BACK -p BEST -c -A +7,+7,-0,-0,+7,+1,-1,-9,+60,-2 */
static const char ostep_best_insert_back_bad[] =
	"ptr[0] = Alloc(7) returned 4096 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:4105 sz:41 ]\n"
	"\n"
	"ptr[1] = Alloc(7) returned 4105 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:4114 sz:32 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:4114 sz:32 ][ addr:4096 sz:9 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned -1\n"
	"Free List [ Size 2 ]: [ addr:4114 sz:32 ][ addr:4096 sz:9 ]\n"
	"\n"
	"ptr[2] = Alloc(7) returned 4096 (searched 2 elements)\n"
	"Free List [ Size 1 ]: [ addr:4114 sz:32 ]\n"
	"\n"
	"ptr[3] = Alloc(1) returned 4114 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:4123 sz:23 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:4123 sz:23 ][ addr:4105 sz:9 ]\n"
	"\n"
	"Invalid Free: Skipping\n"
	"ptr[4] = Alloc(60) returned -1 (searched 2 elements)\n"
	"Free List [ Size 2 ]: [ addr:4123 sz:23 ][ addr:4105 sz:9 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 3 ]: [ addr:4123 sz:23 ][ addr:4105 sz:9 ][ addr:4096 sz:9 ]\n"
	"\n"
	;

/* malloc.py -s 5 -n 12 -H 4 -a 4 -p FIRST -l SIZESORT- -c (random operations: +5,-0,+5,+6,-1,+3,-3,+8,+7,+1,-2,+10) */
static const char ostep_random_first_sizesort_desc_ops[] = "+5,-0,+5,+6,-1,+3,-3,+8,+7,+1,-2,+10";
static const char ostep_random_first_sizesort_desc[] =
	"ptr[0] = Alloc(5) returned 1004 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1012 sz:88 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1012 sz:88 ][ addr:1000 sz:12 ]\n"
	"\n"
	"ptr[1] = Alloc(5) returned 1016 (searched 1 elements)\n"
	"Free List [ Size 2 ]: [ addr:1024 sz:76 ][ addr:1000 sz:12 ]\n"
	"\n"
	"ptr[2] = Alloc(6) returned 1028 (searched 1 elements)\n"
	"Free List [ Size 2 ]: [ addr:1036 sz:64 ][ addr:1000 sz:12 ]\n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 3 ]: [ addr:1036 sz:64 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ]\n"
	"\n"
	"ptr[3] = Alloc(3) returned 1040 (searched 1 elements)\n"
	"Free List [ Size 3 ]: [ addr:1044 sz:56 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ]\n"
	"\n"
	"Free(ptr[3])\n"
	"returned 0\n"
	"Free List [ Size 4 ]: [ addr:1044 sz:56 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ][ addr:1036 sz:8 ]\n"
	"\n"
	"ptr[4] = Alloc(8) returned 1048 (searched 1 elements)\n"
	"Free List [ Size 4 ]: [ addr:1056 sz:44 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ][ addr:1036 sz:8 ]\n"
	"\n"
	"ptr[5] = Alloc(7) returned 1060 (searched 1 elements)\n"
	"Free List [ Size 4 ]: [ addr:1068 sz:32 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ][ addr:1036 sz:8 ]\n"
	"\n"
	"ptr[6] = Alloc(1) returned 1072 (searched 1 elements)\n"
	"Free List [ Size 4 ]: [ addr:1076 sz:24 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ][ addr:1036 sz:8 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 5 ]: [ addr:1076 sz:24 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ][ addr:1024 sz:12 ][ addr:1036 sz:8 ]\n"
	"\n"
	"ptr[7] = Alloc(10) returned 1080 (searched 1 elements)\n"
	"Free List [ Size 5 ]: [ addr:1092 sz:8 ][ addr:1000 sz:12 ][ addr:1012 sz:12 ][ addr:1024 sz:12 ][ addr:1036 sz:8 ]\n"
	"\n"
	;

/* malloc.py -s 5 -n 14 -S 40 -H 4 -a 4 -p WORST -C -r 12 -P 60 -c (random operations: +6,-0,+6,+7,+1,+4,-4,+10,+8,+1,-1,+12,-2,-7) */
static const char ostep_random_worst_coalesce_fail_ops[] = "+6,-0,+6,+7,+1,+4,-4,+10,+8,+1,-1,+12,-2,-7";
static const char ostep_random_worst_coalesce_fail[] =
	"ptr[0] = Alloc(6) returned 1004 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1012 sz:28 ]\n"
	"\n"
	"Free(ptr[0])\n"
	"returned 0\n"
	"Free List [ Size 1 ]: [ addr:1000 sz:40 ]\n"
	"\n"
	"ptr[1] = Alloc(6) returned 1004 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1012 sz:28 ]\n"
	"\n"
	"ptr[2] = Alloc(7) returned 1016 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1024 sz:16 ]\n"
	"\n"
	"ptr[3] = Alloc(1) returned 1028 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1032 sz:8 ]\n"
	"\n"
	"ptr[4] = Alloc(4) returned 1036 (searched 1 elements)\n"
	"Free List [ Size 0 ]: \n"
	"\n"
	"Free(ptr[4])\n"
	"returned 0\n"
	"Free List [ Size 1 ]: [ addr:1032 sz:8 ]\n"
	"\n"
	"ptr[5] = Alloc(10) returned 3 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1032 sz:8 ]\n"
	"\n"
	"ptr[6] = Alloc(8) returned 3 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1032 sz:8 ]\n"
	"\n"
	"ptr[7] = Alloc(1) returned 1036 (searched 1 elements)\n"
	"Free List [ Size 0 ]: \n"
	"\n"
	"Free(ptr[1])\n"
	"returned 0\n"
	"Free List [ Size 1 ]: [ addr:1000 sz:12 ]\n"
	"\n"
	"ptr[8] = Alloc(12) returned 3 (searched 1 elements)\n"
	"Free List [ Size 1 ]: [ addr:1000 sz:12 ]\n"
	"\n"
	"Free(ptr[2])\n"
	"returned 0\n"
	"Free List [ Size 1 ]: [ addr:1000 sz:24 ]\n"
	"\n"
	"Free(ptr[7])\n"
	"returned 0\n"
	"Free List [ Size 2 ]: [ addr:1000 sz:24 ][ addr:1032 sz:8 ]\n"
	"\n"
	;


#define OSTEP_BUF	8192

START_TEST(test_heap_ostep_best_addrsort)
{
	struct kml_heap *h = ostep(KML_HEAP_BEST_FIT, 100, 1000, 4, 4,
				   KML_ORDER_ADDR, false);
	static char buf[OSTEP_BUF];

	ostep_run(h, "+10,-0,+20,+5,-1,+3,+8,-2,+30,-3,+200", 0, buf,
		  sizeof(buf));
	ck_assert_str_eq(buf, ostep_best_addrsort);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_first_addrsort_coalesce)
{
	struct kml_heap *h = ostep(KML_HEAP_FIRST_FIT, 100, 1000, 4, 4,
				   KML_ORDER_ADDR, true);
	static char buf[OSTEP_BUF];

	ostep_run(h, "+10,+20,+5,-1,-0,+12,+40,-2,-3,-4,+90", 0, buf,
		  sizeof(buf));
	ck_assert_str_eq(buf, ostep_first_addrsort_coalesce);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_worst_sizesort_desc)
{
	struct kml_heap *h = ostep(KML_HEAP_WORST_FIT, 100, 1000, 0, -1,
				   KML_ORDER_SIZE_DESC, false);
	static char buf[OSTEP_BUF];

	ostep_run(h, "+5,+10,+15,-1,+3,-0,+7,-2,+20,-4,+30", 0, buf,
		  sizeof(buf));
	ck_assert_str_eq(buf, ostep_worst_sizesort_desc);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_first_sizesort_asc)
{
	struct kml_heap *h = ostep(KML_HEAP_FIRST_FIT, 64, 0, 0, 2,
				   KML_ORDER_SIZE_ASC, false);
	static char buf[OSTEP_BUF];

	ostep_run(h, "+3,+8,+5,+4,-0,-2,+1,-1,+6,-4,-3,+9", 0, buf,
		  sizeof(buf));
	ck_assert_str_eq(buf, ostep_first_sizesort_asc);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_first_insert_front)
{
	struct kml_heap *h = ostep(KML_HEAP_FIRST_FIT, 100, 1000, 2, -1,
				   KML_ORDER_LIFO, false);
	static char buf[OSTEP_BUF];

	ostep_run(h, "+8,+8,+8,+8,-1,-3,+6,-0,+4,-5,+5,-2", 0, buf,
		  sizeof(buf));
	ck_assert_str_eq(buf, ostep_first_insert_front);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_best_insert_back_bad_frees)
{
	struct kml_heap *h = ostep(KML_HEAP_BEST_FIT, 50, 4096, 1, 8,
				   KML_ORDER_FIFO, false);
	static char buf[OSTEP_BUF];

	ostep_run(h, "+7,+7,-0,-0,+7,+1,-1,-9,+60,-2", 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, ostep_best_insert_back_bad);
	/* malloc.py's "returned -1" is our refused double free. */
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_DOUBLE), 1);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_FAIL), 1);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_random_first_sizesort_desc)
{
	struct kml_heap *h = ostep(KML_HEAP_FIRST_FIT, 100, 1000, 4, 4,
				   KML_ORDER_SIZE_DESC, false);
	static char buf[OSTEP_BUF];

	ostep_run(h, ostep_random_first_sizesort_desc_ops,
		  KML_HEAP_RENDER_PAYLOAD, buf, sizeof(buf));
	ck_assert_str_eq(buf, ostep_random_first_sizesort_desc);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_ostep_random_worst_coalesce_fail)
{
	struct kml_heap *h = ostep(KML_HEAP_WORST_FIT, 40, 1000, 4, 4,
				   KML_ORDER_ADDR, true);
	static char buf[OSTEP_BUF];

	ostep_run(h, ostep_random_worst_coalesce_fail_ops,
		  KML_HEAP_RENDER_PAYLOAD, buf, sizeof(buf));
	ck_assert_str_eq(buf, ostep_random_worst_coalesce_fail);
	kml_heap_destroy(h);
}
END_TEST

/* --- hand-worked placements ------------------------------------------------- */

/*
 * Region 1024, align 8, no header, address order, coalescing:
 *   a=100 -> [0,104)  b=200 -> [104,304)  c=50 -> [304,360)
 *   free b: list [104:200][360:664]
 *   d=64  -> first block that fits: 104 (1 searched)
 *   e=150 -> needs 152; 136 is too small, 360 fits (2 searched)
 *   600   -> nothing fits (2 searched)
 */
START_TEST(test_heap_first_fit_placement)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 1024, 0, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	struct kml_alloc_stats st;
	void *a, *b, *c;
	u64 at;

	a = kml_heap_alloc(h, 100);
	b = kml_heap_alloc(h, 200);
	c = kml_heap_alloc(h, 50);
	ck_assert_uint_eq(addr_of(h, a), 0);
	ck_assert_uint_eq(addr_of(h, b), 104);
	ck_assert_uint_eq(addr_of(h, c), 304);
	ck_assert_int_eq(kml_heap_free(h, b, 200), 0);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:104 sz:200 ][ addr:360 sz:664 ]");
	ck_assert_uint_eq(searched(h, 64, &at), 1);
	ck_assert_uint_eq(at, 104);
	ck_assert_uint_eq(searched(h, 150, &at), 2);
	ck_assert_uint_eq(at, 360);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:168 sz:136 ][ addr:512 sz:512 ]");
	ck_assert_uint_eq(searched(h, 600, &at), 2);
	ck_assert_uint_eq(at, (u64)-1);

	kml_heap_stats(h, &st);
	ck_assert_uint_eq(st.bytes_allocated, 104 + 56 + 64 + 152);
	/* held: up to the end of the highest block (360 + 152); free: its hole */
	ck_assert_uint_eq(st.total_free, 136);
	ck_assert_uint_eq(st.largest_free, 136);
	ck_assert_uint_eq(st.bytes_held, 512);
	ck_assert_uint_eq(st.peak_held, 512);
	ck_assert_uint_eq(st.allocs, 5);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.failures, 1);
	ck_assert_uint_eq(st.peak_allocated, 104 + 200 + 56 + 64 + 152 - 200);
	/* 1 - 512/648 = 0.2098.. -> 209 (rounded down) */
	ck_assert_uint_eq(kml_heap_extfrag(h), 209);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_SEARCHED), 1 + 1 + 1 + 1 + 2 + 2);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Same region, next fit. The rover follows the remainder of the last
 * split, the successor after an exact fit, and wraps around once:
 *   a,b,c as above; rover at 360. free b: [104:200][360:664]
 *   d=64  -> starts at the rover: 360 (1); rover 424
 *   e=150 -> 424 (1); rover 576        f=300 -> 576 (1); rover 880 (144)
 *   g=150 -> 880 too small, wraps to 104 (2); rover 256 (48)
 *   h=100 -> 256 too small, 880 (2); rover 984 (40)
 *   free f: [256:48][576:304][984:40], rover stays at 984
 *   i=8   -> 984 (1) where first fit would take 256; rover 992 (32)
 *   j=32  -> 992 exactly (1): the rover runs off the end
 *   k=40  -> starts at the head: 256 (1); rover on the 8-byte remainder
 */
START_TEST(test_heap_next_fit_rover)
{
	struct kml_heap *h = mk(KML_HEAP_NEXT_FIT, 1024, 0, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	void *b, *f;
	u64 at;

	ck_assert_uint_eq(searched(h, 100, &at), 1);
	ck_assert_uint_eq(at, 0);
	b = kml_heap_alloc(h, 200);
	ck_assert_uint_eq(addr_of(h, b), 104);
	ck_assert_uint_eq(searched(h, 50, &at), 1);
	ck_assert_uint_eq(at, 304);
	ck_assert_int_eq(kml_heap_free(h, b, 0), 0);
	ck_assert_uint_eq(searched(h, 64, &at), 1);
	ck_assert_uint_eq(at, 360);
	ck_assert_uint_eq(searched(h, 150, &at), 1);
	ck_assert_uint_eq(at, 424);
	f = kml_heap_alloc(h, 300);
	ck_assert_uint_eq(addr_of(h, f), 576);
	ck_assert_uint_eq(searched(h, 150, &at), 2);
	ck_assert_uint_eq(at, 104);
	ck_assert_uint_eq(searched(h, 100, &at), 2);
	ck_assert_uint_eq(at, 880);
	ck_assert_int_eq(kml_heap_free(h, f, 300), 0);
	free_list_is(h, "Free List [ Size 3 ]: [ addr:256 sz:48 ][ addr:576 sz:304 ][ addr:984 sz:40 ]");
	ck_assert_uint_eq(searched(h, 8, &at), 1);
	ck_assert_uint_eq(at, 984);
	ck_assert_uint_eq(searched(h, 32, &at), 1);
	ck_assert_uint_eq(at, 992);
	ck_assert_uint_eq(searched(h, 40, &at), 1);
	ck_assert_uint_eq(at, 256);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:296 sz:8 ][ addr:576 sz:304 ]");
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Region 1024, align 8: A=100 [0,104) B=40 [104,144) C=200 [144,344)
 * D=16 [344,360) E=8 [360,368); free B and D:
 *   list [104:40][344:16][368:656]
 * best fit of 10 (needs 16) takes 344 exactly; worst fit takes 368.
 */
static struct kml_heap *bw_setup(enum kml_heap_policy policy)
{
	struct kml_heap *h = mk(policy, 1024, 0, 8, 0, 0, KML_ORDER_ADDR, 0);
	void *p[5];
	static const size_t sz[5] = { 100, 40, 200, 16, 8 };
	static const u64 at[5] = { 0, 104, 144, 344, 360 };
	int i;

	for (i = 0; i < 5; i++) {
		p[i] = kml_heap_alloc(h, sz[i]);
		ck_assert_uint_eq(addr_of(h, p[i]), at[i]);
	}
	ck_assert_int_eq(kml_heap_free(h, p[1], 40), 0);
	ck_assert_int_eq(kml_heap_free(h, p[3], 16), 0);
	free_list_is(h, "Free List [ Size 3 ]: [ addr:104 sz:40 ][ addr:344 sz:16 ][ addr:368 sz:656 ]");
	return h;
}

START_TEST(test_heap_best_fit_placement)
{
	struct kml_heap *h = bw_setup(KML_HEAP_BEST_FIT);
	u64 at;

	ck_assert_uint_eq(searched(h, 10, &at), 3);
	ck_assert_uint_eq(at, 344);
	ck_assert_uint_eq(searched(h, 30, &at), 2);
	ck_assert_uint_eq(at, 104);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:136 sz:8 ][ addr:368 sz:656 ]");
	ck_assert_uint_eq(searched(h, 2000, &at), 2);
	ck_assert_uint_eq(at, (u64)-1);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_worst_fit_placement)
{
	struct kml_heap *h = bw_setup(KML_HEAP_WORST_FIT);
	u64 at;

	ck_assert_uint_eq(searched(h, 10, &at), 3);
	ck_assert_uint_eq(at, 368);
	ck_assert_uint_eq(searched(h, 30, &at), 3);
	ck_assert_uint_eq(at, 384);
	free_list_is(h, "Free List [ Size 3 ]: [ addr:104 sz:40 ][ addr:344 sz:16 ][ addr:416 sz:608 ]");
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/* Worst fit takes the earliest of two equal largest blocks, best fit too. */
START_TEST(test_heap_fit_ties_take_the_earliest)
{
	enum kml_heap_policy pol[2] = { KML_HEAP_BEST_FIT, KML_HEAP_WORST_FIT };
	int i;

	for (i = 0; i < 2; i++) {
		struct kml_heap *h = mk(pol[i], 96, 0, 8, 0, 0,
					KML_ORDER_ADDR, 0);
		void *a = kml_heap_alloc(h, 32);
		void *b = kml_heap_alloc(h, 32);
		u64 at;

		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(kml_heap_free(h, a, 0), 0);
		/* list [0:32][64:32] */
		ck_assert_uint_eq(searched(h, 8, &at), 2);
		ck_assert_uint_eq(at, 0);
		kml_heap_destroy(h);
	}
}
END_TEST

/*
 * Segregated fits, region 4096, align 8; class c holds [2^c, 2^(c+1)):
 *   a=24  -> classes 4..11 empty, [0:4096] in class 12: 0; rest 4072 -> 11
 *   b=100 -> 24, remainder 3968 stays in class 11 at 128
 *   c=40  -> 128;  d=8 -> 168;  remainder [176:3920]
 *   free a -> class 4 [0:24]; free c -> class 5 [128:40]
 *   e=20  -> needs 24, class 4: 0 (1)
 *   f=16  -> class 4 empty, class 5: 128, remainder 24 moves to class 4
 *   g=30  -> needs 32: class 5 and up; class 4's 24 is not looked at: 176
 *   free f -> merges with [144:24]: [128:40] in class 5
 *   h=48  -> class 5's 40 is too small (1), then class 11 (2)
 */
START_TEST(test_heap_segregated_classes)
{
	struct kml_heap *h = mk(KML_HEAP_SEGREGATED, 4096, 0, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	void *a, *c, *f;
	u64 at;

	ck_assert_uint_eq(searched(h, 24, &at), 1);
	ck_assert_uint_eq(at, 0);
	a = kml_heap_ptr(h, 0);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:24 sz:4072 ]");
	ck_assert_uint_eq(searched(h, 100, &at), 1);
	ck_assert_uint_eq(at, 24);
	c = kml_heap_alloc(h, 40);
	ck_assert_uint_eq(addr_of(h, c), 128);
	ck_assert_uint_eq(searched(h, 8, &at), 1);
	ck_assert_uint_eq(at, 168);
	ck_assert_int_eq(kml_heap_free(h, a, 24), 0);
	ck_assert_int_eq(kml_heap_free(h, c, 40), 0);
	free_list_is(h, "Free List [ Size 3 ]: [ addr:0 sz:24 ][ addr:128 sz:40 ][ addr:176 sz:3920 ]");
	ck_assert_uint_eq(searched(h, 20, &at), 1);
	ck_assert_uint_eq(at, 0);
	f = kml_heap_alloc(h, 16);
	ck_assert_uint_eq(addr_of(h, f), 128);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:144 sz:24 ][ addr:176 sz:3920 ]");
	ck_assert_uint_eq(searched(h, 30, &at), 1);
	ck_assert_uint_eq(at, 176);
	ck_assert_int_eq(kml_heap_free(h, f, 16), 0);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:128 sz:40 ][ addr:208 sz:3888 ]");
	ck_assert_uint_eq(searched(h, 48, &at), 2);
	ck_assert_uint_eq(at, 208);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_COALESCE), 1);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Bump arena, region 256, align 8: allocations only move forward, free is
 * a counted no-op (the block is dead), a double free is still refused,
 * reset starts again at 0 and keeps the counters.
 */
START_TEST(test_heap_bump_and_reset)
{
	struct kml_heap *h = mk(KML_HEAP_BUMP, 256, 0, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	struct kml_heap_block blk;
	struct kml_alloc_stats st;
	void *a, *b, *c;
	u64 at;

	ck_assert_uint_eq(searched(h, 10, &at), 1);
	ck_assert_uint_eq(at, 0);
	a = kml_heap_ptr(h, 0);
	b = kml_heap_alloc(h, 1);
	ck_assert_uint_eq(addr_of(h, b), 16);
	ck_assert_int_eq(kml_heap_free(h, a, 10), 0);
	ck_assert_int_eq(kml_heap_block(h, 0, &blk), 0);
	ck_assert(blk.dead);
	ck_assert(!blk.used);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:24 sz:232 ]");
	c = kml_heap_alloc(h, 8);
	ck_assert_uint_eq(addr_of(h, c), 24);
	ck_assert_int_eq(kml_heap_free(h, a, 10), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_DOUBLE), 1);
	ck_assert_ptr_null(kml_heap_alloc(h, 300));
	ck_assert_ptr_nonnull(kml_heap_alloc(h, 224));	/* exactly the tail */
	free_list_is(h, "Free List [ Size 0 ]: ");
	ck_assert_uint_eq(searched(h, 1, &at), 0);

	kml_heap_stats(h, &st);
	ck_assert_uint_eq(st.bytes_allocated, 8 + 8 + 224);
	ck_assert_uint_eq(st.total_free, 0);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.failures, 2);
	ck_assert_uint_eq(st.bad_frees, 1);
	ck_assert_uint_eq(kml_heap_validate(h), 0);

	ck_assert_int_eq(kml_heap_reset(h), 0);
	ck_assert_uint_eq(searched(h, 10, &at), 1);
	ck_assert_uint_eq(at, 0);
	/* A pointer from before the reset is no block any more. */
	ck_assert_int_eq(kml_heap_free(h, c, 8), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_NOT_BLOCK), 1);
	kml_heap_stats(h, &st);
	ck_assert_uint_eq(st.bytes_allocated, 16);
	ck_assert_uint_eq(st.peak_allocated, 256 - 16);
	ck_assert_uint_eq(st.allocs, 5);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_RESET), 1);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Three 32-byte blocks fill 96 bytes. Freeing the middle, then the first,
 * then the last: with coalescing one block of 96 remains; without, three
 * of 32 and a request of 40 fails although 96 bytes are free.
 */
START_TEST(test_heap_coalesce_on_off)
{
	u32 flags[2] = { 0, KML_F_NO_COALESCE };
	static const char * const want[2][3] = {
		{ "Free List [ Size 1 ]: [ addr:32 sz:32 ]",
		  "Free List [ Size 1 ]: [ addr:0 sz:64 ]",
		  "Free List [ Size 1 ]: [ addr:0 sz:96 ]" },
		{ "Free List [ Size 1 ]: [ addr:32 sz:32 ]",
		  "Free List [ Size 2 ]: [ addr:0 sz:32 ][ addr:32 sz:32 ]",
		  "Free List [ Size 3 ]: [ addr:0 sz:32 ][ addr:32 sz:32 ][ addr:64 sz:32 ]" },
	};
	int i;

	for (i = 0; i < 2; i++) {
		struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 96, 0, 8, 0, 0,
					KML_ORDER_ADDR, flags[i]);
		void *a = kml_heap_alloc(h, 32);
		void *b = kml_heap_alloc(h, 32);
		void *c = kml_heap_alloc(h, 32);
		u64 at;

		ck_assert_ptr_nonnull(c);
		ck_assert_int_eq(kml_heap_free(h, b, 32), 0);
		free_list_is(h, want[i][0]);
		ck_assert_int_eq(kml_heap_free(h, a, 32), 0);
		free_list_is(h, want[i][1]);
		ck_assert_int_eq(kml_heap_free(h, c, 32), 0);
		free_list_is(h, want[i][2]);
		ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_COALESCE),
				  i ? 0 : 2);
		/* 1 - 32/96 = 0.666.., rounded down */
		ck_assert_uint_eq(kml_heap_extfrag(h), i ? 666 : 0);
		ck_assert_uint_eq(searched(h, 40, &at), 1 + 2 * i);
		ck_assert_uint_eq(at, i ? (u64)-1 : 0);
		ck_assert_uint_eq(kml_heap_validate(h), 0);
		kml_heap_destroy(h);
	}
}
END_TEST

/* Coalescing with a LIFO list: the merged block goes to the head. */
START_TEST(test_heap_coalesce_lifo_merged_block_at_head)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 128, 0, 8, 0, 0,
				KML_ORDER_LIFO, 0);
	void *p[4];
	int i;

	for (i = 0; i < 4; i++)
		p[i] = kml_heap_alloc(h, 32);
	ck_assert_int_eq(kml_heap_free(h, p[0], 0), 0);
	ck_assert_int_eq(kml_heap_free(h, p[2], 0), 0);
	free_list_is(h, "Free List [ Size 2 ]: [ addr:64 sz:32 ][ addr:0 sz:32 ]");
	ck_assert_int_eq(kml_heap_free(h, p[1], 0), 0);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:0 sz:96 ]");
	ck_assert_int_eq(kml_heap_free(h, p[3], 0), 0);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:0 sz:128 ]");
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Region 128, align 8, a request of 100 needs 104 and leaves 24: below a
 * min_split of 32 the whole 128 is handed out, at 16 it is split.
 */
START_TEST(test_heap_min_split)
{
	struct kml_heap_block blk;
	struct kml_alloc_stats st;
	struct kml_heap *h;
	void *p;

	h = mk(KML_HEAP_FIRST_FIT, 128, 0, 8, 0, 32, KML_ORDER_ADDR, 0);
	p = kml_heap_alloc(h, 100);
	ck_assert_int_eq(kml_heap_block(h, addr_of(h, p), &blk), 0);
	ck_assert_uint_eq(blk.size, 128);
	ck_assert_uint_eq(blk.request, 100);
	free_list_is(h, "Free List [ Size 0 ]: ");
	kml_heap_stats(h, &st);
	ck_assert_uint_eq(st.bytes_allocated, 128);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_SPLIT), 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	ck_assert_int_eq(kml_heap_free(h, p, 100), 0);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:0 sz:128 ]");
	kml_heap_destroy(h);

	h = mk(KML_HEAP_FIRST_FIT, 128, 0, 8, 0, 16, KML_ORDER_ADDR, 0);
	p = kml_heap_alloc(h, 100);
	ck_assert_int_eq(kml_heap_block(h, addr_of(h, p), &blk), 0);
	ck_assert_uint_eq(blk.size, 104);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:104 sz:24 ]");
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_SPLIT), 1);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Header 8, align 8, base 0x10000: the payload is the block start plus 8,
 * aligned; the address API maps both ways; KML_F_ZERO clears payloads.
 */
START_TEST(test_heap_header_payload_and_addresses)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 1024, 0x10000, 8, 8, 0,
				KML_ORDER_ADDR, KML_F_ZERO);
	struct kml_heap_block blk;
	unsigned char *p, *q;
	size_t i;

	ck_assert_uint_eq(kml_heap_usable(h, 10), 24);
	ck_assert_uint_eq(kml_heap_usable(h, 16), 24);
	ck_assert_uint_eq(kml_heap_max_size(h), 1016);
	ck_assert_uint_eq(kml_heap_usable(h, 1016), 1024);
	ck_assert_uint_eq(kml_heap_usable(h, 1017), 0);
	ck_assert_uint_eq(kml_heap_usable(h, (size_t)-1), 0);
	p = kml_heap_alloc(h, 10);
	ck_assert_uint_eq((uintptr_t)p % 8, 0);
	ck_assert_uint_eq(kml_heap_addr(h, p), 0x10000);
	ck_assert_ptr_eq(kml_heap_ptr(h, 0x10000), p);
	ck_assert_ptr_null(kml_heap_ptr(h, 0x10000 - 1));
	ck_assert_ptr_null(kml_heap_ptr(h, 0x10000 + 1024));
	ck_assert_int_eq(kml_heap_block(h, 0x10000, &blk), 0);
	ck_assert_uint_eq(blk.offset, 0);
	ck_assert_uint_eq(blk.size, 24);
	ck_assert_uint_eq(blk.request, 10);
	ck_assert(blk.used);
	ck_assert_int_eq(kml_heap_block(h, 0x10000 + 8, &blk), -ENOENT);
	ck_assert_int_eq(kml_heap_block(h, 0x10000 + 24, &blk), 0);
	ck_assert(!blk.used);
	ck_assert_uint_eq(blk.size, 1000);

	memset(p, 0xaa, 16);		/* the whole payload: 24 - 8 bytes */
	ck_assert_int_eq(kml_heap_free(h, p, 10), 0);
	q = kml_heap_alloc(h, 16);
	ck_assert_ptr_eq(q, p);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(q[i], 0);
	ck_assert_ptr_null(kml_heap_alloc(h, 1017));
	ck_assert_int_eq(kml_heap_free(h, q, 16), 0);
	ck_assert_ptr_nonnull(kml_heap_alloc(h, 1016));
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/* Render a heap map: bad frees must leave it byte for byte unchanged. */
static void heapmap(struct kml_heap *h, char *buf, size_t len)
{
	struct kml_out out;

	kml_out_init(&out, buf, len);
	ck_assert_int_eq(kml_heap_show(h, KML_VIEW_HEAPMAP, &out), 0);
	ck_assert(!out.overflow);
}

START_TEST(test_heap_bad_frees_are_counted_and_refused)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 256, 0, 8, 8, 0,
				KML_ORDER_ADDR, 0);
	char before[4096], after[4096];
	struct kml_alloc_stats st;
	char *p, *q, *region;
	int local;

	p = kml_heap_alloc(h, 16);	/* block [0,24), payload at 8 */
	q = kml_heap_alloc(h, 16);	/* block [24,48), payload at 32 */
	ck_assert_ptr_eq(q, p + 24);
	region = p - 8;
	heapmap(h, before, sizeof(before));

	/* outside the region */
	ck_assert_int_eq(kml_heap_free(h, NULL, 0), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, &local, 0), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, region + 256, 0), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, region - 1, 0), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_OUTSIDE), 4);
	/* inside, but not a block's payload */
	ck_assert_int_eq(kml_heap_free(h, region, 0), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, p + 1, 0), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, p + 8, 0), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, q - 8, 0), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_NOT_BLOCK), 4);
	/* the wrong size */
	ck_assert_int_eq(kml_heap_free(h, p, 17), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_SIZE), 1);
	/* a free block: the remainder after q, never handed out */
	ck_assert_int_eq(kml_heap_free(h, region + 48 + 8, 0), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_DOUBLE), 1);

	heapmap(h, after, sizeof(after));
	ck_assert_str_eq(before, after);
	ck_assert_uint_eq(kml_heap_validate(h), 0);

	/*
	 * Double frees. q merges with the free remainder behind it and keeps
	 * its block start: freeing it again is a double free. p then merges
	 * with q's block: p's start stays, q's start is no block any more.
	 */
	ck_assert_int_eq(kml_heap_free(h, q, 16), 0);
	ck_assert_int_eq(kml_heap_free(h, q, 16), -EINVAL);
	ck_assert_int_eq(kml_heap_free(h, q, 0), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_DOUBLE), 3);
	ck_assert_int_eq(kml_heap_free(h, p, 16), 0);
	ck_assert_int_eq(kml_heap_free(h, p, 16), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_DOUBLE), 4);
	ck_assert_int_eq(kml_heap_free(h, q, 0), -EINVAL);
	ck_assert_uint_eq(kml_heap_stat(h, KML_HEAP_BAD_NOT_BLOCK), 5);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:0 sz:256 ]");

	kml_heap_stats(h, &st);
	ck_assert_uint_eq(st.bad_frees, 4 + 5 + 1 + 4);
	ck_assert_uint_eq(st.frees, 2);
	ck_assert_uint_eq(st.bytes_allocated, 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/* validate() counts each broken invariant (broken here by hand). */
START_TEST(test_heap_validate_counts_broken_invariants)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 256, 0, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	void *a = kml_heap_alloc(h, 32);	/* [0,32): granules 0..3 */
	void *b = kml_heap_alloc(h, 32);	/* [32,64) */
	u32 head;

	ck_assert_int_eq(kml_heap_free(h, a, 32), 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);

	h->tags[3].foot = 1;			/* footer disagrees */
	ck_assert_uint_eq(kml_heap_validate(h), 1);
	h->tags[3].foot = 0;
	h->tags[1].size = 8;			/* header inside a block */
	ck_assert_uint_eq(kml_heap_validate(h), 1);
	h->tags[1].size = 0;
	h->used_bytes += 8;			/* counter drift */
	ck_assert_uint_eq(kml_heap_validate(h), 1);
	h->used_bytes -= 8;
	h->tags[4].req = 0;			/* a used block without request */
	ck_assert_uint_eq(kml_heap_validate(h), 1);
	h->tags[4].req = 32;
	h->tags[4].flags |= KML_TAG_DEAD;	/* two states at once */
	ck_assert_uint_ge(kml_heap_validate(h), 1);
	h->tags[4].flags &= ~KML_TAG_DEAD;
	h->rover = 4;				/* a rover on a used block */
	ck_assert_uint_eq(kml_heap_validate(h), 1);
	h->rover = KML_HEAP_NIL;
	head = h->lists[0].head;
	h->lists[0].head = h->tags[head].next;	/* a free block off the list */
	ck_assert_uint_ge(kml_heap_validate(h), 1);
	h->lists[0].head = head;
	ck_assert_uint_eq(kml_heap_validate(h), 0);

	/* Adjacent free blocks: only wrong while coalescing is on. */
	h->coalesce = false;
	ck_assert_int_eq(kml_heap_free(h, b, 32), 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	h->coalesce = true;
	ck_assert_uint_eq(kml_heap_validate(h), 2);	/* [0][32], [32][64] */
	h->coalesce = false;
	/* The list [0:32][32:32][64:192] is in address, not size order. */
	h->order = KML_ORDER_SIZE_DESC;
	ck_assert_uint_eq(kml_heap_validate(h), 1);
	/* Displaced entries are exempt from the size order. */
	h->tags[8].flags |= KML_TAG_DISPLACED;
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	h->tags[8].flags &= ~KML_TAG_DISPLACED;
	h->order = KML_ORDER_ADDR;
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/* A free step describes what it freed and reports a refused free as -1. */
START_TEST(test_heap_free_step_reports)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 64, 100, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	struct kml_heap_step st;
	char buf[512];
	struct kml_out out;
	void *p = kml_heap_alloc(h, 12);

	ck_assert_int_eq(kml_heap_free_step(h, p, 0, &st), 0);
	ck_assert(st.is_free);
	ck_assert(st.ok);
	ck_assert_uint_eq(st.addr, 100);
	ck_assert_uint_eq(st.block, 16);
	ck_assert_uint_eq(st.request, 12);
	ck_assert_int_eq(kml_heap_free_step(h, p, 0, &st), -EINVAL);
	ck_assert(!st.ok);
	kml_out_init(&out, buf, sizeof(buf));
	kml_heap_step_render(&st, 3, 0, &out);
	ck_assert_str_eq(buf, "Free(ptr[3])\nreturned -1\n"
			      "Free List [ Size 1 ]: [ addr:100 sz:64 ]\n\n");
	kml_heap_destroy(h);
}
END_TEST

/* A list longer than a step holds is cut with "[ ... ]". */
START_TEST(test_heap_step_list_is_bounded)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 8192, 0, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	struct kml_heap_step st;
	static char buf[8192];
	struct kml_out out;
	void *p[80];
	int i;

	for (i = 0; i < 80; i++)
		p[i] = kml_heap_alloc(h, 8);
	for (i = 0; i < 80; i += 2)
		ck_assert_int_eq(kml_heap_free(h, p[i], 8), 0);
	kml_heap_list(h, &st);
	ck_assert_uint_eq(st.nr_free, 41);
	ck_assert_uint_eq(st.nr_listed, KML_HEAP_STEP_LIST);
	ck_assert_uint_eq(st.list[31].addr, 31 * 16);
	kml_out_init(&out, buf, sizeof(buf));
	kml_heap_step_render(&st, 0, KML_HEAP_RENDER_LIST, &out);
	ck_assert_ptr_nonnull(strstr(buf, "[ addr:496 sz:8 ][ ... ]\n"));
	kml_heap_destroy(h);
}
END_TEST

START_TEST(test_heap_create_rejects_bad_parameters)
{
	struct kml_params p = { .pool_bytes = 4096 };
	struct kml_heap *h = (struct kml_heap *)&p;
	unsigned long used;

	ck_assert_int_eq(kml_heap_create(KML_HEAP_POLICY_NR, &p, 0, &h),
			 -EINVAL);
	ck_assert_ptr_null(h);
	p.list_order = (enum kml_heap_order)5;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -EINVAL);
	p.list_order = KML_ORDER_FIFO;
	p.flags = KML_F_REDZONE;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -EINVAL);
	p.flags = 0;
	p.align = 8192;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -EINVAL);
	p.align = 0;
	p.header = 4096;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -EINVAL);
	p.header = 0;
	p.pool_bytes = KML_HEAP_MAX_REGION + 8;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -E2BIG);
	/* align 1: one granule per byte, 64 MiB is too many */
	p.pool_bytes = 64 * 1024 * 1024;
	p.align = 1;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -E2BIG);
	p.pool_bytes = KML_HEAP_MAX_GRANULES;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h), 0);
	ck_assert_uint_eq(kml_heap_max_size(h), KML_HEAP_MAX_GRANULES);
	kml_heap_destroy(h);
	/* the largest region (at align 64: 4 Mi granules, 64 MiB of tags) */
	p.pool_bytes = KML_HEAP_MAX_REGION;
	p.align = 64;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_BEST_FIT, &p, 0, &h), 0);
	ck_assert_ptr_nonnull(kml_heap_alloc(h, KML_HEAP_MAX_REGION));
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
	/* defaults: 1 MiB, align 8, no header */
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h), 0);
	ck_assert_uint_eq(kml_heap_max_size(h), 1024 * 1024);
	ck_assert_uint_eq(kml_heap_usable(h, 1), 8);
	ck_assert_uint_eq(kml_heap_addr(h, kml_heap_alloc(h, 1)), 0);
	kml_heap_destroy(h);
	/* the page source runs dry */
	used = kml_sim_pages_in_use();
	kml_sim_page_limit(used + 1);
	p.pool_bytes = 2 * KML_PAGE_SIZE;
	ck_assert_int_eq(kml_heap_create(KML_HEAP_FIRST_FIT, &p, 0, &h),
			 -ENOMEM);
	ck_assert_ptr_null(h);
	kml_sim_page_limit(0);
	kml_heap_destroy(NULL);
}
END_TEST

/*
 * A region far above one block of the page source: 64 MiB, CS:APP-style
 * (header 8, align 8, min_split 16), charged page by page with its tags
 * (16 bytes per 8-byte granule) and all given back.
 */
START_TEST(test_heap_large_region_64mib)
{
	const u64 mib = 1024 * 1024;
	unsigned long before = kml_sim_pages_in_use();
	unsigned long tag_pages = 64 * mib / 8 * 16 / KML_PAGE_SIZE;
	static void *ptr[64];
	struct kml_heap *h;
	unsigned int i;
	void *big;

	h = mk(KML_HEAP_FIRST_FIT, 64 * mib, 0, 8, 8, 16, KML_ORDER_ADDR, 0);
	ck_assert_uint_eq(kml_sim_pages_in_use() - before,
			  64 * mib / KML_PAGE_SIZE + tag_pages);
	ck_assert_uint_eq(kml_heap_max_size(h), 64 * mib - 8);
	/* 63 blocks of 1 MiB (+8 header each), then every other one freed */
	for (i = 0; i < 63; i++) {
		ptr[i] = kml_heap_alloc(h, mib);
		ck_assert_ptr_nonnull(ptr[i]);
		ck_assert_uint_eq(kml_heap_addr(h, ptr[i]), i * (mib + 8));
		memset(ptr[i], 0xa5, mib);	/* the region is real memory */
	}
	for (i = 0; i < 63; i += 2)
		ck_assert_int_eq(kml_heap_free(h, ptr[i], mib), 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	/* 2 MiB fits only in the untouched tail: no hole is that large */
	big = kml_heap_alloc(h, 2 * mib);
	ck_assert_ptr_null(big);
	for (i = 1; i < 63; i += 2)
		ck_assert_int_eq(kml_heap_free(h, ptr[i], mib), 0);
	/* everything coalesced: one 64 MiB block again */
	big = kml_heap_alloc(h, 64 * mib - 8);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq(kml_heap_addr(h, big), 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	ck_assert_int_eq(kml_heap_free(h, big, 64 * mib - 8), 0);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
	ck_assert_uint_eq(kml_sim_pages_in_use(), before);

	/* segregated fits: blocks above 4 MiB have classes of their own */
	h = mk(KML_HEAP_SEGREGATED, 64 * mib, 0, 8, 8, 16, KML_ORDER_ADDR, 0);
	ptr[0] = kml_heap_alloc(h, 40 * mib);
	ptr[1] = kml_heap_alloc(h, 8 * mib);
	ptr[2] = kml_heap_alloc(h, 5 * mib);
	ck_assert_ptr_nonnull(ptr[2]);
	ck_assert_int_eq(kml_heap_free(h, ptr[1], 8 * mib), 0);
	/* 6 MiB: in the 8 MiB hole's class? no, the 4..8 MiB class is empty,
	 * the first block of the next non-empty class (8 MiB+8) serves it
	 */
	ptr[3] = kml_heap_alloc(h, 6 * mib);
	ck_assert_ptr_nonnull(ptr[3]);
	ck_assert_uint_eq(kml_heap_addr(h, ptr[3]), 40 * mib + 8);
	ck_assert_uint_eq(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
	ck_assert_uint_eq(kml_sim_pages_in_use(), before);
}
END_TEST

START_TEST(test_heap_views)
{
	struct kml_heap *h = mk(KML_HEAP_FIRST_FIT, 64, 1000, 8, 0, 0,
				KML_ORDER_ADDR, 0);
	static char buf[4096];
	struct kml_out out;
	void *a = kml_heap_alloc(h, 10);

	ck_assert_ptr_nonnull(kml_heap_alloc(h, 20));
	ck_assert_int_eq(kml_heap_free(h, a, 10), 0);
	heapmap(h, buf, sizeof(buf));
	ck_assert_str_eq(buf,
		"heap first-fit: region 64 base 1000 align 8 header 0 min_split 1 list address coalesce on\n"
		"    offset              address       size state request\n"
		"         0                 1000         16 free\n"
		"        16                 1016         24 used  20\n"
		"        40                 1040         24 free\n"
		"largest free block: 24\n"
		"largest free run: 24\n"
		"total free: 40\n"
		"external fragmentation: 40.0%\n"
		"free list length: 2\n");

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(kml_heap_show(h, KML_VIEW_FRAG, &out), 0);
	ck_assert_str_eq(buf,
		"largest free block: 24\n"
		"largest free run: 24\n"
		"total free: 40\n"
		"external fragmentation: 40.0%\n"
		"free list length: 2\n");

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(kml_heap_show(h, KML_VIEW_STATS, &out), 0);
	ck_assert_ptr_nonnull(strstr(buf, "policy first-fit\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nbytes_allocated 24\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\npeak_allocated 40\n"));
	/* held: up to the end of the used block; free: the hole below it */
	ck_assert_ptr_nonnull(strstr(buf, "\nbytes_held 40\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\ntotal_free 16\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nalloc 2\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nfree 1\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nsplit 2\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\nbad_free_size 0\n"));

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(kml_heap_show(h, KML_VIEW_SLABINFO, &out), -ENOENT);
	ck_assert_int_eq(kml_heap_show(h, KML_VIEW_BUDDYINFO, &out), -ENOENT);
	ck_assert_uint_eq(out.len, 0);
	kml_heap_destroy(h);
}
END_TEST

/* Without coalescing adjacent free blocks form a run larger than any. */
START_TEST(test_heap_view_free_run_and_classes)
{
	struct kml_heap *h = mk(KML_HEAP_SEGREGATED, 96, 0, 8, 0, 0,
				KML_ORDER_ADDR, KML_F_NO_COALESCE);
	static char buf[4096];
	void *a = kml_heap_alloc(h, 32);
	void *b = kml_heap_alloc(h, 32);

	ck_assert_int_eq(kml_heap_free(h, a, 32), 0);
	ck_assert_int_eq(kml_heap_free(h, b, 32), 0);
	heapmap(h, buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "coalesce off\n"));
	ck_assert_ptr_nonnull(strstr(buf,
		"largest free block: 32\n"
		"largest free run: 96\n"
		"total free: 96\n"
		"external fragmentation: 66.6%\n"
		"free list length: 3\n"
		"class 5 (32..63): 3 free\n"));
	kml_heap_destroy(h);
}
END_TEST

static const struct kml_backend *const heap_backends[] = {
	&kml_heap_backends[KML_HEAP_FIRST_FIT],
	&kml_heap_backends[KML_HEAP_NEXT_FIT],
	&kml_heap_backends[KML_HEAP_BEST_FIT],
	&kml_heap_backends[KML_HEAP_WORST_FIT],
	&kml_heap_backends[KML_HEAP_SEGREGATED],
	&kml_heap_backends[KML_HEAP_BUMP],
};

static const char *const heap_backend_names[] = {
	"first-fit", "next-fit", "best-fit", "worst-fit", "segregated", "bump",
};

START_TEST(test_heap_backends)
{
	struct kml_params p = { .pool_bytes = 4096, .header = 8 };
	const struct kml_backend *b = heap_backends[_i];
	struct kml_alloc_stats st;
	char buf[2048];
	struct kml_out out;
	void *priv = NULL, *x, *y;

	ck_assert_str_eq(b->name, heap_backend_names[_i]);
	ck_assert_str_eq(kml_heap_policy_name(_i), b->name);
	ck_assert_ptr_nonnull(b->desc);
	ck_assert_int_eq(b->family, KML_FAMILY_HEAP);
	ck_assert(b->ours);
	ck_assert_ptr_nonnull(b->reset);
	ck_assert_ptr_null(b->alloc_bulk);

	ck_assert_int_eq(b->create(&p, 7, &priv), 0);
	ck_assert_uint_eq(b->usable(priv, 100), 112);
	ck_assert_uint_eq(b->max_size(priv), 4088);
	x = b->alloc(priv, 100);
	y = b->alloc(priv, 200);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	memset(x, 0x5a, 100);
	memset(y, 0xa5, 200);
	ck_assert_int_eq(b->free(priv, x, 100), 0);
	ck_assert_int_eq(b->free(priv, x, 100), -EINVAL);
	b->stats(priv, &st);
	ck_assert_uint_eq(st.allocs, 2);
	ck_assert_uint_eq(st.frees, 1);
	ck_assert_uint_eq(st.bad_frees, 1);
	ck_assert_uint_eq(st.bytes_allocated, 208);
	/* the high-water mark: both blocks (112 + 208), though x is free */
	ck_assert_uint_eq(st.bytes_held, 320);
	ck_assert_uint_eq(st.peak_held, 320);
	/* a peak reset lowers the mark to the end of the last live block */
	b->peak_reset(priv);
	b->stats(priv, &st);
	ck_assert_uint_eq(st.bytes_held, 320);
	ck_assert_uint_eq(b->validate(priv), 0);
	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(b->show(priv, KML_VIEW_HEAPMAP, &out), 0);
	ck_assert_ptr_nonnull(strstr(buf, b->name));
	ck_assert_int_eq(b->show(priv, KML_VIEW_SLABINFO, &out), -ENOENT);
	ck_assert_int_eq(b->reset(priv), 0);
	b->stats(priv, &st);
	ck_assert_uint_eq(st.bytes_allocated, 0);
	/* a reset heap holds nothing: no mark, no free space inside it */
	ck_assert_uint_eq(st.bytes_held, 0);
	ck_assert_uint_eq(st.total_free, 0);
	ck_assert_uint_eq(st.largest_free, 0);
	ck_assert_uint_eq(b->validate(priv), 0);
	ck_assert_ptr_eq(b->alloc(priv, 4088), x);
	b->destroy(priv);
	p.pool_bytes = KML_HEAP_MAX_REGION * 2;
	ck_assert_int_eq(b->create(&p, 7, &priv), -E2BIG);
}
END_TEST

/* --- property tests ---------------------------------------------------------- */

/*
 * A check for hot loops: Check's ck_assert_*() reports every passing
 * assertion to the parent process (a pipe write each); this reports only
 * failures.
 */
#define CHECK_EQ(a, b) do {						\
	unsigned long long a_ = (unsigned long long)(a);		\
	unsigned long long b_ = (unsigned long long)(b);		\
	if (a_ != b_)							\
		ck_abort_msg("%s:%d: %s == %s: %llu != %llu", __FILE__,	\
			     __LINE__, #a, #b, a_, b_);			\
} while (0)
#define CHECK(cond) do {						\
	if (!(cond))							\
		ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond);	\
} while (0)

static u64 rng_state;

static u64 rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/*
 * malloc.py's allocator, transcribed as plainly as possible: an array of
 * (addr, size) entries, a side table of live blocks, stable re-sorts and a
 * full-list coalescing pass. The heap must agree with it on every address,
 * every "searched" count and the whole free list.
 */
#define MODEL_MAX	4096

struct model {
	long addr[MODEL_MAX], size[MODEL_MAX];
	unsigned int n;
	long live_addr[MODEL_MAX], live_size[MODEL_MAX];
	unsigned int nlive;
	enum kml_heap_policy policy;
	enum kml_heap_order order;
	bool coalesce;
	long align, header, region;
};

static long model_alloc(struct model *m, long size, unsigned int *count)
{
	long best_size = m->policy == KML_HEAP_BEST_FIT ? m->region + 1 : -1;
	long need = size, addr;
	int best = -1;
	unsigned int i;

	if (size % m->align)
		need += m->align - size % m->align;
	need += m->header;
	*count = 0;
	for (i = 0; i < m->n; i++) {
		(*count)++;
		if (m->size[i] >= need &&
		    ((m->policy == KML_HEAP_BEST_FIT && m->size[i] < best_size) ||
		     (m->policy == KML_HEAP_WORST_FIT && m->size[i] > best_size) ||
		     m->policy == KML_HEAP_FIRST_FIT)) {
			best = i;
			best_size = m->size[i];
			if (m->policy == KML_HEAP_FIRST_FIT)
				break;
		}
	}
	if (best < 0)
		return -1;
	addr = m->addr[best];
	if (best_size > need) {
		m->addr[best] += need;
		m->size[best] -= need;
	} else {
		memmove(&m->addr[best], &m->addr[best + 1],
			(m->n - best - 1) * sizeof(long));
		memmove(&m->size[best], &m->size[best + 1],
			(m->n - best - 1) * sizeof(long));
		m->n--;
	}
	CHECK(m->nlive < MODEL_MAX);
	m->live_addr[m->nlive] = addr;
	m->live_size[m->nlive++] = need;
	return addr;
}

/* Must entry (a, as) come before entry (b, bs)? Strict, so sorts are stable. */
static bool model_before(const struct model *m, long a, long as, long b,
			 long bs)
{
	switch (m->order) {
	case KML_ORDER_ADDR:
		return a < b;
	case KML_ORDER_SIZE_ASC:
		return as < bs;
	default:
		return as > bs;
	}
}

static int model_free(struct model *m, long addr)
{
	unsigned int i, j, k;
	long size, a, s;

	for (k = 0; k < m->nlive && m->live_addr[k] != addr; k++)
		;
	if (k == m->nlive)
		return -1;
	size = m->live_size[k];
	m->live_addr[k] = m->live_addr[--m->nlive];
	m->live_size[k] = m->live_size[m->nlive];

	if (m->order == KML_ORDER_LIFO) {
		memmove(&m->addr[1], &m->addr[0], m->n * sizeof(long));
		memmove(&m->size[1], &m->size[0], m->n * sizeof(long));
		m->addr[0] = addr;
		m->size[0] = size;
		m->n++;
	} else {
		m->addr[m->n] = addr;
		m->size[m->n++] = size;
	}
	if (m->order != KML_ORDER_LIFO && m->order != KML_ORDER_FIFO) {
		/* sorted(): stable insertion sort of the whole list */
		for (i = 1; i < m->n; i++) {
			a = m->addr[i];
			s = m->size[i];
			for (j = i; j > 0 && model_before(m, a, s, m->addr[j - 1],
							  m->size[j - 1]); j--) {
				m->addr[j] = m->addr[j - 1];
				m->size[j] = m->size[j - 1];
			}
			m->addr[j] = a;
			m->size[j] = s;
		}
	}
	if (m->coalesce) {
		for (i = 0, j = 1; j < m->n; j++) {
			if (m->addr[j] == m->addr[i] + m->size[i]) {
				m->size[i] += m->size[j];
			} else {
				i++;
				m->addr[i] = m->addr[j];
				m->size[i] = m->size[j];
			}
		}
		m->n = i + 1;
	}
	return 0;
}

static void model_compare_list(const struct model *m,
			       const struct kml_heap_step *st)
{
	unsigned int i;

	CHECK_EQ(st->nr_free, m->n);
	for (i = 0; i < st->nr_listed; i++) {
		CHECK_EQ(st->list[i].addr, m->addr[i]);
		CHECK_EQ(st->list[i].size, m->size[i]);
	}
}

#define OSTEP_PROP_OPS		10000
#define OSTEP_PROP_REGION	2048
#define OSTEP_PROP_BASE		1000

/*
 * 18 configurations: first, best and worst fit with each of the five list
 * orders without coalescing, and with address order and coalescing; the
 * header and alignment vary too.
 */
START_TEST(test_heap_property_matches_ostep_model)
{
	static const enum kml_heap_policy pols[3] = {
		KML_HEAP_FIRST_FIT, KML_HEAP_BEST_FIT, KML_HEAP_WORST_FIT,
	};
	static const u32 headers[3] = { 0, 4, 8 }, aligns[3] = { 1, 4, 8 };
	static struct model m;
	struct kml_heap_step st;
	struct kml_heap *h;
	void *ptr[MODEL_MAX];
	long mod[MODEL_MAX], req[MODEL_MAX], addr;
	unsigned int nlive = 0, count, op, k;
	int pol = _i / 6, ord = _i % 6;
	void *p;

	rng_state = 0x9e3779b97f4a7c15ULL + _i;
	memset(&m, 0, sizeof(m));
	m.policy = pols[pol];
	m.order = ord == 5 ? KML_ORDER_ADDR : (enum kml_heap_order)ord;
	m.coalesce = ord == 5;
	m.header = headers[_i % 3];
	m.align = aligns[(_i / 3) % 3];
	m.region = OSTEP_PROP_REGION;
	m.addr[0] = OSTEP_PROP_BASE;
	m.size[0] = OSTEP_PROP_REGION;
	m.n = 1;
	h = ostep(m.policy, OSTEP_PROP_REGION, OSTEP_PROP_BASE, m.header,
		  m.align, m.order, m.coalesce);

	for (op = 0; op < OSTEP_PROP_OPS; op++) {
		if (!nlive || (rnd() % 100 < 50 && nlive < MODEL_MAX)) {
			long size = 1 + rnd() % (rnd() % 8 ? 32 : 200);

			p = kml_heap_alloc_step(h, size, &st);
			addr = model_alloc(&m, size, &count);
			CHECK_EQ(st.searched, count);
			if (addr < 0) {
				CHECK(!p);
			} else {
				CHECK(p);
				CHECK_EQ(st.addr, addr);
				CHECK_EQ(kml_heap_addr(h, p), addr);
				ptr[nlive] = p;
				req[nlive] = size;
				mod[nlive++] = addr;
			}
		} else {
			k = rnd() % nlive;
			CHECK_EQ(kml_heap_free_step(h, ptr[k], req[k],
							    &st), 0);
			CHECK_EQ(model_free(&m, mod[k]), 0);
			CHECK_EQ(st.addr, mod[k]);
			nlive--;
			ptr[k] = ptr[nlive];
			req[k] = req[nlive];
			mod[k] = mod[nlive];
		}
		model_compare_list(&m, &st);
		if (op % 50 == 0)
			CHECK_EQ(kml_heap_validate(h), 0);
	}
	CHECK_EQ(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/*
 * Invariants under random churn, all six policies: blocks never overlap
 * (a byte-ownership map of the region), payloads keep their contents
 * (each is filled with its own pattern and checked when freed), payloads
 * are aligned, counters balance, every double free is refused,
 * validate() stays 0, and with coalescing the region is one free block
 * again once everything is freed.
 */
struct inv_config {
	enum kml_heap_policy policy;
	enum kml_heap_order order;
	u32 align, header, min_split, flags;
};

static const struct inv_config inv_configs[] = {
	{ KML_HEAP_FIRST_FIT, KML_ORDER_ADDR, 8, 0, 0, 0 },
	{ KML_HEAP_FIRST_FIT, KML_ORDER_SIZE_DESC, 8, 8, 24, 0 },
	{ KML_HEAP_NEXT_FIT, KML_ORDER_ADDR, 8, 0, 0, 0 },
	{ KML_HEAP_NEXT_FIT, KML_ORDER_LIFO, 16, 16, 0, KML_F_ZERO },
	{ KML_HEAP_NEXT_FIT, KML_ORDER_SIZE_ASC, 4, 4, 0, KML_F_NO_COALESCE },
	{ KML_HEAP_BEST_FIT, KML_ORDER_SIZE_ASC, 16, 16, 0, 0 },
	{ KML_HEAP_BEST_FIT, KML_ORDER_LIFO, 8, 8, 0, 0 },
	{ KML_HEAP_WORST_FIT, KML_ORDER_FIFO, 8, 0, 0, KML_F_NO_COALESCE },
	{ KML_HEAP_WORST_FIT, KML_ORDER_SIZE_DESC, 8, 8, 0, 0 },
	{ KML_HEAP_SEGREGATED, KML_ORDER_ADDR, 8, 0, 0, 0 },
	{ KML_HEAP_SEGREGATED, KML_ORDER_LIFO, 8, 8, 32, 0 },
	{ KML_HEAP_SEGREGATED, KML_ORDER_SIZE_DESC, 8, 0, 0,
	  KML_F_NO_COALESCE },
	{ KML_HEAP_BUMP, KML_ORDER_ADDR, 8, 0, 0, 0 },
	{ KML_HEAP_BUMP, KML_ORDER_ADDR, 16, 16, 0, KML_F_ZERO },
};

#define INV_OPS		9000
#define INV_REGION	(32 * 1024)
#define INV_BASE	0x40000000ULL
#define INV_MAX		2048

struct inv_obj {
	unsigned char *ptr;
	size_t size;
	u64 block;		/* block bytes */
	u64 off;
	u32 id;
};

static u32 owner[INV_REGION];

static void inv_claim(u64 off, u64 len, u32 id)
{
	u64 i;

	CHECK(off + len <= INV_REGION);
	for (i = off; i < off + len; i++) {
		if (id)
			CHECK_EQ(owner[i], 0);
		owner[i] = id;
	}
}

static size_t inv_size(void)
{
	u64 r = rnd() % 100;

	if (r < 70)
		return 1 + rnd() % 64;
	if (r < 95)
		return 65 + rnd() % 448;
	return 513 + rnd() % 3584;
}

START_TEST(test_heap_property_invariants)
{
	const struct inv_config *c = &inv_configs[_i];
	static struct inv_obj obj[INV_MAX];
	u64 live_bytes = 0, dead_bytes = 0, bad = 0, frees = 0;
	struct kml_alloc_stats st;
	struct kml_heap_block blk;
	struct kml_heap_step step;
	unsigned int n = 0, op, k;
	struct kml_heap *h;
	u32 next_id = 1;
	bool bump = c->policy == KML_HEAP_BUMP;
	size_t i;

	rng_state = 0xdeadbeefcafef00dULL ^ (_i * 0x100000001b3ULL);
	memset(owner, 0, sizeof(owner));
	h = mk(c->policy, INV_REGION, INV_BASE, c->align, c->header,
	       c->min_split, c->order, c->flags);

	for (op = 0; op < INV_OPS; op++) {
		if (!n || (n < INV_MAX && rnd() % 100 < 55)) {
			size_t size = inv_size();
			unsigned char *p = kml_heap_alloc(h, size);
			struct inv_obj *o = &obj[n];

			if (!p) {
				if (bump && rnd() % 4 == 0) {
					/* the arena is full: start over */
					CHECK_EQ(kml_heap_reset(h), 0);
					memset(owner, 0, sizeof(owner));
					n = 0;
					live_bytes = 0;
					dead_bytes = 0;
				}
				continue;
			}
			o->ptr = p;
			o->size = size;
			o->id = next_id++;
			CHECK_EQ(kml_heap_block(h, kml_heap_addr(h, p),
							&blk), 0);
			CHECK(blk.used);
			CHECK_EQ(blk.request, size);
			CHECK(blk.size >= kml_heap_usable(h, size));
			CHECK_EQ(kml_heap_ptr(h, blk.addr), p);
			o->block = blk.size;
			o->off = blk.offset;
			if (c->header % c->align == 0)
				CHECK_EQ((uintptr_t)p % c->align, 0);
			if (c->flags & KML_F_ZERO)
				for (i = 0; i < size; i++)
					CHECK_EQ(p[i], 0);
			inv_claim(o->off, o->block, o->id);
			memset(p, o->id & 0xff, size);
			live_bytes += o->block;
			n++;
		} else {
			struct inv_obj *o = &obj[rnd() % n];

			for (i = 0; i < o->size; i++)
				CHECK_EQ(o->ptr[i], o->id & 0xff);
			inv_claim(o->off, o->block, 0);
			CHECK_EQ(kml_heap_free(h, o->ptr, o->size), 0);
			frees++;
			live_bytes -= o->block;
			if (bump)
				dead_bytes += o->block;
			if (rnd() % 20 == 0) {
				CHECK_EQ(kml_heap_free(h, o->ptr, 0),
						 -EINVAL);
				bad++;
			}
			*o = obj[--n];
		}
		if (op % 64 == 0) {
			CHECK_EQ(kml_heap_validate(h), 0);
			kml_heap_stats(h, &st);
			CHECK_EQ(st.bytes_allocated, live_bytes);
			/* free, live and dead tile what is held */
			CHECK_EQ(st.total_free + live_bytes +
					  dead_bytes, st.bytes_held);
			CHECK(st.bytes_held <= INV_REGION);
			CHECK_EQ(st.peak_held, st.bytes_held);
			CHECK_EQ(st.bad_frees, bad);
			CHECK_EQ(st.frees, frees);
			CHECK(st.largest_free <= st.total_free);
		}
	}

	/* Free everything. */
	for (k = 0; k < n; k++) {
		inv_claim(obj[k].off, obj[k].block, 0);
		CHECK_EQ(kml_heap_free(h, obj[k].ptr, obj[k].size), 0);
	}
	CHECK_EQ(kml_heap_validate(h), 0);
	kml_heap_stats(h, &st);
	CHECK_EQ(st.bytes_allocated, 0);
	if (bump) {
		CHECK_EQ(kml_heap_reset(h), 0);
		kml_heap_stats(h, &st);
	}
	/* all free: what is held is one free stretch (a reset bump: none) */
	CHECK_EQ(st.total_free, st.bytes_held);
	if (bump)
		CHECK_EQ(st.bytes_held, 0);
	kml_heap_list(h, &step);
	if (bump || !(c->flags & KML_F_NO_COALESCE)) {
		CHECK_EQ(st.largest_free, st.bytes_held);
		CHECK_EQ(step.nr_free, 1);
		CHECK_EQ(step.list[0].addr, INV_BASE);
		CHECK_EQ(step.list[0].size, INV_REGION);
	}
	CHECK_EQ(kml_heap_validate(h), 0);
	kml_heap_destroy(h);
}
END_TEST

/* Reset frees everything for every policy and keeps the counters. */
START_TEST(test_heap_reset_every_policy)
{
	struct kml_heap *h = mk(_i, 4096, 0, 8, 0, 0, KML_ORDER_ADDR, 0);
	struct kml_alloc_stats st;
	void *p[8];
	int i;

	for (i = 0; i < 8; i++)
		p[i] = kml_heap_alloc(h, 100 + i);
	CHECK_EQ(kml_heap_free(h, p[3], 0), 0);
	CHECK_EQ(kml_heap_reset(h), 0);
	CHECK_EQ(kml_heap_validate(h), 0);
	free_list_is(h, "Free List [ Size 1 ]: [ addr:0 sz:4096 ]");
	kml_heap_stats(h, &st);
	CHECK_EQ(st.allocs, 8);
	CHECK_EQ(st.bytes_allocated, 0);
	/* 100..104 need 104 bytes, 105..107 need 112 */
	CHECK_EQ(st.peak_allocated, 5 * 104 + 3 * 112);
	CHECK_EQ(kml_heap_free(h, p[0], 0), -EINVAL);
	CHECK_EQ(kml_heap_alloc(h, 4096), p[0]);
	kml_heap_destroy(h);
}
END_TEST

static Suite *heap_suite(void)
{
	Suite *s = suite_create("heap");
	TCase *tc = tcase_create("exact");
	TCase *prop = tcase_create("property");
	TCase *large = tcase_create("large");

	tcase_add_test(tc, test_heap_ostep_best_addrsort);
	tcase_add_test(tc, test_heap_ostep_first_addrsort_coalesce);
	tcase_add_test(tc, test_heap_ostep_worst_sizesort_desc);
	tcase_add_test(tc, test_heap_ostep_first_sizesort_asc);
	tcase_add_test(tc, test_heap_ostep_first_insert_front);
	tcase_add_test(tc, test_heap_ostep_best_insert_back_bad_frees);
	tcase_add_test(tc, test_heap_ostep_random_first_sizesort_desc);
	tcase_add_test(tc, test_heap_ostep_random_worst_coalesce_fail);
	tcase_add_test(tc, test_heap_first_fit_placement);
	tcase_add_test(tc, test_heap_next_fit_rover);
	tcase_add_test(tc, test_heap_best_fit_placement);
	tcase_add_test(tc, test_heap_worst_fit_placement);
	tcase_add_test(tc, test_heap_fit_ties_take_the_earliest);
	tcase_add_test(tc, test_heap_segregated_classes);
	tcase_add_test(tc, test_heap_bump_and_reset);
	tcase_add_test(tc, test_heap_coalesce_on_off);
	tcase_add_test(tc, test_heap_coalesce_lifo_merged_block_at_head);
	tcase_add_test(tc, test_heap_min_split);
	tcase_add_test(tc, test_heap_header_payload_and_addresses);
	tcase_add_test(tc, test_heap_bad_frees_are_counted_and_refused);
	tcase_add_test(tc, test_heap_validate_counts_broken_invariants);
	tcase_add_test(tc, test_heap_free_step_reports);
	tcase_add_test(tc, test_heap_step_list_is_bounded);
	tcase_add_test(tc, test_heap_views);
	tcase_add_test(tc, test_heap_view_free_run_and_classes);
	tcase_add_loop_test(tc, test_heap_backends, 0,
			    ARRAY_SIZE(heap_backends));
	tcase_add_loop_test(tc, test_heap_reset_every_policy, 0,
			    KML_HEAP_POLICY_NR);
	suite_add_tcase(s, tc);

	/* page faults of regions up to 256 MiB and their tags, under ASan */
	tcase_set_timeout(large, 60);
	tcase_add_test(large, test_heap_create_rejects_bad_parameters);
	tcase_add_test(large, test_heap_large_region_64mib);
	suite_add_tcase(s, large);

	tcase_set_timeout(prop, 60);
	tcase_add_loop_test(prop, test_heap_property_matches_ostep_model, 0, 18);
	tcase_add_loop_test(prop, test_heap_property_invariants, 0,
			    ARRAY_SIZE(inv_configs));
	suite_add_tcase(s, prop);
	return s;
}

int main(void)
{
	return unit_run(heap_suite());
}
