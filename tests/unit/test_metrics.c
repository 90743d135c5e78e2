// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the metrics core: the kernel's unusable free space index
 * and fragmentation index on buddyinfo rows worked out by hand (the
 * arithmetic is in the comments), the heap ratios and their edge cases,
 * and the x1000 printing helper.
 */
#include <check.h>
#include <limits.h>

#include "metrics.h"
#include "unit.h"

#define NR	11	/* orders 0..10, the kernel's MAX_ORDER in 6.1 */

/*
 * Row "3 2 1 0 0 0 0 0 0 0 0": free pages 3*1 + 2*2 + 1*4 = 11 in 3 + 2 + 1
 * = 6 blocks.
 */
static const unsigned long row_small[NR] = { 3, 2, 1 };

START_TEST(test_metrics_contig_info)
{
	struct kml_contig_info info;

	kml_metric_contig_info(row_small, NR, 0, &info);
	ck_assert_uint_eq(info.free_pages, 11);
	ck_assert_uint_eq(info.free_blocks_total, 6);
	ck_assert_uint_eq(info.free_blocks_suitable, 11);
	/* Order 1: 2 order-1 blocks + 1 order-2 block giving 2 = 4. */
	kml_metric_contig_info(row_small, NR, 1, &info);
	ck_assert_uint_eq(info.free_blocks_suitable, 4);
	kml_metric_contig_info(row_small, NR, 2, &info);
	ck_assert_uint_eq(info.free_blocks_suitable, 1);
	kml_metric_contig_info(row_small, NR, 3, &info);
	ck_assert_uint_eq(info.free_blocks_suitable, 0);
	ck_assert_uint_eq(info.free_pages, 11);
}
END_TEST

START_TEST(test_metrics_unusable_index_small_row)
{
	/* Order 0: every page serves, (11 - 11) * 1000 / 11 = 0. */
	ck_assert_int_eq(kml_metric_unusable_index(row_small, NR, 0), 0);
	/* Order 1: 4 blocks of 2 = 8 usable, (11 - 8) * 1000 / 11 = 272.7. */
	ck_assert_int_eq(kml_metric_unusable_index(row_small, NR, 1), 272);
	/* Order 2: 1 block of 4, (11 - 4) * 1000 / 11 = 636.3. */
	ck_assert_int_eq(kml_metric_unusable_index(row_small, NR, 2), 636);
	/* Order 3 and up: nothing usable, 11000 / 11 = 1000. */
	ck_assert_int_eq(kml_metric_unusable_index(row_small, NR, 3), 1000);
	ck_assert_int_eq(kml_metric_unusable_index(row_small, NR, 10), 1000);
}
END_TEST

START_TEST(test_metrics_frag_index_small_row)
{
	/* Orders 0..2 would succeed: -1000. */
	ck_assert_int_eq(kml_metric_frag_index(row_small, NR, 0), -1000);
	ck_assert_int_eq(kml_metric_frag_index(row_small, NR, 2), -1000);
	/* Order 3: 11 * 1000 / 8 = 1375; (1000 + 1375) / 6 = 395; 605. */
	ck_assert_int_eq(kml_metric_frag_index(row_small, NR, 3), 605);
	/* Order 4: 11000 / 16 = 687; 1687 / 6 = 281; 719. */
	ck_assert_int_eq(kml_metric_frag_index(row_small, NR, 4), 719);
	/* Order 10: 11000 / 1024 = 10; 1010 / 6 = 168; 832. */
	ck_assert_int_eq(kml_metric_frag_index(row_small, NR, 10), 832);
}
END_TEST

START_TEST(test_metrics_indices_fragmented_row)
{
	/*
	 * A badly fragmented row: 1000 single pages and one order-4 block.
	 * Pages 1000 + 16 = 1016, blocks 1001.
	 * unusable(1) = (1016 - 16) * 1000 / 1016 = 984.2 -> 984 (the order-4
	 * block gives 8 order-1 blocks = 16 pages).
	 * unusable(5) = 1016000 / 1016 = 1000.
	 * frag(5): 1016 * 1000 / 32 = 31750; (1000 + 31750) / 1001 = 32;
	 * 1000 - 32 = 968: failure is due to fragmentation.
	 */
	unsigned long row[NR] = { 1000, 0, 0, 0, 1 };

	ck_assert_int_eq(kml_metric_unusable_index(row, NR, 1), 984);
	ck_assert_int_eq(kml_metric_unusable_index(row, NR, 4), 984);
	ck_assert_int_eq(kml_metric_unusable_index(row, NR, 5), 1000);
	ck_assert_int_eq(kml_metric_frag_index(row, NR, 4), -1000);
	ck_assert_int_eq(kml_metric_frag_index(row, NR, 5), 968);
}
END_TEST

START_TEST(test_metrics_index_edge_cases)
{
	static const unsigned long empty[NR];
	/* One free order-3 block and nothing else. */
	static const unsigned long lone[NR] = { 0, 0, 0, 1 };
	unsigned int o;

	/* Nothing free: unusable 1000 (all of nothing), frag 0 (no memory). */
	for (o = 0; o < NR; o++) {
		ck_assert_int_eq(kml_metric_unusable_index(empty, NR, o), 1000);
		ck_assert_int_eq(kml_metric_frag_index(empty, NR, o), 0);
	}
	/*
	 * The kernel's formula goes negative with a single free block smaller
	 * than the request: order 4: 8 * 1000 / 16 = 500, (1000 + 500) / 1 =
	 * 1500, 1000 - 1500 = -500. Order 5: 8000 / 32 = 250 -> -250. Order
	 * 10: 8000 / 1024 = 7 -> -7. We keep the kernel's numbers.
	 */
	ck_assert_int_eq(kml_metric_frag_index(lone, NR, 3), -1000);
	ck_assert_int_eq(kml_metric_frag_index(lone, NR, 4), -500);
	ck_assert_int_eq(kml_metric_frag_index(lone, NR, 5), -250);
	ck_assert_int_eq(kml_metric_frag_index(lone, NR, 10), -7);
	/* An order beyond the row: the kernel warns and says 0. */
	ck_assert_int_eq(kml_metric_frag_index(lone, NR, NR), 0);
	ck_assert_int_eq(kml_metric_frag_index(lone, 4, 4), 0);
	/* Unusable index past the row: nothing can serve it. */
	ck_assert_int_eq(kml_metric_unusable_index(lone, NR, NR), 1000);
	/* A shorter row ignores the orders beyond it. */
	ck_assert_int_eq(kml_metric_unusable_index(lone, 3, 0), 1000);
}
END_TEST

START_TEST(test_metrics_heap_ratios)
{
	/* 1 - 4096 / 16384 = 0.75. */
	ck_assert_int_eq(kml_metric_ext_frag(4096, 16384), 750);
	/* 1 - 1/3 = 0.6667, rounded down to 666. */
	ck_assert_int_eq(kml_metric_ext_frag(1, 3), 666);
	ck_assert_int_eq(kml_metric_ext_frag(100, 100), 0);
	ck_assert_int_eq(kml_metric_ext_frag(0, 0), 0);
	ck_assert_int_eq(kml_metric_ext_frag(1, 1000000), 999);

	/* 100 bytes in a 128-byte class: 28 / 128 = 0.21875 -> 218. */
	ck_assert_int_eq(kml_metric_int_frag(100, 128), 218);
	ck_assert_int_eq(kml_metric_int_frag(0, 0), 0);
	ck_assert_int_eq(kml_metric_int_frag(128, 128), 0);
	ck_assert_int_eq(kml_metric_int_frag(0, 4096), 1000);

	/* 62 free 64-byte slots in two 4 KiB slabs: 3968 / 8192 = 0.484. */
	ck_assert_int_eq(kml_metric_stranded(62 * 64, 8192), 484);
	ck_assert_int_eq(kml_metric_stranded(0, 8192), 0);
	ck_assert_int_eq(kml_metric_stranded(0, 0), 0);
	ck_assert_int_eq(kml_metric_stranded(64, 0), 0);
	/* never above 1: a backend's figures taken at different moments */
	ck_assert_int_eq(kml_metric_stranded(8192, 4096), 1000);
	ck_assert_int_eq(kml_metric_stranded(1ULL << 40, 1ULL << 41), 500);

	/* Peak payload 3 KiB in a peak of 4 KiB held: 0.75. */
	ck_assert_int_eq(kml_metric_utilization(3072, 4096), 750);
	ck_assert_int_eq(kml_metric_utilization(1, 3), 333);
	ck_assert_int_eq(kml_metric_utilization(0, 0), 0);
	ck_assert_int_eq(kml_metric_utilization(4096, 4096), 1000);
	/* 64-bit sizes do not overflow: 2^40 of 2^41. */
	ck_assert_int_eq(kml_metric_utilization(1ULL << 40, 1ULL << 41), 500);
}
END_TEST

START_TEST(test_metrics_str)
{
	char buf[KML_METRIC_STR_LEN];

	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), 1000), "1.000");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), 250), "0.250");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), 0), "0.000");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), 7), "0.007");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), 12345), "12.345");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), -1000), "-1.000");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), -500), "-0.500");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), -1), "-0.001");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), INT_MIN),
			 "-2147483.648");
	ck_assert_str_eq(kml_metric_str(buf, sizeof(buf), INT_MAX),
			 "2147483.647");
	/* A short buffer is cut, never overrun. */
	ck_assert_str_eq(kml_metric_str(buf, 4, -1000), "-1.");
}
END_TEST

START_TEST(test_metrics_print)
{
	char buf[64];
	struct kml_out out;

	kml_out_init(&out, buf, sizeof(buf));
	kml_metric_print(&out, -1000);
	kml_out_printf(&out, " ");
	kml_metric_print(&out, 801);
	ck_assert_str_eq(buf, "-1.000 0.801");
	ck_assert(!out.overflow);
}
END_TEST

static Suite *metrics_suite(void)
{
	Suite *s = suite_create("metrics");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_metrics_contig_info);
	tcase_add_test(tc, test_metrics_unusable_index_small_row);
	tcase_add_test(tc, test_metrics_frag_index_small_row);
	tcase_add_test(tc, test_metrics_indices_fragmented_row);
	tcase_add_test(tc, test_metrics_index_edge_cases);
	tcase_add_test(tc, test_metrics_heap_ratios);
	tcase_add_test(tc, test_metrics_str);
	tcase_add_test(tc, test_metrics_print);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(metrics_suite());
}
