/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Log-linear latency histograms of fixed size over 64-bit values: values
 * below 128 have a bucket each; above, every power of two is split into 128
 * equal sub-buckets, so a value and its bucket's lower bound differ by less
 * than 1/128 (0.78%) of the value. Same idea as HdrHistogram with two
 * significant binary digits' worth of precision fixed at 7 bits.
 */
#ifndef KML_HIST_H
#define KML_HIST_H

#include "platform.h"
#include "out.h"

#define KML_HIST_SUB_BITS	7
#define KML_HIST_SUB		128u	/* 2^KML_HIST_SUB_BITS */
/* 128 exact buckets, then 128 for each exponent 7..63. */
#define KML_HIST_BUCKETS	((64 - KML_HIST_SUB_BITS + 1) * KML_HIST_SUB)

struct kml_hist {
	u64 count;			/* values recorded */
	u64 sum;			/* their sum, saturating */
	u64 min;			/* smallest value (U64_MAX when empty) */
	u64 max;			/* largest value (0 when empty) */
	u64 buckets[KML_HIST_BUCKETS];	/* counts per bucket */
};

/**
 * kml_hist_reset() - empty a histogram
 * @h: the histogram
 */
void kml_hist_reset(struct kml_hist *h);

/**
 * kml_hist_bucket() - the bucket index of a value
 * @v: the value
 *
 * Return: an index below KML_HIST_BUCKETS.
 */
static inline unsigned int kml_hist_bucket(u64 v)
{
	unsigned int e;

	if (v < KML_HIST_SUB)
		return (unsigned int)v;
	e = 63 - __builtin_clzll(v);	/* 7..63 */
	return (e - KML_HIST_SUB_BITS + 1) * KML_HIST_SUB +
	       (unsigned int)((v >> (e - KML_HIST_SUB_BITS)) &
			      (KML_HIST_SUB - 1));
}

/**
 * kml_hist_add() - record one value
 * @h: the histogram
 * @v: the value
 */
static inline void kml_hist_add(struct kml_hist *h, u64 v)
{
	h->buckets[kml_hist_bucket(v)]++;
	h->count++;
	h->sum = h->sum + v < h->sum ? ~0ULL : h->sum + v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
}

/**
 * kml_hist_bucket_lo() - smallest value of a bucket
 * @idx: a bucket index
 *
 * Return: the value.
 */
u64 kml_hist_bucket_lo(unsigned int idx);

/**
 * kml_hist_bucket_hi() - largest value of a bucket
 * @idx: a bucket index
 *
 * Return: the value.
 */
u64 kml_hist_bucket_hi(unsigned int idx);

/**
 * kml_hist_merge() - add every value of @src to @dst
 * @dst: the histogram that grows
 * @src: the histogram read
 */
void kml_hist_merge(struct kml_hist *dst, const struct kml_hist *src);

/**
 * kml_hist_quantile() - the value at a quantile
 * @h: the histogram
 * @num: numerator of the quantile (e.g. 999 for p99.9 with @den 1000)
 * @den: denominator (> 0, >= @num)
 *
 * The value of rank ceil(count * @num / @den) (at least 1) in sorted
 * order, given as its bucket's lower bound clamped to [min, max] (the
 * top rank gives max itself): exact below 128 and within 1/128 of the
 * true value above.
 *
 * Return: the value, 0 when the histogram is empty.
 */
u64 kml_hist_quantile(const struct kml_hist *h, u64 num, u64 den);

/**
 * kml_hist_quantiles() - the six figures every result reports
 * @h: the histogram
 * @q: set to p50, p90, p99, p99.9, max and mean, in the histogram's unit
 */
void kml_hist_quantiles(const struct kml_hist *h, u64 *q);

/**
 * kml_hist_mean() - the mean value, rounded down
 * @h: the histogram
 *
 * Return: the mean, 0 when empty.
 */
u64 kml_hist_mean(const struct kml_hist *h);

/**
 * kml_hist_render() - one line "lo hi count" per non-empty bucket
 * @h: the histogram
 * @out: where the lines go
 */
void kml_hist_render(const struct kml_hist *h, struct kml_out *out);

#endif /* KML_HIST_H */
