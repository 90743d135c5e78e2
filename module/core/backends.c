// SPDX-License-Identifier: GPL-2.0
/*
 * Registration of kmemlab's own backends (the cores' ops tables), done once
 * at module init or simulator start, before any instance exists.
 */
#include "ops.h"

static const struct kml_backend * const kml_ours[] = {
	&kml_backend_buddy,
	&kml_backend_slab,
	&kml_backend_first_fit,
	&kml_backend_next_fit,
	&kml_backend_best_fit,
	&kml_backend_worst_fit,
	&kml_backend_segregated,
	&kml_backend_bump,
};

int kml_register_ours(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(kml_ours); i++) {
		ret = kml_backend_register(kml_ours[i]);
		if (ret)
			goto out_unregister;
	}
	return 0;

out_unregister:
	while (i--)
		kml_backend_unregister(kml_ours[i]);
	return ret;
}

void kml_unregister_ours(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kml_ours); i++)
		kml_backend_unregister(kml_ours[i]);
}
