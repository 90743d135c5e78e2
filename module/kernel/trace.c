// SPDX-License-Identifier: GPL-2.0
/*
 * The one place that instantiates the tracepoints of system "kmemlab"
 * (trace.h); the cores fire them through the hooks in trace_hooks.h.
 */
#define CREATE_TRACE_POINTS
#include "trace.h"
