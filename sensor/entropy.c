/*
 * entropy.c - character statistics of DNS names (see entropy.h).
 */
#include <math.h>
#include <stdint.h>

#include "sensor/entropy.h"

double
nj_entropy(const char *s, size_t len)
{
	uint16_t cnt[256] = { 0 };
	size_t i, n = 0;
	double h = 0, p;

	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			continue;
		cnt[(uint8_t)s[i]]++;
		n++;
	}
	if (n == 0)
		return 0;
	for (i = 0; i < 256; i++) {
		if (cnt[i] == 0)
			continue;
		p = (double)cnt[i] / (double)n;
		h -= p * log2(p);
	}
	return h;
}

/*
 * Letter pairs common in English and in the words names are made of
 * (the most frequent ~270 of English text): bit b of row a is set when
 * the pair a,b is one. A random string over a-z hits about two fifths
 * of its pairs here; words hit most of theirs. Generated from the list
 * th he in er an re on at en nd ti es or te of ed is it al ar st to nt
 * ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be
 * ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly
 * nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni
 * ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld
 * ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av ag if ap gr od bo sp
 * rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo cr cl du ga
 * qu ue ff ba ey ls va um pp ua up lu go ht ru ug ds lt pi rc rr eg au
 * ck ew mu br bi pt ak pu ui rg ib tl ny ki rk ys ob mm fu ph og ms ye
 * ud mb ip ub oi rl gu dr hr cc tw ft wn nu af hu nn eo vo rv nf xp gn
 * sm fl iz ok nl my gl aw ju oa sy sl ps jo lf nk kn gs dy hy ze ks xt
 * bs ik dd cy rp sk xi ws oy rf eu wr ya za.
 */
static const uint32_t common_pairs[26] = {
	0x17ebd6e, 0x1164911, 0x11a4d95, 0x1164119,
	0x1fef97d, 0x01a4931, 0x0166991, 0x11a4111,
	0x22efc7f, 0x0104000, 0x0042110, 0x11c4939,
	0x114d113, 0x11c6d7d, 0x17efd6f, 0x01ec991,
	0x0100000, 0x13efd7d, 0x11cdd95, 0x15e4991,
	0x00eb95f, 0x0004111, 0x0066191, 0x0088100,
	0x0044011, 0x0000011,
};

static bool
common_pair(char a, char b)
{
	return (common_pairs[a - 'a'] >> (b - 'a')) & 1;
}

/* Share of adjacent letter pairs of l that are common; 1 when none. */
static double
pair_share(const char *l, size_t len)
{
	size_t i, pairs = 0, common = 0;

	for (i = 0; i + 1 < len; i++) {
		if (l[i] < 'a' || l[i] > 'z' || l[i + 1] < 'a' || l[i + 1] > 'z')
			continue;
		pairs++;
		common += common_pair(l[i], l[i + 1]);
	}
	return pairs > 0 ? (double)common / (double)pairs : 1;
}

static bool
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	    c == 'y';
}

bool
nj_label_random(const char *l, size_t len)
{
	size_t i, letters = 0, vowels = 0, run = 0, maxrun = 0, changes = 0;
	int score = 0, kind, last = -1;
	double h, share;

	if (len < 8)
		return false;
	for (i = 0; i < len; i++) {
		char c = l[i];

		if (c >= 'a' && c <= 'z') {
			letters++;
			kind = 0;
			if (is_vowel(c)) {
				vowels++;
				run = 0;
			} else if (++run > maxrun)
				maxrun = run;
		} else {
			run = 0;
			kind = c >= '0' && c <= '9' ? 1 : 2;
		}
		if (last >= 0 && kind != last && kind != 2 && last != 2)
			changes++;
		last = kind;
	}
	if (maxrun >= 5)
		score++;
	if (letters >= 6 && vowels * 5 < letters)
		score++;
	if (changes >= 3)
		score++;
	/*
	 * A random string over a large alphabet repeats few characters:
	 * its entropy comes close to log2(len). English words repeat
	 * letters (e, t, s) and stay further below it.
	 */
	h = nj_entropy(l, len);
	if (h >= 0.92 * log2((double)(len < 36 ? len : 36)))
		score++;
	if (letters >= 6 && (share = pair_share(l, len)) < 0.5)
		score += share < 0.3 ? 2 : 1;
	return score >= 2;
}
