/*
 * sha1.h - SHA-1 (FIPS 180-4), only for Community ID hashing.
 */
#ifndef NJ_SHA1_H
#define NJ_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define NJ_SHA1_LEN 20

struct nj_sha1 {
	uint32_t h[5];
	uint64_t len;      /* bytes hashed so far */
	uint8_t buf[64];
	size_t nbuf;
};

void nj_sha1_init(struct nj_sha1 *c);
void nj_sha1_update(struct nj_sha1 *c, const void *data, size_t len);
void nj_sha1_final(struct nj_sha1 *c, uint8_t out[NJ_SHA1_LEN]);

#endif
