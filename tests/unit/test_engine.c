// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the engine: every command and its errors (reply text and
 * errno), sessions, busy instances, runs of every workload on a small
 * malloc-based fake backend and on our own backends, determinism.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_priv.h"
#include "host.h"
#include "metrics.h"
#include "ops.h"
#include "rand.h"
#include "unit.h"
#include "worker.h"

/* --- a fake backend: malloc with counters --------------------------------- */

#define FAKE_MAX	(1u << 20)
#define FAKE_FAIL_SIZE	666666		/* alloc() of this size fails */

struct fake_obj {
	struct fake_obj *prev, *next;	/* every live object, for destroy */
	size_t size;
	u64 magic;
};

#define FAKE_MAGIC	0xfeedfacecafebeefULL

struct fake {
	pthread_mutex_t lock;
	struct fake_obj head;
	long live;		/* objects allocated now */
	u64 bytes;		/* bytes handed out now */
	u64 allocs, frees, failures, bad_frees;
	bool shrunk;
};

static int fake_create(const struct kml_params *p, u32 id, void **priv)
{
	struct fake *f;

	if (p->size == 7)	/* a parameter the fake refuses */
		return -EINVAL;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	pthread_mutex_init(&f->lock, NULL);
	f->head.next = f->head.prev = &f->head;
	*priv = f;
	return 0;
}

static void fake_destroy(void *priv)
{
	struct fake *f = priv;

	while (f->head.next != &f->head) {
		struct fake_obj *o = f->head.next;

		f->head.next = o->next;
		free(o);
	}
	free(f);
}

static size_t fake_usable(void *priv, size_t size)
{
	return (size + 7) & ~(size_t)7;
}

static void *fake_alloc(void *priv, size_t size)
{
	struct fake *f = priv;
	struct fake_obj *o;

	pthread_mutex_lock(&f->lock);
	if (size == FAKE_FAIL_SIZE || size > FAKE_MAX ||
	    !(o = malloc(sizeof(*o) + fake_usable(priv, size)))) {
		f->failures++;
		pthread_mutex_unlock(&f->lock);
		return NULL;
	}
	o->size = size;
	o->magic = FAKE_MAGIC;
	o->next = f->head.next;
	o->prev = &f->head;
	f->head.next->prev = o;
	f->head.next = o;
	f->live++;
	f->bytes += fake_usable(priv, size);
	f->allocs++;
	pthread_mutex_unlock(&f->lock);
	return o + 1;
}

static int fake_free(void *priv, void *ptr, size_t size)
{
	struct fake *f = priv;
	struct fake_obj *o = (struct fake_obj *)ptr - 1;

	pthread_mutex_lock(&f->lock);
	if (o->magic != FAKE_MAGIC || o->size != size) {
		f->bad_frees++;
		pthread_mutex_unlock(&f->lock);
		return -EINVAL;
	}
	o->magic = 0;
	o->prev->next = o->next;
	o->next->prev = o->prev;
	f->live--;
	f->bytes -= fake_usable(priv, size);
	f->frees++;
	pthread_mutex_unlock(&f->lock);
	free(o);
	return 0;
}

static size_t fake_max_size(void *priv)
{
	return FAKE_MAX;
}

static void fake_stats(void *priv, struct kml_alloc_stats *st)
{
	struct fake *f = priv;

	st->allocs = f->allocs;
	st->frees = f->frees;
	st->failures = f->failures;
	st->bad_frees = f->bad_frees;
	st->bytes_allocated = f->bytes;
	st->bytes_held = f->bytes + 4096;
	st->largest_free = 1024;
	st->total_free = 4096;
}

/* The fake with a slabinfo view counts its free slots, as a cache does. */
static void fake_stats_slots(void *priv, struct kml_alloc_stats *st)
{
	fake_stats(priv, st);
	st->free_slots = true;
}

static unsigned int fake_validate(void *priv)
{
	struct fake *f = priv;

	return f->live < 0;
}

static int fake_show(void *priv, enum kml_view v, struct kml_out *out)
{
	if (v == KML_VIEW_SLABINFO) {
		kml_out_printf(out, "slabinfo - version: 2.1\n# name ...\n");
		kml_out_printf(out, "fake-64 1 2 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n");
		return 0;
	}
	if (v != KML_VIEW_STATS)
		return -ENOENT;
	kml_out_printf(out, "fake_live %ld\n", ((struct fake *)priv)->live);
	return 0;
}

static int fake_shrink(void *priv)
{
	((struct fake *)priv)->shrunk = true;
	return 0;
}

static const struct kml_backend fake_backend = {
	.name = "fake", .desc = "malloc with counters", .ours = true,
	.family = KML_FAMILY_OBJECT, .caps = KML_CAP_FREE_SLOTS,
	.keys = KML_PKB(SIZE) | KML_PKB(ALIGN) | KML_PKB(ZERO) | KML_PKB(CTOR),
	.create = fake_create, .destroy = fake_destroy,
	.alloc = fake_alloc, .free = fake_free, .usable = fake_usable,
	.max_size = fake_max_size, .stats = fake_stats_slots,
	.validate = fake_validate, .show = fake_show, .shrink = fake_shrink,
};

/* --- fixture ---------------------------------------------------------------- */

static struct kml_host host;
static struct kml_engine *E;
static struct kml_session *S;
static int nr_added, nr_removed, fail_add;
static char last_added[64], last_removed[64];

static int host_added(void *priv, const char *name, u32 id)
{
	if (fail_add)
		return -ENOMEM;
	nr_added++;
	snprintf(last_added, sizeof(last_added), "%s:%u", name, id);
	return 0;
}

static void host_removed(void *priv, const char *name, u32 id)
{
	nr_removed++;
	snprintf(last_removed, sizeof(last_removed), "%s:%u", name, id);
}

static void setup(void)
{
	kml_sim_set_nr_cpus(2);
	ck_assert_int_eq(kml_backend_register(&fake_backend), 0);
	kml_sim_host_init(&host);
	host.instance_added = host_added;
	host.instance_removed = host_removed;
	E = kml_engine_create(&host);
	S = kml_session_create(E);
	ck_assert_ptr_nonnull(E);
	ck_assert_ptr_nonnull(S);
}

static void teardown(void)
{
	kml_session_destroy(S);
	kml_engine_destroy(E);
	kml_backend_unregister(&fake_backend);
}

static int exs(struct kml_session *s, const char *cmd)
{
	return kml_engine_exec(E, s, cmd, strlen(cmd));
}

static int ex(const char *cmd)
{
	return exs(S, cmd);
}

static const char *reply(void)
{
	size_t len;
	const char *r = kml_session_reply(S, &len);

	ck_assert_uint_eq(len, strlen(r));
	return r;
}

/* Run @cmd and expect @err and exactly @text as the reply. */
#define EXPECT(cmd, err, text) do {					\
	int ret_ = ex(cmd);						\
	ck_assert_msg(ret_ == (err), "'%s': errno %d, want %d; reply %s", \
		      cmd, ret_, err, reply());				\
	ck_assert_str_eq(reply(), text);				\
} while (0)

/* The value of "key=" in @text as a number (the first match). */
static unsigned long long field(const char *text, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(text, pat);
	ck_assert_msg(p, "no field %s in %s", key, text);
	return strtoull(p + strlen(pat), NULL, 0);
}

static int count_lines(const char *text, const char *prefix)
{
	int n = 0;
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, prefix, strlen(prefix)))
			n++;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return n;
}

static char *view(const char *inst, enum kml_iview v)
{
	static char buf[1 << 20];
	struct kml_out out;

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(kml_engine_view(E, inst, v, &out), 0);
	return buf;
}

static char *gview(enum kml_gview v)
{
	static char buf[1 << 20];
	struct kml_out out;

	kml_out_init(&out, buf, sizeof(buf));
	ck_assert_int_eq(kml_engine_global_view(E, v, &out), 0);
	return buf;
}

/* --- numbers ------------------------------------------------------------------ */

START_TEST(test_engine_parse_u64)
{
	static const struct {
		const char *s;
		int ret;
		u64 v;
	} t[] = {
		{ "0", 0, 0 }, { "42", 0, 42 }, { "4K", 0, 4096 },
		{ "4k", 0, 4096 }, { "3M", 0, 3 << 20 }, { "1G", 0, 1 << 30 },
		{ "0x10", 0, 16 }, { "0xfF", 0, 255 },
		{ "18446744073709551615", 0, ~0ULL },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "17179869184G", -ERANGE, 0 }, { "", -EINVAL, 0 },
		{ "K", -EINVAL, 0 }, { "-1", -EINVAL, 0 },
		{ "+1", -EINVAL, 0 }, { "1.5", -EINVAL, 0 },
		{ "12KB", -EINVAL, 0 }, { "0x", -EINVAL, 0 },
		{ "1 ", -EINVAL, 0 }, { "0x1g", 0, 1 << 30 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		u64 v = 12345;
		int ret = kml_parse_u64(t[i].s, strlen(t[i].s), &v);

		ck_assert_msg(ret == t[i].ret, "'%s': %d", t[i].s, ret);
		ck_assert_uint_eq(v, t[i].ret ? 12345 : t[i].v);
	}
}
END_TEST

/* --- create, destroy ---------------------------------------------------------- */

START_TEST(test_engine_create_destroy_round_trip)
{
	EXPECT("create a fake\n", 0,
	       "created instance=a backend=fake family=object id=1 zero=0\n");
	ck_assert_int_eq(nr_added, 1);
	ck_assert_str_eq(last_added, "a:1");
	EXPECT("create b_2-x fake size=64 align=8 zero=1 ctor=0", 0,
	       "created instance=b_2-x backend=fake family=object id=2 zero=1\n");
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES),
			 "a fake id=1 busy=0 handles=0 held=4096 runs=0\n"
			 "b_2-x fake id=2 busy=0 handles=0 held=4096 runs=0\n");
	EXPECT("destroy a", 0, "destroyed instance=a freed_handles=0\n");
	ck_assert_int_eq(nr_removed, 1);
	ck_assert_str_eq(last_removed, "a:1");
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES),
			 "b_2-x fake id=2 busy=0 handles=0 held=4096 runs=0\n");
	EXPECT("destroy a", -ENOENT,
	       "error: destroy: no instance 'a' (see 'instances')\n");
	/* the name is free again; ids are never reused */
	EXPECT("create a fake", 0,
	       "created instance=a backend=fake family=object id=3 zero=0\n");
}
END_TEST

START_TEST(test_engine_create_errors)
{
	static const struct {
		const char *cmd;
		int err;
		const char *reply;
	} t[] = {
		{ "create", -EINVAL,
		  "error: create: usage: create NAME BACKEND [key=value ...]\n" },
		{ "create a", -EINVAL,
		  "error: create: usage: create NAME BACKEND [key=value ...]\n" },
		{ "create A fake", -EINVAL,
		  "error: create: bad name 'A' (1-31 of a-z 0-9 _ -)\n" },
		{ "create abcdefghijabcdefghijabcdefghijkl fake", -EINVAL,
		  "error: create: bad name 'abcdefghijabcdefghijabcdefghijkl' (1-31 of a-z 0-9 _ -)\n" },
		{ "create a slub", -ENOENT,
		  "error: create: unknown backend 'slub' (see 'backends')\n" },
		{ "create a fake size", -EINVAL,
		  "error: create: expected key=value, got 'size'\n" },
		{ "create a fake =5", -EINVAL,
		  "error: create: expected key=value, got '=5'\n" },
		{ "create a fake bogus=1", -EINVAL,
		  "error: create: unknown key 'bogus'\n" },
		{ "create a fake size=abc", -EINVAL,
		  "error: create: size=abc: not a number\n" },
		{ "create a fake size=", -EINVAL,
		  "error: create: size=: not a number\n" },
		{ "create a fake size=5G", -E2BIG,
		  "error: create: size=5G: above the bound 4194304\n" },
		{ "create a fake size=99999999999999999999", -E2BIG,
		  "error: create: size=99999999999999999999: too large\n" },
		{ "create a fake size=8 size=16", -EINVAL,
		  "error: create: key 'size' given twice\n" },
		{ "create a fake zero=2", -EINVAL,
		  "error: create: zero=2: expected 0 or 1\n" },
		{ "create a fake list=foo", -EINVAL,
		  "error: create: list=foo: expected addr|size-asc|size-desc|lifo|fifo\n" },
		{ "create a fake pool=1M", -EINVAL,
		  "error: create: backend 'fake' does not take pool= (it takes: size align zero ctor)\n" },
		{ "create a fake align=24", -EINVAL,
		  "error: create: align=24: not a power of two\n" },
		{ "create a fake size=7", -EINVAL,
		  "error: create: backend 'fake' refused size=7 (EINVAL)\n" },
		{ "create a fake align=8 size=7", -EINVAL,
		  "error: create: backend 'fake' refused the parameters (EINVAL; given: size=7 align=8)\n" },
		{ "create a fake ctor=1 zero=1", -EINVAL,
		  "error: create: zero=1 and ctor=1 exclude each other: the constructor initialises objects once per slab and zeroing on alloc would undo it (SLUB skips init_on_alloc for such caches); drop zero= or ctor=\n" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		EXPECT(t[i].cmd, t[i].err, t[i].reply);
	/* nothing changed */
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES), "");
	ck_assert_int_eq(nr_added, 0);

	EXPECT("create a fake", 0,
	       "created instance=a backend=fake family=object id=1 zero=0\n");
	EXPECT("create a fake", -EEXIST, "error: create: instance 'a' exists\n");
	fail_add = 1;
	EXPECT("create b fake", -ENOMEM,
	       "error: create: the host could not add instance 'b' (ENOMEM)\n");
	fail_add = 0;
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES),
			 "a fake id=1 busy=0 handles=0 held=4096 runs=0\n");
}
END_TEST

START_TEST(test_engine_instance_table_bound)
{
	char cmd[64];
	unsigned int i;

	for (i = 0; i < KML_MAX_INSTANCES; i++) {
		snprintf(cmd, sizeof(cmd), "create i%u fake", i);
		ck_assert_int_eq(ex(cmd), 0);
	}
	EXPECT("create x fake", -ENOSPC,
	       "error: create: already 64 instances\n");
	EXPECT("reset", 0, "reset instances=64 traces=0\n");
	ck_assert_int_eq(nr_removed, 64);
}
END_TEST

START_TEST(test_engine_zero_default_follows_host)
{
	host.zero_default = true;
	EXPECT("create a fake", 0,
	       "created instance=a backend=fake family=object id=1 zero=1\n");
	EXPECT("create b fake zero=0", 0,
	       "created instance=b backend=fake family=object id=2 zero=0\n");
}
END_TEST

/* --- alloc, free, handles ----------------------------------------------------- */

START_TEST(test_engine_alloc_free_handles)
{
	ck_assert_int_eq(ex("create a fake"), 0);
	EXPECT("alloc a 100", 0, "handle=0 size=100 usable=104\n");
	EXPECT("alloc a 8", 0, "handle=1 size=8 usable=8\n");
	EXPECT("alloc a 1K", 0, "handle=2 size=1024 usable=1024\n");
	EXPECT("free a 0", 0, "freed handle=0 size=100 usable=104\n");
	EXPECT("handles a", 0,
	       "handles instance=a live=2 requested=1032 usable=1032\n"
	       "handle=1 size=8 usable=8\n"
	       "handle=2 size=1024 usable=1024\n");
	/* the lowest free handle number is reused */
	EXPECT("alloc a 3", 0, "handle=0 size=3 usable=8\n");
	EXPECT("free a 7", -ENOENT, "error: free: instance 'a' has no handle 7\n");
	EXPECT("free a 5000", -ENOENT,
	       "error: free: instance 'a' has no handle 5000\n");
	EXPECT("free a x", -EINVAL, "error: free: handle 'x': not a number\n");
	EXPECT("free a", -EINVAL, "error: free: usage: free NAME HANDLE\n");
	EXPECT("alloc a 0", -EINVAL, "error: alloc: size 0\n");
	EXPECT("alloc a x", -EINVAL, "error: alloc: size 'x': not a number\n");
	EXPECT("alloc a 2M", -E2BIG,
	       "error: alloc: size 2097152 above the largest request 1048576 of instance 'a'\n");
	EXPECT("alloc b 8", -ENOENT,
	       "error: alloc: no instance 'b' (see 'instances')\n");
	EXPECT("alloc a 666666", -ENOMEM,
	       "error: alloc: instance 'a' could not allocate 666666 bytes\n");
	EXPECT("alloc a 1 2", -EINVAL, "error: alloc: usage: alloc NAME SIZE\n");
	ck_assert_str_eq(view("a", KML_IVIEW_STATS),
			 "instance a\nbackend fake\nfamily object\nid 1\nbusy 0\n"
			 "handles 3\nrequested 1035\nrequested_peak 1132\n"
			 "handed_out 1040\nhanded_out_peak 1136\n"
			 "alloc_commands 4\nalloc_command_failures 1\n"
			 "free_commands 1\nruns 0\n"
			 "allocs 4\nfrees 1\nfailures 1\nbad_frees 0\n"
			 "bytes_allocated 1040\nbytes_held 5136\npeak_allocated 0\n"
			 "peak_held 0\nlargest_free 1024\ntotal_free 4096\n"
			 "external_frag_x1000 -1\nstranded_x1000 797\n"
			 "# backend fake\nfake_live 3\n");
	EXPECT("destroy a", 0, "destroyed instance=a freed_handles=3\n");
}
END_TEST

START_TEST(test_engine_handle_table_bound)
{
	unsigned int i;

	ck_assert_int_eq(ex("create a fake"), 0);
	for (i = 0; i < KML_MAX_HANDLES; i++)
		ck_assert_int_eq(ex("alloc a 16"), 0);
	EXPECT("alloc a 16", -ENOSPC,
	       "error: alloc: instance 'a' already has 4096 handles\n");
	/* the listing still fits in the reply */
	ck_assert_int_eq(ex("handles a"), 0);
	ck_assert_int_eq(count_lines(reply(), "handle="), KML_MAX_HANDLES);
	EXPECT("reset a", 0, "reset instance=a freed=4096\n");
	EXPECT("handles a", 0,
	       "handles instance=a live=0 requested=0 usable=0\n");
}
END_TEST

/* --- the other commands ------------------------------------------------------------ */

START_TEST(test_engine_misc_commands)
{
	char big[KML_CMD_MAX + 16];

	ck_assert_int_eq(ex("create a fake"), 0);
	EXPECT("shrink a", 0, "shrink instance=a held_before=4096 held_after=4096\n");
	EXPECT("validate a", 0, "validate instance=a violations=0\n");
	EXPECT("validate", -EINVAL, "error: validate: usage: validate NAME\n");
	EXPECT("stop", 0, "stop runs=0\n");
	EXPECT("stop now", -EINVAL, "error: stop: usage: stop\n");
	EXPECT("frobnicate a", -EINVAL,
	       "error: unknown command 'frobnicate' (see 'help')\n");
	EXPECT("", -EINVAL, "error: empty command (see 'help')\n");
	EXPECT("  \t \n", -EINVAL, "error: empty command (see 'help')\n");
	EXPECT("validate a\nvalidate a\n", -EINVAL,
	       "error: validate: one command per write (text after the first line)\n");
	EXPECT("validate a\r\n", 0, "validate instance=a violations=0\n");
	EXPECT("reset b", -ENOENT, "error: reset: no instance 'b' (see 'instances')\n");
	EXPECT("reset a b", -EINVAL, "error: reset: usage: reset [NAME]\n");
	ck_assert_int_eq(kml_engine_exec(E, S, "validate\0a", 10), -EINVAL);
	ck_assert_str_eq(reply(), "error: NUL byte in command\n");
	memset(big, 'x', sizeof(big));
	ck_assert_int_eq(kml_engine_exec(E, S, big, sizeof(big)), -E2BIG);
	ck_assert_str_eq(reply(), "error: command line longer than 4096 bytes\n");
	ck_assert_int_eq(ex("help"), 0);
	ck_assert_int_eq(count_lines(reply(), ""), 12);
	ck_assert_ptr_nonnull(strstr(reply(), "run churn|sizes|burst"));
	ck_assert_str_eq(gview(KML_GVIEW_BACKENDS),
			 "fake object ours keys=size,align,zero,ctor max_pool=1073741824 max_size=4194304 slots=1 step=0 heapmap=0 desc=\"malloc with counters\"\n");
	ck_assert_str_eq(view("a", KML_IVIEW_HEAPMAP),
			 "# no heapmap: backend 'fake' has no such view\n");
	ck_assert_str_eq(view("a", KML_IVIEW_LATENCY),
			 "# no latency: no run has completed on instance 'a'\n");
	ck_assert_str_eq(gview(KML_GVIEW_SLABINFO),
			 "slabinfo - version: 2.1\n"
			 "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
			 " : tunables <limit> <batchcount> <sharedfactor>"
			 " : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
			 "fake-64 1 2 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n");
	ck_assert_int_eq(strncmp(gview(KML_GVIEW_CONTEXT),
				 "context kind=sim clock=", 23), 0);
	{
		struct kml_out out;
		char b[8];

		kml_out_init(&out, b, sizeof(b));
		ck_assert_int_eq(kml_engine_view(E, "zz", KML_IVIEW_STATS,
						 &out), -ENOENT);
	}
}
END_TEST

START_TEST(test_engine_sessions_do_not_share_replies)
{
	struct kml_session *s2 = kml_session_create(E);
	size_t len;

	ck_assert_int_eq(exs(S, "create a fake"), 0);
	ck_assert_int_eq(exs(s2, "alloc a 24"), 0);
	ck_assert_int_eq(exs(S, "validate b"), -ENOENT);
	ck_assert_str_eq(kml_session_reply(s2, &len), "handle=0 size=24 usable=24\n");
	ck_assert_str_eq(kml_session_reply(S, &len),
			 "error: validate: no instance 'b' (see 'instances')\n");
	kml_session_destroy(s2);
	/* an unused session has an empty reply */
	s2 = kml_session_create(E);
	ck_assert_str_eq(kml_session_reply(s2, &len), "");
	ck_assert_uint_eq(len, 0);
	kml_session_destroy(s2);
}
END_TEST

/* --- traces ---------------------------------------------------------------------- */

static int load(const char *name, const char *text)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "trace load %s\n%s", name, text);
	return ex(buf);
}

START_TEST(test_engine_trace_commands)
{
	ck_assert_int_eq(load("t1", "20000\n2\n4\n1\na 0 100\na 1 50\nr 0 200\nf 1\n"), 0);
	ck_assert_str_eq(reply(),
			 "loaded trace=t1 format=rep ops=4 ids=2 allocs=2 frees=1 reallocs=1 max_size=200 max_live=2 peak_bytes=250 live_at_end=1 free_nulls=0 realloc_news=0 realloc_frees=0 oversize=0\n");
	ck_assert_int_eq(load("t1", "2\n1\na 0 1\n"), -EEXIST);
	ck_assert_str_eq(reply(), "error: trace load: trace 't1' exists\n");
	ck_assert_int_eq(load("t2", "2\n2\na 0 1\nf 3\n"), -EINVAL);
	ck_assert_str_eq(reply(), "error: trace load: line 4: id 3 out of range (ids below 2)\n");
	EXPECT("trace load t3", -EINVAL,
	       "error: trace load: no trace text after the command line\n");
	EXPECT("trace load T", -EINVAL,
	       "error: trace load: bad name 'T' (1-31 of a-z 0-9 _ -)\n");
	EXPECT("trace list", 0,
	       "traces=1 ops=4\n"
	       "trace=t1 format=rep ops=4 ids=2 allocs=2 frees=1 reallocs=1 max_size=200 max_live=2 peak_bytes=250 live_at_end=1 free_nulls=0 realloc_news=0 realloc_frees=0 oversize=0\n");
	EXPECT("trace drop t9", -ENOENT, "error: trace drop: no trace 't9'\n");
	EXPECT("trace drop t1", 0, "dropped trace=t1\n");
	EXPECT("trace list", 0, "traces=0 ops=0\n");
	EXPECT("trace", -EINVAL,
	       "error: trace: usage: trace load NAME | trace drop NAME | trace list\n");
	EXPECT("trace list x", -EINVAL,
	       "error: trace: usage: trace load NAME | trace drop NAME | trace list\n");
}
END_TEST

START_TEST(test_engine_trace_table_bound)
{
	char name[16];
	unsigned int i;

	for (i = 0; i < KML_MAX_TRACES; i++) {
		snprintf(name, sizeof(name), "t%u", i);
		ck_assert_int_eq(load(name, "kmemlab-trace 1\na 0 8\n"), 0);
	}
	ck_assert_int_eq(load("x", "kmemlab-trace 1\na 0 8\n"), -ENOSPC);
	ck_assert_str_eq(reply(), "error: trace load: already 16 traces\n");
	EXPECT("reset", 0, "reset instances=0 traces=16\n");
}
END_TEST

/* --- runs -------------------------------------------------------------------------- */

static struct fake *fake_of(const char *name)
{
	struct kml_instance *in = kml_inst_find(E, name);

	ck_assert_ptr_nonnull(in);
	return in->priv;
}

/* Run @cmd, expect success, check the common invariants of the reply. */
static const char *run_ok(const char *cmd)
{
	const char *r;
	int ret = ex(cmd);

	r = reply();
	ck_assert_msg(ret == 0, "'%s': %d: %s", cmd, ret, r);
	ck_assert_int_eq(strncmp(r, "context kind=sim", 16), 0);
	ck_assert_ptr_nonnull(strstr(r, "\nrun workload="));
	ck_assert_ptr_nonnull(strstr(r, "\nend status=ok cells="));
	ck_assert_ptr_null(strstr(r, "done=short"));
	ck_assert_ptr_null(strstr(r, "violations=1"));
	return r;
}

START_TEST(test_engine_run_every_workload_on_fake)
{
	static const char * const cmds[] = {
		"run churn on=a ops=2000",
		"run churn on=a ops=2000 mode=phases batch=100 free_order=random",
		"run churn on=a ops=2000 mode=batch batch=64",
		"run sizes on=a ops=2000 dist=uniform min=1 max=9000",
		"run sizes on=a ops=2000 dist=pow2 min=3 max=4096",
		"run sizes on=a ops=2000 dist=kmalloc-mix",
		"run burst on=a ops=2000 batch=4",
		"run dentry on=a ops=3000 batch=500",
		"run pages on=a ops=500 maxorder=4",
		"run remote on=a ops=3000 batch=16",
		"run churn on=a ops=1000 cpus=0,1",
	};
	unsigned int i;

	ck_assert_int_eq(ex("create a fake"), 0);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		const char *r = strstr(run_ok(cmds[i]), "\nresult ");

		ck_assert_msg(field(r, "allocs") == field(r, "frees"), "%s: %s",
			      cmds[i], r);
		ck_assert_int_eq(count_lines(reply(), "result "), 1);
		ck_assert_int_eq(count_lines(reply(), "summary "), 1);
		ck_assert_uint_eq(field(r, "ops_done"), field(r, "ops"));
		ck_assert_uint_eq(field(r, "allocs"), field(r, "frees"));
		ck_assert_uint_eq(field(r, "failures"), 0);
		ck_assert_uint_eq(field(r, "bad_frees"), 0);
		/* malloc'ed blocks: aligned to 16, disjoint */
		if (strstr(cmds[i], "mode=batch")) {
			ck_assert_ptr_null(strstr(r, " misaligned="));
		} else {
			ck_assert_uint_eq(field(r, "misaligned"), 0);
			if (!strstr(cmds[i], "remote"))
				ck_assert_uint_eq(field(r, "overlaps"), 0);
		}
		ck_assert_int_eq(fake_of("a")->live, 0);
		ck_assert_uint_eq(fake_of("a")->bad_frees, 0);
	}
	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 100\na 1 20\nr 0 300\nf 1\na 1 5\n"), 0);
	run_ok("run replay on=a trace=t");
	ck_assert_uint_eq(field(strstr(reply(), "\nresult "), "ops"), 5);
	ck_assert_uint_eq(field(reply(), "allocs"), 4);
	ck_assert_uint_eq(field(reply(), "frees"), 4);
	ck_assert_int_eq(fake_of("a")->live, 0);
	run_ok("run replay on=a trace=t ops=2 cpus=1,0");
	ck_assert_uint_eq(field(strstr(reply(), "\nresult "), "ops"), 4);
	ck_assert_uint_eq(field(reply(), "allocs"), 4);
	/*
	 * The dialects: realloc(NULL, n) allocates, free(NULL) and realloc
	 * to 0 of a dead id do nothing, realloc to 0 frees; a request above
	 * the instance's largest (FAKE_MAX) fails in the backend's figures
	 * without reaching it, and the run goes on.
	 */
	ck_assert_int_eq(load("d", "2\n8\nr 0 100\nf -1\na 1 2000000\n"
			      "r 0 0\nr 0 0\nf 1\nr 1 64\nf 1\n"), 0);
	fake_of("a")->failures = 0;
	run_ok("run replay on=a trace=d");
	ck_assert_uint_eq(field(strstr(reply(), "\nresult "), "ops"), 8);
	ck_assert_uint_eq(field(reply(), "ops_done"), 8);
	ck_assert_uint_eq(field(reply(), "allocs"), 3);
	ck_assert_uint_eq(field(reply(), "failures"), 1);
	ck_assert_uint_eq(field(reply(), "frees"), 2);
	ck_assert_uint_eq(field(reply(), "bad_frees"), 0);
	ck_assert_uint_eq(fake_of("a")->failures, 0);	/* never asked */
	ck_assert_int_eq(fake_of("a")->live, 0);
	ck_assert_int_eq(ex("trace drop d"), 0);
	/* interactive handles are untouched by runs */
	ck_assert_int_eq(ex("alloc a 10"), 0);
	run_ok("run sizes on=a ops=100");
	ck_assert_int_eq(fake_of("a")->live, 1);
}
END_TEST

START_TEST(test_engine_run_reply_fields)
{
	const char *r;

	ck_assert_int_eq(ex("create a fake"), 0);
	r = run_ok("run churn on=a ops=1000 size=100 seed=7");
	ck_assert_ptr_nonnull(strstr(r,
		"\nrun workload=churn on=a cpus=0 ops=1000 reps=1 seed=7 mode=pairs timing=op sample=8 size=100 batch=256 free_order=lifo\n"));
	ck_assert_ptr_nonnull(strstr(r, "\nresult rep=0 instance=a backend=fake workload=churn cpus=0 ops=1000 ops_done=1000 done=ok allocs=1000 frees=1000 failures=0 bad_frees=0 alloc_p50_ns="));
	ck_assert_uint_le(field(r, "alloc_p50_ns"), field(r, "alloc_p99_ns"));
	ck_assert_uint_le(field(r, "alloc_p99_ns"), field(r, "alloc_max_ns"));
	ck_assert_uint_le(field(r, "free_p50_ns"), field(r, "free_p999_ns"));
	ck_assert_uint_gt(field(r, "ops_per_sec"), 0);
	/* 100 requested, 104 handed out: 1 - 100/104 = 0.038 */
	ck_assert_uint_eq(field(r, "internal_frag_x1000"), 38);
	ck_assert_uint_eq(field(r, "requested_peak"), 100);
	ck_assert_uint_eq(field(r, "allocated_peak"), 104);
	/*
	 * An object cache: the heap formula does not apply. Pairs leave
	 * nothing live at the end state, so its 4096 bytes held are all in
	 * free slots.
	 */
	ck_assert_msg(strstr(r, " external_frag_x1000=-1 stranded_x1000=1000 "), "%s", r);
	ck_assert_ptr_nonnull(strstr(r, " external_frag_x1000_med=-1 external_frag_x1000_min=-1 external_frag_x1000_max=-1 stranded_x1000_med=1000 stranded_x1000_min=1000 stranded_x1000_max=1000 "));
	ck_assert_ptr_nonnull(strstr(r, "\nsummary instance=a backend=fake reps=1 done_ok=1 alloc_p50_ns_med="));

	/* batch mode: no latency fields */
	r = run_ok("run churn on=a ops=1000 mode=batch");
	ck_assert_ptr_null(strstr(r, "alloc_p50_ns"));
	ck_assert_ptr_nonnull(strstr(r, " timing=batch "));
	ck_assert_uint_gt(field(r, "ops_per_sec"), 0);
}
END_TEST

START_TEST(test_engine_run_latency_view_and_series)
{
	const char *v;
	char *p;
	unsigned long long total = 0, lo, hi, n;
	int points;

	ck_assert_int_eq(ex("create a fake"), 0);
	run_ok("run sizes on=a ops=5000 reps=2 seed=3");
	v = view("a", KML_IVIEW_LATENCY);
	ck_assert_msg(!strncmp(v, "latency instance=a backend=fake workload=sizes reps=2 seed=3\nalloc count=10000 ",
			       79), "%s", v);
	/* the alloc histogram's counts add up to the count */
	p = strstr(v, "# alloc histogram: lo_ns hi_ns count\n");
	ck_assert_ptr_nonnull(p);
	p = strchr(p, '\n') + 1;
	while (sscanf(p, "%llu %llu %llu", &lo, &hi, &n) == 3 && *p != '#') {
		ck_assert_uint_le(lo, hi);
		total += n;
		p = strchr(p, '\n') + 1;
	}
	ck_assert_uint_eq(total, 10000);
	p = strstr(v, "# series rep=1 interval=");
	ck_assert_ptr_nonnull(p);
	points = count_lines(strchr(p, '\n') + 1, "");
	ck_assert_int_gt(points, 10);
	ck_assert_int_le(points, KML_SERIES_MAX);
	ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_STATS), "\nruns 1\n"));
}
END_TEST

START_TEST(test_engine_run_series_decimates)
{
	char *p;

	ck_assert_int_eq(ex("create a fake"), 0);
	run_ok("run churn on=a ops=100000 sample=1");
	p = strstr(view("a", KML_IVIEW_LATENCY), "# series rep=0 interval=");
	ck_assert_ptr_nonnull(p);
	/* one point per 64-op chunk would be 1563: halved until it fits */
	ck_assert_int_le(count_lines(strchr(p, '\n') + 1, ""), KML_SERIES_MAX);
	ck_assert_int_ge(count_lines(strchr(p, '\n') + 1, ""), KML_SERIES_MAX / 2);
	ck_assert_uint_ge(strtoull(p + strlen("# series rep=0 interval="),
				   NULL, 10), 8);
}
END_TEST

static unsigned long long checksum_of(const char *cmd)
{
	const char *r = run_ok(cmd);
	const char *p = strstr(r, " checksum=");

	ck_assert_ptr_nonnull(p);
	return strtoull(p + 10, NULL, 16);
}

START_TEST(test_engine_run_deterministic)
{
	static const char * const wl[] = {
		"churn ops=500 mode=phases free_order=random batch=50",
		"sizes ops=500 dist=kmalloc-mix", "burst ops=500 batch=3",
		"dentry ops=900 batch=100", "pages ops=300 maxorder=5",
	};
	char cmd[200];
	unsigned long long a, b, c;
	unsigned int i;
	const char *r, *p;

	ck_assert_int_eq(ex("create a fake"), 0);
	ck_assert_int_eq(ex("create b fake"), 0);
	for (i = 0; i < ARRAY_SIZE(wl); i++) {
		snprintf(cmd, sizeof(cmd), "run %s on=a seed=11", wl[i]);
		a = checksum_of(cmd);
		snprintf(cmd, sizeof(cmd), "run %s on=b seed=11", wl[i]);
		b = checksum_of(cmd);
		snprintf(cmd, sizeof(cmd), "run %s on=a seed=12", wl[i]);
		c = checksum_of(cmd);
		ck_assert_msg(a == b, "%s: %llx != %llx", wl[i], a, b);
		ck_assert_msg(a != c, "%s: seed ignored", wl[i]);
	}
	/* rotation: rep 0 visits a then b, rep 1 b then a; same sequences */
	r = run_ok("run sizes on=a,b reps=2 ops=300");
	p = strstr(r, "\nresult rep=0 instance=a ");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "\nresult rep=0 instance=b ");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "\nresult rep=1 instance=b ");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "\nresult rep=1 instance=a ");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(count_lines(r, "summary "), 2);
	ck_assert_uint_eq(field(strstr(r, "result rep=0 instance=a"), "checksum"),
			  field(strstr(r, "result rep=0 instance=b"), "checksum"));
}
END_TEST

START_TEST(test_engine_run_errors)
{
	static const struct {
		const char *cmd;
		int err;
		const char *reply;
	} t[] = {
		{ "run", -EINVAL,
		  "error: run: usage: run WORKLOAD on=INST[,INST...] [key=value ...]\n" },
		{ "run spin on=a", -EINVAL,
		  "error: run: unknown workload 'spin' (churn|sizes|burst|dentry|pages|remote|replay|bulk)\n" },
		{ "run churn", -EINVAL, "error: run: on=INSTANCE[,...] is required\n" },
		{ "run churn on=zz", -ENOENT,
		  "error: run: no instance 'zz' (see 'instances')\n" },
		{ "run churn on=a,a", -EINVAL,
		  "error: run: on=: instance 'a' given twice\n" },
		{ "run churn on=a,", -EINVAL, "error: run: on=a,: empty item\n" },
		{ "run churn on=a maxorder=3", -EINVAL,
		  "error: run: maxorder= does not apply to churn\n" },
		{ "run churn on=a ops=0", -EINVAL,
		  "error: run: ops=0: below the minimum 1\n" },
		{ "run churn on=a ops=1G", -E2BIG,
		  "error: run: ops=1G: above the bound 134217728\n" },
		{ "run churn on=a reps=101", -E2BIG,
		  "error: run: reps=101: above the bound 100\n" },
		{ "run churn on=a cpus=2", -EINVAL,
		  "error: run: cpus=: no cpu 2 (cpus 0..1 exist)\n" },
		{ "run churn on=a cpus=1,1", -EINVAL,
		  "error: run: cpus=: cpu 1 given twice\n" },
		{ "run churn on=a cpus=x", -EINVAL,
		  "error: run: cpus=: 'x' is not a number\n" },
		{ "run remote on=a cpus=0", -EINVAL,
		  "error: run: remote needs exactly 2 cpus (cpus=A,B)\n" },
		{ "run sizes on=a mode=phases", -EINVAL,
		  "error: run: mode=phases applies to churn only\n" },
		{ "run churn on=a free_order=random", -EINVAL,
		  "error: run: free_order= needs mode=phases or mode=batch\n" },
		{ "run churn on=a mode=fast", -EINVAL,
		  "error: run: mode=fast: expected pairs|phases|batch\n" },
		{ "run sizes on=a min=100 max=10", -EINVAL,
		  "error: run: min=100 is above max=10\n" },
		{ "run sizes on=a dist=pow2 min=5 max=7", -EINVAL,
		  "error: run: dist=pow2: no power of two in 5..7\n" },
		{ "run sizes on=a dist=kmalloc-mix max=64", -EINVAL,
		  "error: run: dist=kmalloc-mix has fixed sizes (8..8192); drop min= and max=\n" },
		{ "run pages on=a order=4 maxorder=2", -EINVAL,
		  "error: run: order=4 is above maxorder=2\n" },
		{ "run churn on=a size=2M", -E2BIG,
		  "error: run: instance 'a' takes at most 1048576 bytes; churn asks for up to 2097152\n" },
		{ "run burst on=a batch=5000", -E2BIG,
		  "error: run: batch=5000: above the bound 4096\n" },
		{ "run replay on=a", -EINVAL, "error: run: replay needs trace=NAME\n" },
		{ "run replay on=a trace=nope", -ENOENT,
		  "error: run: no trace 'nope' (see 'trace list')\n" },
		{ "run churn on=a,b,c,d,e,f,g,h,i", -E2BIG,
		  "error: run: on=a,b,c,d,e,f,g,h,i: more than 8 items\n" },
		{ "run churn on=a reps=65 ops=1", -EINVAL,
		  "" },
	};
	unsigned int i;

	ck_assert_int_eq(ex("create a fake"), 0);
	ck_assert_int_eq(ex("create b fake"), 0);
	for (i = 0; i + 1 < ARRAY_SIZE(t); i++)
		EXPECT(t[i].cmd, t[i].err, t[i].reply);
	EXPECT("run churn on=a,b reps=65 ops=1", -E2BIG,
	       "error: run: 2 instances x 65 reps above the bound of 128 cells\n");
	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 8\n"), 0);
	EXPECT("run replay on=a trace=t ops=2", -E2BIG,
	       "error: run: ops=2: trace 't' has 1 ops\n");
	EXPECT("run replay on=a trace=t size=8", -EINVAL,
	       "error: run: size= does not apply to replay\n");
	/* nothing ran */
	ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_STATS), "\nruns 0\n"));
}
END_TEST

/*
 * A host whose run_workers first runs commands from a second session while
 * the run is in progress (the engine has dropped its command lock), then
 * the real workers.
 */
static struct kml_session *S2;
static struct kml_host real_host;
static int busy_checks;

static void expect2(const char *cmd, int err, const char *text)
{
	size_t len;
	int ret = exs(S2, cmd);

	ck_assert_msg(ret == err, "'%s': %d", cmd, ret);
	ck_assert_str_eq(kml_session_reply(S2, &len), text);
}

static int busy_run_workers(void *priv, unsigned int nr,
			    const unsigned int *cpus,
			    void (*fn)(void *arg, unsigned int idx), void *arg,
			    bool *stop)
{
	if (!busy_checks++) {
		expect2("destroy a", -EBUSY,
			"error: destroy: instance 'a' is busy in a run\n");
		expect2("free a 0", -EBUSY,
			"error: free: instance 'a' is busy in a run\n");
		expect2("alloc a 8", -EBUSY,
			"error: alloc: instance 'a' is busy in a run\n");
		expect2("reset a", -EBUSY,
			"error: reset: instance 'a' is busy in a run\n");
		expect2("reset", -EBUSY, "error: reset: a run is in progress\n");
		expect2("run churn on=b", -EBUSY,
			"error: run: another run is in progress\n");
		expect2("trace drop t", -EBUSY,
			"error: trace drop: trace 't' is being replayed\n");
		expect2("alloc b 8", -EBUSY,
			"error: alloc: instance 'b' is busy in a run\n");
		expect2("alloc c 8", 0, "handle=0 size=8 usable=8\n");
		expect2("handles a", 0,
			"handles instance=a live=1 requested=16 usable=16\nhandle=0 size=16 usable=16\n");
		/* views of busy instances stay readable (kmemlab top) */
		ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_SLABINFO),
					     "\nfake-64 "));
		ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_STATS),
					     "\nbusy 1\n"));
		ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_STATS),
					     "\n# backend fake\nfake_live "));
		/* every instance, busy or idle, shows in slabinfo */
		ck_assert_int_eq(count_lines(gview(KML_GVIEW_SLABINFO),
					     "fake-64 "), 3);
		expect2("stop", 0, "stop runs=1\n");
	}
	return real_host.run_workers(priv, nr, cpus, fn, arg, stop);
}

START_TEST(test_engine_busy_instance_refuses)
{
	kml_sim_host_init(&real_host);
	host.run_workers = busy_run_workers;
	S2 = kml_session_create(E);
	ck_assert_int_eq(ex("create a fake"), 0);
	ck_assert_int_eq(ex("create b fake"), 0);
	ck_assert_int_eq(ex("create c fake"), 0);
	ck_assert_int_eq(ex("alloc a 16"), 0);
	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 8\nf 0\n"), 0);
	/* a stop command ends the run for good with a reply, not EINTR */
	ck_assert_int_eq(ex("run replay on=a,b trace=t reps=3"), 0);
	ck_assert_msg(strstr(reply(), "\nend status=stopped cells=1 done=0 of=6\n"),
		      "%s", reply());
	ck_assert_int_eq(busy_checks, 1);
	/* nothing was published; the instances are idle again */
	ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_STATS), "\nruns 0\nallocs"));
	ck_assert_ptr_nonnull(strstr(view("a", KML_IVIEW_STATS), "\nbusy 0\n"));
	ck_assert_int_eq(fake_of("a")->live, 1);
	EXPECT("destroy a", 0, "destroyed instance=a freed_handles=1\n");
	kml_session_destroy(S2);
}
END_TEST

static int interrupting_run_workers(void *priv, unsigned int nr,
				    const unsigned int *cpus,
				    void (*fn)(void *arg, unsigned int idx),
				    void *arg, bool *stop)
{
	kml_sim_host_interrupt();	/* before the workers: they stop at once */
	WRITE_ONCE(*stop, true);
	real_host.run_workers(priv, nr, cpus, fn, arg, stop);
	return -EINTR;
}

START_TEST(test_engine_run_interrupted_frees_everything)
{
	kml_sim_host_init(&real_host);
	host.run_workers = interrupting_run_workers;
	ck_assert_int_eq(ex("create a fake"), 0);
	EXPECT("run dentry on=a ops=100000 batch=1000", -EINTR,
	       "error: run: stopped after 0 of 1 cells\n");
	ck_assert_int_eq(fake_of("a")->live, 0);
	EXPECT("run remote on=a ops=100000 batch=4", -EINTR,
	       "error: run: stopped after 0 of 1 cells\n");
	ck_assert_int_eq(fake_of("a")->live, 0);
}
END_TEST

/* --- our own backends -------------------------------------------------------------- */

/* The slab backend's per-CPU tiers: taken by name, refused out of bounds. */
START_TEST(test_engine_slab_tiers)
{
	static const struct {
		const char *cmd;
		int err;
		const char *reply;
	} bad[] = {
		{ "create t slab tier=bogus", -EINVAL,
		  "error: create: tier=bogus: expected freelist|sheaves|magazine\n" },
		{ "create t slab tier=", -EINVAL,
		  "error: create: tier=: expected freelist|sheaves|magazine\n" },
		{ "create t slab size=64 tier=sheaves sheaf=0", -EINVAL,
		  "error: create: sheaf=0: below the minimum 1\n" },
		{ "create t slab size=64 tier=sheaves sheaf=257", -E2BIG,
		  "error: create: sheaf=257: above the bound 256\n" },
		{ "create t slab size=64 sheaf=8", -EINVAL,
		  "error: create: sheaf= needs tier=sheaves (tier=freelist has no sheaves)\n" },
		{ "create t slab tier=magazine sheaf=8", -EINVAL,
		  "error: create: sheaf= needs tier=sheaves (tier=magazine has no sheaves)\n" },
	};
	static const char * const good[] = {
		"create a slab pool=4M size=64 tier=freelist",
		"create b slab pool=4M size=64 tier=sheaves sheaf=1",
		"create c slab pool=4M size=64 tier=sheaves sheaf=256",
		"create d slab pool=4M tier=magazine",
		"create e slab pool=4M size=64 tier=sheaves redzone=1 poison=1 check=1",
		"create f slab pool=4M tier=sheaves",
	};
	char cmd[128];
	unsigned int i, k;

	ck_assert_int_eq(kml_register_ours(), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_int_eq(ex(bad[i].cmd), bad[i].err);
		ck_assert_str_eq(reply(), bad[i].reply);
	}
	/* nothing changed */
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES), "");
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		const char *name = good[i] + 7;

		ck_assert_msg(ex(good[i]) == 0, "%s: %s", good[i], reply());
		for (k = 0; k < 300; k++) {
			snprintf(cmd, sizeof(cmd), "alloc %.1s %u", name,
				 8 + k % 56);
			ck_assert_msg(ex(cmd) == 0, "%s: %s", cmd, reply());
		}
		for (k = 0; k < 300; k += 2) {
			snprintf(cmd, sizeof(cmd), "free %.1s %u", name, k);
			ck_assert_msg(ex(cmd) == 0, "%s: %s", cmd, reply());
		}
		snprintf(cmd, sizeof(cmd), "validate %.1s", name);
		ck_assert_int_eq(ex(cmd), 0);
		ck_assert_uint_eq(field(reply(), "violations"), 0);
		snprintf(cmd, sizeof(cmd), "destroy %.1s", name);
		ck_assert_int_eq(ex(cmd), 0);
	}
}
END_TEST

START_TEST(test_engine_ours_round_trip)
{
	static const char * const creates[] = {
		"create bd buddy pool=4M",
		"create sl slab pool=4M",
		"create sc slab pool=4M size=192 redzone=1 poison=1 check=1",
		"create ff first-fit pool=256K",
		"create nf next-fit pool=256K list=lifo",
		"create bf best-fit pool=256K coalesce=0",
		"create wf worst-fit pool=256K header=8",
		"create sg segregated pool=256K",
		"create bu bump pool=256K",
	};
	static const char * const names[] = {
		"bd", "sl", "sc", "ff", "nf", "bf", "wf", "sg", "bu",
	};
	char cmd[128];
	unsigned int i, k;

	ck_assert_int_eq(kml_register_ours(), 0);
	for (i = 0; i < ARRAY_SIZE(creates); i++) {
		ck_assert_msg(ex(creates[i]) == 0, "%s: %s", creates[i], reply());
		for (k = 0; k < 20; k++) {
			snprintf(cmd, sizeof(cmd), "alloc %s %u", names[i],
				 8 + k * 9);
			ck_assert_msg(ex(cmd) == 0, "%s: %s", cmd, reply());
		}
		for (k = 0; k < 20; k += 2) {
			snprintf(cmd, sizeof(cmd), "free %s %u", names[i], k);
			ck_assert_msg(ex(cmd) == 0, "%s: %s", cmd, reply());
		}
		snprintf(cmd, sizeof(cmd), "validate %s", names[i]);
		ck_assert_int_eq(ex(cmd), 0);
		ck_assert_uint_eq(field(reply(), "violations"), 0);
	}
	/* heaps answer in the step format */
	ck_assert_int_eq(ex("alloc ff 100"), 0);
	ck_assert_int_eq(strncmp(reply(), "handle=0 size=100 usable=", 25), 0);
	ck_assert_ptr_nonnull(strstr(reply(), " addr="));
	ck_assert_ptr_nonnull(strstr(reply(), "\nptr[0] = Alloc(100) returned "));
	ck_assert_ptr_nonnull(strstr(reply(), "\nFree List [ Size "));
	ck_assert_int_eq(ex("free ff 0"), 0);
	ck_assert_ptr_nonnull(strstr(reply(), "\nFree(ptr[0])\nreturned 0\n"));
	EXPECT("reset bu", 0, "reset instance=bu freed=10\n");
	EXPECT("shrink ff", -EOPNOTSUPP,
	       "error: shrink: backend 'first-fit' has nothing to shrink\n");
	ck_assert_int_eq(ex("shrink sl"), 0);
	ck_assert_ptr_nonnull(strstr(gview(KML_GVIEW_SLABINFO), "\nkmalloc-8 "));
	ck_assert_ptr_eq(strstr(gview(KML_GVIEW_SLABINFO) + 1, "slabinfo - version"), NULL);
	ck_assert_int_eq(ex("create pp buddy order=2"), -EINVAL);
	ck_assert_int_eq(ex("create pp bump list=fifo"), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(cmd, sizeof(cmd), "destroy %s", names[i]);
		ck_assert_int_eq(ex(cmd), 0);
	}
	kml_unregister_ours();
}
END_TEST

START_TEST(test_engine_ours_run_every_workload)
{
	static const struct {
		const char *create;
		const char *runs;	/* workloads that fit the backend */
	} t[] = {
		{ "create x slab pool=8M", "churn sizes dentry remote" },
		{ "create x slab pool=8M size=9792", "burst churn" },
		{ "create x buddy pool=8M", "pages churn sizes remote" },
		{ "create x first-fit pool=1M", "churn sizes dentry" },
		{ "create x best-fit pool=1M", "churn sizes dentry" },
		{ "create x segregated pool=1M", "churn sizes" },
	};
	char cmd[160], *w, *save, buf[64];
	unsigned int i;

	ck_assert_int_eq(kml_register_ours(), 0);
	ck_assert_int_eq(load("t", "4\n3\n6\n1\na 0 100\na 1 2000\nr 0 50\nf 1\na 2 64\nf 0\n"), 0);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		ck_assert_msg(ex(t[i].create) == 0, "%s: %s", t[i].create, reply());
		snprintf(buf, sizeof(buf), "%s replay", t[i].runs);
		for (w = strtok_r(buf, " ", &save); w;
		     w = strtok_r(NULL, " ", &save)) {
			const char *r;

			if (!strcmp(w, "replay"))
				snprintf(cmd, sizeof(cmd), "run replay on=x trace=t reps=2");
			else if (!strcmp(w, "sizes"))
				snprintf(cmd, sizeof(cmd), "run sizes on=x ops=3000 max=512 reps=2");
			else if (!strcmp(w, "burst"))
				snprintf(cmd, sizeof(cmd), "run burst on=x ops=600 batch=4");
			else if (!strcmp(w, "pages"))
				snprintf(cmd, sizeof(cmd), "run pages on=x ops=3000 maxorder=6 batch=32");
			else if (!strcmp(w, "dentry"))
				snprintf(cmd, sizeof(cmd), "run dentry on=x ops=4000 batch=400 size=40");
			else
				snprintf(cmd, sizeof(cmd), "run %s on=x ops=3000", w);
			r = run_ok(cmd);
			ck_assert_msg(field(r, "violations") == 0, "%s on %s",
				      cmd, t[i].create);
			/* every workload checks alignment, all but remote overlaps */
			ck_assert_msg(field(r, "misaligned") == 0, "%s on %s: %s",
				      cmd, t[i].create, r);
			if (strcmp(w, "remote"))
				ck_assert_msg(field(r, "overlaps") == 0,
					      "%s on %s: %s", cmd, t[i].create, r);
			else
				ck_assert_ptr_null(strstr(r, " overlaps="));
			ck_assert_uint_eq(field(r, "allocs") - field(r, "failures"),
					  field(r, "frees"));
			ck_assert_int_eq(ex("validate x"), 0);
			ck_assert_uint_eq(field(reply(), "violations"), 0);
		}
		ck_assert_int_eq(ex("destroy x"), 0);
	}
	kml_unregister_ours();
}
END_TEST

/* --- validity: alignment and overlap of what a backend hands out ----------- */

/*
 * Scripted backends: alloc() hands out script_arena + script_off[k] for the
 * k-th call, so that a test decides every address; free() accepts all.
 * Registered as an object cache, our page allocator, a foreign page
 * allocator and a heap, for the alignment rule of each family.
 */
#define SCRIPT_ARENA	(1u << 20)
#define SCRIPT_MAX	6000

static char script_arena[SCRIPT_ARENA + 65536] __attribute__((aligned(65536)));
static u32 script_off[SCRIPT_MAX];
static u32 script_len, script_n;

static int script_create(const struct kml_params *p, u32 id, void **priv)
{
	*priv = script_arena;
	script_n = 0;
	return 0;
}

static void script_destroy(void *priv)
{
}

static void *script_alloc(void *priv, size_t size)
{
	ck_assert_uint_lt(script_n, script_len);
	return script_arena + script_off[script_n++];
}

static int script_free(void *priv, void *ptr, size_t size)
{
	return 0;
}

#define SCRIPT_BACKEND(id, fam, is_ours, k)				\
static const struct kml_backend script_##id = {				\
	.name = "script-" #id, .desc = "addresses chosen by the test",	\
	.family = fam, .ours = is_ours, .keys = k,			\
	.create = script_create, .destroy = script_destroy,		\
	.alloc = script_alloc, .free = script_free,			\
}

SCRIPT_BACKEND(obj, KML_FAMILY_OBJECT, false,
	       KML_PKB(SIZE) | KML_PKB(ALIGN) | KML_PKB(ZERO));
SCRIPT_BACKEND(pages, KML_FAMILY_PAGE, true, KML_PKB(ZERO));
SCRIPT_BACKEND(vm, KML_FAMILY_PAGE, false, KML_PKB(ZERO));
SCRIPT_BACKEND(heap, KML_FAMILY_HEAP, false,
	       KML_PKB(POOL) | KML_PKB(ALIGN) | KML_PKB(HEADER));

/* Load @text as trace @name (any length). */
static int load_big(const char *name, const char *text)
{
	size_t n = strlen(text) + 64;
	char *buf = malloc(n);
	int ret;

	ck_assert_ptr_nonnull(buf);
	snprintf(buf, n, "trace load %s\n%s", name, text);
	ret = kml_engine_exec(E, S, buf, strlen(buf));
	free(buf);
	return ret;
}

/* Replay trace t on instance @inst with the addresses @off; the result. */
static const char *script_replay(const char *inst, const u32 *off, u32 n)
{
	char cmd[96];

	memcpy(script_off, off, n * sizeof(*off));
	script_len = n;
	script_n = 0;
	snprintf(cmd, sizeof(cmd), "run replay on=%s trace=t", inst);
	return strstr(run_ok(cmd), "\nresult ");
}

START_TEST(test_engine_replay_counts_overlaps)
{
	/* [0,100) [16,116) [32,132) [48,56): each overlaps the first */
	static const u32 ov[] = { 0, 16, 32, 48 };
	/* adjacent blocks touch but do not overlap; then one reaches over */
	static const u32 adj[] = { 0, 16, 32, 48, 64 };
	/* a realloc is checked while the old block is still live */
	static const u32 re[] = { 0, 40, 200 };
	const char *r;

	ck_assert_int_eq(kml_backend_register(&script_obj), 0);
	ck_assert_int_eq(ex("create s script-obj"), 0);
	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 100\na 1 100\na 2 100\nf 1\na 3 8\nf 0\nf 2\nf 3\n"), 0);
	r = script_replay("s", ov, 4);
	ck_assert_uint_eq(field(r, "overlaps"), 3);
	ck_assert_uint_eq(field(r, "misaligned"), 0);
	ck_assert_uint_eq(field(r, "bad_frees"), 0);
	ck_assert_int_eq(ex("trace drop t"), 0);

	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 16\na 1 16\na 2 17\na 3 8\nf 3\na 4 16\n"), 0);
	r = script_replay("s", adj, 5);
	/* 2 is [32,49): 3 at 48 overlaps it; 3 is not tracked, so 4 at 64 is fine */
	ck_assert_uint_eq(field(r, "overlaps"), 1);
	ck_assert_int_eq(ex("trace drop t"), 0);

	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 100\nr 0 50\nr 0 50\n"), 0);
	r = script_replay("s", re, 3);
	/* 40 overlaps the old [0,100); 200 does not overlap [40,90) */
	ck_assert_uint_eq(field(r, "overlaps"), 1);
	ck_assert_uint_eq(field(r, "allocs"), 3);

	/* batch timing checks nothing: no fields */
	memcpy(script_off, re, sizeof(re));
	script_len = 3;
	script_n = 0;
	r = run_ok("run replay on=s trace=t mode=batch");
	ck_assert_ptr_null(strstr(r, " overlaps="));
	ck_assert_ptr_null(strstr(r, " misaligned="));
	ck_assert_int_eq(ex("destroy s"), 0);
	kml_backend_unregister(&script_obj);
}
END_TEST

START_TEST(test_engine_replay_counts_misaligned_by_family)
{
	static const struct {
		const struct kml_backend *be;
		const char *create;
		u32 off[3];
		unsigned int misaligned;
	} t[] = {
		/* object caches: 8 bytes */
		{ &script_obj, "create s script-obj", { 0, 8196, 16384 }, 1 },
		/* ... or align= when larger */
		{ &script_obj, "create s script-obj size=64 align=32",
		  { 32, 8240, 16384 }, 1 },
		/* heaps: align=, unless the header is not a multiple of it */
		{ &script_heap, "create s script-heap align=32",
		  { 32, 8240, 16384 }, 1 },
		{ &script_heap, "create s script-heap align=32 header=8",
		  { 8, 8204, 16392 }, 1 },
		/* our page allocator: the block size; others: a page */
		{ &script_pages, "create s script-pages",
		  { 4096, 16384, 20480 }, 1 },
		{ &script_vm, "create s script-vm",
		  { 4096, 16384, 20480 + 2048 }, 1 },
	};
	unsigned int i;

	/* sizes: 8192 (two pages), 4096, 100 */
	ck_assert_int_eq(load("t", "kmemlab-trace 1\na 0 8192\na 1 4096\na 2 100\n"), 0);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		const char *r;

		ck_assert_int_eq(kml_backend_register(t[i].be), 0);
		ck_assert_msg(ex(t[i].create) == 0, "%s: %s", t[i].create, reply());
		r = script_replay("s", t[i].off, 3);
		ck_assert_msg(field(r, "misaligned") == t[i].misaligned,
			      "%s: %s", t[i].create, r);
		ck_assert_uint_eq(field(r, "overlaps"), 0);
		ck_assert_int_eq(ex("destroy s"), 0);
		kml_backend_unregister(t[i].be);
	}
}
END_TEST

/*
 * Random traces with random addresses against a reference model: a list of
 * the tracked blocks, searched in full. A new block that overlaps a tracked
 * one is counted and not tracked (the engine's rule); a realloc is checked
 * before its old block goes.
 */
struct model_blk {
	unsigned long lo, hi;
	bool live, tracked;
};

static bool model_hits(const struct model_blk *b, unsigned int n,
		       unsigned long lo, unsigned long hi)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (b[i].live && b[i].tracked && b[i].lo < hi && lo < b[i].hi)
			return true;
	return false;
}

START_TEST(test_engine_replay_overlaps_match_model)
{
	enum { IDS = 300, OPS = 5000 };
	static struct model_blk blk[IDS];
	struct kml_rand rng;
	size_t cap = OPS * 24 + 64, len;
	char *text = malloc(cap);
	unsigned int seed, i, nr_off;
	u64 overlaps, misaligned;

	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(kml_backend_register(&script_obj), 0);
	ck_assert_int_eq(ex("create s script-obj"), 0);
	for (seed = 1; seed <= 4; seed++) {
		kml_rand_seed(&rng, seed);
		memset(blk, 0, sizeof(blk));
		len = (size_t)snprintf(text, cap, "kmemlab-trace 1\n");
		nr_off = 0;
		overlaps = 0;
		misaligned = 0;
		for (i = 0; i < OPS; i++) {
			u32 id = (u32)kml_rand_below(&rng, IDS);
			u32 size = (u32)kml_rand_range(&rng, 1, 512);
			/* sparse early seeds, crowded later ones */
			u32 span = seed <= 2 ? SCRIPT_ARENA - 4096 : 65536;
			u32 off = (u32)kml_rand_below(&rng, span);
			unsigned long lo, hi;
			bool hit, re = blk[id].live && kml_rand_below(&rng, 2);

			if (blk[id].live && !re) {
				len += snprintf(text + len, cap - len, "f %u\n", id);
				blk[id].live = false;
				continue;
			}
			if (kml_rand_below(&rng, 4))
				off &= ~7u;
			script_off[nr_off++] = off;
			misaligned += off % 8 != 0;
			lo = (unsigned long)off;
			hi = lo + size;
			hit = model_hits(blk, IDS, lo, hi);
			len += snprintf(text + len, cap - len, "%c %u %u\n",
					re ? 'r' : 'a', id, size);
			overlaps += hit;
			blk[id] = (struct model_blk){ lo, hi, true, !hit };
		}
		ck_assert_uint_lt(len, cap);
		ck_assert_int_eq(load_big("t", text), 0);
		{
			u32 off[SCRIPT_MAX];
			const char *r;

			memcpy(off, script_off, nr_off * sizeof(*off));
			r = script_replay("s", off, nr_off);
			ck_assert_msg(field(r, "overlaps") == overlaps,
				      "seed %u: %llu, model %llu", seed,
				      field(r, "overlaps"),
				      (unsigned long long)overlaps);
			ck_assert_uint_eq(field(r, "misaligned"), misaligned);
			ck_assert_uint_eq(script_n, nr_off);
		}
		/* the test is not vacuous: both kinds of outcome occur */
		ck_assert_uint_gt(overlaps, 0);
		ck_assert_uint_lt(overlaps, nr_off);
		ck_assert_int_eq(ex("trace drop t"), 0);
	}
	free(text);
	ck_assert_int_eq(ex("destroy s"), 0);
	kml_backend_unregister(&script_obj);
}
END_TEST

/* Our allocators hand out aligned, disjoint blocks on a bundled trace. */
START_TEST(test_engine_replay_ours_valid_on_bundled_trace)
{
	static const char * const creates[] = {
		"create x first-fit pool=4M",
		"create x slab pool=8M",
		"create x buddy pool=16M",
	};
	FILE *f = fopen("traces/mixed-realloc.rep", "r");
	static char text[1 << 16];
	size_t n;
	unsigned int i;

	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_lt(n, sizeof(text) - 1);
	text[n] = '\0';
	ck_assert_int_eq(kml_register_ours(), 0);
	ck_assert_int_eq(load_big("t", text), 0);
	for (i = 0; i < ARRAY_SIZE(creates); i++) {
		const char *r;

		ck_assert_msg(ex(creates[i]) == 0, "%s: %s", creates[i], reply());
		r = run_ok("run replay on=x trace=t cpus=0,1 reps=2");
		ck_assert_msg(field(r, "overlaps") == 0 &&
			      field(r, "misaligned") == 0, "%s: %s",
			      creates[i], r);
		ck_assert_uint_eq(field(r, "failures"), 0);
		/* two workers, each 1392 a and 400 r lines */
		ck_assert_uint_eq(field(r, "allocs"), 2 * (1392 + 400));
		ck_assert_int_eq(ex("destroy x"), 0);
	}
	kml_unregister_ours();
}
END_TEST

/*
 * External fragmentation is the heap formula for heaps and pages, and n/a
 * (-1) for object caches, which report the memory stranded in their free
 * slots instead when they count those (a slabinfo view), else n/a too.
 */
static const struct kml_backend fake_no_slabinfo = {
	.name = "fake-plain", .desc = "malloc, no slabinfo",
	.family = KML_FAMILY_OBJECT,
	.create = fake_create, .destroy = fake_destroy,
	.alloc = fake_alloc, .free = fake_free, .usable = fake_usable,
	.max_size = fake_max_size, .stats = fake_stats,
	.validate = fake_validate,
};

/* The last series point of @inst's latency view, and its column count. */
static int last_point(const char *inst, long long *col, int max)
{
	char *v = view(inst, KML_IVIEW_LATENCY), *p, *last = NULL;
	int n = 0;

	p = strstr(v, " external_frag_x1000 stranded_x1000\n");
	ck_assert_msg(p, "%s", v);
	for (p = strchr(p, '\n') + 1; *p; p = strchr(p, '\n') + 1)
		last = p;
	ck_assert_ptr_nonnull(last);
	for (p = last; n < max && *p && *p != '\n'; n++)
		col[n] = strtoll(p, &p, 10);
	return n;
}

/* The number after @key in @text, written as @fmt ("\n%s ", " %s="). */
static long long num_after(const char *text, const char *fmt, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), fmt, key);
	p = strstr(text, pat);
	ck_assert_msg(p, "no %s in %s", key, text);
	return strtoll(p + strlen(pat), NULL, 10);
}

/* A line "KEY VALUE" of a stats view. */
static long long stat_of(const char *text, const char *key)
{
	return num_after(text, "\n%s ", key);
}

START_TEST(test_engine_run_frag_by_family)
{
	long long col[8], held, free_b;
	const char *r, *v;

	ck_assert_int_eq(kml_backend_register(&fake_no_slabinfo), 0);
	ck_assert_int_eq(kml_register_ours(), 0);

	/* no slabinfo view: nothing to say about free slots */
	ck_assert_int_eq(ex("create p fake-plain"), 0);
	r = run_ok("run churn on=p ops=500");
	ck_assert_msg(strstr(r, " external_frag_x1000=-1 stranded_x1000=-1 "), "%s", r);
	ck_assert_ptr_nonnull(strstr(r, " stranded_x1000_med=-1 stranded_x1000_min=-1 stranded_x1000_max=-1 "));
	ck_assert_int_eq(last_point("p", col, 8), 7);
	ck_assert_int_eq(col[5], -1);
	ck_assert_int_eq(col[6], -1);
	ck_assert_ptr_nonnull(strstr(view("p", KML_IVIEW_STATS),
				     "\nexternal_frag_x1000 -1\nstranded_x1000 -1\n"));

	/* the fake cache: 4096 bytes of free slots over what it holds */
	ck_assert_int_eq(ex("create a fake"), 0);
	run_ok("run churn on=a ops=500 mode=phases batch=10");
	ck_assert_int_eq(last_point("a", col, 8), 7);
	ck_assert_int_eq(col[5], -1);
	ck_assert_int_eq(col[6], 4096 * 1000 / col[4]);
	ck_assert_int_lt(col[6], 1000);		/* objects live at the end */

	/* our slab: free slots x stride over the slabs held, exactly */
	ck_assert_int_eq(ex("create s slab pool=4M size=64"), 0);
	ck_assert_int_eq(ex("alloc s 64"), 0);
	ck_assert_int_eq(ex("alloc s 64"), 0);
	/* the slabinfo row: name active_objs num_objs objsize ... */
	v = strrchr(strchr(view("s", KML_IVIEW_SLABINFO), '\n') + 1, '\n');
	ck_assert_ptr_nonnull(v);
	while (v[-1] != '\n')
		v--;
	ck_assert_int_eq(sscanf(v, "%*s %*u %lld", &free_b), 1);
	free_b = (free_b - 2) * 64;
	v = view("s", KML_IVIEW_STATS);
	held = stat_of(v, "bytes_held");
	ck_assert_int_eq(stat_of(v, "total_free"), free_b);
	ck_assert_int_eq(stat_of(v, "external_frag_x1000"), -1);
	ck_assert_int_eq(stat_of(v, "stranded_x1000"), free_b * 1000 / held);
	r = run_ok("run churn on=s ops=2000 size=64 mode=phases batch=100");
	ck_assert_msg(strstr(r, " external_frag_x1000=-1 stranded_x1000="), "%s", r);
	ck_assert_int_eq(last_point("s", col, 8), 7);
	ck_assert_int_eq(col[5], -1);
	ck_assert_int_ge(col[6], 0);
	ck_assert_int_le(col[6], 1000);

	/* a heap keeps the heap formula and has no free slots */
	ck_assert_int_eq(ex("create h first-fit pool=64K"), 0);
	ck_assert_int_eq(ex("alloc h 1000"), 0);
	ck_assert_int_eq(ex("alloc h 1000"), 0);
	ck_assert_int_eq(ex("alloc h 500"), 0);
	ck_assert_int_eq(ex("alloc h 1000"), 0);
	ck_assert_int_eq(ex("free h 0"), 0);	/* two holes below the mark */
	ck_assert_int_eq(ex("free h 2"), 0);
	v = view("h", KML_IVIEW_STATS);
	ck_assert_int_eq(stat_of(v, "external_frag_x1000"),
			 kml_metric_ext_frag(stat_of(v, "largest_free"),
					     stat_of(v, "total_free")));
	ck_assert_int_gt(stat_of(v, "external_frag_x1000"), 0);
	ck_assert_int_eq(stat_of(v, "stranded_x1000"), -1);
	r = run_ok("run sizes on=h ops=2000 max=512");
	ck_assert_ptr_nonnull(strstr(r, " stranded_x1000=-1 "));
	ck_assert_ptr_null(strstr(r, " external_frag_x1000=-1 "));
	ck_assert_int_eq(last_point("h", col, 8), 7);
	ck_assert_int_ge(col[5], 0);
	ck_assert_int_eq(col[6], -1);

	ck_assert_int_eq(ex("destroy h"), 0);
	ck_assert_int_eq(ex("destroy s"), 0);
	kml_unregister_ours();
	ck_assert_int_eq(ex("destroy p"), 0);
	kml_backend_unregister(&fake_no_slabinfo);
}
END_TEST

/*
 * The engine refuses every key a backend's table does not list, names the
 * keys it does list, and takes zeroing from the table too. Fakes under the
 * names of the kernel's backends carry those backends' key sets (the real
 * tables, in module/kernel/backends.c, are checked against the module by
 * the selftest engine_commands "create_keys_follow_each_backends_table").
 */
#define FAKE_CACHE_KEYS	(KML_PKB(SIZE) | KML_PKB(ALIGN) | KML_PKB(ZERO) | \
			 KML_PKB(REDZONE) | KML_PKB(POISON) | \
			 KML_PKB(CHECK) | KML_PKB(CTOR))
#define FAKE_PLAIN_KEYS	(KML_PKB(ZERO) | KML_PKB(CHECK))

static const struct kml_backend fake_as[] = {
	{ .name = "kmem_cache", .family = KML_FAMILY_OBJECT,
	  .keys = FAKE_CACHE_KEYS,
	  .create = fake_create, .destroy = fake_destroy },
	{ .name = "kmem_cache_bulk", .family = KML_FAMILY_OBJECT,
	  .keys = FAKE_CACHE_KEYS,
	  .create = fake_create, .destroy = fake_destroy },
	{ .name = "kmalloc", .family = KML_FAMILY_OBJECT,
	  .keys = FAKE_PLAIN_KEYS,
	  .create = fake_create, .destroy = fake_destroy },
	{ .name = "alloc_pages", .family = KML_FAMILY_PAGE,
	  .keys = FAKE_PLAIN_KEYS,
	  .create = fake_create, .destroy = fake_destroy },
	{ .name = "vmalloc", .family = KML_FAMILY_PAGE,
	  .keys = FAKE_PLAIN_KEYS,
	  .create = fake_create, .destroy = fake_destroy },
	{ .name = "glibc", .family = KML_FAMILY_OBJECT,
	  .create = fake_create, .destroy = fake_destroy },
};

START_TEST(test_engine_create_key_table_matches_backends)
{
	static const struct {
		const char *cmd;
		int err;
		const char *reply;
	} t[] = {
		{ "create a kmalloc size=64", -EINVAL,
		  "error: create: backend 'kmalloc' does not take size= (it takes: zero check)\n" },
		{ "create a kmalloc align=64", -EINVAL,
		  "error: create: backend 'kmalloc' does not take align= (it takes: zero check)\n" },
		{ "create a kmalloc ctor=1", -EINVAL,
		  "error: create: backend 'kmalloc' does not take ctor= (it takes: zero check)\n" },
		{ "create a vmalloc order=2", -EINVAL,
		  "error: create: backend 'vmalloc' does not take order= (it takes: zero check)\n" },
		{ "create a alloc_pages order=2", -EINVAL,
		  "error: create: backend 'alloc_pages' does not take order= (it takes: zero check)\n" },
		{ "create a kmem_cache pool=1M", -EINVAL,
		  "error: create: backend 'kmem_cache' does not take pool= (it takes: size align zero redzone poison check ctor)\n" },
		{ "create a kmem_cache_bulk pcp=0", -EINVAL,
		  "error: create: backend 'kmem_cache_bulk' does not take pcp= (it takes: size align zero redzone poison check ctor)\n" },
		{ "create a glibc zero=1", -EINVAL,
		  "error: create: backend 'glibc' does not take zero= (it takes: none)\n" },
		{ "create a kmem_cache size=64 ctor=1 zero=1", -EINVAL,
		  "error: create: zero=1 and ctor=1 exclude each other: the constructor initialises objects once per slab and zeroing on alloc would undo it (SLUB skips init_on_alloc for such caches); drop zero= or ctor=\n" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fake_as); i++)
		ck_assert_int_eq(kml_backend_register(&fake_as[i]), 0);
	host.zero_default = true;
	for (i = 0; i < ARRAY_SIZE(t); i++)
		EXPECT(t[i].cmd, t[i].err, t[i].reply);
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES), "");

	EXPECT("create a kmem_cache size=64 align=64 redzone=1 poison=1 check=1", 0,
	       "created instance=a backend=kmem_cache family=object id=1 zero=1\n");
	/* ctor=1 turns the platform's zeroing off, and says so */
	EXPECT("create b kmem_cache_bulk size=64 ctor=1", 0,
	       "created instance=b backend=kmem_cache_bulk family=object id=2 zero=0 zero_reason=ctor\n");
	EXPECT("create c kmem_cache ctor=1 zero=0", 0,
	       "created instance=c backend=kmem_cache family=object id=3 zero=0\n");
	EXPECT("create d kmalloc zero=0 check=1", 0,
	       "created instance=d backend=kmalloc family=object id=4 zero=0\n");
	EXPECT("create e alloc_pages", 0,
	       "created instance=e backend=alloc_pages family=page id=5 zero=1\n");
	EXPECT("create f vmalloc check=1", 0,
	       "created instance=f backend=vmalloc family=page id=6 zero=1\n");
	/* a backend without zero= never zeroes, whatever the default */
	EXPECT("create g glibc", 0,
	       "created instance=g backend=glibc family=object id=7 zero=0\n");
	/* the default is named when a create fails with it */
	EXPECT("create h kmem_cache size=7", -EINVAL,
	       "error: create: backend 'kmem_cache' refused the parameters (EINVAL; given: size=7 zero=1 (the default))\n");
	host.zero_default = false;
	EXPECT("create h kmem_cache size=64 ctor=1", 0,
	       "created instance=h backend=kmem_cache family=object id=8 zero=0\n");
	ck_assert_int_eq(ex("reset"), 0);
	for (i = 0; i < ARRAY_SIZE(fake_as); i++)
		kml_backend_unregister(&fake_as[i]);
}
END_TEST

START_TEST(test_engine_create_limits_of_ours_named)
{
	static const struct {
		const char *cmd;
		int err;
		const char *reply;
	} t[] = {
		{ "create a slab size=2M", -E2BIG,
		  "error: create: size=2M: above the bound 1048576 of backend 'slab'\n" },
		{ "create a slab align=64", -EINVAL,
		  "error: create: align= needs size= (the kmalloc classes of backend 'slab' have their own alignment)\n" },
		{ "create a slab ctor=1", -EINVAL,
		  "error: create: ctor=1 needs size= (the kmalloc classes of backend 'slab' have no constructor)\n" },
		{ "create a first-fit pool=1G", -E2BIG,
		  "error: create: pool=1G: above the bound 268435456 of backend 'first-fit' (the largest pool it can have; below it the memory budget decides)\n" },
		{ "create a bump pool=512M", -E2BIG,
		  "error: create: pool=512M: above the bound 268435456 of backend 'bump' (the largest pool it can have; below it the memory budget decides)\n" },
		{ "create a best-fit pool=4K header=4096", -EINVAL,
		  "error: create: header=4096: not below the region size pool=4096\n" },
		/* more granules than the heap's tag table: the backend's
		 * check() says which bound and what to change */
		{ "create a first-fit pool=64M header=1", -E2BIG,
		  "error: create: pool=67108864: 67108864 granules of 1 bytes (gcd of pool, align=8, header=1), above the 33554432 a heap may have (16 bytes of tags each); raise align= to make them larger\n" },
		/* the buddy's pool is whole order-10 blocks: never rounded up */
		{ "create a buddy pool=1M", -EINVAL,
		  "error: create: pool=1048576: not a multiple of 4194304 (the buddy's pool is made of order-10 blocks of 4 MiB); give pool=4M\n" },
		{ "create a slab pool=6M size=64", -EINVAL,
		  "error: create: pool=6291456: not a multiple of 4194304 (the buddy's pool is made of order-10 blocks of 4 MiB); give pool=8M\n" },
		{ "create a slab size=64 zero=1 ctor=1", -EINVAL,
		  "error: create: zero=1 and ctor=1 exclude each other: the constructor initialises objects once per slab and zeroing on alloc would undo it (SLUB skips init_on_alloc for such caches); drop zero= or ctor=\n" },
	};
	unsigned int i;

	ck_assert_int_eq(kml_register_ours(), 0);
	for (i = 0; i < ARRAY_SIZE(t); i++)
		EXPECT(t[i].cmd, t[i].err, t[i].reply);
	ck_assert_str_eq(gview(KML_GVIEW_INSTANCES), "");
	host.zero_default = true;
	EXPECT("create s slab size=1M ctor=1", 0,
	       "created instance=s backend=slab family=object id=1 zero=0 zero_reason=ctor\n");
	EXPECT("create h first-fit pool=4M header=8", 0,
	       "created instance=h backend=first-fit family=heap id=2 zero=1\n");
	ck_assert_int_eq(ex("reset"), 0);
	kml_unregister_ours();
}
END_TEST

/* The heapmap of an instance names the handle of every used block. */
START_TEST(test_engine_heapmap_shows_handles)
{
	ck_assert_int_eq(kml_register_ours(), 0);
	ck_assert_int_eq(ex("create h first-fit pool=4K"), 0);
	ck_assert_int_eq(ex("alloc h 100"), 0);
	ck_assert_int_eq(ex("alloc h 300"), 0);
	ck_assert_int_eq(ex("alloc h 50"), 0);
	ck_assert_int_eq(ex("alloc h 1000"), 0);
	ck_assert_int_eq(ex("free h 2"), 0);
	ck_assert_int_eq(ex("free h 0"), 0);
	ck_assert_int_eq(ex("alloc h 24"), 0);	/* handle 0 again, at 0 */
	ck_assert_str_eq(view("h", KML_IVIEW_HEAPMAP),
		"heap first-fit: region 4096 base 0 align 8 header 0 min_split 1 list address coalesce on\n"
		"    offset              address       size state request handle\n"
		"         0                    0         24 used  24 0\n"
		"        24                   24         80 free\n"
		"       104                  104        304 used  300 1\n"
		"       408                  408         56 free\n"
		"       464                  464       1000 used  1000 3\n"
		"      1464                 1464       2632 free\n"
		"largest free block: 2632\n"
		"largest free run: 2632\n"
		"total free: 2768\n"
		"external fragmentation: 4.9%\n"
		"free list length: 3\n");
	/* a bump arena: freed blocks are dead and have no handle; base= moves
	 * the addresses the handles are matched by */
	ck_assert_int_eq(ex("create b bump pool=4K base=4096"), 0);
	ck_assert_int_eq(ex("alloc b 16"), 0);
	ck_assert_int_eq(ex("alloc b 8"), 0);
	ck_assert_int_eq(ex("free b 0"), 0);
	ck_assert_ptr_nonnull(strstr(view("b", KML_IVIEW_HEAPMAP),
		"    offset              address       size state request handle\n"
		"         0                 4096         16 dead  16\n"
		"        16                 4112          8 used  8 1\n"));
	/* no handles: only the header gains the column */
	ck_assert_int_eq(ex("reset h"), 0);
	ck_assert_ptr_nonnull(strstr(view("h", KML_IVIEW_HEAPMAP),
		"request handle\n         0                    0       4096 free\n"));
	ck_assert_int_eq(ex("reset"), 0);
	kml_unregister_ours();
}
END_TEST

/*
 * The null instrument: one object for every request (no overlap or
 * alignment counted), held n/a, and every per-op cell reports what the
 * harness costs and, for churn pairs, the loop-timed pair.
 */
START_TEST(test_engine_null_and_harness_figures)
{
	const char *r;

	ck_assert_int_eq(kml_register_ours(), 0);
	ck_assert_int_eq(ex("create n null"), 0);
	r = run_ok("run churn on=n ops=3000 mode=phases batch=64");
	ck_assert_msg(strstr(r, " overlaps=0 ") && strstr(r, " misaligned=0 "), "%s", r);
	ck_assert_msg(strstr(r, " held_peak=-1 utilization_x1000=-1 "), "%s", r);
	ck_assert_msg(strstr(r, " harness_alloc_ns="), "%s", r);
	ck_assert_ptr_null(strstr(r, " loop_pairs="));	/* phases: no loop */
	ck_assert_int_eq(ex("create s slab size=64"), 0);
	r = run_ok("run churn on=s ops=2500");
	ck_assert_msg(strstr(r, " loop_pairs=2500 loop_pair_ns="), "%s", r);
	ck_assert_msg(strstr(r, " harness_alloc_ns=") && strstr(r, " harness_free_ns="),
		      "%s", r);
	r = run_ok("run churn on=s ops=2500 mode=batch");
	ck_assert_ptr_null(strstr(r, " harness_alloc_ns="));	/* no per-op timing */
	ck_assert_int_eq(ex("reset"), 0);
	kml_unregister_ours();
}
END_TEST

/* --- a backend with a split: its bookkeeping out of the timed region ---- */

/*
 * The fake wrapped as the kernel's real backends are: begin reserves the
 * request in a quota (pool=), the call is fake_alloc() alone, end counts.
 * The counters say which part ran how often.
 */
static struct {
	u64 quota, reserved;
	unsigned long begins, refused, calls, ends, cancels, fbegins, fcalls, fends;
} sp;

static int split_create(const struct kml_params *p, u32 id, void **priv)
{
	sp.quota = p->pool_bytes;
	return fake_create(p, id, priv);
}

static int split_alloc_begin(void *priv, size_t size)
{
	sp.begins++;
	if (sp.quota && sp.reserved + size > sp.quota) {
		sp.refused++;
		return -ENOMEM;
	}
	sp.reserved += size;
	return 0;
}

static void *split_alloc_call(void *priv, size_t size)
{
	sp.calls++;
	return fake_alloc(priv, size);
}

static void *split_alloc_end(void *priv, void *ptr, size_t size)
{
	sp.ends++;
	if (!ptr)
		sp.reserved -= size;
	return ptr;
}

static void split_alloc_cancel(void *priv, size_t size)
{
	sp.cancels++;
	sp.reserved -= size;
}

static int split_free_begin(void *priv, void *ptr, size_t size)
{
	sp.fbegins++;
	return 0;
}

static void split_free_call(void *priv, void *ptr, size_t size)
{
	sp.fcalls++;
	fake_free(priv, ptr, size);
}

static void split_free_end(void *priv, size_t size)
{
	sp.fends++;
	sp.reserved -= size;
}

static void *split_alloc(void *priv, size_t size)
{
	if (split_alloc_begin(priv, size))
		return NULL;
	return split_alloc_end(priv, split_alloc_call(priv, size), size);
}

static int split_free(void *priv, void *ptr, size_t size)
{
	split_free_begin(priv, ptr, size);
	split_free_call(priv, ptr, size);
	split_free_end(priv, size);
	return 0;
}

static void split_stats(void *priv, struct kml_alloc_stats *st)
{
	fake_stats(priv, st);
	if (!sp.quota)
		return;
	st->arena = true;
	st->arena_free = sp.quota - sp.reserved;
	st->arena_largest = st->arena_free;
}

static const struct kml_split fake_split = {
	.alloc_begin = split_alloc_begin, .alloc_call = split_alloc_call,
	.alloc_end = split_alloc_end, .alloc_cancel = split_alloc_cancel,
	.free_begin = split_free_begin,
	.free_call = split_free_call, .free_end = split_free_end,
};

static const struct kml_backend fake_split_backend = {
	.name = "fake-split", .desc = "malloc with a split",
	.family = KML_FAMILY_OBJECT, .keys = KML_PKB(POOL),
	.create = split_create, .destroy = fake_destroy,
	.alloc = split_alloc, .free = split_free, .usable = fake_usable,
	.max_size = fake_max_size, .stats = split_stats,
	.validate = fake_validate, .split = &fake_split,
};

/*
 * Per-op timing calls begin, call and end once per op; the loop-timed
 * pairs call the allocator alone, with one object's books before and
 * after; batch mode and the interactive commands go through alloc() and
 * free(), which are the three parts together.
 */
START_TEST(test_engine_split_keeps_books_out)
{
	const char *r;

	memset(&sp, 0, sizeof(sp));
	ck_assert_int_eq(kml_backend_register(&fake_split_backend), 0);
	ck_assert_int_eq(ex("create q fake-split"), 0);
	r = run_ok("run churn on=q ops=1000 size=64");
	ck_assert_msg(strstr(r, " allocs=1000 frees=1000 failures=0 "), "%s", r);
	ck_assert_msg(strstr(r, " loop_pairs=1000 "), "%s", r);
	/* 1000 timed ops with books; 1000 loop pairs, one reservation */
	ck_assert_uint_eq(sp.begins, 1000 + 1);
	ck_assert_uint_eq(sp.ends, 1000);
	ck_assert_uint_eq(sp.cancels, 1);
	ck_assert_uint_eq(sp.calls, 1000 + 1000);
	ck_assert_uint_eq(sp.fbegins, 1000);
	ck_assert_uint_eq(sp.fcalls, 1000 + 1000);
	ck_assert_uint_eq(sp.fends, 1000);
	ck_assert_uint_eq(sp.reserved, 0);

	/* batch: the whole alloc() */
	memset(&sp, 0, sizeof(sp));
	r = run_ok("run churn on=q ops=500 size=64 mode=batch");
	ck_assert_uint_eq(sp.begins, 500);
	ck_assert_uint_eq(sp.calls, 500);
	ck_assert_uint_eq(sp.ends, 500);
	ck_assert_uint_eq(sp.reserved, 0);

	/* an arena of 256 B: four live 64 B objects, then refused before any
	 * call; those failures had no free memory for the request */
	ck_assert_int_eq(ex("destroy q"), 0);
	memset(&sp, 0, sizeof(sp));
	ck_assert_int_eq(ex("create q fake-split pool=256"), 0);
	r = run_ok("run churn on=q ops=100 size=64 mode=phases batch=8");
	ck_assert_msg(strstr(r, " failures=") && !strstr(r, " failures=0 "), "%s", r);
	ck_assert_uint_eq(sp.calls, sp.begins - sp.refused);
	ck_assert_uint_gt(sp.refused, 0);
	ck_assert_msg(strstr(r, " failed_with_free=0 ") &&
		      strstr(r, " first_fail_request=64 first_fail_free=0 "),
		      "%s", r);
	ck_assert_uint_eq(sp.reserved, 0);
	ck_assert_int_eq(ex("reset"), 0);
	kml_backend_unregister(&fake_split_backend);
}
END_TEST

/* Peak and allocation-weighted mean of a sampled figure; n/a left out. */
START_TEST(test_engine_trend)
{
	struct kml_trend t = KML_TREND_INIT;

	ck_assert_int_eq(kml_trend_mean(&t), KML_METRIC_NA);
	kml_trend_add(&t, KML_METRIC_NA, 0);
	kml_trend_add(&t, 100, 10);	/* 100 holds for 30 allocations */
	kml_trend_add(&t, 400, 40);	/* 400 for 10 */
	kml_trend_add(&t, 200, 50);
	ck_assert_int_eq(t.peak, 400);
	ck_assert_int_eq(kml_trend_mean(&t), (100 * 30 + 400 * 10) / 40);
	/* negative figures (a fragmentation index) count as themselves */
	t = (struct kml_trend)KML_TREND_INIT;
	kml_trend_add(&t, -1000, 0);
	ck_assert_int_eq(t.peak, -1000);
	kml_trend_add(&t, 605, 10);
	ck_assert_int_eq(t.peak, 605);
	ck_assert_int_eq(kml_trend_mean(&t), -1000);
}
END_TEST

/* A field "KEY=VALUE" of a reply line. */
static long long field_of(const char *r, const char *key)
{
	return num_after(r, " %s=", key);
}

/*
 * Our buddy tells its free lists: the run reports the kernel's indices at
 * the largest request's order, read from its own pool; a heap does not.
 * The context line carries the clock's step.
 */
START_TEST(test_engine_page_pool_figures)
{
	const char *r;
	long long v;

	ck_assert_int_eq(kml_register_ours(), 0);
	ck_assert_int_eq(ex("create b buddy pool=16M"), 0);
	r = run_ok("run pages on=b ops=3000 order=0 maxorder=4 batch=256");
	ck_assert_msg(strstr(r, " clock_step_ticks="), "%s", r);
	ck_assert_int_ge(field_of(r, "clock_step_ticks"), 1);
	ck_assert_msg(strstr(r, " buddy_order=4 "), "%s", r);
	ck_assert_msg(strstr(r, " pool=kmemlab pool_pages=4096 pool_shared=0"), "%s", r);
	v = field_of(r, "unusable_end_x1000");
	ck_assert(v >= 0 && v <= 1000);
	ck_assert_int_ge(field_of(r, "unusable_peak_x1000"), v);
	ck_assert_int_le(field_of(r, "unusable_mean_x1000"),
			 field_of(r, "unusable_peak_x1000"));
	v = field_of(r, "fragidx_end_x1000");
	ck_assert(v == -1000 || (v > -1000 && v < 1000));
	ck_assert_int_ge(field_of(r, "fragidx_peak_x1000"), v);
	/* a heap has no page pool */
	ck_assert_int_eq(ex("create h first-fit pool=1M"), 0);
	r = run_ok("run sizes on=h ops=500 max=2000");
	ck_assert_ptr_null(strstr(r, " buddy_order="));
	ck_assert_int_eq(ex("reset"), 0);
	kml_unregister_ours();
}
END_TEST

static Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_engine_parse_u64);
	tcase_add_test(tc, test_engine_create_destroy_round_trip);
	tcase_add_test(tc, test_engine_create_errors);
	tcase_add_test(tc, test_engine_slab_tiers);
	tcase_add_test(tc, test_engine_instance_table_bound);
	tcase_add_test(tc, test_engine_zero_default_follows_host);
	tcase_add_test(tc, test_engine_create_key_table_matches_backends);
	tcase_add_test(tc, test_engine_create_limits_of_ours_named);
	tcase_add_test(tc, test_engine_heapmap_shows_handles);
	tcase_add_test(tc, test_engine_alloc_free_handles);
	tcase_add_test(tc, test_engine_handle_table_bound);
	tcase_add_test(tc, test_engine_misc_commands);
	tcase_add_test(tc, test_engine_sessions_do_not_share_replies);
	tcase_add_test(tc, test_engine_trace_commands);
	tcase_add_test(tc, test_engine_trace_table_bound);
	tcase_add_test(tc, test_engine_run_every_workload_on_fake);
	tcase_add_test(tc, test_engine_run_reply_fields);
	tcase_add_test(tc, test_engine_run_frag_by_family);
	tcase_add_test(tc, test_engine_null_and_harness_figures);
	tcase_add_test(tc, test_engine_split_keeps_books_out);
	tcase_add_test(tc, test_engine_trend);
	tcase_add_test(tc, test_engine_page_pool_figures);
	tcase_add_test(tc, test_engine_run_latency_view_and_series);
	tcase_add_test(tc, test_engine_run_series_decimates);
	tcase_add_test(tc, test_engine_run_deterministic);
	tcase_add_test(tc, test_engine_run_errors);
	tcase_add_test(tc, test_engine_busy_instance_refuses);
	tcase_add_test(tc, test_engine_run_interrupted_frees_everything);
	tcase_add_test(tc, test_engine_ours_round_trip);
	tcase_add_test(tc, test_engine_ours_run_every_workload);
	tcase_add_test(tc, test_engine_replay_counts_overlaps);
	tcase_add_test(tc, test_engine_replay_counts_misaligned_by_family);
	tcase_add_test(tc, test_engine_replay_overlaps_match_model);
	tcase_add_test(tc, test_engine_replay_ours_valid_on_bundled_trace);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(engine_suite());
}
