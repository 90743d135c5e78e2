/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 'kmemlab record': record.c runs a program under the LD_PRELOAD library
 * and writes a trace; 'kmemlab record --kernel' is record_kernel_main(),
 * defined where the kernel recording is built (a weak default in record.c
 * says it is not).
 */
#ifndef KMEMLAB_RECORD_H
#define KMEMLAB_RECORD_H

/*
 * record_kernel_main() - 'kmemlab record --kernel ...'
 * @argc, @argv: the command's arguments, argv[0] "record"
 * Return: the exit status.
 */
int record_kernel_main(int argc, char **argv);

#endif /* KMEMLAB_RECORD_H */
