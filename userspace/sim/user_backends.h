/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace allocators as extra sim-mode backends: "glibc" always, and
 * "jemalloc", "tcmalloc", "mimalloc" when their shared library can be
 * loaded. They are the userspace counterpart of the kernel's real
 * allocators: ours=false, family KML_FAMILY_OBJECT.
 */
#ifndef KML_USER_BACKENDS_H
#define KML_USER_BACKENDS_H

/**
 * kml_user_backends_register() - load the libraries and register backends
 *
 * A library that cannot be dlopen'ed (RTLD_NOW | RTLD_LOCAL) or lacks a
 * symbol is skipped silently; so is a name already registered.
 *
 * Return: the number of backends registered.
 */
int kml_user_backends_register(void);

/**
 * kml_user_backends_unregister() - undo kml_user_backends_register()
 *
 * Unregisters the backends and closes the libraries; no instance of them
 * may still exist.
 */
void kml_user_backends_unregister(void);

#endif /* KML_USER_BACKENDS_H */
