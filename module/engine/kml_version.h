/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The version of kmemlab: one number for the module (its debugfs
 * "version" file, MODULE_VERSION) and the tool ('kmemlab version'), since
 * both are built from one tree and speak the interface of that tree.
 * 'kmemlab status' and 'kmemlab version' compare the module's number with
 * the tool's; a module of another version is reported (exit 1 in status).
 */
#ifndef KML_VERSION_H
#define KML_VERSION_H

#define KML_VERSION "0.2.0"

#endif /* KML_VERSION_H */
