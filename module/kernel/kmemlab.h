/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the files of the kernel glue.
 */
#ifndef KMEMLAB_H
#define KMEMLAB_H

#include <linux/printk.h>

#define KMEMLAB_VERSION		"0.1.0"

/*
 * Lines the module prints with kmemlab_err() are errors of kmemlab itself;
 * the VM runner and the selftests fail a run that shows one.
 */
#define kmemlab_err(fmt, ...)	pr_err("ERROR: " fmt, ##__VA_ARGS__)

struct dentry;

/* The debugfs directory /sys/kernel/debug/kmemlab. */
extern struct dentry *kmemlab_debugfs_root;

void kmemlab_clock_calibrate(void);

#endif /* KMEMLAB_H */
