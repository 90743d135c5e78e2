// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's host in the kernel (struct kml_host): worker kthreads bound
 * to CPUs for runs, the reproducibility context of results, and the
 * instance hooks that give every instance its inst/NAME/ directory.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/utsname.h>
#ifdef CONFIG_X86
#include <asm/hypervisor.h>
#include <asm/processor.h>
#endif

#include "compat.h"
#include "engine.h"
#include "kmemlab.h"

/* --- worker threads ------------------------------------------------------ */

/* One run: the work function and the count of workers still in it. */
struct kmemlab_run {
	void (*fn)(void *arg, unsigned int idx);
	void *arg;
	atomic_t running;	/* workers that have not returned yet */
	struct completion done;	/* the last worker returned */
};

struct kmemlab_worker {
	struct kmemlab_run *run;
	struct task_struct *task;
	unsigned int idx;
};

/*
 * A worker runs its share, then waits to be stopped, so that it leaves
 * through kthread_stop() and no code of this module runs after
 * kmemlab_run_workers() returned (the module may be unloaded then).
 */
static int kmemlab_worker_fn(void *data)
{
	struct kmemlab_worker *w = data;
	struct kmemlab_run *run = w->run;

	run->fn(run->arg, w->idx);
	if (atomic_dec_and_test(&run->running))
		complete(&run->done);

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Job control: they stop or continue the writer, never end its command. */
#define KMEMLAB_JOBCTL_SIGS	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				 sigmask(SIGTTIN) | sigmask(SIGTTOU) | \
				 sigmask(SIGCONT))

/* Whether a signal other than job control is pending for the writer. */
static bool kmemlab_interrupted(void)
{
	sigset_t pending;

	if (!signal_pending(current))
		return false;
	if (fatal_signal_pending(current))
		return true;
	/*
	 * Read without the siglock: the sets only gain signals while the
	 * writer sleeps here, and a signal missed now is seen at the next
	 * poll.
	 */
	sigorsets(&pending, &current->pending.signal,
		  &current->signal->shared_pending.signal);
	sigandnsets(&pending, &pending, &current->blocked);
	sigdelsetmask(&pending, KMEMLAB_JOBCTL_SIGS);
	return !sigisemptyset(&pending);
}

/*
 * Wait for the workers. A signal interrupts the run (Ctrl-C, SIGTERM),
 * except job control: a SIGSTOP or SIGTSTP to the writer must not lose a
 * run, so the wait goes on and the writer stops when its write returns.
 * A stop signal keeps signal_pending() true, so an interruptible wait
 * would return at once: poll in killable sleeps instead.
 *
 * A successful wait consumes the completion, so it must say "done" even if
 * a fatal signal arrives right after: the caller waits for the completion
 * again only on -EINTR, and would then wait for ever.
 * Return: 0 when the workers are done (the completion is consumed),
 * -EINTR when interrupted (it is not).
 */
static int kmemlab_wait_run(struct completion *done)
{
	long left;

	for (;;) {
		left = wait_for_completion_killable_timeout(done, HZ / 20);
		if (left > 0)
			return 0;
		if (left < 0)	/* fatal signal; the workers may have ended */
			return try_wait_for_completion(done) ? 0 : -EINTR;
		if (kmemlab_interrupted())
			return -EINTR;
	}
}

/**
 * kmemlab_run_workers() - struct kml_host.run_workers: one kthread per CPU
 * @priv: unused
 * @nr: number of workers (at least 1)
 * @cpus: the CPU of each worker (repeats allowed)
 * @fn: the work; @fn(@arg, i) runs in worker i
 * @arg: passed to @fn
 * @stop: set to true when the caller is interrupted
 *
 * Every CPU is checked before any thread is created; all threads are
 * created (bound with kthread_create_on_cpu()) before any is woken, so
 * that they run concurrently or not at all. The caller waits until they
 * are done; on a signal other than job control (kmemlab_wait_run()) it
 * sets *@stop, waits for the workers to notice (between batches) and
 * returns -EINTR.
 *
 * Return: 0, -EINTR (interrupted; also when a fatal signal stopped the
 * thread creation, and then nothing ran), -ENODEV (a CPU is offline or out
 * of range; nothing ran), -EINVAL (@nr out of range) or -ENOMEM (nothing
 * ran).
 */
static int kmemlab_run_workers(void *priv, unsigned int nr,
			       const unsigned int *cpus,
			       void (*fn)(void *arg, unsigned int idx),
			       void *arg, bool *stop)
{
	struct kmemlab_worker *workers;
	struct kmemlab_run run;
	unsigned int i;
	int ret = 0;

	if (!nr || nr > KML_MAX_CPUS * 4)
		return -EINVAL;
	workers = kcalloc(nr, sizeof(*workers), GFP_KERNEL);
	if (!workers)
		return -ENOMEM;
	run.fn = fn;
	run.arg = arg;
	atomic_set(&run.running, nr);
	init_completion(&run.done);

	/* CPUs cannot go offline between the check and the wake-up. */
	cpus_read_lock();
	for (i = 0; i < nr; i++) {
		if (cpus[i] >= nr_cpu_ids || !cpu_online(cpus[i])) {
			ret = -ENODEV;
			goto out_stop_created;
		}
	}
	for (i = 0; i < nr; i++) {
		struct task_struct *t;

		workers[i].run = &run;
		workers[i].idx = i;
		t = kthread_create_on_cpu(kmemlab_worker_fn, &workers[i],
					  cpus[i], "kmemlab/%u");
		if (IS_ERR(t)) {
			ret = PTR_ERR(t);
			goto out_stop_created;
		}
		get_task_struct(t);
		workers[i].task = t;
	}
	for (i = 0; i < nr; i++)
		wake_up_process(workers[i].task);
	cpus_read_unlock();

	if (kmemlab_wait_run(&run.done)) {
		WRITE_ONCE(*stop, true);
		wait_for_completion(&run.done);
		ret = -EINTR;
	}
	for (i = 0; i < nr; i++) {
		kthread_stop(workers[i].task);
		put_task_struct(workers[i].task);
	}
	kfree(workers);
	return ret;

out_stop_created:
	cpus_read_unlock();
	/* Never woken: kthread_stop() ends them before their function runs. */
	for (i = 0; i < nr && workers[i].task; i++) {
		kthread_stop(workers[i].task);
		put_task_struct(workers[i].task);
	}
	kfree(workers);
	return ret;
}

/* --- context ---------------------------------------------------------------- */

/* Append key="value" with any double quote or control byte replaced. */
static void kmemlab_context_quoted(struct kml_out *out, const char *key,
				   const char *val)
{
	char buf[256];
	size_t i;

	for (i = 0; val[i] && i < sizeof(buf) - 1; i++)
		buf[i] = val[i] == '"' || val[i] < ' ' ? '\'' : val[i];
	buf[i] = '\0';
	/* Trailing blanks (cmdline, CPU model) carry no information. */
	while (i && buf[i - 1] == ' ')
		buf[--i] = '\0';
	kml_out_printf(out, " %s=\"%s\"", key, buf);
}

static const char *kmemlab_preempt_model(void)
{
	if (preempt_model_none())
		return "none";
	if (preempt_model_voluntary())
		return "voluntary";
	if (preempt_model_full())
		return "full";
	if (preempt_model_lazy())
		return "lazy";
	if (preempt_model_rt())
		return "rt";
	return "unknown";
}

static const char *kmemlab_hypervisor(void)
{
#ifdef CONFIG_X86
	if (!boot_cpu_has(X86_FEATURE_HYPERVISOR))
		return "none";
	switch (x86_hyper_type) {
	case X86_HYPER_KVM:
		return "kvm";
	case X86_HYPER_XEN_PV:
	case X86_HYPER_XEN_HVM:
		return "xen";
	case X86_HYPER_VMWARE:
		return "vmware";
	case X86_HYPER_MS_HYPERV:
		return "hyperv";
	default:
		/* e.g. qemu without KVM (TCG): the CPUID bit, no signature */
		return "unknown";
	}
#else
	return "unknown";
#endif
}

/* Read /proc/cmdline (the booted command line) into @buf. */
static void kmemlab_read_cmdline(char *buf, size_t size)
{
	struct file *file;
	loff_t pos = 0;
	ssize_t n;

	buf[0] = '\0';
	file = filp_open("/proc/cmdline", O_RDONLY, 0);
	if (IS_ERR(file))
		return;
	n = kernel_read(file, buf, size - 1, &pos);
	filp_close(file, NULL);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
}

/**
 * kmemlab_context() - struct kml_host.context: the facts behind a result
 * @priv: unused
 * @out: where the key=value fields go
 */
static void kmemlab_context(void *priv, struct kml_out *out)
{
	char *cmdline;

	/* The engine puts the separating blank before the first field. */
	kml_out_printf(out, "kernel=%s", utsname()->release);
	kml_out_printf(out, " preempt=%s", kmemlab_preempt_model());
	kml_out_printf(out, " init_on_alloc=%d init_on_free=%d",
		       want_init_on_alloc(GFP_KERNEL) ? 1 : 0,
		       want_init_on_free() ? 1 : 0);
	kml_out_printf(out, " freelist_hardened=%d",
		       IS_ENABLED(CONFIG_SLAB_FREELIST_HARDENED) ? 1 : 0);
	kml_out_printf(out, " slab_design=%s slub_cpu_partial=%d",
		       KMEMLAB_SLAB_DESIGN,
		       IS_ENABLED(CONFIG_SLUB_CPU_PARTIAL) ? 1 : 0);
	kml_out_printf(out, " slub_tiny=%d slab_no_merge=%s",
		       IS_ENABLED(CONFIG_SLUB_TINY) ? 1 : 0,
		       KMEMLAB_SLAB_NO_MERGE ? "flag" : "ctor_or_usercopy");
#ifdef CONFIG_X86
	kmemlab_context_quoted(out, "cpu_model", boot_cpu_data.x86_model_id);
#endif
	kml_out_printf(out, " cpus_online=%u hypervisor=%s",
		       num_online_cpus(), kmemlab_hypervisor());
	kml_out_printf(out, " clock=%s clock_khz=%llu hz=%u",
		       kml_clock_name(), kmemlab_clock_khz(), HZ);
#ifdef CONFIG_X86
	kml_out_printf(out, " tsc_stable=%d", check_tsc_unstable() ? 0 : 1);
#endif
	kml_out_printf(out, " page_size=%lu budget_bytes=%llu budget_used=%llu",
		       PAGE_SIZE, kmemlab_budget_limit(), kmemlab_budget_used());
	cmdline = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (cmdline) {
		kmemlab_read_cmdline(cmdline, PAGE_SIZE);
		kmemlab_context_quoted(out, "cmdline", cmdline);
		kfree(cmdline);
	}
}

/* --- instance hooks ---------------------------------------------------------- */

static int kmemlab_instance_added(void *priv, const char *name, u32 id)
{
	int ret;

	ret = kmemlab_backends_name(id, name);
	if (ret)
		return ret;
	return kmemlab_debugfs_inst_add(name, id);
}

static void kmemlab_instance_removed(void *priv, const char *name, u32 id)
{
	kmemlab_debugfs_inst_remove(name, id);
}

/* struct kml_host.budget: the module's budget (max_pool_mb) */
static void kmemlab_budget(void *priv, struct kml_budget *b)
{
	b->used = kmemlab_budget_used();
	b->limit = kmemlab_budget_limit();
	b->refused = kmemlab_budget_refused();
	b->raise = kmemlab_budget_raise();
}

/**
 * kmemlab_host_init() - fill in the host the engine is created with
 * @host: the host; lives as long as the module
 */
void kmemlab_host_init(struct kml_host *host)
{
	host->name = "kernel";
	host->zero_default = want_init_on_alloc(GFP_KERNEL);
	host->run_workers = kmemlab_run_workers;
	host->instance_added = kmemlab_instance_added;
	host->instance_removed = kmemlab_instance_removed;
	host->context = kmemlab_context;
	host->budget = kmemlab_budget;
}
