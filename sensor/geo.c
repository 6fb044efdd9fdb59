/*
 * geo.c - GeoIP and ASN lookups in MaxMind DB files (see geo.h).
 *
 * libmaxminddb maps the file and checks every offset it follows; we ask
 * it only for the few scalar paths we print (MMDB_get_value), never for
 * whole entry lists, so deeply nested or cyclic data in a damaged file
 * is not walked. Strings are copied bounded, as valid UTF-8.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <maxminddb.h>

#include "policy/special.h"
#include "sensor/addrcache.h"
#include "sensor/alert.h"
#include "sensor/geo.h"
#include "sensor/log.h"

struct geo_db {
	MMDB_s mmdb;
	bool open;
	const char *path;   /* for messages; the caller's string is copied */
	bool warned;        /* one lookup error logged, the rest counted */
};

struct nj_geo {
	struct geo_db city, asn;
	struct nj_addrcache *cache;
	struct nj_geo_counters c;
	char paths[2][512];
};

/* The result of one database lookup, kept beside the fields. */
struct geo_cached {
	struct nj_geo_info info;
	enum nj_geo_result res;
};

static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

void
nj_geo_unmap(const struct nj_addr *in, struct nj_addr *out)
{
	*out = *in;
	if (in->family == 6 && memcmp(in->a, v4mapped, 12) == 0) {
		memset(out, 0, sizeof(*out));
		out->family = 4;
		memcpy(out->a, in->a + 12, 4);
	}
}

bool
nj_geo_skip(const struct nj_addr *addr)
{
	/* The IANA special-purpose registries, as one table of data. */
	return (addr->family != 4 && addr->family != 6) ||
	    nj_special_is_bogon(addr);
}

static int
db_open(struct geo_db *db, const char *path, bool want_asn, char *err,
    size_t errlen)
{
	const char *type;
	int st;
	bool is_asn;

	db->path = path;
	if ((st = MMDB_open(path, MMDB_MODE_MMAP, &db->mmdb)) != MMDB_SUCCESS) {
		/* errno still says why open(2) or mmap(2) failed. */
		if (st == MMDB_FILE_OPEN_ERROR || st == MMDB_IO_ERROR)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		else
			snprintf(err, errlen, "%s: not a usable MaxMind DB file "
			    "(%s)", path, MMDB_strerror(st));
		return -1;
	}
	db->open = true;
	type = db->mmdb.metadata.database_type;
	if (type == NULL)
		type = "";
	/*
	 * GeoLite2-ASN, DBIP-ASN-Lite and GeoIP2-ISP carry AS numbers;
	 * City, Country and DB-IP's City/Country Lite carry places. Swapping
	 * the two keys is an easy mistake whose only symptom would be empty
	 * fields, so it is refused.
	 */
	is_asn = strstr(type, "ASN") != NULL || strstr(type, "ISP") != NULL;
	if (want_asn != is_asn && (is_asn || strstr(type, "City") != NULL ||
	    strstr(type, "Country") != NULL)) {
		snprintf(err, errlen, "%s: a %.64s database, expected %s", path,
		    type, want_asn ? "an ASN database (GeoLite2-ASN, "
		    "DBIP-ASN-Lite)" : "a City or Country database");
		return -1;
	}
	return 0;
}

static void
db_close(struct geo_db *db)
{
	if (db->open)
		MMDB_close(&db->mmdb);
	db->open = false;
}

/* Probes the search tree once so a broken file is refused at start. */
static int
db_probe(struct geo_db *db, char *err, size_t errlen)
{
	struct sockaddr_in sin;
	int st;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(0x01010101);
	(void)MMDB_lookup_sockaddr(&db->mmdb, (struct sockaddr *)&sin, &st);
	if (st != MMDB_SUCCESS) {
		snprintf(err, errlen, "%s: not a usable MaxMind DB file (%s)",
		    db->path, MMDB_strerror(st));
		return -1;
	}
	return 0;
}

struct nj_geo *
nj_geo_open(const char *city_path, const char *asn_path, char *err,
    size_t errlen)
{
	struct nj_geo *g;

	if (city_path == NULL && asn_path == NULL) {
		snprintf(err, errlen, "geoip: no database given");
		return NULL;
	}
	if ((g = calloc(1, sizeof(*g))) == NULL ||
	    (g->cache = nj_addrcache_new(NJ_GEO_CACHE_CAP,
	    sizeof(struct geo_cached))) == NULL) {
		snprintf(err, errlen, "geoip: %s", strerror(ENOMEM));
		free(g);
		return NULL;
	}
	if (city_path != NULL) {
		snprintf(g->paths[0], sizeof(g->paths[0]), "%s", city_path);
		if (db_open(&g->city, g->paths[0], false, err, errlen) != 0 ||
		    db_probe(&g->city, err, errlen) != 0)
			goto fail;
	}
	if (asn_path != NULL) {
		snprintf(g->paths[1], sizeof(g->paths[1]), "%s", asn_path);
		if (db_open(&g->asn, g->paths[1], true, err, errlen) != 0 ||
		    db_probe(&g->asn, err, errlen) != 0)
			goto fail;
	}
	g->c.cache_cap = NJ_GEO_CACHE_CAP;
	return g;
fail:
	nj_geo_close(g);
	return NULL;
}

void
nj_geo_close(struct nj_geo *g)
{
	if (g == NULL)
		return;
	db_close(&g->city);
	db_close(&g->asn);
	nj_addrcache_free(g->cache);
	free(g);
}

/* A string at path in the entry; false when absent or not a string. */
static bool
get_str(MMDB_entry_s *e, char *dst, size_t len, const char *const *path)
{
	MMDB_entry_data_s d;

	if (MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data ||
	    d.type != MMDB_DATA_TYPE_UTF8_STRING)
		return false;
	/* Outputs must carry the value as it is: valid UTF-8, cut whole. */
	(void)nj_utf8_sanitize(d.utf8_string, d.data_size, dst, len);
	return dst[0] != '\0';
}

static uint32_t
get_uint(MMDB_entry_s *e, const char *const *path)
{
	MMDB_entry_data_s d;

	if (MMDB_aget_value(e, &d, path) != MMDB_SUCCESS || !d.has_data)
		return 0;
	switch (d.type) {
	case MMDB_DATA_TYPE_UINT16:
		return d.uint16;
	case MMDB_DATA_TYPE_UINT32:
		return d.uint32;
	case MMDB_DATA_TYPE_UINT64:
		return d.uint64 <= UINT32_MAX ? (uint32_t)d.uint64 : 0;
	default:
		return 0;
	}
}

/* Looks a up in one database; 1 found, 0 not found, -1 error. */
static int
db_find(struct geo_db *db, const struct nj_addr *a, MMDB_entry_s *entry)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	MMDB_lookup_result_s r;
	int st;

	memset(&ss, 0, sizeof(ss));
	if (a->family == 4) {
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, a->a, 4);
	} else {
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, a->a, 16);
	}
	r = MMDB_lookup_sockaddr(&db->mmdb, (struct sockaddr *)&ss, &st);
	if (st == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR)
		return 0;
	if (st != MMDB_SUCCESS) {
		if (!db->warned)
			log_warnx("%s: lookup failed: %s (further failures "
			    "are only counted)", db->path, MMDB_strerror(st));
		db->warned = true;
		return -1;
	}
	if (!r.found_entry)
		return 0;
	*entry = r.entry;
	return 1;
}

static enum nj_geo_result
lookup_dbs(struct nj_geo *g, const struct nj_addr *a, struct nj_geo_info *o)
{
	static const char *const cc[] = { "country", "iso_code", NULL };
	static const char *const rcc[] = { "registered_country", "iso_code",
	    NULL };
	static const char *const cn[] = { "country", "names", "en", NULL };
	static const char *const rcn[] = { "registered_country", "names", "en",
	    NULL };
	static const char *const city[] = { "city", "names", "en", NULL };
	static const char *const asn[] = { "autonomous_system_number", NULL };
	static const char *const org[] = { "autonomous_system_organization",
	    NULL };
	MMDB_entry_s e;
	int r, err = 0;

	if (g->city.open) {
		if ((r = db_find(&g->city, a, &e)) < 0)
			err = 1;
		else if (r > 0) {
			/* An anycast or satellite block may have only the
			 * registered country. */
			if (!get_str(&e, o->country, sizeof(o->country), cc))
				(void)get_str(&e, o->country,
				    sizeof(o->country), rcc);
			if (!get_str(&e, o->country_name,
			    sizeof(o->country_name), cn))
				(void)get_str(&e, o->country_name,
				    sizeof(o->country_name), rcn);
			(void)get_str(&e, o->city, sizeof(o->city), city);
		}
	}
	if (g->asn.open) {
		if ((r = db_find(&g->asn, a, &e)) < 0)
			err = 1;
		else if (r > 0) {
			o->asn = get_uint(&e, asn);
			(void)get_str(&e, o->as_org, sizeof(o->as_org), org);
		}
	}
	if (o->country[0] || o->country_name[0] || o->city[0] || o->asn ||
	    o->as_org[0])
		return NJ_GEO_FOUND;
	return err ? NJ_GEO_ERROR : NJ_GEO_NOT_FOUND;
}

enum nj_geo_result
nj_geo_lookup(struct nj_geo *g, const struct nj_addr *addr,
    struct nj_geo_info *out)
{
	struct geo_cached *c;
	struct nj_addr a;

	memset(out, 0, sizeof(*out));
	g->c.lookups++;
	if (nj_geo_skip(addr)) {
		g->c.skipped++;
		return NJ_GEO_SKIPPED;
	}
	nj_geo_unmap(addr, &a);
	/* Lookups cannot change while the files are open: no expiry. */
	if ((c = nj_addrcache_get(g->cache, &a, 0)) != NULL) {
		*out = c->info;
		return c->res;
	}
	c = nj_addrcache_put(g->cache, &a, NJ_ADDRCACHE_NEVER);
	c->res = lookup_dbs(g, &a, &c->info);
	if (c->res == NJ_GEO_FOUND)
		g->c.found++;
	else if (c->res == NJ_GEO_NOT_FOUND)
		g->c.not_found++;
	else
		g->c.errors++;
	*out = c->info;
	return c->res;
}

void
nj_geo_counters(const struct nj_geo *g, struct nj_geo_counters *c)
{
	struct nj_addrcache_stats st;

	*c = g->c;
	nj_addrcache_stats(g->cache, &st);
	c->cache_hits = st.hits;
	c->cache_misses = st.misses;
	c->cache_evictions = st.evictions;
	c->cache_entries = st.entries;
	c->cache_cap = st.cap;
}

void
nj_geo_stats(const struct nj_geo *g, FILE *out)
{
	struct nj_geo_counters c;

	nj_geo_counters(g, &c);
	const struct { const char *name; uint64_t v; } rows[] = {
		{ "lookups", c.lookups }, { "skipped", c.skipped },
		{ "found", c.found }, { "not_found", c.not_found },
		{ "errors", c.errors }, { "cache_hits", c.cache_hits },
		{ "cache_misses", c.cache_misses },
		{ "cache_evictions", c.cache_evictions },
		{ "cache_entries", c.cache_entries },
		{ "cache_cap", c.cache_cap },
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		fprintf(out, "geo.%s %llu\n", rows[i].name,
		    (unsigned long long)rows[i].v);
}
