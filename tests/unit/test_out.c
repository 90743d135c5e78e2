// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the small shared helpers: bounded output, the intrusive
 * list and the backend registry.
 */
#include <check.h>
#include <stdlib.h>

#include "list.h"
#include "ops.h"
#include "out.h"
#include "unit.h"

START_TEST(test_out_printf_appends)
{
	char buf[32];
	struct kml_out out;

	kml_out_init(&out, buf, sizeof(buf));
	kml_out_printf(&out, "%s %u", "slab", 42u);
	kml_out_printf(&out, " %llu\n", 7ULL);
	ck_assert_str_eq(buf, "slab 42 7\n");
	ck_assert_uint_eq(out.len, 10);
	ck_assert(!out.overflow);
}
END_TEST

START_TEST(test_out_printf_cuts_and_flags_overflow)
{
	char buf[8];
	struct kml_out out;

	kml_out_init(&out, buf, sizeof(buf));
	kml_out_printf(&out, "%s", "0123456789");
	ck_assert_str_eq(buf, "0123456");
	ck_assert_uint_eq(out.len, 7);
	ck_assert(out.overflow);
	kml_out_printf(&out, "x");
	ck_assert_str_eq(buf, "0123456");
}
END_TEST

struct item {
	int v;
	struct kml_list node;
};

START_TEST(test_list_order_and_delete)
{
	struct kml_list head;
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 };
	struct kml_list *pos, *n;
	int seen[3], i = 0;

	kml_list_init(&head);
	ck_assert(kml_list_empty(&head));
	ck_assert_ptr_null(kml_list_first(&head));
	kml_list_add(&a.node, &head);		/* a */
	kml_list_add(&b.node, &head);		/* b a */
	kml_list_add_tail(&c.node, &head);	/* b a c */
	for (pos = kml_list_first(&head); pos; pos = kml_list_next(&head, pos))
		seen[i++] = kml_list_entry(pos, struct item, node)->v;
	ck_assert_int_eq(i, 3);
	ck_assert_int_eq(seen[0], 2);
	ck_assert_int_eq(seen[1], 1);
	ck_assert_int_eq(seen[2], 3);
	for (pos = kml_list_first(&head); pos; pos = n) {
		n = kml_list_next(&head, pos);
		kml_list_del(pos);
	}
	ck_assert(kml_list_empty(&head));
	ck_assert(kml_list_empty(&a.node));
}
END_TEST

static const struct kml_backend fake_a = { .name = "fake-a" };
static const struct kml_backend fake_b = { .name = "fake-b" };
static const struct kml_backend fake_a2 = { .name = "fake-a" };

START_TEST(test_ops_registry)
{
	ck_assert_int_eq(kml_backend_register(&fake_a), 0);
	ck_assert_int_eq(kml_backend_register(&fake_b), 0);
	ck_assert_int_eq(kml_backend_register(&fake_a2), -EEXIST);
	ck_assert_ptr_eq(kml_backend_find("fake-a"), &fake_a);
	ck_assert_ptr_eq(kml_backend_find("fake-b"), &fake_b);
	ck_assert_ptr_null(kml_backend_find("fake-c"));
	ck_assert_ptr_eq(kml_backend_at(0), &fake_a);
	ck_assert_ptr_eq(kml_backend_at(1), &fake_b);
	ck_assert_ptr_null(kml_backend_at(2));
	kml_backend_unregister(&fake_a);
	ck_assert_ptr_null(kml_backend_find("fake-a"));
	ck_assert_ptr_eq(kml_backend_at(0), &fake_b);
	kml_backend_unregister(&fake_b);
	ck_assert_ptr_null(kml_backend_at(0));
}
END_TEST

static Suite *out_suite(void)
{
	Suite *s = suite_create("out");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_out_printf_appends);
	tcase_add_test(tc, test_out_printf_cuts_and_flags_overflow);
	tcase_add_test(tc, test_list_order_and_delete);
	tcase_add_test(tc, test_ops_registry);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(out_suite());
}
