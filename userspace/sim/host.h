/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulator's host for the engine (struct kml_host): workers are
 * pthreads that take the per-CPU slot the run names (cpus=) and are pinned
 * to that real CPU when it exists. No debugfs: instance notifications are
 * left to the caller.
 */
#ifndef KML_SIM_HOST_H
#define KML_SIM_HOST_H

#include "engine.h"

/**
 * kml_sim_host_init() - fill @h with the simulator's host
 * @h: the host to fill; the caller may then set instance_added,
 *     instance_removed or zero_default (false by default: no
 *     init_on_alloc in userspace)
 */
void kml_sim_host_init(struct kml_host *h);

/**
 * kml_sim_host_interrupt() - stop the run in progress, if any
 *
 * Async-signal-safe (a SIGINT handler may call it): the workers stop at
 * their next batch boundary and the run command fails with -EINTR.
 */
void kml_sim_host_interrupt(void);

#endif /* KML_SIM_HOST_H */
