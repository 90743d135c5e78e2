// SPDX-License-Identifier: GPL-2.0
/*
 * The read-only views the debugfs files (and the simulator) show: per
 * instance stats, slabinfo, buddyinfo, frag, latency and heapmap, and the
 * engine-wide backends, instances, context and slabinfo.
 */
#include "engine_priv.h"

const char * const kml_iview_names[KML_IVIEW_NR] = {
	[KML_IVIEW_STATS]	= "stats",
	[KML_IVIEW_SLABINFO]	= "slabinfo",
	[KML_IVIEW_BUDDYINFO]	= "buddyinfo",
	[KML_IVIEW_FRAG]	= "frag",
	[KML_IVIEW_LATENCY]	= "latency",
	[KML_IVIEW_HEAPMAP]	= "heapmap",
};

const char * const kml_gview_names[KML_GVIEW_NR] = {
	[KML_GVIEW_BACKENDS]	= "backends",
	[KML_GVIEW_INSTANCES]	= "instances",
	[KML_GVIEW_CONTEXT]	= "context",
	[KML_GVIEW_SLABINFO]	= "slabinfo",
};

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
	/* a busy instance's views are the run's: no slabinfo probe then */
	kml_frag_figures(in->be,
			 !in->busy && kml_counts_free_slots(in->be, in->priv),
			 &st, &ext, &stranded);
	kml_out_printf(out,
		       "allocs %llu\nfrees %llu\nfailures %llu\nbad_frees %llu\n",
		       (unsigned long long)st.allocs,
		       (unsigned long long)st.frees,
		       (unsigned long long)st.failures,
		       (unsigned long long)st.bad_frees);
	kml_out_printf(out,
		       "bytes_allocated %llu\nbytes_held %llu\npeak_allocated %llu\npeak_held %llu\nlargest_free %llu\ntotal_free %llu\nexternal_frag_x1000 %d\nstranded_x1000 %d\n",
		       (unsigned long long)st.bytes_allocated,
		       (unsigned long long)st.bytes_held,
		       (unsigned long long)st.peak_allocated,
		       (unsigned long long)st.peak_held,
		       (unsigned long long)st.largest_free,
		       (unsigned long long)st.total_free, ext, stranded);
	if (in->busy) {
		kml_out_printf(out, "# no backend stats: instance '%s' is busy in a run\n",
			       in->name);
		return;
	}
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
 * The heapmap of a teaching heap with the engine's handles: the core's view
 * (heap.c, unchanged for its other users) with a final "handle" column on
 * the header and on every used block that an alloc command holds. A block
 * is matched by its address, which is what kml_heap_addr() gives for the
 * handle's pointer; the live handles are sorted by address once, so a view
 * costs O((blocks + handles) log handles).
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

/* The address of a block row "OFFSET ADDRESS SIZE used REQUEST", or false. */
static bool kml_heap_row_used(const char *line, const char *end, u64 *addr)
{
	const char *w[5];
	u32 len[5], n = 0;

	while (line < end && n < 5) {
		while (line < end && *line == ' ')
			line++;
		if (line == end || *line == '\n')
			break;
		w[n] = line;
		while (line < end && *line != ' ' && *line != '\n')
			line++;
		len[n] = (u32)(line - w[n]);
		n++;
	}
	if (n < 5 || len[3] != 4 || memcmp(w[3], "used", 4))
		return false;
	return !kml_parse_u64(w[1], len[1], addr);
}

static int kml_view_heapmap(struct kml_instance *in, struct kml_out *out)
{
	struct kml_addr_handle *ah = NULL;
	size_t size = out->size ? out->size : 1;
	const char *line, *end;
	struct kml_out tmp;
	u32 i, n = 0, nr_line = 0;
	char *buf;
	int ret;

	buf = kml_zalloc(size);
	if (!buf)
		return -ENOMEM;
	if (in->nr_live) {
		ah = kml_zalloc(in->nr_live * sizeof(*ah));
		if (!ah) {
			kml_free(buf);
			return -ENOMEM;
		}
		for (i = 0; i < KML_MAX_HANDLES && n < in->nr_live; i++) {
			if (!in->handles[i].ptr)
				continue;
			ah[n].addr = kml_heap_addr(in->priv, in->handles[i].ptr);
			ah[n++].handle = i;
		}
		kml_ah_sort(ah, n);
	}
	kml_out_init(&tmp, buf, size);
	ret = in->be->show(in->priv, KML_VIEW_HEAPMAP, &tmp);
	if (tmp.overflow)
		out->overflow = true;
	for (line = buf; !ret && *line; line = end) {
		const char *nl = strchr(line, '\n');
		size_t len;
		u64 addr;
		long h;

		end = nl ? nl + 1 : line + strlen(line);
		len = nl ? (size_t)(nl - line) : (size_t)(end - line);
		nr_line++;
		kml_out_printf(out, "%.*s", (int)len, line);
		h = -1;
		if (nr_line > 2 && kml_heap_row_used(line, line + len, &addr))
			h = kml_ah_find(ah, n, addr);
		if (nr_line == 2)
			kml_out_printf(out, " handle");
		else if (h >= 0)
			kml_out_printf(out, " %ld", h);
		if (nl)
			kml_out_printf(out, "\n");
	}
	kml_free(ah);
	kml_free(buf);
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
		kml_out_printf(o, "%llu %llu %llu %llu %llu %d %d\n",
			       (unsigned long long)sr->pts[i].op,
			       (unsigned long long)sr->pts[i].live,
			       (unsigned long long)sr->pts[i].requested,
			       (unsigned long long)sr->pts[i].allocated,
			       (unsigned long long)sr->pts[i].held,
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
		if (in->busy) {
			kml_out_printf(out, "# no %s: instance '%s' is busy in a run\n",
				       kml_iview_names[view], in->name);
			break;
		}
		if (view == KML_IVIEW_HEAPMAP && kml_inst_heap(in)) {
			ret = kml_view_heapmap(in, out);
			break;
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
 * The rows of every idle instance of one of our backends that renders
 * slabinfo, under one header: the file slabtop reads.
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

		if (in->busy || !in->be->ours || !in->be->show)
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

int kml_engine_global_view(struct kml_engine *e, enum kml_gview view,
			   struct kml_out *out)
{
	struct kml_list *pos;
	unsigned int i;
	int ret = 0;

	kml_mutex_lock(&e->state_lock);
	switch (view) {
	case KML_GVIEW_BACKENDS:
		for (i = 0; kml_backend_at(i); i++) {
			const struct kml_backend *b = kml_backend_at(i);

			kml_out_printf(out, "%s %s %s %s\n", b->name,
				       kml_family_name(b->family),
				       b->ours ? "ours" : "real",
				       b->desc ? b->desc : "");
		}
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
				       "%s %s id=%u busy=%u handles=%u held=%llu runs=%llu\n",
				       in->name, in->be->name, in->id,
				       in->busy ? 1 : 0, in->nr_live,
				       (unsigned long long)st.bytes_held,
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
