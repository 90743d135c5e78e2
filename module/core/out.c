// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded text output shared by every core view.
 */
#include "out.h"

void kml_out_init(struct kml_out *out, char *buf, size_t size)
{
	out->buf = buf;
	out->size = size;
	out->len = 0;
	out->overflow = false;
	if (size)
		buf[0] = '\0';
}

void kml_out_printf(struct kml_out *out, const char *fmt, ...)
{
	size_t room;
	va_list args;
	int n;

	if (out->len + 1 >= out->size) {
		out->overflow = true;
		return;
	}
	room = out->size - out->len;
	va_start(args, fmt);
	n = vsnprintf(out->buf + out->len, room, fmt, args);
	va_end(args);
	if (n < 0)
		return;
	if ((size_t)n >= room) {
		out->len = out->size - 1;
		out->overflow = true;
	} else {
		out->len += n;
	}
}
