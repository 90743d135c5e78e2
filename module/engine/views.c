// SPDX-License-Identifier: GPL-2.0
/*
 * The read-only views the debugfs files (and the simulator) show: per
 * instance stats, slabinfo, buddyinfo, frag, latency and heapmap, and the
 * engine-wide backends, instances, context and slabinfo.
 */
#include "engine_priv.h"
#include "workloads.h"

const char * const kml_iview_names[KML_IVIEW_NR] = KML_IVIEW_NAMES;
const char * const kml_gview_names[KML_GVIEW_NR] = KML_GVIEW_NAMES;

static_assert(KML_IVIEW_NR == KML_NR_IVIEWS, "kml_bounds.h: KML_IVIEW_NAMES");
static_assert(KML_GVIEW_NR == KML_NR_GVIEWS, "kml_bounds.h: KML_GVIEW_NAMES");
static_assert(KML_OBJ_MAX == (u64)KML_PAGE_SIZE << KML_MAX_ORDER,
	      "KML_OBJ_MAX is one block of the largest order");

static void kml_view_stats(struct kml_instance *in, struct kml_out *out)
{
	struct kml_alloc_stats st = { 0 };
	s32 ext, stranded;

	kml_out_printf(out, "instance %s\nbackend %s\nfamily %s\nid %u\nbusy %u\n",
		       in->name, in->be->name, kml_family_name(in->be->family),
		       in->id, in->busy ? 1 : 0);
	kml_out_printf(out,
		       "handles %u\nrequested %llu\nrequested_peak %llu\nhanded_out %llu\nhanded_out_peak %llu\n",
		       in->nr_live, (unsigned long long)in->req_now,
		       (unsigned long long)in->req_peak,
		       (unsigned long long)in->usable_now,
		       (unsigned long long)in->usable_peak);
	kml_out_printf(out,
		       "alloc_commands %llu\nalloc_command_failures %llu\nfree_commands %llu\nruns %llu\n",
		       (unsigned long long)in->nr_alloc,
		       (unsigned long long)in->nr_alloc_fail,
		       (unsigned long long)in->nr_free,
		       (unsigned long long)in->nr_runs);
	if (in->be->stats)
		in->be->stats(in->priv, &st);
	kml_frag_figures(in->be, &st, &ext, &stranded);
	kml_out_printf(out,
		       "allocs %llu\nfrees %llu\nfailures %llu\nbad_frees %llu\n",
		       (unsigned long long)st.allocs,
		       (unsigned long long)st.frees,
		       (unsigned long long)st.failures,
		       (unsigned long long)st.bad_frees);
	kml_out_printf(out,
		       "bytes_allocated %llu\nbytes_held %lld\npeak_allocated %llu\npeak_held %lld\nlargest_free %llu\ntotal_free %llu\nexternal_frag_x1000 %d\nstranded_x1000 %d\n",
		       (unsigned long long)st.bytes_allocated,
		       st.held_na ? -1LL : (long long)st.bytes_held,
		       (unsigned long long)st.peak_allocated,
		       st.held_na ? -1LL : (long long)st.peak_held,
		       (unsigned long long)st.largest_free,
		       (unsigned long long)st.total_free, ext, stranded);
	if (in->be->show) {
		size_t mark = out->len;

		kml_out_printf(out, "# backend %s\n", in->be->name);
		if (in->be->show(in->priv, KML_VIEW_STATS, out)) {
			out->len = mark;	/* no such view: drop the title */
			out->buf[mark] = '\0';
		}
	}
}

/*
 * The heapmap of a teaching heap with the engine's handles: the backend
 * renders its rows (show_labelled()) and asks, for every used block, which
 * handle names it. A block is matched by its display address, which is
 * what the backend's addr() gives for the handle's pointer; the live
 * handles are sorted by address once, so a view costs
 * O((blocks + handles) log handles).
 */
struct kml_addr_handle {
	u64 addr;
	u32 handle;
};

static void kml_ah_sift(struct kml_addr_handle *a, u32 root, u32 n)
{
	struct kml_addr_handle t;
	u32 child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child + 1].addr > a[child].addr)
			child++;
		if (a[root].addr >= a[child].addr)
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

/* Heapsort by address: no recursion, no allocation. */
static void kml_ah_sort(struct kml_addr_handle *a, u32 n)
{
	struct kml_addr_handle t;
	u32 i;

	for (i = n / 2; i-- > 0;)
		kml_ah_sift(a, i, n);
	for (i = n; i-- > 1;) {
		t = a[0];
		a[0] = a[i];
		a[i] = t;
		kml_ah_sift(a, 0, i);
	}
}

/* The handle of the block at @addr, or -1. */
static long kml_ah_find(const struct kml_addr_handle *a, u32 n, u64 addr)
{
	u32 lo = 0, hi = n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (a[mid].addr == addr)
			return a[mid].handle;
		if (a[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct kml_handle_index {
	struct kml_addr_handle *ah;
	u32 n;
};

static long kml_handle_at(void *arg, u64 addr)
{
	const struct kml_handle_index *x = arg;

	return kml_ah_find(x->ah, x->n, addr);
}

static int kml_view_labelled(struct kml_instance *in, enum kml_view view,
			     struct kml_out *out)
{
	struct kml_handle_index x = { NULL, 0 };
	int ret;
	u32 i;

	if (in->nr_live && in->be->addr) {
		x.ah = kml_zalloc(in->nr_live * sizeof(*x.ah));
		if (!x.ah)
			return -ENOMEM;
		for (i = 0; i < KML_MAX_HANDLES && x.n < in->nr_live; i++) {
			if (!in->handles[i].ptr)
				continue;
			x.ah[x.n].addr = in->be->addr(in->priv,
						      in->handles[i].ptr);
			x.ah[x.n++].handle = i;
		}
		kml_ah_sort(x.ah, x.n);
	}
	ret = in->be->show_labelled(in->priv, view, out, kml_handle_at, &x);
	kml_free(x.ah);
	return ret;
}

static void kml_latency_line(const char *what, const struct kml_hist *h,
			     struct kml_out *o)
{
	u64 q[6];

	kml_hist_quantiles(h, q);
	kml_out_printf(o,
		       "%s count=%llu min_ns=%llu mean_ns=%llu p50_ns=%llu p90_ns=%llu p99_ns=%llu p999_ns=%llu max_ns=%llu\n",
		       what, (unsigned long long)h->count,
		       (unsigned long long)(h->count ? h->min : 0),
		       (unsigned long long)q[5], (unsigned long long)q[0],
		       (unsigned long long)q[1], (unsigned long long)q[2],
		       (unsigned long long)q[3], (unsigned long long)q[4]);
}

static int kml_render_latency(struct kml_instance *in, struct kml_out *o)
{
	const struct kml_published *p = in->last;
	const struct kml_series *sr;
	u32 i;

	if (!p) {
		kml_out_printf(o, "# no latency: no run has completed on instance '%s'\n",
			       in->name);
		return 0;
	}
	sr = &p->series;
	kml_out_printf(o, "latency instance=%s backend=%s workload=%s reps=%u seed=%llu\n",
		       in->name, in->be->name, p->workload, p->reps,
		       (unsigned long long)p->seed);
	kml_latency_line("alloc", &p->alloc, o);
	kml_latency_line("free", &p->free, o);
	kml_out_printf(o, "# alloc histogram: lo_ns hi_ns count\n");
	kml_hist_render(&p->alloc, o);
	kml_out_printf(o, "# free histogram: lo_ns hi_ns count\n");
	kml_hist_render(&p->free, o);
	kml_out_printf(o, "# series rep=%u interval=%llu: ", sr->rep,
		       (unsigned long long)sr->interval);
	kml_out_printf(o, "op live requested allocated held external_frag_x1000 stranded_x1000\n");
	for (i = 0; i < sr->nr; i++)
		kml_out_printf(o, "%llu %llu %llu %llu %lld %d %d\n",
			       (unsigned long long)sr->pts[i].op,
			       (unsigned long long)sr->pts[i].live,
			       (unsigned long long)sr->pts[i].requested,
			       (unsigned long long)sr->pts[i].allocated,
			       (long long)sr->pts[i].held,
			       sr->pts[i].ext_frag, sr->pts[i].stranded);
	return 0;
}

int kml_engine_view(struct kml_engine *e, const char *name,
		    enum kml_iview view, struct kml_out *out)
{
	static const enum kml_view map[KML_IVIEW_NR] = {
		[KML_IVIEW_STATS]	= KML_VIEW_STATS,
		[KML_IVIEW_SLABINFO]	= KML_VIEW_SLABINFO,
		[KML_IVIEW_BUDDYINFO]	= KML_VIEW_BUDDYINFO,
		[KML_IVIEW_FRAG]	= KML_VIEW_FRAG,
		[KML_IVIEW_HEAPMAP]	= KML_VIEW_HEAPMAP,
	};
	struct kml_instance *in;
	int ret = 0;

	if ((unsigned int)view >= KML_IVIEW_NR)
		return -EINVAL;
	kml_mutex_lock(&e->state_lock);
	in = kml_inst_find(e, name);
	if (!in) {
		ret = -ENOENT;
		goto out_unlock;
	}
	switch (view) {
	case KML_IVIEW_STATS:
		kml_view_stats(in, out);
		break;
	case KML_IVIEW_LATENCY:
		kml_render_latency(in, out);
		break;
	default:
		/* busy or not: show() takes the backend's own locks (ops.h) */
		if (view == KML_IVIEW_HEAPMAP && in->be->show_labelled) {
			ret = kml_view_labelled(in, map[view], out);
			if (ret != -ENOENT)
				break;
			ret = 0;
		}
		if (!in->be->show ||
		    in->be->show(in->priv, map[view], out) == -ENOENT)
			kml_out_printf(out, "# no %s: backend '%s' has no such view\n",
				       kml_iview_names[view], in->be->name);
		break;
	}
out_unlock:
	kml_mutex_unlock(&e->state_lock);
	return ret;
}

/*
 * The rows of every instance of one of our backends that renders slabinfo
 * (busy in a run or not), under one header: the file slabtop reads.
 */
static int kml_view_slabinfo_all(struct kml_engine *e, struct kml_out *out)
{
	struct kml_out tmp;
	struct kml_list *pos;
	char *buf;
	size_t size = out->size ? out->size : 1;

	buf = kml_zalloc(size);
	if (!buf)
		return -ENOMEM;
	/* the header of print_slabinfo_header() in 6.1 mm/slab_common.c */
	kml_out_printf(out, "slabinfo - version: 2.1\n");
	kml_out_printf(out,
		       "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (pos = kml_list_first(&e->instances); pos;
	     pos = kml_list_next(&e->instances, pos)) {
		struct kml_instance *in = kml_list_entry(pos,
							 struct kml_instance,
							 node);
		const char *line, *end;

		if (!in->be->ours || !in->be->show)
			continue;
		kml_out_init(&tmp, buf, size);
		if (in->be->show(in->priv, KML_VIEW_SLABINFO, &tmp))
			continue;
		if (tmp.overflow)
			out->overflow = true;
		/* copy every line but the header lines */
		for (line = buf; *line; line = end) {
			end = strchr(line, '\n');
			end = end ? end + 1 : line + strlen(line);
			if (*line == '#' ||
			    !strncmp(line, "slabinfo - version", 18))
				continue;
			kml_out_printf(out, "%.*s", (int)(end - line), line);
		}
	}
	kml_free(buf);
	return 0;
}

/*
 * One backend as its table describes it: the fields a tool needs to know
 * what it may ask of it (docs/interface.md, "backends").
 */
static void kml_view_backend(const struct kml_backend *b, struct kml_out *o)
{
	kml_out_printf(o, "%s %s %s keys=", b->name, kml_family_name(b->family),
		       b->ours ? "ours" : "real");
	kml_print_keys(o, b->keys, ",");
	kml_out_printf(o,
		       " max_pool=%llu max_size=%llu slots=%u step=%u heapmap=%u desc=\"%s\"\n",
		       (unsigned long long)(b->max_pool ? b->max_pool :
					    KML_POOL_MAX),
		       (unsigned long long)(b->max_obj ? b->max_obj :
					    KML_OBJ_MAX),
		       b->caps & KML_CAP_FREE_SLOTS ? 1 : 0,
		       b->alloc_show ? 1 : 0, b->show_labelled ? 1 : 0,
		       b->desc ? b->desc : "");
}

static void kml_view_key(const struct kml_keyspec *k, struct kml_out *o)
{
	static const char * const types[] = {
		[KML_KT_NUM] = "num", [KML_KT_BOOL] = "bool",
		[KML_KT_ENUM] = "enum", [KML_KT_RAW] = "text",
	};
	unsigned int w;

	kml_out_printf(o, "key name=%s type=%s", k->name, types[k->type]);
	if (k->type == KML_KT_NUM)
		kml_out_printf(o, " min=%llu max=%llu",
			       (unsigned long long)k->min,
			       (unsigned long long)k->max);
	if (k->type == KML_KT_ENUM) {
		kml_out_printf(o, " words=");
		for (w = 0; k->words[w]; w++)
			kml_out_printf(o, "%s%s", w ? "," : "", k->words[w]);
	}
	if (k->has_def && k->type == KML_KT_ENUM)
		kml_out_printf(o, " default=%s", k->words[k->def]);
	else if (k->has_def)
		kml_out_printf(o, " default=%llu", (unsigned long long)k->def);
	kml_out_printf(o, "\n");
}

/*
 * The keys of "run" with their bounds and defaults, then one line per
 * workload: the keys it takes beyond the common ones and its own
 * defaults (docs/interface.md, "workloads").
 */
static void kml_view_workloads(struct kml_out *o)
{
	unsigned int i, k;

	kml_out_printf(o, "common");
	for (k = 0; k < KML_RK_NR; k++)
		if (KML_RK_COMMON & (1u << k))
			kml_out_printf(o, " %s", kml_run_keys[k].name);
	kml_out_printf(o, " default_ops=%u\n", KML_RUN_DEFAULT_OPS);
	for (k = 0; k < KML_RK_NR; k++)
		kml_view_key(&kml_run_keys[k], o);
	for (i = 0; i < kml_nr_workloads; i++) {
		const struct kml_workload *wl = &kml_workloads[i];
		bool first = true;

		kml_out_printf(o, "workload name=%s keys=", wl->name);
		for (k = 0; k < KML_RK_NR; k++) {
			if (!(wl->keys & (1u << k)))
				continue;
			kml_out_printf(o, "%s%s", first ? "" : ",",
				       kml_run_keys[k].name);
			first = false;
		}
		if (wl->keys & KML_RKB(SIZE))
			kml_out_printf(o, " size=%u", wl->size);
		if (wl->max_other)
			kml_out_printf(o, " max_other=%u", wl->max_other);
		if (wl->keys & KML_RKB(BATCH))
			kml_out_printf(o, " batch=%u batch_max=%u", wl->batch,
				       wl->batch_max ? wl->batch_max :
				       KML_RUN_MAX_BATCH);
		kml_out_printf(o, " workers=%u max_workers=%u phases=%u desc=\"%s\"\n",
			       wl->workers ? wl->workers : 1,
			       wl->workers ? wl->workers :
			       wl->max_workers ? wl->max_workers :
			       kml_nr_cpus(),
			       wl->phases ? 1 : 0, wl->desc);
	}
}

int kml_engine_global_view(struct kml_engine *e, enum kml_gview view,
			   struct kml_out *out)
{
	struct kml_list *pos;
	unsigned int i;
	int ret = 0;

	kml_mutex_lock(&e->state_lock);
	switch (view) {
	case KML_GVIEW_BACKENDS:
		for (i = 0; kml_backend_at(i); i++)
			kml_view_backend(kml_backend_at(i), out);
		break;
	case KML_GVIEW_WORKLOADS:
		kml_view_workloads(out);
		break;
	case KML_GVIEW_INSTANCES:
		for (pos = kml_list_first(&e->instances); pos;
		     pos = kml_list_next(&e->instances, pos)) {
			struct kml_instance *in;
			struct kml_alloc_stats st = { 0 };

			in = kml_list_entry(pos, struct kml_instance, node);
			if (in->be->stats)
				in->be->stats(in->priv, &st);
			kml_out_printf(out,
				       "%s %s id=%u busy=%u handles=%u held=%lld runs=%llu\n",
				       in->name, in->be->name, in->id,
				       in->busy ? 1 : 0, in->nr_live,
				       st.held_na ? -1LL : (long long)st.bytes_held,
				       (unsigned long long)in->nr_runs);
		}
		break;
	case KML_GVIEW_CONTEXT:
		kml_print_context(e, out);
		break;
	case KML_GVIEW_SLABINFO:
		ret = kml_view_slabinfo_all(e, out);
		break;
	default:
		ret = -EINVAL;
		break;
	}
	kml_mutex_unlock(&e->state_lock);
	return ret;
}
