// SPDX-License-Identifier: GPL-2.0
/*
 * Certainty of a compared run: the paired percentile bootstrap of a ratio
 * of medians (and the unpaired one of two independent runs), the spread of a figure over reps, and the clock's timing
 * resolution. Pure functions of numbers; docs/metrics.md ("Certainty")
 * states the method, its limits and a worked example.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certainty.h"

/* splitmix64: small, fast, and the same sequence everywhere. */
static uint64_t cert_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int cert_dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of @n values (mean of the middle two), sorting @v. */
static double cert_median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cert_dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The nearest-rank percentile @p (0..100) of @n sorted values. */
static double cert_rank(const double *s, size_t n, double p)
{
	size_t k = (size_t)ceil(p / 100.0 * (double)n);

	return s[k ? k - 1 : 0];
}

/*
 * The interval of @m resampled ratios (sorted in place): their 2.5th and
 * 97.5th percentiles, none when fewer than half the resamples had a
 * reference median above 0 (the reference is mostly 0).
 */
static void cert_interval(double *rs, size_t m, struct cert_ratio *out)
{
	if (m < CERT_BOOT_B / 2)
		return;
	qsort(rs, m, sizeof(*rs), cert_dcmp);
	out->has_ci = true;
	out->lo = cert_rank(rs, m, 2.5);
	out->hi = cert_rank(rs, m, 97.5);
	out->no_diff = out->lo <= 1.0 && out->hi >= 1.0;
}

/* A copy of @n values into a fresh array (one spare slot); NULL: -ENOMEM. */
static double *cert_dup(const double *v, size_t n)
{
	double *w = calloc(n + 1, sizeof(*w));

	if (w && n)
		memcpy(w, v, n * sizeof(*w));
	return w;
}

static bool cert_any_nan(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isnan(v[i]))
			return true;
	return false;
}

int cert_ratio_boot(const double *x, const double *ref, size_t n,
		    struct cert_ratio *out)
{
	double *bx, *br, *rs, mr;
	uint64_t seed = CERT_BOOT_SEED;
	size_t i, b, m = 0;

	memset(out, 0, sizeof(*out));
	out->lo = out->hi = NAN;
	if (cert_any_nan(x, n) || cert_any_nan(ref, n))
		return 0;
	bx = cert_dup(x, n);
	br = cert_dup(ref, n);
	rs = calloc(CERT_BOOT_B, sizeof(*rs));
	if (!bx || !br || !rs) {
		free(bx);
		free(br);
		free(rs);
		return -ENOMEM;
	}
	mr = cert_median(br, n);
	out->ratio = mr > 0 ? cert_median(bx, n) / mr : 0;
	if (n < CERT_MIN_REPS || mr <= 0)
		goto out;
	for (b = 0; b < CERT_BOOT_B; b++) {
		for (i = 0; i < n; i++) {
			size_t r = (size_t)(cert_next(&seed) % n);

			bx[i] = x[r];
			br[i] = ref[r];
		}
		mr = cert_median(br, n);
		if (mr > 0)
			rs[m++] = cert_median(bx, n) / mr;
	}
	cert_interval(rs, m, out);
out:
	free(bx);
	free(br);
	free(rs);
	return 0;
}

double cert_median_of(const double *v, size_t n)
{
	double *w, m;

	if (!n || cert_any_nan(v, n))
		return NAN;
	w = cert_dup(v, n);
	if (!w)
		return NAN;
	m = cert_median(w, n);
	free(w);
	return m;
}

int cert_ratio_boot_unpaired(const double *x, size_t nx, const double *ref,
			     size_t nref, struct cert_ratio *out)
{
	uint64_t seed = CERT_BOOT_SEED;
	double *bx, *br, *rs, mr;
	size_t i, b, m = 0;

	memset(out, 0, sizeof(*out));
	out->lo = out->hi = NAN;
	if (!nx || !nref || cert_any_nan(x, nx) || cert_any_nan(ref, nref))
		return 0;
	bx = cert_dup(x, nx);
	br = cert_dup(ref, nref);
	rs = calloc(CERT_BOOT_B, sizeof(*rs));
	if (!bx || !br || !rs) {
		free(bx);
		free(br);
		free(rs);
		return -ENOMEM;
	}
	mr = cert_median(br, nref);
	out->ratio = mr > 0 ? cert_median(bx, nx) / mr : 0;
	if (nx < CERT_MIN_REPS || nref < CERT_MIN_REPS || mr <= 0)
		goto out;
	for (b = 0; b < CERT_BOOT_B; b++) {
		for (i = 0; i < nx; i++)
			bx[i] = x[cert_next(&seed) % nx];
		for (i = 0; i < nref; i++)
			br[i] = ref[cert_next(&seed) % nref];
		mr = cert_median(br, nref);
		if (mr > 0)
			rs[m++] = cert_median(bx, nx) / mr;
	}
	cert_interval(rs, m, out);
out:
	free(bx);
	free(br);
	free(rs);
	return 0;
}

double cert_spread_pct(const double *v, size_t n)
{
	double lo = INFINITY, hi = -INFINITY, *w, med;
	size_t i, m = 0;

	w = calloc(n + 1, sizeof(*w));
	if (!w)
		return 0;
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		w[m++] = v[i];
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	med = cert_median(w, m);
	free(w);
	return m && med > 0 ? 100.0 * (hi - lo) / med : 0;
}

void cert_clock_of(const char *ns_per_1m_ticks, const char *step_ticks,
		   struct cert_clock *c)
{
	double step;

	memset(c, 0, sizeof(*c));
	if (ns_per_1m_ticks)
		c->ns_per_tick = strtod(ns_per_1m_ticks, NULL) / 1e6;
	if (step_ticks)
		c->step_ticks = strtoull(step_ticks, NULL, 10);
	step = c->ns_per_tick * (double)(c->step_ticks ? c->step_ticks : 1);
	/* the reply's latencies are whole nanoseconds */
	c->resolution_ns = step > 1 ? step : 1;
}

void cert_clock_describe(const struct cert_clock *c, char *buf, size_t size)
{
	if (!c->ns_per_tick)
		snprintf(buf, size, "%.1f ns (clock rate not reported)", c->resolution_ns);
	else if (c->step_ticks)
		snprintf(buf, size, "%.1f ns (clock steps of %llu ticks x %.3f ns; "
			 "latencies in whole ns)", c->resolution_ns,
			 (unsigned long long)c->step_ticks, c->ns_per_tick);
	else
		snprintf(buf, size, "%.1f ns (1 tick = %.3f ns, step not measured by "
			 "the engine; latencies in whole ns)", c->resolution_ns,
			 c->ns_per_tick);
}
