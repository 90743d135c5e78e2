// SPDX-License-Identifier: GPL-2.0
/*
 * Shared glue of the unit tests. Each test runs in its own process (Check's
 * fork mode), so a crash fails one test and not the file.
 */
#include <stdlib.h>

#include "unit.h"

int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
