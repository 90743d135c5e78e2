// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab: a memory-allocator laboratory. Module init and exit: the memory
 * budget, the clock, the backends (ours and the kernel's), the engine and
 * /sys/kernel/debug/kmemlab, and all of it taken down again on unload.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "engine.h"
#include "ops.h"
#include "kmemlab.h"

struct dentry *kmemlab_debugfs_root;

static struct kml_host kmemlab_host;
static struct kml_engine *kmemlab_engine;

static int __init kmemlab_init(void)
{
	int ret;

	ret = kmemlab_fault_init();
	if (ret)
		return ret;
	ret = kmemlab_budget_init();
	if (ret)
		return ret;
	kmemlab_clock_calibrate();

	ret = kmemlab_backends_register();
	if (ret)
		goto out_budget;
	ret = kml_register_ours();
	if (ret)
		goto out_unregister_real;

	kmemlab_host_init(&kmemlab_host);
	kmemlab_engine = kml_engine_create(&kmemlab_host);
	if (!kmemlab_engine) {
		ret = -ENOMEM;
		goto out_unregister_ours;
	}
	ret = kmemlab_debugfs_init(kmemlab_engine);
	if (ret)
		goto out_destroy_engine;
	return 0;

out_destroy_engine:
	kml_engine_destroy(kmemlab_engine);
out_unregister_ours:
	kml_unregister_ours();
out_unregister_real:
	kmemlab_backends_unregister();
out_budget:
	kmemlab_budget_exit();
	return ret;
}

/*
 * No file of ours is open (each open holds a module reference), so no
 * command and no run is in progress; stop one anyway before the control
 * file goes, then free every instance and object with the engine.
 */
static void __exit kmemlab_exit(void)
{
	kml_engine_stop(kmemlab_engine);
	kmemlab_debugfs_remove_control();
	kml_engine_destroy(kmemlab_engine);
	kmemlab_debugfs_exit();
	kml_unregister_ours();
	kmemlab_backends_unregister();
	kmemlab_budget_exit();
}

module_init(kmemlab_init);
module_exit(kmemlab_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmemlab: memory-allocator laboratory");
MODULE_VERSION(KMEMLAB_VERSION);
