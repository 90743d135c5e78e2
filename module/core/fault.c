// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection settings: the decision, the parser and the rendering
 * shared by the kernel and the simulator (fault.h).
 */
#include "fault.h"

static const char *const kml_fault_site_names[KML_FAULT_NR_SITES] = {
	[KML_FAULT_PAGES] = "pages",
	[KML_FAULT_META] = "meta",
};

bool kml_fault_decide(const struct kml_fault_cfg *c, unsigned int site,
		      u64 call)
{
	u64 x;

	if (site >= KML_FAULT_NR_SITES || !(c->sites & (1u << site)))
		return false;
	if (c->nth && call % c->nth == 0)
		return true;
	if (!c->prob)
		return false;
	/* splitmix64's finalizer over (seed, site, call): reproducible */
	x = c->seed + (call * 2 + site + 1) * 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x % 100 < c->prob;
}

/* An unsigned decimal of @n bytes at @s, at most @max. */
static bool kml_fault_number(const char *s, size_t n, u64 max, u64 *v)
{
	u64 r = 0;
	size_t i;

	if (!n || n > 20)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (r > (max - (u64)(s[i] - '0')) / 10)
			return false;
		r = r * 10 + (u64)(s[i] - '0');
	}
	*v = r;
	return true;
}

static bool kml_fault_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == ',';
}

/* A printable rendering of a bad word: other bytes become '?'. */
static void kml_fault_bad(char *err, size_t errsz, const char *what,
			  const char *w, size_t n)
{
	char word[33];
	size_t i;

	if (n > sizeof(word) - 1)
		n = sizeof(word) - 1;
	for (i = 0; i < n; i++)
		word[i] = w[i] >= 0x20 && w[i] < 0x7f ? w[i] : '?';
	word[n] = '\0';
	snprintf(err, errsz, "%s '%s'", what, word);
}

/* The sites named by "pages", "meta", "pages+meta" (within a word). */
static bool kml_fault_sites(const char *s, size_t n, u32 *sites)
{
	u32 r = 0;
	size_t i = 0, j, k;

	while (i < n) {
		for (j = i; j < n && s[j] != '+'; j++)
			;
		for (k = 0; k < KML_FAULT_NR_SITES; k++)
			if (strlen(kml_fault_site_names[k]) == j - i &&
			    !memcmp(s + i, kml_fault_site_names[k], j - i))
				break;
		if (k == KML_FAULT_NR_SITES)
			return false;
		r |= 1u << k;
		i = j + 1;
		if (j + 1 == n)
			return false;	/* a trailing '+' */
	}
	if (!r)
		return false;
	*sites = r;
	return true;
}

int kml_fault_parse(struct kml_fault_cfg *c, const char *buf, size_t len,
		    char *err, size_t errsz)
{
	struct kml_fault_cfg n = *c;
	size_t i = 0, j, eq;
	u64 v;

	while (i < len) {
		while (i < len && kml_fault_blank(buf[i]))
			i++;
		if (i == len)
			break;
		for (j = i; j < len && !kml_fault_blank(buf[j]); j++)
			;
		if (j - i == 3 && !memcmp(buf + i, "off", 3)) {
			n.nth = 0;
			n.prob = 0;
			n.sites = 1u << KML_FAULT_PAGES;
			n.seed = 0;
			i = j;
			continue;
		}
		for (eq = i; eq < j && buf[eq] != '='; eq++)
			;
		if (eq == j) {
			kml_fault_bad(err, errsz, "expected key=value, got",
				      buf + i, j - i);
			return -EINVAL;
		}
		if (eq - i == 3 && !memcmp(buf + i, "nth", 3) &&
		    kml_fault_number(buf + eq + 1, j - eq - 1, ~0ULL, &v)) {
			n.nth = v;
		} else if (eq - i == 4 && !memcmp(buf + i, "prob", 4) &&
			   kml_fault_number(buf + eq + 1, j - eq - 1, 100, &v)) {
			n.prob = (u32)v;
		} else if (eq - i == 4 && !memcmp(buf + i, "seed", 4) &&
			   kml_fault_number(buf + eq + 1, j - eq - 1, ~0ULL,
					    &v)) {
			n.seed = v;
		} else if (eq - i == 5 && !memcmp(buf + i, "where", 5) &&
			   kml_fault_sites(buf + eq + 1, j - eq - 1, &n.sites)) {
		} else {
			kml_fault_bad(err, errsz,
				      "bad setting (nth=N, prob=0..100, where=pages|meta|pages+meta, seed=N or off):",
				      buf + i, j - i);
			return -EINVAL;
		}
		i = j;
	}
	*c = n;
	return 0;
}

void kml_fault_show(const struct kml_fault_cfg *c,
		    const u64 calls[KML_FAULT_NR_SITES],
		    const u64 injected[KML_FAULT_NR_SITES], struct kml_out *out)
{
	unsigned int k, n = 0;

	kml_out_printf(out, "fault nth=%llu prob=%u where=",
		       (unsigned long long)c->nth, c->prob);
	for (k = 0; k < KML_FAULT_NR_SITES; k++)
		if (c->sites & (1u << k))
			kml_out_printf(out, "%s%s", n++ ? "+" : "",
				       kml_fault_site_names[k]);
	if (!n)
		kml_out_printf(out, "none");
	kml_out_printf(out, " seed=%llu", (unsigned long long)c->seed);
	for (k = 0; k < KML_FAULT_NR_SITES; k++)
		kml_out_printf(out, " %s_calls=%llu %s_injected=%llu",
			       kml_fault_site_names[k],
			       (unsigned long long)calls[k],
			       kml_fault_site_names[k],
			       (unsigned long long)injected[k]);
	kml_out_printf(out, "\n");
}
