/* SPDX-License-Identifier: GPL-2.0 */
/* Arrays that grow by doubling (grow.c). */
#ifndef KMEMLAB_GROW_H
#define KMEMLAB_GROW_H

#include <stddef.h>

/*
 * grow() - room for element @nr of @arr, an array of *@cap elements of
 * @size bytes: when @nr has reached *@cap, the array is reallocated to
 * twice as many elements (@first when it has none yet) and *@cap says so.
 * Return: the array, moved or not; NULL when memory ran out or the size
 * would overflow, with @arr (still the caller's to free) and *@cap as
 * they were.
 */
void *grow(void *arr, size_t nr, size_t *cap, size_t size, size_t first);

#endif /* KMEMLAB_GROW_H */
