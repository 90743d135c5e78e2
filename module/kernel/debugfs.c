// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/kmemlab: the interface between the module and its
 * users (docs/interface.md), a thin layer over the shared engine.
 *
 *   version                  0400  module version and git describe
 *   control                  0600  one command per write(2); its reply is
 *                                  read back from the same open file
 *   backends instances
 *   context slabinfo         0400  engine-wide views
 *   inst/NAME/{stats,slabinfo,buddyinfo,frag,latency,heapmap}
 *                            0400  per-instance views
 *
 * Every open of control is a session of its own, so concurrent clients
 * never see each other's replies. Read-only files render once, at open
 * time, into a buffer that read() pages through: a reader sees one
 * consistent snapshot however small its reads.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "engine.h"
#include "kmemlab.h"

static struct kml_engine *kmemlab_engine;
static struct dentry *kmemlab_control;
static struct dentry *kmemlab_inst_root;

static const char kmemlab_version[] =
	KMEMLAB_VERSION " (" KMEMLAB_GIT_DESCRIBE ")\n";

/* --- rendered read-only files ------------------------------------------------ */

/* A view rendered at open time; file->private_data until release. */
struct kmemlab_text {
	size_t len;
	char buf[];
};

/* First buffer of a rendering; grows by 4x up to KML_VIEW_MAX. */
#define KMEMLAB_VIEW_FIRST	(16u << 10)

typedef int (*kmemlab_render_fn)(const void *what, struct kml_out *out);

static int kmemlab_text_open(struct file *file, kmemlab_render_fn render,
			     const void *what)
{
	struct kmemlab_text *t;
	size_t size = KMEMLAB_VIEW_FIRST;
	struct kml_out out;
	int ret;

	for (;;) {
		t = kvmalloc(struct_size(t, buf, size), KMEMLAB_GFP_USER);
		if (!t)
			return -ENOMEM;
		kml_out_init(&out, t->buf, size);
		ret = render(what, &out);
		if (ret) {
			kvfree(t);
			return ret;
		}
		if (!out.overflow || size >= KML_VIEW_MAX)
			break;
		kvfree(t);
		size *= 4;
	}
	t->len = out.len;
	file->private_data = t;
	return 0;
}

static ssize_t kmemlab_text_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct kmemlab_text *t = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, t->buf, t->len);
}

static int kmemlab_text_release(struct inode *inode, struct file *file)
{
	kvfree(file->private_data);
	return 0;
}

/* --- engine-wide views ---------------------------------------------------- */

static const enum kml_gview kmemlab_gviews[KML_GVIEW_NR] = {
	KML_GVIEW_BACKENDS, KML_GVIEW_WORKLOADS, KML_GVIEW_INSTANCES,
	KML_GVIEW_CONTEXT, KML_GVIEW_SLABINFO,
};

static int kmemlab_gview_render(const void *what, struct kml_out *out)
{
	return kml_engine_global_view(kmemlab_engine,
				      *(const enum kml_gview *)what, out);
}

static int kmemlab_gview_open(struct inode *inode, struct file *file)
{
	return kmemlab_text_open(file, kmemlab_gview_render,
				 inode->i_private);
}

static const struct file_operations kmemlab_gview_fops = {
	.owner = THIS_MODULE,
	.open = kmemlab_gview_open,
	.read = kmemlab_text_read,
	.release = kmemlab_text_release,
	.llseek = default_llseek,
};

static int kmemlab_version_render(const void *what, struct kml_out *out)
{
	kml_out_printf(out, "%s", kmemlab_version);
	return 0;
}

static int kmemlab_version_open(struct inode *inode, struct file *file)
{
	return kmemlab_text_open(file, kmemlab_version_render, NULL);
}

static const struct file_operations kmemlab_version_fops = {
	.owner = THIS_MODULE,
	.open = kmemlab_version_open,
	.read = kmemlab_text_read,
	.release = kmemlab_text_release,
	.llseek = default_llseek,
};

/* --- fault injection: the file `fault` --------------------------------------- */

static int kmemlab_fault_render_fn(const void *what, struct kml_out *out)
{
	kmemlab_fault_render(out);
	return 0;
}

static int kmemlab_fault_open(struct inode *inode, struct file *file)
{
	return kmemlab_text_open(file, kmemlab_fault_render_fn, NULL);
}

/* Settings for kml_fault_parse(): one write of at most 255 bytes. */
static ssize_t kmemlab_fault_fwrite(struct file *file, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	char buf[256];
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	ret = kmemlab_fault_write(buf, len);
	return ret ? ret : (ssize_t)len;
}

static const struct file_operations kmemlab_fault_fops = {
	.owner = THIS_MODULE,
	.open = kmemlab_fault_open,
	.read = kmemlab_text_read,
	.write = kmemlab_fault_fwrite,
	.release = kmemlab_text_release,
	.llseek = default_llseek,
};

/* --- per-instance views: inst/NAME/ ------------------------------------------ */

struct kmemlab_inst;

/* One file of inst/NAME/: its i_private. */
struct kmemlab_inst_file {
	struct kmemlab_inst *inst;
	enum kml_iview view;
};

struct kmemlab_inst {
	struct list_head node;		/* on kmemlab_insts */
	u32 id;				/* the engine's instance id */
	char name[KML_NAME_MAX + 1];
	struct dentry *dir;		/* inst/NAME */
	struct kmemlab_inst_file files[KML_IVIEW_NR];
};

static LIST_HEAD(kmemlab_insts);
static DEFINE_MUTEX(kmemlab_insts_lock);

static int kmemlab_iview_render(const void *what, struct kml_out *out)
{
	const struct kmemlab_inst_file *f = what;

	return kml_engine_view(kmemlab_engine, f->inst->name, f->view, out);
}

/*
 * The files of inst/NAME/ are created without debugfs's proxy, which
 * would fail every read() with EIO once the directory is removed: the
 * text rendered at open time belongs to the open file and is read to the
 * end whatever happens to the instance. Only open() touches i_private,
 * the inst struct, which is freed after debugfs removed the directory;
 * holding the file meanwhile makes the removal wait for the rendering,
 * and an open() that comes too late fails with ENOENT.
 */
static int kmemlab_iview_open(struct inode *inode, struct file *file)
{
	struct dentry *dentry = file->f_path.dentry;
	int ret;

	ret = debugfs_file_get(dentry);
	if (ret)
		return ret == -EIO ? -ENOENT : ret;
	ret = kmemlab_text_open(file, kmemlab_iview_render,
				inode->i_private);
	debugfs_file_put(dentry);
	return ret;
}

static const struct file_operations kmemlab_iview_fops = {
	.owner = THIS_MODULE,
	.open = kmemlab_iview_open,
	.read = kmemlab_text_read,
	.release = kmemlab_text_release,
	.llseek = default_llseek,
};

/**
 * kmemlab_debugfs_inst_add() - create inst/@name/ for a new instance
 * @name: the instance name (the engine has validated it)
 * @id: the instance id
 *
 * Return: 0 or a negative errno (the create then fails).
 */
int kmemlab_debugfs_inst_add(const char *name, u32 id)
{
	struct kmemlab_inst *inst;
	struct dentry *dir;
	unsigned int v;

	if (!kmemlab_inst_root || strlen(name) > KML_NAME_MAX ||
	    !*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return -EINVAL;
	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return -ENOMEM;
	inst->id = id;
	strscpy(inst->name, name, sizeof(inst->name));
	dir = debugfs_create_dir(name, kmemlab_inst_root);
	if (IS_ERR(dir)) {
		kfree(inst);
		return PTR_ERR(dir);
	}
	inst->dir = dir;
	for (v = 0; v < KML_IVIEW_NR; v++) {
		inst->files[v].inst = inst;
		inst->files[v].view = v;
		debugfs_create_file_unsafe(kml_iview_names[v], 0400, dir,
					   &inst->files[v],
					   &kmemlab_iview_fops);
	}
	mutex_lock(&kmemlab_insts_lock);
	list_add_tail(&inst->node, &kmemlab_insts);
	mutex_unlock(&kmemlab_insts_lock);
	return 0;
}

/**
 * kmemlab_debugfs_inst_remove() - remove inst/@name/
 * @name: the instance name
 * @id: the instance id
 *
 * Waits for opens of its files in progress; files already open keep their
 * rendered text.
 */
void kmemlab_debugfs_inst_remove(const char *name, u32 id)
{
	struct kmemlab_inst *inst, *found = NULL;

	mutex_lock(&kmemlab_insts_lock);
	list_for_each_entry(inst, &kmemlab_insts, node) {
		if (inst->id == id) {
			found = inst;
			list_del(&inst->node);
			break;
		}
	}
	mutex_unlock(&kmemlab_insts_lock);
	if (!found)
		return;
	debugfs_remove_recursive(found->dir);
	kfree(found);
}

/* --- control ---------------------------------------------------------------- */

/* One open of control: a session and the lock serialising its calls. */
struct kmemlab_client {
	struct mutex lock;		/* one command or reply read at a time */
	struct kml_session *session;
};

static int kmemlab_control_open(struct inode *inode, struct file *file)
{
	struct kmemlab_client *c;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->session = kml_session_create(kmemlab_engine);
	if (!c->session) {
		kfree(c);
		return -ENOMEM;
	}
	mutex_init(&c->lock);
	file->private_data = c;
	return 0;
}

static int kmemlab_control_release(struct inode *inode, struct file *file)
{
	struct kmemlab_client *c = file->private_data;

	kml_session_destroy(c->session);
	mutex_destroy(&c->lock);
	kfree(c);
	return 0;
}

/*
 * One write is one command. Its length is checked before anything is
 * copied: a plain command is at most KML_CMD_MAX bytes, a "trace load"
 * with its payload at most KML_WRITE_MAX (the engine tells them apart and
 * enforces the smaller bound). The reply replaces the previous one and is
 * read from offset 0: the file position is reset. A write refused here
 * (over KML_WRITE_MAX, or not copied: EFAULT, ENOMEM) gets its error line
 * too, so that the writer never reads the previous command's reply as the
 * answer to this one.
 */
static ssize_t kmemlab_control_write(struct file *file,
				     const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	struct kmemlab_client *c = file->private_data;
	char *cmd = NULL;
	int ret = 0;

	if (!len)
		return 0;
	if (len > KML_WRITE_MAX) {
		ret = -E2BIG;
	} else {
		cmd = vmemdup_user(ubuf, len);
		if (IS_ERR(cmd)) {
			ret = PTR_ERR(cmd);
			cmd = NULL;
		}
	}
	/*
	 * Interrupted while another write of this file holds the lock: the
	 * reply is that write's, and this one did nothing.
	 */
	if (mutex_lock_interruptible(&c->lock)) {
		kvfree(cmd);
		return -EINTR;
	}
	if (ret)
		ret = kml_session_refuse(c->session, ret, len);
	else
		ret = kml_engine_exec(kmemlab_engine, c->session, cmd, len);
	/*
	 * The VFS commits *ppos only when the write succeeds; a failed
	 * command has a reply too, so rewind the file itself as well.
	 */
	*ppos = 0;
	file->f_pos = 0;
	mutex_unlock(&c->lock);
	kvfree(cmd);
	if (ret)
		return ret;
	return len;
}

static ssize_t kmemlab_control_read(struct file *file, char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct kmemlab_client *c = file->private_data;
	const char *reply;
	size_t len;
	ssize_t ret;

	ret = mutex_lock_interruptible(&c->lock);
	if (ret)
		return ret;
	reply = kml_session_reply(c->session, &len);
	ret = simple_read_from_buffer(ubuf, count, ppos, reply, len);
	mutex_unlock(&c->lock);
	return ret;
}

static const struct file_operations kmemlab_control_fops = {
	.owner = THIS_MODULE,
	.open = kmemlab_control_open,
	.release = kmemlab_control_release,
	.write = kmemlab_control_write,
	.read = kmemlab_control_read,
	.llseek = default_llseek,
};

/* --- setup and teardown ---------------------------------------------------- */

/**
 * kmemlab_debugfs_init() - create /sys/kernel/debug/kmemlab and its files
 * @engine: the engine every file talks to
 *
 * Return: 0 or a negative errno (nothing is left behind).
 */
int kmemlab_debugfs_init(struct kml_engine *engine)
{
	struct dentry *root, *dir;
	unsigned int v;

	kmemlab_engine = engine;
	root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(root))
		return PTR_ERR(root);
	dir = debugfs_create_dir("inst", root);
	if (IS_ERR(dir)) {
		debugfs_remove_recursive(root);
		return PTR_ERR(dir);
	}
	kmemlab_debugfs_root = root;
	kmemlab_inst_root = dir;
	debugfs_create_file("version", 0400, root, NULL,
			    &kmemlab_version_fops);
	for (v = 0; v < KML_GVIEW_NR; v++)
		debugfs_create_file(kml_gview_names[v], 0400, root,
				    (void *)&kmemlab_gviews[v],
				    &kmemlab_gview_fops);
	debugfs_create_file("fault", 0600, root, NULL, &kmemlab_fault_fops);
	/* Last: once it exists, commands can arrive. */
	kmemlab_control = debugfs_create_file("control", 0600, root, NULL,
					      &kmemlab_control_fops);
	return 0;
}

/**
 * kmemlab_debugfs_remove_control() - stop taking commands
 *
 * Waits for a write in progress; first of the teardown, before the engine
 * goes.
 */
void kmemlab_debugfs_remove_control(void)
{
	debugfs_remove(kmemlab_control);
	kmemlab_control = NULL;
}

/**
 * kmemlab_debugfs_exit() - remove the rest of the directory
 *
 * After the engine is destroyed (which removed every inst/NAME/).
 */
void kmemlab_debugfs_exit(void)
{
	debugfs_remove_recursive(kmemlab_debugfs_root);
	kmemlab_debugfs_root = NULL;
	kmemlab_inst_root = NULL;
	kmemlab_engine = NULL;
}
