// SPDX-License-Identifier: GPL-2.0
/*
 * Arrays that grow by doubling: the one copy of the idiom the tables and
 * parsers of the tool share (grow.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"

void *grow(void *arr, size_t nr, size_t *cap, size_t size, size_t first)
{
	size_t n;
	void *p;

	if (nr < *cap)
		return arr;
	n = *cap ? *cap * 2 : first;
	if (n <= nr || !size || n > SIZE_MAX / size)
		return NULL;
	p = realloc(arr, n * size);
	if (p)
		*cap = n;
	return p;
}
