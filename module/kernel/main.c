// SPDX-License-Identifier: GPL-2.0
/*
 * kmemlab: a memory-allocator laboratory. Module init and exit: calibrate
 * the clock, create /sys/kernel/debug/kmemlab and its files, and take it
 * all down again on unload.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>

#include "kmemlab.h"

struct dentry *kmemlab_debugfs_root;

static const char kmemlab_version[] =
	KMEMLAB_VERSION " (" KMEMLAB_GIT_DESCRIBE ")\n";

static ssize_t version_read(struct file *file, char __user *buf,
			    size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(buf, count, ppos, kmemlab_version,
				       sizeof(kmemlab_version) - 1);
}

static const struct file_operations version_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = version_read,
	.llseek = default_llseek,
};

static int __init kmemlab_init(void)
{
	struct dentry *root;

	root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(root))
		return PTR_ERR(root);
	kmemlab_debugfs_root = root;
	debugfs_create_file("version", 0400, root, NULL, &version_fops);

	kmemlab_clock_calibrate();
	return 0;
}

static void __exit kmemlab_exit(void)
{
	debugfs_remove_recursive(kmemlab_debugfs_root);
	kmemlab_debugfs_root = NULL;
}

module_init(kmemlab_init);
module_exit(kmemlab_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kmemlab: memory-allocator laboratory");
MODULE_VERSION(KMEMLAB_VERSION);
