/*
 * unknown_state.c - reads and writes unknown-local-host's learned
 * inventory file (format in unknown_state.h): validated whole before
 * anything is loaded, written to a temporary file and renamed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sensor/log.h"
#include "sensor/unknown_state.h"

#define MAGIC "nightjar-inventory 1"

struct host_line {
	struct nj_addr a;
	bool has_mac;
	uint8_t mac[6];
	nj_time_t first;
};

static int
parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

static int
parse_mac(const char *s, struct host_line *h)
{
	unsigned m[6];
	int i, n = 0;

	if (strcmp(s, "-") == 0)
		return 0;
	if (strlen(s) != 17 || sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%n", &m[0],
	    &m[1], &m[2], &m[3], &m[4], &m[5], &n) != 6 || n != 17)
		return -1;
	for (i = 0; i < 6; i++)
		h->mac[i] = (uint8_t)m[i];
	h->has_mac = true;
	return 0;
}

/* Splits line into at most 4 space-separated fields; returns the count. */
static int
fields(char *line, char *f[4])
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (*p != '\0') {
		while (*p == ' ')
			*p++ = '\0';
		if (*p == '\0')
			break;
		if (n == 4)
			return 5;
		f[n++] = p;
		p += strcspn(p, " ");
	}
	return n;
}

/* One line: 0 ok (kind 1 learned_for, 2 host), -1 bad. */
static int
parse_line(char *line, int *kind, uint64_t *start, struct host_line *h)
{
	char *f[4];
	int n = fields(line, f);

	if (n == 2 && strcmp(f[0], "learned_for") == 0) {
		*kind = 1;
		return parse_u64(f[1], start);
	}
	if (n == 4 && strcmp(f[0], "host") == 0) {
		*kind = 2;
		memset(h, 0, sizeof(*h));
		if (nj_addr_parse(f[1], &h->a) == -1 ||
		    parse_mac(f[2], h) == -1 || parse_u64(f[3], &h->first) == -1)
			return -1;
		return 0;
	}
	return -1;
}

/* One pass: validates (t NULL) or loads. Returns the bad line, or 0. */
static unsigned
pass(FILE *fp, struct nj_addr_table *t, nj_time_t *learned_for)
{
	char line[256];
	struct host_line h;
	struct nj_addr_val *v;
	uint64_t start = 0;
	unsigned lineno = 0;
	bool created, have_start = false;
	int kind;

	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(fp))
			return lineno;
		if (lineno == 1) {
			if (strncmp(line, MAGIC, strlen(MAGIC)) != 0)
				return 1;
			continue;
		}
		if (parse_line(line, &kind, &start, &h) == -1)
			return lineno;
		if (kind == 1)
			have_start = true;
		else if (t != NULL) {
			v = nj_addr_table_put(t, &h.a, h.first, &created);
			v->first = v->t = h.first;
			v->has_mac = h.has_mac;
			memcpy(v->mac, h.mac, sizeof(v->mac));
		}
	}
	if (ferror(fp) || !have_start)
		return lineno + 1;
	*learned_for = start;
	return 0;
}

int
nj_unknown_state_load(const char *path, struct nj_addr_table *t,
    nj_time_t *learned_for)
{
	FILE *fp;
	unsigned bad;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			log_warn("%s", path);
		return -1;
	}
	if ((bad = pass(fp, NULL, learned_for)) != 0) {
		log_warnx("%s:%u: not a learned inventory line; learning "
		    "starts afresh", path, bad);
		fclose(fp);
		return -1;
	}
	rewind(fp);
	pass(fp, t, learned_for);
	fclose(fp);
	return 0;
}

static void
write_host(void *arg, const struct nj_addr *a, const struct nj_addr_val *v)
{
	FILE *fp = arg;
	char ab[NJ_ADDRSTRLEN];

	fprintf(fp, "host %s ", nj_addr_str(a, ab, sizeof(ab)));
	if (v->has_mac)
		fprintf(fp, "%02x:%02x:%02x:%02x:%02x:%02x", v->mac[0],
		    v->mac[1], v->mac[2], v->mac[3], v->mac[4], v->mac[5]);
	else
		fputc('-', fp);
	fprintf(fp, " %" PRIu64 "\n", v->first);
}

int
nj_unknown_state_save(const char *path, const struct nj_addr_table *t,
    nj_time_t learned_for)
{
	char tmp[4096];
	FILE *fp;
	int n;

	n = snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		log_warnx("%s: path too long", path);
		return -1;
	}
	if ((fp = fopen(tmp, "w")) == NULL) {
		log_warn("%s", tmp);
		return -1;
	}
	fprintf(fp, "%s\nlearned_for %" PRIu64 "\n", MAGIC, learned_for);
	nj_addr_table_walk(t, write_host, fp);
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0 || ferror(fp)) {
		log_warn("%s", tmp);
		fclose(fp);
		unlink(tmp);
		return -1;
	}
	if (fclose(fp) != 0 || rename(tmp, path) != 0) {
		log_warn("%s", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}
