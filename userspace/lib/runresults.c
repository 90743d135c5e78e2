// SPDX-License-Identifier: GPL-2.0
/*
 * A compared run as results.json entries: the context that makes its
 * numbers reproducible (the reply's context line, the cmdline settings,
 * $KMEMLAB_ACCEL, the zeroing) and one result per instance with medians,
 * spread, ratios to the first, validity, histograms and series.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certainty.h"
#include "job.h"
#include "latview.h"
#include "results.h"
#include "runparse.h"
#include "runresults.h"

static bool cmdline_has(const char *cmdline, const char *word)
{
	size_t n = strlen(word);
	const char *p = cmdline;

	while (p && (p = strstr(p, word))) {
		if ((p == cmdline || p[-1] == ' ') &&
		    (!p[n] || p[n] == ' ' || p[n] == '='))
			return true;
		p += n;
	}
	return false;
}

void job_context(const struct job *j, const struct run_reply *rr,
		 struct results *rs)
{
	const struct rr_line *cx = &rr->context;
	const char *kind = rr_get(cx, "kind") ?: "?";
	bool kern = !strcmp(kind, "kernel");
	const char *cmdline = rr_get(cx, "cmdline") ?: "";
	const char *acc = getenv("KMEMLAB_ACCEL");
	const char *ioa = rr_get(cx, "init_on_alloc");
	const char *zd = rr_get(cx, "zero_default") ?: "?";
	char buf[512], zs[64] = "";
	unsigned int i;

	results_ctx_add(rs, "mode", kind);
	results_ctx_add(rs, "kernel", kern ? rr_get(cx, "kernel") :
			rr_get(cx, "os_release"));
	results_ctx_add(rs, "cmdline", kern ? cmdline : "(sim mode: none)");
	if (kern) {
		snprintf(buf, sizeof(buf), "%s (%s)", ioa ? ioa : "?",
			 cmdline_has(cmdline, "init_on_alloc") ? "set on the cmdline" :
			 "kernel config default");
		results_ctx_add(rs, "init_on_alloc", buf);
		results_ctx_add(rs, "slab_nomerge",
				cmdline_has(cmdline, "slab_nomerge") ||
				cmdline_has(cmdline, "slub_nomerge") ?
				"on (cmdline)" : "off (not on the cmdline)");
		results_ctx_add(rs, "preempt", rr_get(cx, "preempt"));
		results_ctx_add(rs, "vcpus", rr_get(cx, "cpus_online"));
	} else {
		results_ctx_add(rs, "init_on_alloc", "n/a (sim mode)");
		results_ctx_add(rs, "slab_nomerge", "n/a (sim mode)");
		results_ctx_add(rs, "preempt", rr_get(cx, "preemption"));
		results_ctx_add(rs, "vcpus", rr_get(cx, "online_cpus"));
	}
	results_ctx_add(rs, "cpu", rr_get(cx, "cpu_model"));
	if (acc && !strcmp(acc, "tcg"))
		results_ctx_add(rs, "accel", "tcg (TCG: emulated timings, compare ratios only)");
	else if (acc && *acc)
		results_ctx_add(rs, "accel", acc);
	else
		results_ctx_add(rs, "accel", kern ? "none stated ($KMEMLAB_ACCEL unset)" :
				"none (sim mode, native)");
	snprintf(buf, sizeof(buf), "%s (ns_per_1m_ticks=%s)",
		 rr_get(cx, "clock") ?: "?", rr_get(cx, "ns_per_1m_ticks") ?: "?");
	results_ctx_add(rs, "clock", buf);
	cert_clock_describe(&rr->clock, buf, sizeof(buf));
	results_ctx_add(rs, "resolution", buf);
	results_ctx_add(rs, "seed", rr_get(&rr->run, "seed"));
	for (i = 0; i < j->nbe; i++)
		if (j->be[i].temp && j->be[i].zero >= 0)
			snprintf(zs, sizeof(zs), "zero=%d", j->be[i].zero);
	if (j->zero >= 0)
		snprintf(buf, sizeof(buf), "ours %s, forced by --zero; real allocators: "
			 "init_on_alloc=%s", zs[0] ? zs : "as set", ioa ? ioa : "n/a");
	else
		snprintf(buf, sizeof(buf), "ours %s (engine default zero_default=%s%s); "
			 "real allocators: init_on_alloc=%s", zs[0] ? zs : "default",
			 zd, kern ? ", matched to init_on_alloc" : "", ioa ? ioa : "n/a");
	results_ctx_add(rs, "zeroing", buf);
	if (j->aa && rr->ninst > 1) {
		/* the temporaries are gone by now: their names from the reply */
		snprintf(buf, sizeof(buf), "%s and %s are two temporaries of %s: their "
			 "ratio is the noise floor", rr->inst[0], rr->inst[1],
			 j->be[0].backend);
		results_ctx_add(rs, "aa", buf);
	}
}

static void set_lat(struct res_lat *l, const struct cmp_stat *s)
{
	l->present = true;
	l->p50 = s[LAT_P50].med;
	l->p90 = s[LAT_P90].med;
	l->p99 = s[LAT_P99].med;
	l->p999 = s[LAT_P999].med;
	l->max = s[LAT_MAX].med;
	l->mean = s[LAT_MEAN].med;
}

static double pct_x1000(int64_t x1000)
{
	return x1000 < 0 ? NAN : x1000 / 10.0;
}

/* A page allocator's pool and buddy indices: one rep's, the medians. */
static void set_pool_rep(struct res_pool *p, const struct rr_cell *c)
{
	p->set = true;
	snprintf(p->name, sizeof(p->name), "%s", c->pool);
	p->shared = c->pool_shared;
	p->pages = c->pool_pages;
	p->order = (unsigned int)c->buddy_order;
	p->unusable_end = c->unusable_end_x1000 / 1000.0;
	p->unusable_peak = c->unusable_peak_x1000 / 1000.0;
	p->unusable_mean = c->unusable_mean_x1000 / 1000.0;
	p->fragidx_end = c->fragidx_end_x1000 / 1000.0;
	p->fragidx_peak = c->fragidx_peak_x1000 / 1000.0;
}

static void set_pool_row(struct res_pool *p, const struct cmp_row *w)
{
	p->set = true;
	snprintf(p->name, sizeof(p->name), "%s", w->pool);
	p->shared = w->pool_shared;
	p->pages = w->pool_pages;
	p->order = w->buddy_order;
	p->unusable_end = w->unusable_end.med;
	p->unusable_peak = w->unusable_peak.med;
	p->unusable_mean = w->unusable_mean.med;
	p->fragidx_end = w->fragidx_end.med;
	p->fragidx_peak = w->fragidx_peak.med;
}

/* Every figure of every rep of instance @inst, in rep order. */
static int set_per_rep(const struct run_reply *rr, const char *inst,
		       struct result *r)
{
	unsigned int rep;
	size_t k, m;

	r->per_rep = calloc(rr->reps + 1, sizeof(*r->per_rep));
	if (!r->per_rep)
		return -ENOMEM;
	for (rep = 0; rep < rr->reps; rep++)
		for (k = 0; k < rr->ncells; k++) {
			const struct rr_cell *c = &rr->cells[k];
			struct res_rep *p;

			if (c->rep != rep || strcmp(c->instance, inst))
				continue;
			p = &r->per_rep[r->nper_rep++];
			p->rep = c->rep;
			p->ops = c->ops;
			p->ops_done = c->ops_done;
			p->done_ok = c->done_ok;
			p->failures = c->failures;
			p->has_lat = c->has_lat;
			for (m = 0; m < LAT_NR; m++) {
				p->alloc[m] = (double)c->alloc[m];
				p->free[m] = (double)c->free[m];
			}
			p->floor_ns = (double)c->floor_ns;
			p->elapsed_ns = (double)c->elapsed_ns;
			p->ops_per_sec = (double)c->ops_per_sec;
			p->internal_pct = c->internal_x1000 / 10.0;
			p->external_pct = pct_x1000(c->external_x1000);
			p->stranded_pct = pct_x1000(c->stranded_x1000);
			p->external_peak_pct = pct_x1000(c->ext_peak_x1000);
			p->external_mean_pct = pct_x1000(c->ext_mean_x1000);
			if (c->has_pool)
				set_pool_rep(&p->pool, c);
			p->requested_peak = c->requested_peak;
			p->allocated_peak = c->allocated_peak;
			p->held_peak = c->held_peak < 0 ? NAN : (double)c->held_peak;
			p->utilization_pct = pct_x1000(c->util_x1000);
			p->bad_frees = c->bad_frees;
			p->violations = c->violations;
			p->has_misaligned = c->has_misaligned;
			p->misaligned = c->misaligned;
			p->has_overlaps = c->has_overlaps;
			p->overlaps = c->overlaps;
			snprintf(p->checksum, sizeof(p->checksum), "%s", c->checksum);
			break;
		}
	return 0;
}

/* Intervals (not on the first row, the reference), spreads, resolution. */
static void set_certainty(const struct run_reply *rr, const struct cmp_row *w,
			  bool first, struct result *r)
{
	unsigned int k;

	for (k = 0; k < CMP_R_NR; k++) {
		struct res_ratio *q;

		if (!w->has_ratio[k])
			continue;
		snprintf(r->spread_key[r->nspread], sizeof(r->spread_key[0]), "%s",
			 cmp_ratio_keys[k]);
		r->spread_of[r->nspread++] = w->fig_spread_pct[k];
		if (first)
			continue;
		q = &r->ratios[r->nratios++];
		snprintf(q->key, sizeof(q->key), "%s", cmp_ratio_keys[k]);
		q->ratio = w->vs[k].ratio;
		q->has_ci = w->vs[k].has_ci;
		q->ci_lo = w->vs[k].lo;
		q->ci_hi = w->vs[k].hi;
		q->no_diff = w->vs[k].no_diff;
	}
	r->has_certainty = true;
	r->spread_high = w->spread_high;
	r->resolution_ns = rr->clock.resolution_ns;
	r->latency_unreadable = w->res_flags != 0;
}

int job_results(const struct job *j, const struct run_reply *rr,
		const struct cmp_row *rows, char **lat, struct results *rs)
{
	struct result *nr;
	unsigned int i;

	nr = realloc(rs->r, (rs->nr + rr->ninst + 1) * sizeof(*nr));
	if (!nr)
		return -ENOMEM;
	rs->r = nr;
	for (i = 0; i < rr->ninst; i++) {
		const struct cmp_row *w = &rows[i];
		struct result *r = &rs->r[rs->nr++];
		const struct rr_cell *last = NULL;
		size_t k;

		memset(r, 0, sizeof(*r));
		snprintf(r->backend, sizeof(r->backend), "%s", w->backend);
		snprintf(r->instance, sizeof(r->instance), "%s", w->instance);
		runreply_workload(rr, r->workload, sizeof(r->workload));
		snprintf(r->group, sizeof(r->group), "%s", j->title);
		for (k = 0; k < rr->ncells; k++)
			if (!strcmp(rr->cells[k].instance, w->instance))
				last = &rr->cells[k];
		r->ops = last ? last->ops : 0;
		r->failures = w->failures;
		if (rr->timing_op) {
			set_lat(&r->alloc, w->alloc);
			set_lat(&r->free, w->free);
		}
		r->floor_ns = w->floor_ns.med;
		r->ops_per_sec = w->ops_per_sec.med;
		r->internal_pct = w->internal_pct.med;
		r->external_pct = w->external_pct.med;
		r->stranded_pct = w->stranded_pct.med;
		r->external_peak_pct = w->ext_peak_pct.med;
		r->external_mean_pct = w->ext_mean_pct.med;
		if (w->has_pool)
			set_pool_row(&r->pool, w);
		r->requested_peak = (uint64_t)(w->requested_kib.med * 1024);
		r->held_peak = w->held_kib.med * 1024;	/* NaN stays n/a */
		r->utilization_pct = w->util_pct.med;
		r->reps = w->reps;
		r->median = true;
		if (set_per_rep(rr, w->instance, r))
			return -ENOMEM;
		set_certainty(rr, w, !i, r);
		r->spread_pct = w->spread_pct;
		r->has_vs_first = true;
		r->vs_alloc_p50 = w->r_alloc_p50;
		r->vs_free_p50 = w->r_free_p50;
		r->vs_ops_per_sec = w->r_ops;
		r->has_validity = true;
		r->bad_frees = w->bad_frees;
		r->violations = w->violations;
		r->has_misaligned = w->has_misaligned;
		r->misaligned = w->misaligned;
		r->has_overlaps = w->has_overlaps;
		r->overlaps = w->overlaps;
		r->valid = !w->bad_frees && !w->violations && !w->overlaps &&
			   !w->misaligned && w->checksum_ok &&
			   w->done_ok == w->reps;
		if (lat && lat[i] && last) {
			struct res_lat a = r->alloc, f = r->free;

			if (latview_parse(lat[i], r, last->elapsed_ns / 1e6, last->ops)) {
				/* a view we cannot read: keep the medians only */
				free(r->alloc.bucket_le);
				free(r->alloc.bucket_count);
				free(r->free.bucket_le);
				free(r->free.bucket_count);
				r->alloc = a;
				r->free = f;
				r->alloc.nbuckets = r->free.nbuckets = 0;
				r->alloc.bucket_le = r->alloc.bucket_count = NULL;
				r->free.bucket_le = r->free.bucket_count = NULL;
			}
			if (!rr->timing_op) {
				r->alloc.nbuckets = r->free.nbuckets = 0;
			}
		}
	}
	return 0;
}
