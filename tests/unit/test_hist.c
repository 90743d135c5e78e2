// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the log-linear histograms: bucket bounds, the 1% relative
 * error over a sweep of values, exact quantiles on small known sets,
 * merge and rendering.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hist.h"
#include "rand.h"
#include "unit.h"

static struct kml_hist *new_hist(void)
{
	struct kml_hist *h = malloc(sizeof(*h));

	ck_assert_ptr_nonnull(h);
	kml_hist_reset(h);
	return h;
}

START_TEST(test_hist_bucket_bounds)
{
	unsigned int i;

	ck_assert_uint_eq(kml_hist_bucket(0), 0);
	ck_assert_uint_eq(kml_hist_bucket(127), 127);
	ck_assert_uint_eq(kml_hist_bucket(128), 128);
	ck_assert_uint_eq(kml_hist_bucket(255), 255);
	ck_assert_uint_eq(kml_hist_bucket(256), 256);	/* 256..257 */
	ck_assert_uint_eq(kml_hist_bucket(257), 256);
	ck_assert_uint_eq(kml_hist_bucket(258), 257);
	ck_assert_uint_eq(kml_hist_bucket(~0ULL), KML_HIST_BUCKETS - 1);
	ck_assert_uint_eq(kml_hist_bucket_lo(256), 256);
	ck_assert_uint_eq(kml_hist_bucket_hi(256), 257);
	ck_assert_uint_eq(kml_hist_bucket_hi(KML_HIST_BUCKETS - 1), ~0ULL);
	/* buckets tile the value range without gaps or overlaps */
	for (i = 1; i < KML_HIST_BUCKETS; i++)
		ck_assert_uint_eq(kml_hist_bucket_lo(i),
				  kml_hist_bucket_hi(i - 1) + 1);
	for (i = 0; i < KML_HIST_BUCKETS; i++) {
		ck_assert_uint_eq(kml_hist_bucket(kml_hist_bucket_lo(i)), i);
		ck_assert_uint_eq(kml_hist_bucket(kml_hist_bucket_hi(i)), i);
	}
}
END_TEST

START_TEST(test_hist_relative_error_below_one_percent)
{
	struct kml_rand r;
	u64 v, lo, i;

	kml_rand_seed(&r, 42);
	/* a geometric sweep plus random values of every magnitude */
	for (v = 1; v < (1ULL << 62); v += v / 50 + 1) {
		lo = kml_hist_bucket_lo(kml_hist_bucket(v));
		ck_assert_uint_le(lo, v);
		ck_assert_msg((v - lo) * 100 <= v, "%llu -> %llu",
			      (unsigned long long)v, (unsigned long long)lo);
	}
	for (i = 0; i < 100000; i++) {
		v = kml_rand_next(&r) >> kml_rand_below(&r, 64);
		lo = kml_hist_bucket_lo(kml_hist_bucket(v));
		ck_assert_uint_le(lo, v);
		ck_assert_uint_le((v - lo) / 100 * 100, v / 100);
		ck_assert_uint_le(kml_hist_bucket_hi(kml_hist_bucket(v)) - lo,
				  v / 128);
	}
}
END_TEST

START_TEST(test_hist_quantiles_exact_on_small_sets)
{
	struct kml_hist *h = new_hist();
	u64 i;

	ck_assert_uint_eq(kml_hist_quantile(h, 50, 100), 0);
	ck_assert_uint_eq(kml_hist_mean(h), 0);
	for (i = 1; i <= 100; i++)
		kml_hist_add(h, i);
	ck_assert_uint_eq(h->count, 100);
	ck_assert_uint_eq(h->min, 1);
	ck_assert_uint_eq(h->max, 100);
	ck_assert_uint_eq(kml_hist_quantile(h, 50, 100), 50);
	ck_assert_uint_eq(kml_hist_quantile(h, 90, 100), 90);
	ck_assert_uint_eq(kml_hist_quantile(h, 99, 100), 99);
	ck_assert_uint_eq(kml_hist_quantile(h, 999, 1000), 100);
	ck_assert_uint_eq(kml_hist_quantile(h, 0, 100), 1);
	ck_assert_uint_eq(kml_hist_quantile(h, 1, 1), 100);
	ck_assert_uint_eq(kml_hist_mean(h), 50);	/* 5050 / 100 */

	kml_hist_reset(h);
	kml_hist_add(h, 5);
	kml_hist_add(h, 5);
	kml_hist_add(h, 7);
	kml_hist_add(h, 1000003);
	ck_assert_uint_eq(kml_hist_quantile(h, 50, 100), 5);
	ck_assert_uint_eq(kml_hist_quantile(h, 75, 100), 7);
	/* clamped to the exact maximum */
	ck_assert_uint_eq(kml_hist_quantile(h, 100, 100), 1000003);
	ck_assert_uint_eq(kml_hist_mean(h), 1000020 / 4);
	free(h);
}
END_TEST

START_TEST(test_hist_quantile_within_one_percent_of_sorted)
{
	struct kml_hist *h = new_hist();
	static u64 v[5000];
	struct kml_rand r;
	unsigned int i, j, n = ARRAY_SIZE(v);
	static const unsigned int q[][2] = {
		{ 50, 100 }, { 90, 100 }, { 99, 100 }, { 999, 1000 },
	};

	kml_rand_seed(&r, 7);
	for (i = 0; i < n; i++) {
		v[i] = 100 + kml_rand_below(&r, 1000000);
		kml_hist_add(h, v[i]);
	}
	/* insertion sort: 5000 values */
	for (i = 1; i < n; i++) {
		u64 x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	for (i = 0; i < ARRAY_SIZE(q); i++) {
		u64 rank = ((u64)n * q[i][0] + q[i][1] - 1) / q[i][1];
		u64 want = v[rank - 1];
		u64 got = kml_hist_quantile(h, q[i][0], q[i][1]);

		ck_assert_uint_le(got, want);
		ck_assert_uint_le((want - got) * 100, want);
	}
	free(h);
}
END_TEST

START_TEST(test_hist_merge_and_render)
{
	struct kml_hist *a = new_hist(), *b = new_hist();
	struct kml_out out;
	char buf[256];

	kml_hist_add(a, 3);
	kml_hist_add(a, 300);
	kml_hist_add(b, 3);
	kml_hist_add(b, 1);
	kml_hist_merge(a, b);
	ck_assert_uint_eq(a->count, 4);
	ck_assert_uint_eq(a->min, 1);
	ck_assert_uint_eq(a->max, 300);
	ck_assert_uint_eq(a->sum, 307);
	kml_out_init(&out, buf, sizeof(buf));
	kml_hist_render(a, &out);
	ck_assert_str_eq(buf, "1 1 1\n3 3 2\n300 301 1\n");
	/* merging an empty histogram changes nothing */
	kml_hist_reset(b);
	kml_hist_merge(a, b);
	ck_assert_uint_eq(a->count, 4);
	ck_assert_uint_eq(a->min, 1);
	/* the sum saturates instead of wrapping */
	kml_hist_add(a, ~0ULL);
	ck_assert_uint_eq(a->sum, ~0ULL);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_hist_rand_is_deterministic)
{
	struct kml_rand a, b;
	unsigned int i, hits[10] = { 0 };

	kml_rand_seed(&a, 1);
	kml_rand_seed(&b, 1);
	for (i = 0; i < 1000; i++)
		ck_assert_uint_eq(kml_rand_next(&a), kml_rand_next(&b));
	kml_rand_seed(&b, 2);
	ck_assert_uint_ne(kml_rand_next(&a), kml_rand_next(&b));
	for (i = 0; i < 100000; i++) {
		u64 x = kml_rand_range(&a, 10, 19);

		ck_assert_uint_ge(x, 10);
		ck_assert_uint_le(x, 19);
		hits[x - 10]++;
	}
	for (i = 0; i < 10; i++)	/* roughly uniform */
		ck_assert_uint_gt(hits[i], 9000);
	ck_assert_uint_eq(kml_rand_below(&a, 1), 0);
	ck_assert_uint_eq(kml_rand_range(&a, 5, 5), 5);
}
END_TEST

static Suite *hist_suite(void)
{
	Suite *s = suite_create("hist");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_hist_bucket_bounds);
	tcase_add_test(tc, test_hist_relative_error_below_one_percent);
	tcase_add_test(tc, test_hist_quantiles_exact_on_small_sets);
	tcase_add_test(tc, test_hist_quantile_within_one_percent_of_sorted);
	tcase_add_test(tc, test_hist_merge_and_render);
	tcase_add_test(tc, test_hist_rand_is_deterministic);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(hist_suite());
}
