// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's objects and views: the engine itself, client sessions and
 * their replies, instance and trace lookup, and the read-only views the
 * debugfs files (and the simulator) show. The command language is in
 * cmd.c, runs in workload.c.
 *
 * Locking: cmd_lock serialises commands (a run drops it while its workers
 * run, with its instances marked busy); state_lock guards the instance
 * list, the trace table and published results against the views, which
 * take only state_lock. Order: cmd_lock, then state_lock. Host hooks are
 * called with cmd_lock held and state_lock not held.
 */
#include "engine_priv.h"
#include "metrics.h"

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

/* --- engine and sessions ------------------------------------------------ */

struct kml_engine *kml_engine_create(const struct kml_host *host)
{
	struct kml_engine *e = kml_zalloc(sizeof(*e));

	if (!e)
		return NULL;
	e->host = host;
	kml_mutex_init(&e->cmd_lock);
	kml_mutex_init(&e->state_lock);
	kml_list_init(&e->instances);
	e->next_id = 1;
	return e;
}

void kml_engine_destroy(struct kml_engine *e)
{
	u32 nr_inst, nr_traces;

	if (!e)
		return;
	kml_mutex_lock(&e->cmd_lock);
	KML_WARN_ON_ONCE(e->run);
	kml_engine_clear_locked(e, &nr_inst, &nr_traces);
	kml_mutex_unlock(&e->cmd_lock);
	kml_mutex_destroy(&e->state_lock);
	kml_mutex_destroy(&e->cmd_lock);
	kml_free(e);
}

unsigned int kml_engine_stop(struct kml_engine *e)
{
	unsigned int n;

	kml_mutex_lock(&e->cmd_lock);
	n = kml_run_stop_locked(e);
	kml_mutex_unlock(&e->cmd_lock);
	return n;
}

struct kml_session *kml_session_create(struct kml_engine *e)
{
	struct kml_session *s = kml_zalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->reply = kml_zalloc(KML_REPLY_MAX);
	if (!s->reply) {
		kml_free(s);
		return NULL;
	}
	s->e = e;
	kml_out_init(&s->out, s->reply, KML_REPLY_MAX);
	return s;
}

void kml_session_destroy(struct kml_session *s)
{
	if (!s)
		return;
	kml_free(s->reply);
	kml_free(s);
}

/* The last line of a reply that did not fit, in room kept for it. */
#define KML_TRUNC_NOTE	"# truncated: the reply exceeded its bound\n"

int kml_engine_exec(struct kml_engine *e, struct kml_session *s,
		    const char *buf, size_t len)
{
	int ret;

	/* Keep room for the truncation note at the end of the buffer. */
	kml_out_init(&s->out, s->reply, KML_REPLY_MAX - sizeof(KML_TRUNC_NOTE));
	ret = kml_cmd_dispatch(s, buf, len);
	if (s->out.overflow) {
		/* cut back to the last full line, then say so */
		while (s->out.len && s->reply[s->out.len - 1] != '\n')
			s->out.len--;
		memcpy(s->reply + s->out.len, KML_TRUNC_NOTE,
		       sizeof(KML_TRUNC_NOTE));
		s->out.len += sizeof(KML_TRUNC_NOTE) - 1;
	}
	return ret;
}

const char *kml_session_reply(const struct kml_session *s, size_t *len)
{
	*len = s->out.len;
	return s->reply;
}

/* --- lookup ---------------------------------------------------------------- */

struct kml_instance *kml_inst_find(struct kml_engine *e, const char *name)
{
	struct kml_list *pos;

	for (pos = kml_list_first(&e->instances); pos;
	     pos = kml_list_next(&e->instances, pos)) {
		struct kml_instance *in = kml_list_entry(pos,
							 struct kml_instance,
							 node);

		if (!strcmp(in->name, name))
			return in;
	}
	return NULL;
}

struct kml_instance *kml_inst_find_tok(struct kml_engine *e,
				       const struct kml_tok *t)
{
	char name[KML_NAME_MAX + 1];

	if (!kml_name_valid(t))
		return NULL;
	kml_tok_copy(name, sizeof(name), t);
	return kml_inst_find(e, name);
}

struct kml_trace *kml_trace_find_tok(struct kml_engine *e,
				     const struct kml_tok *t)
{
	char name[KML_NAME_MAX + 1];
	unsigned int i;

	if (!kml_name_valid(t))
		return NULL;
	kml_tok_copy(name, sizeof(name), t);
	for (i = 0; i < KML_MAX_TRACES; i++)
		if (e->traces[i] && !strcmp(e->traces[i]->name, name))
			return e->traces[i];
	return NULL;
}

/* --- views ------------------------------------------------------------------ */

void kml_print_context(struct kml_engine *e, struct kml_out *out)
{
	const struct kml_host *h = e->host;

	kml_out_printf(out,
		       "context kind=%s clock=%s ns_per_1m_ticks=%llu nr_cpus=%u zero_default=%u",
		       h->name ? h->name : "unknown", kml_clock_name(),
		       (unsigned long long)kml_ticks_to_ns(1000000),
		       kml_nr_cpus(), h->zero_default ? 1 : 0);
	if (h->context) {
		kml_out_printf(out, " ");
		h->context(h->priv, out);
	}
	kml_out_printf(out, "\n");
}

const char *kml_family_name(enum kml_family f)
{
	switch (f) {
	case KML_FAMILY_OBJECT:
		return "object";
	case KML_FAMILY_PAGE:
		return "page";
	default:
		return "heap";
	}
}

bool kml_counts_free_slots(const struct kml_backend *be, void *priv)
{
	struct kml_out none;

	if (be->family != KML_FAMILY_OBJECT || !be->show)
		return false;
	kml_out_init(&none, NULL, 0);	/* the text is not wanted */
	return !be->show(priv, KML_VIEW_SLABINFO, &none);
}

void kml_frag_figures(const struct kml_backend *be, bool slots,
		      const struct kml_alloc_stats *st, s32 *ext,
		      s32 *stranded)
{
	if (be->family != KML_FAMILY_OBJECT) {
		*ext = kml_metric_ext_frag(st->largest_free, st->total_free);
		*stranded = KML_METRIC_NA;
		return;
	}
	/* every free slot serves any request: the heap formula is moot */
	*ext = KML_METRIC_NA;
	*stranded = slots ? kml_metric_stranded(st->total_free, st->bytes_held) :
		    KML_METRIC_NA;
}

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

struct kml_heap *kml_inst_heap(const struct kml_instance *in)
{
	if (in->be->ours && in->be->family == KML_FAMILY_HEAP)
		return in->priv;
	return NULL;
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
