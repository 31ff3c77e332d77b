/* A minimal intrusive doubly-linked list (wayland's wl_list, in spirit). */
#ifndef VITRINE_LIST_H
#define VITRINE_LIST_H

#include <stddef.h>

struct list {
	struct list *prev, *next;
};

static inline void list_init(struct list *l)
{
	l->prev = l->next = l;
}

/* Insert elm after pos. */
static inline void list_insert(struct list *pos, struct list *elm)
{
	elm->prev = pos;
	elm->next = pos->next;
	pos->next->prev = elm;
	pos->next = elm;
}

static inline void list_remove(struct list *elm)
{
	elm->prev->next = elm->next;
	elm->next->prev = elm->prev;
	elm->prev = elm->next = elm;
}

static inline int list_empty(const struct list *l)
{
	return l->next == l;
}

#define list_item(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

/* Iterate; safe against removal of the current element. */
#define list_each(pos, tmp, head)                                                                  \
	for (pos = (head)->next, tmp = pos->next; pos != (head); pos = tmp, tmp = pos->next)
#define list_each_reverse(pos, tmp, head)                                                          \
	for (pos = (head)->prev, tmp = pos->prev; pos != (head); pos = tmp, tmp = pos->prev)

#endif
