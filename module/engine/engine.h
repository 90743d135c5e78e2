/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kmemlab engine: the command language shared by the module and the
 * simulator, allocator instances and their handles, workload runs and
 * their measurement. The engine is portable core code; a small host
 * (struct kml_host) gives it worker threads bound to CPUs and tells the
 * glue when instances come and go. docs/interface.md is the user-facing
 * reference of every command, view and error.
 */
#ifndef KML_ENGINE_H
#define KML_ENGINE_H

#include "platform.h"
#include "out.h"
#include "kml_bounds.h"

struct kml_engine;
struct kml_session;

/**
 * struct kml_host - what the engine needs from its environment
 * @name: "kernel" or "sim"; printed in the context line
 * @priv: passed back to every hook
 * @zero_default: the platform zeroes every allocation by default
 *	(init_on_alloc=1); the default of create's zero= key
 * @run_workers: run @fn(@arg, i) for every i < @nr concurrently, worker i
 *	bound to CPU @cpus[i], and return when all of them have returned.
 *	All @nr workers must run at the same time (a remote-free run hands
 *	objects from one worker to another). If the caller is interrupted
 *	(a signal in the kernel) the host sets *@stop to true with
 *	WRITE_ONCE(), still waits for every worker, and returns -EINTR.
 *	Workers poll *@stop between batches. Return: 0, -EINTR, -ENODEV (a
 *	CPU is offline; nothing ran) or -ENOMEM (nothing ran).
 * @instance_added: optional; an instance named @name with id @id now
 *	exists (the kernel glue creates inst/NAME/). Called with the
 *	engine's command lock held but not its state lock, so the view
 *	functions may run meanwhile. Return: 0, or a negative errno, which
 *	makes the create fail and be undone.
 * @instance_removed: optional; the instance is gone from the views and
 *	about to be destroyed (the glue removes inst/NAME/ and may wait for
 *	readers). Same locking as @instance_added.
 * @context: optional; append space-separated key=value fields that make
 *	results reproducible (kernel version, cmdline, CPU model, vCPUs,
 *	accel, preemption and IRQ state during runs). Values that contain
 *	spaces are double-quoted and contain no double quote.
 *
 * The engine calls the hooks from the thread that executes a command.
 */
/*
 * The memory budget of a host that bounds what its instances may hold
 * (the module's max_pool_mb), for ENOMEM replies that say it ran out.
 */
struct kml_budget {
	u64 used;		/* bytes charged now */
	u64 limit;		/* the most that may be charged */
	u64 refused;		/* charges refused since the host started */
	const char *raise;	/* how to raise the limit: one phrase */
};

struct kml_host {
	const char *name;
	void *priv;
	bool zero_default;
	int (*run_workers)(void *priv, unsigned int nr,
			   const unsigned int *cpus,
			   void (*fn)(void *arg, unsigned int idx), void *arg,
			   bool *stop);
	int (*instance_added)(void *priv, const char *name, u32 id);
	void (*instance_removed)(void *priv, const char *name, u32 id);
	void (*context)(void *priv, struct kml_out *out);
	/* optional: the budget now (see struct kml_budget) */
	void (*budget)(void *priv, struct kml_budget *b);
};

/* Per-instance read-only views (the files of inst/NAME/). */
enum kml_iview {
	KML_IVIEW_STATS,
	KML_IVIEW_SLABINFO,
	KML_IVIEW_BUDDYINFO,
	KML_IVIEW_FRAG,
	KML_IVIEW_LATENCY,
	KML_IVIEW_HEAPMAP,
	KML_IVIEW_NR,
};

/* File names of the views above: "stats", "slabinfo", ... */
extern const char * const kml_iview_names[KML_IVIEW_NR];

/* Engine-wide read-only views (files of the debugfs directory). */
enum kml_gview {
	KML_GVIEW_BACKENDS,
	KML_GVIEW_WORKLOADS,
	KML_GVIEW_INSTANCES,
	KML_GVIEW_CONTEXT,
	KML_GVIEW_SLABINFO,
	KML_GVIEW_NR,
};

/* File names of the views above: "backends", "workloads", ... */
extern const char * const kml_gview_names[KML_GVIEW_NR];

/**
 * kml_engine_create() - make an engine with no instances and no traces
 * @host: the host; must outlive the engine
 *
 * Backends are looked up in the registry (ops.h) when a command names
 * them, so they may be registered before or after this call.
 *
 * Return: the engine, or NULL when memory is short.
 */
struct kml_engine *kml_engine_create(const struct kml_host *host);

/**
 * kml_engine_destroy() - free the engine and everything in it
 * @e: the engine, or NULL
 *
 * Destroys every instance (objects still allocated included; the host's
 * instance_removed hook is called for each) and every trace. No command
 * may be executing: stop runs with kml_engine_stop() and wait for the
 * writers first (the kernel glue removes the control file before).
 */
void kml_engine_destroy(struct kml_engine *e);

/**
 * kml_engine_stop() - ask a run in progress to stop
 * @e: the engine
 *
 * Cooperative: workers notice between batches, free what they allocated
 * and the run command fails with -EINTR. The same as the "stop" command.
 *
 * Return: the number of runs asked to stop (0 or 1).
 */
unsigned int kml_engine_stop(struct kml_engine *e);

/**
 * kml_session_create() - a client's session (one per open control file)
 * @e: the engine
 *
 * Return: the session, or NULL when memory is short.
 */
struct kml_session *kml_session_create(struct kml_engine *e);

/**
 * kml_session_destroy() - end a session
 * @s: the session, or NULL
 *
 * Instances and traces are engine-wide and stay.
 */
void kml_session_destroy(struct kml_session *s);

/**
 * kml_session_refuse() - fail a write that never reached kml_engine_exec()
 * @s: the session the write was for
 * @err: the negative errno the write fails with (-E2BIG over
 *	KML_WRITE_MAX, -EFAULT or -ENOMEM while copying it in)
 * @len: bytes the writer gave
 *
 * The glue refuses some writes before the engine sees them; the writer
 * must still read one "error: reason" line, not the previous reply. Calls
 * are serialised with kml_engine_exec() on @s by the caller.
 *
 * Return: @err.
 */
int kml_session_refuse(struct kml_session *s, int err, size_t len);

/**
 * kml_engine_exec() - execute one command and store its reply in @s
 * @e: the engine
 * @s: the session the reply goes to
 * @buf: the command text, not necessarily NUL-terminated; may contain
 *	NUL bytes (which are rejected)
 * @len: bytes in @buf; at most KML_CMD_MAX, or KML_WRITE_MAX for a
 *	"trace load" command whose payload follows its first line
 *
 * Commands are atomic with respect to each other: a command lock
 * serialises them, except that a "run" releases it while its workers run
 * (its instances are marked busy meanwhile) so that "stop" and commands
 * on other instances proceed. A failing command changes nothing and
 * leaves a one-line reply "error: CMD: reason\n". Calls on one session
 * must be serialised by the caller (one writer per open file).
 *
 * Return: 0, or a negative errno (-EINVAL bad syntax or value, -ENOENT
 * unknown instance, backend, trace or handle, -EEXIST, -EBUSY, -ENOMEM,
 * -ENOSPC a table is full, -E2BIG over a bound, -EINTR run stopped,
 * -EOPNOTSUPP the backend lacks the operation, -ENODEV CPU offline).
 */
int kml_engine_exec(struct kml_engine *e, struct kml_session *s,
		    const char *buf, size_t len);

/**
 * kml_session_reply() - the reply to the last command of a session
 * @s: the session
 * @len: set to the length in bytes (without the terminating NUL)
 *
 * The text stays valid until the next kml_engine_exec() on @s or
 * kml_session_destroy(). Before any command it is empty.
 *
 * Return: NUL-terminated text, every line ending in '\n'.
 */
const char *kml_session_reply(const struct kml_session *s, size_t *len);

/**
 * kml_engine_view() - render a view of one instance
 * @e: the engine
 * @inst: the instance name
 * @view: which view
 * @out: where the text goes
 *
 * A view the instance's backend lacks renders as one line starting with
 * "# no " and saying why; so does a backend view of an instance that is
 * busy in a run (stats and latency are always available). If @out
 * overflows the text is cut and @out->overflow is set: render again with
 * a bigger buffer (up to KML_VIEW_MAX).
 *
 * Return: 0, or -ENOENT when there is no such instance.
 */
int kml_engine_view(struct kml_engine *e, const char *inst,
		    enum kml_iview view, struct kml_out *out);

/**
 * kml_engine_global_view() - render an engine-wide view
 * @e: the engine
 * @view: which view
 * @out: where the text goes (overflow as for kml_engine_view())
 *
 * Return: 0, or -ENOMEM when scratch memory for slabinfo is short.
 */
int kml_engine_global_view(struct kml_engine *e, enum kml_gview view,
			   struct kml_out *out);

/* A word of user input shown in a message: at most this many bytes... */
#define KML_SHOW_MAX	40
/* ...so a buffer for kml_show_word() needs this many: "..." and a NUL */
#define KML_SHOW_SIZE	(KML_SHOW_MAX + 4)

/**
 * kml_show_word() - a word of user input made safe for a message
 * @buf: KML_SHOW_SIZE bytes for the result
 * @s: the word as the user gave it (not NUL-terminated)
 * @len: its length
 *
 * Every message that quotes user input (commands, traces) shows it this
 * way, so that no reply or error can carry a control byte to a terminal:
 * bytes outside printable ASCII become '?', and a word longer than
 * KML_SHOW_MAX bytes is cut there and ends in "...".
 *
 * Return: @buf, NUL-terminated.
 */
const char *kml_show_word(char *buf, const char *s, size_t len);

/**
 * kml_parse_u64() - parse an unsigned integer with an optional suffix
 * @s: the text; decimal or 0x hex, then at most one of K M G (binary
 *	multiples: 1024, 1024^2, 1024^3)
 * @len: bytes of @s to parse, all of which must belong to the number
 * @val: the value, set only on success
 *
 * Return: 0, -EINVAL when the text is not such a number, -ERANGE when it
 * does not fit in 64 bits.
 */
int kml_parse_u64(const char *s, size_t len, u64 *val);

#endif /* KML_ENGINE_H */
