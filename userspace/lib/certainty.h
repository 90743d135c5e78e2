/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How far a compared run can be trusted (docs/metrics.md, "Certainty"):
 * the 95% interval of a ratio of medians by a percentile bootstrap over
 * reps paired by rep index, the spread of a figure over reps and its
 * warning threshold, and the timing resolution of a run's clock; and the
 * unpaired bootstrap that compares two independent runs ('kmemlab diff').
 */
#ifndef KMEMLAB_CERTAINTY_H
#define KMEMLAB_CERTAINTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CERT_BOOT_B		2000	/* bootstrap resamples */
#define CERT_BOOT_SEED		0x6b6d656d6c6162ULL	/* "kmemlab": fixed */
#define CERT_MIN_REPS		3	/* fewer: no interval */
#define CERT_SPREAD_WARN_PCT	20.0	/* spread above it: too noisy to read */
#define CERT_FLOOR_STEPS	2	/* latency within this many steps of the floor */

/* A ratio of medians against a reference, with its 95% interval. */
struct cert_ratio {
	double ratio;		/* median(x) / median(ref); 0 when median(ref) is 0 */
	bool has_ci;		/* false: fewer than CERT_MIN_REPS reps, or no ratio */
	double lo, hi;		/* the interval (NAN without one) */
	bool no_diff;		/* has_ci and lo <= 1 <= hi: no difference shown */
};

/*
 * cert_ratio_boot() - a ratio of medians and its percentile bootstrap
 * @x: the values of one figure per rep (x[r] ran in rep r)
 * @ref: the reference's values, paired with @x by rep index
 * @n: reps
 * @out: filled in
 *
 * Each of CERT_BOOT_B resamples draws @n rep indices with replacement
 * (splitmix64 from CERT_BOOT_SEED, so the interval of the same data is
 * always the same) and takes median(x[idx]) / median(ref[idx]); resamples
 * whose reference median is 0 are left out. The interval is the 2.5th and
 * 97.5th percentiles (nearest rank) of the sorted ratios. A NAN value, a
 * reference median of 0 or fewer than CERT_MIN_REPS reps: no interval.
 * Return: 0, or -ENOMEM.
 */
int cert_ratio_boot(const double *x, const double *ref, size_t n,
		    struct cert_ratio *out);

/*
 * cert_ratio_boot_unpaired() - a ratio of medians of two independent runs
 * @x: the values of one figure per rep of the new run (@nx reps)
 * @ref: the values of the old run (@nref reps), not paired with @x
 * @out: filled in: ratio median(x) / median(ref) and its 95% interval
 *
 * As cert_ratio_boot(), except that each resample draws @nx indices into
 * @x and then @nref indices into @ref independently (one splitmix64
 * stream from CERT_BOOT_SEED): reps of two runs share no round. Fewer than
 * CERT_MIN_REPS reps on either side, a NAN value or a reference median of
 * 0: no interval.
 * Return: 0, or -ENOMEM.
 */
int cert_ratio_boot_unpaired(const double *x, size_t nx, const double *ref,
			     size_t nref, struct cert_ratio *out);

/* cert_median_of() - the median of @n values (mean of the middle two),
 * without changing them; NAN when @n is 0 or a value is NAN. */
double cert_median_of(const double *v, size_t n);

/* cert_spread_pct() - (max - min) / median of @n values, percent; 0 when
 * the median is 0 or @n is 0 (NAN values are left out). */
double cert_spread_pct(const double *v, size_t n);

/* The timing resolution of a run, from its context line. */
struct cert_clock {
	double ns_per_tick;	/* 0: not reported */
	uint64_t step_ticks;	/* the clock's measured step; 0: not reported */
	double resolution_ns;	/* max(1 ns, step or tick in ns) */
};

/*
 * cert_clock_of() - the resolution from the context fields
 * @ns_per_1m_ticks: the value of ns_per_1m_ticks= (NULL: absent)
 * @step_ticks: the value of clock_step_ticks= (NULL: absent, the engine
 *	did not measure the step: one tick is assumed)
 */
void cert_clock_of(const char *ns_per_1m_ticks, const char *step_ticks,
		   struct cert_clock *c);

/* cert_clock_describe() - e.g. "10.0 ns (clock steps of 26 ticks x
 * 0.385 ns)", for the context block and results.json. */
void cert_clock_describe(const struct cert_clock *c, char *buf, size_t size);

#endif /* KMEMLAB_CERTAINTY_H */
