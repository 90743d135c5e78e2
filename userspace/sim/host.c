// SPDX-License-Identifier: GPL-2.0
/*
 * The simulator's engine host: run_workers() on pthreads bound to per-CPU
 * slots, and the context fields of a userspace run.
 *
 * A worker takes the slot it is given by setting its thread's slot
 * (kml_thread_slot) for the length of the run: the engine guarantees
 * distinct CPUs within a run, and the thread that started the run waits
 * for it, so no two running threads share a slot unless another thread
 * of the process uses the allocators during a run (the CLI does not).
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "platform.h"
#include "host.h"

struct kml_sim_worker {
	struct kml_sim_gate *gate;
	unsigned int idx;
	unsigned int cpu;
	pthread_t thread;
};

/* All workers start together, or none runs the function. */
struct kml_sim_gate {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool open;
	bool cancel;
	void (*fn)(void *arg, unsigned int idx);
	void *arg;
};

static bool *volatile kml_sim_stop;
static volatile sig_atomic_t kml_sim_interrupted;

void kml_sim_host_interrupt(void)
{
	bool *stop = kml_sim_stop;

	kml_sim_interrupted = 1;
	if (stop)
		WRITE_ONCE(*stop, true);
}

static void *kml_sim_worker_main(void *p)
{
	struct kml_sim_worker *w = p;
	struct kml_sim_gate *g = w->gate;
	bool cancel;

	pthread_mutex_lock(&g->lock);
	while (!g->open)
		pthread_cond_wait(&g->cond, &g->lock);
	cancel = g->cancel;
	pthread_mutex_unlock(&g->lock);
	if (cancel)
		return NULL;
	kml_thread_slot = (int)w->cpu;
	g->fn(g->arg, w->idx);
	kml_thread_slot = -1;
	return NULL;
}

static int kml_sim_run_workers(void *priv, unsigned int nr,
			       const unsigned int *cpus,
			       void (*fn)(void *arg, unsigned int idx),
			       void *arg, bool *stop)
{
	struct kml_sim_gate gate = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.cond = PTHREAD_COND_INITIALIZER,
		.fn = fn,
		.arg = arg,
	};
	struct kml_sim_worker *w;
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int i, started = 0;
	int ret = 0;

	w = calloc(nr, sizeof(*w));
	if (!w)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		pthread_attr_t attr;
		cpu_set_t set;

		w[i].gate = &gate;
		w[i].idx = i;
		w[i].cpu = cpus[i];
		pthread_attr_init(&attr);
		if (online > 0) {
			CPU_ZERO(&set);
			CPU_SET(cpus[i] % online, &set);
			pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
		}
		if (pthread_create(&w[i].thread, &attr, kml_sim_worker_main,
				   &w[i])) {
			/* without affinity, in case that was refused */
			if (pthread_create(&w[i].thread, NULL,
					   kml_sim_worker_main, &w[i])) {
				pthread_attr_destroy(&attr);
				ret = -ENOMEM;
				break;
			}
		}
		pthread_attr_destroy(&attr);
		started++;
	}
	kml_sim_interrupted = 0;
	kml_sim_stop = stop;
	pthread_mutex_lock(&gate.lock);
	gate.cancel = ret != 0;
	gate.open = true;
	pthread_cond_broadcast(&gate.cond);
	pthread_mutex_unlock(&gate.lock);
	for (i = 0; i < started; i++)
		pthread_join(w[i].thread, NULL);
	kml_sim_stop = NULL;
	free(w);
	if (!ret && kml_sim_interrupted)
		ret = -EINTR;
	return ret;
}

/* The "model name" of /proc/cpuinfo, or "unknown". */
static void kml_sim_cpu_model(char *buf, size_t size)
{
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");

	snprintf(buf, size, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *v = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !v)
			continue;
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		v[strcspn(v, "\n\"")] = '\0';
		snprintf(buf, size, "%s", v);
		break;
	}
	fclose(f);
}

static void kml_sim_context(void *priv, struct kml_out *out)
{
	struct utsname u;
	char model[128];

	if (uname(&u))
		memset(&u, 0, sizeof(u));
	kml_sim_cpu_model(model, sizeof(model));
	kml_out_printf(out,
		       "os_release=%s machine=%s cpu_model=\"%s\" online_cpus=%ld "
		       "preemption=user-threads irqs=on",
		       u.release[0] ? u.release : "unknown",
		       u.machine[0] ? u.machine : "unknown", model,
		       sysconf(_SC_NPROCESSORS_ONLN));
}

void kml_sim_host_init(struct kml_host *h)
{
	memset(h, 0, sizeof(*h));
	h->name = "sim";
	h->run_workers = kml_sim_run_workers;
	h->context = kml_sim_context;
}
