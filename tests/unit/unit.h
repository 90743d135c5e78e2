/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared glue of the unit tests (Check): run a suite, write TAP where
 * CK_TAP_LOG_FILE_NAME says, and exit non-zero on any failure.
 */
#ifndef KML_UNIT_H
#define KML_UNIT_H

#include <check.h>

/**
 * unit_run() - run every test of @s
 * @s: the suite
 *
 * Return: the process exit status: 0 when all passed.
 */
int unit_run(Suite *s);

#endif /* KML_UNIT_H */
