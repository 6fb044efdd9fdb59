/*
 * fuzz_policy.c - feeds bytes to nj_policy_parse. A policy that parses
 * must print, parse again and print the same text (the promise of
 * "nightjar -n"); anything else aborts so libFuzzer keeps the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/policy.h"
#include "tests/fuzz/fuzz.h"

static char *
print(const struct nj_policy *p, size_t *len)
{
	char *buf = NULL;
	FILE *f;

	if ((f = open_memstream(&buf, len)) == NULL)
		abort();
	nj_policy_print(p, f);
	fclose(f);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nj_policy *p, *q;
	struct nj_addr a;
	char *t1, *t2;
	size_t l1, l2;
	FILE *devnull;

	if ((devnull = fopen("/dev/null", "w")) == NULL)
		return 0;
	p = nj_policy_parse("fuzz", (const char *)data, size, devnull);
	fclose(devnull);
	if (p == NULL)
		return 0;
	nj_addr_set4(&a, 0xc0a80101);
	(void)nj_policy_is_local(p, &a);
	(void)nj_policy_suppressed(p, "scan", &a, &a, 22, "x.example", 0);
	t1 = print(p, &l1);
	if ((q = nj_policy_parse("fuzz-printed", t1, l1, stderr)) == NULL) {
		fprintf(stderr, "printed policy does not parse:\n%s", t1);
		abort();
	}
	t2 = print(q, &l2);
	if (l1 != l2 || memcmp(t1, t2, l1) != 0) {
		fprintf(stderr, "print is not a fixed point:\n%s---\n%s", t1,
		    t2);
		abort();
	}
	free(t1);
	free(t2);
	nj_policy_free(q);
	nj_policy_free(p);
	return 0;
}
