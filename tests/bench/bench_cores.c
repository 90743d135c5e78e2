// SPDX-License-Identifier: GPL-2.0
/*
 * bench_cores: userspace micro-benchmark of the allocator cores' hot
 * paths, in one process: a slab alloc+free pair (64 B, hot, LIFO) against
 * glibc malloc/free of 64 B, and a buddy order-0 alloc+free pair with the
 * per-CPU page cache on and off. Repetitions are interleaved so that
 * frequency and noise drift hit every subject alike.
 *
 *   build/bench/bench_cores [--reps N] [--pairs N] [--json]
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform.h"
#include "buddy.h"
#include "slab.h"

#define OBJ_SIZE	64
#define MAX_REPS	1000

enum subject {
	SUBJ_SLAB,
	SUBJ_MALLOC,
	SUBJ_BUDDY_PCP,
	SUBJ_BUDDY_NOPCP,
	SUBJ_NR,
};

static const char * const subject_names[SUBJ_NR] = {
	[SUBJ_SLAB]		= "slab 64B alloc+free",
	[SUBJ_MALLOC]		= "glibc malloc+free 64B",
	[SUBJ_BUDDY_PCP]	= "buddy order-0 (pcp on)",
	[SUBJ_BUDDY_NOPCP]	= "buddy order-0 (pcp off)",
};

static const char * const subject_keys[SUBJ_NR] = {
	[SUBJ_SLAB]		= "slab_64",
	[SUBJ_MALLOC]		= "glibc_malloc_64",
	[SUBJ_BUDDY_PCP]	= "buddy_order0_pcp",
	[SUBJ_BUDDY_NOPCP]	= "buddy_order0_nopcp",
};

struct bench {
	unsigned long reps;
	unsigned long pairs;
	bool json;
	struct kml_buddy *slab_buddy;
	struct kml_slab_cache *cache;
	struct kml_buddy *pcp;
	struct kml_buddy *nopcp;
	double ns[SUBJ_NR][MAX_REPS];	/* ns per pair, per repetition */
};

/* Stores that keep the compiler from pairing away malloc and free. */
static void * volatile sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int run_one(struct bench *b, enum subject subj, double *ns)
{
	unsigned long i, n = b->pairs;
	double t0, t1;
	void *p;

	t0 = now_ns();
	switch (subj) {
	case SUBJ_SLAB:
		for (i = 0; i < n; i++) {
			p = kml_slab_cache_alloc(b->cache);
			sink = p;
			if (kml_slab_cache_free(b->cache, p))
				return -1;
		}
		break;
	case SUBJ_MALLOC:
		for (i = 0; i < n; i++) {
			p = malloc(OBJ_SIZE);
			sink = p;
			free(p);
		}
		break;
	case SUBJ_BUDDY_PCP:
	case SUBJ_BUDDY_NOPCP: {
		struct kml_buddy *bd = subj == SUBJ_BUDDY_PCP ? b->pcp :
				       b->nopcp;

		for (i = 0; i < n; i++) {
			p = kml_buddy_alloc(bd, 0);
			sink = p;
			if (!p || kml_buddy_free(bd, p, 0))
				return -1;
		}
		break;
	}
	default:
		return -1;
	}
	t1 = now_ns();
	*ns = (t1 - t0) / (double)n;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void summarize(const double *v, unsigned long n, double *med,
		      double *min, double *max)
{
	double tmp[MAX_REPS];

	memcpy(tmp, v, n * sizeof(*v));
	qsort(tmp, n, sizeof(*tmp), cmp_double);
	*min = tmp[0];
	*max = tmp[n - 1];
	*med = n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

static void report(struct bench *b)
{
	double med[SUBJ_NR], min[SUBJ_NR], max[SUBJ_NR];
	int s;

	for (s = 0; s < SUBJ_NR; s++)
		summarize(b->ns[s], b->reps, &med[s], &min[s], &max[s]);
	if (b->json) {
		printf("{\"reps\": %lu, \"pairs\": %lu, \"results\": {",
		       b->reps, b->pairs);
		for (s = 0; s < SUBJ_NR; s++)
			printf("%s\"%s\": {\"median_ns\": %.3f, \"min_ns\": %.3f, \"max_ns\": %.3f}",
			       s ? ", " : "", subject_keys[s], med[s], min[s],
			       max[s]);
		printf("}, \"ratio_slab_over_glibc\": %.3f}\n",
		       med[SUBJ_SLAB] / med[SUBJ_MALLOC]);
		return;
	}
	printf("bench_cores: %lu reps x %lu pairs, interleaved, ns per alloc+free pair\n",
	       b->reps, b->pairs);
	printf("%-26s %10s %10s %10s %12s\n", "subject", "median", "min",
	       "max", "vs glibc");
	for (s = 0; s < SUBJ_NR; s++)
		printf("%-26s %10.2f %10.2f %10.2f %12.2f\n", subject_names[s],
		       med[s], min[s], max[s], med[s] / med[SUBJ_MALLOC]);
}

static int parse_ulong(const char *opt, const char *arg, unsigned long lo,
		       unsigned long hi, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || *v < lo || *v > hi) {
		fprintf(stderr, "bench_cores: %s: expected %lu..%lu, got '%s'\n",
			opt, lo, hi, arg);
		return -1;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: bench_cores [--reps N] [--pairs N] [--json]\n"
		"  --reps N    interleaved repetitions (5..%d, default 7)\n"
		"  --pairs N   alloc+free pairs per repetition (default 10000000)\n"
		"  --json      one JSON object instead of the table\n"
		"  --help      this text\n", MAX_REPS);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "pairs", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct bench b = { .reps = 7, .pairs = 10000000 };
	unsigned long r;
	int c, s;

	while ((c = getopt_long(argc, argv, "r:p:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (parse_ulong("--reps", optarg, 5, MAX_REPS, &b.reps))
				return 2;
			break;
		case 'p':
			if (parse_ulong("--pairs", optarg, 1, 1UL << 40,
					&b.pairs))
				return 2;
			break;
		case 'j':
			b.json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}

	b.slab_buddy = kml_buddy_create(4 << 20, true, 0);
	b.pcp = kml_buddy_create(4 << 20, true, 0);
	b.nopcp = kml_buddy_create(4 << 20, false, 0);
	if (!b.slab_buddy || !b.pcp || !b.nopcp) {
		fprintf(stderr, "bench_cores: buddy: out of memory\n");
		return 1;
	}
	b.cache = kml_slab_cache_create(b.slab_buddy, "bench-64", OBJ_SIZE,
					0, 0, NULL, NULL);
	if (!b.cache) {
		fprintf(stderr, "bench_cores: slab cache: out of memory\n");
		return 1;
	}

	/* Warm every subject once (first slab, first pcp refill, tcache). */
	for (s = 0; s < SUBJ_NR; s++) {
		double ns;
		unsigned long keep = b.pairs;

		b.pairs = keep < 100000 ? keep : 100000;
		if (run_one(&b, s, &ns)) {
			fprintf(stderr, "bench_cores: %s failed\n",
				subject_names[s]);
			return 1;
		}
		b.pairs = keep;
	}
	for (r = 0; r < b.reps; r++) {
		for (s = 0; s < SUBJ_NR; s++) {
			if (run_one(&b, s, &b.ns[s][r])) {
				fprintf(stderr, "bench_cores: %s failed\n",
					subject_names[s]);
				return 1;
			}
		}
	}
	report(&b);

	kml_slab_cache_destroy(b.cache);
	kml_buddy_destroy(b.slab_buddy);
	kml_buddy_destroy(b.pcp);
	kml_buddy_destroy(b.nopcp);
	return 0;
}
