/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small deterministic PRNG for workloads: xoshiro256** seeded through
 * splitmix64 (Blackman and Vigna). Same seed, same sequence, in the kernel
 * and in userspace; never used for anything but reproducible workloads.
 */
#ifndef KML_RAND_H
#define KML_RAND_H

#include "platform.h"

struct kml_rand {
	u64 s[4];
};

/**
 * kml_splitmix64() - one step of splitmix64
 * @x: the state, advanced
 *
 * Return: the next output; also good as a 64-bit mixing function.
 */
static inline u64 kml_splitmix64(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/**
 * kml_rand_seed() - seed a generator
 * @r: the generator
 * @seed: any value, 0 included
 */
static inline void kml_rand_seed(struct kml_rand *r, u64 seed)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		r->s[i] = kml_splitmix64(&seed);
}

static inline u64 kml_rotl64(u64 x, unsigned int k)
{
	return (x << k) | (x >> (64 - k));
}

/**
 * kml_rand_next() - the next 64 random bits
 * @r: the generator
 *
 * Return: the value.
 */
static inline u64 kml_rand_next(struct kml_rand *r)
{
	u64 *s = r->s;
	u64 res = kml_rotl64(s[1] * 5, 7) * 9;
	u64 t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = kml_rotl64(s[3], 45);
	return res;
}

/**
 * kml_rand_below() - a uniform value in [0, @n)
 * @r: the generator
 * @n: the bound; 0 and 1 give 0
 *
 * Rejection sampling, so there is no modulo bias.
 *
 * Return: the value.
 */
static inline u64 kml_rand_below(struct kml_rand *r, u64 n)
{
	u64 x, limit;

	if (n <= 1)
		return 0;
	limit = -n % n;		/* 2^64 mod n: values below it are biased */
	do {
		x = kml_rand_next(r);
	} while (x < limit);
	return x % n;
}

/**
 * kml_rand_range() - a uniform value in [@lo, @hi]
 * @r: the generator
 * @lo: smallest value
 * @hi: largest value (>= @lo)
 *
 * Return: the value.
 */
static inline u64 kml_rand_range(struct kml_rand *r, u64 lo, u64 hi)
{
	if (hi <= lo)
		return lo;
	if (hi - lo == ~0ULL)
		return kml_rand_next(r);
	return lo + kml_rand_below(r, hi - lo + 1);
}

#endif /* KML_RAND_H */
