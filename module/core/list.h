/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A circular doubly linked list with a sentinel head, the same shape as the
 * kernel's <linux/list.h>. The cores carry their own copy because they
 * include no kernel header; it is small enough not to drift.
 */
#ifndef KML_LIST_H
#define KML_LIST_H

#include "platform.h"

struct kml_list {
	struct kml_list *next;
	struct kml_list *prev;
};

static inline void kml_list_init(struct kml_list *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool kml_list_empty(const struct kml_list *head)
{
	return head->next == head;
}

static inline void kml_list_link(struct kml_list *node, struct kml_list *prev,
				 struct kml_list *next)
{
	next->prev = node;
	node->next = next;
	node->prev = prev;
	prev->next = node;
}

/* kml_list_add() - insert @node right after @head (LIFO order). */
static inline void kml_list_add(struct kml_list *node, struct kml_list *head)
{
	kml_list_link(node, head, head->next);
}

/* kml_list_add_tail() - insert @node right before @head (FIFO order). */
static inline void kml_list_add_tail(struct kml_list *node,
				     struct kml_list *head)
{
	kml_list_link(node, head->prev, head);
}

/* kml_list_del() - unlink @node and leave it pointing at itself. */
static inline void kml_list_del(struct kml_list *node)
{
	node->next->prev = node->prev;
	node->prev->next = node->next;
	kml_list_init(node);
}

#define kml_list_entry(ptr, type, member) container_of(ptr, type, member)

/*
 * Iteration is written out at each use, without macros:
 *
 *	for (pos = kml_list_first(head); pos; pos = kml_list_next(head, pos))
 *
 * and, when the loop body may unlink @pos:
 *
 *	for (pos = kml_list_first(head); pos; pos = n) {
 *		n = kml_list_next(head, pos);
 *		...
 *	}
 */

/* kml_list_first() - the first node after @head, or NULL when empty. */
static inline struct kml_list *kml_list_first(const struct kml_list *head)
{
	return head->next == head ? NULL : head->next;
}

/* kml_list_next() - the node after @node in @head's list, or NULL at the end. */
static inline struct kml_list *kml_list_next(const struct kml_list *head,
					     const struct kml_list *node)
{
	return node->next == head ? NULL : node->next;
}

#endif /* KML_LIST_H */
