/*
 * policy_yaml.h - the libyaml side of the policy parser, shared by
 * policy_yaml.c (errors, scalars, mappings, loading) and policy_keys.c
 * (the tables of keys). Nothing outside policy/ includes it.
 */
#ifndef NJ_POLICY_YAML_H
#define NJ_POLICY_YAML_H

#include <yaml.h>

#include "policy/policy_impl.h"

/* The state of one parse: the document, the policy, the errors so far. */
struct pctx {
	const char	 *name;		/* file name in error lines */
	const char	 *text;		/* the whole input */
	size_t		  len;
	yaml_document_t	 *doc;
	struct nj_policy *p;		/* being filled; freed on any error */
	char		**errs;		/* "NAME:LINE:COL: message" */
	size_t		  nerrs;
	bool		  overflow;	/* errors dropped (cap or ENOMEM) */
	size_t		  supp_cap;	/* allocated p->supp entries */
};

struct keydef;
/* Handles the value n of key k; base is the struct k->off points into. */
typedef void (*key_fn)(struct pctx *, yaml_node_t *n, void *base,
    const struct keydef *k);

/* One key of a mapping. */
struct keydef {
	const char	    *key;
	key_fn		     fn;
	size_t		     off;	/* field in base, for generic handlers */
	const char	    *what;	/* "a file path", in messages */
	const struct keydef *sub;	/* a section's own keys */
	size_t		     nsub;
};

#define NKEYS(t) (sizeof(t) / sizeof((t)[0]))

void py_err(struct pctx *c, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A value as shown in a message: one line, at most 64 bytes. */
const char *py_shown(const char *s, char *buf, size_t len);
/* "mapping", "sequence" or "scalar". */
const char *py_kind(const yaml_node_t *n);
/* "key:" with nothing after it. */
bool py_empty(const yaml_node_t *n);

/* These return NULL or -1 after reporting what was expected. */
const char *py_scalar(struct pctx *c, yaml_node_t *n, const char *what);
char *py_string(struct pctx *c, yaml_node_t *n, const char *what);
int py_boolean(struct pctx *c, yaml_node_t *n);
int py_duration(struct pctx *c, yaml_node_t *n, double *secs);
int py_port(struct pctx *c, yaml_node_t *n);
int py_prefix(struct pctx *c, yaml_node_t *n, struct nj_addr *a,
    unsigned *len);

/* Calls fn for each item of a sequence (a lone scalar is one item). */
void py_items(struct pctx *c, yaml_node_t *n, const char *what,
    void (*fn)(struct pctx *, yaml_node_t *, void *), void *arg);
/* True, after reporting it, when the key of pair pr repeats an earlier one. */
bool py_duplicate(struct pctx *c, yaml_node_t *map, yaml_node_pair_t *pr);
/*
 * Walks a mapping against keys: rejects other shapes, duplicate and
 * unknown keys, and calls each known key's handler with base.
 */
void py_walk(struct pctx *c, yaml_node_t *n, const struct keydef *keys,
    size_t nkeys, void *base);

/* The top-level keys (policy_keys.c). */
extern const struct keydef nj_top_keys[];
extern const size_t nj_ntop_keys;

#endif
