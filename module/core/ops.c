// SPDX-License-Identifier: GPL-2.0
/*
 * The backend registry: a small fixed table, filled at module init (or
 * simulator start) and read afterwards. Registration happens before any
 * instance exists and is not concurrent with lookups.
 */
#include "ops.h"

#define KML_MAX_BACKENDS	32

static const struct kml_backend *kml_backends[KML_MAX_BACKENDS];

int kml_backend_register(const struct kml_backend *b)
{
	unsigned int i, slot = KML_MAX_BACKENDS;

	for (i = 0; i < KML_MAX_BACKENDS; i++) {
		if (!kml_backends[i]) {
			if (slot == KML_MAX_BACKENDS)
				slot = i;
			continue;
		}
		if (!strcmp(kml_backends[i]->name, b->name))
			return -EEXIST;
	}
	if (slot == KML_MAX_BACKENDS)
		return -ENOSPC;
	kml_backends[slot] = b;
	return 0;
}

void kml_backend_unregister(const struct kml_backend *b)
{
	unsigned int i;

	for (i = 0; i < KML_MAX_BACKENDS; i++)
		if (kml_backends[i] == b)
			kml_backends[i] = NULL;
}

const struct kml_backend *kml_backend_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < KML_MAX_BACKENDS; i++)
		if (kml_backends[i] && !strcmp(kml_backends[i]->name, name))
			return kml_backends[i];
	return NULL;
}

const struct kml_backend *kml_backend_at(unsigned int i)
{
	unsigned int j, seen = 0;

	for (j = 0; j < KML_MAX_BACKENDS; j++) {
		if (!kml_backends[j])
			continue;
		if (seen++ == i)
			return kml_backends[j];
	}
	return NULL;
}
