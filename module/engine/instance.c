// SPDX-License-Identifier: GPL-2.0
/*
 * Instances and traces as the commands and views find them: lookup by
 * name, teardown, the whole engine cleared, and the figures every view
 * derives from a backend (family name, fragmentation, context line).
 */
#include "engine_priv.h"
#include "metrics.h"

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

/* --- destroy, reset ------------------------------------------------------- */

u32 kml_inst_destroy(struct kml_engine *e, struct kml_instance *in)
{
	u32 live = in->nr_live;

	kml_mutex_lock(&e->state_lock);
	kml_list_del(&in->node);
	e->nr_instances--;
	kml_mutex_unlock(&e->state_lock);
	if (e->host->instance_removed)
		e->host->instance_removed(e->host->priv, in->name, in->id);
	in->be->destroy(in->priv);
	kml_free(in->handles);
	kml_free(in->last);
	kml_free(in);
	return live;
}

/* The whole engine: every instance and trace (reset, engine teardown). */
void kml_engine_clear_locked(struct kml_engine *e, u32 *nr_inst,
			     u32 *nr_traces)
{
	unsigned int i;

	kml_mutex_assert_held(&e->cmd_lock);
	*nr_inst = 0;
	*nr_traces = 0;
	while (!kml_list_empty(&e->instances)) {
		kml_inst_destroy(e, kml_list_entry(kml_list_first(&e->instances),
						   struct kml_instance, node));
		(*nr_inst)++;
	}
	kml_mutex_lock(&e->state_lock);
	for (i = 0; i < KML_MAX_TRACES; i++) {
		if (!e->traces[i])
			continue;
		kml_trace_free(e->traces[i]);
		e->traces[i] = NULL;
		(*nr_traces)++;
	}
	e->trace_ops = 0;
	kml_mutex_unlock(&e->state_lock);
}

/*
 * kml_arg_inst() - the instance named by token @i, in *@inp; when @idle,
 * one that is not busy in a run. Return: 0, or the errno with the reply set.
 */

void kml_print_context(struct kml_engine *e, struct kml_out *out)
{
	const struct kml_host *h = e->host;

	kml_out_printf(out,
		       "context kind=%s clock=%s ns_per_1m_ticks=%llu clock_step_ticks=%llu nr_cpus=%u zero_default=%u",
		       h->name ? h->name : "unknown", kml_clock_name(),
		       (unsigned long long)kml_ticks_to_ns(1000000),
		       (unsigned long long)kml_clock_step_ticks(e),
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

void kml_frag_figures(const struct kml_backend *be,
		      const struct kml_alloc_stats *st, s32 *ext,
		      s32 *stranded)
{
	if (be->family != KML_FAMILY_OBJECT) {
		/*
		 * The kernel's page allocators draw from zones the whole
		 * system shares: their free memory is no figure of this run
		 * (the frag and buddyinfo views show the zones).
		 */
		*ext = be->ours ? kml_metric_ext_frag(st->largest_free,
						      st->total_free) :
		       KML_METRIC_NA;
		*stranded = KML_METRIC_NA;
		return;
	}
	/* every free slot serves any request: the heap formula is moot */
	*ext = KML_METRIC_NA;
	*stranded = st->free_slots ? kml_metric_stranded(st->total_free, st->bytes_held) :
		    KML_METRIC_NA;
}
