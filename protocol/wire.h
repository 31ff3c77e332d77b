/* Little-endian field access and shared length rules, for protocol/ only. */
#ifndef VITRINE_WIRE_H
#define VITRINE_WIRE_H

#include <stdint.h>

#include "proto.h"

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/* Exact body length of a type from dir, -1 for variable ones, -2 if dir may
 * not send it. */
long vp_fixed_len(enum vp_dir dir, uint32_t type);

#endif
