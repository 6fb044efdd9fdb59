/*
 * psl.c - the public suffix list as a hash set of rules, and the
 * publicsuffix.org algorithm: the prevailing rule is an exception rule if
 * one matches, else the matching rule with the most labels, else "*".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>

#include "policy/psl.h"

#define R_NORMAL    0x1  /* "x.y" */
#define R_WILDCARD  0x2  /* "*.x.y": stored under "x.y" */
#define R_EXCEPTION 0x4  /* "!x.y": stored under "x.y" */

/* Rules are stored without their "*." or "!" prefix, flags telling which. */
struct rule {
	uint32_t off;     /* into the arena; 0: empty slot */
	uint16_t len;
	uint8_t flags;
};

struct nj_psl {
	struct rule *slots;
	size_t nslots;    /* a power of two, at least twice the rules */
	char *arena;      /* the rule texts, back to back */
	size_t arena_len, arena_cap;
	struct nj_psl_stats st;
};

/* Maximum length of one rule or one domain name in presentation form. */
#define NAME_MAX_LEN 253

static inline uint8_t
lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

/* FNV-1a over the lowercased bytes. */
static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= lower((uint8_t)s[i]);
		h *= 16777619u;
	}
	return h;
}

static bool
same(const struct nj_psl *psl, const struct rule *r, const char *s, size_t n)
{
	const char *t = psl->arena + r->off;
	size_t i;

	if (r->len != n)
		return false;
	for (i = 0; i < n; i++) {
		if (t[i] != (char)lower((uint8_t)s[i]))
			return false;
	}
	return true;
}

/* The slot holding s, or the empty slot where it would go. */
static struct rule *
slot(const struct nj_psl *psl, const char *s, size_t n)
{
	size_t mask = psl->nslots - 1, i = hash(s, n) & mask;

	while (psl->slots[i].off != 0 && !same(psl, &psl->slots[i], s, n))
		i = (i + 1) & mask;
	return &psl->slots[i];
}

static uint8_t
flags_of(const struct nj_psl *psl, const char *s, size_t n)
{
	return slot(psl, s, n)->flags;
}

/* Adds one key (the rule without "*." or "!") with flag f. */
static int
add_key(struct nj_psl *psl, const char *s, size_t n, uint8_t f)
{
	struct rule *r;
	size_t i;

	if (psl->st.rules >= NJ_PSL_MAX_RULES) {
		psl->st.dropped++;
		return 0;
	}
	r = slot(psl, s, n);
	if (r->off == 0) {
		if (psl->arena_len + n > psl->arena_cap) {
			psl->st.dropped++;
			return 0;
		}
		r->off = (uint32_t)psl->arena_len;
		r->len = (uint16_t)n;
		for (i = 0; i < n; i++)
			psl->arena[psl->arena_len++] = (char)lower((uint8_t)s[i]);
	}
	if (!(r->flags & f)) {
		r->flags |= f;
		psl->st.rules++;
		psl->st.wildcards += f == R_WILDCARD;
		psl->st.exceptions += f == R_EXCEPTION;
	}
	return 0;
}

static int
add_rule(struct nj_psl *psl, const char *s, size_t n)
{
	char u[NAME_MAX_LEN + 1], *a = NULL;
	uint8_t f = R_NORMAL;
	size_t i;
	int rc;

	if (n > 2 && s[0] == '*' && s[1] == '.') {
		f = R_WILDCARD;
		s += 2, n -= 2;
	} else if (n > 1 && s[0] == '!') {
		f = R_EXCEPTION;
		s += 1, n -= 1;
	}
	if (n == 0 || n > NAME_MAX_LEN || s[0] == '.' || s[n - 1] == '.') {
		psl->st.dropped++;
		return 0;
	}
	if ((rc = add_key(psl, s, n, f)) != 0)
		return rc;
	for (i = 0; i < n && (uint8_t)s[i] < 0x80; i++)
		;
	if (i == n)
		return 0;
	/*
	 * DNS carries internationalised labels as A-labels ("xn--"): key
	 * the rule that way too (IDNA2008, libidn2), as the list asks.
	 */
	memcpy(u, s, n);
	u[n] = '\0';
	if (idn2_to_ascii_8z(u, &a, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) !=
	    IDN2_OK) {
		psl->st.dropped++;
		idn2_free(a);
		return 0;
	}
	psl->st.idn++;
	rc = add_key(psl, a, strlen(a), f);
	idn2_free(a);
	return rc;
}

struct nj_psl *
nj_psl_parse(const char *name, const char *text, size_t len, FILE *errs)
{
	struct nj_psl *psl;
	const char *p = text, *end = text + len, *eol, *tok;
	size_t nslots = 1;

	/* Each line holds at most one rule: bound the table by the lines. */
	while (nslots < 2 * (size_t)NJ_PSL_MAX_RULES && nslots < 2 * len + 2)
		nslots <<= 1;
	if ((psl = calloc(1, sizeof(*psl))) == NULL ||
	    (psl->slots = calloc(nslots, sizeof(*psl->slots))) == NULL ||
	    (psl->arena = malloc(3 * len + 1)) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s: out of memory\n", name);
		nj_psl_free(psl);
		return NULL;
	}
	psl->nslots = nslots;
	/* Room for every rule twice over: as written, and as A-labels. */
	psl->arena_cap = 3 * len + 1;
	psl->arena_len = 1; /* offset 0 marks an empty slot */
	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		/* The rule is the line up to the first white space. */
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		tok = p;
		while (p < eol && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (p > tok && !(p - tok >= 2 && tok[0] == '/' && tok[1] == '/') &&
		    add_rule(psl, tok, (size_t)(p - tok)) == -1) {
			if (errs != NULL)
				fprintf(errs, "%s: rule arena full\n", name);
			nj_psl_free(psl);
			return NULL;
		}
		p = eol + 1;
	}
	return psl;
}

struct nj_psl *
nj_psl_load(const char *path, FILE *errs)
{
	struct nj_psl *psl = NULL;
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errs != NULL)
			fprintf(errs, "%s:0: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			char *nb;

			/* The list is about 250 KB; 16 MB is plainly not one. */
			if (cap >= 16u << 20 ||
			    (nb = realloc(buf, cap ? cap * 2 : 1u << 18)) == NULL) {
				if (errs != NULL)
					fprintf(errs, "%s:0: too large\n", path);
				goto done;
			}
			buf = nb;
			cap = cap ? cap * 2 : 1u << 18;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		if (errs != NULL)
			fprintf(errs, "%s:0: read error\n", path);
		goto done;
	}
	psl = nj_psl_parse(path, buf, len, errs);
done:
	free(buf);
	fclose(fp);
	return psl;
}

void
nj_psl_free(struct nj_psl *psl)
{
	if (psl == NULL)
		return;
	free(psl->slots);
	free(psl->arena);
	free(psl);
}

void
nj_psl_stats(const struct nj_psl *psl, struct nj_psl_stats *out)
{
	*out = psl->st;
}

/*
 * Walks the suffixes of name from the whole name to the last label and
 * returns the number of labels of the public suffix (0 on a bad name).
 * lab[i] is where the suffix of i+1 labels from the right starts.
 */
static size_t
suffix_labels(const struct nj_psl *psl, const char *name, size_t n,
    const char **lab, size_t maxlab, size_t *nlab)
{
	size_t i, k = 0, best = 1, len;
	uint8_t f;

	/* Collect label starts from the right. */
	for (i = n; i > 0; i--) {
		if (name[i - 1] == '.') {
			/* A trailing dot, an empty label, or too many labels. */
			if (i == n || name[i] == '.' || k == maxlab)
				return 0;
			lab[k++] = name + i;
		}
	}
	if (n == 0 || name[0] == '.' || k == maxlab)
		return 0;
	lab[k++] = name;
	*nlab = k;
	for (i = 0; i < k; i++) {
		len = (size_t)(name + n - lab[i]);
		f = flags_of(psl, lab[i], len);
		if (f & R_EXCEPTION)
			return i; /* the exception's parent is the suffix */
		if ((f & R_NORMAL) && i + 1 > best)
			best = i + 1;
		/* "*.x" matches one more label to the left of x. */
		if ((f & R_WILDCARD) && i + 1 < k && i + 2 > best)
			best = i + 2;
	}
	return best;
}

/* At most 127 labels fit in a 253-character name. */
#define MAXLAB 128

const char *
nj_psl_public_suffix(const struct nj_psl *psl, const char *name)
{
	const char *lab[MAXLAB];
	size_t n = strnlen(name, NAME_MAX_LEN + 1), nlab = 0, s;

	if (n > NAME_MAX_LEN ||
	    (s = suffix_labels(psl, name, n, lab, MAXLAB, &nlab)) == 0)
		return NULL;
	return lab[s - 1];
}

const char *
nj_psl_registered_domain(const struct nj_psl *psl, const char *name)
{
	const char *lab[MAXLAB];
	size_t n = strnlen(name, NAME_MAX_LEN + 1), nlab = 0, s;

	if (n > NAME_MAX_LEN ||
	    (s = suffix_labels(psl, name, n, lab, MAXLAB, &nlab)) == 0 ||
	    s >= nlab)
		return NULL;
	return lab[s];
}
