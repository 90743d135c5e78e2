// SPDX-License-Identifier: GPL-2.0
/*
 * Registration of kmemlab's own backends (the cores' ops tables), done once
 * at module init or simulator start, before any instance exists.
 */
#include "ops.h"

static const struct kml_backend * const kml_ours[] = {
	&kml_backend_buddy,
	&kml_backend_slab,
};

#define KML_NR_OURS	(ARRAY_SIZE(kml_ours) + kml_nr_heap_backends + 1)

/* Listing order: buddy, slab, the teaching heaps, the null instrument. */
static const struct kml_backend *kml_our_backend(unsigned int i)
{
	if (i < ARRAY_SIZE(kml_ours))
		return kml_ours[i];
	i -= ARRAY_SIZE(kml_ours);
	if (i < kml_nr_heap_backends)
		return &kml_heap_backends[i];
	return &kml_backend_null;
}

int kml_register_ours(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < KML_NR_OURS; i++) {
		ret = kml_backend_register(kml_our_backend(i));
		if (ret)
			goto out_unregister;
	}
	return 0;

out_unregister:
	while (i--)
		kml_backend_unregister(kml_our_backend(i));
	return ret;
}

void kml_unregister_ours(void)
{
	unsigned int i;

	for (i = 0; i < KML_NR_OURS; i++)
		kml_backend_unregister(kml_our_backend(i));
}
