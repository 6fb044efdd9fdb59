/*
 * psl.h - the public suffix list (https://publicsuffix.org/list/), loaded
 * as data, and the registered domain of a name: the public suffix plus
 * one label ("a.b.example.co.uk" -> "example.co.uk").
 */
#ifndef NJ_PSL_H
#define NJ_PSL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Debian's publicsuffix package installs the list here. */
#define NJ_PSL_PATH "/usr/share/publicsuffix/public_suffix_list.dat"
/* Rules kept at most; the list holds about 10,000. Extra rules are counted. */
#define NJ_PSL_MAX_RULES 65536

struct nj_psl;

struct nj_psl_stats {
	uint32_t rules;        /* rules loaded (normal + wildcard + exception) */
	uint32_t wildcards;    /* "*.x" rules */
	uint32_t exceptions;   /* "!x" rules */
	uint32_t idn;          /* rules also keyed as A-labels ("xn--") */
	uint32_t dropped;      /* rules over the cap, or malformed */
};

/*
 * Loads a list in the publicsuffix.org format. On failure writes one
 * "FILE:LINE: message" line to errs (may be NULL) and returns NULL.
 * Rules are kept as written (lowercased); rules in Unicode are also kept
 * as the A-labels ("xn--", IDNA2008 by libidn2) that DNS carries.
 */
struct nj_psl *nj_psl_load(const char *path, FILE *errs);
/* The same from memory (name is used in error lines). */
struct nj_psl *nj_psl_parse(const char *name, const char *text, size_t len,
    FILE *errs);
void nj_psl_free(struct nj_psl *psl);
void nj_psl_stats(const struct nj_psl *psl, struct nj_psl_stats *out);

/*
 * The registered domain of name (labels separated by dots, no trailing
 * dot, matched case-insensitively), as a pointer to the suffix of name
 * itself, or NULL when name is itself a public suffix, is empty, or has
 * an empty label. Unlisted TLDs follow the default rule "*". Allocation-
 * free: meant for the per-query path.
 */
const char *nj_psl_registered_domain(const struct nj_psl *psl,
    const char *name);
/* The public suffix of name (a suffix of name), or NULL as above. */
const char *nj_psl_public_suffix(const struct nj_psl *psl, const char *name);

#endif
