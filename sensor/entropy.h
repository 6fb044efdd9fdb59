/*
 * entropy.h - character statistics of DNS names for the odd-DNS
 * detectors: Shannon entropy, and whether a label looks machine-made.
 */
#ifndef NJ_ENTROPY_H
#define NJ_ENTROPY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Shannon entropy of the bytes of s[0..len), in bits per byte, dots
 * skipped (they separate labels, they carry no data). 0 for no bytes.
 */
double nj_entropy(const char *s, size_t len);

/*
 * True when a label of len bytes reads as random rather than as a word
 * or a product name: at least 8 bytes and two of: a run of 5 or more
 * consonants, few vowels (under a fifth of the letters), letters mixed
 * with digits (3 or more changes between them), near-maximal entropy
 * for its length, few common English letter pairs (under half; under
 * 0.3 counts twice). Words and brand names rarely meet two; about three
 * in four random 8-17 letter labels do, and longer encoded data nearly
 * always.
 */
bool nj_label_random(const char *label, size_t len);

#endif
