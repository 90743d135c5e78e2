// SPDX-License-Identifier: GPL-2.0
/*
 * Runs: the "run" command and the measurement of its cells. The workloads
 * are in workloads.c, what a worker does around every op in worker.c.
 *
 * A run executes reps x instances "cells". Rep r visits the instances in
 * the order given, rotated left by r (A,B then B,A then A,B ...), so that
 * slow drift (frequency, temperature, caches warmed by the previous cell)
 * does not always favour the same instance. Every cell runs the same op
 * sequence: the PRNG of worker i in rep r is seeded from (seed, r, i)
 * only, never from the instance.
 *
 * A cell runs on nr workers given by the host, worker i bound to cpus[i].
 * Each worker first measures the timing floor (an empty timed region,
 * 1024 times), then runs the workload against its own working set, then
 * frees everything it still holds. Per-op timing stamps kml_ticks()
 * around every alloc and every free and records nanoseconds in the
 * worker's histograms; mode=batch stamps only at chunk boundaries and
 * reports throughput. Every KML_RUN_CHUNK ops a worker checks the stop
 * flag and calls kml_cond_resched(); worker 0 also samples memory there
 * into a fixed-size time series that halves itself when full.
 *
 * Validity. With per-op timing every worker also checks, outside the timed
 * regions, what the backend hands out, as CS:APP's mdriver does: each
 * pointer must be aligned to the instance's natural alignment
 * (kml_cell_align(): 8 bytes or the instance's align= for object caches,
 * the payload alignment for heaps, the block size for our page allocator,
 * a page for other page allocators), and each new object must not overlap
 * any object the worker holds (checked in op order at the next chunk
 * boundary, so that no treap walk sits between two timed ops). The live
 * objects of a worker are a treap keyed by address over its working-set
 * slots (two u32 links, an address and a length per slot, allocated with
 * the working set; priorities hash the slot number), which holds disjoint
 * blocks only: a block that overlaps one is counted and
 * left out, so the first overlap is always found and the count after it is
 * a lower bound. Each worker checks its own objects (several replay
 * workers share an instance; overlaps between their objects are not
 * looked for), the remote workload only alignment (its objects change
 * hands), and mode=batch nothing (the whole batch is one timed region).
 *
 * Locking: the command lock is held while the run is set up (instances
 * looked up and marked busy) and while results are published; it is
 * dropped while the workers run, so that "stop" and commands on other
 * instances proceed. Only one run exists at a time.
 */
#include "metrics.h"
#include "workloads.h"

/* --- cells -------------------------------------------------------------- */

/*
 * Objects change hands between workers: remote's ring, and the replay of
 * a trace with a thread column (one working set; ops split by thread).
 */
static bool kml_run_hands_over(const struct kml_run *r)
{
	return r->wl->hands_over || (r->trace && r->trace->nr_threads);
}

static u64 kml_median(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 t;

	for (i = 1; i < n; i++)		/* insertion sort: n <= 100 */
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	if (!n)
		return 0;
	return n & 1 ? v[n / 2] : v[n / 2 - 1] / 2 + v[n / 2] / 2 +
				  (v[n / 2 - 1] & v[n / 2] & 1);
}

/*
 * The harness's own cost: the null instrument timed exactly as kml_w_alloc()
 * and kml_w_free() time a backend (clock, call through the ops table,
 * clock), so the figure is what every per-op latency carries on top of
 * its allocator (docs/metrics.md, "Harness cost").
 */
static void kml_worker_harness(struct kml_worker *w)
{
	const struct kml_backend *nb = &kml_backend_null;
	u64 t0, t1;
	unsigned int i;
	void *p;

	if (!w->per_op)
		return;
	for (i = 0; i < KML_HARNESS_ITERS; i++) {
		t0 = kml_ticks();
		p = nb->alloc(w->null_priv, 64);
		t1 = kml_ticks();
		kml_hist_add(w->hnull_a, kml_ticks_to_ns(t1 - t0));
		t0 = kml_ticks();
		nb->free(w->null_priv, p, 64);
		t1 = kml_ticks();
		kml_hist_add(w->hnull_f, kml_ticks_to_ns(t1 - t0));
	}
}

/* The host runs this on every worker: the floor, then the generator. */
static void kml_worker_main(void *arg, unsigned int idx)
{
	struct kml_cell *c = arg;
	struct kml_run *r = c->run;
	struct kml_worker *w = &r->w[idx];
	u64 t0, t1;
	unsigned int i;

	for (i = 0; i < KML_FLOOR_ITERS; i++) {
		t0 = kml_ticks();
		t1 = kml_ticks();
		kml_hist_add(w->hfloor, kml_ticks_to_ns(t1 - t0));
	}
	kml_worker_harness(w);
	if (!idx)
		kml_w_sample(w, false);
	t0 = kml_ticks();
	w->t_chunk = t0;
	r->wl->gen(w);
	t1 = kml_ticks();
	kml_ck_flush(w);	/* the last chunk's checks */
	if (w->per_op)	/* the loop-timed phase has its own figure */
		w->elapsed = t1 - t0 - w->loop_ticks;
	else
		w->elapsed += t1 - w->t_chunk;
}

/* Run one cell and fill @res; 0, or -EINTR / the host's error. */
static int kml_cell_run(struct kml_run *r, struct kml_instance *in, u32 rep,
			struct kml_cell_result *res, struct kml_published *pub)
{
	const struct kml_host *host = r->e->host;
	struct kml_hist *ha = &r->cell_h[0], *hf = &r->cell_h[1];
	struct kml_hist *hfl = &r->cell_h[2];
	struct kml_cell c = {
		.run = r, .in = in, .be = in->be, .priv = in->priv, .rep = rep,
		.align = kml_natural_align(in),
		.max_size = in->be->max_size ? in->be->max_size(in->priv) :
			    KML_OBJ_MAX,
		.ext = KML_TREND_INIT, .unusable = KML_TREND_INIT,
		.unusable_end = KML_METRIC_NA, .fragidx_end = KML_METRIC_NA,
		.fragidx_peak = KML_METRIC_NA,
	};
	struct kml_alloc_stats st = { 0 };
	u64 q[6], elapsed = 0, ops_all;
	unsigned int i;
	int ret;

	for (i = 0; i < r->nr_cpus; i++)
		kml_worker_reset(r, &c, i);
	memset(r->series, 0, sizeof(*r->series));
	r->series->rep = rep;
	r->series->interval = r->sample;
	r->ring.head = 0;
	r->ring.count = 0;
	r->ring.done = false;
	r->ring.turn = 0;
	/* the backend's peaks start from here: they become the cell's own */
	if (in->be->peak_reset)
		in->be->peak_reset(in->priv);
	if (in->be->stats)
		in->be->stats(in->priv, &st);
	c.peak_held_start = st.peak_held;

	ret = host->run_workers(host->priv, r->nr_cpus, r->cpus,
				kml_worker_main, &c, &r->stop);
	if (ret)
		return ret;

	kml_hist_reset(ha);
	kml_hist_reset(hf);
	kml_hist_reset(hfl);
	memset(res, 0, sizeof(*res));
	res->in = in;
	res->rep = rep;
	for (i = 0; i < r->nr_cpus; i++) {
		struct kml_worker *w = &r->w[i];

		kml_hist_merge(ha, w->ha);
		kml_hist_merge(hf, w->hf);
		kml_hist_merge(hfl, w->hfloor);
		res->ops_done += w->ops_done;
		res->allocs += w->allocs;
		res->frees += w->frees;
		res->failures += w->failures;
		res->bad_frees += w->bad_frees;
		res->misaligned += w->misaligned;
		res->overlaps += w->overlaps;
		res->cross_cpu_frees += w->cross_cpu_frees;
		res->checksum ^= w->checksum;
		res->req_peak += w->peak_req;
		res->usable_peak += w->peak_usable;
		if (w->elapsed > elapsed)
			elapsed = w->elapsed;
	}
	/* internal fragmentation over every allocation of the cell */
	{
		u64 sreq = 0, susable = 0;

		for (i = 0; i < r->nr_cpus; i++) {
			sreq += r->w[i].sum_req;
			susable += r->w[i].sum_usable;
		}
		res->int_frag = kml_metric_int_frag(sreq, susable);
	}
	if (r->nr_cpus > 1) {		/* per-worker peaks don't add up */
		res->req_peak = c.req_peak;
		res->usable_peak = c.usable_peak;
	}
	kml_hist_quantiles(ha, res->alloc_q);
	kml_hist_quantiles(hf, res->free_q);
	kml_hist_quantiles(hfl, q);
	res->floor_ns = q[0];
	/* the harness's cost (null instrument) and the loop-timed phase */
	{
		u64 loop_ticks = 0;

		kml_hist_reset(hfl);
		for (i = 0; i < r->nr_cpus; i++)
			kml_hist_merge(hfl, r->w[i].hnull_a);
		res->harness_alloc_ns = kml_hist_quantile(hfl, 50, 100);
		kml_hist_reset(hfl);
		for (i = 0; i < r->nr_cpus; i++) {
			kml_hist_merge(hfl, r->w[i].hnull_f);
			loop_ticks += r->w[i].loop_ticks;
			res->loop_pairs += r->w[i].loop_pairs;
		}
		res->harness_free_ns = kml_hist_quantile(hfl, 50, 100);
		if (res->loop_pairs)
			res->loop_pair_ns = kml_ticks_to_ns(loop_ticks) /
					    res->loop_pairs;
	}
	res->elapsed_ns = kml_ticks_to_ns(elapsed);
	ops_all = res->allocs + res->frees;
	res->ops_per_sec = res->elapsed_ns ?
			   ops_all * 1000000000ULL / res->elapsed_ns : 0;
	res->ext_frag = c.ext_end;
	res->ext_peak = c.ext.peak;
	res->ext_mean = kml_trend_mean(&c.ext);
	res->has_pool = c.has_pool;
	if (c.has_pool) {
		res->buddy_order = kml_run_order(r);
		res->unusable_end = c.unusable_end;
		res->unusable_peak = c.unusable.peak;
		res->unusable_mean = kml_trend_mean(&c.unusable);
		res->fragidx_end = c.fragidx_end;
		res->fragidx_peak = c.fragidx_peak;
		res->pool = c.pool;
	}
	for (i = 0; i < r->nr_cpus; i++) {
		const struct kml_worker *w = &r->w[i];

		res->failed_with_free += w->failed_with_free;
		if (!w->fail_seen || res->fail_seen)
			continue;
		res->fail_seen = true;	/* the lowest worker's first */
		res->fail_request = w->fail_request;
		res->fail_free = w->fail_free;
		res->fail_largest = w->fail_largest;
	}
	res->stranded = c.stranded_end;
	/*
	 * Peak held: the backend's own peak since the reset above (exact
	 * where it keeps one), else the largest sample; a backend without a
	 * reset counts only when its lifetime peak rose during the cell.
	 */
	if (in->be->stats)
		in->be->stats(in->priv, &st);
	if ((in->be->peak_reset || st.peak_held > c.peak_held_start) &&
	    st.peak_held > c.held_peak)
		c.held_peak = st.peak_held;
	res->held_na = st.held_na;
	res->held_peak = st.held_na ? 0 : c.held_peak;
	/*
	 * Peak payload over peak held (CS:APP's utilization). One worker
	 * tracks its payload peak exactly; with several, the peak comes
	 * from the samples, as per-worker peaks need not coincide.
	 */
	res->util = st.held_na ? KML_METRIC_NA :
		    kml_metric_utilization(res->req_peak, res->held_peak);
	res->ops_req = kml_run_hands_over(r) ? r->ops : r->ops * r->nr_cpus;
	res->violations = in->be->validate ? in->be->validate(in->priv) : 0;

	kml_hist_merge(&pub->alloc, ha);
	kml_hist_merge(&pub->free, hf);
	pub->series = *r->series;
	return READ_ONCE(r->stop) ? -EINTR : 0;
}

/* --- set-up ------------------------------------------------------------------ */

static void kml_run_free(struct kml_run *r)
{
	unsigned int i;

	if (!r)
		return;
	for (i = 0; r->w && i < r->nr_cpus; i++) {
		kml_free(r->w[i].ha);
		kml_free(r->w[i].hf);
		kml_free(r->w[i].hfloor);
		kml_free(r->w[i].hnull_a);
		kml_free(r->w[i].hnull_f);
		if (r->w[i].null_priv)
			kml_backend_null.destroy(r->w[i].null_priv);
		kml_free(r->w[i].ptr);
		kml_free(r->w[i].size);
		kml_free(r->w[i].perm);
		kml_free(r->w[i].cpu_of);
		kml_free(r->w[i].ck_left);
		kml_free(r->w[i].ck_right);
		kml_free(r->w[i].ck_addr);
		kml_free(r->w[i].ck_len);
	}
	for (i = 0; i < KML_RUN_MAX_INST; i++)
		kml_free(r->pub[i]);
	kml_free(r->w);
	kml_free(r->cell_h);
	kml_free(r->ring.ptr);
	kml_free(r->ring.size);
	kml_lock_destroy(&r->ring.lock);
	kml_free(r->series);
	kml_free(r->res);
	kml_free(r);
}

static int kml_run_alloc(struct kml_session *s, struct kml_run *r)
{
	static const struct kml_params null_params;
	u32 slots = r->wl->slots(r);
	unsigned int i;

	if ((u64)slots * KML_RUN_SLOT_COST * r->nr_cpus > KML_RUN_SLOT_BYTES)
		return kml_cmd_err(s, -E2BIG,
				   "working sets of %u objects x %u workers above the bound of %u bytes",
				   slots, r->nr_cpus, KML_RUN_SLOT_BYTES);
	r->w = kml_zalloc(r->nr_cpus * sizeof(*r->w));
	r->cell_h = kml_zalloc(3 * sizeof(*r->cell_h));
	r->series = kml_zalloc(sizeof(*r->series));
	r->res = kml_zalloc(r->reps * r->nr_inst * sizeof(*r->res));
	if (!r->w || !r->cell_h || !r->series || !r->res)
		goto out_nomem;
	for (i = 0; i < r->nr_cpus; i++) {
		struct kml_worker *w = &r->w[i];

		w->ha = kml_zalloc(sizeof(*w->ha));
		w->hf = kml_zalloc(sizeof(*w->hf));
		w->hfloor = kml_zalloc(sizeof(*w->hfloor));
		w->hnull_a = kml_zalloc(sizeof(*w->hnull_a));
		w->hnull_f = kml_zalloc(sizeof(*w->hnull_f));
		w->ptr = kml_zalloc(slots * sizeof(*w->ptr));
		w->size = kml_zalloc(slots * sizeof(*w->size));
		w->perm = kml_zalloc(slots * sizeof(*w->perm));
		w->nr_slots = slots;
		if (!w->ha || !w->hf || !w->hfloor || !w->hnull_a ||
		    !w->hnull_f || !w->ptr || !w->size || !w->perm)
			goto out_nomem;
		if (kml_backend_null.create(&null_params, 0, &w->null_priv))
			goto out_nomem;
		if (!i && r->trace && r->trace->nr_threads) {
			w->cpu_of = kml_zalloc(slots * sizeof(*w->cpu_of));
			if (!w->cpu_of)
				goto out_nomem;
		}
		/* remote: objects change hands; batch: nothing is checked */
		if (kml_run_hands_over(r) || r->mode == KML_MODE_BATCH)
			continue;
		w->ck_left = kml_zalloc(slots * sizeof(*w->ck_left));
		w->ck_right = kml_zalloc(slots * sizeof(*w->ck_right));
		w->ck_addr = kml_zalloc(slots * sizeof(*w->ck_addr));
		w->ck_len = kml_zalloc(slots * sizeof(*w->ck_len));
		if (!w->ck_left || !w->ck_right || !w->ck_addr || !w->ck_len)
			goto out_nomem;
	}
	if (kml_run_hands_over(r)) {
		r->ring.cap = r->batch;
		r->ring.ptr = kml_zalloc(r->batch * sizeof(*r->ring.ptr));
		r->ring.size = kml_zalloc(r->batch * sizeof(*r->ring.size));
		if (!r->ring.ptr || !r->ring.size)
			goto out_nomem;
	}
	for (i = 0; i < r->nr_inst; i++) {
		r->pub[i] = kml_zalloc(sizeof(*r->pub[i]));
		if (!r->pub[i])
			goto out_nomem;
		kml_hist_reset(&r->pub[i]->alloc);
		kml_hist_reset(&r->pub[i]->free);
		memcpy(r->pub[i]->workload, r->wl->name,
		       strlen(r->wl->name) + 1);
		r->pub[i]->reps = r->reps;
		r->pub[i]->seed = r->seed;
	}
	return 0;

out_nomem:
	return kml_cmd_err(s, -ENOMEM, "out of memory for the run");
}

static int kml_run_cpus(struct kml_session *s, struct kml_run *r)
{
	struct kml_tok *items = s->items;
	unsigned int i, j, nr;
	int ret;

	if (!(s->kv_seen & KML_RKB(CPUS))) {
		r->cpus[0] = 0;
		r->cpus[1] = 1;
		r->nr_cpus = r->wl->workers ? r->wl->workers : 1;
		if (r->nr_cpus > kml_nr_cpus())
			return kml_cmd_err(s, -EINVAL,
					   "%s needs %u CPUs; this platform has %u",
					   r->wl->name, r->nr_cpus, kml_nr_cpus());
		return 0;
	}
	ret = kml_parse_list(s, "cpus", &s->kv_raw[KML_RK_CPUS], items,
			     KML_MAX_CPUS, &nr);
	if (ret)
		return ret;
	for (i = 0; i < nr; i++) {
		u64 v;

		if (kml_parse_u64(items[i].s, items[i].len, &v))
			return kml_cmd_err(s, -EINVAL,
					   "cpus=: '%s' is not a number",
					   kml_tok_show(s, &items[i]));
		if (v >= kml_nr_cpus())
			return kml_cmd_err(s, -EINVAL,
					   "cpus=: no cpu %llu (cpus 0..%u exist)",
					   (unsigned long long)v,
					   kml_nr_cpus() - 1);
		for (j = 0; j < i; j++)
			if (r->cpus[j] == v)
				return kml_cmd_err(s, -EINVAL,
						   "cpus=: cpu %llu given twice",
						   (unsigned long long)v);
		r->cpus[i] = (unsigned int)v;
	}
	r->nr_cpus = nr;
	if (r->wl->workers && nr != r->wl->workers)
		return kml_cmd_err(s, -EINVAL,
				   "%s needs exactly %u cpus (cpus=A,B)",
				   r->wl->name, r->wl->workers);
	if (r->wl->max_workers && nr > r->wl->max_workers)
		return kml_cmd_err(s, -E2BIG, "%s takes at most %u cpus",
				   r->wl->name, r->wl->max_workers);
	return 0;
}

/* Parse and check everything but the instances (no lock needed). */
static int kml_run_parse(struct kml_session *s, struct kml_run *r)
{
	u64 *v = s->kv_num;
	u32 allowed, k;
	int ret;

	for (k = 0; k < kml_nr_workloads; k++)
		if (kml_tok_eq(&s->tok[1], kml_workloads[k].name))
			break;
	if (k == kml_nr_workloads) {
		char names[160];
		struct kml_out o;

		kml_out_init(&o, names, sizeof(names));
		for (k = 0; k < kml_nr_workloads; k++)
			kml_out_printf(&o, "%s%s", k ? "|" : "",
				       kml_workloads[k].name);
		return kml_cmd_err(s, -EINVAL, "unknown workload '%s' (%s)",
				   kml_tok_show(s, &s->tok[1]), names);
	}
	r->wl = &kml_workloads[k];
	ret = kml_parse_keys(s, 2, kml_run_keys, KML_RK_NR);
	if (ret)
		return ret;
	allowed = KML_RK_COMMON | r->wl->keys;
	for (k = 0; k < KML_RK_NR; k++)
		if ((s->kv_seen & (1ULL << k)) && !(allowed & (1u << k)))
			return kml_cmd_err(s, -EINVAL,
					   "%s= does not apply to %s",
					   kml_run_keys[k].name,
					   r->wl->name);
	if (!(s->kv_seen & KML_RKB(ON)))
		return kml_cmd_err(s, -EINVAL, "on=INSTANCE[,...] is required");

#define KML_GIVEN(key)	(s->kv_seen & KML_RKB(key))
#define KML_GET(key) \
	(KML_GIVEN(key) ? v[KML_RK_##key] : kml_run_keys[KML_RK_##key].def)
	r->mode = KML_GET(MODE);
	r->reps = KML_GET(REPS);
	r->seed = KML_GET(SEED);
	r->size = KML_GIVEN(SIZE) ? v[KML_RK_SIZE] : r->wl->size;
	r->batch = KML_GIVEN(BATCH) ? v[KML_RK_BATCH] : r->wl->batch;
	r->min = KML_GET(MIN);
	r->max = KML_GET(MAX);
	r->dist = KML_GET(DIST);
	r->free_order = KML_GET(FREE_ORDER);
	r->order = KML_GET(ORDER);
	r->maxorder = KML_GIVEN(MAXORDER) ? v[KML_RK_MAXORDER] :
		      r->order > 3 ? r->order : 3;
#undef KML_GET
#undef KML_GIVEN

	if (r->mode == KML_MODE_PHASES && !r->wl->phases)
		return kml_cmd_err(s, -EINVAL,
				   "mode=phases applies to churn only");
	if ((s->kv_seen & KML_RKB(FREE_ORDER)) && r->mode == KML_MODE_PAIRS)
		return kml_cmd_err(s, -EINVAL,
				   "free_order= needs mode=phases or mode=batch");
	if (r->wl->batch_max && r->batch > r->wl->batch_max)
		return kml_cmd_err(s, -E2BIG, "batch=%u: above the bound %u",
				   r->batch, r->wl->batch_max);
	if (r->min > r->max)
		return kml_cmd_err(s, -EINVAL, "min=%u is above max=%u",
				   r->min, r->max);
	if (r->dist == KML_DIST_KMALLOC &&
	    (s->kv_seen & (KML_RKB(MIN) | KML_RKB(MAX))))
		return kml_cmd_err(s, -EINVAL,
				   "dist=kmalloc-mix has fixed sizes (8..8192); drop min= and max=");
	r->pow2_lo = kml_log2_up(r->min);
	r->pow2_hi = 63u - __builtin_clzll(r->max);
	if (r->dist == KML_DIST_POW2 && r->pow2_lo > r->pow2_hi)
		return kml_cmd_err(s, -EINVAL,
				   "dist=pow2: no power of two in %u..%u",
				   r->min, r->max);
	r->kmix_total = kml_kmix_total();
	if (r->order > r->maxorder)
		return kml_cmd_err(s, -EINVAL, "order=%u is above maxorder=%u",
				   r->order, r->maxorder);

	r->max_request = r->wl->max_request(r);
	return kml_run_cpus(s, r);
}

/* Look up on= and trace= and check them; cmd_lock held. */
static int kml_run_bind(struct kml_session *s, struct kml_run *r)
{
	struct kml_engine *e = s->e;
	struct kml_tok *items = s->items;
	unsigned int i, j, nr;
	int ret;

	if (e->run)
		return kml_cmd_err(s, -EBUSY, "another run is in progress");
	if (r->wl->keys & KML_RKB(TRACE)) {
		if (!(s->kv_seen & KML_RKB(TRACE)))
			return kml_cmd_err(s, -EINVAL,
					   "%s needs trace=NAME", r->wl->name);
		r->trace = kml_trace_find_tok(e, &s->kv_raw[KML_RK_TRACE]);
		if (!r->trace)
			return kml_cmd_err(s, -ENOENT,
					   "no trace '%s' (see 'trace list')",
					   kml_tok_show(s, &s->kv_raw[KML_RK_TRACE]));
		if (!(s->kv_seen & KML_RKB(OPS)))
			r->ops = r->trace->nr_ops;
		else if (r->ops > r->trace->nr_ops)
			return kml_cmd_err(s, -E2BIG,
					   "ops=%llu: trace '%s' has %u ops",
					   (unsigned long long)r->ops,
					   r->trace->name, r->trace->nr_ops);
		r->max_request = r->trace->max_size;
	}
	ret = kml_parse_list(s, "on", &s->kv_raw[KML_RK_ON], items,
			     KML_RUN_MAX_INST, &nr);
	if (ret)
		return ret;
	if ((u64)nr * r->reps > KML_RUN_MAX_CELLS)
		return kml_cmd_err(s, -E2BIG,
				   "%u instances x %u reps above the bound of %u cells",
				   nr, r->reps, KML_RUN_MAX_CELLS);
	for (i = 0; i < nr; i++) {
		struct kml_instance *in = kml_inst_find_tok(e, &items[i]);
		u64 max;

		if (!in)
			return kml_cmd_err(s, -ENOENT,
					   "no instance '%s' (see 'instances')",
					   kml_tok_show(s, &items[i]));
		for (j = 0; j < i; j++)
			if (r->inst[j] == in)
				return kml_cmd_err(s, -EINVAL,
						   "on=: instance '%s' given twice",
						   in->name);
		max = in->be->max_size ? in->be->max_size(in->priv) :
		      KML_OBJ_MAX;
		/* a trace's request above it is a failure of that backend */
		if (!r->trace && r->max_request > max)
			return kml_cmd_err(s, -E2BIG,
					   "instance '%s' takes at most %llu bytes; %s asks for up to %llu",
					   in->name, (unsigned long long)max,
					   r->wl->name,
					   (unsigned long long)r->max_request);
		r->inst[i] = in;
	}
	r->nr_inst = nr;
	return 0;
}

/* --- the reply ---------------------------------------------------------------- */

static void kml_run_header(struct kml_run *r, struct kml_out *o)
{
	static const char * const timing[] = { "op", "op", "batch" };
	unsigned int i;

	kml_out_printf(o, "run workload=%s on=", r->wl->name);
	for (i = 0; i < r->nr_inst; i++)
		kml_out_printf(o, "%s%s", i ? "," : "", r->inst[i]->name);
	kml_out_printf(o, " cpus=");
	for (i = 0; i < r->nr_cpus; i++)
		kml_out_printf(o, "%s%u", i ? "," : "", r->cpus[i]);
	kml_out_printf(o, " ops=%llu reps=%u seed=%llu mode=%s timing=%s sample=%llu",
		       (unsigned long long)r->ops, r->reps,
		       (unsigned long long)r->seed, kml_mode_words[r->mode],
		       timing[r->mode], (unsigned long long)r->sample);
	r->wl->header(r, o);
	kml_out_printf(o, "\n");
}

static void kml_run_result(struct kml_run *r, const struct kml_cell_result *c,
			   struct kml_out *o)
{
	static const char * const q[6] = {
		"p50", "p90", "p99", "p999", "max", "mean",
	};
	unsigned int i;

	kml_out_printf(o, "result rep=%u instance=%s backend=%s workload=%s cpus=",
		       c->rep, c->in->name, c->in->be->name,
		       r->wl->name);
	for (i = 0; i < r->nr_cpus; i++)
		kml_out_printf(o, "%s%u", i ? "," : "", r->cpus[i]);
	kml_out_printf(o,
		       " ops=%llu ops_done=%llu done=%s allocs=%llu frees=%llu failures=%llu bad_frees=%llu",
		       (unsigned long long)c->ops_req,
		       (unsigned long long)c->ops_done,
		       c->ops_done == c->ops_req ? "ok" : "short",
		       (unsigned long long)c->allocs,
		       (unsigned long long)c->frees,
		       (unsigned long long)c->failures,
		       (unsigned long long)c->bad_frees);
	if (r->mode != KML_MODE_BATCH) {
		for (i = 0; i < 6; i++)
			kml_out_printf(o, " alloc_%s_ns=%llu", q[i],
				       (unsigned long long)c->alloc_q[i]);
		for (i = 0; i < 6; i++)
			kml_out_printf(o, " free_%s_ns=%llu", q[i],
				       (unsigned long long)c->free_q[i]);
		kml_out_printf(o, " misaligned=%llu",
			       (unsigned long long)c->misaligned);
		if (!kml_run_hands_over(r))
			kml_out_printf(o, " overlaps=%llu",
				       (unsigned long long)c->overlaps);
	}
	if (r->trace && r->trace->nr_threads)
		kml_out_printf(o, " cross_cpu_frees=%llu",
			       (unsigned long long)c->cross_cpu_frees);
	kml_out_printf(o,
		       " floor_ns=%llu elapsed_ns=%llu ops_per_sec=%llu internal_frag_x1000=%d external_frag_x1000=%d stranded_x1000=%d requested_peak=%llu allocated_peak=%llu held_peak=%lld utilization_x1000=%d violations=%u checksum=%016llx",
		       (unsigned long long)c->floor_ns,
		       (unsigned long long)c->elapsed_ns,
		       (unsigned long long)c->ops_per_sec, c->int_frag,
		       c->ext_frag, c->stranded, (unsigned long long)c->req_peak,
		       (unsigned long long)c->usable_peak,
		       c->held_na ? -1LL : (long long)c->held_peak, c->util,
		       c->violations, (unsigned long long)c->checksum);
	if (r->mode != KML_MODE_BATCH)
		kml_out_printf(o, " harness_alloc_ns=%llu harness_free_ns=%llu",
			       (unsigned long long)c->harness_alloc_ns,
			       (unsigned long long)c->harness_free_ns);
	if (c->loop_pairs)
		kml_out_printf(o, " loop_pairs=%llu loop_pair_ns=%llu",
			       (unsigned long long)c->loop_pairs,
			       (unsigned long long)c->loop_pair_ns);
	/* fragmentation over time, and the state at the first failure */
	kml_out_printf(o,
		       " external_frag_peak_x1000=%d external_frag_mean_x1000=%d failed_with_free=%llu",
		       c->ext_peak, c->ext_mean,
		       (unsigned long long)c->failed_with_free);
	if (c->fail_seen)
		kml_out_printf(o,
			       " first_fail_request=%llu first_fail_free=%llu first_fail_largest=%llu",
			       (unsigned long long)c->fail_request,
			       (unsigned long long)c->fail_free,
			       (unsigned long long)c->fail_largest);
	/* page allocators: the kernel's indices, and what the pool is */
	if (c->has_pool)
		kml_out_printf(o,
			       " buddy_order=%u unusable_end_x1000=%d unusable_peak_x1000=%d unusable_mean_x1000=%d fragidx_end_x1000=%d fragidx_peak_x1000=%d pool=%s pool_pages=%llu pool_shared=%d",
			       c->buddy_order, c->unusable_end,
			       c->unusable_peak, c->unusable_mean,
			       c->fragidx_end, c->fragidx_peak, c->pool.name,
			       (unsigned long long)c->pool.pool_pages,
			       c->pool.shared);
	kml_out_printf(o, "\n");
}

/*
 * Median, min and max over the reps of one figure of one instance. An s32
 * figure of KML_METRIC_NA in a rep (it does not apply) is left out; in
 * every rep, the three are KML_METRIC_NA.
 */
static void kml_run_summary_field(struct kml_run *r, struct kml_instance *in,
				  const char *name, size_t off, bool is_s32,
				  struct kml_out *o)
{
	u64 v[KML_RUN_MAX_REPS], lo = ~0ULL, hi = 0;
	unsigned int i, n = 0, na = 0;

	for (i = 0; i < r->nr_res; i++) {
		const char *base = (const char *)&r->res[i];
		u64 x;

		if (r->res[i].in != in)
			continue;
		if (is_s32) {
			s32 y = *(const s32 *)(base + off);

			if (y < 0) {
				na++;
				continue;
			}
			x = (u64)y;
		} else {
			x = *(const u64 *)(base + off);
		}
		v[n++] = x;
		if (x < lo)
			lo = x;
		if (x > hi)
			hi = x;
	}
	if (!n && na) {
		kml_out_printf(o, " %s_med=%d %s_min=%d %s_max=%d", name,
			       KML_METRIC_NA, name, KML_METRIC_NA, name,
			       KML_METRIC_NA);
		return;
	}
	if (!n)
		return;
	kml_out_printf(o, " %s_med=%llu %s_min=%llu %s_max=%llu", name,
		       (unsigned long long)kml_median(v, n), name,
		       (unsigned long long)lo, name, (unsigned long long)hi);
}

static void kml_run_summary(struct kml_run *r, struct kml_out *o)
{
	static const struct {
		const char *name;
		size_t off;
		bool is_s32;
		bool timed;
	} f[] = {
		{ "alloc_p50_ns", offsetof(struct kml_cell_result, alloc_q[0]),
		  false, true },
		{ "alloc_p99_ns", offsetof(struct kml_cell_result, alloc_q[2]),
		  false, true },
		{ "free_p50_ns", offsetof(struct kml_cell_result, free_q[0]),
		  false, true },
		{ "free_p99_ns", offsetof(struct kml_cell_result, free_q[2]),
		  false, true },
		{ "floor_ns", offsetof(struct kml_cell_result, floor_ns),
		  false, false },
		{ "ops_per_sec", offsetof(struct kml_cell_result, ops_per_sec),
		  false, false },
		{ "external_frag_x1000",
		  offsetof(struct kml_cell_result, ext_frag), true, false },
		{ "stranded_x1000",
		  offsetof(struct kml_cell_result, stranded), true, false },
		{ "utilization_x1000", offsetof(struct kml_cell_result, util),
		  true, false },
	};
	unsigned int i, k, reps, ok;

	for (i = 0; i < r->nr_inst; i++) {
		struct kml_instance *in = r->inst[i];

		reps = 0;
		ok = 0;
		for (k = 0; k < r->nr_res; k++) {
			if (r->res[k].in != in)
				continue;
			reps++;
			ok += r->res[k].ops_done == r->res[k].ops_req;
		}
		kml_out_printf(o, "summary instance=%s backend=%s reps=%u done_ok=%u",
			       in->name, in->be->name, reps, ok);
		for (k = 0; k < ARRAY_SIZE(f); k++) {
			if (f[k].timed && r->mode == KML_MODE_BATCH)
				continue;
			kml_run_summary_field(r, in, f[k].name, f[k].off,
					      f[k].is_s32, o);
		}
		kml_out_printf(o, "\n");
	}
}

/* --- the command ------------------------------------------------------------ */

/*
 * Stop the run in progress. The stop command (@by_cmd) ends it for good
 * with a reply its writer reads as a success (end status=stopped): an
 * EINTR would make ordinary writers, which retry EINTR, start the whole run
 * again. A signal to the writer or a module unload fails it with EINTR.
 */
unsigned int kml_run_stop_locked(struct kml_engine *e, bool by_cmd)
{
	kml_mutex_assert_held(&e->cmd_lock);
	if (!e->run)
		return 0;
	if (by_cmd)
		WRITE_ONCE(e->run->stop_cmd, true);
	WRITE_ONCE(e->run->stop, true);
	return 1;
}

bool kml_run_uses_trace(struct kml_engine *e, const struct kml_trace *t)
{
	return e->run && e->run->trace == t;
}

int kml_cmd_run(struct kml_session *s)
{
	struct kml_engine *e = s->e;
	struct kml_run *r;
	unsigned int rep, i, cells, done = 0;
	bool stopped;
	int ret;

	if (s->nr_tok < 2)
		return kml_cmd_err(s, -EINVAL,
				   "usage: run WORKLOAD on=INST[,INST...] [key=value ...]");
	r = kml_zalloc(sizeof(*r));
	if (!r)
		return kml_cmd_err(s, -ENOMEM, "out of memory for the run");
	r->e = e;
	kml_lock_init(&r->ring.lock);
	r->ops = KML_RUN_DEFAULT_OPS;
	ret = kml_run_parse(s, r);
	if (ret)
		goto out_free;
	if (s->kv_seen & KML_RKB(OPS))
		r->ops = s->kv_num[KML_RK_OPS];

	kml_mutex_lock(&e->cmd_lock);
	ret = kml_run_bind(s, r);
	if (!ret) {
		r->sample = (s->kv_seen & KML_RKB(SAMPLE)) ?
			    s->kv_num[KML_RK_SAMPLE] :
			    (r->ops + KML_SERIES_MAX / 2 - 1) /
			    (KML_SERIES_MAX / 2);
		if (!r->sample)
			r->sample = 1;
		ret = kml_run_alloc(s, r);
	}
	if (ret) {
		kml_mutex_unlock(&e->cmd_lock);
		goto out_free;
	}
	kml_mutex_lock(&e->state_lock);
	for (i = 0; i < r->nr_inst; i++)
		r->inst[i]->busy = true;
	kml_mutex_unlock(&e->state_lock);
	e->run = r;
	kml_mutex_unlock(&e->cmd_lock);

	/* the workers run without the engine's locks */
	cells = r->reps * r->nr_inst;
	for (rep = 0; rep < r->reps && !ret; rep++) {
		for (i = 0; i < r->nr_inst && !ret; i++) {
			unsigned int k = (i + rep) % r->nr_inst;

			if (READ_ONCE(r->stop)) {
				ret = -EINTR;
				break;
			}
			r->res[r->nr_res].in = NULL;
			ret = kml_cell_run(r, r->inst[k], rep,
					   &r->res[r->nr_res], r->pub[k]);
			/*
			 * A cell interrupted after its workers ran has a
			 * result; one whose workers the host interrupted (a
			 * signal to the writer) has none, and must not be
			 * printed when a stop command makes the run end well.
			 */
			if (!ret || (ret == -EINTR && r->res[r->nr_res].in))
				r->nr_res++;
			done += !ret;
		}
	}

	kml_mutex_lock(&e->cmd_lock);
	stopped = ret == -EINTR && READ_ONCE(r->stop_cmd);
	kml_mutex_lock(&e->state_lock);
	for (i = 0; i < r->nr_inst; i++) {
		struct kml_instance *in = r->inst[i];

		in->busy = false;
		if (ret)	/* nothing of a stopped run is published */
			continue;
		in->nr_runs++;
		/* publish: swap, the old results go with the run */
		{
			struct kml_published *old = in->last;

			in->last = r->pub[i];
			r->pub[i] = old;
		}
	}
	kml_mutex_unlock(&e->state_lock);
	e->run = NULL;
	if (stopped)
		ret = 0;
	else if (ret == -EINTR)
		kml_cmd_err(s, -EINTR, "stopped after %u of %u cells",
			    done, cells);
	else if (ret)
		kml_cmd_err(s, ret, "the host could not run the workers (%s)",
			    kml_errname(ret));
	if (!ret) {
		kml_print_context(e, &s->out);
		kml_run_header(r, &s->out);
		for (i = 0; i < r->nr_res; i++)
			kml_run_result(r, &r->res[i], &s->out);
		kml_run_summary(r, &s->out);
		if (stopped)
			kml_out_printf(&s->out,
				       "end status=stopped cells=%u done=%u of=%u\n",
				       r->nr_res, done, cells);
		else
			kml_out_printf(&s->out, "end status=ok cells=%u\n",
				       r->nr_res);
	}
	kml_mutex_unlock(&e->cmd_lock);
out_free:
	kml_run_free(r);
	return ret;
}

