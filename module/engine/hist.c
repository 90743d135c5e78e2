// SPDX-License-Identifier: GPL-2.0
/*
 * Log-linear histograms (see hist.h): bucket arithmetic, merge, quantiles
 * and the text rendering used by the latency view.
 */
#include "hist.h"

void kml_hist_reset(struct kml_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = ~0ULL;
}

u64 kml_hist_bucket_lo(unsigned int idx)
{
	unsigned int e, sub;

	if (idx < KML_HIST_SUB)
		return idx;
	e = idx / KML_HIST_SUB + KML_HIST_SUB_BITS - 1;
	sub = idx % KML_HIST_SUB;
	return (u64)(KML_HIST_SUB + sub) << (e - KML_HIST_SUB_BITS);
}

u64 kml_hist_bucket_hi(unsigned int idx)
{
	unsigned int e;

	if (idx < KML_HIST_SUB)
		return idx;
	e = idx / KML_HIST_SUB + KML_HIST_SUB_BITS - 1;
	return kml_hist_bucket_lo(idx) + (1ULL << (e - KML_HIST_SUB_BITS)) - 1;
}

void kml_hist_merge(struct kml_hist *dst, const struct kml_hist *src)
{
	unsigned int i;

	if (!src->count)
		return;
	for (i = 0; i < KML_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
	dst->count += src->count;
	dst->sum = dst->sum + src->sum < dst->sum ? ~0ULL : dst->sum + src->sum;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
}

u64 kml_hist_quantile(const struct kml_hist *h, u64 num, u64 den)
{
	u64 rank, seen = 0, v;
	unsigned int i;

	if (!h->count || !den)
		return 0;
	if (num > den)
		num = den;
	/* ceil(count * num / den) without overflowing for sane counts */
	rank = h->count / den * num +
	       ((h->count % den) * num + den - 1) / den;
	if (!rank)
		rank = 1;
	if (rank >= h->count)	/* the largest value is known exactly */
		return h->max;
	for (i = 0; i < KML_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank)
			break;
	}
	if (i == KML_HIST_BUCKETS)
		return h->max;
	v = kml_hist_bucket_lo(i);
	if (v < h->min)
		v = h->min;
	if (v > h->max)
		v = h->max;
	return v;
}

u64 kml_hist_mean(const struct kml_hist *h)
{
	return h->count ? h->sum / h->count : 0;
}

void kml_hist_render(const struct kml_hist *h, struct kml_out *out)
{
	unsigned int i;

	for (i = 0; i < KML_HIST_BUCKETS; i++) {
		if (!h->buckets[i])
			continue;
		kml_out_printf(out, "%llu %llu %llu\n",
			       (unsigned long long)kml_hist_bucket_lo(i),
			       (unsigned long long)kml_hist_bucket_hi(i),
			       (unsigned long long)h->buckets[i]);
	}
}

void kml_hist_quantiles(const struct kml_hist *h, u64 *q)
{
	q[0] = kml_hist_quantile(h, 50, 100);
	q[1] = kml_hist_quantile(h, 90, 100);
	q[2] = kml_hist_quantile(h, 99, 100);
	q[3] = kml_hist_quantile(h, 999, 1000);
	q[4] = h->count ? h->max : 0;
	q[5] = kml_hist_mean(h);
}
