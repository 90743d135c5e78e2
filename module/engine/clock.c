// SPDX-License-Identifier: GPL-2.0
/*
 * The clock's step: the smallest number of ticks kml_ticks() advances by.
 * A clock that counts every tick has a step of 1; a virtual TSC that the
 * hypervisor scales (or that TCG derives from the host's clock) may move in
 * coarser quanta, and no latency is finer than one step. The engine
 * reports it as clock_step_ticks= in every context line, kernel and
 * simulator alike (docs/metrics.md, "Timing resolution").
 */
#include "engine_priv.h"

enum {
	KML_STEP_DIST = 129,	/* reads at growing distances */
	KML_STEP_MOVES = 31,	/* reads spun until the clock moved */
	KML_STEP_MAX = 4096,	/* largest step looked for, in ticks */
};

static void kml_sort_u64(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 t;

	for (i = 1; i < n; i++)		/* insertion sort: n is small */
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

/*
 * Measure the step once. The clock is read at growing distances from one
 * start (the i-th read i reads of the clock after the one before); the
 * step is the largest s, up to the median change of a read spun until the
 * clock moves, that divides at least 95 % of the distances (the odd read
 * one tick off is tolerated); 1 on a clock that counts every tick.
 */
static u64 kml_clock_measure_step(void)
{
	u64 d[KML_STEP_DIST], c[KML_STEP_MOVES], t0, t, s;
	unsigned int i, k, hits;

	for (i = 0; i < KML_STEP_MOVES; i++) {
		t0 = kml_ticks();
		while ((t = kml_ticks()) == t0)
			;
		c[i] = t - t0;
	}
	kml_sort_u64(c, KML_STEP_MOVES);
	t0 = kml_ticks();
	for (i = 0; i < KML_STEP_DIST; i++) {
		for (k = 0; k < i; k++)		/* a growing delay */
			kml_ticks();
		d[i] = kml_ticks() - t0;
	}
	s = c[KML_STEP_MOVES / 2];
	for (s = s < KML_STEP_MAX ? s : KML_STEP_MAX; s > 1; s--) {
		for (k = 0, hits = 0; k < KML_STEP_DIST; k++)
			hits += d[k] % s == 0;
		if (hits * 100 >= KML_STEP_DIST * 95)
			return s;
	}
	return 1;
}

u64 kml_clock_step_ticks(struct kml_engine *e)
{
	u64 s = READ_ONCE(e->clock_step);

	if (!s) {
		s = kml_clock_measure_step();
		WRITE_ONCE(e->clock_step, s);
	}
	return s;
}
