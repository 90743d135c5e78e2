/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the files of the kernel glue.
 */
#ifndef KMEMLAB_H
#define KMEMLAB_H

#include <linux/gfp.h>
#include <linux/printk.h>
#include <linux/types.h>

#include "kml_version.h"

struct kml_out;

#define KMEMLAB_VERSION		KML_VERSION

/*
 * Lines the module prints with kmemlab_err() are errors of kmemlab itself;
 * the VM runner and the selftests fail a run that shows one.
 */
#define kmemlab_err(fmt, ...)	pr_err("ERROR: " fmt, ##__VA_ARGS__)

/*
 * The gfp flags of every allocation a user's command asks for (pools,
 * regions, metadata, view buffers, the real backends' objects): under the
 * machine's memory pressure the request fails (the command gets ENOMEM)
 * rather than calls the OOM killer or warns. __GFP_RETRY_MAYFAIL is the
 * one reclaim modifier kmalloc, vmalloc and kvmalloc all take.
 */
#define KMEMLAB_GFP_USER	(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN)

struct dentry;
struct kml_engine;
struct kml_host;

/* The debugfs directory /sys/kernel/debug/kmemlab. */
extern struct dentry *kmemlab_debugfs_root;

/* debugfs.c: the files of /sys/kernel/debug/kmemlab. */
int kmemlab_debugfs_init(struct kml_engine *engine);
void kmemlab_debugfs_remove_control(void);
void kmemlab_debugfs_exit(void);
int kmemlab_debugfs_inst_add(const char *name, u32 id);
void kmemlab_debugfs_inst_remove(const char *name, u32 id);

/* host.c: the engine's host (worker kthreads, context, instance hooks). */
void kmemlab_host_init(struct kml_host *host);

/* platform.c: the memory budget (max_pool_mb) shared by every allocation. */
int kmemlab_budget_init(void);
void kmemlab_budget_exit(void);
bool kmemlab_charge(u64 bytes);
void kmemlab_uncharge(u64 bytes);
u64 kmemlab_budget_used(void);
u64 kmemlab_budget_limit(void);
u64 kmemlab_budget_refused(void);
const char *kmemlab_budget_raise(void);

/* platform.c: fault injection (fail_nth, fail_prob, debugfs kmemlab/fault). */
int kmemlab_fault_init(void);
void kmemlab_fault_render(struct kml_out *out);
int kmemlab_fault_write(const char *buf, size_t len);

/* backends.c: the kernel's allocators behind struct kml_backend. */
int kmemlab_backends_register(void);
void kmemlab_backends_unregister(void);
int kmemlab_backends_name(u32 id, const char *name);

/* platform.c: the clock behind kml_ticks(). */
void kmemlab_clock_calibrate(void);
u64 kmemlab_clock_khz(void);

#endif /* KMEMLAB_H */
